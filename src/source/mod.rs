//! The file machinery every loader of the project shares: where files come
//! from (`file`, `embedded`), the YAML limits they are parsed under
//! (`limits`), values with their places (`spanned`), the problems found in
//! them (`problem`), "did you mean" (`suggest`), and the ways one file is
//! parsed (`yaml`, `json`, `model`, with the on-disk `cache`).
//!
//! Rule trees (`crate::rules`), code tables (`crate::codes`), cases
//! (`crate::cases`), simulator fixtures (`crate::sim`) and answer files
//! (`crate::cli`) all read through here; this module knows none of them.

pub mod cache;
mod embedded;
mod file;
pub mod json;
mod limits;
mod model;
mod problem;
pub mod spanned;
mod suggest;
mod yaml;

pub use embedded::{embedded_cases, embedded_codes, embedded_rules};
pub use file::{
    MAX_ANSWERS_BYTES, MAX_FILE_BYTES, SourceError, SourceFile, read_codes, read_file,
    read_file_limited, read_folder,
};
pub use limits::yaml_options;
pub use model::{Model, parse_model};
pub use problem::{Place, Problem, ProblemKind};
pub use spanned::Spanned;
pub use suggest::did_you_mean;
pub use yaml::{parse_yaml, text_of};
