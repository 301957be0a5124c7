//! `posdiag diagnose`, scripted: every exit code, the JSON contract decoded
//! into types, answer files and facts, and errors that name what is allowed.

mod common;

use common::contract::{Diagnosis, Status};
use common::{Test, mini};

fn diagnose() -> Test {
    Test::new()
        .args(["diagnose", "--format", "json", "--lang", "en", "--rules"])
        .arg(mini().to_str().unwrap())
}

#[test]
fn exit_0_conclusion_with_path_and_sources() {
    let run = diagnose()
        .args(["--answer", "triage.start=printer", "--answer", "printer.paper=no_paper"])
        .run()
        .code(0);
    let d: Diagnosis = run.json();
    assert_eq!(d.version, 2);
    assert_eq!(d.status, Status::Concluded);
    assert_eq!(d.lang, "en");
    assert_eq!(d.start, "triage.start");
    let c = d.conclusion.expect("conclusion");
    assert_eq!(c.key, "PRINTER_OUT_OF_PAPER");
    assert_eq!(c.node, "printer.out_of_paper");
    assert_eq!(c.tree, "printer");
    assert_eq!(c.title, "Out of paper");
    assert_eq!(c.remedy, ["Load paper."]);
    assert_eq!(c.actor, "merchant");
    assert_eq!(c.outcome, "resolved");
    let nodes: Vec<&str> = d.path.iter().map(|s| s.node.as_str()).collect();
    assert_eq!(nodes, ["triage.start", "printer.paper"]);
    assert!(d.path.iter().all(|s| s.source.as_deref() == Some("command_line")));
    assert_eq!(d.path[1].answer.as_deref(), Some("no_paper"));
    assert!(d.pending.is_none() && d.handoff.is_none() && !d.assumed);
}

#[test]
fn exit_3_names_the_pending_question_and_its_choices() {
    let run = diagnose().run().code(3);
    let d: Diagnosis = run.json();
    assert_eq!(d.status, Status::NeedsInput);
    let p = d.pending.expect("pending");
    assert_eq!(p.node, "triage.start");
    assert_eq!(p.text, "What is wrong?");
    assert_eq!(p.why.as_deref(), Some("To narrow down the fault."));
    let values: Vec<&str> = p.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["printer", "power", "code"]);
    assert!(d.conclusion.is_none());
}

#[test]
fn exit_3_for_free_text_shows_the_input_shape() {
    let d: Diagnosis = diagnose().args(["--answer", "triage.start=code"]).run().code(3).json();
    let input = d.pending.unwrap().input.expect("input");
    assert_eq!(input.kind, "text");
    assert_eq!(input.pattern.as_deref(), Some("[0-9A-Za-z]{2}"));
    assert_eq!(input.hint.as_deref(), Some("two characters"));
}

#[test]
fn exit_1_when_every_remedy_is_rejected() {
    let run = diagnose()
        .args(["--answer", "triage.start=power", "--answer", "printer.power_cycle=not_fixed"])
        .run()
        .code(1);
    let d: Diagnosis = run.json();
    assert_eq!(d.status, Status::NoConclusion);
    assert_eq!(d.rejected, ["PRINTER_POWER_CYCLE"]);
    let h = d.handoff.expect("hand-off");
    assert_eq!(h.actor, "acquirer");
    assert_eq!(h.tried, ["Restart the terminal"]);
    assert_eq!(h.ask, ["Tell the provider."]);
    assert_eq!(h.fault, None);
    // Only what the walk did: one answer, by the command line; no code.
    let checked: Vec<(&str, &str, &str)> = h
        .checked
        .iter()
        .map(|c| (c.question.as_str(), c.answer.as_str(), c.source.as_str()))
        .collect();
    assert_eq!(checked, [("What is wrong?", "Power", "command_line")]);
    assert!(h.not_checked.is_empty() && h.codes.is_empty());
}

#[test]
fn an_escalating_conclusion_hands_off_what_the_walk_did() {
    let d: Diagnosis = diagnose()
        .args([
            "--answer",
            "triage.start=code",
            "--answer",
            "triage.code=51",
            "--answer",
            "printer.paper=unknown",
        ])
        .run()
        .code(0)
        .json();
    assert_eq!(d.conclusion.as_ref().unwrap().key, "PRINTER_POWER_CYCLE");
    let h = d.handoff.expect("an escalating conclusion has a hand-off");
    assert_eq!(h.fault.as_deref(), Some("Restart the terminal"));
    assert_eq!(h.ask, ["Tell the provider."]);
    assert!(h.tried.is_empty(), "nothing was tried: {:?}", h.tried);
    let answers: Vec<&str> = h.checked.iter().map(|c| c.answer.as_str()).collect();
    assert_eq!(answers, ["The screen shows a code", "Insufficient funds"]);
}

