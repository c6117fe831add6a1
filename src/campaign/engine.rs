//! The sending loop: rows from the send pass, at most `rate` a second and
//! `concurrency` in flight, each journaled before and after its request.
//! No printing: what happens is told to a [`Reporter`].

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::{Quota, RateLimiter};
use tokio::sync::{Semaphore, mpsc};
use tokio_util::sync::CancellationToken;

use super::check::{CampaignRows, CheckOptions, CheckReport, RowAction};
use super::journal::{Journal, Outcome, OutcomeStatus, ReplayState, RowRef};
use super::template::Template;
use crate::twilio::{Client, NewMessage, TwilioError};

/// What the engine tells whoever shows the run (a progress bar, plain lines, a
/// test). The engine itself never prints.
pub trait Reporter: Send + Sync {
    /// One recipient's request ended with this status.
    fn finished(&self, status: OutcomeStatus);
}

/// Shared counters for progress display: the [`Reporter`] the command polls.
#[derive(Debug, Default)]
pub struct Progress {
    pub sent: AtomicU64,
    pub failed: AtomicU64,
    pub not_sent: AtomicU64,
    pub unknown: AtomicU64,
}

impl Reporter for Progress {
    fn finished(&self, status: OutcomeStatus) {
        let counter = match status {
            OutcomeStatus::Sent | OutcomeStatus::Scheduled => &self.sent,
            OutcomeStatus::Failed => &self.failed,
            OutcomeStatus::NotSent => &self.not_sent,
            OutcomeStatus::Unknown => &self.unknown,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

impl Progress {
    /// Requests that ended so far.
    pub fn done(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
            + self.failed.load(Ordering::Relaxed)
            + self.not_sent.load(Ordering::Relaxed)
            + self.unknown.load(Ordering::Relaxed)
    }
}

/// Why the loop stopped before the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// Ran to the end of the file.
    Completed,
    /// Ctrl-C / SIGTERM: no new rows taken, in-flight requests finished.
    Interrupted,
    /// Twilio rejected the credentials: sending further is pointless.
    CredentialsRejected(String),
    /// The network is gone (connection failures after retries).
    NetworkLost(String),
    /// Twilio refused the request for a reason that fails every remaining
    /// message (the sender, the account): see [`ACCOUNT_LEVEL_CODES`].
    AccountLevel { code: u32, message: String },
    /// This many requests in a row failed (`--max-consecutive-failures`).
    TooManyFailures { count: u64, last: String },
    /// The journal could not be written (e.g. the disk is full): no new rows
    /// were taken, the requests in flight finished (their outcomes recorded
    /// where the journal still took them; the others are settled on resume).
    JournalFailed(String),
}

/// Builds the request for a row: (To, rendered body) → message.
pub type MakeMessage = Box<dyn Fn(&crate::phone::E164, &str) -> NewMessage + Send + Sync>;

pub struct EngineOptions {
    /// Messages per second, at most (evenly spaced: never more than `rate`
    /// in any one-second window).
    pub rate: f64,
    pub concurrency: usize,
    pub resend_unknown: bool,
    /// Stop after this many failed requests in a row (0: never).
    pub max_consecutive_failures: u64,
    /// Builds the request for a row (sender, channel prefixes).
    pub make_message: MakeMessage,
}

/// Everything one send pass needs, prepared by [`crate::campaign::run`].
pub(crate) struct SendJob {
    pub journal: Arc<Journal>,
    pub recipients: PathBuf,
    pub template: Arc<Template>,
    pub check: CheckOptions,
    pub report: Arc<CheckReport>,
    pub replay: Arc<ReplayState>,
    /// A retry round's rows (`None`: a run, which sends what it still wants).
    pub retry: Option<RetryRows>,
    pub opts: EngineOptions,
}

/// Twilio error codes that fail every remaining message of a campaign — they
/// are about the sender or the account, not the recipient — so a campaign stops
/// at the first one (the message is recorded as not sent and goes out on the
/// resume after the fix). From Twilio's error reference:
/// 20005 account not active · 21212 invalid From · 21606 From not a valid,
/// message-capable number of this account · 21611 the From's queue is full ·
/// 21701 Messaging Service not found · 21703 / 21704 the Messaging Service has no
/// sender to use · 30002 account suspended · 30034 sender not registered for A2P
/// 10DLC. (20003, credentials refused, stops the run as before, exit 3.)
pub const ACCOUNT_LEVEL_CODES: &[u32] = &[
    20005, 21212, 21606, 21611, 21701, 21703, 21704, 30002, 30034,
];

/// How a failed create is recorded, and whether it stops the whole run.
fn outcome_of(e: &TwilioError) -> (Outcome, Option<Stopped>) {
    let code = e.code().and_then(|c| u32::try_from(c).ok());
    if let Some(c) = code.filter(|c| ACCOUNT_LEVEL_CODES.contains(c)) {
        return (
            Outcome::not_sent(code, e.to_string()),
            Some(Stopped::AccountLevel {
                code: c,
                message: e.to_string(),
            }),
        );
    }
    if e.is_auth() {
        // Not this recipient's fault: send it on the next run.
        return (
            Outcome::not_sent(code, e.to_string()),
            Some(Stopped::CredentialsRejected(e.to_string())),
        );
    }
    let outcome = match e {
        TwilioError::Api { status, .. } if *status == 429 || *status == 503 => {
            Outcome::not_sent(code, e.to_string())
        }
        TwilioError::Api { .. } => Outcome::failed(code, e.to_string()),
        TwilioError::Connect { .. } | TwilioError::Dns { .. } | TwilioError::Tls { .. } => {
            return (
                Outcome::not_sent(None, e.to_string()),
                Some(Stopped::NetworkLost(e.to_string())),
            );
        }
        // Anything after which a message may exist.
        TwilioError::OutcomeUnknown { .. }
        | TwilioError::Timeout { .. }
        | TwilioError::Http { .. }
        | TwilioError::Unexpected { .. } => Outcome::unknown(e.to_string()),
    };
    (outcome, None)
}

/// The rows a retry round sends (instead of the rows a run still wants), with
/// the SID of the message each one sends again.
pub(crate) struct RetryRows {
    pub rows: super::bits::BitSet,
    pub prev: HashMap<u32, String>,
}

/// Send every wanted row. `cancel` is cancelled by the signal handler: no new
/// row is taken, the requests in flight finish.
pub(crate) async fn send_all(
    client: &Client,
    job: SendJob,
    reporter: Arc<dyn Reporter>,
    cancel: CancellationToken,
) -> anyhow::Result<Stopped> {
    let SendJob {
        journal,
        recipients,
        template,
        check: check_opts,
        report,
        replay,
        retry,
        opts,
    } = job;
    let limits = Limits::of(&opts);
    let (tx, rx) = mpsc::channel::<Job>(limits.concurrency * 4 + 64);
    let make = Arc::new(opts.make_message);

    // Producer: the sequential send pass, on its own thread (file I/O, parsing,
    // rendering). Skipped rows are journaled here.
    let producer = {
        let journal = journal.clone();
        let make = make.clone();
        let resend_unknown = opts.resend_unknown;
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            let mut rows = CampaignRows::open(&recipients, &template, &check_opts, &report)?;
            let wanted = |row: u32| {
                if let Some(retry) = &retry {
                    // A retry round: its rows only, and only those it may send.
                    retry.rows.contains(row) && report.should_send(row)
                } else if report.should_send(row) {
                    replay.wants_send(row, resend_unknown)
                } else if report.is_opted_out(row) {
                    // Listed since an earlier run: a row already sent (or in
                    // doubt) keeps its record; only a pending one is skipped.
                    replay.is_pending(row) && !replay.skip_recorded(row)
                } else {
                    !replay.skip_recorded(row)
                }
            };
            while let Some(r) = rows.next_row(wanted)? {
                let row_ref = r.row_ref();
                match &r.action {
                    RowAction::Send { to, body, .. } => {
                        let act = Act::Create {
                            msg: make(to, body),
                            retry: retry.as_ref().map(|rr| rr.prev.get(&row_ref.row).cloned()),
                        };
                        if tx.blocking_send(Job { row: row_ref, act }).is_err() {
                            // The sender stopped (interrupted): take no more rows.
                            return Ok(());
                        }
                    }
                    // A retry records no skips: the row keeps its last attempt.
                    RowAction::Skip { .. } if retry.is_some() => {}
                    RowAction::Skip {
                        reason, message, ..
                    } => {
                        journal.record_skipped(&row_ref, *reason, message)?;
                    }
                }
            }
            Ok(())
        })
    };

