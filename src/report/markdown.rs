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
    let _ = writeln!(out, "# {}\n", lang.pick("posdiag 诊断记录", "posdiag diagnosis"));
    let status = match d.status {
        Status::Concluded => lang.pick("已得出结论", "concluded"),
        Status::NoConclusion => lang.pick("未解决，需要转交", "no remedy fixed it: escalate"),
        Status::NeedsInput => lang.pick("未完成", "unfinished"),
    };
    let _ = writeln!(out, "- {} {status}", lang.pick("状态:", "Status:"));
    if let Some(c) = &d.code {
        let meaning = c.meaning.as_deref().unwrap_or(lang.pick("未知代码", "unknown code"));
        let table =
            c.table.as_ref().map(|t| format!(" ({}: {})", t.id, t.file)).unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} `{}` — {meaning}{table}",
            lang.pick("代码:", "Code:"),
            c.code.as_deref().unwrap_or(&c.typed).replace('`', "'")
        );
    }
    let _ = writeln!(out, "- {} `{}`", lang.pick("起点:", "Started at:"), d.start);
    if d.assumed {
        let _ = writeln!(
            out,
            "- {}",
            lang.pick(
                "部分问题回答了\"不确定\"：结论是其中最可能的原因。",
                "Some answers were \"don't know\": the conclusion is the most likely cause."
            )
        );
    }
    if let Some(c) = &d.conclusion {
        let _ = writeln!(out, "\n## {} {}\n", lang.pick("故障:", "Fault:"), c.title);
        let _ = writeln!(out, "`{}`\n", c.key);
        let _ = writeln!(out, "### {}\n", lang.pick("处理步骤", "What to do"));
        for (i, r) in c.remedy.iter().enumerate() {
            let _ = writeln!(out, "{}. {r}", i + 1);
        }
        let _ = writeln!(
            out,
            "\n- {} {}",
            lang.pick("由谁处理:", "Who acts:"),
            actor_name(c.actor, lang)
        );
        let outcome = match c.outcome {
            Outcome::Resolved => lang.pick("按步骤处理后应可恢复", "these steps should fix it"),
            Outcome::Escalate => lang.pick("需要转交处理", "must be taken further"),
        };
        let _ = writeln!(out, "- {} {outcome}", lang.pick("结果:", "Outcome:"));
    }
    if let Some(h) = &d.handoff {
        let _ = writeln!(out, "\n## {}\n", lang.pick("转交说明", "Hand-off"));
        let _ = writeln!(out, "- {} {}", lang.pick("联系:", "Contact:"), actor_name(h.actor, lang));
        if let Some(f) = &h.fault {
            let _ = writeln!(out, "- {} {f}", lang.pick("故障:", "Fault:"));
        }
        for c in &h.codes {
            let _ =
                writeln!(out, "- {} `{}`", lang.pick("代码:", "Code seen:"), c.replace('`', "'"));
        }
        for c in &h.checked {
            let _ = write!(
                out,
                "- {} {} → {} ({})",
                lang.pick("已检查:", "Checked:"),
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
            let _ = writeln!(out, "- {} {q}", lang.pick("未能确认:", "Could not be checked:"));
        }
        for t in &h.tried {
            let _ = writeln!(out, "- {} {t}", lang.pick("已尝试但无效:", "Tried without success:"));
        }
        for a in &h.ask {
            let _ = writeln!(out, "- {} {a}", lang.pick("请求:", "Please:"));
        }
    }
    if let Some(p) = &d.pending {
        let _ = writeln!(
            out,
            "\n## {}\n\n{} (`{}`)",
            lang.pick("待回答", "Waiting for an answer"),
            p.text,
            p.node
        );
    }
    let _ = writeln!(out, "\n## {}\n", lang.pick("排查过程", "How it was reached"));
    let _ = writeln!(
        out,
        "| # | {} | {} | {} |\n|---|---|---|---|",
        lang.pick("问题", "Question"),
        lang.pick("回答", "Answer"),
        lang.pick("来源", "Source")
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
            StepKind::Rejected => {
                (lang.pick("✗ 未解决", "✗ did not fix it").to_string(), String::new())
            }
            StepKind::Unknown => (
                lang.pick("不确定", "don't know").to_string(),
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
        let _ = writeln!(out, "\n## {}\n", lang.pick("终端信息", "Facts"));
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
