//! Probability-over-cost ordering, learned priors from the history, and
//! `posdiag stats`, against hand-computed values on a small rule set.

mod common;

use common::Test;
use common::contract::Diagnosis;

fn rules() -> String {
    format!("{}/tests/data/weighted", env!("CARGO_MANIFEST_DIR"))
}

fn pending(data: &std::path::Path, extra: &[&str]) -> Diagnosis {
    Test::new()
        .args(["diagnose", "--format", "json", "--lang", "en", "--rules", &rules()])
        .args(extra)
        .env("POSDIAG_DATA_DIR", data.to_str().unwrap())
        .run()
        .code(3)
        .json()
}

#[test]
fn branches_are_ordered_by_probability_over_cost() {
    let data = tempfile::tempdir().unwrap();
    let d = pending(data.path(), &[]);
    let p = d.pending.expect("pending");
    let order: Vec<&str> = p.order.iter().map(|r| r.value.as_str()).collect();
    // p/c: cheap 0.5/2 = 0.25, paper 0.2/5 = 0.04, slow 0.3/10 = 0.03; `other`
    // has no prior and keeps its authored (last) place.
    assert_eq!(order, ["cheap", "paper", "slow_likely", "other"]);
    assert_eq!(p.order[0].ratio, Some(0.25));
    assert_eq!(p.order[3].ratio, None);
    // E = 2·1 + 5·(1 − 0.5) + 10·(1 − 0.7) = 2 + 2.5 + 3 = 7.5 minutes.
    let e = p.expected_minutes.expect("expected minutes");
    assert!((e - 7.5).abs() < 1e-9, "{e}");
}

#[test]
fn dont_know_takes_the_best_ratio_and_not_fixed_the_next() {
    let data = tempfile::tempdir().unwrap();
    let d: Diagnosis = Test::new()
        .args(["diagnose", "--format", "json", "--lang", "en", "--rules", &rules()])
        .args(["--answer", "triage.start=unknown", "--answer", "triage.cheap_fault=not_fixed"])
        .args(["--answer", "triage.paper=unknown"])
        .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap())
        .run()
        .code(0)
        .json();
    let steps: Vec<(&str, &str)> =
        d.path.iter().map(|s| (s.kind.as_str(), s.node.as_str())).collect();
    // cheap 0.5/2 first; after it fails, paper 0.2/5 = 0.04 beats slow
    // 0.3/10 = 0.03; paper is "don't know" too, which halves its 0.2 over
    // two remedies 6 minutes away (0.017 each), so the slow fault comes next.
    assert_eq!(
        steps,
        [
            ("unknown", "triage.start"),
            ("rejected", "triage.cheap_fault"),
            ("unknown", "triage.paper")
        ]
    );
    assert_eq!(d.conclusion.unwrap().key, "SLOW_FAULT");
    assert!(d.assumed);
}

#[test]
fn a_check_the_probe_answers_is_free_and_goes_first() {
    let data = tempfile::tempdir().unwrap();
    let d = pending(data.path(), &["--fact", "printer.paper=out"]);
    let p = d.pending.unwrap();
    assert_eq!(p.order[0].value, "paper");
    assert!(p.order[0].probed);
    assert_eq!(p.order[0].minutes, 0.0);
}

#[test]
fn history_updates_priors_and_stats_shows_both() {
    let data = tempfile::tempdir().unwrap();
    // 30 confirmed slow faults and a damaged line.
    let mut lines = String::new();
    for t in 0..30 {
        lines.push_str(&format!(
            "{{\"time\":{t},\"key\":\"SLOW_FAULT\",\"node\":\"triage.slow_fault\",\"tree\":\"triage\"}}\n"
        ));
    }
    lines.push_str("not json\n");
    std::fs::write(data.path().join("history.jsonl"), lines).unwrap();
    // Dirichlet: slow = (10·0.3 + 30) / (10 + 30) = 0.825, cheap = 5/40 = 0.125,
    // paper = 2/40 = 0.05; p/c: slow 0.0825, cheap 0.0625, paper 0.01.
    let p = pending(data.path(), &[]).pending.unwrap();
    let order: Vec<&str> = p.order.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(order, ["slow_likely", "cheap", "paper", "other"]);
    assert!((p.order[0].prior.unwrap() - 0.825).abs() < 1e-9);
    // --no-history ignores it.
    let p = pending(data.path(), &["--no-history"]).pending.unwrap();
    assert_eq!(p.order[0].value, "cheap");

    let run = Test::new()
        .args(["stats", "--format", "json", "--rules", &rules()])
        .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap())
        .run()
        .code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["sessions"], 30);
    assert_eq!(v["skipped_lines"], 1);
    assert_eq!(v["faults"][0]["key"], "SLOW_FAULT");
    assert_eq!(v["trees"][0]["tree"], "triage");
    let slow =
        v["priors"].as_array().unwrap().iter().find(|p| p["answer"] == "slow_likely").unwrap();
    assert!((slow["authored"].as_f64().unwrap() - 0.3).abs() < 1e-9);
    assert!((slow["learned"].as_f64().unwrap() - 0.825).abs() < 1e-9);
    assert_eq!(slow["count"], 30);

    Test::new()
        .args(["stats", "--lang", "en", "--rules", &rules()])
        .env("POSDIAG_DATA_DIR", data.path().to_str().unwrap())
        .run()
        .code(0)
        .stdout_has("SLOW_FAULT")
        .stdout_has("Authored prior");
}

#[test]
fn missing_history_is_empty() {
    let data = tempfile::tempdir().unwrap();
    Test::new()
        .args(["stats", "--lang", "en", "--rules", &rules()])
        .env("POSDIAG_DATA_DIR", data.path().join("none").to_str().unwrap())
        .run()
        .code(0)
        .stdout_has("Nothing recorded yet");
}

#[test]
fn kb_test_reports_robustness_under_dont_know() {
    let run = Test::new().args(["test", "--format", "json"]).run().code(0);
    let report: common::contract::TestReport = run.json();
    assert_eq!(report.version, 2);
    let r = &report.robustness;
    assert!(r.inside.walks > 300 && r.triage.walks > 100, "{r:?}");
    assert!(r.below.is_empty(), "{:?}", r.below);
    // The knowledge base's own thresholds hold, and every walk gets there.
    assert!(r.inside.within_3_weighted >= 0.95 && r.inside.within_3 >= 0.85, "{r:?}");
    assert!(r.triage.within_3_weighted >= 0.5, "{r:?}");
    assert_eq!((r.inside.ever, r.triage.ever), (1.0, 1.0), "{:?}", r.misses);
    assert!(r.misses.is_empty());
}
