//! One walk through the rule graph: where it started, every step taken, and
//! from those, where it stands. Pure state: no prompts, no files, no clock.
//!
//! The steps are evidence (see [`super::belief`]): a definite answer keeps
//! one branch, "don't know" keeps every branch open with its weight, a
//! rejected remedy rules its fault out. The next place to go is decided in
//! one place, [`Walk::position`]: the authored `otherwise` of a remedy just
//! rejected, else the open place of highest probability over cost anywhere.
//! No question is asked twice: questions that share a `fact` name are one
//! question, answered from the first answer. Going back is just dropping
//! steps, and a saved session is just its steps.

use super::belief::{Belief, Evidence, Taken};
use super::fact::Facts;
use super::order::Ordering;
pub use super::select::AnswerError;
use super::select::{code_jump, select_input, unknown_value};
pub use super::step::{Action, Source, Step};
use crate::kb::KnowledgeBase;
use crate::rules::{NodeBody, NodeId, Question};

/// Where the walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A question waits for an answer.
    Question(NodeId),
    /// A conclusion is offered.
    Conclusion(NodeId),
    /// Every remedy still possible was rejected: nothing is left to try.
    Exhausted,
}

/// Why saved steps do not replay against the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("step {number} at `{node}` {reason}")]
pub struct ReplayError {
    /// 1-based.
    pub number: usize,
    pub node: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Walk<'r> {
    rules: &'r KnowledgeBase,
    start: NodeId,
    steps: Vec<Step>,
    /// Priors and facts: how mass is shared and which questions answer
    /// themselves.
    ordering: Ordering,
    /// Derived from the steps after every change.
    belief: Belief,
    position: Position,
}

