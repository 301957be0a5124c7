//! The conclusion and the path drawn as tables (comfy-table) for the
//! interactive walk: the fault, what to do, who acts, and how it was reached.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use super::diagnosis::ConclusionOut;
use super::names::{actor_name, source_name};
use super::path::{PathStep, StepKind};
use crate::lang::Lang;
use crate::rules::model::Outcome;

fn table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t
}

/// The conclusion: fault, key, remedy steps, who acts, outcome.
pub fn conclusion_table(c: &ConclusionOut, lang: Lang, width: Option<u16>) -> String {
    let mut t = table(width);
    let remedy: Vec<String> =
        c.remedy.iter().enumerate().map(|(i, r)| format!("{}. {r}", i + 1)).collect();
    t.add_row(vec![lang.t("stats-fault").to_string(), format!("{}\n[{}]", c.title, c.key)]);
    t.add_row(vec![lang.t("markdown-what-to-do").to_string(), remedy.join("\n")]);
    t.add_row(vec![lang.t("table-who-acts").to_string(), actor_name(c.actor, lang).to_string()]);
    let outcome = match c.outcome {
        Outcome::Resolved => lang.t("markdown-these-steps-should-fix-it"),
        Outcome::Escalate => lang.t("markdown-must-be-taken-further"),
    };
    t.add_row(vec![lang.t("table-outcome").to_string(), outcome.to_string()]);
    t.to_string()
}

/// How the walk got there: each question, its answer and where the answer
/// came from (with the evidence behind automatic ones).
pub fn path_table(path: &[PathStep], lang: Lang, width: Option<u16>) -> String {
    let mut t = table(width);
    t.set_header(vec![
        "#",
        lang.t("stats-question"),
        lang.t("stats-answer"),
        lang.t("markdown-source"),
    ]);
    for (i, s) in path.iter().enumerate() {
        let (answer, source) = match s.kind {
            StepKind::Answer => {
                let mut source =
                    s.source.map(|x| source_name(x, lang).to_string()).unwrap_or_default();
                if let Some(input) = &s.input {
                    source.push_str(&format!(": {input}"));
                }
                if let Some(ev) = s.fact.as_ref().and_then(|f| f.evidence.as_ref()) {
                    source.push_str(&format!("\n{ev}"));
                }
                (s.label.clone().unwrap_or_default(), source)
            }
            StepKind::Rejected => (lang.t("markdown-did-not-fix-it").to_string(), String::new()),
            StepKind::Unknown => (
                lang.t("markdown-don-t-know").to_string(),
                s.source.map(|x| source_name(x, lang).to_string()).unwrap_or_default(),
            ),
        };
        t.add_row(vec![(i + 1).to_string(), s.text.clone(), answer, source]);
    }
    t.to_string()
}
