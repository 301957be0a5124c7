//! Real captures replayed: records of posdiag against iaxmodem (Debian's
//! software modem) over its pty, through ser2net, and in numeric and quiet
//! modes, kept in `fixtures/captures/` by `tests/probe_peers.rs`. They run
//! on every machine, package installed or not, so what a real V.250
//! interpreter says stays parsed the same way.

mod common;

use std::path::PathBuf;

use common::contract::{Diagnosis, Status};
use common::probe_json::Probe;
use common::probe_sim::posdiag;

const BIN: &str = env!("CARGO_BIN_EXE_posdiag");

fn capture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", "captures", name].iter().collect();
    assert!(path.is_file(), "{} is missing", path.display());
    path.display().to_string()
}

fn replay(name: &str) -> Probe {
    let out = posdiag(&["probe", "--replay", &capture(name), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("probe JSON")
}

#[test]
fn every_iaxmodem_capture_gives_its_facts() {
    for name in [
        "iaxmodem-auto.txt",
        "iaxmodem-at.txt",
        "iaxmodem-v0.txt",
        "iaxmodem-q1.txt",
        "iaxmodem-ser2net.txt",
    ] {
        let r = replay(name);
        assert_eq!(r.protocols, ["at"], "{name}");
        assert_eq!(r.fact("modem.manufacturer"), Some("spandsp"), "{name}");
        assert_eq!(r.evidence("modem.attach"), Some("AT+CGATT? → +CGATT:0"), "{name}");
        assert_eq!(r.fact("modem.operator"), Some("none"), "{name}");
        assert_eq!(r.fact("modem.registration"), None, "{name}");
        let not_understood: Vec<(&str, &str)> = r
            .unsupported
            .iter()
            .filter(|u| u.kind == "not_understood")
            .map(|u| (u.command.as_str(), u.reply.as_str()))
            .collect();
        assert_eq!(
            not_understood,
            [
                ("AT+CPIN?", "+CPIN:0"),
                ("AT+CEREG?", "OK"),
                ("AT+CGREG?", "+CGREG:0"),
                ("AT+CREG?", "+CREG:0")
            ],
            "{name}"
        );
        let refused: Vec<&str> = r
            .unsupported
            .iter()
            .filter(|u| u.kind == "refused")
            .map(|u| u.command.as_str())
            .collect();
        assert_eq!(refused, ["AT+CGMI", "AT+CGMM", "AT+CGMR", "AT+CSQ"], "{name}");
        assert!(r.notes.iter().any(|n| n.starts_with("replayed from the record")), "{name}");
        if name != "iaxmodem-at.txt" {
            assert_eq!(r.absent.len(), 1, "{name}");
            assert_eq!(r.absent[0].protocol, "ecr", "{name}");
        }
    }
}

#[test]
fn diagnose_walks_with_a_replayed_capture() {
    let out = posdiag(&[
        "diagnose",
        "--replay",
        &capture("iaxmodem-ser2net.txt"),
        "--format",
        "json",
        "--answer",
        "triage.start=no_connection",
        "--answer",
        "connection.start=all_firm",
        "--answer",
        "connection.link_type=mobile",
    ]);
    let d: Diagnosis = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(d.status, Status::NeedsInput);
    assert!(d.facts.iter().any(|f| f.name == "modem.attach" && f.value == "detached"));
}

#[test]
fn a_replay_that_departs_from_its_record_says_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(capture("iaxmodem-at.txt")).expect("capture");
    // As if another posdiag had sent another first command (`ATE0Q0V0`).
    let altered = text.replacen("41 54 45 30 51 30 56 31 0d", "41 54 45 30 51 30 56 30 0d", 1);
    assert_ne!(altered, text);
    let path = dir.path().join("altered.txt");
    std::fs::write(&path, altered).expect("write");
    let out = posdiag(&["probe", "--replay", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the replay departs from the record at line"), "{err}");
    // Not a record at all: a usage error that says what a record is.
    std::fs::write(&path, "hello\n").expect("write");
    let out = posdiag(&["probe", "--replay", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a posdiag record"));
    // Line settings with a replay: a usage error.
    let out = posdiag(&["probe", "--replay", &capture("iaxmodem-at.txt"), "--baud", "115200"]);
    assert_eq!(out.status.code(), Some(2));
    // A port and a replay together: a usage error.
    let out = posdiag(&["probe", "/dev/ttyS0", "--replay", &capture("iaxmodem-at.txt")]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_stdout_ends_the_output_quietly() {
    use std::process::{Command, Stdio};
    for args in [
        vec!["probe", "--replay", "CAPTURE", "--format", "json"],
        vec!["probe", "--replay", "CAPTURE"],
        vec!["ports", "--format", "json"],
        vec!["ports"],
    ] {
        let args: Vec<String> = args
            .iter()
            .map(|a| if *a == "CAPTURE" { capture("iaxmodem-auto.txt") } else { a.to_string() })
            .collect();
        let mut child = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before posdiag writes.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
