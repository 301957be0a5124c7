//! What users of ripgrep, fd and cargo expect of a command line: the bare
//! command takes `diagnose`'s options, completions and a man page,
//! `--color`, environment variables for the common options, and hints that
//! work as printed.

mod common;

use common::Test;
use common::contract::{Diagnosis, Status};

#[test]
fn the_bare_command_takes_diagnose_options() {
    let d: Diagnosis = Test::new()
        .args(["--format", "json", "--lang", "en", "--answer", "triage.start=printer"])
        .run()
        .code(3)
        .json();
    assert_eq!((d.version, d.status), (2, Status::NeedsInput));
    assert_eq!(d.path[0].answer.as_deref(), Some("printer"));
    // Global options may come first, with `=` too.
    let d: Diagnosis = Test::new()
        .args(["--lang=zh", "--rules"])
        .arg(common::mini().to_str().unwrap())
        .args(["--format", "json", "--no-history"])
        .run()
        .code(3)
        .json();
    assert_eq!((d.lang.as_str(), d.pending.unwrap().text.as_str()), ("zh", "哪里不对？"));
    // A mistyped option is still an error that names the command.
    Test::new().args(["--resum"]).run().code(2).stderr_has("--resume");
}

#[test]
fn environment_variables_for_the_common_options() {
    let d: Diagnosis = Test::new()
        .args(["diagnose", "--format", "json"])
        .env("POSDIAG_LANG", "zh")
        .run()
        .code(3)
        .json();
    assert_eq!(d.lang, "zh");
    // POSDIAG_PORT is the port of `probe` and `diagnose` when none is given.
    Test::new()
        .args(["probe", "--timeout-ms", "100"])
        .env("POSDIAG_PORT", "/nonexistent/ttyUSB9")
        .run()
        .code(4)
        .stderr_has("/nonexistent/ttyUSB9");
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = Test::new().args(["completions", shell]).run().code(0);
        assert!(run.stdout.contains("posdiag") && run.stdout.contains("diagnose"), "{shell}");
    }
    let man = Test::new().args(["man"]).run().code(0);
    assert!(man.stdout.contains(".TH posdiag 1"), "{}", &man.stdout[..200.min(man.stdout.len())]);
    assert!(man.stdout.contains("diagnose"));
}

#[test]
fn a_closed_reader_ends_generated_output_quietly() {
    use std::io::Read as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_posdiag"))
        .args(["completions", "zsh"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_check_hint_repeats_the_rules_folder() {
    let dir = common::mini_with(
        "printer.yaml",
        "tree: printer\ntitle: {zh: 打印机, en: Printer}\nentry: printer.paper\nnodes: []\n",
    );
    let run = Test::new()
        .args(["--rules", dir.path().to_str().unwrap(), "diagnose", "--format", "json"])
        .run()
        .code(2);
    let want = format!("--rules {} check", dir.path().display());
    assert!(run.stderr.contains(&want), "{}", run.stderr);
}
