//! Batch diagnosis: one answer set per line of JSON in, one result per line
//! of JSON out, in order (`posdiag diagnose --batch FILE.jsonl`). A line that
//! is not valid gets an error record of its own and the lines after it go
//! on; nothing a line holds can stop the run or make it panic.
//!
//! A line is an object:
//! `{"id": "T-42", "answers": {"triage.start": "printer"}, "facts": {"modem.csq": 7}, "start": "printer.start"}`;
//! every field is optional. Values may be text, numbers or booleans, as in
//! an answers file. Card numbers are masked where the line is read, and in
//! every message that quotes the line.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::engine::{
    Answers, Fact, Facts, GivenError, InputProblem, Ordering, Source, answer_text,
    run_script_ordered,
};
use crate::engine::{Outcome, Walk};
use crate::exit::Exit;
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::mask::mask_pans;
use crate::messages::{Localize as _, unknown_with_hint};
use crate::report::{Diagnosis, Status};
use crate::rules::NodeId;
use crate::source::did_you_mean;

mod echo;
use echo::echo_id;
pub(crate) use echo::unique_keys;

/// Longest line read; a longer one is an error record, and the reader
/// skips to the next line without holding it in memory.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// One input line as written (also what `posdiag serve` starts a session
/// from).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// Echoed in the result, to match results to terminals: as written
    /// (a number keeps its digits), card numbers masked.
    pub id: Option<Box<RawValue>>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub answers: BTreeMap<String, serde_json::Value>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub facts: BTreeMap<String, serde_json::Value>,
    /// Start node; else the run's `--start`, else the triage root.
    pub start: Option<String>,
}

/// One output line: the diagnosis, or why the line could not be diagnosed.
#[derive(Debug, Serialize)]
pub struct Record {
    /// 1-based line number in the input.
    pub line: u64,
    /// The line's `id`, as given (card numbers masked).
    pub id: Option<Box<RawValue>>,
    /// The exit code a single `posdiag diagnose` would have ended with.
    pub exit: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<Diagnosis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<LineError>,
}

/// Why a line was not diagnosed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// Stable: `json`, `utf8`, `too_long`, `answers`, `facts`, `start`,
    /// `walk`.
    pub kind: &'static str,
    pub message: String,
    /// Each answer that does not fit the rules, one message per answer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

impl LineError {
    pub fn new(kind: &'static str, message: impl AsRef<str>) -> LineError {
        let message = mask_pans(message.as_ref());
        let message = crate::output::clip_quotes(&message).into_owned();
        LineError { kind, message, errors: Vec::new() }
    }
}

/// What every line shares: the rules, the ordering of branches, the
/// run-wide answers, facts and start, and the language.
pub struct Batch<'r> {
    pub rules: &'r KnowledgeBase,
    pub ordering: Ordering,
    /// `--answer`s of the run; a line's own answers win.
    pub answers: Answers,
    /// `--fact`s of the run; a line's own facts win.
    pub facts: Facts,
    pub start: NodeId,
    pub lang: Lang,
    /// Write each result out as soon as it is made (input from a terminal
    /// or a pipe, whose writer may wait for it), not in large blocks.
    pub stream: bool,
}

/// Counts of a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub concluded: u64,
    pub no_conclusion: u64,
    pub needs_input: u64,
    pub errors: u64,
}

impl Summary {
    /// The exit code of the run: 2 when a line was bad, else 0 (each line
    /// carries its own `exit`).
    pub fn exit(&self) -> Exit {
        if self.errors > 0 { Exit::Input } else { Exit::Ok }
    }

    fn count(&mut self, record: &Record) {
        self.lines += 1;
        match record.diagnosis.as_ref().map(|d| &d.status) {
            None => self.errors += 1,
            Some(Status::Concluded) => self.concluded += 1,
            Some(Status::NoConclusion) => self.no_conclusion += 1,
            Some(Status::NeedsInput) => self.needs_input += 1,
        }
    }
}

impl<'r> Batch<'r> {
    /// Diagnose every line of `input`, writing one JSON record per line to
    /// `out`. Only a failure to read or write stops it.
    pub fn run(&self, input: &mut impl BufRead, out: &mut impl Write) -> std::io::Result<Summary> {
        let mut summary = Summary::default();
        let mut buf = Vec::new();
        let mut number = 0u64;
        while let Some(read) = read_line(input, &mut buf, MAX_LINE_BYTES)? {
            number += 1;
            let record = match read {
                Read::TooLong => Record::error(
                    number,
                    LineError::new(
                        "too_long",
                        self.lang.t_args(
                            "batch-too-long",
                            &[("max", MAX_LINE_BYTES.to_string().into())],
                        ),
                    ),
                ),
                Read::Line if buf.iter().all(u8::is_ascii_whitespace) => continue,
                Read::Line => match std::str::from_utf8(&buf) {
                    Ok(text) => self.diagnose_line(number, text),
                    Err(e) => Record::error(
                        number,
                        LineError::new(
                            "utf8",
                            self.lang.t_args(
                                "batch-not-utf8",
                                &[("byte", (e.valid_up_to() + 1).to_string().into())],
                            ),
                        ),
                    ),
                },
            };
            summary.count(&record);
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
            if self.stream {
                out.flush()?;
            }
        }
        out.flush()?;
        Ok(summary)
    }

