//! `posdiag probe --protocol zvt` against the simulated ZVT terminal: over
//! TCP (bare APDUs) and over a pseudo-terminal pair (serial blocks with
//! CRC, DLE doubling, NAK and repeats), its facts, its failures, `auto`
//! telling a modem from a ZVT terminal, record and replay, and the code
//! table.

mod common;

use std::net::TcpListener;
use std::time::Duration;

use common::probe_sim::{Sim, posdiag, stderr};
use posdiag::probe::transport::TcpTransport;
use posdiag::probe::url::{LineSettings, PortUrl};
use posdiag::probe::zvt::{LinkError, Settings};
use posdiag::probe::{Options, ProbeError, Protocol, Readings, probe};
use posdiag::sim::zvt::terminal::Terminal;

fn fixture(name: &str) -> posdiag::sim::Fixture {
    posdiag::sim::load(name).expect("fixture").1
}

fn options(protocol: Protocol, framed: bool, ms: u64) -> Options {
    Options {
        protocol,
        timeout: Duration::from_millis(ms),
        zvt: Settings { framed, selftest: true, print_config: true, ..Settings::default() },
    }
}

/// Probe the ZVT terminal of `name` over loopback TCP.
fn over_tcp(name: &str) -> Result<Readings, ProbeError> {
    let fixture = fixture(name);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::scope(|s| {
        let zvt = &fixture.zvt;
        s.spawn(move || {
            if let Ok((stream, _)) = listener.accept() {
                let mut line = TcpTransport::from_stream("ecr", stream);
                let _ = Terminal::new(zvt, false, Box::new(std::io::sink())).serve(&mut line);
            }
        });
        let mut line = TcpTransport::connect("127.0.0.1", port).expect("connect");
        probe(&mut line, "tcp", &options(Protocol::Zvt, false, 500))
    })
}

/// Probe the terminal of `name` over a pseudo-terminal pair: `zvt` plays
/// the ZVT terminal, else the AT/ECR simulator.
fn over_pty(name: &str, zvt: bool, protocol: Protocol) -> Result<Readings, ProbeError> {
    let fixture = fixture(name);
    let (mut master, path, keep) = posdiag::probe::serial::pty_pair().expect("pty");
    let url = PortUrl::Serial { path: path.clone(), settings: LineSettings::default() };
    let mut line = posdiag::probe::open(&url).expect("open the pty");
    // From here the probe's end alone holds the slave side: closing it
    // hangs up the master, which ends the simulator.
    drop(keep);
    std::thread::scope(|s| {
        let f = &fixture;
        s.spawn(move || {
            if zvt {
                let _ = Terminal::new(&f.zvt, true, Box::new(std::io::sink())).serve(&mut master);
            } else {
                let _ = posdiag::sim::play(f, &mut master, Box::new(std::io::sink()));
            }
        });
        let result = probe(line.as_mut(), &path, &options(protocol, true, 400));
        drop(line);
        result
    })
}

fn fact<'a>(r: &'a Readings, name: &str) -> Option<&'a str> {
    r.facts.iter().find(|f| f.name == name).map(|f| f.value.as_str())
}

#[test]
fn a_healthy_terminal_over_tcp() {
    let r = over_tcp("healthy").expect("probe");
    assert_eq!(r.protocols, [Protocol::Zvt]);
    assert_eq!(fact(&r, "zvt.status"), Some("00"));
    assert_eq!(fact(&r, "zvt.software"), Some("POSDIAG-SIM-ZVT v1.0"));
    assert_eq!(fact(&r, "terminal.tid"), Some("52523535"));
    assert_eq!(fact(&r, "zvt.diagnosis"), Some("ok"));
    assert_eq!(fact(&r, "zvt.selftest"), Some("ok"));
    assert_eq!(fact(&r, "zvt.printout"), Some("4 line(s)"));
    assert!(r.facts.iter().all(|f| !f.alarm), "{:?}", r.facts);
    assert!(r.unsupported.is_empty(), "{:?}", r.unsupported);
}

