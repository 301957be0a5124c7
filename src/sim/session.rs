//! One client's session with the simulated terminal: read what arrives,
//! tell an AT command line (`AT…\r`) from an ECR frame (STX…), answer from
//! the fixture's state, and inject the fixture's faults of the line
//! (garbage, bad LRC, NAKs, silence, delays, a hang-up mid-reply).
//!
//! It speaks through the same [`Transport`] trait as the probes, so its
//! reads have deadlines too and it never spins, and it reads with the
//! probe's decoders: [`LineSplitter`] for command lines, [`Decoder`] for
//! frames.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::fixture::Fixture;
use super::line::EchoAll;
use super::modem::SimModem;
use super::terminal;
use crate::probe::at::parser::LineSplitter;
use crate::probe::bytes::printable;
use crate::probe::ecr::frame::{ACK, Decoder, Event, Frame, NAK, STX};
use crate::probe::transport::{Transport, TransportError};

/// How long to wait for the ACK of a response, and how often to resend it.
const ACK_WAIT: Duration = Duration::from_millis(1000);
const RESENDS: u32 = 3;

/// Longest AT line kept before it is dropped as noise.
const MAX_LINE: usize = 1024;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The client went away.
    ClientGone,
    /// The fixture's `disconnect_after` fault hung up the line.
    HungUp,
}

pub struct Session<'f> {
    fixture: &'f Fixture,
    modem: SimModem,
    /// Bytes received and not yet handled.
    input: Vec<u8>,
    /// Replies sent (AT replies and ECR responses).
    replies: u32,
    naks_sent: u32,
    bad_lrcs_sent: u32,
    log: Box<dyn Write + Send>,
    /// The modem's echo, for the line's [`EchoAll`] (`faults.echo_all`).
    echo: Arc<AtomicBool>,
}

