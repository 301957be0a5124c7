//! `posdiag check`: load the rules and report every problem at once.

use serde::Serialize;

use super::arguments::{CheckArgs, Format};
use super::context::Context;
use crate::error::Error;
use crate::exit::Exit;
use crate::rules::{self, Problem, Summary};

/// The JSON shape of `check --format json`.
#[derive(Debug, Serialize)]
struct CheckOutput<'a> {
    version: u32,
    ok: bool,
    #[serde(flatten)]
    summary: &'a Summary,
    problems: &'a [Problem],
}

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit, Error> {
    let loaded = rules::load(&ctx.rule_files()?, &[]);
    let ok = loaded.problems.is_empty();
    match args.format {
        Format::Json => {
            let out = CheckOutput {
                version: 1,
                ok,
                summary: &loaded.summary,
                problems: &loaded.problems,
            };
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            for p in &loaded.problems {
                println!("{p}");
            }
            let s = &loaded.summary;
            let trees: Vec<&str> = s.trees.iter().map(|t| t.id.as_str()).collect();
            if ok {
                println!(
                    "ok: {} trees ({}), {} nodes, {} conclusions",
                    trees.len(),
                    trees.join(", "),
                    s.nodes,
                    s.conclusions
                );
            } else {
                println!(
                    "{} problem(s) in {} file(s); {} nodes, {} conclusions",
                    loaded.problems.len(),
                    s.files,
                    s.nodes,
                    s.conclusions
                );
            }
        }
    }
    Ok(if ok { Exit::Ok } else { Exit::Input })
}
