//! The probe's logic against the simulator's session in one process, over
//! an in-memory line: the states a real modem can be found in (echo of
//! every byte, numeric and quiet modes, late replies, a bare `AT` refused)
//! and the guarantee that a late reply never answers another command.

use std::time::Duration;

use posdiag::probe::memory::pair;
use posdiag::probe::{Missing, Options, Protocol, Readings, probe};

/// Probe the built-in fixture `name` with `protocol` and `timeout_ms`.
fn run(name: &str, protocol: Protocol, timeout_ms: u64) -> Readings {
    let (_, fixture) = posdiag::sim::load(name).expect("fixture");
    let (mut client, mut server) = pair(name);
    let opts =
        Options { protocol, timeout: Duration::from_millis(timeout_ms), ..Options::default() };
    std::thread::scope(|s| {
        let fixture = &fixture;
        s.spawn(move || {
            // Ends when the client's end is dropped.
            let _ = posdiag::sim::play(fixture, &mut server, Box::new(std::io::sink()));
        });
        let readings = probe(&mut client, name, &opts);
        drop(client);
        readings.unwrap_or_else(|e| panic!("{name}: {e}"))
    })
}

fn fact<'a>(r: &'a Readings, name: &str) -> Option<&'a str> {
    r.facts.iter().find(|f| f.name == name).map(|f| f.value.as_str())
}

fn evidence<'a>(r: &'a Readings, name: &str) -> Option<&'a str> {
    r.facts.iter().find(|f| f.name == name).and_then(|f| f.evidence.as_deref())
}

/// The modem facts of a healthy fixture, each from its own command.
#[track_caller]
fn healthy_modem(r: &Readings) {
    assert_eq!(fact(r, "modem.sim"), Some("ready"), "{r:#?}");
    assert_eq!(fact(r, "modem.csq"), Some("24"));
    assert_eq!(fact(r, "modem.registration"), Some("home"));
    assert_eq!(fact(r, "modem.operator"), Some("CHINA MOBILE"));
    assert_eq!(fact(r, "modem.attach"), Some("attached"));
    assert_eq!(fact(r, "modem.manufacturer"), Some("Quectel"));
    assert_eq!(fact(r, "modem.model"), Some("EC25"));
    assert_eq!(fact(r, "modem.revision"), Some("EC25EFAR06A03M4G"));
    assert_eq!(evidence(r, "modem.csq"), Some("AT+CSQ → +CSQ: 24,99"));
}

#[test]
fn an_echo_of_every_byte_is_no_terminal() {
    let r = run("echo_all", Protocol::Auto, 300);
    healthy_modem(&r);
    // The simulator answers ECR too; its frames are read, not our echo.
    assert_eq!(r.protocols, [Protocol::At, Protocol::Ecr]);
    assert_eq!(fact(&r, "terminal.signed_on"), Some("yes"));
    assert!(r.unsupported.is_empty(), "{:?}", r.unsupported);
    // ECR alone on an echoing line: the echo is skipped, the reply read.
    let r = run("echo_all", Protocol::Ecr, 300);
    assert_eq!(fact(&r, "printer.paper"), Some("ok"));
}

#[test]
fn numeric_and_quiet_modems_answer() {
    for name in ["numeric", "quiet", "v0_single_commands"] {
        for protocol in [Protocol::Auto, Protocol::At] {
            let r = run(name, protocol, 300);
            healthy_modem(&r);
            assert!(r.protocols.contains(&Protocol::At), "{name}");
            assert!(r.unsupported.is_empty(), "{name}: {:?}", r.unsupported);
        }
    }
}

#[test]
fn a_late_reply_answers_no_other_command() {
    let r = run("late_reply", Protocol::At, 300);
    // CSQ came 600 ms late: kept as its own, and said so.
    assert_eq!(fact(&r, "modem.csq"), Some("17"));
    assert_eq!(evidence(&r, "modem.csq"), Some("AT+CSQ → +CSQ: 17,99"));
    assert!(r.notes.iter().any(|n| n.starts_with("`AT+CSQ` answered after its 0.3 s deadline")));
    // Every later reply still answers its own command.
    assert_eq!(evidence(&r, "modem.registration"), Some("AT+CEREG? → +CEREG: 0,1"));
    assert_eq!(evidence(&r, "modem.operator"), Some("AT+COPS? → +COPS: 0,0,\"CHINA MOBILE\",7"));
    assert_eq!(evidence(&r, "modem.attach"), Some("AT+CGATT? → +CGATT: 1"));
    assert!(r.unsupported.is_empty(), "{:?}", r.unsupported);
}

