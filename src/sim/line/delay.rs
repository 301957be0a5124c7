//! A slow line, or a slow modem behind it: the reply to a command waits
//! `delay_ms`, plus that command's own delay (`faults.delays`), before it
//! goes out. A delay past the client's deadline is a *late reply*: it
//! arrives after the client has given up on it and sent its next command,
//! and that command is answered only after it. A response sent again after
//! a NAK does not wait again.

use std::collections::BTreeMap;
use std::thread;
use std::time::{Duration, Instant};

use super::heard::Heard;
use super::is_reply;
use crate::probe::transport::{Transport, TransportError};

pub struct Delay<L> {
    inner: L,
    every: u64,
    per_command: BTreeMap<String, u64>,
    heard: Heard,
}

impl<L: Transport> Delay<L> {
    pub fn new(inner: L, every: u64, per_command: BTreeMap<String, u64>) -> Delay<L> {
        Delay { inner, every, per_command, heard: Heard::default() }
    }
}

impl<L: Transport> Transport for Delay<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        let n = self.inner.read(buf, deadline)?;
        self.heard.push(&buf[..n]);
        Ok(n)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        if is_reply(bytes)
            && let Some(answering) = self.heard.reply(bytes).filter(|a| a.first)
        {
            let own =
                self.per_command.iter().find(|(c, _)| answering.is(c)).map_or(0, |(_, ms)| *ms);
            let ms = self.every + own;
            if ms > 0 {
                thread::sleep(Duration::from_millis(ms));
            }
        }
        self.inner.write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::probe::at::{AtClient, Heard as AtHeard, Resync};
    use crate::probe::memory::pair;
    use crate::sim::fixture::{Faults, Fixture, Modem};
    use crate::sim::line::testing::{read_some, simulate};

    #[test]
    fn waits_before_the_named_commands_reply_only() {
        let (mut client, server) = pair("mem");
        let mut line = Delay::new(server, 0, BTreeMap::from([("AT+CSQ".to_string(), 200)]));
        client.write_all(b"AT\r").expect("write");
        read_some(&mut line);
        let started = Instant::now();
        line.write_all(b"\r\nOK\r\n").expect("write");
        assert!(started.elapsed() < Duration::from_millis(100));
        client.write_all(b"at+csq\r").expect("write");
        read_some(&mut line);
        let started = Instant::now();
        line.write_all(b"\r\n+CSQ: 24,99\r\n\r\nOK\r\n").expect("write");
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert_eq!(read_some(&mut client), b"\r\nOK\r\n");
    }

    /// The probe's resync keeps a late `+CPIN:` from answering `AT+CSQ`:
    /// the simulator over the in-memory pair, the probe's own AT client.
    #[test]
    fn a_late_reply_does_not_answer_the_next_command() {
        let fixture = Fixture {
            modem: Modem { echo: false, csq: 17, ..Modem::default() },
            faults: Faults {
                delays: BTreeMap::from([("AT+CPIN?".into(), 300)]),
                ..Faults::default()
            },
            ..Fixture::default()
        };
        let (mut line, sim) = simulate(fixture);
        let mut at = AtClient::new(&mut line);
        at.numeric = false;
        let timeout = Duration::from_millis(100);
        let heard = at.command("AT+CPIN?", timeout).expect("line");
        assert!(matches!(heard, AtHeard::Nothing(_)), "{heard:?}");
        let resync = at.resync("AT+CPIN?", &[], Duration::from_millis(600)).expect("line");
        let Resync::InStep { late: Some(late) } = resync else { panic!("{resync:?}") };
        assert_eq!(late.evidence(), "AT+CPIN? → +CPIN: READY");
        let AtHeard::Reply(csq) = at.command("AT+CSQ", timeout).expect("line") else {
            panic!("AT+CSQ unanswered");
        };
        assert_eq!(csq.evidence(), "AT+CSQ → +CSQ: 17,99");
        drop(line);
        assert!(sim.join().is_ok());
    }
}
