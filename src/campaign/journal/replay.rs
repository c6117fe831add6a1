//! Replay: what the journal says about each row, read back on resume.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::format::{
    CancelIntent, Intent, Record, ReportPath, RowStatus, SendSpec, Skip, read_header, read_records,
};
use super::{Journal, JournalError, JournalHeader, OutcomeStatus, RowRef, io_err};
use crate::campaign::bits::BitSet;
use crate::campaign::status::Status;

/// A row whose request may or may not have reached Twilio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRow {
    pub recipient: RowRef,
    /// When the intent was recorded (the request went out after it).
    pub intent_at: Timestamp,
    /// Why it is unknown, if an outcome said so.
    pub reason: Option<String>,
    /// A retry's: the SID of the message it sent again (a message found must
    /// be newer than this one).
    pub prev: Option<String>,
}

/// A cancel request that may or may not have reached Twilio (an `X` record
/// with nothing after it for the row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelInDoubt {
    pub recipient: RowRef,
    pub sid: String,
    pub intent_at: Timestamp,
}

/// What the journal says about each row, in compact form.
#[derive(Debug, Clone)]
pub struct ReplayState {
    /// When the campaign started (for the reconcile query "DateSent since start").
    pub started: Timestamp,
    /// True if the journal was created by this open (nothing to resume).
    pub fresh: bool,
    /// Where an old journal was moved by `restart`.
    pub archived: Option<PathBuf>,
    /// The last report path noted with [`Journal::note_report_path`].
    pub report_path: Option<PathBuf>,
    /// Records replayed (header excluded).
    pub records: u64,
    /// Bytes of a torn final record that were dropped.
    pub torn_bytes: u64,
    /// Unknown rows, by row index, with what is needed to reconcile them.
    pub unknown: Vec<UnknownRow>,
    /// What the campaign sends, if the run recorded it (journals of smsctl
    /// before `campaign retry` do not).
    pub spec: Option<SendSpec>,
    /// Cancel requests in doubt (a `campaign cancel` stopped while they were
    /// in flight), by row.
    pub cancels: Vec<CancelInDoubt>,
    done: BitSet,
    unknown_set: BitSet,
    skip_recorded: BitSet,
}

impl ReplayState {
    pub(super) fn new(started: Timestamp) -> Self {
        ReplayState {
            started,
            fresh: true,
            archived: None,
            report_path: None,
            records: 0,
            torn_bytes: 0,
            unknown: Vec::new(),
            spec: None,
            cancels: Vec::new(),
            done: BitSet::new(),
            unknown_set: BitSet::new(),
            skip_recorded: BitSet::new(),
        }
    }

    /// Sent, or failed for good: never send again.
    pub fn is_done(&self, row: u32) -> bool {
        self.done.contains(row)
    }

    /// In flight at a crash (or an unknown outcome): reconcile before sending.
    pub fn is_unknown(&self, row: u32) -> bool {
        self.unknown_set.contains(row)
    }

    /// Neither done nor unknown: send (if the check allows).
    pub fn is_pending(&self, row: u32) -> bool {
        !self.is_done(row) && !self.is_unknown(row)
    }

    /// Whether this run sends `row` (when the check allows it): it is pending,
    /// or unknown and `--resend-unknown` was given.
    pub fn wants_send(&self, row: u32, resend_unknown: bool) -> bool {
        self.is_pending(row) || (resend_unknown && self.is_unknown(row))
    }

    /// A skip record is already in the journal (don't write another).
    pub fn skip_recorded(&self, row: u32) -> bool {
        self.skip_recorded.contains(row)
    }

    pub fn done_count(&self) -> u64 {
        self.done.len()
    }

    pub fn unknown_count(&self) -> u64 {
        self.unknown_set.len()
    }

    /// Marks an unknown row as settled by reconciliation (the caller also calls
    /// [`Journal::record_reconciled`]).
    pub fn settle(&mut self, row: u32, status: OutcomeStatus) {
        self.unknown_set.remove(row);
        self.unknown.retain(|u| u.recipient.row != row);
        if matches!(
            status,
            OutcomeStatus::Sent | OutcomeStatus::Failed | OutcomeStatus::Scheduled
        ) {
            self.done.insert(row);
        } else if status == OutcomeStatus::Unknown {
            self.unknown_set.insert(row);
        }
    }
}

