//! The interactive walk: a merchant at the counter answers questions until
//! the fault and its fix are found. Prompts go to stderr, results (the
//! conclusion tables, the escalation summary) to stdout. After every step
//! the session is saved, so Ctrl-C, Esc or a closed terminal lose nothing.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::arguments::ColorArg;
use super::prompt::{Moves, Prompter, Reply, Stop};
use crate::engine::{
    AnswerError, Fact, Facts, Outcome, Position, Source, Walk, expected_minutes, is_weighted,
    select_input,
};
use crate::error::{Error, Kept, Usage};
use crate::exit::Exit;
use crate::history;
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::messages::Localize as _;
use crate::report::{
    CodeOut, Diagnosis, assumed_note, conclusion_table, describe_code, path_table, render_code,
    render_diagnosis, render_handoff, render_report, write_report,
};
use crate::rules::NodeId;
use crate::rules::model::InputKind;
use crate::session::{self, SavedSession};

/// What the interactive walk needs besides the walk itself.
pub struct Interactive<'a> {
    pub lang: Lang,
    /// Colour in prompts (see [`colour`]).
    pub colour: bool,
    pub facts: &'a Facts,
    pub session_path: PathBuf,
    pub report: Option<&'a Path>,
    /// Where confirmed faults are appended (`None` with `--no-history`).
    pub history: Option<PathBuf>,
    /// The code the walk starts from (`posdiag code`), shown first.
    pub code: Option<CodeOut>,
}

/// Whether prompts use colour: `--color always` or `CLICOLOR_FORCE` (not
/// `0`) force it; `--color never`, `NO_COLOR` or `CLICOLOR=0` turn it off;
/// otherwise only on a terminal (the conventions of bixense.com/clicolors
/// and no-color.org).
pub fn colour(when: ColorArg) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match when {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                return true;
            }
            set("NO_COLOR").is_none()
                && set("CLICOLOR").is_none_or(|v| v != "0")
                && std::io::stderr().is_terminal()
        }
    }
}

/// A reply to a question: a listed answer or typed text.
enum Choice {
    Picked(usize),
    Typed(String),
}

