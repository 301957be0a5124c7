//! `posdiag test [DIR]`: run the knowledge base's regression cases and report
//! `N passed, N failed`.

use super::arguments::{Format, TestArgs};
use super::context::Context;
use crate::cases::{parse_cases, run_cases};
use crate::error::Error;
use crate::exit::Exit;
use crate::robustness::Robustness;
use crate::source;

pub fn run(ctx: &Context, args: &TestArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    let files = match &args.dir {
        Some(dir) => source::read_folder(dir)?,
        None => source::embedded_cases(),
    };
    let cases = parse_cases(&files)
        .map_err(|problems| Error::Rules { problems, check: ctx.check_command() })?;
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
            print_robustness(&report.robustness);
            crate::outln!("{} passed, {} failed", report.passed, report.failed);
        }
    }
    Ok(if report.failed == 0 { Exit::Ok } else { Exit::NoConclusion })
}

/// The robustness figures: one line per group, then what fell short.
fn print_robustness(r: &Robustness) {
    crate::outln!(
        "robustness: walks with one \"don't know\" (others off the path \"don't know\", wrong remedies \"not fixed\"; \"within 3\" counts conclusions beyond the path's own)"
    );
    for (name, f) in [
        ("inside trees", &r.inside),
        ("at the triage", &r.triage),
        ("two unknowns", &r.two_unknowns),
    ] {
        crate::outln!(
            "  {name:<14} {:>5} walks  within 3: {:5.1} % ({:5.1} % weighted)  ever: {:5.1} % ({:5.1} % weighted)  {:.1} questions, {:.1} remedies",
            f.walks,
            f.within_3 * 100.0,
            f.within_3_weighted * 100.0,
            f.ever * 100.0,
            f.ever_weighted * 100.0,
            f.mean_questions,
            f.mean_remedies
        );
    }
    for m in r.misses.iter().take(10) {
        crate::outln!(
            "  never reached: {} with \"don't know\" at {} ({})",
            m.target,
            m.unknown.join(", "),
            m.ended
        );
    }
    if r.misses.len() > 10 {
        crate::outln!("  … and {} more never reached", r.misses.len() - 10);
    }
    if r.skipped > 0 {
        crate::outln!(
            "  {} walks not run: their unknown is the code that alone leads to the target",
            r.skipped
        );
    }
    for b in &r.below {
        crate::outln!("FAIL robustness — {b}");
    }
}
