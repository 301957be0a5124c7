//! Saved interactive sessions: written after every step (atomically, in the
//! user's state directory), so Ctrl-C, Esc, a closed terminal or a crash lose
//! nothing, and `posdiag diagnose --resume` continues where it stopped.
//!
//! Steps are saved by node id and answer value, not by index, so a session
//! survives a rebuilt binary; one that no longer fits the rules is refused
//! with a clear message, never replayed into the wrong branch.
//!
//! The file is read bounded ([`MAX_SESSION_BYTES`]; a FIFO or a device is
//! refused), written masked like every byte posdiag writes, and guarded by
//! a lock per state directory ([`crate::lock`]). A folder where it cannot
//! be saved lets the walk go on, with a warning ([`save_or_warn`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use crate::engine::{Action, Fact, Source, Step, Walk};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::rules::NodeBody;

/// Largest session file read: far more steps than any walk takes.
pub const MAX_SESSION_BYTES: u64 = 4 * 1024 * 1024;

/// Held while a session is written, so a signal lets a save finish.
static SAVING: Mutex<()> = Mutex::new(());
/// Whether the last save succeeded.
static SAVED: AtomicBool = AtomicBool::new(false);
/// Whether the user was told that the session cannot be saved.
static WARNED: AtomicBool = AtomicBool::new(false);

/// Marks the file as ours.
const FORMAT: &str = "posdiag-session";
/// Bumped on an incompatible change of the file.
pub const SESSION_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSession {
    pub format: String,
    pub version: u32,
    pub lang: Lang,
    pub start: String,
    pub steps: Vec<SavedStep>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Seconds since the Unix epoch.
    pub saved_at: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedStep {
    pub node: String,
    /// `answer`, `unknown` or `rejected`.
    pub kind: String,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub input: Option<String>,
    #[serde(default)]
    pub fact: Option<Fact>,
    /// The node a known code sent the walk to (a `code` question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jump: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("no saved session at `{}`; start one with `posdiag`", path.display())]
    Missing { path: PathBuf },
    #[error("saved session `{}` is damaged ({reason}); start afresh with `posdiag` (the file is left as it is)", path.display())]
    Corrupt { path: PathBuf, reason: Damage },
    #[error("saved session `{}` no longer fits the rules ({reason}); start afresh with `posdiag`", path.display())]
    Outdated { path: PathBuf, reason: Misfit },
    #[error("cannot save the session to `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot read saved session `{}`: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("no place to save sessions: set POSDIAG_STATE_DIR or HOME")]
    NoStateDir,
}

/// How a session file is damaged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Damage {
    #[error("not JSON: line {line}, column {column}")]
    NotJson { line: usize, column: usize },
    #[error("not a posdiag session file")]
    NotASession,
    /// JSON of the right format whose fields do not fit (the parser's words).
    #[error("{0}")]
    Fields(String),
}

/// Why a saved session no longer fits the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Misfit {
    #[error("saved by session format {found}, this posdiag reads {SESSION_VERSION}")]
    Version { found: u64 },
    #[error("unknown start node `{0}`")]
    UnknownStart(String),
    #[error("unknown node `{0}`")]
    UnknownNode(String),
    #[error("`{value}` is no longer an answer of `{node}`")]
    NotAnAnswer { value: String, node: String },
    #[error("a code led to unknown node `{0}`")]
    UnknownJump(String),
    #[error("step `{kind}` does not fit node `{node}`")]
    Step { kind: String, node: String },
    /// The engine's reason the steps no longer replay.
    #[error("the steps no longer form a walk: {0}")]
    NoWalk(String),
}

/// Where the session is kept: `$POSDIAG_STATE_DIR`, else the user's state
/// directory (`$XDG_STATE_HOME/posdiag`, `~/.local/state/posdiag`).
pub fn default_path() -> Result<PathBuf, SessionError> {
    if let Some(dir) = std::env::var_os("POSDIAG_STATE_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("session.json"));
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("posdiag").join("session.json"))
        .ok_or(SessionError::NoStateDir)
}

