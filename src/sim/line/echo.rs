//! Echo on the line: every byte read goes back to the client while the
//! modem's echo is on, frames and noise too, as a software modem does
//! (iaxmodem). The modem's own echo of a command line is the reply's
//! business ([`crate::sim::modem`]); this one is the line's.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::probe::transport::{Transport, TransportError};

/// Echo everything read while `on` holds.
pub struct EchoAll<L> {
    inner: L,
    on: Arc<AtomicBool>,
}

impl<L: Transport> EchoAll<L> {
    pub fn new(inner: L, on: Arc<AtomicBool>) -> EchoAll<L> {
        EchoAll { inner, on }
    }
}

impl<L: Transport> Transport for EchoAll<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        let n = self.inner.read(buf, deadline)?;
        if n > 0 && self.on.load(Ordering::Relaxed) {
            self.inner.write_all(&buf[..n])?;
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
    use crate::sim::line::testing::read_some;

    #[test]
    fn echoes_frames_while_on_and_nothing_after() {
        let (mut client, server) = pair("mem");
        let on = Arc::new(AtomicBool::new(true));
        let mut line = EchoAll::new(server, Arc::clone(&on));
        let frame = Frame::new("ST", &[]).encode();
        client.write_all(&frame).expect("write");
        assert_eq!(read_some(&mut line), frame);
        assert_eq!(read_some(&mut client), frame, "the frame comes back");
        on.store(false, Ordering::Relaxed);
        client.write_all(b"AT\r").expect("write");
        assert_eq!(read_some(&mut line), b"AT\r");
        line.write_all(b"\r\nOK\r\n").expect("write");
        assert_eq!(read_some(&mut client), b"\r\nOK\r\n", "no echo once off");
    }
}
