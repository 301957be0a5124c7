//! Accepting connections. Each is served by hyper's HTTP/1 with a timer,
//! so a client that sends its request head too slowly — or holds an idle
//! connection open without sending one — is cut off once the timeout has
//! passed; the body is held to the same time by [`super::deadline`]. At
//! most [`MAX_CONNECTIONS`] are served at once; more wait in the system's
//! queue until one ends, so no client can use up the file descriptors.
//! When told to stop, no new connection is taken and the requests under
//! way may finish, for at most the timeout.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::lang::Lang;

/// How long to wait before accepting again when the system refuses (no
/// file descriptors left, for one).
const BACK_OFF: Duration = Duration::from_millis(500);

/// Connections served at once; each holds a file descriptor and a task.
pub const MAX_CONNECTIONS: usize = 256;

/// Serve `router` on `listener` until `stop` completes; `lang` words the
/// warning when the system refuses connections.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeout: Duration,
    lang: Lang,
    stop: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut stop = std::pin::pin!(stop);
    let mut warned = false;
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(timeout);
    loop {
        let (slot, accepted) = tokio::select! {
            next = async {
                let slot = slots.clone().acquire_owned().await;
                (slot, listener.accept().await)
            } => next,
            () = &mut stop => break,
        };
        let Ok(slot) = slot else { break };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // A client gone before it was accepted concerns only itself.
            Err(e) if per_connection(&e) => continue,
            Err(e) => {
                if !std::mem::replace(&mut warned, true) {
                    let reason = crate::messages::io(lang, &e);
                    crate::eoutln!(
                        "posdiag: {}",
                        lang.t_args("serve-accept-failed", &[("reason", reason.into())])
                    );
                }
                tokio::select! {
                    () = tokio::time::sleep(BACK_OFF) => continue,
                    () = &mut stop => break,
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection that fails (a timeout, a reset) ends; the
            // client sees it closed, and its slot is free again.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(timeout) => {}
    }
}

/// Accept errors that concern one connection, not the listener.
fn per_connection(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), ConnectionRefused | ConnectionAborted | ConnectionReset | Interrupted)
}
