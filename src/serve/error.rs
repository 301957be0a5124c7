//! Errors of the HTTP API as data: `{"error": {"kind", "message"}}`, with
//! the kinds of the command line's JSON errors (a batch line's: `json`,
//! `too_long`, `answers`, `facts`, `start`, `walk`) and a few only a server
//! has (`session`, `code`, `csrf`, `not_found`, `method`, `timeout`,
//! `graphviz`, `store`). The
//! HTTP status means what the exit code would: a bad request (exit 2) is a
//! 4xx, a fault of the server a 5xx. Messages are masked and clipped like
//! every message posdiag prints.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::store::StoreError;
use crate::engine::AnswerError;
use crate::lang::Lang;
use crate::mask::mask_pans;
use crate::messages::Localize as _;

/// Why `posdiag serve` could not start (the command ends with it).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("`{addr}` is not an address to listen on; write it as IP:PORT, e.g. 127.0.0.1:8080")]
    BadAddress { addr: String },
    #[error(
        "cannot listen on {addr}: another program already uses that port; stop it, or choose another port with --listen 127.0.0.1:PORT (port 0 picks a free one)"
    )]
    PortTaken { addr: String },
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: String, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start the server: {source}")]
    Runtime { source: std::io::Error },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    /// Stable, for scripts.
    pub kind: &'static str,
    /// For people: what is wrong and what to do.
    pub message: String,
    #[serde(skip)]
    pub status: StatusCode,
}

#[derive(Serialize)]
struct Body<'a> {
    error: &'a ApiError,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl AsRef<str>) -> ApiError {
        let message = mask_pans(message.as_ref());
        let message = crate::output::clip_quotes(&message).into_owned();
        ApiError { kind, message, status }
    }

    /// A bad request the caller can fix (exit 2 on the command line).
    pub fn input(kind: &'static str, message: impl AsRef<str>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, kind, message)
    }

    /// No such session, or it expired.
    pub fn no_session(id: &str) -> ApiError {
        let id: String = id.chars().take(64).collect();
        ApiError::new(
            StatusCode::NOT_FOUND,
            "session",
            format!(
                "no session `{id}`: it never existed or expired; start a new one with \
                 POST /api/v1/sessions"
            ),
        )
    }

    /// The JSON text of the error.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Body { error: self }).unwrap_or_default()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", e.to_string())
    }
}

impl ApiError {
    /// An answer the walk refused, worded in `lang`.
    pub fn answer(e: &AnswerError, lang: Lang) -> ApiError {
        match e {
            // The question was answered meanwhile (another tab, a double
            // tap): the request no longer fits the walk.
            AnswerError::NotCurrent { .. } => {
                ApiError::new(StatusCode::CONFLICT, "walk", e.message(lang))
            }
            _ => ApiError::input("answers", e.message(lang)),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.to_json()).into_response();
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_has_kind_and_message_masked() {
        let e = ApiError::input("answers", "`4111111111111111` is not an answer");
        let v: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap();
        assert_eq!(v["error"]["kind"], "answers");
        assert_eq!(v["error"]["message"], "`411111******1111` is not an answer");
        assert_eq!(v.as_object().unwrap().len(), 1);
    }
}
