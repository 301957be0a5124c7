//! The rule graph as petgraph sees it, for the checks that need the whole
//! graph: cycles and reachability (see `validate::reach`). Drawing it is
//! the report's (`report::picture`).

use std::collections::{HashSet, VecDeque};

use foldhash::{HashMap, HashMapExt as _};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

/// Nodes by slot (graph index `i` is slot `i`), `next` and `otherwise` as
/// edges.
pub struct EdgeGraph {
    graph: DiGraph<(), ()>,
}

impl EdgeGraph {
    /// `nodes` nodes and the edges between them (slots below `nodes`).
    pub fn new(nodes: usize, edges: &[(u32, u32)]) -> EdgeGraph {
        let mut graph = DiGraph::with_capacity(nodes, edges.len());
        for _ in 0..nodes {
            graph.add_node(());
        }
        for &(from, to) in edges {
            graph.add_edge(NodeIndex::new(from as usize), NodeIndex::new(to as usize), ());
        }
        EdgeGraph { graph }
    }
}

/// One real loop per strongly connected component: the shortest cycle
/// through its smallest id (so the message can be followed edge by edge),
/// as slots, and how many nodes the component holds. Sorted by the ids of
/// the loop. `names` are the ids of the slots.
pub fn cycles(g: &EdgeGraph, names: &[String]) -> Vec<(Vec<usize>, usize)> {
    let name = |i: NodeIndex| names[i.index()].as_str();
    let mut out: Vec<(Vec<usize>, usize)> = tarjan_scc(&g.graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || g.graph.contains_edge(scc[0], scc[0]))
        .map(|scc| {
            let members: HashSet<NodeIndex> = scc.iter().copied().collect();
            let start = *scc.iter().min_by_key(|&&i| name(i)).unwrap_or(&scc[0]);
            let ring = shortest_cycle(g, start, &members, &name);
            (ring.into_iter().map(NodeIndex::index).collect(), scc.len())
        })
        .collect();
    out.sort_by(|(a, n), (b, m)| {
        let ids = |ring: &[usize]| ring.iter().map(|&i| names[i].as_str()).collect::<Vec<_>>();
        ids(a).cmp(&ids(b)).then(n.cmp(m))
    });
    out
}

/// Breadth-first from `start` inside `members` until an edge leads back.
fn shortest_cycle<'a>(
    g: &EdgeGraph,
    start: NodeIndex,
    members: &HashSet<NodeIndex>,
    name: &impl Fn(NodeIndex) -> &'a str,
) -> Vec<NodeIndex> {
    let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let mut next: Vec<NodeIndex> =
            g.graph.neighbors(at).filter(|n| members.contains(n)).collect();
        next.sort_by_key(|&i| name(i));
        next.dedup();
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

/// Slots no walk from `starts` reaches, in slot order.
pub fn unreachable(g: &EdgeGraph, starts: &[usize]) -> Vec<usize> {
    let mut seen = vec![false; g.graph.node_count()];
    let mut dfs = Dfs::empty(&g.graph);
    for &s in starts {
        if s < seen.len() && !seen[s] {
            dfs.move_to(NodeIndex::new(s));
            while let Some(n) = dfs.next(&g.graph) {
                seen[n.index()] = true;
            }
        }
    }
    (0..seen.len()).filter(|&i| !seen[i]).collect()
}
