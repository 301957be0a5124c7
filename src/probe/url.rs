//! Where the terminal is, as one URL-like string (documented in
//! `docs/technician.md`):
//!
//! - `/dev/ttyUSB0`, `COM3`: a serial device, 9600 8N1, no flow control;
//! - `serial:///dev/ttyUSB0?baud=115200&data=7&parity=even&stop=2&flow=hardware`:
//!   the same with line settings (every option may be left out);
//! - `tcp://HOST:PORT`: a serial-to-TCP server (ser2net-style raw TCP).
//!
//! This module only parses; opening the line is [`super::transport`]'s job.

use std::fmt;

/// Data bits per character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataBits {
    Five,
    Six,
    Seven,
    Eight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parity {
    None,
    Even,
    Odd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopBits {
    One,
    Two,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowControl {
    None,
    /// XON/XOFF.
    Software,
    /// RTS/CTS.
    Hardware,
}

/// The serial line settings: 9600 8N1 without flow control unless told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSettings {
    pub baud: u32,
    pub data_bits: DataBits,
    pub parity: Parity,
    pub stop_bits: StopBits,
    pub flow: FlowControl,
}

impl Default for LineSettings {
    fn default() -> LineSettings {
        LineSettings {
            baud: 9600,
            data_bits: DataBits::Eight,
            parity: Parity::None,
            stop_bits: StopBits::One,
            flow: FlowControl::None,
        }
    }
}

impl fmt::Display for LineSettings {
    /// `9600 8N1`, `115200 7E2 rts/cts`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = match self.data_bits {
            DataBits::Five => 5,
            DataBits::Six => 6,
            DataBits::Seven => 7,
            DataBits::Eight => 8,
        };
        let parity = match self.parity {
            Parity::None => 'N',
            Parity::Even => 'E',
            Parity::Odd => 'O',
        };
        let stop = match self.stop_bits {
            StopBits::One => 1,
            StopBits::Two => 2,
        };
        write!(f, "{} {data}{parity}{stop}", self.baud)?;
        match self.flow {
            FlowControl::None => Ok(()),
            FlowControl::Software => f.write_str(" xon/xoff"),
            FlowControl::Hardware => f.write_str(" rts/cts"),
        }
    }
}

/// A parsed port URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortUrl {
    Serial { path: String, settings: LineSettings },
    Tcp { host: String, port: u16 },
}

impl fmt::Display for PortUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortUrl::Serial { path, settings } => write!(f, "{path} ({settings})"),
            PortUrl::Tcp { host, port } if host.contains(':') => write!(f, "tcp://[{host}]:{port}"),
            PortUrl::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
        }
    }
}

/// Why a port URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("the port is empty; give a serial device such as `/dev/ttyUSB0` or `tcp://HOST:PORT`")]
    Empty,
    #[error(
        "unknown scheme `{scheme}://`; use a device path, `serial://PATH` or `tcp://HOST:PORT`"
    )]
    UnknownScheme { scheme: String },
    #[error("`{url}` has no port number; write `tcp://HOST:PORT`, e.g. `tcp://127.0.0.1:4001`")]
    MissingPort { url: String },
    #[error("`{url}` has no host; write `tcp://HOST:PORT`, e.g. `tcp://127.0.0.1:4001`")]
    MissingHost { url: String },
    #[error("`{value}` in `{url}` is not a TCP port number (1–65535)")]
    BadPort { url: String, value: String },
    #[error("unknown option `{name}` in the port URL; known: baud, data, parity, stop, flow")]
    UnknownOption { name: String },
    #[error("`{name}={value}` is not valid; use {allowed}")]
    BadOption { name: String, value: String, allowed: &'static str },
    #[error("line options (`?{query}`) apply to serial devices, not to `tcp://`")]
    OptionsOnTcp { query: String },
}

impl PortUrl {
    /// Parse `url` (see the module documentation).
    pub fn parse(url: &str) -> Result<PortUrl, UrlError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(UrlError::Empty);
        }
        if let Some(rest) = strip_scheme(url, "tcp") {
            return parse_tcp(url, rest);
        }
        let rest = strip_scheme(url, "serial").unwrap_or(url);
        if let Some((scheme, _)) = rest.split_once("://") {
            return Err(UrlError::UnknownScheme { scheme: scheme.to_string() });
        }
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        if path.is_empty() {
            return Err(UrlError::Empty);
        }
        let mut settings = LineSettings::default();
        for pair in query.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            apply_option(&mut settings, name, value)?;
        }
        Ok(PortUrl::Serial { path: path.to_string(), settings })
    }
}

fn strip_scheme<'a>(url: &'a str, scheme: &str) -> Option<&'a str> {
    let (s, rest) = url.split_once("://")?;
    s.eq_ignore_ascii_case(scheme).then_some(rest)
}

