//! Format checks for everything a user types: labels, SIDs, secrets, senders.
//! Each failure is one sentence saying what is wrong and what a good value looks
//! like. Messages never contain a secret.

use crate::phone::E164;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct FormatError(pub String);

impl FormatError {
    /// Say where the value came from: a flag, a variable, a file line.
    pub fn at(self, source: &str) -> FormatError {
        FormatError(format!("{source}: {}", self.0))
    }
}

fn is_hex32(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn sid(value: &str, prefix: &str, what: &str) -> Result<String, FormatError> {
    let v = value.trim();
    match v.strip_prefix(prefix) {
        Some(rest) if is_hex32(rest) => Ok(v.to_string()),
        _ => Err(FormatError(format!(
            "{v:?} is not a valid {what}: expected {prefix} followed by 32 hexadecimal characters ({} characters in all{})",
            prefix.len() + 32,
            if v.starts_with(prefix) {
                format!(", got {}", v.chars().count())
            } else {
                format!(", starting with {prefix}")
            }
        ))),
    }
}

pub fn account_sid(v: &str) -> Result<String, FormatError> {
    sid(v, "AC", "Account SID")
}

pub fn api_key_sid(v: &str) -> Result<String, FormatError> {
    sid(v, "SK", "API Key SID")
}

pub fn messaging_service_sid(v: &str) -> Result<String, FormatError> {
    sid(v, "MG", "Messaging Service SID")
}

/// A Content template SID (`--content-sid`).
pub fn content_sid(v: &str) -> Result<String, FormatError> {
    sid(v, "HX", "Content template SID")
}

/// Labels: 1–50 characters of `a-z 0-9 - _ .`.
pub fn label(v: &str) -> Result<String, FormatError> {
    let ok = !v.is_empty()
        && v.len() <= 50
        && v.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        });
    if ok {
        Ok(v.to_string())
    } else {
        Err(FormatError(format!(
            "profile label {v:?} is not valid: use 1 to 50 characters of a-z, 0-9, '-', '_' and '.' (e.g. agency-prod)"
        )))
    }
}

/// An Auth Token or API Key Secret: 32 letters and digits. The message names
/// the kind and the length, never the value.
pub fn secret(v: &str, what: &str) -> Result<(), FormatError> {
    let n = v.chars().count();
    if n == 32 && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(())
    } else if n != 32 {
        Err(FormatError(format!(
            "the {what} must be 32 characters (letters and digits); the one given has {n}"
        )))
    } else {
        Err(FormatError(format!(
            "the {what} must be 32 letters and digits; the one given contains other characters"
        )))
    }
}

/// An alphanumeric sender ID: 1–11 characters, letters, digits and spaces,
/// at least one letter.
pub fn sender_id(v: &str) -> Result<String, FormatError> {
    if is_sender_id(v) {
        Ok(v.to_string())
    } else {
        Err(FormatError(format!(
            "sender ID {v:?} is not valid: use 1 to 11 characters of letters, digits and spaces, with at least one letter (e.g. GovTech)"
        )))
    }
}

/// Whether `v` is an alphanumeric sender ID (see [`sender_id`]).
pub fn is_sender_id(v: &str) -> bool {
    (1..=11).contains(&v.chars().count())
        && v.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        && v.chars().any(|c| c.is_ascii_alphabetic())
}

/// A phone number in strict E.164 (`+6591234567`), for senders and test numbers.
pub fn e164(v: &str, flag: &str) -> Result<E164, FormatError> {
    v.trim()
        .parse::<E164>()
        .map_err(|e| FormatError(format!("{flag}: {e}")))
}

/// E.164 syntax only (`+`, then 7 to 15 digits, no leading 0): for values
/// read back from profiles.toml, which were fully checked when they were
/// entered. Loading libphonenumber's metadata costs ~50 ms, too much for
/// `creds ls`.
pub fn e164_syntax(v: &str, what: &str) -> Result<(), FormatError> {
    if is_e164_syntax(v) {
        Ok(())
    } else {
        Err(FormatError(format!(
            "{what} {v:?} is not an E.164 number (+<country code><number>)"
        )))
    }
}