#[test]
fn a_sentinel_answered_error_still_resynchronises() {
    let r = run("at_error", Protocol::At, 300);
    assert_eq!(fact(&r, "modem.operator"), Some("CHINA MOBILE"), "{r:#?}");
    assert_eq!(evidence(&r, "modem.attach"), Some("AT+CGATT? → +CGATT: 1"));
    assert!(r.notes.iter().any(|n| n.starts_with("`AT+COPS?` answered after")), "{:?}", r.notes);
}

#[test]
fn a_slow_sim_check_is_waited_for() {
    let r = run("cpin_late", Protocol::At, 500);
    assert_eq!(fact(&r, "modem.sim"), Some("ready"));
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn signal_99_is_unknown_not_none() {
    let r = run("lte_unknown_signal", Protocol::At, 300);
    assert_eq!(fact(&r, "modem.signal"), Some("unknown"));
    assert_eq!(fact(&r, "modem.dbm"), None);
    assert_eq!(fact(&r, "modem.registration"), Some("home"));
}

#[test]
fn a_silent_ecr_side_leaves_the_modem_facts_standing() {
    // No ECR terminal here (every ECR command dropped): AT facts stand.
    let (_, mut fixture) = posdiag::sim::load("healthy").expect("fixture");
    fixture.faults.drop = ["ST", "LT", "SE", "EL"].map(String::from).to_vec();
    let (mut client, mut server) = pair("mem");
    let opts = Options {
        protocol: Protocol::Auto,
        timeout: Duration::from_millis(200),
        ..Options::default()
    };
    let r = std::thread::scope(|s| {
        let fixture = &fixture;
        s.spawn(move || {
            let _ = posdiag::sim::play(fixture, &mut server, Box::new(std::io::sink()));
        });
        let r = probe(&mut client, "mem", &opts);
        drop(client);
        r.expect("auto with one protocol answering")
    });
    healthy_modem(&r);
    assert_eq!(r.protocols, [Protocol::At]);
    assert_eq!(r.absent.len(), 1, "{:?}", r.absent);
    assert_eq!(r.absent[0].protocol, Protocol::Ecr);
    assert!(r.unsupported.iter().all(|u| u.kind != Missing::Silent));
}

#[test]
fn unsolicited_lines_are_kept_as_a_note() {
    let r = run("registration_denied", Protocol::At, 300);
    assert_eq!(fact(&r, "modem.registration"), Some("denied"));
    let note = r.notes.iter().find(|n| n.starts_with("the modem also said, unasked: "));
    assert_eq!(note.map(|n| n.matches("+CEREG: 3").count()), Some(1), "{:?}", r.notes);
}

#[test]
fn a_loopback_is_named_not_taken_for_a_terminal() {
    use posdiag::probe::{ProbeError, Transport};
    let (mut client, mut server) = pair("loopback");
    let opts = Options {
        protocol: Protocol::Auto,
        timeout: Duration::from_millis(200),
        ..Options::default()
    };
    let result = std::thread::scope(|s| {
        // Send and receive joined: every byte comes straight back.
        s.spawn(move || {
            let mut buf = [0u8; 256];
            loop {
                let soon = std::time::Instant::now() + Duration::from_millis(100);
                match server.read(&mut buf, soon) {
                    Ok(0) => {}
                    Ok(n) => {
                        if server.write_all(&buf[..n]).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        });
        let r = probe(&mut client, "loopback", &opts);
        drop(client);
        r
    });
    match result {
        Err(e @ ProbeError::EchoOnly { .. }) => {
            assert!(e.to_string().contains("a loopback plug"), "{e}");
        }
        other => panic!("a loopback read as {other:?}"),
    }
}

#[test]
fn a_silent_modem_side_leaves_the_terminal_facts_standing() {
    let r = run("ecr_only", Protocol::Auto, 200);
    assert_eq!(r.protocols, [Protocol::Ecr]);
    assert_eq!(r.absent.len(), 1, "{:?}", r.absent);
    assert_eq!(r.absent[0].protocol, Protocol::At);
    assert!(r.absent[0].reason.contains("ATE0Q0V1"), "{:?}", r.absent);
    assert_eq!(fact(&r, "terminal.signed_on"), Some("yes"));
    assert_eq!(fact(&r, "modem.csq"), None);
}
