//! Interactive sessions that cannot be lost: one walk per state folder (a
//! second is told the first's pid; a stale lock is taken over), signals
//! that restore the terminal, keep the session, write the report so far
//! and exit 128 + n, and a
//! state folder where nothing can be saved that lets the walk go on.

mod common;

use std::time::{Duration, Instant};

use common::pty::{ESC, PtyWalk, spawn_with};

/// `posdiag` with the mini rules on a pseudo-terminal.
fn spawn(state: Option<tempfile::TempDir>, envs: &[(&str, &str)]) -> PtyWalk {
    let rules = common::mini();
    spawn_with("en_US.UTF-8", &["--rules", rules.to_str().unwrap()], state, envs)
}

/// Wait until the terminal is back in line mode (or give up after 5 s).
fn line_mode_comes_back(w: &PtyWalk) -> bool {
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until {
        if w.line_mode() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn a_second_walk_in_the_same_folder_is_told_the_first_ones_pid() {
    let mut first = spawn(None, &[]);
    first.expect("What is wrong?");
    let dir = first.state.path().to_str().unwrap().to_string();
    let mut second = spawn(None, &[("POSDIAG_STATE_DIR", &dir)]);
    second.expect("another posdiag session is running");
    second.expect(&format!("pid {}", first.pid()));
    assert_eq!(second.exit_code().0, 2);
    // The first goes on undisturbed and finishes.
    first.pick(1); // Power
    first.expect("Did this fix it?");
    first.pick(0);
    first.expect("Diagnosis finished");
    let (code, state) = first.exit_code();
    assert_eq!(code, 0);
    assert!(!state.path().join("session.lock").exists(), "the lock is released");
}

#[test]
fn a_lock_left_by_a_dead_process_is_taken_over() {
    let state = tempfile::tempdir().unwrap();
    std::fs::write(state.path().join("session.lock"), "2147483646\n").unwrap();
    let mut w = spawn(Some(state), &[]);
    w.expect("What is wrong?");
    w.pick(0);
    w.expect("Is there paper?");
    w.keys(&[ESC]);
    w.expect("Saved to");
    let (code, state) = w.exit_code();
    assert_eq!(code, 3);
    assert!(!state.path().join("session.lock").exists());
    assert!(state.path().join("session.json").exists());
}

#[test]
fn signals_restore_the_terminal_keep_the_session_and_exit_128_plus_n() {
    for (signal, name) in [
        (libc::SIGTERM, "SIGTERM"),
        (libc::SIGHUP, "SIGHUP"),
        (libc::SIGQUIT, "SIGQUIT"),
        (libc::SIGINT, "SIGINT"),
    ] {
        let state = tempfile::tempdir().unwrap();
        let report = state.path().join("report.md");
        let rules = common::mini();
        let args = ["--rules", rules.to_str().unwrap(), "diagnose", "--report"];
        let mut args = args.to_vec();
        args.push(report.to_str().unwrap());
        let mut w = spawn_with("en_US.UTF-8", &args, Some(state), &[]);
        w.expect("What is wrong?");
        w.pick(0); // Printing
        w.expect("Is there paper?");
        std::thread::sleep(Duration::from_millis(100));
        assert!(!w.line_mode(), "{name}: the prompt reads keys one by one");
        w.signal(signal);
        if signal != libc::SIGHUP {
            w.expect(&format!("stopped by {name}; the session is saved"));
        }
        assert!(line_mode_comes_back(&w), "{name}: the terminal is left raw");
        let (code, state) = w.exit_code();
        assert_eq!(code, 128 + signal, "{name}");
        assert!(!state.path().join("session.lock").exists(), "{name}: lock left");
        // The report of the walk so far is written.
        let md = std::fs::read_to_string(&report).unwrap_or_default();
        assert!(md.contains("| 1 | What is wrong? | Printing | you |"), "{name}: {md}");
        // The answer given before the signal is kept, and the walk resumes.
        let run = common::Test::new()
            .args(["--rules", common::mini().to_str().unwrap(), "diagnose", "--resume"])
            .args(["--format", "json"])
            .env("POSDIAG_STATE_DIR", state.path().to_str().unwrap())
            .run()
            .code(3);
        let d: common::contract::Diagnosis = run.json();
        assert_eq!(d.pending.expect("pending").node, "printer.paper", "{name}");
    }
}

#[test]
fn a_state_folder_that_cannot_be_written_lets_the_walk_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let dir = file.join("state");
    let dir = dir.to_str().unwrap();
    let mut w = spawn(None, &[("POSDIAG_STATE_DIR", dir)]);
    w.expect("the walk goes on, but it is not saved");
    w.expect("What is wrong?");
    w.pick(1); // Power
    w.expect("Did this fix it?");
    w.pick(0);
    w.expect("Diagnosis finished");
    assert_eq!(w.exit_code().0, 0);

    // Quitting says it is not saved instead of where it was saved.
    let mut w = spawn(None, &[("POSDIAG_STATE_DIR", dir)]);
    w.expect("What is wrong?");
    w.expect("✕ quit (not saved)");
    w.keys(&[ESC]);
    w.expect("The session is not saved");
    assert_eq!(w.exit_code().0, 3);
}

#[test]
fn a_card_number_typed_at_a_prompt_is_masked_on_screen_in_the_session_and_the_report() {
    let state = tempfile::tempdir().unwrap();
    let report = state.path().join("r.md");
    let mut w = spawn_with(
        "en_US.UTF-8",
        &["diagnose", "--start", "triage.response_code", "--report", report.to_str().unwrap()],
        Some(state),
        &[],
    );
    w.expect("Which code does the screen show?");
    w.type_line("4111 1111 1111 1111 2512");
    // While typed, the line shows as typed; once answered, masked.
    w.expect("shown. 411111******1111 2512");
    w.keys(&[ESC]);
    let rest = w.expect("Saved to");
    let (code, state) = w.exit_code();
    assert_eq!(code, 3);
    let session = std::fs::read_to_string(state.path().join("session.json")).unwrap();
    let md = std::fs::read_to_string(&report).unwrap();
    for (what, text) in [("screen", &rest), ("session", &session), ("report", &md)] {
        assert!(!text.contains("4111 1111 1111 1111"), "{what}: {text}");
        assert!(!text.contains("1111 1111 1111 2512"), "{what}: {text}");
    }
    assert!(session.contains("411111******1111"), "{session}");
}

#[test]
fn a_card_number_in_a_rule_file_is_masked_in_the_prompts() {
    let triage = std::fs::read_to_string(common::mini().join("triage.yaml"))
        .unwrap()
        .replace("en: What is wrong?", "en: What is wrong? 4111 1111 1111 1111")
        .replace("en: Printing", "en: Printing 4111111111111111");
    let rules = common::mini_with("triage.yaml", &triage);
    let mut w = spawn_with("en_US.UTF-8", &["--rules", rules.path().to_str().unwrap()], None, &[]);
    let before = w.expect("What is wrong? 411111******1111");
    let menu = w.expect("Printing 411111******1111");
    w.keys(&[ESC]);
    let rest = w.expect("Saved to");
    for text in [before, menu, rest] {
        assert!(!text.contains("4111111111111111") && !text.contains("4111 1111"), "{text}");
    }
    assert_eq!(w.exit_code().0, 3);
}
