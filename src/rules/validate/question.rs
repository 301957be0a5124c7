//! Questions: their texts, free-text input, `default` and answers (see
//! `answer`), built as they are judged.

use super::Pass;
use super::answer::{answer, most_likely, values};
use crate::lang::Localized;
use crate::rules::condition::compile_regex;
use crate::rules::lint::{Lint, place};
use crate::rules::model::{NodeDef, Text};
use crate::rules::ruleset::{Input, NodeBody, Question};
use crate::source::Spanned;
use crate::source::{Place, Problem, ProblemKind, did_you_mean};

/// An optional text: `Some(None)` when absent, `None` when it has problems.
pub(super) fn optional_text(
    lint: &mut Lint,
    file: &str,
    id: &str,
    field: &str,
    t: Option<Spanned<Text>>,
) -> Option<Option<Localized>> {
    match t {
        Some(t) => lint.text(file, Some(id), field, t).map(Some),
        None => Some(None),
    }
}

pub(super) fn question(
    pass: &mut Pass,
    file: &str,
    (slot, at): (usize, &dyn Fn() -> Place),
    n: &mut NodeDef,
) -> Option<NodeBody> {
    let id = n.id.value.as_str();
    pass.lint.misplaced(
        id,
        "question",
        &[
            ("key", n.key.as_ref().map(|s| place(file, s))),
            ("title", n.title.as_ref().map(|s| place(file, s))),
            ("remedy", n.remedy.first().map(|s| place(file, s))),
            ("actor", n.actor.as_ref().map(|s| place(file, s))),
            ("outcome", n.outcome.as_ref().map(|s| place(file, s))),
            ("otherwise", n.otherwise.as_ref().map(|s| place(file, s))),
            ("escalate", n.escalate.as_ref().map(|s| place(file, s))),
        ],
    );
    let text = match n.text.take() {
        Some(t) => pass.lint.text(file, Some(id), "text", t),
        None => {
            pass.lint.missing(&at(), id, "text", "a question needs `text: {zh: …, en: …}`");
            None
        }
    };
    let why = optional_text(&mut pass.lint, file, id, "why", n.why.take());
    let needs_when = n.fact.is_some() || n.input.is_some();
    let input = match n.input.take() {
        Some(input) => self::input(&mut pass.lint, file, id, input),
        None => Some(None),
    };
    if n.answers.is_empty() {
        pass.lint.push(
            Problem::new(ProblemKind::NoAnswers, at(), "question has no answers")
                .node(id)
                .hint("add `answers:` with at least one `value`, `label` and `next`"),
        );
        return None;
    }
    values(&mut pass.lint, file, id, &n.answers);
    let leaf = n.answers.iter().all(|a| a.value.next.is_none());
    let explicit = match &n.default {
        Some(d) => {
            let found = n.answers.iter().position(|a| a.value.value.value == d.value);
            if found.is_none() {
                let values: Vec<&str> =
                    n.answers.iter().map(|a| a.value.value.value.as_str()).collect();
                pass.lint.push(
                    Problem::new(
                        ProblemKind::BadDefault,
                        place(file, d),
                        format!("`default: {}` names no answer", d.value),
                    )
                    .node(id)
                    .maybe_hint(
                        did_you_mean(&d.value, values.iter().copied())
                            .or_else(|| Some(format!("answers are: {}", values.join(", ")))),
                    ),
                );
            }
            Some(found)
        }
        None => None,
    };
    let mut answers = Some(Vec::with_capacity(n.answers.len()));
    for (i, a) in std::mem::take(&mut n.answers).into_iter().enumerate() {
        let built = answer(pass, file, (slot, i), &n.id.value, needs_when, a);
        match (&mut answers, built) {
            (Some(list), Some(a)) => list.push(a),
            _ => answers = None,
        }
    }
    if leaf {
        pass.lint.push(
            Problem::new(
                ProblemKind::LeafNotConclusion,
                at(),
                "no answer leads anywhere, so the walk ends here without a conclusion",
            )
            .node(n.id.value.as_str())
            .hint("give the answers `next`, or make this node a `conclusion`"),
        );
    }
    let answers = answers?;
    let default = match explicit {
        Some(found) => found?,
        None => most_likely(&answers),
    };
    Some(NodeBody::Question(Question {
        text: text?,
        why: why?,
        fact: n.fact.take().map(|f| f.value),
        input: input?,
        answers,
        default,
        explicit_default: explicit.is_some(),
    }))
}

fn input(
    lint: &mut Lint,
    file: &str,
    id: &str,
    input: Spanned<Box<crate::rules::model::InputSpec>>,
) -> Option<Option<Input>> {
    let before = lint.count();
    let pattern = match &input.value.pattern {
        Some(pat) => match compile_regex(pat) {
            Ok(p) => Some(p),
            Err(e) => {
                lint.push(
                    Problem::new(
                        ProblemKind::BadCondition,
                        place(file, &input),
                        format!("`input.pattern`: {e}"),
                    )
                    .node(id),
                );
                None
            }
        },
        None => None,
    };
    let hint =
        input.value.hint.map(|h| Spanned { value: h, line: input.line, column: input.column });
    let hint = optional_text(lint, file, id, "input.hint", hint)?;
    (lint.count() == before).then_some(Some(Input { kind: input.value.kind, pattern, hint }))
}
