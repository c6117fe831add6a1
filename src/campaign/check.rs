//! The pre-flight check: one streaming pass over the recipients file that finds
//! every problem (with `file:line`), counts segments, picks samples, and decides
//! which rows are sent, in a few bytes per recipient.
//!
//! # Threads
//! The calling thread reads the CSV into batches of [`BATCH_ROWS`] reused
//! `ByteRecord`s and hands them over a bounded channel to worker threads (one per
//! core by default), which parse the numbers, render and measure the bodies, and
//! merge their results into a shared accumulator once per batch. Batch buffers are
//! recycled through a second channel, so memory does not grow with the file.
//!
//! # Memory per recipient
//! During the pass: one `u64` per row (the phone number's digits shifted left 8
//! bits, with the encoding and segment count in the low byte; 0 for an invalid
//! row). Duplicate detection then sorts a `Vec<u32>` of row indexes by that key
//! (4 more bytes per row). Both are freed before `check` returns; the report keeps
//! two bit sets (invalid, duplicate: 2 bits per row), the first occurrence of each
//! duplicate (8 bytes per duplicate), and a line map with one entry per multi-line
//! record. Peak: about 12 bytes per recipient.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use serde::Serialize;

use super::bits::{BitSet, LineMap};
use super::journal::{RowRef, SkipReason};
use super::recipients::{CheckError, Columns, DEFAULT_TO_COLUMN, RecipientsReader};
use super::template::Template;
use crate::phone::{self, E164, Region};
use crate::sms::{self, BodyError, Encoding, Segments};

/// Rows per batch handed to a worker.
pub const BATCH_ROWS: usize = 1024;
/// Rows per chunk of the file's content digests: the send pass reads a whole
/// chunk and compares it with what the check saw before it sends any row of it.
/// Divides [`BATCH_ROWS`], so a batch of the check covers whole chunks.
pub const CHUNK_ROWS: usize = 256;
const _: () = assert!(BATCH_ROWS.is_multiple_of(CHUNK_ROWS));
/// Problems kept in the report by default (all are counted).
pub const DEFAULT_MAX_PROBLEMS: usize = 1000;
/// Rendered samples in the report.
pub const SAMPLES: usize = 3;
/// Valid rows kept as sample candidates (duplicates among them are dropped later).
const SAMPLE_CANDIDATES: usize = 16;
/// Low bits of a packed key holding the segment count and encoding.
const KEY_SHIFT: u32 = 8;
const SEG_MASK: u64 = 0x7f;
const UCS2_BIT: u64 = 0x80;

/// What the check is told by the command line.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// `--to-column` (default `recipient`).
    pub to_column: Option<String>,
    /// `--default-region`, for numbers without a country code.
    pub default_region: Option<Region>,
    /// `--allow-duplicates`: send to every row, even a repeated number.
    pub allow_duplicates: bool,
    /// Problems kept in the report (all are counted); 0 means the default.
    pub max_problems: usize,
    /// Worker threads; 0 means one per available core (at most 8).
    pub threads: usize,
    /// Numbers accepted on top of valid ones (the sandbox's test numbers on
    /// `campaign run --sandbox`); none by default.
    pub extra_numbers: &'static [&'static str],
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            to_column: None,
            default_region: None,
            allow_duplicates: false,
            max_problems: DEFAULT_MAX_PROBLEMS,
            threads: 0,
            extra_numbers: &[],
        }
    }
}

impl CheckOptions {
    fn to_column(&self) -> &str {
        self.to_column
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_TO_COLUMN)
    }
}

/// The kinds of problem the check reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// No header row at all. Fatal.
    EmptyFile,
    /// The phone column is not in the header. Fatal.
    MissingPhoneColumn,
    /// Two header cells with the same (normalised) name that the campaign uses. Fatal.
    AmbiguousColumn,
    /// A template keyword has no column. Fatal.
    MissingKeywordColumn,
    /// A header and no data rows. Fatal.
    NoRows,
    /// A row with more or fewer fields than the header.
    FieldCount,
    /// A row whose fields are all empty.
    EmptyRow,
    /// A used field that is not UTF-8.
    InvalidText,
    InvalidNumber,
    EmptyBody,
    BodyTooLong,
    /// The number is on an earlier row (sent once).
    Duplicate,
}

