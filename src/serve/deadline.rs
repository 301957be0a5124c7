//! How long a request may take, its body read and its answer made: past
//! `--timeout` it is answered `408` with the error kind `timeout`, as JSON
//! under `/api/` and as a page elsewhere, in the request's language. (The
//! request head and idle connections are timed by [`super::connections`].)

use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::state::Shared;

/// Hold every route of `router` to `timeout`.
pub fn wrap(router: Router<Shared>, app: &Shared, timeout: Duration) -> Router<Shared> {
    router.layer(middleware::from_fn_with_state((app.clone(), timeout), in_time))
}

/// Answer within `timeout` or say it took too long: `408` with a `timeout`
/// error, as JSON under `/api/` and as a page elsewhere.
async fn in_time(
    State((app, timeout)): State<(Shared, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let headers = request.headers().clone();
    match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let lang = super::language::pick(None, &headers, app.lang);
            let e = ApiError::new(StatusCode::REQUEST_TIMEOUT, "timeout", lang.t("serve-timeout"));
            if api { e.into_response() } else { super::page::error_page(&app, &headers, &e) }
        }
    }
}
