//! Scrubbing the credentials out of what the server sends back, before any
//! of it is decoded, logged, journaled or shown.

use super::client::Client;
use super::error::TwilioError;

impl Client {
    /// `text` without the credentials in any form the server may echo them
    /// (a proxy or error page that shows the request's headers).
    pub(super) fn scrub_text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for n in self.scrub.iter() {
            if out.contains(n.as_str()) {
                out = out.replace(n.as_str(), "(redacted)");
            }
        }
        out
    }

    /// The same for a body, before anything is decoded from it.
    pub(super) fn scrub_bytes(&self, mut bytes: Vec<u8>) -> Vec<u8> {
        for n in self.scrub.iter() {
            if let Some(b) = replace_bytes(&bytes, n.as_bytes(), b"(redacted)") {
                bytes = b;
            }
        }
        bytes
    }

    /// Every text in an error passes here before it leaves the client: the
    /// journal and the report get their text from the error, so they are
    /// clean too.
    pub(super) fn scrub_error(&self, e: TwilioError) -> TwilioError {
        let s = |t: String| self.scrub_text(&t);
        match e {
            TwilioError::Api {
                status,
                code,
                message,
                more_info,
                credential,
            } => TwilioError::Api {
                status,
                code,
                message: s(message),
                more_info: more_info.map(s),
                credential: credential.map(s),
            },
            TwilioError::OutcomeUnknown { to, at, cause } => TwilioError::OutcomeUnknown {
                to: s(to),
                at,
                cause: s(cause),
            },
            TwilioError::Timeout {
                host,
                secs,
                retried,
            } => TwilioError::Timeout {
                host: s(host),
                secs,
                retried,
            },
            TwilioError::Dns { host, cause } => TwilioError::Dns {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Connect { host, cause } => TwilioError::Connect {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Tls { host, cause } => TwilioError::Tls {
                host: s(host),
                cause: s(cause),
            },
            TwilioError::Unexpected { status, detail } => TwilioError::Unexpected {
                status,
                detail: s(detail),
            },
            TwilioError::Http { host, cause } => TwilioError::Http {
                host: s(host),
                cause: s(cause),
            },
        }
    }
}

/// `hay` with every `needle` replaced, or `None` when there is none (SIMD
/// substring search: every answer of a campaign passes here).
fn replace_bytes(hay: &[u8], needle: &[u8], with: &[u8]) -> Option<Vec<u8>> {
    if needle.is_empty() {
        return None;
    }
    let mut found = memchr::memmem::find_iter(hay, needle).peekable();
    found.peek()?;
    let mut out = Vec::with_capacity(hay.len());
    let mut i = 0;
    for at in found {
        // find_iter gives non-overlapping matches, left to right.
        out.extend_from_slice(&hay[i..at]);
        out.extend_from_slice(with);
        i = at + needle.len();
    }
    out.extend_from_slice(&hay[i..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::twilio::client::tests::{SECRET, client};

    #[test]
    fn replace_bytes_replaces_every_occurrence_left_to_right() {
        let r = |h: &str, n: &str| {
            super::replace_bytes(h.as_bytes(), n.as_bytes(), b"#")
                .map(|v| String::from_utf8(v).unwrap())
        };
        assert_eq!(r("abc", "x"), None);
        assert_eq!(r("abc", ""), None);
        assert_eq!(r("abc", "abc").as_deref(), Some("#"));
        assert_eq!(r("xabxab", "ab").as_deref(), Some("x#x#"));
        assert_eq!(r("ababab", "ab").as_deref(), Some("###"));
        // Non-overlapping, leftmost first: "aaa" with "aa" leaves the last 'a'.
        assert_eq!(r("aaa", "aa").as_deref(), Some("#a"));
        assert_eq!(r("ab", "abc"), None);
    }

    #[test]
    fn scrubbing_removes_the_secret_and_its_base64_in_every_spelling() {
        use base64::Engine as _;
        let c = client("http://127.0.0.1:4000");
        let b64 = base64::engine::general_purpose::STANDARD
            .encode(format!("AC0123456789abcdef0123456789abcdef:{SECRET}"));
        let text = format!(
            "Authorization: Basic {b64}\nX: {SECRET}\nJ: {}",
            b64.replace('/', "\\/")
        );
        for out in [
            c.scrub_text(&text),
            String::from_utf8(c.scrub_bytes(text.clone().into_bytes())).unwrap(),
        ] {
            assert!(!out.contains(SECRET), "{out}");
            assert!(!out.contains(&b64), "{out}");
            assert!(!out.contains(&b64.replace('/', "\\/")), "{out}");
            assert!(out.contains("Basic (redacted)"), "{out}");
        }
        assert_eq!(c.scrub_text("nothing here"), "nothing here");
    }
}
