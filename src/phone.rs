//! Phone numbers: parsing, normalisation to E.164 (owned by the phone/sms helper).
//!
//! [`parse_number`] accepts what people type or paste (`+65 9123-4567`, `0065 9123 4567`,
//! `(415) 555-2671` with a default region) and returns a validated [`E164`]: a number that
//! libphonenumber (the `phonenumber` crate) considers *valid*, not merely well formed.
//!
//! The hot path (a campaign dry run parses a million numbers) cleans the input into a stack
//! buffer and builds the E.164 string with one allocation; what `phonenumber` allocates
//! internally is out of our hands.

use std::fmt::{self, Write as _};
use std::str::FromStr;
use std::sync::LazyLock;

use phonenumber::country::Id;
use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use phonenumber::{ParseError, PhoneNumber};

/// E.164 allows at most 15 digits, country code included.
const MAX_E164_DIGITS: usize = 15;
/// Digits accepted in a local number: a trunk prefix or an international dialling prefix
/// (e.g. `011` in the US) may come on top of the 15 digits.
const MAX_INPUT_DIGITS: usize = 20;

/// A validated phone number in E.164 form: `+<country code><national number>`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct E164(String);

impl E164 {
    /// The number as `+6591234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country calling code (65 for `+6591234567`, 1 for all of NANP).
    pub fn country_code(&self) -> u16 {
        let digits = &self.0.as_bytes()[1..];
        let mut code = 0u16;
        // Country codes are prefix-free, so the first known prefix is the code.
        for &d in digits.iter().take(3) {
            code = code * 10 + u16::from(d - b'0');
            if COUNTRY_CODES[usize::from(code)] {
                return code;
            }
        }
        // Unreachable for a validated number; fall back to the first digit.
        u16::from(digits[0] - b'0')
    }

    /// The national significant number: the digits after the country code.
    pub fn national_number(&self) -> &str {
        let cc_len = match self.country_code() {
            0..=9 => 1,
            10..=99 => 2,
            _ => 3,
        };
        &self.0[1 + cc_len..]
    }

    /// The ISO region the number belongs to (`"SG"`, `"US"`, `"CA"`), or `None` for
    /// non-geographic numbers such as `+800` freephone.
    pub fn region(&self) -> Option<String> {
        region_of(self.country_code(), self.national_number()).map(|r| r.code().to_string())
    }

    /// The digits as a number (`6591234567`): a compact key, E.164 has at most 15 digits.
    pub fn as_u64(&self) -> u64 {
        self.0.as_bytes()[1..]
            .iter()
            .fold(0u64, |acc, &d| acc * 10 + u64::from(d - b'0'))
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for E164 {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Same as `parse_number(s, None)`: the number must carry its country code (`+` or `00`).
impl FromStr for E164 {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_number(s, None)
    }
}

impl TryFrom<String> for E164 {
    type Error = PhoneError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        parse_number(&s, None)
    }
}

impl From<E164> for String {
    fn from(n: E164) -> String {
        n.0
    }
}

/// A region (ISO 3166 two-letter code) known to libphonenumber, used to read local numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(Id);

impl Region {
    /// The two-letter code, e.g. `"SG"`.
    pub fn code(&self) -> &'static str {
        let id: &str = self.0.as_ref();
        if let Ok(i) = REGION_NAMES.binary_search_by(|(code, _)| (*code).cmp(id)) {
            return REGION_NAMES[i].0;
        }
        DATABASE.by_id(id).map(Metadata::id).unwrap_or("ZZ")
    }

    /// The English name, e.g. `"Singapore"` (the code if we have no name for it).
    pub fn name(&self) -> &'static str {
        let id: &str = self.0.as_ref();
        match REGION_NAMES.binary_search_by(|(code, _)| (*code).cmp(id)) {
            Ok(i) => REGION_NAMES[i].1,
            Err(_) => self.code(),
        }
    }

    /// The country calling code of the region (65 for SG, 1 for US and CA).
    pub fn country_code(&self) -> u16 {
        DATABASE
            .by_id(self.0.as_ref())
            .map_or(0, Metadata::country_code)
    }

    /// The `phonenumber` identifier.
    pub fn id(&self) -> Id {
        self.0
    }
}

