//! Which faults are still possible, and how likely: the answers given so far
//! turned into probability mass over the open nodes of the graph.
//!
//! Mass starts at 1 on the walk's start and flows down the graph in
//! topological order: a definite answer passes all of it to its branch, a
//! "don't know" splits it over every branch by their weights (see
//! [`branch_weights`]), a rejected conclusion passes part of it on to its
//! authored `otherwise` (see [`REMEDY_FIXES`]) or drops it (that fault is
//! ruled out). Where it stops — an
//! unanswered question or a conclusion not yet tried — is the *frontier*:
//! every place the fault can still be. Each open node also carries the cost
//! of getting there: the minutes of every "don't know" branch on the way
//! (definite answers add nothing), so the walk can choose probability over
//! cost (Heckerman, Breese & Rommelse 1995; see
//! `docs/choosing-the-next-step.md`) and a guess deep inside an unknown
//! area costs what checking that area costs.

use foldhash::{HashMap, HashMapExt as _};

use super::order::{DEFAULT_MINUTES, Ordering, TECHNICIAN_MINUTES};
use crate::rules::{NodeBody, NodeId, RuleSet};

/// The chance that a remedy offered fixes the fault when its branch holds.
/// A rejected remedy passes the rest of its mass to its `otherwise`: every
/// remedy that fails makes its branch less likely, so after a "don't know"
/// the walk does not run down a long authored chain while other branches
/// are as likely.
const REMEDY_FIXES: f64 = 0.3;

/// No open branch weighs less than this share of its question, so a branch
/// whose prior is 0 is still tried before the walk gives up.
const MIN_WEIGHT: f64 = 1e-3;

/// What is known of one question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Taken {
    /// Answered: the branch taken, and where a known code sent the walk.
    Branch { answer: usize, jump: Option<NodeId> },
    /// "Don't know": every branch stays open.
    Unknown,
}

/// The evidence a belief is computed from.
#[derive(Debug, Default, Clone)]
pub struct Evidence {
    pub taken: HashMap<NodeId, Taken>,
    pub rejected: Vec<NodeId>,
}

impl Evidence {
    fn is_rejected(&self, node: NodeId) -> bool {
        self.rejected.contains(&node)
    }
}

/// A node where the fault may still be.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub node: NodeId,
    /// Probability that the fault lies here (or below, for a question).
    pub mass: f64,
    /// Effort of the checks that opened this place since the last definite
    /// answer, in minutes: the cost of every "don't know" branch on the way.
    pub minutes: f64,
    /// Whether it is a conclusion (a remedy to try) rather than a question.
    pub conclusion: bool,
    /// Place in a depth-first visit of the graph in authored order (the
    /// rules' default first): breaks ties.
    pub order: usize,
}

impl Open {
    /// Probability over cost: the higher, the sooner. A place reached by
    /// definite answers alone costs nothing more to reach.
    pub fn priority(&self) -> f64 {
        self.mass / self.minutes.max(DEFAULT_MINUTES)
    }
}

/// The open nodes, most promising first.
#[derive(Debug, Clone, Default)]
pub struct Belief {
    pub open: Vec<Open>,
}

impl Belief {
    /// Propagate mass from `start` through what `evidence` says.
    pub fn compute(
        rules: &RuleSet,
        start: NodeId,
        evidence: &Evidence,
        ordering: &Ordering,
    ) -> Belief {
        if !evidence.taken.values().any(|t| *t == Taken::Unknown) {
            return Belief::chain(rules, start, evidence);
        }
        Belief::propagate(rules, start, evidence, ordering)
    }

