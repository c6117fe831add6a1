//! The campaign journal: what makes a campaign exactly-once across crashes.
//!
//! # File format
//! JSON Lines, one record per line, appended to a file opened with `O_APPEND`:
//!
//! ```text
//! {"t":"H","v":1,"started":"2025-06-01T09:00:00Z","fingerprint":{...}}      header, once, first line
//! {"t":"I","row":0,"line":2,"to":"+6591234567","ts":1748768400123}          intent, before the request
//! {"t":"O","row":0,"line":2,"to":"+6591234567","status":"sent","sid":"SM…"} outcome, after it
//! {"t":"O","row":1,"line":3,"to":"+6591234568","status":"failed","code":21610,"msg":"…"}
//! {"t":"R","row":7,"line":9,"to":"+6591234574","status":"sent","sid":"SM…"} reconciled unknown
//! {"t":"S","row":4,"line":6,"to":"12","status":"skipped_invalid","msg":"recipients.csv:6: …"}
//! {"t":"S","row":5,"line":7,"to":"+6591234569","status":"opted_out","msg":"recipients.csv:7: …"}
//! {"t":"D","row":0,"line":2,"to":"+6591234567","status":"delivered","sid":"SM…"} delivery (status cmd)
//! {"t":"P","report":"recipients.report.csv"}                                  where the report goes
//! {"t":"M","recipients":"/srv/r.csv","template":"Hi {{name}}",…}              what is sent (for a retry)
//! {"t":"I","row":3,"line":5,"to":"+6591234570","ts":…,"prev":"SM…"}           intent of a retry round
//! {"t":"X","row":2,"line":4,"to":"+6591234569","sid":"SM…","ts":…}           intent to cancel (cancel round)
//! ```
//!
//! A *round* (`campaign retry`, `campaign cancel`, [`crate::campaign::round`]) acts
//! again on rows of a campaign that ran: a retry writes intents with `prev` (the SID of
//! the message it retries: reconciliation looks only for a newer one) and outcomes like
//! a run; a cancel writes an `X` before its request and a `D` (the message's new
//! status, `canceled`) after it. A row's attempts are its intents.
//!
//! `row` is the 0-based index of the data record, `line` its 1-based line in the CSV.
//! Every row record carries the recipient and line, so the report can be rebuilt
//! from the journal alone ([`FinalEntries`]). The last record of a row decides its
//! state: `sent`/`failed`/`delivered`/`read`/`undelivered` are done; an intent
//! without an outcome, or an outcome `unknown`, is unknown (reconcile with Twilio
//! before resending); `not_sent` (a retryable failure, e.g. retries exhausted on
//! 429) and `skipped_*` rows are pending again on the next run.
//!
//! # Durability
//! Each record is one `write(2)` of a whole line on an `O_APPEND` file, so after
//! `kill -9` everything that was written is in the file; at worst the last line is
//! torn (an interrupted write, whose request was therefore never made): replay
//! ignores it and truncates it away before appending. A background thread
//! `fsync`s (fdatasync) every 50 ms when there is something to sync (group
//! commit: one fsync covers every record of those 50 ms, whatever the rate), and
//! [`Journal::flush`]/[`Journal::close`] sync at once. So an OS crash or power cut
//! can lose at most the last ~50 ms of records; a process crash loses nothing.
//!
//! # Files
//! The journal holds phone numbers: it is created 0600 (an older one is made
//! 0600 on resume) and never opened through a symbolic link (refused with
//! [`JournalError::Symlink`]; `O_NOFOLLOW` closes the race). A write that fails
//! (e.g. [`JournalError::Full`]) stops the run: the engine takes no new row.
//!
//! # Concurrency
//! All recording methods take `&self` and `Journal` is `Send + Sync`: share it as
//! `Arc<Journal>` between tokio tasks, no `Mutex` needed (each record is a single
//! append of about 100 bytes, a few microseconds, so calling it from async code is
//! fine). Do not send the request before `record_intent` has returned `Ok`.
//! The file is locked exclusively while a campaign runs; `campaign status` appends
//! delivery records without the lock (appends of whole lines do not interleave).
//!
//! # Code
//! - `format.rs`: the records, a tagged enum (each kind has exactly its
//!   fields, so a malformed record is a parse error: [`JournalError::Corrupt`]),
//!   and the line-by-line reading with torn-line handling.
//! - `writer.rs`: [`Journal`], opening (lock, restart, permissions) and the
//!   group-commit writer with its fsync thread.
//! - `replay.rs`: [`ReplayState`], what resume knows about each row.
//! - `reader.rs`: [`FinalEntries`], the last record of each row, for the report.
//! - here: the types the rest of the code passes in and out.

