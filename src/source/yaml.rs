//! YAML files of the project (rule trees, code tables, cases, fixtures,
//! answer files) parsed under the same limits ([`super::yaml_options`]) and with
//! the same error shape: a file that does not parse yields one [`Problem`]
//! with its `file:line:column`, its kind and, when the error sits inside a
//! node, that node's id.

use serde::de::DeserializeOwned;

use super::file::SourceFile;
use super::problem::{Place, Problem, ProblemKind};

/// Parse any YAML document of the project (rules, cases, answer files) with
/// the same limits and the same error shape.
pub fn parse_yaml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    let text = text_of(file)?;
    serde_saphyr::from_str_with_options::<T>(text, posdiag_model::yaml_options())
        .map_err(|e| yaml_problem(&file.name, text, &e))
}

/// The file as text, or a problem at the first byte that is not UTF-8.
pub fn text_of(file: &SourceFile) -> Result<&str, Problem> {
    std::str::from_utf8(&file.bytes).map_err(|e| {
        let (line, column) = line_col_of(&file.bytes, e.valid_up_to());
        Problem::new(
            ProblemKind::Read,
            Place::new(&file.name, line, column),
            "file is not valid UTF-8 text",
        )
        .hint("save the file as UTF-8")
    })
}

/// Turn a serde-saphyr error into a problem with place, node and kind.
fn yaml_problem(name: &str, text: &str, err: &serde_saphyr::Error) -> Problem {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let rendered = err.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let message = strip_location(&rendered);
    let (kind, message, hint) = classify(&message);
    let mut problem = Problem::new(kind, Place::new(name, line, column), message).maybe_hint(hint);
    if let Some(node) = enclosing_node(text, line) {
        problem = problem.node(node);
    }
    problem
}

/// serde-saphyr appends " at line N, column M"; the place is shown apart.
fn strip_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.rfind(" at line ") {
        Some(i) if first[i..].contains(", column ") => first[..i].to_string(),
        _ => first.to_string(),
    }
}

pub(super) fn classify(message: &str) -> (ProblemKind, String, Option<String>) {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            ProblemKind::DuplicateKey,
            format!("duplicate key `{key}`"),
            Some("each key may appear once in a mapping; remove one".into()),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return (
            ProblemKind::DuplicateKey,
            format!("duplicate key {rest}"),
            Some("each key may appear once in a mapping; remove one".into()),
        );
    }
    if message.starts_with("unknown field") {
        return (ProblemKind::UnknownField, message.to_string(), None);
    }
    if message.starts_with("missing field") {
        return (ProblemKind::MissingField, message.to_string(), None);
    }
    if message.contains("budget") || message.contains("limit") {
        return (
            ProblemKind::Yaml,
            budget_message(message),
            Some(
                "the file exceeds posdiag's YAML limits (nesting, size or alias expansion)".into(),
            ),
        );
    }
    (ProblemKind::Yaml, message.to_string(), None)
}

/// serde-saphyr names a breached budget as `budget breached: MaxDepth {
/// depth: 65 }`; say it in words.
fn budget_message(message: &str) -> String {
    let Some(rest) = message.split("budget breached: ").nth(1) else {
        return message.to_string();
    };
    let name = rest.split([' ', '{']).next().unwrap_or(rest);
    let mut words = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    let count = rest
        .split_once(": ")
        .map(|(_, n)| n.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|n| !n.is_empty());
    match count {
        Some(n) => format!("YAML limit exceeded: {words} ({n})"),
        None => format!("YAML limit exceeded: {words}"),
    }
}

/// The id of the node whose text contains `line`: the nearest `id:` at or
/// above it. Good enough for block-style rule files, which is what we write.
fn enclosing_node(text: &str, line: u64) -> Option<String> {
    let line = usize::try_from(line).ok()?;
    let lines: Vec<&str> = text.lines().take(line).collect();
    for l in lines.iter().rev() {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = t.strip_prefix("id:") {
            let id = rest.trim().trim_matches(|c| c == '"' || c == '\'');
            if !id.is_empty() {
                return Some(id.to_string());
            }
        }
        if l.starts_with("nodes:") {
            break;
        }
    }
    None
}

/// 1-based line and column of byte `offset`.
fn line_col_of(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line as u64, col as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8() {
        let bytes = b"a: 1\nb: x\xff\n".to_vec();
        let p = parse_yaml::<serde_json::Value>(&SourceFile::new("t.yaml", bytes)).unwrap_err();
        assert_eq!(p.kind, ProblemKind::Read);
        assert_eq!((p.place.line, p.place.column), (2, 5));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            y.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        let file = SourceFile::new("bomb.yaml", y);
        let p = parse_yaml::<std::collections::BTreeMap<String, serde_json::Value>>(&file)
            .expect_err("an alias bomb must be refused");
        assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
        assert!(p.message.starts_with("YAML limit exceeded: "), "{p}");
        assert!(p.hint.is_some(), "{p}");
    }
}
