//! Message bodies: GSM-7 / UCS-2 encoding and segment counting (owned by the phone/sms helper).
//!
//! Everything here is pure and allocation-free so a campaign dry run can analyse a million
//! rendered bodies cheaply.
//!
//! Segment counting follows what carriers (and Twilio's own segment calculator) do rather than a
//! plain `ceil(units / 153)`: a concatenated segment never splits a GSM-7 escape sequence (an
//! extension character such as `€` is two septets, `ESC` + code) nor a UTF-16 surrogate pair
//! (an emoji is two code units). When such a character would straddle the boundary it moves to the
//! next segment, so the count can be one higher than the plain ceiling in those edge cases.

use std::fmt;

/// Twilio refuses bodies longer than this many characters.
pub const MAX_BODY_CHARS: usize = 1600;

/// GSM-7 septets in a single-segment message.
const GSM7_SINGLE: usize = 160;
/// GSM-7 septets per segment of a concatenated message (7 septets go to the UDH).
const GSM7_MULTI: usize = 153;
/// UTF-16 code units in a single-segment UCS-2 message.
const UCS2_SINGLE: usize = 70;
/// UTF-16 code units per segment of a concatenated UCS-2 message.
const UCS2_MULTI: usize = 67;

/// The encoding a message body will be sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// The GSM 03.38 default alphabet (with its extension table), 7 bits a character.
    Gsm7,
    /// UTF-16 (what SMS calls UCS-2), used as soon as one character is outside GSM-7.
    Ucs2,
}

impl Encoding {
    /// Units (septets or UTF-16 code units) that fit in a single-segment message.
    pub fn single_segment_units(self) -> usize {
        match self {
            Encoding::Gsm7 => GSM7_SINGLE,
            Encoding::Ucs2 => UCS2_SINGLE,
        }
    }

    /// Units (septets or UTF-16 code units) per segment of a concatenated message.
    pub fn multi_segment_units(self) -> usize {
        match self {
            Encoding::Gsm7 => GSM7_MULTI,
            Encoding::Ucs2 => UCS2_MULTI,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        })
    }
}

/// The result of analysing a body: its encoding, size and number of SMS segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Segments {
    pub encoding: Encoding,
    /// Unicode scalar values (what Twilio's 1,600 limit counts).
    pub chars: usize,
    /// GSM-7 septets (extension characters count 2) or UTF-16 code units.
    pub units: usize,
    /// SMS segments the body is split into (0 for an empty body).
    pub segments: usize,
}

impl Segments {
    /// Units per segment for this message: 160/70 when it fits in one segment, else 153/67.
    pub fn per_segment(&self) -> usize {
        if self.segments > 1 {
            self.encoding.multi_segment_units()
        } else {
            self.encoding.single_segment_units()
        }
    }

    /// A one-line summary, e.g. `2 segments, GSM-7 (170 characters; 153 per segment)`.
    ///
    /// When the unit count differs from the character count (GSM-7 extension characters, emoji in
    /// UCS-2) it is shown too: `1 segment, GSM-7 (3 characters, 6 septets; 160 per segment)`.
    pub fn describe(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut out = format!(
            "{} segment{}, {} ({} character{}",
            self.segments,
            plural(self.segments),
            self.encoding,
            self.chars,
            plural(self.chars),
        );
        if self.units != self.chars {
            let unit = match self.encoding {
                Encoding::Gsm7 => "septet",
                Encoding::Ucs2 => "UTF-16 unit",
            };
            out.push_str(&format!(", {} {unit}{}", self.units, plural(self.units)));
        }
        out.push_str(&format!("; {} per segment)", self.per_segment()));
        out
    }
}

impl fmt::Display for Segments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Why a body cannot be sent.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BodyError {
    #[error("the message body is empty")]
    Empty,
    #[error("the message body is {chars} characters; Twilio accepts at most 1,600")]
    TooLong { chars: usize },
}

