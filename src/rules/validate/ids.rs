//! The id index, grown file by file before the file's nodes are judged:
//! one slot per node as written, the first definition of each id, and the
//! duplicates of tree and node ids across all files.

use foldhash::{HashMap, HashMapExt as _};

use super::{Parsed, Pass};
use crate::rules::lint::{Lint, place};
use crate::rules::ruleset::NodeId;
use crate::source::{Problem, ProblemKind};

/// An empty pass for about `nodes` nodes.
pub(super) fn pass(nodes: usize) -> Pass {
    Pass {
        lint: Lint::default(),
        complete: true,
        files: Vec::new(),
        by_id: HashMap::with_capacity(nodes),
        names: Vec::with_capacity(nodes),
        at: Vec::with_capacity(nodes),
        first: Vec::with_capacity(nodes),
        edges: Vec::with_capacity(nodes * 2),
        // Sized once: growing a map of 50,000 keys rehashes every key
        // again, each a read of memory long out of cache.
        keys: HashMap::with_capacity(nodes / 2),
        trees: HashMap::new(),
        links: Vec::with_capacity(nodes * 2),
    }
}

/// Index the ids of file `f`, the next file of the pass: its tree id and
/// every node's, with the duplicates of either across the files so far.
pub(super) fn add(pass: &mut Pass, f: &Parsed) {
    let fi = u32::try_from(pass.files.len()).unwrap_or(u32::MAX);
    pass.files.push(f.name.clone());
    let tree = &f.file.tree;
    if let Some(first) = pass.trees.insert(tree.value.clone(), f.name.clone()) {
        pass.lint.push(
            Problem::new(
                ProblemKind::DuplicateTree,
                place(&f.name, tree),
                format!("tree `{}` is also defined in `{first}`", tree.value),
            )
            .hint("give each file its own tree id"),
        );
    }
    for node in &f.file.nodes {
        let id = &node.value.id;
        let slot = u32::try_from(pass.names.len()).unwrap_or(u32::MAX);
        pass.names.push(id.value.clone());
        pass.at.push((fi, id.line, id.column));
        match pass.by_id.get(&id.value) {
            Some(&NodeId(prev)) => {
                let problem = Problem::new(
                    ProblemKind::DuplicateId,
                    place(&f.name, id),
                    format!(
                        "node id `{}` is already defined at {}",
                        id.value,
                        pass.place_of(prev as usize)
                    ),
                )
                .node(&id.value)
                .hint("node ids must be unique across all rule files; rename one");
                pass.lint.push(problem);
                pass.first.push(prev);
            }
            None => {
                pass.by_id.insert(id.value.clone(), NodeId(slot));
                pass.first.push(slot);
            }
        }
    }
}
