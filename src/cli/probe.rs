//! `posdiag probe URL`: read what the terminal can tell and print every
//! fact with its evidence, as a table or JSON. Also the probe step of
//! `diagnose --port` ([`probe_facts`]), with a spinner on stderr while a
//! slow probe runs (only when stderr is a terminal).

use std::io::IsTerminal as _;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::arguments::{
    FlowArg, Format, ParityArg, PortOptions, ProbeArgs, ProtocolArg, ZvtFramingArg,
};
use super::context::Context;
use crate::engine::{Fact, Facts};
use crate::error::{Error, Usage};
use crate::exit::Exit;
use crate::lang::Lang;
use crate::probe::record::{Header, Recorder};
use crate::probe::replay::{Record, Replay};
use crate::probe::url::{DataBits, FlowControl, Parity, StopBits};
use crate::probe::{
    self, Options, PortUrl, ProbeError, Protocol, Readings, Transport, TransportError,
};

/// Version of `probe --format json`'s shape (2: `absent`, and `kind` on
/// each unsupported command).
pub const PROBE_VERSION: u32 = 2;

/// What `posdiag probe --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeReport {
    pub version: u32,
    #[serde(flatten)]
    pub readings: Readings,
}

pub fn run(ctx: &Context, args: &ProbeArgs) -> Result<Exit, Error> {
    let readings = read_terminal(args.url.as_deref(), &args.line, ctx.lang)?;
    match args.format {
        Format::Json => {
            let report = ProbeReport { version: PROBE_VERSION, readings };
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            super::probe_view::print_out(&format!("{json}\n"))?;
        }
        Format::Text => {
            super::probe_view::print_out(&super::probe_view::render(&readings, ctx.lang))?
        }
    }
    Ok(Exit::Ok)
}

/// Probe the terminal at `url` and return its facts: the probe step of
/// `diagnose --port`, scripted or interactive. A terminal that cannot be
/// reached is [`Error::Device`] (exit 4); a bad URL is a usage error.
pub fn probe_facts(
    url: Option<&str>,
    opts: &PortOptions,
    lang: Lang,
    interactive: bool,
) -> Result<Vec<Fact>, Error> {
    let readings = read_terminal(url, opts, lang)?;
    // Interactive: show what the probe found before the first question.
    if interactive {
        super::probe_view::print_err(&super::probe_view::render(&readings, lang));
    }
    Ok(readings.facts)
}

/// Probed facts first, then the given ones on top: what the user states
/// wins over what was read.
pub fn merge_facts(probed: Vec<Fact>, given: &Facts) -> Facts {
    let mut facts: Facts = probed.into_iter().collect();
    for fact in given.iter() {
        facts.insert(fact.clone());
    }
    facts
}

fn protocol_of(arg: ProtocolArg) -> Protocol {
    match arg {
        ProtocolArg::Auto => Protocol::Auto,
        ProtocolArg::At => Protocol::At,
        ProtocolArg::Ecr => Protocol::Ecr,
        ProtocolArg::Zvt => Protocol::Zvt,
    }
}

