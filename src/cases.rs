//! The knowledge base's own regression tests (`posdiag test`): each case is a
//! set of answers and facts, and the conclusion the walk must reach (and
//! optionally the path). A rule set passes when every case passes and every
//! conclusion is reached by some case.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::{Answers, Facts, Outcome, Source, run_script};
use crate::kb::KnowledgeBase;
use crate::source::{Problem, SourceFile, parse_yaml};

/// One case as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDef {
    pub name: String,
    /// Node to start at; the triage root when absent.
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    #[serde(default)]
    pub facts: BTreeMap<String, String>,
    /// Expected conclusion key.
    pub expect: String,
    /// Expected node ids, in order, ending with the conclusion's.
    #[serde(default)]
    pub path: Option<Vec<String>>,
}

/// A case with the file it came from.
#[derive(Debug, Clone)]
pub struct Case {
    pub file: String,
    pub def: CaseDef,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// What went wrong, when it failed.
    pub message: Option<String>,
    /// The conclusion key reached, if any.
    pub reached: Option<String>,
}

/// Version of the JSON shape of `posdiag test --format json`.
pub const TEST_VERSION: u32 = 2;

/// All results, plus conclusions that no case reaches, plus robustness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestReport {
    pub version: u32,
    pub passed: usize,
    pub failed: usize,
    pub cases: Vec<CaseResult>,
    /// Conclusion keys reached by no case (each counts as a failure).
    pub uncovered: Vec<String>,
    /// How walks with a "don't know" still reach their fault (see
    /// [`crate::robustness`]).
    pub robustness: crate::robustness::Robustness,
}

/// Parse case files: each holds one case (a mapping) or a list of them.
pub fn parse_cases(files: &[SourceFile]) -> Result<Vec<Case>, Vec<Problem>> {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let is_list = String::from_utf8_lossy(&f.bytes)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
            .is_some_and(|l| l == "-" || l.starts_with("- "));
        let parsed = if is_list {
            parse_yaml::<Vec<CaseDef>>(f)
        } else {
            parse_yaml::<CaseDef>(f).map(|c| vec![c])
        };
        match parsed {
            Ok(defs) => {
                cases.extend(defs.into_iter().map(|def| Case { file: f.name.clone(), def }))
            }
            Err(mut p) => {
                p.kind = crate::source::ProblemKind::Case;
                problems.push(p);
            }
        }
    }
    if problems.is_empty() { Ok(cases) } else { Err(problems) }
}

/// Run every case against `rules`.
pub fn run_cases(rules: &KnowledgeBase, cases: &[Case]) -> TestReport {
    let mut results = Vec::with_capacity(cases.len());
    let mut reached: BTreeSet<String> = BTreeSet::new();
    for case in cases {
        let result = run_case(rules, case);
        if result.passed
            && let Some(k) = &result.reached
        {
            reached.insert(k.clone());
        }
        results.push(result);
    }
    let uncovered: Vec<String> =
        rules.conclusions().map(|(_, c)| c.key.clone()).filter(|k| !reached.contains(k)).collect();
    let passed = results.iter().filter(|r| r.passed).count();
    let robustness = crate::robustness::measure(rules);
    let failed = results.len() - passed + uncovered.len() + robustness.below.len();
    TestReport { version: TEST_VERSION, passed, failed, cases: results, uncovered, robustness }
}

fn run_case(rules: &KnowledgeBase, case: &Case) -> CaseResult {
    let def = &case.def;
    let fail = |message: String, reached: Option<String>| CaseResult {
        file: case.file.clone(),
        name: def.name.clone(),
        passed: false,
        message: Some(message),
        reached,
    };
    let start = match &def.start {
        Some(s) => match rules.find(s) {
            Some(id) => id,
            None => return fail(format!("`start` names unknown node `{s}`"), None),
        },
        None => rules.root(),
    };
    let mut answers = Answers::new();
    for (node, value) in &def.answers {
        answers.insert(node, value, Source::AnswersFile);
    }
    let errors = answers.validate(rules);
    if !errors.is_empty() {
        let msg = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        return fail(msg, None);
    }
    let facts: Facts = def.facts.iter().map(|(k, v)| crate::probe::alarm::stated(k, v)).collect();
    let (walk, outcome) = match run_script(rules, start, &answers, &facts) {
        Ok(r) => r,
        Err(e) => return fail(e.to_string(), None),
    };
    let mut visited: Vec<String> =
        walk.steps().iter().map(|s| rules.node(s.node).id.clone()).collect();
    visited.dedup();
    let key = match outcome {
        Outcome::Concluded(id) => {
            visited.push(rules.node(id).id.clone());
            rules.conclusion(id).map(|c| c.key.clone())
        }
        Outcome::NeedsInput(id) => {
            return fail(
                format!(
                    "expected `{}` but the walk stopped at `{}`, which has no answer",
                    def.expect,
                    rules.node(id).id
                ),
                None,
            );
        }
        Outcome::Exhausted => {
            return fail(
                format!("expected `{}` but the walk ended without a conclusion", def.expect),
                None,
            );
        }
    };
    if key.as_deref() != Some(def.expect.as_str()) {
        return fail(
            format!(
                "expected `{}`, reached `{}` via {}",
                def.expect,
                key.clone().unwrap_or_default(),
                visited.join(" → ")
            ),
            key,
        );
    }
    if let Some(path) = &def.path
        && *path != visited
    {
        return fail(
            format!(
                "path differs:\n    expected {}\n    actual   {}",
                path.join(" → "),
                visited.join(" → ")
            ),
            key,
        );
    }
    CaseResult {
        file: case.file.clone(),
        name: def.name.clone(),
        passed: true,
        message: None,
        reached: key,
    }
}
