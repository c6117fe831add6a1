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
//! {"t":"D","row":0,"line":2,"to":"+6591234567","status":"delivered","sid":"SM…"} delivery (status cmd)
//! {"t":"P","report":"recipients.report.csv"}                                  where the report goes
//! ```
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

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::bits::{BitSet, StableHasher};
use super::status::{ReportRow, Status};

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
}

impl From<OutcomeStatus> for Status {
    fn from(s: OutcomeStatus) -> Status {
        match s {
            OutcomeStatus::Sent => Status::Sent,
            OutcomeStatus::Failed => Status::Failed,
            OutcomeStatus::NotSent => Status::NotSent,
            OutcomeStatus::Unknown => Status::Unknown,
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

/// Why a row is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkipReason {
    Invalid,
    Duplicate,
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

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
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

/// Options to open a journal for appending: created 0600 (it holds phone
/// numbers), and never through a symbolic link (`O_NOFOLLOW`: `ELOOP` instead).
fn journal_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o
}

/// Refuses a journal path that is a symbolic link (dangling or not).
fn refuse_symlink(path: &Path) -> Result<(), JournalError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(JournalError::Symlink {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// A journal written by an older smsctl may be readable by others: make it 0600.
fn make_private(path: &Path, file: &File) -> Result<(), JournalError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().map_err(io_err(path))?.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(io_err(path))?;
        }
    }
    let _ = (path, file);
    Ok(())
}

/// A row whose request may or may not have reached Twilio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRow {
    pub recipient: RowRef,
    /// When the intent was recorded (the request went out after it).
    pub intent_at: Timestamp,
    /// Why it is unknown, if an outcome said so.
    pub reason: Option<String>,
}

/// What the journal says about each row, in compact form.
#[derive(Debug, Clone)]
pub struct ReplayState {
    /// When the campaign started (for the reconcile query "DateSent since start").
    pub started: Timestamp,
    /// True if the journal was created by this open (nothing to resume).
    pub fresh: bool,
    /// Where an old journal was moved by `restart`.
    pub archived: Option<PathBuf>,
    /// The last report path noted with [`Journal::note_report_path`].
    pub report_path: Option<PathBuf>,
    /// Records replayed (header excluded).
    pub records: u64,
    /// Bytes of a torn final record that were dropped.
    pub torn_bytes: u64,
    /// Unknown rows, by row index, with what is needed to reconcile them.
    pub unknown: Vec<UnknownRow>,
    done: BitSet,
    unknown_set: BitSet,
    skip_recorded: BitSet,
}

impl ReplayState {
    fn new(started: Timestamp) -> Self {
        ReplayState {
            started,
            fresh: true,
            archived: None,
            report_path: None,
            records: 0,
            torn_bytes: 0,
            unknown: Vec::new(),
            done: BitSet::new(),
            unknown_set: BitSet::new(),
            skip_recorded: BitSet::new(),
        }
    }

    /// Sent, or failed for good: never send again.
    pub fn is_done(&self, row: u32) -> bool {
        self.done.contains(row)
    }

    /// In flight at a crash (or an unknown outcome): reconcile before sending.
    pub fn is_unknown(&self, row: u32) -> bool {
        self.unknown_set.contains(row)
    }

    /// Neither done nor unknown: send (if the check allows).
    pub fn is_pending(&self, row: u32) -> bool {
        !self.is_done(row) && !self.is_unknown(row)
    }

    /// Whether this run sends `row` (when the check allows it): it is pending,
    /// or unknown and `--resend-unknown` was given.
    pub fn wants_send(&self, row: u32, resend_unknown: bool) -> bool {
        self.is_pending(row) || (resend_unknown && self.is_unknown(row))
    }

    /// A skip record is already in the journal (don't write another).
    pub fn skip_recorded(&self, row: u32) -> bool {
        self.skip_recorded.contains(row)
    }

    pub fn done_count(&self) -> u64 {
        self.done.len()
    }

    pub fn unknown_count(&self) -> u64 {
        self.unknown_set.len()
    }

    /// Marks an unknown row as settled by reconciliation (the caller also calls
    /// [`Journal::record_reconciled`]).
    pub fn settle(&mut self, row: u32, status: OutcomeStatus) {
        self.unknown_set.remove(row);
        self.unknown.retain(|u| u.recipient.row != row);
        if matches!(status, OutcomeStatus::Sent | OutcomeStatus::Failed) {
            self.done.insert(row);
        } else if status == OutcomeStatus::Unknown {
            self.unknown_set.insert(row);
        }
    }
}

// ---------------------------------------------------------------------------
// records

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Kind {
    H,
    I,
    O,
    R,
    S,
    D,
    P,
}

#[derive(Debug, Serialize, Deserialize)]
struct Rec<'a> {
    t: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    row: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    to: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ts: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    sid: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<u32>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    msg: Option<Cow<'a, str>>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    report: Option<Cow<'a, str>>,
}

