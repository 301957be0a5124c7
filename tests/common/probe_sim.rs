//! The simulator as the probe tests use it: `posdiag simulate` started on a
//! pseudo-terminal or loopback TCP and killed when dropped, and the real
//! binary run against it, its JSON decoded into the mirror types.

#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use super::BIN;
use super::contract::Diagnosis;
use super::probe_json::Probe as ProbeReport;

/// A running simulator, killed when dropped.
pub struct Sim {
    child: Child,
    pub url: String,
}

impl Sim {
    pub fn start(fixture: &str, listen: Option<&str>) -> Sim {
        let path = format!("{}/fixtures/terminals/{fixture}.yaml", env!("CARGO_MANIFEST_DIR"));
        let mut args = vec![path.as_str()];
        if let Some(addr) = listen {
            args.extend(["--listen", addr]);
        }
        Sim::spawn(&args)
    }

    /// `posdiag simulate ARGS…`, once it has printed where it serves.
    pub fn spawn(args: &[&str]) -> Sim {
        let fixture = args.first().copied().unwrap_or_default();
        let mut child = Command::new(BIN)
            .arg("simulate")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the simulator");
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            // The simulator prints its address as soon as the line is open.
            let _ = BufReader::new(out).read_line(&mut line);
        }
        let url = line.trim().to_string();
        assert!(!url.is_empty(), "the simulator printed no address for `{fixture}`");
        Sim { child, url }
    }

    pub fn pty(fixture: &str) -> Sim {
        Sim::start(fixture, None)
    }

    pub fn tcp(fixture: &str) -> Sim {
        Sim::start(fixture, Some("127.0.0.1:0"))
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run posdiag; no run may take longer than 20 s (none should near it).
pub fn posdiag(args: &[&str]) -> Output {
    assert_cmd::Command::new(BIN)
        .args(["--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run posdiag")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn probe_json(url: &str, extra: &[&str]) -> ProbeReport {
    let mut args = vec!["probe", url, "--format", "json"];
    args.extend_from_slice(extra);
    probe_json_args(&args)
}

pub fn probe_json_args(args: &[&str]) -> ProbeReport {
    let out = posdiag(args);
    assert_eq!(out.status.code(), Some(0), "probe failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("probe JSON")
}

pub fn fact<'a>(r: &'a ProbeReport, name: &str) -> Option<&'a str> {
    r.fact(name)
}

/// `diagnose --port` with answers for the questions no probe can answer.
pub fn diagnose(url: &str, answers: &[&str]) -> Diagnosis {
    let mut args = vec!["diagnose", "--port", url, "--format", "json"];
    for a in answers {
        args.push("--answer");
        args.push(a);
    }
    let out = posdiag(&args);
    let d: Diagnosis = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("diagnosis JSON ({e}); stderr: {}", stderr(&out)));
    assert_eq!(out.status.code(), Some(0), "{d:?}");
    d
}

pub fn key(d: &Diagnosis) -> &str {
    d.conclusion.as_ref().map_or("", |c| c.key.as_str())
}

/// Steps answered by the probe, with the evidence behind each.
pub fn probed_steps(d: &Diagnosis) -> Vec<(&str, &str)> {
    d.path
        .iter()
        .filter(|s| s.source.as_deref() == Some("probe"))
        .map(|s| {
            let evidence = s.fact.as_ref().and_then(|f| f.evidence.as_deref()).unwrap_or_default();
            (s.node.as_str(), evidence)
        })
        .collect()
}

pub const MOBILE: [&str; 3] =
    ["triage.start=no_connection", "connection.start=all_firm", "connection.link_type=mobile"];
