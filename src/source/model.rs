//! A model file (a rule tree or a code table) parsed whichever way is
//! cheapest: an embedded file from the form the build stored it in, a JSON
//! file as JSON, a large file seen before from the on-disk cache, any other
//! file from its YAML. Every way gives the same model, places included.

use serde::de::DeserializeOwned;

use super::file::SourceFile;
use super::problem::Problem;

/// A model type `build.rs` pre-parses for the embedded files.
pub trait Model: DeserializeOwned + serde::Serialize {
    /// The kind the build tags it with.
    const KIND: &'static str;
}

/// Parse a rule tree or code table: an embedded file from the form the
/// build stored it in, a JSON file as JSON (with places), a large file seen
/// before from the cache (when the command line turned it on), any other
/// file from its YAML.
pub fn parse_model<T: Model>(file: &SourceFile) -> Result<T, Problem> {
    if let Some(model) = file.model.filter(|m| m.kind == T::KIND)
        && let Ok(parsed) = postcard::from_bytes::<T>(model.bytes)
    {
        return Ok(parsed);
    }
    if super::json::is_json(&file.name) {
        return super::json::parse_placed(file);
    }
    let cached = super::cache::entry(T::KIND, &file.bytes);
    if let Some(model) = cached.as_ref().and_then(super::cache::Entry::load) {
        return Ok(model);
    }
    let model = super::yaml::parse_yaml(file)?;
    if let Some(entry) = cached {
        entry.store(&model);
    }
    Ok(model)
}