impl ProblemKind {
    /// A problem with the file as a whole: nothing can be sent.
    pub fn is_fatal(self) -> bool {
        matches!(
            self,
            ProblemKind::EmptyFile
                | ProblemKind::MissingPhoneColumn
                | ProblemKind::AmbiguousColumn
                | ProblemKind::MissingKeywordColumn
                | ProblemKind::NoRows
        )
    }
}

/// One problem, with its line. `message` is the full sentence for the user,
/// starting with `file:line: `.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub line: u64,
    pub kind: ProblemKind,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A rendered message, as a dry run shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub row: u32,
    pub line: u64,
    pub to: String,
    pub body: String,
    pub segments: Segments,
}

/// Segments of the messages that will be sent (valid rows, duplicates excluded).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SegmentStats {
    pub messages: u64,
    pub total: u64,
    pub min: usize,
    pub max: usize,
    /// Segments per message → messages.
    pub histogram: BTreeMap<usize, u64>,
    pub gsm7: u64,
    pub ucs2: u64,
}

/// The result of [`check`].
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The recipients file as named in messages.
    pub file: String,
    /// Header cells, cleaned.
    pub columns: Vec<String>,
    /// The phone column as asked for.
    pub to_column: String,
    /// Data rows.
    pub rows: u64,
    /// Rows that will be sent.
    pub valid: u64,
    /// Rows with at least one problem.
    pub invalid: u64,
    /// Rows whose number is on an earlier valid row (not sent).
    pub duplicates: u64,
    /// Problems by line (at most `max_problems` of them; see `problems_total`).
    pub problems: Vec<Problem>,
    pub problems_total: u64,
    pub problems_by_kind: BTreeMap<ProblemKind, u64>,
    /// Up to three rendered messages.
    pub samples: Vec<Sample>,
    pub segments: SegmentStats,
    #[serde(skip)]
    invalid_rows: BitSet,
    #[serde(skip)]
    duplicate_rows: BitSet,
    /// (duplicate row, first row), by duplicate row.
    #[serde(skip)]
    first_of: Vec<(u32, u32)>,
    #[serde(skip)]
    lines: LineMap,
    #[serde(skip)]
    digest: (u64, u64),
    /// Per [`CHUNK_ROWS`] rows, the sum of their [`row_digest`]s.
    #[serde(skip)]
    chunk_digests: Vec<u64>,
}

/// A digest of one data row's cells and its position, for the per-chunk sums
/// that tie the send pass to the content that was checked.
fn row_digest(row: u32, record: &csv::ByteRecord) -> u64 {
    let mut h = crate::campaign::bits::StableHasher::new();
    h.update(&row.to_le_bytes());
    for field in record {
        h.update(&(field.len() as u64).to_le_bytes());
        h.update(field);
    }
    // Spread the bits (splitmix64's finaliser) so that sums of digests collide
    // no more than the digests do.
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl CheckReport {
    /// A file-level problem: nothing can be sent (missing column, empty file…).
    pub fn is_fatal(&self) -> bool {
        self.problems_by_kind.keys().any(|k| k.is_fatal())
    }

    /// True if the row is to be sent (valid and not a duplicate).
    pub fn should_send(&self, row: u32) -> bool {
        !self.is_fatal()
            && u64::from(row) < self.rows
            && !self.invalid_rows.contains(row)
            && !self.duplicate_rows.contains(row)
    }

    pub fn is_duplicate(&self, row: u32) -> bool {
        self.duplicate_rows.contains(row)
    }

    /// The earlier row a duplicate repeats.
    pub fn first_occurrence(&self, row: u32) -> Option<u32> {
        self.first_of
            .binary_search_by_key(&row, |&(d, _)| d)
            .ok()
            .map(|i| self.first_of[i].1)
    }

    /// Rows with a problem, in order.
    pub fn invalid_rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.invalid_rows.iter()
    }

    /// The CSV line of a data row.
    pub fn line_of(&self, row: u32) -> u64 {
        self.lines.line(row)
    }

    /// (hash, length) of the file content, for the journal's fingerprint.
    pub fn content_digest(&self) -> (u64, u64) {
        self.digest
    }

    /// Approximate heap bytes the report keeps per recipient (for benchmarks).
    pub fn heap_bytes(&self) -> usize {
        self.invalid_rows.heap_bytes()
            + self.duplicate_rows.heap_bytes()
            + self.first_of.capacity() * 8
    }
}

