//! The group-commit writer: every record is one `write(2)` of a whole line
//! on an `O_APPEND` file, and a background thread `fsync`s what was written
//! every [`SYNC_EVERY`] (see the [module documentation](super)).

use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;

use jiff::Timestamp;

use super::format::{self, Record, ReportPath};
use super::replay::{Loaded, ReplayState, load};
use super::{
    Fingerprint, JOURNAL_VERSION, JournalError, JournalHeader, Outcome, RowRef, SYNC_EVERY,
    SkipReason, io_err,
};
use crate::campaign::status::ReportRow;

struct SyncShared {
    state: Mutex<SyncState>,
    wake: Condvar,
    written: AtomicU64,
    /// Set when `state.error` holds an error: appends check it without locking.
    failed: AtomicBool,
}

struct SyncState {
    stop: bool,
    error: Option<io::Error>,
}

/// An open journal. See the module documentation for the format and guarantees.
pub struct Journal {
    path: PathBuf,
    file: File,
    shared: Arc<SyncShared>,
    syncer: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.path).finish()
    }
}

impl Journal {
    /// Opens the journal at `path` for a run with `fingerprint`, creating it if it
    /// does not exist. An existing journal with another fingerprint is an error
    /// ([`JournalError::Changed`]). With `restart`, an existing journal (changed or
    /// not) is moved aside (to `<path>.<start time>`, reported in
    /// `ReplayState::archived`) and a new one is started: everyone is sent to again.
    /// The journal stays locked until the `Journal` is dropped; a second run of the
    /// same campaign gets [`JournalError::Locked`].
    pub fn open_or_create(
        path: &Path,
        fingerprint: &Fingerprint,
        restart: bool,
    ) -> Result<(Journal, ReplayState), JournalError> {
        refuse_symlink(path)?;
        if path.exists() {
            let (journal, loaded) = Journal::open_locked(path)?;
            if let Some(loaded) = loaded {
                let diff = loaded.header.fingerprint.differences(fingerprint);
                if diff.is_empty() && !restart {
                    let mut state = loaded.state;
                    state.fresh = false;
                    return Ok((journal, state));
                }
                // A journal where nothing was ever sent or left in flight (e.g. the
                // confirmation was refused) does not hold a changed input back: it
                // starts over in place, below.
                if restart {
                    drop(journal);
                    let archived = archive(path, loaded.header.started)?;
                    let (journal, mut state) = Journal::create(path, fingerprint)?;
                    state.archived = Some(archived);
                    return Ok((journal, state));
                }
                if loaded.state.done_count() > 0 || loaded.state.unknown_count() > 0 {
                    return Err(JournalError::Changed {
                        path: path.to_path_buf(),
                        changed: diff.join(", "),
                    });
                }
            }
            // No complete header (the file was being created when the process
            // died), or nothing in it was ever sent: start over in place.
            journal.file.set_len(0).map_err(io_err(path))?;
            let started = Timestamp::now();
            journal.write_header(fingerprint, started)?;
            return Ok((journal, ReplayState::new(started)));
        }
        Journal::create(path, fingerprint)
    }

