//! `posdiag check`: every kind of problem is found, with file:line:column and
//! node id, all at once; exit 0 when clean, 2 when not.

mod common;

use common::contract::Check;
use common::{Test, mini, mini_with, rule_dir};

fn check_json(dir: &std::path::Path) -> (i32, Check) {
    let run =
        Test::new().args(["check", "--format", "json", "--rules"]).arg(dir.to_str().unwrap()).run();
    let code = run.code;
    (code, run.json())
}

/// 1-based number of the first line of `text` containing `needle`.
#[track_caller]
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    text[..at].matches('\n').count() as u64 + 1
}

/// Check `printer.yaml` replaced by `text` and expect a problem of `kind`
/// on the line containing `at`, on `node`.
#[track_caller]
fn lint(text: &str, kind: &str, at: &str, node: Option<&str>) -> Check {
    let line = line_of(text, at);
    let dir = mini_with("printer.yaml", text);
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 2, "{out:#?}");
    assert!(!out.ok);
    let found = out.problems.iter().find(|p| p.kind == kind);
    let p = found.unwrap_or_else(|| panic!("no `{kind}` problem in {:#?}", out.problems));
    assert_eq!(p.line, line, "{p:#?}");
    assert!(p.column > 0, "{p:#?}");
    assert!(p.file.ends_with("printer.yaml"), "{p:#?}");
    assert_eq!(p.node.as_deref(), node, "{p:#?}");
    out
}

const PRINTER: &str = include_str!("data/mini/printer.yaml");

#[test]
fn clean_rules_pass_with_counts() {
    let (code, out) = check_json(&mini());
    assert_eq!(code, 0);
    assert!(out.ok && out.problems.is_empty());
    assert_eq!(out.version, 1);
    assert_eq!(out.files, 2);
    assert_eq!(out.nodes, 5);
    assert_eq!(out.conclusions, 2);
    let ids: Vec<&str> = out.trees.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["printer", "triage"]);
}

#[test]
fn embedded_rules_are_clean() {
    let run = Test::new().args(["check", "--format", "json"]).run().code(0);
    let out: Check = run.json();
    assert!(out.ok);
    assert!(out.trees.len() >= 7, "{:?}", out.trees);
}

#[test]
fn yaml_syntax_error_has_place() {
    let text = PRINTER
        .replace("title: {zh: 缺纸, en: Out of paper}", "title: {zh: [缺纸, en: Out of paper}");
    let dir = mini_with("printer.yaml", &text);
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 2);
    let p = &out.problems[0];
    assert_eq!(p.kind, "yaml");
    assert!(p.line >= 19, "{p:#?}");
    assert_eq!(p.node.as_deref(), Some("printer.out_of_paper"));
}

#[test]
fn unknown_field() {
    let out = lint(
        &PRINTER.replace("    fact: printer.paper", "    fakt: printer.paper"),
        "unknown-field",
        "fakt:",
        Some("printer.paper"),
    );
    assert!(out.problems[0].message.contains("`fakt`"));
}

#[test]
fn duplicate_key() {
    lint(
        &PRINTER.replace("    fact: printer.paper", "    fact: printer.paper\n    fact: x"),
        "duplicate-key",
        "fact: x",
        Some("printer.paper"),
    );
}

#[test]
fn wrong_type() {
    lint(
        &PRINTER.replace("outcome: resolved", "outcome: [resolved]"),
        "yaml",
        "outcome: [resolved]",
        Some("printer.out_of_paper"),
    );
}

#[test]
fn duplicate_node_id_across_files() {
    let extra = "tree: extra\ntitle: {zh: 额外, en: Extra}\nentry: printer.paper\nnodes:\n  - id: printer.paper\n    kind: conclusion\n    key: EXTRA\n    title: {zh: 额外, en: Extra}\n    remedy: [{zh: 无, en: None}]\n    actor: merchant\n    outcome: resolved\n";
    let dir = mini_with("z_extra.yaml", extra);
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 2);
    let p = out.problems.iter().find(|p| p.kind == "duplicate-id").expect("duplicate-id");
    assert!(p.file.ends_with("z_extra.yaml"));
    assert_eq!(p.line, 5);
    assert!(p.message.contains("printer.yaml:5"), "{p:#?}");
}

#[test]
fn edge_to_unknown_node_with_hint() {
    let out = lint(
        &PRINTER.replace("next: printer.out_of_paper", "next: printer.out_of_papr"),
        "unknown-node",
        "out_of_papr",
        Some("printer.paper"),
    );
    let p = out.problems.iter().find(|p| p.kind == "unknown-node").unwrap();
    assert_eq!(p.hint.as_deref(), Some("did you mean `printer.out_of_paper`?"));
}

#[test]
fn unreachable_node() {
    let text = format!(
        "{PRINTER}  - id: printer.orphan\n    kind: conclusion\n    key: ORPHAN\n    title: {{zh: 孤儿, en: Orphan}}\n    remedy: [{{zh: 无, en: None}}]\n    actor: merchant\n    outcome: resolved\n"
    );
    lint(&text, "unreachable", "id: printer.orphan", Some("printer.orphan"));
}

#[test]
fn cycle() {
    let out = lint(
        &PRINTER.replace(
            "    outcome: escalate",
            "    outcome: escalate\n    otherwise: printer.paper",
        ),
        "cycle",
        "id: printer.out_of_paper",
        Some("printer.out_of_paper"),
    );
    let p = out.problems.iter().find(|p| p.kind == "cycle").unwrap();
    for member in ["printer.paper", "printer.out_of_paper", "printer.power_cycle"] {
        assert!(p.message.contains(&format!("`{member}`")), "{}", p.message);
    }
}

