//! Rule files and code tables written as JSON (`*.json`), the second input
//! format: for rule sets a program writes, where serde_json reads about ten times faster
//! than YAML is parsed. The model is the same as YAML's, field for field.
//!
//! A JSON file is first read without places ([`parse_fast`]); syntax and
//! type errors still carry serde_json's line and column. When the checker
//! finds a problem in a set with JSON files, they are read again with
//! places ([`parse_placed`]): a JSON text is also a YAML text, so the YAML
//! parser gives every value its line and column, and problems point at
//! `file:line:column` as they do for YAML. A clean load never pays for it.

use serde::de::DeserializeOwned;

use posdiag_model::spanned::without_places;

use super::file::SourceFile;
use super::problem::{Place, Problem};
use super::yaml::{classify, text_of};

/// Whether a file is read as JSON: its name ends in `.json`.
pub fn is_json(name: &str) -> bool {
    name.ends_with(".json")
}

/// Read a JSON file without places (every place is 0).
pub fn parse_fast<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    let text = text_of(file)?;
    without_places(|| serde_json::from_str::<T>(text)).map_err(|e| problem(&file.name, text, &e))
}

/// Read a JSON file with every value's place. serde_json judges the text
/// (so what is not JSON stays refused); the YAML parser then reads it for
/// the places, and should it refuse what serde_json took, the values are
/// kept without places.
pub fn parse_placed<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    let fast = parse_fast::<T>(file)?;
    let text = text_of(file)?;
    Ok(serde_saphyr::from_str_with_options::<T>(text, posdiag_model::yaml_options())
        .unwrap_or(fast))
}

/// A serde_json error as a problem at its line and column (in characters),
/// with the node it sits in.
fn problem(name: &str, text: &str, err: &serde_json::Error) -> Problem {
    let line = err.line();
    let start = line_start(text, line);
    // serde_json counts the column in bytes; problems count characters.
    let end = (start + err.column()).min(text.len());
    let column = if line == 0 { 0 } else { text.get(start..end).map_or(0, |s| s.chars().count()) };
    let rendered = err.to_string();
    let message = match rendered.rfind(" at line ") {
        Some(i) => &rendered[..i],
        None => rendered.as_str(),
    };
    let (kind, message, hint) = classify(message);
    let mut p =
        Problem::new(kind, Place::new(name, line as u64, column as u64), message).maybe_hint(hint);
    if let Some(node) = enclosing_node(&text[..end]) {
        p = p.node(node);
    }
    p
}

/// Byte offset of 1-based line `line`.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
}

/// The id of the last node that opens before `before` ends: the nearest
/// `"id": "…"` after `"nodes"`.
fn enclosing_node(before: &str) -> Option<String> {
    let nodes = before.find("\"nodes\"")?;
    let at = before[nodes..].rfind("\"id\"")? + nodes + 4;
    let rest = before[at..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let id = &rest[..rest.find('"')?];
    (!id.is_empty()).then(|| id.to_string())
}
