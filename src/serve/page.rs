//! The page's routes: the start page, a session's page and its moves
//! (each a POST that redirects back, so reloading never repeats a move),
//! the code page, the language switch and the stylesheet. Every POST
//! carries the CSRF token ([`super::csrf`]).

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::api::LangQuery;
use super::error::ApiError;
use super::html::Frame;
use super::sessions::{self, Move, StartRequest};
use super::state::{App, Shared};
use crate::lang::Lang;
use crate::messages::Localize as _;

/// The page's stylesheet (served from `/static/style.css`: the policy
/// allows no inline style).
const STYLE: &str = include_str!("style.css");

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(home))
        .route("/static/style.css", get(style))
        .route("/lang/{lang}", get(switch_language))
        .route("/start", post(start))
        .route("/code", get(code_query))
        .route("/code/{code}", get(code))
        .route("/s/{id}", get(session))
        .route("/s/{id}/answer", post(answer))
        .route("/s/{id}/unknown", post(unknown))
        // `back`, `not-fixed`, `fixed`: moves that carry nothing.
        .route("/s/{id}/{step}", post(bare))
        .route("/s/{id}/handoff.txt", get(handoff_text))
}

/// The hand-off sheet as plain text, to send the provider (a chat, a
/// mail); 404 while the walk has none.
async fn handoff_text(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = super::language::pick(q.lang.as_deref(), &headers, app.lang);
    let shared = app.clone();
    match sessions::blocking(move || sessions::read(&shared, &id, lang)).await {
        Ok(s) => match &s.diagnosis.handoff {
            Some(h) => {
                let text = crate::report::render_handoff(h, lang);
                let text = crate::mask::mask_pans(&text).into_owned();
                ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
            }
            None => {
                let e =
                    ApiError::new(StatusCode::NOT_FOUND, "not_found", lang.t("serve-no-handoff"));
                error_page(&app, &headers, &e)
            }
        },
        Err(e) => error_page(&app, &headers, &e),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    node: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    csrf: String,
    code: Option<String>,
}

#[derive(Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
    lang: Option<String>,
}

#[derive(Deserialize)]
pub struct ToQuery {
    to: Option<String>,
}

/// Render a page with the frame's language and token; a new token is set
/// as a cookie.
pub fn render(
    app: &App,
    headers: &HeaderMap,
    query_lang: Option<&str>,
    here: &str,
    status: StatusCode,
    body: impl FnOnce(&Frame) -> String,
) -> Response {
    let lang = super::language::pick(query_lang, headers, app.lang);
    let (token, new) = match super::csrf::token(headers) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let frame = Frame { lang, token: &token, here };
    let mut response = (status, body(&frame)).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    if new && let Ok(v) = HeaderValue::from_str(&super::csrf::set_cookie(&token)) {
        h.append(header::SET_COOKIE, v);
    }
    response
}

/// A form without this browser's token: said in the page's language.
fn csrf_page(app: &App, headers: &HeaderMap, e: ApiError) -> Response {
    let lang = super::language::pick(None, headers, app.lang);
    let e = ApiError { message: lang.t("serve-csrf").to_string(), ..e };
    error_page(app, headers, &e)
}

/// A posted form that parsed and carries this browser's CSRF token
/// (`token` reads it from the form); else the page that says what is wrong.
fn accepted<T>(
    app: &App,
    headers: &HeaderMap,
    form: Result<Form<T>, FormRejection>,
    token: impl FnOnce(&T) -> &str,
) -> Result<T, Box<Response>> {
    let form = match form {
        Ok(Form(f)) => f,
        Err(e) => {
            return Err(Box::new(error_page(
                app,
                headers,
                &ApiError::input("json", e.body_text()),
            )));
        }
    };
    match super::csrf::check(headers, token(&form)) {
        Ok(()) => Ok(form),
        Err(e) => Err(Box::new(csrf_page(app, headers, e))),
    }
}

/// An error as a page, in the request's language.
pub fn error_page(app: &App, headers: &HeaderMap, e: &ApiError) -> Response {
    render(app, headers, None, "/", e.status, |f| f.error(&e.message))
}

