//! How posdiag was started, so that its hints name a command that works
//! as printed: `posdiag` when that is what runs, the path as typed when it
//! is not on the PATH, `cargo run --release --` under cargo.

use std::path::{Path, PathBuf};

/// The command that started this process, ready to prefix arguments.
pub fn program() -> String {
    let argv0 = std::env::args_os().next().map(PathBuf::from).unwrap_or_default();
    if started_by_cargo() {
        let release = argv0.components().any(|c| c.as_os_str() == "release");
        return if release { "cargo run --release --" } else { "cargo run --" }.into();
    }
    let name = argv0.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_else(|| "posdiag".into());
    if argv0.components().count() <= 1 || on_path(&name, &argv0) {
        return name;
    }
    argv0.display().to_string()
}

/// `program()` followed by `args`, for a hint.
pub fn hint(args: &[&str]) -> String {
    let mut s = program();
    for a in args {
        s.push(' ');
        s.push_str(a);
    }
    s
}

/// Whether `name` on the PATH is this very program.
fn on_path(name: &str, argv0: &Path) -> bool {
    let Some(path) = std::env::var_os("PATH") else { return false };
    let me = std::fs::canonicalize(argv0).ok();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
        .is_some_and(|p| std::fs::canonicalize(p).ok() == me)
}

/// Whether `cargo run` started this process. Cargo sets `CARGO` and
/// `CARGO_MANIFEST_DIR` for what it runs and then becomes it (it `exec`s
/// on Unix), so the parent is whatever started cargo; a program that a test
/// binary of the same build starts has that test binary for its parent.
fn started_by_cargo() -> bool {
    let (Some(_), Some(manifest)) =
        (std::env::var_os("CARGO"), std::env::var_os("CARGO_MANIFEST_DIR"))
    else {
        return false;
    };
    let Ok(me) = std::env::current_exe() else { return false };
    if !me.starts_with(&manifest) {
        return false;
    }
    let parent = std::fs::read_to_string("/proc/self/stat").ok().and_then(|stat| {
        // `pid (comm) state ppid …`: the command name may hold spaces.
        let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.to_string();
        std::fs::read_link(format!("/proc/{ppid}/exe")).ok()
    });
    parent.is_none_or(|p| !p.starts_with(&manifest))
}
