//! A simulated terminal's state, as written in `fixtures/terminals/*.yaml`:
//! what its modem and its payment application answer, and which faults of
//! the line to inject. Every field has a healthy default, so a fixture
//! states only what is wrong. Serde structs, no behaviour.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::source::{self, Problem, SourceFile, parse_yaml};

static EMBEDDED_TERMINALS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/terminals");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// What this terminal shows, one line.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub modem: Modem,
    #[serde(default)]
    pub terminal: Terminal,
    #[serde(default)]
    pub faults: Faults,
    /// The ZVT terminal (`simulate --protocol zvt`).
    #[serde(default)]
    pub zvt: super::zvt::ZvtTerminal,
}

/// Line ends the modem uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnd {
    /// `\r\n`, as V.250 says.
    #[default]
    Crlf,
    /// `\r\r\n`, as some modules send.
    CrCrlf,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sim {
    #[default]
    Ready,
    Absent,
    PinRequired,
    PukRequired,
    Failure,
}

/// The GPRS/4G module.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Modem {
    /// Echo commands back until `ATE0`.
    pub echo: bool,
    /// Verbose result codes (`OK`) until `ATV0`; `false`: digits (`0`).
    pub verbose: bool,
    /// Result codes suppressed (`ATQ1`) until `ATQ0`.
    pub quiet: bool,
    pub line_end: LineEnd,
    /// Answer `ERROR` to commands not in upper case.
    pub case_sensitive: bool,
    pub manufacturer: String,
    pub model: String,
    pub revision: String,
    pub sim: Sim,
    /// `AT+CSQ` rssi (0–31, 99) and ber.
    pub csq: u8,
    pub ber: u8,
    /// Registration `<stat>` of `AT+CREG?`, `AT+CGREG?`, `AT+CEREG?`.
    pub creg: u8,
    pub cgreg: u8,
    pub cereg: u8,
    /// `None`: no operator selected (`+COPS: 0`).
    pub operator: Option<String>,
    pub attach: bool,
    /// Commands answered with `ERROR` / `+CME ERROR: 4`.
    pub unsupported: Vec<String>,
    /// Unsolicited result codes slipped into every query's reply.
    pub urcs: Vec<String>,
}

impl Default for Modem {
    fn default() -> Modem {
        Modem {
            echo: true,
            verbose: true,
            quiet: false,
            line_end: LineEnd::Crlf,
            case_sensitive: false,
            manufacturer: "Quectel".into(),
            model: "EC25".into(),
            revision: "EC25EFAR06A03M4G".into(),
            sim: Sim::Ready,
            csq: 24,
            ber: 99,
            creg: 1,
            cgreg: 1,
            cereg: 1,
            operator: Some("CHINA MOBILE".into()),
            attach: true,
            unsupported: Vec::new(),
            urcs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    #[default]
    Ok,
    Fault,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    Ok,
    Out,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    #[default]
    Ok,
    Overheated,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Readers {
    pub magstripe: Health,
    pub chip: Health,
    pub contactless: Health,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Printer {
    pub paper: Paper,
    pub temperature: Temperature,
}

/// The last transaction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Last {
    /// Field 39, e.g. `"00"`, `"51"`.
    pub code: String,
    #[serde(default = "zero_tvr")]
    pub tvr: String,
    #[serde(default = "tsi")]
    pub tsi: String,
    #[serde(default = "time")]
    pub time: String,
    #[serde(default)]
    pub amount: Option<String>,
}

fn zero_tvr() -> String {
    "0000000000".into()
}
fn tsi() -> String {
    "E800".into()
}
fn time() -> String {
    "2025-05-01T10:12:00".into()
}

/// The payment application, as the ECR protocol shows it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Terminal {
    pub app_version: String,
    pub tid: String,
    pub mid: String,
    pub signed_on: bool,
    pub keys: bool,
    pub batch: String,
    pub readers: Readers,
    pub printer: Printer,
    /// Percent.
    pub battery: u8,
    pub tamper: bool,
    pub modem: Health,
    pub last: Option<Last>,
    /// Newest first.
    pub error_log: Vec<String>,
    /// Commands answered with status `01`.
    pub unsupported: Vec<String>,
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal {
            app_version: "2.1.0".into(),
            tid: "12345678".into(),
            mid: "898440153110001".into(),
            signed_on: true,
            keys: true,
            batch: "000123".into(),
            readers: Readers::default(),
            printer: Printer::default(),
            battery: 87,
            tamper: false,
            modem: Health::Ok,
            last: Some(Last {
                code: "00".into(),
                tvr: zero_tvr(),
                tsi: tsi(),
                time: time(),
                amount: None,
            }),
            error_log: Vec::new(),
            unsupported: Vec::new(),
        }
    }
}

/// Faults of the line, for tests and demos of posdiag's own robustness.
/// Each is a wrapper around the line the simulator speaks through
/// ([`super::line`]); `no_modem` alone is what stands on the line.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Faults {
    /// Answer nothing at all.
    pub silent: bool,
    /// Bytes (hex, e.g. `"ff fe 00 7f"`) sent before every reply.
    pub garbage: Option<String>,
    /// Send the first N ECR responses with a wrong LRC.
    pub bad_lrc_first: u32,
    /// NAK the first N ECR requests.
    pub nak_first: u32,
    /// NAK every ECR request.
    pub nak_all: bool,
    /// Commands (`AT+CSQ`, `SE`) never answered.
    pub drop: Vec<String>,
    /// Wait before every reply.
    pub delay_ms: u64,
    /// Wait before the reply to these commands.
    pub delays: BTreeMap<String, u64>,
    /// After N replies, send half of the next one and hang up.
    pub disconnect_after: Option<u32>,
    /// Echo every byte received (frames too) while the modem's echo is on,
    /// as a software modem does; otherwise only AT command lines echo.
    pub echo_all: bool,
    /// No modem on this line (an ECR port): AT command lines go unanswered.
    pub no_modem: bool,
}

