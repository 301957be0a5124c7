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
                if lone {
                    deadline = Instant::now() + SETTLE;
                }
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
