//! The recipients CSV: header normalisation and a streaming reader.
//!
//! The file is read with the `csv` crate in `flexible` mode (rows with the wrong
//! number of fields are reported by the check, not rejected by the parser), one
//! reused [`csv::ByteRecord`] at a time, through a [`HashingReader`] so the same
//! pass fingerprints the content.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::bits::HashingReader;

/// The phone column when `--to-column` is not given.
pub const DEFAULT_TO_COLUMN: &str = "recipient";

/// Characters that spreadsheets and copy-paste leave in header cells.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
    )
}

/// A header cell as shown to the user: BOM and zero-width characters removed,
/// trimmed, case kept (invalid UTF-8 replaced).
pub fn clean_header(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let cleaned: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    cleaned.trim().to_string()
}

/// A header cell (or a `--to-column` value, or a keyword) as matched: cleaned as by
/// [`clean_header`], then lowercased.
pub fn normalize_header(raw: &[u8]) -> String {
    clean_header(raw).to_lowercase()
}

/// The header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Cleaned names as written (for messages).
    names: Vec<String>,
    /// Normalised names (for matching).
    keys: Vec<String>,
}

impl Columns {
    pub fn from_record(header: &csv::ByteRecord) -> Columns {
        Columns {
            names: header.iter().map(clean_header).collect(),
            keys: header.iter().map(normalize_header).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Cleaned names as written in the file.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Indexes of the columns whose normalised name equals that of `name`.
    pub fn positions(&self, name: &str) -> Vec<usize> {
        let key = normalize_header(name.as_bytes());
        self.keys
            .iter()
            .enumerate()
            .filter(|(_, k)| **k == key)
            .map(|(i, _)| i)
            .collect()
    }

    /// The first column matching `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        let key = normalize_header(name.as_bytes());
        self.keys.iter().position(|k| *k == key)
    }

    /// `name, phone, code` for messages (`""` for an empty header cell).
    pub fn list(&self) -> String {
        self.names
            .iter()
            .map(|n| if n.is_empty() { "\"\"" } else { n.as_str() })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Errors reading the recipients file (not problems in its content: those are in
/// the check report).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{path}: {source}", path = .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}:{line}: {message}", path = .path.display())]
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error(
        "{path} changed after it was checked; run the command again to check the new content",
        path = .path.display()
    )]
    Changed { path: PathBuf },
    #[error(
        "{path} changed while the campaign was running: the rows from line {line} on are not the ones that were checked, and none of them was sent; put back the file that was checked and run the same command to resume (or run with --restart to start over with the new file, which sends to everyone again)",
        path = .path.display()
    )]
    ChangedAt { path: PathBuf, line: u64 },
}

/// A csv crate error as either the I/O error under it, or the line (0 when
/// unknown) and a description of what is wrong there.
pub(crate) fn split_csv_error(e: csv::Error) -> Result<(u64, String), io::Error> {
    let line = e.position().map_or(0, |p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Err(source),
        other => Ok((line, format!("{other:?}"))),
    }
}

pub(crate) fn csv_error(path: &Path, e: csv::Error) -> CheckError {
    let path = path.to_path_buf();
    match split_csv_error(e) {
        Err(source) => CheckError::Io { path, source },
        Ok((line, message)) => CheckError::Csv {
            path,
            line,
            message,
        },
    }
}

/// What the csv reader reads: the file's bytes, hashed as they are, then with CR LF
/// and lone CR turned into LF. (The csv crate counts lines by LF and, with CR LF,
/// consumes the LF only when it reads the next record, which would make every line
/// number one short.)
struct Source<R> {
    inner: HashingReader<R>,
    after_cr: bool,
    /// Bytes handed out.
    total: u64,
    eof: bool,
    last: Option<u8>,
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                self.eof = true;
                return Ok(0);
            }
            let mut j = 0;
            for i in 0..n {
                let b = buf[i];
                if b == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                buf[j] = if b == b'\r' { b'\n' } else { b };
                j += 1;
            }
            if j > 0 {
                self.total += j as u64;
                self.last = Some(buf[j - 1]);
                return Ok(j);
            }
        }
    }
}

/// A streaming reader of the recipients file: the header, then one record at a
/// time into a caller-owned (reused) [`csv::ByteRecord`].
pub struct RecipientsReader<R: Read = File> {
    path: PathBuf,
    reader: csv::Reader<Source<R>>,
    columns: Option<Columns>,
    header_line: u64,
    next_row: u32,
    size_hint: Option<u64>,
}

