//! A problem found in a file of the knowledge base (a rule tree, a code
//! table, a case, a fixture or an answer file): where it is
//! (`file:line:column`, node id), what kind it is (a stable code), what is
//! wrong and, where one helps, a hint. The checkers collect all of them;
//! nothing here stops at the first.

use std::fmt;

use serde::Serialize;

/// The kinds of problem, with stable codes for scripts (`--format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The file could not be read, is not UTF-8, or is too large.
    Read,
    /// YAML syntax error, or a value of the wrong type.
    Yaml,
    /// A field the format does not know.
    UnknownField,
    /// A key given twice in one mapping.
    DuplicateKey,
    /// A required field is absent.
    MissingField,
    /// A field that does not belong to this kind of node.
    MisplacedField,
    /// Two nodes with the same id (in one file or across files).
    DuplicateId,
    /// Two trees with the same id.
    DuplicateTree,
    /// A node id that breaks the naming rule.
    BadId,
    /// `next`, `otherwise` or `entry` names no node.
    UnknownNode,
    /// No walk from the root reaches this node.
    Unreachable,
    /// The graph loops.
    Cycle,
    /// A question with no answers.
    NoAnswers,
    /// A node from which the walk cannot go on and that is not a conclusion.
    LeafNotConclusion,
    /// A `zh` or `en` text is missing or empty.
    MissingText,
    /// Two conclusions share a key.
    DuplicateConclusionKey,
    /// A conclusion key that is not SCREAMING_SNAKE.
    BadKey,
    /// Two answers of one question share a value, or a value is reserved.
    BadAnswer,
    /// A `when` condition or `input` pattern that cannot work.
    BadCondition,
    /// A prior outside 0..=1 or a negative cost.
    BadWeight,
    /// A `default` that names no answer.
    BadDefault,
    /// No tree, or more than one, is marked `root: true`.
    Root,
    /// A fixture case that cannot run (see `posdiag test`).
    Case,
    /// A code (or status-word bit, or table id) defined twice.
    DuplicateCode,
    /// A code, prefix or bit that cannot be looked up as written.
    BadCode,
}

impl ProblemKind {
    /// The stable code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Read => "read",
            ProblemKind::Yaml => "yaml",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::DuplicateKey => "duplicate-key",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::MisplacedField => "misplaced-field",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::DuplicateTree => "duplicate-tree",
            ProblemKind::BadId => "bad-id",
            ProblemKind::UnknownNode => "unknown-node",
            ProblemKind::Unreachable => "unreachable",
            ProblemKind::Cycle => "cycle",
            ProblemKind::NoAnswers => "no-answers",
            ProblemKind::LeafNotConclusion => "leaf-not-conclusion",
            ProblemKind::MissingText => "missing-text",
            ProblemKind::DuplicateConclusionKey => "duplicate-conclusion-key",
            ProblemKind::BadKey => "bad-key",
            ProblemKind::BadAnswer => "bad-answer",
            ProblemKind::BadCondition => "bad-condition",
            ProblemKind::BadWeight => "bad-weight",
            ProblemKind::BadDefault => "bad-default",
            ProblemKind::Root => "root",
            ProblemKind::Case => "case",
            ProblemKind::DuplicateCode => "duplicate-code",
            ProblemKind::BadCode => "bad-code",
        }
    }
}

/// A position in a rule file (1-based line and column; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub line: u64,
    pub column: u64,
}

impl Place {
    pub fn new(file: impl Into<String>, line: u64, column: u64) -> Place {
        Place { file: file.into(), line, column }
    }

    /// The start of a file, for problems of the file as a whole.
    pub fn file(file: impl Into<String>) -> Place {
        Place::new(file, 0, 0)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.file)
        } else {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub place: Place,
    /// The node the problem belongs to, when there is one.
    pub node: Option<String>,
    pub kind: ProblemKind,
    /// Lowercase, with backticked names.
    pub message: String,
    /// What to do, e.g. "did you mean `power.adapter`?".
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(kind: ProblemKind, place: Place, message: impl Into<String>) -> Problem {
        Problem { place, node: None, kind, message: message.into(), hint: None }
    }

    #[must_use]
    pub fn node(mut self, node: impl Into<String>) -> Problem {
        self.node = Some(node.into());
        self
    }

    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    #[must_use]
    pub fn maybe_hint(mut self, hint: Option<String>) -> Problem {
        self.hint = hint;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.place)?;
        if let Some(node) = &self.node {
            write!(f, "node `{node}`: ")?;
        }
        write!(f, "{} [{}]", self.message, self.kind.code())?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}
