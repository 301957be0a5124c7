//! The errors a command can end with, each mapped to an exit code. Faults the
//! terminal reports are not here: they are data in a diagnosis.

use std::path::PathBuf;

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
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Device(String),
    #[error("interrupted")]
    Interrupted,
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
    pub fn exit(&self) -> Exit {
        match self {
            Error::Device(_) => Exit::Device,
            Error::Interrupted => Exit::Interrupted,
            _ => Exit::Input,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
