//! Lookup, normalization and overlay precedence against the embedded rules
//! and tables; the walk's jump at a `code` question and its saved session.

use super::*;
use crate::engine::{Fact, Facts, Position, Source, Walk};
use crate::kb::KnowledgeBase;
use crate::source::{self, SourceFile};

fn load_with(overlay: Option<&str>) -> KnowledgeBase {
    let overlays: Vec<SourceFile> =
        overlay.map(|text| SourceFile::new("vendor.yaml", text)).into_iter().collect();
    let loaded = crate::kb::load(&source::embedded_rules(), &source::embedded_codes(), &overlays);
    loaded.kb.unwrap_or_else(|| panic!("problems: {:#?}", loaded.problems))
}

/// (code as shown, table id, found by zeros) of a known code.
#[track_caller]
fn known(rules: &KnowledgeBase, typed: &str) -> (String, String, bool) {
    match rules.codes().lookup(typed) {
        Ok(Lookup::Known(k)) => (rules.codes().display(k.entry), k.table.id.clone(), k.by_zeros),
        other => panic!("{typed:?} should be known: {other:?}"),
    }
}

#[track_caller]
fn case(rules: &KnowledgeBase, typed: &str, code: &str, table: &str) {
    let (c, t, _) = known(rules, typed);
    assert_eq!((c.as_str(), t.as_str()), (code, table), "{typed:?}");
}

#[test]
fn spellings_of_one_code() {
    let rules = load_with(None);
    for typed in ["A0", "a0", " a0 ", "Ａ０", "a-0"] {
        case(&rules, typed, "A0", "unionpay");
    }
    case(&rules, "pedtampered", "PEDTAMPERED", "terminal");
}

#[test]
fn leading_zeros_when_unambiguous() {
    let rules = load_with(None);
    assert_eq!(known(&rules, "5"), ("05".into(), "unionpay".into(), true));
    assert_eq!(known(&rules, "051"), ("51".into(), "unionpay".into(), true));
    assert_eq!(known(&rules, "0"), ("00".into(), "unionpay".into(), true));
    assert_eq!(known(&rules, "51"), ("51".into(), "unionpay".into(), false));
    assert_eq!(known(&rules, "VF 4"), ("VF 0004".into(), "verifone".into(), true));
}

#[test]
fn prefixes_select_their_table() {
    let rules = load_with(None);
    // Bare 10 is UnionPay's partial approval; the modem's 10 needs its prefix.
    case(&rules, "10", "10", "unionpay");
    for typed in ["+CME ERROR: 10", "CME 10", "cme10", "CME ERROR 10"] {
        case(&rules, typed, "+CME ERROR: 10", "cme");
    }
    case(&rules, "PAX 2", "PAX PRINTER 2", "pax_printer");
    case(&rules, "sunmi printer 4", "SUNMI PRINTER 4", "sunmi_printer");
    case(&rules, "Verifone 1002", "VF 1002", "verifone");
}

