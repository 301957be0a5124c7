//! The interactive walk end to end over a pseudo-terminal: the real binary,
//! driven with arrow keys and Enter as a merchant would. Covers choosing,
//! going back, asking why, "don't know", free text with a re-prompt, both
//! languages, Ctrl-C with resume, and Esc.

mod common;

use common::pty::{CTRL_C, ENTER, ESC, PtyWalk};

/// `posdiag` with the mini rules.
fn spawn(lang: &str, args: &[&str], state: Option<tempfile::TempDir>) -> PtyWalk {
    let rules = common::mini();
    let mut all = vec!["--rules", rules.to_str().unwrap()];
    all.extend_from_slice(args);
    common::pty::spawn(lang, &all, state)
}

// Menus of the mini rules, as the walk draws them:
// triage.start: Printing, Power, The screen shows a code, ? don't know, ⓘ why, ✕ quit
// printer.paper: No, Yes, ? don't know, ⓘ why, ← back, ✕ quit
// "Did this fix it?": Yes, No, ← back, ✕ quit

#[test]
fn arrow_keys_reach_a_conclusion_in_english() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(1); // Power
    w.expect("Restart the terminal");
    w.expect("PRINTER_POWER_CYCLE");
    w.expect("Did this fix it?");
    w.pick(0); // Yes
    w.expect("Diagnosis finished");
    let (code, state) = w.exit_code();
    assert_eq!(code, 0);
    assert!(!state.path().join("session.json").exists(), "a finished session is not kept");
    // The confirmed fault is in the history, and nothing else is.
    let history = std::fs::read_to_string(state.path().join("history.jsonl")).unwrap();
    assert_eq!(history.lines().count(), 1, "{history}");
    assert!(history.contains("\"key\":\"PRINTER_POWER_CYCLE\""), "{history}");
    assert!(!history.contains("Power"), "no answers are kept: {history}");

    // --no-history records nothing.
    let mut w = spawn("en_US.UTF-8", &["diagnose", "--no-history"], None);
    w.expect("What is wrong?");
    w.pick(1);
    w.expect("Did this fix it?");
    w.pick(0);
    let (code, state) = w.exit_code();
    assert_eq!(code, 0);
    assert!(!state.path().join("history.jsonl").exists());
}

#[test]
fn chinese_locale_speaks_chinese() {
    let mut w = spawn("zh_CN.UTF-8", &[], None);
    w.expect("哪里不对？");
    w.pick(0); // 打印
    w.expect("有纸吗？");
    w.pick(0); // 没有
    w.expect("缺纸");
    w.expect("由谁处理");
    w.expect("问题解决了吗？");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn back_undoes_a_wrong_answer() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(0); // Printing
    w.expect("Is there paper?");
    w.pick(4); // ← back
    w.expect("What is wrong?");
    w.pick(1); // Power
    w.expect("Restart the terminal");
    // The path shows only the corrected answer.
    let table = w.expect("Did this fix it?");
    assert!(table.contains("Power") && !table.contains("Is there paper?"), "{table}");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn why_explains_and_asks_again() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(4); // ⓘ why
    w.expect("Why this is asked:");
    w.expect("To narrow down the fault.");
    let decides = w.expect("What is wrong?");
    assert!(decides.contains("What your answer decides:"), "{decides}");
    assert!(decides.contains("Printing → then asks: Is there paper?"), "{decides}");
    w.pick(1);
    w.expect("Did this fix it?");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn dont_know_keeps_every_branch_and_says_so() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(3); // ? don't know: printing (0.7) is the likeliest area
    w.expect("Is there paper?");
    w.pick(2); // ? don't know: both answers stay open
    // "Restart" is where both "paper loaded" and "power" lead: most likely.
    w.expect("Restart the terminal");
    let rest = w.expect("Did this fix it?");
    assert!(rest.contains("don't know"), "{rest}");
    assert!(rest.contains("the next candidate follows"), "{rest}");
    // Not fixed: the next candidate, the other branch of the paper question.
    w.pick(1);
    w.expect("Out of paper");
    w.expect("Did this fix it?");
    w.pick(1); // still not fixed: the code branch "don't know" kept open
    w.expect("Which code does the screen show?");
    w.keys(&["51", ENTER]);
    // Its only remedy was tried already: the hand-off, from the walk.
    w.expect("No remedy fixed it");
    let sheet = w.expect("Please: Tell the provider.");
    assert!(sheet.contains("Could not be checked:"), "{sheet}");
    assert!(sheet.contains("Tried without success:"), "{sheet}");
    assert_eq!(w.exit_code().0, 1);
}