/// Whether `v` has E.164 syntax: `+`, then 7 to 15 digits, no leading 0.
pub fn is_e164_syntax(v: &str) -> bool {
    let digits = v.strip_prefix('+').unwrap_or("");
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// A WhatsApp sender: `whatsapp:+E164`.
pub fn whatsapp_from(v: &str) -> Result<String, FormatError> {
    let v = v.trim();
    match v.strip_prefix("whatsapp:") {
        Some(num) => Ok(format!("whatsapp:{}", e164(num, "--whatsapp-from")?)),
        None => Err(FormatError(format!(
            "--whatsapp-from {v:?} must be written whatsapp:+<number>, e.g. whatsapp:+14155238886"
        ))),
    }
}

/// Twilio's processing regions and the edge location each uses by default
/// (as Twilio's SDKs map them).
pub const TWILIO_REGIONS: &[(&str, &str)] = &[
    ("au1", "sydney"),
    ("br1", "sao-paulo"),
    ("de1", "frankfurt"),
    ("ie1", "dublin"),
    ("jp1", "tokyo"),
    ("jp2", "osaka"),
    ("sg1", "singapore"),
    ("us1", "ashburn"),
    ("us2", "umatilla"),
];

/// Twilio's public edge locations.
pub const TWILIO_EDGES: &[&str] = &[
    "ashburn",
    "dublin",
    "frankfurt",
    "osaka",
    "roaming",
    "sao-paulo",
    "singapore",
    "sydney",
    "tokyo",
    "umatilla",
];

/// A Twilio processing region (`ie1`), lower-cased.
pub fn twilio_region(v: &str) -> Result<String, FormatError> {
    let r = v.trim().to_ascii_lowercase();
    if TWILIO_REGIONS.iter().any(|(k, _)| *k == r) {
        return Ok(r);
    }
    let known: Vec<&str> = TWILIO_REGIONS.iter().map(|(k, _)| *k).collect();
    Err(FormatError(format!(
        "{v:?} is not a Twilio region; use one of {} (e.g. ie1 for Ireland)",
        known.join(", ")
    )))
}

/// A Twilio edge location (`dublin`), lower-cased.
pub fn twilio_edge(v: &str) -> Result<String, FormatError> {
    let e = v.trim().to_ascii_lowercase();
    if TWILIO_EDGES.contains(&e.as_str()) {
        return Ok(e);
    }
    Err(FormatError(format!(
        "{v:?} is not a Twilio edge location; use one of {}",
        TWILIO_EDGES.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sids() {
        let ac = format!("AC{}", "a".repeat(32));
        assert_eq!(account_sid(&ac).unwrap(), ac);
        assert_eq!(
            account_sid("AC123").unwrap_err().0,
            "\"AC123\" is not a valid Account SID: expected AC followed by 32 hexadecimal characters (34 characters in all, got 5)"
        );
        assert!(
            account_sid(&format!("SK{}", "a".repeat(32)))
                .unwrap_err()
                .0
                .contains("starting with AC")
        );
        assert!(api_key_sid(&format!("SK{}", "0".repeat(32))).is_ok());
        assert!(messaging_service_sid(&format!("MG{}", "g".repeat(32))).is_err());
    }

    #[test]
    fn labels() {
        assert!(label("agency-prod_2.x").is_ok());
        assert!(label("").is_err());
        assert!(label("Agency").is_err());
        assert!(label(&"a".repeat(51)).is_err());
        assert!(label(&"a".repeat(50)).is_ok());
        assert!(label("a b").is_err());
    }

    #[test]
    fn secrets_never_echoed() {
        let e = secret("hunter2-is-my-password", "Auth Token").unwrap_err();
        assert!(!e.0.contains("hunter2"));
        assert!(secret(&"x".repeat(32), "Auth Token").is_ok());
        assert!(secret(&format!("{}!", "x".repeat(31)), "Auth Token").is_err());
    }

    #[test]
    fn sender_ids() {
        assert!(sender_id("GovTech").is_ok());
        assert!(sender_id("Gov Tech 1").is_ok());
        assert!(sender_id("12345").is_err());
        assert!(sender_id("ABCDEFGHIJKL").is_err());
        assert!(sender_id("Gov-Tech").is_err());
        assert!(sender_id("").is_err());
    }
}
