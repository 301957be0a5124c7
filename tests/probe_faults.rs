//! Probing over a faulty line, over TCP, with a record: the real binary
//! against `posdiag simulate`, every way the line can fail, and records
//! that are private, masked and replayable.

use std::time::{Duration, Instant};

mod common;

use common::probe_sim::*;

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

#[test]
fn an_interactive_diagnosis_shows_the_probe_before_it_asks() {
    let sim = Sim::pty("weak_signal");
    let mut walk =
        common::pty::spawn("en_US.UTF-8", &["--lang", "en", "diagnose", "--port", &sim.url], None);
    let before = walk.expect("What is wrong with the terminal?");
    // The summary first, the bad value marked, the evidence once.
    assert!(before.contains("⚠ Look at: modem.signal marginal"), "{before}");
    assert!(before.contains("AT+CSQ → +CSQ: 7,99"), "{before}");
    walk.keys(&[common::pty::CTRL_C]);
    let (code, _) = walk.exit_code();
    assert_eq!(code, 130);
}

#[test]
fn a_recorded_hang_up_replays_as_one() {
    let sim = Sim::pty("disconnect");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hangup.txt").to_string_lossy().into_owned();
    let out = posdiag(&["probe", &sim.url, "--record", &path]);
    assert_eq!(out.status.code(), Some(4));
    let record = std::fs::read_to_string(&path).expect("a record even of a failed probe");
    assert!(record.contains(" error: "), "{record}");
    let out = posdiag(&["probe", "--replay", &path]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("was disconnected during the probe"), "{}", stderr(&out));
}
