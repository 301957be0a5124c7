//! The `posdiag` binary: parses nothing itself, hands the arguments to
//! [`posdiag::run`] and turns its result into the process exit code. It
//! also tunes the C allocator for a large first load (see [`tune_malloc`]).

fn main() -> std::process::ExitCode {
    tune_malloc();
    posdiag::run(std::env::args_os())
}

/// glibc's malloc keeps small freed blocks in "fast bins" and merges them
/// all whenever a large block is asked for. Loading a large rule set frees
/// hundreds of thousands of small blocks while its vectors grow, so each
/// merge walks memory long out of cache: at 100k nodes that was a tenth of
/// the load, and what made it grow faster than the rule set. Without fast
/// bins a freed block is merged at once, while it is still warm; the
/// per-thread cache still serves the small blocks of a walk. (Other C
/// libraries have no such setting, and none is needed.)
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is
    // called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MXFAST, 0);
    }
}