impl<'f> Session<'f> {
    pub fn new(fixture: &'f Fixture, log: Box<dyn Write + Send>) -> Session<'f> {
        let mut modem = SimModem::new(&fixture.modem);
        modem.echo_elsewhere = fixture.faults.echo_all;
        Session {
            fixture,
            echo: Arc::new(AtomicBool::new(fixture.faults.echo_all && modem.echoes())),
            modem,
            input: Vec::new(),
            replies: 0,
            naks_sent: 0,
            bad_lrcs_sent: 0,
            log,
        }
    }

    /// Serve until the client goes away or a fault hangs up.
    pub fn run(&mut self, line: &mut dyn Transport) -> Result<End, TransportError> {
        if self.fixture.faults.echo_all {
            let mut echoing = EchoAll::new(line, Arc::clone(&self.echo));
            return self.serve(&mut echoing);
        }
        self.serve(line)
    }

    fn serve(&mut self, line: &mut dyn Transport) -> Result<End, TransportError> {
        let mut buf = [0u8; 1024];
        loop {
            let n = match line.read(&mut buf, Instant::now() + Duration::from_secs(1)) {
                Ok(n) => n,
                Err(TransportError::Disconnected { .. }) => return Ok(End::ClientGone),
                Err(e) => return Err(e),
            };
            if self.fixture.faults.silent {
                continue;
            }
            self.input.extend_from_slice(&buf[..n]);
            while let Some(end) = self.step(line)? {
                if let Some(end) = end {
                    return Ok(end);
                }
            }
        }
    }

    /// Handle one unit of input: `None` when more bytes are needed,
    /// `Some(Some(end))` when the session is over.
    fn step(&mut self, line: &mut dyn Transport) -> Result<Option<Option<End>>, TransportError> {
        let Some(&first) = self.input.first() else { return Ok(None) };
        if first == STX {
            let mut decoder = Decoder::new();
            decoder.push(&self.input);
            return match decoder.next_event() {
                None => Ok(None),
                Some(Event::Frame { frame, raw }) => {
                    self.input.drain(..raw.len());
                    self.frame(line, &frame).map(Some)
                }
                Some(Event::Corrupt { error, raw }) => {
                    self.input.drain(..raw.len());
                    self.say(&format!("<- bad frame ({error}); NAK"));
                    line.write_all(&[NAK])?;
                    Ok(Some(None))
                }
                Some(_) => {
                    self.input.drain(..1);
                    Ok(Some(None))
                }
            };
        }
        if matches!(first, ACK | NAK | b'\r' | b'\n' | 0) {
            self.input.drain(..1);
            return Ok(Some(None));
        }
        let Some(end) = self.input.iter().position(|b| matches!(*b, b'\r' | b'\n' | STX)) else {
            if self.input.len() > MAX_LINE {
                self.input.clear();
            }
            return Ok(None);
        };
        // The probe's own line decoder: line noise before the text dropped,
        // the rest trimmed.
        let mut text: Vec<u8> = self.input.drain(..end).collect();
        text.push(b'\r');
        let Some(text) = LineSplitter::new().push(&text).pop() else { return Ok(Some(None)) };
        // A command line starts with `AT`; anything else is dropped, as a
        // modem does (by bytes: the line may hold any character).
        if text.as_bytes().get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"AT")) {
            return self.at(line, &text).map(Some);
        }
        Ok(Some(None))
    }

    fn say(&mut self, text: &str) {
        let _ = writeln!(self.log, "{text}");
    }

    /// Wait as the fixture says before answering `command`.
    fn delay(&self, command: &str) {
        let f = &self.fixture.faults;
        let ms = f.delay_ms
            + f.delays
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(command))
                .map_or(0, |(_, ms)| *ms);
        if ms > 0 {
            thread::sleep(Duration::from_millis(ms));
        }
    }

    fn dropped(&self, command: &str) -> bool {
        self.fixture.faults.drop.iter().any(|d| d.eq_ignore_ascii_case(command))
    }

    /// Send a reply, with garbage before it; or half of it and hang up when
    /// the fixture's `disconnect_after` is reached.
    fn send(
        &mut self,
        line: &mut dyn Transport,
        reply: &[u8],
    ) -> Result<Option<End>, TransportError> {
        let mut bytes = self.fixture.faults.garbage_bytes();
        bytes.extend_from_slice(reply);
        if self.fixture.faults.disconnect_after.is_some_and(|n| self.replies >= n) {
            line.write_all(&bytes[..bytes.len() / 2])?;
            self.say("-> (half a reply, then hang up: disconnect_after)");
            return Ok(Some(End::HungUp));
        }
        self.replies += 1;
        line.write_all(&bytes)?;
        Ok(None)
    }

    fn at(
        &mut self,
        line: &mut dyn Transport,
        command: &str,
    ) -> Result<Option<End>, TransportError> {
        self.say(&format!("<- {command}"));
        if self.fixture.faults.no_modem {
            self.say("   (no answer: no modem on this line)");
            return Ok(None);
        }
        if self.dropped(command) {
            self.say("   (no answer: drop)");
            return Ok(None);
        }
        self.delay(command);
        let reply = self.modem.answer(command);
        self.echo.store(self.fixture.faults.echo_all && self.modem.echoes(), Ordering::Relaxed);
        self.say(&format!("-> {}", printable(&reply)));
        self.send(line, &reply)
    }

    fn frame(
        &mut self,
        line: &mut dyn Transport,
        request: &Frame,
    ) -> Result<Option<End>, TransportError> {
        let command = request.command.clone();
        self.say(&format!("<- ECR {command}"));
        let faults = &self.fixture.faults;
        if faults.nak_all || self.naks_sent < faults.nak_first {
            self.naks_sent += 1;
            self.say("-> NAK (injected)");
            line.write_all(&[NAK])?;
            return Ok(None);
        }
        line.write_all(&[ACK])?;
        if self.dropped(&command) {
            self.say("   (no answer: drop)");
            return Ok(None);
        }
        self.delay(&command);
        let response = terminal::respond(&self.fixture.terminal, request);
        for _ in 0..RESENDS {
            let mut bytes = response.encode();
            if self.bad_lrcs_sent < self.fixture.faults.bad_lrc_first {
                self.bad_lrcs_sent += 1;
                if let Some(last) = bytes.last_mut() {
                    *last ^= 0xff;
                }
                self.say("   (wrong LRC: bad_lrc_first)");
            }
            self.say(&format!("-> {}", printable(&bytes)));
            if let Some(end) = self.send(line, &bytes)? {
                return Ok(Some(end));
            }
            if !self.await_ack(line)? {
                return Ok(None);
            }
        }
        Ok(None)
    }

    /// After a response: `true` when the client NAKed it (resend). Any
    /// other input is kept for the next step.
    fn await_ack(&mut self, line: &mut dyn Transport) -> Result<bool, TransportError> {
        let deadline = Instant::now() + ACK_WAIT;
        let mut buf = [0u8; 256];
        loop {
            match self.input.first() {
                Some(&ACK) => {
                    self.input.drain(..1);
                    return Ok(false);
                }
                Some(&NAK) => {
                    self.input.drain(..1);
                    self.say("<- NAK; resend");
                    return Ok(true);
                }
                Some(_) => return Ok(false),
                None => {}
            }
            let n = line.read(&mut buf, deadline)?;
            if n == 0 {
                return Ok(false);
            }
            self.input.extend_from_slice(&buf[..n]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::memory::pair;

    #[test]
    fn survives_any_bytes_and_answers_after_them() {
        let fixture = Fixture::default();
        let (mut client, mut server) = pair("mem");
        std::thread::scope(|s| {
            s.spawn(|| Session::new(&fixture, Box::new(std::io::sink())).run(&mut server));
            // Non-ASCII in a command line, a lone high byte, then a command.
            client.write_all("Aé\r\u{fffd}\r\u{ff}\u{0}é\rAT\r".as_bytes()).expect("write");
            client.write_all(&[0xc3, b'\r', 0xff, 0xfe, b'\n']).expect("write");
            client.write_all(b"AT\r").expect("write");
            let mut got = Vec::new();
            let deadline = Instant::now() + Duration::from_secs(2);
            let mut buf = [0u8; 64];
            while got.windows(2).filter(|w| w == b"OK").count() < 2 {
                match client.read(&mut buf, deadline).expect("read") {
                    0 => break,
                    n => got.extend_from_slice(&buf[..n]),
                }
            }
            drop(client);
            assert_eq!(got, b"AT\r\r\nOK\r\nAT\r\r\nOK\r\n", "{}", printable(&got));
        });
    }
}
