//! A file as the loaders see it: its display name and its bytes, read from
//! a folder or a path under a size limit, or embedded in the binary (see
//! [`super::embedded`]). Rule trees, code tables, cases, simulator fixtures
//! and answer files are all read through here, so each is refused the same
//! way when it is missing, too large, or not a regular file.
//!
//! Tree files sit directly in a rule folder; code tables in its `codes/`
//! subfolder, read apart so neither is mistaken for the other.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Largest rule or case file read, against runaway inputs.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Largest answers file read (`--answers`): far more answers than any
/// walk asks for.
pub const MAX_ANSWERS_BYTES: u64 = 4 * 1024 * 1024;

/// One file as read: its display name and its raw bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Shown in problems: `rules/power.yaml` for embedded files, the path as
    /// given for files from a folder.
    pub name: String,
    /// Borrowed from the binary for embedded files.
    pub bytes: Cow<'static, [u8]>,
    /// The file pre-parsed at build time, for embedded files only.
    pub(crate) model: Option<Preparsed>,
}

/// A file's model as `build.rs` stored it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Preparsed {
    /// `rules` (a tree) or `codes` (a code table).
    pub kind: &'static str,
    /// The model in postcard form.
    pub bytes: &'static [u8],
}

impl SourceFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> SourceFile {
        SourceFile { name: name.into(), bytes: Cow::Owned(bytes.into()), model: None }
    }
}

/// A failure to list or read a folder.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot read folder `{}`: {source}", path.display())]
    Folder { path: PathBuf, source: std::io::Error },
    #[error("cannot read `{}`: {source}", path.display())]
    File { path: PathBuf, source: std::io::Error },
    #[error("`{}` is {size} bytes, more than the limit of {limit}", path.display())]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("folder `{}` holds no .yaml or .json files", path.display())]
    Empty { path: PathBuf },
}

/// Every `*.yaml`, `*.yml` or `*.json` file directly in `dir`, sorted by
/// name.
pub fn read_folder(dir: &Path) -> Result<Vec<SourceFile>, SourceError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|source| SourceError::Folder { path: dir.to_path_buf(), source })?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| SourceError::Folder { path: dir.to_path_buf(), source })?;
        let path = entry.path();
        if path.is_file() && (is_yaml(&path) || is_json(&path)) {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(SourceError::Empty { path: dir.to_path_buf() });
    }
    paths.sort();
    paths.iter().map(|p| read_file(p)).collect()
}

/// The code tables of a rule folder: every `*.yaml`, `*.yml` or `*.json` file in
/// `dir/codes`, sorted by name; none when there is no such folder.
pub fn read_codes(dir: &Path) -> Result<Vec<SourceFile>, SourceError> {
    let codes = dir.join("codes");
    if !codes.is_dir() {
        return Ok(Vec::new());
    }
    match read_folder(&codes) {
        Err(SourceError::Empty { .. }) => Ok(Vec::new()),
        other => other,
    }
}

/// One file, refusing files over [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<SourceFile, SourceError> {
    read_file_limited(path, MAX_FILE_BYTES)
}

/// One regular file of at most `limit` bytes: a FIFO or a device is
/// refused before a byte is read (see [`crate::fsio::open_regular`]), and
/// a file growing past the limit while read is refused too.
pub fn read_file_limited(path: &Path, limit: u64) -> Result<SourceFile, SourceError> {
    use std::io::Read as _;
    let file_err = |source| SourceError::File { path: path.into(), source };
    let file = crate::fsio::open_regular(path).map_err(file_err)?;
    let size = file.metadata().map_err(file_err)?.len();
    if size > limit {
        return Err(SourceError::TooLarge { path: path.into(), size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(file_err)?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge { path: path.into(), size: bytes.len() as u64, limit });
    }
    Ok(SourceFile::new(path.display().to_string(), bytes))
}

pub(super) fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
}

pub(super) fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}
