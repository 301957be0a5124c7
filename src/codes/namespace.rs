//! Which namespace each table's codes live in. Tables without a prefix
//! share the bare namespace; a table with prefixes gets its own, unless one
//! of its prefixes already names one (an overlay with `prefix: [CME]` adds
//! to the modem table). A prefix that would name two namespaces is a
//! conflict the checker reports.

use foldhash::{HashMap, HashMapExt as _};

use super::book::BARE;
use super::key::compact;

/// The outcome of assigning namespaces.
#[derive(Debug, Default)]
pub struct Namespaces {
    /// Namespace of each table, in the order given.
    pub of_table: Vec<usize>,
    /// Compact prefix → namespace, longest prefix first.
    pub prefixes: Vec<(String, usize)>,
    /// (table, its prefix, the earlier table that owns that prefix).
    pub conflicts: Vec<(usize, String, usize)>,
}

/// Assign namespaces to tables given by their prefixes, built-in tables
/// first so an overlay joins theirs.
pub fn assign(prefixes: &[Vec<String>]) -> Namespaces {
    let mut out = Namespaces::default();
    let mut owner: HashMap<String, (usize, usize)> = HashMap::new();
    let mut next = BARE + 1;
    for (table, given) in prefixes.iter().enumerate() {
        let keys: Vec<String> =
            given.iter().map(|p| compact(p)).filter(|k| !k.is_empty()).collect();
        if keys.is_empty() {
            out.of_table.push(BARE);
            continue;
        }
        let ns = match keys.iter().find_map(|k| owner.get(k)) {
            Some(&(ns, _)) => ns,
            None => {
                next += 1;
                next - 1
            }
        };
        for k in keys {
            match owner.get(&k) {
                Some(&(other_ns, other)) if other_ns != ns => {
                    out.conflicts.push((table, k, other));
                }
                Some(_) => {}
                None => {
                    owner.insert(k.clone(), (ns, table));
                    out.prefixes.push((k, ns));
                }
            }
        }
        out.of_table.push(ns);
    }
    out.prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn bare_prefixed_and_joined() {
        let n = assign(&[v(&[]), v(&["+CME ERROR:", "CME"]), v(&["VF"]), v(&[]), v(&["cme"])]);
        assert_eq!(n.of_table[0], BARE);
        assert_eq!(n.of_table[3], BARE);
        assert_ne!(n.of_table[1], BARE);
        assert_ne!(n.of_table[1], n.of_table[2]);
        assert_eq!(n.of_table[4], n.of_table[1], "an overlay with `cme` joins the modem table");
        assert!(n.conflicts.is_empty());
        assert_eq!(n.prefixes[0].0, "CMEERROR", "longest first");
    }

    #[test]
    fn a_prefix_of_two_namespaces_conflicts() {
        let n = assign(&[v(&["VF"]), v(&["PAX"]), v(&["PAX", "VF"])]);
        // The third table joins `PAX`'s namespace, but `VF` names another.
        assert_eq!(n.conflicts, vec![(2, "VF".to_string(), 0)]);
        assert_eq!(n.of_table[2], n.of_table[1]);
    }
}
