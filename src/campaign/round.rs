//! Rounds over a campaign that ran: `campaign retry` (send once more to the
//! recipients whose message failed for a passing reason) and `campaign cancel`
//! (cancel the messages still scheduled). Both are the same steps, none of
//! which prints:
//!
//! 1. [`Round::open`]: the campaign's journal, locked like a run (a run, a
//!    retry or a cancel of the same campaign at the same time is refused).
//! 2. [`Round::settle_deadline`] / [`Round::reconcile`]: requests that were in
//!    flight when an earlier run or round stopped are settled by asking Twilio
//!    (creates by listing the recipient's messages — for a retry, only messages
//!    newer than the one it retried —, cancels by fetching the message).
//! 3. [`Round::select`]: every row by its latest known status (the journal's
//!    last record of it, as `campaign status` left it): who this round acts on,
//!    and why each other row is left alone.
//! 4. [`Round::retry`] / [`Round::cancel`]: the engine's request loop
//!    ([`super::engine::drive`]: rate, concurrency, intent before each request and
//!    outcome after it, the circuit breaker), recorded in the same journal; then
//!    the report is rebuilt from it.
//!
//! A round is resumable and exactly once because its selection is stateless:
//! a row it acted on has a newer record (a new message, `canceled`), so the
//! same command run again selects only the rows not done yet, after settling
//! the ones in doubt.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::bits::BitSet;
use super::check::{CheckOptions, CheckReport};
use super::engine::{self, Act, EngineOptions, Job, Limits, Reporter, RetryRows, SendJob, Stopped};
use super::journal::{
    FinalEntries, Fingerprint, Journal, JournalError, JournalHeader, ReplayState, RowRef,
};
use super::recipients::CheckError;
use super::reconcile::{self, Reconciled};
use super::report::{ReportError, rebuild_report};
use super::run::Finished;
use super::status::{ReportRow, Status};
use super::template::Template;
use crate::twilio::Client;

/// How a Twilio error code is classed for `campaign retry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A passing reason: sending once more may well succeed.
    Transient,
    /// Sending again fails the same way (or must not be done at all).
    Permanent,
}

/// The classification table of `campaign retry` (README, "Opt-outs and
/// retries"): each code, its class, and why — from Twilio's error reference,
/// `https://www.twilio.com/docs/api/errors/<code>`. A code not in the table is
/// not retried (it is listed in the dry run as unclassified).
pub const RETRY_CODES: &[(u32, Class, &str)] = &[
    (
        20429,
        Class::Transient,
        "too many requests: Twilio's rate limit",
    ),
    (20500, Class::Transient, "Twilio internal server error"),
    (
        20503,
        Class::Transient,
        "Twilio service temporarily unavailable",
    ),
    (
        30001,
        Class::Transient,
        "queue overflow: sent faster than the sender's throughput",
    ),
    (
        30003,
        Class::Transient,
        "unreachable handset: powered off, no signal, roaming",
    ),
    (30008, Class::Transient, "unknown error from the carrier"),
    (
        30009,
        Class::Transient,
        "missing segment: a part of the message did not arrive",
    ),
    (30017, Class::Transient, "carrier network congestion"),
    (
        30022,
        Class::Transient,
        "US A2P 10DLC throughput limit exceeded",
    ),
    (30023, Class::Transient, "US A2P 10DLC daily cap reached"),
    (
        30027,
        Class::Transient,
        "US A2P 10DLC T-Mobile daily limit reached",
    ),
    (21211, Class::Permanent, "the 'To' number is not valid"),
    (
        21408,
        Class::Permanent,
        "the account may not send to that region",
    ),
    (
        21610,
        Class::Permanent,
        "the recipient replied STOP (opted out): never text again",
    ),
    (
        21612,
        Class::Permanent,
        "the 'To' cannot be reached from this sender",
    ),
    (21614, Class::Permanent, "the 'To' is not a mobile number"),
    (30002, Class::Permanent, "the account is suspended"),
    (
        30004,
        Class::Permanent,
        "message blocked by the recipient or the carrier",
    ),
    (
        30005,
        Class::Permanent,
        "unknown handset: the number does not exist",
    ),
    (
        30006,
        Class::Permanent,
        "landline or unreachable carrier: cannot receive SMS",
    ),
    (
        30007,
        Class::Permanent,
        "filtered by the carrier (spam, content): the same text is filtered again",
    ),
    (
        30034,
        Class::Permanent,
        "the sender is not registered for US A2P 10DLC",
    ),
    (
        63016,
        Class::Permanent,
        "WhatsApp outside the 24-hour window: needs an approved template",
    ),
];

