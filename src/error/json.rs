//! An error as JSON, for `--format json`: scripts read what went wrong
//! from stdout as they read results, versioned like every JSON output:
//! `{"version":1,"error":{"kind":"unknown-node","message":"…","exit":2}}`.
//! `kind` is stable ([`crate::error::Error::kind`]); `message` is in the
//! run's language; a rules error lists its problems, an answers error each
//! answer's message.

use serde::Serialize;

use super::Error;
use crate::lang::Lang;
use crate::messages::Localize as _;
use crate::source::Problem;

/// The version of the error object.
pub const ERROR_VERSION: u32 = 1;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    kind: &'a str,
    message: String,
    exit: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<&'a [Problem]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<String>,
}

/// `error` as one line of JSON in `lang`, its `message` as the error line
/// says it (masked, long quotes cut).
pub fn error_json(error: &Error, lang: Lang, message: &str) -> String {
    let (problems, errors) = match error {
        Error::Rules { problems, .. } => (Some(problems.as_slice()), Vec::new()),
        Error::Answers { errors } => (None, errors.iter().map(|e| e.message(lang)).collect()),
        _ => (None, Vec::new()),
    };
    let body = Body {
        kind: error.kind(),
        message: message.to_string(),
        exit: error.exit() as u8,
        problems,
        errors,
    };
    serde_json::to_string(&Out { version: ERROR_VERSION, error: body }).unwrap_or_default()
}

/// The argument parser's complaint (`kind` `arguments`, exit 2) as JSON.
pub fn arguments_json(message: &str) -> String {
    let body = Body {
        kind: "arguments",
        message: message.to_string(),
        exit: crate::exit::Exit::Input as u8,
        problems: None,
        errors: Vec::new(),
    };
    serde_json::to_string(&Out { version: ERROR_VERSION, error: body }).unwrap_or_default()
}