impl From<Id> for Region {
    fn from(id: Id) -> Self {
        Region(id)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `"SG"`, `"sg"`, `" sg "`; `"UK"` is accepted for GB.
impl FromStr for Region {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let unknown = || PhoneError::UnknownRegion {
            input: t.to_string(),
        };
        let b = t.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_alphabetic) {
            return Err(unknown());
        }
        let upper = [b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()];
        let code = match &upper {
            b"UK" => "GB",
            other => std::str::from_utf8(other).map_err(|_| unknown())?,
        };
        let id = Id::from_str(code).map_err(|_| unknown())?;
        // Every region in the `Id` enum has metadata, but be sure: parsing relies on it.
        if DATABASE.by_id(code).is_none() {
            return Err(unknown());
        }
        Ok(Region(id))
    }
}

/// Why a number with a country code is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidReason {
    TooShort,
    TooLong,
    UnknownCountryCode,
    /// Right length, but not in any range in use (and no single region to blame).
    Unassigned {
        country_code: u16,
    },
}

impl fmt::Display for InvalidReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidReason::TooShort => f.write_str("too short"),
            InvalidReason::TooLong => f.write_str("too long"),
            InvalidReason::UnknownCountryCode => f.write_str("unknown country code"),
            InvalidReason::Unassigned { country_code } => write!(
                f,
                "not in a number range in use for country code +{country_code}"
            ),
        }
    }
}

/// Why a phone number or region was refused. Each message quotes the input.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum PhoneError {
    #[error("the phone number is empty")]
    Empty,
    #[error(
        "{input:?} starts with \"whatsapp:\": give the bare number (+<country code>…); the channel is chosen separately"
    )]
    WhatsAppPrefix { input: String },
    #[error("{input:?} is not a phone number")]
    NotANumber { input: String },
    #[error(
        "{input:?} is not a phone number: unexpected {found:?} (use digits, a leading + or 00, spaces, dashes, dots and parentheses)"
    )]
    UnexpectedCharacter { input: String, found: char },
    #[error(
        "{input:?} has no country code: write it as +<country code>… or pass --default-region (e.g. --default-region SG)"
    )]
    MissingCountryCode { input: String },
    #[error("{input:?} is not a valid phone number: {reason}")]
    Invalid {
        input: String,
        reason: InvalidReason,
    },
    #[error("{input:?} is not a valid number for {} ({})", region.name(), region.code())]
    InvalidForRegion { input: String, region: Region },
    #[error("{input:?} is not a known region code (use a two-letter ISO code such as SG, US, GB)")]
    UnknownRegion { input: String },
}

/// Parses a number as typed or pasted and returns it in validated E.164 form.
///
/// Spaces, dashes, dots and parentheses are ignored. A leading `+` or `00` means the number
/// carries its country code; otherwise it is read as a local number of `default_region`
/// (which also understands that region's own international prefix, e.g. `011` in the US).
/// The result must be a *valid* number per libphonenumber.
pub fn parse_number(input: &str, default_region: Option<Region>) -> Result<E164, PhoneError> {
    parse_number_accepting(input, default_region, &[])
}

