//! Private files written the one way the invariants ask (ARCHITECTURE.md):
//! a 0700 directory, 0600 files, an exclusive lock file beside the data, and
//! atomic replacement (temp file in the same directory, fsync, rename, fsync
//! the directory), so a reader sees the old or the new file, never half of one,
//! and a symbolic link at the path is replaced, never followed. Used by
//! `profiles.toml` ([`crate::profile`]) and the opt-out lists ([`crate::optouts`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An I/O error and the path it happened on.
pub type PathError = (PathBuf, io::Error);

/// Creates `dir` (and its parents) 0700 if it does not exist.
pub fn ensure_private_dir(dir: &Path) -> Result<(), PathError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| (dir.to_path_buf(), e))
}

/// Opens (creating it 0600) the lock file at `path` and takes an exclusive
/// lock on it, waiting for it; the lock is held until the file is dropped.
pub fn lock_exclusive(path: &Path) -> Result<fs::File, PathError> {
    let err = |e| (path.to_path_buf(), e);
    let lock = open_private(path).map_err(err)?;
    lock.lock().map_err(err)?;
    Ok(lock)
}

/// The text of `path`, or `None` when there is no such file (a config file that
/// was never written reads as empty).
pub fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens `path` for reading and writing, created 0600 if missing, never truncated.
pub fn open_private(path: &Path) -> io::Result<fs::File> {
    let mut o = fs::OpenOptions::new();
    o.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Replaces `path` (in `dir`) with `bytes`: a 0600 temp file named
/// `PREFIX…​.tmp` in `dir`, synced, renamed over `path`, the directory synced.
pub fn write_atomic(dir: &Path, path: &Path, prefix: &str, bytes: &[u8]) -> Result<(), PathError> {
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| (dir.to_path_buf(), e))?;
    let tmp_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| (p, e)
    };
    set_private(tmp.as_file()).map_err(tmp_err(tmp.path()))?;
    tmp.write_all(bytes).map_err(tmp_err(tmp.path()))?;
    tmp.as_file().sync_all().map_err(tmp_err(tmp.path()))?;
    tmp.persist(path)
        .map_err(|e| (path.to_path_buf(), e.error))?;
    // Make the rename itself durable.
    sync_dir(dir);
    Ok(())
}

/// fsyncs a directory (best effort), making a rename or a new entry in it durable.
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

fn set_private(_f: &fs::File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        _f.set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
