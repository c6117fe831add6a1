//! Twilio's business rules as the sandbox applies them: create-message validation with
//! Twilio's error codes and messages (including the test-credential magic numbers), and
//! segment counting.

use smsctl_sms::MAX_BODY_CHARS;

use super::{FROM_NUMBER, MESSAGING_SERVICE_SID, WHATSAPP_FROM};

/// A Twilio REST error: HTTP status, Twilio code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ApiError {
    pub status: u16,
    pub code: u32,
    pub message: String,
}

impl ApiError {
    pub fn new(status: u16, code: u32, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn bad(code: u32, message: impl Into<String>) -> ApiError {
        ApiError::new(400, code, message)
    }

    /// 401 / 20003, Twilio's answer to missing or wrong credentials.
    pub fn authenticate() -> ApiError {
        ApiError::new(401, 20003, "Authenticate")
    }

    /// 404 / 20404 for `path`.
    pub fn not_found(path: &str) -> ApiError {
        ApiError::new(
            404,
            20404,
            format!("The requested resource {path} was not found"),
        )
    }

    /// 405 / 20004.
    pub fn method_not_allowed() -> ApiError {
        ApiError::new(405, 20004, "Method not allowed")
    }
}

/// The form fields of a create-message request that the sandbox reads.
#[derive(Debug, Default)]
pub(super) struct CreateForm<'a> {
    pub to: Option<&'a str>,
    pub from: Option<&'a str>,
    pub body: Option<&'a str>,
    pub service: Option<&'a str>,
    /// `MediaUrl`s were given: a message may have no `Body`.
    pub media: bool,
}

/// Who the message is from, after validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sender<'a> {
    /// [`FROM_NUMBER`].
    Number,
    /// [`WHATSAPP_FROM`].
    WhatsApp,
    /// An alphanumeric sender ID.
    Alpha(&'a str),
    /// Only a Messaging Service: the sandbox's pool picks [`FROM_NUMBER`] or
    /// [`WHATSAPP_FROM`] by channel.
    Pool,
}

/// A create request that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Accepted<'a> {
    /// `To` digits without `+`.
    pub to: u64,
    pub whatsapp: bool,
    pub sender: Sender<'a>,
    pub via_service: bool,
    pub body: &'a str,
    pub segments: u8,
}