impl<'a> Rec<'a> {
    fn new(t: Kind) -> Self {
        Rec {
            t,
            row: None,
            line: None,
            to: None,
            ts: None,
            status: None,
            sid: None,
            code: None,
            msg: None,
            report: None,
        }
    }

    fn for_row(t: Kind, r: &'a RowRef) -> Self {
        Rec {
            row: Some(r.row),
            line: Some(r.line),
            to: Some(Cow::Borrowed(&r.to)),
            ..Rec::new(t)
        }
    }

    fn to_report_row(&self) -> ReportRow {
        let status = match self.t {
            Kind::I => Status::Unknown,
            _ => self.status.unwrap_or(Status::Unknown),
        };
        ReportRow {
            recipient: self.to.as_deref().unwrap_or("").to_string(),
            row: self.line.unwrap_or(0),
            status,
            message_sid: self.sid.as_deref().map(str::to_string),
            error_code: self.code,
            error_message: self.msg.as_deref().map(str::to_string),
        }
    }
}

/// Parses one complete line (without its `\n`). A line that is a torn fragment
/// glued to a later complete record (a writer was killed mid-write and another
/// appended after it) is read as that later record: the torn write never finished,
/// so its request was never made.
fn parse_line(line: &[u8]) -> Result<Rec<'_>, serde_json::Error> {
    match serde_json::from_slice::<Rec<'_>>(line) {
        Ok(r) => Ok(r),
        Err(e) => {
            let needle = b"{\"t\":\"";
            let later = line
                .windows(needle.len())
                .rposition(|w| w == needle)
                .filter(|&i| i > 0);
            match later {
                Some(i) => serde_json::from_slice::<Rec<'_>>(&line[i..]),
                None => Err(e),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// the writer

struct SyncShared {
    state: Mutex<SyncState>,
    wake: Condvar,
    written: AtomicU64,
    /// Set when `state.error` holds an error: appends check it without locking.
    failed: AtomicBool,
}

struct SyncState {
    stop: bool,
    error: Option<io::Error>,
}

/// An open journal. See the module documentation for the format and guarantees.
pub struct Journal {
    path: PathBuf,
    file: File,
    shared: Arc<SyncShared>,
    syncer: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

struct Loaded {
    header: JournalHeader,
    state: ReplayState,
}

impl Journal {
    /// Opens the journal at `path` for a run with `fingerprint`, creating it if it
    /// does not exist. An existing journal with another fingerprint is an error
    /// ([`JournalError::Changed`]). With `restart`, an existing journal (changed or
    /// not) is moved aside (to `<path>.<start time>`, reported in
    /// `ReplayState::archived`) and a new one is started: everyone is sent to again.
    /// The journal stays locked until the `Journal` is dropped; a second run of the
    /// same campaign gets [`JournalError::Locked`].
    pub fn open_or_create(
        path: &Path,
        fingerprint: &Fingerprint,
        restart: bool,
    ) -> Result<(Journal, ReplayState), JournalError> {
        refuse_symlink(path)?;
        if path.exists() {
            let (journal, loaded) = Journal::open_locked(path)?;
            if let Some(loaded) = loaded {
                let diff = loaded.header.fingerprint.differences(fingerprint);
                if diff.is_empty() && !restart {
                    let mut state = loaded.state;
                    state.fresh = false;
                    return Ok((journal, state));
                }
                // A journal where nothing was ever sent or left in flight (e.g. the
                // confirmation was refused) does not hold a changed input back: it
                // starts over in place, below.
                if restart {
                    drop(journal);
                    let archived = archive(path, loaded.header.started)?;
                    let (journal, mut state) = Journal::create(path, fingerprint)?;
                    state.archived = Some(archived);
                    return Ok((journal, state));
                }
                if loaded.state.done_count() > 0 || loaded.state.unknown_count() > 0 {
                    return Err(JournalError::Changed {
                        path: path.to_path_buf(),
                        changed: diff.join(", "),
                    });
                }
            }
            // No complete header (the file was being created when the process
            // died), or nothing in it was ever sent: start over in place.
            journal.file.set_len(0).map_err(io_err(path))?;
            let started = Timestamp::now();
            journal.write_header(fingerprint, started)?;
            return Ok((journal, ReplayState::new(started)));
        }
        Journal::create(path, fingerprint)
    }

    /// Opens an existing journal for `campaign status`, without checking a
    /// fingerprint and without requiring the lock (a running campaign holds it;
    /// delivery records are whole-line appends and do not interleave with its own).
    pub fn open_existing(
        path: &Path,
    ) -> Result<(Journal, JournalHeader, ReplayState), JournalError> {
        refuse_symlink(path)?;
        let file = journal_options().open(path).map_err(io_err(path))?;
        let locked = try_lock(path, &file)?;
        let loaded = load(path, &file, locked)?;
        let Some(mut loaded) = loaded else {
            return Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            });
        };
        loaded.state.fresh = false;
        let journal = Journal::start(path, file)?;
        Ok((journal, loaded.header, loaded.state))
    }

    /// Reads a journal without opening it for writing.
    pub fn read(path: &Path) -> Result<(JournalHeader, ReplayState), JournalError> {
        let file = File::open(path).map_err(io_err(path))?;
        match load(path, &file, false)? {
            Some(l) => Ok((l.header, l.state)),
            None => Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            }),
        }
    }

    fn open_locked(path: &Path) -> Result<(Journal, Option<Loaded>), JournalError> {
        let file = journal_options().open(path).map_err(io_err(path))?;
        if !try_lock(path, &file)? {
            return Err(JournalError::Locked {
                path: path.to_path_buf(),
            });
        }
        make_private(path, &file)?;
        let loaded = load(path, &file, true)?;
        let journal = Journal::start(path, file)?;
        Ok((journal, loaded))
    }

    fn create(
        path: &Path,
        fingerprint: &Fingerprint,
    ) -> Result<(Journal, ReplayState), JournalError> {
        let file = journal_options()
            .create_new(true)
            .open(path)
            .map_err(io_err(path))?;
        if !try_lock(path, &file)? {
            return Err(JournalError::Locked {
                path: path.to_path_buf(),
            });
        }
        let journal = Journal::start(path, file)?;
        let started = Timestamp::now();
        journal.write_header(fingerprint, started)?;
        sync_parent_dir(path);
        Ok((journal, ReplayState::new(started)))
    }

    fn start(path: &Path, file: File) -> Result<Journal, JournalError> {
        let sync_file = file.try_clone().map_err(io_err(path))?;
        let shared = Arc::new(SyncShared {
            state: Mutex::new(SyncState {
                stop: false,
                error: None,
            }),
            wake: Condvar::new(),
            written: AtomicU64::new(0),
            failed: AtomicBool::new(false),
        });
        let thread_shared = Arc::clone(&shared);
        let syncer = std::thread::Builder::new()
            .name("journal-fsync".into())
            .spawn(move || sync_loop(&thread_shared, &sync_file))
            .map_err(io_err(path))?;
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            shared,
            syncer: Some(syncer),
        })
    }

    fn write_header(
        &self,
        fingerprint: &Fingerprint,
        started: Timestamp,
    ) -> Result<(), JournalError> {
        #[derive(Serialize)]
        struct H<'a> {
            t: Kind,
            #[serde(flatten)]
            header: &'a JournalHeader,
        }
        let header = JournalHeader {
            v: JOURNAL_VERSION,
            started,
            fingerprint: fingerprint.clone(),
        };
        let mut buf = serde_json::to_vec(&H {
            t: Kind::H,
            header: &header,
        })
        .expect("header serialises");
        buf.push(b'\n');
        (&self.file).write_all(&buf).map_err(io_err(&self.path))?;
        self.file.sync_data().map_err(io_err(&self.path))
    }

    fn append(&self, rec: &Rec<'_>) -> Result<(), JournalError> {
        if self.shared.failed.load(Ordering::Acquire)
            && let Some(e) = self.shared.state.lock().expect("journal lock").error.take()
        {
            return Err(JournalError::from_io(&self.path, e));
        }
        let mut buf = Vec::with_capacity(160);
        serde_json::to_writer(&mut buf, rec).expect("record serialises");
        buf.push(b'\n');
        // One write of the whole line on an O_APPEND file.
        (&self.file).write_all(&buf).map_err(io_err(&self.path))?;
        self.shared.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Records that a request for `r` is about to be made. Returns only after the
    /// record is in the file; make the request after that.
    pub fn record_intent(&self, r: &RowRef) -> Result<(), JournalError> {
        self.append(&Rec {
            ts: Some(Timestamp::now().as_millisecond()),
            ..Rec::for_row(Kind::I, r)
        })
    }

    /// Records how the request for `r` ended.
    pub fn record_outcome(&self, r: &RowRef, outcome: &Outcome) -> Result<(), JournalError> {
        self.append(&outcome_rec(Kind::O, r, outcome))
    }

    /// Records how an unknown row was settled by asking Twilio (`Sent` with the SID
    /// found, `NotSent` when proven unsent, `Unknown` when it cannot be proven).
    pub fn record_reconciled(&self, r: &RowRef, outcome: &Outcome) -> Result<(), JournalError> {
        self.append(&outcome_rec(Kind::R, r, outcome))
    }

    /// Records that a row is skipped (invalid or duplicate), with the reason.
    pub fn record_skipped(
        &self,
        r: &RowRef,
        reason: SkipReason,
        message: &str,
    ) -> Result<(), JournalError> {
        self.append(&Rec {
            status: Some(match reason {
                SkipReason::Invalid => Status::SkippedInvalid,
                SkipReason::Duplicate => Status::SkippedDuplicate,
            }),
            msg: Some(Cow::Borrowed(message)),
            ..Rec::for_row(Kind::S, r)
        })
    }

    /// Records a delivery status (from `campaign status`): the whole merged report
    /// row for `index`.
    pub fn record_delivery(&self, index: u32, row: &ReportRow) -> Result<(), JournalError> {
        self.append(&Rec {
            row: Some(index),
            line: Some(row.row),
            to: Some(Cow::Borrowed(&row.recipient)),
            status: Some(row.status),
            sid: row.message_sid.as_deref().map(Cow::Borrowed),
            code: row.error_code,
            msg: row.error_message.as_deref().map(Cow::Borrowed),
            ..Rec::new(Kind::D)
        })
    }

    /// Notes where the report is written, so `campaign status JOURNAL` finds it.
    pub fn note_report_path(&self, report: &Path) -> Result<(), JournalError> {
        // Absolute, so that `campaign status` run from another directory finds it.
        let report = std::path::absolute(report).unwrap_or_else(|_| report.to_path_buf());
        let report = report.to_string_lossy();
        self.append(&Rec {
            report: Some(Cow::Borrowed(&report)),
            ..Rec::new(Kind::P)
        })
    }

    /// Syncs everything written so far to disk now.
    pub fn flush(&self) -> Result<(), JournalError> {
        if let Some(e) = self.shared.state.lock().expect("journal lock").error.take() {
            return Err(JournalError::from_io(&self.path, e));
        }
        self.file.sync_data().map_err(io_err(&self.path))
    }

    /// Stops the background syncer, syncs, and closes (unlocks) the journal.
    pub fn close(mut self) -> Result<(), JournalError> {
        self.stop_syncer();
        self.flush()
    }

    fn stop_syncer(&mut self) {
        if let Some(handle) = self.syncer.take() {
            self.shared.state.lock().expect("journal lock").stop = true;
            self.shared.wake.notify_one();
            let _ = handle.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.stop_syncer();
        let _ = self.file.sync_data();
    }
}

fn outcome_rec<'a>(kind: Kind, r: &'a RowRef, o: &'a Outcome) -> Rec<'a> {
    Rec {
        status: Some(o.status.into()),
        sid: o.sid.as_deref().map(Cow::Borrowed),
        code: o.error_code,
        msg: o.error_message.as_deref().map(Cow::Borrowed),
        ..Rec::for_row(kind, r)
    }
}

fn sync_loop(shared: &SyncShared, file: &File) {
    let mut synced = 0u64;
    let mut guard = shared.state.lock().expect("journal lock");
    loop {
        let stop = guard.stop;
        let written = shared.written.load(Ordering::Relaxed);
        if written != synced {
            drop(guard);
            let result = file.sync_data();
            synced = written;
            guard = shared.state.lock().expect("journal lock");
            if let Err(e) = result {
                guard.error.get_or_insert(e);
                shared.failed.store(true, Ordering::Release);
            }
            if guard.stop {
                continue;
            }
        }
        if stop {
            return;
        }
        guard = shared
            .wake
            .wait_timeout(guard, SYNC_EVERY)
            .expect("journal lock")
            .0;
    }
}

/// Takes the exclusive advisory lock if it is free; `Ok(false)` if another
/// process holds it.
fn try_lock(path: &Path, file: &File) -> Result<bool, JournalError> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path)(e)),
    }
}

