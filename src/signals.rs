//! Signals during an interactive walk. SIGTERM, SIGHUP (the terminal window
//! closed), SIGQUIT and an INT sent from elsewhere (Ctrl-C at the prompt is
//! a key, handled by the walk) end the run cleanly: a save in progress is
//! let finish (the session is saved after every step), the `--report` of
//! the walk so far is written, the terminal gets
//! back the settings it had before the prompts (echo, line mode, the
//! cursor), the session lock is released, and the process exits with
//! 128 + the signal's number, as a shell reports a signal.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

static INSTALLED: Once = Once::new();

/// The `--report` of the walk so far, written if a signal ends it.
static REPORT: Mutex<Option<(PathBuf, String)>> = Mutex::new(None);

/// Keep the report of the walk so far, to write if a signal ends the walk.
pub fn keep_report(path: &Path, text: String) {
    *REPORT.lock().unwrap_or_else(|e| e.into_inner()) = Some((path.to_path_buf(), text));
}

/// Handle the signals from now on, for the walk saving to `session`.
/// Only the first call installs; the terminal settings are taken then.
pub fn guard_interactive(session: PathBuf) {
    INSTALLED.call_once(|| {
        let terminal = Terminal::now();
        let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGQUIT, SIGINT])
        else {
            crate::output::warn(crate::output::lang().t("warning-signals-raw"));
            return;
        };
        let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                end(signal, &terminal, &session);
            }
        });
        if spawned.is_err() {
            crate::output::warn(crate::output::lang().t("warning-signals"));
        }
    });
}

fn end(signal: i32, terminal: &Terminal, session: &std::path::Path) -> ! {
    // A save under way finishes first; none starts after this.
    let _saving = crate::session::hold_saves();
    terminal.restore();
    let report = REPORT.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some((path, text)) = report
        && let Err(e) = crate::fsio::write_atomic(&path, text.as_bytes())
    {
        crate::eoutln!("\nposdiag: cannot write report `{}`: {e}", path.display());
    }
    let name = match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP",
        SIGQUIT => "SIGQUIT",
        _ => "SIGINT",
    };
    if signal != SIGHUP {
        if crate::session::saved() {
            crate::eoutln!(
                "\nposdiag: stopped by {name}; the session is saved in `{}`; continue with \
                 posdiag diagnose --resume",
                session.display()
            );
        } else {
            crate::eoutln!("\nposdiag: stopped by {name}; the session could not be saved");
        }
    }
    if let Some(lock) = crate::lock::held() {
        crate::lock::release(&lock);
    }
    crate::output::flush_stdout();
    std::process::exit(128 + signal)
}

/// The terminal's settings before the prompts changed them.
struct Terminal {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl Terminal {
    #[cfg(unix)]
    fn now() -> Terminal {
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut t) } == 0;
        Terminal { saved: ok.then_some(t) }
    }

    #[cfg(not(unix))]
    fn now() -> Terminal {
        Terminal {}
    }

    #[cfg(unix)]
    fn restore(&self) {
        if let Some(t) = &self.saved {
            // SAFETY: restores settings read from the same descriptor.
            unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t) };
            // Show the cursor again, in case a prompt hid it.
            crate::eout!("\x1b[?25h");
        }
    }

    #[cfg(not(unix))]
    fn restore(&self) {}
}
