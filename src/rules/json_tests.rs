//! JSON rule files read through the file machinery ([`crate::source::json`]):
//! errors and problems keep their `file:line:column` and node, deep nesting
//! is refused, and a JSON set loads the same rules as its YAML twin.

use crate::rules::model::RuleFile;
use crate::rules::{load, synth};
use crate::source::json::{parse_fast, parse_placed};
use crate::source::{Place, Problem, ProblemKind, SourceFile};

const HEAD: &str = "{\"tree\": \"t\", \"entry\": \"t.a\", \"nodes\": [\n";

fn fast(text: &str) -> Result<RuleFile, Problem> {
    parse_fast(&SourceFile::new("t.json", text))
}

#[test]
fn errors_have_line_column_and_node() {
    let p = fast(&format!("{HEAD}{{\"id\": \"t.a\", \"kind\": \"question\", \"nxt\": 1}}]}}"))
        .unwrap_err();
    assert_eq!(p.kind, ProblemKind::UnknownField, "{p}");
    assert_eq!((p.place.line, p.place.column), (2, 39), "{p}");
    assert_eq!(p.node.as_deref(), Some("t.a"), "{p}");
    let p = fast(&format!("{HEAD}{{\"id\": \"t.a\", \"kind\": \"question\", \"kind\": 1}}]}}"))
        .unwrap_err();
    assert_eq!(p.kind, ProblemKind::DuplicateKey, "{p}");
    assert_eq!(p.message, "duplicate key `kind`", "{p}");
    let p = fast("{\"tree\": \"树\", \"entry\": [}").unwrap_err();
    assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
    // serde_json says byte 25; that is character 23.
    assert_eq!((p.place.line, p.place.column), (1, 23), "{p}");
    let p = parse_fast::<RuleFile>(&SourceFile::new("t.json", b"{\"tree\": \"\xff\"}".to_vec()))
        .unwrap_err();
    assert_eq!(p.kind, ProblemKind::Read, "{p}");
}

#[test]
fn deep_nesting_is_refused_quickly() {
    for field in ["tree", "nodes", "robustness"] {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!("{{\"{field}\": {deep}}}");
        let p = fast(&text).unwrap_err();
        assert_eq!(p.kind, ProblemKind::Yaml, "{p}");
        assert_eq!(p.place.line, 1, "{p}");
        assert!(parse_placed::<RuleFile>(&SourceFile::new("t.json", text)).is_err());
    }
}

#[test]
fn what_json_refuses_stays_refused() {
    // YAML would take the comment; JSON does not.
    let text = "{\"tree\": \"t\", \"nodes\": []} # note\n";
    assert!(parse_placed::<RuleFile>(&SourceFile::new("t.json", text)).is_err());
}

/// The generated set loads the same from JSON as from YAML.
#[test]
fn json_and_yaml_give_the_same_rules() {
    let as_files = |files: Vec<(String, String)>| -> Vec<SourceFile> {
        files.into_iter().map(|(n, t)| SourceFile::new(n, t)).collect()
    };
    let yaml = load(&as_files(synth::generate(300)), &[]);
    let json = load(&as_files(synth::generate_json(300)), &[]);
    assert!(json.problems.is_empty(), "{:?}", json.problems);
    let (yaml, json) = (yaml.rules.expect("yaml"), json.rules.expect("json"));
    assert_eq!(yaml.len(), json.len());
    for ((_, a), (_, b)) in yaml.nodes().zip(json.nodes()) {
        assert_eq!(a.id, b.id);
        assert_eq!(format!("{:?}", a.body), format!("{:?}", b.body));
    }
}

/// A problem in a JSON file points at its value, line and column.
#[test]
fn problems_in_json_have_places() {
    let mut files = synth::generate_json(30);
    let (name, text) = &mut files[0];
    let at = text.find("\"next\":\"t00000.n2\"").expect("an edge") + 7;
    text.replace_range(at..at + 11, "\"t00000.nx\"");
    let line = text[..at].matches('\n').count() as u64 + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() as u64 + 1;
    let name = name.clone();
    let files: Vec<SourceFile> = files.into_iter().map(|(n, t)| SourceFile::new(n, t)).collect();
    let loaded = load(&files, &[]);
    let p = loaded.problems.iter().find(|p| p.kind == ProblemKind::UnknownNode);
    let p = p.unwrap_or_else(|| panic!("{:?}", loaded.problems));
    assert_eq!(p.place, Place::new(name, line, column), "{p}");
    assert!(loaded.problems.iter().all(|p| p.place.line > 0), "{:?}", loaded.problems);
}
