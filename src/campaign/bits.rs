//! Compact per-row bookkeeping: a growable bit set, a row → line map, and a stable
//! content hash. Nothing here stores a string per row.

use std::io::{self, Read};

/// A growable set of row indexes, one bit per row (125 KiB per million rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
    count: u64,
}

impl BitSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `i`; returns true if it was not there before.
    pub fn insert(&mut self, i: u32) -> bool {
        let (w, b) = ((i / 64) as usize, i % 64);
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        let mask = 1u64 << b;
        let was = self.words[w] & mask != 0;
        self.words[w] |= mask;
        if !was {
            self.count += 1;
        }
        !was
    }

    /// Removes `i`; returns true if it was there.
    pub fn remove(&mut self, i: u32) -> bool {
        let (w, b) = ((i / 64) as usize, i % 64);
        let Some(word) = self.words.get_mut(w) else {
            return false;
        };
        let mask = 1u64 << b;
        let was = *word & mask != 0;
        *word &= !mask;
        if was {
            self.count -= 1;
        }
        was
    }

    pub fn contains(&self, i: u32) -> bool {
        let (w, b) = ((i / 64) as usize, i % 64);
        self.words
            .get(w)
            .is_some_and(|word| word & (1u64 << b) != 0)
    }

    /// Number of members.
    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let b = word.trailing_zeros();
                word &= word - 1;
                Some(w as u32 * 64 + b)
            })
        })
    }

    /// Heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }
}

/// Maps a data row index to its 1-based line in the CSV file. Lines are usually
/// `first_line + row`; only rows where that offset changes (a quoted field spanning
/// lines, blank lines skipped by the reader) are stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    /// (row, line - row) at every change of the offset, rows increasing.
    breaks: Vec<(u32, u64)>,
}

impl LineMap {
    /// Records that `row` starts on `line`. Rows must be pushed in increasing order.
    pub fn push(&mut self, row: u32, line: u64) {
        let offset = line.saturating_sub(u64::from(row));
        if self.breaks.last().is_none_or(|&(_, o)| o != offset) {
            self.breaks.push((row, offset));
        }
    }

    /// The line of `row` (meaningful only for rows that were pushed, or that follow
    /// the last pushed row without a change of offset).
    pub fn line(&self, row: u32) -> u64 {
        let i = self.breaks.partition_point(|&(r, _)| r <= row);
        let offset = if i == 0 { 0 } else { self.breaks[i - 1].1 };
        u64::from(row) + offset
    }
}

/// FNV-1a, 64-bit: stable across builds and platforms (unlike `DefaultHasher`), so
/// a journal written by one build of smsctl is recognised by the next.
#[derive(Debug, Clone, Copy)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    pub fn finish(&self) -> u64 {
        self.0
    }

    /// Hash of `bytes` in one call.
    pub fn hash(bytes: &[u8]) -> u64 {
        let mut h = Self::new();
        h.update(bytes);
        h.finish()
    }
}

/// A reader that hashes (and counts) every byte that passes through it, so the
/// pre-flight check fingerprints the recipients file in the same single pass.
#[derive(Debug)]
pub struct HashingReader<R> {
    inner: R,
    hasher: StableHasher,
    len: u64,
}

impl<R> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: StableHasher::new(),
            len: 0,
        }
    }

    /// (hash, length) of everything read so far.
    pub fn digest(&self) -> (u64, u64) {
        (self.hasher.finish(), self.len)
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitset_basics() {
        let mut s = BitSet::new();
        assert!(s.insert(3));
        assert!(!s.insert(3));
        assert!(s.insert(200));
        assert!(s.insert(64));
        assert!(s.contains(200) && s.contains(3) && !s.contains(4) && !s.contains(10_000));
        assert_eq!(s.len(), 3);
        assert_eq!(s.iter().collect::<Vec<_>>(), [3, 64, 200]);
        assert!(s.remove(64));
        assert!(!s.remove(64));
        assert!(!s.remove(1_000_000));
        assert_eq!(s.iter().collect::<Vec<_>>(), [3, 200]);
    }

    #[test]
    fn line_map() {
        let mut m = LineMap::default();
        // header on line 1; rows 0..3 on lines 2..4; row 3 starts on line 7
        for (row, line) in [(0, 2), (1, 3), (2, 4), (3, 7), (4, 8)] {
            m.push(row, line);
        }
        assert_eq!(m.breaks.len(), 2);
        assert_eq!(
            (0..5).map(|r| m.line(r)).collect::<Vec<_>>(),
            [2, 3, 4, 7, 8]
        );
    }

    #[test]
    fn stable_hash() {
        // FNV-1a test vectors
        assert_eq!(StableHasher::hash(b""), 0xcbf29ce484222325);
        assert_eq!(StableHasher::hash(b"a"), 0xaf63dc4c8601ec8c);
        let mut r = HashingReader::new(&b"hello world"[..]);
        let mut buf = [0u8; 4];
        while r.read(&mut buf).unwrap() > 0 {}
        assert_eq!(r.digest(), (StableHasher::hash(b"hello world"), 11));
    }
}