#[cfg(unix)]
fn sync_parent_dir(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_parent_dir(_path: &Path) {}

fn archive(path: &Path, started: Timestamp) -> Result<PathBuf, JournalError> {
    let stamp = started.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut n = 0;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{stamp}"));
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let target = PathBuf::from(name);
        if !target.exists() {
            std::fs::rename(path, &target).map_err(io_err(path))?;
            return Ok(target);
        }
        n += 1;
    }
}

/// Replays the journal in `file`. Returns `None` if there is no complete header
/// line (a crash while the file was created). With `may_truncate`, a torn last
/// record is cut off so that later appends start on a fresh line.
/// Reads the header line from `reader` (at the start of the journal). `None`
/// when there is no complete header line; else the header and the offset of
/// the first record.
fn read_header(
    path: &Path,
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> Result<Option<(JournalHeader, u64)>, JournalError> {
    buf.clear();
    let n = reader.read_until(b'\n', buf).map_err(io_err(path))?;
    if n == 0 || buf.last() != Some(&b'\n') {
        return Ok(None);
    }
    Ok(Some((parse_header(path, &buf[..n - 1])?, n as u64)))
}

/// Reads every whole record after the header (`reader` is at `offset`), handing
/// each to `each` with its byte offset and line number. Blank lines are
/// skipped. A torn final record (an interrupted write) ends the scan: returns
/// its offset and length, if there is one.
fn read_records(
    path: &Path,
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    mut offset: u64,
    mut each: impl FnMut(u64, u64, Rec<'_>) -> Result<(), JournalError>,
) -> Result<Option<(u64, u64)>, JournalError> {
    let mut line_no = 1u64;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', buf).map_err(io_err(path))?;
        if n == 0 {
            return Ok(None);
        }
        line_no += 1;
        if buf.last() != Some(&b'\n') {
            return Ok(Some((offset, n as u64)));
        }
        let line = &buf[..n - 1];
        if !line.iter().all(u8::is_ascii_whitespace) {
            let rec = parse_line(line).map_err(|e| JournalError::Corrupt {
                path: path.to_path_buf(),
                line: line_no,
                reason: e.to_string(),
            })?;
            each(offset, line_no, rec)?;
        }
        offset += n as u64;
    }
}

fn load(path: &Path, file: &File, may_truncate: bool) -> Result<Option<Loaded>, JournalError> {
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    reader.seek(SeekFrom::Start(0)).map_err(io_err(path))?;
    let mut buf = Vec::with_capacity(512);
    let Some((header, first)) = read_header(path, &mut reader, &mut buf)? else {
        return Ok(None);
    };
    let mut state = ReplayState::new(header.started);
    let mut open: HashMap<u32, UnknownRow> = HashMap::new();
    let torn = read_records(path, &mut reader, &mut buf, first, |_, line_no, rec| {
        state.records += 1;
        apply(&mut state, &mut open, rec, path, line_no)
    })?;
    if let Some((offset, len)) = torn {
        state.torn_bytes = len;
        if may_truncate {
            file.set_len(offset).map_err(io_err(path))?;
        }
    }
    let mut unknown: Vec<UnknownRow> = open.into_values().collect();
    unknown.sort_by_key(|u| u.recipient.row);
    for u in &unknown {
        state.unknown_set.insert(u.recipient.row);
    }
    state.unknown = unknown;
    Ok(Some(Loaded { header, state }))
}

fn parse_header(path: &Path, line: &[u8]) -> Result<JournalHeader, JournalError> {
    #[derive(Deserialize)]
    struct Probe {
        t: Kind,
        v: u32,
    }
    let not_journal = || JournalError::NotAJournal {
        path: path.to_path_buf(),
    };
    let probe: Probe = serde_json::from_slice(line).map_err(|_| not_journal())?;
    if probe.t != Kind::H {
        return Err(not_journal());
    }
    if probe.v > JOURNAL_VERSION {
        return Err(JournalError::Version {
            path: path.to_path_buf(),
            version: probe.v,
        });
    }
    serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        reason: e.to_string(),
    })
}

