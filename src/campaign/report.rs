//! The report CSV (`recipient,row,status,message_sid,error_code,error_message`),
//! rebuilt from the journal so the two always agree, the summary, and the reader
//! and writer behind `campaign status`.
//!
//! The report is written to a 0600 temp file and renamed into place (a symbolic
//! link at the report path is replaced, never followed). Every cell goes
//! through [`neutralise_cell`], so a value typed as a formula stays text when
//! the report is opened in a spreadsheet.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::journal::{FinalEntries, Journal, JournalError};
use super::status::{ReportRow, Status};

/// Report columns, in order.
pub const REPORT_COLUMNS: [&str; 6] = [
    "recipient",
    "row",
    "status",
    "message_sid",
    "error_code",
    "error_message",
];

/// Counts for the summary table and `--json`. Every row is counted once, under its
/// final status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Accepted by Twilio, no delivery news (yet).
    pub sent: u64,
    /// Delivered (or read).
    pub delivered: u64,
    /// Accepted, then not delivered by the carrier.
    pub undelivered: u64,
    /// Refused by Twilio, or failed after acceptance.
    pub failed: u64,
    /// Error code → rows, over `failed` and `undelivered` ("none" when no code).
    pub failed_by_code: BTreeMap<String, u64>,
    /// Not sent because of a retryable error: the next run retries them.
    pub not_sent: u64,
    /// In flight when the run stopped, not reconciled: listed, not resent unless
    /// `--resend-unknown`.
    pub unknown: u64,
    pub skipped: Skipped,
    /// Created as scheduled messages (`--send-at`), not sent yet.
    pub scheduled: u64,
    /// Scheduled messages canceled (`campaign cancel`).
    pub canceled: u64,
    /// Rows not reached yet (set with [`Summary::set_total_rows`]).
    pub pending: u64,
    /// Recipients Twilio refused with 21610 (they replied STOP), for the
    /// command to add to the opt-out list.
    #[serde(skip)]
    pub refused_opted_out: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub invalid: u64,
    pub duplicates: u64,
    /// On the opt-out list.
    pub opted_out: u64,
}

impl Summary {
    pub fn add(&mut self, row: &ReportRow) {
        match row.status {
            Status::Sent => self.sent += 1,
            Status::Delivered | Status::Read => self.delivered += 1,
            Status::Undelivered => self.undelivered += 1,
            Status::Failed => self.failed += 1,
            Status::NotSent => self.not_sent += 1,
            Status::Unknown => self.unknown += 1,
            Status::SkippedInvalid => self.skipped.invalid += 1,
            Status::SkippedDuplicate => self.skipped.duplicates += 1,
            Status::OptedOut => self.skipped.opted_out += 1,
            Status::Scheduled => self.scheduled += 1,
            Status::Canceled => self.canceled += 1,
        }
        if row.status.is_error() && row.error_code == Some(crate::optouts::OPTED_OUT_CODE) {
            self.refused_opted_out.push(row.recipient.clone());
        }
        if row.status.is_error() {
            let code = row
                .error_code
                .map_or_else(|| "none".to_string(), |c| c.to_string());
            *self.failed_by_code.entry(code).or_default() += 1;
        }
    }

    /// Rows counted (excluding `pending`).
    pub fn counted(&self) -> u64 {
        self.sent
            + self.delivered
            + self.undelivered
            + self.failed
            + self.not_sent
            + self.unknown
            + self.skipped.invalid
            + self.skipped.duplicates
            + self.skipped.opted_out
            + self.scheduled
            + self.canceled
    }

    /// Sets `pending` to the rows of the file that the journal has no record of.
    pub fn set_total_rows(&mut self, rows: u64) {
        self.pending = rows.saturating_sub(self.counted());
    }

    /// True if any recipient failed (exit code 4).
    pub fn any_failed(&self) -> bool {
        self.failed + self.undelivered > 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: {source}", path = .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "no space left on device: {path}; free some space and run the same command again",
        path = .path.display()
    )]
    Full { path: PathBuf },
    #[error("{path}:{line}: {message}", path = .path.display())]
    Bad {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error(
        "{path} is neither an smsctl journal nor a campaign report (expected the columns {expected})",
        path = .path.display(),
        expected = REPORT_COLUMNS.join(",")
    )]
    Unrecognised { path: PathBuf },
    #[error(transparent)]
    Journal(#[from] JournalError),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ReportError + '_ {
    move |source| {
        let path = path.to_path_buf();
        if source.kind() == io::ErrorKind::StorageFull {
            ReportError::Full { path }
        } else {
            ReportError::Io { path, source }
        }
    }
}