// ---------------------------------------------------------------------------
// per-row checking (shared by the check and the send pass)

struct RowCtx<'t> {
    file: String,
    template: &'t Template,
    header_len: usize,
    columns: Columns,
    phone_col: Option<usize>,
    /// Column of each template keyword; `None` if one is missing.
    keyword_cols: Option<Vec<usize>>,
    region: Option<Region>,
    extra_numbers: &'static [&'static str],
}

enum Verdict {
    Valid { to: E164, segments: Segments },
    Invalid,
}

impl<'t> RowCtx<'t> {
    fn problem(&self, line: u64, kind: ProblemKind, message: impl fmt::Display) -> Problem {
        Problem {
            line,
            kind,
            message: format!("{}:{}: {}", self.file, line, message),
        }
    }

    fn duplicate(&self, line: u64, number: &str, first_line: u64) -> Problem {
        self.problem(
            line,
            ProblemKind::Duplicate,
            format_args!(
                "duplicate recipient {number}, first on line {first_line}; it is sent once (--allow-duplicates sends to every row)"
            ),
        )
    }

    fn field<'r>(&self, rec: &'r csv::ByteRecord, col: usize) -> &'r str {
        std::str::from_utf8(rec.get(col).unwrap_or_default()).unwrap_or("")
    }

    /// Checks one record; pushes its problems; leaves the rendered body in `body`.
    fn check_row(
        &self,
        rec: &csv::ByteRecord,
        line: u64,
        body: &mut String,
        problems: &mut Vec<Problem>,
    ) -> Verdict {
        body.clear();
        // An empty row is reported as such, whatever its number of fields.
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            problems.push(self.problem(line, ProblemKind::EmptyRow, "the row is empty"));
            return Verdict::Invalid;
        }
        if rec.len() != self.header_len {
            problems.push(self.problem(
                line,
                ProblemKind::FieldCount,
                format_args!(
                    "{} field{}, but the header has {}; a value containing a comma must be in double quotes",
                    rec.len(),
                    if rec.len() == 1 { "" } else { "s" },
                    self.header_len
                ),
            ));
            return Verdict::Invalid;
        }
        let before = problems.len();
        // The field as text, or a problem saying it is not UTF-8.
        let text = |col: usize, problems: &mut Vec<Problem>| -> Option<&str> {
            let text = std::str::from_utf8(rec.get(col).unwrap_or_default()).ok();
            if text.is_none() {
                problems.push(self.problem(
                    line,
                    ProblemKind::InvalidText,
                    format_args!(
                        "column \"{}\" is not valid UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in Excel)",
                        self.columns.names()[col]
                    ),
                ));
            }
            text
        };
        let mut to = None;
        if let Some(col) = self.phone_col
            && let Some(number) = text(col, problems)
        {
            match phone::parse_number_accepting(number, self.region, self.extra_numbers) {
                Ok(n) => to = Some(n),
                Err(e) => problems.push(self.problem(line, ProblemKind::InvalidNumber, e)),
            }
        }
        let mut segments = None;
        if let Some(cols) = &self.keyword_cols {
            let mut all_text = true;
            for &col in cols {
                if Some(col) != self.phone_col {
                    all_text &= text(col, problems).is_some();
                }
            }
            if all_text {
                self.template
                    .render_into(|k| self.field(rec, cols[k]), body);
                match sms::check_body(body) {
                    Ok(s) => segments = Some(s),
                    Err(BodyError::Empty) => {
                        let empty: Vec<String> = self
                            .template
                            .keywords()
                            .iter()
                            .zip(cols)
                            .filter(|(_, c)| self.field(rec, **c).trim().is_empty())
                            .map(|(k, _)| format!("{{{{{k}}}}}"))
                            .collect();
                        let detail = if empty.is_empty() {
                            String::new()
                        } else {
                            format!(" (empty: {})", empty.join(", "))
                        };
                        problems.push(self.problem(
                            line,
                            ProblemKind::EmptyBody,
                            format_args!("{}{detail}", BodyError::Empty),
                        ));
                    }
                    Err(e) => problems.push(self.problem(line, ProblemKind::BodyTooLong, e)),
                }
            }
        }
        match (to, segments) {
            (Some(to), Some(segments)) if problems.len() == before => {
                Verdict::Valid { to, segments }
            }
            _ => Verdict::Invalid,
        }
    }
}

