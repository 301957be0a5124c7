//! Which command a reply answers, as a monitor on the line tells it: the
//! commands heard, split as the session splits them ([`Input`]), queued
//! per protocol; an ECR response (it starts with STX) answers the oldest
//! frame waiting, any other reply the oldest AT command line. A response
//! sent again after a NAK answers the same frame, not for the first time.
//! AT lines nobody answers (an ECR port without a modem) never hold up a
//! frame's response, and the queues are bounded.

use std::collections::VecDeque;

use crate::probe::ecr::frame::STX;
use crate::sim::input::{Input, Unit};

/// Commands kept waiting per protocol, at most.
const MAX_WAITING: usize = 64;

/// The command a reply answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answering {
    /// `AT+CSQ`, or an ECR command code (`SE`).
    pub command: String,
    /// Not a resend of a response already sent.
    pub first: bool,
}

impl Answering {
    pub fn is(&self, command: &str) -> bool {
        self.command.eq_ignore_ascii_case(command)
    }
}

#[derive(Debug, Default)]
pub struct Heard {
    input: Input,
    commands: VecDeque<String>,
    frames: VecDeque<String>,
    /// The frame the last response answered, for its resends.
    last_frame: Option<String>,
}

impl Heard {
    /// Bytes the client sent.
    pub fn push(&mut self, bytes: &[u8]) {
        self.input.push(bytes);
        while let Some(unit) = self.input.next_unit() {
            let (queue, command) = match unit {
                Unit::Command(command) => (&mut self.commands, command),
                Unit::Frame(frame) => (&mut self.frames, frame.command),
                Unit::Corrupt(_) | Unit::Skipped => continue,
            };
            if queue.len() == MAX_WAITING {
                queue.pop_front();
            }
            queue.push_back(command);
        }
    }

    /// A reply written: the command it answers, if any was heard.
    pub fn reply(&mut self, bytes: &[u8]) -> Option<Answering> {
        if bytes.first() == Some(&STX) {
            if let Some(command) = self.frames.pop_front() {
                self.last_frame = Some(command.clone());
                return Some(Answering { command, first: true });
            }
            return self.last_frame.clone().map(|command| Answering { command, first: false });
        }
        self.commands.pop_front().map(|command| Answering { command, first: true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ecr::frame::Frame;

    #[test]
    fn replies_answer_their_own_protocols_commands() {
        let mut heard = Heard::default();
        let response = Frame::new("ST", &["00"]).encode();
        // Two AT lines nobody answers, then a frame.
        heard.push(b"AT\rAT+CSQ\r");
        heard.push(&Frame::new("ST", &[]).encode());
        let st = heard.reply(&response);
        assert_eq!(st, Some(Answering { command: "ST".into(), first: true }));
        // The same response again after a NAK.
        assert_eq!(heard.reply(&response).map(|a| a.first), Some(false));
        assert_eq!(heard.reply(b"\r\nOK\r\n").map(|a| a.command), Some("AT".into()));
        assert!(heard.reply(b"\r\nOK\r\n").is_some_and(|a| a.is("at+csq")));
        assert_eq!(heard.reply(b"\r\nOK\r\n"), None);
    }

    #[test]
    fn unanswered_lines_are_bounded() {
        let mut heard = Heard::default();
        for _ in 0..1000 {
            heard.push(b"AT\r");
        }
        assert_eq!(heard.commands.len(), MAX_WAITING);
    }
}
