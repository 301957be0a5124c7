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
                let _ = write!(s, "\n      {} {ev}", lang.pick("依据:", "evidence:"));
            }
            s
        }
        StepKind::Rejected => {
            format!("{} {}", lang.pick("✗ 未解决:", "✗ did not fix it:"), step.text)
        }
        StepKind::Unknown => {
            let mut s = format!("{} → {}", step.text, lang.pick("不确定", "don't know"));
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
                let _ = writeln!(out, "{} {}", lang.pick("故障:", "Fault:"), c.title);
                let _ = writeln!(out, "  [{}]", c.key);
                let _ = writeln!(out, "\n{}", lang.pick("处理步骤:", "What to do:"));
                for (i, step) in c.remedy.iter().enumerate() {
                    let _ = writeln!(out, "  {}. {step}", i + 1);
                }
                let _ = writeln!(
                    out,
                    "\n{} {}",
                    lang.pick("由谁处理:", "Who acts:"),
                    actor_name(c.actor, lang)
                );
                let outcome = match c.outcome {
                    Outcome::Resolved => lang
                        .pick("按上述步骤处理后应可恢复。", "Following these steps should fix it."),
                    Outcome::Escalate => lang.pick("需要转交处理。", "This must be taken further."),
                };
                let _ = writeln!(out, "{outcome}");
                if d.assumed {
                    let _ = writeln!(out, "{}", assumed_note(lang));
                }
            }
        }
        Status::NeedsInput => {
            if let Some(p) = &d.pending {
                let _ = writeln!(out, "{} {}", lang.pick("需要回答:", "Needs an answer:"), p.text);
                if super::verbose() {
                    let _ = writeln!(out, "  {} {}", lang.pick("节点:", "node:"), p.node);
                }
                if let Some(why) = &p.why {
                    let _ = writeln!(out, "  {} {why}", lang.pick("原因:", "why:"));
                }
                if let Some(input) = &p.input {
                    let _ = writeln!(
                        out,
                        "  {} {}{}",
                        lang.pick("请输入:", "type a value:"),
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
                    lang.pick("不确定", "don't know")
                );
            }
        }
        Status::NoConclusion => {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    "未能找到解决办法，需要转交处理。",
                    "No remedy fixed it: this must be escalated."
                )
            );
        }
    }
    if let Some(h) = &d.handoff {
        let _ = write!(out, "\n{}", render_handoff(h, lang));
    }
    if !d.path.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("排查过程:", "How we got here:"));
        for step in &d.path {
            let _ = writeln!(out, "  - {}", path_line(step, lang));
        }
    }
    out
}

/// The note shown beside a conclusion reached through "don't know".
pub fn assumed_note(lang: Lang) -> &'static str {
    lang.pick(
        "注意: 有些问题回答了\"不确定\"，这是目前最可能的原因；如果没解决，请选\"否，还没解决\"，会接着查下一个可能。",
        "Note: some answers were \"don't know\", so this is the most likely cause so far; if it does not fix it, say so and the next candidate follows.",
    )
}

/// The hand-off sheet as text: for the provider or bank.
pub fn render_handoff(h: &Handoff, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        lang.pick("转交说明（可出示或发给服务商）:", "Hand-off (show or send it to them):")
    );
    let _ = writeln!(out, "  {} {}", lang.pick("联系:", "Contact:"), actor_name(h.actor, lang));
    if let Some(f) = &h.fault {
        let _ = writeln!(out, "  {} {f}", lang.pick("故障:", "Fault:"));
    }
    if !h.codes.is_empty() {
        let _ = writeln!(out, "  {} {}", lang.pick("代码:", "Codes seen:"), h.codes.join("; "));
    }
    if !h.checked.is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("已检查:", "Checked:"));
        for c in &h.checked {
            let _ = write!(
                out,
                "    - {} → {}  [{}]",
                c.question,
                c.answer,
                source_name(c.source, lang)
            );
            if let Some(ev) = &c.evidence {
                let _ = write!(out, "  {} {ev}", lang.pick("依据:", "evidence:"));
            }
            out.push('\n');
        }
    }
    if !h.not_checked.is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("未能确认:", "Could not be checked:"));
        for q in &h.not_checked {
            let _ = writeln!(out, "    - {q}");
        }
    }
    if !h.tried.is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("已尝试但无效:", "Tried without success:"));
        for t in &h.tried {
            let _ = writeln!(out, "    - {t}");
        }
    }
    for a in &h.ask {
        let _ = writeln!(out, "  {} {a}", lang.pick("请求:", "Please:"));
    }
    out
}
