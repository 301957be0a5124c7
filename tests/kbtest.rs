//! `posdiag test`: knowledge-base regression cases, their failures, and the
//! rule that every conclusion is covered by some case.

mod common;

use common::contract::TestReport;
use common::{Test, mini};

fn cases_dir() -> String {
    format!("{}/tests/data/mini_cases", env!("CARGO_MANIFEST_DIR"))
}

fn kbtest(dir: &str) -> Test {
    Test::new().args(["test", "--rules", mini().to_str().unwrap(), dir])
}

#[test]
fn passing_cases_print_the_closing_line() {
    kbtest(&cases_dir()).run().code(0).stdout_has("3 passed, 0 failed");
    let report: TestReport = kbtest(&cases_dir()).args(["--format", "json"]).run().code(0).json();
    assert_eq!((report.version, report.passed, report.failed), (2, 3, 0));
    assert!(report.uncovered.is_empty());
    assert!(report.cases.iter().all(|c| c.passed && c.message.is_none()));
    assert_eq!(report.cases[0].reached.as_deref(), Some("PRINTER_POWER_CYCLE"));
}

#[test]
fn failures_and_uncovered_conclusions_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "- name: wrong expectation\n  answers: {triage.start: printer, printer.paper: no_paper}\n  expect: PRINTER_POWER_CYCLE\n\
         - name: wrong path\n  answers: {triage.start: printer, printer.paper: no_paper}\n  expect: PRINTER_OUT_OF_PAPER\n  path: [triage.start, printer.out_of_paper]\n\
         - name: stops early\n  answers: {triage.start: printer}\n  expect: PRINTER_OUT_OF_PAPER\n\
         - name: bad answer\n  answers: {triage.start: printr}\n  expect: PRINTER_OUT_OF_PAPER\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let run = kbtest(d).run().code(1);
    assert!(
        run.stdout.contains("expected `PRINTER_POWER_CYCLE`, reached `PRINTER_OUT_OF_PAPER`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("path differs"), "{}", run.stdout);
    assert!(
        run.stdout.contains("stopped at `printer.paper`, which has no answer"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("`printr` is not an answer of `triage.start`"), "{}", run.stdout);
    assert!(
        run.stdout.contains("conclusion `PRINTER_OUT_OF_PAPER` is reached by no case"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("0 passed, 6 failed"), "{}", run.stdout);
    let report: TestReport = kbtest(d).args(["--format", "json"]).run().code(1).json();
    assert_eq!(report.uncovered, ["PRINTER_OUT_OF_PAPER", "PRINTER_POWER_CYCLE"]);
}

#[test]
fn broken_case_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("c.yaml"), "- name: x\n  expect: A\n  answrs: {}\n").unwrap();
    kbtest(dir.path().to_str().unwrap()).run().code(2).stderr_has("unknown field `answrs`");
}

#[test]
fn embedded_cases_cover_the_embedded_rules() {
    let run = Test::new().arg("test").run();
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap_or_default().to_string();
    assert!(last.ends_with("passed, 0 failed"), "{last}");
}