fn apply(
    state: &mut ReplayState,
    open: &mut HashMap<u32, UnknownRow>,
    rec: Rec<'_>,
    path: &Path,
    line_no: u64,
) -> Result<(), JournalError> {
    if rec.t == Kind::P {
        state.report_path = rec.report.as_deref().map(PathBuf::from);
        return Ok(());
    }
    if rec.t == Kind::H {
        return Err(JournalError::Corrupt {
            path: path.to_path_buf(),
            line: line_no,
            reason: "a second header".into(),
        });
    }
    let Some(row) = rec.row else {
        return Err(JournalError::Corrupt {
            path: path.to_path_buf(),
            line: line_no,
            reason: "record without a row".into(),
        });
    };
    let recipient = || RowRef {
        row,
        line: rec.line.unwrap_or(0),
        to: rec.to.as_deref().unwrap_or("").to_string(),
    };
    let status = rec.status.unwrap_or(Status::Unknown);
    match rec.t {
        Kind::I => {
            state.done.remove(row);
            let at = rec
                .ts
                .and_then(|ms| Timestamp::from_millisecond(ms).ok())
                .unwrap_or(state.started);
            open.insert(
                row,
                UnknownRow {
                    recipient: recipient(),
                    intent_at: at,
                    reason: None,
                },
            );
        }
        Kind::S => {
            state.skip_recorded.insert(row);
        }
        _ => {
            if status.is_done() {
                state.done.insert(row);
                open.remove(&row);
            } else if status == Status::Unknown {
                state.done.remove(row);
                let reason = rec.msg.as_deref().map(str::to_string);
                let entry = open.entry(row).or_insert_with(|| UnknownRow {
                    recipient: recipient(),
                    intent_at: state.started,
                    reason: None,
                });
                entry.reason = reason;
            } else {
                // not_sent (or a skip status): pending again
                state.done.remove(row);
                open.remove(&row);
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// reading final entries (report rebuild, campaign status)

/// One row's final state in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// 0-based data record index.
    pub index: u32,
    pub report: ReportRow,
}

/// The final record of every row, in row order: what the report shows. Two passes
/// over the journal; memory is 8 bytes per row (the offset of its last record).
pub struct FinalEntries {
    path: PathBuf,
    reader: BufReader<File>,
    pos: u64,
    offsets: Vec<u64>,
    next: usize,
    buf: Vec<u8>,
}

impl FinalEntries {
    pub fn open(path: &Path) -> Result<FinalEntries, JournalError> {
        let file = File::open(path).map_err(io_err(path))?;
        // Final records come in nearly row order (rows are sent in order, a few at a
        // time), so the second pass mostly moves forward or back within the buffer.
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut buf = Vec::with_capacity(512);
        let mut offsets: Vec<u64> = Vec::new();
        let Some((_, first)) = read_header(path, &mut reader, &mut buf)? else {
            return Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            });
        };
        read_records(path, &mut reader, &mut buf, first, |offset, _, rec| {
            if let (Some(row), true) = (rec.row, rec.t != Kind::P) {
                let row = row as usize;
                if row >= offsets.len() {
                    offsets.resize(row + 1, u64::MAX);
                }
                offsets[row] = offset;
            }
            Ok(())
        })?;
        reader.seek(SeekFrom::Start(0)).map_err(io_err(path))?;
        Ok(FinalEntries {
            path: path.to_path_buf(),
            reader,
            pos: 0,
            offsets,
            next: 0,
            buf,
        })
    }

    fn read_at(&mut self, offset: u64) -> Result<JournalEntry, JournalError> {
        let delta = offset as i64 - self.pos as i64;
        self.reader
            .seek_relative(delta)
            .map_err(io_err(&self.path))?;
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(io_err(&self.path))?;
        self.pos = offset + n as u64;
        let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
        let rec = parse_line(line).map_err(|e| JournalError::Corrupt {
            path: self.path.clone(),
            line: 0,
            reason: e.to_string(),
        })?;
        Ok(JournalEntry {
            index: rec.row.unwrap_or(0),
            report: rec.to_report_row(),
        })
    }
}

impl Iterator for FinalEntries {
    type Item = Result<JournalEntry, JournalError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.next < self.offsets.len() {
            let offset = self.offsets[self.next];
            self.next += 1;
            if offset != u64::MAX {
                return Some(self.read_at(offset));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn rr(row: u32) -> RowRef {
        RowRef {
            row,
            line: u64::from(row) + 2,
            to: format!("+659100{row:04}"),
        }
    }

    #[test]
    fn fresh_then_resume() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv.smsctl-journal");
        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(st.fresh);
        assert_eq!(fp("hi").to_column, "recipient");
        assert_eq!(fp("hi").default_region.as_deref(), Some("SG"));
        // row 0 sent, row 1 failed for good, row 2 in flight, row 3 not sent
        // (retryable), row 4 unknown outcome, row 5 skipped, row 6 unknown then
        // reconciled as sent, row 7 unknown then proven unsent
        for r in 0..8 {
            if r != 5 {
                j.record_intent(&rr(r)).unwrap();
            }
        }
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        j.record_outcome(&rr(1), &Outcome::failed(Some(21610), "opted out"))
            .unwrap();
        j.record_outcome(&rr(3), &Outcome::not_sent(Some(20429), "rate"))
            .unwrap();
        j.record_outcome(&rr(4), &Outcome::unknown("500 after create"))
            .unwrap();
        j.record_skipped(&rr(5), SkipReason::Duplicate, "dup")
            .unwrap();
        j.record_outcome(&rr(6), &Outcome::unknown("timeout"))
            .unwrap();
        j.record_reconciled(&rr(6), &Outcome::sent("SM6")).unwrap();
        j.record_reconciled(&rr(7), &Outcome::not_sent(None, "not found"))
            .unwrap();
        j.note_report_path(Path::new("out.csv")).unwrap();
        j.close().unwrap();

        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(!st.fresh);
        assert_eq!(st.records, 16);
        assert_eq!(st.torn_bytes, 0);
        assert_eq!(
            st.report_path.as_deref(),
            Some(std::path::absolute("out.csv").unwrap().as_path())
        );
        let done: Vec<u32> = (0..9).filter(|&r| st.is_done(r)).collect();
        let unknown: Vec<u32> = (0..9).filter(|&r| st.is_unknown(r)).collect();
        let pending: Vec<u32> = (0..9).filter(|&r| st.is_pending(r)).collect();
        assert_eq!(done, [0, 1, 6]);
        assert_eq!(unknown, [2, 4]);
        assert_eq!(pending, [3, 5, 7, 8]);
        assert!(st.skip_recorded(5) && !st.skip_recorded(3));
        assert_eq!(st.unknown.len(), 2);
        assert_eq!(st.unknown[0].recipient, rr(2));
        assert!(st.unknown[0].intent_at.as_millisecond() >= st.started.as_millisecond());
        assert_eq!(st.unknown[1].reason.as_deref(), Some("500 after create"));
        drop(j);
    }

    #[test]
    fn torn_last_line_is_dropped_and_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        j.record_intent(&rr(1)).unwrap();
        drop(j);
        // simulate kill -9 in the middle of writing the outcome of row 1
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        let torn = br#"{"t":"O","row":1,"line":3,"to":"+6"#;
        f.write_all(torn).unwrap();
        drop(f);
        let len_before = std::fs::metadata(&path).unwrap().len();

        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert_eq!(st.torn_bytes, torn.len() as u64);
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            len_before - torn.len() as u64
        );
        assert!(st.is_done(0));
        assert!(st.is_unknown(1), "intent without outcome");
        // appending after the truncation yields a clean journal
        j.record_reconciled(&rr(1), &Outcome::sent("SM1")).unwrap();
        drop(j);
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.torn_bytes, 0);
        assert!(st.is_done(1));
    }

    #[test]
    fn torn_fragment_glued_to_a_later_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"t":"O","row":0,"#).unwrap();
        f.write_all(b"{\"t\":\"R\",\"row\":0,\"line\":2,\"to\":\"+65\",\"status\":\"sent\",\"sid\":\"SMx\"}\n")
            .unwrap();
        drop(f);
        let (_, st) = Journal::read(&path).unwrap();
        assert!(st.is_done(0));
    }

    #[test]
    fn header_torn_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(&path, br#"{"t":"H","v":1,"sta"#).unwrap();
        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(st.fresh);
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let (h, st) = Journal::read(&path).unwrap();
        assert_eq!(h.fingerprint, fp("hi"));
        assert!(st.is_unknown(0));
    }

    #[test]
    fn fingerprint_mismatch_and_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        drop(j);
        let err = Journal::open_or_create(&path, &fp("changed"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the recipients file or template changed since this campaign started (journal {}; changed: template); run with --restart to start over, or restore the original files",
                path.display()
            )
        );
        let mut other = fp("hi");
        other.recipients = "fnv1a64:0:1".into();
        other.sender = "+15550001".into();
        let err = Journal::open_or_create(&path, &other, false).unwrap_err();
        assert!(
            matches!(&err, JournalError::Changed { changed, .. } if changed == "recipients file, sender"),
            "{err}"
        );

        let (j, st) = Journal::open_or_create(&path, &fp("changed"), true).unwrap();
        assert!(st.fresh);
        assert!(!st.is_done(0));
        let archived = st.archived.clone().unwrap();
        assert!(archived.exists());
        assert!(
            archived
                .to_string_lossy()
                .starts_with(&path.to_string_lossy().to_string())
        );
        let (_, old) = Journal::read(&archived).unwrap();
        assert!(old.is_done(0));
        drop(j);
        // the new journal resumes; restart with the same fingerprint starts over too
        let (j, st) = Journal::open_or_create(&path, &fp("changed"), false).unwrap();
        assert!(!st.fresh);
        drop(j);
        let (_, st) = Journal::open_or_create(&path, &fp("changed"), true).unwrap();
        assert!(st.fresh && st.archived.is_some());
    }

    #[cfg(unix)]
    #[test]
    fn journal_is_private_and_never_written_through_a_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        drop(j);
        assert_eq!(mode(&path), 0o600);
        // one written by an older smsctl is made private on resume
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(Journal::open_or_create(&path, &fp("hi"), false).unwrap());
        assert_eq!(mode(&path), 0o600);

        let target = dir.path().join("precious");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
        for l in [&link, &dangling] {
            for restart in [false, true] {
                let e = Journal::open_or_create(l, &fp("hi"), restart).unwrap_err();
                assert!(matches!(e, JournalError::Symlink { .. }), "{e}");
            }
            let e = Journal::open_existing(l).unwrap_err();
            assert!(matches!(e, JournalError::Symlink { .. }), "{e}");
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        assert!(!dir.path().join("nothing").exists());
        // O_NOFOLLOW itself (a link swapped in after the check)
        let e = journal_options().open(&link).unwrap_err();
        assert!(matches!(
            JournalError::from_io(&link, e),
            JournalError::Symlink { .. }
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_named_with_the_path_and_what_to_do() {
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open("/dev/full")
            .unwrap();
        let j = Journal::start(Path::new("camp/r.csv.smsctl-journal"), file).unwrap();
        let e = j.record_intent(&rr(0)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no space left on device: camp/r.csv.smsctl-journal; free some space and run the same command again: it resumes without sending anyone twice"
        );
    }

    #[test]
    fn journal_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Journal>();
        assert_send_sync::<ReplayState>();
    }

    #[test]
    fn locked_while_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let err = Journal::open_or_create(&path, &fp("hi"), false).unwrap_err();
        assert!(matches!(err, JournalError::Locked { .. }), "{err}");
        // the status command may still append
        let (s, h, _) = Journal::open_existing(&path).unwrap();
        assert_eq!(h.fingerprint, fp("hi"));
        drop(s);
        drop(j);
        Journal::open_or_create(&path, &fp("hi"), false).unwrap();
    }

    #[test]
    fn not_a_journal_and_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(&path, "recipient,row,status\n").unwrap();
        let err = Journal::open_or_create(&path, &fp("hi"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} is not an smsctl campaign journal", path.display())
        );
        let (j, _) = Journal::open_or_create(&dir.path().join("k"), &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let mut f = OpenOptions::new()
            .append(true)
            .open(dir.path().join("k"))
            .unwrap();
        f.write_all(b"garbage\n").unwrap();
        f.write_all(b"{\"t\":\"O\",\"row\":0,\"status\":\"sent\"}\n")
            .unwrap();
        drop(f);
        let err = Journal::read(&dir.path().join("k")).unwrap_err();
        assert!(
            matches!(err, JournalError::Corrupt { line: 3, .. }),
            "{err}"
        );
    }

    #[test]
    fn concurrent_writers_produce_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let j = Arc::new(j);
        std::thread::scope(|s| {
            for t in 0..4u32 {
                let j = Arc::clone(&j);
                s.spawn(move || {
                    for i in 0..500u32 {
                        let r = rr(t * 1000 + i);
                        j.record_intent(&r).unwrap();
                        j.record_outcome(&r, &Outcome::sent(format!("SM{}", r.row)))
                            .unwrap();
                    }
                });
            }
        });
        Arc::try_unwrap(j).unwrap().close().unwrap();
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.records, 4000);
        assert_eq!(st.done_count(), 2000);
        assert_eq!(st.unknown_count(), 0);
    }

    #[test]
    fn final_entries_in_row_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        for r in [3, 1, 0] {
            j.record_intent(&rr(r)).unwrap();
        }
        j.record_outcome(&rr(1), &Outcome::sent("SM1")).unwrap();
        j.record_outcome(&rr(3), &Outcome::failed(Some(21211), "bad"))
            .unwrap();
        j.record_skipped(&rr(5), SkipReason::Invalid, "r.csv:7: bad number")
            .unwrap();
        drop(j);
        let entries: Vec<JournalEntry> = FinalEntries::open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let got: Vec<(u32, Status)> = entries.iter().map(|e| (e.index, e.report.status)).collect();
        assert_eq!(
            got,
            [
                (0, Status::Unknown),
                (1, Status::Sent),
                (3, Status::Failed),
                (5, Status::SkippedInvalid)
            ]
        );
        assert_eq!(entries[1].report.message_sid.as_deref(), Some("SM1"));
        assert_eq!(entries[2].report.error_code, Some(21211));
        assert_eq!(entries[3].report.row, 7);
        assert_eq!(entries[3].report.recipient, "+6591000005");
    }

    /// `cargo test --release --lib campaign::journal::tests::bench_journal -- --ignored --nocapture`
    #[test]
    #[ignore = "benchmark: run in --release"]
    fn bench_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let j = Arc::new(j);
        let rows = 1_000_000u32;
        let tasks = 8u32;
        let start = std::time::Instant::now();
        // rows handed out in order from one queue, as the sender does
        let next = std::sync::atomic::AtomicU32::new(0);
        let next = &next;
        std::thread::scope(|s| {
            for _ in 0..tasks {
                let j = Arc::clone(&j);
                s.spawn(move || {
                    loop {
                        let row = next.fetch_add(1, Ordering::Relaxed);
                        if row >= rows {
                            break;
                        }
                        let r = rr(row);
                        j.record_intent(&r).unwrap();
                        j.record_outcome(&r, &Outcome::sent(format!("SM{row:032x}")))
                            .unwrap();
                    }
                });
            }
        });
        Arc::try_unwrap(j).unwrap().close().unwrap();
        let took = start.elapsed();
        let size = std::fs::metadata(&path).unwrap().len();
        eprintln!(
            "journal: {} records from {tasks} threads in {:.2} s = {:.0} records/s ({:.0} MB)",
            2 * rows,
            took.as_secs_f64(),
            f64::from(2 * rows) / took.as_secs_f64(),
            size as f64 / 1e6
        );
        let start = std::time::Instant::now();
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.done_count(), u64::from(rows));
        eprintln!("replay: {:.2} s", start.elapsed().as_secs_f64());
        let start = std::time::Instant::now();
        let summary =
            crate::campaign::report::rebuild_report(&path, &dir.path().join("r.csv")).unwrap();
        assert_eq!(summary.sent, u64::from(rows));
        eprintln!("report rebuild: {:.2} s", start.elapsed().as_secs_f64());
    }
}
