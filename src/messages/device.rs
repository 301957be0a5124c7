//! The errors of the port, the line, exchange records and the simulator in
//! the user's language (`error-url-*`, `error-transport-*`, `error-probe-*`,
//! `error-link-*`, `error-record-*`, `error-sim-*`, `error-fixture-*`).
//! What a device or library said in its own words (an OS error on an odd
//! port, a framing detail) stays as said.

use std::time::Duration;

use super::Localize;
use crate::i18n::Arg;
use crate::lang::Lang;
use crate::probe::ecr::frame::MAX_DATA;
use crate::probe::ecr::{FramingError, LinkError};
use crate::probe::replay::{RecordProblem, ReplayError};
use crate::probe::zvt::link::LinkError as ZvtLinkError;
use crate::probe::{ProbeError, TransportError, UrlError};
use crate::sim::{FixtureError, SimError};

fn s(v: &str) -> Arg {
    Arg::Str(v.to_string())
}

/// `2.0 s`, as the English text writes it (a unit both languages read).
fn seconds(d: Duration) -> Arg {
    Arg::Str(format!("{:.1} s", d.as_secs_f64()))
}

impl Localize for UrlError {
    fn message(&self, lang: Lang) -> String {
        match self {
            UrlError::Empty => lang.t("error-url-empty").into(),
            UrlError::UnknownScheme { scheme } => {
                lang.t_args("error-url-scheme", &[("scheme", s(scheme))])
            }
            UrlError::MissingPort { url } => {
                lang.t_args("error-url-missing-port", &[("url", s(url))])
            }
            UrlError::MissingHost { url } => {
                lang.t_args("error-url-missing-host", &[("url", s(url))])
            }
            UrlError::BadPort { url, value } => {
                lang.t_args("error-url-bad-port", &[("url", s(url)), ("value", s(value))])
            }
            UrlError::UnknownOption { name } => {
                lang.t_args("error-url-unknown-option", &[("name", s(name))])
            }
            UrlError::BadOption { name, value, allowed } => {
                let allowed = match name.to_ascii_lowercase().as_str() {
                    "baud" => lang.t("error-allowed-baud"),
                    "data" | "data_bits" => lang.t("error-allowed-data"),
                    "parity" => lang.t("error-allowed-parity"),
                    "stop" | "stop_bits" => lang.t("error-allowed-stop"),
                    "flow" => lang.t("error-allowed-flow"),
                    _ => allowed,
                };
                lang.t_args(
                    "error-url-bad-option",
                    &[("name", s(name)), ("value", s(value)), ("allowed", s(allowed))],
                )
            }
            UrlError::OptionsOnTcp { query } => {
                lang.t_args("error-url-options-on-tcp", &[("query", s(query))])
            }
        }
    }
}

impl Localize for TransportError {
    fn message(&self, lang: Lang) -> String {
        let device = |id: &'static str, d: &str| lang.t_args(id, &[("device", s(d))]);
        // What lists the ports, named as this posdiag was started.
        let ports = |id: &'static str, d: &str| {
            let ports = crate::invocation::hint(&["ports"]);
            lang.t_args(id, &[("device", s(d)), ("ports", ports.into())])
        };
        match self {
            TransportError::NotFound { device: d } => ports("error-transport-not-found", d),
            TransportError::Busy { device: d } => device("error-transport-busy", d),
            TransportError::PermissionDenied { device: d } => {
                device("error-transport-permission", d)
            }
            TransportError::Refused { device: d } => device("error-transport-refused", d),
            TransportError::Timeout { device: d, after, waiting_for } => lang.t_args(
                "error-transport-timeout",
                &[
                    ("device", s(d)),
                    ("after", seconds(*after)),
                    ("waiting", waiting(lang, waiting_for)),
                ],
            ),
            TransportError::Disconnected { device: d } => device("error-transport-disconnected", d),
            TransportError::NotSerial { device: d } => ports("error-transport-not-serial", d),
            TransportError::Io { device: d, reason } => {
                lang.t_args("error-transport-io", &[("device", s(d)), ("reason", s(reason))])
            }
        }
    }
}

impl Localize for ProbeError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ProbeError::Transport(e) => e.message(lang),
            ProbeError::Link { device, error } => lang.t_args(
                "error-probe-link",
                &[("device", s(device)), ("error", error.message(lang).into())],
            ),
            ProbeError::Zvt { device, error } => lang.t_args(
                "error-probe-link",
                &[("device", s(device)), ("error", error.message(lang).into())],
            ),
            ProbeError::NoProtocol { device, after } => lang.t_args(
                "error-probe-no-protocol",
                &[("device", s(device)), ("after", seconds(*after))],
            ),
            ProbeError::EchoOnly { device } => {
                lang.t_args("error-probe-echo-only", &[("device", s(device))])
            }
        }
    }
}

impl Localize for LinkError {
    fn message(&self, lang: Lang) -> String {
        match self {
            LinkError::Refused { command, naks } => lang.t_args(
                "error-link-refused",
                &[("command", s(command)), ("naks", naks.to_string().into())],
            ),
            LinkError::Corrupt { command, tries, error } => lang.t_args(
                "error-link-corrupt",
                &[
                    ("command", s(command)),
                    ("tries", tries.to_string().into()),
                    ("error", error.message(lang).into()),
                ],
            ),
        }
    }
}

