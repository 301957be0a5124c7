//! How long a client may take to send a request's body: past `--timeout`
//! it is answered `408` with the error kind `timeout` — JSON under
//! `/api/`, a page elsewhere, in the request's language — and nothing of it
//! is applied. The body is read here, whole, before any route sees it (at
//! most one byte over the size limit, so the route still refuses a longer
//! one as `too_long`). The answer itself is not cut short: a move cut off
//! while its change is being saved would leave the client unsure whether
//! it was made. (The request head and idle connections are timed by
//! [`super::connections`].)

use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt as _;

use super::api::LangQuery;
use super::error::ApiError;
use super::limits::MAX_BODY;
use super::state::Shared;

/// Hold the body of every request to `router` to `timeout`.
pub fn wrap(router: Router<Shared>, app: &Shared, timeout: Duration) -> Router<Shared> {
    router.layer(middleware::from_fn_with_state((app.clone(), timeout), in_time))
}

async fn in_time(
    State((app, timeout)): State<(Shared, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(timeout, read(body)).await {
        Ok(Some(bytes)) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        // The client broke off while sending: nobody reads an answer.
        Ok(None) => StatusCode::BAD_REQUEST.into_response(),
        Err(_) => {
            let query = Query::<LangQuery>::try_from_uri(&parts.uri).map(|q| q.0);
            let lang = super::language::pick(
                query.as_ref().ok().and_then(|q| q.lang.as_deref()),
                &parts.headers,
                app.lang,
            );
            let e = ApiError::new(StatusCode::REQUEST_TIMEOUT, "timeout", lang.t("serve-timeout"));
            if parts.uri.path().starts_with("/api/") {
                e.into_response()
            } else {
                super::page::error_page(&app, &parts.headers, &e)
            }
        }
    }
}

/// The body, up to one byte more than [`MAX_BODY`]; `None` when the
/// client broke off.
async fn read(mut body: Body) -> Option<Bytes> {
    let mut got = Vec::new();
    while got.len() <= MAX_BODY {
        let Some(frame) = body.frame().await else { break };
        if let Ok(data) = frame.ok()?.into_data() {
            got.extend_from_slice(&data);
        }
    }
    got.truncate(MAX_BODY + 1);
    Some(Bytes::from(got))
}
