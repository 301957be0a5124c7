//! `posdiag diagnose --batch`: one result per line, in order, each decoded
//! into the contract types; bad lines get error records and the rest go on.

mod common;

use common::contract::{BatchRecord, Status};
use common::{Test, mini};

fn batch() -> Test {
    Test::new()
        .args(["diagnose", "--lang", "en", "--no-history", "--rules"])
        .arg(mini().to_str().unwrap())
        .args(["--batch", "-"])
}

fn records(stdout: &str) -> Vec<BatchRecord> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad record {e}: {l}")))
        .collect()
}

#[test]
fn one_result_per_line_in_order() {
    let input = concat!(
        r#"{"id": "T-1", "answers": {"triage.start": "printer", "printer.paper": "no_paper"}}"#,
        "\n",
        r#"{"id": 2, "answers": {"triage.start": "printer"}}"#,
        "\n\n",
        r#"{"answers": {"triage.start": "printer", "printer.paper": "no_paper", "printer.out_of_paper": "not_fixed"}}"#,
        "\r\n",
        r#"{"start": "printer.paper", "answers": {"printer.paper": "has_paper"}}"#,
    );
    let run = batch().stdin(input).run().code(0);
    let r = records(&run.stdout);
    assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4, 5]);
    assert_eq!(r.iter().map(|r| r.exit).collect::<Vec<_>>(), [0, 3, 0, 0]);
    let first = r[0].diagnosis.as_ref().expect("diagnosis");
    assert_eq!(first.status, Status::Concluded);
    assert_eq!(first.conclusion.as_ref().unwrap().key, "PRINTER_OUT_OF_PAPER");
    assert_eq!(r[0].id, Some(serde_json::json!("T-1")));
    assert_eq!(r[1].id, Some(serde_json::json!(2)));
    let pending = r[1].diagnosis.as_ref().unwrap().pending.as_ref().expect("pending");
    assert_eq!(pending.node, "printer.paper");
    let third = r[2].diagnosis.as_ref().unwrap();
    assert_eq!(third.rejected, ["PRINTER_OUT_OF_PAPER"]);
    assert_eq!(third.conclusion.as_ref().unwrap().key, "PRINTER_POWER_CYCLE");
    assert_eq!(r[3].diagnosis.as_ref().unwrap().start, "printer.paper");
    assert!(r.iter().all(|r| r.error.is_none()));
    assert!(
        run.stderr.contains("4 line(s): 3 concluded, 0 no conclusion, 1 need input, 0 error(s)")
    );
}

#[test]
fn bad_lines_get_errors_and_the_rest_go_on() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"answers\": {\"triage.start\": \"printr\"}}\n");
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"answers\": {}, \"colour\": 1}\n");
    input.extend_from_slice(b"{\"start\": \"printer.papr\"}\n");
    input.extend_from_slice(b"{\"answers\": {\"triage.start\": \xff}}\n");
    input.extend_from_slice(b"{\"answers\": {\"triage.start\": [\"printer\"]}}\n");
    input.extend_from_slice(b"{\"facts\": {\"modem.csq\": null}}\n");
    input.extend_from_slice(
        b"{\"answers\": {\"triage.start\": \"printer\", \"printer.paper\": \"no_paper\"}}\n",
    );
    let run = batch().stdin(input).run().code(2);
    let r = records(&run.stdout);
    assert_eq!(r.len(), 8);
    let kinds: Vec<&str> =
        r.iter().map(|r| r.error.as_ref().map_or("-", |e| e.kind.as_str())).collect();
    assert_eq!(kinds, ["answers", "json", "json", "start", "utf8", "answers", "facts", "-"]);
    let e = r[0].error.as_ref().unwrap();
    assert!(
        e.message.contains("allowed: no_paper") || e.message.contains("allowed: printer"),
        "{e:?}"
    );
    assert_eq!(e.errors.len(), 1);
    assert!(r[2].error.as_ref().unwrap().message.contains("colour"));
    assert!(r[3].error.as_ref().unwrap().message.contains("did you mean `printer.paper`"));
    assert!(r[..7].iter().all(|r| r.exit == 2 && r.diagnosis.is_none()));
    assert_eq!(r[7].exit, 0);
    assert!(run.stderr.contains("7 error(s)"), "{}", run.stderr);
}

#[test]
fn run_wide_answers_and_facts_apply_to_every_line_and_lines_win() {
    let input = "{}\n{\"answers\": {\"printer.paper\": \"has_paper\"}}\n";
    let run = batch()
        .args(["--answer", "triage.start=printer", "--answer", "printer.paper=no_paper"])
        .stdin(input)
        .run()
        .code(0);
    let r = records(&run.stdout);
    let keys: Vec<String> = r
        .iter()
        .map(|r| r.diagnosis.as_ref().unwrap().conclusion.as_ref().unwrap().key.clone())
        .collect();
    assert_eq!(keys[0], "PRINTER_OUT_OF_PAPER");
    assert_ne!(keys[1], "PRINTER_OUT_OF_PAPER");
}

