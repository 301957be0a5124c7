//! Whatever a client sends `posdiag serve`, it answers with a session or a
//! JSON error of a known kind, never a crash: proptest-generated bodies
//! (any text, and answer sets and facts of arbitrary names and values) and
//! moves (any node, any value) against one running server.

mod common;

use common::serve::{ErrorBody, Server, Session};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const KINDS: &[&str] = &["json", "too_long", "answers", "facts", "start", "code", "walk"];

/// A reply is a session (201/200) or an error of a known kind.
fn judge(status: u16, body: &str) -> Result<(), TestCaseError> {
    if status == 200 || status == 201 {
        let s: Result<Session, _> = serde_json::from_str(body);
        prop_assert!(s.is_ok(), "{status}: {body}");
    } else {
        let e: Result<ErrorBody, _> = serde_json::from_str(body);
        prop_assert!(e.is_ok(), "{status}: {body}");
        let kind = e.unwrap().error.kind;
        prop_assert!(KINDS.contains(&kind.as_str()), "{status}: kind {kind}: {body}");
        prop_assert!((400..500).contains(&status), "{status}: {body}");
    }
    prop_assert!(!body.contains("4111111111111111"), "a card number left: {body}");
    Ok(())
}

fn value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        "[a-z_]{0,12}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::json!("4111111111111111")),
        Just(serde_json::json!([1, 2])),
        Just(serde_json::Value::Null),
    ]
}

fn node() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("triage.start".to_string()),
        Just("printer.start".to_string()),
        Just("bank.start".to_string()),
        "[a-z._]{0,16}",
    ]
}

#[test]
fn any_body_gets_a_session_or_a_json_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &[]);
    let mut runner = TestRunner::new(Config { cases: 96, ..Config::default() });
    let text = any::<String>();
    runner
        .run(&text, |body| {
            let r = server.post("/api/v1/sessions", &body, &[]);
            judge(r.status, &r.body)
        })
        .unwrap();
    let structured = (
        prop::collection::btree_map(node(), value(), 0..4),
        prop::collection::btree_map("[a-z.]{0,10}", value(), 0..3),
        prop::option::of(node()),
        prop::option::of("[0-9A-Z +:]{0,8}"),
    );
    runner
        .run(&structured, |(answers, facts, start, code)| {
            let mut body = serde_json::json!({ "answers": answers, "facts": facts });
            if let Some(s) = start {
                body["start"] = s.into();
            }
            if let Some(c) = code {
                body["code"] = c.into();
            }
            let r = server.api("/sessions", body);
            judge(r.status, &r.body)
        })
        .unwrap();
    let session = server.start_session(serde_json::json!({}));
    let moves = (node(), "[a-z_0-9]{0,12}", 0..4u8);
    runner
        .run(&moves, |(node, value, which)| {
            let id = &session.id;
            let r = match which {
                0 => server.api(
                    &format!("/sessions/{id}/answer"),
                    serde_json::json!({"node": node, "value": value}),
                ),
                1 => server
                    .api(&format!("/sessions/{id}/unknown"), serde_json::json!({"node": node})),
                2 => server.api(&format!("/sessions/{id}/back"), serde_json::json!({})),
                _ => server.api(&format!("/sessions/{id}/not-fixed"), serde_json::json!({})),
            };
            judge(r.status, &r.body)
        })
        .unwrap();
    // Still serving.
    assert_eq!(server.read(&session.id).id, session.id);
}