/// The class of `code`, if the table has it.
pub fn classify(code: u32) -> Option<Class> {
    RETRY_CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, class, _)| *class)
}

/// What a round does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundKind {
    /// Send once more to the transient failures.
    Retry,
    /// Cancel the scheduled messages (with `opted_out_only`, only those whose
    /// recipient is now on the opt-out list).
    Cancel { opted_out_only: bool },
}

#[derive(Debug, thiserror::Error)]
pub enum RoundError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Report(#[from] ReportError),
    /// The journal does not say what the campaign sent (an older smsctl).
    #[error(
        "journal {path} does not record the campaign's recipients file and template (it was written by an smsctl before `campaign retry`), so it cannot send the same messages again",
        path = .path.display()
    )]
    NoSpec { path: PathBuf },
    #[error(
        "{recipients}: no such file (the recipients file of the campaign in {path}); put it back where it was to retry",
        path = .path.display()
    )]
    RecipientsMissing { path: PathBuf, recipients: String },
    #[error(
        "the recipients file or template changed since the campaign ran (changed: {changed}; journal {path}); a retry sends only what was checked: restore the original file",
        path = .path.display()
    )]
    Changed { path: PathBuf, changed: String },
    /// A campaign a retry cannot send again as it was sent.
    #[error(
        "journal {path}: {what} cannot be retried yet (a retry would not send the same messages); send the failed recipients with a new `campaign run` instead",
        path = .path.display()
    )]
    Unsupported { path: PathBuf, what: String },
    #[error(
        "{pending} recipients of the campaign in {path} were never sent to: finish the campaign first (the same `smsctl campaign run` command resumes it), then retry",
        path = .path.display()
    )]
    Unfinished { path: PathBuf, pending: u64 },
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error(
        "the campaign in {path} was sent through the account {journal}, but these credentials are for {using}: use the campaign's credentials (--profile)",
        path = .path.display()
    )]
    WrongAccount {
        path: PathBuf,
        journal: String,
        using: String,
    },
    #[error("the journal {path} records a sender that cannot be sent from: {sender:?}", path = .path.display())]
    BadSender { path: PathBuf, sender: String },
    /// A scheduled campaign whose time Twilio can no longer schedule at.
    #[error(
        "the campaign in {path} is scheduled for {at} and a retry schedules its messages at the same time, but {why}; nothing was sent",
        path = .path.display()
    )]
    Schedule {
        path: PathBuf,
        at: String,
        why: String,
    },
}

/// Why a row is not in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Left {
    /// Delivered, sent, queued, read: nothing to do.
    pub done: u64,
    /// Failed for good (by code).
    pub permanent: BTreeMap<u32, u64>,
    /// Failed with a code the table does not class (or no code).
    pub unclassified: BTreeMap<String, u64>,
    /// On the opt-out list now.
    pub opted_out: u64,
    /// Scheduled (a retry never sends those).
    pub scheduled: u64,
    /// Maybe sent, still in doubt after asking Twilio.
    pub unknown: u64,
    /// Skipped by the run (invalid, duplicate, opted out then).
    pub skipped: u64,
    /// Canceled, or (for a cancel) anything not scheduled.
    pub other: u64,
}

/// The rows a round acts on, with their latest known state.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub rows: Vec<Chosen>,
    pub left: Left,
    /// Every row the journal knows.
    known: BitSet,
}

#[derive(Debug, Clone)]
pub struct Chosen {
    pub index: u32,
    /// The row's latest attempt, as the report shows it.
    pub latest: ReportRow,
    /// Requests made for the row so far.
    pub attempts: u32,
}

impl Chosen {
    fn row_ref(&self) -> RowRef {
        RowRef {
            row: self.index,
            line: self.latest.row,
            to: self.latest.recipient.clone(),
        }
    }
}