fn csv_err(path: &Path, e: csv::Error) -> ReportError {
    match super::recipients::split_csv_error(e) {
        Err(source) => io_err(path)(source),
        Ok((line, message)) => ReportError::Bad {
            path: path.to_path_buf(),
            line,
            message,
        },
    }
}

/// A report cell made safe to open in a spreadsheet (OWASP, "CSV Injection"):
/// a value starting with `=`, `+`, `-`, `@`, tab or carriage return would be
/// read by Excel / LibreOffice as a formula, so it gets a leading `'` (shown as
/// text). A number in E.164 (`+` and digits only) is not a formula and is kept
/// as it is. The csv writer quotes the cell where needed.
pub fn neutralise_cell(cell: &str) -> Cow<'_, str> {
    let e164 =
        cell.len() > 1 && cell.starts_with('+') && cell[1..].bytes().all(|b| b.is_ascii_digit());
    if !e164 && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell holding a separator other locales split on (`;`, tab): the record is
/// written with every cell quoted, so no formula can start inside a cell.
fn needs_quotes(cell: &str) -> bool {
    cell.contains([';', '\t'])
}

/// Writes a report to a temporary file next to `path` and moves it into place on
/// [`ReportWriter::finish`], so readers never see half a report.
pub struct ReportWriter {
    path: PathBuf,
    writer: csv::Writer<tempfile::NamedTempFile>,
    summary: Summary,
    /// Whether the report has the [`ATTEMPTS_COLUMN`] (after a retry round).
    attempts: bool,
}

/// The seventh column of a report of a campaign that was retried
/// (`campaign retry`): how many requests were made for the row.
pub const ATTEMPTS_COLUMN: &str = "attempts";

impl ReportWriter {
    pub fn create(path: &Path) -> Result<ReportWriter, ReportError> {
        ReportWriter::create_with(path, false)
    }

    /// A report with the [`ATTEMPTS_COLUMN`] when `attempts`.
    pub fn create_with(path: &Path, attempts: bool) -> Result<ReportWriter, ReportError> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".smsctl-report")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io_err(path))?;
        let mut writer = csv::WriterBuilder::new()
            .buffer_capacity(64 * 1024)
            .from_writer(tmp);
        let mut header = REPORT_COLUMNS.to_vec();
        if attempts {
            header.push(ATTEMPTS_COLUMN);
        }
        writer.write_record(header).map_err(|e| csv_err(path, e))?;
        Ok(ReportWriter {
            path: path.to_path_buf(),
            writer,
            summary: Summary::default(),
            attempts,
        })
    }

    pub fn write(&mut self, row: &ReportRow) -> Result<(), ReportError> {
        self.write_row(row, 0)
    }

    /// Writes a row with its attempts (shown when the report has the column).
    pub fn write_row(&mut self, row: &ReportRow, attempts: u32) -> Result<(), ReportError> {
        let line = row.row.to_string();
        let code = row.error_code.map(|c| c.to_string()).unwrap_or_default();
        let attempts = attempts.to_string();
        let cells = [
            row.recipient.as_str(),
            line.as_str(),
            row.status.as_str(),
            row.message_sid.as_deref().unwrap_or(""),
            code.as_str(),
            row.error_message.as_deref().unwrap_or(""),
            attempts.as_str(),
        ]
        .map(neutralise_cell);
        let cells = if self.attempts {
            &cells[..]
        } else {
            &cells[..REPORT_COLUMNS.len()]
        };
        if cells.iter().any(|c| needs_quotes(c)) {
            // Quote every cell of this record, so that a spreadsheet splitting
            // on `;` or tab (other locales) cannot start a cell mid-value.
            let mut quoted = csv::WriterBuilder::new()
                .quote_style(csv::QuoteStyle::Always)
                .from_writer(Vec::with_capacity(256));
            quoted
                .write_record(cells.iter().map(|c| c.as_bytes()))
                .map_err(|e| csv_err(&self.path, e))?;
            let bytes = quoted
                .into_inner()
                .map_err(|e| io_err(&self.path)(e.into_error()))?;
            self.writer.flush().map_err(io_err(&self.path))?;
            self.writer
                .get_ref()
                .as_file()
                .write_all(&bytes)
                .map_err(io_err(&self.path))?;
        } else {
            self.writer
                .write_record(cells.iter().map(|c| c.as_bytes()))
                .map_err(|e| csv_err(&self.path, e))?;
        }
        self.summary.add(row);
        Ok(())
    }

    /// Flushes, syncs and moves the report into place; returns its summary.
    pub fn finish(self) -> Result<Summary, ReportError> {
        let path = self.path;
        let tmp = self
            .writer
            .into_inner()
            .map_err(|e| io_err(&path)(e.into_error()))?;
        tmp.as_file().sync_all().map_err(io_err(&path))?;
        tmp.persist(&path).map_err(|e| io_err(&path)(e.error))?;
        Ok(self.summary)
    }
}

