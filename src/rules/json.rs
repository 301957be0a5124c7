//! Rule files written as JSON (`*.json`), the second input format: for rule
//! sets a program writes, where serde_json reads about ten times faster
//! than YAML is parsed. The model is the same as YAML's, field for field.
//!
//! A JSON file is first read without places ([`parse_fast`]); syntax and
//! type errors still carry serde_json's line and column. When the checker
//! finds a problem in a set with JSON files, they are read again with
//! places ([`parse_placed`]): a JSON text is also a YAML text, so the YAML
//! parser gives every value its line and column, and problems point at
//! `file:line:column` as they do for YAML. A clean load never pays for it.

use serde::de::DeserializeOwned;

use super::load::{classify, text_of};
use super::problem::{Place, Problem};
use super::source::SourceFile;
use super::spanned::without_places;

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
    Ok(serde_saphyr::from_str_with_options::<T>(text, super::limits::yaml_options())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::model::RuleFile;
    use crate::rules::{ProblemKind, SourceFile, load, synth};

    const HEAD: &str = "{\"tree\": \"t\", \"entry\": \"t.a\", \"nodes\": [\n";

    fn fast(text: &str) -> Result<RuleFile, Problem> {
        parse_fast(&SourceFile::new("t.json", text))
    }

    #[test]
    fn errors_have_line_column_and_node() {
        let p = fast(&format!("{HEAD}{{\"id\": \"t.a\", \"kind\": \"question\", \"nxt\": 1}}]}}"))
            .unwrap_err();
        assert_eq!(p.kind, ProblemKind::UnknownField, "{p}");
        assert_eq!((p.place.line, p.place.column), (2, 39), "{p}");
        assert_eq!(p.node.as_deref(), Some("t.a"), "{p}");
        let p = fast(&format!("{HEAD}{{\"id\": \"t.a\", \"kind\": \"question\", \"kind\": 1}}]}}"))
            .unwrap_err();
        assert_eq!(p.kind, ProblemKind::DuplicateKey, "{p}");
        assert_eq!(p.message, "duplicate key `kind`", "{p}");
        let p = fast("{\"tree\": \"树\", \"entry\": [}").unwrap_err();
        assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
        // serde_json says byte 25; that is character 23.
        assert_eq!((p.place.line, p.place.column), (1, 23), "{p}");
        let p =
            parse_fast::<RuleFile>(&SourceFile::new("t.json", b"{\"tree\": \"\xff\"}".to_vec()))
                .unwrap_err();
        assert_eq!(p.kind, ProblemKind::Read, "{p}");
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        for field in ["tree", "nodes", "robustness"] {
            let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
            let text = format!("{{\"{field}\": {deep}}}");
            let p = fast(&text).unwrap_err();
            assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
            assert_eq!(p.place.line, 1, "{p}");
            assert!(parse_placed::<RuleFile>(&SourceFile::new("t.json", text)).is_err());
        }
    }

    #[test]
    fn what_json_refuses_stays_refused() {
        // YAML would take the comment; JSON does not.
        let text = "{\"tree\": \"t\", \"nodes\": []} # note\n";
        assert!(parse_placed::<RuleFile>(&SourceFile::new("t.json", text)).is_err());
    }

    /// The generated set loads the same from JSON as from YAML.
    #[test]
    fn json_and_yaml_give_the_same_rules() {
        let as_files = |files: Vec<(String, String)>| -> Vec<SourceFile> {
            files.into_iter().map(|(n, t)| SourceFile::new(n, t)).collect()
        };
        let yaml = load(&as_files(synth::generate(300)), &[]);
        let json = load(&as_files(synth::generate_json(300)), &[]);
        assert!(json.problems.is_empty(), "{:?}", json.problems);
        let (yaml, json) = (yaml.rules.expect("yaml"), json.rules.expect("json"));
        assert_eq!(yaml.len(), json.len());
        for ((_, a), (_, b)) in yaml.nodes().zip(json.nodes()) {
            assert_eq!(a.id, b.id);
            assert_eq!(format!("{:?}", a.body), format!("{:?}", b.body));
        }
    }

    /// A problem in a JSON file points at its value, line and column.
    #[test]
    fn problems_in_json_have_places() {
        let mut files = synth::generate_json(30);
        let (name, text) = &mut files[0];
        let at = text.find("\"next\":\"t00000.n2\"").expect("an edge") + 7;
        text.replace_range(at..at + 11, "\"t00000.nx\"");
        let line = text[..at].matches('\n').count() as u64 + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count() as u64 + 1;
        let name = name.clone();
        let files: Vec<SourceFile> =
            files.into_iter().map(|(n, t)| SourceFile::new(n, t)).collect();
        let loaded = load(&files, &[]);
        let p = loaded.problems.iter().find(|p| p.kind == ProblemKind::UnknownNode);
        let p = p.unwrap_or_else(|| panic!("{:?}", loaded.problems));
        assert_eq!(p.place, Place::new(name, line, column), "{p}");
        assert!(loaded.problems.iter().all(|p| p.place.line > 0), "{:?}", loaded.problems);
    }
}
