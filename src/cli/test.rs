//! `posdiag test [DIR]`: run the knowledge base's regression cases and report
//! `N passed, N failed`.

use super::arguments::{Format, TestArgs};
use super::context::Context;
use crate::cases::{parse_cases, run_cases};
use crate::error::Error;
use crate::exit::Exit;
use crate::rules::source;

pub fn run(ctx: &Context, args: &TestArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    let files = match &args.dir {
        Some(dir) => source::read_folder(dir)?,
        None => source::embedded_cases(),
    };
    let cases = parse_cases(&files).map_err(|problems| Error::Rules { problems })?;
    let report = run_cases(&rules, &cases);
    match args.format {
        Format::Json => {
            crate::outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default())
        }
        Format::Text => {
            for r in report.cases.iter().filter(|r| !r.passed) {
                crate::outln!("FAIL {} — {}", r.file, r.name);
                if let Some(m) = &r.message {
                    crate::outln!("    {m}");
                }
            }
            for key in &report.uncovered {
                crate::outln!("FAIL coverage — conclusion `{key}` is reached by no case");
            }
            let e = &report.effort;
            if e.cases > 0 {
                crate::outln!(
                    "ordering: over {} cases, a \"don't know\" walk meets the fault after {:.2} remedies in authored order, {:.2} in probability-over-cost order",
                    e.cases,
                    e.authored_remedies,
                    e.ordered_remedies
                );
            }
            crate::outln!("{} passed, {} failed", report.passed, report.failed);
        }
    }
    Ok(if report.failed == 0 { Exit::Ok } else { Exit::NoConclusion })
}
