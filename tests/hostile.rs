//! Hostile input, through the real binary: rule files nested without end,
//! larger than the limit, alias bombs, duplicate keys and bytes that are
//! not UTF-8; answer files and batch lines of the same kind. Each gets a
//! clear error with its place, exit 2, and no panic or hang.

mod common;

use common::{Test, rule_dir};

fn check(dir: &std::path::Path) -> common::Run {
    Test::new().args(["--rules", dir.to_str().unwrap(), "check"]).run().code(2)
}

/// An alias bomb: nine levels of nine aliases, 9^9 strings if expanded.
fn bomb(top: &str) -> String {
    let mut y = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for name in 'b'..='i' {
        y.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
        prev = name;
    }
    y.push_str(&format!("{top}: *i\n"));
    y
}

#[test]
fn nesting_without_end_is_refused_with_its_place() {
    let deep = format!("tree: deep\nnodes: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = rule_dir(&[("deep.yaml", &deep)]);
    let run = check(dir.path());
    assert!(run.stdout.contains("deep.yaml:2:"), "{}", run.stdout);
    assert!(run.stdout.contains("limit"), "{}", run.stdout);
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    // Sparse: the size is checked before a byte is read.
    let f = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    let run = check(dir.path());
    assert!(run.stderr.contains("huge.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("more than the limit of 67108864"), "{}", run.stderr);
}

#[test]
fn an_alias_bomb_in_an_answers_file_stops_early() {
    let dir = rule_dir(&[("bomb.yaml", &bomb("triage.start"))]);
    let run = Test::new()
        .args(["diagnose", "--no-history", "--answers"])
        .arg(dir.path().join("bomb.yaml").to_str().unwrap())
        .run()
        .code(2);
    assert!(run.stderr.contains("bomb.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("YAML limit exceeded"), "{}", run.stderr);
}

#[test]
fn an_alias_bomb_in_a_rule_file_is_refused() {
    let dir = rule_dir(&[("bomb.yaml", &bomb("nodes"))]);
    let run = check(dir.path());
    assert!(run.stdout.contains("bomb.yaml:1:1"), "{}", run.stdout);
}

#[test]
fn duplicate_keys_name_the_key_and_line() {
    let dir = rule_dir(&[("dup.yaml", "tree: dup\nentry: dup.a\ntree: again\nnodes: []\n")]);
    let run = check(dir.path());
    assert!(run.stdout.contains("dup.yaml:3:1: duplicate key `tree`"), "{}", run.stdout);
}

#[test]
fn bytes_that_are_not_utf8_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.yaml"), b"tree: bin\ntitle: {zh: \xc3\x28, en: x}\n")
        .unwrap();
    let run = check(dir.path());
    assert!(run.stdout.contains("bin.yaml:2:13: file is not valid UTF-8"), "{}", run.stdout);
}

#[test]
fn binary_noise_as_a_rule_file_is_a_problem_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let noise: Vec<u8> =
        (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(dir.path().join("noise.yaml"), noise).unwrap();
    let run = check(dir.path());
    assert!(run.stdout.contains("noise.yaml:"), "{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