/// A journal's header and what replaying its records found.
pub(super) struct Loaded {
    pub header: JournalHeader,
    pub state: ReplayState,
}

impl Journal {
    /// Reads a journal without opening it for writing.
    pub fn read(path: &Path) -> Result<(JournalHeader, ReplayState), JournalError> {
        let file = File::open(path).map_err(io_err(path))?;
        match load(path, &file, false)? {
            Some(l) => Ok((l.header, l.state)),
            None => Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Replays the journal in `file`. Returns `None` if there is no complete header
/// line (a crash while the file was created). With `may_truncate`, a torn last
/// record is cut off so that later appends start on a fresh line.
pub(super) fn load(
    path: &Path,
    file: &File,
    may_truncate: bool,
) -> Result<Option<Loaded>, JournalError> {
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    reader.seek(SeekFrom::Start(0)).map_err(io_err(path))?;
    let mut buf = Vec::with_capacity(512);
    let Some((header, first)) = read_header(path, &mut reader, &mut buf)? else {
        return Ok(None);
    };
    let mut state = ReplayState::new(header.started);
    let mut open: HashMap<u32, UnknownRow> = HashMap::new();
    let mut cancels: HashMap<u32, CancelInDoubt> = HashMap::new();
    let torn = read_records(path, &mut reader, &mut buf, first, |_, line_no, rec| {
        state.records += 1;
        match rec {
            Record::X(CancelIntent {
                row,
                line,
                to,
                sid,
                ts,
            }) => {
                let intent_at = Timestamp::from_millisecond(ts).unwrap_or(state.started);
                cancels.insert(
                    row,
                    CancelInDoubt {
                        recipient: RowRef {
                            row,
                            line,
                            to: to.into_owned(),
                        },
                        sid: sid.into_owned(),
                        intent_at,
                    },
                );
                Ok(())
            }
            rec => {
                if let Some(row) = rec.row() {
                    cancels.remove(&row);
                }
                apply(&mut state, &mut open, rec, path, line_no)
            }
        }
    })?;
    if let Some((offset, len)) = torn {
        state.torn_bytes = len;
        if may_truncate {
            file.set_len(offset).map_err(io_err(path))?;
        }
    }
    let mut unknown: Vec<UnknownRow> = open.into_values().collect();
    unknown.sort_by_key(|u| u.recipient.row);
    for u in &unknown {
        state.unknown_set.insert(u.recipient.row);
    }
    state.unknown = unknown;
    let mut cancels: Vec<CancelInDoubt> = cancels.into_values().collect();
    cancels.sort_by_key(|c| c.recipient.row);
    state.cancels = cancels;
    Ok(Some(Loaded { header, state }))
}

fn apply(
    state: &mut ReplayState,
    open: &mut HashMap<u32, UnknownRow>,
    rec: Record<'_>,
    path: &Path,
    line_no: u64,
) -> Result<(), JournalError> {
    match rec {
        Record::H(_) => {
            return Err(JournalError::Corrupt {
                path: path.to_path_buf(),
                line: line_no,
                reason: "a second header".into(),
            });
        }
        Record::P(ReportPath { report }) => {
            state.report_path = Some(PathBuf::from(&*report));
        }
        Record::M(spec) => state.spec = Some(spec),
        // Handled by `load`: a cancel leaves the row as it was until its result.
        Record::X(_) => {}
        Record::I(Intent {
            row,
            line,
            to,
            ts,
            prev,
        }) => {
            state.done.remove(row);
            let at = Timestamp::from_millisecond(ts).unwrap_or(state.started);
            open.insert(
                row,
                UnknownRow {
                    recipient: RowRef {
                        row,
                        line,
                        to: to.into_owned(),
                    },
                    intent_at: at,
                    reason: None,
                    prev: prev.map(Cow::into_owned),
                },
            );
        }
        Record::S(Skip { row, .. }) => {
            state.skip_recorded.insert(row);
        }
        Record::O(r) | Record::R(r) => apply_status(state, open, r),
        Record::D(r) => apply_status(state, open, r),
    }
    Ok(())
}

/// A row's status record (`O`, `R`, `D`): done, unknown, or pending again.
fn apply_status<S: Into<Status>>(
    state: &mut ReplayState,
    open: &mut HashMap<u32, UnknownRow>,
    r: RowStatus<'_, S>,
) {
    let row = r.row;
    let status: Status = r.status.into();
    if status.is_done() {
        state.done.insert(row);
        open.remove(&row);
    } else if status == Status::Unknown {
        state.done.remove(row);
        let reason = r.msg.map(|m| m.into_owned());
        let entry = open.entry(row).or_insert_with(|| UnknownRow {
            recipient: RowRef {
                row,
                line: r.line,
                to: r.to.into_owned(),
            },
            intent_at: state.started,
            reason: None,
            prev: None,
        });
        entry.reason = reason;
    } else {
        // not_sent (or a skip status): pending again
        state.done.remove(row);
        open.remove(&row);
    }
}

#[cfg(test)]
mod tests {
    use std::fs::OpenOptions;
    use std::io::Write;

    use super::*;
    use crate::campaign::journal::test_support::{fixture, fp, rr};
    use crate::campaign::journal::{Outcome, SkipReason};

    #[test]
    fn fresh_then_resume() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv.smsctl-journal");
        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(st.fresh);
        assert_eq!(fp("hi").to_column, "recipient");
        assert_eq!(fp("hi").default_region.as_deref(), Some("SG"));
        // row 0 sent, row 1 failed for good, row 2 in flight, row 3 not sent
        // (retryable), row 4 unknown outcome, row 5 skipped, row 6 unknown then
        // reconciled as sent, row 7 unknown then proven unsent
        for r in 0..8 {
            if r != 5 {
                j.record_intent(&rr(r)).unwrap();
            }
        }
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        j.record_outcome(&rr(1), &Outcome::failed(Some(21610), "opted out"))
            .unwrap();
        j.record_outcome(&rr(3), &Outcome::not_sent(Some(20429), "rate"))
            .unwrap();
        j.record_outcome(&rr(4), &Outcome::unknown("500 after create"))
            .unwrap();
        j.record_skipped(&rr(5), SkipReason::Duplicate, "dup")
            .unwrap();
        j.record_outcome(&rr(6), &Outcome::unknown("timeout"))
            .unwrap();
        j.record_reconciled(&rr(6), &Outcome::sent("SM6")).unwrap();
        j.record_reconciled(&rr(7), &Outcome::not_sent(None, "not found"))
            .unwrap();
        j.note_report_path(Path::new("out.csv")).unwrap();
        j.close().unwrap();

        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(!st.fresh);
        assert_eq!(st.records, 16);
        assert_eq!(st.torn_bytes, 0);
        assert_eq!(
            st.report_path.as_deref(),
            Some(std::path::absolute("out.csv").unwrap().as_path())
        );
        let done: Vec<u32> = (0..9).filter(|&r| st.is_done(r)).collect();
        let unknown: Vec<u32> = (0..9).filter(|&r| st.is_unknown(r)).collect();
        let pending: Vec<u32> = (0..9).filter(|&r| st.is_pending(r)).collect();
        assert_eq!(done, [0, 1, 6]);
        assert_eq!(unknown, [2, 4]);
        assert_eq!(pending, [3, 5, 7, 8]);
        assert!(st.skip_recorded(5) && !st.skip_recorded(3));
        assert_eq!(st.unknown.len(), 2);
        assert_eq!(st.unknown[0].recipient, rr(2));
        assert!(st.unknown[0].intent_at.as_millisecond() >= st.started.as_millisecond());
        assert_eq!(st.unknown[1].reason.as_deref(), Some("500 after create"));
        drop(j);
    }

    #[test]
    fn torn_last_line_is_dropped_and_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        j.record_intent(&rr(1)).unwrap();
        drop(j);
        // simulate kill -9 in the middle of writing the outcome of row 1
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        let torn = br#"{"t":"O","row":1,"line":3,"to":"+6"#;
        f.write_all(torn).unwrap();
        drop(f);
        let len_before = std::fs::metadata(&path).unwrap().len();

        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert_eq!(st.torn_bytes, torn.len() as u64);
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            len_before - torn.len() as u64
        );
        assert!(st.is_done(0));
        assert!(st.is_unknown(1), "intent without outcome");
        // appending after the truncation yields a clean journal
        j.record_reconciled(&rr(1), &Outcome::sent("SM1")).unwrap();
        drop(j);
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.torn_bytes, 0);
        assert!(st.is_done(1));
    }

    #[test]
    fn torn_fragment_glued_to_a_later_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"t":"O","row":0,"#).unwrap();
        f.write_all(b"{\"t\":\"R\",\"row\":0,\"line\":2,\"to\":\"+65\",\"status\":\"sent\",\"sid\":\"SMx\"}\n")
            .unwrap();
        drop(f);
        let (_, st) = Journal::read(&path).unwrap();
        assert!(st.is_done(0));
    }

    #[test]
    fn header_torn_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(&path, br#"{"t":"H","v":1,"sta"#).unwrap();
        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(st.fresh);
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let (h, st) = Journal::read(&path).unwrap();
        assert_eq!(h.fingerprint, fp("hi"));
        assert!(st.is_unknown(0));
    }

    #[test]
    fn not_a_journal_and_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        std::fs::write(&path, "recipient,row,status\n").unwrap();
        let err = Journal::open_or_create(&path, &fp("hi"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} is not an smsctl campaign journal", path.display())
        );
        let (j, _) = Journal::open_or_create(&dir.path().join("k"), &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        drop(j);
        let mut f = OpenOptions::new()
            .append(true)
            .open(dir.path().join("k"))
            .unwrap();
        f.write_all(b"garbage\n").unwrap();
        f.write_all(b"{\"t\":\"O\",\"row\":0,\"status\":\"sent\"}\n")
            .unwrap();
        drop(f);
        let err = Journal::read(&dir.path().join("k")).unwrap_err();
        assert!(
            matches!(err, JournalError::Corrupt { line: 3, .. }),
            "{err}"
        );
    }

    #[test]
    fn resumes_a_journal_written_by_format_1() {
        let path = fixture("v1.smsctl-journal");
        let (h, st) = Journal::read(&path).unwrap();
        assert_eq!(h.v, 1);
        assert_eq!(
            h.started,
            "2026-12-01T18:30:01.639578392Z"
                .parse::<Timestamp>()
                .unwrap()
        );
        assert_eq!(
            h.fingerprint,
            crate::campaign::Fingerprint {
                recipients: "fnv1a64:b5738f8ab2d0df67:390".into(),
                template: "fnv1a64:a1860915c10d38fa:85".into(),
                to_column: "recipient".into(),
                channel: "sms".into(),
                sender: "+15005550006".into(),
                account_sid: "AC5a4db0c5000000000000000000000001".into(),
                default_region: None,
            }
        );
        assert_eq!(
            st.report_path.as_deref(),
            Some(Path::new(
                "/tmp/tmp.G5ENAkZdm0/recipients.sandbox.report.csv"
            ))
        );
        assert_eq!((st.records, st.torn_bytes), (15, 0));
        assert_eq!((st.done_count(), st.unknown_count()), (7, 0));
        assert!((0..7).all(|r| st.is_done(r)) && st.is_pending(7));
        assert!(st.unknown.is_empty());

        // every kind of record, as the build before records became an enum wrote them
        let (h, st) = Journal::read(&fixture("v1-every-record.smsctl-journal")).unwrap();
        assert_eq!(h.fingerprint, fp("hi"));
        assert_eq!(
            st.report_path.as_deref(),
            Some(Path::new("/srv/camp/recipients.report.csv"))
        );
        assert_eq!((st.records, st.torn_bytes), (16, 0));
        let done: Vec<u32> = (0..12).filter(|&r| st.is_done(r)).collect();
        assert_eq!(done, [0, 1, 9]);
        assert_eq!(st.unknown_count(), 0);
        assert!(st.is_pending(4) && st.skip_recorded(4) && st.skip_recorded(0));
    }

    #[test]
    fn resumes_a_format_1_journal_and_appends_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv.smsctl-journal");
        std::fs::copy(fixture("v1-every-record.smsctl-journal"), &path).unwrap();
        let (j, st) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        assert!(!st.fresh && st.is_done(1) && st.is_pending(4));
        j.record_intent(&rr(4)).unwrap();
        j.record_outcome(&rr(4), &crate::campaign::Outcome::sent("SM4"))
            .unwrap();
        j.close().unwrap();
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.records, 18);
        assert!(st.is_done(4));
    }
}
