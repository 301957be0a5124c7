//! `posdiag stats`: what the local history says. Fault frequencies overall
//! and by tree, and each question's authored priors beside the learned ones,
//! so a knowledge-base author can review what use has taught.

use std::collections::BTreeMap;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::Serialize;

use super::arguments::{Format, StatsArgs};
use super::context::Context;
use crate::error::Error;
use crate::exit::Exit;
use crate::history::{self, LearnedPrior};

#[derive(Debug, Serialize)]
struct StatsOutput {
    version: u32,
    history: String,
    sessions: usize,
    skipped_lines: usize,
    faults: Vec<FaultCount>,
    trees: Vec<TreeCount>,
    priors: Vec<LearnedPrior>,
}

#[derive(Debug, Serialize)]
struct FaultCount {
    key: String,
    tree: String,
    count: usize,
    share: f64,
}

#[derive(Debug, Serialize)]
struct TreeCount {
    tree: String,
    count: usize,
    share: f64,
}

pub fn run(ctx: &Context, args: &StatsArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    let path = history::default_path()?;
    let mut h = history::read(&path)?;
    h.retain_known(&rules);
    let total = h.entries.len();
    let share = |n: usize| if total == 0 { 0.0 } else { n as f64 / total as f64 };
    let mut by_key: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut by_tree: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &h.entries {
        *by_key.entry((e.key.as_str(), e.tree.as_str())).or_insert(0) += 1;
        *by_tree.entry(e.tree.as_str()).or_insert(0) += 1;
    }
    let mut faults: Vec<FaultCount> = by_key
        .into_iter()
        .map(|((key, tree), count)| FaultCount {
            key: key.into(),
            tree: tree.into(),
            count,
            share: share(count),
        })
        .collect();
    faults.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    let mut trees: Vec<TreeCount> = by_tree
        .into_iter()
        .map(|(tree, count)| TreeCount { tree: tree.into(), count, share: share(count) })
        .collect();
    trees.sort_by(|a, b| b.count.cmp(&a.count).then(a.tree.cmp(&b.tree)));
    let (_, priors) = history::learn(&rules, &h);
    let out = StatsOutput {
        version: 1,
        history: path.display().to_string(),
        sessions: total,
        skipped_lines: h.skipped,
        faults,
        trees,
        priors,
    };
    match args.format {
        Format::Json => crate::outln!("{}", serde_json::to_string_pretty(&out).unwrap_or_default()),
        Format::Text => print_text(&out, ctx.lang),
    }
    Ok(Exit::Ok)
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t
}

fn print_text(out: &StatsOutput, lang: crate::lang::Lang) {
    crate::outln!(
        "{} {} ({}: {})",
        lang.t("stats-history"),
        out.history,
        lang.t("stats-confirmed-faults"),
        out.sessions
    );
    if out.skipped_lines > 0 {
        crate::outln!("{} {}", lang.t("stats-unreadable-lines-skipped"), out.skipped_lines);
    }
    if out.sessions == 0 {
        crate::outln!("{}", lang.t("stats-nothing-recorded-yet-each-interactive"));
    } else {
        let mut t = table();
        t.set_header(vec![lang.t("stats-fault"), lang.t("stats-tree"), "n", "%"]);
        for f in &out.faults {
            t.add_row(vec![
                f.key.clone(),
                f.tree.clone(),
                f.count.to_string(),
                format!("{:.0}", f.share * 100.0),
            ]);
        }
        crate::outln!("{t}");
        let mut t = table();
        t.set_header(vec![lang.t("stats-tree"), "n", "%"]);
        for tr in &out.trees {
            t.add_row(vec![
                tr.tree.clone(),
                tr.count.to_string(),
                format!("{:.0}", tr.share * 100.0),
            ]);
        }
        crate::outln!("{t}");
    }
    let mut t = table();
    t.set_header(vec![
        lang.t("stats-question"),
        lang.t("stats-answer"),
        lang.t("stats-authored-prior"),
        lang.t("stats-learned"),
        "n",
    ]);
    for p in &out.priors {
        t.add_row(vec![
            p.node.clone(),
            p.answer.clone(),
            format!("{:.3}", p.authored),
            format!("{:.3}", p.learned),
            p.count.to_string(),
        ]);
    }
    crate::outln!("{}", lang.t("stats-priors-authored-and-learned"));
    crate::outln!("{t}");
}
