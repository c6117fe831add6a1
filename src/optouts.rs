//! Opt-out lists: the numbers never to text, one list per Account SID, in
//! `optouts/AC….toml` in the config dir.
//!
//! ```toml
//! [numbers."+6591234567"]
//! added = 2026-12-01T09:00:00Z
//! source = "21610 from campaign recipients.csv"
//! ```
//!
//! Written like `profiles.toml` ([`crate::private_file`]): every change takes
//! the exclusive lock `optouts/.AC….lock`, re-reads the file, changes it and
//! replaces it atomically (0600, in a 0700 directory), so concurrent runs
//! (twenty `optouts add`, a campaign adding its 21610s) lose nothing. Reads
//! take no lock. A file that does not parse is reported and never overwritten;
//! keys this version does not know are kept.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::phone::{self, E164, Region};
use crate::private_file::{self, PathError};

/// The directory of the lists, inside the config dir.
pub const DIR_NAME: &str = "optouts";
/// Twilio's error code for a recipient who replied STOP.
pub const OPTED_OUT_CODE: u32 = 21610;

/// Where a number came from (the `source` of its entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `optouts add`.
    Manual,
    /// `optouts import`.
    Import,
    /// Twilio answered 21610 to `send`.
    Send,
    /// Twilio answered 21610 in the campaign over this recipients file.
    Campaign(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Manual => f.write_str("manual"),
            Source::Import => f.write_str("import"),
            Source::Send => write!(f, "{OPTED_OUT_CODE} from send"),
            Source::Campaign(file) => write!(f, "{OPTED_OUT_CODE} from campaign {file}"),
        }
    }
}

/// One listed number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was added.
    pub added: jiff::Timestamp,
    /// `manual`, `import`, `21610 from send`, `21610 from campaign FILE`.
    pub source: String,
    /// Keys this version does not know: kept on every rewrite.
    #[serde(flatten)]
    pub extra: toml::Table,
}

/// One account's list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OptOutList {
    /// E.164 number → entry, in number order.
    #[serde(default)]
    pub numbers: BTreeMap<String, Entry>,
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl OptOutList {
    pub fn contains(&self, number: &E164) -> bool {
        self.numbers.contains_key(number.as_str())
    }

    /// Adds `number` unless it is listed already (the first entry, its date
    /// and source, is kept). True if it was added.
    pub fn add(&mut self, number: &E164, source: &Source, now: jiff::Timestamp) -> bool {
        if self.contains(number) {
            return false;
        }
        self.numbers.insert(
            number.as_str().to_string(),
            Entry {
                added: now,
                source: source.to_string(),
                extra: toml::Table::new(),
            },
        );
        true
    }

    /// True if `number` was listed.
    pub fn remove(&mut self, number: &E164) -> bool {
        self.numbers.remove(number.as_str()).is_some()
    }

    /// The listed numbers as [`E164::as_u64`] keys, for the campaign check.
    pub fn keys(&self) -> HashSet<u64> {
        self.numbers
            .keys()
            .filter_map(|n| parse_listed(n).ok())
            .map(|n| n.as_u64())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// A number as the file holds it (E.164; the sandbox's test numbers too).
fn parse_listed(n: &str) -> Result<E164, phone::PhoneError> {
    phone::parse_number_accepting(n, None, smsctl_sandbox::TEST_NUMBERS)
}

#[derive(Debug, thiserror::Error)]
pub enum OptOutError {
    #[error("{path}:{line}:{column}: cannot read the opt-out list: {message}", path = .path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}", path = .path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: {source}", path = .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// `send` to a listed number.
    #[error(
        "{number} is on the opt-out list of {account_sid} (added {added}, {how}); nothing was sent. If they opted in again, remove it with `{remove}`"
    )]
    Listed {
        number: String,
        account_sid: String,
        added: String,
        /// The entry's source.
        how: String,
        /// The command that removes it.
        remove: String,
    },
    /// Rows of an import that are not numbers (nothing was written).
    #[error("{}", .problems.join("\n"))]
    BadRows { problems: Vec<String> },
}

fn path_err((path, source): PathError) -> OptOutError {
    OptOutError::Io { path, source }
}

/// The opt-out list of one account.
#[derive(Debug, Clone)]
pub struct OptOutStore {
    dir: PathBuf,
    path: PathBuf,
    lock: PathBuf,
    account_sid: String,
}

