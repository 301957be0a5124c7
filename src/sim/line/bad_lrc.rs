//! Responses garbled on their way out (`faults.bad_lrc_first`): the first
//! N ECR frames the terminal sends reach the client with a wrong LRC, so
//! the client NAKs them and the terminal sends them again.

use std::time::Instant;

use crate::probe::ecr::frame::STX;
use crate::probe::transport::{Transport, TransportError};

pub struct BadLrc<L> {
    inner: L,
    /// Frames still to garble.
    left: u32,
}

impl<L: Transport> BadLrc<L> {
    pub fn new(inner: L, frames: u32) -> BadLrc<L> {
        BadLrc { inner, left: frames }
    }
}

impl<L: Transport> Transport for BadLrc<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        self.inner.read(buf, deadline)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        if self.left == 0 || bytes.first() != Some(&STX) {
            return self.inner.write_all(bytes);
        }
        self.left -= 1;
        let mut bad = bytes.to_vec();
        if let Some(last) = bad.last_mut() {
            *last ^= 0xff;
        }
        self.inner.write_all(&bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ecr::frame::{ACK, Decoder, Event, Frame};
    use crate::probe::memory::pair;
    use crate::sim::line::testing::read_some;

    #[test]
    fn the_first_frames_fail_their_check_then_pass() {
        let (mut client, server) = pair("mem");
        let mut line = BadLrc::new(server, 2);
        let frame = Frame::new("SE", &["00", "PAPER=OUT"]);
        let mut decoder = Decoder::new();
        line.write_all(&[ACK]).expect("write");
        decoder.push(&read_some(&mut client));
        assert_eq!(decoder.next_event(), Some(Event::Ack));
        for _ in 0..2 {
            line.write_all(&frame.encode()).expect("write");
            decoder.push(&read_some(&mut client));
            assert!(matches!(decoder.next_event(), Some(Event::Corrupt { .. })));
        }
        line.write_all(&frame.encode()).expect("write");
        decoder.push(&read_some(&mut client));
        assert!(matches!(decoder.next_event(), Some(Event::Frame { frame: f, .. }) if f == frame));
    }
}