/// A campaign's journal, open for a round.
pub struct Round {
    journal: Journal,
    header: JournalHeader,
    replay: ReplayState,
    journal_path: PathBuf,
    report_path: PathBuf,
}

/// `+6591234567` → the opt-out key ([`crate::phone::E164::as_u64`]).
fn number_key(to: &str) -> Option<u64> {
    let digits = to.strip_prefix('+')?;
    (!digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())?
}

impl Round {
    /// Opens the journal at `path`, locked.
    pub fn open(path: &Path) -> Result<Round, RoundError> {
        let (journal, header, replay) = Journal::open_for_round(path)?;
        let report_path = replay
            .report_path
            .clone()
            .unwrap_or_else(|| super::report_path_for_journal(path));
        Ok(Round {
            journal,
            header,
            replay,
            journal_path: path.to_path_buf(),
            report_path,
        })
    }

    pub fn header(&self) -> &JournalHeader {
        &self.header
    }

    pub fn replay(&self) -> &ReplayState {
        &self.replay
    }

    pub fn journal_path(&self) -> &Path {
        &self.journal_path
    }

    pub fn report_path(&self) -> &Path {
        &self.report_path
    }

    /// Refuses credentials of another account than the campaign's.
    pub fn check_account(&self, account_sid: &str) -> Result<(), RoundError> {
        let journal = &self.header.fingerprint.account_sid;
        if journal != account_sid {
            return Err(RoundError::WrongAccount {
                path: self.journal_path.clone(),
                journal: journal.clone(),
                using: account_sid.to_string(),
            });
        }
        Ok(())
    }

    /// Whether the campaign went out on WhatsApp.
    pub fn whatsapp(&self) -> bool {
        self.header.fingerprint.channel == "whatsapp"
    }

    /// When the requests in doubt (creates and cancels) can be asked about.
    pub fn settle_deadline(&self, settle: Duration) -> Option<jiff::Timestamp> {
        let creates = reconcile::settle_deadline(&self.replay, settle);
        let cancels = reconcile::cancel_settle_deadline(&self.replay, settle);
        creates.max(cancels)
    }

    /// Settles every request in doubt by asking Twilio (after
    /// [`Round::settle_deadline`]): creates, then cancels.
    pub async fn reconcile(&mut self, client: &Client) -> (Reconciled, (u64, u64)) {
        let whatsapp = self.whatsapp();
        let creates = reconcile::reconcile(client, &self.journal, &mut self.replay, whatsapp).await;
        let cancels = reconcile::reconcile_cancels(client, &self.journal, &mut self.replay).await;
        (creates, cancels)
    }

    /// Every row by its latest known status: whom `kind` acts on, and why the
    /// others are left. `opted_out`: the account's opt-out list now.
    pub fn select(
        &self,
        kind: RoundKind,
        opted_out: &HashSet<u64>,
    ) -> Result<Selection, RoundError> {
        let mut sel = Selection::default();
        for entry in FinalEntries::open(&self.journal_path)? {
            let entry = entry?;
            sel.known.insert(entry.index);
            let r = &entry.report;
            let listed = number_key(&r.recipient).is_some_and(|k| opted_out.contains(&k));
            let chosen = match kind {
                RoundKind::Retry => retry_wants(r, listed, &mut sel.left),
                RoundKind::Cancel { opted_out_only } => {
                    if r.status != Status::Scheduled || r.message_sid.is_none() {
                        sel.left.other += 1;
                        false
                    } else if opted_out_only && !listed {
                        sel.left.scheduled += 1;
                        false
                    } else {
                        true
                    }
                }
            };
            if chosen {
                sel.rows.push(Chosen {
                    index: entry.index,
                    latest: entry.report,
                    attempts: entry.attempts,
                });
            }
        }
        Ok(sel)
    }

    /// The message options the campaign was sent with, which a retry sends
    /// with too (none for a journal that does not record them).
    pub fn message_options(&self) -> crate::twilio::MessageOptions {
        self.replay
            .spec
            .as_ref()
            .map(|s| s.message_options())
            .unwrap_or_default()
    }

