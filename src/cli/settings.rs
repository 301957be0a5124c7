//! The one step where a walk's arguments become settings: the answers (an
//! answers file, then `--answer`, all checked against the rules), the facts
//! stated with `--fact`, the start node, and the ordering with the priors
//! learned from the local history. `diagnose`, `code` and batch mode all
//! take them from here; none borrows from another.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::arguments::DiagnoseArgs;
use crate::engine::{Answers, Facts, Ordering, Source, answer_text};
use crate::error::{Error, Usage};
use crate::history;
use crate::kb::KnowledgeBase;
use crate::messages::Localize as _;
use crate::rules::NodeId;
use crate::source::{self, did_you_mean, parse_yaml};

/// How branches are ordered: the priors learned from the local history
/// (unless `--no-history`) and the facts that make checks free. Returns the
/// history file to append confirmed faults to.
pub fn ordering(
    rules: &KnowledgeBase,
    facts: &Facts,
    no_history: bool,
) -> (Ordering, Option<PathBuf>) {
    let mut ordering = Ordering { facts: facts.clone(), ..Ordering::default() };
    if no_history {
        return (ordering, None);
    }
    let path = match history::default_path() {
        Ok(p) => p,
        Err(e) => {
            warn_priors(&e);
            return (ordering, None);
        }
    };
    match history::read(&path) {
        Ok(h) => ordering.priors = history::priors(rules, &h),
        Err(e) => warn_priors(&e),
    }
    (ordering, Some(path))
}

/// The history cannot be read: the walk goes on with the authored priors.
fn warn_priors(e: &history::HistoryError) {
    let lang = crate::output::lang();
    crate::output::warn(&lang.t_args("warning-priors", &[("message", e.message(lang).into())]));
}

/// The answers file, then `--answer` (which wins), all checked.
pub fn gather_answers(rules: &KnowledgeBase, args: &DiagnoseArgs) -> Result<Answers, Error> {
    let mut answers = Answers::new();
    if let Some(path) = &args.given.answers {
        for (node, value) in read_answers_file(path)? {
            answers.insert(node, value, Source::AnswersFile);
        }
    }
    let mut errors = Vec::new();
    for arg in &args.given.answer {
        if let Err(e) = answers.insert_arg(arg, Source::CommandLine) {
            errors.push(e);
        }
    }
    errors.extend(answers.validate(rules));
    if errors.is_empty() { Ok(answers) } else { Err(Error::Answers { errors }) }
}

/// A YAML mapping of node id to value. Values may be written as numbers
/// (`triage.code: 51`); they are taken as text.
pub fn read_answers_file(path: &Path) -> Result<BTreeMap<String, String>, Error> {
    let file = source::read_file_limited(path, source::MAX_ANSWERS_BYTES)?;
    let map: BTreeMap<String, serde_json::Value> = parse_yaml(&file).map_err(Error::Parse)?;
    let mut out = BTreeMap::new();
    for (k, v) in map {
        let Some(value) = answer_text(&v) else {
            let value = crate::mask::mask_pans(&v.to_string()).into_owned();
            return Err(Usage::AnswerNotSingle { path: path.into(), node: k, value }.into());
        };
        out.insert(k, value);
    }
    Ok(out)
}

pub fn gather_facts(args: &[String]) -> Result<Facts, Error> {
    let mut facts = Facts::new();
    for arg in args {
        let (name, value) = arg
            .split_once('=')
            .filter(|(n, v)| !n.trim().is_empty() && !v.trim().is_empty())
            .ok_or_else(|| Error::FactSyntax { arg: arg.clone() })?;
        let (name, value) = (name.trim(), value.trim());
        facts.insert(crate::probe::alarm::stated(name, value));
    }
    Ok(facts)
}

pub fn start_node(rules: &KnowledgeBase, start: Option<&str>) -> Result<NodeId, Error> {
    match start {
        None => Ok(rules.root()),
        Some(s) => rules.find(s).ok_or_else(|| Error::UnknownNode {
            node: s.to_string(),
            hint: did_you_mean(s, rules.ids()),
        }),
    }
}
