//! `posdiag diagnose`: walk the graph with answers from a file and the
//! command line and facts, print the result, exit with its code. Never reads
//! stdin: what it lacks, it names (exit 3) for the script to supply.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::arguments::{DiagnoseArgs, Format};
use super::context::Context;
use super::interactive::Interactive;
use super::prompt::{Prompter, Resume, Stop};
use super::settings::{gather_answers, gather_facts, ordering, start_node};
use crate::engine::{Answers, Fact, Facts, Ordering, Outcome, Position, Walk, run_script_ordered};
use crate::error::{Error, Kept, Usage};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::report::{CodeOut, Diagnosis, check_report_path, render_diagnosis, write_report};
use crate::rules::NodeId;
use crate::session;

pub fn run(ctx: &Context, args: &DiagnoseArgs) -> Result<Exit, Error> {
    if let Some(input) = &args.batch {
        return super::batch::run(ctx, args, input);
    }
    if let Some(path) = &args.given.report {
        check_report_path(path)?;
    }
    let rules = ctx.rules()?;
    let answers = gather_answers(&rules, args)?;
    let mut facts = gather_facts(&args.given.fact)?;
    // ── Probe first (issue 4): the terminal's facts, under the `--fact`s
    // given; its last response code picks the start unless the user did.
    if args.port.is_some() || args.line.replay.is_some() {
        facts = super::probe::merge_facts(
            super::probe::probe_facts(
                args.port.as_deref(),
                &args.line,
                ctx.lang,
                is_interactive(&answers, args),
            )?,
            &facts,
        );
    }
    // A start the user chose wins, and then nothing is said of the probe's.
    let probed = match args.start {
        None => super::start::start_from_code(&rules, &facts, &answers, ctx.lang),
        Some(_) => None,
    };
    let (start, code) = match probed {
        Some((node, code)) => {
            // The result says which code chose the start, as `posdiag code` does.
            let code = code.and_then(|code| {
                crate::report::describe_code(&rules, &code, Some(node), ctx.lang).ok()
            });
            (node, code)
        }
        _ => (start_node(&rules, args.start.as_deref())?, None),
    };
    // ── end of the probe step ──
    let (ordering, history) = ordering(&rules, &facts, args.no_history);
    let interactive = is_interactive(&answers, args);
    let session_path = session::default_path()?;
    let _lock = if interactive { Some(guard_session(&session_path)?) } else { None };
    if args.resume {
        let saved = session::load(&session_path)?;
        for fact in &saved.facts {
            if facts.get(&fact.name).is_none() {
                facts.insert(fact.clone());
            }
        }
        let mut walk = saved.to_walk(&rules, &session_path)?;
        walk.set_ordering(ordering);
        if interactive {
            return interactive_run(ctx, args, &facts, session_path, history, walk, None);
        }
        return scripted_result(ctx, args, walk, &facts);
    }
    if interactive
        && let Ok(saved) = session::load(&session_path)
        && let Ok(mut walk) = saved.to_walk(&rules, &session_path)
    {
        walk.set_ordering(ordering.clone());
        let prompter = Prompter::new(ctx.lang, ctx.colour);
        let when = local_time(saved.saved_at);
        match prompter.resume_saved(&when) {
            Ok(Resume::Continue) => {
                return interactive_run(ctx, args, &facts, session_path, history, walk, None);
            }
            Ok(Resume::Afresh) => {
                let aside = session::set_aside(&session_path)?;
                let path = aside.display().to_string();
                crate::eoutln!(
                    "{}",
                    ctx.lang.t_args("diagnose-kept-aside", &[("path", path.into())])
                );
            }
            Ok(Resume::Keep) => {
                let command = crate::invocation::hint(&["--resume"]);
                crate::eoutln!(
                    "{}",
                    ctx.lang.t_args("diagnose-kept", &[("command", command.into())])
                );
                return Ok(Exit::NeedsInput);
            }
            Err(Stop::Interrupted) => return Ok(Exit::Interrupted),
            Err(Stop::Terminal(reason)) => {
                return Err(Usage::Terminal { reason, kept: Kept::Nothing }.into());
            }
        }
    }
    let fresh = Fresh { answers: &answers, facts: &facts, ordering, history, interactive };
    fresh.walk(ctx, args, &rules, start, code)
}

