//! Tests of the session store: reopening, masking, expiry, outcomes,
//! and carrying a file of an earlier schema forward.

use super::*;
use crate::lang::Lang;

fn row(id: &str, expires: u64) -> Row {
    Row {
        id: id.into(),
        saved: SavedSession {
            format: "posdiag-session".into(),
            version: SESSION_VERSION,
            lang: Lang::En,
            start: "triage.start".into(),
            steps: Vec::new(),
            facts: vec![crate::engine::Fact::given("note", "4111 1111 1111 1111")],
            saved_at: 0,
        },
        code: Some("51".into()),
        created: 1,
        updated: 1,
        expires,
        finished: false,
        priors_upto: Some(0),
    }
}

#[test]
fn a_session_survives_reopening_and_is_stored_masked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/serve.sqlite");
    let store = Store::open(&path).unwrap();
    store.insert(&row("a", now() + 60)).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    let got = store.get("a", now()).unwrap().unwrap();
    assert_eq!(got.code.as_deref(), Some("51"));
    assert_eq!(got.saved.facts[0].value, "411111******1111");
    assert!(store.get("b", now()).unwrap().is_none());
}

/// A file of schema 1 gains `priors_upto` when opened; its sessions
/// read with none (they learn from every outcome, as before).
#[test]
fn a_schema_1_file_is_carried_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let old = Connection::open(&path).unwrap();
    old.execute_batch(&SCHEMA.replace(",\n    priors_upto INTEGER", "")).unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    let walk = masked_json(&row("a", 0).saved).unwrap();
    old.execute(
        "INSERT INTO sessions (id, version, walk, created, updated, expires)
         VALUES ('a', ?1, ?2, 1, 1, ?3)",
        params![SESSION_VERSION, walk, (now() + 60) as i64],
    )
    .unwrap();
    drop(old);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get("a", now()).unwrap().unwrap().priors_upto, None);
    store.insert(&row("b", now() + 60)).unwrap();
    assert_eq!(store.get("b", now()).unwrap().unwrap().priors_upto, Some(0));
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(store.get("b", now()).unwrap().is_some(), "opened again, as schema 2");
}

#[test]
fn outcomes_up_to_one_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    assert_eq!(store.history_upto(None).unwrap().1, 0);
    for (id, time) in [("a", 5), ("b", 3), ("c", 9)] {
        let entry = Entry { time, key: id.into(), node: "n".into(), tree: "t".into() };
        let done: Result<(), StoreError> =
            store.update(id, |_| Ok(Change { row: None, confirmed: Some(entry), out: () }));
        done.unwrap();
    }
    let (all, last) = store.history_upto(None).unwrap();
    assert_eq!((all.entries.len(), last), (3, 3));
    let keys: Vec<_> = all.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["b", "a", "c"], "in time order");
    let (two, upto) = store.history_upto(Some(2)).unwrap();
    let keys: Vec<_> = two.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!((keys, upto), (vec!["b", "a"], 2));
}

#[test]
fn an_expired_session_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    store.insert(&row("old", now() + 5)).unwrap();
    assert!(store.get("old", now() + 10).unwrap().is_none());
    assert_eq!(store.purge(now() + 10).unwrap(), 1);
}

#[test]
fn outcomes_are_the_history_and_counted_once_per_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let entry = Entry { time: 5, key: "k".into(), node: "n".into(), tree: "t".into() };
    for id in ["a", "a", "b"] {
        let confirmed = Some(entry.clone());
        let done: Result<(), StoreError> =
            store.update(id, |_| Ok(Change { row: None, confirmed, out: () }));
        done.unwrap();
    }
    assert_eq!(store.history().unwrap().entries.len(), 2);
    // A change that fails writes nothing.
    let failed: Result<(), StoreError> =
        store.update("c", |_| Err(StoreError::Damaged { id: "c".into(), reason: "test".into() }));
    assert!(failed.is_err());
    assert_eq!(store.history().unwrap().entries.len(), 2);
}