/// Opens the file and builds the row context; returns the header problems.
fn prepare<'t, R: Read>(
    reader: &RecipientsReader<R>,
    template: &'t Template,
    options: &CheckOptions,
) -> (RowCtx<'t>, Vec<Problem>) {
    let file = reader.path().display().to_string();
    let hl = reader.header_line();
    let mut problems = Vec::new();
    let columns = reader
        .columns()
        .cloned()
        .unwrap_or(Columns::from_record(&csv::ByteRecord::new()));
    let mut ctx = RowCtx {
        file,
        template,
        header_len: columns.len(),
        columns,
        phone_col: None,
        keyword_cols: None,
        region: options.default_region,
        extra_numbers: options.extra_numbers,
    };
    if reader.columns().is_none() {
        problems.push(ctx.problem(
            1,
            ProblemKind::EmptyFile,
            format_args!(
                "the file is empty; the first line must be a header row such as {DEFAULT_TO_COLUMN},name"
            ),
        ));
        return (ctx, problems);
    }
    let list = ctx.columns.list();
    let ambiguous = |name: &str, at: &[usize]| {
        let cols: Vec<String> = at.iter().map(|i| (i + 1).to_string()).collect();
        format!(
            "{} columns are named \"{name}\" (columns {}); rename all but one",
            at.len(),
            cols.join(" and ")
        )
    };
    let to_column = options.to_column();
    let at = ctx.columns.positions(to_column);
    match at.len() {
        0 => problems.push(ctx.problem(
            hl,
            ProblemKind::MissingPhoneColumn,
            format_args!("no column \"{to_column}\"; columns are: {list} — pass --to-column NAME"),
        )),
        1 => ctx.phone_col = Some(at[0]),
        _ => {
            problems.push(ctx.problem(hl, ProblemKind::AmbiguousColumn, ambiguous(to_column, &at)))
        }
    }
    let mut cols = Vec::new();
    for k in template.keywords() {
        let at = ctx.columns.positions(k);
        match at.len() {
            0 => problems.push(ctx.problem(
                hl,
                ProblemKind::MissingKeywordColumn,
                format_args!("keyword {{{{{k}}}}} has no column; columns are: {list}"),
            )),
            1 => cols.push(at[0]),
            _ => problems.push(ctx.problem(hl, ProblemKind::AmbiguousColumn, ambiguous(k, &at))),
        }
    }
    if cols.len() == template.keywords().len() {
        ctx.keyword_cols = Some(cols);
    }
    (ctx, problems)
}

// ---------------------------------------------------------------------------
// the parallel pass

struct Batch {
    first_row: u32,
    len: usize,
    records: Vec<csv::ByteRecord>,
    lines: Vec<u64>,
    keys: Vec<u64>,
}

impl Batch {
    fn new() -> Batch {
        Batch {
            first_row: 0,
            len: 0,
            records: (0..BATCH_ROWS).map(|_| csv::ByteRecord::new()).collect(),
            lines: vec![0; BATCH_ROWS],
            keys: vec![0; BATCH_ROWS],
        }
    }
}

struct Accum {
    cap: usize,
    keys: Vec<u64>,
    chunk_digests: Vec<u64>,
    invalid: u64,
    problems: Vec<Problem>,
    problems_total: u64,
    by_kind: BTreeMap<ProblemKind, u64>,
    hist: [u64; 128],
    gsm7: u64,
    ucs2: u64,
    samples: Vec<Sample>,
}

