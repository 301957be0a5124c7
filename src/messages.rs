//! What a user reads when something goes wrong, in their language: every
//! error of a run worded from the message catalogue ([`crate::i18n`]).
//! Errors stay data (their `Display` is the English developer text); the
//! [`Localize`] implementations here are the one place that words them for
//! a user: `errors.rs` for the run's errors, `state.rs` for the saved session,
//! the lock and the history, `device.rs` for the port, the
//! line, records and the simulator, `problems.rs` for problems of the rules, `serve.rs` for the server's start and
//! its session database.

use crate::lang::Lang;

mod device;
mod errors;
mod problems;
mod state;
#[cfg(test)]
mod tests;

pub use errors::{first, io, path};
pub use problems::{hint, problem_line, unknown_with_hint, with_hint};

/// A value a user reads, worded in their language from the catalogue.
pub trait Localize {
    fn message(&self, lang: Lang) -> String;
}
