//! Semantic checks over parsed rule files. Every check runs and every problem
//! is collected: an author fixes a whole rule set in one pass. The graph-wide
//! checks (reachability, cycles) use petgraph through [`super::graph`].
//!
//! Only a rule set with no problems is turned into a [`RuleSet`]; the engine
//! never sees a broken graph.

use std::collections::{BTreeMap, HashSet};

use foldhash::{HashMap, HashMapExt as _};

use crate::rules::spanned::Spanned;

use super::condition::{Condition, compile_regex};
use super::graph::{EdgeGraph, cycles, unreachable};
use super::model::{NodeDef, NodeKind, RuleFile, Text};
use super::problem::{Place, Problem, ProblemKind, did_you_mean};
use super::ruleset::{self, NodeBody, NodeId, RuleSet};
use crate::lang::Localized;

/// Answer values the walk itself uses.
pub const RESERVED_VALUES: [&str; 3] = ["unknown", "fixed", "not_fixed"];

/// A parsed file with the name it is reported under.
pub struct Parsed {
    pub name: String,
    pub file: RuleFile,
}

fn place<T>(file: &str, s: &Spanned<T>) -> Place {
    Place::new(file, u64::from(s.line), u64::from(s.column))
}

/// Check parsed files; `complete` is false when some file did not parse, in
/// which case checks that need the whole graph (unknown nodes, reachability,
/// the root) are skipped rather than drowned in follow-on noise.
/// `extra_roots` are node ids that are entry points besides the triage root
/// (e.g. the targets of code tables); unknown ones are reported by their owner.
pub fn check(files: &[Parsed], complete: bool, extra_roots: &[String]) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    let index = c.index(files);
    for f in files {
        c.tree(f);
        for node in &f.file.nodes {
            c.node(&f.name, &f.file.tree.value, node);
        }
    }
    c.conclusion_keys(files);
    if complete {
        c.roots(files);
        c.edges(files, &index);
        if c.problems.iter().all(|p| p.kind != ProblemKind::UnknownNode) {
            c.graph(files, &index, extra_roots);
        }
    }
    c.problems.sort_by(|a, b| {
        (&a.place.file, a.place.line, a.place.column).cmp(&(
            &b.place.file,
            b.place.line,
            b.place.column,
        ))
    });
    c.problems
}

struct Checker {
    problems: Vec<Problem>,
}

/// Where each node id is defined: (file index, node index).
type Index = HashMap<String, (usize, usize)>;

impl Checker {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn index(&mut self, files: &[Parsed]) -> Index {
        let mut index: Index = HashMap::new();
        let mut trees: HashMap<&str, &str> = HashMap::new();
        for (fi, f) in files.iter().enumerate() {
            let tree = &f.file.tree;
            if let Some(first) = trees.insert(&tree.value, &f.name) {
                self.push(
                    Problem::new(
                        ProblemKind::DuplicateTree,
                        place(&f.name, tree),
                        format!("tree `{}` is also defined in `{first}`", tree.value),
                    )
                    .hint("give each file its own tree id"),
                );
            }
            for (ni, node) in f.file.nodes.iter().enumerate() {
                let id = &node.value.id;
                if let Some(&(pf, pn)) = index.get(&id.value) {
                    let prev = &files[pf].file.nodes[pn].value.id;
                    self.push(
                        Problem::new(
                            ProblemKind::DuplicateId,
                            place(&f.name, id),
                            format!(
                                "node id `{}` is already defined at {}",
                                id.value,
                                place(&files[pf].name, prev)
                            ),
                        )
                        .node(&id.value)
                        .hint("node ids must be unique across all rule files; rename one"),
                    );
                } else {
                    index.insert(id.value.clone(), (fi, ni));
                }
            }
        }
        index
    }