impl Accum {
    fn add_problems(&mut self, problems: &mut Vec<Problem>) {
        for p in problems.iter() {
            *self.by_kind.entry(p.kind).or_default() += 1;
        }
        self.problems_total += problems.len() as u64;
        self.problems.append(problems);
        if self.problems.len() > 2 * self.cap {
            self.trim_problems();
        }
    }

    /// Keeps the `cap` problems with the lowest lines.
    fn trim_problems(&mut self) {
        self.problems.sort_by_key(|p| (p.line, p.kind));
        self.problems.truncate(self.cap);
    }
}

fn pack(to: &E164, s: &Segments) -> u64 {
    let enc = if s.encoding == Encoding::Ucs2 {
        UCS2_BIT
    } else {
        0
    };
    (to.as_u64() << KEY_SHIFT) | enc | (s.segments as u64).min(SEG_MASK)
}

fn process(
    ctx: &RowCtx<'_>,
    batch: &mut Batch,
    accum: &Mutex<Accum>,
    want_samples: &AtomicBool,
    body: &mut String,
    problems: &mut Vec<Problem>,
) {
    let sampling = want_samples.load(Ordering::Relaxed);
    let mut samples = Vec::new();
    let mut hist = [0u64; 128];
    let (mut gsm7, mut ucs2, mut invalid) = (0u64, 0u64, 0u64);
    let mut chunks = [0u64; BATCH_ROWS / CHUNK_ROWS];
    for i in 0..batch.len {
        let row = batch.first_row + i as u32;
        chunks[i / CHUNK_ROWS] =
            chunks[i / CHUNK_ROWS].wrapping_add(row_digest(row, &batch.records[i]));
        let line = batch.lines[i];
        batch.keys[i] = match ctx.check_row(&batch.records[i], line, body, problems) {
            Verdict::Valid { to, segments } => {
                hist[segments.segments.min(127)] += 1;
                if segments.encoding == Encoding::Ucs2 {
                    ucs2 += 1;
                } else {
                    gsm7 += 1;
                }
                if sampling && samples.len() < SAMPLE_CANDIDATES {
                    samples.push(Sample {
                        row: batch.first_row + i as u32,
                        line,
                        to: to.as_str().to_string(),
                        body: body.clone(),
                        segments,
                    });
                }
                pack(&to, &segments)
            }
            Verdict::Invalid => {
                invalid += 1;
                0
            }
        };
    }
    let mut a = accum.lock().expect("check accumulator");
    let start = batch.first_row as usize;
    let end = start + batch.len;
    if a.keys.len() < end {
        a.keys.resize(end, 0);
    }
    a.keys[start..end].copy_from_slice(&batch.keys[..batch.len]);
    let first_chunk = start / CHUNK_ROWS;
    let n_chunks = batch.len.div_ceil(CHUNK_ROWS);
    if a.chunk_digests.len() < first_chunk + n_chunks {
        a.chunk_digests.resize(first_chunk + n_chunks, 0);
    }
    a.chunk_digests[first_chunk..first_chunk + n_chunks].copy_from_slice(&chunks[..n_chunks]);
    a.invalid += invalid;
    a.add_problems(problems);
    for (h, n) in a.hist.iter_mut().zip(hist) {
        *h += n;
    }
    a.gsm7 += gsm7;
    a.ucs2 += ucs2;
    if !samples.is_empty() {
        a.samples.append(&mut samples);
        a.samples.sort_by_key(|s| s.row);
        a.samples.truncate(SAMPLE_CANDIDATES);
        if a.samples.len() >= SAMPLE_CANDIDATES {
            want_samples.store(false, Ordering::Relaxed);
        }
    }
}

/// Checks the recipients file at `path` against `template`: see the module docs.
/// `Err` only when the file cannot be read; every problem with its content is in
/// the report.
pub fn check(
    path: &Path,
    template: &Template,
    options: &CheckOptions,
) -> Result<CheckReport, CheckError> {
    check_reader(RecipientsReader::open(path)?, template, options)
}

