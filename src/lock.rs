//! One interactive session per state directory at a time: a lock file
//! (`session.lock` beside `session.json`) created exclusively, holding the
//! pid of the process that walks. A second interactive run is told another
//! is running, with its pid; a lock left by a process that is gone (a
//! crash, a power cut) is taken over. A state directory where no lock can
//! be made (read-only, full, not a folder) does not stop the walk: it goes
//! on unsaved, with a warning, as the session itself does.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The lock this process holds, if any (taking it again is a no-op).
static HELD: Mutex<Option<PathBuf>> = Mutex::new(None);
/// A lock that could not be made, already warned about.
static UNMADE: Mutex<Option<PathBuf>> = Mutex::new(None);

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another posdiag session is running in `{}` (pid {pid}); finish it first, or, if \
         that process is gone, remove `{}`",
        dir.display(),
        lock.display()
    )]
    Busy { pid: u32, dir: PathBuf, lock: PathBuf },
}

/// The held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct SessionLock {
    path: Option<PathBuf>,
}

impl SessionLock {
    /// Where the lock file is, when one is held by this guard.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            release(&path);
        }
    }
}

/// The lock file of the session saved at `session`.
pub fn lock_path(session: &Path) -> PathBuf {
    session.with_file_name("session.lock")
}

/// Remove the lock file at `path` if this process holds it.
pub fn release(path: &Path) {
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    if held.as_deref() == Some(path) {
        let _ = std::fs::remove_file(path);
        *held = None;
    }
}

/// The lock file this process holds, if any (for a signal handler).
pub fn held() -> Option<PathBuf> {
    HELD.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// Take the lock of the session saved at `session`. `Err` when another
/// living process holds it; a lock that cannot be made is a warning on
/// stderr and a guard that holds nothing.
pub fn lock(session: &Path) -> Result<SessionLock, LockError> {
    let path = lock_path(session);
    let unmade = || UNMADE.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if held().as_deref() == Some(path.as_path()) || unmade().as_deref() == Some(path.as_path()) {
        return Ok(SessionLock { path: None });
    }
    for _ in 0..3 {
        match create(&path) {
            Ok(()) => {
                *HELD.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.clone());
                return Ok(SessionLock { path: Some(path) });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                match owner(&path) {
                    Some(pid) if alive(pid) => {
                        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
                        return Err(LockError::Busy { pid, dir, lock: path });
                    }
                    // Its process is gone, or the file is not a lock
                    // (empty: its writer died before writing): take over.
                    _ => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
            Err(e) => {
                *UNMADE.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.clone());
                let lang = crate::output::lang();
                crate::output::warn(&lang.t_args(
                    "warning-lock",
                    &[
                        ("path", path.display().to_string().into()),
                        ("reason", e.to_string().into()),
                    ],
                ));
                return Ok(SessionLock { path: None });
            }
        }
    }
    Ok(SessionLock { path: None })
}

fn create(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    let written = writeln!(file, "{}", std::process::id()).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

/// The pid in a lock file (a few bytes at most are read).
fn owner(path: &Path) -> Option<u32> {
    let bytes = crate::fsio::read_bounded(path, 32).ok()?;
    std::str::from_utf8(&bytes).ok()?.trim().parse().ok().filter(|&p| p > 0)
}

/// Whether process `pid` exists.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_lock_is_refused_with_its_pid_and_a_dead_one_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("session.json");
        // pid 1 is always alive.
        std::fs::write(lock_path(&session), "1\n").unwrap();
        let e = lock(&session).unwrap_err();
        assert!(e.to_string().contains("pid 1"), "{e}");
        // A pid past the largest possible one is no process.
        std::fs::write(lock_path(&session), "2147483646\n").unwrap();
        let guard = lock(&session).unwrap();
        assert_eq!(guard.path(), Some(lock_path(&session).as_path()));
        let pid: u32 =
            std::fs::read_to_string(lock_path(&session)).unwrap().trim().parse().unwrap();
        assert_eq!(pid, std::process::id());
        // Taking it again in the same process is fine.
        assert!(lock(&session).unwrap().path().is_none());
        drop(guard);
        assert!(!lock_path(&session).exists());
    }
}
