//! The send pass: a second, sequential read of the checked file that hands the
//! sender each row to send or skip.

use std::io::Read;
use std::path::Path;

use super::row::{RowCtx, Verdict, prepare, row_digest};
use super::{CHUNK_ROWS, CheckOptions, CheckReport, Problem};
use crate::campaign::journal::{RowRef, SkipReason};
use crate::campaign::recipients::{CheckError, RecipientsReader};
use crate::campaign::template::Template;
use crate::phone::E164;
use crate::sms::Segments;

/// What to do with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction<'a> {
    Send {
        to: E164,
        body: &'a str,
        segments: Segments,
        /// `ContentVariables` (a JSON object) for a Content template campaign.
        content_variables: Option<&'a str>,
    },
    Skip {
        reason: SkipReason,
        /// The phone column's value as written.
        raw_to: String,
        /// The problems, `file:line: …`, joined by `; `.
        message: String,
    },
}

/// A row of the send pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRow<'a> {
    pub row: u32,
    pub line: u64,
    pub action: RowAction<'a>,
}

impl CampaignRow<'_> {
    /// The row as the journal records it.
    pub fn row_ref(&self) -> RowRef {
        let to = match &self.action {
            RowAction::Send { to, .. } => to.as_str().to_string(),
            RowAction::Skip { raw_to, .. } => raw_to.clone(),
        };
        RowRef {
            row: self.row,
            line: self.line,
            to,
        }
    }
}

/// The second, sequential pass that the sender drives: re-reads the file, and for
/// each wanted row parses the number and renders the body (skipped rows come with
/// their reason). Ends with an error if the file is not the one that was checked.
///
/// It reads the file a chunk of [`CHUNK_ROWS`] rows at a time and compares each
/// chunk with the check's digest of it before handing out any of its rows, so a
/// file edited during a run is refused before a row of the changed part is sent.
pub struct CampaignRows<'r, R: Read = std::fs::File> {
    reader: RecipientsReader<R>,
    ctx: RowCtx<'r>,
    report: &'r CheckReport,
    /// The current chunk: its records, (row, line) of each, and how many are
    /// filled and handed out.
    chunk: Vec<csv::ByteRecord>,
    chunk_rows: Vec<(u32, u64)>,
    chunk_len: usize,
    chunk_pos: usize,
    body: String,
    content_variables: String,
    problems: Vec<Problem>,
}

impl<'r> CampaignRows<'r, std::fs::File> {
    pub fn open(
        path: &Path,
        template: &'r Template,
        options: &CheckOptions,
        report: &'r CheckReport,
    ) -> Result<Self, CheckError> {
        CampaignRows::from_reader(RecipientsReader::open(path)?, template, options, report)
    }
}

impl<'r, R: Read> CampaignRows<'r, R> {
    pub fn from_reader(
        reader: RecipientsReader<R>,
        template: &'r Template,
        options: &CheckOptions,
        report: &'r CheckReport,
    ) -> Result<Self, CheckError> {
        let (ctx, _) = prepare(&reader, template, options);
        Ok(CampaignRows {
            reader,
            ctx,
            report,
            chunk: (0..CHUNK_ROWS).map(|_| csv::ByteRecord::new()).collect(),
            chunk_rows: vec![(0, 0); CHUNK_ROWS],
            chunk_len: 0,
            chunk_pos: 0,
            body: String::with_capacity(2048),
            content_variables: String::new(),
            problems: Vec::new(),
        })
    }

