//! The parallel pass of the check: the reader fills batches of rows, workers
//! check them and merge their results into one accumulator.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use super::row::{RowCtx, Verdict, row_digest};
use super::{
    BATCH_ROWS, CHUNK_ROWS, CountrySegments, KEY_SHIFT, Problem, ProblemKind, SAMPLE_CANDIDATES,
    SEG_MASK, Sample, UCS2_BIT,
};
use crate::campaign::bits::LineMap;
use crate::campaign::recipients::{CheckError, RecipientsReader};
use crate::phone::E164;
use crate::sms::{Encoding, Segments};

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

pub(super) struct Accum {
    pub(super) cap: usize,
    pub(super) keys: Vec<u64>,
    pub(super) chunk_digests: Vec<u64>,
    pub(super) invalid: u64,
    pub(super) problems: Vec<Problem>,
    pub(super) problems_total: u64,
    pub(super) by_kind: BTreeMap<ProblemKind, u64>,
    pub(super) hist: [u64; 128],
    pub(super) gsm7: u64,
    pub(super) ucs2: u64,
    pub(super) samples: Vec<Sample>,
    pub(super) by_country: BTreeMap<&'static str, CountrySegments>,
}

impl Accum {
    pub(super) fn add_problems(&mut self, problems: &mut Vec<Problem>) {
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
    pub(super) fn trim_problems(&mut self) {
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
    // Per country: (ISO code, messages, segments); a batch has few countries.
    let mut countries: Vec<(&'static str, u64, u64)> = Vec::new();
    for i in 0..batch.len {
        let row = batch.first_row + i as u32;
        chunks[i / CHUNK_ROWS] =
            chunks[i / CHUNK_ROWS].wrapping_add(row_digest(row, &batch.records[i]));
        let line = batch.lines[i];
        batch.keys[i] = match ctx.check_row(&batch.records[i], line, body, problems) {
            Verdict::Valid { to, segments } => {
                hist[segments.segments.min(127)] += 1;
                let country = to.region_code().unwrap_or("");
                let seg = (segments.segments as u64).min(SEG_MASK);
                match countries.iter_mut().find(|c| c.0 == country) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 += seg;
                    }
                    None => countries.push((country, 1, seg)),
                }
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
    for (country, messages, segments) in countries {
        let c = a.by_country.entry(country).or_default();
        c.messages += messages;
        c.segments += segments;
    }
    if !samples.is_empty() {
        a.samples.append(&mut samples);
        a.samples.sort_by_key(|s| s.row);
        a.samples.truncate(SAMPLE_CANDIDATES);
        if a.samples.len() >= SAMPLE_CANDIDATES {
            want_samples.store(false, Ordering::Relaxed);
        }
    }
}

/// Reads all rows, checking them on `threads` workers. Returns the row count.
pub(super) fn read_parallel<R: Read + Send>(
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
