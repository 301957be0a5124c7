//! The walk under uncertainty, from outside: merchants with a secret fault
//! drive `posdiag diagnose --batch` through the JSON contract alone.
//!
//! The rule files are read here with this test's own mirror types, not the
//! library's. For every conclusion, the first path from the root (depth
//! first, answers in authored order, then `otherwise`) is the merchant's
//! truth; for each question on it, one merchant answers that question
//! "don't know", the rest of the path as it says, every other question
//! "don't know", and every wrong remedy "not fixed". Each round sends every
//! unfinished merchant's answers so far, one line each, and adds the answer
//! to whatever the walk asked next.

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};

use common::Test;
use common::contract::{BatchRecord, Status};
use serde::Deserialize;

#[derive(Deserialize)]
struct RuleFile {
    #[serde(default)]
    root: bool,
    entry: String,
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    id: String,
    kind: String,
    #[serde(default)]
    answers: Vec<Answer>,
    otherwise: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    value: String,
    next: String,
}

/// How the merchant's path leaves a node: an answer, or "not fixed".
type Path = Vec<(String, String)>;

fn first_paths() -> Vec<(String, Path)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut nodes: HashMap<String, Node> = HashMap::new();
    let mut root = None;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let file: RuleFile =
                serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if file.root {
                root = Some(file.entry.clone());
            }
            for n in file.nodes {
                nodes.insert(n.id.clone(), n);
            }
        }
    }
    let root = root.expect("a root tree");
    let mut via: HashMap<String, Option<(String, String)>> = HashMap::new();
    let mut order = Vec::new();
    let mut stack = vec![(root, None)];
    while let Some((id, from)) = stack.pop() {
        if via.contains_key(&id) {
            continue;
        }
        via.insert(id.clone(), from);
        order.push(id.clone());
        let n = &nodes[&id];
        let mut next: Vec<(String, (String, String))> =
            n.answers.iter().map(|a| (a.next.clone(), (id.clone(), a.value.clone()))).collect();
        if let Some(o) = &n.otherwise {
            next.push((o.clone(), (id.clone(), "not_fixed".into())));
        }
        for (to, step) in next.into_iter().rev() {
            if !via.contains_key(&to) {
                stack.push((to, Some(step)));
            }
        }
    }
    order
        .into_iter()
        .filter(|id| nodes[id].kind == "conclusion")
        .map(|target| {
            let mut path = Vec::new();
            let mut at = target.clone();
            while let Some(Some((from, how))) = via.get(&at) {
                path.push((from.clone(), how.clone()));
                at = from.clone();
            }
            path.reverse();
            (target, path)
        })
        .collect()
}

struct Merchant {
    target: String,
    /// The path's answers, with the one "don't know".
    knows: HashMap<String, String>,
    /// Remedies the path itself rejects on the way.
    own: usize,
    answers: BTreeMap<String, String>,
    asked: HashSet<String>,
    /// Conclusions offered before the target, when it came.
    reached: Option<usize>,
    failed: Option<String>,
}

#[test]
fn every_one_dont_know_walk_reaches_its_fault() {
    let mut merchants = Vec::new();
    for (target, path) in first_paths() {
        let own = path.iter().filter(|(_, how)| how == "not_fixed").count();
        for (unknown, how) in &path {
            if how == "not_fixed" {
                continue;
            }
            let mut knows: HashMap<String, String> = path.iter().cloned().collect();
            knows.insert(unknown.clone(), "unknown".into());
            merchants.push(Merchant {
                target: target.clone(),
                knows,
                own,
                answers: BTreeMap::new(),
                asked: HashSet::new(),
                reached: None,
                failed: None,
            });
        }
    }
    assert!(merchants.len() > 400, "{} walks", merchants.len());
    for _round in 0..60 {
        let active: Vec<usize> = (0..merchants.len())
            .filter(|&i| merchants[i].reached.is_none() && merchants[i].failed.is_none())
            .collect();
        if active.is_empty() {
            break;
        }
        let mut input = String::new();
        for &i in &active {
            let line = serde_json::json!({"id": i, "answers": merchants[i].answers});
            input.push_str(&line.to_string());
            input.push('\n');
        }
        let run = Test::new()
            .args(["diagnose", "--lang", "en", "--no-history", "--batch", "-"])
            .stdin(input)
            .run();
        let records: Vec<BatchRecord> =
            run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(records.len(), active.len(), "{}", run.stderr);
        for r in records {
            let i = r.id.as_ref().and_then(|v| v.as_u64()).unwrap() as usize;
            let m = &mut merchants[i];
            let d = r.diagnosis.unwrap_or_else(|| panic!("line {}: {:?}", r.line, r.error));
            // No question twice, ever.
            let mut seen = HashSet::new();
            for s in d.path.iter().filter(|s| s.kind != "rejected") {
                assert!(seen.insert(s.node.clone()), "{} asked twice", s.node);
            }
            match d.status {
                Status::NeedsInput => {
                    let q = d.pending.unwrap().node;
                    assert!(m.asked.insert(q.clone()), "{q} asked again");
                    let a = m.knows.get(&q).cloned().unwrap_or_else(|| "unknown".into());
                    m.answers.insert(q, a);
                }
                Status::Concluded => {
                    let c = d.conclusion.unwrap();
                    if c.node == m.target {
                        m.reached = Some(d.rejected.len() + 1);
                    } else if d.rejected.len() + 1 >= 20 {
                        m.failed = Some("gave up after 20 conclusions".into());
                    } else {
                        m.answers.insert(c.node, "not_fixed".into());
                    }
                }
                Status::NoConclusion => {
                    m.failed = Some(format!("escalated after {:?}", d.rejected));
                }
            }
        }
    }
    let misses: Vec<String> = merchants
        .iter()
        .filter(|m| m.reached.is_none())
        .map(|m| format!("{}: {}", m.target, m.failed.as_deref().unwrap_or("ran out of rounds")))
        .collect();
    assert!(misses.is_empty(), "never reached:\n{}", misses.join("\n"));
    let soon = merchants
        .iter()
        .filter(|m| m.reached.is_some_and(|k| k.saturating_sub(m.own) <= 3))
        .count();
    let share = soon as f64 / merchants.len() as f64;
    eprintln!(
        "{} walks, {:.1} % within 3 conclusions beyond the path's own",
        merchants.len(),
        share * 100.0
    );
    assert!(share >= 0.85, "{:.1} % within 3", share * 100.0);
}
