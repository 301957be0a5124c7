//! Plain-text rendering of a diagnosis for a merchant: the fault, what to do,
//! who acts, and how posdiag got there. No colour, no tables: this is what
//! scripts and pipes get; the interactive walk draws its own.

use std::fmt::Write as _;

use super::diagnosis::{Diagnosis, PathStep, Status, StepKind};
use crate::engine::Source;
use crate::lang::Lang;
use crate::rules::model::{Actor, Outcome};

/// Name of an actor in the chosen language.
pub fn actor_name(actor: Actor, lang: Lang) -> &'static str {
    match actor {
        Actor::Merchant => lang.pick("商户", "merchant"),
        Actor::Cardholder => lang.pick("持卡人", "cardholder"),
        Actor::Technician => lang.pick("维修技术员", "technician"),
        Actor::Acquirer => lang.pick("收单机构/POS服务商", "acquirer / POS provider"),
        Actor::Issuer => lang.pick("发卡银行", "card issuer"),
    }
}

/// Where an answer came from, in the chosen language.
pub fn source_name(source: Source, lang: Lang) -> &'static str {
    match source {
        Source::AnswersFile => lang.pick("答案文件", "answers file"),
        Source::CommandLine => lang.pick("命令行", "command line"),
        Source::Interactive => lang.pick("您的回答", "you"),
        Source::Probe => lang.pick("终端探测", "probe"),
        Source::Fact => lang.pick("已知事实", "fact"),
        Source::Assumed => lang.pick("不确定，按默认", "assumed (don't know)"),
        Source::Retry => lang.pick("上一处理无效，改查下一项", "retry after a remedy failed"),
    }
}

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
        StepKind::Skipped => {
            format!("{} {}", lang.pick("↷ 已试过:", "↷ already tried:"), step.text)
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
                if let Some(e) = &c.escalate {
                    let _ = writeln!(out, "{} {e}", lang.pick("请告知:", "Tell them:"));
                }
                if d.assumed {
                    let _ = writeln!(
                        out,
                        "{}",
                        lang.pick(
                            "注意: 部分回答为\"不确定\"，结论基于默认假设。",
                            "Note: some answers were \"don't know\"; this conclusion rests on assumptions."
                        )
                    );
                }
            }
        }
        Status::NeedsInput => {
            if let Some(p) = &d.pending {
                let _ = writeln!(out, "{} {}", lang.pick("需要回答:", "Needs an answer:"), p.text);
                let _ = writeln!(out, "  {} {}", lang.pick("节点:", "node:"), p.node);
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
            if let Some(e) = &d.escalation {
                if let Some(a) = e.actor {
                    let _ =
                        writeln!(out, "{} {}", lang.pick("联系:", "Contact:"), actor_name(a, lang));
                }
                if !e.tried.is_empty() {
                    let _ = writeln!(out, "{}", lang.pick("已尝试:", "Tried:"));
                    for t in &e.tried {
                        let _ = writeln!(out, "  - {t}");
                    }
                }
                for t in &e.tell {
                    let _ = writeln!(out, "{} {t}", lang.pick("请告知:", "Tell them:"));
                }
            }
        }
    }
    if !d.path.is_empty() {
        let _ = writeln!(out, "\n{}", lang.pick("排查过程:", "How we got here:"));
        for step in &d.path {
            let _ = writeln!(out, "  - {}", path_line(step, lang));
        }
    }
    out
}
