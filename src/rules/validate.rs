//! Checking and building in one pass: every node of every parsed rule file
//! becomes either a built node of the [`RuleSet`] or the problems that stop
//! it, so the checker and the builder cannot disagree. Every check runs and
//! every problem is collected: an author fixes a whole rule set at once.
//! Each file is taken as soon as it is parsed ([`Builder::add`]), while it
//! is still in cache; edges between nodes are resolved at the end
//! ([`Builder::finish`]), when every id is known.
//!
//! By concern: node ids (`ids`), tree headers and the root (`tree`),
//! questions (`question`, `answer`), conclusions (`conclusion`), edges
//! (`link`), and the checks that need the whole graph, cycles and
//! reachability (`reach`). Only a set with
//! no problem becomes a [`RuleSet`]; the engine never sees a broken graph.

mod answer;
mod conclusion;
mod ids;
mod link;
mod question;
mod reach;
mod tree;

use foldhash::HashMap;

use super::lint::{Lint, is_node_id};
use super::model::{NodeDef, NodeKind, RuleFile};
use super::ruleset::{self, NodeId, RuleSet};
use crate::source::{Place, Problem, ProblemKind};

/// Answer values the walk itself uses.
pub const RESERVED_VALUES: [&str; 3] = ["unknown", "fixed", "not_fixed"];

/// A parsed file with the name it is reported under.
pub struct Parsed {
    pub name: String,
    pub file: RuleFile,
}

/// What the pass made of the files.
pub struct Checked {
    /// The walkable set, when no problem was found.
    pub rules: Option<RuleSet>,
    /// Sorted by file, line and column.
    pub problems: Vec<Problem>,
    /// Every node id, in file order (code tables are checked against them).
    pub ids: Vec<String>,
}

/// The state of one pass: problems, the id index and the edges found.
pub(super) struct Pass {
    pub lint: Lint,
    /// Whether every file parsed; if not, checks that need the whole graph
    /// (unknown nodes, reachability, the root) are skipped rather than
    /// drowned in follow-on noise.
    pub complete: bool,
    /// File names, by file index.
    pub files: Vec<String>,
    /// Node id → slot of its first definition.
    pub by_id: HashMap<String, NodeId>,
    /// Node id of each slot (one slot per node as written).
    pub names: Vec<String>,
    /// (file index, line, column) of each slot's id.
    pub at: Vec<(u32, u32, u32)>,
    /// Slot of the first node with the same id (itself, unless a duplicate).
    pub first: Vec<u32>,
    /// `next` and `otherwise` edges between first slots.
    pub edges: Vec<(u32, u32)>,
    /// Conclusion keys seen, with where: (file index, line, column).
    pub keys: HashMap<String, (u32, u32, u32)>,
    /// Tree ids seen, with their files.
    pub trees: HashMap<String, String>,
    /// Edges as written, resolved at the end.
    pub links: Vec<link::Link>,
}

impl Pass {
    /// Where slot `slot`'s id is written.
    pub fn place_of(&self, slot: usize) -> Place {
        self.place_at(self.at[slot])
    }

    /// The place of (file index, line, column).
    pub fn place_at(&self, (f, line, column): (u32, u32, u32)) -> Place {
        Place::new(self.files[f as usize].as_str(), u64::from(line), u64::from(column))
    }

    /// An edge from slot `from` (attributed to the first node of its id).
    pub fn edge(&mut self, from: usize, to: NodeId) {
        self.edges.push((self.first[from], to.0));
    }
}

/// The pass over rule files as they are parsed.
pub struct Builder {
    pass: Pass,
    trees: Vec<Option<ruleset::Tree>>,
    headers: Vec<tree::Header>,
    /// Each tree's entry, once resolved.
    entries: Vec<Option<NodeId>>,
    nodes: Vec<Option<ruleset::Node>>,
}

impl Builder {
    /// A pass for about `nodes` nodes (only a capacity: the id index is
    /// sized once rather than grown and rehashed, cold, many times).
    pub fn new(nodes: usize) -> Builder {
        Builder {
            pass: ids::pass(nodes),
            trees: Vec::new(),
            headers: Vec::new(),
            entries: Vec::new(),
            nodes: Vec::with_capacity(nodes),
        }
    }

    /// Index a parsed file's ids, then judge and build its header and nodes.
    pub fn add(&mut self, f: Parsed) {
        let pass = &mut self.pass;
        let ti = pass.files.len();
        ids::add(pass, &f);
        let Parsed { name, file } = f;
        let (built, header) = tree::header(pass, ti, &name, &file);
        self.trees.push(built);
        self.headers.push(header);
        self.entries.push(None);
        let tree_id = file.tree.value.as_str();
        for def in file.nodes {
            let slot = self.nodes.len();
            self.nodes.push(node(pass, &name, (ti, tree_id), slot, def.value));
        }
    }