#[test]
fn free_text_is_validated_with_a_re_prompt() {
    let mut w = spawn("en_US.UTF-8", &["diagnose"], None);
    w.expect("What is wrong?");
    w.pick(2); // code
    w.expect("Which code does the screen show?");
    w.keys(&["xyz", ENTER]);
    w.expect("must match");
    w.keys(&["\x7f", "\x7f", "\x7f", "51", ENTER]);
    w.expect("Restart the terminal");
    w.expect("Did this fix it?");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn ctrl_c_saves_and_resume_continues() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(0); // Printing
    w.expect("Is there paper?");
    w.keys(&[CTRL_C]);
    // The hint names the program as it was started (here by its path, as
    // it is not on the PATH), so it works as printed.
    w.expect(&format!("To continue: {} --resume", common::BIN));
    assert!(w.saved());
    let (code, state) = w.exit_code();
    assert_eq!(code, 130);

    let report = state.path().join("report.md");
    let mut w = spawn(
        "en_US.UTF-8",
        &["diagnose", "--resume", "--report", report.to_str().unwrap()],
        Some(state),
    );
    w.expect("Is there paper?");
    w.pick(0); // No
    w.expect("Out of paper");
    w.expect("Did this fix it?");
    w.pick(0);
    let (code, state) = w.exit_code();
    assert_eq!(code, 0);
    assert!(!state.path().join("session.json").exists());
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(md.contains("## Fault: Out of paper"), "{md}");
    assert!(md.contains("| 1 | What is wrong? | Printing | you |"), "{md}");
}

#[test]
fn esc_quits_saved_and_a_new_run_offers_to_resume() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(0);
    w.expect("Is there paper?");
    w.keys(&[ESC]);
    w.expect("Saved to");
    let (code, state) = w.exit_code();
    assert_eq!(code, 3);

    let mut w = spawn("en_US.UTF-8", &[], Some(state));
    w.expect("An unfinished diagnosis was found.");
    w.pick(0); // continue
    w.expect("Is there paper?");
    w.pick(1); // Yes
    w.expect("Restart the terminal");
    w.expect("Did this fix it?");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn corrupt_session_gets_a_clear_message() {
    let state = tempfile::tempdir().unwrap();
    std::fs::write(state.path().join("session.json"), "{ not json").unwrap();
    let run = common::Test::new()
        .args(["--rules", common::mini().to_str().unwrap(), "diagnose", "--resume"])
        .env("POSDIAG_STATE_DIR", state.path().to_str().unwrap())
        .run()
        .code(2);
    assert!(run.stderr.contains("is damaged"), "{}", run.stderr);
    std::fs::write(
        state.path().join("session.json"),
        r#"{"format":"posdiag-session","version":2,"lang":"en","start":"triage.start","steps":[{"node":"gone.node","kind":"answer","value":"x"}],"saved_at":0}"#,
    )
    .unwrap();
    common::Test::new()
        .args(["--rules", common::mini().to_str().unwrap(), "diagnose", "--resume"])
        .env("POSDIAG_STATE_DIR", state.path().to_str().unwrap())
        .run()
        .code(2)
        .stderr_has("no longer fits the rules (unknown node `gone.node`)");
}

#[test]
fn esc_at_the_resume_offer_keeps_the_session_and_afresh_keeps_it_aside() {
    let mut w = spawn("en_US.UTF-8", &[], None);
    w.expect("What is wrong?");
    w.pick(0);
    w.expect("Is there paper?");
    w.keys(&[ESC]);
    let (_, state) = w.exit_code();
    let saved = std::fs::read(state.path().join("session.json")).unwrap();

    // Esc at the offer: nothing is lost, and the hint resumes it.
    let mut w = spawn("en_US.UTF-8", &[], Some(state));
    w.expect("An unfinished diagnosis was found.");
    w.keys(&[ESC]);
    w.expect("The saved diagnosis is kept.");
    w.expect("--resume");
    let (code, state) = w.exit_code();
    assert_eq!(code, 3);
    assert_eq!(std::fs::read(state.path().join("session.json")).unwrap(), saved);

    // Start afresh: the old session is kept beside, byte for byte.
    let mut w = spawn("en_US.UTF-8", &[], Some(state));
    w.expect("An unfinished diagnosis was found.");
    w.pick(1);
    w.expect("The earlier diagnosis was kept as");
    w.expect("What is wrong?");
    w.keys(&[ESC]);
    let (_, state) = w.exit_code();
    let aside: Vec<_> = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("session-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(std::fs::read(state.path().join(&aside[0])).unwrap(), saved);
}

#[test]
fn resume_refuses_steps_that_are_no_path_in_the_rules() {
    let state = tempfile::tempdir().unwrap();
    // "Printing", then the code question, which only "code" leads to.
    std::fs::write(
        state.path().join("session.json"),
        r#"{"format":"posdiag-session","version":2,"lang":"en","start":"triage.start","steps":[{"node":"triage.start","kind":"answer","value":"printer","source":"interactive"},{"node":"triage.code","kind":"answer","value":"other","source":"interactive"}],"saved_at":0}"#,
    )
    .unwrap();
    common::Test::new()
        .args(["--rules", common::mini().to_str().unwrap(), "diagnose", "--resume"])
        .env("POSDIAG_STATE_DIR", state.path().to_str().unwrap())
        .run()
        .code(2)
        .stderr_has("step 2 at `triage.code` is not reachable from the steps before it");
    // The file is left as it was.
    assert!(state.path().join("session.json").exists());
}
