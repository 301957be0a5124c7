//! One walk through the rule graph: where it started, every step taken, and
//! from those, where it stands. Pure state: no prompts, no files, no clock.
//!
//! The position is derived from the steps, never stored beside them, so
//! going back is just dropping steps and a saved session is just its steps.

use serde::{Deserialize, Serialize};

use super::fact::{FactOrigin, Facts};
use super::order::Ordering;
use crate::codes::Lookup;
use crate::rules::model::InputKind;
use crate::rules::{NodeBody, NodeId, Question, RuleSet};

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
    /// "Don't know": the rule's default branch was assumed.
    Assumed,
    /// An earlier assumption did not lead to a fix; its next branch is tried.
    Retry,
}

impl Source {
    /// Whether a person (or a script in their place) chose this answer, as
    /// opposed to the walk choosing it from facts.
    pub fn is_automatic(self) -> bool {
        matches!(self, Source::Probe | Source::Fact | Source::Retry)
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
    /// The remedy of a conclusion did not fix the fault. `auto` when the walk
    /// arrived again at a remedy already rejected and passed it by itself.
    Rejected { auto: bool },
}

/// One step: the node it was taken at and what was done there.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub node: NodeId,
    pub action: Action,
}

impl Step {
    /// Whether the walk took this step by itself (from a fact, a retry, or
    /// passing by a remedy already rejected).
    pub fn is_automatic(&self) -> bool {
        is_automatic(self)
    }
}

/// Where the walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A question waits for an answer.
    Question(NodeId),
    /// A conclusion was reached.
    Conclusion(NodeId),
    /// Every remedy offered was rejected and nothing is left to try.
    Exhausted,
}

/// Why an answer was refused. Messages name the allowed values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("`{node}` is not the current question")]
    NotCurrent { node: String },
    #[error("`{value}` is not an answer of `{node}`; allowed: {}", allowed.join(", "))]
    UnknownValue { node: String, value: String, allowed: Vec<String> },
    #[error("`{value}` is not valid for `{node}`: {reason}")]
    BadInput { node: String, value: String, reason: String },
}

/// Most steps a walk may take; far above any real walk, it only guards
/// against a rule set that keeps offering retries.
const MAX_STEPS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct Walk<'r> {
    rules: &'r RuleSet,
    start: NodeId,
    steps: Vec<Step>,
    /// How "don't know" and retries order branches.
    ordering: Ordering,
}

