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
    out.push_str(&format!("\n{}\n", lang.t("why-why-this-is-asked")));
    if let Some(why) = &q.why {
        out.push_str(&format!("  {}\n", why.get(lang)));
    }
    let d = Diagnosis::from_walk(walk, Outcome::NeedsInput(node), &[], lang);
    if !d.path.is_empty() {
        out.push_str(&format!("{}\n", lang.t("why-so-far")));
        for s in &d.path {
            out.push_str(&format!("  - {}\n", path_line(s, lang)));
        }
    }
    if is_weighted(q) {
        out.push_str(&format!(
            "{}\n",
            if crate::report::verbose() {
                lang.t("why-check-order-probability-minutes-highest")
            } else {
                lang.t("why-check-order-likeliest-and-quickest")
            }
        ));
        for (k, r) in walk.ordering().rank(rules, node).into_iter().enumerate() {
            let label = q.answers[r.index].label.get(lang);
            let p = r.prior.map_or("–".to_string(), |p| format!("{p:.2}"));
            let why = if r.probed {
                lang.t("why-answered-by-the-probe-free").to_string()
            } else if crate::report::verbose() {
                let minutes = format!("{:.0}", r.minutes);
                lang.t_args("why-effort-verbose", &[("p", p.into()), ("minutes", minutes.into())])
            } else {
                let minutes = format!("{:.0}", r.minutes);
                lang.t_args("why-effort", &[("minutes", minutes.into())])
            };
            out.push_str(&format!("  {}. {label} ({why})\n", k + 1));
        }
    }
    out.push_str(&format!("{}\n", lang.t("why-what-your-answer-decides")));
    if q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code) && !rules.codes().is_empty() {
        out.push_str(&format!("  • {}\n", lang.t("why-a-code-posdiag-knows-straight")));
    }
    for a in &q.answers {
        let leads = match &rules.node(a.next).body {
            NodeBody::Conclusion(c) => {
                lang.t_args("why-leads-to-conclusion", &[("title", c.title.get(lang).into())])
            }
            NodeBody::Question(n) => {
                lang.t_args("why-leads-to-question", &[("question", n.text.get(lang).into())])
            }
        };
        out.push_str(&format!("  • {} → {leads}\n", a.label.get(lang)));
    }
    out.push_str(&format!("  • {}\n", lang.t("why-don-t-know-every-possibility")));
    out
}