    /// Refuses a retry of a scheduled campaign whose `SendAt` Twilio can no
    /// longer schedule at from `now`, creating `messages` in `creating`
    /// ([`crate::message_options::check_window`]). Call it before any request.
    pub fn check_schedule(
        &self,
        now: jiff::Timestamp,
        creating: Duration,
        messages: u64,
    ) -> Result<(), RoundError> {
        let Some(at) = self.replay.spec.as_ref().and_then(|s| s.send_at) else {
            return Ok(());
        };
        schedule_check(&self.journal_path, at, now, creating, messages)
    }

    /// Prepares a retry: re-reads the recipients file and template the run
    /// recorded, refuses them if they changed (the fingerprint), and refuses a
    /// campaign the run has not finished. Reads the whole file on several
    /// threads: call it from a blocking task.
    pub fn prepare_retry(
        &self,
        selection: &Selection,
        opted_out: Arc<HashSet<u64>>,
        extra_numbers: &'static [&'static str],
    ) -> Result<RetrySource, RoundError> {
        let path = &self.journal_path;
        let spec = self
            .replay
            .spec
            .clone()
            .ok_or_else(|| RoundError::NoSpec { path: path.clone() })?;
        let recipients = PathBuf::from(&spec.recipients);
        if !recipients.is_file() {
            return Err(RoundError::RecipientsMissing {
                path: path.clone(),
                recipients: spec.recipients.clone(),
            });
        }
        if spec.template.starts_with("content:") {
            return Err(RoundError::Unsupported {
                path: path.clone(),
                what: "a WhatsApp Content template campaign (--content-sid)".into(),
            });
        }
        let fp = &self.header.fingerprint;
        let mut template = Template::parse(&spec.template).map_err(|e| RoundError::Changed {
            path: path.clone(),
            changed: format!("template ({e})"),
        })?;
        // As `campaign run` fingerprints it: the media every message carries.
        if !spec.media_urls.is_empty() {
            template.identify(&format!("media:{}", spec.media_urls.join(" ")));
        }
        let default_region = match &fp.default_region {
            Some(r) => Some(r.parse().map_err(|_| RoundError::Changed {
                path: path.clone(),
                changed: format!("--default-region {r:?}"),
            })?),
            None => None,
        };
        let check = CheckOptions {
            to_column: Some(fp.to_column.clone()),
            default_region,
            allow_duplicates: spec.allow_duplicates,
            allow_empty: spec.allow_empty,
            opted_out,
            extra_numbers,
            ..Default::default()
        };
        let report = super::check::check(&recipients, &template, &check)?;
        let now = Fingerprint::new(
            report.content_digest(),
            &template.fingerprint_text(),
            &fp.to_column,
            &fp.channel,
            &fp.sender,
            &fp.account_sid,
            fp.default_region.as_deref(),
        );
        let changed = fp.differences(&now);
        if !changed.is_empty() {
            return Err(RoundError::Changed {
                path: path.clone(),
                changed: changed.join(", "),
            });
        }
        let pending = (0..report.rows as u32)
            .filter(|&r| report.should_send(r) && !selection.known.contains(r))
            .count() as u64;
        if pending > 0 {
            return Err(RoundError::Unfinished {
                path: path.clone(),
                pending,
            });
        }
        let sender = sender_of(&fp.sender, &fp.channel).ok_or_else(|| RoundError::BadSender {
            path: path.clone(),
            sender: fp.sender.clone(),
        })?;
        let options = spec.message_options();
        if options.send_at.is_some()
            && !matches!(sender, crate::sender::Sender::MessagingService(_))
        {
            return Err(RoundError::BadSender {
                path: path.clone(),
                sender: format!(
                    "{} (a scheduled campaign needs a Messaging Service)",
                    fp.sender
                ),
            });
        }
        Ok(RetrySource {
            recipients,
            template,
            check,
            report,
            sender,
            options,
        })
    }

    /// Closes the journal without acting (the confirmation was refused, a dry run).
    pub fn abandon(self) -> Result<(), JournalError> {
        self.journal.close()
    }

    /// Sends once more to every chosen row, through the engine, then closes
    /// the journal and rebuilds the report.
    pub async fn retry(
        self,
        client: &Client,
        source: RetrySource,
        selection: Selection,
        opts: EngineOptions,
        reporter: Arc<dyn Reporter>,
        cancel: CancellationToken,
    ) -> anyhow::Result<Finished> {
        let mut rows = BitSet::new();
        let mut prev = HashMap::new();
        for c in &selection.rows {
            rows.insert(c.index);
            if let Some(sid) = &c.latest.message_sid {
                prev.insert(c.index, sid.clone());
            }
        }
        let Round {
            journal,
            replay,
            journal_path,
            report_path,
            ..
        } = self;
        let journal = Arc::new(journal);
        let job = SendJob {
            journal: journal.clone(),
            recipients: source.recipients,
            template: Arc::new(source.template),
            check: source.check,
            report: Arc::new(source.report),
            replay: Arc::new(replay),
            retry: Some(RetryRows { rows, prev }),
            opts,
        };
        let started = Instant::now();
        let stopped = engine::send_all(client, job, reporter, cancel).await;
        finish(journal, stopped, started, journal_path, report_path)
    }

    /// Cancels every chosen row's scheduled message, then closes the journal
    /// and rebuilds the report.
    pub async fn cancel(
        self,
        client: &Client,
        selection: Selection,
        limits: Limits,
        reporter: Arc<dyn Reporter>,
        cancel: CancellationToken,
    ) -> anyhow::Result<Finished> {
        let Round {
            journal,
            journal_path,
            report_path,
            ..
        } = self;
        let journal = Arc::new(journal);
        let (tx, rx) = mpsc::channel::<Job>(limits.concurrency.max(1) * 4 + 64);
        let feeder = tokio::spawn(async move {
            for c in selection.rows {
                let Some(sid) = c.latest.message_sid.clone() else {
                    continue;
                };
                let job = Job {
                    row: c.row_ref(),
                    act: Act::Cancel { sid },
                };
                if tx.send(job).await.is_err() {
                    return;
                }
            }
        });
        let started = Instant::now();
        let stopped = engine::drive(client, &journal, rx, &limits, reporter, &cancel).await;
        feeder.abort();
        let stopped = Ok(stopped.unwrap_or(if cancel.is_cancelled() {
            Stopped::Interrupted
        } else {
            Stopped::Completed
        }));
        finish(journal, stopped, started, journal_path, report_path)
    }
}

