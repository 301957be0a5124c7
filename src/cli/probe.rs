//! `posdiag probe URL`: read what the terminal can tell and print every
//! fact with its evidence, as a table or JSON. Also the probe step of
//! `diagnose --port` ([`probe_facts`]), with a spinner on stderr while a
//! slow probe runs (only when stderr is a terminal).

use std::io::IsTerminal as _;
use std::time::Duration;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::{Deserialize, Serialize};

use super::arguments::{FlowArg, Format, ParityArg, PortOptions, ProbeArgs, ProtocolArg};
use super::context::Context;
use crate::engine::{Answers, Fact, Facts};
use crate::error::Error;
use crate::exit::Exit;
use crate::lang::Lang;
use crate::probe::record::Recorder;
use crate::probe::url::{DataBits, FlowControl, Parity, StopBits};
use crate::probe::{self, Options, PortUrl, Protocol, Readings, Transport, transport};
use crate::rules::{NodeId, RuleSet};

/// Version of `probe --format json`'s shape.
pub const PROBE_VERSION: u32 = 1;

/// What `posdiag probe --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeReport {
    pub version: u32,
    #[serde(flatten)]
    pub readings: Readings,
}

pub fn run(ctx: &Context, args: &ProbeArgs) -> Result<Exit, Error> {
    let readings = read_terminal(&args.url, &args.line, ctx.lang)?;
    match args.format {
        Format::Json => {
            let report = ProbeReport { version: PROBE_VERSION, readings };
            crate::outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text => crate::out!("{}", render(&readings, ctx.lang)),
    }
    Ok(Exit::Ok)
}

/// Probe the terminal at `url` and return its facts: the probe step of
/// `diagnose --port`, scripted or interactive. A terminal that cannot be
/// reached is [`Error::Device`] (exit 4); a bad URL is a usage error.
pub fn probe_facts(url: &str, opts: &PortOptions, lang: Lang) -> Result<Vec<Fact>, Error> {
    Ok(read_terminal(url, opts, lang)?.facts)
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

/// Where a walk starts when the terminal's last transaction ended with a
/// response code that has a node of its own — unless the user already
/// chose a start or answered the root question.
pub fn start_from_code(rules: &RuleSet, facts: &Facts, answers: &Answers) -> Option<NodeId> {
    if answers.get(&rules.node(rules.root()).id).is_some() {
        return None;
    }
    let code = facts.get("last.response_code")?;
    let node = crate::codes::start_for_response_code(rules, &code.value)?;
    // The path starts past the triage, so say why, with the bytes behind it.
    crate::eoutln!(
        "posdiag: the last transaction ended with response code {}; starting at `{}`{}",
        code.value,
        rules.node(node).id,
        code.evidence.as_ref().map(|e| format!(" (evidence: {e})")).unwrap_or_default()
    );
    Some(node)
}

/// Parse the URL, apply the line flags, open the line, probe.
pub fn read_terminal(url: &str, opts: &PortOptions, lang: Lang) -> Result<Readings, Error> {
    let url = port_url(url, opts)?;
    let options = Options {
        protocol: match opts.protocol {
            ProtocolArg::Auto => Protocol::Auto,
            ProtocolArg::At => Protocol::At,
            ProtocolArg::Ecr => Protocol::Ecr,
        },
        timeout: Duration::from_millis(if opts.timeout_ms == 0 { 2000 } else { opts.timeout_ms }),
    };
    let device = url.to_string();
    let spinner = Spinner::start(&device, lang);
    let line = transport::open(&url).map_err(|e| Error::Device(e.to_string()));
    let result = line.and_then(|line| match &opts.record {
        Some(path) => {
            let mut rec = Recorder::create(path, line, &device)
                .map_err(|source| Error::Write { path: path.clone(), source })?;
            let result = probe::probe(&mut rec, &device, &options);
            rec.finish().map_err(|source| Error::Write { path: path.clone(), source })?;
            Ok(result)
        }
        None => {
            let mut line: Box<dyn Transport> = line;
            Ok(probe::probe(line.as_mut(), &device, &options))
        }
    });
    spinner.stop();
    result?.map_err(|e| Error::Device(e.to_string()))
}

/// The URL with `--baud` and friends applied over its own options.
fn port_url(url: &str, opts: &PortOptions) -> Result<PortUrl, Error> {
    let mut url = PortUrl::parse(url).map_err(|e| Error::Usage(e.to_string()))?;
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
            return Err(Error::Usage(
                "line settings (`--baud`, `--parity`…) apply to serial devices; for `tcp://` set them on the serial server".into(),
            ));
        }
        PortUrl::Tcp { .. } => {}
    }
    Ok(url)
}

/// A spinner on stderr while the probe runs, when stderr is a terminal.
struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    fn start(device: &str, lang: Lang) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(format!("{} {device}…", lang.pick("正在读取终端", "probing")));
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(Some(bar))
    }

    fn stop(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}

/// The readings as text: a header, the facts table, what was missing.
pub fn render(r: &Readings, lang: Lang) -> String {
    let protocols: Vec<&str> = r
        .protocols
        .iter()
        .map(|p| match p {
            Protocol::At => "AT",
            Protocol::Ecr => "ECR",
            Protocol::Auto => "auto",
        })
        .collect();
    let mut out = format!(
        "{} {}   {} {}\n",
        lang.pick("设备:", "Device:"),
        r.device,
        lang.pick("协议:", "Protocols:"),
        protocols.join(", ")
    );
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec![
        lang.pick("事实", "Fact"),
        lang.pick("值", "Value"),
        lang.pick("依据（收到的字节）", "Evidence (bytes received)"),
    ]);
    for f in &r.facts {
        t.add_row(vec![f.name.clone(), f.value.clone(), f.evidence.clone().unwrap_or_default()]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    if !r.unsupported.is_empty() {
        out.push_str(
            lang.pick("未得到回答的命令（缺少的事实）:\n", "Not answered (missing facts):\n"),
        );
        for u in &r.unsupported {
            out.push_str(&format!("  {} → {}\n", u.command, u.reply));
        }
    }
    for note in &r.notes {
        out.push_str(&format!("{} {note}\n", lang.pick("注意:", "Note:")));
    }
    out
}
