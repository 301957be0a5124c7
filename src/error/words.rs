//! The errors a command can end with, in the user's language: each variant
//! worded from the catalogue (`error-*` in `i18n/*.ftl`); the errors it
//! wraps are worded where their wording lives ([`crate::messages`], and
//! the server's beside it).

use super::{Error, Kept, Usage};
use crate::lang::Lang;
use crate::messages::{Localize, first, io, path, problem_line, with_hint};

impl Localize for Error {
    fn message(&self, lang: Lang) -> String {
        match self {
            Error::Source(e) => e.message(lang),
            Error::Rules { problems, check } => {
                let head = lang.t_args(
                    "error-rules",
                    &[("count", problems.len().into()), ("check", check.as_str().into())],
                );
                let lines = problems.iter().map(|p| problem_line(lang, p)).collect();
                format!("{head}\n{}", first(lang, lines, 5))
            }
            Error::Parse(problem) => problem_line(lang, problem),
            Error::Answers { errors } => {
                first(lang, errors.iter().map(|e| e.message(lang)).collect(), 20)
            }
            Error::Answer(e) => e.message(lang),
            Error::UnknownNode { node, hint } => {
                let base = lang.t_args("error-unknown-node", &[("node", node.as_str().into())]);
                with_hint(lang, base, hint.as_ref())
            }
            Error::FactSyntax { arg } => {
                lang.t_args("error-fact-syntax", &[("arg", arg.as_str().into())])
            }
            Error::Write { path: p, source } => {
                let shown = if p.as_os_str() == "standard output" {
                    lang.t("error-standard-output").into()
                } else {
                    path(p)
                };
                lang.t_args("error-write", &[("path", shown), ("reason", io(lang, source).into())])
            }
            Error::Report(e) => e.message(lang),
            Error::Session(e) => e.message(lang),
            Error::Lock(e) => e.message(lang),
            Error::History(e) => e.message(lang),
            Error::Code(e) => e.message(lang),
            Error::Hex(e) => e.message(lang),
            Error::Url(e) => e.message(lang),
            Error::Record(e) => e.message(lang),
            Error::Fixture(e) => e.message(lang),
            Error::Probe(e) => e.message(lang),
            Error::Sim(e) => e.message(lang),
            Error::Serve(e) => e.message(lang),
            Error::Ports { reason } => {
                lang.t_args("error-ports", &[("reason", reason.as_str().into())])
            }
            Error::Usage(e) => e.message(lang),
            Error::Interrupted => lang.t("error-interrupted").into(),
        }
    }
}

impl Localize for Usage {
    fn message(&self, lang: Lang) -> String {
        let reason = |id: &'static str, r: &str| lang.t_args(id, &[("reason", r.into())]);
        match self {
            Usage::UnknownTree { tree, hint, trees } => {
                let base = lang.t_args("error-unknown-tree", &[("tree", tree.as_str().into())]);
                let hint = hint.clone().unwrap_or_else(|| {
                    lang.t_args("error-trees-are", &[("trees", trees.join(", ").into())])
                });
                with_hint(lang, base, Some(&hint))
            }
            Usage::Graphviz(e) => e.message(lang),
            Usage::BatchStopped { source } => reason("error-batch-stopped", &io(lang, source)),
            Usage::ReplayAndPort => lang.t("error-replay-and-port").into(),
            Usage::ReplaySettings => lang.t("error-replay-settings").into(),
            Usage::NoPort => lang.t("error-no-port").into(),
            Usage::ZvtPassword { given } => {
                lang.t_args("error-zvt-password", &[("given", given.as_str().into())])
            }
            Usage::ZvtServiceByte { given } => {
                lang.t_args("error-zvt-service-byte", &[("given", given.as_str().into())])
            }
            Usage::TcpSettings => lang.t("error-tcp-settings").into(),
            Usage::AnswerNotSingle { path: p, node, value } => lang.t_args(
                "error-answer-not-single",
                &[
                    ("path", path(p)),
                    ("node", node.as_str().into()),
                    ("value", value.as_str().into()),
                ],
            ),
            Usage::Terminal { reason: r, kept } => {
                let message = match r {
                    None => lang.t("error-no-terminal").to_string(),
                    Some(r) => reason("error-terminal", r),
                };
                match kept {
                    Kept::Nothing => message,
                    Kept::NotSaved => {
                        lang.t_args("error-not-saved", &[("message", message.into())])
                    }
                    Kept::SavedTo(p) => lang.t_args(
                        "error-saved-to",
                        &[("message", message.into()), ("path", path(p))],
                    ),
                }
            }
        }
    }
}
