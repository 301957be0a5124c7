//! Safe by default: how large a request may be (every body is read
//! through a limited extractor, so a longer one is a `too_long` error, not
//! memory), and the headers on every
//! response — a content-security policy that allows no script, no inline
//! style, no framing and no form target elsewhere; no MIME sniffing; no
//! referrer; nothing cached (a session's page is the merchant's own).

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

use super::state::Shared;

/// Largest request body, bytes: far more than any form or answer set.
pub const MAX_BODY: usize = 64 * 1024;

/// The content-security policy of every response.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
    form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Wrap every route in the size limit and the headers.
pub fn wrap(router: Router<Shared>) -> Router<Shared> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(set(header::CONTENT_SECURITY_POLICY, CSP))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::CACHE_CONTROL, "no-store"))
}
