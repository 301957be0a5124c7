//! A server session's life, shared by the page and the API: start one
//! (with answers, facts, a start node or a code, as a batch line does),
//! read it, and change it by one move — an answer, "don't know", back, "not
//! fixed", "fixed". Each change replays the stored steps into an
//! [`engine::Walk`](crate::engine::Walk), makes the move, and stores the
//! steps again ([`crate::session::SavedSession`]), inside one transaction
//! of the store. The result is the same [`Diagnosis`] as `diagnose
//! --format json` prints.

use std::collections::BTreeMap;
use std::path::Path;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::state::App;
use super::store::{Change, Row, now};
use crate::batch::{Batch, Line, LineError};
use crate::engine::{Facts, Outcome, Position, Source, Walk};
use crate::lang::Lang;
use crate::messages::Localize as _;
use crate::report::{Diagnosis, describe_code};
use crate::session::SavedSession;

/// What a session is started with: a batch line's fields, and a code from
/// the screen (`"code": "51"`) to start where that code's diagnosis starts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    #[serde(default, deserialize_with = "crate::batch::unique_keys")]
    pub answers: BTreeMap<String, serde_json::Value>,
    #[serde(default, deserialize_with = "crate::batch::unique_keys")]
    pub facts: BTreeMap<String, serde_json::Value>,
    pub start: Option<String>,
    pub code: Option<String>,
}

/// One move of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// An answer value (or typed text) to the open question `node`.
    Answer { node: String, value: String },
    /// "Don't know" at the open question `node`.
    Unknown { node: String },
    /// Undo the latest answer or rejected remedy.
    Back,
    /// The offered remedy did not fix it: the next candidate.
    NotFixed,
    /// The offered remedy fixed it: the session is finished, the fault
    /// counts for the priors.
    Fixed,
}

impl Move {
    /// The move a path ends with, for the moves that carry nothing:
    /// `back`, `not-fixed`, `fixed`.
    pub fn bare(word: &str) -> Option<Move> {
        match word {
            "back" => Some(Move::Back),
            "not-fixed" => Some(Move::NotFixed),
            "fixed" => Some(Move::Fixed),
            _ => None,
        }
    }
}

/// A session as the API returns it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionOut {
    pub id: String,
    /// Seconds since the Unix epoch.
    pub created: u64,
    pub updated: u64,
    pub expires: u64,
    /// The merchant confirmed that the remedy fixed it.
    pub finished: bool,
    /// Whether "back" has anything to undo.
    pub can_go_back: bool,
    pub diagnosis: Diagnosis,
}

impl From<LineError> for ApiError {
    fn from(e: LineError) -> ApiError {
        let mut out = ApiError::input(e.kind, "");
        out.message = e.message;
        out
    }
}

/// The 16 letters an id is written in, four bits each: no digits, so
/// that the card-number masker, which every response passes, never takes
/// a run of an id's digits for a card number.
const ID_LETTERS: &[u8; 16] = b"abcdefghijkmnpqr";

/// A new unguessable session id (also a CSRF token): 128 random bits from
/// the system, 32 letters.
pub fn new_id() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", format!("no randomness: {e}"))
    })?;
    let letter = |nibble: u8| char::from(ID_LETTERS[usize::from(nibble & 0x0f)]);
    Ok(bytes.iter().flat_map(|b| [letter(b >> 4), letter(*b)]).collect())
}

/// Run blocking work (SQLite, the walk) off the async threads; the page
/// and the API run every move through it.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", format!("{e}")))
    })
}

/// Whether `id` has the shape of a session id (so nothing else reaches
/// the database or a page).
pub fn is_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| ID_LETTERS.contains(&b))
}

/// Start a session.
pub fn start(app: &App, request: &StartRequest, lang: Lang) -> Result<SessionOut, ApiError> {
    app.refresh()?;
    let rules = &app.rules;
    let mut start = request.start.clone();
    if let Some(code) = &request.code {
        if start.is_some() {
            return Err(ApiError::input("start", "give either `start` or `code`, not both"));
        }
        let described = describe_code(rules, code, None, lang)
            .map_err(|e| ApiError::input("code", e.message(lang)))?;
        start = Some(described.node);
    }
    let line =
        Line { id: None, answers: request.answers.clone(), facts: request.facts.clone(), start };
    let learned = app.current();
    let batch = Batch {
        rules,
        ordering: app.ordering(&learned, Facts::new()),
        answers: Default::default(),
        facts: Facts::new(),
        start: rules.root(),
        lang,
        stream: false,
    };
    let (mut walk, _, facts) = batch.walk(&line)?;
    if !request.facts.is_empty() {
        walk.set_ordering(app.ordering(&learned, facts.clone()));
    }
    let facts: Vec<_> = facts.iter().cloned().collect();
    let at = now();
    let row = Row {
        id: new_id()?,
        saved: SavedSession::from_walk(&walk, &facts, lang),
        code: request.code.as_ref().map(|c| c.trim().to_string()),
        created: at,
        updated: at,
        expires: at.saturating_add(app.ttl),
        finished: false,
        priors_upto: Some(learned.upto),
    };
    app.store.insert(&row)?;
    out(app, &row, &walk, lang)
}

