//! A merchant types the code on the screen during the interactive walk,
//! over a pseudo-terminal with the embedded rules: the code is explained
//! and the walk lands on its remedy; back returns to the code question;
//! `posdiag code CODE` walks interactively too.

mod common;

use common::pty::PtyWalk as Walk;

/// `posdiag --lang en ARGS` with the embedded rules.
fn spawn(args: &[&str]) -> Walk {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    common::pty::spawn("en_US.UTF-8", &all, None)
}

/// The triage down to the code question: "The screen shows an error code"
/// (third answer), then "A code" (first).
fn to_code_question(w: &mut Walk) {
    w.expect("What is wrong with the terminal?");
    w.pick(2);
    w.expect("What kind of error does the screen show?");
    w.pick(0);
    w.expect("Which code does the screen show?");
}

#[test]
fn typing_the_code_lands_on_its_remedy() {
    let mut w = spawn(&[]);
    to_code_question(&mut w);
    w.type_line("51");
    w.expect("Code 51: Insufficient funds");
    w.expect("Who acts: cardholder");
    w.expect("CARD_INSUFFICIENT_FUNDS");
    w.expect("Did this fix it?");
    w.pick(0);
    w.expect("Diagnosis finished");
    assert_eq!(w.exit_code().0, 0);
}

#[test]
fn back_returns_to_the_code_question() {
    let mut w = spawn(&[]);
    to_code_question(&mut w);
    w.type_line("+CME ERROR: 10");
    w.expect("CONN_SIM_MISSING");
    w.expect("Did this fix it?");
    w.pick(2); // Yes, No, ← back
    w.expect("Which code does the screen show?");
    w.type_line("q7");
    w.expect("Unknown code `q7`");
    w.expect("What does the terminal show after the transaction is sent?");
    w.keys(&["\x1b"]);
    assert_eq!(w.exit_code().0, 3);
}

#[test]
fn posdiag_code_walks_interactively() {
    let mut w = spawn(&["code", "A0"]);
    w.expect("Code A0: MAC verification failed");
    w.expect("Sign on again");
    w.pick(0); // the error is gone
    w.expect("KEYS_MAC_PIN_RESYNCED");
    w.expect("Did this fix it?");
    w.pick(0);
    assert_eq!(w.exit_code().0, 0);
}
