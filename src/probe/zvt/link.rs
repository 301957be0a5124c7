//! One ZVT command and everything the terminal sends for it, over a
//! [`Transport`]: raw APDUs on TCP, [`super::frame`] blocks on a serial
//! line (each block answered with ACK or NAK, a block sent again twice at
//! most when NAKed or left unanswered).
//!
//! The application layer on top (PA00P015, chapter 1 on the message
//! flow): the terminal accepts a command with `80 00 00` or refuses it
//! with `84 xx 00`; then it sends its messages (intermediate status,
//! status information, print lines and text blocks), each acknowledged
//! with `80 00 00`, until a Completion (`06 0F`) or an Abort (`06 1E`)
//! ends the command.

use std::time::{Duration, Instant};

use super::apdu::{Apdu, hex};
use super::frame::{self, ACK, Decoder, Event, NAK};
use crate::probe::transport::{Transport, TransportError};

/// Sends of one block: the first and two repeats.
pub const TRIES: u32 = 3;

/// Messages accepted for one command before giving up (a print system
/// configuration sends a few hundred lines at most).
pub const MAX_MESSAGES: usize = 2000;

/// An APDU from the terminal, with the bytes it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub apdu: Apdu,
    /// The bytes as received: the APDU on TCP, the whole block on serial.
    pub raw: Vec<u8>,
}

/// Why an exchange failed although the line works.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error(
        "the terminal refused the block of `{command}` {naks} times (NAK); check the line settings (ZVT uses 9600 8N2 unless set otherwise: `--baud`, `--stop-bits 2`) and the cable"
    )]
    Refused { command: String, naks: u32 },
    #[error(
        "the terminal's blocks for `{command}` were corrupt {tries} times (bad CRC); check the cable and the line settings"
    )]
    Corrupt { command: String, tries: u32 },
    #[error(
        "the terminal sent more than {MAX_MESSAGES} messages for `{command}` without ending it; it may be stuck: switch it off and on, then probe again"
    )]
    Endless { command: String },
    #[error("the terminal sent bytes that are no ZVT APDU ({bytes}); is this a ZVT port?")]
    NotZvt { bytes: String },
}

/// A failed exchange: the line, or the link protocol on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZvtError {
    Transport(TransportError),
    Link(LinkError),
}

impl From<TransportError> for ZvtError {
    fn from(e: TransportError) -> ZvtError {
        ZvtError::Transport(e)
    }
}

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The command's name, `Status Enquiry (05 01)`.
    pub command: String,
    pub request: Apdu,
    /// `84 xx`: refused with reason `xx`.
    pub refused: Option<Received>,
    /// Everything the terminal sent after accepting it, the final
    /// Completion or Abort last.
    pub messages: Vec<Received>,
}

/// The line and its ZVT link layer.
pub struct Link<'t> {
    line: &'t mut dyn Transport,
    /// Serial blocks (`true`) or bare APDUs on TCP.
    framed: bool,
    /// How long to wait for a block's ACK and for the terminal's first
    /// answer.
    timeout: Duration,
    decoder: Decoder,
    stream: Vec<u8>,
    /// Bytes skipped outside blocks.
    pub garbage: usize,
    /// Blocks sent again or asked for again.
    pub retries: u32,
    /// Sends per block (1 when detecting: no repeats).
    pub tries: u32,
    /// Good blocks to answer with NAK all the same: the simulator's
    /// terminal that refuses blocks (a wrong line setting looks so);
    /// `u32::MAX` for every block.
    pub nak_good: u32,
    last_sent: Vec<u8>,
}

