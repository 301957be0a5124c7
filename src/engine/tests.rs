//! The walk on a small rule set written for these tests: "don't know" keeps
//! branches open, "not fixed" goes to the next candidate, a question shared
//! by two trees is asked once, back and replay.

use super::*;
use crate::kb::KnowledgeBase;
use crate::rules::NodeId;
use crate::source::SourceFile;

const TRIAGE: &str = r#"
tree: triage
root: true
title: {zh: 分诊, en: Triage}
entry: triage.start
nodes:
  - id: triage.start
    kind: question
    text: {zh: 哪里？, en: Where?}
    answers:
      - {value: printer, label: {zh: 打印, en: Printer}, prior: 0.6, cost: {minutes: 2}, next: printer.locked}
      - {value: card, label: {zh: 卡, en: Card}, prior: 0.3, cost: {minutes: 2}, next: card.locked}
      - {value: other, label: {zh: 其他, en: Other}, prior: 0.1, cost: {minutes: 1}, next: triage.call}
  - id: triage.call
    kind: conclusion
    key: CALL
    title: {zh: 打电话, en: Call}
    remedy: [{zh: 打, en: Call.}]
    actor: acquirer
    outcome: escalate
    escalate: {zh: 请查, en: Please look into it.}
"#;

const PRINTER: &str = r#"
tree: printer
title: {zh: 打印机, en: Printer}
entry: printer.locked
nodes:
  - id: printer.locked
    kind: question
    text: {zh: 锁了吗？, en: Locked?}
    fact: terminal.locked
    answers:
      - {value: locked, label: {zh: 锁了, en: Locked}, when: {equals: "yes"}, next: printer.unlock}
      - {value: open, label: {zh: 没锁, en: Not locked}, when: {equals: "no"}, next: printer.paper}
  - id: printer.paper
    kind: question
    text: {zh: 有纸吗？, en: Paper?}
    answers:
      - {value: out, label: {zh: 没有, en: Out}, prior: 0.7, cost: {minutes: 1}, next: printer.load}
      - {value: loaded, label: {zh: 有, en: Loaded}, prior: 0.3, cost: {minutes: 5}, next: printer.head}
  - id: printer.unlock
    kind: conclusion
    key: UNLOCK
    title: {zh: 解锁, en: Unlock}
    remedy: [{zh: 解, en: Unlock.}]
    actor: merchant
    outcome: resolved
  - id: printer.load
    kind: conclusion
    key: LOAD
    title: {zh: 装纸, en: Load paper}
    remedy: [{zh: 装, en: Load.}]
    actor: merchant
    outcome: resolved
    otherwise: printer.head
  - id: printer.head
    kind: conclusion
    key: HEAD
    title: {zh: 打印头, en: Print head}
    remedy: [{zh: 清, en: Clean.}]
    actor: technician
    outcome: resolved
"#;

const CARD: &str = r#"
tree: card
title: {zh: 卡, en: Card}
entry: card.locked
nodes:
  - id: card.locked
    kind: question
    text: {zh: 终端锁了吗？, en: Is the terminal locked?}
    fact: terminal.locked
    answers:
      - {value: yes_locked, label: {zh: 锁了, en: Locked}, when: {equals: "yes"}, next: card.unlock}
      - {value: not_locked, label: {zh: 没锁, en: Not locked}, when: {equals: "no"}, next: card.reader}
  - id: card.unlock
    kind: conclusion
    key: CARD_UNLOCK
    title: {zh: 解锁, en: Unlock the terminal}
    remedy: [{zh: 解, en: Unlock.}]
    actor: merchant
    outcome: resolved
  - id: card.reader
    kind: conclusion
    key: READER
    title: {zh: 读卡器, en: Reader}
    remedy: [{zh: 清, en: Clean.}]
    actor: technician
    outcome: resolved
"#;

fn rules() -> KnowledgeBase {
    let files = [
        SourceFile::new("triage.yaml", TRIAGE),
        SourceFile::new("printer.yaml", PRINTER),
        SourceFile::new("card.yaml", CARD),
    ];
    let loaded = crate::kb::load(&files, &[], &[]);
    loaded.kb.unwrap_or_else(|| panic!("problems: {:#?}", loaded.problems))
}

fn id(rules: &KnowledgeBase, s: &str) -> NodeId {
    rules.find(s).unwrap_or_else(|| panic!("no node {s}"))
}

fn at(walk: &Walk<'_>) -> String {
    match walk.position() {
        Position::Question(n) | Position::Conclusion(n) => walk.rules().node(n).id.clone(),
        Position::Exhausted => "exhausted".into(),
    }
}

