//! A noisy line: bytes of noise arrive before every reply (`faults.garbage`),
//! AT replies and ECR responses alike; handshakes (ACK, NAK) pass clean.

use std::time::Instant;

use super::is_reply;
use crate::probe::transport::{Transport, TransportError};

pub struct Noise<L> {
    inner: L,
    noise: Vec<u8>,
}

impl<L: Transport> Noise<L> {
    pub fn new(inner: L, noise: Vec<u8>) -> Noise<L> {
        Noise { inner, noise }
    }
}

impl<L: Transport> Transport for Noise<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        self.inner.read(buf, deadline)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        if !is_reply(bytes) {
            return self.inner.write_all(bytes);
        }
        let mut noisy = self.noise.clone();
        noisy.extend_from_slice(bytes);
        self.inner.write_all(&noisy)
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
    fn noise_before_replies_not_before_handshakes() {
        let (mut client, server) = pair("mem");
        let mut line = Noise::new(server, vec![0xff, 0x00]);
        line.write_all(b"\r\nOK\r\n").expect("write");
        line.write_all(&[ACK]).expect("write");
        let got = drain(&mut client, Duration::from_millis(50));
        assert_eq!(got, b"\xff\x00\r\nOK\r\n\x06");
    }
}