    /// The general propagation, for any evidence.
    pub(crate) fn propagate(
        rules: &RuleSet,
        start: NodeId,
        evidence: &Evidence,
        ordering: &Ordering,
    ) -> Belief {
        let edges = |n: NodeId| out_edges(rules, n, evidence, ordering);
        // Depth-first in authored order: which nodes take part, in which
        // order (the tie-break), and how many open edges enter each.
        let mut order: HashMap<NodeId, usize> = HashMap::new();
        let mut indegree: HashMap<NodeId, usize> = HashMap::new();
        let mut stack = vec![start];
        while let Some(n) = stack.pop() {
            if order.contains_key(&n) {
                continue;
            }
            order.insert(n, order.len());
            let out = edges(n);
            for e in &out {
                *indegree.entry(e.to).or_default() += 1;
            }
            stack.extend(out.iter().rev().map(|e| e.to));
        }
        // Kahn's order over that part of the graph: a node's mass is complete
        // once every open edge into it has delivered.
        let mut mass: HashMap<NodeId, f64> = HashMap::with_capacity(order.len());
        let mut minutes: HashMap<NodeId, f64> = HashMap::with_capacity(order.len());
        mass.insert(start, 1.0);
        minutes.insert(start, 0.0);
        let mut ready = vec![start];
        let mut open = Vec::new();
        while let Some(n) = ready.pop() {
            let m = mass.get(&n).copied().unwrap_or(0.0);
            // Minutes arrive weighted by the mass that brought them.
            let c = if m > 0.0 { minutes.get(&n).copied().unwrap_or(0.0) / m } else { 0.0 };
            let out = edges(n);
            if out.is_empty() && is_open(rules, n, evidence) {
                let conclusion = rules.conclusion(n).is_some();
                open.push(Open { node: n, mass: m, minutes: c, conclusion, order: order[&n] });
                continue;
            }
            for e in out {
                let delivered = m * e.weight;
                *mass.entry(e.to).or_default() += delivered;
                *minutes.entry(e.to).or_default() += delivered * (c + e.minutes.unwrap_or(0.0));
                let left = indegree.entry(e.to).or_default();
                *left = left.saturating_sub(1);
                if *left == 0 {
                    ready.push(e.to);
                }
            }
        }
        open.retain(|o| o.mass > 0.0);
        open.sort_by(|a, b| b.priority().total_cmp(&a.priority()).then(a.order.cmp(&b.order)));
        Belief { open }
    }

    /// Without a "don't know" the mass never splits: it follows one chain of
    /// answers and rejected remedies to at most one open place. The same
    /// result as the general propagation, in time linear in the chain.
    fn chain(rules: &RuleSet, start: NodeId, evidence: &Evidence) -> Belief {
        let mut at = start;
        let mut mass = 1.0;
        for _ in 0..=rules.len() {
            let next = match &rules.node(at).body {
                NodeBody::Question(q) => match evidence.taken.get(&at) {
                    Some(Taken::Branch { answer, jump }) => jump.unwrap_or(q.answers[*answer].next),
                    _ => break,
                },
                NodeBody::Conclusion(c) if evidence.is_rejected(at) => match c.otherwise {
                    Some(o) => {
                        mass *= 1.0 - REMEDY_FIXES;
                        o
                    }
                    None => return Belief::default(),
                },
                NodeBody::Conclusion(_) => break,
            };
            at = next;
        }
        if !is_open(rules, at, evidence) {
            return Belief::default();
        }
        let conclusion = rules.conclusion(at).is_some();
        Belief { open: vec![Open { node: at, mass, minutes: 0.0, conclusion, order: 0 }] }
    }

    /// Whether `node` is one of the open places.
    pub fn is_open(&self, node: NodeId) -> bool {
        self.open.iter().any(|o| o.node == node)
    }

    /// The open place to go to next: the highest probability over cost.
    pub fn best(&self) -> Option<NodeId> {
        self.open.first().map(|o| o.node)
    }

    /// Total mass still open (1 until faults are ruled out).
    pub fn total(&self) -> f64 {
        self.open.iter().map(|o| o.mass).sum()
    }
}

/// An edge the mass may take.
struct Edge {
    to: NodeId,
    weight: f64,
    /// The branch's effort when "don't know" opened it, added to the effort
    /// of the place the mass came from; `None` adds nothing.
    minutes: Option<f64>,
}

