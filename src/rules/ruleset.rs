//! The checked rule set the engine walks: nodes in a vector, edges resolved to
//! indices, texts complete in both languages. It is only ever built from rule
//! files that passed every check, so walking it cannot meet a dangling edge.

use foldhash::HashMap;

use super::condition::Condition;
use super::model::{Actor, Cost, InputKind, Outcome};
use crate::lang::Localized;

/// Index of a node in a [`RuleSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug)]
pub struct RuleSet {
    pub(crate) nodes: Vec<Node>,
    pub(crate) by_id: HashMap<String, NodeId>,
    pub(crate) trees: Vec<Tree>,
    pub(crate) root: NodeId,
    /// What `posdiag test` demands of walks with a "don't know".
    pub(crate) robustness: super::model::Robustness,
}

#[derive(Debug)]
pub struct Tree {
    pub id: String,
    pub title: Localized,
    pub description: Option<Localized>,
    pub entry: NodeId,
    pub file: String,
}

#[derive(Debug)]
pub struct Node {
    pub id: String,
    /// Index into [`RuleSet::trees`].
    pub tree: usize,
    /// Where its id is written (1-based line and column) in its tree's
    /// file, [`Tree::file`]: no copy of the file name per node.
    pub line: u32,
    pub column: u32,
    pub body: NodeBody,
}

#[derive(Debug)]
pub enum NodeBody {
    Question(Question),
    Conclusion(Conclusion),
}

#[derive(Debug)]
pub struct Question {
    pub text: Localized,
    pub why: Option<Localized>,
    pub fact: Option<String>,
    pub input: Option<Input>,
    pub answers: Vec<Answer>,
    /// Index of the answer taken on "don't know".
    pub default: usize,
    /// Whether the rules name the default (`default:`), rather than it being
    /// the most likely answer.
    pub explicit_default: bool,
}

#[derive(Debug)]
pub struct Input {
    pub kind: InputKind,
    pub pattern: Option<super::condition::Pattern>,
    pub hint: Option<Localized>,
}

#[derive(Debug)]
pub struct Answer {
    pub value: String,
    pub label: Localized,
    pub next: NodeId,
    pub when: Option<Condition>,
    pub prior: Option<f64>,
    pub cost: Option<Cost>,
}

#[derive(Debug)]
pub struct Conclusion {
    pub key: String,
    pub title: Localized,
    pub remedy: Vec<Localized>,
    pub actor: Actor,
    pub outcome: Outcome,
    pub otherwise: Option<NodeId>,
    pub escalate: Option<Localized>,
}

impl RuleSet {
    /// The start of every walk (the triage root's entry).
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The robustness thresholds the root tree sets (none by default).
    pub fn robustness(&self) -> &super::model::Robustness {
        &self.robustness
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Look a node up by its id.
    pub fn find(&self, id: &str) -> Option<NodeId> {
        self.by_id.get(id).copied()
    }

    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeId(i as u32), n))
    }

    pub fn trees(&self) -> &[Tree] {
        &self.trees
    }

    pub fn tree_of(&self, id: NodeId) -> &Tree {
        &self.trees[self.node(id).tree]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn question(&self, id: NodeId) -> Option<&Question> {
        match &self.node(id).body {
            NodeBody::Question(q) => Some(q),
            NodeBody::Conclusion(_) => None,
        }
    }

    pub fn conclusion(&self, id: NodeId) -> Option<&Conclusion> {
        match &self.node(id).body {
            NodeBody::Conclusion(c) => Some(c),
            NodeBody::Question(_) => None,
        }
    }

    /// All conclusions, in file order.
    pub fn conclusions(&self) -> impl Iterator<Item = (NodeId, &Conclusion)> {
        self.nodes().filter_map(|(id, n)| match &n.body {
            NodeBody::Conclusion(c) => Some((id, c)),
            NodeBody::Question(_) => None,
        })
    }

    /// Node ids, for "did you mean" hints.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().map(|n| n.id.as_str())
    }

    /// The nodes a node leads to: its answers' `next`, or a conclusion's
    /// `otherwise`.
    pub fn successors(&self, id: NodeId) -> Vec<NodeId> {
        match &self.node(id).body {
            NodeBody::Question(q) => q.answers.iter().map(|a| a.next).collect(),
            NodeBody::Conclusion(c) => c.otherwise.into_iter().collect(),
        }
    }
}

impl Question {
    /// The answer with this value.
    pub fn answer(&self, value: &str) -> Option<(usize, &Answer)> {
        self.answers.iter().enumerate().find(|(_, a)| a.value == value)
    }

    /// The first answer whose `when` accepts `value` (a fact or typed input).
    pub fn select(&self, value: &str) -> Option<(usize, &Answer)> {
        self.answers
            .iter()
            .enumerate()
            .find(|(_, a)| a.when.as_ref().is_some_and(|c| c.matches(value)))
    }

    /// The allowed answer values, for error messages.
    pub fn values(&self) -> Vec<&str> {
        self.answers.iter().map(|a| a.value.as_str()).collect()
    }
}
