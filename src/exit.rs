//! Exit codes: a contract with scripts, documented in the README. Every
//! command ends in one of these.

use std::process::ExitCode;

/// posdiag's exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// A conclusion was reached; a check or test run was clean.
    Ok = 0,
    /// The graph ended without a conclusion: escalate. Also `posdiag test`
    /// when a case fails, a conclusion is uncovered or robustness is below
    /// the rules' thresholds.
    NoConclusion = 1,
    /// Usage or input error: bad arguments, rules, answers or files;
    /// `check` found problems (and `test` when the rules or cases do not
    /// load).
    Input = 2,
    /// The next question has no answer (scripted run).
    NeedsInput = 3,
    /// The terminal could not be reached or did not answer.
    Device = 4,
    /// Interrupted by Ctrl-C (the session was saved). SIGTERM, SIGHUP and
    /// SIGQUIT during an interactive walk end it with 128 + the signal's
    /// number too (143, 129, 131; see [`crate::signals`]).
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}
