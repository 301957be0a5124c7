//! What the checker finds in code tables, each with its place: one table
//! (`t.yaml`) loaded beside the embedded rules and tables.

use crate::source::{self, Problem, ProblemKind, SourceFile};

fn file(text: &str) -> SourceFile {
    SourceFile::new("t.yaml", text)
}

/// Problems of `t.yaml`, added as a built-in table, or as the overlay.
fn problems(text: &str, overlay: bool) -> Vec<Problem> {
    let mut tables = source::embedded_codes();
    let mut overlays = Vec::new();
    if overlay {
        overlays.push(file(text))
    } else {
        tables.push(file(text))
    }
    let loaded = crate::kb::load(&source::embedded_rules(), &tables, &overlays);
    loaded.problems.into_iter().filter(|p| p.place.file == "t.yaml").collect()
}

/// `t.yaml` must yield a problem of `kind` on the line holding `at`, with
/// `needle` in its message or hint.
#[track_caller]
fn finds(text: &str, overlay: bool, kind: ProblemKind, at: &str, needle: &str) {
    let found = problems(text, overlay);
    let line = text[..text.find(at).expect("`at` in text")].matches('\n').count() as u64 + 1;
    let says = |p: &Problem| {
        format!("{} {}", p.message, p.hint.as_deref().unwrap_or_default()).contains(needle)
    };
    let p = found
        .iter()
        .find(|p| p.kind == kind && says(p))
        .unwrap_or_else(|| panic!("no {kind:?} saying {needle:?} in {found:#?}"));
    assert_eq!(p.place.line, line, "{p}");
    assert!(p.place.column > 0, "{p}");
}

const HEAD: &str = "table: t\ntitle: {zh: 测试, en: Test}\nprefix: [TT]\ncodes:\n";

fn code(code: &str, node: &str) -> String {
    format!(
        "  - code: \"{code}\"\n    meaning: {{zh: 含义, en: Meaning}}\n    actor: merchant\n    category: terminal\n    node: {node}\n"
    )
}

#[test]
fn a_clean_table_has_no_problems() {
    let text = format!("{HEAD}{}{}", code("1", "printer.start"), code("01X", "card.start"));
    assert_eq!(problems(&text, false), []);
}

#[test]
fn unknown_node_with_a_hint() {
    let text = format!("{HEAD}{}", code("1", "card.insufficent_funds"));
    finds(
        &text,
        false,
        ProblemKind::UnknownNode,
        "card.insufficent",
        "did you mean `card.insufficient_funds`?",
    );
}

#[test]
fn duplicate_codes() {
    let text = format!("{HEAD}{}{}", code("7", "printer.start"), code("7", "card.start"));
    finds(
        &text,
        false,
        ProblemKind::DuplicateCode,
        "code: \"7\"\n    meaning: {zh: 含义, en: Meaning}\n    actor: merchant\n    category: terminal\n    node: card",
        "already defined",
    );
    // The same spelling after normalization is a duplicate too.
    let text = format!("{HEAD}{}{}", code("a1", "printer.start"), code("A-1", "card.start"));
    finds(&text, false, ProblemKind::DuplicateCode, "A-1", "already defined");
    // A second built-in table defining a UnionPay code.
    let bare =
        format!("table: t\ntitle: {{zh: 测试, en: Test}}\ncodes:\n{}", code("51", "card.start"));
    finds(&bare, false, ProblemKind::DuplicateCode, "\"51\"", "unionpay");
    // An overlay may override it, but not define it twice itself.
    assert_eq!(problems(&bare, true), []);
    let twice = format!("{bare}{}", code("51", "card.start"));
    assert!(problems(&twice, true).iter().any(|p| p.kind == ProblemKind::DuplicateCode));
}

#[test]
fn both_languages_and_required_fields() {
    let text = format!("{HEAD}{}", code("1", "printer.start").replace("en: Meaning", "en: \"\""));
    finds(&text, false, ProblemKind::MissingText, "meaning:", "`en`");
    let text = format!("{HEAD}  - code: \"1\"\n    meaning: {{zh: 含义, en: Meaning}}\n");
    for field in ["`actor`", "`category`", "`node`"] {
        finds(&text, false, ProblemKind::MissingField, "code: \"1\"", field);
    }
    finds("table: t\ncodes: []\n", false, ProblemKind::MissingField, "table: t", "no `title`");
    finds(
        "table: t\ntitle: {zh: 测试, en: Test}\n",
        false,
        ProblemKind::MissingField,
        "table: t",
        "no `codes`",
    );
}