impl SavedSession {
    /// Capture a walk.
    pub fn from_walk(walk: &Walk<'_>, facts: &[Fact], lang: Lang) -> SavedSession {
        let rules = walk.rules();
        let steps = walk
            .steps()
            .iter()
            .map(|s| {
                let node = rules.node(s.node);
                match (&s.action, &node.body) {
                    (
                        Action::Answer { answer, source, input, fact, jump },
                        NodeBody::Question(q),
                    ) => SavedStep {
                        node: node.id.clone(),
                        kind: "answer".into(),
                        value: Some(q.answers[*answer].value.clone()),
                        source: Some(*source),
                        input: input.clone(),
                        fact: fact.clone(),
                        jump: jump.map(|j| rules.node(j).id.clone()),
                    },
                    (action, _) => SavedStep {
                        node: node.id.clone(),
                        kind: match action {
                            Action::Unknown { .. } => "unknown",
                            _ => "rejected",
                        }
                        .into(),
                        value: None,
                        source: match action {
                            Action::Unknown { source } => Some(*source),
                            _ => None,
                        },
                        input: None,
                        fact: None,
                        jump: None,
                    },
                }
            })
            .collect();
        SavedSession {
            format: FORMAT.into(),
            version: SESSION_VERSION,
            lang,
            start: rules.node(walk.start()).id.clone(),
            steps,
            facts: facts.to_vec(),
            saved_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }

    /// Rebuild the walk against `rules`, refusing anything that does not fit.
    pub fn to_walk<'r>(
        &self,
        rules: &'r KnowledgeBase,
        path: &Path,
    ) -> Result<Walk<'r>, SessionError> {
        let outdated = |reason: Misfit| SessionError::Outdated { path: path.to_path_buf(), reason };
        let start = rules
            .find(&self.start)
            .ok_or_else(|| outdated(Misfit::UnknownStart(self.start.clone())))?;
        let mut steps = Vec::with_capacity(self.steps.len());
        for s in &self.steps {
            let node =
                rules.find(&s.node).ok_or_else(|| outdated(Misfit::UnknownNode(s.node.clone())))?;
            let action = match (s.kind.as_str(), &rules.node(node).body) {
                ("answer", NodeBody::Question(q)) => {
                    let value = s.value.as_deref().unwrap_or_default();
                    let (answer, _) = q.answer(value).ok_or_else(|| {
                        outdated(Misfit::NotAnAnswer { value: value.into(), node: s.node.clone() })
                    })?;
                    let jump = match &s.jump {
                        Some(j) => Some(
                            rules
                                .find(j)
                                .ok_or_else(|| outdated(Misfit::UnknownJump(j.clone())))?,
                        ),
                        None => None,
                    };
                    Action::Answer {
                        answer,
                        source: s.source.unwrap_or(Source::Interactive),
                        input: s.input.clone(),
                        fact: s.fact.clone(),
                        jump,
                    }
                }
                ("unknown", NodeBody::Question(_)) => {
                    Action::Unknown { source: s.source.unwrap_or(Source::Interactive) }
                }
                ("rejected", NodeBody::Conclusion(_)) => Action::Rejected,
                (kind, _) => {
                    let (kind, node) = (kind.to_string(), s.node.clone());
                    return Err(outdated(Misfit::Step { kind, node }));
                }
            };
            steps.push(Step { node, action });
        }
        // Which places are open does not depend on the weights, so the
        // caller's ordering can be set afterwards.
        Walk::replay(rules, start, crate::engine::Ordering::default(), steps)
            .map_err(|e| outdated(Misfit::NoWalk(e.to_string())))
    }
}

/// Save atomically (see [`crate::fsio::write_atomic`]).
pub fn save(session: &SavedSession, path: &Path) -> Result<(), SessionError> {
    let write_err =
        |source: std::io::Error| SessionError::Write { path: path.to_path_buf(), source };
    let json =
        serde_json::to_vec_pretty(session).map_err(|e| write_err(std::io::Error::other(e)))?;
    let _saving = hold_saves();
    let result = crate::fsio::write_atomic(path, &json).map_err(write_err);
    SAVED.store(result.is_ok(), Ordering::SeqCst);
    result
}

/// Save; a failure (a read-only or full state folder) is a warning, given
/// to `warn` once a run, and the walk goes on unsaved. Returns whether it
/// was saved.
pub fn save_or_warn(session: &SavedSession, path: &Path, warn: impl FnOnce(&SessionError)) -> bool {
    match save(session, path) {
        Ok(()) => true,
        Err(e) => {
            if !WARNED.swap(true, Ordering::SeqCst) {
                warn(&e);
            }
            false
        }
    }
}

/// Whether the last save succeeded.
pub fn saved() -> bool {
    SAVED.load(Ordering::SeqCst)
}

/// Wait for a save under way, and keep others from starting while held.
pub fn hold_saves() -> MutexGuard<'static, ()> {
    SAVING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Load a saved session, with a clear error for a missing, damaged or foreign
/// file.
pub fn load(path: &Path) -> Result<SavedSession, SessionError> {
    let bytes = match crate::fsio::read_bounded(path, MAX_SESSION_BYTES) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SessionError::Missing { path: path.to_path_buf() });
        }
        Err(source) => return Err(SessionError::Read { path: path.to_path_buf(), source }),
    };
    let corrupt = |reason: Damage| SessionError::Corrupt { path: path.to_path_buf(), reason };
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| corrupt(Damage::NotJson { line: e.line(), column: e.column() }))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(corrupt(Damage::NotASession));
    }
    let version = value.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
    if version != u64::from(SESSION_VERSION) {
        return Err(SessionError::Outdated {
            path: path.to_path_buf(),
            reason: Misfit::Version { found: version },
        });
    }
    serde_json::from_value(value).map_err(|e| corrupt(Damage::Fields(e.to_string())))
}

/// Remove the saved session once a walk is finished.
pub fn clear(path: &Path) {
    let _ = std::fs::remove_file(path);
}

/// Keep a saved session aside (`session-SECONDS.json` beside it) before a
/// new walk takes its place: starting afresh never loses the old one.
pub fn set_aside(path: &Path) -> Result<PathBuf, SessionError> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut aside = dir.join(format!("session-{secs}.json"));
    let mut n = 1;
    while aside.exists() {
        aside = dir.join(format!("session-{secs}-{n}.json"));
        n += 1;
    }
    std::fs::rename(path, &aside)
        .map_err(|source| SessionError::Write { path: aside.clone(), source })?;
    Ok(aside)
}
