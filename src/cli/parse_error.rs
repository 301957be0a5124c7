//! The argument parser's errors in Chinese: what clap found wrong
//! ([`clap::Error::kind`]) and what it knows about it
//! ([`clap::Error::context`]: the argument, the value, the valid values, the
//! nearest argument or command) worded from the catalogue (`clap-*`), with
//! the usage line and where to read more. English keeps clap's own text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Arg;
use crate::lang::Lang;

/// A context value as plain strings.
fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

fn first(e: &clap::Error, kind: ContextKind) -> String {
    strings(e, kind).into_iter().next().unwrap_or_default()
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join("、")
}

/// The whole error text, from the head line (after the caller's
/// `posdiag: 错误:`) to the hint to read `--help` of `command` (`posdiag
/// diagnose`, as it was started).
pub fn render(e: &clap::Error, lang: Lang, command: &str) -> String {
    let arg = |id: &str, name: &str, value: String| lang.t_args(id, &[(name, Arg::Str(value))]);
    let head = match e.kind() {
        ErrorKind::UnknownArgument => {
            arg("clap-unknown-argument", "arg", first(e, ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            arg("clap-unknown-command", "command", first(e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue if first(e, ContextKind::InvalidValue).is_empty() => {
            arg("clap-value-missing", "arg", first(e, ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => lang.t_args(
            "clap-invalid-value",
            &[
                ("value", first(e, ContextKind::InvalidValue).into()),
                ("arg", first(e, ContextKind::InvalidArg).into()),
            ],
        ),
        ErrorKind::MissingRequiredArgument => {
            arg("clap-missing", "args", quoted(&strings(e, ContextKind::InvalidArg)))
        }
        ErrorKind::ArgumentConflict => lang.t_args(
            "clap-conflict",
            &[
                ("arg", first(e, ContextKind::InvalidArg).into()),
                ("prior", strings(e, ContextKind::PriorArg).join("`, `").into()),
            ],
        ),
        ErrorKind::TooManyValues => lang.t_args(
            "clap-too-many",
            &[
                ("arg", first(e, ContextKind::InvalidArg).into()),
                ("value", first(e, ContextKind::InvalidValue).into()),
            ],
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            arg("clap-value-count", "arg", first(e, ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals => arg("clap-no-equals", "arg", first(e, ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => {
            arg("clap-missing-command", "command", first(e, ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidUtf8 => lang.t("clap-not-utf8").to_string(),
        _ => lang.t("clap-other").to_string(),
    };
    let mut out = head;
    for tip in tips(e, lang) {
        out.push_str(&format!("\n  {}: {tip}", lang.t("clap-tip")));
    }
    let usage = first(e, ContextKind::Usage);
    let usage = usage.trim();
    if !usage.is_empty() {
        let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n\n{}: {line}", lang.t("clap-usage")));
    }
    let more = lang.t_args("clap-more", &[("command", command.into())]);
    out.push_str(&format!("\n\n{more}"));
    out.push('\n');
    out
}

/// The nearest argument, command or value, the valid values, and how to
/// pass something that looks like an option as a value.
fn tips(e: &clap::Error, lang: Lang) -> Vec<String> {
    let mut tips = Vec::new();
    for kind in
        [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
    {
        let near = strings(e, kind);
        if !near.is_empty() {
            tips.push(lang.t_args("clap-did-you-mean", &[("candidates", quoted(&near).into())]));
        }
    }
    // A range check (`9 is not in 5..=8`) names its range.
    if e.kind() == ErrorKind::ValueValidation
        && let Some(source) = std::error::Error::source(e)
        && let Some((_, range)) = source.to_string().split_once(" is not in ")
    {
        tips.push(lang.t_args("clap-range", &[("range", range.trim().to_string().into())]));
    }
    let valid = strings(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        tips.push(lang.t_args("clap-possible", &[("values", valid.join(", ").into())]));
    }
    if matches!(e.get(ContextKind::TrailingArg), Some(ContextValue::Bool(true))) {
        let arg = first(e, ContextKind::InvalidArg);
        tips.push(lang.t_args("clap-trailing", &[("arg", arg.into())]));
    }
    tips
}
