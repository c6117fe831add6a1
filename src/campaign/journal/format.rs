//! The record format (see the [module documentation](super)): one JSON object
//! per line, tagged by `t`, and the line-by-line reading that replay and the
//! final-entries reader share.
//!
//! Each kind of record has exactly its own fields, so a record with a field
//! missing (or of an unknown kind) does not parse and is reported as damaged,
//! with its line. Fields the format does not know are ignored. Strings borrow
//! from the line read (or from the caller's values when writing) wherever they
//! can: the writer is on the hot path of a campaign.

use std::borrow::Cow;
use std::io::BufRead;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{
    JOURNAL_VERSION, JournalError, JournalHeader, Outcome, OutcomeStatus, RowRef, SkipReason,
    io_err,
};
use crate::campaign::status::{ReportRow, Status};

/// One line of the journal. Serialised with the kind first (`{"t":"I",…}`);
/// read with [`Record`]'s `Deserialize`, which takes the kind from the first
/// key without buffering the record (the kind may come later, more slowly).
#[derive(Debug, Serialize)]
#[serde(tag = "t")]
pub(super) enum Record<'a> {
    /// The header, once, first line.
    H(JournalHeader),
    /// Intent: the request for a row is about to be made.
    I(Intent<'a>),
    /// How a request ended.
    O(RowStatus<'a, OutcomeStatus>),
    /// How reconciliation settled an unknown row.
    R(RowStatus<'a, OutcomeStatus>),
    /// A row skipped by the check (invalid or duplicate), with the reason.
    S(Skip<'a>),
    /// A delivery status (from `campaign status`): the whole merged report row.
    D(RowStatus<'a, Status>),
    /// Where the report is written.
    P(ReportPath<'a>),
    /// What the campaign sends (recipients file, template): what a retry re-renders.
    M(SendSpec),
    /// Intent to cancel a scheduled message (`campaign cancel`).
    X(CancelIntent<'a>),
}

/// The kinds of record, as written in `t`.
#[derive(Debug, Clone, Copy, Deserialize)]
enum Kind {
    H,
    I,
    O,
    R,
    S,
    D,
    P,
    M,
    X,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Intent<'a> {
    pub row: u32,
    pub line: u64,
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    /// When, in milliseconds since the epoch.
    pub ts: i64,
    /// A retry's: the SID of the message it sends again (reconciliation looks
    /// only for a newer message).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<Cow<'a, str>>,
}

/// What a campaign sends, recorded once by `campaign run` so that `campaign
/// retry` can render the same messages again: the recipients file (absolute)
/// and the template text (the fingerprint holds their digests, checked again),
/// the check options that decide which rows are sent, and the message options
/// every message carried (absent from journals written before they were
/// recorded, and when not used).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendSpec {
    pub recipients: String,
    pub template: String,
    #[serde(default)]
    pub allow_duplicates: bool,
    #[serde(default)]
    pub allow_empty: bool,
    /// `--send-at`: `SendAt` (a retry schedules at the same time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_at: Option<jiff::Timestamp>,
    /// `--validity-period`: `ValidityPeriod`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_period: Option<u32>,
    /// `--media-url`s: `MediaUrl`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_urls: Vec<String>,
}

impl SendSpec {
    /// The message options the run sent with (a text template's: no
    /// `ContentSid`, which a retry does not send again).
    pub fn message_options(&self) -> crate::twilio::MessageOptions {
        crate::twilio::MessageOptions {
            send_at: self.send_at,
            validity_period: self.validity_period,
            media_urls: self.media_urls.clone(),
            content_sid: None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct CancelIntent<'a> {
    pub row: u32,
    pub line: u64,
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    #[serde(borrow)]
    pub sid: Cow<'a, str>,
    pub ts: i64,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Skip<'a> {
    pub row: u32,
    pub line: u64,
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    pub status: SkipReason,
    #[serde(borrow)]
    pub msg: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ReportPath<'a> {
    #[serde(borrow)]
    pub report: Cow<'a, str>,
}

/// A row's status with its message SID and error, if any (`O`, `R` and `D`).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct RowStatus<'a, S> {
    pub row: u32,
    pub line: u64,
    #[serde(borrow)]
    pub to: Cow<'a, str>,
    pub status: S,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<Cow<'a, str>>,
}

impl<'a> RowStatus<'a, OutcomeStatus> {
    fn new(r: &'a RowRef, o: &'a Outcome) -> Self {
        RowStatus {
            row: r.row,
            line: r.line,
            to: Cow::Borrowed(&r.to),
            status: o.status,
            sid: o.sid.as_deref().map(Cow::Borrowed),
            code: o.error_code,
            msg: o.error_message.as_deref().map(Cow::Borrowed),
        }
    }
}

impl<S: Into<Status>> RowStatus<'_, S> {
    fn into_report_row(self) -> ReportRow {
        ReportRow {
            recipient: self.to.into_owned(),
            row: self.line,
            status: self.status.into(),
            message_sid: self.sid.map(Cow::into_owned),
            error_code: self.code,
            error_message: self.msg.map(Cow::into_owned),
        }
    }
}

impl<'a> Record<'a> {
    pub fn intent(r: &'a RowRef, ts: i64, prev: Option<&'a str>) -> Self {
        Record::I(Intent {
            row: r.row,
            line: r.line,
            to: Cow::Borrowed(&r.to),
            ts,
            prev: prev.map(Cow::Borrowed),
        })
    }

    pub fn cancel_intent(r: &'a RowRef, sid: &'a str, ts: i64) -> Self {
        Record::X(CancelIntent {
            row: r.row,
            line: r.line,
            to: Cow::Borrowed(&r.to),
            sid: Cow::Borrowed(sid),
            ts,
        })
    }

    pub fn outcome(r: &'a RowRef, o: &'a Outcome) -> Self {
        Record::O(RowStatus::new(r, o))
    }

    pub fn reconciled(r: &'a RowRef, o: &'a Outcome) -> Self {
        Record::R(RowStatus::new(r, o))
    }

    pub fn skipped(r: &'a RowRef, reason: SkipReason, message: &'a str) -> Self {
        Record::S(Skip {
            row: r.row,
            line: r.line,
            to: Cow::Borrowed(&r.to),
            status: reason,
            msg: Cow::Borrowed(message),
        })
    }

    pub fn delivery(index: u32, row: &'a ReportRow) -> Self {
        Record::D(RowStatus {
            row: index,
            line: row.row,
            to: Cow::Borrowed(&row.recipient),
            status: row.status,
            sid: row.message_sid.as_deref().map(Cow::Borrowed),
            code: row.error_code,
            msg: row.error_message.as_deref().map(Cow::Borrowed),
        })
    }

    /// The row index of a row record (not of the header or a report path).
    pub fn row(&self) -> Option<u32> {
        match self {
            Record::H(_) | Record::P(_) | Record::M(_) => None,
            Record::I(r) => Some(r.row),
            Record::X(r) => Some(r.row),
            Record::S(r) => Some(r.row),
            Record::O(r) | Record::R(r) => Some(r.row),
            Record::D(r) => Some(r.row),
        }
    }

    /// What the report shows for a row whose last record this is (`None` for
    /// the header and a report path).
    pub fn into_report_row(self) -> Option<ReportRow> {
        Some(match self {
            Record::H(_) | Record::P(_) | Record::M(_) => return None,
            // A cancel in doubt: the message is scheduled until Twilio says otherwise.
            Record::X(CancelIntent { line, to, sid, .. }) => ReportRow {
                recipient: to.into_owned(),
                row: line,
                status: Status::Scheduled,
                message_sid: Some(sid.into_owned()),
                error_code: None,
                error_message: None,
            },
            Record::I(Intent { line, to, .. }) => ReportRow {
                recipient: to.into_owned(),
                row: line,
                status: Status::Unknown,
                message_sid: None,
                error_code: None,
                error_message: None,
            },
            Record::S(Skip {
                line,
                to,
                status,
                msg,
                ..
            }) => ReportRow {
                recipient: to.into_owned(),
                row: line,
                status: status.into(),
                message_sid: None,
                error_code: None,
                error_message: Some(msg.into_owned()),
            },
            Record::O(r) | Record::R(r) => r.into_report_row(),
            Record::D(r) => r.into_report_row(),
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Record<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordVisitor(PhantomData))
    }
}

struct RecordVisitor<'a>(PhantomData<Record<'a>>);

impl<'de: 'a, 'a> Visitor<'de> for RecordVisitor<'a> {
    type Value = Record<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a journal record")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'a>, A::Error> {
        let Some(Key(first)) = map.next_key::<Key<'de>>()? else {
            return Err(de::Error::missing_field("t"));
        };
        if first == "t" {
            // As written: the kind first, then the record's own fields.
            let kind: Kind = map.next_value()?;
            return Record::body(kind, MapAccessDeserializer::new(map));
        }
        // The kind comes later: buffer the record.
        let mut fields = serde_json::Map::new();
        fields.insert(first.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            fields.insert(key, value);
        }
        let kind = fields
            .remove("t")
            .ok_or_else(|| de::Error::missing_field("t"))?;
        let kind = Kind::deserialize(kind).map_err(de::Error::custom)?;
        Record::body(kind, serde_json::Value::Object(fields)).map_err(de::Error::custom)
    }
}

impl<'a> Record<'a> {
    /// The record of `kind` whose fields `fields` holds (the kind aside).
    fn body<'de: 'a, D: Deserializer<'de>>(kind: Kind, fields: D) -> Result<Self, D::Error> {
        Ok(match kind {
            Kind::H => Record::H(Deserialize::deserialize(fields)?),
            Kind::I => Record::I(Deserialize::deserialize(fields)?),
            Kind::O => Record::O(Deserialize::deserialize(fields)?),
            Kind::R => Record::R(Deserialize::deserialize(fields)?),
            Kind::S => Record::S(Deserialize::deserialize(fields)?),
            Kind::D => Record::D(Deserialize::deserialize(fields)?),
            Kind::P => Record::P(Deserialize::deserialize(fields)?),
            Kind::M => Record::M(Deserialize::deserialize(fields)?),
            Kind::X => Record::X(Deserialize::deserialize(fields)?),
        })
    }
}

/// A map key, borrowed from the line unless it has escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Serialises a record as one line (with its `\n`) into `buf`.
pub(super) fn write_line(buf: &mut Vec<u8>, rec: &Record<'_>) {
    serde_json::to_writer(&mut *buf, rec).expect("record serialises");
    buf.push(b'\n');
}

/// Parses one complete line (without its `\n`). A line that is a torn fragment
/// glued to a later complete record (a writer was killed mid-write and another
/// appended after it) is read as that later record: the torn write never finished,
/// so its request was never made.
pub(super) fn parse_line(line: &[u8]) -> Result<Record<'_>, serde_json::Error> {
    match serde_json::from_slice::<Record<'_>>(line) {
        Ok(r) => Ok(r),
        Err(e) => {
            let needle = b"{\"t\":\"";
            let later = line
                .windows(needle.len())
                .rposition(|w| w == needle)
                .filter(|&i| i > 0);
            match later {
                Some(i) => serde_json::from_slice::<Record<'_>>(&line[i..]),
                None => Err(e),
            }
        }
    }
}

