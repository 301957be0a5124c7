//! Reading a real terminal: what it can tell posdiag, as facts with the
//! bytes behind each. Three layers kept apart, as the style guide asks:
//! `transport` moves bytes (serial device or TCP), `at::parser` and
//! `ecr::frame` shape them, the `interpret` modules give them meaning.
//!
//! A fault the terminal reports (no SIM, no paper, a declined transaction)
//! is a fact in [`Readings`]; a failure to talk to it is a [`ProbeError`].

pub mod alarm;
pub mod at;
pub mod bytes;
pub mod ecr;
pub mod memory;
pub mod record;
pub mod redact;
pub mod replay;
pub mod serial;
pub mod transport;
pub mod url;
pub mod zvt;

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::engine::Fact;
pub use transport::{Transport, TransportError};

/// Open the line a port URL names: a serial port, or a TCP connection to a
/// serial-to-network server.
pub fn open(url: &url::PortUrl) -> Result<Box<dyn Transport>, TransportError> {
    match url {
        url::PortUrl::Serial { path, settings } => {
            Ok(Box::new(serial::SerialTransport::open(path, settings)?))
        }
        url::PortUrl::Tcp { host, port } => {
            Ok(Box::new(transport::TcpTransport::connect(host, *port)?))
        }
    }
}
pub use url::{LineSettings, PortUrl, UrlError};

/// Which protocol to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// Every protocol that answers: AT first, then ECR; ZVT when neither
    /// did (ZVT alone on TCP port 20007).
    #[default]
    Auto,
    /// The GPRS/4G modem's AT commands.
    At,
    /// The ECR reference protocol of the payment application.
    Ecr,
    /// ZVT, the ECR interface of German, Austrian and Swiss terminals.
    Zvt,
}

/// What to speak and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub protocol: Protocol,
    /// For an ACK and for ordinary replies.
    pub timeout: Duration,
    /// What a ZVT probe may do, and whether the line carries serial blocks.
    pub zvt: zvt::Settings,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            protocol: Protocol::Auto,
            timeout: Duration::from_millis(2000),
            zvt: zvt::Settings::default(),
        }
    }
}

impl Options {
    /// For replies that take seconds: `AT+CPIN?`, `AT+COPS?`, the self-test.
    pub fn slow_timeout(&self) -> Duration {
        self.timeout * 5
    }
}

/// Why a command gave no fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Refused: `ERROR`, `+CME ERROR: 4`, ECR status `01`.
    #[default]
    Refused,
    /// No answer before the deadline.
    Silent,
    /// Answered, but not in a shape the standard gives (`+CPIN:0`).
    NotUnderstood,
}

/// A command the terminal did not answer usefully: a missing fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    pub command: String,
    /// What came back: `ERROR`, `+CME ERROR: 4`, `status 01`, `no answer
    /// within 2.0 s`, or the lines not understood (`+CPIN:0`).
    pub reply: String,
    #[serde(default)]
    pub kind: Missing,
}

impl Unsupported {
    pub fn refused(command: &str, reply: impl Into<String>) -> Unsupported {
        Unsupported { command: command.to_string(), reply: reply.into(), kind: Missing::Refused }
    }

    pub fn silent(command: &str, after: Duration) -> Unsupported {
        Unsupported {
            command: command.to_string(),
            reply: format!("no answer within {:.1} s", after.as_secs_f64()),
            kind: Missing::Silent,
        }
    }

    pub fn not_understood(command: &str, reply: impl Into<String>) -> Unsupported {
        Unsupported {
            command: command.to_string(),
            reply: reply.into(),
            kind: Missing::NotUnderstood,
        }
    }
}

/// A protocol tried in `auto` that did not answer: its facts are missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absent {
    pub protocol: Protocol,
    /// What happened, e.g. `no ACK for `ST` within 2.0 s`.
    pub reason: String,
}

/// What a probe found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readings {
    /// The line, e.g. `/dev/ttyUSB0 (9600 8N1)`.
    pub device: String,
    /// The protocols that answered.
    pub protocols: Vec<Protocol>,
    /// The protocols tried that did not answer (`auto` only).
    #[serde(default)]
    pub absent: Vec<Absent>,
    pub facts: Vec<Fact>,
    pub unsupported: Vec<Unsupported>,
    /// Trouble on the line that was overcome (noise, retransmissions, late
    /// replies).
    pub notes: Vec<String>,
}

/// Why a probe failed. The terminal could not be talked to: exit code 4.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProbeError {
    #[error(transparent)]
    Transport(#[from] TransportError),
    #[error("`{device}`: {error}")]
    Link { device: String, error: ecr::LinkError },
    #[error("`{device}`: {error}")]
    Zvt { device: String, error: zvt::LinkError },
    #[error(
        "nothing on `{device}` answered an AT command (`ATE0Q0V1`) or an ECR status request (nor a ZVT Status Enquiry) within {}; check the cable, that the terminal is on, and the line settings (`--baud`)",
        format!("{:.1} s", after.as_secs_f64())
    )]
    NoProtocol { device: String, after: Duration },
    #[error(
        "`{device}` sends back only what posdiag sends and answers nothing: a loopback plug, a cable with send and receive joined, or a modem that ignores commands; check the cable and the port"
    )]
    EchoOnly { device: String },
}