impl RecipientsReader<File> {
    pub fn open(path: &Path) -> Result<Self, CheckError> {
        let file = File::open(path).map_err(|source| CheckError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let size = file.metadata().ok().map(|m| m.len());
        let mut reader = RecipientsReader::from_reader(path, file)?;
        reader.size_hint = size;
        Ok(reader)
    }
}

impl<R: Read> RecipientsReader<R> {
    /// `path` is used in messages only.
    pub fn from_reader(path: &Path, inner: R) -> Result<Self, CheckError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(256 * 1024)
            .from_reader(Source {
                inner: HashingReader::new(inner),
                after_cr: false,
                total: 0,
                eof: false,
                last: None,
            });
        let mut header = csv::ByteRecord::new();
        let found = reader
            .read_byte_record(&mut header)
            .map_err(|e| csv_error(path, e))?;
        let (columns, header_line) = if found {
            let line = record_line(&reader, &header);
            (Some(Columns::from_record(&header)), line)
        } else {
            (None, 1)
        };
        Ok(RecipientsReader {
            path: path.to_path_buf(),
            reader,
            columns,
            header_line,
            next_row: 0,
            size_hint: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header, or `None` for an empty file.
    pub fn columns(&self) -> Option<&Columns> {
        self.columns.as_ref()
    }

    /// The line of the header row.
    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    /// Reads the next data record into `record`; returns its row index (0-based)
    /// and line, or `None` at the end of the file.
    pub fn read(&mut self, record: &mut csv::ByteRecord) -> Result<Option<(u32, u64)>, CheckError> {
        if !self
            .reader
            .read_byte_record(record)
            .map_err(|e| csv_error(&self.path, e))?
        {
            return Ok(None);
        }
        let line = record_line(&self.reader, record);
        let row = self.next_row;
        self.next_row = row.checked_add(1).ok_or_else(|| CheckError::Csv {
            path: self.path.clone(),
            line,
            message: "more than 4,294,967,295 rows".into(),
        })?;
        Ok(Some((row, line)))
    }

    /// The file's size, when known.
    pub fn size_hint(&self) -> Option<u64> {
        self.size_hint
    }

    /// Bytes parsed so far (after line-ending normalisation).
    pub fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }

    /// Rows read so far.
    pub fn rows(&self) -> u32 {
        self.next_row
    }

    /// (hash, length) of the bytes read so far: of the whole file once `read` has
    /// returned `None`.
    pub fn digest(&self) -> (u64, u64) {
        self.reader.get_ref().inner.digest()
    }
}

/// The 1-based line where `record`, just read, starts: the line after it, less the
/// line breaks inside its (quoted) fields, less its own line break. Blank lines
/// before a record, which the csv crate skips, are thus not counted as its start.
fn record_line<R: Read>(reader: &csv::Reader<Source<R>>, record: &csv::ByteRecord) -> u64 {
    let pos = reader.position();
    let src = reader.get_ref();
    let inside = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
    let unterminated = src.eof && pos.byte() == src.total && src.last != Some(b'\n');
    pos.line()
        .saturating_sub(inside + u64::from(!unterminated))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_normalisation() {
        assert_eq!(normalize_header(b"\xef\xbb\xbfRecipient"), "recipient");
        assert_eq!(normalize_header(" Phone\u{200b} ".as_bytes()), "phone");
        assert_eq!(
            normalize_header("\u{2060}First_Name\u{200d}\u{200c}\u{feff}".as_bytes()),
            "first_name"
        );
        assert_eq!(normalize_header(b"\tNAME\r"), "name");
        assert_eq!(
            clean_header(" First Name\u{200b} ".as_bytes()),
            "First Name"
        );
    }

    #[test]
    fn reader_headers_rows_and_lines() {
        let data =
            "\u{feff} Recipient ,\u{200b}NAME\n+6591234567,\"Ann\nLee\"\n\n+6591234568,Bob\n";
        let mut r = RecipientsReader::from_reader(Path::new("r.csv"), data.as_bytes()).unwrap();
        let cols = r.columns().unwrap().clone();
        assert_eq!(cols.names(), ["Recipient", "NAME"]);
        assert_eq!(cols.find("recipient"), Some(0));
        assert_eq!(cols.find(" Name "), Some(1));
        assert_eq!(cols.find("phone"), None);
        assert_eq!(cols.list(), "Recipient, NAME");
        let mut rec = csv::ByteRecord::new();
        assert_eq!(r.read(&mut rec).unwrap(), Some((0, 2)));
        assert_eq!(&rec[1], b"Ann\nLee");
        assert_eq!(r.read(&mut rec).unwrap(), Some((1, 5)));
        assert_eq!(r.read(&mut rec).unwrap(), None);
        assert_eq!(r.digest().1, data.len() as u64);
        assert_eq!(r.header_line(), 1);
        assert_eq!(
            r.digest().0,
            crate::campaign::bits::StableHasher::hash(data.as_bytes())
        );
    }

    fn lines(data: &str) -> Vec<(u64, String)> {
        let mut r = RecipientsReader::from_reader(Path::new("r.csv"), data.as_bytes()).unwrap();
        let mut out = vec![(r.header_line(), "header".to_string())];
        let mut rec = csv::ByteRecord::new();
        while let Some((_, line)) = r.read(&mut rec).unwrap() {
            out.push((line, String::from_utf8_lossy(rec.as_slice()).into_owned()));
        }
        out
    }

    #[test]
    fn line_numbers_with_any_line_ending() {
        let expect = |v: &[(u64, &str)]| {
            v.iter()
                .map(|(l, s)| (*l, s.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines("h\na\nb\n"),
            expect(&[(1, "header"), (2, "a"), (3, "b")])
        );
        assert_eq!(
            lines("h\r\na\r\nb\r\n"),
            expect(&[(1, "header"), (2, "a"), (3, "b")])
        );
        assert_eq!(
            lines("h\ra\rb"),
            expect(&[(1, "header"), (2, "a"), (3, "b")])
        );
        assert_eq!(
            lines("h\n\n\na\nb"),
            expect(&[(1, "header"), (4, "a"), (5, "b")])
        );
        assert_eq!(
            lines("\r\nh\r\n\r\na\r\n\"x\r\ny\"\r\n\r\nz"),
            expect(&[(2, "header"), (4, "a"), (5, "x\ny"), (8, "z")])
        );
        assert_eq!(
            lines("h\n\"q\nq\"\n\nz\n\n"),
            expect(&[(1, "header"), (2, "q\nq"), (5, "z")])
        );
    }

    #[test]
    fn empty_file() {
        let r = RecipientsReader::from_reader(Path::new("r.csv"), &b""[..]).unwrap();
        assert!(r.columns().is_none());
    }
}
