//! The hand-off sheet: what a merchant gives the provider or bank when the
//! fault must go further. It is composed from the walk alone — what was
//! answered and by whom (with a probe's bytes), what could not be checked,
//! which remedies were tried and failed, which codes were seen — so it never
//! claims a check that was not made. The rules add only what to ask for.

use serde::{Deserialize, Serialize};

use super::path::{PathStep, StepKind};
use crate::engine::{Source, Walk};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::rules::NodeId;
use crate::rules::model::Actor;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    /// Who to contact.
    pub actor: Actor,
    /// The fault found, when a conclusion sent it further.
    pub fault: Option<String>,
    /// What was checked, in order, and who said so.
    pub checked: Vec<Checked>,
    /// Questions nobody could answer ("don't know").
    pub not_checked: Vec<String>,
    /// Remedies tried without success, in order.
    pub tried: Vec<String>,
    /// Codes seen on the terminal or read from it, with their meaning.
    pub codes: Vec<String>,
    /// What to ask of them (the rules' words, else a general request).
    pub ask: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    pub question: String,
    pub answer: String,
    pub source: Source,
    /// The exchange behind a probed answer.
    pub evidence: Option<String>,
}

/// Compose the hand-off for a walk. `concluded` is the conclusion that sends
/// the fault further, `None` when no remedy was left.
pub fn handoff(
    walk: &Walk<'_>,
    path: &[PathStep],
    concluded: Option<NodeId>,
    lang: Lang,
) -> Handoff {
    let rules = walk.rules();
    let rejected: Vec<_> =
        walk.rejected().into_iter().filter_map(|id| rules.conclusion(id)).collect();
    let mut checked = Vec::new();
    let mut not_checked = Vec::new();
    let mut codes = Vec::new();
    for s in path {
        match s.kind {
            StepKind::Answer => {
                if let Some(c) = s.code.as_ref().filter(|c| c.known) {
                    let code = c.code.as_deref().unwrap_or(&c.typed);
                    let line = format!("{code}: {}", c.meaning.as_deref().unwrap_or_default());
                    if !codes.contains(&line) {
                        codes.push(line);
                    }
                }
                checked.push(Checked {
                    question: s.text.clone(),
                    answer: s.label.clone().unwrap_or_default(),
                    source: s.source.unwrap_or(Source::Interactive),
                    evidence: s.fact.as_ref().and_then(|f| f.evidence.clone()),
                });
            }
            StepKind::Unknown => not_checked.push(s.text.clone()),
            StepKind::Rejected => {}
        }
    }
    let tried = rejected.iter().map(|c| c.title.get(lang).to_string()).collect();
    let found = concluded.and_then(|id| rules.conclusion(id));
    let mut ask: Vec<String> = found
        .into_iter()
        .chain(rejected.iter().rev().copied())
        .filter_map(|c| c.escalate.as_ref().map(|e| e.get(lang).to_string()))
        .take(1)
        .collect();
    if ask.is_empty() {
        ask.push(general_request(lang).to_string());
    }
    let actor = match found {
        Some(c) => c.actor,
        None => rejected.last().map_or(Actor::Acquirer, |c| match c.actor {
            Actor::Merchant | Actor::Technician => Actor::Acquirer,
            other => other,
        }),
    };
    Handoff {
        actor,
        fault: found.map(|c| c.title.get(lang).to_string()),
        checked,
        not_checked,
        tried,
        codes,
        ask,
    }
}

/// Whether a walk that ended at `concluded` needs a hand-off: no remedy was
/// left, or the conclusion itself sends the fault further.
pub fn needs_handoff(rules: &KnowledgeBase, concluded: Option<NodeId>) -> bool {
    match concluded.and_then(|id| rules.conclusion(id)) {
        None => true,
        Some(c) => c.outcome == crate::rules::model::Outcome::Escalate,
    }
}

fn general_request(lang: Lang) -> &'static str {
    lang.t("handoff-please-find-the-cause-from")
}