/// [`check`] over an already opened reader.
pub fn check_reader<R: Read + Send>(
    mut reader: RecipientsReader<R>,
    template: &Template,
    options: &CheckOptions,
) -> Result<CheckReport, CheckError> {
    let (ctx, mut header_problems) = prepare(&reader, template, options);
    let cap = if options.max_problems == 0 {
        DEFAULT_MAX_PROBLEMS
    } else {
        options.max_problems
    };
    let accum = Mutex::new(Accum {
        cap,
        keys: Vec::new(),
        chunk_digests: Vec::new(),
        invalid: 0,
        problems: Vec::new(),
        problems_total: 0,
        by_kind: BTreeMap::new(),
        hist: [0; 128],
        gsm7: 0,
        ucs2: 0,
        samples: Vec::new(),
    });
    accum
        .lock()
        .expect("check accumulator")
        .add_problems(&mut header_problems);
    let mut lines = LineMap::default();
    let mut rows = 0u64;
    if reader.columns().is_some() {
        let threads = if options.threads == 0 {
            std::thread::available_parallelism()
                .map_or(2, |n| n.get())
                .clamp(1, 8)
        } else {
            options.threads
        };
        rows = read_parallel(&mut reader, &ctx, &accum, &mut lines, threads)?;
    }
    let mut a = accum.into_inner().expect("check accumulator");
    if rows == 0 && reader.columns().is_some() {
        let p = ctx.problem(
            reader.header_line(),
            ProblemKind::NoRows,
            "no recipients: the file has a header and no rows",
        );
        a.add_problems(&mut vec![p]);
    }
    let fatal = a.by_kind.keys().any(|k| k.is_fatal());

    // Invalid rows and duplicates.
    let mut invalid_rows = BitSet::new();
    let mut duplicate_rows = BitSet::new();
    let mut first_of: Vec<(u32, u32)> = Vec::new();
    if !fatal {
        for (i, &k) in a.keys.iter().enumerate() {
            if k == 0 {
                invalid_rows.insert(i as u32);
            }
        }
        if !options.allow_duplicates {
            let keys = &a.keys;
            let mut perm: Vec<u32> = (0..keys.len() as u32)
                .filter(|&i| keys[i as usize] != 0)
                .collect();
            perm.sort_unstable_by_key(|&i| (keys[i as usize] >> KEY_SHIFT, i));
            let mut start = 0;
            while start < perm.len() {
                let phone = keys[perm[start] as usize] >> KEY_SHIFT;
                let mut end = start + 1;
                while end < perm.len() && keys[perm[end] as usize] >> KEY_SHIFT == phone {
                    let dup = perm[end];
                    duplicate_rows.insert(dup);
                    first_of.push((dup, perm[start]));
                    end += 1;
                }
                start = end;
            }
            drop(perm);
            first_of.sort_unstable();
        }
    }
    let mut dup_problems = Vec::new();
    for &(dup, first) in &first_of {
        let k = a.keys[dup as usize];
        let seg = (k & SEG_MASK) as usize;
        a.hist[seg.min(127)] -= 1;
        if k & UCS2_BIT != 0 {
            a.ucs2 -= 1;
        } else {
            a.gsm7 -= 1;
        }
        if dup_problems.len() < cap {
            let line = lines.line(dup);
            let number = format!("+{}", k >> KEY_SHIFT);
            dup_problems.push(ctx.duplicate(line, &number, lines.line(first)));
        }
    }
    if !first_of.is_empty() {
        *a.by_kind.entry(ProblemKind::Duplicate).or_default() += first_of.len() as u64;
        a.problems_total += first_of.len() as u64;
        a.problems.append(&mut dup_problems);
    }
    a.trim_problems();
    a.keys = Vec::new();

    let mut segments = SegmentStats {
        gsm7: a.gsm7,
        ucs2: a.ucs2,
        ..SegmentStats::default()
    };
    if !fatal {
        for (seg, &n) in a.hist.iter().enumerate() {
            if n > 0 {
                segments.histogram.insert(seg, n);
                segments.messages += n;
                segments.total += seg as u64 * n;
            }
        }
        segments.min = segments.histogram.keys().next().copied().unwrap_or(0);
        segments.max = segments.histogram.keys().last().copied().unwrap_or(0);
    } else {
        segments.gsm7 = 0;
        segments.ucs2 = 0;
    }
    let samples: Vec<Sample> = if fatal {
        Vec::new()
    } else {
        a.samples
            .into_iter()
            .filter(|s| !duplicate_rows.contains(s.row))
            .take(SAMPLES)
            .collect()
    };
    let duplicates = first_of.len() as u64;
    let valid = if fatal {
        0
    } else {
        rows - a.invalid - duplicates
    };
    Ok(CheckReport {
        file: ctx.file.clone(),
        columns: ctx.columns.names().to_vec(),
        to_column: options.to_column().to_string(),
        rows,
        valid,
        invalid: a.invalid,
        duplicates,
        problems: a.problems,
        problems_total: a.problems_total,
        problems_by_kind: a.by_kind,
        samples,
        segments,
        invalid_rows,
        duplicate_rows,
        first_of,
        lines,
        digest: reader.digest(),
        chunk_digests: a.chunk_digests,
    })
}

