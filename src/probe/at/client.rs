//! One AT command at a time over a [`Transport`], as V.250 has it: send it
//! in upper case (some modems are case-sensitive), read until its final
//! result code or its deadline. No answer in time is [`Heard::Nothing`]
//! (whether that is fatal is the caller's decision), and after it
//! [`AtClient::resync`] brings the line back in step, so that a late reply
//! never answers the next command.

use std::time::{Duration, Instant};

use super::parser::{LineSplitter, Reply, ReplyReader, parse_reply, result_code};
use crate::probe::transport::{Transport, TransportError};

/// The sentinel of a resynchronisation: answered by a lone `OK`.
const SENTINEL: &str = "AT";

/// How long the line must stay quiet after the sentinel's `OK` for it to
/// be the last word (a late reply's `OK` is followed by the sentinel's).
const SETTLE: Duration = Duration::from_millis(150);

/// Sentinels sent before the line is declared gone (a busy modem may drop
/// a command line typed while it works).
const SENTINEL_TRIES: u32 = 2;

/// What came back to one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    Reply(Reply),
    /// The command's echo and nothing else: a modem in quiet mode (`ATQ1`)
    /// or a loopback.
    EchoOnly,
    /// No final result code before the deadline; the bytes that did come.
    Nothing(Vec<u8>),
}

/// The outcome of [`AtClient::resync`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resync {
    /// The line is in step again; the unanswered command's own reply when
    /// it came late.
    InStep { late: Option<Reply> },
    /// Not even the sentinel was answered.
    Lost,
}

pub struct AtClient<'t> {
    line: &'t mut dyn Transport,
    /// Take numeric result codes (`0`, `4`) as final: until `ATV1` is
    /// known to have been taken.
    pub numeric: bool,
}

impl<'t> AtClient<'t> {
    pub fn new(line: &'t mut dyn Transport) -> AtClient<'t> {
        AtClient { line, numeric: true }
    }

    pub fn line(&mut self) -> &mut dyn Transport {
        self.line
    }

    /// Send `command` and wait up to `timeout` for its reply.
    pub fn command(&mut self, command: &str, timeout: Duration) -> Result<Heard, TransportError> {
        let command = command.trim().to_ascii_uppercase();
        let mut reader = ReplyReader::new(&command).numeric(self.numeric);
        self.line.write_all(format!("{command}\r").as_bytes())?;
        let deadline = Instant::now() + timeout;
        let mut buf = [0u8; 512];
        let mut heard = Vec::new();
        loop {
            let n = self.line.read(&mut buf, deadline)?;
            if n == 0 {
                self.line.note(&format!(
                    "no answer to `{command}` within {:.1} s",
                    timeout.as_secs_f64()
                ));
                return Ok(if reader.echo_seen() && !reader.heard() {
                    Heard::EchoOnly
                } else {
                    Heard::Nothing(heard)
                });
            }
            if heard.len() < 4096 {
                heard.extend_from_slice(&buf[..n]);
            }
            if let Some(reply) = reader.push(&buf[..n]) {
                return Ok(Heard::Reply(reply));
            }
        }
    }

    /// After `command` went unanswered (`heard`: the bytes it did get):
    /// send a sentinel `AT` and read until a lone `OK` that the line does
    /// not follow within a moment. Two result codes or more mean the first
    /// belongs to `command`, which answered late.
    pub fn resync(
        &mut self,
        command: &str,
        heard: &[u8],
        timeout: Duration,
    ) -> Result<Resync, TransportError> {
        let mut bytes = heard.to_vec();
        let mut finals = count_finals(heard, self.numeric);
        for _ in 0..SENTINEL_TRIES {
            self.line.note(&format!("resynchronising after `{command}`"));
            self.line.write_all(format!("{SENTINEL}\r").as_bytes())?;
            let mut lines = LineSplitter::new();
            // However much the line chatters, one sentinel waits this long.
            let give_up = Instant::now() + timeout * 2;
            let mut deadline = Instant::now() + timeout;
            let mut buf = [0u8; 512];
            // A final result code with no information line before it.
            let mut lone = false;
            let mut info_since_final = false;
            loop {
                let n = self.line.read(&mut buf, deadline)?;
                if n == 0 {
                    if lone {
                        let late = (finals >= 2).then(|| parse_reply(command, &bytes)).flatten();
                        return Ok(Resync::InStep { late });
                    }
                    break;
                }
                if bytes.len() < 4096 {
                    bytes.extend_from_slice(&buf[..n]);
                }
                for line in lines.push(&buf[..n]) {
                    if line.eq_ignore_ascii_case(SENTINEL) {
                        continue;
                    }
                    if is_final(&line, self.numeric) {
                        finals += 1;
                        lone = !info_since_final;
                        info_since_final = false;
                    } else {
                        info_since_final = true;
                        lone = false;
                    }
                }
                // After a lone result code, a moment's quiet settles it;
                // otherwise a reply is still coming.
                deadline = (Instant::now() + if lone { SETTLE } else { timeout }).min(give_up);
            }
        }
        Ok(Resync::Lost)
    }
}

fn is_final(line: &str, numeric: bool) -> bool {
    result_code(line, numeric).is_some()
}

fn count_finals(bytes: &[u8], numeric: bool) -> usize {
    LineSplitter::new().push(bytes).iter().filter(|l| is_final(l, numeric)).count()
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;
    use crate::probe::memory::pair;

    /// A modem that answers `command` late: its reply, then the
    /// sentinel's `OK`, after `late` ms.
    fn late_modem(reply: &'static [u8], late: u64) -> Resync {
        let (mut client, mut modem) = pair("mem");
        let peer = thread::spawn(move || {
            let mut buf = [0u8; 64];
            // The command, then the sentinel.
            let soon = Instant::now() + Duration::from_secs(2);
            let _ = modem.read(&mut buf, soon);
            thread::sleep(Duration::from_millis(late));
            let _ = modem.write_all(reply);
            let _ = modem.read(&mut buf, soon);
            let _ = modem.write_all(b"\r\nOK\r\n");
            let _ = modem.read(&mut buf, Instant::now() + Duration::from_millis(500));
        });
        let mut at = AtClient::new(&mut client);
        at.numeric = false;
        let heard = at.command("AT+CSQ", Duration::from_millis(50)).expect("line");
        assert!(matches!(heard, Heard::Nothing(_)), "{heard:?}");
        let resync = at.resync("AT+CSQ", &[], Duration::from_millis(500)).expect("line");
        drop(client);
        let _ = peer.join();
        resync
    }

    #[test]
    fn a_late_reply_is_its_own_commands() {
        let Resync::InStep { late: Some(reply) } = late_modem(b"\r\n+CSQ: 9,99\r\n\r\nOK\r\n", 100)
        else {
            panic!("no late reply");
        };
        assert_eq!(reply.evidence(), "AT+CSQ → +CSQ: 9,99");
        // A late bare `OK` is told from the sentinel's by the count.
        let Resync::InStep { late: Some(reply) } = late_modem(b"\r\nOK\r\n", 100) else {
            panic!("no late reply");
        };
        assert_eq!(reply.evidence(), "AT+CSQ → OK");
    }

    #[test]
    fn a_silent_line_is_lost() {
        let (mut client, _modem) = pair("mem");
        let mut at = AtClient::new(&mut client);
        let started = Instant::now();
        let resync = at.resync("AT+CSQ", &[], Duration::from_millis(50)).expect("line");
        assert_eq!(resync, Resync::Lost);
        assert!(started.elapsed() < Duration::from_millis(500));
    }
}
