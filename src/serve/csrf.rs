//! Forms are protected against cross-site requests with a double-submit
//! token: the page sets a random token in a `SameSite=Strict`, `HttpOnly`
//! cookie and puts the same token in a hidden field of every form; a POST
//! is taken only when both are there and equal. Another site can make a
//! browser send the cookie (not with `Strict`), but can neither read it nor
//! guess the field. The JSON API takes no cookies, so it needs no token.

use axum::http::HeaderMap;

use super::error::ApiError;
use super::language::cookie;
use axum::http::StatusCode;

/// The name of the token's cookie and of the form field.
pub const NAME: &str = "posdiag_csrf";

/// The token the request's cookie holds, if it is well-formed.
pub fn from_cookie(headers: &HeaderMap) -> Option<String> {
    cookie(headers, NAME).filter(|t| super::sessions::is_id(t))
}

/// The token for a page: the request's own, else a new one to set.
/// Returns the token and whether it is new.
pub fn token(headers: &HeaderMap) -> Result<(String, bool), ApiError> {
    match from_cookie(headers) {
        Some(t) => Ok((t, false)),
        None => Ok((super::sessions::new_id()?, true)),
    }
}

/// The `Set-Cookie` value for a new token.
pub fn set_cookie(token: &str) -> String {
    format!("{NAME}={token}; Path=/; HttpOnly; SameSite=Strict")
}

/// Check a form's field against the cookie.
pub fn check(headers: &HeaderMap, field: &str) -> Result<(), ApiError> {
    let ok = from_cookie(headers).is_some_and(|cookie| same(cookie.as_bytes(), field.as_bytes()));
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "the form's token does not match this browser's; reload the page and try again",
        ))
    }
}

/// Equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_needs_the_cookies_token() {
        let token = super::super::sessions::new_id().unwrap();
        let mut headers = HeaderMap::new();
        assert!(check(&headers, &token).is_err());
        headers.insert(axum::http::header::COOKIE, format!("{NAME}={token}").parse().unwrap());
        assert!(check(&headers, &token).is_ok());
        assert!(check(&headers, &"a".repeat(32)).is_err());
        assert!(check(&headers, "").is_err());
    }
}