#[test]
fn card_numbers_are_masked_in_ids_answers_and_messages() {
    let input = concat!(
        r#"{"id": "4111111111111111", "answers": {"triage.start": "4111 1111 1111 1111"}}"#,
        "\n",
        r#"{"id": 4111111111111111, "answers": []}"#,
        "\n",
        r#"{"answers": {"4111111111111111": "x"}}"#,
        "\n"
    );
    let run = batch().stdin(input).run().code(2);
    assert!(!run.stdout.contains("4111111111111111"), "{}", run.stdout);
    assert!(!run.stdout.contains("4111 1111 1111 1111"), "{}", run.stdout);
    assert!(run.stdout.contains("411111******1111"), "{}", run.stdout);
}

#[test]
fn a_file_as_input_and_a_missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fleet.jsonl");
    std::fs::write(&path, "{\"answers\": {\"triage.start\": \"printer\"}}\n").unwrap();
    let run = Test::new()
        .args(["diagnose", "--no-history", "--rules", mini().to_str().unwrap(), "--batch"])
        .arg(path.to_str().unwrap())
        .run()
        .code(0);
    assert_eq!(records(&run.stdout)[0].exit, 3);
    Test::new()
        .args(["diagnose", "--batch", "/nonexistent/fleet.jsonl"])
        .run()
        .code(2)
        .stderr_has("/nonexistent/fleet.jsonl");
}

#[test]
fn embedded_rules_and_a_line_too_long() {
    let mut input = String::from("{\"id\": \"");
    input.push_str(&"x".repeat(1024 * 1024 + 10));
    input.push_str("\"}\n{\"answers\": {\"triage.start\": \"no_power\"}}\n");
    let run = Test::new()
        .args(["diagnose", "--no-history", "--lang", "en", "--batch", "-"])
        .stdin(input)
        .run()
        .code(2);
    let r = records(&run.stdout);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].error.as_ref().unwrap().kind, "too_long");
    assert_eq!(r[1].exit, 3);
    assert_eq!(r[1].diagnosis.as_ref().unwrap().pending.as_ref().unwrap().tree, "power");
}

#[test]
fn batch_conflicts_with_resume_and_port() {
    Test::new().args(["diagnose", "--batch", "-", "--resume"]).run().code(2);
    Test::new().args(["diagnose", "--batch", "-", "--port", "tcp://127.0.0.1:1"]).run().code(2);
}

#[test]
fn results_stream_out_while_a_pipe_is_still_open() {
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::process::{Command, Stdio};
    let mut child = Command::new(common::BIN)
        .args(["diagnose", "--no-history", "--lang", "en", "--rules"])
        .arg(mini())
        .args(["--batch", "-"])
        .env("POSDIAG_CACHE_DIR", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run posdiag");
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    for (i, answer) in ["printer", "power"].iter().enumerate() {
        writeln!(stdin, "{{\"id\": {i}, \"answers\": {{\"triage.start\": \"{answer}\"}}}}")
            .unwrap();
        stdin.flush().unwrap();
        // The result arrives while stdin is still open.
        let line = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("a result per line");
        let record: common::contract::BatchRecord = serde_json::from_str(&line).unwrap();
        assert_eq!(record.line, i as u64 + 1);
    }
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    use std::io::{BufRead as _, BufReader, Write as _};
    use std::process::{Command, Stdio};
    let mut child = Command::new(common::BIN)
        .args(["diagnose", "--no-history", "--lang", "en", "--batch", "-"])
        .env("POSDIAG_CACHE_DIR", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run posdiag");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    writeln!(stdin, "{{\"answers\": {{\"triage.start\": \"printer\"}}}}").unwrap();
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"line\":1"), "{first}");
    drop(stdout); // like `| head -1`
    for _ in 0..100 {
        if writeln!(stdin, "{{\"answers\": {{\"triage.start\": \"printer\"}}}}").is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_stated_fact_that_points_at_a_fault_puts_its_area_first() {
    let input = r#"{"facts": {"printer.paper": "out"}}"#;
    let run = batch().stdin(input).run().code(0);
    let r = records(&run.stdout);
    let d = r[0].diagnosis.as_ref().expect("diagnosis");
    let pending = d.pending.as_ref().expect("pending");
    let found: Vec<&str> =
        pending.order.iter().filter(|o| o.found).map(|o| o.value.as_str()).collect();
    assert_eq!(found, ["printer"]);
    assert!(d.facts.iter().all(|f| f.alarm));
}
