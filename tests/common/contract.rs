//! The JSON contracts as a script sees them. Unknown fields are refused so
//! that additions are deliberate (and documented) too.

use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Concluded,
    NoConclusion,
    NeedsInput,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnosis {
    pub version: u32,
    pub status: Status,
    pub lang: String,
    pub start: String,
    pub conclusion: Option<Conclusion>,
    pub path: Vec<PathStep>,
    pub pending: Option<Pending>,
    pub rejected: Vec<String>,
    pub assumed: bool,
    pub facts: Vec<Fact>,
    pub handoff: Option<Handoff>,
    pub code: Option<Code>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conclusion {
    pub key: String,
    pub node: String,
    pub tree: String,
    pub title: String,
    pub remedy: Vec<String>,
    pub actor: String,
    pub outcome: String,
    pub escalate: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathStep {
    pub kind: String,
    pub node: String,
    pub tree: String,
    pub text: String,
    pub answer: Option<String>,
    pub label: Option<String>,
    pub source: Option<String>,
    pub input: Option<String>,
    pub fact: Option<Fact>,
    pub code: Option<Code>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    pub node: String,
    pub tree: String,
    pub text: String,
    pub why: Option<String>,
    pub choices: Vec<Choice>,
    pub input: Option<PendingInput>,
    pub order: Vec<Ranked>,
    pub expected_minutes: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranked {
    pub index: usize,
    pub value: String,
    pub prior: Option<f64>,
    pub minutes: f64,
    pub technician: bool,
    pub ratio: Option<f64>,
    pub probed: bool,
    pub found: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingInput {
    #[serde(rename = "type")]
    pub kind: String,
    pub pattern: Option<String>,
    pub hint: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub name: String,
    pub value: String,
    pub origin: String,
    pub evidence: Option<String>,
    pub alarm: bool,
}

/// The hand-off sheet, composed from the walk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    pub actor: String,
    pub fault: Option<String>,
    pub checked: Vec<Checked>,
    pub not_checked: Vec<String>,
    pub tried: Vec<String>,
    pub codes: Vec<String>,
    pub ask: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checked {
    pub question: String,
    pub answer: String,
    pub source: String,
    pub evidence: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub version: u32,
    pub ok: bool,
    pub files: usize,
    pub trees: Vec<TreeSummary>,
    pub nodes: usize,
    pub conclusions: usize,
    pub tables: Vec<TableCount>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableCount {
    pub id: String,
    pub file: String,
    pub overlay: bool,
    pub codes: usize,
    pub bits: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeSummary {
    pub id: String,
    pub file: String,
    pub nodes: usize,
    pub conclusions: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub node: Option<String>,
    pub kind: String,
    pub message: String,
    pub hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestReport {
    pub version: u32,
    pub passed: usize,
    pub failed: usize,
    pub cases: Vec<CaseResult>,
    pub uncovered: Vec<String>,
    pub robustness: Robustness,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Robustness {
    pub inside: Figures,
    pub triage: Figures,
    pub two_unknowns: Figures,
    pub misses: Vec<Miss>,
    pub skipped: usize,
    pub below: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    pub walks: usize,
    pub within_3: f64,
    pub within_3_weighted: f64,
    pub ever: f64,
    pub ever_weighted: f64,
    pub mean_questions: f64,
    pub mean_remedies: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Miss {
    pub target: String,
    pub unknown: Vec<String>,
    pub ended: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    pub message: Option<String>,
    pub reached: Option<String>,
}

/// A code, as `posdiag code` and code path steps show it.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Code {
    pub typed: String,
    pub known: bool,
    pub message: bool,
    pub code: Option<String>,
    pub leading_zeros: bool,
    pub meaning: Option<String>,
    pub actor: Option<String>,
    pub category: Option<String>,
    pub class: Option<String>,
    pub table: Option<CodeTable>,
    pub overrides: Option<Overridden>,
    pub node: String,
    pub see_also: Vec<String>,
    /// Known codes within a slip of an unknown one, nearest first.
    pub nearest: Vec<String>,
    pub source: Option<String>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct CodeTable {
    pub id: String,
    pub title: String,
    pub file: String,
    pub overlay: bool,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Overridden {
    pub table: CodeTable,
    pub meaning: String,
}

/// `posdiag tvr|tsi|zvt-locks --format json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Emv {
    pub version: u32,
    pub word: String,
    pub hex: String,
    pub bits: Vec<EmvBit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmvBit {
    pub byte: u8,
    pub bit: u8,
    pub mask: String,
    pub known: bool,
    pub meaning: String,
    pub check: Option<String>,
    pub node: Option<String>,
    pub table: Option<CodeTable>,
    #[serde(default)]
    pub source: Option<String>,
}

/// One line of `diagnose --batch` output.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchRecord {
    pub line: u64,
    pub id: Option<serde_json::Value>,
    pub exit: u8,
    #[serde(default)]
    pub diagnosis: Option<Diagnosis>,
    #[serde(default)]
    pub error: Option<BatchError>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchError {
    pub kind: String,
    pub message: String,
    #[serde(default)]
    pub errors: Vec<String>,
}
