//! The simulated ZVT terminal's answers (PA00P015): each command is
//! accepted with `80 00 00` (or refused with `84 xx 00`), then answered
//! with its messages, each waiting for the ECR's `80 00 00`, and a
//! Completion (`06 0F`) or an Abort (`06 1E`). Only the read-only commands
//! posdiag sends are served; any other (payment, end-of-day…) is refused.

use std::io::Write;
use std::time::{Duration, Instant};

use super::fixture::{ZvtTerminal, code};
use crate::probe::transport::{Transport, TransportError};
use crate::probe::zvt::apdu::{Apdu, unhex};
use crate::probe::zvt::bmp::{self, to_bcd};
use crate::probe::zvt::link::{Link, ZvtError};
use crate::probe::zvt::message::{command_name, describe};
use crate::probe::zvt::tlv::{self, Tlv};

/// How long the terminal waits for the ECR's `80 00 00` of a message.
const ECR_WAIT: Duration = Duration::from_secs(5);

/// Refusal reason for a command the terminal does not serve: "function
/// not possible" (§10, code 83).
const NOT_POSSIBLE: u8 = 0x83;

pub struct Terminal<'f> {
    state: &'f ZvtTerminal,
    framed: bool,
    log: Box<dyn Write + Send>,
}

impl<'f> Terminal<'f> {
    pub fn new(state: &'f ZvtTerminal, framed: bool, log: Box<dyn Write + Send>) -> Terminal<'f> {
        Terminal { state, framed, log }
    }

    fn say(&mut self, text: &str) {
        let _ = writeln!(self.log, "{text}");
    }

    /// Serve until the client goes away (`Ok`) or the line fails.
    pub fn serve(&mut self, line: &mut dyn Transport) -> Result<(), TransportError> {
        if self.state.silent {
            return drain(line);
        }
        let mut link = Link::new(line, self.framed, Duration::from_millis(1000));
        link.nak_good = if self.state.nak_all { u32::MAX } else { self.state.nak_first };
        loop {
            let request = match link.receive(Instant::now() + Duration::from_secs(1), "command") {
                Ok(Some(r)) => r.apdu,
                Ok(None) => continue,
                Err(ZvtError::Transport(TransportError::Disconnected { .. })) => return Ok(()),
                Err(ZvtError::Transport(e)) => return Err(e),
                Err(ZvtError::Link(e)) => {
                    self.say(&format!("link: {e}"));
                    continue;
                }
            };
            if request.class == 0x80 {
                continue;
            }
            let name = command_name(request.class, request.instr);
            self.say(&format!("<- {name}: {request}"));
            match self.answer(&mut link, &request, &name) {
                Ok(()) => {}
                Err(ZvtError::Transport(TransportError::Disconnected { .. })) => return Ok(()),
                Err(ZvtError::Transport(e)) => self.say(&format!("{name}: {e}")),
                Err(ZvtError::Link(e)) => self.say(&format!("{name}: {e}")),
            }
        }
    }

    /// Send one message and wait for the ECR's `80 00 00`.
    fn message(&mut self, link: &mut Link<'_>, apdu: Apdu, name: &str) -> Result<(), ZvtError> {
        self.say(&format!("-> {}", describe(&apdu)));
        link.send(&apdu, name)?;
        let deadline = Instant::now() + ECR_WAIT;
        while let Some(r) = link.receive(deadline, name)? {
            if r.apdu.class == 0x80 || r.apdu.class == 0x84 {
                return Ok(());
            }
        }
        self.say(&format!("{name}: no 80 00 00 from the ECR within {} s", ECR_WAIT.as_secs()));
        Ok(())
    }

    fn answer(&mut self, link: &mut Link<'_>, request: &Apdu, name: &str) -> Result<(), ZvtError> {
        let refused = self
            .state
            .unsupported
            .iter()
            .filter_map(|c| unhex(c))
            .any(|c| c == [request.class, request.instr]);
        let served = matches!(request.command(), 0x0600 | 0x0501 | 0x0670 | 0x0679 | 0x061a);
        let password = crate::probe::zvt::password(&self.state.password).unwrap_or_default();
        let needs_password = matches!(request.command(), 0x0600 | 0x0501);
        let bad_password = needs_password && request.data.get(..3).is_some_and(|p| p != password);
        if refused || !served || bad_password {
            let why = if bad_password { "wrong password" } else { "not served" };
            self.say(&format!("-> refused (84 {NOT_POSSIBLE:02X}): {why}"));
            return link.send(&Apdu::nak(NOT_POSSIBLE), name);
        }
        if self.state.delay_ms > 0 {
            std::thread::sleep(Duration::from_millis(self.state.delay_ms));
        }
        link.send(&Apdu::ack(), name)?;
        match request.command() {
            0x0600 => {
                let fields = bmp::encode(&[
                    (0x19, vec![self.status()]),
                    (0x29, to_bcd(&self.state.tid, 4)),
                    (0x49, to_bcd("978", 2)),
                ]);
                self.message(link, Apdu::new(0x06, 0x0f, fields), name)
            }
            0x0501 => {
                let completion = self.status_completion();
                self.message(link, completion, name)
            }
            0x0670 | 0x0679 => {
                // "Please wait" while the terminal calls its host or tests itself.
                self.message(link, Apdu::new(0x04, 0xff, [0x0a, 0x00]), name)?;
                let outcome = if request.instr == 0x70 {
                    &self.state.diagnosis
                } else {
                    &self.state.selftest
                };
                let end = match code(outcome).ok().flatten() {
                    Some(result) => Apdu::new(0x06, 0x1e, [result]),
                    None => Apdu::new(0x06, 0x0f, []),
                };
                self.message(link, end, name)
            }
            _ => {
                let lines: Vec<Tlv> =
                    self.state.config_lines.iter().map(|l| Tlv::new(0x07, l.as_bytes())).collect();
                let block = tlv::encode(&[Tlv::new(0x1f07, [0x03]), Tlv::constructed(0x25, lines)]);
                let text = Apdu::new(0x06, 0xd3, bmp::encode(&[(0x06, block)]));
                self.message(link, text, name)?;
                self.message(link, Apdu::new(0x06, 0x0f, []), name)
            }
        }
    }

    fn status(&self) -> u8 {
        code(&self.state.status).ok().flatten().unwrap_or(0)
    }

    /// The Status Enquiry's completion: software version (LLL), status
    /// code, then a TLV container with the terminal id and the locks.
    fn status_completion(&self) -> Apdu {
        let software = self.state.software.as_bytes();
        let mut data = Vec::new();
        bmp::put_var_len(&mut data, software.len(), 3);
        data.extend_from_slice(&software[..software.len().min(999)]);
        data.push(self.status());
        let mut objects = vec![Tlv::new(0x1f44, to_bcd(&self.state.tid, 4))];
        if let Some(locks) = unhex(&self.state.locks).filter(|l| !l.is_empty()) {
            objects.push(Tlv::new(0x1f55, locks));
        }
        data.extend(bmp::encode(&[(0x06, tlv::encode(&objects))]));
        Apdu::new(0x06, 0x0f, data)
    }
}

/// A silent terminal: read and drop everything until the client leaves.
fn drain(line: &mut dyn Transport) -> Result<(), TransportError> {
    let mut buf = [0u8; 512];
    loop {
        match line.read(&mut buf, Instant::now() + Duration::from_secs(1)) {
            Ok(_) => {}
            Err(TransportError::Disconnected { .. }) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
}
