//! A campaign run as the steps a command drives, none of which prints:
//!
//! 1. [`Campaign::check`]: the pre-flight check (no credentials; a dry run stops here).
//! 2. [`Checked::prepare`]: the fingerprint of what is sent and through whom, and
//!    the journal, new or resumed ([`Plan`]).
//! 3. [`Plan::settle_deadline`] / [`Plan::reconcile`]: settle the requests that
//!    were in flight when an earlier run stopped, once Twilio is done with them.
//! 4. [`Plan::send`]: the sending engine, the journal's lifetime and the report,
//!    ending in a [`Finished`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::check::{CheckOptions, CheckReport};
use super::engine::{self, EngineOptions, Reporter, SendJob, Stopped};
use super::journal::{Fingerprint, Journal, JournalError, ReplayState};
use super::recipients::CheckError;
use super::reconcile::{self, Reconciled};
use super::report::{ReportError, Summary, rebuild_report};
use super::template::Template;
use crate::twilio::Client;

/// What to send: the recipients file, the template, and how to read the file.
pub struct Campaign {
    pub recipients: PathBuf,
    pub template: Template,
    pub check: CheckOptions,
}

impl Campaign {
    /// The pre-flight check. It reads the whole file on several threads: call it
    /// from a blocking task.
    pub fn check(self) -> Result<Checked, CheckError> {
        let report = super::check::check(&self.recipients, &self.template, &self.check)?;
        Ok(Checked {
            campaign: self,
            report,
        })
    }
}

/// A campaign that passed the check (its report may still list invalid rows).
pub struct Checked {
    campaign: Campaign,
    report: CheckReport,
}

/// Where a run is recorded and what it goes out as: the journal's fingerprint.
pub struct Destination<'a> {
    pub journal: PathBuf,
    pub report: PathBuf,
    /// The phone column as the user named it.
    pub to_column: &'a str,
    pub channel: &'a str,
    /// The sender as recorded (a Messaging Service SID or a From).
    pub sender: &'a str,
    pub account_sid: &'a str,
    /// Start over even though the journal records another campaign.
    pub restart: bool,
    /// What every message carries (`--send-at`, `--validity-period`,
    /// `--media-url`): recorded so that a retry sends with the same.
    pub options: &'a crate::twilio::MessageOptions,
}

impl Checked {
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// Opens the journal for this campaign: a new one, or the one an earlier run
    /// left (resumed). Refused when it records other files, sender or account
    /// ([`JournalError::Changed`]) or another run holds it ([`JournalError::Locked`]).
    pub fn prepare(self, to: Destination<'_>) -> Result<Plan, JournalError> {
        let check = &self.campaign.check;
        let fingerprint = Fingerprint::new(
            self.report.content_digest(),
            &self.campaign.template.fingerprint_text(),
            to.to_column,
            to.channel,
            to.sender,
            to.account_sid,
            check.default_region.map(|r| r.code()),
        );
        let (journal, mut replay) = Journal::open_or_create(&to.journal, &fingerprint, to.restart)?;
        journal.note_report_path(&to.report)?;
        if replay.spec.is_none() {
            // What a later `campaign retry` renders its messages from.
            let recipients = std::path::absolute(&self.campaign.recipients)
                .unwrap_or_else(|_| self.campaign.recipients.clone());
            let spec = super::journal::SendSpec {
                recipients: recipients.to_string_lossy().into_owned(),
                template: self.campaign.template.text().to_string(),
                allow_duplicates: check.allow_duplicates,
                allow_empty: check.allow_empty,
                send_at: to.options.send_at,
                validity_period: to.options.validity_period,
                media_urls: to.options.media_urls.clone(),
            };
            journal.record_spec(&spec)?;
            replay.spec = Some(spec);
        }
        Ok(Plan {
            checked: self,
            journal,
            replay,
            journal_path: to.journal,
            report_path: to.report,
        })
    }
}

/// A checked campaign with its journal open: what is done, what is in doubt,
/// what remains.
pub struct Plan {
    checked: Checked,
    journal: Journal,
    replay: ReplayState,
    journal_path: PathBuf,
    report_path: PathBuf,
}

impl Plan {
    pub fn report(&self) -> &CheckReport {
        &self.checked.report
    }

    /// What the journal says (started, done, in doubt, archived by `--restart`).
    pub fn replay(&self) -> &ReplayState {
        &self.replay
    }

    pub fn journal_path(&self) -> &Path {
        &self.journal_path
    }

    pub fn report_path(&self) -> &Path {
        &self.report_path
    }

    /// When the rows in doubt can be asked about: `settle` after the newest of
    /// their requests. `None` when no row is in doubt.
    pub fn settle_deadline(&self, settle: Duration) -> Option<jiff::Timestamp> {
        reconcile::settle_deadline(&self.replay, settle)
    }

    /// Asks Twilio about every row in doubt (call it after
    /// [`Plan::settle_deadline`]) and records what it learnt.
    pub async fn reconcile(&mut self, client: &Client, whatsapp: bool) -> Reconciled {
        reconcile::reconcile(client, &self.journal, &mut self.replay, whatsapp).await
    }

    /// Rows this run will send.
    pub fn remaining(&self, resend_unknown: bool) -> u64 {
        let report = &self.checked.report;
        (0..report.rows as u32)
            .filter(|&r| report.should_send(r) && self.replay.wants_send(r, resend_unknown))
            .count() as u64
    }

    /// Closes the journal without sending (the confirmation was refused).
    pub fn abandon(self) -> Result<(), JournalError> {
        self.journal.close()
    }

    /// Sends every remaining row, then closes the journal and rebuilds the
    /// report from it. `Err` when the run could not go on for a reason of its
    /// own (the recipients file changed under it): the report is still rebuilt.
    pub async fn send(
        self,
        client: &Client,
        opts: EngineOptions,
        reporter: Arc<dyn Reporter>,
        cancel: CancellationToken,
    ) -> anyhow::Result<Finished> {
        let Plan {
            checked: Checked { campaign, report },
            journal,
            replay,
            journal_path,
            report_path,
        } = self;
        let total_rows = report.rows;
        let journal = Arc::new(journal);
        let job = SendJob {
            journal: journal.clone(),
            recipients: campaign.recipients,
            template: Arc::new(campaign.template),
            check: campaign.check,
            report: Arc::new(report),
            replay: Arc::new(replay),
            retry: None,
            opts,
        };
        let started = Instant::now();
        let stopped = engine::send_all(client, job, reporter, cancel).await;
        let elapsed = started.elapsed();
        let journal =
            Arc::try_unwrap(journal).map_err(|_| anyhow::anyhow!("journal still in use"))?;
        journal.close()?;
        let stopped = match stopped {
            Ok(s) => s,
            Err(e) => {
                // Stopped by an error: the report still shows what was done.
                let _ = rebuild_report(&journal_path, &report_path);
                return Err(e);
            }
        };
        let summary = rebuild_report(&journal_path, &report_path).map(|mut s| {
            s.set_total_rows(total_rows);
            s
        });
        Ok(Finished {
            stopped,
            summary,
            elapsed,
            journal_path,
            report_path,
        })
    }
}

/// How a run ended.
pub struct Finished {
    pub stopped: Stopped,
    /// The summary of the whole campaign, from the journal; `Err` when the
    /// report could not be written.
    pub summary: Result<Summary, ReportError>,
    pub elapsed: Duration,
    pub journal_path: PathBuf,
    pub report_path: PathBuf,
}
