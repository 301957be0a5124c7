//! `posdiag serve`'s JSON API through the real binary: a session started,
//! answered, "don't know", back, "not fixed", fixed, read; code lookup;
//! errors with their kinds and statuses; concurrent answers serialised; a
//! restart with the same database; expiry; masking; a port already taken;
//! slow and idle clients cut off.
//! Responses are decoded into the independent mirror types of
//! `tests/common`.

mod common;

use std::collections::BTreeSet;

use common::contract::Status;
use common::serve::{Server, Session};
use serde_json::json;

/// The answers of the `announced maintenance` case (fixtures/cases/bank.yaml).
fn maintenance() -> serde_json::Value {
    json!({
        "triage.start": "cannot_swipe",
        "triage.cannot_swipe": "no_card_works",
        "triage.no_card_works": "bank_refuses",
        "bank.start": "general_failure",
        "bank.scope": "everything_fails",
        "bank.announcement": "maintenance_announced",
    })
}

fn answer(server: &Server, id: &str, node: &str, value: &str) -> Session {
    let r = server.api(&format!("/sessions/{id}/answer"), json!({"node": node, "value": value}));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

#[test]
fn a_walk_answered_unknown_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let s = server.start_session(json!({}));
    assert_eq!(s.id.len(), 32, "128 bits, four to a letter: {}", s.id);
    assert!(s.id.bytes().all(|b| b.is_ascii_lowercase()), "no digits to mask: {}", s.id);
    assert!(!s.can_go_back && !s.finished);
    assert!(s.expires > s.created);
    let d = &s.diagnosis;
    assert_eq!((d.version, &d.status, d.lang.as_str()), (2, &Status::NeedsInput, "en"));
    let pending = d.pending.as_ref().unwrap();
    assert_eq!(pending.node, "triage.start");

    let s = answer(&server, &s.id, "triage.start", "cannot_swipe");
    assert!(s.can_go_back);
    let next = s.diagnosis.pending.as_ref().unwrap().node.clone();
    assert_eq!(next, "triage.cannot_swipe");
    let r = server.api(&format!("/sessions/{}/unknown", s.id), json!({"node": next}));
    assert_eq!(r.status, 200, "{}", r.body);
    let unknown: Session = r.json();
    assert!(unknown.diagnosis.assumed);
    assert_eq!(unknown.diagnosis.path.len(), 2);
    assert_eq!(unknown.diagnosis.path[1].kind, "unknown");

    let r = server.api(&format!("/sessions/{}/back", s.id), json!({}));
    let back: Session = r.json();
    assert_eq!(back.diagnosis.path.len(), 1);
    assert_eq!(back.diagnosis.pending.as_ref().unwrap().node, "triage.cannot_swipe");
    let read = server.read(&s.id);
    assert_eq!(read.diagnosis.path.len(), 1);
    assert!(!read.diagnosis.assumed);
    // Chinese on request, from the header.
    let zh = server.get(&format!("/api/v1/sessions/{}", s.id), &[("accept-language", "zh-CN")]);
    assert_eq!(zh.json::<Session>().diagnosis.lang, "zh");
}

#[test]
fn not_fixed_offers_the_next_candidate_and_fixed_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let s = server.start_session(json!({"answers": maintenance()}));
    assert_eq!(s.diagnosis.status, Status::Concluded);
    assert_eq!(s.diagnosis.conclusion.as_ref().unwrap().key, "BANK_SYSTEM_MAINTENANCE");

    let r = server.api(&format!("/sessions/{}/not-fixed", s.id), json!({}));
    let s: Session = r.json();
    assert_eq!(s.diagnosis.rejected, ["BANK_SYSTEM_MAINTENANCE"]);
    assert_eq!(s.diagnosis.pending.as_ref().unwrap().node, "bank.policy_change");
    let s = answer(&server, &s.id, "bank.policy_change", "policy_changed");
    assert_eq!(s.diagnosis.conclusion.as_ref().unwrap().key, "BANK_POLICY_CHANGE");

    let r = server.api(&format!("/sessions/{}/fixed", s.id), json!({}));
    assert!(r.json::<Session>().finished);
    let again = server.api(&format!("/sessions/{}/back", s.id), json!({}));
    assert_eq!(again.error(409).kind, "walk");
    // The confirmed fault is in the store the priors are learned from.
    let db = rusqlite::Connection::open(&server.database).unwrap();
    let key: String = db.query_row("SELECT key FROM outcomes", [], |r| r.get(0)).unwrap();
    assert_eq!(key, "BANK_POLICY_CHANGE");
}