/// Rewrites the report at `report` from the journal at `journal`, one line per row
/// the journal knows, in row order. Returns the summary (without `pending`).
pub fn rebuild_report(journal: &Path, report: &Path) -> Result<Summary, ReportError> {
    let entries = FinalEntries::open(journal)?;
    let mut writer = ReportWriter::create_with(report, entries.retried())?;
    for entry in entries {
        let entry = entry?;
        writer.write_row(&entry.report, entry.attempts)?;
    }
    writer.finish()
}

/// Reads a report CSV written by [`ReportWriter`].
pub struct ReportReader {
    path: PathBuf,
    reader: csv::Reader<File>,
    record: csv::StringRecord,
    /// The report has the [`ATTEMPTS_COLUMN`].
    attempts: bool,
}

impl ReportReader {
    pub fn open(path: &Path) -> Result<ReportReader, ReportError> {
        let file = File::open(path).map_err(io_err(path))?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
        let headers = reader.headers().map_err(|e| csv_err(path, e))?;
        let attempts = headers.len() == REPORT_COLUMNS.len() + 1
            && super::recipients::normalize_header(headers[REPORT_COLUMNS.len()].as_bytes())
                == ATTEMPTS_COLUMN;
        let ok = (headers.len() == REPORT_COLUMNS.len() || attempts)
            && headers
                .iter()
                .zip(REPORT_COLUMNS)
                .all(|(h, c)| super::recipients::normalize_header(h.as_bytes()) == c);
        if !ok {
            return Err(ReportError::Unrecognised {
                path: path.to_path_buf(),
            });
        }
        Ok(ReportReader {
            path: path.to_path_buf(),
            reader,
            record: csv::StringRecord::new(),
            attempts,
        })
    }

    /// Whether the report has the [`ATTEMPTS_COLUMN`].
    pub fn has_attempts(&self) -> bool {
        self.attempts
    }

    /// The attempts cell of the record last read (0 without the column).
    fn attempts(&self) -> u32 {
        if !self.attempts {
            return 0;
        }
        self.record
            .get(REPORT_COLUMNS.len())
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(0)
    }

    fn parse(&self) -> Result<ReportRow, ReportError> {
        let r = &self.record;
        let line = r.position().map_or(0, |p| p.line());
        let bad = |message: String| ReportError::Bad {
            path: self.path.clone(),
            line,
            message,
        };
        let expected = REPORT_COLUMNS.len() + usize::from(self.attempts);
        if r.len() != expected {
            return Err(bad(format!("{} fields, expected {expected}", r.len())));
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Ok(ReportRow {
            recipient: r[0].to_string(),
            row: r[1]
                .trim()
                .parse()
                .map_err(|_| bad(format!("row {:?} is not a number", &r[1])))?,
            status: Status::parse(&r[2])
                .ok_or_else(|| bad(format!("unknown status {:?}", &r[2])))?,
            message_sid: opt(&r[3]),
            error_code: match r[4].trim() {
                "" => None,
                c => Some(
                    c.parse()
                        .map_err(|_| bad(format!("error code {c:?} is not a number")))?,
                ),
            },
            error_message: opt(&r[5]),
        })
    }
}

impl Iterator for ReportReader {
    type Item = Result<ReportRow, ReportError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => Some(self.parse()),
            Ok(false) => None,
            Err(e) => Some(Err(csv_err(&self.path, e))),
        }
    }
}

// ---------------------------------------------------------------------------
// campaign status

/// A row for `campaign status`: a report row and, from a journal, its row index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    pub index: Option<u32>,
    pub report: ReportRow,
    /// Requests made for the row (0 when not known).
    pub attempts: u32,
    changed: bool,
}

impl StatusRow {
    pub fn new(index: Option<u32>, report: ReportRow) -> StatusRow {
        StatusRow {
            index,
            report,
            attempts: 0,
            changed: false,
        }
    }

