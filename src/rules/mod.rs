//! The rule trees: the files' model (`model`), parsing many at once
//! (`load`), checking and building in one pass (`validate`, with `lint` and
//! `graph`) into the checked, walkable [`RuleSet`]. [`load()`] runs the
//! whole pipeline and returns every problem. Reading one file, its places
//! and its problems are the file machinery's ([`crate::source`]).

mod condition;
pub mod graph;
#[cfg(test)]
mod json_tests;
pub(crate) mod lint;
mod load;
mod ruleset;
pub mod synth;
mod synth_json;
mod validate;

use serde::Serialize;

use crate::source::{Problem, SourceFile, json};

pub use condition::{Condition, ConditionError, Pattern};
/// The serde mirror of the rule files (the `posdiag-model` crate).
pub use posdiag_model::rules as model;
pub use ruleset::{Answer, Conclusion, Input, Node, NodeBody, NodeId, Question, RuleSet, Tree};
pub use validate::RESERVED_VALUES;

/// What loading a rule set found.
#[derive(Debug)]
pub struct Loaded {
    /// The walkable rule set, when there were no problems.
    pub rules: Option<RuleSet>,
    pub summary: Summary,
    pub problems: Vec<Problem>,
    /// Every node id of the files that parsed (code tables are checked
    /// against them).
    pub ids: Vec<String>,
}

/// Counts for `posdiag check`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub files: usize,
    pub trees: Vec<TreeSummary>,
    pub nodes: usize,
    pub conclusions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreeSummary {
    pub id: String,
    pub file: String,
    pub nodes: usize,
    pub conclusions: usize,
}

/// Parse, check and build. `extra_roots` are entry points besides the triage
/// root (code tables); they count for reachability. JSON files are read
/// without places first; when there is a problem they are read again with
/// them, so every problem has its `file:line:column` whatever the format.
pub fn load(files: &[SourceFile], extra_roots: &[String]) -> Loaded {
    let loaded = load_with(files, extra_roots, false);
    if loaded.problems.is_empty() || !files.iter().any(|f| json::is_json(&f.name)) {
        return loaded;
    }
    load_with(files, extra_roots, true)
}

fn load_with(files: &[SourceFile], extra_roots: &[String], places: bool) -> Loaded {
    let mut problems = Vec::new();
    let mut trees: Vec<TreeSummary> = Vec::new();
    let mut builder = validate::Builder::new(likely_nodes(files));
    // Each file is judged and built as soon as it is parsed, while it is
    // still in cache (see `validate`).
    for (f, result) in files.iter().zip(load::parse_rule_files(files, places)) {
        match result {
            Ok(file) => {
                trees.push(TreeSummary {
                    id: file.tree.value.clone(),
                    file: f.name.clone(),
                    nodes: file.nodes.len(),
                    conclusions: file
                        .nodes
                        .iter()
                        .filter(|n| n.value.kind.value == model::NodeKind::Conclusion)
                        .count(),
                });
                builder.add(validate::Parsed { name: f.name.clone(), file });
            }
            Err(p) => problems.push(p),
        }
    }
    let complete = problems.is_empty();
    let summary = Summary {
        files: files.len(),
        nodes: trees.iter().map(|t| t.nodes).sum(),
        conclusions: trees.iter().map(|t| t.conclusions).sum(),
        trees,
    };
    let checked = builder.finish(complete, extra_roots);
    problems.extend(checked.problems);
    Loaded { rules: checked.rules, summary, problems, ids: checked.ids }
}

/// About how many nodes `files` hold, to size the id index once: a node
/// takes a few hundred bytes in either format (a guess only; the index
/// grows past it when it must).
fn likely_nodes(files: &[SourceFile]) -> usize {
    files.iter().map(|f| f.bytes.len()).sum::<usize>() / 256
}
