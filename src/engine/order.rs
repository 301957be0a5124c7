//! Which branch to try first: probability over cost. When several checks
//! could come next and one fault is present, trying them in decreasing order
//! of p/c minimises the expected cost of the repair (Kadane & Simon;
//! Heckerman, Breese & Rommelse, "Decision-Theoretic Troubleshooting", 1995).
//!
//! A branch's p is its prior (authored, or learned from history, see
//! [`Priors`]); its c is its cost in minutes, plus [`TECHNICIAN_MINUTES`]
//! when it needs a technician, 1 minute when the rules give none. A branch
//! that a known fact will answer costs nothing and goes first. Branches
//! without a prior keep their authored place.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::fact::Facts;
use crate::rules::{NodeBody, NodeId, Question, RuleSet};

/// What calling out a technician adds to a check's cost, in minutes.
pub const TECHNICIAN_MINUTES: f64 = 60.0;
/// Cost of a branch whose rules give none.
pub const DEFAULT_MINUTES: f64 = 1.0;
/// How many questions deep [`Ordering::facts_find`] looks for a fault the
/// facts point to.
const FIND_DEPTH: u8 = 6;

/// Priors per (question, answer index); absent entries use the authored
/// prior.
#[derive(Debug, Clone, Default)]
pub struct Priors {
    learned: HashMap<(NodeId, usize), f64>,
}

impl Priors {
    /// The authored priors, unchanged.
    pub fn authored() -> Priors {
        Priors::default()
    }

    /// Set the prior of one branch (learned from history).
    pub fn set(&mut self, node: NodeId, answer: usize, prior: f64) {
        self.learned.insert((node, answer), prior);
    }

    pub fn get(&self, rules: &RuleSet, node: NodeId, answer: usize) -> Option<f64> {
        self.learned.get(&(node, answer)).copied().or_else(|| {
            rules.question(node).and_then(|q| q.answers.get(answer)).and_then(|a| a.prior)
        })
    }

    pub fn is_learned(&self) -> bool {
        !self.learned.is_empty()
    }
}

/// How the walk orders branches: priors, and the facts that make a check
/// free.
#[derive(Debug, Clone, Default)]
pub struct Ordering {
    pub priors: Priors,
    pub facts: Facts,
    /// Keep the authored order (for comparison).
    pub authored_only: bool,
}

/// One branch as ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// Index into the question's answers.
    pub index: usize,
    pub value: String,
    pub prior: Option<f64>,
    /// Effective cost in minutes (technician time included).
    pub minutes: f64,
    pub technician: bool,
    /// p/c, when the branch has a prior.
    pub ratio: Option<f64>,
    /// A known fact answers the check this branch leads to: it costs nothing.
    pub probed: bool,
    /// Known facts lead from this branch to a fault (a probe found it):
    /// the branch goes first, and a person is told so.
    pub found: bool,
}

