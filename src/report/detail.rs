//! How much of posdiag's inner workings the text renderings show. A
//! merchant's screen names faults, steps and codes in words; node ids, file
//! paths, UnionPay's action classes and the walk's probabilities are for
//! rule authors and technicians, shown only with the global `--verbose`
//! flag (the JSON output always carries them, and technician output such as
//! `posdiag probe` shows its own evidence regardless).
//!
//! The choice is made once per process, by the command line, before
//! anything is rendered; library users who never set it get the merchant's
//! view.

use std::sync::atomic::{AtomicBool, Ordering};

static VERBOSE: AtomicBool = AtomicBool::new(false);

/// Show internals (`--verbose`) or not, for the rest of the process.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

/// Whether text renderings show node ids, files, classes and probabilities.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}
