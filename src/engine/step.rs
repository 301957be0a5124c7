//! A step of a walk: the node it was taken at, what was done there (an
//! answer, "don't know", a rejected remedy) and who did it.

use serde::{Deserialize, Serialize};

use crate::rules::NodeId;

/// Who gave an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An `--answers` file.
    AnswersFile,
    /// `--answer NODE=VALUE`.
    CommandLine,
    /// A person at the prompt.
    Interactive,
    /// A fact read from the terminal by a probe.
    Probe,
    /// A fact given with `--fact` or in a case.
    Fact,
    /// The same question (the same `fact`) was answered earlier in the walk.
    Earlier,
}

impl Source {
    /// Whether the walk took this answer by itself (from a fact or an earlier
    /// answer), as opposed to a person (or a script in their place).
    pub fn is_automatic(self) -> bool {
        matches!(self, Source::Probe | Source::Fact | Source::Earlier)
    }
}

/// What a step did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A question was answered with `answers[answer]`.
    Answer {
        answer: usize,
        source: Source,
        /// The typed value or the fact's value, when the answer was selected
        /// by a `when` condition.
        input: Option<String>,
        /// The fact behind an automatic answer and its raw evidence.
        fact: Option<crate::engine::Fact>,
        /// Where a known code (typed at a `code` question, or a fact's value
        /// there) sent the walk, instead of the answer's `next`.
        jump: Option<NodeId>,
    },
    /// "Don't know": every branch stays open.
    Unknown { source: Source },
    /// The remedy of a conclusion did not fix the fault.
    Rejected,
}

/// One step: the node it was taken at and what was done there.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub node: NodeId,
    pub action: Action,
}

impl Step {
    /// Whether the walk took this step by itself.
    pub fn is_automatic(&self) -> bool {
        match self.action {
            Action::Answer { source, .. } | Action::Unknown { source } => source.is_automatic(),
            Action::Rejected => false,
        }
    }
}