    let stop = drive(client, &journal, rx, &limits, reporter, &cancel).await;
    let stop = Arc::new(std::sync::Mutex::new(stop));
    match producer.await? {
        Err(e) if e.downcast_ref::<super::journal::JournalError>().is_some() => {
            set_stop(&stop, Stopped::JournalFailed(e.to_string()));
        }
        other => other?,
    }
    let stopped = stop.lock().expect("stop").take();
    Ok(stopped.unwrap_or(if cancel.is_cancelled() {
        Stopped::Interrupted
    } else {
        Stopped::Completed
    }))
}

/// One request of a run or a round.
pub(crate) struct Job {
    pub row: RowRef,
    pub act: Act,
}

/// What a request does.
pub(crate) enum Act {
    /// Create a message. `retry`: `Some` in a retry round, with the SID of the
    /// message sent again (if the row had one).
    Create {
        msg: NewMessage,
        retry: Option<Option<String>>,
    },
    /// Cancel the scheduled message `sid` (`Status=canceled`).
    Cancel { sid: String },
}

/// How fast requests go out, and when a run of failures stops them.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub rate: f64,
    pub concurrency: usize,
    pub max_consecutive_failures: u64,
}

impl Limits {
    fn of(o: &EngineOptions) -> Limits {
        Limits {
            rate: o.rate,
            concurrency: o.concurrency.max(1),
            max_consecutive_failures: o.max_consecutive_failures,
        }
    }
}

