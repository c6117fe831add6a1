//! A secret (Auth Token or API Key Secret) that never shows itself.

use std::fmt;
use zeroize::Zeroizing;

/// The 32-character Auth Token or API Key Secret. `Debug` and `Display` print
/// `(redacted)`; the memory is zeroed on drop. The only ways to read it are
/// [`Secret::expose`] (for the Authorization header and the keychain) and
/// [`Secret::masked`] (the last four characters, for `creds show`).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `••••••••3f9a`: eight dots and the last four characters (none when the
    /// secret is too short for that to be safe).
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 16 {
            return "••••••••".to_string();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("••••••••{tail}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_itself() {
        let s = Secret::new("0123456789abcdef0123456789ab3f9a");
        assert_eq!(format!("{s}"), "(redacted)");
        assert_eq!(format!("{s:?}"), "Secret(redacted)");
        assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(redacted))");
        assert_eq!(s.masked(), "••••••••3f9a");
        assert_eq!(Secret::new("short").masked(), "••••••••");
    }
}