    /// See [`ReportRow::needs_refresh`].
    pub fn needs_refresh(&self) -> bool {
        self.report.needs_refresh()
    }

    /// Applies a Twilio status string (`delivered`, `undelivered`, …) with its error
    /// code; see [`ReportRow::apply_delivery`]. Unknown status strings are ignored.
    pub fn apply_twilio_status(
        &mut self,
        twilio_status: &str,
        error_code: Option<u32>,
        error_message: Option<&str>,
    ) -> bool {
        let Some(status) = Status::from_twilio(twilio_status) else {
            return false;
        };
        let changed = self
            .report
            .apply_delivery(status, error_code, error_message);
        self.changed |= changed;
        changed
    }
}

/// The rows of a journal or report, for `campaign status`.
pub enum StatusRows {
    Journal(FinalEntries),
    Report(ReportReader),
}

impl Iterator for StatusRows {
    type Item = Result<StatusRow, ReportError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            StatusRows::Journal(entries) => entries.next().map(|r| {
                r.map(|e| StatusRow {
                    attempts: e.attempts,
                    ..StatusRow::new(Some(e.index), e.report)
                })
                .map_err(ReportError::from)
            }),
            StatusRows::Report(reader) => {
                let row = reader.next()?;
                let attempts = reader.attempts();
                Some(row.map(|row| StatusRow {
                    attempts,
                    ..StatusRow::new(None, row)
                }))
            }
        }
    }
}

/// Where `campaign status` writes: delivery records appended to the journal (then
/// the report is rebuilt from it), or a rewritten report.
pub enum StatusSink {
    Journal {
        journal: Journal,
        journal_path: PathBuf,
        report_path: PathBuf,
        /// When the campaign started, and how many of its rows are done.
        started: jiff::Timestamp,
        done: u64,
    },
    Report(Box<ReportWriter>),
}

impl StatusSink {
    /// Call for every row read (changed or not), in order.
    pub fn write(&mut self, row: &StatusRow) -> Result<(), ReportError> {
        match self {
            StatusSink::Journal { journal, .. } => {
                if let (true, Some(index)) = (row.changed, row.index) {
                    journal.record_delivery(index, &row.report)?;
                }
                Ok(())
            }
            StatusSink::Report(writer) => writer.write_row(&row.report, row.attempts),
        }
    }

    /// When the campaign started and how many rows it has done (sent or failed),
    /// when a journal says so (a report alone does not).
    pub fn window(&self) -> Option<(jiff::Timestamp, u64)> {
        match self {
            StatusSink::Journal { started, done, .. } => Some((*started, *done)),
            StatusSink::Report(_) => None,
        }
    }

    /// The report that [`StatusSink::finish`] writes.
    pub fn report_path(&self) -> &Path {
        match self {
            StatusSink::Journal { report_path, .. } => report_path,
            StatusSink::Report(w) => &w.path,
        }
    }

    /// Syncs the journal and rebuilds the report from it, or moves the rewritten
    /// report into place. Returns the summary.
    pub fn finish(self) -> Result<Summary, ReportError> {
        match self {
            StatusSink::Journal {
                journal,
                journal_path,
                report_path,
                ..
            } => {
                journal.close()?;
                rebuild_report(&journal_path, &report_path)
            }
            StatusSink::Report(writer) => writer.finish(),
        }
    }
}