    fn tree(&mut self, f: &Parsed) {
        let file = &f.name;
        let tree = &f.file.tree;
        if !is_word(&tree.value) {
            self.push(Problem::new(
                ProblemKind::BadId,
                place(file, tree),
                format!("tree id `{}` must be lowercase letters, digits and `_`", tree.value),
            ));
        }
        match &f.file.title {
            Some(t) => self.text(file, None, "title", t),
            None => self.push(Problem::new(
                ProblemKind::MissingField,
                place(file, tree),
                format!("tree `{}` has no `title`", tree.value),
            )),
        }
        if let Some(d) = &f.file.description {
            self.text(file, None, "description", d);
        }
        if f.file.entry.is_none() {
            self.push(
                Problem::new(
                    ProblemKind::MissingField,
                    place(file, tree),
                    format!("tree `{}` has no `entry`", tree.value),
                )
                .hint(format!(
                    "add `entry: {}.start` naming the node a walk of this tree starts at",
                    tree.value
                )),
            );
        }
        if f.file.nodes.is_empty() {
            self.push(Problem::new(
                ProblemKind::MissingField,
                place(file, tree),
                format!("tree `{}` has no nodes", tree.value),
            ));
        }
    }

    fn text(&mut self, file: &str, node: Option<&str>, field: &str, t: &Spanned<Text>) {
        for (lang, value) in [("zh", &t.value.zh), ("en", &t.value.en)] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                let mut p = Problem::new(
                    ProblemKind::MissingText,
                    place(file, t),
                    format!("`{field}` has no `{lang}` text"),
                )
                .hint("every text needs both `zh` and `en`");
                if let Some(n) = node {
                    p = p.node(n);
                }
                self.push(p);
            }
        }
    }

    fn node(&mut self, file: &str, tree: &str, node: &Spanned<NodeDef>) {
        let n = &node.value;
        let id = n.id.value.as_str();
        let at = place(file, &n.id);
        if !is_node_id(id) {
            self.push(
                Problem::new(
                    ProblemKind::BadId,
                    at.clone(),
                    format!("node id `{id}` is not of the form `tree.name`"),
                )
                .node(id)
                .hint("use lowercase letters, digits and `_`, in dot-separated parts"),
            );
        } else if !id.starts_with(&format!("{tree}.")) {
            self.push(
                Problem::new(
                    ProblemKind::BadId,
                    at.clone(),
                    format!("node id `{id}` is outside its tree `{tree}`"),
                )
                .node(id)
                .hint(format!("start it with `{tree}.`")),
            );
        }
        match n.kind.value {
            NodeKind::Question => self.question(file, node),
            NodeKind::Conclusion => self.conclusion(file, node),
        }
    }

    fn misplaced(&mut self, id: &str, kind: &str, fields: &[(&str, Option<Place>)]) {
        for (field, at) in fields {
            if let Some(at) = at {
                self.push(
                    Problem::new(
                        ProblemKind::MisplacedField,
                        at.clone(),
                        format!("`{field}` does not belong on a {kind}"),
                    )
                    .node(id),
                );
            }
        }
    }

    fn missing(&mut self, at: &Place, id: &str, field: &str, hint: &str) {
        self.push(
            Problem::new(ProblemKind::MissingField, at.clone(), format!("missing `{field}`"))
                .node(id)
                .hint(hint),
        );
    }

    fn question(&mut self, file: &str, node: &Spanned<NodeDef>) {
        let n = &node.value;
        let id = n.id.value.as_str();
        let at = place(file, &n.id);
        let p = |s: Option<Place>| s;
        self.misplaced(
            id,
            "question",
            &[
                ("key", p(n.key.as_ref().map(|s| place(file, s)))),
                ("title", n.title.as_ref().map(|s| place(file, s))),
                ("remedy", n.remedy.first().map(|s| place(file, s))),
                ("actor", n.actor.as_ref().map(|s| place(file, s))),
                ("outcome", n.outcome.as_ref().map(|s| place(file, s))),
                ("otherwise", n.otherwise.as_ref().map(|s| place(file, s))),
                ("escalate", n.escalate.as_ref().map(|s| place(file, s))),
            ],
        );
        match &n.text {
            Some(t) => self.text(file, Some(id), "text", t),
            None => self.missing(&at, id, "text", "a question needs `text: {zh: …, en: …}`"),
        }
        if let Some(w) = &n.why {
            self.text(file, Some(id), "why", w);
        }
        if let Some(input) = &n.input {
            if let Some(pat) = &input.value.pattern
                && let Err(e) = compile_regex(pat)
            {
                self.push(
                    Problem::new(
                        ProblemKind::BadCondition,
                        place(file, input),
                        format!("`input.pattern`: {e}"),
                    )
                    .node(id),
                );
            }
            if let Some(h) = &input.value.hint {
                let s = Spanned::at(h.clone(), input);
                self.text(file, Some(id), "input.hint", &s);
            }
        }
        if n.answers.is_empty() {
            self.push(
                Problem::new(ProblemKind::NoAnswers, at.clone(), "question has no answers")
                    .node(id)
                    .hint("add `answers:` with at least one `value`, `label` and `next`"),
            );
            return;
        }
        let needs_when = n.fact.is_some() || n.input.is_some();
        let mut seen: HashSet<&str> = HashSet::new();
        for a in &n.answers {
            let av = &a.value;
            let aat = place(file, a);
            let value = av.value.value.as_str();
            if RESERVED_VALUES.contains(&value) {
                self.push(
                    Problem::new(ProblemKind::BadAnswer, place(file, &av.value), format!("answer value `{value}` is reserved"))
                        .node(id)
                        .hint("`unknown`, `fixed` and `not_fixed` are used by the walk itself; choose another value"),
                );
            } else if !is_word(value) {
                self.push(
                    Problem::new(
                        ProblemKind::BadAnswer,
                        place(file, &av.value),
                        format!("answer value `{value}` must be lowercase letters, digits and `_`"),
                    )
                    .node(id),
                );
            }
            if !seen.insert(value) {
                self.push(
                    Problem::new(
                        ProblemKind::BadAnswer,
                        place(file, &av.value),
                        format!("answer value `{value}` is given twice"),
                    )
                    .node(id),
                );
            }
            match &av.label {
                Some(l) => self.text(file, Some(id), &format!("label of `{value}`"), l),
                None => {
                    self.missing(&aat, id, "label", "each answer needs `label: {zh: …, en: …}`")
                }
            }
            if av.next.is_none() {
                self.missing(
                    &aat,
                    id,
                    "next",
                    &format!("say which node answer `{value}` leads to"),
                );
            }
            match &av.when {
                Some(w) => {
                    if let Err(e) = Condition::compile(&w.value) {
                        self.push(
                            Problem::new(
                                ProblemKind::BadCondition,
                                place(file, w),
                                format!("answer `{value}`: {e}"),
                            )
                            .node(id),
                        );
                    }
                }
                None if needs_when => self.push(
                    Problem::new(
                        ProblemKind::BadCondition,
                        aat.clone(),
                        format!(
                            "answer `{value}` has no `when`, but the question has `fact` or `input`"
                        ),
                    )
                    .node(id)
                    .hint("add `when:`, e.g. `{equals: out}` or `{any: true}` for the fallback"),
                ),
                None => {}
            }
            if let Some(pr) = &av.prior
                && !(0.0..=1.0).contains(&pr.value)
            {
                self.push(
                    Problem::new(
                        ProblemKind::BadWeight,
                        place(file, pr),
                        format!("prior {} is outside 0 to 1", pr.value),
                    )
                    .node(id),
                );
            }
            if let Some(c) = &av.cost
                && !(c.value.minutes >= 0.0 && c.value.minutes.is_finite())
            {
                self.push(
                    Problem::new(
                        ProblemKind::BadWeight,
                        place(file, c),
                        format!("cost of {} minutes is not possible", c.value.minutes),
                    )
                    .node(id),
                );
            }
        }
        if n.answers.iter().all(|a| a.value.next.is_none()) {
            self.push(
                Problem::new(
                    ProblemKind::LeafNotConclusion,
                    at.clone(),
                    "no answer leads anywhere, so the walk ends here without a conclusion",
                )
                .node(id)
                .hint("give the answers `next`, or make this node a `conclusion`"),
            );
        }
        if let Some(d) = &n.default
            && !n.answers.iter().any(|a| a.value.value.value == d.value)
        {
            let values: Vec<&str> =
                n.answers.iter().map(|a| a.value.value.value.as_str()).collect();
            self.push(
                Problem::new(
                    ProblemKind::BadDefault,
                    place(file, d),
                    format!("`default: {}` names no answer", d.value),
                )
                .node(id)
                .maybe_hint(
                    did_you_mean(&d.value, values.iter().copied())
                        .or_else(|| Some(format!("answers are: {}", values.join(", ")))),
                ),
            );
        }
    }

    fn conclusion(&mut self, file: &str, node: &Spanned<NodeDef>) {
        let n = &node.value;
        let id = n.id.value.as_str();
        let at = place(file, &n.id);
        self.misplaced(
            id,
            "conclusion",
            &[
                ("text", n.text.as_ref().map(|s| place(file, s))),
                ("why", n.why.as_ref().map(|s| place(file, s))),
                ("fact", n.fact.as_ref().map(|s| place(file, s))),
                ("input", n.input.as_ref().map(|s| place(file, s))),
                ("answers", n.answers.first().map(|s| place(file, s))),
                ("default", n.default.as_ref().map(|s| place(file, s))),
            ],
        );
        match &n.key {
            Some(k) if !is_screaming_snake(&k.value) => self.push(
                Problem::new(
                    ProblemKind::BadKey,
                    place(file, k),
                    format!("conclusion key `{}` is not SCREAMING_SNAKE", k.value),
                )
                .node(id)
                .hint(format!("e.g. `{}`", to_screaming_snake(&k.value))),
            ),
            Some(_) => {}
            None => self.missing(
                &at,
                id,
                "key",
                "a conclusion needs a stable key such as `PRINTER_OUT_OF_PAPER`",
            ),
        }
        match &n.title {
            Some(t) => self.text(file, Some(id), "title", t),
            None => self.missing(&at, id, "title", "a conclusion needs `title: {zh: …, en: …}`"),
        }
        if n.remedy.is_empty() {
            self.missing(&at, id, "remedy", "list the remedy steps, each `{zh: …, en: …}`");
        }
        for (i, step) in n.remedy.iter().enumerate() {
            self.text(file, Some(id), &format!("remedy step {}", i + 1), step);
        }
        if n.actor.is_none() {
            self.missing(
                &at,
                id,
                "actor",
                "one of merchant, cardholder, technician, acquirer, issuer",
            );
        }
        if n.outcome.is_none() {
            self.missing(&at, id, "outcome", "`resolved` or `escalate`");
        }
        if let Some(e) = &n.escalate {
            self.text(file, Some(id), "escalate", e);
        }
    }

    fn conclusion_keys(&mut self, files: &[Parsed]) {
        let mut keys: HashMap<&str, Place> = HashMap::new();
        for f in files {
            for node in &f.file.nodes {
                if let Some(k) = &node.value.key
                    && node.value.kind.value == NodeKind::Conclusion
                {
                    let at = place(&f.name, k);
                    if let Some(first) = keys.get(k.value.as_str()) {
                        self.push(
                            Problem::new(
                                ProblemKind::DuplicateConclusionKey,
                                at,
                                format!("conclusion key `{}` is already used at {first}", k.value),
                            )
                            .node(&node.value.id.value)
                            .hint("keys are contracts for scripts; each conclusion needs its own"),
                        );
                    } else {
                        keys.insert(&k.value, at);
                    }
                }
            }
        }
    }

    fn roots(&mut self, files: &[Parsed]) {
        for f in files {
            let Some(r) = &f.file.robustness else { continue };
            let at = Place::new(f.name.as_str(), u64::from(r.line), u64::from(r.column));
            if !f.file.root {
                self.push(
                    Problem::new(
                        ProblemKind::MisplacedField,
                        at.clone(),
                        "`robustness` belongs to the root tree",
                    )
                    .hint("move it to the tree marked `root: true`"),
                );
            }
            let groups = [r.value.inside, r.value.triage, r.value.two_unknowns];
            for (name, share) in groups.iter().flatten().flat_map(|t| t.shares()) {
                if !(0.0..=1.0).contains(&share) {
                    self.push(Problem::new(
                        ProblemKind::Yaml,
                        at.clone(),
                        format!("robustness `{name}` is {share}; a share lies between 0 and 1"),
                    ));
                }
            }
        }
        let roots: Vec<&Parsed> = files.iter().filter(|f| f.file.root).collect();
        match roots.len() {
            1 => {}
            0 => {
                let at = files.first().map_or(Place::file("rules"), |f| Place::file(&f.name));
                self.push(
                    Problem::new(ProblemKind::Root, at, "no tree is marked `root: true`")
                        .hint("mark the triage tree, where every walk starts, with `root: true`"),
                );
            }
            _ => {
                for f in &roots[1..] {
                    self.push(Problem::new(
                        ProblemKind::Root,
                        place(&f.name, &f.file.tree),
                        format!(
                            "tree `{}` is marked `root: true`, as is `{}`",
                            f.file.tree.value, roots[0].file.tree.value
                        ),
                    ));
                }
            }
        }
    }

    fn edges(&mut self, files: &[Parsed], index: &Index) {
        let unknown = |c: &mut Checker,
                       file: &str,
                       node: Option<&str>,
                       field: &str,
                       target: &Spanned<String>| {
            if !index.contains_key(&target.value) {
                let mut p = Problem::new(
                    ProblemKind::UnknownNode,
                    place(file, target),
                    format!("`{field}` points to unknown node `{}`", target.value),
                )
                .maybe_hint(did_you_mean(&target.value, index.keys().map(String::as_str)));
                if let Some(n) = node {
                    p = p.node(n);
                }
                c.push(p);
            }
        };
        for f in files {
            if let Some(e) = &f.file.entry {
                unknown(self, &f.name, None, "entry", e);
            }
            for node in &f.file.nodes {
                let n = &node.value;
                for a in &n.answers {
                    if let Some(next) = &a.value.next {
                        unknown(self, &f.name, Some(&n.id.value), "next", next);
                    }
                }
                if let Some(o) = &n.otherwise {
                    unknown(self, &f.name, Some(&n.id.value), "otherwise", o);
                }
            }
        }
    }

    fn graph(&mut self, files: &[Parsed], index: &Index, extra_roots: &[String]) {
        let g = EdgeGraph::from_files(files, index);
        for (cycle, size) in cycles(&g) {
            let first = &cycle[0];
            let (fi, ni) = index[first];
            let at = place(&files[fi].name, &files[fi].file.nodes[ni].value.id);
            let mut ring = cycle.clone();
            ring.push(first.clone());
            let loop_text = ring.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" → ");
            let more = if size > cycle.len() {
                format!(" ({size} nodes are caught in loops with it)")
            } else {
                String::new()
            };
            self.push(
                Problem::new(ProblemKind::Cycle, at, format!("the graph loops: {loop_text}{more}"))
                    .node(first)
                    .hint("a walk must always move forward; point one of these edges elsewhere"),
            );
        }
        let mut starts: Vec<&str> = files
            .iter()
            .filter(|f| f.file.root)
            .filter_map(|f| f.file.entry.as_ref().map(|e| e.value.as_str()))
            .collect();
        if starts.is_empty() {
            return; // reported by `roots`
        }
        starts.extend(extra_roots.iter().map(String::as_str));
        for id in unreachable(&g, &starts) {
            let (fi, ni) = index[&id];
            let n = &files[fi].file.nodes[ni].value;
            self.push(
                Problem::new(
                    ProblemKind::Unreachable,
                    place(&files[fi].name, &n.id),
                    "no walk from the root reaches this node",
                )
                .node(&id)
                .hint(
                    "link it from a question's answer or a conclusion's `otherwise`, or remove it",
                ),
            );
        }
    }
}

