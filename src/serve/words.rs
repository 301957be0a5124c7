//! Why `posdiag serve` could not start, and what its session database
//! says is wrong, in the user's language.

use super::error::StartError;
use super::store::StoreError;
use crate::i18n::Arg;
use crate::lang::Lang;
use crate::messages::{Localize, io, path};

fn s(v: &str) -> Arg {
    Arg::Str(v.to_string())
}

impl Localize for StartError {
    fn message(&self, lang: Lang) -> String {
        match self {
            StartError::BadAddress { addr } => {
                lang.t_args("serve-bad-address", &[("addr", s(addr))])
            }
            StartError::PortTaken { addr } => lang.t_args("serve-port-taken", &[("addr", s(addr))]),
            StartError::Listen { addr, source } => lang.t_args(
                "serve-cannot-listen",
                &[("addr", s(addr)), ("reason", io(lang, source).into())],
            ),
            StartError::Store(e) => e.message(lang),
            StartError::Runtime { source } => {
                lang.t_args("error-serve-runtime", &[("reason", io(lang, source).into())])
            }
        }
    }
}

impl Localize for StoreError {
    fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Open { path: p, source } => lang.t_args(
                "error-store-open",
                &[("path", path(p)), ("reason", s(&source.to_string()))],
            ),
            StoreError::Schema { path: p, found } => lang.t_args(
                "error-store-schema",
                &[
                    ("path", path(p)),
                    ("found", s(&found.to_string())),
                    ("reads", s(&crate::serve::store::SCHEMA_VERSION.to_string())),
                ],
            ),
            StoreError::Sql(e) => lang.t_args("error-store-sql", &[("reason", s(&e.to_string()))]),
            StoreError::Damaged { id, reason } => {
                lang.t_args("error-store-damaged", &[("id", s(id)), ("reason", s(reason))])
            }
        }
    }
}
