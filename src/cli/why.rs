//! "Why is this asked?": the question's reason, the path so far, the order
//! in which its answers are checked, and where each answer leads.

use crate::engine::{Outcome, Walk, is_weighted};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::report::{Diagnosis, path_line};
use crate::rules::model::InputKind;
use crate::rules::{NodeBody, NodeId, Question};

/// "Why is this asked?": the question's reason, the path so far, and where
/// each answer leads.
pub fn explain(
    rules: &KnowledgeBase,
    walk: &Walk<'_>,
    node: NodeId,
    q: &Question,
    lang: Lang,
) -> String {
    let mut out = String::new();
    out.push_str(&format!("\n{}\n", lang.pick("为什么问这个:", "Why this is asked:")));
    if let Some(why) = &q.why {
        out.push_str(&format!("  {}\n", why.get(lang)));
    }
    let d = Diagnosis::from_walk(walk, Outcome::NeedsInput(node), &[], lang);
    if !d.path.is_empty() {
        out.push_str(&format!("{}\n", lang.pick("到目前为止:", "So far:")));
        for s in &d.path {
            out.push_str(&format!("  - {}\n", path_line(s, lang)));
        }
    }
    if is_weighted(q) {
        out.push_str(&format!(
            "{}\n",
            if crate::report::verbose() {
                lang.pick(
                    "检查顺序（可能性 ÷ 用时，越大越先查）:",
                    "Check order (probability ÷ minutes, highest first):",
                )
            } else {
                lang.pick(
                    "检查顺序（最可能、最省时的先查）:",
                    "Check order (likeliest and quickest first):",
                )
            }
        ));
        for (k, r) in walk.ordering().rank(rules, node).into_iter().enumerate() {
            let label = q.answers[r.index].label.get(lang);
            let p = r.prior.map_or("–".to_string(), |p| format!("{p:.2}"));
            let why = if r.probed {
                lang.pick("终端已探测，无需检查", "answered by the probe: free").to_string()
            } else if crate::report::verbose() {
                format!("p {p} · {:.0} {}", r.minutes, lang.pick("分钟", "min"))
            } else {
                format!(
                    "{} {:.0} {}",
                    lang.pick("约", "about"),
                    r.minutes,
                    lang.pick("分钟", "min")
                )
            };
            out.push_str(&format!("  {}. {label} ({why})\n", k + 1));
        }
    }
    out.push_str(&format!("{}\n", lang.pick("您的回答决定下一步:", "What your answer decides:")));
    if q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code) && !rules.codes().is_empty() {
        out.push_str(&format!(
            "  • {}\n",
            lang.pick(
                "posdiag 认识的代码 → 直接进入这个代码的排查；其他代码按下面的分类",
                "a code posdiag knows → straight to that code's own checks; any other code as below"
            )
        ));
    }
    for a in &q.answers {
        let leads = match &rules.node(a.next).body {
            NodeBody::Conclusion(c) => {
                format!("{} {}", lang.pick("结论:", "conclusion:"), c.title.get(lang))
            }
            NodeBody::Question(n) => {
                format!("{} {}", lang.pick("接着问:", "then asks:"), n.text.get(lang))
            }
        };
        out.push_str(&format!("  • {} → {leads}\n", a.label.get(lang)));
    }
    out.push_str(&format!(
        "  • {}\n",
        lang.pick(
            "不确定 → 每种可能都保留，先查最可能、最省时的一项；没解决再查下一项",
            "don't know → every possibility stays open: the likeliest, quickest check comes first, the next if it does not fix it"
        )
    ));
    out
}
