//! The shape of the source tree: no module imports one that imports it
//! back (`scripts/imports.py`, run here on `src/` and on a small tree with
//! a circle it must find), every file of `src/` opens with a `//!` header
//! and stays under 400 lines.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `scripts/imports.py` run on `src`: its exit code and what it printed.
/// `None` where there is no `python3` (a failure under `CI=true`).
fn imports(src: &Path) -> Option<(i32, String)> {
    let out = match Command::new("python3").arg(root().join("scripts/imports.py")).arg(src).output()
    {
        Ok(out) => out,
        Err(e) => {
            let required = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(!required, "CI=true, and python3 is missing: {e}");
            eprintln!("skipping: python3 is missing ({e})");
            return None;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Some((out.status.code().unwrap_or(-1), text + &String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let Some((code, out)) = imports(&root().join("src")) else { return };
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("no circle: "), "{out}");
}

#[test]
fn the_import_check_finds_a_circle() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "//! x\nmod a;\nmod b;\n");
    write("a/mod.rs", "//! a\nmod inner;\npub use inner::Thing;\n");
    write("a/inner.rs", "//! a::inner\nuse crate::b::{other::Other};\npub struct Thing;\n");
    write(
        "b.rs",
        "//! b\npub mod other {\n    pub struct Other;\n}\nfn f(_: crate::a::Thing) {}\n",
    );
    let Some((code, out)) = imports(dir.path()) else { return };
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("module circle: a <-> b"), "{out}");
    assert!(
        out.contains("file circle: ") && out.contains("a/inner.rs") && out.contains("b.rs"),
        "{out}"
    );
    // Test code does not count.
    write(
        "b.rs",
        "//! b\npub mod other {\n    pub struct Other;\n}\n#[cfg(test)]\nmod tests {\n    use crate::a::Thing;\n}\n",
    );
    let Some((code, out)) = imports(dir.path()) else { return };
    assert_eq!(code, 0, "{out}");
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_source_file_has_a_header_and_stays_short() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 100);
    let mut wrong = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        if !text.starts_with("//!") {
            wrong.push(format!("{name}: no `//!` header"));
        }
        let lines = text.lines().count();
        if lines > 400 {
            wrong.push(format!("{name}: {lines} lines, more than 400"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
