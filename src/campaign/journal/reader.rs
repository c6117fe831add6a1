//! The final-entries reader: the last record of every row, in row order, for
//! the report and `campaign status`.

use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::format::{parse_line, read_header, read_records};
use super::{JournalError, io_err};
use crate::campaign::status::ReportRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// 0-based data record index.
    pub index: u32,
    pub report: ReportRow,
    /// Requests made to send to this row (its intents), over the run and its
    /// retry rounds.
    pub attempts: u32,
}

/// The final record of every row, in row order: what the report shows. Two passes
/// over the journal; memory is 8 bytes per row (the offset of its last record).
pub struct FinalEntries {
    path: PathBuf,
    reader: BufReader<File>,
    pos: u64,
    offsets: Vec<u64>,
    attempts: Vec<u16>,
    next: usize,
    buf: Vec<u8>,
}

impl FinalEntries {
    pub fn open(path: &Path) -> Result<FinalEntries, JournalError> {
        let file = File::open(path).map_err(io_err(path))?;
        // Final records come in nearly row order (rows are sent in order, a few at a
        // time), so the second pass mostly moves forward or back within the buffer.
        let mut reader = BufReader::with_capacity(64 * 1024, file);
        let mut buf = Vec::with_capacity(512);
        let mut offsets: Vec<u64> = Vec::new();
        let mut attempts: Vec<u16> = Vec::new();
        let Some((_, first)) = read_header(path, &mut reader, &mut buf)? else {
            return Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            });
        };
        read_records(path, &mut reader, &mut buf, first, |offset, _, rec| {
            if let Some(row) = rec.row() {
                let row = row as usize;
                if row >= offsets.len() {
                    offsets.resize(row + 1, u64::MAX);
                }
                offsets[row] = offset;
                if matches!(rec, super::format::Record::I(_)) {
                    if row >= attempts.len() {
                        attempts.resize(row + 1, 0);
                    }
                    attempts[row] = attempts[row].saturating_add(1);
                }
            }
            Ok(())
        })?;
        reader.seek(SeekFrom::Start(0)).map_err(io_err(path))?;
        Ok(FinalEntries {
            path: path.to_path_buf(),
            reader,
            pos: 0,
            offsets,
            attempts,
            next: 0,
            buf,
        })
    }

    /// Whether any row was sent to more than once (a retry round): the report
    /// then shows each row's attempts.
    pub fn retried(&self) -> bool {
        self.attempts.iter().any(|&n| n > 1)
    }

    fn read_at(&mut self, offset: u64) -> Result<JournalEntry, JournalError> {
        let delta = offset as i64 - self.pos as i64;
        self.reader
            .seek_relative(delta)
            .map_err(io_err(&self.path))?;
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(io_err(&self.path))?;
        self.pos = offset + n as u64;
        let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
        let rec = parse_line(line).map_err(|e| JournalError::Corrupt {
            path: self.path.clone(),
            line: 0,
            reason: e.to_string(),
        })?;
        let index = rec.row().unwrap_or(0);
        let attempts = u32::from(self.attempts.get(index as usize).copied().unwrap_or(0));
        let Some(report) = rec.into_report_row() else {
            return Err(JournalError::Corrupt {
                path: self.path.clone(),
                line: 0,
                reason: "not a row record".into(),
            });
        };
        Ok(JournalEntry {
            index,
            report,
            attempts,
        })
    }
}

impl Iterator for FinalEntries {
    type Item = Result<JournalEntry, JournalError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.next < self.offsets.len() {
            let offset = self.offsets[self.next];
            self.next += 1;
            if offset != u64::MAX {
                return Some(self.read_at(offset));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::journal::test_support::{fixture, fp, report_row, rr};
    use crate::campaign::journal::{Journal, Outcome, SkipReason};
    use crate::campaign::status::Status;

    #[test]
    fn final_entries_in_row_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        for r in [3, 1, 0] {
            j.record_intent(&rr(r)).unwrap();
        }
        j.record_outcome(&rr(1), &Outcome::sent("SM1")).unwrap();
        j.record_outcome(&rr(3), &Outcome::failed(Some(21211), "bad"))
            .unwrap();
        j.record_skipped(&rr(5), SkipReason::Invalid, "r.csv:7: bad number")
            .unwrap();
        drop(j);
        let entries: Vec<JournalEntry> = FinalEntries::open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let got: Vec<(u32, Status)> = entries.iter().map(|e| (e.index, e.report.status)).collect();
        assert_eq!(
            got,
            [
                (0, Status::Unknown),
                (1, Status::Sent),
                (3, Status::Failed),
                (5, Status::SkippedInvalid)
            ]
        );
        assert_eq!(entries[1].report.message_sid.as_deref(), Some("SM1"));
        assert_eq!(entries[2].report.error_code, Some(21211));
        assert_eq!(entries[3].report.row, 7);
        assert_eq!(entries[3].report.recipient, "+6591000005");
    }

    #[test]
    fn final_entries_of_a_journal_written_by_format_1() {
        let entries: Vec<JournalEntry> = FinalEntries::open(&fixture("v1.smsctl-journal"))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(entries.len(), 7);
        assert!(
            entries
                .iter()
                .enumerate()
                .all(|(i, e)| e.index == i as u32 && e.report.row == i as u64 + 2)
        );
        assert_eq!(
            entries[4].report,
            ReportRow {
                recipient: "+447911123456".into(),
                row: 6,
                status: Status::Sent,
                message_sid: Some("SM8a881b932928447c2fed5a3c4c245760".into()),
                error_code: None,
                error_message: None,
            }
        );
        assert!(entries.iter().all(|e| e.report.status == Status::Sent));

        let entries: Vec<JournalEntry> =
            FinalEntries::open(&fixture("v1-every-record.smsctl-journal"))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
        let got: Vec<(u32, ReportRow)> = entries.into_iter().map(|e| (e.index, e.report)).collect();
        assert_eq!(
            got,
            [
                (
                    0,
                    report_row(
                        "+6591234567",
                        2,
                        Status::Delivered,
                        Some("SM0123"),
                        None,
                        None
                    )
                ),
                (
                    1,
                    report_row(
                        "+6591234568",
                        3,
                        Status::Undelivered,
                        Some("SM1"),
                        Some(30003),
                        Some("unreachable")
                    )
                ),
                (
                    4,
                    report_row(
                        "12 \"ab\"\\é",
                        7,
                        Status::SkippedInvalid,
                        None,
                        None,
                        Some("r.csv:7: bad \"number\"")
                    )
                ),
                (9, report_row("x", 11, Status::Read, None, None, None)),
            ]
        );
    }
}