    /// Resolve the edges, run the checks that need the whole graph, and
    /// make the [`RuleSet`] if no problem was found. `complete` is false
    /// when some file did not parse (that problem is the caller's).
    /// `extra_roots` are node ids that are entry points besides the triage
    /// root (the targets of code tables); unknown ones are reported by their
    /// owner.
    pub fn finish(self, complete: bool, extra_roots: &[String]) -> Checked {
        let Builder { mut pass, mut trees, headers, mut entries, mut nodes } = self;
        pass.complete = complete;
        link::resolve(&mut pass, &mut nodes, &mut trees, &mut entries);
        let mut roots = Vec::new();
        let mut robustness = super::model::Robustness::default();
        if pass.complete {
            (roots, robustness) = tree::roots(&mut pass, headers, &entries);
            if pass.lint.problems.iter().all(|p| p.kind != ProblemKind::UnknownNode) {
                reach::check(&mut pass, &roots, extra_roots);
            }
        }
        let root = roots.first().copied();
        let rules = if pass.complete && pass.lint.problems.is_empty() {
            assemble(&mut pass, nodes, trees, root, robustness)
        } else {
            None
        };
        let Pass { lint, names, .. } = pass;
        let mut problems = lint.problems;
        problems.sort_by(|a, b| {
            (&a.place.file, a.place.line, a.place.column).cmp(&(
                &b.place.file,
                b.place.line,
                b.place.column,
            ))
        });
        Checked { rules, problems, ids: names }
    }
}

/// One node: its id, then its body by kind.
fn node(
    pass: &mut Pass,
    file: &str,
    (tree, tree_id): (usize, &str),
    slot: usize,
    mut n: NodeDef,
) -> Option<ruleset::Node> {
    let before = pass.lint.count();
    let id = n.id.value.as_str();
    let (line, column) = (n.id.line, n.id.column);
    // The node's place, made only when there is a problem to tell.
    let at = || Place::new(file, u64::from(line), u64::from(column));
    if !is_node_id(id) {
        pass.lint.push(
            Problem::new(
                ProblemKind::BadId,
                at(),
                format!("node id `{id}` is not of the form `tree.name`"),
            )
            .node(id)
            .hint("use lowercase letters, digits and `_`, in dot-separated parts"),
        );
    } else if !in_tree(id, tree_id) {
        pass.lint.push(
            Problem::new(
                ProblemKind::BadId,
                at(),
                format!("node id `{id}` is outside its tree `{tree_id}`"),
            )
            .node(id)
            .hint(format!("start it with `{tree_id}.`")),
        );
    }
    let body = match n.kind.value {
        NodeKind::Question => question::question(pass, file, (slot, &at), &mut n),
        NodeKind::Conclusion => conclusion::conclusion(pass, file, (slot, &at), &mut n),
    };
    let body = body.filter(|_| pass.lint.count() == before)?;
    Some(ruleset::Node { id: n.id.value, tree, line, column, body })
}

fn in_tree(id: &str, tree: &str) -> bool {
    id.len() > tree.len() && id.starts_with(tree) && id.as_bytes()[tree.len()] == b'.'
}

/// The rule set from the built parts of a pass that found no problem. Every
/// part is there by then; if one is not, that is said as a problem rather
/// than giving no rules and no reason.
fn assemble(
    pass: &mut Pass,
    nodes: Vec<Option<ruleset::Node>>,
    trees: Vec<Option<ruleset::Tree>>,
    root: Option<NodeId>,
    robustness: super::model::Robustness,
) -> Option<RuleSet> {
    let nodes: Option<Vec<ruleset::Node>> = nodes.into_iter().collect();
    let trees: Option<Vec<ruleset::Tree>> = trees.into_iter().collect();
    match (nodes, trees, root) {
        (Some(nodes), Some(trees), Some(root)) => {
            Some(RuleSet { nodes, by_id: std::mem::take(&mut pass.by_id), trees, root, robustness })
        }
        _ => {
            let at = pass.files.first().map_or(Place::file("rules"), |f| Place::file(f.as_str()));
            pass.lint.push(
                Problem::new(
                    ProblemKind::Root,
                    at,
                    "the rules passed every check but could not be built",
                )
                .hint("this is a fault in posdiag; please report it with the rule files"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::rules::{load, synth};
    use crate::source::SourceFile;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Whatever lines are lost from a clean set, the pass gives either
        /// rules or at least one problem, never neither and never both.
        #[test]
        fn rules_or_problems(cuts in proptest::collection::vec((0usize..3, 0usize..400), 1..4)) {
            let mut files: Vec<(String, String)> = synth::generate(40);
            for (file, line) in cuts {
                let count = files.len();
                let (_, text) = &mut files[file % count];
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.len() > 1 {
                    lines.remove(line % lines.len());
                }
                *text = lines.join("\n");
            }
            let files: Vec<SourceFile> =
                files.into_iter().map(|(n, t)| SourceFile::new(n, t)).collect();
            let loaded = load(&files, &[]);
            prop_assert_eq!(loaded.rules.is_some(), loaded.problems.is_empty(), "{:?}", loaded.problems);
        }
    }
}