/// [`parse_number`], also accepting the numbers of `extra` (in E.164 form) should
/// libphonenumber not consider them valid: a test server's fixed numbers, such as the
/// sandbox's `smsctl_sandbox::TEST_NUMBERS` on the `--sandbox` paths.
pub fn parse_number_accepting(
    input: &str,
    default_region: Option<Region>,
    extra: &[&str],
) -> Result<E164, PhoneError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(PhoneError::Empty);
    }
    if s.len() >= 9 && s.as_bytes()[..9].eq_ignore_ascii_case(b"whatsapp:") {
        return Err(PhoneError::WhatsAppPrefix { input: s.into() });
    }

    // buf[0] is room for a '+' in front of the digits.
    let mut buf = [b'+'; 1 + MAX_INPUT_DIGITS];
    let mut n = 0usize;
    let mut plus = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                if n == MAX_INPUT_DIGITS {
                    return Err(invalid(s, InvalidReason::TooLong));
                }
                buf[1 + n] = c as u8;
                n += 1;
            }
            '+' if n == 0 && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            found => {
                return Err(if s.bytes().any(|b| b.is_ascii_digit()) {
                    PhoneError::UnexpectedCharacter {
                        input: s.into(),
                        found,
                    }
                } else {
                    PhoneError::NotANumber { input: s.into() }
                });
            }
        }
    }
    if n == 0 {
        return Err(PhoneError::NotANumber { input: s.into() });
    }

    let idd00 = !plus && n >= 2 && buf[1] == b'0' && buf[2] == b'0';
    let (text, region) = if plus || idd00 {
        // "+<digits>", or for "00<digits>" the '+' overwrites the second '0'.
        let start = if idd00 { 2 } else { 0 };
        if idd00 {
            buf[2] = b'+';
        }
        let digits = if idd00 { n - 2 } else { n };
        if digits > MAX_E164_DIGITS {
            return Err(invalid(s, InvalidReason::TooLong));
        }
        (&buf[start..=n], None)
    } else {
        match default_region {
            Some(r) => (&buf[1..=n], Some(r.0)),
            None => return Err(PhoneError::MissingCountryCode { input: s.into() }),
        }
    };
    // Only ASCII digits and '+' were written to the buffer.
    let text = std::str::from_utf8(text).map_err(|_| PhoneError::NotANumber { input: s.into() })?;

    let pn = phonenumber::parse(region, text).map_err(|e| {
        invalid(
            s,
            match e {
                ParseError::InvalidCountryCode => InvalidReason::UnknownCountryCode,
                ParseError::TooLong => InvalidReason::TooLong,
                // NoNumber: we know there are digits, so there were too few of them.
                _ => InvalidReason::TooShort,
            },
        )
    })?;

    let mut out = String::with_capacity(1 + MAX_E164_DIGITS);
    let _ = write!(out, "+{}{}", pn.code().value(), pn.national());
    if !phonenumber::is_valid(&pn) && !extra.contains(&out.as_str()) {
        return Err(classify_invalid(s, &pn, default_region));
    }
    Ok(E164(out))
}

fn invalid(input: &str, reason: InvalidReason) -> PhoneError {
    PhoneError::Invalid {
        input: input.into(),
        reason,
    }
}

/// Works out the most specific reason a parsed number is not valid (error path only).
fn classify_invalid(input: &str, pn: &PhoneNumber, default_region: Option<Region>) -> PhoneError {
    let cc = pn.code().value();
    let Some(metas) = DATABASE.by_code(&cc) else {
        return invalid(input, InvalidReason::UnknownCountryCode);
    };
    let national = pn.national().to_string();
    let len = national.len() as u16;
    // The general descriptor carries no lengths in this metadata: use those of every type.
    let lengths = metas.iter().flat_map(|m| {
        number_types(m)
            .into_iter()
            .flatten()
            .flat_map(|d| d.possible_length().iter().copied())
    });
    if let (Some(min), Some(max)) = (lengths.clone().min(), lengths.max()) {
        if len < min {
            return invalid(input, InvalidReason::TooShort);
        }
        if len > max {
            return invalid(input, InvalidReason::TooLong);
        }
    }
    match region_of(cc, &national).or(default_region.filter(|r| r.country_code() == cc)) {
        Some(region) => PhoneError::InvalidForRegion {
            input: input.into(),
            region,
        },
        None => invalid(input, InvalidReason::Unassigned { country_code: cc }),
    }
}

