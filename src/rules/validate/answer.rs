//! Answers of a question: their values (reserved, malformed, given twice)
//! and each answer's label, `next`, `when`, prior and cost, built as they
//! are judged, with its edge recorded.

use std::collections::HashSet;

use super::link::{PENDING, Site};
use super::{Pass, RESERVED_VALUES};
use crate::rules::condition::Condition;
use crate::rules::lint::{Lint, is_word, place};
use crate::rules::model::AnswerDef;
use crate::rules::ruleset::Answer;
use crate::source::Spanned;
use crate::source::{Place, Problem, ProblemKind};

/// Answer values: reserved ones, badly formed ones, and values given twice.
pub(super) fn values(lint: &mut Lint, file: &str, id: &str, answers: &[Spanned<AnswerDef>]) {
    let mut seen: HashSet<&str> = HashSet::new();
    for a in answers {
        let v = &a.value.value;
        let value = v.value.as_str();
        if RESERVED_VALUES.contains(&value) {
            lint.push(
                Problem::new(ProblemKind::BadAnswer, place(file, v), format!("answer value `{value}` is reserved"))
                    .node(id)
                    .hint("`unknown`, `fixed` and `not_fixed` are used by the walk itself; choose another value"),
            );
        } else if !is_word(value) {
            lint.push(
                Problem::new(
                    ProblemKind::BadAnswer,
                    place(file, v),
                    format!("answer value `{value}` must be lowercase letters, digits and `_`"),
                )
                .node(id),
            );
        }
        if !seen.insert(value) {
            lint.push(
                Problem::new(
                    ProblemKind::BadAnswer,
                    place(file, v),
                    format!("answer value `{value}` is given twice"),
                )
                .node(id),
            );
        }
    }
}

/// Answer `index` of the question in `slot`, its edge kept to resolve.
pub(super) fn answer(
    pass: &mut Pass,
    file: &str,
    (slot, index): (usize, usize),
    id: &str,
    needs_when: bool,
    a: Spanned<AnswerDef>,
) -> Option<Answer> {
    let before = pass.lint.count();
    let aat = || Place::new(file, u64::from(a.line), u64::from(a.column));
    let AnswerDef { value, label, next, when, prior, cost } = a.value;
    let value = value.value;
    let label = match label {
        Some(l) => pass.lint.text(file, Some(id), format_args!("label of `{value}`"), l),
        None => {
            pass.lint.missing(&aat(), id, "label", "each answer needs `label: {zh: …, en: …}`");
            None
        }
    };
    if next.is_none() {
        let hint = format!("say which node answer `{value}` leads to");
        pass.lint.missing(&aat(), id, "next", &hint);
    }
    let when = match &when {
        Some(w) => match Condition::compile(&w.value) {
            Ok(c) => Some(c),
            Err(e) => {
                pass.lint.push(
                    Problem::new(
                        ProblemKind::BadCondition,
                        place(file, w),
                        format!("answer `{value}`: {e}"),
                    )
                    .node(id),
                );
                None
            }
        },
        None if needs_when => {
            pass.lint.push(
                Problem::new(
                    ProblemKind::BadCondition,
                    aat(),
                    format!(
                        "answer `{value}` has no `when`, but the question has `fact` or `input`"
                    ),
                )
                .node(id)
                .hint("add `when:`, e.g. `{equals: out}` or `{any: true}` for the fallback"),
            );
            None
        }
        None => None,
    };
    if let Some(pr) = &prior
        && !(0.0..=1.0).contains(&pr.value)
    {
        pass.lint.push(
            Problem::new(
                ProblemKind::BadWeight,
                place(file, pr),
                format!("prior {} is outside 0 to 1", pr.value),
            )
            .node(id),
        );
    }
    if let Some(c) = &cost
        && !(c.value.minutes >= 0.0 && c.value.minutes.is_finite())
    {
        pass.lint.push(
            Problem::new(
                ProblemKind::BadWeight,
                place(file, c),
                format!("cost of {} minutes is not possible", c.value.minutes),
            )
            .node(id),
        );
    }
    let next = next.map(|n| {
        let fi = pass.at[slot].0;
        pass.link(fi, "next", n, Site::Answer { slot, answer: index });
        PENDING
    });
    if pass.lint.count() != before {
        return None;
    }
    Some(Answer {
        next: next?,
        value,
        label: label?,
        when,
        prior: prior.map(|p| p.value),
        cost: cost.map(|c| c.value),
    })
}

/// The answer with the highest prior; the first when none has one.
pub(super) fn most_likely(answers: &[Answer]) -> usize {
    let mut best = 0;
    let mut best_prior = f64::NEG_INFINITY;
    for (i, a) in answers.iter().enumerate() {
        if let Some(p) = a.prior
            && p > best_prior
        {
            best = i;
            best_prior = p;
        }
    }
    best
}
