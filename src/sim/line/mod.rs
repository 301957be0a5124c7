//! The faults of the line, each a wrapper around a [`Transport`], composed
//! from the fixture's `faults` so the session that answers never knows
//! them: it interprets commands and frames, and the line between it and
//! the client echoes, waits, loses, garbles and hangs up.
//!
//! From the session outwards, a reply passes [`BadLrc`], [`Delay`],
//! [`DropReplies`], [`Noise`] and [`HangUp`]; what the client sends passes
//! [`EchoAll`], [`Garble`] and [`Deaf`] on its way to the session. A write
//! is a *reply* unless it is a lone ACK or NAK (a handshake): the session
//! writes each AT reply and each ECR response in one piece.
//!
//! The wrappers that follow commands ([`Delay`], [`DropReplies`]) tell
//! which command a reply answers by counting replies ([`heard`]), so each
//! must see every reply: only [`DropReplies`] loses replies, and it sits
//! inside [`Delay`] (a lost reply has waited like any other).

mod bad_lrc;
mod deaf;
mod delay;
mod drop_replies;
mod echo;
mod garble;
mod hangup;
pub mod heard;
mod noise;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

pub use bad_lrc::BadLrc;
pub use deaf::Deaf;
pub use delay::Delay;
pub use drop_replies::DropReplies;
pub use echo::EchoAll;
pub use garble::Garble;
pub use hangup::HangUp;
pub use noise::Noise;

use super::fixture::Faults;
use crate::probe::ecr::frame::{ACK, NAK};
use crate::probe::transport::{Transport, TransportError};

/// Whether a write is a reply (not a lone ACK or NAK).
pub fn is_reply(bytes: &[u8]) -> bool {
    !matches!(bytes, [ACK] | [NAK])
}

/// The line as the session speaks through it: the real line inside the
/// fixture's fault wrappers.
pub struct FaultyLine<'a> {
    line: Box<dyn Transport + 'a>,
    hung_up: Arc<AtomicBool>,
}

impl<'a> FaultyLine<'a> {
    /// Wrap `base` in the wrappers `faults` asks for; `echo` says whether
    /// the modem's echo is on, for [`EchoAll`].
    pub fn new(faults: &Faults, base: &'a mut dyn Transport, echo: Arc<AtomicBool>) -> Self {
        let hung_up = Arc::new(AtomicBool::new(false));
        let mut line: Box<dyn Transport + 'a> = Box::new(Borrowed(base));
        if faults.echo_all {
            line = Box::new(EchoAll::new(Layer(line), echo));
        }
        if let Some(replies) = faults.disconnect_after {
            line = Box::new(HangUp::new(Layer(line), replies, Arc::clone(&hung_up)));
        }
        let noise = faults.garbage_bytes();
        if !noise.is_empty() {
            line = Box::new(Noise::new(Layer(line), noise));
        }
        if faults.nak_all || faults.nak_first > 0 {
            let frames = (!faults.nak_all).then_some(faults.nak_first);
            line = Box::new(Garble::new(Layer(line), frames));
        }
        if !faults.drop.is_empty() {
            line = Box::new(DropReplies::new(Layer(line), faults.drop.clone()));
        }
        if faults.delay_ms > 0 || !faults.delays.is_empty() {
            line = Box::new(Delay::new(Layer(line), faults.delay_ms, faults.delays.clone()));
        }
        if faults.bad_lrc_first > 0 {
            line = Box::new(BadLrc::new(Layer(line), faults.bad_lrc_first));
        }
        if faults.silent {
            line = Box::new(Deaf::new(Layer(line)));
        }
        FaultyLine { line, hung_up }
    }

    /// The line to speak through.
    pub fn transport(&mut self) -> &mut (dyn Transport + 'a) {
        &mut *self.line
    }

    /// Whether [`HangUp`] has hung up.
    pub fn hung_up(&self) -> bool {
        self.hung_up.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The real line, borrowed.
struct Borrowed<'a>(&'a mut dyn Transport);

/// A wrapper already built, as the next one's inner line.
struct Layer<'a>(Box<dyn Transport + 'a>);

macro_rules! delegate {
    ($t:ty) => {
        impl Transport for $t {
            fn name(&self) -> &str {
                self.0.name()
            }
            fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
                self.0.read(buf, deadline)
            }
            fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
                self.0.write_all(bytes)
            }
            fn note(&mut self, text: &str) {
                self.0.note(text)
            }
        }
    };
}

delegate!(Borrowed<'_>);
delegate!(Layer<'_>);

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the wrappers' tests, over the in-memory line pair.

    use std::thread::{self, JoinHandle};
    use std::time::{Duration, Instant};

    use crate::probe::memory::{MemoryLine, pair};
    use crate::probe::transport::Transport;
    use crate::sim::fixture::Fixture;

    /// `fixture` simulated in a thread, its faults and all: the client's
    /// end of the line; dropping it ends the simulator.
    pub fn simulate(fixture: Fixture) -> (MemoryLine, JoinHandle<()>) {
        let (client, mut server) = pair("sim");
        let sim = thread::spawn(move || {
            let _ = crate::sim::play(&fixture, &mut server, Box::new(std::io::sink()));
        });
        (client, sim)
    }

    /// Everything `end` receives until it has been quiet for `quiet`.
    pub fn drain(end: &mut dyn Transport, quiet: Duration) -> Vec<u8> {
        let mut got = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n @ 1..) = end.read(&mut buf, Instant::now() + quiet) {
            got.extend_from_slice(&buf[..n]);
        }
        got
    }

    /// One read of what `end` has, waiting up to a second.
    pub fn read_some(end: &mut dyn Transport) -> Vec<u8> {
        let mut buf = [0u8; 256];
        let n = end.read(&mut buf, Instant::now() + Duration::from_secs(1)).unwrap_or(0);
        buf[..n].to_vec()
    }
}
