//! `campaign status`: the current status of every sent message, fetched from
//! Twilio a chunk at a time (bounded memory), rate limited, a few in flight.

use std::path::Path;
use std::sync::Arc;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use super::report::{ReportError, StatusRow, StatusRows, StatusSink, Summary, open_status};
use crate::twilio::{Client, Message, TwilioError};

/// Fetches a second, at most (Twilio's default concurrency is generous; a
/// status refresh must not starve a campaign running on the same account).
const FETCHES_PER_SECOND: u32 = 20;
/// Rows read and written back per round: memory stays bounded on any file.
const CHUNK_ROWS: usize = 256;
/// Fetches in flight.
const IN_FLIGHT: usize = 8;

/// What the refresh tells whoever shows it. It never prints.
pub trait RefreshReporter {
    /// A message whose status could not be fetched (it keeps its old status).
    fn fetch_failed(&self, sid: &str, error: &TwilioError);
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
    pub refreshed: u64,
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

async fn refresh(
    StatusRefresh { rows, mut sink }: StatusRefresh,
    client: &Client,
    reporter: &dyn RefreshReporter,
) -> Result<Refreshed, RefreshError> {
    let limiter = Arc::new(RateLimiter::direct(Quota::per_second(
        std::num::NonZeroU32::new(FETCHES_PER_SECOND).expect("non-zero"),
    )));
    // Retries wait on the limiter too (first attempts wait in `fetch_all`).
    let client = client.clone().with_limiter(limiter.clone());
    let mut chunk: Vec<StatusRow> = Vec::with_capacity(CHUNK_ROWS);
    let mut rows = rows.peekable();
    let mut refreshed = 0u64;
    while rows.peek().is_some() {
        chunk.clear();
        for row in rows.by_ref().take(CHUNK_ROWS) {
            chunk.push(row?);
        }
        let fetches: Vec<(usize, String)> = chunk
            .iter()
            .enumerate()
            .filter(|(_, r)| r.needs_refresh())
            .filter_map(|(i, r)| r.report.message_sid.clone().map(|s| (i, s)))
            .collect();
        for (i, res) in fetch_all(&client, &limiter, fetches).await? {
            match res {
                Ok(m) => {
                    let code = m.error_code.and_then(|c| u32::try_from(c).ok());
                    chunk[i].apply_twilio_status(&m.status, code, m.error_message.as_deref());
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
    }
    let report_path = sink.report_path().to_path_buf();
    let summary = sink.finish()?;
    Ok(Refreshed {
        summary,
        refreshed,
        report_path,
    })
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