impl Interactive<'_> {
    pub fn run(&self, mut walk: Walk<'_>) -> Result<Exit, Error> {
        let lang = self.lang;
        let prompter = Prompter::new(lang, self.colour);
        let facts: Vec<Fact> = self.facts.iter().cloned().collect();
        if let Some(code) = &self.code {
            crate::outln!("{}", render_code(code, lang));
        }
        loop {
            walk.answer_all_from_facts(self.facts);
            self.save(&walk, &facts)?;
            let can_back = walk.steps().iter().any(|s| !s.is_automatic());
            let reply = match walk.position() {
                Position::Question(node) => {
                    self.ask(&prompter, &mut walk, node, Moves { back: can_back, unknown: true })
                }
                Position::Conclusion(node) => {
                    let d = Diagnosis::from_walk(&walk, Outcome::Concluded(node), &facts, lang)
                        .with_code(self.code.clone());
                    show_conclusion(&d, lang);
                    match prompter.fixed(Moves { back: can_back, unknown: false }) {
                        Ok(Reply::Value(true)) => {
                            self.remember(walk.rules(), node);
                            self.finish(&d)?;
                            crate::eoutln!("{}", lang.t("interactive-good-diagnosis-finished"));
                            return Ok(Exit::Ok);
                        }
                        Ok(Reply::Value(false)) => {
                            walk.reject();
                            Ok(Reply::Value(()))
                        }
                        Ok(Reply::Back) => Ok(Reply::Back),
                        Ok(_) => Ok(Reply::Quit),
                        Err(e) => Err(e),
                    }
                }
                Position::Exhausted => {
                    let d = Diagnosis::from_walk(&walk, Outcome::Exhausted, &facts, lang)
                        .with_code(self.code.clone());
                    crate::outln!("{}", render_diagnosis(&d));
                    self.finish(&d)?;
                    return Ok(Exit::NoConclusion);
                }
            };
            match reply {
                Ok(Reply::Value(())) | Ok(Reply::Why) | Ok(Reply::Unknown) => {}
                Ok(Reply::Back) => {
                    if !walk.back() {
                        crate::eoutln!("{}", lang.t("interactive-this-is-the-first-question"));
                    }
                }
                Ok(Reply::Quit) => return self.stop(&walk, &facts, Exit::NeedsInput),
                Err(Stop::Interrupted) => return self.stop(&walk, &facts, Exit::Interrupted),
                Err(Stop::Terminal(reason)) => {
                    self.save(&walk, &facts)?;
                    let kept = if session::saved() {
                        Kept::SavedTo(self.session_path.clone())
                    } else {
                        Kept::NotSaved
                    };
                    return Err(Usage::Terminal { reason, kept }.into());
                }
            }
        }
    }

    /// Ask the question at `node` until it is answered (the walk moves on)
    /// or the person goes back or quits.
    fn ask(
        &self,
        prompter: &Prompter,
        walk: &mut Walk<'_>,
        node: NodeId,
        moves: Moves,
    ) -> Result<Reply<()>, Stop> {
        let rules = walk.rules();
        let lang = self.lang;
        let Some(q) = rules.question(node) else { return Ok(Reply::Quit) };
        crate::eoutln!("\n── {} ──", rules.tree_of(node).title.get(lang));
        if is_weighted(q)
            && let Some(minutes) = expected_minutes(&walk.ordering().rank(rules, node))
        {
            let minutes = format!("{minutes:.0}");
            crate::eoutln!(
                "{}",
                lang.t_args("interactive-expected-effort", &[("minutes", minutes.into())])
            );
        }
        let message = q.text.get(lang);
        loop {
            let reply = match &q.input {
                Some(input) => {
                    let hint = input.hint.as_ref().map(|h| h.get(lang));
                    // What is wrong with the value, without the node's id.
                    let validate = |s: &str| {
                        select_input(rules, node, q, s).map(|_| ()).map_err(|e| match e {
                            AnswerError::BadInput { reason, .. } => reason.message(lang),
                            other => other.message(lang),
                        })
                    };
                    map(prompter.text(message, hint, &validate, moves)?, Choice::Typed)
                }
                None => {
                    // Weighted questions list the likely, cheap checks first;
                    // where the probe's facts found a fault, that comes first.
                    let ranked = walk.ordering().rank(rules, node);
                    let found: Vec<usize> =
                        ranked.iter().filter(|r| r.found).map(|r| r.index).collect();
                    let order: Vec<usize> = if is_weighted(q) || !found.is_empty() {
                        ranked.iter().map(|r| r.index).collect()
                    } else {
                        (0..q.answers.len()).collect()
                    };
                    let labels: Vec<String> = order
                        .iter()
                        .map(|&i| {
                            let label = q.answers[i].label.get(lang);
                            if found.contains(&i) {
                                lang.t_args("interactive-probe-found", &[("label", label.into())])
                            } else {
                                label.to_string()
                            }
                        })
                        .collect();
                    map(prompter.choose(message, &labels, moves)?, |k| Choice::Picked(order[k]))
                }
            };
            let answered = match reply {
                Reply::Why => {
                    crate::eoutln!("{}", super::why::explain(rules, walk, node, q, lang));
                    continue;
                }
                Reply::Unknown => walk.answer_unknown(node, Source::Interactive),
                Reply::Value(Choice::Picked(i)) => {
                    walk.answer(node, &q.answers[i].value, Source::Interactive)
                }
                Reply::Value(Choice::Typed(s)) => {
                    let answered = walk.answer_input(node, &s, Source::Interactive);
                    // A code: say what it means and who acts before going on.
                    if answered.is_ok()
                        && q.input.as_ref().is_some_and(|i| i.kind == InputKind::Code)
                        && let Ok(code) = describe_code(rules, &s, None, lang)
                    {
                        crate::eoutln!("\n{}", render_code(&code, lang));
                    }
                    answered
                }
                Reply::Back => return Ok(Reply::Back),
                Reply::Quit => return Ok(Reply::Quit),
            };
            match answered {
                Ok(()) => return Ok(Reply::Value(())),
                Err(e) => crate::eoutln!("{e}"),
            }
        }
    }

    /// Append the confirmed fault to the history; a failure to write it is
    /// a warning, never the end of a diagnosis that found the fault.
    fn remember(&self, rules: &KnowledgeBase, node: NodeId) {
        if let (Some(path), Some(entry)) = (&self.history, history::Entry::now(rules, node))
            && let Err(e) = history::append(path, &entry)
        {
            crate::output::warn(&e.message(self.lang));
        }
    }

    /// Save the session; a folder where it cannot be saved is a warning
    /// (said once) and the walk goes on.
    fn save(&self, walk: &Walk<'_>, facts: &[Fact]) -> Result<(), Error> {
        let saved = SavedSession::from_walk(walk, facts, self.lang);
        session::save_or_warn(&saved, &self.session_path, |e| {
            let text =
                self.lang.t_args("warning-not-saved", &[("message", e.message(self.lang).into())]);
            crate::output::warn(&text);
        });
        if let Some(path) = self.report
            && let Ok(text) = render_report(path, &self.so_far(walk, facts))
        {
            crate::signals::keep_report(path, text);
        }
        Ok(())
    }

    /// The walk is over: write the report, forget the saved session.
    fn finish(&self, d: &Diagnosis) -> Result<(), Error> {
        if let Some(path) = self.report {
            write_report(path, d)?;
        }
        session::clear(&self.session_path);
        Ok(())
    }

    /// The walk so far as a diagnosis, for a report.
    fn so_far(&self, walk: &Walk<'_>, facts: &[Fact]) -> Diagnosis {
        let outcome = match walk.position() {
            Position::Question(n) => Outcome::NeedsInput(n),
            Position::Conclusion(n) => Outcome::Concluded(n),
            Position::Exhausted => Outcome::Exhausted,
        };
        Diagnosis::from_walk(walk, outcome, facts, self.lang).with_code(self.code.clone())
    }

    /// Quit or Ctrl-C: save, write the report so far, say how to resume.
    fn stop(&self, walk: &Walk<'_>, facts: &[Fact], exit: Exit) -> Result<Exit, Error> {
        self.save(walk, facts)?;
        if let Some(path) = self.report {
            write_report(path, &self.so_far(walk, facts))?;
        }
        let lang = self.lang;
        if !session::saved() {
            crate::eoutln!("\n{}", lang.t("interactive-the-session-is-not-saved"));
            return Ok(exit);
        }
        let path = self.session_path.display().to_string();
        let command = crate::invocation::hint(&["--resume"]);
        crate::eoutln!(
            "\n{}\n{}",
            lang.t_args("interactive-saved-to", &[("path", path.into())]),
            lang.t_args("interactive-to-continue", &[("command", command.into())]),
        );
        Ok(exit)
    }
}

fn map<T, U>(r: Reply<T>, f: impl FnOnce(T) -> U) -> Reply<U> {
    match r {
        Reply::Value(v) => Reply::Value(f(v)),
        Reply::Back => Reply::Back,
        Reply::Why => Reply::Why,
        Reply::Unknown => Reply::Unknown,
        Reply::Quit => Reply::Quit,
    }
}

/// The conclusion and how it was reached, as tables on stdout.
fn show_conclusion(d: &Diagnosis, lang: Lang) {
    if let Some(c) = &d.conclusion {
        crate::outln!("\n{}", conclusion_table(c, lang, None));
    }
    if !d.path.is_empty() {
        crate::outln!("{}", lang.t("interactive-how-we-got-here"));
        crate::outln!("{}", path_table(&d.path, lang, None));
    }
    if d.assumed {
        crate::outln!("{}", assumed_note(lang));
    }
    if let Some(h) = &d.handoff {
        crate::outln!("\n{}", render_handoff(h, lang));
    }
}
