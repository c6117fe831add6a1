//! Errors that carry an exit code, and the one function that maps any error to one.
//!
//! Exit codes (`cli::EXIT_CODES`, README.md): 0 done · 1 failed · 2 bad usage or bad input (nothing
//! was sent or saved) · 3 Twilio rejected the credentials · 4 a campaign finished
//! with some recipients failed · 130 interrupted (journal kept).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Failure,
    Usage,
    CredentialsRejected,
    CampaignFailed,
    Interrupted,
    /// `smsctl exec`: the child's exit code (128+N for a signal N; 126 / 127
    /// when the command cannot be run / is not found).
    Code(u8),
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::CredentialsRejected => 3,
            ExitStatus::CampaignFailed => 4,
            ExitStatus::Interrupted => 130,
            ExitStatus::Code(n) => n,
        }
    }
}

/// An error meant for the user: one sentence saying what went wrong and what to
/// do, and the exit code it ends the process with.
#[derive(Debug)]
pub struct UserError {
    pub status: ExitStatus,
    pub message: String,
}

impl UserError {
    /// Bad usage or bad input: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        UserError {
            status: ExitStatus::Usage,
            message: message.into(),
        }
    }

    /// Failed: exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        UserError {
            status: ExitStatus::Failure,
            message: message.into(),
        }
    }

    /// A value that would be prompted for on a terminal is missing and there is
    /// no terminal: name the flag to pass.
    pub fn missing(what: &str, flag: &str) -> Self {
        UserError::usage(format!(
            "{what} is missing and there is no terminal to ask on; pass {flag}"
        ))
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// The exit code for an error: the first error in the chain whose type has a
/// code of its own (one that does not just defer to its cause), else 1.
///
/// This is the one place that knows exit codes: the domain errors below are
/// plain `thiserror` enums that know nothing of them. Every error type of the
/// crate must be listed in [`covered`] (a test checks it), so a new one
/// cannot silently exit 1.
pub fn exit_status(err: &anyhow::Error) -> ExitStatus {
    err.chain()
        .find_map(status_of)
        .unwrap_or(ExitStatus::Failure)
}

/// An error as `send --json` prints it on stdout (README "Send from CI"):
/// `{"error": {"message", "exit_code", "twilio_code", "more_info"}}`, the last
/// two `null` unless Twilio answered with an error code.
pub fn error_json(err: &anyhow::Error) -> serde_json::Value {
    let code = err
        .chain()
        .find_map(|c| c.downcast_ref::<crate::twilio::TwilioError>())
        .and_then(|t| t.code());
    serde_json::json!({
        "error": {
            "message": format!("{err:#}"),
            "exit_code": exit_status(err).code(),
            "twilio_code": code,
            "more_info": code.map(crate::twilio::docs_url),
        }
    })
}

/// The exit code one error in a chain decides, if its type has one.
fn status_of(cause: &(dyn std::error::Error + 'static)) -> Option<ExitStatus> {
    use crate::twilio::TwilioError;
    use crate::verify::VerifyError;
    if let Some(e) = cause.downcast_ref::<UserError>() {
        return Some(e.status);
    }
    if let Some(e) = cause.downcast_ref::<TwilioError>() {
        return Some(twilio(e));
    }
    if let Some(e) = cause.downcast_ref::<VerifyError>() {
        return Some(match e {
            VerifyError::Credentials(t) | VerifyError::Other(t) => twilio(t),
            VerifyError::Sender(_) | VerifyError::Account(_) => ExitStatus::Usage,
            VerifyError::Deadline { .. } => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::campaign::refresh::RefreshError>() {
        use crate::campaign::refresh::RefreshError as R;
        return Some(match e {
            R::Twilio(t) => twilio(t),
            R::Report(_) | R::Task(_) => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::campaign::round::RoundError>() {
        use crate::campaign::round::RoundError as R;
        return Some(match e {
            // A round that cannot start sent nothing: bad input, but for the
            // journal's own failures (a lock held is a run in progress).
            R::Journal(crate::campaign::JournalError::Symlink { .. })
            | R::Journal(crate::campaign::JournalError::NotAJournal { .. })
            | R::Journal(crate::campaign::JournalError::Version { .. })
            | R::NoSpec { .. }
            | R::RecipientsMissing { .. }
            | R::Changed { .. }
            | R::Unsupported { .. }
            | R::Unfinished { .. }
            | R::Check(_)
            | R::WrongAccount { .. }
            | R::BadSender { .. }
            | R::Schedule { .. } => ExitStatus::Usage,
            R::Journal(_) | R::Report(_) => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::context::CannotSend>() {
        use crate::context::CannotSend as C;
        return Some(match e {
            C::Invalid { .. } => ExitStatus::CredentialsRejected,
            C::Unverified { .. } | C::NoSender { .. } => ExitStatus::Usage,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::profile::ProfileError>() {
        use crate::profile::ProfileError as P;
        return Some(match e {
            P::NotFound { .. } | P::Exists { .. } => ExitStatus::Usage,
            P::Parse { .. } | P::Invalid { .. } | P::Io { .. } => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::commands::exec::ExecError>() {
        use crate::commands::exec::ExecError as X;
        return Some(match e {
            X::NotFound { .. } => ExitStatus::Code(127),
            X::NotExecutable { .. } => ExitStatus::Code(126),
            X::Spawn { .. } => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::commands::creds::KeyError>() {
        use crate::commands::creds::KeyError as K;
        return Some(match e {
            K::Rejected(_) => ExitStatus::CredentialsRejected,
            K::Failed(_) => ExitStatus::Failure,
        });
    }
    if let Some(e) = cause.downcast_ref::<crate::optouts::OptOutError>() {
        use crate::optouts::OptOutError as O;
        return Some(match e {
            O::Listed { .. } | O::BadRows { .. } => ExitStatus::Usage,
            O::Parse { .. } | O::Invalid { .. } | O::Io { .. } => ExitStatus::Failure,
        });
    }
    let usage = cause.is::<crate::validate::FormatError>()
        || cause.is::<crate::phone::PhoneError>()
        || cause.is::<crate::sms::BodyError>()
        || cause.is::<crate::sending::SenderError>()
        || cause.is::<crate::message_options::MessageOptionError>()
        || cause.is::<crate::twilio::UrlError>()
        || cause.is::<crate::pricing::MoneyError>()
        || cause.is::<crate::pricing::BudgetError>()
        || cause.is::<crate::campaign::TemplateError>();
    if usage {
        return Some(ExitStatus::Usage);
    }
    // The campaign's file errors are bad input when `campaign run` checks the
    // files before sending (it says so with a `UserError`), a failure when they
    // stop a run: the command that knows which decides.
    let failure = cause.is::<crate::keychain::KeychainError>()
        || cause.is::<crate::campaign::CheckError>()
        || cause.is::<crate::campaign::JournalError>()
        || cause.is::<crate::campaign::ReportError>();
    if failure {
        return Some(ExitStatus::Failure);
    }
    None
}

/// Twilio refused the credentials themselves: 3; anything else from Twilio: 1.
fn twilio(e: &crate::twilio::TwilioError) -> ExitStatus {
    if e.is_auth() {
        ExitStatus::CredentialsRejected
    } else {
        ExitStatus::Failure
    }
}

/// The error types [`status_of`] maps: every `thiserror` type of the crate.
#[cfg(test)]
fn covered() -> &'static [&'static str] {
    &[
        "UserError",
        "TwilioError",
        "VerifyError",
        "ProfileError",
        "JournalError",
        "ReportError",
        "FormatError",
        "PhoneError",
        "BodyError",
        "SenderError",
        "CannotSend",
        "UrlError",
        "CheckError",
        "TemplateError",
        "KeychainError",
        "RefreshError",
        "OptOutError",
        "ExecError",
        "KeyError",
        "MessageOptionError",
        "RoundError",
        "MoneyError",
        "BudgetError",
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(e: impl std::error::Error + Send + Sync + 'static) -> ExitStatus {
        exit_status(&anyhow::Error::new(e))
    }

    /// Every error type the crate defines (found in the source: each
    /// `thiserror::Error` derive, and `impl std::error::Error for`) is mapped.
    #[test]
    fn every_error_type_has_an_exit_code() {
        let mut found = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let mut after_derive = false;
                for line in text.lines().map(str::trim) {
                    if line.starts_with("#[derive(") && line.contains("thiserror::Error") {
                        after_derive = true;
                    } else if after_derive && !line.starts_with("#[") && !line.starts_with("///") {
                        let name = line
                            .split_whitespace()
                            .skip_while(|w| !matches!(*w, "enum" | "struct"))
                            .nth(1)
                            .map(|n| {
                                n.chars()
                                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                                    .collect::<String>()
                            });
                        found.extend(name.map(|n| (n, path.clone())));
                        after_derive = false;
                    }
                    if let Some(rest) = line.strip_prefix("impl std::error::Error for ") {
                        let n = rest.trim_end_matches(" {}").trim_end_matches('{').trim();
                        found.push((n.to_string(), path.clone()));
                    }
                }
            }
        }
        assert!(found.len() >= 10, "the scan found too little: {found:?}");
        for (name, path) in found {
            if path.starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/src/sandbox")) {
                continue; // the sandbox's errors never reach the command line
            }
            assert!(
                covered().contains(&name.as_str()),
                "{name} ({}) has no exit code: map it in error::status_of and list it in error::covered",
                path.display()
            );
        }
    }

    #[test]
    fn domain_errors_map_to_their_codes() {
        use crate::profile::ProfileError;
        use crate::twilio::TwilioError;
        use crate::verify::VerifyError;
        let auth = || TwilioError::Api {
            status: 401,
            code: Some(20003),
            message: "no".into(),
            more_info: None,
            credential: None,
        };
        assert_eq!(status(auth()), ExitStatus::CredentialsRejected);
        assert_eq!(
            status(VerifyError::Credentials(auth())),
            ExitStatus::CredentialsRejected
        );
        assert_eq!(status(VerifyError::Sender("x".into())), ExitStatus::Usage);
        assert_eq!(
            status(VerifyError::Deadline {
                host: "h".into(),
                secs: 1
            }),
            ExitStatus::Failure
        );
        assert_eq!(
            status(ProfileError::Exists { label: "a".into() }),
            ExitStatus::Usage
        );
        assert_eq!(
            status(ProfileError::Io {
                path: "p".into(),
                source: std::io::Error::other("x")
            }),
            ExitStatus::Failure
        );
        assert_eq!(status(crate::sms::BodyError::Empty), ExitStatus::Usage);
        assert_eq!(status(UserError::usage("x")), ExitStatus::Usage);
        assert_eq!(status(std::io::Error::other("x")), ExitStatus::Failure);
        // The first error in the chain with a code of its own decides.
        let e = anyhow::Error::new(auth()).context("while testing");
        assert_eq!(exit_status(&e), ExitStatus::CredentialsRejected);
    }
}
