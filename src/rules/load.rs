//! Parse rule files into the serde model, many at once. A file that does
//! not parse yields one [`Problem`] with its `file:line:column` and, when
//! the error sits inside a node, that node's id; the other files still
//! load. How one file is read (YAML, JSON, embedded, cached) is the file
//! machinery's ([`crate::source`]).

use super::model::RuleFile;
use crate::source::{Model, Problem, SourceFile, json, parse_model};

/// Parse one rule file, with every value's place.
#[cfg(test)]
fn parse_rule_file(file: &SourceFile) -> Result<RuleFile, Problem> {
    parse_model(file)
}

/// Parse one rule file; a JSON file without places unless `places`.
fn parse_rule_file_as(file: &SourceFile, places: bool) -> Result<RuleFile, Problem> {
    if json::is_json(&file.name) && !places { json::parse_fast(file) } else { parse_model(file) }
}

/// YAML to parse before it is worth spreading the files over threads.
const PARALLEL_FROM_BYTES: usize = 4 * 1024 * 1024;

/// Parse many rule files, in order; JSON files without places unless
/// `places` (see [`crate::source::json`]). On one core each file is parsed
/// when it is asked for, so the caller takes it while it is still in cache.
/// A large set is spread over the cores the process may use (`taskset` and
/// cgroup limits are respected), since parsing is most of the time a load
/// takes.
pub fn parse_rule_files(
    files: &[SourceFile],
    places: bool,
) -> impl Iterator<Item = Result<RuleFile, Problem>> + '_ {
    let text: usize = files.iter().filter(|f| f.model.is_none()).map(|f| f.bytes.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len());
    let mut parsed = (threads >= 2 && text >= PARALLEL_FROM_BYTES)
        .then(|| parse_on_threads(files, threads, places).into_iter());
    files.iter().map(move |f| match parsed.as_mut().and_then(Iterator::next) {
        Some(result) => result,
        None => parse_rule_file_as(f, places),
    })
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

/// A rule tree is one of the models the build pre-parses.
impl Model for RuleFile {
    const KIND: &'static str = "rules";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{ProblemKind, parse_yaml};

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
        use crate::source::{embedded_codes, embedded_rules};
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
        let mut file = crate::source::embedded_codes().remove(0);
        file.bytes = b"tree: [".to_vec().into();
        // A code table's stored form asked for as a rule tree: the YAML is
        // parsed instead, and here it is broken.
        assert!(parse_rule_file(&file).is_err());
    }
}
