//! Tree headers (id, title, description, entry, nodes) and the root: exactly
//! one tree is marked `root: true`, and only it sets `robustness`.

use super::Pass;
use super::link::{PENDING, Site};
use crate::rules::lint::{is_word, place};
use crate::rules::model::{Robustness, RuleFile};
use crate::rules::ruleset::{NodeId, Tree};
use crate::source::Spanned;
use crate::source::{Place, Problem, ProblemKind};

/// What the root check needs of a tree.
pub(super) struct Header {
    file: String,
    tree: String,
    at: Place,
    root: bool,
    robustness: Option<Spanned<Robustness>>,
}

/// Judge the header of tree (and file) `ti` and build its [`Tree`]; its
/// `entry` is resolved with the other edges.
pub(super) fn header(
    pass: &mut Pass,
    ti: usize,
    file: &str,
    f: &RuleFile,
) -> (Option<Tree>, Header) {
    let before = pass.lint.count();
    let tree = &f.tree;
    let at = place(file, tree);
    if !is_word(&tree.value) {
        pass.lint.push(Problem::new(
            ProblemKind::BadId,
            at.clone(),
            format!("tree id `{}` must be lowercase letters, digits and `_`", tree.value),
        ));
    }
    let title = match &f.title {
        Some(t) => pass.lint.text(file, None, "title", t.clone()),
        None => {
            pass.lint.push(Problem::new(
                ProblemKind::MissingField,
                at.clone(),
                format!("tree `{}` has no `title`", tree.value),
            ));
            None
        }
    };
    let description = match &f.description {
        Some(d) => pass.lint.text(file, None, "description", d.clone()).map(Some),
        None => Some(None),
    };
    if f.entry.is_none() {
        pass.lint.push(
            Problem::new(
                ProblemKind::MissingField,
                at.clone(),
                format!("tree `{}` has no `entry`", tree.value),
            )
            .hint(format!(
                "add `entry: {}.start` naming the node a walk of this tree starts at",
                tree.value
            )),
        );
    }
    if f.nodes.is_empty() {
        pass.lint.push(Problem::new(
            ProblemKind::MissingField,
            at.clone(),
            format!("tree `{}` has no nodes", tree.value),
        ));
    }
    let entry = f.entry.as_ref().map(|e| {
        let fi = u32::try_from(ti).unwrap_or(u32::MAX);
        pass.link(fi, "entry", e.clone(), Site::Entry { tree: ti });
        PENDING
    });
    let built = match (title, description, entry) {
        (Some(title), Some(description), Some(entry)) if pass.lint.count() == before => {
            Some(Tree { id: tree.value.clone(), title, description, entry, file: file.into() })
        }
        _ => None,
    };
    let header = Header {
        file: file.into(),
        tree: tree.value.clone(),
        at,
        root: f.root,
        robustness: f.robustness.clone(),
    };
    (built, header)
}

/// Exactly one root tree, `robustness` only on it and with shares between
/// 0 and 1. Returns the entries of the root trees (the first is the start of
/// every walk) and the root's robustness thresholds. `entries` are the
/// trees' resolved entries.
pub(super) fn roots(
    pass: &mut Pass,
    headers: Vec<Header>,
    entries: &[Option<NodeId>],
) -> (Vec<NodeId>, Robustness) {
    let mut robustness = Robustness::default();
    for h in &headers {
        let Some(r) = &h.robustness else { continue };
        let at = place(&h.file, r);
        if h.root {
            robustness = r.value;
        } else {
            pass.lint.push(
                Problem::new(
                    ProblemKind::MisplacedField,
                    at.clone(),
                    "`robustness` belongs to the root tree",
                )
                .hint("move it to the tree marked `root: true`"),
            );
        }
        let groups = [r.value.inside, r.value.triage, r.value.two_unknowns];
        for (name, share) in groups.iter().flatten().flat_map(|t| t.shares()) {
            if !(0.0..=1.0).contains(&share) {
                pass.lint.push(Problem::new(
                    ProblemKind::Yaml,
                    at.clone(),
                    format!("robustness `{name}` is {share}; a share lies between 0 and 1"),
                ));
            }
        }
    }
    let roots: Vec<(&Header, Option<NodeId>)> =
        headers.iter().zip(entries.iter().copied()).filter(|(h, _)| h.root).collect();
    match roots.len() {
        1 => {}
        0 => {
            let at = pass.files.first().map_or(Place::file("rules"), |f| Place::file(f.as_str()));
            pass.lint.push(
                Problem::new(ProblemKind::Root, at, "no tree is marked `root: true`")
                    .hint("mark the triage tree, where every walk starts, with `root: true`"),
            );
        }
        _ => {
            for (h, _) in &roots[1..] {
                pass.lint.push(Problem::new(
                    ProblemKind::Root,
                    h.at.clone(),
                    format!(
                        "tree `{}` is marked `root: true`, as is `{}`",
                        h.tree, roots[0].0.tree
                    ),
                ));
            }
        }
    }
    (roots.iter().filter_map(|&(_, entry)| entry).collect(), robustness)
}
