//! The JSON API, `/api/v1/…`, for helpdesk tools and merchant apps:
//!
//! - `POST /api/v1/sessions` starts a session from `{answers, facts, start,
//!   code}` (all optional; a batch line's fields plus a code from the
//!   screen) and answers `201` with the session;
//! - `GET /api/v1/sessions/{id}` reads it;
//! - `POST /api/v1/sessions/{id}/answer` `{node, value}`, `…/unknown`
//!   `{node}`, `…/back`, `…/not-fixed`, `…/fixed` move it on;
//! - `GET /api/v1/codes/{code}` says what a code means and who acts.
//!
//! A session is `{id, created, updated, expires, finished, can_go_back,
//! diagnosis}`, where `diagnosis` is exactly what `posdiag diagnose --format
//! json` prints. The language is `?lang=zh|en`, else the `Accept-Language`
//! header, else the server's. Errors are [`ApiError`]s.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::sessions::{self, Move, StartRequest};
use super::state::{App, Shared};
use crate::lang::Lang;
use crate::messages::Localize as _;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/v1/sessions", post(start))
        .route("/api/v1/sessions/{id}", get(read))
        .route("/api/v1/sessions/{id}/answer", post(answer))
        .route("/api/v1/sessions/{id}/unknown", post(unknown))
        // `back`, `not-fixed`, `fixed`: moves that carry nothing.
        .route("/api/v1/sessions/{id}/{step}", post(bare))
        .route("/api/v1/codes/{code}", get(code))
        .layer(axum::middleware::map_response(json_errors))
}

/// Errors the web stack answers by itself (a path or query it cannot
/// read, a method an address does not take) as JSON errors too.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let (kind, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method", "this address does not take this method; see the API in the README")
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("too_long", text.trim()),
        _ => ("json", text.trim()),
    };
    ApiError::new(status, kind, message).into_response()
}

#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerBody {
    node: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeBody {
    node: String,
}

/// The body of a move that takes none: empty or `{}`. Read all the same,
/// so the connection stays open for the next request.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoBody {}

fn lang(app: &App, query: &LangQuery, headers: &HeaderMap) -> Lang {
    super::language::pick(query.lang.as_deref(), headers, app.lang)
}

/// A request body as JSON of `T`; an empty body is `{}`.
fn body<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_long",
                format!("the request is longer than {} bytes", super::limits::MAX_BODY),
            )
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "json", e.body_text())
        }
    })?;
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &bytes };
    serde_json::from_slice(bytes).map_err(|e| {
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "json",
            format!("the body is not valid at column {}: {message}", e.column()),
        )
    })
}

/// A value as a JSON response, card numbers masked.
pub fn json(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let text = serde_json::to_string(value).unwrap_or_default();
    let text = crate::mask::mask_pans(&text).into_owned();
    let mut response = (status, text).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

async fn start(
    State(app): State<Shared>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let request: StartRequest = body(raw)?;
    let lang = lang(&app, &query, &headers);
    let session = sessions::blocking(move || sessions::start(&app, &request, lang)).await?;
    let mut response = json(StatusCode::CREATED, &session);
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/sessions/{}", session.id)) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

async fn read(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = lang(&app, &query, &headers);
    let session = sessions::blocking(move || sessions::read(&app, &id, lang)).await?;
    Ok(json(StatusCode::OK, &session))
}

async fn apply(
    app: Shared,
    id: String,
    step: Move,
    query: LangQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = lang(&app, &query, &headers);
    let session = sessions::blocking(move || sessions::apply(&app, &id, &step, lang)).await?;
    Ok(json(StatusCode::OK, &session))
}

async fn answer(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let b: AnswerBody = body(raw)?;
    apply(app, id, Move::Answer { node: b.node, value: b.value }, query, headers).await
}

async fn unknown(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let b: NodeBody = body(raw)?;
    apply(app, id, Move::Unknown { node: b.node }, query, headers).await
}

/// Back, not fixed or fixed: a move that carries nothing.
async fn bare(
    State(app): State<Shared>,
    Path((id, step)): Path<(String, String)>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Some(step) = Move::bare(&step) else { return Err(not_found().await) };
    let NoBody {} = body(raw)?;
    apply(app, id, step, query, headers).await
}

async fn code(
    State(app): State<Shared>,
    Path(code): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let lang = lang(&app, &query, &headers);
    let out = crate::report::describe_code(&app.rules, &code, None, lang)
        .map_err(|e| ApiError::input("code", e.message(lang)))?;
    Ok(json(StatusCode::OK, &out))
}

/// An address under `/api/` that names nothing.
pub async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such API address; see `/api/v1/sessions` and `/api/v1/codes/{code}` in the README",
    )
}