#[test]
fn codes_are_looked_up_and_start_a_walk() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let r = server.get("/api/v1/codes/51", &[]);
    assert_eq!(r.status, 200, "{}", r.body);
    let code: serde_json::Value = r.json();
    assert_eq!((code["known"].as_bool(), code["actor"].as_str()), (Some(true), Some("cardholder")));
    let s = server.start_session(json!({"code": "51"}));
    let c = s.diagnosis.code.as_ref().expect("the code object");
    assert_eq!(c.code.as_deref(), Some("51"));
    assert_eq!(s.diagnosis.start, c.node);
    let r = server.get("/api/v1/codes/%20", &[]);
    assert_eq!(r.error(422).kind, "code");
}

#[test]
fn errors_have_the_kinds_and_statuses_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let bad = server.post("/api/v1/sessions", "{not json", &[]);
    assert_eq!(bad.error(400).kind, "json");
    assert_eq!(server.api("/sessions", json!({"colour": 1})).error(400).kind, "json");
    let start = server.api("/sessions", json!({"start": "bank.strat"}));
    let e = start.error(422);
    assert_eq!(e.kind, "start");
    assert!(e.message.contains("bank.start"), "a hint: {}", e.message);
    let answers = server.api("/sessions", json!({"answers": {"triage.start": "teapot"}}));
    assert_eq!(answers.error(422).kind, "answers");
    let facts = server.api("/sessions", json!({"facts": {"modem.csq": ""}}));
    assert_eq!(facts.error(422).kind, "facts");
    let missing = server.get(&format!("/api/v1/sessions/{}", "a".repeat(32)), &[]);
    assert_eq!(missing.error(404).kind, "session");
    assert_eq!(server.get("/api/v1/sessions/..%2Fx", &[]).error(404).kind, "session");
    let big = format!("{{\"start\": \"{}\"}}", "x".repeat(100_000));
    assert_eq!(server.post("/api/v1/sessions", &big, &[]).error(413).kind, "too_long");
    assert_eq!(server.get("/api/v1/teapot", &[]).error(404).kind, "not_found");
    assert_eq!(server.get("/api/v1/sessions", &[]).error(405).kind, "method");
    assert_eq!(server.get("/api/v1/codes/51?lang=zh&lang=en", &[]).error(400).kind, "json");
    let s = server.start_session(json!({}));
    let value = server.api(
        &format!("/sessions/{}/answer", s.id),
        json!({"node": "triage.start", "value": "teapot"}),
    );
    let e = value.error(422);
    assert_eq!(e.kind, "answers");
    assert!(e.message.contains("cannot_swipe"), "names the allowed: {}", e.message);
    let not_offered = server.api(&format!("/sessions/{}/not-fixed", s.id), json!({}));
    assert_eq!(not_offered.error(409).kind, "walk");
    let first = server.api(&format!("/sessions/{}/back", s.id), json!({}));
    assert_eq!(first.error(409).kind, "walk");
}

#[test]
fn concurrent_answers_to_one_session_are_serialised() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let s = server.start_session(json!({}));
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let (server, id) = (&server, s.id.clone());
                let value = if i % 2 == 0 { "printer" } else { "no_power" };
                scope.spawn(move || {
                    server
                        .api(
                            &format!("/sessions/{id}/answer"),
                            json!({"node": "triage.start", "value": value}),
                        )
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|&&s| s == 409).count(), 15, "{statuses:?}");
    let read = server.read(&s.id);
    assert_eq!(read.diagnosis.path.len(), 1, "one answer taken");
    // Many sessions at once stay apart.
    let ids: BTreeSet<String> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..8).map(|_| scope.spawn(|| server.start_session(json!({})).id)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(ids.len(), 8);
}

#[test]
fn a_session_survives_a_restart_and_expires() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let s = server.start_session(json!({}));
    answer(&server, &s.id, "triage.start", "printer");
    drop(server);
    let server = Server::start(dir.path(), &[]);
    let read = server.read(&s.id);
    assert_eq!(read.diagnosis.path[0].answer.as_deref(), Some("printer"));
    drop(server);

    let server = Server::start(dir.path(), &["--session-ttl", "1s"]);
    let short = server.start_session(json!({}));
    assert_eq!(short.expires, short.created + 1);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let gone = server.get(&format!("/api/v1/sessions/{}", short.id), &[]);
    assert_eq!(gone.error(404).kind, "session");
}

#[test]
fn card_numbers_are_masked_in_answers_and_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let s = server.api("/sessions", json!({"facts": {"note": "card 4111111111111111"}}));
    assert_eq!(s.status, 201, "{}", s.body);
    assert!(!s.body.contains("4111111111111111") && s.body.contains("411111******1111"));
    drop(server);
    let db = std::fs::read(dir.path().join("serve.sqlite")).unwrap();
    let wal = std::fs::read(dir.path().join("serve.sqlite-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(16).any(|w| w == b"4111111111111111"), "stored unmasked");
    }
}