impl Ordering {
    /// The answers of question `node`, in the order to try them.
    pub fn rank(&self, rules: &RuleSet, node: NodeId) -> Vec<Ranked> {
        let Some(q) = rules.question(node) else { return Vec::new() };
        let mut all: Vec<Ranked> = q
            .answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let technician = a.cost.is_some_and(|c| c.technician);
                let probed = self.probed(rules, a.next);
                let minutes = if probed {
                    0.0
                } else {
                    a.cost.map_or(DEFAULT_MINUTES, |c| c.minutes)
                        + if technician { TECHNICIAN_MINUTES } else { 0.0 }
                };
                let prior = self.priors.get(rules, node, i);
                let found = self.facts.iter().any(|f| f.alarm) && self.facts_find(rules, a.next);
                let ratio = match (prior, probed || found) {
                    (_, true) => Some(f64::INFINITY),
                    (Some(p), false) => Some(p / minutes.max(0.01)),
                    (None, false) => None,
                };
                Ranked {
                    index: i,
                    value: a.value.clone(),
                    prior,
                    minutes,
                    technician,
                    ratio,
                    probed,
                    found,
                }
            })
            .collect();
        if self.authored_only {
            return all;
        }
        // What the facts found comes first, in authored order.
        all.sort_by_key(|r| !r.found);
        // Weighted branches are sorted among the places they hold; the others
        // stay where the author put them.
        let slots: Vec<usize> = (0..all.len()).filter(|&i| all[i].ratio.is_some()).collect();
        let mut weighted: Vec<Ranked> = slots.iter().map(|&i| all[i].clone()).collect();
        weighted.sort_by(|a, b| {
            b.ratio.unwrap_or(0.0).total_cmp(&a.ratio.unwrap_or(0.0)).then(a.index.cmp(&b.index))
        });
        for (slot, r) in slots.into_iter().zip(weighted) {
            all[slot] = r;
        }
        all
    }

    /// Whether a known fact that points at a fault (see [`Fact::alarm`]),
    /// from `node` on, selects an answer that leads straight to a
    /// conclusion: the probe found a fault down there (paper out, no SIM).
    /// Other questions are looked through, a few levels deep.
    ///
    /// [`Fact::alarm`]: super::fact::Fact::alarm
    pub fn facts_find(&self, rules: &RuleSet, node: NodeId) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![(node, 0u8)];
        while let Some((n, depth)) = stack.pop() {
            let Some(q) = rules.question(n) else { continue };
            if depth > FIND_DEPTH || !seen.insert(n) {
                continue;
            }
            let picked = q
                .fact
                .as_deref()
                .and_then(|f| self.facts.get(f))
                .filter(|fact| fact.alarm)
                .and_then(|fact| q.select(&fact.value));
            match picked {
                Some((_, a)) if rules.conclusion(a.next).is_some() => return true,
                Some((_, a)) => stack.push((a.next, depth + 1)),
                None => stack.extend(q.answers.iter().map(|a| (a.next, depth + 1))),
            }
        }
        false
    }

    /// Whether a known fact answers the question at `node`.
    fn probed(&self, rules: &RuleSet, node: NodeId) -> bool {
        match &rules.node(node).body {
            NodeBody::Question(q) => q
                .fact
                .as_deref()
                .and_then(|f| self.facts.get(f))
                .is_some_and(|fact| q.select(&fact.value).is_some()),
            NodeBody::Conclusion(_) => false,
        }
    }
}

/// Expected minutes to find the fault trying `ranked` in order, with the
/// priors normalised over the branches that have one:
/// E = Σᵢ cᵢ · (1 − Σ_{j<i} pⱼ). `None` when no branch has a prior.
pub fn expected_minutes(ranked: &[Ranked]) -> Option<f64> {
    let total: f64 = ranked.iter().filter_map(|r| r.prior).sum();
    if total <= 0.0 {
        return None;
    }
    let mut found: f64 = 0.0;
    let mut expected = 0.0;
    for r in ranked {
        let Some(p) = r.prior else { continue };
        expected += r.minutes * (1.0 - found).max(0.0);
        found += p / total;
    }
    Some(expected)
}

/// Whether the question has any weighted branch worth explaining.
pub fn is_weighted(q: &Question) -> bool {
    q.answers.iter().filter(|a| a.prior.is_some()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked(prior: Option<f64>, minutes: f64) -> Ranked {
        Ranked {
            index: 0,
            value: String::new(),
            prior,
            minutes,
            technician: false,
            ratio: prior.map(|p| p / minutes),
            probed: false,
            found: false,
        }
    }

    #[test]
    fn expected_cost_by_hand() {
        // p = 0.5, 0.3, 0.2; c = 2, 10, 5 minutes, in this order:
        // E = 2·1 + 10·(1 − 0.5) + 5·(1 − 0.8) = 2 + 5 + 1 = 8.
        let order = [ranked(Some(0.5), 2.0), ranked(Some(0.3), 10.0), ranked(Some(0.2), 5.0)];
        assert!((expected_minutes(&order).unwrap() - 8.0).abs() < 1e-9);
        // The p/c order (0.25, 0.03, 0.04 → first, third, second):
        // E = 2·1 + 5·0.5 + 10·0.3 = 2 + 2.5 + 3 = 7.5, cheaper.
        let pc = [ranked(Some(0.5), 2.0), ranked(Some(0.2), 5.0), ranked(Some(0.3), 10.0)];
        assert!((expected_minutes(&pc).unwrap() - 7.5).abs() < 1e-9);
        assert_eq!(expected_minutes(&[ranked(None, 1.0)]), None);
    }
}
