//! The terminal simulator, for tests, demos and users without hardware:
//! a fixture (`fixtures/terminals/*.yaml`) played on a pseudo-terminal or
//! a TCP port, answering both the AT and the ECR protocol from its state.
//!
//! `fixture` is the state, `modem` and `terminal` answer from it, `session`
//! splits what arrives (`input`) and answers it, and `line` wraps the line
//! in the fixture's faults; this module opens the line.

pub mod fixture;
pub mod input;
pub mod line;
pub mod modem;
pub mod session;
pub mod terminal;
pub mod zvt;

use std::net::TcpListener;

pub use fixture::{Fixture, FixtureError, load, names};
use line::FaultyLine;
use session::Session;

use crate::probe::transport::{TcpTransport, Transport, TransportError};

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

/// How a client's session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The client went away.
    ClientGone,
    /// The fixture's `disconnect_after` fault hung up the line.
    HungUp,
}

/// Serve one client through the faulty line.
fn serve(session: &mut Session<'_>, line: &mut FaultyLine<'_>) -> Result<End, TransportError> {
    let served = session.run(line.transport());
    if line.hung_up() {
        return Ok(End::HungUp);
    }
    served.map(|()| End::ClientGone)
}

/// Play `fixture` to one client on `line` (a pseudo-terminal, a TCP
/// connection, an in-memory pair), through the fixture's faults of the
/// line, until the client goes away or a fault hangs up; the log of
/// exchanges goes to `log`.
pub fn play(
    fixture: &Fixture,
    line: &mut dyn Transport,
    log: Box<dyn std::io::Write + Send>,
) -> Result<End, TransportError> {
    let mut session = Session::new(fixture, log);
    let mut line = FaultyLine::new(&fixture.faults, line, session.echo());
    serve(&mut session, &mut line)
}

/// Where the simulator prints the line's address (stdout) and its log
/// of exchanges (stderr).
pub(crate) fn announce(address: &str) {
    crate::outln!("{address}");
    crate::output::flush_stdout();
}

/// The simulator's log line on stderr; a closed stderr does not stop it.
pub(crate) fn say(text: &str) {
    crate::eoutln!("{text}");
}

/// Play `fixture` on a new pseudo-terminal; its path is printed on stdout.
/// Runs until killed, or until a `disconnect_after` fault hangs up (the
/// pseudo-terminal is then closed, as an unplugged cable would be).
#[cfg(unix)]
pub fn run_pty(name: &str, fixture: &Fixture) -> Result<(), SimError> {
    let intro = |path: &str| {
        format!(
            "simulating `{name}` ({}) on {path}\nprobe it with: posdiag probe {path}",
            fixture.description
        )
    };
    let (mut port, _keep_open) = open_pty(intro)?;
    let mut session =
        Session::new(fixture, Box::new(crate::output::Masked::new(std::io::stderr())));
    // One line for every client: its faults count on across them.
    let mut line = FaultyLine::new(&fixture.faults, &mut port, session.echo());
    loop {
        match serve(&mut session, &mut line)? {
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
    let intro = |url: &str| {
        format!(
            "simulating `{name}` ({}) on {url}\nprobe it with: posdiag probe {url}",
            fixture.description
        )
    };
    listen_tcp(addr, intro, |line, peer| {
        let log = Box::new(crate::output::Masked::new(std::io::stderr()));
        match play(fixture, line, log) {
            Ok(End::HungUp) => format!("hung up on {peer} (disconnect_after)"),
            Ok(End::ClientGone) => format!("client {peer} left"),
            Err(e) => format!("client {peer}: {e}"),
        }
    })
}

/// Open a pseudo-terminal, print its path on stdout and `intro` of it (with
/// how to stop) on stderr. The second value keeps the slave side open, so
/// the master never sees a hang-up between two clients: hold it as long as
/// the port.
#[cfg(unix)]
pub(crate) fn open_pty(
    intro: impl Fn(&str) -> String,
) -> Result<(crate::probe::serial::SerialTransport, Box<dyn std::any::Any + Send>), SimError> {
    let (port, path, keep_open) =
        crate::probe::serial::pty_pair().map_err(|reason| SimError::Pty { reason })?;
    announce(&path);
    say(&format!(
        "{}\nstop it with Ctrl-C, or `kill {}` when it runs in the background",
        intro(&path),
        std::process::id()
    ));
    Ok((port, keep_open))
}

/// Listen on `addr`, print `tcp://HOST:PORT` on stdout and `intro` of it
/// (with how to stop) on stderr, then play one client at a time: `client`
/// serves a connection and says how it ended.
pub(crate) fn listen_tcp(
    addr: &str,
    intro: impl Fn(&str) -> String,
    mut client: impl FnMut(&mut TcpTransport, &str) -> String,
) -> Result<(), SimError> {
    let listen_error = |e: std::io::Error| SimError::Listen {
        addr: addr.to_string(),
        reason: e.to_string().to_lowercase(),
    };
    let listener = TcpListener::bind(addr).map_err(listen_error)?;
    let local = listener.local_addr().map_err(listen_error)?;
    let url = format!("tcp://{local}");
    announce(&url);
    say(&format!(
        "{}\nstop it with Ctrl-C, or `kill {}` when it runs in the background",
        intro(&url),
        std::process::id()
    ));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let peer = stream.peer_addr().map(|a| a.to_string()).unwrap_or_default();
        say(&format!("client {peer} connected"));
        let mut line = TcpTransport::from_stream(&peer, stream);
        say(&client(&mut line, &peer));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::probe::memory::pair;
    use crate::sim::line::testing::drain;

    #[test]
    fn play_ends_with_the_hang_up_of_the_line() {
        let mut fixture = Fixture::default();
        fixture.modem.echo = false;
        fixture.faults.disconnect_after = Some(1);
        let (mut client, mut server) = pair("mem");
        std::thread::scope(|s| {
            let sim = s.spawn(|| play(&fixture, &mut server, Box::new(std::io::sink())));
            client.write_all(b"AT\rAT+CGMM\r").expect("write");
            let got = drain(&mut client, Duration::from_millis(200));
            // One reply whole, then half of the next (7 of its 14 bytes).
            assert_eq!(got, b"\r\nOK\r\n\r\nEC25\r");
            assert!(matches!(sim.join().ok(), Some(Ok(End::HungUp))));
        });
        let (client, mut server) = pair("mem");
        drop(client);
        assert!(matches!(
            play(&fixture, &mut server, Box::new(std::io::sink())),
            Ok(End::ClientGone)
        ));
    }
}
