//! The files embedded in the binary at build time: the rule trees and code
//! tables of `rules/` and the regression cases of `fixtures/cases/`. The
//! rule trees and code tables also carry the form `build.rs` parsed them
//! into (postcard), which the loader decodes instead of parsing their YAML
//! again (see [`super::parse_model`]).

use std::borrow::Cow;

use include_dir::{Dir, include_dir};

use super::file::{Preparsed, SourceFile, is_yaml};

static EMBEDDED_RULES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");
static EMBEDDED_CASES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/cases");
/// The embedded rule and code files pre-parsed by `build.rs` (postcard).
static EMBEDDED_MODELS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/embedded-models.bin"));

#[derive(serde::Deserialize)]
struct Entry<'a> {
    name: &'a str,
    kind: &'a str,
    model: &'a [u8],
}

/// The pre-parsed model of the embedded file `name`, if the build made one.
/// The build's index is decoded once per process.
fn preparsed(name: &str) -> Option<Preparsed> {
    static INDEX: std::sync::OnceLock<Vec<Entry<'static>>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| postcard::from_bytes(EMBEDDED_MODELS).unwrap_or_default());
    index.iter().find(|e| e.name == name).map(|e| Preparsed { kind: e.kind, bytes: e.model })
}

/// The rule files embedded in the binary, sorted by name.
pub fn embedded_rules() -> Vec<SourceFile> {
    embedded(&EMBEDDED_RULES, "rules")
}

/// The code tables embedded in the binary (`rules/codes/*.yaml`), sorted by
/// name.
pub fn embedded_codes() -> Vec<SourceFile> {
    match EMBEDDED_RULES.get_dir("codes") {
        Some(dir) => embedded(dir, "rules"),
        None => Vec::new(),
    }
}

/// The regression cases embedded in the binary, sorted by name.
pub fn embedded_cases() -> Vec<SourceFile> {
    embedded(&EMBEDDED_CASES, "fixtures/cases")
}

fn embedded(dir: &Dir<'static>, prefix: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = dir
        .files()
        .filter(|f| is_yaml(f.path()))
        .map(|f| {
            let name = format!("{prefix}/{}", f.path().display());
            let model = preparsed(&name);
            SourceFile { name, bytes: Cow::Borrowed(f.contents()), model }
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}
