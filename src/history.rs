//! The local history of confirmed faults, and the priors learned from it.
//!
//! Each finished interactive session whose remedy fixed the fault appends
//! one line to `history.jsonl` in the user's data directory
//! (`$POSDIAG_DATA_DIR`, else `$XDG_DATA_HOME/posdiag`, `~/.local/share/posdiag`):
//! the time, the conclusion key, its node and tree. Nothing else: no answers,
//! no typed text, no card numbers. `--no-history` neither reads nor writes it.
//!
//! The history stays small however long posdiag is used: only its last
//! [`TAIL_BYTES`] are read (about 40,000 sessions), and an append that finds
//! the file past twice that rewrites it to that tail. A line counts only
//! when it names a conclusion of the current rules by key, node and tree; a
//! well-formed line of anything else is skipped like a damaged one.
//!
//! Learning is a Dirichlet update: a question's authored priors act as
//! [`PSEUDO_COUNTS`] pseudo-counts, and each confirmed fault reachable
//! through a branch adds one, so a few sessions nudge the order and many
//! decide it.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::engine::Priors;
use crate::rules::{NodeId, RuleSet};

/// The most of the history that is read: its last lines, this many bytes.
pub const TAIL_BYTES: u64 = 4 * 1024 * 1024;

/// How many sessions the authored priors are worth.
pub const PSEUDO_COUNTS: f64 = 10.0;

/// One confirmed fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Seconds since the Unix epoch.
    pub time: u64,
    pub key: String,
    pub node: String,
    pub tree: String,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    pub entries: Vec<Entry>,
    /// Lines that could not be read (a damaged or foreign line is skipped,
    /// not fatal).
    pub skipped: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("cannot read history `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write history `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("no place for the history: set POSDIAG_DATA_DIR or HOME")]
    NoDataDir,
}

/// Where the history is kept.
pub fn default_path() -> Result<PathBuf, HistoryError> {
    if let Some(dir) = std::env::var_os("POSDIAG_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("history.jsonl"));
    }
    dirs::data_dir().map(|d| d.join("posdiag").join("history.jsonl")).ok_or(HistoryError::NoDataDir)
}

impl Entry {
    pub fn now(rules: &RuleSet, node: NodeId) -> Option<Entry> {
        let key = rules.conclusion(node)?.key.clone();
        Some(Entry {
            time: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            key,
            node: rules.node(node).id.clone(),
            tree: rules.tree_of(node).id.clone(),
        })
    }
}

/// Append one entry. One `write` of one line on a file opened for
/// appending, so concurrent runs interleave whole lines; masked like every
/// byte posdiag writes. Only a regular file is appended to; one grown past
/// twice [`TAIL_BYTES`] is first cut to its tail.
pub fn append(path: &Path, entry: &Entry) -> Result<(), HistoryError> {
    let err = |source| HistoryError::Write { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let line = serde_json::to_string(entry).map_err(|e| err(std::io::Error::other(e)))? + "\n";
    let line = crate::mask::mask_pans(&line).into_owned();
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "it is not a regular file; posdiag writes only regular files",
            )));
        }
        Ok(meta) if meta.len() > 2 * TAIL_BYTES => compact(path).map_err(err)?,
        _ => {}
    }
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(err)?;
    file.write_all(line.as_bytes()).map_err(err)
}

/// Cut the history to its last [`TAIL_BYTES`], whole lines, atomically.
fn compact(path: &Path) -> std::io::Result<()> {
    let tail = crate::fsio::read_tail(path, TAIL_BYTES)?;
    crate::fsio::write_atomic(path, &tail)
}

/// Read the history's last [`TAIL_BYTES`]; a missing file is an empty
/// history, a FIFO or a device an error.
pub fn read(path: &Path) -> Result<History, HistoryError> {
    let bytes = match crate::fsio::read_tail(path, TAIL_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(History::default()),
        Err(source) => return Err(HistoryError::Read { path: path.to_path_buf(), source }),
    };
    let mut history = History::default();
    for line in bytes.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Entry>(line) {
            Ok(e) => history.entries.push(e),
            Err(_) => history.skipped += 1,
        }
    }
    Ok(history)
}

impl History {
    /// Keep only the entries that name a conclusion of `rules` by key, node
    /// and tree; the others count as skipped lines.
    pub fn retain_known(&mut self, rules: &RuleSet) {
        let before = self.entries.len();
        self.entries.retain(|e| is_known(rules, e));
        self.skipped += before - self.entries.len();
    }

    /// Confirmed faults by conclusion key.
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for e in &self.entries {
            *counts.entry(e.key.as_str()).or_insert(0) += 1;
        }
        counts
    }
}

/// One branch's authored and learned prior, for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnedPrior {
    pub node: String,
    pub answer: String,
    pub authored: f64,
    pub learned: f64,
    /// Confirmed faults reachable through this branch.
    pub count: usize,
}

/// The Dirichlet update of every question's priors: for branch a with
/// authored prior pₐ (normalised over the question's branches) and nₐ
/// confirmed faults reachable through it,
/// learned pₐ = (S·pₐ + nₐ) / (S + Σ n), with S = [`PSEUDO_COUNTS`].
/// The priors to walk with: the authored ones when nothing is recorded yet
/// (without working out what each branch reaches), else [`learn`]'s.
pub fn priors(rules: &RuleSet, history: &History) -> Priors {
    if history.entries.is_empty() { Priors::authored() } else { learn(rules, history).0 }
}

