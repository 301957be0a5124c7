//! The knowledge base: the rule graph and the code tables, loaded and
//! checked together. Data flows one way — source files → rules → codes →
//! kb → engine → report → cli: the rules know nothing of codes, the code
//! tables name nodes of the rules, and the knowledge base holds both. A
//! problem in any file is a problem of the whole: only a clean set becomes a
//! [`KnowledgeBase`]. The tables' target nodes are entry points of the graph
//! (a typed code jumps to them), so they count as roots for reachability.

use std::ops::Deref;

use serde::Serialize;

use crate::codes::{self, Category, CodeBook, Lookup, TableSummary};
use crate::rules::{self, NodeId, RuleSet};
use crate::source::{Problem, SourceFile};

/// The rules and the code tables. It reads as its [`RuleSet`] (nodes,
/// trees, ids) and adds [`KnowledgeBase::codes`].
#[derive(Debug)]
pub struct KnowledgeBase {
    rules: RuleSet,
    codes: CodeBook,
}

impl KnowledgeBase {
    /// The rule graph alone.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The code tables: response, terminal and modem codes, screen
    /// messages, status-word bits (TVR, TSI, ZVT locks).
    pub fn codes(&self) -> &CodeBook {
        &self.codes
    }

    /// The node a walk starts at when the terminal's last transaction ended
    /// with `code` (e.g. `51`), or `None` for an approval or a code no table
    /// knows (the walk then starts at the triage root).
    pub fn start_for_response_code(&self, code: &str) -> Option<NodeId> {
        match self.codes.lookup(code) {
            // An approval that ends at a conclusion ("approved, no fault")
            // says nothing about what the person came for.
            Ok(Lookup::Known(k))
                if k.entry.category == Category::Success
                    && self.rules.conclusion(k.entry.node).is_some() =>
            {
                None
            }
            Ok(Lookup::Known(k)) => Some(k.entry.node),
            _ => None,
        }
    }
}

/// Code tables are parsed, stored by the build and cached like rule trees.
impl crate::source::Model for codes::model::CodeFile {
    const KIND: &'static str = "codes";
}

impl Deref for KnowledgeBase {
    type Target = RuleSet;

    fn deref(&self) -> &RuleSet {
        &self.rules
    }
}

/// What loading the knowledge base found.
#[derive(Debug)]
pub struct Loaded {
    /// The knowledge base, when there were no problems.
    pub kb: Option<KnowledgeBase>,
    pub summary: Summary,
    pub problems: Vec<Problem>,
}

/// Counts for `posdiag check`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub rules: rules::Summary,
    /// The code tables.
    pub tables: Vec<TableSummary>,
}

/// Load rule trees, code tables and overlays; check them all.
pub fn load(trees: &[SourceFile], tables: &[SourceFile], overlays: &[SourceFile]) -> Loaded {
    let (parsed, mut problems) = codes::parse(tables, overlays);
    let roots: Vec<String> = parsed.iter().flat_map(codes::targets).collect();
    let loaded = rules::load(trees, &roots);
    let complete = loaded.summary.trees.len() == trees.len();
    problems.extend(codes::check(&parsed, complete.then_some(loaded.ids.as_slice())));
    let mut summary =
        Summary { rules: loaded.summary, tables: parsed.iter().map(codes::summary).collect() };
    summary.rules.files += tables.len() + overlays.len();
    let mut all = loaded.problems;
    all.extend(problems);
    all.sort_by(|a, b| {
        (&a.place.file, a.place.line, a.place.column).cmp(&(
            &b.place.file,
            b.place.line,
            b.place.column,
        ))
    });
    let kb = match loaded.rules {
        Some(rules) if all.is_empty() => {
            let codes = codes::build(&parsed, &rules);
            Some(KnowledgeBase { rules, codes })
        }
        _ => None,
    };
    Loaded { kb, summary, problems: all }
}
