//! The session store of `posdiag serve`: one SQLite file (through rusqlite,
//! SQLite bundled), by default beside the history in the data directory.
//!
//! One row per session: its id, the walk as `session.rs` saves it (by node
//! id and answer value, JSON, card numbers masked), the session format
//! version, the code it started from, when it was created, last changed and
//! when it expires, whether the merchant confirmed the fix, and which
//! confirmed faults its priors were learned from. Confirmed faults go into
//! `outcomes`, from which the priors of new sessions are learned
//! ([`crate::history::learn`]), as the local history does for the command
//! line; a session keeps the priors it started with (`priors_upto`, the
//! last outcome they were learned from), so its walk does not change under
//! the merchant while others confirm faults.
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

/// Bumped on a change of the tables (2: `sessions.priors_upto`; a file of
/// schema 1 gains the column when opened, its sessions learning from
/// every outcome as before).
pub const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id       TEXT PRIMARY KEY,
    version  INTEGER NOT NULL,
    walk     TEXT NOT NULL,
    code     TEXT,
    created  INTEGER NOT NULL,
    updated  INTEGER NOT NULL,
    expires  INTEGER NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    priors_upto INTEGER
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
    /// The last outcome (its row id) the session's priors were learned
    /// from; `None` for a session stored before sessions kept theirs.
    pub priors_upto: Option<i64>,
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
        if found == 1 {
            conn.execute_batch("ALTER TABLE sessions ADD COLUMN priors_upto INTEGER")
                .map_err(open_err)?;
        }
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
            "INSERT INTO sessions
             (id, version, walk, code, created, updated, expires, finished, priors_upto)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                row.id,
                SESSION_VERSION,
                walk,
                code,
                row.created as i64,
                row.updated as i64,
                row.expires as i64,
                row.finished,
                row.priors_upto
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
        Ok(self.history_upto(None)?.0)
    }

    /// The confirmed faults up to the outcome `upto` (every one for
    /// `None`), and the last outcome among them (0 for none).
    pub fn history_upto(&self, upto: Option<i64>) -> Result<(History, i64), StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare(
            "SELECT rowid, time, key, node, tree FROM outcomes
             WHERE ?1 IS NULL OR rowid <= ?1 ORDER BY time, rowid",
        )?;
        let mut last = 0;
        let entries = stmt
            .query_map(params![upto], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Entry {
                        time: r.get::<_, i64>(1)?.max(0) as u64,
                        key: r.get(2)?,
                        node: r.get(3)?,
                        tree: r.get(4)?,
                    },
                ))
            })?
            .map(|r| {
                r.map(|(rowid, entry)| {
                    last = last.max(rowid);
                    entry
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((History { entries, skipped: 0 }, last))
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
            "SELECT version, walk, code, created, updated, expires, finished, priors_upto
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
                    r.get::<_, Option<i64>>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((version, walk, code, created, updated, expires, finished, priors_upto)) = row else {
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
        priors_upto,
    }))
}

/// The walk as stored: JSON, card numbers masked.
fn masked_json(saved: &SavedSession) -> Result<String, StoreError> {
    let json = serde_json::to_string(saved)
        .map_err(|e| StoreError::Damaged { id: String::new(), reason: e.to_string() })?;
    Ok(crate::mask::mask_pans(&json).into_owned())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