pub fn learn(rules: &RuleSet, history: &History) -> (Priors, Vec<LearnedPrior>) {
    let mut priors = Priors::authored();
    let mut review = Vec::new();
    let mut counts = BTreeMap::new();
    for e in history.entries.iter().filter(|e| is_known(rules, e)) {
        *counts.entry(e.key.as_str()).or_insert(0) += 1;
    }
    let reach = Reach::new(rules, &counts);
    for (node, _) in rules.nodes() {
        let Some(q) = rules.question(node) else { continue };
        let weighted: Vec<(usize, f64)> =
            q.answers.iter().enumerate().filter_map(|(i, a)| a.prior.map(|p| (i, p))).collect();
        let total: f64 = weighted.iter().map(|(_, p)| p).sum();
        if weighted.len() < 2 || total <= 0.0 {
            continue;
        }
        let n: Vec<usize> = weighted.iter().map(|&(i, _)| reach.count(q.answers[i].next)).collect();
        let seen: usize = n.iter().sum();
        for (&(i, p), &count) in weighted.iter().zip(&n) {
            let authored = p / total;
            let learned = (PSEUDO_COUNTS * authored + count as f64) / (PSEUDO_COUNTS + seen as f64);
            if seen > 0 {
                priors.set(node, i, learned);
            }
            review.push(LearnedPrior {
                node: rules.node(node).id.clone(),
                answer: q.answers[i].value.clone(),
                authored,
                learned,
                count,
            });
        }
    }
    (priors, review)
}

/// Whether `e` names a conclusion of `rules`: its key at its node, in its
/// tree.
fn is_known(rules: &RuleSet, e: &Entry) -> bool {
    rules.find(&e.node).is_some_and(|n| {
        rules.conclusion(n).is_some_and(|c| c.key == e.key) && rules.tree_of(n).id == e.tree
    })
}

/// The conclusion keys reachable from each node through answers, computed
/// on demand.
/// How many recorded faults lie under each node: the sum of the counts of
/// the conclusions it reaches through answers. `otherwise` edges (what to
/// try after a failed remedy) are not followed, or every branch would own
/// the generic escalations. Worked out backwards from each recorded
/// conclusion, so the cost is the graph's size times the number of distinct
/// faults recorded, whatever the graph's shape.
struct Reach {
    under: Vec<usize>,
}

impl Reach {
    fn new(rules: &RuleSet, counts: &BTreeMap<&str, usize>) -> Reach {
        let mut parents: Vec<Vec<NodeId>> = vec![Vec::new(); rules.len()];
        for (node, _) in rules.nodes() {
            if let Some(q) = rules.question(node) {
                for a in &q.answers {
                    parents[a.next.index()].push(node);
                }
            }
        }
        let mut under = vec![0; rules.len()];
        let mut seen = vec![usize::MAX; rules.len()];
        for (round, (node, c)) in rules.conclusions().enumerate() {
            let Some(&count) = counts.get(c.key.as_str()) else { continue };
            // The graph is acyclic (the checker guarantees it); an explicit
            // stack and a seen mark keep a deep or diamond-shaped one cheap.
            let mut stack = vec![node];
            while let Some(n) = stack.pop() {
                if std::mem::replace(&mut seen[n.index()], round) == round {
                    continue;
                }
                under[n.index()] += count;
                stack.extend(parents[n.index()].iter().copied());
            }
        }
        Reach { under }
    }

    fn count(&self, node: NodeId) -> usize {
        self.under[node.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_appends_keep_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h").join("history.jsonl");
        std::thread::scope(|s| {
            for t in 0..8 {
                let path = &path;
                s.spawn(move || {
                    for i in 0..50 {
                        let e = Entry {
                            time: t * 1000 + i,
                            key: format!("KEY_{t}"),
                            node: "a.b".into(),
                            tree: "a".into(),
                        };
                        append(path, &e).unwrap();
                    }
                });
            }
        });
        let h = read(&path).unwrap();
        assert_eq!(h.entries.len(), 400);
        assert_eq!(h.skipped, 0);
        assert_eq!(h.counts()["KEY_3"], 50);
    }

    #[test]
    fn a_long_history_is_cut_to_its_tail_on_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        let line = "{\"time\":1,\"key\":\"OLD\",\"node\":\"a.b\",\"tree\":\"a\"}\n";
        let n = (2 * TAIL_BYTES as usize) / line.len() + 10;
        std::fs::write(&path, line.repeat(n)).unwrap();
        let e = Entry { time: 2, key: "NEW".into(), node: "a.b".into(), tree: "a".into() };
        append(&path, &e).unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size <= TAIL_BYTES + 100, "{size}");
        let h = read(&path).unwrap();
        assert_eq!(h.skipped, 0, "whole lines only");
        assert_eq!(h.entries.last().unwrap().key, "NEW");
        // Read back at its tail: at most the first line is dropped.
        assert!(size / line.len() as u64 - h.entries.len() as u64 <= 1);
        assert!(h.entries.len() > 50_000);
    }

    #[test]
    fn damaged_lines_are_skipped_and_missing_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("history.jsonl");
        assert!(read(&path).unwrap().entries.is_empty());
        std::fs::write(
            &path,
            b"{\"time\":1,\"key\":\"K\",\"node\":\"a.b\",\"tree\":\"a\"}\n\xff\xfe\n{}\n\n",
        )
        .unwrap();
        let h = read(&path).unwrap();
        assert_eq!((h.entries.len(), h.skipped), (1, 2));
    }
}
