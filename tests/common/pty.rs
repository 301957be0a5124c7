//! Driving the real binary over a pseudo-terminal, as a person at a
//! keyboard: arrow keys, Enter, Ctrl-C, Esc. In raw mode Enter is `\r` and
//! arrow-down is `\x1b[B`.

use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};

pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const CTRL_C: &str = "\x03";
pub const ESC: &str = "\x1b";

pub struct PtyWalk {
    session: expectrl::session::OsSession,
    pub state: tempfile::TempDir,
}

/// Start `posdiag ARGS` on a pseudo-terminal in locale `lang`, with its
/// session and history kept in `state` (a new folder when `None`).
pub fn spawn(lang: &str, args: &[&str], state: Option<tempfile::TempDir>) -> PtyWalk {
    spawn_with(lang, args, state, &[])
}

/// [`spawn`] with more environment variables (set last, so they win).
pub fn spawn_with(
    lang: &str,
    args: &[&str],
    state: Option<tempfile::TempDir>,
    envs: &[(&str, &str)],
) -> PtyWalk {
    let state = state.unwrap_or_else(|| tempfile::tempdir().expect("tempdir"));
    let mut cmd = Command::new(super::BIN);
    cmd.args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .env("TERM", "xterm-256color")
        .env("POSDIAG_STATE_DIR", state.path())
        .env("POSDIAG_DATA_DIR", state.path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut session = Session::spawn(cmd).expect("spawn posdiag on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    PtyWalk { session, state }
}

impl PtyWalk {
    /// Wait for `text`; returns what came before it.
    #[track_caller]
    pub fn expect(&mut self, text: &str) -> String {
        match self.session.expect(text) {
            Ok(found) => String::from_utf8_lossy(found.before()).into_owned(),
            Err(e) => panic!("waiting for {text:?}: {e}"),
        }
    }

    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.session.send(k).expect("send key");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Move down `n` entries and press Enter.
    pub fn pick(&mut self, n: usize) {
        let mut keys = vec![DOWN; n];
        keys.push(ENTER);
        self.keys(&keys);
    }

    pub fn type_line(&mut self, text: &str) {
        self.keys(&[text, ENTER]);
    }

    /// The process id of the walk.
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Send signal `signal` to the walk.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill with a child's pid and a signal number.
        assert_eq!(unsafe { libc::kill(self.pid(), signal) }, 0, "kill");
    }

    /// Whether the terminal is in line mode (`ICANON`): off while a prompt
    /// reads keys one by one, on in a usable shell.
    pub fn line_mode(&self) -> bool {
        use std::os::fd::AsRawFd as _;
        let master = self.session.get_process().get_raw_handle().expect("pty");
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(master.as_raw_fd(), &mut t) }, 0, "tcgetattr");
        t.c_lflag & libc::ICANON != 0
    }

    /// Whether a session is saved.
    pub fn saved(&self) -> bool {
        self.state.path().join("session.json").exists()
    }

    /// Wait for the end; the exit code and the state folder.
    #[track_caller]
    pub fn exit_code(mut self) -> (i32, tempfile::TempDir) {
        let rest =
            self.session.expect(Eof).map(|c| String::from_utf8_lossy(c.before()).into_owned());
        match self.session.get_process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => (code, self.state),
            other => panic!("posdiag did not exit normally: {other:?}; output: {rest:?}"),
        }
    }
}
