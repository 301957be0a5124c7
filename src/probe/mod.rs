//! Reading a real terminal: what it can tell posdiag, as facts with the
//! bytes behind each. Three layers kept apart, as the style guide asks:
//! `transport` moves bytes (serial device or TCP), `at::parser` and
//! `ecr::frame` shape them, the `interpret` modules give them meaning.
//!
//! A fault the terminal reports (no SIM, no paper, a declined transaction)
//! is a fact in [`Readings`]; a failure to talk to it is a [`ProbeError`].

pub mod at;
pub mod bytes;
pub mod ecr;
pub mod record;
pub mod transport;
pub mod url;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::engine::Fact;
pub use transport::{Transport, TransportError};
pub use url::{LineSettings, PortUrl, UrlError};

/// Which protocol to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// Every protocol that answers: AT first, then ECR.
    #[default]
    Auto,
    /// The GPRS/4G modem's AT commands.
    At,
    /// The ECR reference protocol of the payment application.
    Ecr,
}

/// How long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub protocol: Protocol,
    /// For an ACK and for ordinary replies.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options { protocol: Protocol::Auto, timeout: Duration::from_millis(2000) }
    }
}

impl Options {
    /// For replies that take seconds: `AT+CPIN?`, `AT+COPS?`, the self-test.
    pub fn slow_timeout(&self) -> Duration {
        self.timeout * 5
    }
}

/// A command the terminal did not answer usefully: a missing fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    pub command: String,
    /// What came back: `ERROR`, `+CME ERROR: 4`, `status 01`, or `no answer
    /// within 2.0 s`.
    pub reply: String,
}

/// What a probe found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readings {
    /// The line, e.g. `/dev/ttyUSB0 (9600 8N1)`.
    pub device: String,
    /// The protocols that answered.
    pub protocols: Vec<Protocol>,
    pub facts: Vec<Fact>,
    pub unsupported: Vec<Unsupported>,
    /// Trouble on the line that was overcome (noise, retransmissions).
    pub notes: Vec<String>,
}

/// Why a probe failed. The terminal could not be talked to: exit code 4.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("`{device}`: {error}")]
    Link { device: String, error: ecr::LinkError },
    #[error(
        "nothing on `{device}` answered `AT` or an ECR status request within {}; check the cable, that the terminal is on, and the line settings (`--baud`)",
        format!("{:.1} s", after.as_secs_f64())
    )]
    NoProtocol { device: String, after: Duration },
}

impl From<ecr::ExchangeError> for ProbeError {
    fn from(e: ecr::ExchangeError) -> ProbeError {
        match e {
            ecr::ExchangeError::Transport(t) => ProbeError::Transport(t),
            ecr::ExchangeError::Link(error) => ProbeError::Link { device: String::new(), error },
        }
    }
}

/// Probe the terminal on `line` (described as `device`).
pub fn probe(
    line: &mut dyn Transport,
    device: &str,
    opts: &Options,
) -> Result<Readings, ProbeError> {
    let mut readings = Readings {
        device: device.to_string(),
        protocols: Vec::new(),
        facts: Vec::new(),
        unsupported: Vec::new(),
        notes: Vec::new(),
    };
    let name = line.name().to_string();
    let named = |e: ProbeError| match e {
        ProbeError::Link { error, .. } => ProbeError::Link { device: name.clone(), error },
        other => other,
    };
    let (at, ecr_first) = match opts.protocol {
        Protocol::At => (Some(false), None),
        Protocol::Ecr => (None, Some(None)),
        Protocol::Auto => {
            let at = at::detect(line, opts)?.then_some(true);
            let ecr = ecr::detect(line, opts).map_err(&named)?.map(Some);
            if at.is_none() && ecr.is_none() {
                return Err(ProbeError::NoProtocol { device: name, after: opts.timeout * 2 });
            }
            (at, ecr)
        }
    };
    if let Some(woken) = at {
        let findings = at::probe(line, opts, woken).map_err(&named)?;
        readings.protocols.push(Protocol::At);
        readings.facts.extend(findings.facts);
        readings.unsupported.extend(findings.unsupported);
    }
    if let Some(first) = ecr_first {
        let (findings, note) = ecr::probe(line, opts, first).map_err(&named)?;
        readings.protocols.push(Protocol::Ecr);
        readings.facts.extend(findings.facts);
        readings.unsupported.extend(findings.unsupported);
        readings.notes.extend(note);
    }
    Ok(readings)
}

#[cfg(test)]
mod fuzz {
    //! Property tests: the decoders never panic, whatever arrives.
    use proptest::prelude::*;

    use super::at::parser::{LineSplitter, ReplyReader};
    use super::ecr::frame::Decoder;

    proptest! {
        #[test]
        fn frame_decoder_never_panics(chunks in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..16)) {
            let mut d = Decoder::new();
            let mut events = 0usize;
            for chunk in &chunks {
                d.push(chunk);
                while d.next_event().is_some() {
                    events += 1;
                }
            }
            let total: usize = chunks.iter().map(Vec::len).sum();
            prop_assert!(events <= total);
        }

        #[test]
        fn frame_decoder_finds_a_frame_after_noise(noise in proptest::collection::vec(any::<u8>(), 0..64)) {
            // Noise first, then a good frame: the frame is found (noise that
            // holds an STX with a plausible length may swallow it, so only
            // noise without STX is used).
            let noise: Vec<u8> = noise.into_iter().filter(|b| *b != super::ecr::frame::STX).collect();
            let mut d = Decoder::new();
            d.push(&noise);
            d.push(&super::ecr::Frame::new("ST", &["00"]).encode());
            let mut found = false;
            while let Some(e) = d.next_event() {
                found |= matches!(e, super::ecr::Event::Frame { .. });
            }
            prop_assert!(found);
        }

        #[test]
        fn at_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512), cmd in "AT[+A-Z?]{0,8}") {
            let mut lines = LineSplitter::new();
            let _ = lines.push(&bytes);
            let mut reader = ReplyReader::new(&cmd);
            if let Some(reply) = reader.push(&bytes) {
                prop_assert!(!reply.evidence().is_empty());
            }
            let findings = super::at::interpret::interpret(&[super::at::parser::Reply {
                command: "AT+CSQ".into(),
                info: vec![String::from_utf8_lossy(&bytes).into_owned()],
                urcs: Vec::new(),
                end: super::at::Final::Ok,
            }]);
            prop_assert!(findings.facts.len() <= 3);
        }
    }
}