#[test]
fn a_taken_port_is_a_clear_error_with_exit_2() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let run = common::Test::new()
        .args(["--lang", "en", "serve", "--listen", &addr, "--database"])
        .arg(dir.path().join("s.sqlite").to_str().unwrap())
        .run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("another program already uses that port"), "{}", run.stderr);
    assert!(run.stderr.contains("--listen 127.0.0.1:PORT"), "{}", run.stderr);
}

/// What a slowloris client gets: a connection whose request head never
/// ends, that never sends one, or that goes quiet after an answer, is
/// closed after `--timeout` (not before); a body that never arrives is a
/// `408` with the kind `timeout` (JSON under `/api/`, a page elsewhere, in
/// the request's language); meanwhile other clients are served.
#[test]
fn slow_and_idle_clients_are_cut_off() {
    use std::io::{Read as _, Write as _};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--timeout", "1s"]);
    let addr = server.url.trim_start_matches("http://").to_string();
    let connect = || {
        let s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        (s, Instant::now())
    };
    // Read until the server closes: how long the connection lived and what
    // the server said.
    let until_closed = |(mut s, opened): (std::net::TcpStream, Instant)| {
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        (opened.elapsed(), String::from_utf8_lossy(&got).into_owned())
    };
    let within_the_timeout = |name: &str, lived: Duration| {
        let ok = Duration::from_millis(900)..Duration::from_secs(5);
        assert!(ok.contains(&lived), "{name}: closed after {lived:?}, not about 1 s");
    };
    let head = connect();
    (&head.0).write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
    let idle = connect();
    let body = connect();
    (&body.0)
        .write_all(
            b"POST /api/v1/sessions?lang=zh HTTP/1.1\r\nHost: x\r\n\
              Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        )
        .unwrap();
    let page = connect();
    (&page.0)
        .write_all(
            b"POST /s/abc/unknown HTTP/1.1\r\nHost: x\r\nAccept-Language: zh\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nn",
        )
        .unwrap();
    // The others are served while these hang.
    assert_eq!(server.get("/api/v1/codes/51", &[]).status, 200);
    for (name, c) in [("an unfinished head", head), ("an idle connection", idle)] {
        let (lived, said) = until_closed(c);
        within_the_timeout(name, lived);
        assert!(said.is_empty(), "{name}: {said}");
    }
    let (lived, said) = until_closed(body);
    within_the_timeout("a slow body", lived);
    assert!(said.starts_with("HTTP/1.1 408"), "{said}");
    assert!(said.contains("\"kind\":\"timeout\""), "{said}");
    assert!(said.contains("没有按时送达"), "`?lang=zh` chooses the language: {said}");
    let (_, said) = until_closed(page);
    assert!(said.starts_with("HTTP/1.1 408"), "{said}");
    assert!(said.contains("请求没有按时送达"), "the page in the request's language: {said}");
    assert!(said.contains("content-security-policy"), "{said}");
    // A kept-alive connection that goes quiet after its answer is closed too.
    let (mut kept, _) = connect();
    kept.write_all(b"GET /api/v1/codes/51 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut first = [0u8; 12];
    kept.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let (lived, _) = until_closed((kept, Instant::now()));
    assert!(lived < Duration::from_secs(5), "a quiet kept-alive connection: open for {lived:?}");
}

#[test]
fn forms_need_the_csrf_token_and_pages_carry_the_policy() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let home = server.get("/", &[("accept-language", "zh-CN,zh;q=0.9")]);
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<html lang=\"zh\">"), "{}", home.body);
    assert!(home.header("content-security-policy").unwrap().contains("default-src 'none'"));
    let cookie = home.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    let token = cookie.split_once('=').unwrap().1.to_string();
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let forged = server.post("/start", &format!("csrf={token}"), &form);
    assert_eq!(forged.status, 403, "no cookie, no start");
    assert!(forged.body.contains("<html lang=\"en\">") && forged.body.contains("reload"));
    let with_cookie = [form[0], ("cookie", cookie.as_str())];
    let started = server.post("/start", &format!("csrf={token}"), &with_cookie);
    assert_eq!(started.status, 303, "{}", started.body);
    let at = started.header("location").unwrap().to_string();
    let page = server.get(&at, &[("cookie", cookie.as_str())]);
    assert!(page.body.contains("name=\"value\" value=\"printer\""), "{}", page.body);
    let escaped = server.get("/code/%3Cscript%3E", &[]);
    assert!(!escaped.body.contains("<script>"), "{}", escaped.body);
}