/// Read the terminal: from the port `url` names (the line flags applied),
/// or, with `--replay`, from a record.
pub fn read_terminal(url: Option<&str>, opts: &PortOptions, lang: Lang) -> Result<Readings, Error> {
    let mut options = Options {
        protocol: protocol_of(opts.protocol),
        timeout: Duration::from_millis(if opts.timeout_ms == 0 { 2000 } else { opts.timeout_ms }),
        zvt: zvt_settings(opts)?,
    };
    if let Some(path) = &opts.replay {
        if url.is_some() {
            return Err(Usage::ReplayAndPort.into());
        }
        let settings = opts.baud.is_some()
            || opts.data_bits.is_some()
            || opts.parity.is_some()
            || opts.stop_bits.is_some()
            || opts.flow.is_some();
        if settings {
            return Err(Usage::ReplaySettings.into());
        }
        return replay(path, &mut options);
    }
    let Some(url) = url else {
        return Err(Usage::NoPort.into());
    };
    let given_url = url;
    let mut url = port_url(url, opts)?;
    options.zvt.framed = match opts.zvt_framing {
        ZvtFramingArg::Auto => matches!(url, PortUrl::Serial { .. }),
        ZvtFramingArg::Blocks => true,
        ZvtFramingArg::Apdu => false,
    };
    // ZVT's serial line has two stop bits unless the terminal is set
    // otherwise (PA00P016); `--stop-bits` or `stop=` in the URL still rule.
    if let (ProtocolArg::Zvt, PortUrl::Serial { settings, .. }) = (opts.protocol, &mut url)
        && opts.stop_bits.is_none()
        && !given_url.contains("stop")
    {
        settings.stop_bits = StopBits::Two;
    }
    let device = url.to_string();
    let line = crate::probe::open(&url).map_err(ProbeError::from)?;
    let mut line: Box<dyn Transport> = Box::new(Spinner::start(line, &device, lang));
    let result = match &opts.record {
        Some(path) => {
            let header = Header {
                device: device.clone(),
                protocol: format!("{:?}", opts.protocol).to_lowercase(),
                timeout_ms: u64::try_from(options.timeout.as_millis()).unwrap_or(u64::MAX),
            };
            let mut rec = Recorder::create(path, line, &header)
                .map_err(|source| Error::Write { path: path.clone(), source })?;
            let result = probe::probe(&mut rec, &device, &options);
            rec.finish().map_err(|source| Error::Write { path: path.clone(), source })?;
            result
        }
        None => probe::probe(line.as_mut(), &device, &options),
    };
    Ok(result?)
}

/// What a ZVT probe may do, from `--zvt-password`, `--zvt-selftest` and
/// `--zvt-print-config`.
fn zvt_settings(opts: &PortOptions) -> Result<crate::probe::zvt::Settings, Error> {
    let mut settings = crate::probe::zvt::Settings {
        selftest: opts.zvt_selftest,
        print_config: opts.zvt_print_config,
        ..Default::default()
    };
    if let Some(pw) = &opts.zvt_password {
        settings.password = crate::probe::zvt::password(pw)
            .ok_or_else(|| Error::from(Usage::ZvtPassword { given: pw.clone() }))?;
    }
    if let Some(given) = &opts.zvt_service_byte {
        let byte = (given.len() == 2).then(|| u8::from_str_radix(given, 16).ok()).flatten();
        settings.service_byte =
            Some(byte.ok_or_else(|| Usage::ZvtServiceByte { given: given.clone() })?);
    }
    Ok(settings)
}

/// Probe a record offline, with the protocol and timeout it was made with.
fn replay(path: &Path, options: &mut Options) -> Result<Readings, Error> {
    let record = Record::load(path)?;
    options.protocol = match record.header.protocol.as_str() {
        "at" => Protocol::At,
        "ecr" => Protocol::Ecr,
        "zvt" => Protocol::Zvt,
        _ => Protocol::Auto,
    };
    // A record of a serial line holds blocks; of a TCP line, bare APDUs,
    // or blocks when the terminal sat behind a serial-to-TCP server
    // (`--zvt-framing blocks`): the ECR's first block says so.
    options.zvt.framed = !record.header.device.starts_with("tcp://") || record.sent_zvt_blocks();
    options.timeout = Duration::from_millis(record.header.timeout_ms.max(1));
    let mut line = Replay::new(&record.header.device, &record);
    let mut readings = probe::probe(&mut line, &record.header.device, options)?;
    readings.notes.push(format!("replayed from the record `{}`", path.display()));
    Ok(readings)
}

