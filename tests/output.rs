//! Output errors through the real binary: a reader that closed before the
//! first byte (`| head -1` that already has its line) ends every command
//! quietly with exit 0; a full disk (`/dev/full`) is an error, exit 2; no
//! command ever exits 101 or prints a panic.

mod common;

use std::process::{Command, Stdio};

use common::{BIN, mini};

/// Where stdout goes.
enum Sink {
    /// A pipe whose reader is already closed: every write is `EPIPE`.
    ClosedPipe,
    /// `/dev/full`: every write is `ENOSPC`.
    Full,
}

struct Ran {
    code: i32,
    stderr: String,
}

fn run(args: &[&str], sink: Sink) -> Ran {
    let state = tempfile::tempdir().unwrap();
    let stdout = match sink {
        Sink::ClosedPipe => {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            Stdio::from(writer)
        }
        Sink::Full => {
            Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
        }
    };
    let out = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .env("LANG", "en_US.UTF-8")
        .env("NO_COLOR", "1")
        .env("POSDIAG_STATE_DIR", state.path())
        .env("POSDIAG_DATA_DIR", state.path())
        .env("POSDIAG_CACHE_DIR", "")
        .output()
        .unwrap();
    let ran = Ran {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!ran.stderr.contains("panicked"), "{args:?}: {}", ran.stderr);
    assert_ne!(ran.code, 101, "{args:?}: {}", ran.stderr);
    ran
}

/// Every command that prints to stdout, as a script would run it.
fn commands() -> Vec<Vec<String>> {
    let mini = mini().to_str().unwrap().to_string();
    let many = [
        "check --format json",
        "check",
        "stats",
        "stats --format json",
        "diagnose --no-history --answer triage.start=printer",
        "diagnose --no-history --format json",
        "code 51",
        "code 51 --format json",
        "tvr 0000048000",
        "tsi E800 --format json",
        "zvt-locks 4201",
        "test",
        "ports",
        "ports --format json",
        "graph",
        "graph --format mermaid",
        "--help",
        "--version",
    ];
    let mut out: Vec<Vec<String>> =
        many.iter().map(|c| c.split(' ').map(String::from).collect()).collect();
    out.push(
        ["--rules", &mini, "diagnose", "--no-history", "--batch", "-"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    out
}

#[test]
fn a_closed_reader_ends_every_command_quietly() {
    for args in commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let ran = run(&args, Sink::ClosedPipe);
        assert_eq!(ran.code, 0, "{args:?}: {}", ran.stderr);
        assert!(!ran.stderr.contains("Broken pipe"), "{args:?}: {}", ran.stderr);
    }
}

#[test]
fn a_full_disk_is_an_error_with_exit_2() {
    for args in commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if args.contains(&"--batch") {
            continue; // no input line, so nothing is written
        }
        let ran = run(&args, Sink::Full);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert!(ran.stderr.contains("No space left on device"), "{args:?}: {}", ran.stderr);
    }
}

#[test]
fn a_full_disk_under_a_batch_is_an_error_too() {
    let mini = mini();
    let mut child = Command::new(BIN)
        .args(["--rules", mini.to_str().unwrap(), "diagnose", "--no-history", "--batch", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap()))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"{\"answers\": {\"triage.start\": \"printer\"}}\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

#[test]
fn an_error_message_to_a_closed_reader_keeps_its_exit_code() {
    let ran = run(&["diagnose", "--no-history", "--start", "no.such.node"], Sink::ClosedPipe);
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("unknown node"), "{}", ran.stderr);
}
