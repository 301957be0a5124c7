//! Screen messages against the embedded tables: `posdiag code` and the
//! triage's code question find them in both languages, a message inside a
//! longer text or a fragment of one, the general `交易失败` yields to a
//! specific message, and nothing is found silently. A proptest rewrites
//! every wording of every message (punctuation and spaces between its
//! characters, full-width forms, case, noise around it) and expects the
//! same node.

use std::sync::LazyLock;

use proptest::prelude::*;

use super::start_tests::rules;
use super::*;
use crate::engine::{Position, Source, Walk};
use crate::kb::KnowledgeBase;

/// The node id and table id a text is known under.
#[track_caller]
fn found(rules: &KnowledgeBase, typed: &str) -> (String, String) {
    match rules.codes().lookup(typed) {
        Ok(Lookup::Known(k)) => (rules.node(k.entry.node).id.clone(), k.table.id.clone()),
        other => panic!("{typed:?} should be known: {other:?}"),
    }
}

#[test]
fn the_common_prompts_in_both_languages() {
    let rules = rules();
    for (typed, node) in [
        ("请签到", "keys.sign_on_attempt"),
        ("Please sign in", "keys.sign_on_attempt"),
        ("签到失败", "keys.sign_on_attempt"),
        ("请先结算", "operation.settle_batch"),
        ("Batch full", "operation.settle_batch"),
        ("结算失败", "operation.settlement_failed"),
        ("超过单笔限额", "operation.amount_limit"),
        ("Exceeds single transaction limit", "operation.amount_limit"),
        ("超出金额限制", "card.over_limit"),
        ("通讯失败", "connection.start"),
        ("连接超时", "connection.start"),
        ("Communication error", "connection.start"),
        ("读卡失败", "card.read_method"),
        ("Card read error", "card.read_method"),
        ("打印机缺纸", "printer.out_of_paper"),
        ("Out of paper", "printer.out_of_paper"),
        ("MAC校验错", "keys.resign_retry"),
        ("MAC error", "keys.resign_retry"),
        ("密钥错", "keys.tamper_check"),
        ("Key error", "keys.tamper_check"),
    ] {
        assert_eq!(found(&rules, typed), (node.to_string(), "screen".to_string()), "{typed:?}");
    }
}

#[test]
fn tolerant_spellings_parts_and_longer_texts() {
    let rules = rules();
    let node = |t: &str| found(&rules, t).0;
    assert_eq!(node("ＰＬＥＡＳＥ　ＳＩＧＮ　ＩＮ！"), "keys.sign_on_attempt");
    assert_eq!(node("please, sign-in."), "keys.sign_on_attempt");
    assert_eq!(node("请 签 到 ！"), "keys.sign_on_attempt");
    assert_eq!(node("屏幕显示：批次已满，请先结算。"), "operation.settle_batch");
    assert_eq!(node("MAC校验错，请重新签到"), "keys.resign_retry", "the longer message wins");
    assert_eq!(node("读卡错误,请刷卡"), "card.chip_reader_test", "the longer message wins");
    assert_eq!(node("缺纸"), "printer.out_of_paper");
    assert_eq!(node("单笔限额"), "operation.amount_limit", "a fragment");
    // The general decline yields to the reason beside it.
    assert_eq!(node("交易失败：余额不足"), "card.insufficient_funds");
    assert_eq!(node("交易失败"), "card.no_reason_decline");
    // Codes stay codes; a code inside Chinese text is still found.
    assert_eq!(found(&rules, "A0"), ("keys.resign_retry".into(), "unionpay".into()));
    assert_eq!(found(&rules, "应答码 51").0, "card.insufficient_funds");
    // A code beside a general message says more than the message.
    assert_eq!(found(&rules, "交易失败 51"), ("card.insufficient_funds".into(), "unionpay".into()));
    assert_eq!(found(&rules, "交易失败（A0）").0, "keys.resign_retry");
    assert_eq!(found(&rules, "交易失败，请重试").0, "card.no_reason_decline");
    // A specific message wins over Latin letters that happen to be a code.
    assert_eq!(found(&rules, "请插入SIM卡").0, "connection.sim_missing");
}

