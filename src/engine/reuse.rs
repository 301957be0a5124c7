//! Answers the walk takes by itself: from a fact (a probe's, `--fact`), or
//! from what a person already said to another question about the same
//! thing — questions that carry the same `fact` name are one question, so
//! none is asked twice.

use super::fact::FactOrigin;
use super::select::{code_jump, select_fact};
use super::walk::{Action, Source, Step, Walk};
use crate::rules::{Condition, Question};

impl Walk<'_> {
    /// The next step the walk can take by itself: an open question whose
    /// fact is known (from a probe, `--fact`, or an earlier answer to a
    /// question with the same fact).
    pub(super) fn automatic_step(&self) -> Option<Step> {
        for open in &self.belief().open {
            let Some(q) = self.rules().question(open.node) else { continue };
            let Some(name) = q.fact.as_deref() else { continue };
            if let Some(fact) = self.ordering().facts.get(name)
                && let Some(i) = select_fact(self.rules(), q, &fact.value)
            {
                let source = match fact.origin {
                    FactOrigin::Probe => Source::Probe,
                    FactOrigin::Given => Source::Fact,
                };
                return Some(Step {
                    node: open.node,
                    action: Action::Answer {
                        answer: i,
                        source,
                        input: Some(fact.value.clone()),
                        fact: Some(fact.clone()),
                        jump: code_jump(self.rules(), q, &fact.value),
                    },
                });
            }
            match self.earlier_answer(name) {
                Some(Some(value)) => {
                    let picked = select_fact(self.rules(), q, &value)
                        .or_else(|| q.answer(&value).map(|(i, _)| i));
                    if let Some(i) = picked {
                        return Some(Step {
                            node: open.node,
                            action: Action::Answer {
                                answer: i,
                                source: Source::Earlier,
                                input: Some(value.clone()),
                                fact: None,
                                jump: code_jump(self.rules(), q, &value),
                            },
                        });
                    }
                }
                Some(None) => {
                    return Some(Step {
                        node: open.node,
                        action: Action::Unknown { source: Source::Earlier },
                    });
                }
                None => {}
            }
        }
        None
    }

    /// What a person already said to a question with fact `name`: its value
    /// (the answer's `when` value, or what was typed), or `None` for "don't
    /// know". The outer `None`: nobody was asked.
    fn earlier_answer(&self, name: &str) -> Option<Option<String>> {
        self.steps().iter().filter(|s| !s.is_automatic()).find_map(|s| {
            let q = self.rules().question(s.node)?;
            if q.fact.as_deref() != Some(name) {
                return None;
            }
            match &s.action {
                Action::Answer { answer, input, .. } => Some(Some(
                    input.clone().unwrap_or_else(|| canonical_value(q, *answer).to_string()),
                )),
                Action::Unknown { .. } => Some(None),
                Action::Rejected => None,
            }
        })
    }
}

/// The value an answer stands for as a fact: its `when: {equals}` value,
/// else the first of `when: {in}`, else the answer's own value.
pub fn canonical_value(q: &Question, answer: usize) -> &str {
    let a = &q.answers[answer];
    match &a.when {
        Some(Condition::Equals(v)) => v,
        Some(Condition::OneOf(vs)) if !vs.is_empty() => &vs[0],
        _ => &a.value,
    }
}
