//! posdiag: an expert system that diagnoses faults of POS card-payment
//! terminals.
//!
//! The pipeline: `source` reads files (with their places and problems),
//! `rules` loads and checks the decision graph, `codes` the code tables,
//! `kb` both, `engine` walks it with answers and facts, `report` renders
//! the result, and `cli` wires them to the command line. Only `cli` knows
//! about clap and inquire. `scripts/imports.py` checks that no module
//! imports one that imports it back.

pub mod batch;
pub mod cases;
pub mod cli;
pub mod codes;
pub mod engine;
pub mod error;
pub mod exit;
pub mod fsio;
pub mod history;
pub mod i18n;
pub mod invocation;
pub mod kb;
pub mod lang;
pub mod lock;
pub mod mask;
pub mod messages;
pub mod output;
pub mod probe;
pub mod report;
pub mod robustness;
pub mod rules;
pub mod serve;
pub mod session;
pub mod signals;
pub mod sim;
pub mod source;

pub use cli::run;
