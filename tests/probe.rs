//! Probing a terminal end to end: the real binary against `posdiag
//! simulate` on a pseudo-terminal, one test per fixture, probe then
//! diagnose. JSON output is decoded into mirror types written apart from
//! the library's (`tests/common`), never compared as strings.

mod common;

use common::contract::Diagnosis;
use common::probe_sim::*;

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
    // A marginal signal points at a fault; the registration does not.
    let alarm = |name: &str| r.facts.iter().find(|f| f.name == name).map(|f| f.alarm);
    assert_eq!((alarm("modem.signal"), alarm("modem.registration")), (Some(true), Some(false)));
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