impl Localize for ZvtLinkError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ZvtLinkError::Refused { command, naks } => lang.t_args(
                "error-zvt-refused",
                &[("command", s(command)), ("naks", naks.to_string().into())],
            ),
            ZvtLinkError::Corrupt { command, tries } => lang.t_args(
                "error-zvt-corrupt",
                &[("command", s(command)), ("tries", tries.to_string().into())],
            ),
            ZvtLinkError::Endless { command } => lang.t_args(
                "error-zvt-endless",
                &[
                    ("command", s(command)),
                    ("max", crate::probe::zvt::link::MAX_MESSAGES.to_string().into()),
                ],
            ),
            ZvtLinkError::NotZvt { bytes } => {
                lang.t_args("error-zvt-not-zvt", &[("bytes", s(bytes))])
            }
        }
    }
}

/// What a timed-out read waited for. The probe says it in a few fixed
/// shapes (`the reply to `AT``, `an ACK for `ST` (3 tries)`); each is worded
/// from the catalogue, anything else stays as the probe said it.
fn waiting(lang: Lang, what: &str) -> Arg {
    let quoted = |prefix: &str, suffix: &str| {
        what.strip_prefix(prefix).and_then(|r| r.strip_suffix(suffix)).map(str::to_string)
    };
    let text = if let Some(c) = quoted("the reply to `", "`") {
        lang.t_args("waiting-reply", &[("command", c.into())])
    } else if let Some(c) = quoted("the replies to `", "` and to `AT` after it") {
        lang.t_args("waiting-replies", &[("command", c.into())])
    } else if let Some((c, tries)) =
        quoted("an ACK for `", " tries)").as_deref().and_then(|r| r.split_once("` ("))
    {
        lang.t_args("waiting-ack", &[("command", c.into()), ("tries", tries.into())])
    } else {
        match what {
            "the line to accept data (check the flow control setting)" => lang.t("waiting-line"),
            "the connection to open" => lang.t("waiting-connection"),
            "the server to accept data" => lang.t("waiting-server"),
            _ => what,
        }
        .to_string()
    };
    Arg::Str(text)
}

impl Localize for FramingError {
    fn message(&self, lang: Lang) -> String {
        let hex = |b: u8| Arg::Str(format!("0x{b:02X}"));
        match self {
            FramingError::BadLrc { expected, found } => lang
                .t_args("framing-bad-lrc", &[("found", hex(*found)), ("expected", hex(*expected))]),
            FramingError::MissingEtx { found } => {
                lang.t_args("framing-missing-etx", &[("found", hex(*found))])
            }
            FramingError::BadLength { len } => lang.t_args(
                "framing-bad-length",
                &[("len", len.to_string().into()), ("max", MAX_DATA.to_string().into())],
            ),
            FramingError::Short { len } => {
                lang.t_args("framing-short", &[("len", len.to_string().into())])
            }
            FramingError::BadCommand { bytes } => lang.t_args(
                "framing-bad-command",
                &[("bytes", crate::probe::bytes::printable(bytes).into())],
            ),
            FramingError::MissingSeparator { found } => {
                lang.t_args("framing-missing-separator", &[("found", hex(*found))])
            }
        }
    }
}

impl Localize for ReplayError {
    fn message(&self, lang: Lang) -> String {
        use crate::probe::record::{FORMAT, MAGIC};
        match self {
            ReplayError::Read { path, kind, reason } => {
                let reason = match lang {
                    Lang::En => reason.clone(),
                    Lang::Zh => super::errors::io(lang, &std::io::Error::from(*kind)),
                };
                lang.t_args("error-record-read", &[("path", s(path)), ("reason", reason.into())])
            }
            ReplayError::NotARecord { path } => {
                lang.t_args("error-record-not-a-record", &[("path", s(path)), ("magic", s(MAGIC))])
            }
            ReplayError::Format { path, found } => lang.t_args(
                "error-record-format",
                &[("path", s(path)), ("found", s(found)), ("reads", FORMAT.to_string().into())],
            ),
            ReplayError::Bad { path, line, problem } => lang.t_args(
                "error-record-bad",
                &[
                    ("path", s(path)),
                    ("line", line.to_string().into()),
                    ("problem", record_problem(lang, problem)),
                ],
            ),
        }
    }
}

fn record_problem(lang: Lang, p: &RecordProblem) -> Arg {
    let text = match p {
        RecordProblem::Timeout(v) => lang.t_args("record-bad-timeout", &[("value", s(v))]),
        RecordProblem::Count(v) => lang.t_args("record-bad-count", &[("value", s(v))]),
        RecordProblem::Short { announced, found } => lang.t_args(
            "record-short",
            &[("announced", announced.to_string().into()), ("found", found.to_string().into())],
        ),
        RecordProblem::Hex(v) => lang.t_args("record-not-hex", &[("value", s(v))]),
    };
    Arg::Str(text)
}

impl Localize for SimError {
    fn message(&self, lang: Lang) -> String {
        match self {
            SimError::Pty { reason } => lang.t_args("error-sim-pty", &[("reason", s(reason))]),
            SimError::Listen { addr, reason } => {
                lang.t_args("error-sim-listen", &[("addr", s(addr)), ("reason", s(reason))])
            }
            SimError::Line(e) => e.message(lang),
        }
    }
}

impl Localize for FixtureError {
    fn message(&self, lang: Lang) -> String {
        match self {
            FixtureError::Parse(problem) => super::problem_line(lang, problem),
            FixtureError::Read(e) => e.message(lang),
            FixtureError::Unknown { name, known } => lang.t_args(
                "error-fixture-unknown",
                &[("name", s(name)), ("known", known.join(", ").into())],
            ),
            FixtureError::BadZvt { file, problem } => {
                lang.t_args("error-fixture-zvt", &[("file", s(file)), ("problem", s(problem))])
            }
            FixtureError::BadGarbage { file, byte } => {
                lang.t_args("error-fixture-garbage", &[("file", s(file)), ("byte", s(byte))])
            }
        }
    }
}
