//! Answers given ahead of the walk: an `--answers` file (a YAML mapping of
//! node id to value) and `--answer NODE=VALUE`. All of them are checked
//! against the rules before the walk starts, so a typo is an error naming
//! the allowed values, not a silent detour.

use std::collections::BTreeMap;

use super::select::select_input;
use super::walk::Source;
use crate::kb::KnowledgeBase;
use crate::rules::NodeBody;
use crate::source::did_you_mean;

/// Values a conclusion takes in an answer file.
pub const FIXED: &str = "fixed";
pub const NOT_FIXED: &str = "not_fixed";
/// "Don't know" in an answer file.
pub const UNKNOWN: &str = "unknown";

/// A value of an answers file or batch line as answer text: numbers
/// (`triage.code: 51`) and booleans are taken as text; lists and maps are
/// not answers.
pub fn answer_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A given answer and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub value: String,
    pub source: Source,
}

/// Answers by node id. Later ones (the command line) override earlier ones
/// (the file).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    by_node: BTreeMap<String, Given>,
}

/// An answer that does not fit the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GivenError {
    #[error("answer for unknown node `{node}`{}", hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default())]
    UnknownNode { node: String, hint: Option<String> },
    #[error("`{value}` is not an answer of `{node}`; allowed: {}", allowed.join(", "))]
    BadValue { node: String, value: String, allowed: Vec<String> },
    #[error("`{value}` is not valid for `{node}`: {reason}")]
    BadInput { node: String, value: String, reason: super::select::InputProblem },
    #[error("`{arg}` is not of the form NODE=VALUE")]
    Syntax { arg: String },
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn insert(&mut self, node: impl Into<String>, value: impl Into<String>, source: Source) {
        let value = crate::mask::mask_pans(&value.into()).into_owned();
        self.by_node.insert(node.into(), Given { value, source });
    }

    /// Parse `NODE=VALUE`.
    pub fn insert_arg(&mut self, arg: &str, source: Source) -> Result<(), GivenError> {
        let (node, value) = arg
            .split_once('=')
            .filter(|(n, v)| !n.trim().is_empty() && !v.trim().is_empty())
            .ok_or_else(|| GivenError::Syntax { arg: crate::mask::mask_pans(arg).into_owned() })?;
        self.insert(node.trim(), value.trim(), source);
        Ok(())
    }

    pub fn get(&self, node: &str) -> Option<&Given> {
        self.by_node.get(node)
    }

    pub fn len(&self) -> usize {
        self.by_node.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_node.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Given)> {
        self.by_node.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Check every answer against the rules; all errors, in node order.
    pub fn validate(&self, rules: &KnowledgeBase) -> Vec<GivenError> {
        let mut errors = Vec::new();
        for (node, given) in &self.by_node {
            let Some(id) = rules.find(node) else {
                // "Did you mean" for the first few only: thousands of
                // unknown ids are no typos, and each costs a pass over all.
                let hint = if errors.len() < 10 { did_you_mean(node, rules.ids()) } else { None };
                errors.push(GivenError::UnknownNode { node: node.clone(), hint });
                continue;
            };
            let value = given.value.as_str();
            match &rules.node(id).body {
                NodeBody::Question(q) => {
                    if value == UNKNOWN || q.answer(value).is_some() {
                        continue;
                    }
                    if q.input.is_some() {
                        if let Err(e) = select_input(rules, id, q, value) {
                            errors.push(GivenError::BadInput {
                                node: node.clone(),
                                value: value.to_string(),
                                reason: match e {
                                    super::walk::AnswerError::BadInput { reason, .. } => reason,
                                    _ => super::select::InputProblem::NoAnswer,
                                },
                            });
                        }
                        continue;
                    }
                    let mut allowed: Vec<String> =
                        q.values().into_iter().map(String::from).collect();
                    allowed.push(UNKNOWN.into());
                    errors.push(GivenError::BadValue {
                        node: node.clone(),
                        value: value.to_string(),
                        allowed,
                    });
                }
                NodeBody::Conclusion(_) => {
                    if value != FIXED && value != NOT_FIXED {
                        errors.push(GivenError::BadValue {
                            node: node.clone(),
                            value: value.to_string(),
                            allowed: vec![FIXED.into(), NOT_FIXED.into()],
                        });
                    }
                }
            }
        }
        errors
    }
}
