//! Faults of the line as wrappers around a [`Transport`], so the session
//! that answers never knows: [`EchoAll`] sends every byte it reads back to
//! the client while the modem's echo is on, frames and noise too, as a
//! software modem does (iaxmodem).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::probe::transport::{Transport, TransportError};

/// Echo everything read while `on` holds.
pub struct EchoAll<'l> {
    inner: &'l mut dyn Transport,
    on: Arc<AtomicBool>,
}

impl<'l> EchoAll<'l> {
    pub fn new(inner: &'l mut dyn Transport, on: Arc<AtomicBool>) -> EchoAll<'l> {
        EchoAll { inner, on }
    }
}

impl Transport for EchoAll<'_> {
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
