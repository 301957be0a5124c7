//! No card number leaves posdiag unmasked, in any spelling, through any
//! channel. Proptest writes Luhn-valid numbers of 13 to 19 digits in every
//! spelling (groups of any size; spaces, tabs, dashes, dots, slashes,
//! underscores, full-width forms, several in a row; ASCII, full-width or
//! mixed digits; next to other numbers), first straight through the masker,
//! then through every input of the real binary: arguments (fact names and
//! values, node ids, `--start`, code and hex arguments, argument-parser
//! errors, file and port paths), answer files, batch lines (ids, keys,
//! values), free text, rule files. Every output is searched: stdout,
//! stderr, JSON, reports. The test of a leak: any 7 digits in a row of the
//! card number (every such stretch holds a digit that must be starred).

mod common;

use proptest::prelude::*;

use common::Test;

/// A card number and one way to write it.
#[derive(Debug, Clone)]
struct Spelled {
    pan: String,
    text: String,
}

const SEPARATORS: &[&str] =
    &[" ", "  ", "-", " - ", ".", "/", "_", "\t", "\t\t", "\u{3000}", "－", "_-", " / "];
const BEFORE: &[&str] = &["", "RC=", "card ", "卡号：", "12 ", "7 ", "Karte:"];
const AFTER: &[&str] = &["", " 2512", " 51", "/25", "。", " 0.5", " ok"];

fn check_digit(body: &[u8]) -> u8 {
    (0..10).find(|&d| posdiag::mask::luhn(&[body, &[d]].concat())).unwrap_or(0)
}

prop_compose! {
    fn spelled()(
        len in 13usize..=19,
        body in prop::collection::vec(0u8..10, 18),
        sizes in prop::collection::vec(1usize..=6, 19),
        seps in prop::collection::vec(0..SEPARATORS.len(), 19),
        one_sep in any::<bool>(),
        style in prop::collection::vec(0u8..3, 19),
        width in 0u8..3,
        before in 0..BEFORE.len(),
        after in 0..AFTER.len(),
    ) -> Spelled {
        let mut digits = body[..len - 1].to_vec();
        digits.push(check_digit(&digits));
        let pan: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        // Cut into groups.
        let mut groups: Vec<&[u8]> = Vec::new();
        let mut rest = &digits[..];
        for &size in &sizes {
            if rest.is_empty() {
                break;
            }
            let (g, r) = rest.split_at(size.min(rest.len()));
            groups.push(g);
            rest = r;
        }
        let mut text = BEFORE[before].to_string();
        for (k, g) in groups.iter().enumerate() {
            if k > 0 {
                let sep = SEPARATORS[if one_sep { seps[0] } else { seps[k] }];
                // One dot between two groups and nothing else reads as a
                // decimal number, which is documented as not masked.
                let sep = if groups.len() == 2 && sep == "." { " " } else { sep };
                text.push_str(sep);
            }
            for (i, &d) in g.iter().enumerate() {
                let full = match width { 0 => false, 1 => true, _ => style[(k + i) % 19] == 1 };
                text.push(if full {
                    char::from_u32('０' as u32 + u32::from(d)).unwrap()
                } else {
                    char::from(b'0' + d)
                });
            }
        }
        text.push_str(AFTER[after]);
        Spelled { pan, text }
    }
}

/// `text` with full-width digits made ASCII and separators (and `\t` as
/// JSON writes a tab) taken out, so a number shows as one run of digits.
fn normalise(text: &str) -> String {
    let text = text.replace("\\t", "");
    text.chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            ' ' | '\t' | '-' | '.' | '/' | '_' | '\u{a0}' | '\u{3000}' | '－' | '．' | '／'
            | '＿' => None,
            c => Some(c),
        })
        .collect()
}

/// The first 7 digits in a row of `pan` that `text` shows, if any.
fn leak(pan: &str, text: &str) -> Option<String> {
    let text = normalise(text);
    (0..=pan.len() - 7).map(|a| &pan[a..a + 7]).find(|w| text.contains(w)).map(str::to_string)
}

