//! The errors of a run in the user's language: each variant and its fields
//! become a catalogue message with arguments (`error-*` in `i18n/*.ftl`).
//! The errors stay data; this is the one place that words them for a user.
//! (The saved session, the lock and the history are in `state.rs`; the
//! port, the line, records and the simulator in `device.rs`; problems of
//! the rules in `problems.rs`.)

use std::path::Path;

use super::Localize;
use super::problems::with_hint;
use crate::codes::CodeError;
use crate::codes::emv::HexError;
use crate::engine::{AnswerError, GivenError, InputProblem};
use crate::i18n::Arg;
use crate::lang::Lang;
use crate::report::{GraphvizError, ReportError};
use crate::source::SourceError;

/// A path as an argument.
pub fn path(p: &Path) -> Arg {
    Arg::Str(p.display().to_string())
}

/// An I/O error in `lang`: the common kinds by name, the others in the
/// system's own words. An error posdiag worded itself (a payload beside the
/// kind) keeps its English words, and its kind's name in Chinese.
pub fn io(lang: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if lang == Lang::En && e.get_ref().is_some() {
        return e.to_string();
    }
    let id = match e.kind() {
        K::NotFound => "io-not-found",
        K::PermissionDenied => "io-permission-denied",
        K::AlreadyExists => "io-already-exists",
        K::IsADirectory => "io-is-a-directory",
        K::NotADirectory => "io-not-a-directory",
        K::ReadOnlyFilesystem => "io-read-only",
        K::StorageFull => "io-storage-full",
        K::InvalidData => "io-invalid-data",
        // `crate::fsio` refuses what is not a regular file, and too much.
        K::InvalidInput => "io-not-regular",
        K::FileTooLarge => "io-too-large",
        _ => return lang.t_args("io-other", &[("reason", e.to_string().into())]),
    };
    lang.t(id).to_string()
}

/// The first `max` messages, one a line, and how many more there are.
pub fn first(lang: Lang, lines: Vec<String>, max: usize) -> String {
    let total = lines.len();
    let mut out: Vec<String> = lines.into_iter().take(max).collect();
    if total > max {
        out.push(lang.t_args("error-and-more", &[("count", (total - max).into())]));
    }
    out.join("\n")
}

impl Localize for SourceError {
    fn message(&self, lang: Lang) -> String {
        match self {
            SourceError::Folder { path: p, source } => lang.t_args(
                "error-source-folder",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            SourceError::File { path: p, source } => lang.t_args(
                "error-source-file",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            SourceError::TooLarge { path: p, size, limit } => lang.t_args(
                "error-source-too-large",
                &[
                    ("path", path(p)),
                    ("size", size.to_string().into()),
                    ("limit", limit.to_string().into()),
                ],
            ),
            SourceError::Empty { path: p } => {
                lang.t_args("error-source-empty", &[("path", path(p))])
            }
        }
    }
}

impl Localize for GivenError {
    fn message(&self, lang: Lang) -> String {
        match self {
            GivenError::UnknownNode { node, hint } => {
                let base =
                    lang.t_args("error-given-unknown-node", &[("node", node.as_str().into())]);
                with_hint(lang, base, hint.as_ref())
            }
            GivenError::BadValue { node, value, allowed } => {
                not_an_answer(lang, node, value, allowed)
            }
            GivenError::BadInput { node, value, reason } => bad_input(lang, node, value, reason),
            GivenError::Syntax { arg } => {
                lang.t_args("error-answer-syntax", &[("arg", arg.as_str().into())])
            }
        }
    }
}

impl Localize for AnswerError {
    fn message(&self, lang: Lang) -> String {
        match self {
            AnswerError::NotCurrent { node } => {
                lang.t_args("error-not-current", &[("node", node.as_str().into())])
            }
            AnswerError::UnknownValue { node, value, allowed } => {
                not_an_answer(lang, node, value, allowed)
            }
            AnswerError::BadInput { node, value, reason } => bad_input(lang, node, value, reason),
        }
    }
}

fn not_an_answer(lang: Lang, node: &str, value: &str, allowed: &[String]) -> String {
    lang.t_args(
        "error-not-an-answer",
        &[("value", value.into()), ("node", node.into()), ("allowed", allowed.join(", ").into())],
    )
}

fn bad_input(lang: Lang, node: &str, value: &str, reason: &InputProblem) -> String {
    lang.t_args(
        "error-bad-input",
        &[("value", value.into()), ("node", node.into()), ("reason", reason.message(lang).into())],
    )
}

impl Localize for InputProblem {
    fn message(&self, lang: Lang) -> String {
        match self {
            InputProblem::Empty => lang.t("input-empty").into(),
            InputProblem::NotANumber => lang.t("input-not-a-number").into(),
            InputProblem::Pattern(shape) => {
                lang.t_args("input-pattern", &[("pattern", shape.as_str().into())])
            }
            InputProblem::Code(e) => e.message(lang),
            InputProblem::NoAnswer => lang.t("input-no-answer").into(),
            InputProblem::NotSingle => lang.t("input-not-single").into(),
        }
    }
}

impl Localize for ReportError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ReportError::Extension { path: p } => {
                lang.t_args("error-report-extension", &[("path", path(p))])
            }
            ReportError::Write { path: p, source } => lang.t_args(
                "error-report-write",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
        }
    }
}

