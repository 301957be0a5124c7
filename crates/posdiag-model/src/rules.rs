//! Serde mirror of the rule files in `rules/*.yaml`: one [`RuleFile`] per
//! tree. No logic lives here; posdiag's `rules::load` reads these,
//! `rules::validate` judges them and builds the decision graph the engine
//! walks.
//!
//! Most fields are `Option` on purpose: a missing title or a question without
//! answers is a lint with a `file:line:column`, not a serde failure that hides
//! every other problem in the file.

use serde::{Deserialize, Serialize};

use crate::Spanned;

/// One tree of the knowledge base, as written in one YAML file.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Tree id, also the prefix of its node ids (`power` → `power.adapter`).
    pub tree: Spanned<String>,
    /// Human name of the tree.
    pub title: Option<Spanned<Text>>,
    /// What the tree covers; shown by `check` and in pictures.
    #[serde(default)]
    pub description: Option<Spanned<Text>>,
    /// The one tree whose entry starts every walk (the triage root).
    #[serde(default)]
    pub root: bool,
    /// The node a walk of this tree starts at.
    pub entry: Option<Spanned<String>>,
    /// Root tree only: how well walks with a "don't know" must still reach
    /// their fault for `posdiag test` to pass (see [`Robustness`]).
    #[serde(default)]
    pub robustness: Option<Spanned<Robustness>>,
    /// The nodes, questions and conclusions, in authoring order.
    #[serde(default)]
    pub nodes: Vec<Spanned<NodeDef>>,
}

/// A node as written. Which fields apply depends on `kind`; `validate` says
/// which are missing or out of place.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NodeDef {
    /// Globally unique id, `tree.name`, lowercase, `[a-z0-9_.]`.
    pub id: Spanned<String>,
    pub kind: Spanned<NodeKind>,

    // --- question ---
    /// The question as put to the user.
    pub text: Option<Spanned<Text>>,
    /// Why it is asked: what the answer decides.
    pub why: Option<Spanned<Text>>,
    /// Name of a fact (from a probe or `--fact`) that answers this question
    /// automatically through the answers' `when` conditions.
    pub fact: Option<Spanned<String>>,
    /// Makes the question free text: the typed value is matched against the
    /// answers' `when` conditions. Boxed, as most nodes have none: a node
    /// as parsed stays small.
    pub input: Option<Spanned<Box<InputSpec>>>,
    #[serde(default)]
    pub answers: Vec<Spanned<AnswerDef>>,
    /// Answer value taken on "don't know"; without it the most likely answer
    /// (highest `prior`), else the first.
    pub default: Option<Spanned<String>>,

    // --- conclusion ---
    /// Stable SCREAMING_SNAKE key, the contract scripts rely on.
    pub key: Option<Spanned<String>>,
    pub title: Option<Spanned<Text>>,
    /// Remedy steps, in order.
    #[serde(default)]
    pub remedy: Vec<Spanned<Text>>,
    /// Who must act.
    pub actor: Option<Spanned<Actor>>,
    /// Whether following the remedy ends the matter or it must go further.
    pub outcome: Option<Spanned<Outcome>>,
    /// Where to go on when the remedy did not fix it.
    pub otherwise: Option<Spanned<String>>,
    /// What to tell the provider or bank when escalating.
    pub escalate: Option<Spanned<Text>>,
}

/// The two kinds of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Question,
    Conclusion,
}

/// One answer of a question: a branch of the graph.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerDef {
    /// Stable value, what scripts pass (`--answer node=value`).
    pub value: Spanned<String>,
    pub label: Option<Spanned<Text>>,
    /// The node this answer leads to.
    pub next: Option<Spanned<String>>,
    /// When a fact or a typed value selects this answer. Boxed, as most
    /// answers have none.
    pub when: Option<Spanned<Box<Condition>>>,
    /// Authored probability that this branch holds the fault (0..=1).
    pub prior: Option<Spanned<f64>>,
    /// Cost of following this branch.
    pub cost: Option<Spanned<Cost>>,
}

/// How a value (a fact or typed input) selects an answer. Exactly one field.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Equal to this value (case-insensitive).
    pub equals: Option<String>,
    /// One of these values (case-insensitive).
    #[serde(rename = "in")]
    pub one_of: Option<Vec<String>>,
    /// A number in `[min, max]` (both inclusive, either may be absent).
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// Matches this regular expression.
    pub matches: Option<String>,
    /// Any value at all (the fallback branch).
    #[serde(default)]
    pub any: bool,
}

/// What a free-text question accepts.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    #[serde(rename = "type")]
    pub kind: InputKind,
    /// A regular expression the whole value must match.
    pub pattern: Option<String>,
    /// Shown under the prompt, e.g. the expected shape.
    pub hint: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Number,
    /// A code from the screen: looked up in the code tables, a known code
    /// continues at its own node; an unknown one takes the answer whose
    /// `when` matches.
    Code,
}

/// Effort of a check.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// Minutes a merchant or technician spends on it.
    pub minutes: f64,
    /// Whether it needs a technician on site.
    #[serde(default)]
    pub technician: bool,
}

/// Text in both languages. Both are required; a missing one is a lint.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: Option<String>,
    pub en: Option<String>,
}

/// Who must act on a conclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    Merchant,
    Cardholder,
    Technician,
    Acquirer,
    Issuer,
}

/// Whether a conclusion's remedy ends the matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The remedy fixes it; the walk is done.
    Resolved,
    /// Someone else must take it further (provider, bank, repair shop).
    Escalate,
}

/// The least share of one-"don't know" walks that must reach their fault,
/// per group: the unknown inside a tree, at the triage, and two unknowns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Robustness {
    pub inside: Option<Thresholds>,
    pub triage: Option<Thresholds>,
    pub two_unknowns: Option<Thresholds>,
}

/// Shares between 0 and 1; absent ones are not checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Within the first 3 conclusions offered.
    pub within_3: Option<f64>,
    /// The same, each target weighted by its priors.
    pub within_3_weighted: Option<f64>,
    /// Before the walk gives up (within 20 conclusions).
    pub ever: Option<f64>,
}

impl Thresholds {
    /// Every share given, with its name.
    pub fn shares(&self) -> impl Iterator<Item = (&'static str, f64)> {
        [
            ("within_3", self.within_3),
            ("within_3_weighted", self.within_3_weighted),
            ("ever", self.ever),
        ]
        .into_iter()
        .filter_map(|(n, v)| v.map(|v| (n, v)))
    }
}
