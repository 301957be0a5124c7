//! The parsed form of large rule files, kept on disk between runs. YAML
//! parsing is nearly all the time a large rule set takes to load (100k
//! nodes are 47 MB of YAML), so a rule file of at least [`MIN_BYTES`] that
//! parsed cleanly is stored in the same compact form the build uses for the
//! embedded rules, under a key made of the SHA-256 digest of the file's
//! bytes, posdiag's version and the model's fingerprint, and written
//! atomically (a temporary file renamed into place). The next load of the same bytes decodes it
//! instead; the checker still judges every file on every load.
//!
//! The cache is an optimisation only: off unless the command line turns it
//! on, never an error (a missing, unreadable or damaged entry is parsed from
//! the YAML again), at most [`MAX_ENTRIES`] files. `POSDIAG_CACHE_DIR` moves
//! it; set to the empty string, it turns it off.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest as _, Sha256};

/// Smaller files parse in a few milliseconds; they are not kept.
pub const MIN_BYTES: usize = 256 * 1024;
/// Entries kept; adding one beyond this removes the oldest.
pub const MAX_ENTRIES: usize = 256;

static DIR: OnceLock<PathBuf> = OnceLock::new();

/// Turn the cache on for this process, in `POSDIAG_CACHE_DIR` or the user's
/// cache folder. Library users who do not call this never touch the disk.
pub fn enable() {
    if let Some(dir) = default_dir() {
        let _ = DIR.set(dir);
    }
}

/// `$POSDIAG_CACHE_DIR` (empty: none), else `~/.cache/posdiag/rules`.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os("POSDIAG_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => dirs::cache_dir().map(|d| d.join("posdiag").join("rules")),
    }
}

/// The entry for a file of `kind` holding `bytes`, when the cache is on and
/// the file is large enough to be worth it.
pub fn entry(kind: &str, bytes: &[u8]) -> Option<Entry> {
    let dir = DIR.get()?;
    (bytes.len() >= MIN_BYTES).then(|| Entry::new(dir, kind, bytes))
}

/// Where one file's parsed form is kept.
#[derive(Debug, Clone)]
pub struct Entry {
    path: PathBuf,
    len: u64,
}

impl Entry {
    fn new(dir: &Path, kind: &str, bytes: &[u8]) -> Entry {
        // SHA-256 of everything the parsed form depends on; each part is
        // length-prefixed so no two different inputs share a key.
        let mut h = Sha256::new();
        for part in [
            env!("CARGO_PKG_VERSION").as_bytes(),
            env!("POSDIAG_MODEL_FINGERPRINT").as_bytes(),
            kind.as_bytes(),
            bytes,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let name = format!("{kind}-{digest}.bin");
        Entry { path: dir.join(name), len: bytes.len() as u64 }
    }

    /// The stored model, if there is one and it decodes.
    pub fn load<T: DeserializeOwned>(&self) -> Option<T> {
        // A regular file of bounded size only (never a FIFO or a device).
        let limit = 4 * super::file::MAX_FILE_BYTES;
        let stored = crate::fsio::read_bounded(&self.path, limit).ok()?;
        let (len, model): (u64, T) = postcard::from_bytes(&stored).ok()?;
        (len == self.len).then_some(model)
    }

    /// Keep `model`; failures are ignored (the next load parses again).
    pub fn store<T: Serialize>(&self, model: &T) {
        let Ok(bytes) = postcard::to_allocvec(&(self.len, model)) else { return };
        let Some(dir) = self.path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let written = tempfile::NamedTempFile::new_in(dir).and_then(|mut tmp| {
            tmp.write_all(&bytes)?;
            tmp.persist(&self.path).map_err(|e| e.error)?;
            Ok(())
        });
        if written.is_ok() {
            prune(dir);
        }
    }
}

/// Remove the oldest entries beyond [`MAX_ENTRIES`].
fn prune(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<(std::time::SystemTime, PathBuf)> = read
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if entries.len() <= MAX_ENTRIES {
        return;
    }
    entries.sort();
    for (_, path) in &entries[..entries.len() - MAX_ENTRIES] {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::Entry;
    use std::path::Path;

    fn name(kind: &str, bytes: &[u8]) -> String {
        Entry::new(Path::new("/c"), kind, bytes)
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    #[test]
    fn the_key_is_a_sha256_digest_of_kind_and_bytes() {
        let a = name("tree", b"tree: x\n");
        let digest = a.strip_prefix("tree-").and_then(|s| s.strip_suffix(".bin")).unwrap();
        assert_eq!(digest.len(), 64);
        assert!(digest.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, name("tree", b"tree: x\n"));
        assert_ne!(a, name("tree", b"tree: y\n"));
        // The length prefix keeps a kind and bytes from running together.
        assert_ne!(name("ab", b"c"), name("a", b"bc").replacen("a-", "ab-", 1));
    }
}
