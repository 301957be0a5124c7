//! A merchant's screen shows no internals: node ids, table files, UnionPay
//! classes and the walk's probabilities appear in text output only with
//! `--verbose`; JSON keeps them. And a typed code that is not one is named
//! as unknown with the known codes close to it, before the general checks,
//! in `posdiag code` and at the triage's code question.

mod common;

use common::Test;
use common::pty::PtyWalk;

const INTERNALS: [&str; 6] = [
    "card.insufficient_funds",
    "rules/codes",
    "unionpay.yaml",
    "类 C",
    "class C",
    "从这里开始排查",
];

#[test]
fn a_code_in_chinese_shows_no_internals() {
    let run = Test::new().args(["--lang", "zh", "code", "51"]).run().code(0);
    for internal in INTERNALS {
        assert!(!run.stdout.contains(internal), "{internal:?} shown:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("来源: 银联应答码"), "{}", run.stdout);
    let run = Test::new().args(["--lang", "zh", "--verbose", "code", "51"]).run().code(0);
    for internal in ["card.insufficient_funds", "rules/codes/unionpay.yaml", "类 C"] {
        assert!(run.stdout.contains(internal), "{internal:?} missing:\n{}", run.stdout);
    }
    // JSON always carries them.
    let run = Test::new().args(["code", "51", "--format", "json"]).run().code(0);
    assert!(run.stdout.contains("\"node\": \"card.insufficient_funds\""), "{}", run.stdout);
    assert!(run.stdout.contains("rules/codes/unionpay.yaml"), "{}", run.stdout);
}

#[test]
fn a_pending_question_names_no_node_but_the_answer_lines() {
    let run = Test::new().args(["--lang", "en", "diagnose"]).run().code(3);
    assert!(run.stdout.contains("Needs an answer:"), "{}", run.stdout);
    assert!(!run.stdout.contains("node: triage.start"), "{}", run.stdout);
    // The lines a script pastes stay: they are for scripts.
    assert!(run.stdout.contains("--answer triage.start=printer"), "{}", run.stdout);
    let run = Test::new().args(["--lang", "en", "-v"]).run().code(3);
    assert!(run.stdout.contains("node: triage.start"), "{}", run.stdout);
}

fn spawn_mini(lang: &str, extra: &[&str]) -> PtyWalk {
    let rules = common::mini();
    let mut all = vec!["--rules", rules.to_str().unwrap()];
    all.extend_from_slice(extra);
    common::pty::spawn(lang, &all, None)
}

#[test]
fn why_gives_minutes_not_probabilities() {
    let mut w = spawn_mini("en_US.UTF-8", &[]);
    w.expect("What is wrong?");
    w.pick(4); // ⓘ why
    w.expect("Why this is asked:");
    let why = w.expect("What your answer decides:");
    assert!(why.contains("Check order (likeliest and quickest first):"), "{why}");
    assert!(why.contains("min)"), "{why}");
    assert!(!why.contains("p 0.") && !why.contains("probability"), "{why}");
    w.keys(&[common::pty::ESC]);
    assert_eq!(w.exit_code().0, 3);

    let mut w = spawn_mini("en_US.UTF-8", &["--verbose"]);
    w.expect("What is wrong?");
    w.pick(4);
    let why = w.expect("What your answer decides:");
    assert!(why.contains("probability ÷ minutes"), "{why}");
    assert!(why.contains("(p 0.70 · "), "{why}");
    w.keys(&[common::pty::ESC]);
    assert_eq!(w.exit_code().0, 3);

    let mut w = spawn_mini("zh_CN.UTF-8", &[]);
    w.expect("ⓘ");
    w.pick(4);
    let why = w.expect("您的回答决定下一步:");
    assert!(why.contains("检查顺序（最可能、最省时的先查）:"), "{why}");
    assert!(why.contains("（约") || why.contains("(约"), "{why}");
    assert!(!why.contains("p 0."), "{why}");
    w.keys(&[common::pty::ESC]);
    assert_eq!(w.exit_code().0, 3);
}

#[test]
fn a_slip_at_the_triage_names_the_code_meant() {
    let mut w = common::pty::spawn("en_US.UTF-8", &["--lang", "en"], None);
    w.expect("What is wrong with the terminal?");
    w.pick(2); // the screen shows an error code
    w.expect("What kind of error does the screen show?");
    w.pick(0); // a code
    w.expect("Which code does the screen show?");
    w.type_line("l51");
    w.expect("Unknown code `l51`: no code table knows it.");
    let said = w.expect("What does the terminal show after the transaction is sent?");
    let near = said.find("Known codes close to it:").expect(&said);
    let meant = said.find("51 — Insufficient funds").expect(&said);
    let general = said.find("general checks for a declined transaction").expect(&said);
    assert!(near < meant && meant < general, "{said}");
    assert!(!said.contains("bank.start"), "{said}");
    w.keys(&[common::pty::ESC]);
    assert_eq!(w.exit_code().0, 3);
}

/// `posdiag code TYPED --format json`'s `code` object, after its exit code.
fn code_object(typed: &str) -> common::contract::Code {
    let run = Test::new().args(["--lang", "en", "code", typed, "--format", "json"]).run().code(3);
    let d: common::contract::Diagnosis = run.json();
    d.code.expect("a `code` object")
}

#[test]
fn an_unknown_code_is_named_with_the_codes_close_to_it() {
    // A slip of one character names the code meant, before the general checks.
    let c = code_object("l51");
    assert!(!c.known);
    assert!(c.nearest.first().is_some_and(|n| n.starts_with("51 — ")), "{:?}", c.nearest);
    let run = Test::new().args(["--lang", "zh", "code", "l51"]).run().code(3);
    let text = run.stdout.as_str();
    let (unknown, near, general) = (
        text.find("未知代码 `l51`").expect("named as unknown"),
        text.find("相近的已知代码:\n    51 — 资金不足").expect("the nearest code"),
        text.find("按交易失败的一般情况排查").expect("the general checks"),
    );
    assert!(unknown < near && near < general, "{text}");
    // A word is near no code: said to be unknown, with no guesses.
    let c = code_object("hello");
    assert!(!c.known && c.nearest.is_empty(), "{:?}", c.nearest);
    let run = Test::new().args(["--lang", "en", "code", "hello"]).run().code(3);
    assert!(run.stdout.contains("Unknown code `hello`"), "{}", run.stdout);
    assert!(!run.stdout.contains("close to it"), "{}", run.stdout);
}
