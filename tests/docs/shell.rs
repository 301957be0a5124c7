//! Runs a page's commands as a newcomer would type them: in `bash`, in a
//! fresh folder that holds the repository's files (linked, so nothing the
//! commands write lands in the checkout), with the built `posdiag` first on
//! the PATH, a home, state and data folders of their own, no terminal on
//! stdin, English and no colour.
//!
//! What a newcomer's shell would do and a test cannot is done explicitly:
//! `posdiag simulate …` (with or without `&`) starts the simulator in the
//! background and the `/dev/pts/N` the page shows stands for the
//! pseudo-terminal it opened; `posdiag serve …` starts the server in the
//! background on a free port, which the page's `127.0.0.1:8080` stands for; a command whose comment is `# simulate
//! FIXTURE` starts that simulator first; `kill %1` stops it (and the output
//! the page shows for the simulator is checked then); `$ cat FILE` of a file the page
//! introduces writes FILE with the content shown. Commands that build the
//! project (`cargo …`, `fuzz/seed.sh`) or need hardware set up elsewhere are
//! not run; [`skip_reason`] says why, and the test prints them.
//!
//! A command shown with output must print it (stdout and stderr, in either
//! order, as a terminal interleaves them) and must not crash; one shown
//! without output must exit 0, or 3 when it stops at a question a person
//! would answer (with no terminal, posdiag asks nothing and says so).

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::markdown::{Shown, matches};

/// Longer than any command shown takes (a probe waits 2 s per silence).
const LIMIT: Duration = Duration::from_secs(60);

/// Why a shown command is not run, if it is not.
pub fn skip_reason(command: &str) -> Option<&'static str> {
    let first = command.split_whitespace().next().unwrap_or_default();
    let env_prefixed = first.contains('=');
    if first == "cargo" || (env_prefixed && command.contains(" cargo ")) {
        return Some("a cargo command (build, install, test, fuzz): not run inside the tests");
    }
    if first == "fuzz/seed.sh" {
        return Some("seeds the fuzz corpora (a crate of its own, see docs/fuzzing.md)");
    }
    if first == "export" {
        return Some("sets the PATH: the test puts the built posdiag first on it");
    }
    if command.contains("/tmp/iax/") {
        return Some("needs iaxmodem running on /tmp/iax: tests/probe_peers.rs sets it up");
    }
    // Tools the page names; CI installs them, so there a missing one fails.
    let ci = std::env::var_os("CI").is_some();
    if (command.contains("| dot") || command.contains("--format svg")) && !on_path("dot") && !ci {
        return Some("needs Graphviz's `dot`, which is not installed here");
    }
    if command.contains("curl ") && !on_path("curl") && !ci {
        return Some("needs curl, which is not installed here");
    }
    if command.contains("| jq") && !on_path("jq") && !ci {
        return Some("needs jq, which is not installed here");
    }
    if command.contains("&& man ") && !on_path("man") && !ci {
        return Some("needs man, which is not installed here");
    }
    None
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

/// A simulator started by the page, and the command that started it.
struct Sim {
    child: Child,
    at: String,
    shown: Shown,
    stdout: mpsc::Receiver<String>,
    log: PathBuf,
}

pub struct Sandbox {
    _dir: tempfile::TempDir,
    root: PathBuf,
    bin_dir: PathBuf,
    sim: Option<Sim>,
    sims: usize,
    pub failures: Vec<String>,
    pub skipped: Vec<String>,
    pub ran: usize,
}