    /// Opens an existing journal for `campaign status`, without checking a
    /// fingerprint and without requiring the lock (a running campaign holds it;
    /// delivery records are whole-line appends and do not interleave with its own).
    pub fn open_existing(
        path: &Path,
    ) -> Result<(Journal, JournalHeader, ReplayState), JournalError> {
        refuse_symlink(path)?;
        let file = journal_options().open(path).map_err(io_err(path))?;
        let locked = try_lock(path, &file)?;
        let loaded = load(path, &file, locked)?;
        let Some(mut loaded) = loaded else {
            return Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            });
        };
        loaded.state.fresh = false;
        let journal = Journal::start(path, file)?;
        Ok((journal, loaded.header, loaded.state))
    }

    /// Opens an existing journal for a round (`campaign retry`, `campaign
    /// cancel`): locked like a run ([`JournalError::Locked`] while a run or
    /// another round holds it), without a fingerprint to compare.
    pub fn open_for_round(
        path: &Path,
    ) -> Result<(Journal, JournalHeader, ReplayState), JournalError> {
        refuse_symlink(path)?;
        let (journal, loaded) = Journal::open_locked(path)?;
        let Some(mut loaded) = loaded else {
            return Err(JournalError::NotAJournal {
                path: path.to_path_buf(),
            });
        };
        loaded.state.fresh = false;
        Ok((journal, loaded.header, loaded.state))
    }

    fn open_locked(path: &Path) -> Result<(Journal, Option<Loaded>), JournalError> {
        let file = journal_options().open(path).map_err(io_err(path))?;
        if !try_lock(path, &file)? {
            return Err(JournalError::Locked {
                path: path.to_path_buf(),
            });
        }
        make_private(path, &file)?;
        let loaded = load(path, &file, true)?;
        let journal = Journal::start(path, file)?;
        Ok((journal, loaded))
    }

    fn create(
        path: &Path,
        fingerprint: &Fingerprint,
    ) -> Result<(Journal, ReplayState), JournalError> {
        let file = journal_options()
            .create_new(true)
            .open(path)
            .map_err(io_err(path))?;
        if !try_lock(path, &file)? {
            return Err(JournalError::Locked {
                path: path.to_path_buf(),
            });
        }
        let journal = Journal::start(path, file)?;
        let started = Timestamp::now();
        journal.write_header(fingerprint, started)?;
        sync_parent_dir(path);
        Ok((journal, ReplayState::new(started)))
    }

    fn start(path: &Path, file: File) -> Result<Journal, JournalError> {
        let sync_file = file.try_clone().map_err(io_err(path))?;
        let shared = Arc::new(SyncShared {
            state: Mutex::new(SyncState {
                stop: false,
                error: None,
            }),
            wake: Condvar::new(),
            written: AtomicU64::new(0),
            failed: AtomicBool::new(false),
        });
        let thread_shared = Arc::clone(&shared);
        let syncer = std::thread::Builder::new()
            .name("journal-fsync".into())
            .spawn(move || sync_loop(&thread_shared, &sync_file))
            .map_err(io_err(path))?;
        Ok(Journal {
            path: path.to_path_buf(),
            file,
            shared,
            syncer: Some(syncer),
        })
    }

    fn write_header(
        &self,
        fingerprint: &Fingerprint,
        started: Timestamp,
    ) -> Result<(), JournalError> {
        let header = JournalHeader {
            v: JOURNAL_VERSION,
            started,
            fingerprint: fingerprint.clone(),
        };
        let mut buf = Vec::with_capacity(512);
        format::write_line(&mut buf, &Record::H(header));
        (&self.file).write_all(&buf).map_err(io_err(&self.path))?;
        self.file.sync_data().map_err(io_err(&self.path))
    }

    fn append(&self, rec: &Record<'_>) -> Result<(), JournalError> {
        if self.shared.failed.load(Ordering::Acquire)
            && let Some(e) = self.shared.state.lock().expect("journal lock").error.take()
        {
            return Err(JournalError::from_io(&self.path, e));
        }
        let mut buf = Vec::with_capacity(160);
        format::write_line(&mut buf, rec);
        // One write of the whole line on an O_APPEND file.
        (&self.file).write_all(&buf).map_err(io_err(&self.path))?;
        self.shared.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Records that a request for `r` is about to be made. Returns only after the
    /// record is in the file; make the request after that.
    pub fn record_intent(&self, r: &RowRef) -> Result<(), JournalError> {
        self.append(&Record::intent(r, Timestamp::now().as_millisecond(), None))
    }

    /// Records that a retry's request for `r` is about to be made; `prev` is
    /// the SID of the message it sends again, if the row had one.
    pub fn record_retry_intent(&self, r: &RowRef, prev: Option<&str>) -> Result<(), JournalError> {
        self.append(&Record::intent(r, Timestamp::now().as_millisecond(), prev))
    }

    /// Records that a request to cancel the message `sid` of `r` is about to
    /// be made (its result is a delivery record: [`Journal::record_delivery`]).
    pub fn record_cancel_intent(&self, r: &RowRef, sid: &str) -> Result<(), JournalError> {
        self.append(&Record::cancel_intent(
            r,
            sid,
            Timestamp::now().as_millisecond(),
        ))
    }

    /// Records what the campaign sends (once, by `campaign run`).
    pub fn record_spec(&self, spec: &super::SendSpec) -> Result<(), JournalError> {
        self.append(&Record::M(spec.clone()))
    }

    /// Records how the request for `r` ended.
    pub fn record_outcome(&self, r: &RowRef, outcome: &Outcome) -> Result<(), JournalError> {
        self.append(&Record::outcome(r, outcome))
    }

    /// Records how an unknown row was settled by asking Twilio (`Sent` with the SID
    /// found, `NotSent` when proven unsent, `Unknown` when it cannot be proven).
    pub fn record_reconciled(&self, r: &RowRef, outcome: &Outcome) -> Result<(), JournalError> {
        self.append(&Record::reconciled(r, outcome))
    }

    /// Records that a row is skipped (invalid or duplicate), with the reason.
    pub fn record_skipped(
        &self,
        r: &RowRef,
        reason: SkipReason,
        message: &str,
    ) -> Result<(), JournalError> {
        self.append(&Record::skipped(r, reason, message))
    }

    /// Records a delivery status (from `campaign status`): the whole merged report
    /// row for `index`.
    pub fn record_delivery(&self, index: u32, row: &ReportRow) -> Result<(), JournalError> {
        self.append(&Record::delivery(index, row))
    }

    /// Notes where the report is written, so `campaign status JOURNAL` finds it.
    pub fn note_report_path(&self, report: &Path) -> Result<(), JournalError> {
        // Absolute, so that `campaign status` run from another directory finds it.
        let report = std::path::absolute(report).unwrap_or_else(|_| report.to_path_buf());
        let report = report.to_string_lossy();
        self.append(&Record::P(ReportPath {
            report: Cow::Borrowed(&report),
        }))
    }

    /// Syncs everything written so far to disk now.
    pub fn flush(&self) -> Result<(), JournalError> {
        if let Some(e) = self.shared.state.lock().expect("journal lock").error.take() {
            return Err(JournalError::from_io(&self.path, e));
        }
        self.file.sync_data().map_err(io_err(&self.path))
    }

    /// Stops the background syncer, syncs, and closes (unlocks) the journal.
    pub fn close(mut self) -> Result<(), JournalError> {
        self.stop_syncer();
        self.flush()
    }

    fn stop_syncer(&mut self) {
        if let Some(handle) = self.syncer.take() {
            self.shared.state.lock().expect("journal lock").stop = true;
            self.shared.wake.notify_one();
            let _ = handle.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.stop_syncer();
        let _ = self.file.sync_data();
    }
}

fn sync_loop(shared: &SyncShared, file: &File) {
    let mut synced = 0u64;
    let mut guard = shared.state.lock().expect("journal lock");
    loop {
        let stop = guard.stop;
        let written = shared.written.load(Ordering::Relaxed);
        if written != synced {
            drop(guard);
            let result = file.sync_data();
            synced = written;
            guard = shared.state.lock().expect("journal lock");
            if let Err(e) = result {
                guard.error.get_or_insert(e);
                shared.failed.store(true, Ordering::Release);
            }
            if guard.stop {
                continue;
            }
        }
        if stop {
            return;
        }
        guard = shared
            .wake
            .wait_timeout(guard, SYNC_EVERY)
            .expect("journal lock")
            .0;
    }
}

/// Takes the exclusive advisory lock if it is free; `Ok(false)` if another
/// process holds it.
fn try_lock(path: &Path, file: &File) -> Result<bool, JournalError> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(std::fs::TryLockError::WouldBlock) => Ok(false),
        Err(std::fs::TryLockError::Error(e)) => Err(io_err(path)(e)),
    }
}

