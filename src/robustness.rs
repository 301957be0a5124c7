//! How the walk copes with a merchant who cannot answer everything, measured
//! on the knowledge base itself (`posdiag test`).
//!
//! For every conclusion, take the first path that reaches it from the root
//! (depth first, authored order; a code question may reach it through a
//! code). For each question on that path, a simulated merchant answers that
//! one question "don't know", every other question on the path as the path
//! says, every question off the path "don't know", and every wrong remedy
//! "not fixed". The walk succeeds when it offers the path's conclusion —
//! within 3 conclusions, or at all before it gives up (20 conclusions).
//! Walks whose unknown is at the triage (the root tree) are counted apart
//! from those inside a tree, and every pair of unknowns on a path is tried
//! as well. Weighted figures weigh each walk by its target's prior: the
//! product of the branch weights along its path.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::engine::{Ordering, Position, Source, Walk, branch_weights, select_input};
use crate::kb::KnowledgeBase;
use crate::rules::model::{InputKind, Thresholds};
use crate::rules::{NodeBody, NodeId};

/// A walk that has offered this many conclusions gives up.
pub const GIVE_UP_AFTER: usize = 20;
/// "Soon": the target among the first this many conclusions.
pub const SOON: usize = 3;

/// How a path goes on from one node.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// An answer value.
    Value(String),
    /// A code typed at a `code` question, which jumps to its node.
    Code(String),
    /// The remedy did not fix it (through `otherwise`).
    NotFixed,
}

/// One step of a path: the node and how the path leaves it.
#[derive(Debug, Clone, PartialEq)]
pub struct PathItem {
    pub node: NodeId,
    pub choice: Choice,
}

/// Figures of one group of walks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub walks: usize,
    /// Share of walks that reach the target within [`SOON`] conclusions.
    pub within_3: f64,
    pub within_3_weighted: f64,
    /// Share that reach it before giving up.
    pub ever: f64,
    pub ever_weighted: f64,
    /// Questions a person answered, on average.
    pub mean_questions: f64,
    /// Remedies offered (the target's included), on average.
    pub mean_remedies: f64,
}

/// A walk that never reached its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Miss {
    pub target: String,
    /// Node ids answered "don't know".
    pub unknown: Vec<String>,
    /// How the walk ended.
    pub ended: String,
}

/// Everything `posdiag test` reports of robustness.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Robustness {
    pub inside: Figures,
    pub triage: Figures,
    pub two_unknowns: Figures,
    /// One-unknown walks (inside and at the triage) that never reached.
    pub misses: Vec<Miss>,
    /// Walks not run: the unknown was the code that alone leads to the target.
    pub skipped: usize,
    /// Thresholds of the knowledge base that were not met.
    pub below: Vec<String>,
}

/// One simulated walk's result.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// The target came as this conclusion (1-based).
    reached: Option<usize>,
    questions: usize,
    remedies: usize,
}

impl Run {
    /// Count conclusions beyond the `own` remedies the target's path rejects
    /// anyway: a target behind two authored "not fixed" steps comes third
    /// even when every answer is known.
    fn beyond(mut self, own: usize) -> Run {
        self.reached = self.reached.map(|k| k.saturating_sub(own).max(1));
        self
    }
}