/// Opens a journal or a report (told apart by content) for `campaign status`.
/// From a journal, the report goes where the run last noted it, else to
/// [`super::default_report_path`] of the recipients file the journal is named after.
pub fn open_status(path: &Path) -> Result<(StatusRows, StatusSink), ReportError> {
    let mut head = [0u8; 8];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(io_err(path))?;
    if head[..n].starts_with(b"{") {
        let (journal, _header, state) = Journal::open_existing(path)?;
        let report_path = state
            .report_path
            .clone()
            .unwrap_or_else(|| super::report_path_for_journal(path));
        let rows = StatusRows::Journal(FinalEntries::open(path)?);
        let sink = StatusSink::Journal {
            journal,
            journal_path: path.to_path_buf(),
            report_path,
            started: state.started,
            done: state.done_count(),
        };
        Ok((rows, sink))
    } else {
        let reader = ReportReader::open(path)?;
        let attempts = reader.has_attempts();
        let rows = StatusRows::Report(reader);
        let sink = StatusSink::Report(Box::new(ReportWriter::create_with(path, attempts)?));
        Ok((rows, sink))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::journal::{Fingerprint, Outcome, RowRef, SkipReason};
    use crate::campaign::status::tests::row;

    #[test]
    fn cells_that_a_spreadsheet_would_run_are_neutralised() {
        for (raw, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("+", "'+"),
            ("+65 9123 4567", "'+65 9123 4567"),
            ("+6591234567", "+6591234567"),
            ("6591234567", "6591234567"),
            ("", ""),
            ("Ann", "Ann"),
            ("'=1", "'=1"),
            (" =1", " =1"),
        ] {
            assert_eq!(neutralise_cell(raw), want, "{raw:?}");
        }
        assert!(matches!(neutralise_cell("+6591234567"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_report_writer_neutralises_every_cell_and_quotes_other_separators() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        let mut w = ReportWriter::create(&path).unwrap();
        w.write(&ReportRow {
            recipient: "=1+1".into(),
            row: 2,
            status: Status::SkippedInvalid,
            message_sid: None,
            error_code: None,
            error_message: Some("-bad, \"x\"".into()),
        })
        .unwrap();
        w.write(&ReportRow {
            recipient: "x;=cmd|' /C calc'!A0".into(),
            row: 3,
            status: Status::SkippedInvalid,
            message_sid: None,
            error_code: None,
            error_message: Some("@x".into()),
        })
        .unwrap();
        w.write(&row(Status::Sent)).unwrap();
        w.finish().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "recipient,row,status,message_sid,error_code,error_message\n\
             '=1+1,2,skipped_invalid,,,\"'-bad, \"\"x\"\"\"\n\
             \"x;=cmd|' /C calc'!A0\",\"3\",\"skipped_invalid\",\"\",\"\",\"'@x\"\n\
             +6591234567,2,sent,SM1,,\n"
        );
        let rows: Vec<ReportRow> = ReportReader::open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[1].recipient, "x;=cmd|' /C calc'!A0");
        assert_eq!(rows[2].recipient, "+6591234567");
    }

    #[test]
    fn summary_counts() {
        let mut s = Summary::default();
        for (status, code) in [
            (Status::Sent, None),
            (Status::Sent, None),
            (Status::Delivered, None),
            (Status::Read, None),
            (Status::Undelivered, Some(30003)),
            (Status::Failed, Some(21610)),
            (Status::Failed, Some(21610)),
            (Status::Failed, None),
            (Status::NotSent, Some(20429)),
            (Status::Unknown, None),
            (Status::SkippedInvalid, None),
            (Status::SkippedDuplicate, None),
            (Status::SkippedDuplicate, None),
            (Status::OptedOut, None),
        ] {
            s.add(&ReportRow {
                error_code: code,
                ..row(status)
            });
        }
        s.set_total_rows(20);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "sent": 2, "delivered": 2, "undelivered": 1, "failed": 3,
                "failed_by_code": {"21610": 2, "30003": 1, "none": 1},
                "not_sent": 1, "unknown": 1,
                "skipped": {"invalid": 1, "duplicates": 2, "opted_out": 1},
                "scheduled": 0, "canceled": 0,
                "pending": 6
            })
        );
        assert!(s.any_failed());
        assert_eq!(s.refused_opted_out, ["+6591234567", "+6591234567"]);
        assert!(!Summary::default().any_failed());
    }

    fn rr(row: u32, to: &str) -> RowRef {
        RowRef {
            row,
            line: u64::from(row) + 2,
            to: to.into(),
        }
    }

    fn sample_journal(dir: &Path) -> PathBuf {
        let path = dir.join("recipients.csv.smsctl-journal");
        let fp = Fingerprint::new((1, 2), "t", "recipient", "sms", "MG1", "AC1", None);
        let (j, _) = Journal::open_or_create(&path, &fp, false).unwrap();
        j.record_intent(&rr(0, "+6591000000")).unwrap();
        j.record_intent(&rr(1, "+6591000001")).unwrap();
        j.record_outcome(
            &rr(1, "+6591000001"),
            &Outcome::failed(Some(21610), "opted out, \"STOP\""),
        )
        .unwrap();
        j.record_outcome(&rr(0, "+6591000000"), &Outcome::sent("SM0"))
            .unwrap();
        j.record_skipped(&rr(2, "12,3"), SkipReason::Invalid, "recipients.csv:4: bad")
            .unwrap();
        j.record_skipped(&rr(3, "+6591000000"), SkipReason::Duplicate, "dup")
            .unwrap();
        j.record_intent(&rr(4, "+6591000004")).unwrap();
        j.close().unwrap();
        path
    }

    #[test]
    fn report_rebuilt_from_journal() {
        let dir = tempfile::tempdir().unwrap();
        let journal = sample_journal(dir.path());
        let report = dir.path().join("report.csv");
        let summary = rebuild_report(&journal, &report).unwrap();
        let text = std::fs::read_to_string(&report).unwrap();
        assert_eq!(
            text,
            "recipient,row,status,message_sid,error_code,error_message\n\
             +6591000000,2,sent,SM0,,\n\
             +6591000001,3,failed,,21610,\"opted out, \"\"STOP\"\"\"\n\
             \"12,3\",4,skipped_invalid,,,recipients.csv:4: bad\n\
             +6591000000,5,skipped_duplicate,,,dup\n\
             +6591000004,6,unknown,,,\n"
        );
        assert_eq!(summary.sent, 1);
        assert_eq!(summary.failed, 1);
        assert_eq!(summary.unknown, 1);
        assert_eq!(
            summary.skipped,
            Skipped {
                invalid: 1,
                duplicates: 1,
                opted_out: 0
            }
        );
        // the reader reads back what the writer wrote
        let rows: Vec<ReportRow> = ReportReader::open(&report)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 5);
        assert_eq!(
            rows[1].error_message.as_deref(),
            Some("opted out, \"STOP\"")
        );
        assert_eq!(rows[2].recipient, "12,3");
        // no temp files left behind
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn status_through_journal() {
        let dir = tempfile::tempdir().unwrap();
        let journal = sample_journal(dir.path());
        let (rows, mut sink) = open_status(&journal).unwrap();
        assert_eq!(sink.report_path(), dir.path().join("recipients.report.csv"));
        let mut queried = 0;
        for r in rows {
            let mut r = r.unwrap();
            if r.needs_refresh() {
                queried += 1;
                assert!(r.apply_twilio_status("undelivered", Some(30003), Some("unreachable")));
            }
            sink.write(&r).unwrap();
        }
        assert_eq!(queried, 1);
        let report_path = sink.report_path().to_path_buf();
        let summary = sink.finish().unwrap();
        assert_eq!(summary.undelivered, 1);
        assert_eq!(summary.failed_by_code.get("30003"), Some(&1));
        let text = std::fs::read_to_string(&report_path).unwrap();
        assert!(
            text.contains("+6591000000,2,undelivered,SM0,30003,unreachable\n"),
            "{text}"
        );

        // a later success does not overwrite the error
        let (rows, mut sink) = open_status(&journal).unwrap();
        for r in rows {
            let mut r = r.unwrap();
            assert!(!r.needs_refresh());
            assert!(!r.apply_twilio_status("delivered", None, None) || r.index != Some(0));
            sink.write(&r).unwrap();
        }
        assert_eq!(sink.finish().unwrap().undelivered, 1);

        // the run still resumes the journal (delivery records are "done")
        let fp = Fingerprint::new((1, 2), "t", "recipient", "sms", "MG1", "AC1", None);
        let (_, st) = Journal::open_or_create(&journal, &fp, false).unwrap();
        assert!(st.is_done(0) && st.is_done(1) && st.is_unknown(4));
    }

    #[test]
    fn status_through_report() {
        let dir = tempfile::tempdir().unwrap();
        let journal = sample_journal(dir.path());
        let report = dir.path().join("r.csv");
        rebuild_report(&journal, &report).unwrap();
        let (rows, mut sink) = open_status(&report).unwrap();
        for r in rows {
            let mut r = r.unwrap();
            if r.needs_refresh() {
                r.apply_twilio_status("delivered", None, None);
            }
            sink.write(&r).unwrap();
        }
        let summary = sink.finish().unwrap();
        assert_eq!(summary.delivered, 1);
        assert_eq!(summary.failed, 1);
        let text = std::fs::read_to_string(&report).unwrap();
        assert!(text.contains("+6591000000,2,delivered,SM0,,\n"));

        std::fs::write(dir.path().join("x.csv"), "a,b\n1,2\n").unwrap();
        let Err(err) = open_status(&dir.path().join("x.csv")) else {
            panic!("accepted a non-report");
        };
        assert!(
            err.to_string()
                .contains("is neither an smsctl journal nor a campaign report")
        );
    }
}
