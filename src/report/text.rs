//! Plain-text rendering of a diagnosis for a merchant: the fault, what to do,
//! who acts, and how posdiag got there. No colour, no tables: this is what
//! scripts and pipes get; the interactive walk draws its own.

use std::fmt::Write as _;

use super::diagnosis::{Diagnosis, Status};
use super::handoff::Handoff;
use super::names::{actor_name, source_name};
use super::path::{PathStep, StepKind};
use crate::engine::Source;
use crate::lang::Lang;
use crate::rules::model::Outcome;

/// One path step as "question → answer (source)".
pub fn path_line(step: &PathStep, lang: Lang) -> String {
    match step.kind {
        StepKind::Answer => {
            let mut s = format!("{} → {}", step.text, step.label.as_deref().unwrap_or_default());
            if let Some(source) = step.source {
                let _ = write!(s, "  [{}", source_name(source, lang));
                if let Some(input) = &step.input {
                    let _ = write!(s, ": {input}");
                }
                s.push(']');
            }
            if let Some(ev) = step.fact.as_ref().and_then(|f| f.evidence.as_ref()) {
                let _ = write!(s, "\n      {} {ev}", lang.t("text-evidence"));
            }
            s
        }
        StepKind::Rejected => {
            format!("{} {}", lang.t("text-did-not-fix-it"), step.text)
        }
        StepKind::Unknown => {
            let mut s = format!("{} → {}", step.text, lang.t("markdown-don-t-know"));
            if step.source == Some(Source::Earlier) {
                let _ = write!(s, "  [{}]", source_name(Source::Earlier, lang));
            }
            s
        }
    }
}

/// The whole diagnosis as text.
pub fn render_diagnosis(d: &Diagnosis) -> String {
    let lang = d.lang;
    let mut out = String::new();
    if let Some(code) = &d.code {
        let _ = writeln!(out, "{}", super::code::render_code(code, lang));
    }
    match d.status {
        Status::Concluded => {
            if let Some(c) = &d.conclusion {
                let _ = writeln!(out, "{} {}", lang.t("markdown-fault"), c.title);
                let _ = writeln!(out, "  [{}]", c.key);
                let _ = writeln!(out, "\n{}", lang.t("text-what-to-do"));
                for (i, step) in c.remedy.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {step}", i + 1);
                }
                let _ =
                    writeln!(out, "\n{} {}", lang.t("code-who-acts"), actor_name(c.actor, lang));
                let outcome = match c.outcome {
                    Outcome::Resolved => lang.t("text-following-these-steps-should-fix"),
                    Outcome::Escalate => lang.t("text-this-must-be-taken-further"),
                };
                let _ = writeln!(out, "{outcome}");
                if d.assumed {
                    let _ = writeln!(out, "{}", assumed_note(lang));
                }
            }
        }
        Status::NeedsInput => {
            if let Some(p) = &d.pending {
                let _ = writeln!(out, "{} {}", lang.t("text-needs-an-answer"), p.text);
                if super::verbose() {
                    let _ = writeln!(out, "  {} {}", lang.t("text-node"), p.node);
                }
                if let Some(why) = &p.why {
                    let _ = writeln!(out, "  {} {why}", lang.t("text-why"));
                }
                if let Some(input) = &p.input {
                    let _ = writeln!(
                        out,
                        "  {} {}{}",
                        lang.t("text-type-a-value"),
                        input.kind,
                        input.pattern.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                    );
                }
                for c in &p.choices {
                    let _ = writeln!(out, "  --answer {}={}   {}", p.node, c.value, c.label);
                }
                let _ = writeln!(
                    out,
                    "  --answer {}=unknown   {}",
                    p.node,
                    lang.t("markdown-don-t-know")
                );
            }
        }
        Status::NoConclusion => {
            let _ = writeln!(out, "{}", lang.t("text-no-remedy-fixed-it-this"));
        }
    }
    if let Some(h) = &d.handoff {
        let _ = write!(out, "\n{}", render_handoff(h, lang));
    }
    if !d.path.is_empty() {
        let _ = writeln!(out, "\n{}", lang.t("interactive-how-we-got-here"));
        for step in &d.path {
            let _ = writeln!(out, "  - {}", path_line(step, lang));
        }
    }
    out
}

/// The note shown beside a conclusion reached through "don't know".
pub fn assumed_note(lang: Lang) -> &'static str {
    lang.t("text-note-some-answers-were-don")
}

/// The hand-off sheet as text: for the provider or bank.
pub fn render_handoff(h: &Handoff, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.t("text-hand-off-show-or-send"));
    let _ = writeln!(out, "  {} {}", lang.t("markdown-contact"), actor_name(h.actor, lang));
    if let Some(f) = &h.fault {
        let _ = writeln!(out, "  {} {f}", lang.t("markdown-fault"));
    }
    if !h.codes.is_empty() {
        let _ = writeln!(out, "  {} {}", lang.t("text-codes-seen"), h.codes.join("; "));
    }
    if !h.checked.is_empty() {
        let _ = writeln!(out, "  {}", lang.t("markdown-checked"));
        for c in &h.checked {
            let _ = write!(
                out,
                "    - {} → {}  [{}]",
                c.question,
                c.answer,
                source_name(c.source, lang)
            );
            if let Some(ev) = &c.evidence {
                let _ = write!(out, "  {} {ev}", lang.t("text-evidence"));
            }
            out.push('\n');
        }
    }
    if !h.not_checked.is_empty() {
        let _ = writeln!(out, "  {}", lang.t("markdown-could-not-be-checked"));
        for q in &h.not_checked {
            let _ = writeln!(out, "    - {q}");
        }
    }
    if !h.tried.is_empty() {
        let _ = writeln!(out, "  {}", lang.t("markdown-tried-without-success"));
        for t in &h.tried {
            let _ = writeln!(out, "    - {t}");
        }
    }
    for a in &h.ask {
        let _ = writeln!(out, "  {} {a}", lang.t("markdown-please"));
    }
    out
}
