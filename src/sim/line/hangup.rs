//! A cable pulled mid-reply (`faults.disconnect_after`): after N replies,
//! half of the next one goes out and the line is dead. Every later read or
//! write fails as a closed line does, and the flag tells the simulator to
//! close its end too.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use super::is_reply;
use crate::probe::transport::{Transport, TransportError};

pub struct HangUp<L> {
    inner: L,
    /// Replies let through whole.
    after: u32,
    sent: u32,
    hung_up: Arc<AtomicBool>,
}

impl<L: Transport> HangUp<L> {
    pub fn new(inner: L, after: u32, hung_up: Arc<AtomicBool>) -> HangUp<L> {
        HangUp { inner, after, sent: 0, hung_up }
    }

    fn dead(&self) -> Result<(), TransportError> {
        if self.hung_up.load(Ordering::Relaxed) {
            return Err(TransportError::Disconnected { device: self.inner.name().to_string() });
        }
        Ok(())
    }
}

impl<L: Transport> Transport for HangUp<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        self.dead()?;
        self.inner.read(buf, deadline)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.dead()?;
        if !is_reply(bytes) {
            return self.inner.write_all(bytes);
        }
        if self.sent < self.after {
            self.sent += 1;
            return self.inner.write_all(bytes);
        }
        self.inner.write_all(&bytes[..bytes.len() / 2])?;
        self.hung_up.store(true, Ordering::Relaxed);
        self.dead()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::probe::ecr::frame::ACK;
    use crate::probe::memory::pair;
    use crate::sim::line::testing::drain;

    #[test]
    fn half_a_reply_after_n_then_dead() {
        let (mut client, server) = pair("mem");
        let flag = Arc::new(AtomicBool::new(false));
        let mut line = HangUp::new(server, 1, Arc::clone(&flag));
        line.write_all(b"\r\nOK\r\n").expect("first reply whole");
        line.write_all(&[ACK]).expect("a handshake is no reply");
        assert!(line.write_all(b"\r\n+CSQ: 24,99\r\n").is_err());
        assert!(flag.load(Ordering::Relaxed));
        assert_eq!(drain(&mut client, Duration::from_millis(50)), b"\r\nOK\r\n\x06\r\n+CSQ:");
        let mut buf = [0u8; 8];
        assert!(line.read(&mut buf, Instant::now()).is_err());
        assert!(line.write_all(&[ACK]).is_err());
    }
}
