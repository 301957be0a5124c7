//! A walk driven entirely by given answers and facts: what `diagnose` does
//! without a person, and what `posdiag test` runs for each case. It never
//! asks; when the walk needs an answer nobody gave, it stops and says which.

use super::answers::{Answers, FIXED, NOT_FIXED, UNKNOWN};
use super::fact::Facts;
use super::order::Ordering;
use super::walk::{AnswerError, Position, Walk};
use crate::rules::{NodeId, RuleSet};

/// How a scripted walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A conclusion was reached and not rejected.
    Concluded(NodeId),
    /// This question has no answer.
    NeedsInput(NodeId),
    /// Every remedy offered was rejected; nothing is left to try.
    Exhausted,
}

/// Walk from `start` with `answers` and `facts`. Answers must have passed
/// [`Answers::validate`]; an answer that still does not fit is returned as
/// an error.
pub fn run_script<'r>(
    rules: &'r RuleSet,
    start: NodeId,
    answers: &Answers,
    facts: &Facts,
) -> Result<(Walk<'r>, Outcome), AnswerError> {
    let ordering = Ordering { facts: facts.clone(), ..Ordering::default() };
    run_script_ordered(rules, start, answers, facts, ordering)
}

/// [`run_script`] with branches ordered by `ordering` (learned priors).
pub fn run_script_ordered<'r>(
    rules: &'r RuleSet,
    start: NodeId,
    answers: &Answers,
    facts: &Facts,
    ordering: Ordering,
) -> Result<(Walk<'r>, Outcome), AnswerError> {
    let mut walk = Walk::new(rules, start);
    walk.set_ordering(ordering);
    loop {
        match walk.position() {
            Position::Question(node) => {
                let id = &rules.node(node).id;
                match answers.get(id) {
                    // A question is asked once; an answer that led back to
                    // it (after a rejected remedy) is not reused blindly.
                    Some(given) if !walk.steps().iter().any(|s| s.node == node) => {
                        if given.value == UNKNOWN {
                            walk.answer_unknown(node)?;
                        } else {
                            walk.answer(node, &given.value, given.source)?;
                        }
                    }
                    _ => {
                        if !walk.answer_from_facts(facts) {
                            return Ok((walk, Outcome::NeedsInput(node)));
                        }
                    }
                }
            }
            Position::Conclusion(node) => {
                let rejected = walk.steps().iter().any(|s| s.node == node);
                match answers.get(&rules.node(node).id).map(|g| g.value.as_str()) {
                    Some(NOT_FIXED) if !rejected => {
                        walk.reject();
                    }
                    Some(FIXED) | Some(_) | None => return Ok((walk, Outcome::Concluded(node))),
                }
            }
            Position::Exhausted => return Ok((walk, Outcome::Exhausted)),
        }
        if walk.steps().len() >= 10_000 {
            return Ok((walk, Outcome::Exhausted));
        }
    }
}
