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
//!
//! # Code
//! - `row.rs`: one data row, shared by both passes: the context built from the
//!   header, the check of a row with its problems, and the row's digest.
//! - `parallel.rs`: the check's pass: batches, worker threads and the
//!   accumulator they merge into.
//! - `send_pass.rs`: [`CampaignRows`], the second pass that the sender drives.
//! - here: the options, the report and its types, and [`check`], which runs the
//!   parallel pass and then finds the duplicates and totals the segments.

mod parallel;
mod row;
mod send_pass;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::bits::{BitSet, LineMap};
use super::recipients::{CheckError, DEFAULT_TO_COLUMN, RecipientsReader};
use super::template::Template;
use crate::phone::Region;
use crate::sms::Segments;
use parallel::{Accum, read_parallel};
use row::prepare;
pub use send_pass::{CampaignRow, CampaignRows, RowAction};

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
    /// `--allow-empty`: a row whose `{{keyword}}` value is empty (or only
    /// spaces) is valid; by default it is invalid, like a bad number.
    pub allow_empty: bool,
    /// The account's opt-out list ([`crate::optouts`]) as [`E164::as_u64`]
    /// keys: valid rows with a listed number are not sent.
    ///
    /// [`E164::as_u64`]: crate::phone::E164::as_u64
    pub opted_out: Arc<HashSet<u64>>,
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
            allow_empty: false,
            opted_out: Arc::default(),
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
    /// A `{{keyword}}` value is empty or only spaces (unless `--allow-empty`).
    EmptyValue,
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
    /// Messages and segments per destination country (ISO code; `""` for a number
    /// of no country, such as `+800`), for the cost estimate.
    pub by_country: BTreeMap<&'static str, CountrySegments>,
}

/// What is sent to one country.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CountrySegments {
    pub messages: u64,
    pub segments: u64,
}

impl CountrySegments {
    pub(super) fn remove(map: &mut BTreeMap<&'static str, CountrySegments>, key: u64) {
        let country = crate::phone::E164::region_code_of_key(key >> KEY_SHIFT).unwrap_or("");
        if let Some(c) = map.get_mut(country) {
            c.messages = c.messages.saturating_sub(1);
            c.segments = c.segments.saturating_sub(key & SEG_MASK);
            if c.messages == 0 {
                map.remove(country);
            }
        }
    }
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
    /// Valid rows whose number is on the opt-out list (not sent; every
    /// occurrence of a listed number counts here, none as a duplicate).
    pub opted_out: u64,
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
    #[serde(skip)]
    opted_out_rows: BitSet,
    /// (duplicate row, first row), by duplicate row.
    #[serde(skip)]
    first_of: Vec<(u32, u32)>,
    #[serde(skip)]
    lines: LineMap,
    #[serde(skip)]
    digest: (u64, u64),
    /// Per [`CHUNK_ROWS`] rows, the sum of their [`row::row_digest`]s.
    #[serde(skip)]
    chunk_digests: Vec<u64>,
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
            && !self.opted_out_rows.contains(row)
    }

    /// A valid row whose number is on the opt-out list.
    pub fn is_opted_out(&self, row: u32) -> bool {
        self.opted_out_rows.contains(row)
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
            + self.opted_out_rows.heap_bytes()
            + self.first_of.capacity() * 8
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
        by_country: BTreeMap::new(),
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
    let mut opted_out_rows = BitSet::new();
    let mut first_of: Vec<(u32, u32)> = Vec::new();
    if !fatal {
        for (i, k) in a.keys.iter_mut().enumerate() {
            if *k == 0 {
                invalid_rows.insert(i as u32);
            } else if !options.opted_out.is_empty()
                && options.opted_out.contains(&(*k >> KEY_SHIFT))
            {
                // Not sent: out of the segment totals, and never a duplicate.
                opted_out_rows.insert(i as u32);
                CountrySegments::remove(&mut a.by_country, *k);
                let seg = (*k & SEG_MASK) as usize;
                a.hist[seg.min(127)] -= 1;
                if *k & UCS2_BIT != 0 {
                    a.ucs2 -= 1;
                } else {
                    a.gsm7 -= 1;
                }
                *k = 0;
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
        CountrySegments::remove(&mut a.by_country, k);
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
        segments.by_country = std::mem::take(&mut a.by_country);
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
            .filter(|s| !duplicate_rows.contains(s.row) && !opted_out_rows.contains(s.row))
            .take(SAMPLES)
            .collect()
    };
    let duplicates = first_of.len() as u64;
    let opted_out = opted_out_rows.len();
    let valid = if fatal {
        0
    } else {
        rows - a.invalid - duplicates - opted_out
    };
    Ok(CheckReport {
        file: ctx.file.clone(),
        columns: ctx.columns.names().to_vec(),
        to_column: options.to_column().to_string(),
        rows,
        valid,
        invalid: a.invalid,
        duplicates,
        opted_out,
        problems: a.problems,
        problems_total: a.problems_total,
        problems_by_kind: a.by_kind,
        samples,
        segments,
        invalid_rows,
        duplicate_rows,
        opted_out_rows,
        first_of,
        lines,
        digest: reader.digest(),
        chunk_digests: a.chunk_digests,
    })
}

#[cfg(test)]
mod tests;
