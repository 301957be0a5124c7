//! The rule graph as petgraph sees it: the one file that names petgraph
//! types. Used for the checks that need the whole graph (cycles,
//! reachability) and for drawing it.

use std::collections::HashMap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

use super::validate::Parsed;

/// Node ids as graph nodes, `next` and `otherwise` as edges.
pub struct EdgeGraph {
    graph: DiGraph<String, ()>,
    by_id: HashMap<String, NodeIndex>,
}

impl EdgeGraph {
    /// Build from parsed files; edges to unknown ids are left out (they are
    /// reported by the edge check).
    pub fn from_files(files: &[Parsed], index: &HashMap<String, (usize, usize)>) -> EdgeGraph {
        let mut graph = DiGraph::with_capacity(index.len(), index.len() * 2);
        let mut by_id = HashMap::with_capacity(index.len());
        for f in files {
            for node in &f.file.nodes {
                let id = &node.value.id.value;
                by_id.entry(id.clone()).or_insert_with(|| graph.add_node(id.clone()));
            }
        }
        for f in files {
            for node in &f.file.nodes {
                let n = &node.value;
                let from = by_id[&n.id.value];
                let targets = n
                    .answers
                    .iter()
                    .filter_map(|a| a.value.next.as_ref())
                    .chain(n.otherwise.as_ref());
                for t in targets {
                    if let Some(&to) = by_id.get(&t.value) {
                        graph.update_edge(from, to, ());
                    }
                }
            }
        }
        EdgeGraph { graph, by_id }
    }
}

/// Each cycle's members, in graph order, cycles sorted by their first id.
pub fn cycles(g: &EdgeGraph) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = tarjan_scc(&g.graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || g.graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            // Walk the cycle in edge order so the message reads as a loop.
            let members: std::collections::HashSet<NodeIndex> = scc.iter().copied().collect();
            let start = *scc.iter().min_by_key(|&&i| &g.graph[i]).unwrap_or(&scc[0]);
            let mut ring = vec![start];
            let mut at = start;
            while ring.len() < scc.len() {
                let next = g
                    .graph
                    .neighbors(at)
                    .filter(|n| members.contains(n) && !ring.contains(n))
                    .min_by_key(|&i| &g.graph[i]);
                match next {
                    Some(n) => {
                        ring.push(n);
                        at = n;
                    }
                    None => break,
                }
            }
            ring.into_iter().map(|i| g.graph[i].clone()).collect()
        })
        .collect();
    out.sort();
    out
}

/// Ids no walk from `starts` reaches, in id order.
pub fn unreachable(g: &EdgeGraph, starts: &[&str]) -> Vec<String> {
    let mut seen = vec![false; g.graph.node_count()];
    for s in starts {
        if let Some(&start) = g.by_id.get(*s) {
            let mut dfs = Dfs::new(&g.graph, start);
            while let Some(n) = dfs.next(&g.graph) {
                seen[n.index()] = true;
            }
        }
    }
    let mut out: Vec<String> =
        g.graph.node_indices().filter(|i| !seen[i.index()]).map(|i| g.graph[i].clone()).collect();
    out.sort();
    out
}