/// Whether a retry sends `r` again; if not, counts why in `left`.
fn retry_wants(r: &ReportRow, listed: bool, left: &mut Left) -> bool {
    let code = r.error_code;
    let wanted = match r.status {
        // Certainly not sent (retries exhausted, a stopped round): send once.
        Status::NotSent => true,
        Status::Undelivered | Status::Failed => match code.map(|c| (c, classify(c))) {
            Some((_, Some(Class::Transient))) => true,
            Some((c, Some(Class::Permanent))) => {
                *left.permanent.entry(c).or_default() += 1;
                return false;
            }
            Some((c, None)) => {
                *left.unclassified.entry(c.to_string()).or_default() += 1;
                return false;
            }
            None => {
                *left.unclassified.entry("none".into()).or_default() += 1;
                return false;
            }
        },
        Status::Sent | Status::Delivered | Status::Read => {
            left.done += 1;
            return false;
        }
        Status::Scheduled => {
            left.scheduled += 1;
            return false;
        }
        Status::Unknown => {
            left.unknown += 1;
            return false;
        }
        Status::SkippedInvalid | Status::SkippedDuplicate | Status::OptedOut => {
            left.skipped += 1;
            return false;
        }
        Status::Canceled => {
            left.other += 1;
            return false;
        }
    };
    if wanted && listed {
        left.opted_out += 1;
        return false;
    }
    wanted
}

/// The sender a journal records, as the request carries it.
fn sender_of(s: &str, channel: &str) -> Option<crate::sender::Sender> {
    use crate::sender::Sender;
    let s = s.trim();
    Some(if s.starts_with("MG") {
        Sender::MessagingService(s.to_string())
    } else if s.starts_with("whatsapp:") {
        Sender::WhatsApp(s.to_string())
    } else if s.starts_with('+') {
        if channel == "whatsapp" {
            Sender::WhatsApp(format!("whatsapp:{s}"))
        } else {
            Sender::Number(s.to_string())
        }
    } else if s.is_empty() {
        return None;
    } else {
        Sender::AlphaId(s.to_string())
    })
}

