//! The files a run keeps between runs, in the user's language: the saved
//! session (and why it is damaged or no longer fits), the lock that keeps
//! two sessions apart, the history of confirmed faults.

use super::Localize;
use super::errors::{io, path};
use crate::history::HistoryError;
use crate::lang::Lang;
use crate::lock::LockError;
use crate::session::{Damage, Misfit, SessionError};

impl Localize for SessionError {
    fn message(&self, lang: Lang) -> String {
        match self {
            SessionError::Missing { path: p } => {
                lang.t_args("error-session-missing", &[("path", path(p))])
            }
            SessionError::Corrupt { path: p, reason } => lang.t_args(
                "error-session-corrupt",
                &[("path", path(p)), ("reason", damage(lang, reason).into())],
            ),
            SessionError::Outdated { path: p, reason } => lang.t_args(
                "error-session-outdated",
                &[("path", path(p)), ("reason", misfit(lang, reason).into())],
            ),
            SessionError::Write { path: p, source } => lang.t_args(
                "error-session-write",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            SessionError::Read { path: p, source } => lang.t_args(
                "error-session-read",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            SessionError::NoStateDir => lang.t("error-session-no-state-dir").into(),
        }
    }
}

fn damage(lang: Lang, d: &Damage) -> String {
    match d {
        Damage::NotJson { line, column } => lang.t_args(
            "error-damage-json",
            &[("line", line.to_string().into()), ("column", column.to_string().into())],
        ),
        Damage::NotASession => lang.t("error-damage-not-a-session").into(),
        Damage::Fields(detail) => {
            lang.t_args("error-damage-fields", &[("detail", detail.as_str().into())])
        }
    }
}

fn misfit(lang: Lang, m: &Misfit) -> String {
    let node = |id: &'static str, node: &str| lang.t_args(id, &[("node", node.into())]);
    match m {
        Misfit::Version { found } => lang.t_args(
            "error-misfit-version",
            &[
                ("found", found.to_string().into()),
                ("reads", crate::session::SESSION_VERSION.to_string().into()),
            ],
        ),
        Misfit::UnknownStart(n) => node("error-misfit-start", n),
        Misfit::UnknownNode(n) => node("error-misfit-node", n),
        Misfit::NotAnAnswer { value, node: n } => lang.t_args(
            "error-misfit-answer",
            &[("value", value.as_str().into()), ("node", n.as_str().into())],
        ),
        Misfit::UnknownJump(n) => node("error-misfit-jump", n),
        Misfit::Step { kind, node: n } => lang.t_args(
            "error-misfit-step",
            &[("kind", kind.as_str().into()), ("node", n.as_str().into())],
        ),
        Misfit::NoWalk(detail) => {
            lang.t_args("error-misfit-walk", &[("detail", detail.as_str().into())])
        }
    }
}

impl Localize for LockError {
    fn message(&self, lang: Lang) -> String {
        match self {
            LockError::Busy { pid, dir, lock } => lang.t_args(
                "error-lock-busy",
                &[("dir", path(dir)), ("pid", pid.to_string().into()), ("lock", path(lock))],
            ),
        }
    }
}

impl Localize for HistoryError {
    fn message(&self, lang: Lang) -> String {
        match self {
            HistoryError::Read { path: p, source } => lang.t_args(
                "error-history-read",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            HistoryError::Write { path: p, source } => lang.t_args(
                "error-history-write",
                &[("path", path(p)), ("reason", io(lang, source).into())],
            ),
            HistoryError::NoDataDir => lang.t("error-history-no-data-dir").into(),
        }
    }
}