/// How much likelier the printer is than the power at the triage, by the
/// priors a session shows (priors are normalised when learned, so compare
/// two branches).
fn printer_ratio(s: &Session) -> f64 {
    let order = &s.diagnosis.pending.as_ref().unwrap().order;
    let prior = |v: &str| order.iter().find(|r| r.value == v).and_then(|r| r.prior).unwrap();
    prior("printer") / prior("no_power")
}

/// `times` walks to "out of paper", each confirmed fixed.
fn confirm_out_of_paper(server: &Server, times: usize) {
    for _ in 0..times {
        let answers = json!({"triage.start": "printer", "printer.start": "no_paper"});
        let s = server.start_session(json!({ "answers": answers }));
        assert_eq!(s.diagnosis.conclusion.as_ref().unwrap().key, "PRINTER_OUT_OF_PAPER");
        let r = server.api(&format!("/sessions/{}/fixed", s.id), json!({}));
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

#[test]
fn confirmed_faults_teach_the_priors_of_new_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let before = printer_ratio(&server.start_session(json!({})));
    confirm_out_of_paper(&server, 5);
    // Learned again at most once a second, when a session starts.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    server.start_session(json!({}));
    let after = printer_ratio(&server.start_session(json!({})));
    assert!(after > 1.5 * before, "the confirmed branch gains: {before} → {after}");
}

/// A session keeps the priors it started with: faults confirmed meanwhile
/// in other sessions change how a new walk orders its checks, not the open
/// one's — also after a restart — so what the merchant was shown stays
/// what the next move acts on.
#[test]
fn a_session_keeps_its_priors_while_others_confirm_faults() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let open = server.start_session(json!({}));
    let before = printer_ratio(&open);
    confirm_out_of_paper(&server, 5);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    server.start_session(json!({}));
    let learned = printer_ratio(&server.start_session(json!({})));
    assert!(learned > 1.5 * before, "a new walk learns: {before} → {learned}");
    assert_eq!(printer_ratio(&server.read(&open.id)), before, "the open walk keeps its priors");
    drop(server);
    let server = Server::start(dir.path(), &[]);
    assert_eq!(printer_ratio(&server.read(&open.id)), before, "also after a restart");
    assert_eq!(printer_ratio(&server.start_session(json!({}))), learned);
}

#[test]
fn with_every_remedy_rejected_the_hand_off_sheet_remains() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let answers = json!({"triage.start": "printer", "printer.start": "no_paper"});
    let mut s = server.start_session(json!({ "answers": answers }));
    for _ in 0..400 {
        let d = &s.diagnosis;
        let r = match (&d.status, &d.pending) {
            (Status::NoConclusion, _) => break,
            (Status::Concluded, _) => {
                server.api(&format!("/sessions/{}/not-fixed", s.id), json!({}))
            }
            (Status::NeedsInput, Some(p)) => {
                server.api(&format!("/sessions/{}/unknown", s.id), json!({"node": p.node}))
            }
            (Status::NeedsInput, None) => panic!("needs input with nothing pending"),
        };
        assert_eq!(r.status, 200, "{}", r.body);
        s = r.json();
    }
    let d = &s.diagnosis;
    assert_eq!(d.status, Status::NoConclusion);
    let handoff = d.handoff.as_ref().expect("a hand-off sheet");
    assert!(handoff.tried.len() >= 2, "{:?}", handoff.tried);
    assert_eq!(d.rejected.len(), handoff.tried.len());
    let page = server.get(&format!("/s/{}", s.id), &[]);
    assert!(page.body.contains("<section class=\"handoff\">"), "{}", page.body);
    assert!(page.body.contains(&handoff.tried[0]), "the sheet lists what was tried");
    let text = server.get(&format!("/s/{}/handoff.txt", s.id), &[]);
    assert_eq!(text.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(text.body.contains(&handoff.tried[0]), "{}", text.body);
}

#[test]
fn graph_pictures_are_svg_or_say_that_graphviz_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let has_dot = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("dot").is_file()));
    let r = server.get("/graph/printer.svg", &[]);
    if has_dot {
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), Some("image/svg+xml"));
        assert!(r.body.contains("<svg") && r.body.contains("PRINTER_OUT_OF_PAPER"), "{}", r.body);
        let zh = server.get("/graph/printer.svg", &[("accept-language", "zh")]);
        assert!(zh.body.contains("纸"), "in the request's language");
    } else {
        let e = r.error(503);
        assert_eq!(e.kind, "graphviz");
        assert!(e.message.contains("apt-get install graphviz"), "{}", e.message);
    }
    assert_eq!(server.get("/graph/teapot.svg", &[]).error(404).kind, "not_found");
}
