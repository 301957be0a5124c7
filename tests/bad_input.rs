//! Bad input that used to be taken silently or answered in the wrong words:
//! a key said twice in a batch line, a numeric `id` rewritten, a huge bad
//! value echoed whole, a locale whose codeset is not UTF-8, a TCP URL with
//! no host, and a port that is no terminal device.

mod common;

use common::{Test, mini};

fn batch(input: &str) -> common::Run {
    Test::new()
        .args(["--rules", mini().to_str().unwrap(), "diagnose", "--no-history", "--batch", "-"])
        .stdin(input)
        .run()
}

#[test]
fn a_key_said_twice_in_a_batch_line_is_an_error() {
    for line in [
        r#"{"answers": {"triage.start": "printer", "triage.start": "power"}}"#,
        r#"{"facts": {"modem.csq": 7, "modem.csq": 30}}"#,
    ] {
        let run = batch(&format!("{line}\n")).code(2);
        let record: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
        assert_eq!(record["error"]["kind"], "json", "{}", run.stdout);
        let message = record["error"]["message"].as_str().unwrap();
        assert!(message.contains("duplicate key"), "{message}");
    }
}

#[test]
fn a_numeric_id_is_echoed_as_written() {
    let run = batch(concat!(
        r#"{"id": 12.50}"#,
        "\n",
        r#"{"id": 4111111111111111111.5}"#,
        "\n",
        r#"{"id": 4111111111111111.5}"#,
        "\n",
        r#"{"id": -0}"#,
        "\n",
    ));
    let ids: Vec<&str> = run.stdout.lines().map(|l| l.split(",\"exit\"").next().unwrap()).collect();
    assert_eq!(
        ids,
        [
            r#"{"line":1,"id":12.50"#,
            r#"{"line":2,"id":4111111111111111111.5"#,
            // A card number: masked, so text.
            r#"{"line":3,"id":"411111******1111.5""#,
            r#"{"line":4,"id":-0"#,
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_huge_bad_value_is_quoted_cut() {
    let huge = "z".repeat(100_000);
    let run = batch(&format!("{{\"answers\": {{\"triage.start\": \"{huge}\"}}}}\n")).code(2);
    assert!(run.stdout.len() < 2_000, "{} bytes", run.stdout.len());
    assert!(run.stdout.contains("… (100000 characters)"), "{}", run.stdout);
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    std::fs::write(&answers, format!("triage.start: {huge}\n")).unwrap();
    let run = Test::new()
        .args(["--rules", mini().to_str().unwrap(), "diagnose", "--no-history", "--answers"])
        .arg(answers.to_str().unwrap())
        .run()
        .code(2);
    assert!(run.stderr.len() < 1_000, "{} bytes", run.stderr.len());
    assert!(run.stderr.contains("… (100000 characters)"), "{}", run.stderr);
    let run = Test::new().args(["diagnose", "--no-history", "--start", &huge]).run().code(2);
    assert!(run.stderr.len() < 1_000, "{} bytes", run.stderr.len());
}

#[test]
fn a_chinese_locale_that_is_not_utf8_speaks_english_and_says_why() {
    for locale in ["zh_TW.Big5", "zh_CN.GB18030", "zh_CN.GBK"] {
        let run = Test::new().env("LANG", locale).args(["code", "51"]).run().code(0);
        assert!(run.stdout.contains("Insufficient funds"), "{locale}: {}", run.stdout);
        assert!(run.stderr.contains(&format!("locale `{locale}` is not UTF-8")), "{}", run.stderr);
    }
    let run = Test::new().env("LANG", "zh_CN.UTF-8").args(["code", "51"]).run().code(0);
    assert!(run.stdout.contains("资金不足") && run.stderr.is_empty(), "{}", run.stderr);
    // Asked for explicitly, Chinese it is.
    let run = Test::new().env("LANG", "zh_TW.Big5").args(["--lang", "zh", "code", "51"]).run();
    assert!(run.stdout.contains("资金不足") && run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_tcp_url_without_a_host_says_so() {
    Test::new().args(["probe", "tcp://:80"]).run().code(2).stderr_has("`tcp://:80` has no host");
}

#[test]
fn a_port_that_is_no_terminal_device_says_so() {
    for path in ["/dev/null", "/etc/hostname"] {
        Test::new()
            .args(["probe", path, "--timeout-ms", "50"])
            .run()
            .stderr_has(&format!("`{path}` is not a serial port"));
    }
}

#[test]
fn an_answers_file_of_many_unknown_ids_ends_fast_with_the_first_errors() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    let text: String = (0..50_000).map(|i| format!("unknown.node_{i}: x\n")).collect();
    std::fs::write(&answers, text).unwrap();
    let start = std::time::Instant::now();
    let run = Test::new()
        .args(["diagnose", "--no-history", "--answers", answers.to_str().unwrap()])
        .run()
        .code(2);
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    assert!(run.stderr.lines().count() <= 22, "{}", run.stderr);
    assert!(run.stderr.contains("… and 49980 more"), "{}", run.stderr);
}
