//! The errors a command can end with, each mapped to an exit code. Faults the
//! terminal reports are not here: they are data in a diagnosis.
//!
//! Errors are data: `Display` is the English developer text, and what a user
//! reads comes from [`crate::i18n::Localize`] in the run's language.

use std::path::PathBuf;

pub mod json;
mod words;

use crate::engine::{AnswerError, GivenError};
use crate::exit::Exit;
use crate::source::Problem;
use crate::source::SourceError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("the rules have {} problem(s); run `{check}` to see them all:\n{}", problems.len(), first_lines(problems))]
    Rules {
        problems: Vec<Problem>,
        /// The command that lists them: `posdiag check` with the same
        /// `--rules` and `--codes`.
        check: String,
    },
    #[error("{0}")]
    Parse(Problem),
    #[error("{}", first_errors(errors))]
    Answers { errors: Vec<GivenError> },
    #[error(transparent)]
    Answer(#[from] AnswerError),
    #[error("unknown node `{node}`{}", hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default())]
    UnknownNode { node: String, hint: Option<String> },
    #[error("`{arg}` is not of the form NAME=VALUE")]
    FactSyntax { arg: String },
    #[error("cannot write `{}`: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    #[error(transparent)]
    Session(#[from] crate::session::SessionError),
    #[error(transparent)]
    Lock(#[from] crate::lock::LockError),
    #[error(transparent)]
    History(#[from] crate::history::HistoryError),
    #[error(transparent)]
    Code(#[from] crate::codes::CodeError),
    #[error(transparent)]
    Hex(#[from] crate::codes::emv::HexError),
    /// A port URL that does not parse (a usage error).
    #[error(transparent)]
    Url(#[from] crate::probe::url::UrlError),
    /// A `--replay` record that cannot be read (a usage error).
    #[error(transparent)]
    Record(#[from] crate::probe::replay::ReplayError),
    /// A simulator fixture that cannot be loaded (a usage error).
    #[error(transparent)]
    Fixture(#[from] crate::sim::FixtureError),
    /// The terminal could not be reached or understood.
    #[error(transparent)]
    Probe(#[from] crate::probe::ProbeError),
    /// The simulator could not serve.
    #[error(transparent)]
    Sim(#[from] crate::sim::SimError),
    /// `posdiag serve` could not start or stopped.
    #[error(transparent)]
    Serve(#[from] crate::serve::error::StartError),
    #[error("cannot list serial ports: {reason}")]
    Ports { reason: String },
    #[error(transparent)]
    Usage(#[from] Usage),
    #[error("interrupted")]
    Interrupted,
}

/// How posdiag was called, where the argument parser cannot see it wrong.
#[derive(Debug, thiserror::Error)]
pub enum Usage {
    #[error("unknown tree `{tree}`; {}", hint.clone().unwrap_or_else(|| format!("trees are: {}", trees.join(", "))))]
    UnknownTree { tree: String, hint: Option<String>, trees: Vec<String> },
    #[error(transparent)]
    Graphviz(#[from] crate::report::GraphvizError),
    #[error("batch stopped: {source}")]
    BatchStopped { source: std::io::Error },
    #[error("give a port or `--replay RECORD`, not both: a replay reads no port")]
    ReplayAndPort,
    #[error(
        "line settings (`--baud`, `--parity`…) apply to a port; a replay uses the record's line"
    )]
    ReplaySettings,
    #[error("give the terminal's port (`/dev/ttyUSB0`, `tcp://HOST:PORT`) or `--replay RECORD`")]
    NoPort,
    #[error(
        "`--zvt-password {given}` is not a ZVT password; give its six digits, e.g. `--zvt-password 000000`"
    )]
    ZvtPassword { given: String },
    #[error(
        "`--zvt-service-byte {given}` is not a byte; give two hex digits, e.g. `--zvt-service-byte 01`"
    )]
    ZvtServiceByte { given: String },
    #[error(
        "line settings (`--baud`, `--parity`…) apply to serial devices; for `tcp://` set them on the serial server"
    )]
    TcpSettings,
    #[error("{}: the answer for `{node}` must be a single value, not `{value}`", path.display())]
    AnswerNotSingle { path: PathBuf, node: String, value: String },
    /// The prompt could not ask: no terminal (`reason` none), or it failed.
    #[error("{}{}", reason.as_deref().unwrap_or("no terminal to ask on"), kept)]
    Terminal { reason: Option<String>, kept: Kept },
}

/// What became of the session when a walk stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// No session was being kept.
    Nothing,
    NotSaved,
    SavedTo(PathBuf),
}

impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Kept::Nothing => Ok(()),
            Kept::NotSaved => write!(f, "; the session is not saved"),
            Kept::SavedTo(path) => write!(f, "; the session was saved to `{}`", path.display()),
        }
    }
}

/// The first 20 answer errors, and how many more there are.
fn first_errors(errors: &[GivenError]) -> String {
    let mut s: Vec<String> = errors.iter().take(20).map(ToString::to_string).collect();
    if errors.len() > 20 {
        s.push(format!("… and {} more", errors.len() - 20));
    }
    s.join("\n")
}

fn first_lines(problems: &[Problem]) -> String {
    let mut s: Vec<String> = problems.iter().take(5).map(ToString::to_string).collect();
    if problems.len() > 5 {
        s.push(format!("… and {} more", problems.len() - 5));
    }
    s.join("\n")
}

impl Error {
    /// What kind of error this is, stable for scripts (`--format json`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Source(_) => "read",
            Error::Rules { .. } => "rules",
            Error::Parse(_) => "parse",
            Error::Answers { .. } | Error::Answer(_) => "answers",
            Error::UnknownNode { .. } => "unknown-node",
            Error::FactSyntax { .. } => "fact",
            Error::Write { .. } => "write",
            Error::Report(_) => "report",
            Error::Session(_) => "session",
            Error::Lock(_) => "lock",
            Error::History(_) => "history",
            Error::Code(_) => "code",
            Error::Hex(_) => "hex",
            Error::Url(_) => "port-url",
            Error::Record(_) => "record",
            Error::Fixture(_) => "fixture",
            Error::Probe(_) => "device",
            Error::Sim(_) => "simulator",
            Error::Ports { .. } => "ports",
            Error::Serve(_) => "serve",
            Error::Usage(_) => "usage",
            Error::Interrupted => "interrupted",
        }
    }

    pub fn exit(&self) -> Exit {
        match self {
            Error::Probe(_) | Error::Ports { .. } => Exit::Device,
            Error::Sim(crate::sim::SimError::Listen { .. }) => Exit::Input,
            Error::Sim(_) => Exit::Device,
            Error::Interrupted => Exit::Interrupted,
            _ => Exit::Input,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
