//! Shared test helpers: a builder that runs the real `posdiag` binary with no
//! stdin, and mirror types of the JSON contracts (written independently of
//! the library's own types, so a change to the contract breaks a test).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub mod contract;
pub mod probe_json;
pub mod probe_sim;
pub mod pty;
pub mod serve;

pub const BIN: &str = env!("CARGO_BIN_EXE_posdiag");

/// The small rule set in `tests/data/mini`.
pub fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini")
}

pub struct Test {
    args: Vec<String>,
    envs: Vec<(String, String)>,
    dir: Option<PathBuf>,
    stdin: Option<Vec<u8>>,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    pub fn new() -> Test {
        Test { args: Vec::new(), envs: Vec::new(), dir: None, stdin: None }
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_string()));
        self
    }

    pub fn arg(self, arg: impl AsRef<str>) -> Test {
        self.args([arg])
    }

    pub fn env(mut self, k: &str, v: &str) -> Test {
        self.envs.push((k.into(), v.into()));
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Test {
        self.dir = Some(dir.to_path_buf());
        self
    }

    /// Feed these bytes on stdin (else stdin is empty and closed).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Test {
        self.stdin = Some(bytes.into());
        self
    }

    pub fn run(self) -> Run {
        let mut cmd = Command::new(BIN);
        cmd.args(&self.args)
            .stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "en_US.UTF-8")
            .env("NO_COLOR", "1")
            // No cache of parsed rule files unless a test asks for one.
            .env("POSDIAG_CACHE_DIR", "");
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        if let Some(d) = &self.dir {
            cmd.current_dir(d);
        }
        let mut child = cmd.spawn().expect("run posdiag");
        if let Some(bytes) = self.stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            // Written from a thread so a large input cannot deadlock against
            // a full stdout pipe.
            std::thread::spawn(move || {
                use std::io::Write as _;
                let _ = pipe.write_all(&bytes);
            });
        }
        let out: Output = child.wait_with_output().expect("wait for posdiag");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not the expected JSON: {e}\n{}", self.stdout))
    }

    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Run {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}", self.stdout);
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, needle: &str) -> Run {
        assert!(!self.stdout.contains(needle), "stdout has {needle:?}:\n{}", self.stdout);
        self
    }

    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }
}

/// A temporary rule folder with the given files.
pub fn rule_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write rule file");
    }
    dir
}

/// The mini rule set's files with one replaced or added.
pub fn mini_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in std::fs::read_dir(mini()).expect("mini") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    std::fs::write(dir.path().join(name), text).expect("write");
    dir
}