/// Build the walkable rule set from files that passed [`check`]. Takes the
/// files, so their texts move into the rule set instead of being copied
/// (a 100k-node set holds each text once).
pub fn build(files: Vec<Parsed>) -> Option<RuleSet> {
    let mut by_id: HashMap<String, NodeId> = HashMap::new();
    let mut i = 0u32;
    for f in &files {
        for node in &f.file.nodes {
            by_id.insert(node.value.id.value.clone(), NodeId(i));
            i += 1;
        }
    }
    let resolve = |s: &Spanned<String>| by_id.get(&s.value).copied();
    let mut trees = Vec::with_capacity(files.len());
    let mut nodes = Vec::with_capacity(i as usize);
    let mut root = None;
    let mut robustness = super::model::Robustness::default();
    for (ti, f) in files.into_iter().enumerate() {
        let file = f.file;
        let entry = resolve(file.entry.as_ref()?)?;
        if file.root {
            root = Some(entry);
            robustness = file.robustness.map(|r| r.value).unwrap_or_default();
        }
        let name = f.name;
        trees.push(ruleset::Tree {
            id: file.tree.value,
            title: localized(file.title?),
            description: file.description.map(localized),
            entry,
            file: name.clone(),
        });
        for node in file.nodes {
            let n = node.value;
            let place = Place::new(name.as_str(), u64::from(n.id.line), u64::from(n.id.column));
            let body = match n.kind.value {
                NodeKind::Question => {
                    let mut answers = Vec::with_capacity(n.answers.len());
                    for a in n.answers {
                        let a = a.value;
                        answers.push(ruleset::Answer {
                            next: resolve(a.next.as_ref()?)?,
                            value: a.value.value,
                            label: localized(a.label?),
                            when: match &a.when {
                                Some(w) => Some(Condition::compile(&w.value).ok()?),
                                None => None,
                            },
                            prior: a.prior.map(|p| p.value),
                            cost: a.cost.map(|c| c.value),
                        });
                    }
                    let default = match &n.default {
                        Some(d) => answers.iter().position(|a| a.value == d.value)?,
                        None => most_likely(&answers),
                    };
                    NodeBody::Question(ruleset::Question {
                        text: localized(n.text?),
                        why: n.why.map(localized),
                        fact: n.fact.map(|f| f.value),
                        input: match n.input {
                            Some(inp) => Some(ruleset::Input {
                                kind: inp.value.kind,
                                pattern: match &inp.value.pattern {
                                    Some(p) => Some(compile_regex(p).ok()?),
                                    None => None,
                                },
                                hint: inp.value.hint.map(localized_text),
                            }),
                            None => None,
                        },
                        answers,
                        default,
                        explicit_default: n.default.is_some(),
                    })
                }
                NodeKind::Conclusion => NodeBody::Conclusion(ruleset::Conclusion {
                    otherwise: match &n.otherwise {
                        Some(o) => Some(resolve(o)?),
                        None => None,
                    },
                    key: n.key?.value,
                    title: localized(n.title?),
                    remedy: n.remedy.into_iter().map(localized).collect(),
                    actor: n.actor?.value,
                    outcome: n.outcome?.value,
                    escalate: n.escalate.map(localized),
                }),
            };
            nodes.push(ruleset::Node { id: n.id.value, tree: ti, place, body });
        }
    }
    Some(RuleSet { nodes, by_id, trees, root: root?, robustness })
}

/// The answer with the highest prior; the first when none has one.
fn most_likely(answers: &[ruleset::Answer]) -> usize {
    let mut best = 0;
    let mut best_prior = f64::NEG_INFINITY;
    for (i, a) in answers.iter().enumerate() {
        if let Some(p) = a.prior
            && p > best_prior
        {
            best = i;
            best_prior = p;
        }
    }
    best
}

fn localized(t: Spanned<Text>) -> Localized {
    localized_text(t.value)
}

fn localized_text(t: Text) -> Localized {
    Localized::new(t.zh.unwrap_or_default(), t.en.unwrap_or_default())
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_node_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2 && parts.iter().all(|p| is_word(p))
}

fn is_screaming_snake(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn to_screaming_snake(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect()
}

/// Count of nodes and conclusions per tree, for `check` output.
pub fn counts(files: &[Parsed]) -> BTreeMap<String, (usize, usize)> {
    files
        .iter()
        .map(|f| {
            let conclusions =
                f.file.nodes.iter().filter(|n| n.value.kind.value == NodeKind::Conclusion).count();
            (f.file.tree.value.clone(), (f.file.nodes.len(), conclusions))
        })
        .collect()
}
