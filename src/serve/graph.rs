//! The rule graph as SVG for the helpdesk (`/graph/{tree}.svg`, in the
//! request's language): the report's [`Picture`] as DOT, drawn by
//! Graphviz's `dot` on the server. Where `dot` is not installed the answer
//! says so, and how to fix it (503, kind `graphviz`).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::api::LangQuery;
use super::error::ApiError;
use super::state::Shared;
use crate::messages::Localize as _;
use crate::report::Picture;

/// `GET /graph/{tree}.svg`.
pub async fn svg(
    State(app): State<Shared>,
    Path(file): Path<String>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = super::language::pick(query.lang.as_deref(), &headers, app.lang);
    let Some(tree) = file.strip_suffix(".svg") else {
        return super::api::not_found().await.into_response();
    };
    if !app.rules.trees().iter().any(|t| t.id == tree) {
        let message = format!("no tree `{tree}`; the start page lists them");
        return ApiError::new(StatusCode::NOT_FOUND, "not_found", message).into_response();
    }
    let dot = Picture::new(&app.rules, Some(tree), lang).to_dot();
    let drawn = tokio::task::spawn_blocking(move || {
        crate::report::svg(&dot).map_err(|e| {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "graphviz", e.message(lang))
        })
    })
    .await;
    match drawn {
        Ok(Ok(svg)) => {
            let mut response = svg.into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
            response
        }
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "graphviz", e.to_string())
            .into_response(),
    }
}