#[test]
fn dont_know_keeps_every_branch_open_by_weight() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    let open: Vec<(String, f64)> = walk
        .belief()
        .open
        .iter()
        .map(|o| (rules.node(o.node).id.clone(), (o.mass * 100.0).round() / 100.0))
        .collect();
    // 0.6/2, 0.3/2, 0.1/1: the printer first, the call last.
    assert_eq!(
        open,
        [("printer.locked".into(), 0.6), ("card.locked".into(), 0.3), ("triage.call".into(), 0.1)]
    );
    assert!((walk.belief().total() - 1.0).abs() < 1e-9);
    assert_eq!(at(&walk), "printer.locked");
    assert!(walk.has_assumptions());
}

#[test]
fn a_question_shared_by_two_trees_is_asked_once() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    walk.answer(id(&rules, "printer.locked"), "open", Source::Interactive).unwrap();
    // The card tree's "is the terminal locked?" was answered with it.
    let reused = walk.steps().iter().find(|s| s.node == id(&rules, "card.locked")).unwrap();
    match &reused.action {
        Action::Answer { answer, source, input, .. } => {
            assert_eq!((*answer, *source), (1, Source::Earlier));
            assert_eq!(input.as_deref(), Some("no"));
        }
        other => panic!("{other:?}"),
    }
    // And "don't know" is reused as "don't know".
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    walk.answer_unknown(id(&rules, "printer.locked"), Source::Interactive).unwrap();
    let card = walk.steps().iter().find(|s| s.node == id(&rules, "card.locked")).unwrap();
    assert_eq!(card.action, Action::Unknown { source: Source::Earlier });
    // No question is ever open twice.
    let mut seen = std::collections::HashSet::new();
    assert!(walk.steps().iter().all(|s| seen.insert(s.node)));
}

#[test]
fn not_fixed_follows_the_authored_otherwise_when_sure() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer(id(&rules, "triage.start"), "printer", Source::CommandLine).unwrap();
    walk.answer(id(&rules, "printer.locked"), "open", Source::CommandLine).unwrap();
    walk.answer(id(&rules, "printer.paper"), "out", Source::CommandLine).unwrap();
    assert_eq!(at(&walk), "printer.load");
    walk.reject();
    assert_eq!(at(&walk), "printer.head");
    // Nothing else is possible: after this one, nothing is left.
    assert_eq!(walk.reject(), Position::Exhausted);
    assert_eq!(walk.rejected(), [id(&rules, "printer.load"), id(&rules, "printer.head")]);
}

#[test]
fn not_fixed_after_dont_know_goes_to_the_best_candidate_anywhere() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    walk.answer(id(&rules, "printer.locked"), "open", Source::Interactive).unwrap();
    walk.answer_unknown(id(&rules, "printer.paper"), Source::Interactive).unwrap();
    // The card reader (0.3 in 2 minutes, "not locked" reused from the
    // printer) narrowly beats paper out (0.6·0.7 in 2+1 minutes).
    assert_eq!(at(&walk), "card.reader");
    walk.reject();
    assert_eq!(at(&walk), "printer.load");
    walk.reject();
    // The remedy's `otherwise` now holds most of what is left.
    assert_eq!(at(&walk), "printer.head");
    walk.reject();
    assert_eq!(at(&walk), "triage.call");
    assert_eq!(walk.reject(), Position::Exhausted);
}

#[test]
fn back_undoes_a_person_and_what_followed_automatically() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    walk.answer(id(&rules, "printer.locked"), "open", Source::Interactive).unwrap();
    assert_eq!(walk.steps().len(), 3); // with the reused card answer
    assert!(walk.back());
    assert_eq!(walk.steps().len(), 1);
    assert_eq!(at(&walk), "printer.locked");
    assert!(walk.back());
    assert!(!walk.back());
    assert_eq!(at(&walk), "triage.start");
}

#[test]
fn facts_answer_open_questions_in_every_tree() {
    let rules = rules();
    let facts: Facts = [Fact::given("terminal.locked", "yes")].into_iter().collect();
    let ordering = Ordering { facts, ..Ordering::default() };
    let mut walk = Walk::with_ordering(&rules, rules.root(), ordering);
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    let sources: Vec<Source> = walk
        .steps()
        .iter()
        .filter_map(|s| match s.action {
            Action::Answer { source, .. } => Some(source),
            _ => None,
        })
        .collect();
    assert_eq!(sources, [Source::Fact, Source::Fact]);
    assert_eq!(at(&walk), "printer.unlock");
}

#[test]
fn a_question_not_open_is_refused() {
    let rules = rules();
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer(id(&rules, "triage.start"), "printer", Source::CommandLine).unwrap();
    let err = walk.answer(id(&rules, "card.locked"), "yes_locked", Source::CommandLine);
    assert!(matches!(err, Err(AnswerError::NotCurrent { .. })), "{err:?}");
    let err = walk.answer(id(&rules, "printer.locked"), "maybe", Source::CommandLine);
    assert!(matches!(err, Err(AnswerError::UnknownValue { .. })), "{err:?}");
}