#[test]
fn status_codes_answer_the_walk() {
    let cases: [(&str, &str, &str, &str); 6] = [
        ("zvt_low_voltage", "BF", "power.state", "low_voltage"),
        ("zvt_printer_not_ready", "CC", "printer.state", "not_ready"),
        ("zvt_reader_fault", "E2", "reader.chip", "fault"),
        ("zvt_init_required", "51", "terminal.signed_on", "no"),
        ("zvt_activation_required", "E4", "terminal.signed_on", "no"),
        ("zvt_end_of_day", "F0", "operation.message", "batch_full"),
    ];
    for (name, status, walk_fact, value) in cases {
        let r = over_tcp(name).expect(name);
        assert_eq!(fact(&r, "zvt.status"), Some(status), "{name}");
        assert_eq!(fact(&r, walk_fact), Some(value), "{name}");
        let f = r.facts.iter().find(|f| f.name == walk_fact).expect("fact");
        assert!(f.alarm, "{name}: {f:?}");
        let evidence = f.evidence.as_deref().unwrap_or_default();
        assert!(evidence.contains(&format!("terminal status {status}")), "{evidence}");
    }
}

#[test]
fn a_known_terminal_lock_is_named_and_answers_the_walk() {
    let r = over_tcp("zvt_locked_init").expect("probe");
    assert_eq!(fact(&r, "zvt.status"), Some("00"));
    assert_eq!(fact(&r, "zvt.locks"), Some("0200"));
    assert_eq!(fact(&r, "zvt.lock"), Some("initialisation_required"));
    // Ready by its status, yet not signed on while the lock holds.
    assert_eq!(fact(&r, "terminal.signed_on"), Some("no"));
    // A flag no source here names stays unnamed: only its hex is given.
    let r = over_tcp("zvt_no_host").expect("probe");
    assert_eq!(fact(&r, "zvt.locks"), Some("0001"));
    assert_eq!(fact(&r, "zvt.lock"), None);
}

#[test]
fn a_diagnosis_that_aborts_says_the_host_is_unreachable() {
    let r = over_tcp("zvt_no_host").expect("probe");
    assert_eq!(fact(&r, "zvt.diagnosis"), Some("A3"));
    assert_eq!(fact(&r, "terminal.host"), Some("unreachable"));
    assert_eq!(fact(&r, "zvt.locks"), Some("0001"));
    let d = r.facts.iter().find(|f| f.name == "zvt.diagnosis").expect("diagnosis");
    assert_eq!(
        d.evidence.as_deref(),
        Some("Diagnosis (06 70) → abort, result code A3 in 06:1E:01:A3")
    );
}

#[test]
fn serial_blocks_over_a_pty_with_dle_bytes_and_naks() {
    // The terminal id 10101010 is BCD 10 10 10 10: four DLE, each doubled;
    // the terminal NAKs the first two blocks, which are sent again.
    let r = over_pty("zvt_dle", true, Protocol::Zvt).expect("probe");
    assert_eq!(fact(&r, "terminal.tid"), Some("10101010"));
    assert_eq!(fact(&r, "zvt.status"), Some("00"));
    assert!(r.notes.iter().any(|n| n.contains("2 repeated block(s)")), "{:?}", r.notes);
}

#[test]
fn a_nak_storm_ends_after_two_repeats() {
    match over_pty("zvt_nak_storm", true, Protocol::Zvt) {
        Err(ProbeError::Zvt { error: LinkError::Refused { naks, .. }, .. }) => assert_eq!(naks, 3),
        other => panic!("a NAK storm read as {other:?}"),
    }
}

