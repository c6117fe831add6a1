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

/// Keep secrets out of core dumps and away from other processes of the same
/// user: no core file (RLIMIT_CORE 0, soft and hard), and on Linux not
/// dumpable (`PR_SET_DUMPABLE` 0: no core, no ptrace attach by the same
/// user, /proc/<pid>/mem and environ owned by root). Called first in `main`,
/// before any secret is read. Best effort: a failure is ignored (there is
/// nothing better to do than to go on).
pub fn forbid_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls with constant arguments and a valid pointer
    // to a local struct; they change only this process's own attributes.
    unsafe {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Whether this process may be dumped (Linux; `None` elsewhere).
#[cfg(target_os = "linux")]
pub fn dumpable() -> Option<bool> {
    // SAFETY: PR_GET_DUMPABLE only reads this process's flag.
    Some(unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) } != 0)
}

/// Whether this process may be dumped (Linux; `None` elsewhere).
#[cfg(not(target_os = "linux"))]
pub fn dumpable() -> Option<bool> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn forbid_dumps_makes_the_process_not_dumpable_without_a_core_limit() {
        forbid_dumps();
        assert_eq!(dumpable(), Some(false));
        let mut lim = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: reads this process's limit into a local struct.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut lim) }, 0);
        assert_eq!((lim.rlim_cur, lim.rlim_max), (0, 0));
    }

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