impl Localize for CodeError {
    fn message(&self, lang: Lang) -> String {
        match self {
            CodeError::Empty => lang.t("error-code-empty").into(),
            CodeError::TooLong { shown, chars } => lang.t_args(
                "error-code-too-long",
                &[
                    ("shown", shown.as_str().into()),
                    ("chars", chars.to_string().into()),
                    ("max", crate::codes::MAX_CODE_CHARS.to_string().into()),
                ],
            ),
            CodeError::Ambiguous { typed, candidates } => {
                let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
                let listed = quoted.into_iter().reduce(|first, second| {
                    lang.t_args(
                        "error-list-or",
                        &[("first", first.into()), ("second", second.into())],
                    )
                });
                lang.t_args(
                    "error-code-ambiguous",
                    &[
                        ("typed", typed.as_str().into()),
                        ("candidates", listed.unwrap_or_default().into()),
                    ],
                )
            }
        }
    }
}

impl Localize for HexError {
    fn message(&self, lang: Lang) -> String {
        match self {
            HexError::Empty { word, digits, example } => lang.t_args(
                "error-hex-empty",
                &[
                    ("word", word.name_in(lang).into()),
                    ("digits", digits.to_string().into()),
                    ("example", (*example).into()),
                ],
            ),
            HexError::NotHex { word, input, ch, digits, example } => lang.t_args(
                "error-hex-not-hex",
                &[
                    ("word", word.name_in(lang).into()),
                    ("input", input.as_str().into()),
                    ("ch", ch.to_string().into()),
                    ("digits", digits.to_string().into()),
                    ("example", (*example).into()),
                ],
            ),
            HexError::WrongLength { word, input, bytes, digits, found, example } => lang.t_args(
                "error-hex-wrong-length",
                &[
                    ("word", word.name_in(lang).into()),
                    ("input", input.as_str().into()),
                    ("bytes", bytes.to_string().into()),
                    ("digits", digits.to_string().into()),
                    ("found", found.to_string().into()),
                    ("example", (*example).into()),
                ],
            ),
        }
    }
}

impl Localize for GraphvizError {
    fn message(&self, lang: Lang) -> String {
        let reason = |id: &str, r: &str| lang.t_args(id, &[("reason", r.into())]);
        match self {
            GraphvizError::Missing => lang.t("error-graphviz-missing").into(),
            GraphvizError::Run { reason: r } => reason("error-graphviz-run", r),
            GraphvizError::Send { reason: r } => reason("error-graphviz-send", r),
            GraphvizError::Failed { reason: r } => reason("error-graphviz-failed", r),
        }
    }
}
