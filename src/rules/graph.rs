//! The rule graph as petgraph sees it: the one file that names petgraph
//! types. Used for the checks that need the whole graph (cycles,
//! reachability) and for drawing it.

use std::collections::{HashMap, HashSet, VecDeque};

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

/// One real loop per strongly connected component: the shortest cycle
/// through its smallest id (so the message can be followed edge by edge),
/// and how many nodes the component holds. Sorted by first id.
pub fn cycles(g: &EdgeGraph) -> Vec<(Vec<String>, usize)> {
    let mut out: Vec<(Vec<String>, usize)> = tarjan_scc(&g.graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || g.graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let members: HashSet<NodeIndex> = scc.iter().copied().collect();
            let start = *scc.iter().min_by_key(|&&i| &g.graph[i]).unwrap_or(&scc[0]);
            let ring = shortest_cycle(g, start, &members);
            (ring.into_iter().map(|i| g.graph[i].clone()).collect(), scc.len())
        })
        .collect();
    out.sort();
    out
}

/// Breadth-first from `start` inside `members` until an edge leads back.
fn shortest_cycle(g: &EdgeGraph, start: NodeIndex, members: &HashSet<NodeIndex>) -> Vec<NodeIndex> {
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let mut next: Vec<NodeIndex> =
            g.graph.neighbors(at).filter(|n| members.contains(n)).collect();
        next.sort_by_key(|&i| &g.graph[i]);
        for n in next {
            if n == start {
                let mut ring = vec![at];
                let mut cur = at;
                while let Some(&p) = parent.get(&cur) {
                    ring.push(p);
                    cur = p;
                }
                ring.reverse();
                return ring;
            }
            if n != start && !parent.contains_key(&n) {
                parent.insert(n, at);
                queue.push_back(n);
            }
        }
    }
    vec![start]
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