#[test]
fn a_terminal_silent_past_t2_is_a_timeout() {
    let started = std::time::Instant::now();
    let e = over_pty("zvt_silent", true, Protocol::Zvt).err().map(|e| e.to_string());
    let e = e.unwrap_or_default();
    assert!(e.contains("did not answer within 1.2 s"), "{e}");
    assert!(e.contains("an ACK for the block of `Registration (06 00)` (3 tries)"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn auto_tells_a_modem_from_a_zvt_terminal() {
    let modem = over_pty("healthy", false, Protocol::Auto).expect("modem");
    assert!(modem.protocols.contains(&Protocol::At), "{:?}", modem.protocols);
    assert!(!modem.protocols.contains(&Protocol::Zvt));
    assert!(fact(&modem, "zvt.status").is_none());
    let zvt = over_pty("healthy", true, Protocol::Auto).expect("zvt");
    assert_eq!(zvt.protocols, [Protocol::Zvt]);
    assert_eq!(
        zvt.absent.iter().map(|a| a.protocol).collect::<Vec<_>>(),
        [Protocol::At, Protocol::Ecr]
    );
    assert_eq!(fact(&zvt, "zvt.status"), Some("00"));
    assert!(fact(&zvt, "modem.csq").is_none());
}

#[test]
fn the_cli_records_and_replays_a_zvt_probe() {
    let sim = Sim::spawn(&["zvt_no_host", "--protocol", "zvt", "--listen", "127.0.0.1:0"]);
    let url = sim.url.clone();
    let dir = tempfile::tempdir().expect("dir");
    let record = dir.path().join("zvt.rec");
    let record = record.to_str().expect("path");
    let live =
        posdiag(&["probe", "--protocol", "zvt", &url, "--format", "json", "--record", record]);
    drop(sim);
    assert!(live.status.success(), "{}", stderr(&live));
    let text = std::fs::read_to_string(record).expect("record");
    assert!(text.contains("# protocol: zvt"), "{text}");
    let replayed = posdiag(&["probe", "--replay", record, "--format", "json"]);
    assert!(replayed.status.success(), "{}", stderr(&replayed));
    let facts = |out: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["facts"].clone()
    };
    assert_eq!(facts(&live), facts(&replayed));
    assert!(String::from_utf8_lossy(&replayed.stdout).contains("\"zvt.diagnosis\""));
}

#[test]
fn code_looks_up_zvt_codes() {
    let out = posdiag(&["code", "ZVT BF"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Code ZVT BF: The external power supply's voltage is too low"), "{text}");
    assert!(text.contains("power.adapter_model"), "{text}");
    let out = posdiag(&["code", "zvt a3"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("No connection"), "{text}");
}

#[test]
fn a_bad_password_is_a_usage_error() {
    let out =
        posdiag(&["probe", "--protocol", "zvt", "tcp://127.0.0.1:9", "--zvt-password", "12ab"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give its six digits"), "{}", stderr(&out));
}

#[test]
fn a_service_byte_goes_with_the_status_enquiry() {
    let out =
        posdiag(&["probe", "--protocol", "zvt", "tcp://127.0.0.1:9", "--zvt-service-byte", "1z"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give two hex digits"), "{}", stderr(&out));
    let sim = Sim::spawn(&["zvt_no_host", "--protocol", "zvt", "--listen", "127.0.0.1:0"]);
    let dir = tempfile::tempdir().expect("dir");
    let record = dir.path().join("service.rec");
    let record = record.to_str().expect("path");
    let args =
        ["probe", "--protocol", "zvt", &sim.url, "--zvt-service-byte", "01", "--record", record];
    let out = posdiag(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(record).expect("record");
    // Status Enquiry: password 000000, then BMP 03 with the byte.
    assert!(text.contains("05 01 05 00 00 00 03 01"), "{text}");
}

#[test]
fn a_serial_record_masks_a_printed_card_number_and_replays() {
    let dir = tempfile::tempdir().expect("dir");
    let fixture = dir.path().join("printing.yaml");
    std::fs::write(
        &fixture,
        "description: ZVT terminal printing a card number\nzvt:\n  config_lines: [\"LAST CARD 4111 1111 1111 1111\", \"END\"]\n",
    )
    .expect("fixture");
    let sim = Sim::spawn(&[fixture.to_str().expect("path"), "--protocol", "zvt"]);
    let pts = sim.url.clone();
    let record = dir.path().join("serial.rec");
    let record = record.to_str().expect("path");
    let args = ["probe", "--protocol", "zvt", &pts, "--zvt-print-config", "--format", "json"];
    let live = posdiag(&[&args[..], &["--record", record]].concat());
    drop(sim);
    assert!(live.status.success(), "{}", stderr(&live));
    let text = std::fs::read_to_string(record).expect("record");
    assert!(!text.contains("1111 1111 1111"), "{text}");
    assert!(text.contains(" masked"), "{text}");
    // Replayed with the same options: the masked block's CRC is mended, so
    // the probe ACKs it as it did live.
    let replayed =
        posdiag(&["probe", "--replay", record, "--zvt-print-config", "--format", "json"]);
    assert!(replayed.status.success(), "{}", stderr(&replayed));
    let facts = |out: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["facts"].clone()
    };
    // The same facts; the printed card number masked in both (live by the
    // text masker, in the record byte for byte).
    let (live, replayed) = (facts(&live), facts(&replayed));
    let values = |f: &serde_json::Value| {
        f.as_array()
            .into_iter()
            .flatten()
            .map(|x| (x["name"].clone(), x["value"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&live), values(&replayed));
    assert!(live.to_string().contains("LAST CARD 411111******1111"), "{live}");
    assert!(replayed.to_string().contains("LAST CARD 4111 11** **** 1111"), "{replayed}");
}

/// A terminal ready by its status but locked: the lock's bit, looked up
/// in the code tables, picks the start, and the probe's own naming of the
/// flags agrees with those tables.
#[test]
fn diagnose_starts_where_a_zvt_lock_leads() {
    let (v, err) = diagnose_over_tcp("zvt_locked_init");
    assert_eq!(v["start"], "keys.sign_on_attempt", "{v}");
    assert_eq!(v["code"], serde_json::Value::Null, "{v}");
    assert!(err.contains("the ZVT terminal reports lock B1b2"), "{err}");
    assert!(err.contains("1F:55:02:02:00"), "the bytes behind it: {err}");
    // A start the user chose wins, and the probe's is not announced.
    let sim = Sim::spawn(&["zvt_locked_init", "--protocol", "zvt", "--listen", "127.0.0.1:0"]);
    let url = sim.url.clone();
    let out = posdiag(&[
        "diagnose",
        "--port",
        &url,
        "--protocol",
        "zvt",
        "--start",
        "printer.start",
        "--format",
        "json",
    ]);
    drop(sim);
    let chosen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(chosen["start"], "printer.start", "{chosen}");
    assert!(!stderr(&out).contains("starting at"), "{}", stderr(&out));
    // Every flag the probe names is a bit of the code tables, with a node.
    for (mask, name, _) in posdiag::probe::zvt::interpret::LOCK_FLAGS {
        let hex = format!("{:02X}{:02X}", mask[0], mask[1]);
        let out = posdiag(&["zvt-locks", &hex, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(v["bits"].as_array().map(Vec::len), Some(1), "{name}: {v}");
        assert_eq!(v["bits"][0]["known"], true, "{name}: {v}");
        assert!(v["bits"][0]["node"].is_string(), "{name}: {v}");
    }
}

#[test]
fn diagnose_starts_where_the_zvt_status_code_leads() {
    let (v, err) = diagnose_over_tcp("zvt_reader_fault");
    assert_eq!(v["start"], "card.chip_reader_test", "{v}");
    assert_eq!(v["path"][0]["input"], "fault", "{v}");
    assert!(err.contains("the ZVT terminal reports status E2"), "{err}");
}

/// A lock bit the built-in table does not name, named by a maker's overlay
/// (`--codes`): the walk starts where the overlay leads, no rebuild.
#[test]
fn an_overlay_s_lock_bit_picks_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("maker_locked.yaml");
    std::fs::write(&fixture, "description: locked by a maker's flag\nzvt:\n  locks: \"0001\"\n")
        .unwrap();
    let overlay = dir.path().join("maker.yaml");
    std::fs::write(
        &overlay,
        "table: maker_locks\ntitle: {zh: 厂商锁定, en: Maker's locks}\nzvt_locks:\n  \
         - {byte: 2, bit: 1, meaning: {zh: 打印机锁定, en: Printer lock}, \
         check: {zh: 检查打印机, en: Check the printer}, node: printer.start}\n",
    )
    .unwrap();
    let (fixture, overlay) = (fixture.to_str().unwrap(), overlay.to_str().unwrap());
    let (v, err) = diagnose_over_tcp_with(fixture, &["--codes", overlay]);
    assert_eq!(v["start"], "printer.start", "{v}");
    assert!(err.contains("the ZVT terminal reports lock B2b1 (Printer lock)"), "{err}");
    // Without the overlay the bit is unnamed and the walk starts as usual.
    let (v, err) = diagnose_over_tcp(fixture);
    assert_ne!(v["start"], "printer.start", "{v}");
    assert!(!err.contains("reports lock"), "{err}");
}

/// `diagnose --port` against the simulated ZVT terminal `fixture` over
/// TCP: the JSON result and what was said on stderr.
fn diagnose_over_tcp(fixture: &str) -> (serde_json::Value, String) {
    diagnose_over_tcp_with(fixture, &[])
}

/// The same, with options before the command (`--codes FILE`).
fn diagnose_over_tcp_with(fixture: &str, first: &[&str]) -> (serde_json::Value, String) {
    let sim = Sim::spawn(&[fixture, "--protocol", "zvt", "--listen", "127.0.0.1:0"]);
    let url = sim.url.clone();
    let mut args = first.to_vec();
    args.extend(["diagnose", "--port", &url, "--protocol", "zvt", "--format", "json"]);
    let out = posdiag(&args);
    drop(sim);
    let v = serde_json::from_slice(&out.stdout).expect("json");
    (v, stderr(&out))
}
