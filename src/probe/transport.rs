//! Moving bytes to and from the terminal, and nothing else: a serial device
//! ([`super::serial`], the only user of the serialport crate) or a raw TCP
//! connection to a serial server. Every read
//! has a deadline; every way the line can fail is a [`TransportError`] that
//! names the device and says what to do. Frames and AT lines are the
//! business of [`super::at`] and [`super::ecr`].

use std::io::{self, Read as _, Write as _};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::url::PortUrl;

/// How long a write may wait for the line (flow control, a full buffer).
pub(super) const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// How long a TCP connection may take to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// A byte line to the terminal.
pub trait Transport: Send {
    /// The device as the user named it, for messages.
    fn name(&self) -> &str;

    /// Read what has arrived, waiting until `deadline` at most. `Ok(0)` means
    /// the deadline passed with nothing; a line that closed is an error.
    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError>;

    /// Write all of `bytes`, or fail within a bounded time.
    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError>;

    /// A remark for the exchange record (a timeout, a retry); no-op unless
    /// the exchange is recorded.
    fn note(&mut self, _text: &str) {}

    /// Drop stale input (line noise, a late reply) before a new exchange:
    /// read until the line is quiet for a moment, at most 100 ms.
    fn discard_input(&mut self) -> Result<usize, TransportError> {
        let end = Instant::now() + Duration::from_millis(100);
        let mut buf = [0u8; 256];
        let mut dropped = 0;
        loop {
            let now = Instant::now();
            if now >= end {
                return Ok(dropped);
            }
            let quiet = (now + Duration::from_millis(15)).min(end);
            match self.read(&mut buf, quiet)? {
                0 => return Ok(dropped),
                n => dropped += n,
            }
        }
    }
}

/// Why the line failed. Each message names the device and the next step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    #[error(
        "serial port `{device}` does not exist; check the cable and run `{}` to see the ports this system has",
        crate::invocation::hint(&["ports"])
    )]
    NotFound { device: String },
    #[error(
        "serial port `{device}` is in use by another program; close it (a terminal emulator, ModemManager, another posdiag) and try again"
    )]
    Busy { device: String },
    #[error(
        "no permission to open `{device}`; add your user to the `dialout` group (`sudo usermod -aG dialout $USER`, then log in again)"
    )]
    PermissionDenied { device: String },
    #[error(
        "nothing accepts connections at `{device}`; check the serial server's address and port and that it is running"
    )]
    Refused { device: String },
    #[error(
        "`{device}` did not answer within {} while waiting for {waiting_for}; check the cable, that the terminal is on, and the line settings (`--baud`)",
        seconds(*after)
    )]
    Timeout { device: String, after: Duration, waiting_for: String },
    #[error(
        "`{device}` was disconnected during the probe; check the cable and the terminal's power, then probe again"
    )]
    Disconnected { device: String },
    #[error(
        "`{device}` is not a serial port (not a terminal device); give the terminal's port, e.g. `/dev/ttyUSB0`, and run `{}` to see the ports this system has",
        crate::invocation::hint(&["ports"])
    )]
    NotSerial { device: String },
    #[error("cannot use `{device}`: {reason}")]
    Io { device: String, reason: String },
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Whether an I/O error means the other end is gone.
fn is_disconnect(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::BrokenPipe
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected
            | io::ErrorKind::UnexpectedEof
    ) || matches!(e.raw_os_error(), Some(5 /* EIO */ | 6 /* ENXIO */ | 19 /* ENODEV */))
}

/// One read's result as the transports report it: bytes, nothing before
/// the deadline (`Ok(0)`), or a failure; `None` to read again (a signal
/// interrupted it). A read that yields nothing without timing out is a
/// hang-up (a tty that reports readable and then gives nothing, a closed
/// socket).
pub(super) fn read_outcome(
    name: &str,
    read: io::Result<usize>,
) -> Option<Result<usize, TransportError>> {
    match read {
        Ok(0) => Some(Err(TransportError::Disconnected { device: name.to_string() })),
        Ok(n) => Some(Ok(n)),
        Err(e) if e.kind() == io::ErrorKind::Interrupted => None,
        Err(e) if is_timeout(&e) => Some(Ok(0)),
        Err(e) => Some(Err(io_error(name, &e))),
    }
}

pub(super) fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)
}

pub(super) fn io_error(name: &str, e: &io::Error) -> TransportError {
    if is_disconnect(e) {
        TransportError::Disconnected { device: name.to_string() }
    } else {
        TransportError::Io { device: name.to_string(), reason: e.to_string().to_lowercase() }
    }
}

/// A raw TCP connection to a serial-to-TCP server (ser2net `raw` mode).
pub struct TcpTransport {
    name: String,
    stream: TcpStream,
}

impl TcpTransport {
    pub fn connect(host: &str, port: u16) -> Result<TcpTransport, TransportError> {
        let name = PortUrl::Tcp { host: host.to_string(), port }.to_string();
        let addrs: Vec<_> = (host, port)
            .to_socket_addrs()
            .map_err(|e| TransportError::Io {
                device: name.clone(),
                reason: format!("cannot resolve `{host}`: {}", e.to_string().to_lowercase()),
            })?
            .collect();
        let mut last = TransportError::Refused { device: name.clone() };
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    stream
                        .set_write_timeout(Some(WRITE_TIMEOUT))
                        .map_err(|e| io_error(&name, &e))?;
                    return Ok(TcpTransport { name, stream });
                }
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    last = TransportError::Refused { device: name.clone() };
                }
                Err(e) if is_timeout(&e) => {
                    last = TransportError::Timeout {
                        device: name.clone(),
                        after: CONNECT_TIMEOUT,
                        waiting_for: "the connection to open".into(),
                    };
                }
                Err(e) => last = io_error(&name, &e),
            }
        }
        Err(last)
    }
}

impl TcpTransport {
    /// Wrap an accepted connection (the simulator's side).
    pub fn from_stream(name: &str, stream: TcpStream) -> TcpTransport {
        let _ = stream.set_nodelay(true);
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        TcpTransport { name: name.to_string(), stream }
    }
}

impl Transport for TcpTransport {
    fn name(&self) -> &str {
        &self.name
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(0);
            }
            self.stream
                .set_read_timeout(Some(deadline - now))
                .map_err(|e| io_error(&self.name, &e))?;
            if let Some(result) = read_outcome(&self.name, self.stream.read(buf)) {
                return result;
            }
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        match self.stream.write_all(bytes).and_then(|()| self.stream.flush()) {
            Ok(()) => Ok(()),
            Err(e) if is_timeout(&e) => Err(TransportError::Timeout {
                device: self.name.clone(),
                after: WRITE_TIMEOUT,
                waiting_for: "the server to accept data".into(),
            }),
            Err(e) => Err(io_error(&self.name, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_device() {
        let e = TransportError::Timeout {
            device: "/dev/ttyUSB0".into(),
            after: Duration::from_millis(2000),
            waiting_for: "the reply to `AT`".into(),
        };
        assert_eq!(
            e.to_string(),
            "`/dev/ttyUSB0` did not answer within 2.0 s while waiting for the reply to `AT`; \
             check the cable, that the terminal is on, and the line settings (`--baud`)"
        );
    }

    #[test]
    fn nothing_listening_is_refused() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        drop(listener);
        let e = TcpTransport::connect("127.0.0.1", port).err();
        assert!(matches!(e, Some(TransportError::Refused { .. })), "{e:?}");
    }
}