#[test]
fn values_outside_the_format() {
    let text =
        format!("{HEAD}{}", code("1", "printer.start").replace("actor: merchant", "actor: bank"));
    finds(&text, false, ProblemKind::Yaml, "actor: bank", "bank");
    let text = format!("{HEAD}{}", code("1", "printer.start").replace("    node:", "    nod:"));
    finds(&text, false, ProblemKind::UnknownField, "nod:", "nod");
    let bad = format!("{}{}", HEAD.replace("[TT]", "[\"1X\"]"), code("1", "card.start"));
    finds(&bad, false, ProblemKind::BadCode, "prefix", "start with a letter");
    let bare =
        format!("table: t\ntitle: {{zh: 测试, en: Test}}\ncodes:\n{}", code("CME10", "card.start"));
    finds(&bare, false, ProblemKind::BadCode, "CME10", "prefix `CME`");
    let conflict = HEAD.replace("[TT]", "[CME, VF]");
    finds(
        &format!("{conflict}{}", code("1", "card.start")),
        false,
        ProblemKind::BadCode,
        "prefix",
        "verifone",
    );
}

#[test]
fn one_place_for_unknown_codes() {
    let text = format!(
        "table: t\ntitle: {{zh: 测试, en: Test}}\nunknown: triage.start\ncodes:\n{}",
        code("Q1", "card.start")
    );
    finds(&text, false, ProblemKind::DuplicateCode, "unknown:", "`unknown` is already set");
    assert_eq!(problems(&text, true), [], "an overlay may move it");
}

#[test]
fn bits() {
    let bit = |byte: u8, bit: u8| {
        format!(
            "  - byte: {byte}\n    bit: {bit}\n    meaning: {{zh: 含义, en: Meaning}}\n    check: {{zh: 检查, en: Check}}\n"
        )
    };
    let head = "table: t\ntitle: {zh: 测试, en: Test}\n";
    finds(
        &format!("{head}tvr:\n{}", bit(6, 1)),
        false,
        ProblemKind::BadCode,
        "byte: 6",
        "outside 1 to 5",
    );
    finds(
        &format!("{head}tsi:\n{}", bit(3, 1)),
        false,
        ProblemKind::BadCode,
        "byte: 3",
        "outside 1 to 2",
    );
    finds(
        &format!("{head}tsi:\n{}", bit(1, 9)),
        false,
        ProblemKind::BadCode,
        "bit: 9",
        "outside 1 to 8",
    );
    // B1b8 is in the built-in table already.
    finds(
        &format!("{head}tvr:\n{}", bit(1, 8)),
        false,
        ProblemKind::DuplicateCode,
        "byte: 1",
        "B1b8",
    );
    assert_eq!(problems(&format!("{head}tvr:\n{}", bit(1, 8)), true), []);
    let no_check = bit(2, 1).replace("    check: {zh: 检查, en: Check}\n", "");
    finds(
        &format!("{head}tvr:\n{no_check}"),
        false,
        ProblemKind::MissingField,
        "byte: 2",
        "`check`",
    );
}

const MESSAGES: &str = "table: t\ntitle: {zh: 测试, en: Test}\nmessages:\n";

fn message(says: &str, node: &str) -> String {
    format!(
        "  - says: [{says}]\n    meaning: {{zh: 含义, en: Meaning}}\n    actor: merchant\n    category: terminal\n    node: {node}\n"
    )
}

#[test]
fn screen_messages_are_checked() {
    let clean =
        format!("{MESSAGES}{}", message("\"柜台提示一\", Counter prompt one", "printer.start"));
    assert_eq!(problems(&clean, false), []);
    // Twice in this table, or a wording the built-in screen table has.
    let twice = format!(
        "{MESSAGES}{}{}",
        message("\"提示甲\"", "printer.start"),
        message("\"提示，甲！\"", "card.start")
    );
    finds(&twice, false, ProblemKind::DuplicateCode, "提示，甲", "already defined");
    let builtin = format!("{MESSAGES}{}", message("\"请签到\"", "printer.start"));
    finds(&builtin, false, ProblemKind::DuplicateCode, "请签到", "table `screen`");
    // ...which an overlay may replace.
    assert_eq!(problems(&builtin, true), []);
    // Too short to match, a bare code in disguise, no wording, bad node.
    finds(
        &format!("{MESSAGES}{}", message("\"！甲\"", "printer.start")),
        false,
        ProblemKind::BadCode,
        "！甲",
        "2 to",
    );
    finds(
        &format!("{MESSAGES}{}", message("\"A-0\"", "printer.start")),
        false,
        ProblemKind::DuplicateCode,
        "A-0",
        "always found first",
    );
    finds(
        &format!("{MESSAGES}{}", message("", "printer.start")),
        false,
        ProblemKind::MissingField,
        "says",
        "`says`",
    );
    finds(
        &format!("{MESSAGES}{}", message("\"提示乙\"", "printer.strt")),
        false,
        ProblemKind::UnknownNode,
        "printer.strt",
        "did you mean",
    );
}
