//! Serial devices through the serialport crate, which nothing else in
//! posdiag touches: opening a port with its line settings, a
//! pseudo-terminal pair for the simulator, and the list of ports this
//! system has. Errors say what the user can do.

use std::io;
use std::time::Instant;

use super::transport::{
    Transport, TransportError, WRITE_TIMEOUT, io_error, is_timeout, read_outcome,
};
use super::url::{DataBits, FlowControl, LineSettings, Parity, StopBits};

/// A serial device.
pub struct SerialTransport {
    name: String,
    port: Box<dyn serialport::SerialPort>,
}

impl SerialTransport {
    pub fn open(path: &str, settings: &LineSettings) -> Result<SerialTransport, TransportError> {
        let builder = serialport::new(path, settings.baud)
            .data_bits(match settings.data_bits {
                DataBits::Five => serialport::DataBits::Five,
                DataBits::Six => serialport::DataBits::Six,
                DataBits::Seven => serialport::DataBits::Seven,
                DataBits::Eight => serialport::DataBits::Eight,
            })
            .parity(match settings.parity {
                Parity::None => serialport::Parity::None,
                Parity::Even => serialport::Parity::Even,
                Parity::Odd => serialport::Parity::Odd,
            })
            .stop_bits(match settings.stop_bits {
                StopBits::One => serialport::StopBits::One,
                StopBits::Two => serialport::StopBits::Two,
            })
            .flow_control(match settings.flow {
                FlowControl::None => serialport::FlowControl::None,
                FlowControl::Software => serialport::FlowControl::Software,
                FlowControl::Hardware => serialport::FlowControl::Hardware,
            })
            .timeout(WRITE_TIMEOUT)
            // serialport ignores a refused DTR on open (a pseudo-terminal).
            .dtr_on_open(true);
        let mut port = builder.open().map_err(|e| open_error(path, &e))?;
        // Modem-control lines: a pseudo-terminal or a 3-wire adapter answers
        // ENOTTY or EINVAL; the data still flows, so this is not fatal.
        if settings.flow != FlowControl::Hardware {
            let _ = port.write_request_to_send(true);
        }
        let _ = port.clear(serialport::ClearBuffer::Input);
        Ok(SerialTransport { name: path.to_string(), port })
    }
}

impl SerialTransport {
    /// Wrap a port opened elsewhere (the simulator's pseudo-terminal master).
    pub fn from_port(name: &str, port: Box<dyn serialport::SerialPort>) -> SerialTransport {
        SerialTransport { name: name.to_string(), port }
    }
}

/// Map a failure to open a serial device to what the user can do about it.
pub fn open_error(path: &str, e: &serialport::Error) -> TransportError {
    let device = path.to_string();
    match e.kind() {
        serialport::ErrorKind::NoDevice if !device_exists(path) => {
            TransportError::NotFound { device }
        }
        serialport::ErrorKind::NoDevice => TransportError::Busy { device },
        serialport::ErrorKind::Io(io::ErrorKind::NotFound) => TransportError::NotFound { device },
        serialport::ErrorKind::Io(io::ErrorKind::PermissionDenied) => {
            TransportError::PermissionDenied { device }
        }
        serialport::ErrorKind::Io(io::ErrorKind::ResourceBusy) => TransportError::Busy { device },
        // `/dev/null`, a file, a disk: ENOTTY ("not a typewriter").
        _ if is_not_a_terminal(path) => TransportError::NotSerial { device },
        _ => TransportError::Io { device, reason: e.to_string().to_lowercase() },
    }
}

/// Whether `path` exists but is no terminal device (asked after an open
/// failed, so opening it once more changes nothing).
#[cfg(unix)]
fn is_not_a_terminal(path: &str) -> bool {
    use std::os::fd::AsRawFd as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let Ok(file) = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    else {
        return false;
    };
    // SAFETY: isatty only inspects an open descriptor.
    unsafe { libc::isatty(file.as_raw_fd()) == 0 }
}

