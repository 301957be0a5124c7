//! `posdiag serve`: the walk for a merchant's phone and a helpdesk's
//! browser, over HTTP (axum on tokio). A server-rendered page with plain
//! forms ([`page`], [`html`]), a JSON API with the same versioned contract
//! as `diagnose --format json` ([`api`]), code lookup and graph pictures
//! ([`graph`]), sessions in SQLite ([`store`]) moved by one shared set of
//! moves ([`sessions`]). Safe by default: loopback, request limits and a
//! strict content-security policy ([`limits`]), time limits ([`deadline`],
//! [`connections`]), CSRF tokens on every form
//! ([`csrf`]), unguessable session ids.

pub mod api;
mod connections;
pub mod csrf;
mod deadline;
pub mod error;
pub mod graph;
pub mod html;
pub mod language;
pub mod limits;
pub mod page;
pub mod sessions;
pub mod state;
pub mod store;
mod words;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use error::StartError;
use state::{App, Shared};

/// How often expired sessions are removed.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// What `posdiag serve` was told.
#[derive(Debug, Clone)]
pub struct Config {
    /// `127.0.0.1:8080`; port 0 picks a free one.
    pub listen: String,
    pub database: PathBuf,
    /// Seconds a session lives after its last change.
    pub ttl: u64,
    /// The language when a request names none.
    pub lang: Lang,
    /// How long a client may take to send a request, head and body; a
    /// connection idle that long is closed.
    pub timeout: Duration,
}

/// The whole application: page, API, pictures, limits and headers.
pub fn router(app: Shared, timeout: Duration) -> Router {
    let routes = page::routes()
        .merge(api::routes())
        .route("/graph/{file}", get(graph::svg))
        .fallback(not_found);
    limits::wrap(deadline::wrap(routes, &app, timeout)).with_state(app)
}

/// An address that names nothing: JSON under `/api/`, a page elsewhere.
async fn not_found(State(app): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        return api::not_found().await.into_response();
    }
    let lang = language::pick(None, &headers, app.lang);
    let e = error::ApiError::new(StatusCode::NOT_FOUND, "not_found", lang.t("serve-not-found"));
    page::error_page(&app, &headers, &e)
}

/// Serve until Ctrl-C or SIGTERM, then finish the requests under way
/// ([`connections`]).
pub fn run(rules: KnowledgeBase, config: &Config) -> Result<Exit, StartError> {
    let lang = config.lang;
    let addr: SocketAddr = config
        .listen
        .trim()
        .parse()
        .map_err(|_| StartError::BadAddress { addr: config.listen.clone() })?;
    let store = store::Store::open(&config.database).map_err(StartError::from)?;
    let app = Arc::new(App::new(rules, store, config.ttl, lang).map_err(StartError::from)?);
    let listener = std::net::TcpListener::bind(addr).map_err(|source| {
        let addr = addr.to_string();
        match source.kind() {
            std::io::ErrorKind::AddrInUse => StartError::PortTaken { addr },
            _ => StartError::Listen { addr, source },
        }
    })?;
    let runtime_error = |source| StartError::Runtime { source };
    let bound = listener.local_addr().map_err(runtime_error)?;
    listener.set_nonblocking(true).map_err(runtime_error)?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(runtime_error)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(runtime_error)?;
        let url = format!("http://{bound}/");
        let database = app.store.path().display().to_string();
        crate::outln!(
            "{}",
            lang.t_args("serve-listening", &[("url", url.into()), ("database", database.into())])
        );
        crate::output::flush_stdout();
        if !bound.ip().is_loopback() {
            crate::eoutln!(
                "posdiag: {}",
                lang.t_args("serve-not-loopback", &[("addr", bound.to_string().into())])
            );
        }
        tokio::spawn(purge(app.clone()));
        connections::serve(listener, router(app, config.timeout), config.timeout, lang, stopped())
            .await;
        Ok::<(), StartError>(())
    })?;
    Ok(Exit::Ok)
}

/// Remove expired sessions now and then.
async fn purge(app: Shared) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        let app = app.clone();
        let _ = tokio::task::spawn_blocking(move || app.store.purge(store::now())).await;
    }
}

/// Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
