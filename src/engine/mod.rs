//! The walk over the decision graph: pure state and transitions, no I/O.
//! Who answers (an answer file, a person at a prompt, a probe) is decided by
//! the caller; the engine only says what it needs next.
//!
//! `belief` turns the answers into probability over the faults still
//! possible, `walk` decides the next step from it, `select` says which answer
//! a value picks, `order` ranks one question's branches, `script` drives a
//! walk from given answers.

mod answers;
mod belief;
mod fact;
mod order;
mod reuse;
mod script;
mod select;
mod step;
mod walk;

#[cfg(test)]
mod tests;

pub use answers::{Answers, FIXED, Given, GivenError, NOT_FIXED, UNKNOWN, answer_text};
pub use belief::{Belief, Open, branch_minutes, branch_weights};
pub use fact::{Fact, FactOrigin, Facts};
pub use order::{
    DEFAULT_MINUTES, Ordering, Priors, Ranked, TECHNICIAN_MINUTES, expected_minutes, is_weighted,
};
pub use reuse::canonical_value;
pub use script::{Outcome, run_script, run_script_ordered};
pub use select::{InputProblem, select_input};
pub use walk::{Action, AnswerError, Position, ReplayError, Source, Step, Walk};
