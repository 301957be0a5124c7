//! `posdiag diagnose --batch FILE.jsonl`: open the input (a file, or stdin
//! for `-`), run [`crate::batch::Batch`] over it to stdout, and sum the run
//! up on stderr. The line-by-line work lives in the library.

use std::io::{BufReader, IsTerminal as _};
use std::path::Path;

use super::arguments::DiagnoseArgs;
use super::context::Context;
use super::settings::{gather_answers, gather_facts, ordering, start_node};
use crate::batch::{Batch, Summary};
use crate::error::{Error, Usage};
use crate::exit::Exit;
use crate::lang::Lang;
use crate::source::SourceError;

pub fn run(ctx: &Context, args: &DiagnoseArgs, input: &Path) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    let answers = gather_answers(&rules, args)?;
    let facts = gather_facts(&args.given.fact)?;
    let start = start_node(&rules, args.start.as_deref())?;
    let (ordering, _) = ordering(&rules, &facts, args.no_history);
    let from_stdin = input == Path::new("-");
    let stream = from_stdin && !stdin_is_a_file();
    let batch = Batch { rules: &rules, ordering, answers, facts, start, lang: ctx.lang, stream };
    let mut out = crate::output::stdout_writer();
    let summary = if from_stdin {
        if std::io::stdin().is_terminal() {
            crate::eoutln!(
                "posdiag: reading answer sets from the terminal, one JSON object per line"
            );
        }
        batch.run(&mut std::io::stdin().lock(), &mut out)
    } else {
        // A regular file only (a stream comes on stdin, `-`): a device such
        // as `/dev/zero` would never end, a FIFO could block.
        let file = crate::fsio::open_regular(input).map_err(|source| {
            let hint = std::io::Error::new(
                source.kind(),
                format!("{source}; for a stream use `--batch -`"),
            );
            SourceError::File { path: input.to_path_buf(), source: hint }
        })?;
        batch.run(&mut BufReader::with_capacity(64 * 1024, file), &mut out)
    };
    let summary = match summary {
        Ok(s) => s,
        // The reader closed the output (`| head`): it has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Exit::Ok),
        Err(source) => return Err(Usage::BatchStopped { source }.into()),
    };
    crate::eoutln!("posdiag: {}", describe(ctx.lang, &summary));
    Ok(summary.exit())
}

/// Whether stdin is redirected from a regular file (read in blocks), not a
/// terminal or a pipe (whose writer may wait for each result).
#[cfg(unix)]
fn stdin_is_a_file() -> bool {
    use std::os::fd::AsFd as _;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(std::fs::File::from)
        .and_then(|f| f.metadata())
        .is_ok_and(|m| m.is_file())
}

#[cfg(not(unix))]
fn stdin_is_a_file() -> bool {
    false
}

fn describe(lang: Lang, s: &Summary) -> String {
    let n = |v: u64| crate::i18n::Arg::Str(v.to_string());
    lang.t_args(
        "batch-summary",
        &[
            ("lines", n(s.lines)),
            ("concluded", n(s.concluded)),
            ("none", n(s.no_conclusion)),
            ("input", n(s.needs_input)),
            ("errors", n(s.errors)),
        ],
    )
}