    /// The next row for which `wanted(row)` is true; other rows are passed over
    /// without parsing. `None` at the end. A resumed run passes
    /// `|row| if report.should_send(row) { replay.wants_send(row, resend_unknown) } else { !replay.skip_recorded(row) }`
    /// so that it gets the rows to send and the skipped rows not journaled yet.
    /// Rows of a report that [`CheckReport::is_fatal`] all come back as skipped.
    pub fn next_row(
        &mut self,
        wanted: impl Fn(u32) -> bool,
    ) -> Result<Option<CampaignRow<'_>>, CheckError> {
        loop {
            if self.chunk_pos == self.chunk_len && !self.fill_chunk()? {
                if self.reader.digest() != self.report.digest {
                    return Err(CheckError::Changed {
                        path: self.reader.path().to_path_buf(),
                    });
                }
                return Ok(None);
            }
            let (row, line) = self.chunk_rows[self.chunk_pos];
            let record = &self.chunk[self.chunk_pos];
            self.chunk_pos += 1;
            if !wanted(row) {
                continue;
            }
            let raw_to = || {
                self.ctx
                    .phone_col
                    .and_then(|c| record.get(c))
                    .map(|b| String::from_utf8_lossy(b).trim().to_string())
                    .unwrap_or_default()
            };
            self.problems.clear();
            let verdict = self
                .ctx
                .check_row(record, line, &mut self.body, &mut self.problems);
            let action = match verdict {
                Verdict::Valid { to, .. } if self.report.is_opted_out(row) => RowAction::Skip {
                    reason: SkipReason::OptedOut,
                    raw_to: raw_to(),
                    message: format!(
                        "{}:{line}: {to} is on the opt-out list; not sent (`smsctl optouts rm {to}` if they opted in again)",
                        self.ctx.file
                    ),
                },
                Verdict::Valid { to, .. } if self.report.is_duplicate(row) => {
                    let first = self.report.first_occurrence(row).unwrap_or(row);
                    let problem = self
                        .ctx
                        .duplicate(line, to.as_str(), self.report.line_of(first));
                    RowAction::Skip {
                        reason: SkipReason::Duplicate,
                        raw_to: raw_to(),
                        message: problem.message,
                    }
                }
                Verdict::Valid { to, segments } if self.report.should_send(row) => {
                    self.ctx
                        .content_variables(record, &mut self.content_variables);
                    RowAction::Send {
                        to,
                        body: &self.body,
                        segments,
                        content_variables: (!self.content_variables.is_empty())
                            .then_some(self.content_variables.as_str()),
                    }
                }
                _ => {
                    let mut messages: Vec<&str> =
                        self.problems.iter().map(|p| p.message.as_str()).collect();
                    if messages.is_empty() {
                        // valid now, but not when checked (or the file as a whole is not)
                        messages = self
                            .report
                            .problems
                            .iter()
                            .filter(|p| p.kind.is_fatal())
                            .map(|p| p.message.as_str())
                            .collect();
                    }
                    let message = if messages.is_empty() {
                        format!("{}:{}: the row did not pass the check", self.ctx.file, line)
                    } else {
                        messages.join("; ")
                    };
                    RowAction::Skip {
                        reason: SkipReason::Invalid,
                        raw_to: raw_to(),
                        message,
                    }
                }
            };
            return Ok(Some(CampaignRow { row, line, action }));
        }
    }

    /// Reads the next chunk and compares it with the check's digest of it.
    /// `false` at the end of the file.
    fn fill_chunk(&mut self) -> Result<bool, CheckError> {
        let index = self.reader.rows() as usize / CHUNK_ROWS;
        let (mut len, mut sum) = (0, 0u64);
        while len < CHUNK_ROWS {
            let Some((row, line)) = self.reader.read(&mut self.chunk[len])? else {
                break;
            };
            sum = sum.wrapping_add(row_digest(row, &self.chunk[len]));
            self.chunk_rows[len] = (row, line);
            len += 1;
        }
        (self.chunk_len, self.chunk_pos) = (len, 0);
        if len == 0 {
            return Ok(false);
        }
        if self.report.chunk_digests.get(index) != Some(&sum) {
            return Err(CheckError::ChangedAt {
                path: self.reader.path().to_path_buf(),
                line: self.chunk_rows[0].1,
            });
        }
        Ok(true)
    }
}
