//! The file machinery every loader of the project shares: where files come
//! from (`file`, `embedded`), the problems found in them (`problem`), "did you mean" (`suggest`), and the ways one file is
//! parsed (`yaml`, `json`, `model`, with the on-disk `cache`). Values with
//! their places ([`Spanned`]) and the YAML limits ([`yaml_options`]) come
//! from the `posdiag-model` crate, which the build script shares.
//!
//! Rule trees (`crate::rules`), code tables (`crate::codes`), cases
//! (`crate::cases`), simulator fixtures (`crate::sim`) and answer files
//! (`crate::cli`) all read through here; this module knows none of them.

pub mod cache;
mod embedded;
mod file;
pub mod json;
mod model;
mod problem;
mod suggest;
mod yaml;

pub use embedded::{embedded_cases, embedded_codes, embedded_rules};
pub use file::{
    MAX_ANSWERS_BYTES, MAX_FILE_BYTES, SourceError, SourceFile, read_codes, read_file,
    read_file_limited, read_folder,
};
pub use model::{Model, parse_model};
pub use problem::{Place, Problem, ProblemKind};
pub use suggest::did_you_mean;
pub use yaml::{parse_yaml, text_of};

/// Values with their places, and the YAML limits: shared with `build.rs`
/// through the `posdiag-model` crate.
pub use posdiag_model::{Spanned, yaml_options};