/// Reads the header line from `reader` (at the start of the journal). `None`
/// when there is no complete header line; else the header and the offset of
/// the first record.
pub(super) fn read_header(
    path: &Path,
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> Result<Option<(JournalHeader, u64)>, JournalError> {
    buf.clear();
    let n = reader.read_until(b'\n', buf).map_err(io_err(path))?;
    if n == 0 || buf.last() != Some(&b'\n') {
        return Ok(None);
    }
    Ok(Some((parse_header(path, &buf[..n - 1])?, n as u64)))
}

fn parse_header(path: &Path, line: &[u8]) -> Result<JournalHeader, JournalError> {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        t: Cow<'a, str>,
        v: u32,
    }
    let not_journal = || JournalError::NotAJournal {
        path: path.to_path_buf(),
    };
    let probe: Probe = serde_json::from_slice(line).map_err(|_| not_journal())?;
    if probe.t != "H" {
        return Err(not_journal());
    }
    if probe.v > JOURNAL_VERSION {
        return Err(JournalError::Version {
            path: path.to_path_buf(),
            version: probe.v,
        });
    }
    serde_json::from_slice(line).map_err(|e| JournalError::Corrupt {
        path: path.to_path_buf(),
        line: 1,
        reason: e.to_string(),
    })
}

/// Reads every whole record after the header (`reader` is at `offset`), handing
/// each to `each` with its byte offset and line number. Blank lines are
/// skipped. A torn final record (an interrupted write) ends the scan: returns
/// its offset and length, if there is one.
pub(super) fn read_records(
    path: &Path,
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    mut offset: u64,
    mut each: impl FnMut(u64, u64, Record<'_>) -> Result<(), JournalError>,
) -> Result<Option<(u64, u64)>, JournalError> {
    let mut line_no = 1u64;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', buf).map_err(io_err(path))?;
        if n == 0 {
            return Ok(None);
        }
        line_no += 1;
        if buf.last() != Some(&b'\n') {
            return Ok(Some((offset, n as u64)));
        }
        let line = &buf[..n - 1];
        if !line.iter().all(u8::is_ascii_whitespace) {
            let rec = parse_line(line).map_err(|e| JournalError::Corrupt {
                path: path.to_path_buf(),
                line: line_no,
                reason: e.to_string(),
            })?;
            each(offset, line_no, rec)?;
        }
        offset += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use std::fs::OpenOptions;
    use std::io::Write;
    use std::path::Path;

    use crate::campaign::journal::test_support::{fixture, fp, report_row};
    use crate::campaign::journal::{Journal, JournalError, Outcome, RowRef, SkipReason};
    use crate::campaign::status::Status;

    /// `line` with the times (the header's `started`, an intent's `ts`) blanked.
    fn without_times(line: &str) -> String {
        let mut line = line.to_string();
        for key in ["\"started\":", "\"ts\":"] {
            if let Some(i) = line.find(key) {
                let start = i + key.len();
                let end = start + line[start..].find([',', '}']).unwrap();
                line.replace_range(start..end, "…");
            }
        }
        line
    }

    /// The writer writes, byte for byte, what the build before records became
    /// an enum wrote for the same calls (`v1-every-record.smsctl-journal`, times
    /// aside).
    #[test]
    fn writes_the_lines_format_1_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.note_report_path(Path::new("/srv/camp/recipients.report.csv"))
            .unwrap();
        let row = |row, line, to: &str| RowRef {
            row,
            line,
            to: to.into(),
        };
        let (a, b) = (row(0, 2, "+6591234567"), row(1, 3, "+6591234568"));
        let c = row(4, 7, "12 \"ab\"\\é");
        j.record_intent(&a).unwrap();
        j.record_outcome(&a, &Outcome::sent("SM0123")).unwrap();
        j.record_intent(&b).unwrap();
        let failed = Outcome::failed(Some(21610), "opted out, \"STOP\"\n\tü");
        j.record_outcome(&b, &failed).unwrap();
        j.record_outcome(&b, &Outcome::failed(None, "no code"))
            .unwrap();
        j.record_outcome(&b, &Outcome::not_sent(Some(20429), "rate"))
            .unwrap();
        j.record_outcome(&b, &Outcome::unknown("timeout")).unwrap();
        j.record_reconciled(&b, &Outcome::sent("SM1")).unwrap();
        j.record_reconciled(&b, &Outcome::not_sent(None, "not found"))
            .unwrap();
        j.record_reconciled(&b, &Outcome::unknown("cannot tell"))
            .unwrap();
        j.record_skipped(&c, SkipReason::Invalid, "r.csv:7: bad \"number\"")
            .unwrap();
        j.record_skipped(&a, SkipReason::Duplicate, "").unwrap();
        let d = report_row(
            "+6591234567",
            2,
            Status::Delivered,
            Some("SM0123"),
            None,
            None,
        );
        j.record_delivery(0, &d).unwrap();
        let d = report_row(
            "+6591234568",
            3,
            Status::Undelivered,
            Some("SM1"),
            Some(30003),
            Some("unreachable"),
        );
        j.record_delivery(1, &d).unwrap();
        let d = report_row("x", 11, Status::Read, None, None, None);
        j.record_delivery(9, &d).unwrap();
        j.close().unwrap();

        let written = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(fixture("v1-every-record.smsctl-journal")).unwrap();
        assert!(written.ends_with('\n') && expected.ends_with('\n'));
        let written: Vec<String> = written.lines().map(without_times).collect();
        let expected: Vec<String> = expected.lines().map(without_times).collect();
        assert_eq!(written, expected);
        assert!(written[2].starts_with(r#"{"t":"I","row":0,"line":2,"to":"+6591234567","ts":…}"#));
    }

    /// Each kind of record has its own fields: a record missing one is damaged.
    #[test]
    fn a_record_without_one_of_its_fields_is_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let header = std::fs::read_to_string(fixture("v1.smsctl-journal")).unwrap();
        let header = header.lines().next().unwrap();
        for (record, reason) in [
            (
                r#"{"t":"I","row":0,"line":2,"to":"+65"}"#,
                "missing field `ts`",
            ),
            (
                r#"{"t":"O","row":0,"status":"sent"}"#,
                "missing field `line`",
            ),
            (
                r#"{"t":"O","row":0,"line":2,"to":"+65"}"#,
                "missing field `status`",
            ),
            (
                r#"{"t":"R","line":2,"to":"+65","status":"sent"}"#,
                "missing field `row`",
            ),
            (
                r#"{"t":"S","row":0,"line":2,"to":"+65","status":"skipped_invalid"}"#,
                "missing field `msg`",
            ),
            (
                r#"{"t":"D","row":0,"line":2,"status":"read"}"#,
                "missing field `to`",
            ),
            (r#"{"t":"P"}"#, "missing field `report`"),
            (
                r#"{"row":0,"line":2,"to":"+65","ts":1}"#,
                "missing field `t`",
            ),
            (r#"{"t":"Z","row":0}"#, "unknown variant `Z`"),
            (r#"{"t":"X","row":0}"#, "missing field `line`"),
            (
                r#"{"t":"X","row":0,"line":2,"to":"+65","ts":1}"#,
                "missing field `sid`",
            ),
            (r#"{"t":"M","template":"hi"}"#, "missing field `recipients`"),
            (
                r#"{"t":"O","row":0,"line":2,"to":"+65","status":"read"}"#,
                "unknown variant `read`",
            ),
        ] {
            let path = dir.path().join("j");
            std::fs::write(&path, format!("{header}\n")).unwrap();
            let mut f = OpenOptions::new().append(true).open(&path).unwrap();
            writeln!(f, r#"{{"t":"I","row":0,"line":2,"to":"+65","ts":1}}"#).unwrap();
            writeln!(f, "{record}").unwrap();
            drop(f);
            let err = Journal::read(&path).unwrap_err();
            assert!(
                matches!(&err, JournalError::Corrupt { line: 3, reason: r, .. } if r.contains(reason)),
                "{record}: {err}"
            );
            assert!(
                err.to_string().contains(", line 3: damaged record ("),
                "{err}"
            );
            let err = crate::campaign::FinalEntries::open(&path)
                .map(|_| ())
                .unwrap_err();
            assert!(
                matches!(err, JournalError::Corrupt { line: 3, .. }),
                "{err}"
            );
        }
    }

    /// The kind need not come first (every smsctl writes it first; a record
    /// edited by hand may not), and keys and values may have escapes.
    #[test]
    fn the_kind_may_come_later() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let header = std::fs::read_to_string(fixture("v1.smsctl-journal")).unwrap();
        let header = header.lines().next().unwrap();
        let records = [
            r#"{"row":0,"line":2,"to":"+65","ts":1,"t":"I"}"#,
            r#"{"row":1,"t":"O","line":3,"to":"+6\u0035","status":"sent","sid":"SM1"}"#,
            r#"{"\u0074":"S","row":2,"line":4,"to":"x","status":"skipped_duplicate","msg":"d"}"#,
        ];
        std::fs::write(&path, format!("{header}\n{}\n", records.join("\n"))).unwrap();
        let (_, st) = Journal::read(&path).unwrap();
        assert!(st.is_unknown(0) && st.is_done(1) && st.skip_recorded(2));
        let entries: Vec<_> = crate::campaign::FinalEntries::open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(entries[1].report.recipient, "+65");
        assert_eq!(entries[2].report.status, Status::SkippedDuplicate);
    }
}