/// What a retry re-renders its messages from: the checked recipients file and
/// template, and the campaign's sender.
pub struct RetrySource {
    recipients: PathBuf,
    template: Template,
    check: CheckOptions,
    report: CheckReport,
    pub sender: crate::sender::Sender,
    /// The campaign's message options, sent again with every message.
    pub options: crate::twilio::MessageOptions,
}

/// Whether a retry can still schedule at the campaign's `at` (see
/// [`Round::check_schedule`]); the refusal says why and what to do.
fn schedule_check(
    path: &Path,
    at: jiff::Timestamp,
    now: jiff::Timestamp,
    creating: Duration,
    messages: u64,
) -> Result<(), RoundError> {
    use crate::message_options::{
        MessageOptionError, SCHEDULE_MARGIN, SCHEDULE_MAX, SCHEDULE_MIN, check_window,
        describe_send_at,
    };
    let Err(e) = check_window(at, now, creating, messages) else {
        return Ok(());
    };
    let instead = "send the failed recipients with a new `campaign run` instead (with a later --send-at, or none)";
    let lead = at.duration_since(now);
    let why = if at <= now {
        format!("that time has passed: {instead}")
    } else if lead < SCHEDULE_MIN + SCHEDULE_MARGIN {
        format!(
            "that is too soon: Twilio schedules a message at least 15 minutes ahead (smsctl keeps {} min more for clocks and requests): {instead}",
            SCHEDULE_MARGIN.as_mins()
        )
    } else if lead > SCHEDULE_MAX - SCHEDULE_MARGIN {
        match e {
            MessageOptionError::SendAtWindow { why, .. } => why,
            other => other.to_string(),
        }
    } else {
        format!(
            "creating the {messages} messages at this --rate takes too long for the last one to be scheduled 15 minutes ahead too: retry with a higher --rate, or {instead}"
        )
    };
    Err(RoundError::Schedule {
        path: path.to_path_buf(),
        at: describe_send_at(at),
        why,
    })
}