#[test]
fn unknown_ambiguous_and_overlong_texts_are_said_so() {
    let rules = rules();
    for typed in ["签", "hello world", "刷卡成功", "！？"] {
        assert!(
            matches!(rules.codes().lookup(typed), Ok(Lookup::Unknown { .. })),
            "{typed:?} must be reported unknown"
        );
    }
    match rules.codes().lookup("error") {
        Err(CodeError::Ambiguous { candidates, .. }) => {
            assert!(candidates.iter().any(|c| c == "MAC error"), "{candidates:?}");
            assert!(candidates.iter().any(|c| c == "Key error"), "{candidates:?}");
        }
        other => panic!("{other:?}"),
    }
    // A long text holding a message is fine; a long text holding none is not.
    let long = format!("{}请先签到", "，".repeat(60));
    assert_eq!(found(&rules, &long).0, "keys.sign_on_attempt");
    assert!(matches!(rules.codes().lookup(&"啊".repeat(60)), Err(CodeError::TooLong { .. })));
    assert!(matches!(rules.codes().lookup(&"请签到".repeat(50)), Err(CodeError::TooLong { .. })));
}

#[test]
fn the_triage_code_question_takes_a_message() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    for (node, value) in [("triage.start", "error_code"), ("triage.error_code", "response_code")] {
        walk.answer(rules.find(node).unwrap(), value, Source::CommandLine).unwrap();
    }
    let q = rules.find("triage.response_code").unwrap();
    walk.answer(q, "请先结算！", Source::Interactive).unwrap();
    match walk.position() {
        Position::Conclusion(n) => assert_eq!(rules.node(n).id, "operation.settle_batch"),
        other => panic!("{other:?}"),
    }
}

/// The embedded rules, loaded once for the proptest.
static RULES: LazyLock<KnowledgeBase> = LazyLock::new(rules);

/// Every wording of the screen table with the node it leads to.
static WORDINGS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let book = RULES.codes();
    book.entries()
        .filter(|e| book.table(e.table).id == "screen")
        .map(|e| (e.code.clone(), RULES.node(e.node).id.clone()))
        .collect()
});

/// `c` in its full-width form, where it has one.
fn wide(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        ' ' => '\u{3000}',
        _ => c,
    }
}

const NOISE: &[&str] =
    &["", " ", "，", "、", "!", "。", "：", "-", "（", "）", "…", "  ", "\u{3000}", "."];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]
    #[test]
    fn every_wording_survives_punctuation_width_case_and_spacing(
        pick in any::<prop::sample::Index>(),
        seps in prop::collection::vec(0..NOISE.len(), 0..64),
        widths in prop::collection::vec(any::<bool>(), 0..64),
        upper in prop::collection::vec(any::<bool>(), 0..64),
        around in (0..NOISE.len(), 0..NOISE.len()),
    ) {
        let all = &*WORDINGS;
        prop_assert!(all.len() > 100, "the screen table has its wordings");
        let (wording, node) = &all[pick.index(all.len())];
        let mut typed = String::from(NOISE[around.0]);
        for (i, c) in wording.chars().enumerate() {
            let c = if upper.get(i).copied().unwrap_or(false) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
            typed.push(if widths.get(i).copied().unwrap_or(false) { wide(c) } else { c });
            typed.push_str(NOISE[seps.get(i).copied().unwrap_or(0)]);
        }
        typed.push_str(NOISE[around.1]);
        match RULES.codes().lookup(&typed) {
            Ok(Lookup::Known(k)) => prop_assert_eq!(&RULES.node(k.entry.node).id, node, "{:?} from {:?}", typed, wording),
            other => prop_assert!(false, "{:?} from {:?}: {:?}", typed, wording, other),
        }
    }
}

#[test]
fn an_overlay_wording_replaces_the_built_in_one() {
    let overlay = "table: acme\ntitle: {zh: 厂商提示, en: Vendor prompts}\nmessages:\n  - says: [\"请签到\", \"Acme says hello\"]\n    meaning: {zh: 厂商, en: Vendor}\n    actor: merchant\n    category: printer\n    node: printer.start\n";
    let loaded = crate::kb::load(
        &crate::source::embedded_rules(),
        &crate::source::embedded_codes(),
        &[crate::source::SourceFile::new("vendor.yaml", overlay)],
    );
    let rules = loaded.kb.unwrap_or_else(|| panic!("{:#?}", loaded.problems));
    match rules.codes().lookup("请 签 到") {
        Ok(Lookup::Known(k)) => {
            assert_eq!(
                (k.table.id.as_str(), rules.node(k.entry.node).id.as_str()),
                ("acme", "printer.start")
            );
            assert_eq!(k.overrides.map(|(_, t)| t.id.as_str()), Some("screen"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(found(&rules, "acme says hello").1, "acme");
    assert_eq!(found(&rules, "请先签到").0, "keys.sign_on_attempt", "other wordings stand");
}