/// The region a number belongs to, as libphonenumber decides it: the only region of its
/// country code, else the first region whose leading digits (or number patterns) match.
/// Unlike `phonenumber`'s own `Country::id`, this keeps leading zeros of the national number
/// (Italy: +39 06…).
fn region_of(cc: u16, national: &str) -> Option<Region> {
    let regions = DATABASE.region(&cc)?;
    if let [only] = regions[..] {
        return Id::from_str(only).ok().map(Region);
    }
    regions
        .iter()
        .find(|id| {
            DATABASE
                .by_id(**id)
                .is_some_and(|meta| match meta.leading_digits() {
                    Some(re) => re.find(national).is_some_and(|m| m.start() == 0),
                    None => has_number_type(meta, national),
                })
        })
        .and_then(|id| Id::from_str(id).ok().map(Region))
}

/// Whether the national number matches any number type of the region (libphonenumber's
/// `getNumberType(...) != UNKNOWN`).
fn has_number_type(meta: &Metadata, national: &str) -> bool {
    meta.descriptors().general().is_match(national)
        && number_types(meta)
            .into_iter()
            .flatten()
            .any(|desc| desc.is_match(national))
}

/// The descriptors of each number type of a region (libphonenumber's order).
fn number_types(meta: &Metadata) -> [Option<&Descriptor>; 10] {
    let d = meta.descriptors();
    [
        d.premium_rate(),
        d.toll_free(),
        d.shared_cost(),
        d.voip(),
        d.personal_number(),
        d.pager(),
        d.uan(),
        d.voicemail(),
        d.fixed_line(),
        d.mobile(),
    ]
}

/// Country calling codes in use, indexed by code (built once from the metadata).
static COUNTRY_CODES: LazyLock<[bool; 1000]> = LazyLock::new(|| {
    let mut known = [false; 1000];
    for (code, slot) in known.iter_mut().enumerate().skip(1) {
        *slot = DATABASE.region(&(code as u16)).is_some();
    }
    known
});

/// Whether an alphanumeric sender ID can be used towards this number. NANP (+1: the US,
/// Canada and the other +1 countries) does not support them.
pub fn alpha_sender_supported(to: &E164) -> bool {
    !to.as_str().starts_with("+1")
}

