//! Parse rule files into the serde model. A file that does not parse yields
//! one [`Problem`] with its `file:line:column` and, when the error sits
//! inside a node, that node's id; the other files still load.

use serde::de::DeserializeOwned;

use super::model::RuleFile;
use super::problem::{Place, Problem, ProblemKind};
use super::source::SourceFile;

/// Parse one rule file, with every value's place.
#[cfg(test)]
fn parse_rule_file(file: &SourceFile) -> Result<RuleFile, Problem> {
    parse_model(file)
}

/// Parse one rule file; a JSON file without places unless `places`.
fn parse_rule_file_as(file: &SourceFile, places: bool) -> Result<RuleFile, Problem> {
    if super::json::is_json(&file.name) && !places {
        super::json::parse_fast(file)
    } else {
        parse_model(file)
    }
}

/// YAML to parse before it is worth spreading the files over threads.
const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;

/// Parse many rule files, in order; JSON files without places unless
/// `places` (see [`super::json`]). A large set is spread over the cores the
/// process may use (`taskset` and cgroup limits are respected), since
/// parsing is most of the time a load takes.
pub fn parse_rule_files(files: &[SourceFile], places: bool) -> Vec<Result<RuleFile, Problem>> {
    let text: usize = files.iter().filter(|f| f.model.is_none()).map(|f| f.bytes.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len());
    if threads < 2 || text < PARALLEL_FROM_BYTES {
        return files.iter().map(|f| parse_rule_file_as(f, places)).collect();
    }
    parse_on_threads(files, threads, places)
}

/// Parse `files` on `threads` threads, each taking the next file not yet
/// taken; results in the files' order.
fn parse_on_threads(
    files: &[SourceFile],
    threads: usize,
    places: bool,
) -> Vec<Result<RuleFile, Problem>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Result<RuleFile, Problem>>> = Vec::new();
    results.resize_with(files.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(file) = files.get(i) else { break };
                        done.push((i, parse_rule_file_as(file, places)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results.into_iter().flatten().collect()
}

/// A model type `build.rs` pre-parses for the embedded files.
pub trait Model: DeserializeOwned + serde::Serialize {
    /// The kind the build tags it with.
    const KIND: &'static str;
}

impl Model for RuleFile {
    const KIND: &'static str = "rules";
}

/// Parse a rule tree or code table: an embedded file from the form the
/// build stored it in, a JSON file as JSON (with places), a large file seen
/// before from the cache (when the command line turned it on), any other
/// file from its YAML.
pub fn parse_model<T: Model>(file: &SourceFile) -> Result<T, Problem> {
    if let Some(model) = file.model.filter(|m| m.kind == T::KIND)
        && let Ok(parsed) = postcard::from_bytes::<T>(model.bytes)
    {
        return Ok(parsed);
    }
    if super::json::is_json(&file.name) {
        return super::json::parse_placed(file);
    }
    let cached = super::cache::entry(T::KIND, &file.bytes);
    if let Some(model) = cached.as_ref().and_then(super::cache::Entry::load) {
        return Ok(model);
    }
    let model = parse_yaml(file)?;
    if let Some(entry) = cached {
        entry.store(&model);
    }
    Ok(model)
}

/// Parse any YAML document of the project (rules, cases, answer files) with
/// the same limits and the same error shape.
pub fn parse_yaml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    let text = text_of(file)?;
    serde_saphyr::from_str_with_options::<T>(text, super::limits::yaml_options())
        .map_err(|e| yaml_problem(&file.name, text, &e))
}

/// The file as text, or a problem at the first byte that is not UTF-8.
pub(super) fn text_of(file: &SourceFile) -> Result<&str, Problem> {
    std::str::from_utf8(&file.bytes).map_err(|e| {
        let (line, column) = line_col_of(&file.bytes, e.valid_up_to());
        Problem::new(
            ProblemKind::Read,
            Place::new(&file.name, line, column),
            "file is not valid UTF-8 text",
        )
        .hint("save the file as UTF-8")
    })
}

/// Turn a serde-saphyr error into a problem with place, node and kind.
fn yaml_problem(name: &str, text: &str, err: &serde_saphyr::Error) -> Problem {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    let rendered = err.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let message = strip_location(&rendered);
    let (kind, message, hint) = classify(&message);
    let mut problem = Problem::new(kind, Place::new(name, line, column), message).maybe_hint(hint);
    if let Some(node) = enclosing_node(text, line) {
        problem = problem.node(node);
    }
    problem
}

/// serde-saphyr appends " at line N, column M"; the place is shown apart.
fn strip_location(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.rfind(" at line ") {
        Some(i) if first[i..].contains(", column ") => first[..i].to_string(),
        _ => first.to_string(),
    }
}

pub(super) fn classify(message: &str) -> (ProblemKind, String, Option<String>) {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            ProblemKind::DuplicateKey,
            format!("duplicate key `{key}`"),
            Some("each key may appear once in a mapping; remove one".into()),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return (
            ProblemKind::DuplicateKey,
            format!("duplicate key {rest}"),
            Some("each key may appear once in a mapping; remove one".into()),
        );
    }
    if message.starts_with("unknown field") {
        return (ProblemKind::UnknownField, message.to_string(), None);
    }
    if message.starts_with("missing field") {
        return (ProblemKind::MissingField, message.to_string(), None);
    }
    if message.contains("budget") || message.contains("limit") {
        return (
            ProblemKind::Yaml,
            budget_message(message),
            Some(
                "the file exceeds posdiag's YAML limits (nesting, size or alias expansion)".into(),
            ),
        );
    }
    (ProblemKind::Yaml, message.to_string(), None)
}

