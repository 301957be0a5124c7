//! The errors of the port, the line, exchange records and the simulator in
//! the user's language (`error-url-*`, `error-transport-*`, `error-probe-*`,
//! `error-link-*`, `error-record-*`, `error-sim-*`, `error-fixture-*`).
//! What a device or library said in its own words (an OS error on an odd
//! port, a framing detail) stays as said.

use std::time::Duration;

use super::Localize;
use crate::i18n::Arg;
use crate::lang::Lang;
use crate::probe::ecr::LinkError;
use crate::probe::replay::ReplayError;
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
        match self {
            TransportError::NotFound { device: d } => device("error-transport-not-found", d),
            TransportError::Busy { device: d } => device("error-transport-busy", d),
            TransportError::PermissionDenied { device: d } => {
                device("error-transport-permission", d)
            }
            TransportError::Refused { device: d } => device("error-transport-refused", d),
            // What it waited for is the probe's own words.
            TransportError::Timeout { device: d, after, waiting_for } => lang.t_args(
                "error-transport-timeout",
                &[("device", s(d)), ("after", seconds(*after)), ("waiting", s(waiting_for))],
            ),
            TransportError::Disconnected { device: d } => device("error-transport-disconnected", d),
            TransportError::NotSerial { device: d } => device("error-transport-not-serial", d),
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
            // The framing detail names bytes and fields: it stays as is.
            LinkError::Corrupt { command, tries, error } => lang.t_args(
                "error-link-corrupt",
                &[
                    ("command", s(command)),
                    ("tries", tries.to_string().into()),
                    ("error", error.to_string().into()),
                ],
            ),
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
                &[("path", s(path)), ("line", line.to_string().into()), ("problem", s(problem))],
            ),
        }
    }
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
            FixtureError::BadGarbage { file, byte } => {
                lang.t_args("error-fixture-garbage", &[("file", s(file)), ("byte", s(byte))])
            }
        }
    }
}
