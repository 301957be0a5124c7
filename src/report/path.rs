//! The path of a walk as data: every step, with the question's text, the
//! answer's label (a known code's meaning where one was typed or read), who
//! answered and the fact behind an automatic answer. The diagnosis and the
//! hand-off are both built from it.

use serde::{Deserialize, Serialize};

use super::code::{CodeOut, describe_code};
use crate::engine::{Action, Fact, Source, Walk};
use crate::lang::Lang;
use crate::rules::NodeBody;
use crate::rules::model::InputKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A question was answered.
    Answer,
    /// A question was answered "don't know": every branch stayed open.
    Unknown,
    /// A remedy did not fix the fault.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    pub kind: StepKind,
    pub node: String,
    pub tree: String,
    /// The question, or the conclusion's title for a rejected remedy.
    pub text: String,
    /// The answer value (absent for a rejected remedy).
    pub answer: Option<String>,
    pub label: Option<String>,
    pub source: Option<Source>,
    /// What was typed, or the fact's value.
    pub input: Option<String>,
    /// The fact behind an automatic answer.
    pub fact: Option<Fact>,
    /// The code typed (or read) at a `code` question: its meaning and where
    /// it led.
    pub code: Option<CodeOut>,
}

/// Every step of `walk`, in the chosen language.
pub fn path(walk: &Walk<'_>, lang: Lang) -> Vec<PathStep> {
    let rules = walk.rules();
    walk.steps()
        .iter()
        .map(|step| {
            let node = rules.node(step.node);
            let tree = rules.tree_of(step.node).id.clone();
            match (&step.action, &node.body) {
                (Action::Answer { answer, source, input, fact, jump }, NodeBody::Question(q)) => {
                    let a = &q.answers[*answer];
                    let code = match (&q.input, input) {
                        (Some(i), Some(typed)) if i.kind == InputKind::Code => {
                            describe_code(rules, typed, Some(jump.unwrap_or(a.next)), lang).ok()
                        }
                        _ => None,
                    };
                    // A known code says more than the answer it falls under.
                    let label = match code.as_ref().filter(|c| c.known) {
                        Some(c) => format!(
                            "{}: {}",
                            c.code.as_deref().unwrap_or_default(),
                            c.meaning.as_deref().unwrap_or_default()
                        ),
                        None => a.label.get(lang).to_string(),
                    };
                    PathStep {
                        kind: StepKind::Answer,
                        node: node.id.clone(),
                        tree,
                        text: q.text.get(lang).to_string(),
                        answer: Some(a.value.clone()),
                        label: Some(label),
                        source: Some(*source),
                        input: input.clone(),
                        fact: fact.clone(),
                        code,
                    }
                }
                (Action::Unknown { source }, _) => PathStep {
                    kind: StepKind::Unknown,
                    node: node.id.clone(),
                    tree,
                    text: match &node.body {
                        NodeBody::Question(q) => q.text.get(lang).to_string(),
                        NodeBody::Conclusion(c) => c.title.get(lang).to_string(),
                    },
                    answer: None,
                    label: Some(lang.t("markdown-don-t-know").to_string()),
                    source: Some(*source),
                    input: None,
                    fact: None,
                    code: None,
                },
                // A remedy is only ever rejected at a conclusion, and an
                // answer only given at a question; the other arms are for
                // exhaustiveness and show the node's text.
                (_, body) => PathStep {
                    kind: StepKind::Rejected,
                    node: node.id.clone(),
                    tree,
                    text: match body {
                        NodeBody::Conclusion(c) => c.title.get(lang).to_string(),
                        NodeBody::Question(q) => q.text.get(lang).to_string(),
                    },
                    answer: None,
                    label: None,
                    source: None,
                    input: None,
                    fact: None,
                    code: None,
                },
            }
        })
        .collect()
}
