//! `--report FILE`: the transcript as Markdown (`.md`) or JSON (`.json`),
//! chosen by the file's extension, written atomically.

use std::path::{Path, PathBuf};

use super::diagnosis::Diagnosis;
use super::markdown::render_markdown;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("report `{}` must end in .md or .json", path.display())]
    Extension { path: PathBuf },
    #[error("cannot write report `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Check the extension before any work is done, so a typo fails early.
pub fn check_report_path(path: &Path) -> Result<(), ReportError> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("md" | "markdown" | "json") => Ok(()),
        _ => Err(ReportError::Extension { path: path.to_path_buf() }),
    }
}

pub fn write_report(path: &Path, d: &Diagnosis) -> Result<(), ReportError> {
    let text = render_report(path, d)?;
    crate::fsio::write_atomic(path, text.as_bytes())
        .map_err(|source| ReportError::Write { path: path.to_path_buf(), source })
}

/// The report's text for `path`: JSON or Markdown by its extension.
pub fn render_report(path: &Path, d: &Diagnosis) -> Result<String, ReportError> {
    check_report_path(path)?;
    let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    Ok(if is_json {
        serde_json::to_string_pretty(d).unwrap_or_default() + "\n"
    } else {
        render_markdown(d)
    })
}
