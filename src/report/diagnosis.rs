//! The result of a diagnosis as data: what `--format json` prints (a
//! versioned contract, see the README) and what the text renderer and
//! reports read. Built from a walk; texts are in the chosen language.

use serde::{Deserialize, Serialize};

use super::code::CodeOut;
use super::handoff::{Handoff, handoff, needs_handoff};
use super::path::{PathStep, path};
use crate::engine::{Fact, Outcome, Ranked, Walk, expected_minutes, is_weighted};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::rules::model::{Actor, InputKind, Outcome as RuleOutcome};
use crate::rules::{NodeBody, NodeId};

/// Version of the JSON shape; bumped on any incompatible change.
pub const DIAGNOSIS_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A conclusion was reached (exit 0).
    Concluded,
    /// The graph ended without a conclusion: escalate (exit 1).
    NoConclusion,
    /// The next question has no answer (exit 3).
    NeedsInput,
}

impl Status {
    /// The exit code a diagnosis with this status ends with.
    pub fn exit(&self) -> crate::exit::Exit {
        use crate::exit::Exit;
        match self {
            Status::Concluded => Exit::Ok,
            Status::NoConclusion => Exit::NoConclusion,
            Status::NeedsInput => Exit::NeedsInput,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub version: u32,
    pub status: Status,
    pub lang: Lang,
    /// The node the walk started at.
    pub start: String,
    pub conclusion: Option<ConclusionOut>,
    /// Every step taken, in order.
    pub path: Vec<PathStep>,
    /// The question waiting for an answer, when `status` is `needs_input`.
    pub pending: Option<Pending>,
    /// Keys of conclusions whose remedies did not fix it.
    pub rejected: Vec<String>,
    /// Whether some answer on the path was assumed ("don't know").
    pub assumed: bool,
    /// Facts known to the walk, with their evidence.
    pub facts: Vec<Fact>,
    /// What to hand the provider or bank when the fault goes further (no
    /// remedy left, or a conclusion that escalates), composed from the walk.
    pub handoff: Option<Handoff>,
    /// The code the walk started from (`posdiag code`), else `null`.
    pub code: Option<CodeOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConclusionOut {
    pub key: String,
    pub node: String,
    pub tree: String,
    pub title: String,
    pub remedy: Vec<String>,
    pub actor: Actor,
    pub outcome: RuleOutcome,
    pub escalate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub node: String,
    pub tree: String,
    pub text: String,
    pub why: Option<String>,
    pub choices: Vec<Choice>,
    /// Set when the question takes free text.
    pub input: Option<PendingInput>,
    /// The answers in the order to check them (probability over cost), when
    /// the rules weight them; empty otherwise.
    pub order: Vec<Ranked>,
    /// Expected minutes to find the fault checking in that order.
    pub expected_minutes: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInput {
    #[serde(rename = "type")]
    pub kind: String,
    pub pattern: Option<String>,
    pub hint: Option<String>,
}

impl Diagnosis {
    /// Describe a walk and how it ended.
    pub fn from_walk(walk: &Walk<'_>, outcome: Outcome, facts: &[Fact], lang: Lang) -> Diagnosis {
        let rules = walk.rules();
        let path = path(walk, lang);
        let rejected: Vec<String> = walk
            .rejected()
            .into_iter()
            .filter_map(|id| rules.conclusion(id).map(|c| c.key.clone()))
            .collect();
        let (status, conclusion, pending) = match outcome {
            Outcome::Concluded(id) => (Status::Concluded, Some(conclusion(rules, id, lang)), None),
            Outcome::NeedsInput(id) => {
                let mut p = pending(rules, id, lang);
                let order = walk.ordering().rank(rules, id);
                if rules.question(id).is_some_and(is_weighted) || order.iter().any(|r| r.found) {
                    p.expected_minutes = expected_minutes(&order);
                    p.order = order;
                }
                (Status::NeedsInput, None, Some(p))
            }
            Outcome::Exhausted => (Status::NoConclusion, None, None),
        };
        let concluded = match outcome {
            Outcome::Concluded(id) => Some(id),
            _ => None,
        };
        let handoff = (status != Status::NeedsInput && needs_handoff(rules, concluded))
            .then(|| handoff(walk, &path, concluded, lang));
        Diagnosis {
            version: DIAGNOSIS_VERSION,
            status,
            lang,
            start: rules.node(walk.start()).id.clone(),
            conclusion,
            path,
            pending,
            rejected,
            assumed: walk.has_assumptions(),
            facts: facts.to_vec(),
            handoff,
            code: None,
        }
    }

    /// The same, started from a code (`posdiag code`).
    #[must_use]
    pub fn with_code(mut self, code: Option<CodeOut>) -> Diagnosis {
        self.code = code;
        self
    }
}

/// A conclusion in the chosen language.
pub fn conclusion(rules: &KnowledgeBase, id: NodeId, lang: Lang) -> ConclusionOut {
    let node = rules.node(id);
    let tree = rules.tree_of(id).id.clone();
    match &node.body {
        NodeBody::Conclusion(c) => ConclusionOut {
            key: c.key.clone(),
            node: node.id.clone(),
            tree,
            title: c.title.get(lang).to_string(),
            remedy: c.remedy.iter().map(|r| r.get(lang).to_string()).collect(),
            actor: c.actor,
            outcome: c.outcome,
            escalate: c.escalate.as_ref().map(|e| e.get(lang).to_string()),
        },
        NodeBody::Question(q) => ConclusionOut {
            key: String::new(),
            node: node.id.clone(),
            tree,
            title: q.text.get(lang).to_string(),
            remedy: Vec::new(),
            actor: Actor::Merchant,
            outcome: RuleOutcome::Escalate,
            escalate: None,
        },
    }
}

/// The question at `id` as a script needs it to answer and call again.
pub fn pending(rules: &KnowledgeBase, id: NodeId, lang: Lang) -> Pending {
    let node = rules.node(id);
    let tree = rules.tree_of(id).id.clone();
    let q = match &node.body {
        NodeBody::Question(q) => q,
        NodeBody::Conclusion(_) => {
            return Pending {
                node: node.id.clone(),
                tree,
                text: String::new(),
                why: None,
                choices: Vec::new(),
                input: None,
                order: Vec::new(),
                expected_minutes: None,
            };
        }
    };
    Pending {
        node: node.id.clone(),
        tree,
        text: q.text.get(lang).to_string(),
        why: q.why.as_ref().map(|w| w.get(lang).to_string()),
        choices: q
            .answers
            .iter()
            .map(|a| Choice { value: a.value.clone(), label: a.label.get(lang).to_string() })
            .collect(),
        input: q.input.as_ref().map(|i| PendingInput {
            kind: match i.kind {
                InputKind::Text => "text".into(),
                InputKind::Number => "number".into(),
                InputKind::Code => "code".into(),
            },
            pattern: i.pattern.as_ref().map(|p| p.source().to_string()),
            hint: i.hint.as_ref().map(|h| h.get(lang).to_string()),
        }),
        order: Vec::new(),
        expected_minutes: None,
    }
}