/// The request loop every run and round shares: at most `rate` a second and
/// `concurrency` in flight; each job's intent journaled before its request and
/// its outcome after it; the circuit breaker. Returns why it stopped early, if
/// it did (`None`: `rx` ran dry). Every request in flight has finished when
/// it returns, and the journal is flushed.
pub(crate) async fn drive(
    client: &Client,
    journal: &Arc<Journal>,
    mut rx: mpsc::Receiver<Job>,
    limits: &Limits,
    reporter: Arc<dyn Reporter>,
    cancel: &CancellationToken,
) -> Option<Stopped> {
    let concurrency = limits.concurrency.max(1);
    let period = Duration::from_secs_f64(1.0 / limits.rate.max(1e-6));
    let quota = Quota::with_period(period.max(Duration::from_nanos(1)))
        .expect("a positive period")
        .allow_burst(NonZeroU32::MIN);
    let limiter = Arc::new(RateLimiter::direct(quota));
    // Retries wait on the same limiter inside the client: at most `rate`
    // requests a second in all, first attempts and retries together.
    let client = client.clone().with_limiter(limiter.clone());
    let permits = Arc::new(Semaphore::new(concurrency));
    let stop: Arc<std::sync::Mutex<Option<Stopped>>> = Arc::default();
    // Failed requests in a row (any outcome but sent), for the circuit breaker.
    let failures = Arc::new(AtomicU64::new(0));

    loop {
        if cancel.is_cancelled() {
            set_stop(&stop, Stopped::Interrupted);
        }
        if stop.lock().expect("stop").is_some() {
            break;
        }
        let Some(job) = rx.recv().await else { break };
        // A permit first, then the rate limiter: the request goes out right
        // after the limiter allows it, so sends are never bunched.
        let permit = permits
            .clone()
            .acquire_owned()
            .await
            .expect("semaphore open");
        if cancel.is_cancelled() || stop.lock().expect("stop").is_some() {
            break;
        }
        tokio::select! {
            _ = limiter.until_ready() => {}
            _ = cancel.cancelled() => {
                set_stop(&stop, Stopped::Interrupted);
                break;
            }
        }
        let intent = match &job.act {
            Act::Create { retry: None, .. } => journal.record_intent(&job.row),
            Act::Create {
                retry: Some(prev), ..
            } => journal.record_retry_intent(&job.row, prev.as_deref()),
            Act::Cancel { sid } => journal.record_cancel_intent(&job.row, sid),
        };
        if let Err(e) = intent {
            // Not sent. Stop taking rows; the requests in flight settle below.
            set_stop(&stop, Stopped::JournalFailed(e.to_string()));
            break;
        }
        let client = client.clone();
        let journal = journal.clone();
        let reporter = reporter.clone();
        let stop = stop.clone();
        let failures = failures.clone();
        let max_failures = limits.max_consecutive_failures;
        tokio::spawn(async move {
            let (status, why, recorded) = match job.act {
                Act::Create { msg, retry } => {
                    let (mut outcome, why) = match client.create_message(&msg).await {
                        Ok(m) if m.status == "scheduled" => (Outcome::scheduled(m.sid), None),
                        Ok(m) => (Outcome::sent(m.sid), None),
                        Err(e) => outcome_of(&e),
                    };
                    if let Some(Some(prev)) = retry
                        && outcome.sid.is_none()
                        && outcome.status != OutcomeStatus::Failed
                    {
                        // Not sent (or in doubt): the row keeps the SID of the
                        // message it retries, for the next round.
                        outcome.sid = Some(prev);
                    }
                    let recorded = journal.record_outcome(&job.row, &outcome);
                    let last = outcome.error_message.clone();
                    ((outcome.status, last), why, recorded)
                }
                Act::Cancel { sid } => {
                    let (settled, why) = cancel_one(&client, &job.row, &sid).await;
                    match settled {
                        Some(row) => {
                            let ok = row.status == crate::campaign::Status::Canceled;
                            let recorded = journal.record_delivery(job.row.row, &row);
                            let status = if ok {
                                OutcomeStatus::Sent
                            } else {
                                OutcomeStatus::Failed
                            };
                            ((status, row.error_message), why, recorded)
                        }
                        // In doubt: the next cancel asks Twilio.
                        None => ((OutcomeStatus::Unknown, None), why, Ok(())),
                    }
                }
            };
            let (status, last) = status;
            if let Some(why) = why {
                set_stop(&stop, why);
            }
            if let Err(e) = recorded {
                set_stop(&stop, Stopped::JournalFailed(e.to_string()));
            }
            if status == OutcomeStatus::Sent || status == OutcomeStatus::Scheduled {
                failures.store(0, Ordering::Relaxed);
            } else {
                let count = failures.fetch_add(1, Ordering::Relaxed) + 1;
                if max_failures > 0 && count >= max_failures {
                    set_stop(
                        &stop,
                        Stopped::TooManyFailures {
                            count,
                            last: last.unwrap_or_default(),
                        },
                    );
                }
            }
            reporter.finished(status);
            // The journal handle goes before the permit: once every permit is
            // back, the caller holds the only handle and can close the journal.
            drop(journal);
            drop(permit);
        });
    }
    // Stop the producer (if still running), then let every request in flight finish.
    drop(rx);
    let _ = permits.acquire_many(concurrency as u32).await;
    if let Err(e) = journal.flush() {
        set_stop(&stop, Stopped::JournalFailed(e.to_string()));
    }
    stop.lock().expect("stop").take()
}

