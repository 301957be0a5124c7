//! An in-memory line: two connected [`Transport`] ends, so the probe and
//! the simulator's session can talk in one process (tests without a
//! pseudo-terminal). Dropping one end is a hang-up for the other.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use super::transport::{Transport, TransportError};

/// One end of an in-memory line.
pub struct MemoryLine {
    name: String,
    tx: Sender<Vec<u8>>,
    rx: Receiver<Vec<u8>>,
    /// Of the chunk being read.
    rest: Vec<u8>,
}

/// Two connected ends, both named `name`.
pub fn pair(name: &str) -> (MemoryLine, MemoryLine) {
    let (a_tx, b_rx) = mpsc::channel();
    let (b_tx, a_rx) = mpsc::channel();
    let end = |tx, rx| MemoryLine { name: name.to_string(), tx, rx, rest: Vec::new() };
    (end(a_tx, a_rx), end(b_tx, b_rx))
}

impl Transport for MemoryLine {
    fn name(&self) -> &str {
        &self.name
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        if self.rest.is_empty() {
            let wait = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(wait) {
                Ok(chunk) => self.rest = chunk,
                Err(RecvTimeoutError::Timeout) => return Ok(0),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(TransportError::Disconnected { device: self.name.clone() });
                }
            }
        }
        let n = self.rest.len().min(buf.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest.drain(..n);
        Ok(n)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        // Nothing written is nothing sent, as on a real line: an empty
        // chunk would end the other end's read before its deadline.
        if bytes.is_empty() {
            return Ok(());
        }
        self.tx
            .send(bytes.to_vec())
            .map_err(|_| TransportError::Disconnected { device: self.name.clone() })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn ends_talk_and_hang_up() {
        let (mut a, mut b) = pair("mem");
        a.write_all(b"AT\r").expect("write");
        let mut buf = [0u8; 2];
        let soon = Instant::now() + Duration::from_millis(100);
        assert_eq!(b.read(&mut buf, soon).expect("read"), 2);
        assert_eq!(b.read(&mut buf, soon).expect("read"), 1);
        assert_eq!(b.read(&mut buf, Instant::now()).expect("deadline"), 0);
        a.write_all(b"").expect("nothing to send");
        a.write_all(b"OK").expect("write");
        assert_eq!(b.read(&mut buf, soon).expect("read"), 2, "the empty write sent nothing");
        drop(a);
        assert!(matches!(b.read(&mut buf, soon), Err(TransportError::Disconnected { .. })));
        assert!(b.write_all(b"x").is_err());
    }
}