/// English names of the regions libphonenumber knows, sorted by code.
const REGION_NAMES: &[(&str, &str)] = &[
    ("AC", "Ascension Island"),
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AR", "Argentina"),
    ("AS", "American Samoa"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AX", "Åland Islands"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthélemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei"),
    ("BO", "Bolivia"),
    ("BQ", "Caribbean Netherlands"),
    ("BR", "Brazil"),
    ("BS", "Bahamas"),
    ("BT", "Bhutan"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "Congo - Kinshasa"),
    ("CF", "Central African Republic"),
    ("CG", "Congo - Brazzaville"),
    ("CH", "Switzerland"),
    ("CI", "Côte d’Ivoire"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba"),
    ("CV", "Cape Verde"),
    ("CW", "Curaçao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia"),
    ("FO", "Faroe Islands"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Isle of Man"),
    ("IN", "India"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq"),
    ("IR", "Iran"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Laos"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Moldova"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macao"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PR", "Puerto Rico"),
    ("PS", "Palestine"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RE", "Réunion"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russia"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SH", "Saint Helena"),
    ("SI", "Slovenia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "São Tomé and Príncipe"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten"),
    ("SY", "Syria"),
    ("SZ", "Eswatini"),
    ("TA", "Tristan da Cunha"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Türkiye"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("US", "United States"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Vatican City"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("VG", "British Virgin Islands"),
    ("VI", "U.S. Virgin Islands"),
    ("VN", "Vietnam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    ("XK", "Kosovo"),
    ("YE", "Yemen"),
    ("YT", "Mayotte"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_metadata_is_valid() {
        // The bundled database is built without a syntax check of each pattern
        // (vendor/phonenumber, for start-up time): the checked path, over the same
        // metadata, proves every pattern valid.
        let xml = include_str!("../vendor/phonenumber/assets/PhoneNumberMetadata.xml");
        let checked = phonenumber::metadata::Database::parse(xml).expect("every pattern is valid");
        assert_eq!(
            checked.iter().count(),
            phonenumber::metadata::DATABASE.iter().count()
        );
    }

    #[test]
    fn the_vendored_parsers_fast_paths_give_what_the_full_parsers_give() {
        // vendor/phonenumber skips its regular expressions and combinators for
        // plain digits (optionally after one '+'); over every length and a spread
        // of digit strings, with and without the '+', the answers must be the same.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next_digit = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            b'0' + (seed % 10) as u8
        };
        let mut checked = 0;
        for len in 0..=22 {
            for round in 0..400 {
                let mut digits: Vec<u8> = (0..len).map(|_| next_digit()).collect();
                // Leading zeros and IDD-looking prefixes get their own share.
                if round % 4 == 1 && len > 0 {
                    digits[0] = b'0';
                }
                if round % 4 == 2 && len > 1 {
                    digits[0] = b'0';
                    digits[1] = b'0';
                }
                let digits = String::from_utf8(digits).unwrap();
                for s in [digits.clone(), format!("+{digits}")] {
                    assert!(
                        phonenumber::fast_paths_agree(&s),
                        "fast path differs for {s:?}"
                    );
                    checked += 1;
                }
            }
        }
        for s in [
            "",
            "+",
            "++1",
            "+ 1",
            "1+1+1",
            "80+0",
            "00",
            "111",
            "0800-4-pizza",
        ] {
            assert!(phonenumber::fast_paths_agree(s), "differs for {s:?}");
        }
        assert_eq!(checked, 23 * 400 * 2);
    }

    #[test]
    fn the_vendored_ascii_patterns_match_what_unicode_patterns_match() {
        // vendor/phonenumber compiles its number patterns with Unicode mode off
        // (`\d` = `[0-9]`); on the ASCII digits it is given the matches must be
        // those of upstream's Unicode-mode patterns. A spread of regions, each
        // over its own example numbers and variations of them.
        let regions = [
            "SG", "US", "GB", "DE", "IN", "BR", "CN", "FR", "JP", "AU", "NG", "MX", "RU", "AR",
            "IT", "ID",
        ];
        assert!(phonenumber::ascii_patterns_agree(&regions));
        assert!(
            !phonenumber::ascii_patterns_agree(&["XX"]),
            "an unknown region is not a pass"
        );
    }

    fn region(code: &str) -> Region {
        code.parse().unwrap()
    }

    fn e164(input: &str, default_region: Option<&str>) -> String {
        parse_number(input, default_region.map(region))
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .to_string()
    }

    fn err(input: &str, default_region: Option<&str>) -> String {
        parse_number(input, default_region.map(region))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn international_forms() {
        assert_eq!(e164("+6591234567", None), "+6591234567");
        assert_eq!(e164("+65 9123-4567", None), "+6591234567");
        assert_eq!(e164("0065 9123 4567", None), "+6591234567");
        assert_eq!(e164("  +65.9123.4567\n", None), "+6591234567");
        assert_eq!(e164("(+65) 9123 4567", None), "+6591234567");
        assert_eq!(e164("+1 (415) 555-2671", None), "+14155552671");
        assert_eq!(e164("+44 20 7946 0958", None), "+442079460958");
        // A default region does not change a number that has a country code.
        assert_eq!(e164("+44 20 7946 0958", Some("SG")), "+442079460958");
        assert_eq!(e164("0044 20 7946 0958", Some("SG")), "+442079460958");
        // Italian numbers keep their leading zero.
        assert_eq!(e164("+39 06 1234 5678", None), "+390612345678");
    }

    #[test]
    fn local_forms_with_default_region() {
        assert_eq!(e164("9123 4567", Some("SG")), "+6591234567");
        assert_eq!(e164("9123 4567", Some("sg")), "+6591234567");
        assert_eq!(e164("(415) 555-2671", Some("US")), "+14155552671");
        assert_eq!(e164("415.555.2671", Some("US")), "+14155552671");
        // The trunk prefix is dropped, the region's own international prefix understood.
        assert_eq!(e164("020 7946 0958", Some("GB")), "+442079460958");
        assert_eq!(e164("011 65 9123 4567", Some("US")), "+6591234567");
    }

    #[test]
    fn twilio_magic_numbers_are_valid() {
        for last in 1..=9 {
            let s = format!("+1500555000{last}");
            let n = parse_number(&s, None).unwrap();
            assert_eq!(n.as_str(), s);
            assert_eq!(n.country_code(), 1);
            assert!(!alpha_sender_supported(&n));
        }
        assert_eq!(e164("+1 500-555-0006", None), "+15005550006");
        assert_eq!(e164("(500) 555-0006", Some("US")), "+15005550006");
    }

    #[test]
    fn extra_numbers_are_accepted_only_when_asked() {
        let extra = ["+15551234567"];
        assert_eq!(
            parse_number_accepting("+1 555 123 4567", None, &extra)
                .unwrap()
                .as_str(),
            "+15551234567"
        );
        assert!(parse_number("+1 555 123 4567", None).is_err());
        assert!(parse_number_accepting("+1 555 123 4568", None, &extra).is_err());
        // Still parsed as usual: a default region, then the list.
        let us = Some("US".parse().unwrap());
        assert!(parse_number_accepting("555 123 4567", us, &extra).is_ok());
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            err("+1555", None),
            r#""+1555" is not a valid phone number: too short"#
        );
        assert_eq!(
            err("9123 4567", None),
            r#""9123 4567" has no country code: write it as +<country code>… or pass --default-region (e.g. --default-region SG)"#
        );
        assert_eq!(err("abc", None), r#""abc" is not a phone number"#);
        assert_eq!(err("  abc  ", Some("SG")), r#""abc" is not a phone number"#);
        assert_eq!(
            err("+65 1234 5678", None),
            r#""+65 1234 5678" is not a valid number for Singapore (SG)"#
        );
        assert_eq!(
            err("1234 5678", Some("SG")),
            r#""1234 5678" is not a valid number for Singapore (SG)"#
        );
        assert_eq!(
            err("+65 9123 4567 abc", None),
            r#""+65 9123 4567 abc" is not a phone number: unexpected 'a' (use digits, a leading + or 00, spaces, dashes, dots and parentheses)"#
        );
        assert_eq!(
            err("+65 9123 4567 ext 12", None),
            r#""+65 9123 4567 ext 12" is not a phone number: unexpected 'e' (use digits, a leading + or 00, spaces, dashes, dots and parentheses)"#
        );
        assert_eq!(
            err("+999 1234 5678", None),
            r#""+999 1234 5678" is not a valid phone number: unknown country code"#
        );
        assert_eq!(
            err("+65 9123 4567 8901 2345", None),
            r#""+65 9123 4567 8901 2345" is not a valid phone number: too long"#
        );
        assert_eq!(
            err("+65 9123 4567 8901", None),
            r#""+65 9123 4567 8901" is not a valid phone number: too long"#
        );
        assert_eq!(
            err("+1", None),
            r#""+1" is not a valid phone number: too short"#
        );
        assert_eq!(
            err("+1 555 123 4567", None),
            r#""+1 555 123 4567" is not a valid phone number: not in a number range in use for country code +1"#
        );
        assert_eq!(
            err("555 123 4567", Some("US")),
            r#""555 123 4567" is not a valid number for United States (US)"#
        );
        assert_eq!(err("   ", None), "the phone number is empty");
        assert_eq!(
            err("whatsapp:+6591234567", None),
            r#""whatsapp:+6591234567" starts with "whatsapp:": give the bare number (+<country code>…); the channel is chosen separately"#
        );
        assert!(matches!(
            parse_number("WhatsApp:+6591234567", None),
            Err(PhoneError::WhatsAppPrefix { .. })
        ));
        // 9 digits: between Singapore's shortest (8) and longest (11), but no such number.
        assert_eq!(
            parse_number("+65 9123 4567 8", None),
            Err(PhoneError::InvalidForRegion {
                input: "+65 9123 4567 8".into(),
                region: region("SG")
            })
        );
        assert_eq!(
            parse_number("+65 9123", None),
            Err(PhoneError::Invalid {
                input: "+65 9123".into(),
                reason: InvalidReason::TooShort
            })
        );
    }

    #[test]
    fn regions() {
        assert_eq!(region("SG").code(), "SG");
        assert_eq!(region("sg").code(), "SG");
        assert_eq!(region(" gb ").name(), "United Kingdom");
        assert_eq!(region("UK").code(), "GB");
        assert_eq!(region("SG").name(), "Singapore");
        assert_eq!(region("SG").country_code(), 65);
        assert_eq!(region("CA").country_code(), 1);
        assert_eq!(region("US").to_string(), "US");
        for bad in ["XX", "SGP", "", "1A", "S"] {
            assert_eq!(
                bad.parse::<Region>().unwrap_err(),
                PhoneError::UnknownRegion { input: bad.into() }
            );
        }
        assert_eq!(
            "XX".parse::<Region>().unwrap_err().to_string(),
            r#""XX" is not a known region code (use a two-letter ISO code such as SG, US, GB)"#
        );
    }

    #[test]
    fn region_table_is_sorted_and_complete() {
        assert!(REGION_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        for meta in DATABASE.iter() {
            let id = meta.id();
            if id == "001" {
                continue;
            }
            let r: Region = id.parse().unwrap_or_else(|_| panic!("{id}"));
            assert_eq!(r.code(), id);
            assert_ne!(r.name(), id, "no name for {id}");
        }
    }

    #[test]
    fn e164_accessors() {
        let sg = parse_number("+65 9123 4567", None).unwrap();
        assert_eq!(sg.as_str(), "+6591234567");
        assert_eq!(sg.country_code(), 65);
        assert_eq!(sg.national_number(), "91234567");
        assert_eq!(sg.region().as_deref(), Some("SG"));
        assert_eq!(sg.as_u64(), 6_591_234_567);

        let us = parse_number("+14155552671", None).unwrap();
        assert_eq!((us.country_code(), us.region().as_deref()), (1, Some("US")));
        assert_eq!(us.as_u64(), 14_155_552_671);

        let gb = parse_number("+442079460958", None).unwrap();
        assert_eq!(
            (gb.country_code(), gb.region().as_deref()),
            (44, Some("GB"))
        );

        let it = parse_number("+390612345678", None).unwrap();
        assert_eq!(
            (it.country_code(), it.region().as_deref()),
            (39, Some("IT"))
        );
        assert_eq!(it.national_number(), "0612345678");

        let freephone = parse_number("+800 1234 5678", None).unwrap();
        assert_eq!((freephone.country_code(), freephone.region()), (800, None));
    }

    #[test]
    fn alpha_sender_by_country() {
        let yes = |s: &str| alpha_sender_supported(&s.parse().unwrap());
        assert!(!yes("+14155552671"));
        assert!(!yes("+15005550006"));
        assert!(yes("+6591234567"));
        assert!(yes("+442079460958"));
    }

    #[test]
    fn from_str_and_serde() {
        let n: E164 = "+65 9123 4567".parse().unwrap();
        assert_eq!(n.as_str(), "+6591234567");
        assert!("9123 4567".parse::<E164>().is_err());
        assert_eq!(serde_json::to_string(&n).unwrap(), r#""+6591234567""#);
        let back: E164 = serde_json::from_str(r#""+6591234567""#).unwrap();
        assert_eq!(back, n);
        let bad = serde_json::from_str::<E164>(r#""+1555""#).unwrap_err();
        assert!(bad.to_string().contains("too short"), "{bad}");
        assert_eq!(String::from(n), "+6591234567");
    }
}
