//! `campaign status`: the current status of every sent message, from Twilio,
//! with as few requests as the account's traffic allows, and the report rewritten.
//!
//! **The rule.** Twilio's Messages list returns up to 1,000 messages a page, newest
//! first, queued and scheduled ones included (no `DateSent` filter, which would miss
//! them). When the journal says when the campaign started and how many of its rows
//! are done (N), the refresh first reads list pages back to the campaign's start —
//! at most `LIST_FREE_PAGES + N / LIST_MIN_PER_PAGE` of them (10 + N/500: all of it
//! from pages when the campaign is at least half of the account's messages since it
//! started) — and takes each campaign message's status from them by SID. Whatever the
//! pages did not cover (an account busier than that, a report without its journal, a
//! list that failed) is fetched one message at a time. All requests are rate limited.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use super::report::{ReportError, StatusRow, StatusRows, StatusSink, Summary, open_status};
use crate::twilio::{Client, ListFilter, Message, TwilioError};

/// Requests a second, at most (a status refresh must not starve a campaign
/// running on the same account).
const REQUESTS_PER_SECOND: u32 = 20;
/// Rows read and written back per round: memory stays bounded on any file.
const CHUNK_ROWS: usize = 256;
/// Single fetches in flight.
const IN_FLIGHT: usize = 8;
/// Messages per list page (Twilio's most).
const LIST_PAGE_SIZE: u32 = 1000;
/// List pages allowed on top of the campaign's share (see the module docs).
const LIST_FREE_PAGES: u64 = 10;
/// Campaign messages a list page must hold, on average, to be worth reading.
const LIST_MIN_PER_PAGE: u64 = 500;
/// How far Twilio's clock may be behind ours.
const CLOCK_SKEW: jiff::SignedDuration = jiff::SignedDuration::from_secs(300);

