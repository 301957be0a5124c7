//! The terminal simulator, for tests, demos and users without hardware:
//! a fixture (`fixtures/terminals/*.yaml`) played on a pseudo-terminal or
//! a TCP port, answering both the AT and the ECR protocol from its state.
//!
//! `fixture` is the state, `modem` and `terminal` answer from it, `session`
//! handles the line and the injected faults; this module opens the line.

pub mod fixture;
pub mod line;
pub mod modem;
pub mod session;
pub mod terminal;

use std::io::Write as _;
use std::net::TcpListener;

pub use fixture::{Fixture, FixtureError, load, names};
use session::{End, Session};

use crate::probe::transport::{TcpTransport, TransportError};

/// Why the simulator could not run.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("cannot open a pseudo-terminal: {reason}")]
    Pty { reason: String },
    #[error("cannot listen on `{addr}`: {reason}; pick another port, or 0 for any free one")]
    Listen { addr: String, reason: String },
    #[error(transparent)]
    Line(#[from] TransportError),
}

/// Where the simulator prints the line's address (stdout) and its log
/// of exchanges (stderr).
fn announce(address: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{address}");
    let _ = out.flush();
}

/// The simulator's log line on stderr; a closed stderr does not stop it.
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Play `fixture` on a new pseudo-terminal; its path is printed on stdout.
/// Runs until killed, or until a `disconnect_after` fault hangs up (the
/// pseudo-terminal is then closed, as an unplugged cable would be).
#[cfg(unix)]
pub fn run_pty(name: &str, fixture: &Fixture) -> Result<(), SimError> {
    let (mut line, path, keep_open) =
        crate::probe::serial::pty_pair().map_err(|reason| SimError::Pty { reason })?;
    announce(&path);
    say(&format!(
        "simulating `{name}` ({}) on {path}\nprobe it with: posdiag probe {path}\nstop it with Ctrl-C, or `kill {}` when it runs in the background",
        fixture.description,
        std::process::id()
    ));
    // The simulator keeps the slave side open too, so the master never sees
    // a hang-up between two clients.
    let _keep_open = keep_open;
    let mut session = Session::new(fixture, Box::new(std::io::stderr()));
    loop {
        match session.run(&mut line)? {
            End::HungUp => {
                say("hung up (disconnect_after); the pseudo-terminal is closed");
                return Ok(());
            }
            End::ClientGone => {}
        }
    }
}

#[cfg(not(unix))]
pub fn run_pty(_name: &str, _fixture: &Fixture) -> Result<(), SimError> {
    Err(SimError::Pty {
        reason: "pseudo-terminals need a Unix system; use `--listen 127.0.0.1:PORT`".into(),
    })
}

/// Play `fixture` on a TCP port, one client at a time, like a ser2net raw
/// port; `tcp://HOST:PORT` is printed on stdout (port 0 picks a free one).
pub fn run_tcp(name: &str, fixture: &Fixture, addr: &str) -> Result<(), SimError> {
    let listen_error = |e: std::io::Error| SimError::Listen {
        addr: addr.to_string(),
        reason: e.to_string().to_lowercase(),
    };
    let listener = TcpListener::bind(addr).map_err(listen_error)?;
    let local = listener.local_addr().map_err(listen_error)?;
    let url = format!("tcp://{local}");
    announce(&url);
    say(&format!(
        "simulating `{name}` ({}) on {url}\nprobe it with: posdiag probe {url}\nstop it with Ctrl-C, or `kill {}` when it runs in the background",
        fixture.description,
        std::process::id()
    ));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let peer = stream.peer_addr().map(|a| a.to_string()).unwrap_or_default();
        say(&format!("client {peer} connected"));
        let mut line = TcpTransport::from_stream(&peer, stream);
        let mut session = Session::new(fixture, Box::new(std::io::stderr()));
        match session.run(&mut line) {
            Ok(End::HungUp) => say(&format!("hung up on {peer} (disconnect_after)")),
            Ok(End::ClientGone) => say(&format!("client {peer} left")),
            Err(e) => say(&format!("client {peer}: {e}")),
        }
    }
    Ok(())
}