fn finish(
    journal: Arc<Journal>,
    stopped: anyhow::Result<Stopped>,
    started: Instant,
    journal_path: PathBuf,
    report_path: PathBuf,
) -> anyhow::Result<Finished> {
    let elapsed = started.elapsed();
    let journal = Arc::try_unwrap(journal).map_err(|_| anyhow::anyhow!("journal still in use"))?;
    journal.close()?;
    let stopped = match stopped {
        Ok(s) => s,
        Err(e) => {
            let _ = rebuild_report(&journal_path, &report_path);
            return Err(e);
        }
    };
    let summary = rebuild_report(&journal_path, &report_path);
    Ok(Finished {
        stopped,
        summary,
        elapsed,
        journal_path,
        report_path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::journal::Outcome;
    use crate::campaign::journal::test_support::{fp, rr};

    #[test]
    fn the_table_classes_the_codes_of_the_issue() {
        for c in [30001, 30003, 30008, 20429] {
            assert_eq!(classify(c), Some(Class::Transient), "{c}");
        }
        for c in [21211, 21610, 21614, 30004, 30005, 30006, 30007] {
            assert_eq!(classify(c), Some(Class::Permanent), "{c}");
        }
        assert_eq!(classify(12345), None);
        let mut seen = HashSet::new();
        assert!(
            RETRY_CODES.iter().all(|(c, _, _)| seen.insert(*c)),
            "a code twice"
        );
    }

    #[test]
    fn a_retry_selects_transient_failures_and_nobody_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv.smsctl-journal");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let delivery = |r: u32, status: Status, code: Option<u32>| ReportRow {
            recipient: rr(r).to,
            row: rr(r).line,
            status,
            message_sid: Some(format!("SM{r}")),
            error_code: code,
            error_message: None,
        };
        for r in 0..9 {
            j.record_intent(&rr(r)).unwrap();
            j.record_outcome(&rr(r), &Outcome::sent(format!("SM{r}")))
                .unwrap();
        }
        j.record_delivery(0, &delivery(0, Status::Undelivered, Some(30003)))
            .unwrap();
        j.record_delivery(1, &delivery(1, Status::Undelivered, Some(30006)))
            .unwrap();
        j.record_delivery(2, &delivery(2, Status::Delivered, None))
            .unwrap();
        j.record_delivery(3, &delivery(3, Status::Failed, Some(30008)))
            .unwrap();
        j.record_delivery(4, &delivery(4, Status::Failed, Some(21610)))
            .unwrap();
        j.record_delivery(5, &delivery(5, Status::Undelivered, Some(39999)))
            .unwrap();
        j.record_delivery(6, &delivery(6, Status::Scheduled, None))
            .unwrap();
        // row 7: transient, but opted out since; row 8: stays sent
        j.record_delivery(7, &delivery(7, Status::Undelivered, Some(30003)))
            .unwrap();
        j.record_intent(&rr(9)).unwrap();
        j.record_outcome(&rr(9), &Outcome::not_sent(Some(20429), "429"))
            .unwrap();
        drop(j);
        let round = Round::open(&path).unwrap();
        let listed: HashSet<u64> = [number_key(&rr(7).to).unwrap()].into();
        let sel = round.select(RoundKind::Retry, &listed).unwrap();
        let chosen: Vec<u32> = sel.rows.iter().map(|c| c.index).collect();
        assert_eq!(chosen, [0, 3, 9]);
        assert_eq!(sel.rows[0].latest.message_sid.as_deref(), Some("SM0"));
        assert_eq!(sel.rows[0].attempts, 1);
        assert_eq!(sel.left.permanent, BTreeMap::from([(21610, 1), (30006, 1)]));
        assert_eq!(sel.left.unclassified, BTreeMap::from([("39999".into(), 1)]));
        assert_eq!((sel.left.done, sel.left.scheduled), (2, 1));
        assert_eq!(sel.left.opted_out, 1);
        // a second round is refused while this one holds the journal
        assert!(matches!(
            Round::open(&path),
            Err(RoundError::Journal(JournalError::Locked { .. }))
        ));
        let cancel = round
            .select(
                RoundKind::Cancel {
                    opted_out_only: false,
                },
                &listed,
            )
            .unwrap();
        assert_eq!(cancel.rows.iter().map(|c| c.index).collect::<Vec<_>>(), [6]);
        let only = round
            .select(
                RoundKind::Cancel {
                    opted_out_only: true,
                },
                &listed,
            )
            .unwrap();
        assert!(only.rows.is_empty());
    }

    /// A retry's request in flight at a crash is settled by looking for a
    /// message newer than the one it retried: the earlier attempt, created a
    /// moment before, is not taken for it (it would be, by the run's rule of
    /// "any message since the intent, less the clock skew").
    #[tokio::test]
    async fn a_retry_in_doubt_is_not_settled_by_the_message_it_retried() {
        let server = httpmock::MockServer::start_async().await;
        let now = jiff::Timestamp::now()
            .strftime("%a, %d %b %Y %H:%M:%S +0000")
            .to_string();
        let old = "SM0123456789abcdef0123456789abcdef";
        let list = server
            .mock_async(|when, then| {
                when.method("GET")
                    .path("/2010-04-01/Accounts/AC0123/Messages.json")
                    .query_param("To", rr(0).to);
                then.status(200).json_body(serde_json::json!({
                    "messages": [{"sid": old, "status": "undelivered", "to": rr(0).to,
                                  "date_created": now}],
                    "next_page_uri": null
                }));
            })
            .await;
        let client = Client::new(
            crate::twilio::Endpoints::single(&server.base_url()).unwrap(),
            crate::twilio::Credentials {
                account_sid: "AC0123".into(),
                username: "AC0123".into(),
                secret: crate::secret::Secret::new("token"),
            },
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        j.record_outcome(&rr(0), &Outcome::sent(old)).unwrap();
        j.record_retry_intent(&rr(0), Some(old)).unwrap();
        drop(j);
        let mut round = Round::open(&path).unwrap();
        assert_eq!(round.replay().unknown[0].prev.as_deref(), Some(old));
        let (r, _) = round.reconcile(&client).await;
        list.assert_async().await;
        assert_eq!((r.found, r.unsent), (0, 1), "{r:?}");
        let sel = round.select(RoundKind::Retry, &HashSet::new()).unwrap();
        assert_eq!(sel.rows.len(), 1, "proven unsent: the round sends it");
        assert_eq!(sel.rows[0].latest.message_sid.as_deref(), Some(old));
        assert_eq!(sel.rows[0].attempts, 2);
    }

    /// A journal of the format before rounds reads: its latest statuses select,
    /// and a retry is refused with the reason (it does not record the template).
    #[test]
    fn an_older_journal_is_read_and_its_retry_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv.smsctl-journal");
        std::fs::copy(
            crate::campaign::journal::test_support::fixture("v1-every-record.smsctl-journal"),
            &path,
        )
        .unwrap();
        let round = Round::open(&path).unwrap();
        assert!(round.replay().spec.is_none());
        let sel = round.select(RoundKind::Retry, &HashSet::new()).unwrap();
        let chosen: Vec<u32> = sel.rows.iter().map(|c| c.index).collect();
        assert_eq!(chosen, [1], "row 1 ended undelivered 30003");
        assert_eq!(sel.rows[0].attempts, 1);
        let Err(e) = round.prepare_retry(&sel, Arc::default(), &[]) else {
            panic!("an older journal was retried");
        };
        assert!(matches!(e, RoundError::NoSpec { .. }), "{e}");
        assert!(e.to_string().contains("does not record"), "{e}");
    }

    #[test]
    fn a_scheduled_retry_is_refused_when_twilio_can_no_longer_schedule_it() {
        let path = Path::new("r.csv.smsctl-journal");
        let now: jiff::Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        let at = |mins: i64| {
            now.checked_add(jiff::SignedDuration::from_mins(mins))
                .unwrap()
        };
        assert!(schedule_check(path, at(60), now, Duration::ZERO, 2).is_ok());
        for (mins, creating, why) in [
            (-1, Duration::ZERO, "has passed"),
            (0, Duration::ZERO, "has passed"),
            (16, Duration::ZERO, "too soon"),
            (30, Duration::from_secs(3600), "higher --rate"),
            (36 * 24 * 60, Duration::ZERO, "too late"),
        ] {
            let e = schedule_check(path, at(mins), now, creating, 2).unwrap_err();
            let text = e.to_string();
            assert!(matches!(e, RoundError::Schedule { .. }), "{text}");
            assert!(
                text.contains(why)
                    && text.contains("a retry schedules its messages at the same time"),
                "{mins}: {text}"
            );
            assert_eq!(
                crate::error::exit_status(&anyhow::Error::new(e)),
                crate::error::ExitStatus::Usage
            );
        }
    }

    #[test]
    fn a_spec_without_message_options_reads_and_one_with_them_round_trips() {
        let old: crate::campaign::journal::SendSpec =
            serde_json::from_str(r#"{"recipients":"/r.csv","template":"Hi"}"#).unwrap();
        assert_eq!(
            old.message_options(),
            crate::twilio::MessageOptions::default()
        );
        let spec = crate::campaign::journal::SendSpec {
            recipients: "/r.csv".into(),
            template: "Hi".into(),
            send_at: Some("2026-12-24T01:00:00Z".parse().unwrap()),
            validity_period: Some(3600),
            media_urls: vec!["https://example.com/a.png".into()],
            ..Default::default()
        };
        let text = serde_json::to_string(&spec).unwrap();
        assert_eq!(
            serde_json::from_str::<crate::campaign::journal::SendSpec>(&text).unwrap(),
            spec
        );
        let plain = serde_json::to_string(&old).unwrap();
        assert!(
            !plain.contains("send_at") && !plain.contains("media"),
            "{plain}"
        );
    }

    #[test]
    fn journal_senders_read_back() {
        use crate::sender::Sender;
        assert_eq!(
            sender_of("MG0123", "sms"),
            Some(Sender::MessagingService("MG0123".into()))
        );
        assert_eq!(
            sender_of("+15005550006", "sms"),
            Some(Sender::Number("+15005550006".into()))
        );
        assert_eq!(
            sender_of("whatsapp:+14155238886", "whatsapp"),
            Some(Sender::WhatsApp("whatsapp:+14155238886".into()))
        );
        assert_eq!(
            sender_of("GovTech", "sms"),
            Some(Sender::AlphaId("GovTech".into()))
        );
        assert_eq!(sender_of("", "sms"), None);
    }
}