impl<'t> Link<'t> {
    pub fn new(line: &'t mut dyn Transport, framed: bool, timeout: Duration) -> Link<'t> {
        Link {
            line,
            framed,
            timeout,
            decoder: Decoder::new(),
            stream: Vec::new(),
            garbage: 0,
            retries: 0,
            tries: TRIES,
            nak_good: 0,
            last_sent: Vec::new(),
        }
    }

    pub fn line(&mut self) -> &mut dyn Transport {
        self.line
    }

    /// The next serial event before `deadline`.
    fn event(&mut self, deadline: Instant) -> Result<Option<Event>, TransportError> {
        let mut buf = [0u8; 1024];
        loop {
            match self.decoder.next_event() {
                Some(Event::Garbage(bytes)) => self.garbage += bytes.len(),
                Some(e) => return Ok(Some(e)),
                None => match self.line.read(&mut buf, deadline)? {
                    0 => return Ok(None),
                    n => self.decoder.push(&buf[..n]),
                },
            }
        }
    }

    /// Send one APDU: on serial, until the peer ACKs the block.
    pub fn send(&mut self, apdu: &Apdu, name: &str) -> Result<(), ZvtError> {
        let bytes = apdu.encode();
        if !self.framed {
            self.last_sent = bytes.clone();
            return Ok(self.line.write_all(&bytes)?);
        }
        let block = frame::encode(&bytes);
        self.last_sent = block.clone();
        let mut naks = 0;
        for attempt in 1..=self.tries {
            if attempt > 1 {
                self.retries += 1;
            }
            self.line.write_all(&block)?;
            let deadline = Instant::now() + self.timeout;
            loop {
                match self.event(deadline)? {
                    Some(Event::Ack) => return Ok(()),
                    Some(Event::Nak) => {
                        naks += 1;
                        self.line.note(&format!(
                            "block of `{name}` refused (NAK), try {attempt} of {}",
                            self.tries
                        ));
                        break;
                    }
                    // Our own block heard back (an echoing line): not an answer.
                    Some(Event::Block { raw, .. } | Event::Corrupt { raw }) if raw == block => {}
                    Some(_) => {}
                    None => {
                        self.line.note(&format!(
                            "no ACK for the block of `{name}` within {:.1} s, try {attempt} of {}",
                            self.timeout.as_secs_f64(),
                            self.tries
                        ));
                        break;
                    }
                }
            }
        }
        Err(if naks > 0 {
            ZvtError::Link(LinkError::Refused { command: name.to_string(), naks })
        } else {
            ZvtError::Transport(TransportError::Timeout {
                device: self.line.name().to_string(),
                after: self.timeout * self.tries,
                waiting_for: format!("an ACK for the block of `{name}` ({} tries)", self.tries),
            })
        })
    }

    /// The next APDU from the peer before `deadline`; on serial the block
    /// is ACKed (a corrupt one NAKed, twice at most).
    pub fn receive(&mut self, deadline: Instant, name: &str) -> Result<Option<Received>, ZvtError> {
        if !self.framed {
            return self.receive_raw(deadline);
        }
        let mut bad = 0;
        loop {
            match self.event(deadline)? {
                Some(Event::Block { apdu, raw }) => {
                    if raw == self.last_sent {
                        continue;
                    }
                    if self.nak_good > 0 {
                        self.nak_good =
                            self.nak_good.saturating_sub(u32::from(self.nak_good != u32::MAX));
                        self.line.write_all(&[NAK])?;
                        continue;
                    }
                    self.line.write_all(&[ACK])?;
                    let apdu = Apdu::decode(&apdu)
                        .map_err(|_| ZvtError::Link(LinkError::NotZvt { bytes: hex(&raw) }))?;
                    return Ok(Some(Received { apdu, raw }));
                }
                Some(Event::Corrupt { raw }) => {
                    if raw == self.last_sent {
                        continue;
                    }
                    bad += 1;
                    self.retries += 1;
                    self.line.note(&format!("corrupt block during `{name}` (bad CRC); sent NAK"));
                    if bad >= self.tries {
                        return Err(ZvtError::Link(LinkError::Corrupt {
                            command: name.to_string(),
                            tries: bad,
                        }));
                    }
                    self.line.write_all(&[NAK])?;
                }
                Some(_) => {}
                None => return Ok(None),
            }
        }
    }

    fn receive_raw(&mut self, deadline: Instant) -> Result<Option<Received>, ZvtError> {
        let mut buf = [0u8; 1024];
        loop {
            if let Ok(Some((apdu, used))) = Apdu::parse(&self.stream) {
                let raw: Vec<u8> = self.stream.drain(..used).collect();
                if raw == self.last_sent {
                    // Our own APDU heard back.
                    self.last_sent.clear();
                    continue;
                }
                return Ok(Some(Received { apdu, raw }));
            }
            match self.line.read(&mut buf, deadline)? {
                0 => return Ok(None),
                n => self.stream.extend_from_slice(&buf[..n]),
            }
        }
    }

    fn silent(&self, after: Duration, what: String) -> ZvtError {
        ZvtError::Transport(TransportError::Timeout {
            device: self.line.name().to_string(),
            after,
            waiting_for: what,
        })
    }

    /// Run one command: send it, read the acceptance, then every message
    /// up to the Completion or Abort, waiting up to `wait` for each (an
    /// intermediate status restarts the wait).
    pub fn command(
        &mut self,
        name: &str,
        request: &Apdu,
        wait: Duration,
    ) -> Result<Exchange, ZvtError> {
        self.send(request, name)?;
        let mut exchange = Exchange {
            command: name.to_string(),
            request: request.clone(),
            refused: None,
            messages: Vec::new(),
        };
        let deadline = Instant::now() + self.timeout.max(wait);
        let Some(first) = self.receive(deadline, name)? else {
            return Err(self.silent(self.timeout.max(wait), format!("the answer to `{name}`")));
        };
        match first.apdu.class {
            0x84 => {
                exchange.refused = Some(first);
                return Ok(exchange);
            }
            0x80 => {}
            // Some terminals answer at once without `80 00 00` first.
            _ => {
                let end = is_final(&first.apdu);
                self.ack(name)?;
                exchange.messages.push(first);
                if end {
                    return Ok(exchange);
                }
            }
        }
        // Registration may end with the acceptance alone on some terminals;
        // every other command ends with a Completion or an Abort.
        loop {
            if exchange.messages.len() >= MAX_MESSAGES {
                return Err(ZvtError::Link(LinkError::Endless { command: name.to_string() }));
            }
            let deadline = Instant::now() + wait;
            let Some(message) = self.receive(deadline, name)? else {
                return Err(self.silent(wait, format!("the completion of `{name}`")));
            };
            let end = is_final(&message.apdu);
            self.ack(name)?;
            exchange.messages.push(message);
            if end {
                return Ok(exchange);
            }
        }
    }

    /// Acknowledge a terminal's message with `80 00 00`.
    fn ack(&mut self, name: &str) -> Result<(), ZvtError> {
        self.send(&Apdu::ack(), name)
    }
}

/// Whether a message ends its command: Completion or Abort.
pub fn is_final(apdu: &Apdu) -> bool {
    matches!(apdu.command(), 0x060f | 0x061e)
}