/// serde-saphyr names a breached budget as `budget breached: MaxDepth {
/// depth: 65 }`; say it in words.
fn budget_message(message: &str) -> String {
    let Some(rest) = message.split("budget breached: ").nth(1) else {
        return message.to_string();
    };
    let name = rest.split([' ', '{']).next().unwrap_or(rest);
    let mut words = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    let count = rest
        .split_once(": ")
        .map(|(_, n)| n.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|n| !n.is_empty());
    match count {
        Some(n) => format!("YAML limit exceeded: {words} ({n})"),
        None => format!("YAML limit exceeded: {words}"),
    }
}

/// The id of the node whose text contains `line`: the nearest `id:` at or
/// above it. Good enough for block-style rule files, which is what we write.
fn enclosing_node(text: &str, line: u64) -> Option<String> {
    let line = usize::try_from(line).ok()?;
    let lines: Vec<&str> = text.lines().take(line).collect();
    for l in lines.iter().rev() {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = t.strip_prefix("id:") {
            let id = rest.trim().trim_matches(|c| c == '"' || c == '\'');
            if !id.is_empty() {
                return Some(id.to_string());
            }
        }
        if l.starts_with("nodes:") {
            break;
        }
    }
    None
}

/// 1-based line and column of byte `offset`.
fn line_col_of(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line as u64, col as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RuleFile, Problem> {
        parse_rule_file(&SourceFile::new("t.yaml", text))
    }

    #[track_caller]
    fn case(text: &str, kind: ProblemKind, line: u64, node: Option<&str>, needle: &str) {
        let p = parse(text).expect_err("should not parse");
        assert_eq!(p.kind, kind, "{p}");
        assert_eq!(p.place.line, line, "{p}");
        assert_eq!(p.node.as_deref(), node, "{p}");
        assert!(p.message.contains(needle), "{p}");
    }

    const HEAD: &str = "tree: t\nentry: t.a\nnodes:\n";

    #[test]
    fn unknown_field() {
        let y = format!("{HEAD}  - id: t.a\n    kind: question\n    nxt: t.b\n");
        case(&y, ProblemKind::UnknownField, 6, Some("t.a"), "`nxt`");
    }

    #[test]
    fn duplicate_key() {
        let y = format!("{HEAD}  - id: t.a\n    kind: question\n    kind: conclusion\n");
        case(&y, ProblemKind::DuplicateKey, 6, Some("t.a"), "`kind`");
    }

    #[test]
    fn bad_kind() {
        let y = format!("{HEAD}  - id: t.a\n    kind: questio\n");
        case(&y, ProblemKind::Yaml, 5, Some("t.a"), "questio");
    }

    #[test]
    fn missing_id() {
        let y = format!("{HEAD}  - kind: question\n");
        case(&y, ProblemKind::MissingField, 4, None, "`id`");
    }

    #[test]
    fn syntax_error() {
        let y = format!("{HEAD}  - id: t.a\n    kind: question\n    text: {{zh: [x\n");
        let p = parse(&y).expect_err("syntax");
        assert_eq!(p.kind, ProblemKind::Yaml);
        assert!(p.place.line >= 6, "{p}");
    }

    #[test]
    fn not_utf8() {
        let mut bytes = HEAD.as_bytes().to_vec();
        bytes.extend_from_slice(b"  - id: t.\xff\n");
        let p = parse_rule_file(&SourceFile::new("t.yaml", bytes)).unwrap_err();
        assert_eq!(p.kind, ProblemKind::Read);
        assert_eq!((p.place.line, p.place.column), (4, 11));
    }

    /// The build's stored form of every embedded file is there and holds
    /// exactly what parsing its YAML gives, places included.
    #[test]
    fn embedded_files_are_preparsed_faithfully() {
        use crate::codes::model::CodeFile;
        use crate::rules::source::{embedded_codes, embedded_rules};
        fn same<T: Model + std::fmt::Debug>(file: &SourceFile) {
            let model = file.model.unwrap_or_else(|| panic!("{} was not pre-parsed", file.name));
            assert_eq!(model.kind, T::KIND, "{}", file.name);
            let stored: T = postcard::from_bytes(model.bytes).expect("decode");
            let parsed: T = parse_yaml(file).expect("parse");
            assert_eq!(format!("{stored:?}"), format!("{parsed:?}"), "{}", file.name);
        }
        let (rules, codes) = (embedded_rules(), embedded_codes());
        assert!(rules.len() >= 12 && codes.len() >= 7);
        rules.iter().for_each(same::<RuleFile>);
        codes.iter().for_each(same::<CodeFile>);
    }

    #[test]
    fn files_parsed_on_threads_come_back_in_order() {
        let mut files: Vec<SourceFile> = crate::rules::synth::generate(400)
            .into_iter()
            .map(|(name, text)| SourceFile::new(name, text))
            .collect();
        files.insert(1, SourceFile::new("broken.yaml", "tree: [\n"));
        let describe = |results: Vec<Result<RuleFile, Problem>>| -> Vec<String> {
            results
                .into_iter()
                .map(|r| match r {
                    Ok(f) => format!("{} {}", f.tree.value, f.nodes.len()),
                    Err(p) => p.place.file,
                })
                .collect()
        };
        let sequential = describe(files.iter().map(parse_rule_file).collect());
        assert_eq!(sequential[1], "broken.yaml");
        assert_eq!(describe(parse_on_threads(&files, 3, true)), sequential);
    }

    #[test]
    fn a_stored_form_of_another_kind_is_not_used() {
        let mut file = crate::rules::source::embedded_codes().remove(0);
        file.bytes = b"tree: [".to_vec().into();
        // A code table's stored form asked for as a rule tree: the YAML is
        // parsed instead, and here it is broken.
        assert!(parse_rule_file(&file).is_err());
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            y.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = name;
        }
        let file = SourceFile::new("bomb.yaml", y);
        let p = parse_yaml::<std::collections::BTreeMap<String, serde_json::Value>>(&file)
            .expect_err("an alias bomb must be refused");
        assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
        assert!(p.message.starts_with("YAML limit exceeded: "), "{p}");
        assert!(p.hint.is_some(), "{p}");
    }
}
