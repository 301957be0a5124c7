//! How a value picks an answer: typed input checked against a free-text
//! question, a fact's value through the answers' `when` conditions, and a
//! code typed at a `code` question looked up in the code tables.

use crate::codes::Lookup;
use crate::kb::KnowledgeBase;
use crate::rules::model::InputKind;
use crate::rules::{NodeId, Question};

/// Why an answer was refused. Messages name the allowed values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("`{node}` is not a question open in this walk")]
    NotCurrent { node: String },
    #[error("`{value}` is not an answer of `{node}`; allowed: {}", allowed.join(", "))]
    UnknownValue { node: String, value: String, allowed: Vec<String> },
    #[error("`{value}` is not valid for `{node}`: {reason}")]
    BadInput { node: String, value: String, reason: InputProblem },
}

/// What is wrong with a typed value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputProblem {
    #[error("a value is required")]
    Empty,
    #[error("a number is required")]
    NotANumber,
    /// The question's pattern, as written in the rules.
    #[error("it must match `{0}`")]
    Pattern(String),
    #[error(transparent)]
    Code(crate::codes::CodeError),
    #[error("no answer of this question accepts it")]
    NoAnswer,
    /// A batch line's answer that is a list or an object.
    #[error("an answer is a single text, number or boolean")]
    NotSingle,
}

/// The error for a value that is no answer of `q`, naming the allowed ones.
pub fn unknown_value(
    rules: &KnowledgeBase,
    node: NodeId,
    q: &Question,
    value: &str,
) -> AnswerError {
    let value = crate::mask::mask_pans(value);
    let mut allowed: Vec<String> = q.values().into_iter().map(String::from).collect();
    allowed.push("unknown".into());
    AnswerError::UnknownValue {
        node: rules.node(node).id.clone(),
        value: value.to_string(),
        allowed,
    }
}

/// Check typed input against a free-text question and pick its answer.
pub fn select_input(
    rules: &KnowledgeBase,
    node: NodeId,
    q: &Question,
    raw: &str,
) -> Result<usize, AnswerError> {
    let value = raw.trim();
    let bad = |reason: InputProblem| AnswerError::BadInput {
        node: rules.node(node).id.clone(),
        value: value.to_string(),
        reason,
    };
    let Some(input) = &q.input else { return Err(unknown_value(rules, node, q, value)) };
    if value.is_empty() {
        return Err(bad(InputProblem::Empty));
    }
    if input.kind == InputKind::Number && value.parse::<f64>().is_err() {
        return Err(bad(InputProblem::NotANumber));
    }
    if let Some(p) = &input.pattern
        && !p.is_match(value)
    {
        return Err(bad(InputProblem::Pattern(p.source().to_string())));
    }
    if input.kind == InputKind::Code {
        return match rules.codes().lookup(value) {
            Err(e) => Err(bad(InputProblem::Code(e))),
            Ok(found) => {
                select_code(q, rules, &found, value).ok_or_else(|| bad(InputProblem::NoAnswer))
            }
        };
    }
    q.select(value).map(|(i, _)| i).ok_or_else(|| bad(InputProblem::NoAnswer))
}

/// The answer a fact's value selects; at a `code` question the value is
/// looked up like typed input.
pub fn select_fact(rules: &KnowledgeBase, q: &Question, value: &str) -> Option<usize> {
    if is_code(q)
        && let Ok(found) = rules.codes().lookup(value)
    {
        return select_code(q, rules, &found, value);
    }
    q.select(value).map(|(i, _)| i)
}

fn is_code(q: &Question) -> bool {
    q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code)
}

/// The answer recorded for a code: the first whose `when` accepts the code
/// as its table writes it (so `5` counts as `05`), else for a known code the
/// question's default (its node decides where the walk goes anyway). An
/// unknown code takes the answer whose `when` accepts it as typed.
fn select_code(
    q: &Question,
    rules: &KnowledgeBase,
    found: &Lookup<'_>,
    typed: &str,
) -> Option<usize> {
    match found {
        Lookup::Known(k) => {
            Some(q.select(&rules.codes().display(k.entry)).map_or(q.default, |(i, _)| i))
        }
        Lookup::Unknown { .. } => q.select(typed).map(|(i, _)| i),
    }
}

/// Where a `code` question sends the walk for `value`: the node of a code
/// the tables know; `None` otherwise (the selected answer's `next` then).
pub fn code_jump(rules: &KnowledgeBase, q: &Question, value: &str) -> Option<NodeId> {
    if !is_code(q) {
        return None;
    }
    match rules.codes().lookup(value) {
        Ok(Lookup::Known(k)) => Some(k.entry.node),
        _ => None,
    }
}