#[test]
fn replay_refuses_steps_that_are_no_path() {
    let rules = rules();
    let step = |node: &str, answer: usize| Step {
        node: id(&rules, node),
        action: Action::Answer {
            answer,
            source: Source::Interactive,
            input: None,
            fact: None,
            jump: None,
        },
    };
    // "printer", then the card tree's question: not reachable.
    let steps = vec![step("triage.start", 0), step("card.locked", 1)];
    let err = Walk::replay(&rules, rules.root(), Ordering::default(), steps).unwrap_err();
    assert_eq!((err.number, err.node.as_str()), (2, "card.locked"));
    // A real path replays to the same place.
    let steps = vec![step("triage.start", 0), step("printer.locked", 1)];
    let walk = Walk::replay(&rules, rules.root(), Ordering::default(), steps).unwrap();
    assert_eq!(at(&walk), "printer.paper");
}

#[test]
fn a_script_uses_any_given_answer_before_it_stops() {
    let rules = rules();
    let mut answers = Answers::new();
    answers.insert("triage.start", UNKNOWN, Source::AnswersFile);
    // The printer question has no answer, but the card one has.
    answers.insert("card.locked", "not_locked", Source::AnswersFile);
    let (walk, outcome) = run_script(&rules, rules.root(), &answers, &Facts::new()).unwrap();
    // "not locked" is reused at the printer; paper has no answer.
    assert_eq!(outcome, Outcome::NeedsInput(id(&rules, "printer.paper")));
    assert_eq!(walk.steps().len(), 3);
}

#[test]
fn weights_fill_and_floor() {
    let rules = rules();
    let o = Ordering::default();
    let w = branch_weights(&rules, id(&rules, "triage.start"), &o);
    assert!((w[0] - 0.6).abs() < 1e-3 && (w[2] - 0.1).abs() < 1e-3, "{w:?}");
    // Without priors: equal shares.
    let w = branch_weights(&rules, id(&rules, "printer.locked"), &o);
    assert_eq!(w, [0.5, 0.5]);
    // Authored order only: equal shares too.
    let authored = Ordering { authored_only: true, ..Ordering::default() };
    let w = branch_weights(&rules, id(&rules, "triage.start"), &authored);
    assert!(w.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-9), "{w:?}");
}

/// The worked example of `docs/choosing-the-next-step.md`, number by number.
#[test]
fn worked_example_of_the_docs() {
    let rules = rules();
    let open = |walk: &Walk<'_>| -> Vec<(String, f64, f64)> {
        walk.belief()
            .open
            .iter()
            .map(|o| {
                let round = |x: f64| (x * 1000.0).round() / 1000.0;
                (rules.node(o.node).id.clone(), round(o.mass), round(o.minutes))
            })
            .collect()
    };
    let mut walk = Walk::new(&rules, rules.root());
    walk.answer_unknown(id(&rules, "triage.start"), Source::Interactive).unwrap();
    assert_eq!(
        open(&walk),
        [
            ("printer.locked".into(), 0.6, 2.0),
            ("card.locked".into(), 0.3, 2.0),
            ("triage.call".into(), 0.1, 1.0)
        ]
    );
    walk.answer(id(&rules, "printer.locked"), "open", Source::Interactive).unwrap();
    walk.answer_unknown(id(&rules, "printer.paper"), Source::Interactive).unwrap();
    assert_eq!(
        open(&walk),
        [
            ("card.reader".into(), 0.3, 2.0),
            ("printer.load".into(), 0.42, 3.0),
            ("triage.call".into(), 0.1, 1.0),
            ("printer.head".into(), 0.18, 7.0)
        ]
    );
    walk.reject();
    walk.reject();
    let o = open(&walk);
    // Its minutes are those of the two ways in, weighted by their mass.
    assert_eq!(o[0], ("printer.head".into(), 0.474, 4.519));
    assert_eq!(at(&walk), "printer.head");
}

/// Without a "don't know" the fast chain gives what the general
/// propagation gives, on the embedded rules, for walks answered and
/// rejected at random.
#[test]
fn the_chain_agrees_with_the_general_propagation() {
    use super::belief::{Belief, Evidence, Taken};
    let loaded =
        crate::kb::load(&crate::source::embedded_rules(), &crate::source::embedded_codes(), &[]);
    let rules = loaded.kb.unwrap();
    let ordering = Ordering::default();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..300 {
        let mut evidence = Evidence::default();
        for _ in 0..40 {
            let fast = Belief::compute(&rules, rules.root(), &evidence, &ordering);
            let slow = Belief::propagate(&rules, rules.root(), &evidence, &ordering);
            let view = |b: &Belief| -> Vec<(NodeId, i64)> {
                b.open.iter().map(|o| (o.node, (o.mass * 1e9).round() as i64)).collect()
            };
            assert_eq!(view(&fast), view(&slow));
            let Some(open) = fast.open.first() else { break };
            match rules.question(open.node) {
                Some(q) => {
                    let answer = next(q.answers.len());
                    evidence.taken.insert(open.node, Taken::Branch { answer, jump: None });
                }
                None => evidence.rejected.push(open.node),
            }
        }
    }
}
