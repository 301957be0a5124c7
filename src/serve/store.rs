//! The session store of `posdiag serve`: one SQLite file (through rusqlite,
//! SQLite bundled), by default beside the history in the data directory.
//!
//! One row per session: its id, the walk as `session.rs` saves it (by node
//! id and answer value, JSON, card numbers masked), the session format
//! version, the code it started from, when it was created, last changed and
//! when it expires, and whether the merchant confirmed the fix. Confirmed
//! faults go into `outcomes`, from which the priors of new sessions are
//! learned ([`crate::history::learn`]), as the local history does for the
//! command line.
//!
//! Every change runs in one `BEGIN IMMEDIATE` transaction (read, change,
//! write), so concurrent answers to one session are serialised, here and
//! across processes sharing the file. The journal is WAL: readers do not
//! wait for the writer.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior, params};

use crate::history::{Entry, History};
use crate::session::{SESSION_VERSION, SavedSession};

/// Bumped on an incompatible change of the tables.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL,
    walk     TEXT NOT NULL,
    code     TEXT,
    created  INTEGER NOT NULL,
    updated  INTEGER NOT NULL,
    expires  INTEGER NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires);
CREATE TABLE IF NOT EXISTS outcomes (
    session TEXT PRIMARY KEY,
    time    INTEGER NOT NULL,
    key     TEXT NOT NULL,
    node    TEXT NOT NULL,
    tree    TEXT NOT NULL
);
";

/// One stored session.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub saved: SavedSession,
    /// The code the walk started from, as typed (masked).
    pub code: Option<String>,
    /// Seconds since the Unix epoch.
    pub created: u64,
    pub updated: u64,
    pub expires: u64,
    /// The merchant said the remedy fixed it.
    pub finished: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the session database `{}`: {source}", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("the session database `{}` was written by a newer posdiag (schema {found}, this one reads {SCHEMA_VERSION}); use another `--database`", path.display())]
    Schema { path: PathBuf, found: i64 },
    #[error("the session database failed: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored session `{id}` is damaged ({reason})")]
    Damaged { id: String, reason: String },
}

/// The open database. One connection, used under a lock; SQLite serialises
/// writers anyway, and a change is a few hundred microseconds.
pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl Store {
    /// Open or create the database at `path` (its folder too).
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open { path: path.to_path_buf(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                open_err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    Some(format!("cannot create its folder: {e}")),
                ))
            })?;
        }
        let conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(open_err)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        let found: i64 =
            conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(open_err)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::Schema { path: path.to_path_buf(), found });
        }
        conn.execute_batch(SCHEMA).map_err(open_err)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(open_err)?;
        Ok(Store { conn: Mutex::new(conn), path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Store a new session; expired ones are removed on the way.
    pub fn insert(&self, row: &Row) -> Result<(), StoreError> {
        let walk = masked_json(&row.saved)?;
        let code = row.code.as_deref().map(|c| crate::mask::mask_pans(c).into_owned());
        let conn = self.lock();
        conn.execute("DELETE FROM sessions WHERE expires <= ?1", params![now() as i64])?;
        conn.execute(
            "INSERT INTO sessions (id, version, walk, code, created, updated, expires, finished)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                row.id,
                SESSION_VERSION,
                walk,
                code,
                row.created as i64,
                row.updated as i64,
                row.expires as i64,
                row.finished
            ],
        )?;
        Ok(())
    }

    /// The session `id`, if stored and not expired at `at`.
    pub fn get(&self, id: &str, at: u64) -> Result<Option<Row>, StoreError> {
        let conn = self.lock();
        read(&conn, id, at)
    }

    /// Read the session, let `change` work on it, write what it returns —
    /// all in one immediate transaction, so two changes to one session
    /// never interleave. `change` returns the new row (or `None` to leave
    /// it), a fault confirmed by the change, and what the caller wants
    /// back; its error aborts the change.
    pub fn update<T, E>(
        &self,
        id: &str,
        change: impl FnOnce(Option<Row>) -> Result<Change<T>, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut conn = self.lock();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let row = read(&tx, id, now())?;
        let Change { row: new, confirmed, out } = change(row)?;
        if let Some(entry) = confirmed {
            insert_outcome(&tx, id, &entry)?;
        }
        if let Some(row) = new {
            let walk = masked_json(&row.saved)?;
            tx.execute(
                "UPDATE sessions SET walk = ?2, updated = ?3, expires = ?4, finished = ?5
                 WHERE id = ?1",
                params![id, walk, row.updated as i64, row.expires as i64, row.finished],
            )
            .map_err(StoreError::from)?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Every confirmed fault, as the history the priors are learned from.
    pub fn history(&self) -> Result<History, StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare("SELECT time, key, node, tree FROM outcomes ORDER BY time")?;
        let entries = stmt
            .query_map([], |r| {
                Ok(Entry {
                    time: r.get::<_, i64>(0)?.max(0) as u64,
                    key: r.get(1)?,
                    node: r.get(2)?,
                    tree: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(History { entries, skipped: 0 })
    }

    /// Remove every session expired at `at`; returns how many.
    pub fn purge(&self, at: u64) -> Result<usize, StoreError> {
        let conn = self.lock();
        Ok(conn.execute("DELETE FROM sessions WHERE expires <= ?1", params![at as i64])?)
    }
}

/// What a change of a session writes, and what it hands back.
pub struct Change<T> {
    /// The session as it is to be stored (`None`: as it was).
    pub row: Option<Row>,
    /// A fault the merchant confirmed in this change.
    pub confirmed: Option<Entry>,
    pub out: T,
}

fn insert_outcome(conn: &Connection, session: &str, entry: &Entry) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR IGNORE INTO outcomes (session, time, key, node, tree)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![session, entry.time as i64, entry.key, entry.node, entry.tree],
    )?;
    Ok(())
}

fn read(conn: &Connection, id: &str, at: u64) -> Result<Option<Row>, StoreError> {
    let row = conn
        .query_row(
            "SELECT version, walk, code, created, updated, expires, finished
             FROM sessions WHERE id = ?1 AND expires > ?2",
            params![id, at as i64],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((version, walk, code, created, updated, expires, finished)) = row else {
        return Ok(None);
    };
    let damaged = |reason: String| StoreError::Damaged { id: id.to_string(), reason };
    if version != i64::from(SESSION_VERSION) {
        return Err(damaged(format!(
            "saved by session format {version}, this posdiag reads {SESSION_VERSION}"
        )));
    }
    let saved: SavedSession = serde_json::from_str(&walk).map_err(|e| damaged(e.to_string()))?;
    Ok(Some(Row {
        id: id.to_string(),
        saved,
        code,
        created: created.max(0) as u64,
        updated: updated.max(0) as u64,
        expires: expires.max(0) as u64,
        finished,
    }))
}

/// The walk as stored: JSON, card numbers masked.
fn masked_json(saved: &SavedSession) -> Result<String, StoreError> {
    let json = serde_json::to_string(saved)
        .map_err(|e| StoreError::Damaged { id: String::new(), reason: e.to_string() })?;
    Ok(crate::mask::mask_pans(&json).into_owned())
}

#[cfg(test)]
mod tests {
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
        let failed: Result<(), StoreError> = store
            .update("c", |_| Err(StoreError::Damaged { id: "c".into(), reason: "test".into() }));
        assert!(failed.is_err());
        assert_eq!(store.history().unwrap().entries.len(), 2);
    }
}
