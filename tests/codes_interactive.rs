//! A merchant types the code on the screen during the interactive walk,
//! over a pseudo-terminal with the embedded rules: the code is explained
//! and the walk lands on its remedy; back returns to the code question;
//! `posdiag code CODE` walks interactively too.

mod common;

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

struct Walk {
    session: expectrl::session::OsSession,
    _state: tempfile::TempDir,
}

fn spawn(args: &[&str]) -> Walk {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(common::BIN);
    cmd.args(["--lang", "en"])
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color")
        .env("POSDIAG_STATE_DIR", state.path())
        .env("POSDIAG_DATA_DIR", state.path());
    let mut session = Session::spawn(cmd).expect("spawn posdiag on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    Walk { session, _state: state }
}

impl Walk {
    #[track_caller]
    fn expect(&mut self, text: &str) {
        if let Err(e) = self.session.expect(text) {
            panic!("waiting for {text:?}: {e}");
        }
    }

    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.session.send(k).expect("send key");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Move down `n` entries and press Enter.
    fn pick(&mut self, n: usize) {
        let mut keys = vec![DOWN; n];
        keys.push(ENTER);
        self.keys(&keys);
    }

    fn type_line(&mut self, text: &str) {
        self.keys(&[text, ENTER]);
    }

    #[track_caller]
    fn exit_code(mut self) -> i32 {
        let _ = self.session.expect(Eof);
        match self.session.get_process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("posdiag did not exit normally: {other:?}"),
        }
    }
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
    assert_eq!(w.exit_code(), 0);
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
    assert_eq!(w.exit_code(), 3);
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
    assert_eq!(w.exit_code(), 0);
}