#[track_caller]
fn assert_masked(pan: &str, channel: &str, text: &str) {
    if let Some(w) = leak(pan, text) {
        panic!("{channel} shows `{w}` of card number {pan}:\n{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_masker_leaves_no_card_number(s in spelled()) {
        let masked = posdiag::mask::mask_pans(&s.text);
        prop_assert!(leak(&s.pan, &masked).is_none(), "{:?} → {:?}", s.text, masked);
        // And the masker's output is stable.
        prop_assert_eq!(posdiag::mask::mask_pans(&masked), masked.clone());
    }
}

/// Every channel of the binary for one spelling.
fn through_the_binary(s: &Spelled) {
    let t = &s.text;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let state = d.to_str().unwrap();
    let run = |args: Vec<String>, stdin: Option<String>| {
        let mut test =
            Test::new().args(&args).env("POSDIAG_STATE_DIR", state).env("POSDIAG_DATA_DIR", state);
        if let Some(input) = stdin {
            test = test.stdin(input);
        }
        let out = test.run();
        assert_ne!(out.code, 101, "{args:?}: {}", out.stderr);
        assert_masked(&s.pan, &format!("stdout of {args:?}"), &out.stdout);
        assert_masked(&s.pan, &format!("stderr of {args:?}"), &out.stderr);
    };
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let report = d.join("r.json");
    let md = d.join("r.md");
    let code_path = ["--answer", "triage.start=error_code"];
    let code_path2 = ["--answer", "triage.error_code=response_code"];
    for (format, report) in [("json", &report), ("text", &md)] {
        let mut args = v(&["diagnose", "--no-history", "--format", format]);
        args.extend(v(&code_path));
        args.extend(v(&code_path2));
        args.extend(v(&["--answer", &format!("triage.response_code={t}")]));
        args.extend(v(&["--fact", &format!("{t}=out"), "--fact", &format!("modem.csq={t}")]));
        args.extend(v(&["--report", report.to_str().unwrap()]));
        run(args, None);
        let written = std::fs::read_to_string(report).unwrap_or_default();
        assert_masked(&s.pan, "report", &written);
    }
    run(v(&["diagnose", "--no-history", "--answer", &format!("{t}=x")]), None);
    run(v(&["diagnose", "--no-history", "--answer", &format!("triage.start={t}")]), None);
    run(v(&["diagnose", "--no-history", "--start", t]), None);
    run(v(&["diagnose", "--no-history", "--fact", t]), None);
    run(v(&["code", t]), None);
    run(v(&["code", t, "--format", "json"]), None);
    run(v(&["tvr", t]), None);
    run(v(&["check", "--format", t]), None);
    run(v(&["diagnose", "--timeout-ms", t]), None);
    run(v(&[&format!("--{t}")]), None);
    run(v(&["diagnose", "--answers", &format!("/nonexistent/{t}.yaml")]), None);
    run(v(&["diagnose", "--report", &format!("/nonexistent/{t}.txt")]), None);
    run(v(&["probe", &format!("/nonexistent/{t}"), "--timeout-ms", "50"]), None);
    run(v(&["probe", &format!("tcp://{t}:1"), "--timeout-ms", "50"]), None);
    // An answers file.
    let q = serde_json::to_string(t).unwrap();
    let answers = d.join("a.yaml");
    std::fs::write(&answers, format!("{q}: x\ntriage.start: {q}\n")).unwrap();
    run(v(&["diagnose", "--no-history", "--answers", answers.to_str().unwrap()]), None);
    // Batch lines: ids, keys and values.
    let lines = format!(
        "{{\"id\": {{{q}: {q}}}, \"answers\": {{{q}: {q}}}}}\n\
         {{\"id\": {q}, \"answers\": {{\"triage.start\": {q}}}, \"facts\": {{{q}: {q}}}}}\n\
         {{\"id\": {q}, \"start\": {q}}}\n"
    );
    run(v(&["diagnose", "--no-history", "--batch", "-"]), Some(lines));
    // A rule file.
    let rules = common::mini_with(
        "bad.yaml",
        &format!("tree: {q}\ntitle: {{zh: {q}, en: {q}}}\nentry: {q}\nnodes: [{{id: {q}}}]\n"),
    );
    let r = rules.path().to_str().unwrap();
    run(v(&["--rules", r, "check"]), None);
    run(v(&["--rules", r, "check", "--format", "json"]), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_channel_of_the_binary_leaves_a_card_number(s in spelled()) {
        through_the_binary(&s);
    }
}

#[test]
fn the_usual_spellings_through_the_binary() {
    for text in [
        "4111111111111111 2512",
        "RC=4111111111111111 51",
        "4111  1111  1111  1111",
        "4111.1111.1111.1111",
        "4111/1111/1111/1111",
        "4111_1111_1111_1111",
        "4111\t1111\t1111\t1111",
        "４１１１１１１１１１１１１１１１",
    ] {
        // The check itself finds the number as written.
        assert!(leak("4111111111111111", text).is_some(), "{text}");
        through_the_binary(&Spelled { pan: "4111111111111111".into(), text: text.into() });
    }
}