/// Measure every one-unknown and two-unknown walk of `rules`.
pub fn measure(rules: &KnowledgeBase) -> Robustness {
    let paths = first_paths(rules);
    let ordering = Ordering::default();
    let (mut inside, mut triage, mut two) = (Tally::default(), Tally::default(), Tally::default());
    let mut misses = Vec::new();
    let mut skipped = 0;
    let root_tree = rules.node(rules.root()).tree;
    for (target, path) in &paths {
        let weight = path_weight(rules, path, &ordering);
        let questions: Vec<NodeId> =
            path.iter().filter(|p| rules.question(p.node).is_some()).map(|p| p.node).collect();
        // Remedies the path itself rejects on the way to its target.
        let own = path.iter().filter(|p| p.choice == Choice::NotFixed).count();
        for (i, &q) in questions.iter().enumerate() {
            // A code nobody saw cannot lead where only that code leads.
            if path.iter().any(|p| p.node == q && matches!(p.choice, Choice::Code(_))) {
                skipped += 1;
                continue;
            }
            let run = simulate(rules, *target, path, &[q]).beyond(own);
            let group = if rules.node(q).tree == root_tree { &mut triage } else { &mut inside };
            group.add(run, weight);
            if run.reached.is_none() {
                misses.push(miss(rules, *target, &[q], run));
            }
            for &q2 in &questions[i + 1..] {
                two.add(simulate(rules, *target, path, &[q, q2]).beyond(own), weight);
            }
        }
    }
    let thresholds = rules.robustness();
    let mut below = Vec::new();
    for (group, figures, t) in [
        ("inside", inside.figures(), thresholds.inside),
        ("triage", triage.figures(), thresholds.triage),
        ("two_unknowns", two.figures(), thresholds.two_unknowns),
    ] {
        below.extend(check(group, &figures, t));
    }
    Robustness {
        inside: inside.figures(),
        triage: triage.figures(),
        two_unknowns: two.figures(),
        misses,
        skipped,
        below,
    }
}

fn miss(rules: &KnowledgeBase, target: NodeId, unknown: &[NodeId], run: Run) -> Miss {
    Miss {
        target: rules.node(target).id.clone(),
        unknown: unknown.iter().map(|&n| rules.node(n).id.clone()).collect(),
        ended: if run.remedies >= GIVE_UP_AFTER {
            format!("gave up after {GIVE_UP_AFTER} conclusions")
        } else {
            format!("nothing left to try after {} conclusions", run.remedies)
        },
    }
}