#[test]
fn dont_know_keeps_every_branch_and_not_fixed_goes_to_the_next_candidate() {
    let d: Diagnosis = diagnose()
        .args([
            "--answer",
            "triage.start=unknown",
            "--answer",
            "printer.paper=no_paper",
            "--answer",
            "printer.out_of_paper=not_fixed",
            "--answer",
            "printer.power_cycle=not_fixed",
            "--answer",
            "triage.code=51",
        ])
        .run()
        .code(1)
        .json();
    assert!(d.assumed);
    let steps: Vec<(String, String, Option<String>)> =
        d.path.iter().map(|s| (s.kind.clone(), s.node.clone(), s.source.clone())).collect();
    let s =
        |k: &str, n: &str, src: Option<&str>| (k.to_string(), n.to_string(), src.map(String::from));
    // The likeliest branch first (printing, 0.7), its authored `otherwise`
    // after the remedy fails, then the code branch that "don't know" kept
    // open; no question twice, no remedy twice.
    assert_eq!(
        steps,
        [
            s("unknown", "triage.start", Some("command_line")),
            s("answer", "printer.paper", Some("command_line")),
            s("rejected", "printer.out_of_paper", None),
            s("rejected", "printer.power_cycle", None),
            s("answer", "triage.code", Some("command_line")),
        ]
    );
    assert_eq!(d.path[0].answer, None);
    assert_eq!(d.path[0].label.as_deref(), Some("don't know"));
    assert_eq!(d.rejected, ["PRINTER_OUT_OF_PAPER", "PRINTER_POWER_CYCLE"]);
    let h = d.handoff.expect("hand-off");
    assert_eq!(h.not_checked, ["What is wrong?"]);
    assert_eq!(h.tried, ["Out of paper", "Restart the terminal"]);
}

#[test]
fn facts_answer_questions_and_are_shown() {
    let d: Diagnosis = diagnose()
        .args(["--answer", "triage.start=printer", "--fact", "printer.paper=OUT"])
        .run()
        .code(0)
        .json();
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_OUT_OF_PAPER");
    let step = &d.path[1];
    assert_eq!(step.source.as_deref(), Some("fact"));
    assert_eq!(step.input.as_deref(), Some("OUT"));
    let fact = step.fact.as_ref().expect("fact");
    assert_eq!((fact.name.as_str(), fact.origin.as_str()), ("printer.paper", "given"));
    assert_eq!(d.facts.len(), 1);
}

#[test]
fn answers_file_with_command_line_override() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("answers.yaml");
    std::fs::write(&file, "triage.start: code\ntriage.code: 51\nprinter.power_cycle: fixed\n")
        .unwrap();
    let d: Diagnosis = diagnose().args(["--answers", file.to_str().unwrap()]).run().code(0).json();
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_POWER_CYCLE");
    assert_eq!(d.path[0].source.as_deref(), Some("answers_file"));
    assert_eq!(d.path[1].input.as_deref(), Some("51"));
    assert_eq!(d.path[1].answer.as_deref(), Some("balance"));

    let d: Diagnosis = diagnose()
        .args([
            "--answers",
            file.to_str().unwrap(),
            "--answer",
            "triage.start=printer",
            "--answer",
            "printer.paper=no_paper",
        ])
        .run()
        .code(0)
        .json();
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_OUT_OF_PAPER");
    assert_eq!(d.path[0].source.as_deref(), Some("command_line"));
}

#[test]
fn exit_2_unknown_node_and_value_name_what_is_allowed() {
    diagnose()
        .args(["--answer", "triage.strt=printer"])
        .run()
        .code(2)
        .stderr_has("answer for unknown node `triage.strt`; did you mean `triage.start`?");
    diagnose().args(["--answer", "triage.start=printr"]).run().code(2).stderr_has(
        "`printr` is not an answer of `triage.start`; allowed: printer, power, code, unknown",
    );
    diagnose()
        .args(["--answer", "triage.code=toolong"])
        .run()
        .code(2)
        .stderr_has("must match `[0-9A-Za-z]{2}`");
    diagnose()
        .args(["--answer", "printer.power_cycle=maybe"])
        .run()
        .code(2)
        .stderr_has("allowed: fixed, not_fixed");
    diagnose()
        .args(["--answer", "novalue"])
        .run()
        .code(2)
        .stderr_has("`novalue` is not of the form NODE=VALUE");
    diagnose().args(["--fact", "x"]).run().code(2).stderr_has("`x` is not of the form NAME=VALUE");
    diagnose()
        .args(["--start", "printer.papr"])
        .run()
        .code(2)
        .stderr_has("did you mean `printer.paper`?");
    Test::new()
        .args(["diagnose", "--format", "xml"])
        .run()
        .code(2)
        .stderr_has("invalid value 'xml'");
}

