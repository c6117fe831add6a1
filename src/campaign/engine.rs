//! The sending loop: rows from the send pass, at most `rate` a second and
//! `concurrency` in flight, each journaled before and after its request.
//! No printing: progress is shared through [`Progress`] counters.

use std::num::NonZeroU32;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use governor::{Quota, RateLimiter};
use tokio::sync::{Semaphore, mpsc};

use super::check::{CampaignRows, CheckOptions, CheckReport, RowAction};
use super::journal::{Journal, Outcome, OutcomeStatus, ReplayState, RowRef};
use super::template::Template;
use crate::twilio::{Client, ListFilter, NewMessage, TwilioError};

/// Shared counters for progress display.
#[derive(Debug, Default)]
pub struct Progress {
    pub sent: AtomicU64,
    pub failed: AtomicU64,
    pub not_sent: AtomicU64,
    pub unknown: AtomicU64,
}

impl Progress {
    pub fn finished(&self) -> u64 {
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
    /// Builds the request for a row (sender, channel prefixes).
    pub make_message: MakeMessage,
}

struct Job {
    row: RowRef,
    msg: NewMessage,
}

/// How a failed create is recorded, and whether it stops the whole run.
fn outcome_of(e: &TwilioError) -> (Outcome, Option<Stopped>) {
    let code = e.code().and_then(|c| u32::try_from(c).ok());
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

/// Send every wanted row. `cancel` is set by the signal handler.
#[allow(clippy::too_many_arguments)]
pub async fn send_all(
    client: &Client,
    journal: Arc<Journal>,
    recipients: &Path,
    template: Arc<Template>,
    check_opts: CheckOptions,
    report: Arc<CheckReport>,
    replay: Arc<ReplayState>,
    opts: EngineOptions,
    progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
) -> anyhow::Result<Stopped> {
    let concurrency = opts.concurrency.max(1);
    let (tx, mut rx) = mpsc::channel::<Job>(concurrency * 4 + 64);
    let make = Arc::new(opts.make_message);

    // Producer: the sequential send pass, on its own thread (file I/O, parsing,
    // rendering). Skipped rows are journaled here.
    let producer = {
        let journal = journal.clone();
        let recipients = recipients.to_path_buf();
        let make = make.clone();
        let resend_unknown = opts.resend_unknown;
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            let mut rows = CampaignRows::open(&recipients, &template, &check_opts, &report)?;
            let wanted = |row: u32| {
                if report.should_send(row) {
                    replay.wants_send(row, resend_unknown)
                } else {
                    !replay.skip_recorded(row)
                }
            };
            while let Some(r) = rows.next_row(wanted)? {
                let row_ref = r.row_ref();
                match &r.action {
                    RowAction::Send { to, body, .. } => {
                        let msg = make(to, body);
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

    loop {
        if cancel.load(Ordering::SeqCst) {
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
        if cancel.load(Ordering::SeqCst) || stop.lock().expect("stop").is_some() {
            break;
        }
        tokio::select! {
            _ = limiter.until_ready() => {}
            _ = cancelled(&cancel) => {
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
        let progress = progress.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            let outcome = match client.create_message(&job.msg).await {
                Ok(m) => Outcome::sent(m.sid),
                Err(e) => {
                    let (outcome, why) = outcome_of(&e);
                    if let Some(why) = why {
                        set_stop(&stop, why);
                    }
                    outcome
                }
            };
            let counter = match outcome.status {
                OutcomeStatus::Sent => &progress.sent,
                OutcomeStatus::Failed => &progress.failed,
                OutcomeStatus::NotSent => &progress.not_sent,
                OutcomeStatus::Unknown => &progress.unknown,
            };
            if let Err(e) = journal.record_outcome(&job.row, &outcome) {
                set_stop(&stop, Stopped::JournalFailed(e.to_string()));
            }
            counter.fetch_add(1, Ordering::Relaxed);
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
    Ok(stopped.unwrap_or(if cancel.load(Ordering::SeqCst) {
        Stopped::Interrupted
    } else {
        Stopped::Completed
    }))
}

async fn cancelled(cancel: &AtomicBool) {
    while !cancel.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn set_stop(stop: &std::sync::Mutex<Option<Stopped>>, why: Stopped) {
    let mut s = stop.lock().expect("stop");
    if s.is_none() {
        *s = Some(why);
    }
}

/// How many pages of one recipient's messages a reconciliation reads before
/// it gives up and leaves the row unknown.
const RECONCILE_MAX_PAGES: usize = 20;
const RECONCILE_PAGE_SIZE: u32 = 100;
/// How far Twilio's clock may be behind ours: a message created up to this long
/// before the intent still counts as the intent's.
const CLOCK_SKEW: jiff::SignedDuration = jiff::SignedDuration::from_secs(300);

/// When every unknown row is old enough to settle: any request made for it has
/// finished at Twilio by then (`settle` after its intent). `None`: no unknown row.
pub fn settle_deadline(replay: &ReplayState, settle: Duration) -> Option<jiff::Timestamp> {
    let newest = replay.unknown.iter().map(|u| u.intent_at).max()?;
    let settle = jiff::SignedDuration::try_from(settle).unwrap_or(jiff::SignedDuration::MAX);
    Some(newest.checked_add(settle).unwrap_or(jiff::Timestamp::MAX))
}

/// Whether Twilio holds a message to `to` created at or after `since`.
///
/// Lists by `To` alone, newest first, and stops at the first message created
/// before `since`. Never by `DateSent`: Twilio matches that against
/// `date_sent`, which is null while a message is queued or scheduled, so a
/// `DateSent` query would not see a message that is still waiting to go out.
/// `Err`: the question could not be answered (the row stays unknown).
async fn created_since(
    client: &Client,
    to: &str,
    since: jiff::Timestamp,
) -> Result<Option<String>, String> {
    let filter = ListFilter {
        to: Some(to.to_string()),
        page_size: Some(RECONCILE_PAGE_SIZE),
        ..Default::default()
    };
    let mut page = client
        .list_messages(&filter)
        .await
        .map_err(|e| e.to_string())?;
    for pages in 1..=RECONCILE_MAX_PAGES {
        for m in &page.messages {
            if m.to.as_deref().is_some_and(|t| t != to) {
                continue;
            }
            let created = m
                .date_created
                .as_deref()
                .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
                .map(|z| z.timestamp());
            match created {
                // Newest first: every later message is older still.
                Some(t) if t < since => return Ok(None),
                // Created after the intent (or of unknown age: count it as sent,
                // since sending twice is the worse mistake).
                _ => return Ok(Some(m.sid.clone())),
            }
        }
        match page.next_page_uri.take() {
            None => return Ok(None),
            Some(_) if pages == RECONCILE_MAX_PAGES => break,
            Some(next) => {
                page = client
                    .next_messages_page(&next)
                    .await
                    .map_err(|e| e.to_string())?
            }
        }
    }
    Err(format!(
        "the Messages list for {to} did not end after {RECONCILE_MAX_PAGES} pages; check the Twilio Console"
    ))
}

/// Settle rows whose request was in flight at a crash (or whose outcome was
/// unknown) by asking Twilio, through [`created_since`] the row's intent. Call it
/// only after [`settle_deadline`]: before then a request may still be applied.
/// A message found → sent; none found → proven unsent (sent again this run);
/// the question failing → still unknown. Returns (found, unsent, still unknown).
pub async fn reconcile(
    client: &Client,
    journal: &Journal,
    replay: &mut ReplayState,
    whatsapp: bool,
) -> (u64, u64, Vec<crate::campaign::RowRef>) {
    let unknown = replay.unknown.clone();
    let (mut found, mut unsent, mut still) = (0, 0, Vec::new());
    for u in unknown {
        let to = crate::twilio::address(&u.recipient.to, whatsapp);
        let since = u.intent_at.checked_sub(CLOCK_SKEW).unwrap_or(u.intent_at);
        let outcome = match created_since(client, &to, since).await {
            Ok(Some(sid)) => {
                found += 1;
                Outcome::sent(sid)
            }
            Ok(None) => {
                unsent += 1;
                Outcome::not_sent(
                    None,
                    "not found at Twilio after an interruption: proven unsent",
                )
            }
            Err(e) => {
                still.push(u.recipient.clone());
                Outcome::unknown(format!("could not ask Twilio whether it was sent: {e}"))
            }
        };
        if journal.record_reconciled(&u.recipient, &outcome).is_ok() {
            replay.settle(u.recipient.row, outcome.status);
        }
    }
    (found, unsent, still)
}
