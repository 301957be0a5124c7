//! What a client sends, one unit at a time: an AT command line (`AT…\r`),
//! an ECR frame (STX…), or bytes a modem and a terminal skip (line ends,
//! handshakes, noise, lines that are not commands). Read with the probe's
//! own decoders: [`LineSplitter`] for command lines, [`Decoder`] for
//! frames. The session answers the units; the line's fault wrappers use
//! the same split to know which command a reply answers.

use crate::probe::at::parser::LineSplitter;
use crate::probe::ecr::frame::{ACK, Decoder, Event, Frame, FramingError, NAK, STX};

/// Longest AT line kept before it is dropped as noise.
const MAX_LINE: usize = 1024;

/// One unit of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A command line starting with `AT`, trimmed, without its `\r`.
    Command(String),
    /// A good ECR frame.
    Frame(Frame),
    /// Bytes that began like a frame and are not one: to be NAKed.
    Corrupt(FramingError),
    /// Bytes nothing answers.
    Skipped,
}

/// Bytes received and not yet split.
#[derive(Debug, Default)]
pub struct Input {
    bytes: Vec<u8>,
}

impl Input {
    pub fn push(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }

    /// The first byte not yet split (an ACK or NAK awaited after a reply).
    pub fn first(&self) -> Option<u8> {
        self.bytes.first().copied()
    }

    /// Drop the first byte (a handshake taken by [`Input::first`]).
    pub fn skip_first(&mut self) {
        if !self.bytes.is_empty() {
            self.bytes.drain(..1);
        }
    }

    /// The next unit, or `None` until more bytes arrive.
    pub fn next_unit(&mut self) -> Option<Unit> {
        let first = *self.bytes.first()?;
        if first == STX {
            let mut decoder = Decoder::new();
            decoder.push(&self.bytes);
            return match decoder.next_event()? {
                Event::Frame { frame, raw } => {
                    self.bytes.drain(..raw.len());
                    Some(Unit::Frame(frame))
                }
                Event::Corrupt { error, raw } => {
                    self.bytes.drain(..raw.len());
                    Some(Unit::Corrupt(error))
                }
                _ => {
                    self.bytes.drain(..1);
                    Some(Unit::Skipped)
                }
            };
        }
        if matches!(first, ACK | NAK | b'\r' | b'\n' | 0) {
            self.bytes.drain(..1);
            return Some(Unit::Skipped);
        }
        let Some(end) = self.bytes.iter().position(|b| matches!(*b, b'\r' | b'\n' | STX)) else {
            if self.bytes.len() > MAX_LINE {
                self.bytes.clear();
            }
            return None;
        };
        // The probe's own line decoder: line noise before the text dropped,
        // the rest trimmed.
        let mut text: Vec<u8> = self.bytes.drain(..end).collect();
        text.push(b'\r');
        let Some(text) = LineSplitter::new().push(&text).pop() else { return Some(Unit::Skipped) };
        // A command line starts with `AT`; anything else is dropped, as a
        // modem does (by bytes: the line may hold any character).
        if text.as_bytes().get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"AT")) {
            return Some(Unit::Command(text));
        }
        Some(Unit::Skipped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(chunks: &[&[u8]]) -> Vec<Unit> {
        let mut input = Input::default();
        let mut out = Vec::new();
        for chunk in chunks {
            input.push(chunk);
            while let Some(unit) = input.next_unit() {
                out.push(unit);
            }
        }
        out.retain(|u| *u != Unit::Skipped);
        out
    }

    #[test]
    fn splits_commands_and_frames_across_chunks() {
        let frame = Frame::new("ST", &[]).encode();
        let (head, tail) = frame.split_at(3);
        let got = units(&[b"\xff\xfeAT+C", b"SQ\r\nhello\rAT", head, tail, b"\r"]);
        assert_eq!(
            got,
            [
                Unit::Command("AT+CSQ".into()),
                Unit::Command("AT".into()),
                Unit::Frame(Frame::new("ST", &[]))
            ]
        );
    }

    #[test]
    fn a_frame_with_a_wrong_lrc_is_corrupt() {
        let mut frame = Frame::new("SE", &[]).encode();
        if let Some(last) = frame.last_mut() {
            *last ^= 0xff;
        }
        assert!(matches!(
            units(&[&frame]).as_slice(),
            [Unit::Corrupt(FramingError::BadLrc { .. })]
        ));
    }
}
