//! Replies lost on the line (`faults.drop`): the reply to each command
//! named, and its resends, never reach the client. The ECR handshake still
//! does: the terminal ACKs the request and its response is lost.

use std::time::Instant;

use super::heard::Heard;
use super::is_reply;
use crate::probe::transport::{Transport, TransportError};

pub struct DropReplies<L> {
    inner: L,
    commands: Vec<String>,
    heard: Heard,
}

impl<L: Transport> DropReplies<L> {
    pub fn new(inner: L, commands: Vec<String>) -> DropReplies<L> {
        DropReplies { inner, commands, heard: Heard::default() }
    }
}

impl<L: Transport> Transport for DropReplies<L> {
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
            && let Some(answering) = self.heard.reply(bytes)
            && self.commands.iter().any(|c| answering.is(c))
        {
            return Ok(());
        }
        self.inner.write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use super::*;
    use crate::probe::at::{AtClient, Heard, Resync};
    use crate::probe::ecr::frame::{ACK, Frame};
    use crate::probe::memory::pair;
    use crate::sim::fixture::{Faults, Fixture, Modem};
    use crate::sim::line::testing::{drain, read_some, simulate};

    #[test]
    fn loses_the_named_replies_and_their_resends() {
        let (mut client, server) = pair("mem");
        let mut line = DropReplies::new(server, vec!["AT+CGMR".into(), "SE".into()]);
        client.write_all(b"AT+CGMR\rAT+CGMM\r").expect("write");
        read_some(&mut line);
        line.write_all(b"\r\nEC25EFAR06A03M4G\r\n\r\nOK\r\n").expect("write");
        line.write_all(b"\r\nEC25\r\n\r\nOK\r\n").expect("write");
        client.write_all(&Frame::new("SE", &[]).encode()).expect("write");
        read_some(&mut line);
        let response = Frame::new("SE", &["00"]).encode();
        line.write_all(&[ACK]).expect("write");
        line.write_all(&response).expect("write");
        line.write_all(&response).expect("resend");
        let got = drain(&mut client, Duration::from_millis(50));
        assert_eq!(got, b"\r\nEC25\r\n\r\nOK\r\n\x06");
    }

    /// Composed with a delay: the reply lost is still counted, so the
    /// delay stays with its own command's reply.
    #[test]
    fn a_lost_reply_shifts_no_delay() {
        let fixture = Fixture {
            modem: Modem { echo: false, ..Modem::default() },
            faults: Faults {
                drop: vec!["AT+CGMR".into()],
                delays: BTreeMap::from([("AT+CPIN?".into(), 300)]),
                ..Faults::default()
            },
            ..Fixture::default()
        };
        let (mut line, sim) = simulate(fixture);
        let mut at = AtClient::new(&mut line);
        at.numeric = false;
        let quick = Duration::from_millis(150);
        assert!(matches!(at.command("AT+CGMR", quick).expect("line"), Heard::Nothing(_)));
        assert!(matches!(at.command("AT+CPIN?", quick).expect("line"), Heard::Nothing(_)));
        let resync = at.resync("AT+CPIN?", &[], Duration::from_millis(600)).expect("line");
        assert!(matches!(resync, Resync::InStep { late: Some(_) }), "{resync:?}");
        let Heard::Reply(csq) = at.command("AT+CSQ", quick).expect("line") else {
            panic!("AT+CSQ waited for another command's delay");
        };
        assert_eq!(csq.evidence(), "AT+CSQ → +CSQ: 24,99");
        drop(line);
        assert!(sim.join().is_ok());
    }
}
