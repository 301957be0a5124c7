//! One client's session with the simulated terminal: split what arrives
//! into AT command lines and ECR frames ([`Input`]), answer each from the
//! fixture's state, and keep the ECR handshake (ACK, resend after NAK).
//! The faults of the line are not its business: it speaks through the
//! fixture's wrappers ([`super::line`]) and never knows them.
//!
//! It speaks through the same [`Transport`] trait as the probes, so its
//! reads have deadlines too and it never spins.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::fixture::Fixture;
use super::input::{Input, Unit};
use super::modem::SimModem;
use super::terminal;
use crate::probe::bytes::printable;
use crate::probe::ecr::frame::{ACK, Frame, NAK};
use crate::probe::transport::{Transport, TransportError};

/// How long to wait for the ACK of a response, and how often to resend it.
const ACK_WAIT: Duration = Duration::from_millis(1000);
const RESENDS: u32 = 3;

pub struct Session<'f> {
    fixture: &'f Fixture,
    modem: SimModem,
    /// Bytes received and not yet handled.
    input: Input,
    log: Box<dyn Write + Send>,
    /// The modem's echo, for the line's [`super::line::EchoAll`]
    /// (`faults.echo_all`).
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
            input: Input::default(),
            log,
        }
    }

    /// Whether the modem echoes now, for a line that echoes for it.
    pub fn echo(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.echo)
    }

    /// Serve until the client goes away (`Ok`) or the line fails.
    pub fn run(&mut self, line: &mut dyn Transport) -> Result<(), TransportError> {
        let mut buf = [0u8; 1024];
        loop {
            let n = match line.read(&mut buf, Instant::now() + Duration::from_secs(1)) {
                Ok(n) => n,
                Err(TransportError::Disconnected { .. }) => return Ok(()),
                Err(e) => return Err(e),
            };
            self.input.push(&buf[..n]);
            while let Some(unit) = self.input.next_unit() {
                match unit {
                    Unit::Command(command) => self.at(line, &command)?,
                    Unit::Frame(frame) => self.frame(line, &frame)?,
                    Unit::Corrupt(error) => {
                        self.say(&format!("<- bad frame ({error}); NAK"));
                        line.write_all(&[NAK])?;
                    }
                    Unit::Skipped => {}
                }
            }
        }
    }

    fn say(&mut self, text: &str) {
        let _ = writeln!(self.log, "{text}");
    }

    fn at(&mut self, line: &mut dyn Transport, command: &str) -> Result<(), TransportError> {
        self.say(&format!("<- {command}"));
        if self.fixture.faults.no_modem {
            self.say("   (no answer: no modem on this line)");
            return Ok(());
        }
        let reply = self.modem.answer(command);
        self.echo.store(self.fixture.faults.echo_all && self.modem.echoes(), Ordering::Relaxed);
        self.say(&format!("-> {}", printable(&reply)));
        line.write_all(&reply)
    }

    fn frame(&mut self, line: &mut dyn Transport, request: &Frame) -> Result<(), TransportError> {
        self.say(&format!("<- ECR {}", request.command));
        line.write_all(&[ACK])?;
        let bytes = terminal::respond(&self.fixture.terminal, request).encode();
        for _ in 0..RESENDS {
            self.say(&format!("-> {}", printable(&bytes)));
            line.write_all(&bytes)?;
            if !self.await_ack(line)? {
                return Ok(());
            }
        }
        Ok(())
    }

    /// After a response: `true` when the client NAKed it (resend). Any
    /// other input is kept for the next unit.
    fn await_ack(&mut self, line: &mut dyn Transport) -> Result<bool, TransportError> {
        let deadline = Instant::now() + ACK_WAIT;
        let mut buf = [0u8; 256];
        loop {
            match self.input.first() {
                Some(ACK) => {
                    self.input.skip_first();
                    return Ok(false);
                }
                Some(NAK) => {
                    self.input.skip_first();
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
            self.input.push(&buf[..n]);
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