/// Reads all rows, checking them on `threads` workers. Returns the row count.
fn read_parallel<R: Read + Send>(
    reader: &mut RecipientsReader<R>,
    ctx: &RowCtx<'_>,
    accum: &Mutex<Accum>,
    lines: &mut LineMap,
    threads: usize,
) -> Result<u64, CheckError> {
    let want_samples = AtomicBool::new(true);
    let (work_tx, work_rx) = mpsc::sync_channel::<Batch>(threads * 2);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|s| {
        let (free_tx, free_rx) = mpsc::channel::<Batch>();
        for _ in 0..threads {
            let free_tx = free_tx.clone();
            let (work_rx, want_samples) = (&work_rx, &want_samples);
            s.spawn(move || {
                let mut body = String::with_capacity(2048);
                let mut problems = Vec::new();
                loop {
                    let next = work_rx.lock().expect("work queue").recv();
                    let Ok(mut batch) = next else { return };
                    process(
                        ctx,
                        &mut batch,
                        accum,
                        want_samples,
                        &mut body,
                        &mut problems,
                    );
                    // The reader may be gone (at the end): keep draining.
                    let _ = free_tx.send(batch);
                }
            });
        }
        drop(free_tx);
        let max_batches = threads * 3 + 1;
        let mut allocated = 0;
        let mut rows = 0u64;
        loop {
            let mut batch = match free_rx.try_recv() {
                Ok(b) => b,
                Err(_) if allocated < max_batches => {
                    allocated += 1;
                    Batch::new()
                }
                Err(_) => free_rx.recv().expect("check workers stopped"),
            };
            batch.first_row = reader.rows();
            batch.len = 0;
            while batch.len < BATCH_ROWS {
                let i = batch.len;
                match reader.read(&mut batch.records[i])? {
                    Some((row, line)) => {
                        lines.push(row, line);
                        batch.lines[i] = line;
                        batch.len += 1;
                    }
                    None => break,
                }
            }
            let len = batch.len;
            if rows == 0 && len > 0 {
                reserve_keys(reader, accum, len);
            }
            rows += len as u64;
            if len > 0 {
                work_tx.send(batch).expect("check workers stopped");
            }
            if len < BATCH_ROWS {
                break;
            }
        }
        drop(work_tx);
        Ok(rows)
    })
}

/// Reserves the per-row key vector once, from the file size and the size of the
/// first rows, so that it is not reallocated (and copied) as it grows. Pages that
/// are reserved and never written do not count in the resident set.
fn reserve_keys<R: Read>(reader: &RecipientsReader<R>, accum: &Mutex<Accum>, first_rows: usize) {
    let Some(size) = reader.size_hint() else {
        return;
    };
    let per_row = (reader.bytes_read() / first_rows as u64).max(1);
    let estimate = size / per_row;
    let estimate = (estimate + estimate / 8 + BATCH_ROWS as u64).min(u64::from(u32::MAX));
    let mut a = accum.lock().expect("check accumulator");
    a.keys.reserve_exact(estimate as usize);
}

// ---------------------------------------------------------------------------
// the send pass

/// What to do with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction<'a> {
    Send {
        to: E164,
        body: &'a str,
        segments: Segments,
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
                    RowAction::Send {
                        to,
                        body: &self.body,
                        segments,
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

#[cfg(test)]
mod tests;
