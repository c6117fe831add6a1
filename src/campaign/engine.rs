//! The sending loop: rows from the send pass, at most `rate` a second and
//! `concurrency` in flight, each journaled before and after its request.
//! No printing: what happens is told to a [`Reporter`].

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
    pub opts: EngineOptions,
}

struct Job {
    row: RowRef,
    msg: NewMessage,
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
        opts,
    } = job;
    let concurrency = opts.concurrency.max(1);
    let (tx, mut rx) = mpsc::channel::<Job>(concurrency * 4 + 64);
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
                if report.should_send(row) {
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
                    RowAction::Send {
                        to,
                        body,
                        content_variables,
                        ..
                    } => {
                        let mut msg = make(to, body);
                        if let Some(v) = content_variables {
                            msg.content_variables = Some(v.to_string());
                        }
                        if tx.blocking_send(Job { row: row_ref, msg }).is_err() {
                            // The sender stopped (interrupted): take no more rows.
                            return Ok(());
                        }
                    }
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

    let period = Duration::from_secs_f64(1.0 / opts.rate.max(1e-6));
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
        if let Err(e) = journal.record_intent(&job.row) {
            // Not sent. Stop taking rows; the requests in flight settle below.
            set_stop(&stop, Stopped::JournalFailed(e.to_string()));
            break;
        }
        let client = client.clone();
        let journal = journal.clone();
        let reporter = reporter.clone();
        let stop = stop.clone();
        let failures = failures.clone();
        let max_failures = opts.max_consecutive_failures;
        tokio::spawn(async move {
            let outcome = match client.create_message(&job.msg).await {
                Ok(m) => Outcome::created(m.sid, &m.status),
                Err(e) => {
                    let (outcome, why) = outcome_of(&e);
                    if let Some(why) = why {
                        set_stop(&stop, why);
                    }
                    outcome
                }
            };
            if let Err(e) = journal.record_outcome(&job.row, &outcome) {
                set_stop(&stop, Stopped::JournalFailed(e.to_string()));
            }
            if matches!(
                outcome.status,
                OutcomeStatus::Sent | OutcomeStatus::Scheduled
            ) {
                failures.store(0, Ordering::Relaxed);
            } else {
                let count = failures.fetch_add(1, Ordering::Relaxed) + 1;
                if max_failures > 0 && count >= max_failures {
                    set_stop(
                        &stop,
                        Stopped::TooManyFailures {
                            count,
                            last: outcome.error_message.clone().unwrap_or_default(),
                        },
                    );
                }
            }
            reporter.finished(outcome.status);
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

fn set_stop(stop: &std::sync::Mutex<Option<Stopped>>, why: Stopped) {
    let mut s = stop.lock().expect("stop");
    if s.is_none() {
        *s = Some(why);
    }
}