impl From<ecr::ExchangeError> for ProbeError {
    fn from(e: ecr::ExchangeError) -> ProbeError {
        match e {
            ecr::ExchangeError::Transport(t) => ProbeError::Transport(t),
            ecr::ExchangeError::Link(error) => ProbeError::Link { device: String::new(), error },
        }
    }
}

/// Probe the terminal on `line` (described as `device`). In `auto` every
/// protocol that answers is read, and one that does not is listed as
/// absent; only a line where nothing answers is an error.
pub fn probe(
    line: &mut dyn Transport,
    device: &str,
    opts: &Options,
) -> Result<Readings, ProbeError> {
    let mut readings = Readings {
        device: device.to_string(),
        protocols: Vec::new(),
        absent: Vec::new(),
        facts: Vec::new(),
        unsupported: Vec::new(),
        notes: Vec::new(),
    };
    let name = line.name().to_string();
    let named = |e: ProbeError| match e {
        ProbeError::Link { error, .. } => ProbeError::Link { device: name.clone(), error },
        ProbeError::Zvt { error, .. } => ProbeError::Zvt { device: name.clone(), error },
        other => other,
    };
    // ZVT's own TCP port speaks nothing else: `auto` there is ZVT.
    let zvt_port = !opts.zvt.framed && name.ends_with(&format!(":{}", zvt::PORT));
    let protocol =
        if opts.protocol == Protocol::Auto && zvt_port { Protocol::Zvt } else { opts.protocol };
    let opts = &Options { protocol, ..*opts };
    let auto = opts.protocol == Protocol::Auto;
    let mut echo_only = false;
    if matches!(opts.protocol, Protocol::At | Protocol::Auto) {
        let tries = if auto { 1 } else { at::WAKE_TRIES };
        match at::probe(line, opts, tries) {
            Ok(Some(outcome)) => {
                readings.protocols.push(Protocol::At);
                readings.facts.extend(outcome.findings.facts);
                readings.unsupported.extend(outcome.findings.unsupported);
                readings.notes.extend(outcome.notes);
            }
            Ok(None) if auto => readings.absent.push(Absent {
                protocol: Protocol::At,
                reason: format!("no answer to `{}` within {:.1} s", at::SETUP, secs(opts.timeout)),
            }),
            Ok(None) => {
                let what = format!("the reply to `{}`", at::SETUP);
                return Err(at::silent(line, opts.timeout * at::WAKE_TRIES, &what).into());
            }
            Err(ProbeError::Transport(TransportError::Disconnected { device })) => {
                return Err(TransportError::Disconnected { device }.into());
            }
            Err(e) if auto => {
                echo_only = matches!(e, ProbeError::EchoOnly { .. });
                readings.absent.push(Absent { protocol: Protocol::At, reason: e.to_string() })
            }
            Err(e) => return Err(named(e)),
        }
    }
    if matches!(opts.protocol, Protocol::Ecr | Protocol::Auto) {
        // A modem answered on this line: end the frame so that a
        // line-based peer does not glue it to what follows.
        let line_based = readings.protocols.contains(&Protocol::At);
        let first =
            if auto { ecr::detect(line, opts, line_based).map_err(&named) } else { Ok(None) };
        let result = match first {
            Ok(None) if auto => Err(None),
            Ok(first) => ecr::probe(line, opts, first).map_err(|e| Some(named(e))),
            Err(e) => Err(Some(e)),
        };
        match result {
            Ok((findings, note)) => {
                readings.protocols.push(Protocol::Ecr);
                readings.facts.extend(findings.facts);
                readings.unsupported.extend(findings.unsupported);
                readings.notes.extend(note);
            }
            Err(Some(ProbeError::Transport(TransportError::Disconnected { device }))) => {
                return Err(TransportError::Disconnected { device }.into());
            }
            Err(Some(e)) if !auto => return Err(e),
            Err(e) => readings.absent.push(Absent {
                protocol: Protocol::Ecr,
                reason: e.map_or_else(
                    || format!("no ACK for `ST` within {:.1} s", secs(opts.timeout)),
                    |e| e.to_string(),
                ),
            }),
        }
    }
    // A line carries one device: ZVT is tried in `auto` only when neither
    // a modem nor the ECR protocol answered (a ZVT terminal speaks
    // neither, and a modem's line is no ZVT line).
    let zvt = opts.protocol == Protocol::Zvt || (auto && readings.protocols.is_empty());
    let zvt = zvt && !echo_only;
    if zvt {
        zvt::step(line, opts, &mut readings).map_err(&named)?;
    }
    if readings.protocols.is_empty() {
        // Only the echo came back to AT: say so rather than "nothing".
        if echo_only {
            return Err(ProbeError::EchoOnly { device: name });
        }
        // Each protocol tried waited its timeout once.
        let tried = 2 + u32::from(zvt);
        return Err(ProbeError::NoProtocol { device: name, after: opts.timeout * tried });
    }
    Ok(masked(readings))
}

/// Card numbers the terminal sent, masked in every text of the readings
/// (facts mask their own values and evidence).
fn masked(mut r: Readings) -> Readings {
    let mask = |s: &mut String| *s = crate::mask::mask_pans(s).into_owned();
    r.unsupported.iter_mut().for_each(|u| mask(&mut u.reply));
    r.absent.iter_mut().for_each(|a| mask(&mut a.reason));
    r.notes.iter_mut().for_each(mask);
    r
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
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
