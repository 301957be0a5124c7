//! Which language a request is answered in: a `?lang=` in the address
//! wins, then the `lang` cookie the page's switch sets, then the browser's
//! `Accept-Language` (the preferred of Chinese and English by quality),
//! then the server's default. Also reads cookies, which the CSRF token
//! shares.

use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};

use crate::lang::Lang;

/// The name of the language cookie.
pub const COOKIE_NAME: &str = "lang";

/// `zh` or `en` (any case), else nothing.
pub fn parse(value: &str) -> Option<Lang> {
    match value.trim().to_ascii_lowercase().as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language to answer in.
pub fn pick(query: Option<&str>, headers: &HeaderMap, default: Lang) -> Lang {
    query
        .and_then(parse)
        .or_else(|| cookie(headers, COOKIE_NAME).and_then(|v| parse(&v)))
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or(default)
}

/// The language of highest quality among Chinese and English in an
/// `Accept-Language` header (`zh-CN,zh;q=0.9,en;q=0.8`); the first listed
/// wins a tie; `*` and other languages are passed over.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for range in header.split(',') {
        let mut parts = range.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let quality = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let lower = tag.to_ascii_lowercase();
        let lang = if lower == "zh" || lower.starts_with("zh-") {
            Lang::Zh
        } else if lower == "en" || lower.starts_with("en-") {
            Lang::En
        } else {
            continue;
        };
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((lang, quality));
        }
    }
    best.map(|(lang, _)| lang)
}

/// The value of cookie `name`, if the request sends it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.trim() == name)
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_by_quality() {
        assert_eq!(from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::Zh));
        assert_eq!(from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Some(Lang::En));
        assert_eq!(from_accept_language("fr, zh-TW;q=0.5, en;q=0.7"), Some(Lang::En));
        assert_eq!(from_accept_language("de, *;q=0.1"), None);
        assert_eq!(from_accept_language("zh;q=0"), None);
    }

    #[test]
    fn the_query_wins_then_the_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, "en".parse().unwrap());
        headers.insert(COOKIE, "posdiag_csrf=abc; lang=zh".parse().unwrap());
        assert_eq!(pick(None, &headers, Lang::En), Lang::Zh);
        assert_eq!(pick(Some("en"), &headers, Lang::Zh), Lang::En);
        assert_eq!(cookie(&headers, "posdiag_csrf").as_deref(), Some("abc"));
    }
}
