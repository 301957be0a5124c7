//! Every file posdiag reads is bounded and must be a regular file: answers,
//! code tables, the saved session and the history given as `/dev/zero` or
//! a FIFO are refused at once with a clear error (or, for the history, a
//! warning); a huge history is read only at its tail, so a diagnose stays
//! fast; history lines that name no conclusion of the rules are skipped.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Test, mini};

fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("fifo.yaml");
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    path
}

/// A run that must end quickly: a FIFO that blocked or `/dev/zero` read to
/// the end would not.
fn quick(test: Test) -> common::Run {
    let start = Instant::now();
    let run = test.run();
    assert!(start.elapsed() < Duration::from_secs(10), "took {:?}", start.elapsed());
    run
}

#[test]
fn answers_and_code_tables_from_devices_or_fifos_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo(dir.path());
    for path in [Path::new("/dev/zero"), fifo.as_path()] {
        let p = path.to_str().unwrap();
        let what = if path == fifo { "a FIFO" } else { "a device" };
        quick(Test::new().args(["diagnose", "--no-history", "--answers", p]))
            .code(2)
            .stderr_has(&format!("it is {what}"))
            .stderr_has("posdiag reads only regular files");
        quick(Test::new().args(["--codes", p, "code", "51"]))
            .code(2)
            .stderr_has(&format!("it is {what}"));
    }
}

#[test]
fn an_answers_file_over_its_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.yaml");
    std::fs::File::create(&path).unwrap().set_len(5 * 1024 * 1024).unwrap();
    quick(Test::new().args(["diagnose", "--no-history", "--answers", path.to_str().unwrap()]))
        .code(2)
        .stderr_has("more than the limit of 4194304");
}

#[test]
fn a_session_file_that_is_a_device_or_a_fifo_is_refused() {
    let state = tempfile::tempdir().unwrap();
    let session = state.path().join("session.json");
    std::os::unix::fs::symlink("/dev/zero", &session).unwrap();
    let run = |state: &Path| {
        quick(
            Test::new()
                .args(["--rules", mini().to_str().unwrap(), "diagnose", "--resume"])
                .env("POSDIAG_STATE_DIR", state.to_str().unwrap()),
        )
    };
    run(state.path()).code(2).stderr_has("it is a device");
    std::fs::remove_file(&session).unwrap();
    let f = fifo(state.path());
    std::fs::rename(f, &session).unwrap();
    run(state.path()).code(2).stderr_has("it is a FIFO");
}

#[test]
fn a_history_that_is_a_device_is_a_warning() {
    let data = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", data.path().join("history.jsonl")).unwrap();
    quick(
        Test::new()
            .args(["--rules", mini().to_str().unwrap(), "diagnose", "--answer"])
            .arg("triage.start=power")
            .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap()),
    )
    .code(0)
    .stderr_has("warning: cannot read history")
    .stderr_has("it is a device");
}

/// One confirmed fault of the mini rules, as the history keeps it.
const POWER: &str =
    r#"{"time":1,"key":"PRINTER_POWER_CYCLE","node":"printer.power_cycle","tree":"printer"}"#;

#[test]
fn a_huge_history_is_read_at_its_tail_only() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("history.jsonl");
    // 2 GB, sparse but for its last lines.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 * 1024 * 1024 * 1024).unwrap();
    drop(file);
    let mut tail = String::from("\n");
    for _ in 0..3 {
        tail.push_str(POWER);
        tail.push('\n');
    }
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(tail.as_bytes())
        .unwrap();
    let run = quick(
        Test::new()
            .args(["--rules", mini().to_str().unwrap(), "stats", "--format", "json"])
            .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap()),
    )
    .code(0);
    let stats: serde_json::Value = run.json();
    assert_eq!(stats["sessions"], 3, "{}", run.stdout);
    let start = Instant::now();
    quick(
        Test::new()
            .args(["--rules", mini().to_str().unwrap(), "diagnose", "--answer"])
            .arg("triage.start=power")
            .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap()),
    )
    .code(0);
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn history_lines_of_faults_the_rules_do_not_have_are_skipped() {
    let data = tempfile::tempdir().unwrap();
    let lines = [
        POWER,
        r#"{"time":1,"key":"K","node":"a.b","tree":"a"}"#,
        // A real key at the wrong node.
        r#"{"time":1,"key":"PRINTER_POWER_CYCLE","node":"triage.start","tree":"triage"}"#,
    ];
    std::fs::write(data.path().join("history.jsonl"), lines.join("\n") + "\n").unwrap();
    let run = Test::new()
        .args(["--rules", mini().to_str().unwrap(), "stats", "--format", "json"])
        .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap())
        .run()
        .code(0);
    let stats: serde_json::Value = run.json();
    assert_eq!(stats["sessions"], 1, "{}", run.stdout);
    assert_eq!(stats["skipped_lines"], 2, "{}", run.stdout);
}

#[test]
fn a_batch_file_that_is_a_device_or_a_fifo_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = fifo(dir.path());
    for path in [Path::new("/dev/zero"), fifo.as_path()] {
        quick(Test::new().args(["diagnose", "--no-history", "--batch", path.to_str().unwrap()]))
            .code(2)
            .stderr_has("posdiag reads only regular files; for a stream use `--batch -`");
    }
}