impl Sandbox {
    pub fn new(repo: &Path, bin: &Path) -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        for entry in std::fs::read_dir(repo).expect("the repository") {
            let entry = entry.expect("an entry");
            let name = entry.file_name();
            if name == "target" || name == ".git" {
                continue;
            }
            std::os::unix::fs::symlink(entry.path(), root.join(&name)).expect("link");
        }
        std::fs::create_dir_all(root.join(".home")).expect("home");
        let bin_dir = bin.parent().expect("the binary's folder").to_path_buf();
        Sandbox {
            _dir: dir,
            root,
            bin_dir,
            sim: None,
            sims: 0,
            failures: Vec::new(),
            skipped: Vec::new(),
            ran: 0,
        }
    }

    fn command(&self, text: &str) -> Command {
        let home = self.root.join(".home");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![self.bin_dir.clone()];
        dirs.extend(std::env::split_paths(&path));
        let mut c = Command::new("bash");
        c.arg("-c")
            .arg(text)
            .current_dir(&self.root)
            .env("PATH", std::env::join_paths(dirs).expect("PATH"))
            .env("HOME", &home)
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("LANG", "en_US.UTF-8")
            .env("NO_COLOR", "1")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANGUAGE")
            .env_remove("POSDIAG_LANG")
            .env_remove("POSDIAG_PORT")
            .env_remove("POSDIAG_STATE_DIR")
            .env_remove("POSDIAG_DATA_DIR")
            .env_remove("POSDIAG_CACHE_DIR")
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null());
        c
    }

    fn at(&self) -> Option<String> {
        self.sim.as_ref().map(|s| s.at.clone())
    }

    pub fn run(&mut self, page: &str, shown: &Shown) {
        let place = format!("{page}:{}", shown.line);
        if let Some(why) = skip_reason(&shown.command) {
            self.skipped.push(format!("{place}: `{}` — {why}", shown.command));
            return;
        }
        if let Some(fixture) = shown.comment.as_deref().and_then(|c| c.strip_prefix("simulate ")) {
            let start = Shown {
                line: shown.line,
                command: format!("posdiag simulate {fixture}"),
                comment: None,
                output: None,
            };
            self.start_sim(page, &start);
        }
        if shown.command.starts_with("posdiag simulate ")
            || shown.command.starts_with("posdiag serve")
        {
            self.start_sim(page, shown);
            return;
        }
        // The shell's job control: stop the simulator the page started.
        if ["kill %1", "kill %", "kill $!"].contains(&shown.command.as_str()) {
            self.ran += 1;
            if self.sim.is_none() {
                self.failures
                    .push(format!("{place}: `{}` with no simulator running", shown.command));
            }
            return self.stop_sim(page);
        }
        self.ran += 1;
        if let (Some(file), Some(content)) = (cat_target(&shown.command), &shown.output)
            && !self.root.join(file).exists()
        {
            let text: String = content.iter().map(|l| format!("{l}\n")).collect();
            std::fs::write(self.root.join(file), text).expect("write the page's file");
            return;
        }
        let command = localise(&shown.command, self.at().as_deref());
        let (code, stdout, stderr) = match self.capture(&command) {
            Ok(r) => r,
            Err(e) => return self.failures.push(format!("{place}: `{command}`: {e}")),
        };
        if !(0..=4).contains(&code) && code != 130 {
            self.failures.push(format!("{place}: `{command}` exited {code}\n{stdout}{stderr}"));
            return;
        }
        match &shown.output {
            Some(expected) => {
                let at = self.at();
                self.compare(&place, &command, expected, &stdout, &stderr, at.as_deref());
            }
            None if ![0, 3].contains(&code) => self.failures.push(format!(
                "{place}: `{command}` exited {code} (a command shown without output must \
                 not fail)\n{stdout}{stderr}"
            )),
            None => {}
        }
    }

    fn compare(
        &mut self,
        place: &str,
        command: &str,
        expected: &[String],
        out: &str,
        err: &str,
        at: Option<&str>,
    ) {
        let expected: Vec<String> = expected.iter().map(|l| localise(l, at)).collect();
        let lines = |a: &str, b: &str| -> Vec<String> {
            let mut v: Vec<String> = a.lines().chain(b.lines()).map(str::to_string).collect();
            while v.last().is_some_and(|l| l.trim().is_empty()) {
                v.pop();
            }
            v
        };
        // A terminal interleaves stdout and stderr; either order may be shown.
        if matches(&expected, &lines(out, err)) || matches(&expected, &lines(err, out)) {
            return;
        }
        self.failures.push(format!(
            "{place}: `{command}` does not print what the page shows\n--- shown\n{}\n--- printed\n{}{}",
            expected.join("\n"),
            out,
            err
        ));
    }

    fn capture(&self, command: &str) -> Result<(i32, String, String), String> {
        let mut child = self
            .command(command)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start bash: {e}"))?;
        let mut out_pipe = child.stdout.take().expect("stdout");
        let mut err_pipe = child.stderr.take().expect("stderr");
        let out = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = out_pipe.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        });
        let err = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = err_pipe.read_to_end(&mut s);
            String::from_utf8_lossy(&s).into_owned()
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if started.elapsed() > LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {} s", LIMIT.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let code = status.code().unwrap_or(-1);
        Ok((code, out.join().unwrap_or_default(), err.join().unwrap_or_default()))
    }

    fn start_sim(&mut self, page: &str, shown: &Shown) {
        self.stop_sim(page);
        self.ran += 1;
        self.sims += 1;
        let log = self.root.join(format!(".sim-{}.log", self.sims));
        let command = shown.command.trim_end().trim_end_matches('&').trim_end();
        // A server the page starts on its usual port listens on a free one
        // here; the commands after it are sent there (see [`localise`]).
        let command = &command.replace(SERVE_ADDR, "127.0.0.1:0");
        let mut c = self.command(&format!("exec {command}"));
        let mut child = match c
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("simulator log"))
            .spawn()
        {
            Ok(child) => child,
            Err(e) => return self.failures.push(format!("{page}:{}: {e}", shown.line)),
        };
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let Ok(mut at) = rx.recv_timeout(Duration::from_secs(10)) else {
            let _ = child.kill();
            let _ = child.wait();
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            return self
                .failures
                .push(format!("{page}:{}: `{command}` printed no port\n{log}", shown.line));
        };
        if let Some(i) = at.find("http://") {
            at = at[i + "http://".len()..].chars().take_while(|c| *c != '/').collect();
        }
        // It announces itself on stderr right after its port: wait for that,
        // so stopping it at once still finds the announcement in its log.
        let waited = Instant::now();
        while !command.contains("2>")
            && std::fs::metadata(&log).map_or(0, |m| m.len()) == 0
            && waited.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        // A transcript line `$ posdiag simulate … &` with nothing after it
        // shows no output to hold the simulator to.
        let mut shown = shown.clone();
        shown.output = shown.output.filter(|o| !o.is_empty());
        self.sim = Some(Sim { child, at, shown, stdout: rx, log });
    }

    /// Stop the running simulator and hold what it printed to what the page
    /// shows for it.
    pub fn stop_sim(&mut self, page: &str) {
        let Some(mut sim) = self.sim.take() else { return };
        let _ = sim.child.kill();
        let _ = sim.child.wait();
        let Some(expected) = &sim.shown.output else { return };
        let mut out = format!("{}\n", sim.at);
        while let Ok(line) = sim.stdout.try_recv() {
            out.push_str(&line);
            out.push('\n');
        }
        let err = std::fs::read_to_string(&sim.log).unwrap_or_default();
        let place = format!("{page}:{}", sim.shown.line);
        self.compare(&place, &sim.shown.command, expected, &out, &err, Some(&sim.at));
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(sim) = &mut self.sim {
            let _ = sim.child.kill();
            let _ = sim.child.wait();
        }
    }
}

/// `cat FILE` → FILE.
fn cat_target(command: &str) -> Option<&str> {
    let mut words = command.split_whitespace();
    (words.next() == Some("cat")).then(|| words.next()).flatten().filter(|_| words.next().is_none())
}

/// Where the page's `posdiag serve` listens.
const SERVE_ADDR: &str = "127.0.0.1:8080";

/// The pseudo-terminal of the running simulator in place of the page's
/// `/dev/pts/N`, or the address of the running server in place of
/// [`SERVE_ADDR`].
fn localise(text: &str, at: Option<&str>) -> String {
    let Some(at) = at else { return text.to_string() };
    if !at.starts_with('/') {
        return text.replace(SERVE_ADDR, at);
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(found) = rest.find("/dev/pts/") {
        out.push_str(&rest[..found]);
        let after = &rest[found + "/dev/pts/".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            out.push_str("/dev/pts/");
        } else {
            out.push_str(at);
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
