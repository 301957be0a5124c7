//! The on-disk cache of parsed rule files: a second load of a large rule
//! set decodes the stored form and finds exactly what the first found; a
//! changed file is parsed again (its problems at their true lines), and a
//! damaged entry is parsed again too.

mod common;

use common::Test;

fn check(rules: &std::path::Path, cache: &std::path::Path) -> common::Run {
    Test::new()
        .env("POSDIAG_CACHE_DIR", cache.to_str().unwrap())
        .args(["--rules", rules.to_str().unwrap(), "check", "--format", "json"])
        .run()
}

fn entries(cache: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(cache) {
        Ok(read) => read.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn large_files_are_cached_and_a_cached_load_finds_the_same() {
    let rules = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    for (name, text) in posdiag::rules::synth::generate(2_000) {
        std::fs::write(rules.path().join(name), text).unwrap();
    }
    let first = check(rules.path(), cache.path()).code(0);
    // Two trees of about 470 kB are kept; the small triage file is not.
    assert_eq!(entries(cache.path()).len(), 2, "{:?}", entries(cache.path()));
    let second = check(rules.path(), cache.path()).code(0);
    assert_eq!(first.stdout, second.stdout);

    // A lint in a cached tree: the edited file is parsed again and the
    // problem is placed at its real line.
    let tree = rules.path().join("t00000.yaml");
    let text = std::fs::read_to_string(&tree).unwrap();
    let broken = text.replacen("next: t00000.n1\n", "next: t00000.nowhere\n", 1);
    assert_ne!(broken, text);
    std::fs::write(&tree, &broken).unwrap();
    let line = broken.lines().position(|l| l.contains("t00000.nowhere")).unwrap() + 1;
    let run = check(rules.path(), cache.path()).code(2);
    assert!(run.stdout.contains(&format!("\"line\": {line}")), "line {line}: {}", run.stdout);
    assert!(run.stdout.contains("t00000.nowhere"), "{}", run.stdout);

    // Damaged entries are parsed again from the YAML.
    std::fs::write(&tree, &text).unwrap();
    for entry in entries(cache.path()) {
        std::fs::write(entry, b"not a parsed rule file").unwrap();
    }
    let third = check(rules.path(), cache.path()).code(0);
    assert_eq!(first.stdout, third.stdout);
}

#[test]
fn the_cache_is_off_when_its_folder_is_empty_text() {
    let rules = tempfile::tempdir().unwrap();
    for (name, text) in posdiag::rules::synth::generate(1_200) {
        std::fs::write(rules.path().join(name), text).unwrap();
    }
    let home = tempfile::tempdir().unwrap();
    Test::new()
        .env("POSDIAG_CACHE_DIR", "")
        .env("HOME", home.path().to_str().unwrap())
        .env("XDG_CACHE_HOME", home.path().join("cache").to_str().unwrap())
        .args(["--rules", rules.path().to_str().unwrap(), "check"])
        .run()
        .code(0);
    assert!(!home.path().join("cache").exists());
}
