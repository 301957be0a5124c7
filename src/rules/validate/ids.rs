//! The id index, made before any node is judged: one slot per node as
//! written, the first definition of each id, and the duplicates of tree and
//! node ids across all files.

use foldhash::{HashMap, HashMapExt as _};

use super::{Parsed, Pass};
use crate::rules::lint::{Lint, place};
use crate::rules::model::NodeKind;
use crate::rules::ruleset::NodeId;
use crate::source::{Problem, ProblemKind};

pub(super) fn index(files: &[Parsed], complete: bool) -> Pass {
    let total: usize = files.iter().map(|f| f.file.nodes.len()).sum();
    let conclusions = files
        .iter()
        .flat_map(|f| &f.file.nodes)
        .filter(|n| n.value.kind.value == NodeKind::Conclusion)
        .count();
    let mut pass = Pass {
        lint: Lint::default(),
        complete,
        files: files.iter().map(|f| f.name.clone()).collect(),
        by_id: HashMap::with_capacity(total),
        names: Vec::with_capacity(total),
        at: Vec::with_capacity(total),
        first: Vec::with_capacity(total),
        edges: Vec::with_capacity(total * 2),
        // Sized once: growing a map of 50,000 keys rehashes every key
        // again, each a read of memory long out of cache.
        keys: HashMap::with_capacity(conclusions),
    };
    let mut trees: HashMap<&str, &str> = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        let tree = &f.file.tree;
        if let Some(first) = trees.insert(&tree.value, &f.name) {
            pass.lint.push(
                Problem::new(
                    ProblemKind::DuplicateTree,
                    place(&f.name, tree),
                    format!("tree `{}` is also defined in `{first}`", tree.value),
                )
                .hint("give each file its own tree id"),
            );
        }
        let fi = u32::try_from(fi).unwrap_or(u32::MAX);
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
    pass
}
