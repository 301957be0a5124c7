//! Files in and out. Writing: a temporary file beside the target, flushed to
//! disk, then renamed over, so a crash or Ctrl-C never leaves half of one;
//! its bytes pass the card-number masker first ([`crate::mask`]).
//! Reading: only regular files (a FIFO or a device such as `/dev/zero` is
//! refused before a byte is read, and opening never blocks), and never more
//! than a limit given by the caller, however the file grows meanwhile.

use std::io::{Read as _, Write as _};
use std::path::Path;

/// Write `bytes` to `path` atomically, card numbers masked, creating its
/// folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let bytes = crate::mask::mask_bytes(bytes);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// What a path is, in words, when it is not a regular file.
fn not_regular(file_type: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    (!file_type.is_file()).then_some("not a regular file")
}

/// Open `path` for reading if it is a regular file: without blocking on a
/// FIFO, and checked on the opened file itself (no race with a swap).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if let Some(what) = not_regular(file.metadata()?.file_type()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {what}; posdiag reads only regular files"),
        ));
    }
    Ok(file)
}

/// The whole of the regular file `path`, refused past `limit` bytes (an
/// error of kind `FileTooLarge` that says the limit).
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// The last `limit` bytes at most of the regular file `path`, from the
/// start of a line (what comes before is dropped whole).
pub fn read_tail(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Seek as _, SeekFrom};
    let mut file = open_regular(path)?;
    let size = file.metadata()?.len();
    let from = size.saturating_sub(limit);
    file.seek(SeekFrom::Start(from))?;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes)?;
    if from > 0 {
        // Started inside a line: drop it up to its end.
        let cut = bytes.iter().position(|&b| b == b'\n').map_or(bytes.len(), |k| k + 1);
        bytes.drain(..cut);
    }
    Ok(bytes)
}

fn too_large(size: u64, limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("it is {size} bytes or more, more than the limit of {limit}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let e = read_bounded(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        assert!(read_bounded(dir.path(), 10).unwrap_err().to_string().contains("a folder"));
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_bounded(&fifo, 10).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_bounded(&path, 10).unwrap(), b"0123456789");
        let e = read_bounded(&path, 9).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("limit of 9"), "{e}");
    }

    #[test]
    fn a_tail_starts_at_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"one\ntwo\nthree\n").unwrap();
        assert_eq!(read_tail(&path, 100).unwrap(), b"one\ntwo\nthree\n");
        assert_eq!(read_tail(&path, 8).unwrap(), b"three\n");
    }

    #[test]
    fn written_files_are_masked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        write_atomic(&path, "pan 4111 1111 1111 1111\n".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "pan 411111******1111\n");
    }
}
