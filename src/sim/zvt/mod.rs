//! The simulated ZVT terminal (`posdiag simulate --protocol zvt`): the
//! terminal's side of PA00P015/PA00P016 written from the specifications,
//! on a pseudo-terminal (serial blocks, 9600 8N2) or a TCP port (bare
//! APDUs, like a terminal's port 20007). `fixture` is its state,
//! `terminal` answers the commands.

pub mod fixture;
pub mod terminal;

pub use fixture::ZvtTerminal;

use super::{Fixture, SimError};

/// Play `fixture`'s ZVT terminal on a new pseudo-terminal, its path
/// printed on stdout, until killed.
#[cfg(unix)]
pub fn run_pty(name: &str, fixture: &Fixture) -> Result<(), SimError> {
    let intro = |path: &str| {
        format!(
            "simulating the ZVT terminal `{name}` ({}) on {path}\nprobe it with: posdiag probe --protocol zvt {path}",
            fixture.description
        )
    };
    let (mut port, _keep_open) = super::open_pty(intro)?;
    let log = Box::new(crate::output::Masked::new(std::io::stderr()));
    let mut terminal = terminal::Terminal::new(&fixture.zvt, true, log);
    terminal.serve(&mut port)?;
    Ok(())
}

#[cfg(not(unix))]
pub fn run_pty(_name: &str, _fixture: &Fixture) -> Result<(), SimError> {
    Err(SimError::Pty {
        reason: "pseudo-terminals need a Unix system; use `--listen 127.0.0.1:20007`".into(),
    })
}

/// Play `fixture`'s ZVT terminal on a TCP port, one client at a time;
/// `tcp://HOST:PORT` is printed on stdout.
pub fn run_tcp(name: &str, fixture: &Fixture, addr: &str) -> Result<(), SimError> {
    let intro = |url: &str| {
        format!(
            "simulating the ZVT terminal `{name}` ({}) on {url}\nprobe it with: posdiag probe --protocol zvt {url}",
            fixture.description
        )
    };
    super::listen_tcp(addr, intro, |line, peer| {
        let log = Box::new(crate::output::Masked::new(std::io::stderr()));
        let mut terminal = terminal::Terminal::new(&fixture.zvt, false, log);
        match terminal.serve(line) {
            Ok(()) => format!("client {peer} left"),
            Err(e) => format!("client {peer}: {e}"),
        }
    })
}