#[cfg(unix)]
fn sync_parent_dir(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_parent_dir(_path: &Path) {}

fn archive(path: &Path, started: Timestamp) -> Result<PathBuf, JournalError> {
    let stamp = started.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut n = 0;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{stamp}"));
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let target = PathBuf::from(name);
        if !target.exists() {
            std::fs::rename(path, &target).map_err(io_err(path))?;
            return Ok(target);
        }
        n += 1;
    }
}

/// Options to open a journal for appending: created 0600 (it holds phone
/// numbers), and never through a symbolic link (`O_NOFOLLOW`: `ELOOP` instead).
fn journal_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o
}

/// Refuses a journal path that is a symbolic link (dangling or not).
fn refuse_symlink(path: &Path) -> Result<(), JournalError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(JournalError::Symlink {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

/// A journal written by an older smsctl may be readable by others: make it 0600.
fn make_private(path: &Path, file: &File) -> Result<(), JournalError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata().map_err(io_err(path))?.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(mode & 0o700))
                .map_err(io_err(path))?;
        }
    }
    let _ = (path, file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    use super::*;
    use crate::campaign::journal::test_support::{fp, rr};

    #[test]
    fn fingerprint_mismatch_and_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        j.record_intent(&rr(0)).unwrap();
        j.record_outcome(&rr(0), &Outcome::sent("SM0")).unwrap();
        drop(j);
        let err = Journal::open_or_create(&path, &fp("changed"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the recipients file or template changed since this campaign started (journal {}; changed: template); run with --restart to start over, or restore the original files",
                path.display()
            )
        );
        let mut other = fp("hi");
        other.recipients = "fnv1a64:0:1".into();
        other.sender = "+15550001".into();
        let err = Journal::open_or_create(&path, &other, false).unwrap_err();
        assert!(
            matches!(&err, JournalError::Changed { changed, .. } if changed == "recipients file, sender"),
            "{err}"
        );

        let (j, st) = Journal::open_or_create(&path, &fp("changed"), true).unwrap();
        assert!(st.fresh);
        assert!(!st.is_done(0));
        let archived = st.archived.clone().unwrap();
        assert!(archived.exists());
        assert!(
            archived
                .to_string_lossy()
                .starts_with(&path.to_string_lossy().to_string())
        );
        let (_, old) = Journal::read(&archived).unwrap();
        assert!(old.is_done(0));
        drop(j);
        // the new journal resumes; restart with the same fingerprint starts over too
        let (j, st) = Journal::open_or_create(&path, &fp("changed"), false).unwrap();
        assert!(!st.fresh);
        drop(j);
        let (_, st) = Journal::open_or_create(&path, &fp("changed"), true).unwrap();
        assert!(st.fresh && st.archived.is_some());
    }

    #[cfg(unix)]
    #[test]
    fn journal_is_private_and_never_written_through_a_symlink() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        drop(j);
        assert_eq!(mode(&path), 0o600);
        // one written by an older smsctl is made private on resume
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(Journal::open_or_create(&path, &fp("hi"), false).unwrap());
        assert_eq!(mode(&path), 0o600);

        let target = dir.path().join("precious");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
        for l in [&link, &dangling] {
            for restart in [false, true] {
                let e = Journal::open_or_create(l, &fp("hi"), restart).unwrap_err();
                assert!(matches!(e, JournalError::Symlink { .. }), "{e}");
            }
            let e = Journal::open_existing(l).unwrap_err();
            assert!(matches!(e, JournalError::Symlink { .. }), "{e}");
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        assert!(!dir.path().join("nothing").exists());
        // O_NOFOLLOW itself (a link swapped in after the check)
        let e = journal_options().open(&link).unwrap_err();
        assert!(matches!(
            JournalError::from_io(&link, e),
            JournalError::Symlink { .. }
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_named_with_the_path_and_what_to_do() {
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open("/dev/full")
            .unwrap();
        let j = Journal::start(Path::new("camp/r.csv.smsctl-journal"), file).unwrap();
        let e = j.record_intent(&rr(0)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no space left on device: camp/r.csv.smsctl-journal; free some space and run the same command again: it resumes without sending anyone twice"
        );
    }

    #[test]
    fn journal_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Journal>();
        assert_send_sync::<ReplayState>();
    }

    #[test]
    fn locked_while_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let err = Journal::open_or_create(&path, &fp("hi"), false).unwrap_err();
        assert!(matches!(err, JournalError::Locked { .. }), "{err}");
        // the status command may still append
        let (s, h, _) = Journal::open_existing(&path).unwrap();
        assert_eq!(h.fingerprint, fp("hi"));
        drop(s);
        drop(j);
        Journal::open_or_create(&path, &fp("hi"), false).unwrap();
    }

    #[test]
    fn concurrent_writers_produce_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let j = Arc::new(j);
        std::thread::scope(|s| {
            for t in 0..4u32 {
                let j = Arc::clone(&j);
                s.spawn(move || {
                    for i in 0..500u32 {
                        let r = rr(t * 1000 + i);
                        j.record_intent(&r).unwrap();
                        j.record_outcome(&r, &Outcome::sent(format!("SM{}", r.row)))
                            .unwrap();
                    }
                });
            }
        });
        Arc::try_unwrap(j).unwrap().close().unwrap();
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.records, 4000);
        assert_eq!(st.done_count(), 2000);
        assert_eq!(st.unknown_count(), 0);
    }

    /// `cargo test --release --lib campaign::journal::writer::tests::bench_journal -- --ignored --nocapture`
    #[test]
    #[ignore = "benchmark: run in --release"]
    fn bench_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (j, _) = Journal::open_or_create(&path, &fp("hi"), false).unwrap();
        let j = Arc::new(j);
        let rows = 1_000_000u32;
        let tasks = 8u32;
        let start = std::time::Instant::now();
        // rows handed out in order from one queue, as the sender does
        let next = std::sync::atomic::AtomicU32::new(0);
        let next = &next;
        std::thread::scope(|s| {
            for _ in 0..tasks {
                let j = Arc::clone(&j);
                s.spawn(move || {
                    loop {
                        let row = next.fetch_add(1, Ordering::Relaxed);
                        if row >= rows {
                            break;
                        }
                        let r = rr(row);
                        j.record_intent(&r).unwrap();
                        j.record_outcome(&r, &Outcome::sent(format!("SM{row:032x}")))
                            .unwrap();
                    }
                });
            }
        });
        Arc::try_unwrap(j).unwrap().close().unwrap();
        let took = start.elapsed();
        let size = std::fs::metadata(&path).unwrap().len();
        eprintln!(
            "journal: {} records from {tasks} threads in {:.2} s = {:.0} records/s ({:.0} MB)",
            2 * rows,
            took.as_secs_f64(),
            f64::from(2 * rows) / took.as_secs_f64(),
            size as f64 / 1e6
        );
        let start = std::time::Instant::now();
        let (_, st) = Journal::read(&path).unwrap();
        assert_eq!(st.done_count(), u64::from(rows));
        eprintln!("replay: {:.2} s", start.elapsed().as_secs_f64());
        let start = std::time::Instant::now();
        let summary =
            crate::campaign::report::rebuild_report(&path, &dir.path().join("r.csv")).unwrap();
        assert_eq!(summary.sent, u64::from(rows));
        eprintln!("report rebuild: {:.2} s", start.elapsed().as_secs_f64());
    }
}
