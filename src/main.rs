//! The `posdiag` binary: parses nothing itself, hands the arguments to
//! [`posdiag::run`] and turns its result into the process exit code.

fn main() -> std::process::ExitCode {
    posdiag::run(std::env::args_os())
}