/// The URL with `--baud` and friends applied over its own options.
fn port_url(url: &str, opts: &PortOptions) -> Result<PortUrl, Error> {
    let mut url = PortUrl::parse(url)?;
    let given = opts.baud.is_some()
        || opts.data_bits.is_some()
        || opts.parity.is_some()
        || opts.stop_bits.is_some()
        || opts.flow.is_some();
    match &mut url {
        PortUrl::Serial { settings, .. } => {
            if let Some(baud) = opts.baud.filter(|b| *b > 0) {
                settings.baud = baud;
            }
            if let Some(bits) = opts.data_bits {
                settings.data_bits = match bits {
                    5 => DataBits::Five,
                    6 => DataBits::Six,
                    7 => DataBits::Seven,
                    _ => DataBits::Eight,
                };
            }
            if let Some(p) = opts.parity {
                settings.parity = match p {
                    ParityArg::None => Parity::None,
                    ParityArg::Even => Parity::Even,
                    ParityArg::Odd => Parity::Odd,
                };
            }
            if let Some(stop) = opts.stop_bits {
                settings.stop_bits = if stop == 2 { StopBits::Two } else { StopBits::One };
            }
            if let Some(flow) = opts.flow {
                settings.flow = match flow {
                    FlowArg::None => FlowControl::None,
                    FlowArg::Software => FlowControl::Software,
                    FlowArg::Hardware => FlowControl::Hardware,
                };
            }
        }
        PortUrl::Tcp { .. } if given => {
            return Err(Usage::TcpSettings.into());
        }
        PortUrl::Tcp { .. } => {}
    }
    Ok(url)
}

/// A spinner on stderr while the probe runs, when stderr is a terminal,
/// naming the command it waits for. A wrapper of the line, so the probe
/// does not know it is watched.
struct Spinner {
    inner: Box<dyn Transport>,
    bar: Option<indicatif::ProgressBar>,
    device: String,
    lang: Lang,
}

impl Spinner {
    fn start(inner: Box<dyn Transport>, device: &str, lang: Lang) -> Spinner {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_message(format!("{} {device}…", lang.t("probe-probing")));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Spinner { inner, bar, device: device.to_string(), lang }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// What a sent chunk is, for the spinner: `AT+CSQ`, `ECR ST`, `ZVT
/// Diagnosis (06 70)`.
fn sent_command(bytes: &[u8]) -> Option<String> {
    match bytes {
        [crate::probe::ecr::frame::STX, _, _, a, b, ..] => {
            Some(format!("ECR {}", String::from_utf8_lossy(&[*a, *b])))
        }
        [b'A' | b'a', b'T' | b't', ..] => {
            Some(String::from_utf8_lossy(bytes).trim_end().to_string())
        }
        // A ZVT command: a serial block, or a bare APDU on TCP.
        [0x10, 0x02, class @ (0x05 | 0x06), instr, ..] | [class @ (0x05 | 0x06), instr, ..] => {
            Some(format!("ZVT {}", crate::probe::zvt::message::command_name(*class, *instr)))
        }
        _ => None,
    }
}

impl Transport for Spinner {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        self.inner.read(buf, deadline)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        if let (Some(bar), Some(command)) = (&self.bar, sent_command(bytes)) {
            bar.set_message(format!(
                "{} {}: {} {command}…",
                self.lang.t("probe-probing"),
                self.device,
                self.lang.t("probe-waiting-for-the-answer-to"),
            ));
        }
        self.inner.write_all(bytes)
    }

    fn note(&mut self, text: &str) {
        self.inner.note(text);
    }
}

#[cfg(test)]
mod tests {
    use super::sent_command;

    #[test]
    fn the_spinner_names_what_it_waits_for() {
        assert_eq!(sent_command(b"AT+CSQ\r").as_deref(), Some("AT+CSQ"));
        let zvt = crate::probe::zvt::frame::encode(&[0x06, 0x70, 0x00]);
        assert_eq!(sent_command(&zvt).as_deref(), Some("ZVT Diagnosis (06 70)"));
        assert_eq!(
            sent_command(&[0x05, 0x01, 0x00]).as_deref(),
            Some("ZVT Status Enquiry (05 01)")
        );
        assert_eq!(sent_command(&[0x80, 0x00, 0x00]), None);
    }
}
