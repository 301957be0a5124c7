//! Write N batch lines (JSON Lines for `posdiag diagnose --batch`) to
//! stdout, cycling through the knowledge base's own cases, for benchmarks
//! and for trying batch mode:
//!
//! ```text
//! cargo run --release --example generate_batch -- 100000 > /tmp/fleet.jsonl
//! posdiag diagnose --batch /tmp/fleet.jsonl > /tmp/results.jsonl
//! ```

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(lines) = std::env::args().nth(1).and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: generate_batch LINES > FILE.jsonl");
        return ExitCode::from(2);
    };
    let cases = match posdiag::cases::parse_cases(&posdiag::source::embedded_cases()) {
        Ok(c) if !c.is_empty() => c,
        _ => {
            eprintln!("the embedded cases do not parse; run `posdiag test`");
            return ExitCode::from(2);
        }
    };
    let texts: Vec<String> = cases.iter().map(|c| posdiag::batch::case_line(&c.def)).collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for text in texts.iter().cycle().take(lines) {
        if writeln!(out, "{text}").is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
