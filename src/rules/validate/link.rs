//! Edges between nodes, resolved once every id is known. A file is judged
//! and built as soon as it is parsed, while it is still in cache; a `next`,
//! `otherwise` or `entry` may name a node of a file not read yet, so it is
//! kept here as written and resolved at the end, in the order it was met.
//! A name that stays unknown is a problem, with "did you mean".

use super::Pass;
use crate::rules::ruleset::{Node, NodeBody, NodeId, Tree};
use crate::source::{Place, Problem, ProblemKind, Spanned, did_you_mean};

/// What a built part holds until its edge is resolved. It never reaches a
/// [`crate::rules::RuleSet`]: an edge that stays unresolved is a problem.
pub(super) const PENDING: NodeId = NodeId(u32::MAX);

/// Where a resolved edge goes.
#[derive(Debug, Clone, Copy)]
pub(in crate::rules) enum Site {
    /// Answer `answer` of the question in slot `slot`.
    Answer { slot: usize, answer: usize },
    /// The `otherwise` of the conclusion in slot `slot`.
    Otherwise { slot: usize },
    /// The `entry` of tree (and file) `tree`.
    Entry { tree: usize },
}

/// One edge as written.
pub(in crate::rules) struct Link {
    /// File index.
    file: u32,
    field: &'static str,
    target: Spanned<String>,
    site: Site,
}

impl Pass {
    /// Keep `target` (the value of `field`) to resolve at the end.
    pub(super) fn link(
        &mut self,
        file: u32,
        field: &'static str,
        target: Spanned<String>,
        site: Site,
    ) {
        self.links.push(Link { file, field, target, site });
    }
}

/// Resolve every kept edge: put the node into its site (a tree's entry also
/// into `entries`, by tree) and record the edge,
/// or tell the unknown name (when every file parsed; else the parse problem
/// says enough).
pub(super) fn resolve(
    pass: &mut Pass,
    nodes: &mut [Option<Node>],
    trees: &mut [Option<Tree>],
    entries: &mut [Option<NodeId>],
) {
    for link in std::mem::take(&mut pass.links) {
        let Some(&to) = pass.by_id.get(&link.target.value) else {
            if pass.complete {
                unknown(pass, &link);
            }
            continue;
        };
        match link.site {
            Site::Answer { slot, answer } => {
                pass.edge(slot, to);
                if let Some(Node { body: NodeBody::Question(q), .. }) = &mut nodes[slot]
                    && let Some(a) = q.answers.get_mut(answer)
                {
                    a.next = to;
                }
            }
            Site::Otherwise { slot } => {
                pass.edge(slot, to);
                if let Some(Node { body: NodeBody::Conclusion(c), .. }) = &mut nodes[slot] {
                    c.otherwise = Some(to);
                }
            }
            Site::Entry { tree } => {
                entries[tree] = Some(to);
                if let Some(t) = &mut trees[tree] {
                    t.entry = to;
                }
            }
        }
    }
}

fn unknown(pass: &mut Pass, link: &Link) {
    let target = &link.target;
    let file = pass.files[link.file as usize].as_str();
    let at = Place::new(file, u64::from(target.line), u64::from(target.column));
    let mut p = Problem::new(
        ProblemKind::UnknownNode,
        at,
        format!("`{}` points to unknown node `{}`", link.field, target.value),
    )
    .maybe_hint(did_you_mean(&target.value, known(pass)));
    let node = match link.site {
        Site::Answer { slot, .. } | Site::Otherwise { slot } => Some(slot),
        Site::Entry { .. } => None,
    };
    if let Some(slot) = node {
        p = p.node(pass.names[slot].as_str());
    }
    pass.lint.push(p);
}

/// Every node id, each once, in the order the files define them: among
/// equally close names, "did you mean" offers the first defined.
fn known(pass: &Pass) -> impl Iterator<Item = &str> {
    let first = &pass.first;
    pass.names
        .iter()
        .enumerate()
        .filter(move |&(i, _)| first[i] as usize == i)
        .map(|(_, n)| n.as_str())
}