#[test]
fn exit_2_bad_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, "triage.start: printer\ntriage.start: power\n").unwrap();
    diagnose()
        .args(["--answers", file.to_str().unwrap()])
        .run()
        .code(2)
        .stderr_has("duplicate key `triage.start`");
    std::fs::write(&file, "triage.start: [printer]\n").unwrap();
    diagnose()
        .args(["--answers", file.to_str().unwrap()])
        .run()
        .code(2)
        .stderr_has("must be a single value");
    diagnose()
        .args(["--answers", "/nonexistent.yaml"])
        .run()
        .code(2)
        .stderr_has("cannot read `/nonexistent.yaml`");
}

#[test]
fn start_at_another_node() {
    let d: Diagnosis = diagnose()
        .args(["--start", "printer.paper", "--fact", "printer.paper=ok"])
        .run()
        .code(0)
        .json();
    assert_eq!(d.start, "printer.paper");
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_POWER_CYCLE");
}

#[test]
fn text_output_reads_well_in_both_languages() {
    let mini = mini();
    let base = [
        "diagnose",
        "--rules",
        mini.to_str().unwrap(),
        "--answer",
        "triage.start=printer",
        "--answer",
        "printer.paper=no_paper",
    ];
    Test::new()
        .args(base)
        .args(["--lang", "en"])
        .run()
        .code(0)
        .stdout_has("Fault: Out of paper")
        .stdout_has("1. Load paper.")
        .stdout_has("Who acts: merchant");
    // The locale picks Chinese when no --lang is given.
    Test::new()
        .args(base)
        .env("LANG", "zh_CN.UTF-8")
        .run()
        .code(0)
        .stdout_has("故障: 缺纸")
        .stdout_has("由谁处理: 商户");
}

#[test]
fn no_stdin_no_prompt_with_no_subcommand() {
    // Without a terminal `posdiag` alone must not wait: it reports the first
    // question and exits 3.
    Test::new()
        .args(["--rules", mini().to_str().unwrap(), "--lang", "en"])
        .run()
        .code(3)
        .stdout_has("What is wrong?");
}

#[test]
fn card_numbers_are_masked_everywhere_posdiag_writes() {
    let pan = "6222021234567894"; // passes the Luhn check
    let masked = "622202******7894";
    // In an error that echoes the value.
    let run = diagnose().args(["--answer", &format!("triage.code={pan}")]).run().code(2);
    assert!(run.stderr.contains(masked) && !run.stderr.contains(pan), "{}", run.stderr);
    // In facts, the JSON output and a report.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.md");
    let run = diagnose()
        .args(["--answer", "triage.start=printer", "--fact", &format!("printer.paper=card {pan}")])
        .args(["--report", report.to_str().unwrap()])
        .run()
        .code(0);
    assert!(run.stdout.contains(masked) && !run.stdout.contains(pan), "{}", run.stdout);
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(md.contains(masked) && !md.contains(pan), "{md}");
}

#[test]
fn report_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    diagnose()
        .args(["--answer", "triage.start=printer", "--answer", "printer.paper=no_paper"])
        .args(["--report", json.to_str().unwrap()])
        .run()
        .code(0);
    let d: Diagnosis = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_OUT_OF_PAPER");
    diagnose().args(["--report", "x.txt"]).run().code(2).stderr_has("must end in .md or .json");
}

#[test]
fn facts_that_find_a_fault_put_its_area_first() {
    let d: Diagnosis = diagnose().args(["--fact", "printer.paper=out"]).run().code(3).json();
    let p = d.pending.expect("pending");
    let order: Vec<(&str, bool)> = p.order.iter().map(|r| (r.value.as_str(), r.found)).collect();
    // Paper out leads straight to a fault under "printing"; nothing under
    // "power" or "code" is found by the facts.
    assert_eq!(order, [("printer", true), ("power", false), ("code", false)]);
    // Facts no question reads mark nothing.
    let d: Diagnosis = diagnose().args(["--fact", "modem.csq=7"]).run().code(3).json();
    assert!(d.pending.unwrap().order.iter().all(|r| !r.found));
}
