//! A dead line: nothing the client sends reaches the session, so nothing
//! is ever answered (`faults.silent`: a terminal switched off, the wrong
//! port). Reads wait out their deadline, as on a quiet line.

use std::time::Instant;

use crate::probe::transport::{Transport, TransportError};

pub struct Deaf<L> {
    inner: L,
}

impl<L: Transport> Deaf<L> {
    pub fn new(inner: L) -> Deaf<L> {
        Deaf { inner }
    }
}

impl<L: Transport> Transport for Deaf<L> {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        // Whatever arrives is lost; a hang-up still ends the session.
        while self.inner.read(buf, deadline)? > 0 {}
        Ok(0)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.inner.write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::probe::memory::pair;

    #[test]
    fn hears_nothing_until_the_deadline_and_sees_a_hang_up() {
        let (mut client, server) = pair("mem");
        let mut line = Deaf::new(server);
        client.write_all(b"AT\r").expect("write");
        let mut buf = [0u8; 16];
        let started = Instant::now();
        let wait = Duration::from_millis(100);
        assert_eq!(line.read(&mut buf, started + wait).expect("read"), 0);
        assert!(started.elapsed() >= wait);
        drop(client);
        assert!(line.read(&mut buf, Instant::now() + wait).is_err());
    }
}