/// Read a session.
pub fn read(app: &App, id: &str, lang: Lang) -> Result<SessionOut, ApiError> {
    if !is_id(id) {
        return Err(ApiError::no_session(id));
    }
    let row = app.store.get(id, now())?.ok_or_else(|| ApiError::no_session(id))?;
    let walk = replay(app, &row)?;
    out(app, &row, &walk, lang)
}

/// Make one move, serialised with every other move on the session.
pub fn apply(app: &App, id: &str, step: &Move, lang: Lang) -> Result<SessionOut, ApiError> {
    if !is_id(id) {
        return Err(ApiError::no_session(id));
    }
    let result = app.store.update(id, |row| {
        let mut row = row.ok_or_else(|| ApiError::no_session(id))?;
        if row.finished {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "walk",
                "this diagnosis is finished (the remedy fixed it); start a new session",
            ));
        }
        let mut walk = replay(app, &row)?;
        make(&mut walk, step, lang)?;
        let mut confirmed = None;
        if *step == Move::Fixed {
            row.finished = true;
            confirmed = match walk.position() {
                Position::Conclusion(n) => crate::history::Entry::now(&app.rules, n),
                _ => None,
            };
        }
        row.saved = SavedSession::from_walk(&walk, &row.saved.facts, row.saved.lang);
        row.updated = now();
        row.expires = row.updated.saturating_add(app.ttl);
        let out = out(app, &row, &walk, lang)?;
        Ok(Change { row: Some(row), confirmed, out })
    });
    if result.as_ref().is_ok_and(|s| s.finished) {
        app.confirmed();
    }
    result
}

/// The move on the walk itself.
fn make(walk: &mut Walk<'_>, step: &Move, lang: Lang) -> Result<(), ApiError> {
    let rules = walk.rules();
    let node = |id: &str| {
        rules.find(id).ok_or_else(|| {
            let hint = crate::source::did_you_mean(id, rules.ids());
            let base = lang.t_args("error-unknown-node", &[("node", id.into())]);
            ApiError::input("answers", crate::messages::with_hint(lang, base, hint.as_ref()))
        })
    };
    let refused = |e: crate::engine::AnswerError| ApiError::answer(&e, lang);
    match step {
        Move::Answer { node: id, value } => {
            let n = node(id)?;
            if value.trim() == crate::engine::UNKNOWN {
                walk.answer_unknown(n, Source::Interactive).map_err(refused)?;
            } else {
                walk.answer(n, value.trim(), Source::Interactive).map_err(refused)?;
            }
        }
        Move::Unknown { node: id } => {
            walk.answer_unknown(node(id)?, Source::Interactive).map_err(refused)?
        }
        Move::Back => {
            if !walk.back() {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "walk",
                    lang.t("serve-nothing-back"),
                ));
            }
        }
        Move::NotFixed | Move::Fixed => {
            if !matches!(walk.position(), Position::Conclusion(_)) {
                return Err(ApiError::new(StatusCode::CONFLICT, "walk", lang.t("serve-no-remedy")));
            }
            if *step == Move::NotFixed {
                walk.reject();
            }
        }
    }
    Ok(())
}

/// The stored steps as a walk under the session's own priors and facts.
fn replay<'r>(app: &'r App, row: &Row) -> Result<Walk<'r>, ApiError> {
    let mut walk = row.saved.to_walk(&app.rules, Path::new(&row.id)).map_err(|e| {
        ApiError::new(
            StatusCode::CONFLICT,
            "session",
            format!("{e}").replace("start afresh with `posdiag`", "start a new session"),
        )
    })?;
    let mut facts = Facts::new();
    for f in &row.saved.facts {
        facts.insert(f.clone());
    }
    let learned = app.learned_upto(row.priors_upto)?;
    walk.set_ordering(app.ordering(&learned, facts));
    Ok(walk)
}

fn out(app: &App, row: &Row, walk: &Walk<'_>, lang: Lang) -> Result<SessionOut, ApiError> {
    let outcome = match walk.position() {
        Position::Question(n) => Outcome::NeedsInput(n),
        Position::Conclusion(n) => Outcome::Concluded(n),
        Position::Exhausted => Outcome::Exhausted,
    };
    let code = row.code.as_deref().and_then(|c| {
        let start = app.rules.find(&row.saved.start);
        describe_code(&app.rules, c, start, lang).ok()
    });
    let diagnosis = Diagnosis::from_walk(walk, outcome, &row.saved.facts, lang).with_code(code);
    Ok(SessionOut {
        id: row.id.clone(),
        created: row.created,
        updated: row.updated,
        expires: row.expires,
        finished: row.finished,
        can_go_back: walk.steps().iter().any(|s| !s.is_automatic()),
        diagnosis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_128_bits_in_letters_and_differ() {
        let a = new_id().unwrap();
        let b = new_id().unwrap();
        assert!(is_id(&a) && is_id(&b), "{a} {b}");
        assert_ne!(a, b);
        assert!(!is_id("../etc/passwd"));
        assert!(!is_id(&a.to_uppercase()));
        assert!(!is_id(&"4".repeat(32)));
    }

    #[test]
    fn an_id_passes_the_masker_unchanged() {
        for _ in 0..1000 {
            let id = new_id().unwrap();
            assert_eq!(crate::mask::mask_pans(&id), id.as_str());
        }
    }
}
