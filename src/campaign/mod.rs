//! Campaign engine: recipients, template, pre-flight check, journal, report. No printing.
//!
//! - [`template`]: `{{keyword}}` templates.
//! - [`recipients`]: the streamed recipients CSV and header normalisation.
//! - [`check`]: the pre-flight check (parallel, a few bytes per recipient) and the
//!   send pass ([`CampaignRows`]).
//! - [`journal`]: the append-only journal that makes sending exactly-once.
//! - [`status`]: a row's [`Status`] and its [`ReportRow`], shared by the journal and the report.
//! - [`engine`]: the sending loop (rate, concurrency, journal before and after).
//! - [`reconcile`]: settling requests in doubt after an interruption, by asking Twilio.
//! - [`report`]: the report CSV, the summary, and `campaign status` rows.
//! - [`run`]: a campaign run as steps a command drives ([`Campaign`] → [`Checked`]
//!   → [`Plan`] → [`Finished`]); [`refresh`]: `campaign status`.

pub mod bits;
pub mod check;
pub mod engine;
pub mod journal;
pub mod recipients;
pub mod reconcile;
pub mod refresh;
pub mod report;
pub mod round;
pub mod run;
pub mod status;
pub mod template;

use std::path::{Path, PathBuf};

pub use bits::BitSet;
pub use check::{
    CampaignRow, CampaignRows, CheckOptions, CheckReport, Problem, ProblemKind, RowAction, Sample,
    SegmentStats, check,
};
pub use journal::{
    FinalEntries, Fingerprint, Journal, JournalEntry, JournalError, JournalHeader, Outcome,
    OutcomeStatus, ReplayState, RowRef, SkipReason, UnknownRow,
};
pub use recipients::{CheckError, Columns, DEFAULT_TO_COLUMN, RecipientsReader, normalize_header};
pub use report::{
    ReportError, ReportReader, ReportWriter, Skipped, StatusRow, StatusRows, StatusSink, Summary,
    open_status, rebuild_report,
};
pub use run::{Campaign, Checked, Destination, Finished, Plan};
pub use status::{ReportRow, Status};
pub use template::{Template, TemplateError};

/// Suffix of a journal's file name.
pub const JOURNAL_SUFFIX: &str = ".smsctl-journal";

/// `recipients.csv` → `recipients.csv.smsctl-journal`, next to it.
pub fn default_journal_path(recipients: &Path) -> PathBuf {
    let mut name = recipients.as_os_str().to_owned();
    name.push(JOURNAL_SUFFIX);
    PathBuf::from(name)
}

/// `recipients.csv` → `recipients.report.csv`, next to it.
pub fn default_report_path(recipients: &Path) -> PathBuf {
    let stem = recipients
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "recipients".into());
    recipients.with_file_name(format!("{stem}.report.csv"))
}

/// The default report of the campaign whose journal is at `journal`
/// (`recipients.csv.smsctl-journal` → `recipients.report.csv`).
pub fn report_path_for_journal(journal: &Path) -> PathBuf {
    let name = journal.to_string_lossy();
    match name.strip_suffix(JOURNAL_SUFFIX) {
        Some(recipients) => default_report_path(Path::new(recipients)),
        None => {
            let mut p = journal.as_os_str().to_owned();
            p.push(".report.csv");
            PathBuf::from(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let r = Path::new("data/recipients.csv");
        assert_eq!(
            default_journal_path(r),
            Path::new("data/recipients.csv.smsctl-journal")
        );
        assert_eq!(
            default_report_path(r),
            Path::new("data/recipients.report.csv")
        );
        assert_eq!(
            report_path_for_journal(&default_journal_path(r)),
            default_report_path(r)
        );
        assert_eq!(
            report_path_for_journal(Path::new("j.log")),
            Path::new("j.log.report.csv")
        );
    }
}
