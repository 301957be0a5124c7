//! `posdiag graph`: pictures of the rule graph for a small rule set.

mod common;

use common::{Test, mini};

fn graph(args: &[&str]) -> common::Run {
    Test::new()
        .args(["graph", "--lang", "en", "--rules", mini().to_str().unwrap()])
        .args(args)
        .run()
}

#[test]
fn dot_tells_questions_conclusions_and_other_trees_apart() {
    let run = graph(&["--tree", "triage"]).code(0);
    let dot = run.stdout;
    assert!(dot.starts_with("digraph {"), "{dot}");
    assert!(dot.contains("rankdir=\"LR\""), "{dot}");
    // The triage's questions are rounded blue boxes.
    assert!(
        dot.contains("label = \"What is wrong?\", shape = box, style = \"rounded,filled\""),
        "{dot}"
    );
    // Nodes of the printer tree it leads into are grey and dashed, with their id.
    assert!(dot.contains("(printer.paper)\", shape = box, style = \"dashed,filled\""), "{dot}");
    // Cross-tree edges are dashed.
    assert!(dot.contains("label = \"Printing\", fontsize = 9, style = dashed"), "{dot}");
    assert_eq!(dot.matches(" -> ").count(), 5, "{dot}");
}

#[test]
fn whole_graph_shows_otherwise_edges_and_outcomes() {
    let dot = graph(&[]).code(0).stdout;
    assert!(dot.contains("Out of paper\\nPRINTER_OUT_OF_PAPER\", shape = box, style = filled, fillcolor = \"#bbf7d0\""), "{dot}");
    assert!(dot.contains("Restart the terminal\\nPRINTER_POWER_CYCLE\", shape = box, style = filled, fillcolor = \"#fed7aa\""), "{dot}");
    assert!(dot.contains("label = \"not fixed\", fontsize = 9, style = dotted"), "{dot}");
    assert!(!dot.contains("dashed,filled"), "no node is outside the drawn trees: {dot}");
}

#[test]
fn mermaid() {
    let m = graph(&["--format", "mermaid", "--tree", "printer"]).code(0).stdout;
    assert!(m.starts_with("flowchart LR\n"), "{m}");
    assert!(m.contains("(\"Is there paper?\"):::question"), "{m}");
    assert!(m.contains("[\"Out of paper<br/>PRINTER_OUT_OF_PAPER\"]:::resolved"), "{m}");
    assert!(m.contains("-.->|\"not fixed\"|"), "{m}");
    assert!(m.contains("classDef escalate"), "{m}");
}

#[test]
fn svg_through_graphviz_or_a_clear_message() {
    let run = graph(&["--format", "svg", "--tree", "printer"]);
    let have_dot = std::process::Command::new("dot").arg("-V").output().is_ok();
    if have_dot {
        let run = run.code(0);
        assert!(run.stdout.contains("<svg"), "{}", run.stdout);
    } else {
        run.code(2).stderr_has("SVG needs Graphviz's `dot`");
    }
}

#[test]
fn unknown_tree_names_the_trees() {
    graph(&["--tree", "printr"])
        .code(2)
        .stderr_has("unknown tree `printr`; did you mean `printer`?");
}
