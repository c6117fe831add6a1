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

/// The exit code for an error: the first error in the chain that knows its own.
pub fn exit_status(err: &anyhow::Error) -> ExitStatus {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<UserError>() {
            return e.status;
        }
        if let Some(e) = cause.downcast_ref::<crate::twilio::TwilioError>() {
            return e.exit_status();
        }
        if let Some(e) = cause.downcast_ref::<crate::verify::CheckError>() {
            return e.exit_status();
        }
        if let Some(e) = cause.downcast_ref::<crate::profile::ProfileError>() {
            return e.exit_status();
        }
        if cause
            .downcast_ref::<crate::validate::FormatError>()
            .is_some()
        {
            return ExitStatus::Usage;
        }
        if cause.downcast_ref::<crate::phone::PhoneError>().is_some() {
            return ExitStatus::Usage;
        }
        if cause.downcast_ref::<crate::sms::BodyError>().is_some() {
            return ExitStatus::Usage;
        }
    }
    ExitStatus::Failure
}