mod format;
mod reader;
mod replay;
mod writer;

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::bits::StableHasher;
use super::status::Status;

pub use format::SendSpec;
pub use reader::{FinalEntries, JournalEntry};
pub use replay::{CancelInDoubt, ReplayState, UnknownRow};
pub use writer::Journal;

/// Journal format version written in the header.
pub const JOURNAL_VERSION: u32 = 1;
/// Time between two fsyncs (at most) while records arrive.
pub const SYNC_EVERY: Duration = Duration::from_millis(50);

/// What identifies a campaign. A journal is resumed only by a run with an equal
/// fingerprint (field by field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// `fnv1a64:<hex>:<bytes>` of the recipients file content.
    pub recipients: String,
    /// `fnv1a64:<hex>:<bytes>` of the template text.
    pub template: String,
    /// The phone column, normalised (trimmed, lowercase).
    pub to_column: String,
    /// `sms` or `whatsapp`.
    pub channel: String,
    /// Messaging Service SID, phone number, sender ID or WhatsApp sender.
    pub sender: String,
    pub account_sid: String,
    pub default_region: Option<String>,
}

impl Fingerprint {
    /// `recipients_digest` is (hash, length) of the recipients file as computed by
    /// the pre-flight check (`CheckReport::content_digest`).
    pub fn new(
        recipients_digest: (u64, u64),
        template_text: &str,
        to_column: &str,
        channel: &str,
        sender: &str,
        account_sid: &str,
        default_region: Option<&str>,
    ) -> Fingerprint {
        let digest = |(h, len): (u64, u64)| format!("fnv1a64:{h:016x}:{len}");
        Fingerprint {
            recipients: digest(recipients_digest),
            template: digest((
                StableHasher::hash(template_text.as_bytes()),
                template_text.len() as u64,
            )),
            to_column: super::recipients::normalize_header(to_column.as_bytes()),
            channel: channel.to_string(),
            sender: sender.to_string(),
            account_sid: account_sid.to_string(),
            default_region: default_region.map(|r| r.trim().to_ascii_uppercase()),
        }
    }

    /// Names of the fields that differ, for the error message.
    pub fn differences(&self, other: &Fingerprint) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.recipients != other.recipients {
            out.push("recipients file");
        }
        if self.template != other.template {
            out.push("template");
        }
        if self.to_column != other.to_column {
            out.push("--to-column");
        }
        if self.channel != other.channel {
            out.push("--channel");
        }
        if self.sender != other.sender {
            out.push("sender");
        }
        if self.account_sid != other.account_sid {
            out.push("account");
        }
        if self.default_region != other.default_region {
            out.push("--default-region");
        }
        out
    }
}

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalHeader {
    pub v: u32,
    pub started: Timestamp,
    pub fingerprint: Fingerprint,
}

/// A recipient row as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowRef {
    /// 0-based index of the data record.
    pub row: u32,
    /// 1-based line in the CSV where the record starts.
    pub line: u64,
    /// The E.164 number (`+6591234567`); for skipped rows the raw value.
    pub to: String,
}

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeStatus {
    /// Twilio accepted the message (it has a SID). Final.
    Sent,
    /// Twilio refused it for good (e.g. 21211 invalid number, 21610 opted out). Final.
    Failed,
    /// Certainly not sent, but worth retrying on the next run (e.g. 429/503 retries
    /// exhausted, connection refused before the request was written).
    NotSent,
    /// The request may have reached Twilio (timeout, 500 after create): reconcile.
    Unknown,
    /// Twilio accepted it as a scheduled message (`--send-at`). Final for sending.
    Scheduled,
}

impl From<OutcomeStatus> for Status {
    fn from(s: OutcomeStatus) -> Status {
        match s {
            OutcomeStatus::Sent => Status::Sent,
            OutcomeStatus::Failed => Status::Failed,
            OutcomeStatus::NotSent => Status::NotSent,
            OutcomeStatus::Unknown => Status::Unknown,
            OutcomeStatus::Scheduled => Status::Scheduled,
        }
    }
}

/// The outcome of one request (or of a reconciliation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: OutcomeStatus,
    pub sid: Option<String>,
    pub error_code: Option<u32>,
    pub error_message: Option<String>,
}

impl Outcome {
    pub fn sent(sid: impl Into<String>) -> Outcome {
        Outcome {
            status: OutcomeStatus::Sent,
            sid: Some(sid.into()),
            error_code: None,
            error_message: None,
        }
    }

    /// Accepted as a scheduled message (Twilio answered `status: scheduled`).
    pub fn scheduled(sid: impl Into<String>) -> Outcome {
        Outcome {
            status: OutcomeStatus::Scheduled,
            ..Outcome::sent(sid)
        }
    }