impl<'r> Walk<'r> {
    pub fn new(rules: &'r RuleSet, start: NodeId) -> Walk<'r> {
        Walk { rules, start, steps: Vec::new(), ordering: Ordering::default() }
    }

    /// Rebuild a walk from saved steps, refusing steps that do not fit the
    /// rules (an outdated session file).
    pub fn replay(rules: &'r RuleSet, start: NodeId, steps: Vec<Step>) -> Option<Walk<'r>> {
        let mut walk = Walk::new(rules, start);
        for step in steps {
            if step.node.index() >= rules.len() {
                return None;
            }
            match (&step.action, &rules.node(step.node).body) {
                (Action::Answer { answer, jump, .. }, NodeBody::Question(q))
                    if *answer < q.answers.len()
                        && jump.is_none_or(|j| j.index() < rules.len()) => {}
                (Action::Rejected { .. }, NodeBody::Conclusion(_)) => {}
                _ => return None,
            }
            walk.steps.push(step);
        }
        Some(walk)
    }

    /// Order branches with these priors and facts (see [`Ordering`]).
    pub fn set_ordering(&mut self, ordering: Ordering) {
        self.ordering = ordering;
    }

    pub fn ordering(&self) -> &Ordering {
        &self.ordering
    }

    pub fn rules(&self) -> &'r RuleSet {
        self.rules
    }

    pub fn start(&self) -> NodeId {
        self.start
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Where the walk stands now.
    pub fn position(&self) -> Position {
        let node = match self.steps.last() {
            None => self.start,
            Some(step) => match (&step.action, &self.rules.node(step.node).body) {
                (Action::Answer { answer, jump, .. }, NodeBody::Question(q)) => {
                    jump.unwrap_or(q.answers[*answer].next)
                }
                (Action::Rejected { .. }, NodeBody::Conclusion(c)) => match c.otherwise {
                    Some(next) => next,
                    None => return Position::Exhausted,
                },
                _ => return Position::Exhausted,
            },
        };
        match self.rules.node(node).body {
            NodeBody::Question(_) => Position::Question(node),
            NodeBody::Conclusion(_) => Position::Conclusion(node),
        }
    }

    fn current_question(&self, node: NodeId) -> Result<&'r Question, AnswerError> {
        match self.position() {
            Position::Question(at) if at == node => {}
            _ => return Err(AnswerError::NotCurrent { node: self.rules.node(node).id.clone() }),
        }
        self.rules
            .question(node)
            .ok_or_else(|| AnswerError::NotCurrent { node: self.rules.node(node).id.clone() })
    }

    fn push(&mut self, step: Step) {
        if self.steps.len() < MAX_STEPS {
            self.steps.push(step);
            self.settle();
        }
    }

    /// Answer the current question `node` with one of its answer values.
    /// Free-text questions also take a value typed by the user (see
    /// [`Walk::answer_input`]), which is tried when `value` is no answer value.
    pub fn answer(&mut self, node: NodeId, value: &str, source: Source) -> Result<(), AnswerError> {
        let q = self.current_question(node)?;
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
        let q = self.current_question(node)?;
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

    /// "Don't know": take the default branch, recorded as assumed.
    pub fn answer_unknown(&mut self, node: NodeId) -> Result<(), AnswerError> {
        let q = self.current_question(node)?;
        self.push(Step {
            node,
            action: Action::Answer {
                answer: q.default,
                source: Source::Assumed,
                input: None,
                fact: None,
                jump: None,
            },
        });
        Ok(())
    }

    /// Answer the current question from a known fact, if it has one that
    /// selects an answer. Returns whether it did.
    pub fn answer_from_facts(&mut self, facts: &Facts) -> bool {
        let Position::Question(node) = self.position() else { return false };
        let Some(q) = self.rules.question(node) else { return false };
        let Some(fact) = q.fact.as_deref().and_then(|name| facts.get(name)) else { return false };
        let Some(i) = select_fact(self.rules, q, &fact.value) else { return false };
        let source = match fact.origin {
            FactOrigin::Probe => Source::Probe,
            FactOrigin::Given => Source::Fact,
        };
        self.push(Step {
            node,
            action: Action::Answer {
                answer: i,
                source,
                input: Some(fact.value.clone()),
                fact: Some(fact.clone()),
                jump: code_jump(self.rules, q, &fact.value),
            },
        });
        true
    }

    /// Answer questions from facts for as long as facts answer them.
    pub fn answer_all_from_facts(&mut self, facts: &Facts) -> usize {
        let mut n = 0;
        while self.answer_from_facts(facts) {
            n += 1;
        }
        n
    }

    /// The remedy of the current conclusion did not fix the fault: go on at
    /// its `otherwise`, or else at the next branch of the latest assumed
    /// answer. Returns the new position ([`Position::Exhausted`] when nothing
    /// is left).
    pub fn reject(&mut self) -> Position {
        let Position::Conclusion(node) = self.position() else { return self.position() };
        self.steps.push(Step { node, action: Action::Rejected { auto: false } });
        self.settle();
        self.position()
    }

    /// Never offer a remedy twice: pass by conclusions already rejected, and
    /// when the graph runs out, retry the latest assumption's next branch.
    fn settle(&mut self) {
        while self.steps.len() < MAX_STEPS {
            match self.position() {
                Position::Conclusion(c) if self.was_rejected(c) => {
                    self.steps.push(Step { node: c, action: Action::Rejected { auto: true } });
                }
                Position::Exhausted => match self.next_candidate() {
                    Some((q, i)) => self.steps.push(Step {
                        node: q,
                        action: Action::Answer {
                            answer: i,
                            source: Source::Retry,
                            input: None,
                            fact: None,
                            jump: None,
                        },
                    }),
                    None => break,
                },
                _ => break,
            }
        }
    }

    /// The latest assumed (or retried) question with a branch not yet taken,
    /// and that branch: most likely first, authored order on ties.
    fn next_candidate(&self) -> Option<(NodeId, usize)> {
        for step in self.steps.iter().rev() {
            let Action::Answer { source: Source::Assumed | Source::Retry, .. } = step.action else {
                continue;
            };
            self.rules.question(step.node)?;
            let taken: Vec<usize> = self
                .steps
                .iter()
                .filter(|s| s.node == step.node)
                .filter_map(|s| match s.action {
                    Action::Answer { answer, .. } => Some(answer),
                    Action::Rejected { .. } => None,
                })
                .collect();
            let order = self.ordering.rank(self.rules, step.node);
            if let Some(i) = order.into_iter().map(|r| r.index).find(|i| !taken.contains(i)) {
                return Some((step.node, i));
            }
        }
        None
    }

    /// Undo the latest thing a person did, an answer or a rejected remedy,
    /// with the automatic steps that followed it. Returns false when there is
    /// nothing to undo.
    pub fn back(&mut self) -> bool {
        while self.steps.last().is_some_and(is_automatic) {
            self.steps.pop();
        }
        self.steps.pop().is_some()
    }

    /// Whether the remedy at conclusion `c` was rejected earlier in this walk
    /// (no allocation: the settle loop asks this after every step).
    fn was_rejected(&self, c: NodeId) -> bool {
        self.steps.iter().any(|s| s.node == c && matches!(s.action, Action::Rejected { .. }))
    }

    /// Conclusions whose remedies were rejected in this walk, in order.
    pub fn rejected(&self) -> Vec<NodeId> {
        let mut out = Vec::new();
        for s in &self.steps {
            if matches!(s.action, Action::Rejected { .. }) && !out.contains(&s.node) {
                out.push(s.node);
            }
        }
        out
    }

    /// Whether any answer on the way was assumed rather than known.
    pub fn has_assumptions(&self) -> bool {
        self.steps.iter().any(|s| {
            matches!(s.action, Action::Answer { source: Source::Assumed | Source::Retry, .. })
        })
    }
}

fn is_automatic(step: &Step) -> bool {
    match step.action {
        Action::Answer { source, .. } => source.is_automatic(),
        Action::Rejected { auto } => auto,
    }
}

fn unknown_value(rules: &RuleSet, node: NodeId, q: &Question, value: &str) -> AnswerError {
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
    rules: &RuleSet,
    node: NodeId,
    q: &Question,
    raw: &str,
) -> Result<usize, AnswerError> {
    let value = raw.trim();
    let bad = |reason: String| AnswerError::BadInput {
        node: rules.node(node).id.clone(),
        value: value.to_string(),
        reason,
    };
    let Some(input) = &q.input else { return Err(unknown_value(rules, node, q, value)) };
    if value.is_empty() {
        return Err(bad("a value is required".into()));
    }
    if input.kind == InputKind::Number && value.parse::<f64>().is_err() {
        return Err(bad("a number is required".into()));
    }
    if let Some(p) = &input.pattern
        && !p.is_match(value)
    {
        let shape = p.as_str().trim_start_matches("^(?:").trim_end_matches(")$");
        return Err(bad(format!("it must match `{shape}`")));
    }
    if input.kind == InputKind::Code {
        return match rules.codes().lookup(value) {
            Err(e) => Err(bad(e.to_string())),
            Ok(found) => select_code(q, rules, &found, value)
                .ok_or_else(|| bad("no answer of this question accepts it".into())),
        };
    }
    q.select(value)
        .map(|(i, _)| i)
        .ok_or_else(|| bad("no answer of this question accepts it".into()))
}

/// The answer a fact's value selects; at a `code` question the value is
/// looked up like typed input.
fn select_fact(rules: &RuleSet, q: &Question, value: &str) -> Option<usize> {
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
fn select_code(q: &Question, rules: &RuleSet, found: &Lookup<'_>, typed: &str) -> Option<usize> {
    match found {
        Lookup::Known(k) => {
            Some(q.select(&rules.codes().display(k.entry)).map_or(q.default, |(i, _)| i))
        }
        Lookup::Unknown { .. } => q.select(typed).map(|(i, _)| i),
    }
}

/// Where a `code` question sends the walk for `value`: the node of a code
/// the tables know; `None` otherwise (the selected answer's `next` then).
pub fn code_jump(rules: &RuleSet, q: &Question, value: &str) -> Option<NodeId> {
    if !is_code(q) {
        return None;
    }
    match rules.codes().lookup(value) {
        Ok(Lookup::Known(k)) => Some(k.entry.node),
        _ => None,
    }
}