    /// One line of text to one record.
    pub fn diagnose_line(&self, number: u64, text: &str) -> Record {
        let line: Line = match serde_json::from_str(text) {
            Ok(l) => l,
            Err(e) => {
                let message = e.to_string();
                let message = match message.rfind(" at line ") {
                    Some(i) => &message[..i],
                    None => &message,
                };
                // The parser's own words say what is wrong.
                let text = self.lang.t_args(
                    "batch-not-json",
                    &[("column", e.column().to_string().into()), ("detail", message.into())],
                );
                return Record::error(number, LineError::new("json", text));
            }
        };
        let id = line.id.as_deref().map(echo_id);
        match self.diagnose(line) {
            Ok(diagnosis) => Record {
                line: number,
                id,
                exit: diagnosis.status.exit() as u8,
                diagnosis: Some(diagnosis),
                error: None,
            },
            Err(error) => Record { id, ..Record::error(number, error) },
        }
    }

    fn diagnose(&self, line: Line) -> Result<Diagnosis, LineError> {
        let (walk, outcome, facts) = self.walk(&line)?;
        let facts: Vec<Fact> = facts.iter().cloned().collect();
        Ok(Diagnosis::from_walk(&walk, outcome, &facts, self.lang))
    }

    /// Walk one line as far as its answers and facts go.
    pub fn walk(&self, line: &Line) -> Result<(Walk<'r>, Outcome, Facts), LineError> {
        let mut answers = self.answers.clone();
        let mut bad = Vec::new();
        for (node, value) in &line.answers {
            match answer_text(value) {
                Some(v) => answers.insert(node.as_str(), v, Source::AnswersFile),
                None => bad.push(GivenError::BadInput {
                    node: node.clone(),
                    value: mask_pans(&value.to_string()).into_owned(),
                    reason: InputProblem::NotSingle,
                }),
            }
        }
        bad.extend(answers.validate(self.rules));
        if !bad.is_empty() {
            let errors: Vec<String> = bad
                .iter()
                .map(|e| crate::output::clip_quotes(&mask_pans(&e.message(self.lang))).into_owned())
                .collect();
            let mut e = LineError::new("answers", errors.join("; "));
            e.errors = errors;
            return Err(e);
        }
        let facts = self.facts_with(&line.facts)?;
        let start = match &line.start {
            None => self.start,
            Some(s) => self.rules.find(s).ok_or_else(|| {
                let hint = did_you_mean(s, self.rules.ids());
                let message =
                    self.lang.t_args("error-unknown-node", &[("node", s.as_str().into())]);
                LineError::new("start", unknown_with_hint(self.lang, message, hint.as_ref()))
            })?,
        };
        let mut ordering = self.ordering.clone();
        if !line.facts.is_empty() {
            ordering.facts = facts.clone();
        }
        let (walk, outcome) = run_script_ordered(self.rules, start, &answers, &facts, ordering)
            .map_err(|e| LineError::new("walk", e.message(self.lang)))?;
        Ok((walk, outcome, facts))
    }

    fn facts_with(&self, given: &BTreeMap<String, serde_json::Value>) -> Result<Facts, LineError> {
        let mut facts = self.facts.clone();
        for (name, value) in given {
            let Some(v) = answer_text(value).filter(|v| !v.trim().is_empty()) else {
                let message =
                    self.lang.t_args("batch-fact-value", &[("name", name.as_str().into())]);
                return Err(LineError::new("facts", message));
            };
            if name.trim().is_empty() {
                return Err(LineError::new("facts", self.lang.t("batch-fact-name")));
            }
            facts.insert(crate::probe::alarm::stated(name.trim(), v.trim()));
        }
        Ok(facts)
    }
}

impl Record {
    fn error(line: u64, error: LineError) -> Record {
        Record { line, id: None, exit: Exit::Input as u8, diagnosis: None, error: Some(error) }
    }
}

/// A knowledge-base case as a batch line: its name as `id`, its answers,
/// facts and start (for examples and benchmarks).
pub fn case_line(case: &crate::cases::CaseDef) -> String {
    let mut line = serde_json::json!({ "id": case.name, "answers": case.answers });
    if !case.facts.is_empty() {
        line["facts"] = serde_json::json!(case.facts);
    }
    if let Some(start) = &case.start {
        line["start"] = serde_json::json!(start);
    }
    line.to_string()
}

enum Read {
    Line,
    TooLong,
}

/// Read one line (without its `\n` or `\r\n`) into `buf`, holding at most
/// `max` bytes of it; `None` at the end of input.
fn read_line(
    input: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<Read>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, used, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        input.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(if too_long { Read::TooLong } else { Read::Line }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<Result<Vec<u8>, ()>> {
        let mut r = std::io::BufReader::with_capacity(4, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(read) = read_line(&mut r, &mut buf, max).unwrap() {
            out.push(match read {
                Read::Line => Ok(buf.clone()),
                Read::TooLong => Err(()),
            });
        }
        out
    }

    #[test]
    fn splits_lines_across_small_buffers() {
        let got = lines(b"abc\r\n\nlonger line\nlast", 64);
        let want: Vec<Result<Vec<u8>, ()>> = vec![
            Ok(b"abc".to_vec()),
            Ok(vec![]),
            Ok(b"longer line".to_vec()),
            Ok(b"last".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_long_line_is_cut_and_the_next_one_read() {
        let got = lines(b"0123456789\nok\n", 5);
        assert_eq!(got, vec![Err(()), Ok(b"ok".to_vec())]);
    }
}