#[test]
fn question_without_answers() {
    let text = PRINTER.replace(
        "    answers:\n      - value: no_paper",
        "    answers: []\n    unused:\n      - value: no_paper",
    );
    // The unknown field stops the file; answers: [] alone is the lint.
    let _ = text;
    let text = "tree: printer\ntitle: {zh: 打印机, en: Printer}\nentry: printer.paper\nnodes:\n  - id: printer.paper\n    kind: question\n    text: {zh: 有纸吗？, en: Is there paper?}\n    answers: []\n  - id: printer.power_cycle\n    kind: conclusion\n    key: PRINTER_POWER_CYCLE\n    title: {zh: 重启, en: Restart}\n    remedy: [{zh: 重启。, en: Restart it.}]\n    actor: merchant\n    outcome: resolved\n";
    lint(text, "no-answers", "id: printer.paper", Some("printer.paper"));
}

#[test]
fn leaf_that_is_not_a_conclusion() {
    let text = PRINTER
        .replace("        next: printer.out_of_paper\n", "")
        .replace("        next: printer.power_cycle\n", "");
    let out = lint(&text, "leaf-not-conclusion", "id: printer.paper", Some("printer.paper"));
    assert!(out.problems.iter().any(|p| p.kind == "missing-field" && p.message.contains("`next`")));
}

#[test]
fn missing_text_in_one_language() {
    lint(
        &PRINTER.replace("title: {zh: 缺纸, en: Out of paper}", "title: {zh: 缺纸}"),
        "missing-text",
        "title: {zh: 缺纸}",
        Some("printer.out_of_paper"),
    );
}

#[test]
fn duplicate_conclusion_key() {
    lint(
        &PRINTER.replace("key: PRINTER_POWER_CYCLE", "key: PRINTER_OUT_OF_PAPER"),
        "duplicate-conclusion-key",
        "key: PRINTER_OUT_OF_PAPER\n    title: {zh: 重启",
        Some("printer.power_cycle"),
    );
}

#[test]
fn bad_key_and_id() {
    lint(
        &PRINTER.replace("key: PRINTER_POWER_CYCLE", "key: printerPowerCycle"),
        "bad-key",
        "printerPowerCycle",
        Some("printer.power_cycle"),
    );
    lint(
        &PRINTER
            .replace("id: printer.power_cycle", "id: power_cycle")
            .replace("next: printer.power_cycle", "next: power_cycle")
            .replace("otherwise: printer.power_cycle", "otherwise: power_cycle"),
        "bad-id",
        "id: power_cycle",
        Some("power_cycle"),
    );
}

#[test]
fn bad_condition_prior_and_default() {
    lint(
        &PRINTER.replace("when: {equals: out}", "when: {equals: out, any: true}"),
        "bad-condition",
        "any: true}",
        Some("printer.paper"),
    );
    lint(
        &PRINTER.replace("        when: {any: true}\n", ""),
        "bad-condition",
        "value: has_paper",
        Some("printer.paper"),
    );
    lint(
        &PRINTER
            .replace("    fact: printer.paper", "    fact: printer.paper\n    default: has_papr"),
        "bad-default",
        "default: has_papr",
        Some("printer.paper"),
    );
    lint(
        &PRINTER.replace(
            "        when: {equals: out}",
            "        when: {equals: out}\n        prior: 1.5",
        ),
        "bad-weight",
        "prior: 1.5",
        Some("printer.paper"),
    );
}

#[test]
fn misplaced_field_and_reserved_value() {
    lint(
        &PRINTER.replace(
            "    outcome: resolved",
            "    outcome: resolved\n    why: {zh: 因为, en: because}",
        ),
        "misplaced-field",
        "why: {zh: 因为",
        Some("printer.out_of_paper"),
    );
    lint(
        &PRINTER.replace("value: has_paper", "value: unknown"),
        "bad-answer",
        "value: unknown",
        Some("printer.paper"),
    );
}

#[test]
fn root_problems() {
    let dir = rule_dir(&[("printer.yaml", PRINTER)]);
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 2);
    assert!(out.problems.iter().any(|p| p.kind == "root"), "{:#?}", out.problems);
}

#[test]
fn all_problems_at_once_in_text() {
    let text = PRINTER
        .replace("next: printer.out_of_paper", "next: printer.nowhere")
        .replace("title: {zh: 缺纸, en: Out of paper}", "title: {en: Out of paper}")
        .replace("key: PRINTER_POWER_CYCLE", "key: bad key");
    let dir = mini_with("printer.yaml", &text);
    let run =
        Test::new().args(["check", "--rules"]).arg(dir.path().to_str().unwrap()).run().code(2);
    assert!(run.stdout.contains("printer.yaml:13:"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("node `printer.paper`: `next` points to unknown node `printer.nowhere`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[missing-text]"), "{}", run.stdout);
    assert!(run.stdout.contains("[bad-key]"), "{}", run.stdout);
    assert!(run.stdout.contains("3 problem(s)"), "{}", run.stdout);
}

#[test]
fn non_utf8_and_missing_folder() {
    let mut bytes = PRINTER.as_bytes().to_vec();
    bytes.extend_from_slice(b"# \xff\xfe\n");
    let dir = mini_with("printer.yaml", "");
    std::fs::write(dir.path().join("printer.yaml"), bytes).unwrap();
    let (code, out) = check_json(dir.path());
    assert_eq!(code, 2);
    assert_eq!(out.problems[0].kind, "read");
    assert_eq!(out.problems[0].line, PRINTER.lines().count() as u64 + 1);

    Test::new()
        .args(["check", "--rules", "/nonexistent/rules"])
        .run()
        .code(2)
        .stderr_has("cannot read folder `/nonexistent/rules`");
}
