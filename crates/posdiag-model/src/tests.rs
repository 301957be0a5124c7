//! The places of values survive every form a model takes: YAML gives them,
//! the build's binary form (postcard) keeps them, JSON read without places
//! gives 0 ("unknown"), and the limits stop runaway nesting.

use crate::codes::CodeFile;
use crate::rules::{NodeKind, RuleFile};
use crate::spanned::without_places;
use crate::{Spanned, yaml_options};

const TREE: &str = "\
tree: power
entry: power.adapter
nodes:
  - id: power.adapter
    kind: conclusion
    title: {zh: 电源, en: Power}
";

fn yaml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, yaml_options())
}

#[test]
fn yaml_gives_every_value_its_line_and_column() {
    let file: RuleFile = yaml(TREE).unwrap();
    assert_eq!((file.tree.value.as_str(), file.tree.line, file.tree.column), ("power", 1, 7));
    let node = &file.nodes[0];
    assert_eq!((node.line, node.column), (4, 5));
    assert_eq!((node.value.id.line, node.value.id.column), (4, 9));
    assert_eq!(node.value.kind.value, NodeKind::Conclusion);
    let title = node.value.title.as_ref().unwrap();
    assert_eq!((title.line, title.value.en.as_deref()), (6, Some("Power")));
}

#[test]
fn the_binary_form_keeps_the_places() {
    let file: RuleFile = yaml(TREE).unwrap();
    let bytes = postcard::to_allocvec(&file).unwrap();
    let back: RuleFile = postcard::from_bytes(&bytes).unwrap();
    assert_eq!(format!("{file:?}"), format!("{back:?}"));
    assert_eq!((back.nodes[0].value.id.line, back.nodes[0].value.id.column), (4, 9));
}

#[test]
fn json_without_places_gives_zero() {
    let json = r#"{"tree": "power", "entry": "power.adapter", "nodes": []}"#;
    let file: RuleFile = without_places(|| serde_json::from_str(json)).unwrap();
    assert_eq!((file.tree.value.as_str(), file.tree.line, file.tree.column), ("power", 0, 0));
    // Nested, and after a failure, it still reads.
    let inner: Result<Spanned<u32>, _> =
        without_places(|| without_places(|| serde_json::from_str("x")));
    assert!(inner.is_err());
    let n: Spanned<u32> = without_places(|| serde_json::from_str("7")).unwrap();
    assert_eq!((n.value, n.line, n.column), (7, 0, 0));
}

#[test]
fn unknown_fields_and_runaway_nesting_are_refused() {
    let err = yaml::<CodeFile>("table: t\ncodes: []\ncolour: red\n").unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    let deep = format!("table: {}{}\n", "[".repeat(200), "]".repeat(200));
    assert!(yaml::<CodeFile>(&deep).is_err());
}