#[test]
fn unknown_codes_name_prefixed_tables_that_know_them() {
    let rules = load_with(None);
    match rules.codes().lookup("1002") {
        Ok(Lookup::Unknown { elsewhere }) => {
            let shown: Vec<String> =
                elsewhere.iter().map(|k| rules.codes().display(k.entry)).collect();
            assert_eq!(shown, ["VF 1002"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(rules.codes().lookup("ZZ"), Ok(Lookup::Unknown { elsewhere }) if elsewhere.is_empty())
    );
    assert!(matches!(rules.codes().lookup("CME 999"), Ok(Lookup::Unknown { .. })));
    assert!(matches!(rules.codes().lookup("  "), Err(CodeError::Empty)));
    assert!(matches!(
        rules.codes().lookup(&"9".repeat(100)),
        Err(CodeError::TooLong { chars: 100, .. })
    ));
}

const OVERLAY: &str = r#"
table: acme
title: {zh: "ACME 终端代码", en: "ACME terminal codes"}
codes:
  - code: "51"
    meaning: {zh: "ACME：余额不足", en: "ACME: balance too low"}
    actor: cardholder
    category: account
    node: card.insufficient_funds
  - code: "X9"
    meaning: {zh: "打印机没纸", en: "Printer out of paper"}
    actor: merchant
    category: printer
    node: printer.out_of_paper
  - code: "005"
    meaning: {zh: "测试", en: "Test"}
    actor: merchant
    category: terminal
    node: printer.out_of_paper
"#;

#[test]
fn an_overlay_overrides_and_adds() {
    let rules = load_with(Some(OVERLAY));
    match rules.codes().lookup("51") {
        Ok(Lookup::Known(k)) => {
            assert_eq!(k.table.id, "acme");
            assert!(k.table.overlay);
            assert_eq!(k.entry.meaning.en, "ACME: balance too low");
            let (old, table) = k.overrides.expect("overrides the built-in 51");
            assert_eq!(
                (table.id.as_str(), old.meaning.en.as_str()),
                ("unionpay", "Insufficient funds")
            );
        }
        other => panic!("{other:?}"),
    }
    case(&rules, "x9", "X9", "acme");
    // 05 and 005 now both drop to 5: typed 5 is ambiguous, 05 exact.
    match rules.codes().lookup("5") {
        Err(CodeError::Ambiguous { candidates, .. }) => assert_eq!(candidates, ["05", "005"]),
        other => panic!("{other:?}"),
    }
    case(&rules, "05", "05", "unionpay");
    // Overridden codes are not listed twice (the ZVT table's 51 lives in
    // its own namespace).
    let tables = rules.codes().tables();
    let bare = |e: &&crate::codes::book::Entry| tables[e.table].id != "zvt";
    assert_eq!(rules.codes().entries().filter(|e| e.code == "51").filter(bare).count(), 1);
}

#[test]
fn an_overlay_with_a_known_prefix_joins_that_table() {
    let overlay = OVERLAY.replace("table: acme", "table: acme\nprefix: [CME]");
    let rules = load_with(Some(&overlay));
    case(&rules, "CME X9", "CME X9", "acme");
    case(&rules, "CME 10", "+CME ERROR: 10", "cme");
    case(&rules, "51", "51", "unionpay");
}

fn code_walk<'r>(rules: &'r KnowledgeBase, typed: &str) -> Walk<'r> {
    let mut walk = Walk::new(rules, rules.root());
    for (node, value) in [("triage.start", "error_code"), ("triage.error_code", "response_code")] {
        let id = rules.find(node).unwrap();
        walk.answer(id, value, Source::CommandLine).unwrap();
    }
    let q = rules.find("triage.response_code").unwrap();
    walk.answer(q, typed, Source::Interactive).unwrap();
    walk
}

fn at(walk: &Walk<'_>) -> String {
    match walk.position() {
        Position::Question(n) | Position::Conclusion(n) => walk.rules().node(n).id.clone(),
        Position::Exhausted => "exhausted".into(),
    }
}

#[test]
fn a_typed_code_jumps_to_its_node() {
    let rules = load_with(None);
    assert_eq!(at(&code_walk(&rules, "51")), "card.insufficient_funds");
    assert_eq!(at(&code_walk(&rules, "+CME ERROR: 13")), "connection.sim_faulty");
    // Unknown: the answer whose `when` matches, here the general checks.
    assert_eq!(at(&code_walk(&rules, "Q7")), "bank.start");
    // Back undoes the code, not the question before it.
    let mut walk = code_walk(&rules, "90");
    assert!(walk.back());
    assert_eq!(at(&walk), "triage.response_code");
}

#[test]
fn a_probed_code_jumps_too() {
    let rules = load_with(None);
    let mut walk = Walk::new(&rules, rules.find("triage.response_code").unwrap());
    let facts: Facts = [Fact::given("last.response_code", "A7")].into_iter().collect();
    assert_eq!(walk.answer_all_from_facts(&facts), 1);
    assert_eq!(at(&walk), "keys.security_failure");
}

#[test]
fn a_saved_session_keeps_the_jump() {
    let rules = load_with(None);
    let walk = code_walk(&rules, "94");
    let saved = crate::session::SavedSession::from_walk(&walk, &[], crate::lang::Lang::En);
    let step = saved.steps.last().unwrap();
    assert_eq!(step.jump.as_deref(), Some("operation.duplicate"));
    assert_eq!(step.input.as_deref(), Some("94"));
    let json = serde_json::to_string(&saved).unwrap();
    let back: crate::session::SavedSession = serde_json::from_str(&json).unwrap();
    let replayed = back.to_walk(&rules, std::path::Path::new("s.json")).unwrap();
    assert_eq!(at(&replayed), "operation.duplicate");
    // A session written before code jumps existed has no `jump` and loads.
    assert!(!json.contains("\"jump\":null"));
}

mod never_panics {
    use proptest::prelude::*;

    use super::*;
    use crate::codes::emv::{Word, decode, parse_hex};

    proptest! {
        #[test]
        fn lookup(typed in "\\PC{0,60}") {
            let rules = rules_once();
            let _ = rules.codes().lookup(&typed);
        }

        #[test]
        fn emv(text in "(0x| |[0-9a-fA-F]|\\PC){0,24}") {
            let rules = rules_once();
            for word in [Word::Tvr, Word::Tsi] {
                if let Ok(bytes) = parse_hex(word, &text) {
                    prop_assert_eq!(bytes.len(), word.bytes());
                    let _ = decode(&bytes, rules.codes().tvr());
                }
            }
        }
    }

    fn rules_once() -> &'static KnowledgeBase {
        static RULES: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
        RULES.get_or_init(|| load_with(None))
    }
}