fn check(group: &str, f: &Figures, t: Option<Thresholds>) -> Vec<String> {
    let Some(t) = t else { return Vec::new() };
    t.shares()
        .filter_map(|(name, least)| {
            let got = match name {
                "within_3" => f.within_3,
                "within_3_weighted" => f.within_3_weighted,
                _ => f.ever,
            };
            (got + 1e-9 < least).then(|| {
                format!(
                    "{group}: {name} is {:.1} %, the rules ask for {:.1} %",
                    got * 100.0,
                    least * 100.0
                )
            })
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    walks: usize,
    weight: f64,
    soon: (usize, f64),
    ever: (usize, f64),
    questions: usize,
    remedies: usize,
}

impl Tally {
    fn add(&mut self, run: Run, weight: f64) {
        self.walks += 1;
        self.weight += weight;
        self.questions += run.questions;
        self.remedies += run.remedies;
        if let Some(k) = run.reached {
            self.ever.0 += 1;
            self.ever.1 += weight;
            if k <= SOON {
                self.soon.0 += 1;
                self.soon.1 += weight;
            }
        }
    }

    fn figures(&self) -> Figures {
        let share = |n: usize| if self.walks == 0 { 0.0 } else { n as f64 / self.walks as f64 };
        let weighted = |w: f64| if self.weight > 0.0 { w / self.weight } else { 0.0 };
        Figures {
            walks: self.walks,
            within_3: share(self.soon.0),
            within_3_weighted: weighted(self.soon.1),
            ever: share(self.ever.0),
            ever_weighted: weighted(self.ever.1),
            mean_questions: share(self.questions),
            mean_remedies: share(self.remedies),
        }
    }
}

/// The merchant of the module header, with a secret fault at `target`.
fn simulate(rules: &KnowledgeBase, target: NodeId, path: &[PathItem], unknown: &[NodeId]) -> Run {
    let knows: HashMap<NodeId, &Choice> = path
        .iter()
        .filter(|p| !unknown.contains(&p.node) && rules.question(p.node).is_some())
        .map(|p| (p.node, &p.choice))
        .collect();
    let mut walk = Walk::with_ordering(rules, rules.root(), Ordering::default());
    let mut run = Run { reached: None, questions: 0, remedies: 0 };
    let mut asked = HashSet::new();
    while run.remedies < GIVE_UP_AFTER {
        match walk.position() {
            Position::Question(q) => {
                if !asked.insert(q) {
                    break; // asked twice: a failure of the walk
                }
                run.questions += 1;
                let answered = match knows.get(&q) {
                    Some(Choice::Value(v)) => walk.answer(q, v, Source::Interactive),
                    Some(Choice::Code(c)) => walk.answer_input(q, c, Source::Interactive),
                    _ => walk.answer_unknown(q, Source::Interactive),
                };
                if answered.is_err() {
                    break;
                }
            }
            Position::Conclusion(c) => {
                run.remedies += 1;
                if c == target {
                    run.reached = Some(run.remedies);
                    break;
                }
                walk.reject();
            }
            Position::Exhausted => break,
        }
    }
    run
}

/// The product of the branch weights along a path: its target's prior.
fn path_weight(rules: &KnowledgeBase, path: &[PathItem], ordering: &Ordering) -> f64 {
    let mut w = 1.0;
    for p in path {
        let Some(q) = rules.question(p.node) else { continue };
        let index = match &p.choice {
            Choice::Value(v) => q.answer(v).map(|(i, _)| i),
            Choice::Code(c) => select_input(rules, p.node, q, c).ok(),
            Choice::NotFixed => None,
        };
        if let Some(i) = index {
            w *= branch_weights(rules, p.node, ordering).get(i).copied().unwrap_or(1.0);
        }
    }
    w
}

/// The first path from the root to every conclusion: depth first, answers
/// in authored order, then a remedy's `otherwise`; the codes a `code`
/// question knows only reach what nothing else reaches.
pub fn first_paths(rules: &KnowledgeBase) -> Vec<(NodeId, Vec<PathItem>)> {
    let mut via: HashMap<NodeId, Option<PathItem>> = HashMap::new();
    let mut order = Vec::new();
    search(rules, vec![(rules.root(), None)], &mut via, &mut order, false);
    let mut from_codes = Vec::new();
    for &n in &order {
        let Some(q) = rules.question(n) else { continue };
        if q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code) {
            for e in rules.codes().entries() {
                let typed = rules.codes().display(e);
                from_codes.push((e.node, Some(PathItem { node: n, choice: Choice::Code(typed) })));
            }
        }
    }
    from_codes.reverse();
    search(rules, from_codes, &mut via, &mut order, true);
    order
        .into_iter()
        .filter(|n| rules.conclusion(*n).is_some())
        .map(|target| {
            let mut path = Vec::new();
            let mut at = target;
            while let Some(Some(item)) = via.get(&at) {
                at = item.node;
                path.push(item.clone());
            }
            path.reverse();
            (target, path)
        })
        .collect()
}

/// Depth first from `stack`, recording how each node was first reached.
fn search(
    rules: &KnowledgeBase,
    mut stack: Vec<(NodeId, Option<PathItem>)>,
    via: &mut HashMap<NodeId, Option<PathItem>>,
    order: &mut Vec<NodeId>,
    codes: bool,
) {
    while let Some((n, from)) = stack.pop() {
        if via.contains_key(&n) {
            continue;
        }
        via.insert(n, from);
        order.push(n);
        let mut next: Vec<(NodeId, PathItem)> = Vec::new();
        match &rules.node(n).body {
            NodeBody::Question(q) => {
                for a in &q.answers {
                    let item = PathItem { node: n, choice: Choice::Value(a.value.clone()) };
                    next.push((a.next, item));
                }
                if codes && q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code) {
                    for e in rules.codes().entries() {
                        let typed = rules.codes().display(e);
                        next.push((e.node, PathItem { node: n, choice: Choice::Code(typed) }));
                    }
                }
            }
            NodeBody::Conclusion(c) => {
                if let Some(o) = c.otherwise {
                    next.push((o, PathItem { node: n, choice: Choice::NotFixed }));
                }
            }
        }
        for (to, item) in next.into_iter().rev() {
            if !via.contains_key(&to) {
                stack.push((to, Some(item)));
            }
        }
    }
}