/// Walk from `start` as `diagnose --start NODE` does, with the code that
/// chose the start (`posdiag code`) in the result: asked on a terminal with
/// nothing given, scripted otherwise. Always a new walk; a saved session is
/// neither offered nor resumed.
pub fn walk_from(
    ctx: &Context,
    args: &DiagnoseArgs,
    rules: &KnowledgeBase,
    start: NodeId,
    code: Option<CodeOut>,
) -> Result<Exit, Error> {
    if let Some(path) = &args.given.report {
        check_report_path(path)?;
    }
    let answers = gather_answers(rules, args)?;
    let facts = gather_facts(&args.given.fact)?;
    let (ordering, history) = ordering(rules, &facts, args.no_history);
    let interactive = is_interactive(&answers, args);
    let fresh = Fresh { answers: &answers, facts: &facts, ordering, history, interactive };
    fresh.walk(ctx, args, rules, start, code)
}

/// A person at a terminal with nothing given is asked; anything else is a
/// script, which is never asked and never waits on stdin.
fn is_interactive(answers: &Answers, args: &DiagnoseArgs) -> bool {
    std::io::stdin().is_terminal() && answers.is_empty() && args.format == Format::Text
}

/// What a new walk needs besides where it starts.
struct Fresh<'a> {
    answers: &'a Answers,
    facts: &'a Facts,
    ordering: Ordering,
    history: Option<PathBuf>,
    interactive: bool,
}

impl Fresh<'_> {
    fn walk(
        self,
        ctx: &Context,
        args: &DiagnoseArgs,
        rules: &KnowledgeBase,
        start: NodeId,
        code: Option<CodeOut>,
    ) -> Result<Exit, Error> {
        if self.interactive {
            let mut walk = Walk::new(rules, start);
            walk.set_ordering(self.ordering);
            let session_path = session::default_path()?;
            return interactive_run(ctx, args, self.facts, session_path, self.history, walk, code);
        }
        let (walk, outcome) =
            run_script_ordered(rules, start, self.answers, self.facts, self.ordering)?;
        finish(ctx, args, &walk, outcome, self.facts, code)
    }
}

fn interactive_run(
    ctx: &Context,
    args: &DiagnoseArgs,
    facts: &Facts,
    session_path: PathBuf,
    history: Option<PathBuf>,
    walk: Walk<'_>,
    code: Option<CodeOut>,
) -> Result<Exit, Error> {
    let _lock = guard_session(&session_path)?;
    let it = Interactive {
        lang: ctx.lang,
        colour: ctx.colour,
        facts,
        session_path,
        report: args.given.report.as_deref(),
        history,
        code,
    };
    it.run(walk)
}

/// One interactive walk per state folder ([`crate::lock`]), and signals
/// that end it cleanly ([`crate::signals`]).
fn guard_session(session_path: &Path) -> Result<crate::lock::SessionLock, Error> {
    let lock = crate::lock::lock(session_path)?;
    crate::signals::guard_interactive(session_path.to_path_buf());
    Ok(lock)
}

/// A resumed session without a terminal: report where it stands.
fn scripted_result(
    ctx: &Context,
    args: &DiagnoseArgs,
    mut walk: Walk<'_>,
    facts: &Facts,
) -> Result<Exit, Error> {
    walk.answer_all_from_facts(facts);
    let outcome = match walk.position() {
        Position::Question(n) => Outcome::NeedsInput(n),
        Position::Conclusion(n) => Outcome::Concluded(n),
        Position::Exhausted => Outcome::Exhausted,
    };
    finish(ctx, args, &walk, outcome, facts, None)
}

/// Print the result, write the report, return the exit code.
fn finish(
    ctx: &Context,
    args: &DiagnoseArgs,
    walk: &Walk<'_>,
    outcome: Outcome,
    facts: &Facts,
    code: Option<CodeOut>,
) -> Result<Exit, Error> {
    let facts: Vec<Fact> = facts.iter().cloned().collect();
    let diagnosis = Diagnosis::from_walk(walk, outcome, &facts, ctx.lang).with_code(code);
    print(&diagnosis, args.format);
    if let Some(path) = &args.given.report {
        write_report(path, &diagnosis)?;
    }
    Ok(exit_for(&diagnosis))
}

/// The exit code a diagnosis ends with.
pub fn exit_for(d: &Diagnosis) -> Exit {
    d.status.exit()
}

pub fn print(d: &Diagnosis, format: Format) {
    match format {
        Format::Json => crate::outln!("{}", serde_json::to_string_pretty(d).unwrap_or_default()),
        Format::Text => crate::out!("{}", render_diagnosis(d)),
    }
}

/// A saved session's time (seconds since 1970, UTC) on the user's own
/// clock: `2026-12-02 16:01`, in the system's time zone (UTC if unknown).
fn local_time(secs: u64) -> String {
    let second = i64::try_from(secs).unwrap_or(i64::MAX);
    match jiff::Timestamp::from_second(second) {
        Ok(t) => {
            t.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string()
        }
        Err(_) => secs.to_string(),
    }
}
