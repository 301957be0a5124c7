//! One ECR request and its response over a [`Transport`], with the link
//! rules of `docs/ecr-protocol.md`: the terminal ACKs a good request (NAK:
//! resend), then sends its response frame, which posdiag ACKs (bad LRC:
//! NAK, and the terminal resends). Three tries each way, a deadline on
//! every wait. Garbage between frames is skipped and counted. The request
//! coming back byte for byte (a modem or a cable that echoes) is no
//! response: a response is a frame with a status field.

use std::time::{Duration, Instant};

use super::frame::{ACK, Decoder, Event, Frame, FramingError, NAK};
use crate::probe::transport::{Transport, TransportError};

/// Tries for a request, and bad frames tolerated for a response.
pub const TRIES: u32 = 3;

/// A response and its bytes as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub frame: Frame,
    pub raw: Vec<u8>,
}

/// Why an exchange failed although the line works.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error(
        "the terminal refused `{command}` {naks} times (NAK); check the line settings (`--baud`, `--parity`) and the cable"
    )]
    Refused { command: String, naks: u32 },
    #[error(
        "the terminal's reply to `{command}` was corrupt {tries} times ({error}); check the cable and the line settings"
    )]
    Corrupt { command: String, tries: u32, error: FramingError },
}

/// A failed exchange: the line, or the link protocol on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    Transport(TransportError),
    Link(LinkError),
}

impl From<TransportError> for ExchangeError {
    fn from(e: TransportError) -> ExchangeError {
        ExchangeError::Transport(e)
    }
}

pub struct EcrClient<'t> {
    line: &'t mut dyn Transport,
    decoder: Decoder,
    /// How long to wait for the ACK of a request.
    ack_timeout: Duration,
    /// Bytes skipped outside frames so far.
    pub garbage: usize,
    /// Frames resent or re-requested so far.
    pub retries: u32,
    /// Our own frames heard back (an echoing line).
    pub echoes: u32,
    /// Sent after every request frame (a CR for a line-based peer).
    pub suffix: &'static [u8],
}

/// What came back while waiting.
enum Heard {
    Event(Event),
    Nothing,
}

impl<'t> EcrClient<'t> {
    pub fn new(line: &'t mut dyn Transport, ack_timeout: Duration) -> EcrClient<'t> {
        EcrClient {
            line,
            decoder: Decoder::new(),
            ack_timeout,
            garbage: 0,
            retries: 0,
            echoes: 0,
            suffix: b"",
        }
    }

    pub fn line(&mut self) -> &mut dyn Transport {
        self.line
    }

    /// The next event before `deadline`, skipping garbage.
    fn next(&mut self, deadline: Instant) -> Result<Heard, TransportError> {
        let mut buf = [0u8; 512];
        loop {
            match self.decoder.next_event() {
                Some(Event::Garbage(bytes)) => self.garbage += bytes.len(),
                Some(event) => return Ok(Heard::Event(event)),
                None => match self.line.read(&mut buf, deadline)? {
                    0 => return Ok(Heard::Nothing),
                    n => self.decoder.push(&buf[..n]),
                },
            }
        }
    }

    /// Send `request` (up to `tries` times) and wait up to `reply_timeout`
    /// for its response.
    pub fn transact(
        &mut self,
        request: &Frame,
        reply_timeout: Duration,
        tries: u32,
    ) -> Result<Response, ExchangeError> {
        let frame_bytes = request.encode();
        let mut bytes = frame_bytes.clone();
        bytes.extend_from_slice(self.suffix);
        let command = request.command.clone();
        let mut naks = 0;
        let mut acked = false;
        let mut early: Option<Response> = None;
        'send: for attempt in 1..=tries {
            if attempt > 1 {
                self.retries += 1;
            }
            self.line.write_all(&bytes)?;
            let deadline = Instant::now() + self.ack_timeout;
            loop {
                match self.next(deadline)? {
                    Heard::Event(Event::Ack) => {
                        acked = true;
                        break 'send;
                    }
                    Heard::Event(Event::Nak) => {
                        naks += 1;
                        self.line
                            .note(&format!("`{command}` refused (NAK), try {attempt} of {tries}"));
                        continue 'send;
                    }
                    Heard::Event(Event::Frame { raw, .. }) if raw == frame_bytes => {
                        self.echoes += 1;
                    }
                    // A response without an ACK first acknowledges the request.
                    Heard::Event(Event::Frame { frame, raw }) if is_response(&frame, &command) => {
                        self.line.write_all(&[ACK])?;
                        early = Some(Response { frame, raw });
                        break 'send;
                    }
                    Heard::Event(_) => {}
                    Heard::Nothing => {
                        self.line.note(&format!(
                            "no ACK for `{command}` within {:.1} s, try {attempt} of {tries}",
                            self.ack_timeout.as_secs_f64()
                        ));
                        continue 'send;
                    }
                }
            }
        }
        if let Some(response) = early {
            return Ok(response);
        }
        if !acked {
            return Err(if naks > 0 {
                ExchangeError::Link(LinkError::Refused { command, naks })
            } else {
                ExchangeError::Transport(TransportError::Timeout {
                    device: self.line.name().to_string(),
                    after: self.ack_timeout * tries,
                    waiting_for: format!("an ACK for `{command}` ({tries} tries)"),
                })
            });
        }
        self.response(&command, reply_timeout)
    }

    fn response(
        &mut self,
        command: &str,
        reply_timeout: Duration,
    ) -> Result<Response, ExchangeError> {
        let deadline = Instant::now() + reply_timeout;
        let mut bad = 0;
        loop {
            match self.next(deadline)? {
                Heard::Event(Event::Frame { frame, raw }) if is_response(&frame, command) => {
                    self.line.write_all(&[ACK])?;
                    return Ok(Response { frame, raw });
                }
                Heard::Event(Event::Corrupt { error, .. }) => {
                    bad += 1;
                    self.retries += 1;
                    self.line.note(&format!("corrupt reply to `{command}` ({error}); sent NAK"));
                    if bad >= TRIES {
                        return Err(ExchangeError::Link(LinkError::Corrupt {
                            command: command.to_string(),
                            tries: bad,
                            error,
                        }));
                    }
                    self.line.write_all(&[NAK])?;
                }
                Heard::Event(_) => {}
                Heard::Nothing => {
                    return Err(ExchangeError::Transport(TransportError::Timeout {
                        device: self.line.name().to_string(),
                        after: reply_timeout,
                        waiting_for: format!("the reply to `{command}`"),
                    }));
                }
            }
        }
    }
}

/// A response to `command`: the same command code and a status field of
/// two characters first (`00`, `01`); a request heard back has none.
fn is_response(frame: &Frame, command: &str) -> bool {
    frame.command == command && frame.fields.first().is_some_and(|s| s.len() == 2)
}
