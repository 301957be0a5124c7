//! Requests garbled on their way in (`faults.nak_first`, `faults.nak_all`):
//! the first N ECR request frames, or all of them, reach the terminal with
//! a wrong LRC, so it NAKs them, as on a line with the wrong parity. The
//! frame is followed by its length field, so nothing else is touched.

use std::time::Instant;

use crate::probe::ecr::frame::{MAX_DATA, STX};
use crate::probe::transport::{Transport, TransportError};

/// Where in the client's byte stream the wrapper is.
#[derive(Debug, Clone, Copy)]
enum At {
    Outside,
    /// After STX: the length's bytes so far.
    Length {
        high: Option<u8>,
    },
    /// Bytes left before the LRC (data and ETX).
    Body {
        left: usize,
    },
}

pub struct Garble<L> {
    inner: L,
    /// Frames still to garble; `None`: every one.
    left: Option<u32>,
    at: At,
}

impl<L: Transport> Garble<L> {
    pub fn new(inner: L, frames: Option<u32>) -> Garble<L> {
        Garble { inner, left: frames, at: At::Outside }
    }

    fn garble(&mut self, byte: &mut u8) {
        self.at = match self.at {
            At::Outside if *byte == STX => At::Length { high: None },
            At::Outside => At::Outside,
            At::Length { high: None } => At::Length { high: Some(*byte) },
            At::Length { high: Some(high) } => {
                let len = usize::from(u16::from_be_bytes([high, *byte]));
                if (2..=MAX_DATA).contains(&len) { At::Body { left: len + 1 } } else { At::Outside }
            }
            At::Body { left: 0 } => {
                if self.left != Some(0) {
                    *byte ^= 0xff;
                    self.left = self.left.map(|n| n - 1);
                }
                At::Outside
            }
            At::Body { left } => At::Body { left: left - 1 },
        };
    }
}

impl<L: Transport> Transport for Garble<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        let n = self.inner.read(buf, deadline)?;
        for byte in &mut buf[..n] {
            self.garble(byte);
        }
        Ok(n)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.inner.write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ecr::frame::Frame;
    use crate::probe::memory::pair;
    use crate::sim::input::{Input, Unit};
    use crate::sim::line::testing::read_some;

    fn units(line: &mut dyn Transport) -> Vec<Unit> {
        let mut input = Input::default();
        input.push(&read_some(line));
        std::iter::from_fn(|| input.next_unit()).filter(|u| *u != Unit::Skipped).collect()
    }

    #[test]
    fn garbles_the_first_frames_only_and_never_at_lines() {
        let (mut client, server) = pair("mem");
        let mut line = Garble::new(server, Some(1));
        let st = Frame::new("ST", &[]).encode();
        // One byte at a time: the wrapper keeps its place across reads.
        let mut sent = b"AT\r".to_vec();
        sent.extend_from_slice(&st);
        for byte in &sent {
            client.write_all(&[*byte]).expect("write");
        }
        let mut input = Input::default();
        for _ in 0..sent.len() {
            input.push(&read_some(&mut line));
        }
        let got: Vec<Unit> =
            std::iter::from_fn(|| input.next_unit()).filter(|u| *u != Unit::Skipped).collect();
        assert!(matches!(got.as_slice(), [Unit::Command(at), Unit::Corrupt(_)] if at == "AT"));
        client.write_all(&st).expect("write");
        assert_eq!(units(&mut line), [Unit::Frame(Frame::new("ST", &[]))]);
    }

    #[test]
    fn garbles_every_frame_when_told() {
        let (mut client, server) = pair("mem");
        let mut line = Garble::new(server, None);
        for _ in 0..5 {
            client.write_all(&Frame::new("SE", &[]).encode()).expect("write");
            assert!(matches!(units(&mut line).as_slice(), [Unit::Corrupt(_)]));
        }
    }
}