impl Faults {
    /// The garbage bytes, decoded.
    pub fn garbage_bytes(&self) -> Vec<u8> {
        self.garbage
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|h| u8::from_str_radix(h, 16).ok())
            .collect()
    }
}

/// Why a fixture could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("{0}")]
    Parse(Problem),
    #[error(transparent)]
    Read(#[from] source::SourceError),
    #[error("no fixture `{name}`; give a file path or one of: {}", known.join(", "))]
    Unknown { name: String, known: Vec<String> },
    #[error("{file}: bad `faults.garbage` byte `{byte}`; write bytes as hex, e.g. \"ff fe 00\"")]
    BadGarbage { file: String, byte: String },
    #[error("{file}: {problem}")]
    BadZvt { file: String, problem: String },
}

/// Load a fixture: a file path, or the name of a built-in one (`healthy`).
pub fn load(name_or_path: &str) -> Result<(String, Fixture), FixtureError> {
    let path = Path::new(name_or_path);
    let file = if path.is_file() {
        source::read_file(path)?
    } else {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or(name_or_path);
        let wanted = format!("{stem}.yaml");
        match EMBEDDED_TERMINALS.get_file(&wanted) {
            Some(f) => SourceFile::new(format!("fixtures/terminals/{wanted}"), f.contents()),
            None => {
                return Err(FixtureError::Unknown {
                    name: name_or_path.to_string(),
                    known: names(),
                });
            }
        }
    };
    let fixture: Fixture = parse_yaml(&file).map_err(FixtureError::Parse)?;
    if let Some(bad) = fixture
        .faults
        .garbage
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .find(|h| u8::from_str_radix(h, 16).is_err())
    {
        return Err(FixtureError::BadGarbage { file: file.name, byte: bad.to_string() });
    }
    if let Some(problem) = fixture.zvt.problem() {
        return Err(FixtureError::BadZvt { file: file.name, problem });
    }
    let name =
        Path::new(&file.name).file_stem().and_then(|s| s.to_str()).unwrap_or("fixture").to_string();
    Ok((name, fixture))
}

/// The built-in fixtures' names.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = EMBEDDED_TERMINALS
        .files()
        .filter_map(|f| f.path().file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_fixture_loads() {
        let names = names();
        assert!(names.len() >= 18, "{names:?}");
        for name in names {
            let loaded = load(&name);
            assert!(loaded.is_ok(), "{name}: {:?}", loaded.err());
        }
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let e = load("no_such_terminal").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("healthy"), "{e}");
    }
}
