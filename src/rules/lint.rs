//! The scaffold every checker of the knowledge base shares: problems
//! collected in one list, places taken from spanned values, and the naming
//! rules of ids, values and keys. The rule checker (`validate`) and the code
//! table checker (`crate::codes`) both build on it, so a place or a naming
//! rule means the same in either.

use super::model::Text;
use crate::lang::Localized;
use crate::source::Spanned;
use crate::source::{Place, Problem, ProblemKind};

/// The place of a spanned value in `file`.
pub(crate) fn place<T>(file: &str, s: &Spanned<T>) -> Place {
    Place::new(file, u64::from(s.line), u64::from(s.column))
}

/// Lowercase letters, digits and `_`, at least one.
pub(crate) fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `tree.name`: two or more dot-separated words.
pub(crate) fn is_node_id(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        if !is_word(part) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

pub(crate) fn is_screaming_snake(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

pub(crate) fn to_screaming_snake(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect()
}

/// Problems found so far.
#[derive(Debug, Default)]
pub(crate) struct Lint {
    pub problems: Vec<Problem>,
}

impl Lint {
    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// How many problems there are; a step that adds none succeeded.
    pub fn count(&self) -> usize {
        self.problems.len()
    }

    /// Judge a text in both languages and, when both are there, take it.
    /// `field` is only formatted when there is a problem to tell.
    pub fn text(
        &mut self,
        file: &str,
        node: Option<&str>,
        field: impl std::fmt::Display,
        t: Spanned<Text>,
    ) -> Option<Localized> {
        let at = || place(file, &t);
        let mut complete = true;
        for (lang, value) in [("zh", &t.value.zh), ("en", &t.value.en)] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                let mut p = Problem::new(
                    ProblemKind::MissingText,
                    at(),
                    format!("`{field}` has no `{lang}` text"),
                )
                .hint("every text needs both `zh` and `en`");
                if let Some(n) = node {
                    p = p.node(n);
                }
                self.push(p);
                complete = false;
            }
        }
        let Text { zh, en } = t.value;
        match (zh, en) {
            (Some(zh), Some(en)) if complete => Some(Localized::new(zh, en)),
            _ => None,
        }
    }

    /// A required field of node `id` is absent.
    pub fn missing(&mut self, at: &Place, id: &str, field: &str, hint: &str) {
        self.push(
            Problem::new(ProblemKind::MissingField, at.clone(), format!("missing `{field}`"))
                .node(id)
                .hint(hint),
        );
    }

    /// Fields written on a node of the other kind.
    pub fn misplaced(&mut self, id: &str, kind: &str, fields: &[(&str, Option<Place>)]) {
        for (field, at) in fields {
            if let Some(at) = at {
                self.push(
                    Problem::new(
                        ProblemKind::MisplacedField,
                        at.clone(),
                        format!("`{field}` does not belong on a {kind}"),
                    )
                    .node(id),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naming_rules() {
        assert!(is_word("a_1") && !is_word("") && !is_word("A"));
        assert!(is_node_id("t.a") && is_node_id("t.a.b"));
        assert!(!is_node_id("t") && !is_node_id("t..a") && !is_node_id("T.a"));
        assert!(is_screaming_snake("A_1") && !is_screaming_snake("_A") && !is_screaming_snake(""));
        assert_eq!(to_screaming_snake("printer-out"), "PRINTER_OUT");
    }

    #[test]
    fn a_text_is_taken_only_when_both_languages_are_there() {
        let mut lint = Lint::default();
        let text = |zh: Option<&str>, en: Option<&str>| Spanned {
            value: Text { zh: zh.map(String::from), en: en.map(String::from) },
            line: 3,
            column: 5,
        };
        assert!(lint.text("f", None, "title", text(Some("好"), Some("good"))).is_some());
        assert_eq!(lint.count(), 0);
        assert!(lint.text("f", Some("t.a"), "title", text(Some(" "), None)).is_none());
        assert_eq!(lint.count(), 2);
        assert_eq!(lint.problems[0].message, "`title` has no `zh` text");
        assert_eq!(lint.problems[1].place.to_string(), "f:3:5");
    }
}
