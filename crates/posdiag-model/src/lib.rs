//! The serde mirror of posdiag's knowledge-base files: rule trees
//! ([`rules::RuleFile`]) and code tables ([`codes::CodeFile`]), every value
//! with the place it was written ([`Spanned`]), and the YAML limits they are
//! parsed under ([`yaml_options`]).
//!
//! A crate of its own so that posdiag's build script, which stores the
//! embedded files pre-parsed, and posdiag itself read them with the very
//! same types. No logic lives here: checking and building are posdiag's.

pub mod codes;
mod limits;
pub mod rules;
pub mod spanned;

pub use limits::yaml_options;
pub use spanned::Spanned;

#[cfg(test)]
mod tests;