/// Septets for each ASCII character: 1 = GSM 03.38 basic set, 2 = extension table
/// (escape + code), 0 = not representable in GSM-7.
const GSM_ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    // Printable ASCII is in the basic set except for the characters fixed up below.
    let mut i = 0x20;
    while i < 0x7f {
        t[i] = 1;
        i += 1;
    }
    t[b'\n' as usize] = 1;
    t[b'\r' as usize] = 1;
    // Backtick is in neither table.
    t[b'`' as usize] = 0;
    // Extension table: form feed ^ { } \ [ ~ ] |
    let ext = b"\x0c^{}\\[~]|";
    let mut j = 0;
    while j < ext.len() {
        t[ext[j] as usize] = 2;
        j += 1;
    }
    t
};

/// Septets for a non-ASCII character (see [`GSM_ASCII`]).
#[inline]
fn gsm_non_ascii(c: char) -> usize {
    match c {
        '£' | '¥' | 'è' | 'é' | 'ù' | 'ì' | 'ò' | 'Ç' | 'Ø' | 'ø' | 'Å' | 'å' | 'Δ' | 'Φ' | 'Γ'
        | 'Λ' | 'Ω' | 'Π' | 'Ψ' | 'Σ' | 'Θ' | 'Ξ' | 'Æ' | 'æ' | 'ß' | 'É' | '¤' | '¡' | 'Ä'
        | 'Ö' | 'Ñ' | 'Ü' | '§' | '¿' | 'ä' | 'ö' | 'ñ' | 'ü' | 'à' => 1,
        '€' => 2,
        _ => 0,
    }
}

/// Septets a character takes in GSM-7: 1 (basic set), 2 (extension table:
/// escape + code), or 0 when GSM-7 cannot carry it.
#[inline]
pub fn gsm_septets(c: char) -> usize {
    if c.is_ascii() {
        GSM_ASCII[c as usize] as usize
    } else {
        gsm_non_ascii(c)
    }
}

/// Adds a character of `width` units to a concatenated message being packed into segments of
/// `per` units, without splitting the character across two segments.
#[inline(always)]
fn pack(segments: &mut usize, fill: &mut usize, width: usize, per: usize) {
    if *fill + width > per {
        *segments += 1;
        *fill = width;
    } else {
        *fill += width;
    }
}

/// Works out the encoding, size and segment count of a body. Never allocates.
pub fn analyze(body: &str) -> Segments {
    // The common case, a short all-ASCII GSM-7 body, without the per-character packing:
    // one table lookup per byte (a campaign analyses every row's body).
    if body.is_ascii() {
        let mut septets = 0usize;
        let mut all_gsm = true;
        for &b in body.as_bytes() {
            let w = GSM_ASCII[b as usize] as usize;
            all_gsm &= w != 0;
            septets += w;
        }
        if all_gsm && septets <= Encoding::Gsm7.single_segment_units() {
            return Segments {
                encoding: Encoding::Gsm7,
                chars: body.len(),
                units: septets,
                segments: usize::from(septets > 0),
            };
        }
    }
    analyze_by_char(body)
}

/// [`analyze`] for any body, character by character.
fn analyze_by_char(body: &str) -> Segments {
    let mut chars = 0usize;
    let mut utf16 = 0usize;
    let mut septets = 0usize;
    let mut gsm = true;
    // Segments of a concatenated message, packed character by character (used only when the
    // body does not fit in one segment).
    let (mut gsm_segs, mut gsm_fill) = (1usize, 0usize);
    let (mut ucs_segs, mut ucs_fill) = (1usize, 0usize);

    for c in body.chars() {
        chars += 1;
        let wide = c.len_utf16();
        utf16 += wide;
        pack(&mut ucs_segs, &mut ucs_fill, wide, UCS2_MULTI);
        if gsm {
            let w = gsm_septets(c);
            if w == 0 {
                gsm = false;
            } else {
                septets += w;
                pack(&mut gsm_segs, &mut gsm_fill, w, GSM7_MULTI);
            }
        }
    }

    let (encoding, units, multi) = if gsm {
        (Encoding::Gsm7, septets, gsm_segs)
    } else {
        (Encoding::Ucs2, utf16, ucs_segs)
    };
    let segments = if units == 0 {
        0
    } else if units <= encoding.single_segment_units() {
        1
    } else {
        multi
    };
    Segments {
        encoding,
        chars,
        units,
        segments,
    }
}