    pub fn failed(code: Option<u32>, message: impl Into<String>) -> Outcome {
        Outcome {
            status: OutcomeStatus::Failed,
            sid: None,
            error_code: code,
            error_message: Some(message.into()),
        }
    }

    pub fn not_sent(code: Option<u32>, message: impl Into<String>) -> Outcome {
        Outcome {
            status: OutcomeStatus::NotSent,
            ..Outcome::failed(code, message)
        }
    }

    pub fn unknown(message: impl Into<String>) -> Outcome {
        Outcome {
            status: OutcomeStatus::Unknown,
            ..Outcome::failed(None, message)
        }
    }
}

/// Why a row is skipped (recorded as the status `skipped_invalid`,
/// `skipped_duplicate` or `opted_out`; older journals have only the first two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SkipReason {
    #[serde(rename = "skipped_invalid")]
    Invalid,
    #[serde(rename = "skipped_duplicate")]
    Duplicate,
    /// On the account's opt-out list when the run checked it.
    #[serde(rename = "opted_out")]
    OptedOut,
}

impl From<SkipReason> for Status {
    fn from(r: SkipReason) -> Status {
        match r {
            SkipReason::Invalid => Status::SkippedInvalid,
            SkipReason::Duplicate => Status::SkippedDuplicate,
            SkipReason::OptedOut => Status::OptedOut,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("journal {path}: {source}", path = .path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The disk (or quota) is full (`ENOSPC`). Nothing is lost: an intent
    /// without an outcome is settled by reconciliation on the next run.
    #[error(
        "no space left on device: {path}; free some space and run the same command again: it resumes without sending anyone twice",
        path = .path.display()
    )]
    Full { path: PathBuf },
    /// The journal path is a symbolic link: smsctl never writes a journal
    /// through one (it could truncate the file it points to). `campaign run`
    /// refuses it with exit code 2 (bad input; nothing was sent).
    #[error(
        "journal {path} is a symbolic link; smsctl does not write a journal through a link (it could overwrite the file it points to): remove the link and run again",
        path = .path.display()
    )]
    Symlink { path: PathBuf },
    #[error(
        "the recipients file or template changed since this campaign started (journal {path}; changed: {changed}); run with --restart to start over, or restore the original files",
        path = .path.display()
    )]
    Changed { path: PathBuf, changed: String },
    #[error(
        "journal {path} is locked: another smsctl is running this campaign; wait for it to finish or stop it",
        path = .path.display()
    )]
    Locked { path: PathBuf },
    #[error(
        "journal {path}, line {line}: damaged record ({reason}); it cannot be resumed safely: move it aside and check the report",
        path = .path.display()
    )]
    Corrupt {
        path: PathBuf,
        line: u64,
        reason: String,
    },
    #[error("{path} is not an smsctl campaign journal", path = .path.display())]
    NotAJournal { path: PathBuf },
    #[error(
        "journal {path} was written by a newer smsctl (format {version}); upgrade smsctl to resume it",
        path = .path.display()
    )]
    Version { path: PathBuf, version: u32 },
}

pub(super) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError::from_io(path, source)
}

impl JournalError {
    /// An I/O error on the journal at `path`, with a full disk and a symbolic
    /// link (`O_NOFOLLOW`) told apart.
    pub fn from_io(path: &Path, source: io::Error) -> JournalError {
        let path = path.to_path_buf();
        if source.kind() == io::ErrorKind::StorageFull {
            return JournalError::Full { path };
        }
        #[cfg(unix)]
        if source.raw_os_error() == Some(libc::ELOOP) {
            return JournalError::Symlink { path };
        }
        JournalError::Io { path, source }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::{Fingerprint, RowRef};
    use crate::campaign::status::{ReportRow, Status};

    pub(crate) fn fp(template: &str) -> Fingerprint {
        Fingerprint::new(
            (42, 1000),
            template,
            "Recipient",
            "sms",
            "MG0123",
            "AC0123",
            Some("sg"),
        )
    }

    pub(crate) fn rr(row: u32) -> RowRef {
        RowRef {
            row,
            line: u64::from(row) + 2,
            to: format!("+659100{row:04}"),
        }
    }

    pub(crate) fn report_row(
        recipient: &str,
        row: u64,
        status: Status,
        sid: Option<&str>,
        code: Option<u32>,
        msg: Option<&str>,
    ) -> ReportRow {
        ReportRow {
            recipient: recipient.into(),
            row,
            status,
            message_sid: sid.map(Into::into),
            error_code: code,
            error_message: msg.map(Into::into),
        }
    }

    /// A journal written by the build before records became a tagged enum.
    pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }
}
