//! Write a rule set as CLIPS facts, to measure posdiag's first load against
//! CLIPS 6.30 loading the same graph (`scripts/bench.py` does it side by
//! side):
//!
//! ```text
//! cargo run --release --example rules_to_clips -- /tmp/kb-100k /tmp/clips
//! cd /tmp/clips && timeout 60 clips -f2 load.bat
//! ```
//!
//! `DIR/rules.clp` holds the templates and the rules that index and check
//! the graph as posdiag's load does for ids, edges and keys: every node id
//! once, every `next`, `otherwise` and tree `entry` to a known node, every
//! conclusion key once. `DIR/kb.fct` holds the facts, one node, edge or
//! entry a line; `DIR/load.bat` loads both, runs the rules and exits. The
//! texts are left out: CLIPS gets a fifth of the bytes posdiag reads.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use posdiag::rules::{NodeBody, load};
use posdiag::source::{self, SourceFile};

const RULES: &str = r#"(deftemplate node (slot id) (slot tree) (slot kind) (slot key (default nil)))
(deftemplate edge (slot from) (slot to))
(deftemplate entry (slot tree) (slot id))

(defrule duplicate-id
  ?a <- (node (id ?i))
  ?b <- (node (id ?i))
  (test (< (fact-index ?a) (fact-index ?b)))
  =>
  (printout t "duplicate node id " ?i crlf))

(defrule duplicate-key
  ?a <- (node (key ?k&~nil))
  ?b <- (node (key ?k))
  (test (< (fact-index ?a) (fact-index ?b)))
  =>
  (printout t "duplicate conclusion key " ?k crlf))

(defrule unknown-node
  (edge (from ?f) (to ?t))
  (not (node (id ?t)))
  =>
  (printout t ?f " points to unknown node " ?t crlf))

(defrule unknown-entry
  (entry (tree ?tree) (id ?t))
  (not (node (id ?t)))
  =>
  (printout t "tree " ?tree " enters at unknown node " ?t crlf))
"#;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(rules), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: rules_to_clips RULES_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    let files: Vec<SourceFile> = match source::read_folder(std::path::Path::new(rules)) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let loaded = load(&files, &[]);
    let Some(set) = loaded.rules else {
        eprintln!(
            "the rules have {} problem(s); run `posdiag check` on them",
            loaded.problems.len()
        );
        return ExitCode::from(2);
    };
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut facts = String::with_capacity(set.len() * 120);
    for tree in set.trees() {
        let _ =
            writeln!(facts, "(entry (tree {}) (id {}))", q(&tree.id), q(&set.node(tree.entry).id));
    }
    for (id, node) in set.nodes() {
        let tree = &set.tree_of(id).id;
        let _ = match &node.body {
            NodeBody::Question(_) => {
                writeln!(facts, "(node (id {}) (tree {}) (kind question))", q(&node.id), q(tree))
            }
            NodeBody::Conclusion(c) => writeln!(
                facts,
                "(node (id {}) (tree {}) (kind conclusion) (key {}))",
                q(&node.id),
                q(tree),
                q(&c.key)
            ),
        };
        for to in set.successors(id) {
            let _ = writeln!(facts, "(edge (from {}) (to {}))", q(&node.id), q(&set.node(to).id));
        }
    }
    let out = PathBuf::from(out);
    let batch = "(load \"rules.clp\")\n(load-facts \"kb.fct\")\n(run)\n(exit)\n";
    for (name, text) in [("rules.clp", RULES), ("kb.fct", facts.as_str()), ("load.bat", batch)] {
        if let Err(e) =
            std::fs::create_dir_all(&out).and_then(|()| std::fs::write(out.join(name), text))
        {
            eprintln!("cannot write `{}`: {e}", out.join(name).display());
            return ExitCode::from(2);
        }
    }
    eprintln!("{} nodes as CLIPS facts in {}", set.len(), out.display());
    ExitCode::SUCCESS
}