async fn home(
    State(app): State<Shared>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let trees: Vec<String> = app.rules.trees().iter().map(|t| t.id.clone()).collect();
    render(&app, &headers, q.lang.as_deref(), "/", StatusCode::OK, |f| f.home(&trees))
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// Set the language cookie and go back to the page the switch was on.
async fn switch_language(Path(lang): Path<String>, Query(q): Query<ToQuery>) -> Response {
    let to = q.to.filter(|t| is_local_path(t)).unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&to).into_response();
    if let Some(lang) = super::language::parse(&lang) {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            super::language::COOKIE_NAME,
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// A path on this server (`/s/…`), never another site (`//evil`, `/\evil`).
fn is_local_path(to: &str) -> bool {
    to.starts_with('/')
        && !to.starts_with("//")
        && !to.contains('\\')
        && to.chars().all(|c| c.is_ascii_graphic())
}

fn page_lang(app: &App, headers: &HeaderMap) -> Lang {
    super::language::pick(None, headers, app.lang)
}

async fn start(
    State(app): State<Shared>,
    headers: HeaderMap,
    form: Result<Form<StartForm>, FormRejection>,
) -> Response {
    let form = match accepted(&app, &headers, form, |f| &f.csrf) {
        Ok(form) => form,
        Err(page) => return *page,
    };
    let lang = page_lang(&app, &headers);
    let request = StartRequest {
        code: form.code.filter(|c| !c.trim().is_empty()),
        ..StartRequest::default()
    };
    let shared = app.clone();
    match sessions::blocking(move || sessions::start(&shared, &request, lang)).await {
        Ok(s) => Redirect::to(&format!("/s/{}", s.id)).into_response(),
        Err(e) => error_page(&app, &headers, &e),
    }
}

async fn session(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = super::language::pick(q.lang.as_deref(), &headers, app.lang);
    let shared = app.clone();
    let key = id.clone();
    match sessions::blocking(move || sessions::read(&shared, &key, lang)).await {
        Ok(s) => {
            let here = format!("/s/{}", s.id);
            render(&app, &headers, q.lang.as_deref(), &here, StatusCode::OK, |f| f.session(&s))
        }
        Err(e) => {
            let e = if e.kind == "session" {
                ApiError { message: lang.t("serve-session-gone").to_string(), ..e }
            } else {
                e
            };
            error_page(&app, &headers, &e)
        }
    }
}

/// Make a move from a form and go back to the session's page. A move that
/// no longer fits (a double tap, another tab) just shows where it stands.
async fn make(
    app: Shared,
    id: String,
    headers: HeaderMap,
    form: Result<Form<MoveForm>, FormRejection>,
    step: impl FnOnce(MoveForm) -> Move,
) -> Response {
    let form = match accepted(&app, &headers, form, |f| &f.csrf) {
        Ok(form) => form,
        Err(page) => return *page,
    };
    let lang = page_lang(&app, &headers);
    let step = step(form);
    let (shared, key) = (app.clone(), id.clone());
    match sessions::blocking(move || sessions::apply(&shared, &key, &step, lang)).await {
        Ok(_) => Redirect::to(&format!("/s/{id}")).into_response(),
        Err(e) if e.status == StatusCode::CONFLICT && e.kind == "walk" => {
            Redirect::to(&format!("/s/{id}")).into_response()
        }
        Err(e) => error_page(&app, &headers, &e),
    }
}

async fn answer(
    State(app): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<MoveForm>, FormRejection>,
) -> Response {
    make(app, id, headers, form, |f| Move::Answer { node: f.node, value: f.value }).await
}

async fn unknown(
    State(app): State<Shared>,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Result<Form<MoveForm>, FormRejection>,
) -> Response {
    make(app, id, headers, form, |f| Move::Unknown { node: f.node }).await
}

/// Back, not fixed or fixed: a move that carries nothing.
async fn bare(
    State(app): State<Shared>,
    Path((id, step)): Path<(String, String)>,
    headers: HeaderMap,
    form: Result<Form<MoveForm>, FormRejection>,
) -> Response {
    let Some(step) = Move::bare(&step) else {
        let lang = page_lang(&app, &headers);
        let e = ApiError::new(StatusCode::NOT_FOUND, "not_found", lang.t("serve-not-found"));
        return error_page(&app, &headers, &e);
    };
    make(app, id, headers, form, |_| step).await
}

async fn code_query(
    State(app): State<Shared>,
    Query(q): Query<CodeQuery>,
    headers: HeaderMap,
) -> Response {
    code_page(&app, &headers, &q.code, q.lang.as_deref())
}

async fn code(
    State(app): State<Shared>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Response {
    code_page(&app, &headers, &code, q.lang.as_deref())
}

fn code_page(app: &App, headers: &HeaderMap, code: &str, query_lang: Option<&str>) -> Response {
    let lang = super::language::pick(query_lang, headers, app.lang);
    match crate::report::describe_code(&app.rules, code, None, lang) {
        Ok(c) => {
            let here = format!("/code/{}", percent(&c.typed));
            render(app, headers, query_lang, &here, StatusCode::OK, |f| f.code(&c))
        }
        Err(e) => {
            let e = ApiError::input("code", e.message(lang));
            render(app, headers, query_lang, "/", e.status, |f| f.error(&e.message))
        }
    }
}

/// `text` as one path segment.
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_goes_back_only_to_this_server() {
        assert!(is_local_path("/s/0123"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("/\\evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert_eq!(percent("+CME ERROR: 10"), "%2BCME%20ERROR%3A%2010");
    }
}
