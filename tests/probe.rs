//! Probing a terminal end to end: the real binary against `posdiag
//! simulate` on a pseudo-terminal (and on loopback TCP), one test per
//! fixture, plus every way the line can fail. JSON output is decoded into
//! mirror types written apart from the library's (`tests/common`), never
//! compared as strings.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::contract::Diagnosis;
use common::probe_json::Probe as ProbeReport;

const BIN: &str = env!("CARGO_BIN_EXE_posdiag");

/// A running simulator, killed when dropped.
struct Sim {
    child: Child,
    url: String,
}

impl Sim {
    fn start(fixture: &str, listen: Option<&str>) -> Sim {
        let path = format!("{}/fixtures/terminals/{fixture}.yaml", env!("CARGO_MANIFEST_DIR"));
        let mut cmd = Command::new(BIN);
        cmd.arg("simulate").arg(&path);
        if let Some(addr) = listen {
            cmd.args(["--listen", addr]);
        }
        let mut child = cmd
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

    fn pty(fixture: &str) -> Sim {
        Sim::start(fixture, None)
    }

    fn tcp(fixture: &str) -> Sim {
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
fn posdiag(args: &[&str]) -> Output {
    assert_cmd::Command::new(BIN)
        .args(["--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("run posdiag")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn probe_json(url: &str, extra: &[&str]) -> ProbeReport {
    let mut args = vec!["probe", url, "--format", "json"];
    args.extend_from_slice(extra);
    probe_json_args(&args)
}

fn probe_json_args(args: &[&str]) -> ProbeReport {
    let out = posdiag(args);
    assert_eq!(out.status.code(), Some(0), "probe failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("probe JSON")
}

fn fact<'a>(r: &'a ProbeReport, name: &str) -> Option<&'a str> {
    r.fact(name)
}

/// `diagnose --port` with answers for the questions no probe can answer.
fn diagnose(url: &str, answers: &[&str]) -> Diagnosis {
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

fn key(d: &Diagnosis) -> &str {
    d.conclusion.as_ref().map_or("", |c| c.key.as_str())
}

/// Steps answered by the probe, with the evidence behind each.
fn probed_steps(d: &Diagnosis) -> Vec<(&str, &str)> {
    d.path
        .iter()
        .filter(|s| s.source.as_deref() == Some("probe"))
        .map(|s| {
            let evidence = s.fact.as_ref().and_then(|f| f.evidence.as_deref()).unwrap_or_default();
            (s.node.as_str(), evidence)
        })
        .collect()
}

const MOBILE: [&str; 3] =
    ["triage.start=no_connection", "connection.start=all_firm", "connection.link_type=mobile"];

// ── Each fixture: probe, then diagnose ────────────────────────────────────

#[test]
fn healthy_probe_reads_both_protocols() {
    let sim = Sim::pty("healthy");
    let r = probe_json(&sim.url, &[]);
    assert_eq!(r.version, 2);
    for (name, value) in [
        ("modem.sim", "ready"),
        ("modem.csq", "24"),
        ("modem.dbm", "-65"),
        ("modem.signal", "excellent"),
        ("modem.registration", "home"),
        ("modem.operator", "CHINA MOBILE"),
        ("modem.attach", "attached"),
        ("modem.manufacturer", "Quectel"),
        ("terminal.signed_on", "yes"),
        ("terminal.keys", "present"),
        ("terminal.tamper", "no"),
        ("terminal.battery", "87"),
        ("printer.paper", "ok"),
        ("printer.temperature", "ok"),
        ("reader.chip", "ok"),
        ("last.response_code", "00"),
    ] {
        assert_eq!(fact(&r, name), Some(value), "{name}");
    }
    assert!(r.facts.iter().all(|f| f.origin == "probe" && f.evidence.is_some()));
    let csq = r.facts.iter().find(|f| f.name == "modem.csq").and_then(|f| f.evidence.clone());
    assert_eq!(csq.as_deref(), Some("AT+CSQ → +CSQ: 24,99"));
    assert!(r.unsupported.is_empty(), "{:?}", r.unsupported);
}

#[test]
fn healthy_diagnosis_answers_the_modem_questions_itself() {
    let sim = Sim::pty("healthy");
    let mut answers = MOBILE.to_vec();
    answers.push("connection.host_reach=host_ok");
    let d = diagnose(&sim.url, &answers);
    assert_eq!(key(&d), "CONN_TEMPORARY_DROP");
    let probed = probed_steps(&d);
    let nodes: Vec<&str> = probed.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        nodes,
        [
            "connection.sim",
            "connection.signal",
            "connection.registration",
            "connection.data_attach"
        ]
    );
    assert!(probed.contains(&("connection.signal", "AT+CSQ → +CSQ: 24,99")), "{probed:?}");
}

#[test]
fn weak_signal() {
    let sim = Sim::pty("weak_signal");
    let r = probe_json(&sim.url, &["--protocol", "at"]);
    assert_eq!(fact(&r, "modem.csq"), Some("7"));
    assert_eq!(fact(&r, "modem.signal"), Some("marginal"));
    assert_eq!(fact(&r, "modem.dbm"), Some("-99"));
    // A 3G module without AT+CEREG: a missing fact, registration from CGREG.
    assert!(r.unsupported.iter().any(|u| u.command == "AT+CEREG?"));
    assert_eq!(fact(&r, "modem.registration"), Some("home"));
    drop(sim);
    let sim = Sim::pty("weak_signal");
    let d = diagnose(&sim.url, &MOBILE);
    assert_eq!(key(&d), "CONN_WEAK_SIGNAL");
    assert!(probed_steps(&d).contains(&("connection.signal", "AT+CSQ → +CSQ: 7,99")));
}

#[test]
fn no_sim() {
    let sim = Sim::pty("no_sim");
    let d = diagnose(&sim.url, &MOBILE);
    assert_eq!(key(&d), "CONN_SIM_MISSING");
    assert_eq!(probed_steps(&d), [("connection.sim", "AT+CPIN? → +CME ERROR: 10")]);
}

#[test]
fn registration_denied() {
    let sim = Sim::pty("registration_denied");
    let d = diagnose(&sim.url, &MOBILE);
    assert_eq!(key(&d), "CONN_REGISTRATION_DENIED");
    let fact = d.facts.iter().find(|f| f.name == "modem.registration").expect("registration fact");
    assert_eq!(fact.value, "denied");
}

#[test]
fn no_packet_attach() {
    let sim = Sim::pty("no_attach");
    let d = diagnose(&sim.url, &MOBILE);
    assert_eq!(key(&d), "CONN_NO_PACKET_DATA");
    assert!(probed_steps(&d).contains(&("connection.data_attach", "AT+CGATT? → +CGATT: 0")));
}

#[test]
fn card_reader_fault() {
    let sim = Sim::pty("reader_fault");
    let d = diagnose(
        &sim.url,
        &["triage.start=card_stuck", "card.start=card_not_read", "card.read_method=swiped"],
    );
    assert_eq!(key(&d), "CARD_READER_HEAD_DIRTY");
    let probed = probed_steps(&d);
    assert_eq!(probed.len(), 1);
    assert!(probed[0].1.starts_with("SE → MSR=FAULT in <STX>"), "{probed:?}");
}

#[test]
fn printer_out_of_paper() {
    let sim = Sim::pty("printer_no_paper");
    let d = diagnose(&sim.url, &["triage.start=printer"]);
    assert_eq!(key(&d), "PRINTER_OUT_OF_PAPER");
    assert_eq!(probed_steps(&d).len(), 1);
}

#[test]
fn printer_overheated() {
    let sim = Sim::pty("printer_overheated");
    let d = diagnose(&sim.url, &["triage.start=printer", "printer.symptom=error_message"]);
    assert_eq!(key(&d), "PRINTER_OVERHEATED");
    let nodes: Vec<&str> = probed_steps(&d).iter().map(|(n, _)| *n).collect();
    assert_eq!(nodes, ["printer.start", "printer.error_message"]);
}

#[test]
fn keys_missing() {
    let sim = Sim::pty("keys_missing");
    let d = diagnose(&sim.url, &["triage.start=sign_on_keys", "keys.start=key_error"]);
    assert_eq!(key(&d), "KEYS_MASTER_KEY_MISSING");
}

#[test]
fn not_signed_on() {
    let sim = Sim::pty("not_signed_on");
    let d = diagnose(
        &sim.url,
        &[
            "triage.start=sign_on_keys",
            "keys.start=sign_on_needed",
            "keys.sign_on_attempt=sign_on_ok",
        ],
    );
    assert_eq!(key(&d), "KEYS_SIGN_ON_REQUIRED");
    assert!(probed_steps(&d).iter().any(|(n, _)| *n == "keys.signed_on"));
}

#[test]
fn tamper() {
    let sim = Sim::pty("tamper");
    let d = diagnose(&sim.url, &["triage.start=sign_on_keys", "keys.start=tamper_warning"]);
    assert_eq!(key(&d), "KEYS_TAMPERED");
}

#[test]
fn declined_51_starts_at_its_code() {
    let sim = Sim::pty("declined_51");
    let d = diagnose(&sim.url, &[]);
    assert_eq!(d.start, "card.insufficient_funds");
    assert_eq!(key(&d), "CARD_INSUFFICIENT_FUNDS");
    let code = d.facts.iter().find(|f| f.name == "last.response_code").expect("code fact");
    assert_eq!(code.value, "51");
    assert!(code.evidence.as_deref().unwrap_or_default().starts_with("LT → RC=51 in <STX>"));
    // The result names the code that chose the start, as `posdiag code` does.
    let described = d.code.as_ref().expect("code object");
    assert_eq!(described.code.as_deref(), Some("51"));
    assert_eq!(described.node, "card.insufficient_funds");
}

#[test]
fn given_facts_override_probed_ones() {
    let sim = Sim::pty("weak_signal");
    let mut args =
        vec!["diagnose", "--port", &sim.url, "--format", "json", "--fact", "modem.csq=20"];
    for a in MOBILE {
        args.extend(["--answer", a]);
    }
    args.extend(["--answer", "connection.host_reach=host_ok"]);
    let out = posdiag(&args);
    let d: Diagnosis = serde_json::from_slice(&out.stdout).expect("diagnosis JSON");
    assert_eq!(key(&d), "CONN_TEMPORARY_DROP");
    let signal = d.path.iter().find(|s| s.node == "connection.signal").expect("signal step");
    assert_eq!(signal.source.as_deref(), Some("fact"));
}

// ── Faults of the line ─────────────────────────────────────────────────────

#[test]
fn garbage_is_skipped() {
    let sim = Sim::pty("garbage");
    let r = probe_json(&sim.url, &[]);
    assert_eq!(fact(&r, "modem.csq"), Some("24"));
    assert_eq!(fact(&r, "modem.manufacturer"), Some("Quectel"));
    assert_eq!(fact(&r, "printer.paper"), Some("ok"));
    assert!(r.notes.iter().any(|n| n.contains("noise")), "{:?}", r.notes);
}

#[test]
fn bad_lrc_and_nak_recover() {
    let sim = Sim::pty("bad_lrc");
    let r = probe_json(&sim.url, &["--protocol", "ecr"]);
    assert_eq!(fact(&r, "printer.paper"), Some("out"));
    assert!(r.notes.iter().any(|n| n.contains("3 retransmission")), "{:?}", r.notes);
}

#[test]
fn nak_storm_fails_cleanly() {
    let sim = Sim::pty("nak_storm");
    let out = posdiag(&["probe", &sim.url, "--protocol", "ecr", "--timeout-ms", "1000"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("refused `ST` 3 times (NAK)"), "{}", stderr(&out));
}

#[test]
fn silent_terminal_times_out() {
    let sim = Sim::pty("silent");
    let started = Instant::now();
    let out = posdiag(&["probe", &sim.url, "--timeout-ms", "200"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert!(
        stderr(&out).contains("answered an AT command (`ATE0Q0V1`) or an ECR status request"),
        "{}",
        stderr(&out)
    );
    let started = Instant::now();
    let out = posdiag(&["probe", &sim.url, "--protocol", "at", "--timeout-ms", "200"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        stderr(&out)
            .contains("did not answer within 0.6 s while waiting for the reply to `ATE0Q0V1`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn slow_answers_and_a_dropped_command() {
    let sim = Sim::pty("slow");
    let r = probe_json(&sim.url, &["--timeout-ms", "700"]);
    // AT+CPIN? took 1 s, longer than the 0.7 s of ordinary commands.
    assert_eq!(fact(&r, "modem.sim"), Some("ready"));
    assert_eq!(fact(&r, "reader.chip"), Some("ok"));
    // AT+CGMR never answered: the revision comes from ATI's text instead.
    let revision = r.facts.iter().find(|f| f.name == "modem.revision").expect("revision");
    assert!(revision.evidence.as_deref().unwrap_or_default().starts_with("ATI → "), "{revision:?}");
    let dropped = r.unsupported.iter().find(|u| u.command == "AT+CGMR").expect("AT+CGMR listed");
    assert!(dropped.reply.starts_with("no answer within"), "{dropped:?}");
}

#[test]
fn disconnect_mid_exchange() {
    let sim = Sim::pty("disconnect");
    let out = posdiag(&["probe", &sim.url]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("was disconnected during the probe"), "{}", stderr(&out));
}

#[test]
fn disconnect_over_tcp() {
    let sim = Sim::tcp("disconnect");
    let out = posdiag(&["probe", &sim.url]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("was disconnected during the probe"), "{}", stderr(&out));
}

#[test]
fn missing_device() {
    let out = posdiag(&["probe", "/dev/ttyPOSDIAG_NOPE"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("`/dev/ttyPOSDIAG_NOPE` does not exist"), "{}", stderr(&out));
    let out = posdiag(&[
        "diagnose",
        "--port",
        "/dev/ttyPOSDIAG_NOPE",
        "--answer",
        "triage.start=printer",
    ]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn busy_device() {
    let sim = Sim::pty("healthy");
    // Hold the port the way another program would.
    let held = serialport::new(&sim.url, 9600).open().expect("open the pty");
    let out = posdiag(&["probe", &sim.url]);
    drop(held);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("is in use by another program"), "{}", stderr(&out));
}

#[test]
fn nothing_listening_on_tcp() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let url = format!("tcp://127.0.0.1:{port}");
    let out = posdiag(&["probe", &url]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("nothing accepts connections"), "{}", stderr(&out));
}

#[test]
fn bad_urls_are_usage_errors() {
    for (url, extra) in [
        ("udp://x:1", None),
        ("tcp://127.0.0.1", None),
        ("tcp://127.0.0.1:9", Some("--baud=115200")),
    ] {
        let mut args = vec!["probe", url];
        args.extend(extra);
        let out = posdiag(&args);
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr(&out));
    }
}

// ── TCP, recording, listing ────────────────────────────────────────────────

#[test]
fn simulator_over_loopback_tcp() {
    let sim = Sim::tcp("printer_no_paper");
    assert!(sim.url.starts_with("tcp://127.0.0.1:"), "{}", sim.url);
    let r = probe_json(&sim.url, &[]);
    assert_eq!(fact(&r, "printer.paper"), Some("out"));
    assert_eq!(fact(&r, "modem.sim"), Some("ready"));
    // The server takes the next client after the first has gone.
    let d = diagnose(&sim.url, &["triage.start=printer"]);
    assert_eq!(key(&d), "PRINTER_OUT_OF_PAPER");
}

#[test]
fn record_writes_the_raw_exchange() {
    let sim = Sim::pty("healthy");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("exchange.txt");
    let path_text = path.to_string_lossy().into_owned();
    let r = probe_json(&sim.url, &["--record", &path_text]);
    assert_eq!(fact(&r, "modem.csq"), Some("24"));
    let record = std::fs::read_to_string(&path).expect("record file");
    assert!(record.starts_with("# posdiag exchange record, format 2\n"), "{record}");
    assert!(record.contains(" tx 9 bytes\n  41 54 45 30 51 30 56 31 0d"), "{record}");
    assert!(record.contains("AT+CSQ<CR>"), "{record}");
    assert!(record.contains("+CSQ: 24,99"), "{record}");
    assert!(record.contains("<STX><00>"), "{record}");
    assert!(record.contains("# ended: "), "{record}");
    // Offline, the record gives the same facts.
    let replayed = probe_json_args(&["probe", "--replay", &path_text, "--format", "json"]);
    assert_eq!(replayed.facts, r.facts);
    assert_eq!(replayed.unsupported, r.unsupported);
    assert_eq!(replayed.protocols, r.protocols);
    // A record is never written over an existing file.
    let out = posdiag(&["probe", &sim.url, "--record", &path_text]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn a_record_masks_card_numbers_and_still_replays() {
    let sim = Sim::pty("card_in_log");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("exchange.txt");
    let path_text = path.to_string_lossy().into_owned();
    let live = probe_json(&sim.url, &["--record", &path_text, "--protocol", "ecr"]);
    let record = std::fs::read_to_string(&path).expect("record file");
    // Neither in the text column nor as hex (`34 31 31 31 …`).
    let rows: Vec<&str> = record.lines().filter(|l| l.starts_with("  ")).collect();
    let text: String = rows.iter().map(|l| l.get(51..).unwrap_or_default()).collect();
    assert!(!text.contains("4111111111111111"), "{record}");
    assert!(text.contains("411111******1111"), "{record}");
    let hex: String = rows.iter().map(|l| format!("{} ", l[2..49].trim())).collect();
    assert!(!hex.contains("31 31 31 31 31 31 31 31"), "{record}");
    assert!(record.contains(" bytes masked\n"), "{record}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The masked frame no longer has its LRC; replayed, it is resealed.
    let replayed = probe_json_args(&["probe", "--replay", &path_text, "--format", "json"]);
    assert_eq!(replayed.facts, live.facts);
    assert_eq!(
        replayed.fact("errorlog.last"),
        Some("2025-05-01T09:00:00 TXN 411111******1111 declined 51")
    );
}

#[test]
fn text_output_is_a_table() {
    let sim = Sim::pty("no_sim");
    let out = posdiag(&["probe", &sim.url, "--protocol", "at"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("modem.sim") && text.contains("absent"), "{text}");
    assert!(text.contains("AT+CPIN? → +CME ERROR: 10"), "{text}");
}

#[test]
fn ports_lists_or_says_none() {
    let out = posdiag(&["ports"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out.stdout.is_empty());
    let out = posdiag(&["ports", "--format", "json"]);
    let ports: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("ports JSON");
    assert!(ports.iter().all(|p| p.get("name").is_some()));
}