/// Twilio's code for a message that can no longer be canceled (it is past
/// `scheduled`): <https://www.twilio.com/docs/api/errors/30409>.
pub const CANNOT_CANCEL: i64 = 30409;

/// Cancels one scheduled message. `Some(row)`: what the report now says (the
/// message's status — `canceled`, or what it became if it could no longer be
/// canceled — or the error of a refused request); `None`: the outcome is not
/// known (the next `campaign cancel` asks Twilio). The `Stopped` stops the round.
async fn cancel_one(
    client: &Client,
    row: &RowRef,
    sid: &str,
) -> (Option<crate::campaign::ReportRow>, Option<Stopped>) {
    use crate::campaign::{ReportRow, Status};
    let report = |status: Status, code: Option<u32>, msg: Option<String>| ReportRow {
        recipient: row.to.clone(),
        row: row.line,
        status,
        message_sid: Some(sid.to_string()),
        error_code: code,
        error_message: msg,
    };
    let of_message = |m: &crate::twilio::Message| {
        let status = Status::from_twilio(&m.status).unwrap_or(Status::Sent);
        let code = m.error_code.and_then(|c| u32::try_from(c).ok());
        report(status, code, m.error_message.clone())
    };
    match client.cancel_message(sid).await {
        Ok(m) => (Some(of_message(&m)), None),
        Err(e) if e.code() == Some(CANNOT_CANCEL) => match client.fetch_message(sid).await {
            // Already canceled (an earlier request), or gone out: say what it is.
            Ok(m) => (Some(of_message(&m)), None),
            Err(_) => (
                Some(report(
                    Status::Scheduled,
                    Some(CANNOT_CANCEL as u32),
                    Some(e.to_string()),
                )),
                None,
            ),
        },
        Err(e) if e.is_auth() => (None, Some(Stopped::CredentialsRejected(e.to_string()))),
        Err(
            e @ (TwilioError::Connect { .. } | TwilioError::Dns { .. } | TwilioError::Tls { .. }),
        ) => (None, Some(Stopped::NetworkLost(e.to_string()))),
        Err(
            e @ TwilioError::Api {
                status: 429 | 503, ..
            },
        ) => {
            // Not applied: leave it scheduled (a later cancel tries again).
            let code = e.code().and_then(|c| u32::try_from(c).ok());
            (
                Some(report(Status::Scheduled, code, Some(e.to_string()))),
                None,
            )
        }
        Err(e @ TwilioError::Api { .. }) => {
            let code = e.code().and_then(|c| u32::try_from(c).ok());
            let why =
                code.filter(|c| ACCOUNT_LEVEL_CODES.contains(c))
                    .map(|c| Stopped::AccountLevel {
                        code: c,
                        message: e.to_string(),
                    });
            (
                Some(report(Status::Scheduled, code, Some(e.to_string()))),
                why,
            )
        }
        // Timeout, 5xx, unreadable answer: it may have been applied.
        Err(_) => (None, None),
    }
}

pub(crate) fn set_stop(stop: &std::sync::Mutex<Option<Stopped>>, why: Stopped) {
    let mut s = stop.lock().expect("stop");
    if s.is_none() {
        *s = Some(why);
    }
}
