//! A walk driven entirely by given answers and facts: what `diagnose` does
//! without a person, and what `posdiag test` runs for each case. It never
//! asks; when the walk needs an answer nobody gave, it stops and says which.

use super::answers::{Answers, NOT_FIXED, UNKNOWN};
use super::fact::Facts;
use super::order::Ordering;
use super::walk::{AnswerError, Position, Walk};
use crate::kb::KnowledgeBase;
use crate::rules::NodeId;

/// How a scripted walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A conclusion was reached and not rejected.
    Concluded(NodeId),
    /// This question has no answer.
    NeedsInput(NodeId),
    /// Every remedy still possible was rejected; nothing is left to try.
    Exhausted,
}

impl Outcome {
    /// How a walk that stands at `position` ends when nobody answers.
    pub fn at(position: Position) -> Outcome {
        match position {
            Position::Question(n) => Outcome::NeedsInput(n),
            Position::Conclusion(n) => Outcome::Concluded(n),
            Position::Exhausted => Outcome::Exhausted,
        }
    }
}

/// Walk from `start` with `answers` and `facts`. Answers must have passed
/// [`Answers::validate`]; an answer that still does not fit is returned as
/// an error.
pub fn run_script<'r>(
    rules: &'r KnowledgeBase,
    start: NodeId,
    answers: &Answers,
    facts: &Facts,
) -> Result<(Walk<'r>, Outcome), AnswerError> {
    run_script_ordered(rules, start, answers, facts, Ordering::default())
}

/// [`run_script`] with branches weighted by `ordering` (learned priors).
///
/// The walk goes where [`Walk::position`] says. When that question has no
/// given answer but another open question has one, that answer is taken
/// first (it is evidence too), so a script never stops for input while a
/// given answer can still move the walk. Every round answers a new question
/// or rejects a new remedy, so the loop ends.
pub fn run_script_ordered<'r>(
    rules: &'r KnowledgeBase,
    start: NodeId,
    answers: &Answers,
    facts: &Facts,
    ordering: Ordering,
) -> Result<(Walk<'r>, Outcome), AnswerError> {
    let mut walk = Walk::with_ordering(rules, start, ordering);
    walk.answer_all_from_facts(facts);
    loop {
        match walk.position() {
            Position::Question(node) => {
                let given = std::iter::once(node)
                    .chain(walk.belief().open.iter().map(|o| o.node))
                    .filter(|&n| rules.question(n).is_some())
                    .find_map(|n| answers.get(&rules.node(n).id).map(|g| (n, g)));
                let Some((node, given)) = given else {
                    return Ok((walk, Outcome::NeedsInput(node)));
                };
                if given.value == UNKNOWN {
                    walk.answer_unknown(node, given.source)?;
                } else {
                    walk.answer(node, &given.value, given.source)?;
                }
            }
            Position::Conclusion(node) => match answers.get(&rules.node(node).id) {
                Some(g) if g.value == NOT_FIXED => {
                    walk.reject();
                }
                _ => return Ok((walk, Outcome::Concluded(node))),
            },
            Position::Exhausted => return Ok((walk, Outcome::Exhausted)),
        }
    }
}