impl OptOutStore {
    /// The list of `account_sid` (an `AC…` SID, already checked) in `config_dir`.
    pub fn new(config_dir: &Path, account_sid: &str) -> Self {
        let dir = config_dir.join(DIR_NAME);
        // A checked SID is letters and digits; anything else cannot name a file.
        let name: String = account_sid
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        OptOutStore {
            path: dir.join(format!("{name}.toml")),
            lock: dir.join(format!(".{name}.lock")),
            dir,
            account_sid: account_sid.to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn account_sid(&self) -> &str {
        &self.account_sid
    }

    /// The current list; a missing file is an empty list.
    pub fn load(&self) -> Result<OptOutList, OptOutError> {
        let text = match private_file::read_if_exists(&self.path) {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(OptOutList::default()),
            Err(source) => {
                return Err(OptOutError::Io {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let list: OptOutList = toml::from_str(&text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
            OptOutError::Parse {
                path: self.path.clone(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        for n in list.numbers.keys() {
            parse_listed(n).map_err(|e| OptOutError::Invalid {
                path: self.path.clone(),
                message: format!("{n:?}: {e}"),
            })?;
        }
        Ok(list)
    }

    /// Changes the list under the exclusive lock: re-read, apply `f`, write
    /// atomically if anything changed.
    pub fn update<R>(&self, f: impl FnOnce(&mut OptOutList) -> R) -> Result<R, OptOutError> {
        private_file::ensure_private_dir(&self.dir).map_err(path_err)?;
        let _lock = private_file::lock_exclusive(&self.lock).map_err(path_err)?;
        let before = self.load()?;
        let mut list = before.clone();
        let out = f(&mut list);
        if list != before {
            let mut text = format!(
                "# smsctl opt-out list of {}: numbers never to text.\n",
                self.account_sid
            );
            text.push_str(&toml::to_string_pretty(&list).expect("opt-outs serialize"));
            private_file::write_atomic(&self.dir, &self.path, ".optouts.", text.as_bytes())
                .map_err(path_err)?;
        }
        Ok(out)
    }

    /// Adds the numbers not listed yet; returns how many were added.
    pub fn add(&self, numbers: &[E164], source: &Source) -> Result<usize, OptOutError> {
        // Whole seconds: the file is read by people too.
        let now = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second())
            .expect("now is a valid timestamp");
        self.update(|l| numbers.iter().filter(|n| l.add(n, source, now)).count())
    }

    /// Removes the numbers; returns, for each, whether it was listed.
    pub fn remove(&self, numbers: &[E164]) -> Result<Vec<bool>, OptOutError> {
        self.update(|l| numbers.iter().map(|n| l.remove(n)).collect())
    }

    /// `Err(Listed)` if `number` is on the list (what `send` checks); the
    /// error names the command that removes it (with `--sandbox` for the
    /// sandbox's list).
    pub fn refuse_listed(&self, number: &E164, sandbox: bool) -> Result<(), OptOutError> {
        let list = self.load()?;
        match list.numbers.get(number.as_str()) {
            None => Ok(()),
            Some(e) => Err(OptOutError::Listed {
                number: number.to_string(),
                account_sid: self.account_sid.clone(),
                added: e.added.strftime("%Y-%m-%d").to_string(),
                how: e.source.clone(),
                remove: format!(
                    "smsctl optouts rm {}{number}",
                    if sandbox { "--sandbox " } else { "" }
                ),
            }),
        }
    }
}

/// Reads the numbers of a CSV file's `column` (matched like a campaign's
/// `--to-column`), parsed like campaign numbers. Bad rows come back as
/// `file:line: …` problems; empty rows are passed over.
pub fn read_csv_numbers(
    path: &Path,
    column: &str,
    region: Option<Region>,
    extra_numbers: &[&str],
) -> Result<(Vec<E164>, Vec<String>), OptOutError> {
    let io = |source| OptOutError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io)?;
    let name = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(std::io::BufReader::new(file));
    let mut records = reader.byte_records();
    let bad = |message: String| OptOutError::BadRows {
        problems: vec![message],
    };
    let header = match records.next() {
        None => {
            return Err(bad(format!(
                "{name}:1: the file is empty; the first line must be a header row such as {column}"
            )));
        }
        Some(r) => r.map_err(|e| bad(format!("{name}: {e}")))?,
    };
    let want = crate::campaign::normalize_header(column.as_bytes());
    let cols: Vec<String> = header
        .iter()
        .map(crate::campaign::normalize_header)
        .collect();
    let Some(col) = cols.iter().position(|c| *c == want) else {
        return Err(bad(format!(
            "{name}:1: no column \"{column}\"; columns are: {} — pass --to-column NAME",
            cols.join(", ")
        )));
    };
    let (mut numbers, mut problems) = (Vec::new(), Vec::new());
    for rec in records {
        let rec = rec.map_err(|e| bad(format!("{name}: {e}")))?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            continue;
        }
        let cell = String::from_utf8_lossy(rec.get(col).unwrap_or_default());
        match phone::parse_number_accepting(&cell, region, extra_numbers) {
            Ok(n) => numbers.push(n),
            Err(e) => problems.push(format!("{name}:{line}: {e}")),
        }
    }
    Ok((numbers, problems))
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_the_first_entry_and_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let ac = format!("AC{}", "a".repeat(32));
        let store = OptOutStore::new(dir.path(), &ac);
        let n: E164 = "+6591234567".parse().unwrap();
        assert_eq!(
            store
                .add(std::slice::from_ref(&n), &Source::Manual)
                .unwrap(),
            1
        );
        assert_eq!(
            store.add(std::slice::from_ref(&n), &Source::Send).unwrap(),
            0
        );
        let text = fs::read_to_string(store.path()).unwrap();
        fs::write(store.path(), format!("note = \"x\"\n{text}")).unwrap();
        let list = store.load().unwrap();
        assert_eq!(list.numbers[n.as_str()].source, "manual");
        assert!(list.keys().contains(&n.as_u64()));
        assert_eq!(store.remove(std::slice::from_ref(&n)).unwrap(), [true]);
        let text = fs::read_to_string(store.path()).unwrap();
        assert!(text.contains("note = \"x\""), "{text}");
        assert!(!store.load().unwrap().contains(&n));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let m = fs::metadata(store.path()).unwrap().permissions().mode();
            assert_eq!(m & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let store = OptOutStore::new(dir.path(), "AC1");
        fs::create_dir_all(dir.path().join(DIR_NAME)).unwrap();
        fs::write(store.path(), "[numbers.\n").unwrap();
        let n: E164 = "+6591234567".parse().unwrap();
        let e = store.add(&[n], &Source::Manual).unwrap_err().to_string();
        assert!(e.contains("AC1.toml:1:"), "{e}");
        assert_eq!(fs::read_to_string(store.path()).unwrap(), "[numbers.\n");
    }
}