/// Validates a create-message request in Twilio's order of checks.
///
/// Channel mismatch (a `whatsapp:` address on one side only) is reported as 21910,
/// "Invalid From and To pair. From and To should be of the same channel"; an unknown
/// `whatsapp:` From as 63007.
pub(super) fn validate<'a>(f: &CreateForm<'a>) -> Result<Accepted<'a>, ApiError> {
    let to =
        nonempty(f.to).ok_or_else(|| ApiError::bad(21604, "A 'To' phone number is required."))?;
    let body = match nonempty(f.body) {
        Some(b) => b,
        None if f.media => "",
        None => return Err(ApiError::bad(21602, "Message body is required.")),
    };
    let from = nonempty(f.from);
    let service = nonempty(f.service);
    if from.is_none() && service.is_none() {
        return Err(ApiError::bad(21603, "A 'From' phone number is required."));
    }
    if let Some(mg) = service
        && mg != MESSAGING_SERVICE_SID
    {
        return Err(ApiError::bad(
            21701,
            format!("The Messaging Service Sid {mg} is invalid."),
        ));
    }
    let sender = match from {
        None => Sender::Pool,
        Some(from) => check_from(from)?,
    };
    let (to_whatsapp, to_number) = match to.strip_prefix("whatsapp:") {
        Some(n) => (true, n),
        None => (false, to),
    };
    let to_digits = e164_digits(to_number)
        .filter(|_| to_number != "+15005550001")
        .ok_or_else(|| {
            ApiError::bad(
                21211,
                format!("The 'To' number {to} is not a valid phone number."),
            )
        })?;
    let from_whatsapp = match sender {
        Sender::WhatsApp => true,
        Sender::Number | Sender::Alpha(_) => false,
        Sender::Pool => to_whatsapp,
    };
    if from_whatsapp != to_whatsapp {
        return Err(ApiError::bad(
            21910,
            "Invalid From and To pair. From and To should be of the same channel",
        ));
    }
    if let Some(from) = from
        && from == to
    {
        return Err(ApiError::bad(
            21266,
            format!("'To' and 'From' number cannot be the same: {to}"),
        ));
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(ApiError::bad(
            21617,
            "The concatenated message body exceeds the 1600 character limit.",
        ));
    }
    let shown_from = from.unwrap_or(if to_whatsapp {
        WHATSAPP_FROM
    } else {
        FROM_NUMBER
    });
    match to_number {
        "+15005550002" => {
            return Err(ApiError::bad(
                21612,
                format!(
                    "The 'To' phone number: {to}, is not currently reachable using the \
                     'From' phone number: {shown_from} via SMS."
                ),
            ));
        }
        "+15005550003" => {
            return Err(ApiError::bad(
                21408,
                format!(
                    "Permission to send an SMS has not been enabled for the region \
                     indicated by the 'To' number: {to}."
                ),
            ));
        }
        "+15005550004" => {
            return Err(ApiError::bad(
                21610,
                "Attempt to send to unsubscribed recipient",
            ));
        }
        "+15005550009" => {
            return Err(ApiError::bad(
                21614,
                "'To' number is not a valid mobile number",
            ));
        }
        _ => {}
    }
    if from == Some("+15005550008") {
        return Err(ApiError::bad(
            21611,
            "This 'From' number has exceeded the maximum number of queued messages",
        ));
    }
    let segments = if to_whatsapp { 1 } else { segments(body) };
    Ok(Accepted {
        to: to_digits,
        whatsapp: to_whatsapp,
        sender,
        via_service: service.is_some(),
        body,
        segments,
    })
}

fn nonempty(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.is_empty())
}

/// Checks a `From` value: the sandbox's number, its WhatsApp sender, an alphanumeric sender
/// ID, or one of the magic numbers.
fn check_from(from: &str) -> Result<Sender<'_>, ApiError> {
    if from == FROM_NUMBER {
        return Ok(Sender::Number);
    }
    if from == WHATSAPP_FROM {
        return Ok(Sender::WhatsApp);
    }
    if from == "+15005550008" {
        // Valid sender; fails later with 21611 (queue full) once the rest is checked.
        return Ok(Sender::Number);
    }
    if let Some(number) = from.strip_prefix("whatsapp:") {
        if e164_digits(number).is_some() {
            return Err(ApiError::bad(
                63007,
                "Twilio could not find a Channel with the specified From address",
            ));
        }
    } else if from != "+15005550001" && e164_digits(from).is_some() {
        return Err(ApiError::bad(
            21606,
            format!(
                "The From phone number {from} is not a valid, SMS-capable inbound phone \
                 number or short code for your account."
            ),
        ));
    } else if is_sender_id(from) {
        return Ok(Sender::Alpha(from));
    }
    Err(ApiError::bad(
        21212,
        format!(
            "The 'From' number {from} is not a valid phone number, shortcode, or \
             alphanumeric sender ID."
        ),
    ))
}

/// The digits of an E.164 number (`^\+[1-9]\d{6,14}$`).
pub(super) fn e164_digits(s: &str) -> Option<u64> {
    if !is_e164_syntax(s) {
        return None;
    }
    s[1..].parse().ok()
}

