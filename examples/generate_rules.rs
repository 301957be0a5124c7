//! Write a synthetic knowledge base of N nodes to a folder, for benchmarks
//! and for trying posdiag on a large rule set:
//!
//! ```text
//! cargo run --release --example generate_rules -- 100000 /tmp/kb-100k
//! posdiag --rules /tmp/kb-100k check
//! cargo run --release --example generate_rules -- --json 100000 /tmp/kb-100k-json
//! ```
//!
//! With `--json` the files are JSON (`*.json`), the format for rule sets a
//! program writes (see `rules/README.md`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.first().is_some_and(|a| a == "--json");
    if json {
        args.remove(0);
    }
    let (Some(nodes), Some(dir)) =
        (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1))
    else {
        eprintln!("usage: generate_rules [--json] NODES DIR");
        return ExitCode::from(2);
    };
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create `{}`: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0;
    let files = if json {
        posdiag::rules::synth::generate_json(nodes)
    } else {
        posdiag::rules::synth::generate(nodes)
    };
    for (name, text) in &files {
        bytes += text.len();
        if let Err(e) = std::fs::write(dir.join(name), text) {
            eprintln!("cannot write `{name}`: {e}");
            return ExitCode::from(2);
        }
    }
    eprintln!("{} files, {bytes} bytes, about {nodes} nodes in {}", files.len(), dir.display());
    ExitCode::SUCCESS
}