impl<'r> Walk<'r> {
    pub fn new(rules: &'r KnowledgeBase, start: NodeId) -> Walk<'r> {
        Walk::with_ordering(rules, start, Ordering::default())
    }

    /// A walk whose branches are weighted by `ordering` and whose questions
    /// are answered from its facts where they can be.
    pub fn with_ordering(rules: &'r KnowledgeBase, start: NodeId, ordering: Ordering) -> Walk<'r> {
        let mut walk = Walk::empty(rules, start, ordering);
        walk.settle();
        walk
    }

    /// No step taken, nothing decided yet.
    fn empty(rules: &'r KnowledgeBase, start: NodeId, ordering: Ordering) -> Walk<'r> {
        Walk {
            rules,
            start,
            steps: Vec::new(),
            ordering,
            belief: Belief::default(),
            position: Position::Exhausted,
        }
    }

    /// Rebuild a walk from saved steps. Every step must have been possible
    /// where it stands: its question open and its answer one of the
    /// question's, its remedy offered. The walk then answers from facts.
    pub fn replay(
        rules: &'r KnowledgeBase,
        start: NodeId,
        ordering: Ordering,
        steps: Vec<Step>,
    ) -> Result<Walk<'r>, ReplayError> {
        let mut walk = Walk::empty(rules, start, ordering);
        walk.refresh();
        for (i, step) in steps.into_iter().enumerate() {
            let fail = |reason: &str| ReplayError {
                number: i + 1,
                node: rules.node(step.node).id.clone(),
                reason: reason.to_string(),
            };
            if step.node.index() >= rules.len() {
                return Err(ReplayError {
                    number: i + 1,
                    node: format!("#{}", step.node.index()),
                    reason: "is not in the rules".into(),
                });
            }
            if !walk.belief.is_open(step.node) {
                return Err(fail("is not reachable from the steps before it"));
            }
            match (&step.action, &rules.node(step.node).body) {
                (Action::Answer { answer, jump, .. }, NodeBody::Question(q))
                    if *answer < q.answers.len()
                        && jump.is_none_or(|j| j.index() < rules.len()) => {}
                (Action::Unknown { .. }, NodeBody::Question(_)) => {}
                (Action::Rejected, NodeBody::Conclusion(_)) => {}
                _ => return Err(fail("does not fit the node")),
            }
            walk.steps.push(step);
            walk.refresh();
        }
        walk.settle();
        Ok(walk)
    }

    /// Weight branches with these priors and answer from these facts.
    pub fn set_ordering(&mut self, ordering: Ordering) {
        self.ordering = ordering;
        self.settle();
    }

    pub fn ordering(&self) -> &Ordering {
        &self.ordering
    }

    pub fn rules(&self) -> &'r KnowledgeBase {
        self.rules
    }

    pub fn start(&self) -> NodeId {
        self.start
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The faults still possible, most promising first.
    pub fn belief(&self) -> &Belief {
        &self.belief
    }

    /// Where the walk stands now.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Answer the open question `node` with one of its answer values.
    /// Free-text questions also take a value typed by the user (see
    /// [`Walk::answer_input`]), which is tried when `value` is no answer value.
    pub fn answer(&mut self, node: NodeId, value: &str, source: Source) -> Result<(), AnswerError> {
        let q = self.open_question(node)?;
        if let Some((i, _)) = q.answer(value) {
            self.push(Step {
                node,
                action: Action::Answer { answer: i, source, input: None, fact: None, jump: None },
            });
            return Ok(());
        }
        if q.input.is_some() {
            return self.answer_input(node, value, source);
        }
        Err(unknown_value(self.rules, node, q, value))
    }

    /// Answer a free-text question with what the user typed: it must match
    /// the question's pattern, and picks the first answer whose `when` holds.
    /// At a `code` question a code the tables know continues at its node.
    pub fn answer_input(
        &mut self,
        node: NodeId,
        raw: &str,
        source: Source,
    ) -> Result<(), AnswerError> {
        let q = self.open_question(node)?;
        let i = select_input(self.rules, node, q, raw)?;
        self.push(Step {
            node,
            action: Action::Answer {
                answer: i,
                source,
                input: Some(crate::mask::mask_pans(raw.trim()).into_owned()),
                fact: None,
                jump: code_jump(self.rules, q, raw),
            },
        });
        Ok(())
    }

    /// "Don't know": every branch of the question stays open.
    pub fn answer_unknown(&mut self, node: NodeId, source: Source) -> Result<(), AnswerError> {
        self.open_question(node)?;
        self.push(Step { node, action: Action::Unknown { source } });
        Ok(())
    }

    /// Add facts (a probe's, `--fact`) and answer every open question they
    /// answer. Returns how many steps that took.
    pub fn answer_all_from_facts(&mut self, facts: &Facts) -> usize {
        let before = self.steps.len();
        for fact in facts.iter() {
            if self.ordering.facts.get(&fact.name) != Some(fact) {
                self.ordering.facts.insert(fact.clone());
            }
        }
        self.settle();
        self.steps.len() - before
    }

    /// The remedy of the offered conclusion did not fix the fault: rule it
    /// out and go on. Returns the new position ([`Position::Exhausted`] when
    /// nothing is left).
    pub fn reject(&mut self) -> Position {
        if let Position::Conclusion(node) = self.position {
            self.push(Step { node, action: Action::Rejected });
        }
        self.position
    }

    /// Undo the latest thing a person did, an answer or a rejected remedy,
    /// with the automatic steps that followed it. Returns false when there is
    /// nothing to undo.
    pub fn back(&mut self) -> bool {
        let mut undone = false;
        while let Some(step) = self.steps.pop() {
            if !step.is_automatic() {
                undone = true;
                break;
            }
        }
        self.settle();
        undone
    }

    /// Conclusions whose remedies were rejected in this walk, in order.
    pub fn rejected(&self) -> Vec<NodeId> {
        self.steps.iter().filter(|s| s.action == Action::Rejected).map(|s| s.node).collect()
    }

    /// Whether any question on the way was answered "don't know".
    pub fn has_assumptions(&self) -> bool {
        self.steps.iter().any(|s| matches!(s.action, Action::Unknown { .. }))
    }

    fn open_question(&self, node: NodeId) -> Result<&'r Question, AnswerError> {
        let not_open = || AnswerError::NotCurrent { node: self.rules.node(node).id.clone() };
        if !self.belief.is_open(node) {
            return Err(not_open());
        }
        self.rules.question(node).ok_or_else(not_open)
    }

    fn push(&mut self, step: Step) {
        self.steps.push(step);
        self.settle();
    }

    /// Recompute the belief and the position from the steps, without taking
    /// any step.
    fn refresh(&mut self) {
        let evidence = self.evidence();
        self.belief = Belief::compute(self.rules, self.start, &evidence, &self.ordering);
        self.position = match self.forced(&evidence).or_else(|| self.belief.best()) {
            None => Position::Exhausted,
            Some(n) => match self.rules.node(n).body {
                NodeBody::Question(_) => Position::Question(n),
                NodeBody::Conclusion(_) => Position::Conclusion(n),
            },
        };
    }

    /// Answer every open question that a fact or an earlier answer answers,
    /// most promising first, then decide where the walk stands. Each round
    /// answers a question not answered before, so this ends.
    fn settle(&mut self) {
        loop {
            self.refresh();
            match self.automatic_step() {
                Some(step) => self.steps.push(step),
                None => break,
            }
        }
    }

    fn evidence(&self) -> Evidence {
        let mut evidence = Evidence::default();
        for step in &self.steps {
            match &step.action {
                Action::Answer { answer, jump, .. } => {
                    evidence
                        .taken
                        .insert(step.node, Taken::Branch { answer: *answer, jump: *jump });
                }
                Action::Unknown { .. } => {
                    evidence.taken.insert(step.node, Taken::Unknown);
                }
                Action::Rejected => evidence.rejected.push(step.node),
            }
        }
        evidence
    }

    /// The authored `otherwise` of the remedy a person just rejected wins —
    /// the first open place it leads to through what is already answered —
    /// when the walk was sure of that remedy's branch: the place holds at
    /// least half of the mass still open. A remedy guessed after a "don't
    /// know" passes its mass on to its `otherwise`, which then competes
    /// with every other open place.
    fn forced(&self, evidence: &Evidence) -> Option<NodeId> {
        let last = self.steps.iter().rev().find(|s| !s.is_automatic())?;
        if last.action != Action::Rejected {
            return None;
        }
        let mut at = self.rules.conclusion(last.node)?.otherwise?;
        for _ in 0..self.rules.len() {
            if let Some(open) = self.belief.open.iter().find(|o| o.node == at) {
                return (open.mass >= 0.5 * self.belief.total()).then_some(at);
            }
            at = match (&self.rules.node(at).body, evidence.taken.get(&at)) {
                (NodeBody::Question(q), Some(Taken::Branch { answer, jump })) => {
                    jump.unwrap_or(q.answers[*answer].next)
                }
                (NodeBody::Conclusion(c), _) if evidence.rejected.contains(&at) => c.otherwise?,
                _ => return None,
            };
        }
        None
    }
}
