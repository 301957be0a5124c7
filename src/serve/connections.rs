//! Accepting connections. Each is served by hyper's HTTP/1 with a timer,
//! so a client that sends its request head too slowly — or holds an idle
//! connection open without sending one — is cut off once the timeout has
//! passed; the request as a whole (its body read and its answer made) is
//! held to the same time by [`super::limits`]. When told to stop, no new
//! connection is taken and the requests under way may finish, for at most
//! the timeout.

use std::future::Future;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How long to wait before accepting again when the system refuses (no
/// file descriptors left, for one).
const BACK_OFF: Duration = Duration::from_millis(500);

/// Serve `router` on `listener` until `stop` completes.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeout: Duration,
    stop: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A client gone before it was accepted concerns only itself.
                Err(e) if per_connection(&e) => continue,
                Err(_) => {
                    tokio::time::sleep(BACK_OFF).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new()).header_read_timeout(timeout);
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection that fails (a timeout, a reset) ends; the
            // client sees it closed.
            let _ = connection.await;
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
