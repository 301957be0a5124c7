//! The walk over the decision graph: pure state and transitions, no I/O.
//! Who answers (an answer file, a person at a prompt, a probe) is decided by
//! the caller; the engine only says what it needs next.

mod answers;
mod fact;
mod order;
mod script;
mod walk;

pub use answers::{Answers, FIXED, Given, GivenError, NOT_FIXED, UNKNOWN, answer_text};
pub use fact::{Fact, FactOrigin, Facts};
pub use order::{
    DEFAULT_MINUTES, Ordering, Priors, Ranked, TECHNICIAN_MINUTES, candidate_order,
    expected_minutes, is_weighted,
};
pub use script::{Outcome, run_script, run_script_ordered};
pub use walk::{Action, AnswerError, Position, Source, Step, Walk, select_input};