/// Checks that a body can be sent: not empty (or only whitespace), at most 1,600 characters.
pub fn check_body(body: &str) -> Result<Segments, BodyError> {
    if body.trim().is_empty() {
        return Err(BodyError::Empty);
    }
    let seg = analyze(body);
    if seg.chars > MAX_BODY_CHARS {
        return Err(BodyError::TooLong { chars: seg.chars });
    }
    Ok(seg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_fast_path_gives_what_the_character_by_character_count_gives() {
        // Every ASCII character (GSM-7 ones, escaped ones, ones GSM-7 lacks), at every
        // length across the one-segment limits, mixed by a fixed pseudo-random sequence.
        let mut seed: u32 = 0x2545_F491;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in 0..=200 {
            for round in 0..60 {
                let body: String = (0..len)
                    .map(|_| {
                        let r = next();
                        // Mostly letters, sometimes any ASCII byte.
                        if round % 3 == 0 || r % 8 == 0 {
                            char::from((r >> 8) as u8 & 0x7f)
                        } else {
                            char::from(b'a' + (r >> 8) as u8 % 26)
                        }
                    })
                    .collect();
                assert_eq!(analyze(&body), analyze_by_char(&body), "{body:?}");
            }
        }
    }

    fn seg(body: &str) -> (Encoding, usize, usize, usize) {
        let s = analyze(body);
        (s.encoding, s.chars, s.units, s.segments)
    }

    #[test]
    fn gsm7_boundaries() {
        let a = |n| "a".repeat(n);
        assert_eq!(seg(&a(1)), (Encoding::Gsm7, 1, 1, 1));
        assert_eq!(seg(&a(160)), (Encoding::Gsm7, 160, 160, 1));
        assert_eq!(seg(&a(161)), (Encoding::Gsm7, 161, 161, 2));
        assert_eq!(seg(&a(306)), (Encoding::Gsm7, 306, 306, 2));
        assert_eq!(seg(&a(307)), (Encoding::Gsm7, 307, 307, 3));
        assert_eq!(seg(&a(459)), (Encoding::Gsm7, 459, 459, 3));
        assert_eq!(seg(&a(460)), (Encoding::Gsm7, 460, 460, 4));
        assert_eq!(analyze(&a(1600)).segments, 11);
    }

    #[test]
    fn empty_body() {
        assert_eq!(seg(""), (Encoding::Gsm7, 0, 0, 0));
    }

    #[test]
    fn whole_basic_set_is_one_septet() {
        let basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
                     ¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
        let n = basic.chars().count();
        assert_eq!(n, 127, "the basic set minus ESC");
        assert_eq!(seg(basic), (Encoding::Gsm7, n, n, 1));
    }

    #[test]
    fn extension_chars_count_double() {
        for c in ['€', '[', ']', '{', '}', '~', '^', '\\', '|', '\x0c'] {
            let s = analyze(&c.to_string());
            assert_eq!(
                (s.encoding, s.chars, s.units),
                (Encoding::Gsm7, 1, 2),
                "{c:?}"
            );
        }
        let e = |n| "€".repeat(n);
        assert_eq!(seg(&e(80)), (Encoding::Gsm7, 80, 160, 1));
        assert_eq!(seg(&e(81)), (Encoding::Gsm7, 81, 162, 2));
        assert_eq!(seg("a{b}"), (Encoding::Gsm7, 4, 6, 1));
    }

    #[test]
    fn escape_never_split_across_segments() {
        // 152 septets then '€': the escape would straddle 153, so it starts segment 2, wasting
        // one septet; 306 septets then need 3 segments where ceil(306 / 153) would say 2.
        let body = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        let s = analyze(&body);
        assert_eq!((s.units, s.segments), (306, 3));
        // 151 + 2 fits exactly in the first segment.
        let body = format!("{}€{}", "a".repeat(151), "a".repeat(153));
        let s = analyze(&body);
        assert_eq!((s.units, s.segments), (306, 2));
    }

    #[test]
    fn non_gsm_forces_ucs2() {
        assert_eq!(seg("hello 😀"), (Encoding::Ucs2, 7, 8, 1));
        assert_eq!(seg("hello 中"), (Encoding::Ucs2, 7, 7, 1));
        assert_eq!(seg("`"), (Encoding::Ucs2, 1, 1, 1));
        assert_eq!(seg("\t"), (Encoding::Ucs2, 1, 1, 1));
        assert_eq!(seg("ç"), (Encoding::Ucs2, 1, 1, 1));
        // In UCS-2 extension characters are ordinary single units.
        assert_eq!(seg("€中"), (Encoding::Ucs2, 2, 2, 1));
    }

    #[test]
    fn ucs2_boundaries() {
        let z = |n| "中".repeat(n);
        assert_eq!(seg(&z(70)), (Encoding::Ucs2, 70, 70, 1));
        assert_eq!(seg(&z(71)), (Encoding::Ucs2, 71, 71, 2));
        assert_eq!(seg(&z(134)), (Encoding::Ucs2, 134, 134, 2));
        assert_eq!(seg(&z(135)), (Encoding::Ucs2, 135, 135, 3));
    }

    #[test]
    fn emoji_is_two_units() {
        let e = |n| "😀".repeat(n);
        assert_eq!(seg(&e(1)), (Encoding::Ucs2, 1, 2, 1));
        assert_eq!(seg(&e(35)), (Encoding::Ucs2, 35, 70, 1));
        assert_eq!(seg(&e(36)), (Encoding::Ucs2, 36, 72, 2));
        // 33 emoji fill 66 of a segment's 67 units; the 34th does not fit, so 67 emoji need 3
        // segments where a plain ceil(134 / 67) would say 2.
        assert_eq!(seg(&e(67)), (Encoding::Ucs2, 67, 134, 3));
        // 66 units then an emoji: the pair is not split, so it opens segment 2.
        let body = format!("{}😀{}", "中".repeat(66), "中".repeat(66));
        let s = analyze(&body);
        assert_eq!((s.units, s.segments), (134, 3));
        let body = format!("{}😀{}", "中".repeat(65), "中".repeat(67));
        let s = analyze(&body);
        assert_eq!((s.units, s.segments), (134, 2));
    }

    #[test]
    fn matches_twilio_segment_calculator_vectors() {
        let digits = |n: usize| "1234567890".repeat(20)[..n].to_string();
        assert_eq!(analyze(&format!("😜{}", digits(68))).segments, 1);
        assert_eq!(analyze(&format!("😜{}", digits(69))).segments, 2);
        assert_eq!(analyze(&format!("😜{}", digits(133))).segments, 3);
        assert_eq!(analyze(&format!("€{}", digits(158))).segments, 1);
        assert_eq!(analyze(&format!("€{}", digits(159))).segments, 2);
    }

    #[test]
    fn check_body_rules() {
        assert_eq!(check_body(""), Err(BodyError::Empty));
        assert_eq!(check_body(" \n\t "), Err(BodyError::Empty));
        assert_eq!(
            check_body(&"a".repeat(1601)),
            Err(BodyError::TooLong { chars: 1601 })
        );
        // The limit is in characters, not units.
        assert_eq!(check_body(&"😀".repeat(1600)).unwrap().units, 3200);
        assert_eq!(
            check_body(&"😀".repeat(1601)),
            Err(BodyError::TooLong { chars: 1601 })
        );
        assert_eq!(check_body(" hi ").unwrap().chars, 4);
        assert_eq!(
            BodyError::TooLong { chars: 1601 }.to_string(),
            "the message body is 1601 characters; Twilio accepts at most 1,600"
        );
        assert_eq!(BodyError::Empty.to_string(), "the message body is empty");
    }

    #[test]
    fn describe_text() {
        assert_eq!(
            analyze(&"a".repeat(170)).describe(),
            "2 segments, GSM-7 (170 characters; 153 per segment)"
        );
        assert_eq!(
            analyze("中文中文中文中文中文中文").describe(),
            "1 segment, UCS-2 (12 characters; 70 per segment)"
        );
        assert_eq!(
            analyze("€").describe(),
            "1 segment, GSM-7 (1 character, 2 septets; 160 per segment)"
        );
        assert_eq!(
            analyze("hi 😀").describe(),
            "1 segment, UCS-2 (4 characters, 5 UTF-16 units; 70 per segment)"
        );
        assert_eq!(Encoding::Gsm7.to_string(), "GSM-7");
        assert_eq!(Encoding::Ucs2.to_string(), "UCS-2");
    }
}