fn is_open(rules: &RuleSet, n: NodeId, evidence: &Evidence) -> bool {
    match &rules.node(n).body {
        NodeBody::Question(_) => !evidence.taken.contains_key(&n),
        NodeBody::Conclusion(_) => !evidence.is_rejected(n),
    }
}

fn out_edges(rules: &RuleSet, n: NodeId, evidence: &Evidence, ordering: &Ordering) -> Vec<Edge> {
    match &rules.node(n).body {
        NodeBody::Question(q) => match evidence.taken.get(&n) {
            None => Vec::new(),
            Some(Taken::Branch { answer, jump }) => {
                let to = jump.unwrap_or_else(|| q.answers[*answer].next);
                vec![Edge { to, weight: 1.0, minutes: None }]
            }
            Some(Taken::Unknown) => {
                let weights = branch_weights(rules, n, ordering);
                let mut edges: Vec<Edge> = q
                    .answers
                    .iter()
                    .zip(weights)
                    .map(|(a, weight)| Edge {
                        to: a.next,
                        weight,
                        minutes: Some(if ordering.authored_only {
                            DEFAULT_MINUTES
                        } else {
                            branch_minutes(a.cost)
                        }),
                    })
                    .collect();
                // The rules' default is visited first, so it wins ties.
                if q.default < edges.len() {
                    let d = edges.remove(q.default);
                    edges.insert(0, d);
                }
                edges
            }
        },
        NodeBody::Conclusion(c) => match c.otherwise {
            Some(to) if evidence.is_rejected(n) => {
                vec![Edge { to, weight: 1.0 - REMEDY_FIXES, minutes: None }]
            }
            _ => Vec::new(),
        },
    }
}

/// A branch's effort in minutes: its cost, a technician's call-out added.
pub fn branch_minutes(cost: Option<crate::rules::model::Cost>) -> f64 {
    match cost {
        None => DEFAULT_MINUTES,
        Some(c) => c.minutes + if c.technician { TECHNICIAN_MINUTES } else { 0.0 },
    }
}

/// How "don't know" at question `node` shares its mass over the branches:
/// their priors (learned or authored), normalised; branches without a prior
/// share what the weighted ones leave of 1; no prior at all means equal
/// shares; no branch falls below a small floor, so every one is tried
/// before the walk gives up. With
/// [`Ordering::authored_only`] every branch weighs the same.
pub fn branch_weights(rules: &RuleSet, node: NodeId, ordering: &Ordering) -> Vec<f64> {
    let Some(q) = rules.question(node) else { return Vec::new() };
    let n = q.answers.len();
    if n == 0 {
        return Vec::new();
    }
    let priors: Vec<Option<f64>> = (0..n)
        .map(|i| {
            if ordering.authored_only {
                None
            } else {
                ordering.priors.get(rules, node, i).map(|p| p.max(0.0))
            }
        })
        .collect();
    let weighted: f64 = priors.iter().flatten().sum();
    let known = priors.iter().flatten().count();
    let unweighted = n - known;
    // Without priors, equal shares; with some, the rest of 1 is shared by
    // the unweighted branches (nothing when the priors already sum to 1:
    // the author named the likely ones, and the floor keeps the others open).
    let fill = if known == 0 {
        1.0
    } else if unweighted > 0 {
        (1.0 - weighted).max(0.0) / unweighted as f64
    } else {
        0.0
    };
    let raw: Vec<f64> = priors.iter().map(|p| p.unwrap_or(fill)).collect();
    let sum: f64 = raw.iter().sum();
    let shares: Vec<f64> = if sum > 0.0 {
        raw.iter().map(|w| (w / sum).max(MIN_WEIGHT)).collect()
    } else {
        vec![1.0; n]
    };
    let total: f64 = shares.iter().sum();
    shares.into_iter().map(|w| w / total).collect()
}