#[cfg(not(unix))]
fn is_not_a_terminal(_path: &str) -> bool {
    false
}

fn device_exists(path: &str) -> bool {
    cfg!(windows) || std::path::Path::new(path).exists()
}

impl Transport for SerialTransport {
    fn name(&self) -> &str {
        &self.name
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Ok(0);
            }
            self.port.set_timeout(deadline - now).map_err(|e| TransportError::Io {
                device: self.name.clone(),
                reason: e.to_string().to_lowercase(),
            })?;
            if let Some(result) = read_outcome(&self.name, self.port.read(buf)) {
                return result;
            }
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        let _ = self.port.set_timeout(WRITE_TIMEOUT);
        // No flush: serialport's flush is tcdrain, which has no deadline (a
        // line held by hardware flow control would block it for ever); the
        // driver sends what write() accepted.
        match self.port.write_all(bytes) {
            Ok(()) => Ok(()),
            Err(e) if is_timeout(&e) => Err(TransportError::Timeout {
                device: self.name.clone(),
                after: WRITE_TIMEOUT,
                waiting_for: "the line to accept data (check the flow control setting)".into(),
            }),
            Err(e) => Err(io_error(&self.name, &e)),
        }
    }
}

/// A new pseudo-terminal: the master end as a transport, the slave's path
/// (what a client opens), and the slave end, to keep open while serving
/// (so the master never sees a hang-up between two clients).
#[cfg(unix)]
pub fn pty_pair() -> Result<(SerialTransport, String, Box<dyn std::any::Any + Send>), String> {
    let (master, slave) = serialport::TTYPort::pair().map_err(|e| e.to_string().to_lowercase())?;
    let path = serialport::SerialPort::name(&slave).unwrap_or_default();
    Ok((SerialTransport::from_port(&path, Box::new(master)), path, Box::new(slave)))
}

/// What kind of port a listed one is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortInfo {
    pub name: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: &'static str,
    /// For USB: `VID:PID manufacturer product`.
    pub detail: Option<String>,
}

/// The serial ports this system has (pseudo-terminals are not listed).
pub fn list_ports() -> Result<Vec<PortInfo>, String> {
    let ports = serialport::available_ports().map_err(|e| e.to_string().to_lowercase())?;
    Ok(ports.into_iter().map(port_info).collect())
}

fn port_info(p: serialport::SerialPortInfo) -> PortInfo {
    let (kind, detail) = match p.port_type {
        serialport::SerialPortType::UsbPort(usb) => {
            let mut d = format!("{:04x}:{:04x}", usb.vid, usb.pid);
            for part in [usb.manufacturer, usb.product].into_iter().flatten() {
                d.push(' ');
                d.push_str(&part);
            }
            ("usb", Some(d))
        }
        serialport::SerialPortType::PciPort => ("pci", None),
        serialport::SerialPortType::BluetoothPort => ("bluetooth", None),
        serialport::SerialPortType::Unknown => ("unknown", None),
    };
    PortInfo { name: p.port_name, kind, detail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_open_failures() {
        let busy = serialport::Error::new(serialport::ErrorKind::NoDevice, "locked");
        assert!(matches!(open_error("/dev/null", &busy), TransportError::Busy { .. }));
        assert!(matches!(open_error("/no/such/tty", &busy), TransportError::NotFound { .. }));
        let denied = serialport::Error::new(
            serialport::ErrorKind::Io(io::ErrorKind::PermissionDenied),
            "no",
        );
        let e = open_error("/dev/ttyS0", &denied);
        assert!(matches!(e, TransportError::PermissionDenied { .. }));
        assert!(e.to_string().contains("dialout"));
        let missing =
            serialport::Error::new(serialport::ErrorKind::Io(io::ErrorKind::NotFound), "x");
        assert!(matches!(open_error("/dev/ttyS9", &missing), TransportError::NotFound { .. }));
    }
}