/// Twilio's E.164 syntax: `+`, then 7 to 15 digits, no leading 0.
fn is_e164_syntax(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or("");
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// An alphanumeric sender ID: 1–11 letters, digits and spaces, at least one letter.
fn is_sender_id(s: &str) -> bool {
    (1..=11).contains(&s.chars().count())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// SMS segments, counted as smsctl counts them ([`smsctl_sms::analyze`]): GSM-7 160 for a
/// single / 153 per concatenated part, else UCS-2 70 / 67, never splitting an escape
/// sequence or a surrogate pair across two parts.
pub(super) fn segments(body: &str) -> u8 {
    u8::try_from(smsctl_sms::analyze(body).segments).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>(to: &'a str, from: &'a str, body: &'a str) -> CreateForm<'a> {
        CreateForm {
            to: Some(to),
            from: Some(from),
            body: Some(body),
            service: None,
            media: false,
        }
    }

    fn code(f: CreateForm<'_>) -> u32 {
        validate(&f).map(|_| 0).unwrap_or_else(|e| e.code)
    }

    #[test]
    fn codes() {
        assert_eq!(code(form("+6591234567", FROM_NUMBER, "hi")), 0);
        assert_eq!(code(form("", FROM_NUMBER, "hi")), 21604);
        assert_eq!(code(form("+6591234567", FROM_NUMBER, "")), 21602);
        assert_eq!(code(form("+6591234567", "", "hi")), 21603);
        assert_eq!(code(form("91234567", FROM_NUMBER, "hi")), 21211);
        assert_eq!(code(form("+6591234567", "+6591234567", "hi")), 21606);
        assert_eq!(code(form("+6591234567", "Acme Ltd", "hi")), 0);
        assert_eq!(code(form("+6591234567", "12345", "hi")), 21212);
        assert_eq!(code(form("+6591234567", "Way too long id", "hi")), 21212);
        assert_eq!(code(form("whatsapp:+6591234567", FROM_NUMBER, "hi")), 21910);
        assert_eq!(code(form("+6591234567", WHATSAPP_FROM, "hi")), 21910);
        assert_eq!(code(form("whatsapp:+6591234567", WHATSAPP_FROM, "hi")), 0);
        assert_eq!(
            code(form("whatsapp:+6591234567", "whatsapp:+6500000000", "hi")),
            63007
        );
        assert_eq!(code(form(FROM_NUMBER, FROM_NUMBER, "hi")), 21266);
        let long = "a".repeat(1601);
        assert_eq!(code(form("+6591234567", FROM_NUMBER, &long)), 21617);
        assert_eq!(code(form("+6591234567", FROM_NUMBER, &long[..1600])), 0);
        let mut f = form("+6591234567", "", "hi");
        f.service = Some("MG00000000000000000000000000000000");
        assert_eq!(code(f), 21701);
        let mut f = form("whatsapp:+6591234567", "", "hi");
        f.service = Some(MESSAGING_SERVICE_SID);
        assert_eq!(code(f), 0);
    }

    #[test]
    fn magic_numbers() {
        for (from, c) in [
            ("+15005550001", 21212),
            ("+15005550007", 21606),
            ("+15005550008", 21611),
        ] {
            assert_eq!(code(form("+6591234567", from, "hi")), c, "{from}");
        }
        for (to, c) in [
            ("+15005550001", 21211),
            ("+15005550002", 21612),
            ("+15005550003", 21408),
            ("+15005550004", 21610),
            ("+15005550009", 21614),
        ] {
            assert_eq!(code(form(to, FROM_NUMBER, "hi")), c, "{to}");
        }
    }

    #[test]
    fn segment_counts() {
        assert_eq!(segments("hello"), 1);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"a".repeat(306)), 2);
        assert_eq!(segments(&"a".repeat(307)), 3);
        assert_eq!(segments(&"{".repeat(80)), 1);
        assert_eq!(segments(&"{".repeat(81)), 2);
        assert_eq!(segments("Zoë café"), 1);
        assert_eq!(segments(&"✓".repeat(70)), 1);
        assert_eq!(segments(&"✓".repeat(71)), 2);
        assert_eq!(segments(&"😀".repeat(35)), 1);
        assert_eq!(segments(&"😀".repeat(36)), 2);
    }
}
