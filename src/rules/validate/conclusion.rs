//! Conclusions: key, title, remedy, actor, outcome, escalation text and
//! `otherwise`, built as they are judged; keys are unique across all files.

use super::Pass;
use super::link::{PENDING, Site};
use super::question::optional_text;
use crate::rules::lint::{is_screaming_snake, place, to_screaming_snake};
use crate::rules::model::NodeDef;
use crate::rules::ruleset::{Conclusion, NodeBody};
use crate::source::{Place, Problem, ProblemKind};

pub(super) fn conclusion(
    pass: &mut Pass,
    file: &str,
    (slot, at): (usize, &dyn Fn() -> Place),
    n: &mut NodeDef,
) -> Option<NodeBody> {
    let id = n.id.value.as_str();
    pass.lint.misplaced(
        id,
        "conclusion",
        &[
            ("text", n.text.as_ref().map(|s| place(file, s))),
            ("why", n.why.as_ref().map(|s| place(file, s))),
            ("fact", n.fact.as_ref().map(|s| place(file, s))),
            ("input", n.input.as_ref().map(|s| place(file, s))),
            ("answers", n.answers.first().map(|s| place(file, s))),
            ("default", n.default.as_ref().map(|s| place(file, s))),
        ],
    );
    match &n.key {
        Some(k) if !is_screaming_snake(&k.value) => pass.lint.push(
            Problem::new(
                ProblemKind::BadKey,
                place(file, k),
                format!("conclusion key `{}` is not SCREAMING_SNAKE", k.value),
            )
            .node(id)
            .hint(format!("e.g. `{}`", to_screaming_snake(&k.value))),
        ),
        Some(_) => {}
        None => pass.lint.missing(
            &at(),
            id,
            "key",
            "a conclusion needs a stable key such as `PRINTER_OUT_OF_PAPER`",
        ),
    }
    let title = match n.title.take() {
        Some(t) => pass.lint.text(file, Some(id), "title", t),
        None => {
            pass.lint.missing(&at(), id, "title", "a conclusion needs `title: {zh: …, en: …}`");
            None
        }
    };
    if n.remedy.is_empty() {
        pass.lint.missing(&at(), id, "remedy", "list the remedy steps, each `{zh: …, en: …}`");
    }
    let mut remedy = Some(Vec::with_capacity(n.remedy.len()));
    for (i, step) in std::mem::take(&mut n.remedy).into_iter().enumerate() {
        let built = pass.lint.text(file, Some(id), format_args!("remedy step {}", i + 1), step);
        match (&mut remedy, built) {
            (Some(steps), Some(step)) => steps.push(step),
            _ => remedy = None,
        }
    }
    if n.actor.is_none() {
        let hint = "one of merchant, cardholder, technician, acquirer, issuer";
        pass.lint.missing(&at(), id, "actor", hint);
    }
    if n.outcome.is_none() {
        pass.lint.missing(&at(), id, "outcome", "`resolved` or `escalate`");
    }
    let escalate = optional_text(&mut pass.lint, file, id, "escalate", n.escalate.take());
    if let Some(k) = &n.key {
        if let Some(&first) = pass.keys.get(k.value.as_str()) {
            let first = pass.place_at(first);
            let problem = Problem::new(
                ProblemKind::DuplicateConclusionKey,
                place(file, k),
                format!("conclusion key `{}` is already used at {first}", k.value),
            )
            .node(id)
            .hint("keys are contracts for scripts; each conclusion needs its own");
            pass.lint.push(problem);
        } else {
            let file_index = pass.at[slot].0;
            pass.keys.insert(k.value.clone(), (file_index, k.line, k.column));
        }
    }
    let otherwise = n.otherwise.take().map(|o| {
        let fi = pass.at[slot].0;
        pass.link(fi, "otherwise", o, Site::Otherwise { slot });
        PENDING
    });
    Some(NodeBody::Conclusion(Conclusion {
        key: n.key.take()?.value,
        title: title?,
        remedy: remedy?,
        actor: n.actor.take()?.value,
        outcome: n.outcome.take()?.value,
        otherwise,
        escalate: escalate?,
    }))
}
