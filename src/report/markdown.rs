//! The transcript of a diagnosis as Markdown, for `--report FILE.md`: what a
//! merchant attaches to a ticket or a technician files. Texts were masked
//! where they entered; nothing here adds data.

use std::fmt::Write as _;

use super::diagnosis::{Diagnosis, Status};
use super::names::{actor_name, source_name};
use super::path::StepKind;
use crate::rules::model::Outcome;

/// Escape table-breaking characters in a cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

pub fn render_markdown(d: &Diagnosis) -> String {
    let lang = d.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lang.t("markdown-posdiag-diagnosis"));
    let status = match d.status {
        Status::Concluded => lang.t("markdown-concluded"),
        Status::NoConclusion => lang.t("markdown-no-remedy-fixed-it-escalate"),
        Status::NeedsInput => lang.t("markdown-unfinished"),
    };
    let _ = writeln!(out, "- {} {status}", lang.t("markdown-status"));
    if let Some(c) = &d.code {
        let meaning = c.meaning.as_deref().unwrap_or(lang.t("markdown-unknown-code"));
        let table =
            c.table.as_ref().map(|t| format!(" ({}: {})", t.id, t.file)).unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} `{}` — {meaning}{table}",
            lang.t("markdown-code"),
            c.code.as_deref().unwrap_or(&c.typed).replace('`', "'")
        );
    }
    let _ = writeln!(out, "- {} `{}`", lang.t("markdown-started-at"), d.start);
    if d.assumed {
        let _ = writeln!(out, "- {}", lang.t("markdown-some-answers-were-don-t"));
    }
    if let Some(c) = &d.conclusion {
        let _ = writeln!(out, "\n## {} {}\n", lang.t("markdown-fault"), c.title);
        let _ = writeln!(out, "`{}`\n", c.key);
        let _ = writeln!(out, "### {}\n", lang.t("markdown-what-to-do"));
        for (i, r) in c.remedy.iter().enumerate() {
            let _ = writeln!(out, "{}. {r}", i + 1);
        }
        let _ = writeln!(out, "\n- {} {}", lang.t("code-who-acts"), actor_name(c.actor, lang));
        let outcome = match c.outcome {
            Outcome::Resolved => lang.t("markdown-these-steps-should-fix-it"),
            Outcome::Escalate => lang.t("markdown-must-be-taken-further"),
        };
        let _ = writeln!(out, "- {} {outcome}", lang.t("markdown-outcome"));
    }
    if let Some(h) = &d.handoff {
        let _ = writeln!(out, "\n## {}\n", lang.t("markdown-hand-off"));
        let _ = writeln!(out, "- {} {}", lang.t("markdown-contact"), actor_name(h.actor, lang));
        if let Some(f) = &h.fault {
            let _ = writeln!(out, "- {} {f}", lang.t("markdown-fault"));
        }
        for c in &h.codes {
            let _ = writeln!(out, "- {} `{}`", lang.t("markdown-code-seen"), c.replace('`', "'"));
        }
        for c in &h.checked {
            let _ = write!(
                out,
                "- {} {} → {} ({})",
                lang.t("markdown-checked"),
                c.question,
                c.answer,
                source_name(c.source, lang)
            );
            if let Some(ev) = &c.evidence {
                let _ = write!(out, " `{}`", ev.replace('`', "'"));
            }
            out.push('\n');
        }
        for q in &h.not_checked {
            let _ = writeln!(out, "- {} {q}", lang.t("markdown-could-not-be-checked"));
        }
        for t in &h.tried {
            let _ = writeln!(out, "- {} {t}", lang.t("markdown-tried-without-success"));
        }
        for a in &h.ask {
            let _ = writeln!(out, "- {} {a}", lang.t("markdown-please"));
        }
    }
    if let Some(p) = &d.pending {
        let _ = writeln!(
            out,
            "\n## {}\n\n{} (`{}`)",
            lang.t("markdown-waiting-for-an-answer"),
            p.text,
            p.node
        );
    }
    let _ = writeln!(out, "\n## {}\n", lang.t("markdown-how-it-was-reached"));
    let _ = writeln!(
        out,
        "| # | {} | {} | {} |\n|---|---|---|---|",
        lang.t("stats-question"),
        lang.t("stats-answer"),
        lang.t("markdown-source")
    );
    for (i, s) in d.path.iter().enumerate() {
        let (answer, source) = match s.kind {
            StepKind::Answer => {
                let mut src =
                    s.source.map(|x| source_name(x, lang).to_string()).unwrap_or_default();
                if let Some(input) = &s.input {
                    src.push_str(&format!(": `{input}`"));
                }
                if let Some(ev) = s.fact.as_ref().and_then(|f| f.evidence.as_ref()) {
                    src.push_str(&format!("<br>`{ev}`"));
                }
                (s.label.clone().unwrap_or_default(), src)
            }
            StepKind::Rejected => (lang.t("markdown-did-not-fix-it").to_string(), String::new()),
            StepKind::Unknown => (
                lang.t("markdown-don-t-know").to_string(),
                s.source.map(|x| source_name(x, lang).to_string()).unwrap_or_default(),
            ),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            i + 1,
            cell(&s.text),
            cell(&answer),
            cell(&source)
        );
    }
    if !d.facts.is_empty() {
        let _ = writeln!(out, "\n## {}\n", lang.t("markdown-facts"));
        for f in &d.facts {
            let _ = write!(out, "- `{}` = `{}`", f.name, f.value);
            if let Some(ev) = &f.evidence {
                let _ = write!(out, " — `{}`", ev.replace('`', "'"));
            }
            out.push('\n');
        }
    }
    out
}
