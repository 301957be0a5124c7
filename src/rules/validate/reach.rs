//! The checks that need the whole graph: loops, and nodes no walk from the
//! root (or from a code table) reaches. They run only when every edge
//! points at a known node.

use super::Pass;
use crate::rules::graph::{EdgeGraph, cycles, unreachable};
use crate::rules::ruleset::NodeId;
use crate::source::{Problem, ProblemKind};

pub(super) fn check(pass: &mut Pass, roots: &[NodeId], extra_roots: &[String]) {
    let g = EdgeGraph::new(pass.names.len(), &pass.edges);
    for (ring, size) in cycles(&g, &pass.names) {
        let first = ring[0];
        let name = |slot: usize| format!("`{}`", pass.names[slot]);
        let loop_text = ring.iter().chain([&first]).map(|&s| name(s)).collect::<Vec<_>>();
        let more = if size > ring.len() {
            format!(" ({size} nodes are caught in loops with it)")
        } else {
            String::new()
        };
        let problem = Problem::new(
            ProblemKind::Cycle,
            pass.place_of(first),
            format!("the graph loops: {}{more}", loop_text.join(" → ")),
        )
        .node(pass.names[first].as_str())
        .hint("a walk must always move forward; point one of these edges elsewhere");
        pass.lint.push(problem);
    }
    // Without a root tree with an entry, that is reported by the root check.
    if roots.is_empty() {
        return;
    }
    let mut starts: Vec<usize> = roots.iter().map(|id| id.index()).collect();
    starts.extend(extra_roots.iter().filter_map(|r| pass.by_id.get(r)).map(|id| id.index()));
    let mut lost: Vec<usize> = unreachable(&g, &starts)
        .into_iter()
        .filter(|&slot| pass.first[slot] as usize == slot)
        .collect();
    lost.sort_by(|&a, &b| pass.names[a].cmp(&pass.names[b]));
    for slot in lost {
        let problem = Problem::new(
            ProblemKind::Unreachable,
            pass.place_of(slot),
            "no walk from the root reaches this node",
        )
        .node(pass.names[slot].as_str())
        .hint("link it from a question's answer or a conclusion's `otherwise`, or remove it");
        pass.lint.push(problem);
    }
}