/// What the refresh tells whoever shows it. It never prints.
pub trait RefreshReporter {
    /// A message whose status could not be fetched (it keeps its old status).
    fn fetch_failed(&self, sid: &str, error: &TwilioError);
    /// The Messages list could not be read: the refresh fetches one by one.
    fn list_failed(&self, error: &TwilioError);
    /// Progress: list pages read, and rows of the campaign done (of `total`, when
    /// known).
    fn progress(&self, pages: u64, rows: u64, total: Option<u64>);
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Report(#[from] ReportError),
    /// Twilio rejected the credentials: nothing more can be fetched.
    #[error(transparent)]
    Twilio(#[from] TwilioError),
    #[error("a status fetch stopped unexpectedly: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// How a refresh ended.
pub struct Refreshed {
    pub summary: Summary,
    /// Messages whose status was read from Twilio.
    pub refreshed: u64,
    /// HTTP requests made: list pages + single fetches.
    pub list_pages: u64,
    pub fetches: u64,
    pub elapsed: Duration,
    pub report_path: std::path::PathBuf,
}

/// A campaign's statuses, open for a refresh.
pub struct StatusRefresh {
    rows: StatusRows,
    sink: StatusSink,
}

/// Opens the campaign whose journal (or report) is `file`.
pub fn open(file: &Path) -> Result<StatusRefresh, ReportError> {
    let (rows, sink) = open_status(file)?;
    Ok(StatusRefresh { rows, sink })
}

impl StatusRefresh {
    /// Refreshes every sent message's status and rewrites the report. An error
    /// once recorded is never overwritten by a later success (see
    /// [`StatusRow::apply_twilio_status`]).
    pub async fn run(
        self,
        client: &Client,
        reporter: &dyn RefreshReporter,
    ) -> Result<Refreshed, RefreshError> {
        refresh(self, client, reporter).await
    }
}

/// A status as a list page or a fetch gave it.
struct Seen {
    status: Box<str>,
    code: Option<u32>,
    message: Option<Box<str>>,
}

impl Seen {
    fn of(m: &Message) -> Seen {
        Seen {
            status: m.status.as_str().into(),
            code: m.error_code.and_then(|c| u32::try_from(c).ok()),
            message: m.error_message.as_deref().map(Into::into),
        }
    }
}

/// A message SID (`SM` + 32 hex digits) as a number, to keep many of them small.
fn sid_key(sid: &str) -> Option<u128> {
    let hex = sid.strip_prefix("SM").or_else(|| sid.strip_prefix("MM"))?;
    (hex.len() == 32).then(|| u128::from_str_radix(hex, 16).ok())?
}

async fn refresh(
    StatusRefresh { rows, mut sink }: StatusRefresh,
    client: &Client,
    reporter: &dyn RefreshReporter,
) -> Result<Refreshed, RefreshError> {
    let started_at = Instant::now();
    let limiter = Arc::new(RateLimiter::direct(Quota::per_second(
        std::num::NonZeroU32::new(REQUESTS_PER_SECOND).expect("non-zero"),
    )));
    // Retries wait on the limiter too (first attempts wait below).
    let client = client.clone().with_limiter(limiter.clone());
    let window = sink.window();
    let total = window.map(|(_, done)| done);
    let (listed, list_pages) = match window {
        Some((started, done)) if done > 0 => {
            list_window(&client, &limiter, started, done, reporter).await?
        }
        _ => (HashMap::new(), 0),
    };
    let mut chunk: Vec<StatusRow> = Vec::with_capacity(CHUNK_ROWS);
    let mut rows = rows.peekable();
    let (mut refreshed, mut fetches, mut done_rows) = (0u64, 0u64, 0u64);
    while rows.peek().is_some() {
        chunk.clear();
        for row in rows.by_ref().take(CHUNK_ROWS) {
            chunk.push(row?);
        }
        let mut to_fetch: Vec<(usize, String)> = Vec::new();
        for (i, row) in chunk.iter_mut().enumerate() {
            if !row.needs_refresh() {
                continue;
            }
            let Some(sid) = row.report.message_sid.clone() else {
                continue;
            };
            match sid_key(&sid).and_then(|k| listed.get(&k)) {
                Some(seen) => {
                    row.apply_twilio_status(&seen.status, seen.code, seen.message.as_deref());
                    refreshed += 1;
                }
                None => to_fetch.push((i, sid)),
            }
        }
        fetches += to_fetch.len() as u64;
        for (i, res) in fetch_all(&client, &limiter, to_fetch).await? {
            match res {
                Ok(m) => {
                    let seen = Seen::of(&m);
                    chunk[i].apply_twilio_status(&seen.status, seen.code, seen.message.as_deref());
                    refreshed += 1;
                }
                Err(e) if e.is_auth() => return Err(e.into()),
                Err(e) => {
                    reporter.fetch_failed(chunk[i].report.message_sid.as_deref().unwrap_or("?"), &e)
                }
            }
        }
        for row in &chunk {
            sink.write(row)?;
        }
        done_rows += chunk.len() as u64;
        reporter.progress(list_pages, done_rows, total);
    }
    let report_path = sink.report_path().to_path_buf();
    let summary = sink.finish()?;
    Ok(Refreshed {
        summary,
        refreshed,
        list_pages,
        fetches,
        elapsed: started_at.elapsed(),
        report_path,
    })
}

/// Reads Messages list pages, newest first, back to `started` (less the clock
/// skew), within the page budget for a campaign of `done` messages. Returns the
/// statuses seen by SID and the pages read. A list that fails is reported and
/// left to single fetches; rejected credentials end the refresh.
async fn list_window(
    client: &Client,
    limiter: &DefaultDirectRateLimiter,
    started: jiff::Timestamp,
    done: u64,
    reporter: &dyn RefreshReporter,
) -> Result<(HashMap<u128, Seen>, u64), RefreshError> {
    let since = started.checked_sub(CLOCK_SKEW).unwrap_or(started);
    let budget = LIST_FREE_PAGES + done / LIST_MIN_PER_PAGE;
    let mut seen = HashMap::new();
    let filter = ListFilter {
        page_size: Some(LIST_PAGE_SIZE),
        ..Default::default()
    };
    limiter.until_ready().await;
    let mut page = client.list_messages(&filter).await;
    let mut pages = 0u64;
    loop {
        let p = match page {
            Ok(p) => p,
            Err(e) if e.is_auth() => return Err(e.into()),
            Err(e) => {
                reporter.list_failed(&e);
                return Ok((seen, pages));
            }
        };
        pages += 1;
        let mut reached_start = false;
        for m in &p.messages {
            let created = m
                .date_created
                .as_deref()
                .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
                .map(|z| z.timestamp());
            if created.is_some_and(|t| t < since) {
                // Newest first: every later message is older still.
                reached_start = true;
                break;
            }
            if let Some(k) = sid_key(&m.sid) {
                seen.insert(k, Seen::of(m));
            }
        }
        reporter.progress(pages, 0, None);
        let next = match p.next_page_uri {
            Some(next) if !reached_start && pages < budget => next,
            _ => return Ok((seen, pages)),
        };
        limiter.until_ready().await;
        page = client.next_messages_page(&next).await;
    }
}

/// Fetches `(index, SID)`s, [`IN_FLIGHT`] at a time, each after the limiter.
async fn fetch_all(
    client: &Client,
    limiter: &DefaultDirectRateLimiter,
    fetches: Vec<(usize, String)>,
) -> Result<Vec<(usize, Result<Message, TwilioError>)>, tokio::task::JoinError> {
    let sem = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut set = tokio::task::JoinSet::new();
    for (i, sid) in fetches {
        let permit = sem.clone().acquire_owned().await.expect("semaphore open");
        limiter.until_ready().await;
        let client = client.clone();
        set.spawn(async move {
            let r = client.fetch_message(&sid).await;
            drop(permit);
            (i, r)
        });
    }
    let mut out = Vec::new();
    while let Some(r) = set.join_next().await {
        out.push(r?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sid_keys() {
        assert_eq!(
            sid_key("SM0123456789abcdef0123456789abcdef"),
            Some(0x0123456789abcdef0123456789abcdef)
        );
        assert_eq!(sid_key("SMnot-hex"), None);
        assert_eq!(sid_key("SM0123"), None);
        assert_eq!(sid_key("AC0123456789abcdef0123456789abcdef"), None);
    }
}
