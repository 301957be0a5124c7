//! Build step: parse the embedded rule trees and code tables once, here,
//! and store them pre-parsed in a compact binary form (postcard) beside the
//! YAML. At run time the embedded rules then cost a decode, not a YAML
//! parse, so `posdiag` starts in a few milliseconds; the checker still runs
//! over the decoded files every time.
//!
//! The model types are the ones posdiag reads with: the `posdiag-model`
//! crate (`crates/posdiag-model`), a dependency of both, with the same YAML
//! limits. A file that does not parse is left out, so at run time
//! it is parsed from its YAML and `posdiag check` reports why.

use std::path::{Path, PathBuf};

use posdiag_model::codes::CodeFile;
use posdiag_model::rules::RuleFile;

/// The model crate's sources: what the binary form depends on.
const MODEL_SOURCES: &str = "crates/posdiag-model/src";

/// One pre-parsed file: its name as the loader shows it, the kind of model
/// (`rules` or `codes`), and the model in postcard form.
#[derive(serde::Serialize)]
struct Entry<'a> {
    name: String,
    kind: &'a str,
    model: Vec<u8>,
}

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=fixtures/cases");
    println!("cargo:rerun-if-changed={MODEL_SOURCES}");

    // What the binary form depends on: the on-disk cache of parsed rule
    // files (src/source/cache.rs) keys its entries with this.
    let mut fingerprint = std::collections::hash_map::DefaultHasher::new();
    for file in rust_files(Path::new(MODEL_SOURCES)) {
        std::hash::Hash::hash(&std::fs::read(file).unwrap_or_default(), &mut fingerprint);
    }
    let fingerprint = std::hash::Hasher::finish(&fingerprint);
    println!("cargo:rustc-env=POSDIAG_MODEL_FINGERPRINT={fingerprint:016x}");

    let mut entries = Vec::new();
    for path in yaml_files(Path::new("rules")) {
        if let Some(model) = parse::<RuleFile>(&path) {
            entries.push(Entry { name: name_of(&path), kind: "rules", model });
        }
    }
    for path in yaml_files(Path::new("rules/codes")) {
        if let Some(model) = parse::<CodeFile>(&path) {
            entries.push(Entry { name: name_of(&path), kind: "codes", model });
        }
    }
    let blob = postcard::to_allocvec(&entries).expect("encode the embedded models");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded-models.bin");
    std::fs::write(&out, blob).expect("write the embedded models");
}

/// `rules/power.yaml` for `rules/power.yaml`, as the loader names embedded
/// files.
fn name_of(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    files_with(dir, &["yaml", "yml"])
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    files_with(dir, &["rs"])
}

/// The files directly in `dir` whose extension is one of `extensions`,
/// sorted.
fn files_with(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
        })
        .collect();
    files.sort();
    files
}

fn parse<T: serde::de::DeserializeOwned + serde::Serialize>(path: &Path) -> Option<Vec<u8>> {
    let text = std::fs::read_to_string(path).ok()?;
    match serde_saphyr::from_str_with_options::<T>(&text, posdiag_model::yaml_options()) {
        Ok(model) => Some(postcard::to_allocvec(&model).expect("encode a model")),
        Err(_) => {
            println!(
                "cargo:warning={} does not parse; it is read from YAML at run time and \
                 `posdiag check` says why",
                path.display()
            );
            None
        }
    }
}
