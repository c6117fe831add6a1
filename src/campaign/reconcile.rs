//! Settling the rows whose request was in flight when a run stopped, by asking
//! Twilio — only once any request made for them must have finished.

use std::time::Duration;

use super::journal::{Journal, Outcome, ReplayState, RowRef};
use crate::twilio::{Client, ListFilter};

/// What a reconciliation found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reconciled {
    /// Found at Twilio: recorded as sent.
    pub found: u64,
    /// Provably absent: sent again this run.
    pub unsent: u64,
    /// Could not be told: left unknown.
    pub still_unknown: Vec<RowRef>,
}

impl Reconciled {
    pub fn asked(&self) -> u64 {
        self.found + self.unsent + self.still_unknown.len() as u64
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
///
/// `after`: a retry's intent, the SID of the message it sends again. Reaching
/// it ends the search (every message after it in the list is older still), so
/// the earlier attempt is never taken for the retry.
async fn created_since(
    client: &Client,
    to: &str,
    since: jiff::Timestamp,
    after: Option<&str>,
) -> Result<Option<(String, bool)>, String> {
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
            if after == Some(m.sid.as_str()) {
                return Ok(None);
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
                _ => return Ok(Some((m.sid.clone(), m.status == "scheduled"))),
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
/// the question failing → still unknown.
pub async fn reconcile(
    client: &Client,
    journal: &Journal,
    replay: &mut ReplayState,
    whatsapp: bool,
) -> Reconciled {
    let unknown = replay.unknown.clone();
    let mut r = Reconciled::default();
    for u in unknown {
        let to = crate::twilio::address(&u.recipient.to, whatsapp);
        let since = u.intent_at.checked_sub(CLOCK_SKEW).unwrap_or(u.intent_at);
        let outcome = match created_since(client, &to, since, u.prev.as_deref()).await {
            Ok(Some((sid, scheduled))) => {
                r.found += 1;
                if scheduled {
                    Outcome::scheduled(sid)
                } else {
                    Outcome::sent(sid)
                }
            }
            Ok(None) => {
                r.unsent += 1;
                Outcome {
                    // A retry's keeps the SID of the message it sends again.
                    sid: u.prev.clone(),
                    ..Outcome::not_sent(
                        None,
                        "not found at Twilio after an interruption: proven unsent",
                    )
                }
            }
            Err(e) => {
                r.still_unknown.push(u.recipient.clone());
                Outcome::unknown(format!("could not ask Twilio whether it was sent: {e}"))
            }
        };
        if journal.record_reconciled(&u.recipient, &outcome).is_ok() {
            replay.settle(u.recipient.row, outcome.status);
        }
    }
    r
}

/// Settles the cancel requests in doubt (a `campaign cancel` stopped while they
/// were in flight) by fetching each message — after [`cancel_settle_deadline`],
/// so a request still in flight has landed: its status is recorded (`canceled`,
/// or still `scheduled`, which the round then cancels). Returns how many were
/// settled and how many could not be asked about.
pub async fn reconcile_cancels(
    client: &Client,
    journal: &Journal,
    replay: &mut ReplayState,
) -> (u64, u64) {
    let (mut settled, mut failed) = (0, 0);
    for c in std::mem::take(&mut replay.cancels) {
        match client.fetch_message(&c.sid).await {
            Ok(m) => {
                let row = crate::campaign::ReportRow {
                    recipient: c.recipient.to.clone(),
                    row: c.recipient.line,
                    status: crate::campaign::Status::from_twilio(&m.status)
                        .unwrap_or(crate::campaign::Status::Scheduled),
                    message_sid: Some(c.sid.clone()),
                    error_code: m.error_code.and_then(|c| u32::try_from(c).ok()),
                    error_message: m.error_message.clone(),
                };
                if journal.record_delivery(c.recipient.row, &row).is_ok() {
                    settled += 1;
                    continue;
                }
                failed += 1;
                replay.cancels.push(c);
            }
            Err(_) => {
                failed += 1;
                replay.cancels.push(c);
            }
        }
    }
    (settled, failed)
}

/// When every cancel in doubt is old enough to ask about (see [`settle_deadline`]).
pub fn cancel_settle_deadline(replay: &ReplayState, settle: Duration) -> Option<jiff::Timestamp> {
    let newest = replay.cancels.iter().map(|c| c.intent_at).max()?;
    let settle = jiff::SignedDuration::try_from(settle).unwrap_or(jiff::SignedDuration::MAX);
    Some(newest.checked_add(settle).unwrap_or(jiff::Timestamp::MAX))
}