fn parse_tcp(url: &str, rest: &str) -> Result<PortUrl, UrlError> {
    let rest = rest.trim_end_matches('/');
    if let Some((_, query)) = rest.split_once('?') {
        return Err(UrlError::OptionsOnTcp { query: query.to_string() });
    }
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let (host, after) =
            v6.split_once(']').ok_or_else(|| UrlError::MissingPort { url: url.into() })?;
        let port =
            after.strip_prefix(':').ok_or_else(|| UrlError::MissingPort { url: url.into() })?;
        (host, port)
    } else {
        rest.rsplit_once(':').ok_or_else(|| UrlError::MissingPort { url: url.into() })?
    };
    if host.is_empty() {
        return Err(UrlError::MissingHost { url: url.into() });
    }
    if port.is_empty() {
        return Err(UrlError::MissingPort { url: url.into() });
    }
    let port = port
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| UrlError::BadPort { url: url.into(), value: port.into() })?;
    Ok(PortUrl::Tcp { host: host.to_string(), port })
}

/// Set one line option by its URL name; the CLI flags use the same names.
pub fn apply_option(settings: &mut LineSettings, name: &str, value: &str) -> Result<(), UrlError> {
    let bad = |allowed| UrlError::BadOption { name: name.into(), value: value.into(), allowed };
    let v = value.to_ascii_lowercase();
    match name.to_ascii_lowercase().as_str() {
        "baud" => {
            settings.baud = v
                .parse()
                .ok()
                .filter(|b| *b > 0)
                .ok_or_else(|| bad("a rate such as 9600 or 115200"))?;
        }
        "data" | "data_bits" => {
            settings.data_bits = match v.as_str() {
                "5" => DataBits::Five,
                "6" => DataBits::Six,
                "7" => DataBits::Seven,
                "8" => DataBits::Eight,
                _ => return Err(bad("5, 6, 7 or 8")),
            };
        }
        "parity" => {
            settings.parity = match v.as_str() {
                "none" | "n" => Parity::None,
                "even" | "e" => Parity::Even,
                "odd" | "o" => Parity::Odd,
                _ => return Err(bad("none, even or odd")),
            };
        }
        "stop" | "stop_bits" => {
            settings.stop_bits = match v.as_str() {
                "1" => StopBits::One,
                "2" => StopBits::Two,
                _ => return Err(bad("1 or 2")),
            };
        }
        "flow" => {
            settings.flow = match v.as_str() {
                "none" | "off" => FlowControl::None,
                "software" | "xonxoff" | "xon/xoff" => FlowControl::Software,
                "hardware" | "rtscts" | "rts/cts" => FlowControl::Hardware,
                _ => return Err(bad("none, software or hardware")),
            };
        }
        _ => return Err(UrlError::UnknownOption { name: name.into() }),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serial(path: &str, settings: LineSettings) -> PortUrl {
        PortUrl::Serial { path: path.into(), settings }
    }

    #[test]
    fn parses_device_paths() {
        assert_eq!(
            PortUrl::parse("/dev/ttyUSB0"),
            Ok(serial("/dev/ttyUSB0", LineSettings::default()))
        );
        assert_eq!(PortUrl::parse("COM3"), Ok(serial("COM3", LineSettings::default())));
        assert_eq!(
            PortUrl::parse("serial:///dev/ttyS1"),
            Ok(serial("/dev/ttyS1", LineSettings::default()))
        );
    }

    #[test]
    fn parses_line_options() {
        let url = "serial:///dev/ttyUSB0?baud=115200&data=7&parity=even&stop=2&flow=hardware";
        let expected = LineSettings {
            baud: 115_200,
            data_bits: DataBits::Seven,
            parity: Parity::Even,
            stop_bits: StopBits::Two,
            flow: FlowControl::Hardware,
        };
        assert_eq!(PortUrl::parse(url), Ok(serial("/dev/ttyUSB0", expected)));
        assert_eq!(expected.to_string(), "115200 7E2 rts/cts");
        assert_eq!(LineSettings::default().to_string(), "9600 8N1");
    }

    #[test]
    fn parses_tcp() {
        assert_eq!(
            PortUrl::parse("tcp://127.0.0.1:4001"),
            Ok(PortUrl::Tcp { host: "127.0.0.1".into(), port: 4001 })
        );
        assert_eq!(
            PortUrl::parse("TCP://[::1]:7000/"),
            Ok(PortUrl::Tcp { host: "::1".into(), port: 7000 })
        );
        assert_eq!(
            PortUrl::parse("tcp://[::1]:7000").map(|u| u.to_string()),
            Ok("tcp://[::1]:7000".into())
        );
    }

    #[test]
    fn refuses_bad_urls() {
        assert!(matches!(PortUrl::parse(""), Err(UrlError::Empty)));
        assert!(matches!(PortUrl::parse("udp://x:1"), Err(UrlError::UnknownScheme { .. })));
        assert!(matches!(PortUrl::parse("tcp://host"), Err(UrlError::MissingPort { .. })));
        assert!(matches!(PortUrl::parse("tcp://host:0"), Err(UrlError::BadPort { .. })));
        assert!(matches!(PortUrl::parse("tcp://host:99999"), Err(UrlError::BadPort { .. })));
        assert!(matches!(
            PortUrl::parse("tcp://h:1?baud=9600"),
            Err(UrlError::OptionsOnTcp { .. })
        ));
        assert!(matches!(PortUrl::parse("/dev/x?speed=1"), Err(UrlError::UnknownOption { .. })));
        assert!(matches!(PortUrl::parse("/dev/x?parity=mark"), Err(UrlError::BadOption { .. })));
        assert!(matches!(PortUrl::parse("/dev/x?baud=fast"), Err(UrlError::BadOption { .. })));
    }
}
