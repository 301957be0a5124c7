//! Every error a user can meet from the command line, and every help page,
//! speaks one language: in Chinese no English sentence (a run of two or
//! more lowercase English words, outside `quotes`, command names, options,
//! paths and codes), in English no Chinese. The real binary, driven as a
//! user would.

mod common;

use common::Test;

/// Words that may stand side by side in Chinese text: the program and its
/// commands, as typed.
const COMMANDS: &[&str] = &[
    "posdiag",
    "diagnose",
    "check",
    "test",
    "probe",
    "simulate",
    "ports",
    "graph",
    "stats",
    "code",
    "tvr",
    "tsi",
    "zvt-locks",
    "completions",
    "man",
    "help",
];

/// `text` without what is quoted in backticks (values, ids, commands the
/// user types).
fn unquoted(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The first run of two or more lowercase English words in `text`, if any.
/// A word is lowercase letters only, perhaps closed by `.:;!?`; a comma,
/// a path, an option or an id breaks a run, and so do the command names.
fn english_run(text: &str) -> Option<String> {
    for line in unquoted(text).lines() {
        let mut run: Vec<&str> = Vec::new();
        for token in line.split(' ').chain([""]) {
            let word = token.trim_end_matches(['.', ':', ';', '!', '?']);
            let is_word = !word.is_empty()
                && word.chars().all(|c| c.is_ascii_lowercase())
                && !COMMANDS.contains(&word);
            if is_word {
                run.push(word);
            }
            if !is_word || token != word {
                if run.len() >= 2 {
                    return Some(run.join(" "));
                }
                run.clear();
            }
        }
    }
    None
}

fn has_cjk(text: &str) -> bool {
    unquoted(text)
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。：；（）？".contains(c))
}

/// Run `args` in both languages (plus `env`), and check each output.
fn both(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> (String, String) {
    let run = |lang: &str| {
        let mut t = Test::new().args(["--lang", lang]).args(args);
        for (k, v) in env {
            t = t.env(k, v);
        }
        if let Some(input) = stdin {
            t = t.stdin(input.as_bytes().to_vec());
        }
        let r = t.run();
        format!("{}{}", r.stdout, r.stderr)
    };
    let (zh, en) = (run("zh"), run("en"));
    assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{args:?} says nothing");
    if let Some(words) = english_run(&zh) {
        panic!("{args:?} in Chinese has English words `{words}`:\n{zh}");
    }
    assert!(!has_cjk(&en), "{args:?} in English has Chinese:\n{en}");
    (zh, en)
}

#[test]
fn the_detector_finds_english_sentences_and_allows_the_rest() {
    assert_eq!(english_run("posdiag: 错误: cannot read folder"), Some("cannot read folder".into()));
    assert_eq!(english_run("did you mean `x`?"), Some("did you mean".into()));
    assert_eq!(english_run("用法: posdiag diagnose [OPTIONS]"), None);
    assert_eq!(english_run("可选: text, json, none"), None);
    assert_eq!(english_run("`no such node` 不存在"), None);
    assert!(has_cjk("答案"));
    assert!(!has_cjk("code `请签到`"));
}

#[test]
fn errors_of_files_and_folders_speak_one_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "foo.bar: 1\ntriage.start: zzz\n").expect("write");
    let listed = dir.path().join("listed.yaml");
    std::fs::write(&listed, "triage.start: [a, b]\n").expect("write");
    let (answers, listed, empty) = (
        answers.to_str().expect("UTF-8"),
        listed.to_str().expect("UTF-8"),
        empty.to_str().expect("UTF-8"),
    );
    let (zh, en) = both(&["--rules", "/no/such/folder", "check"], &[], None);
    assert!(zh.contains("无法读取文件夹"), "{zh}");
    assert!(en.contains("cannot read folder"), "{en}");
    both(&["--rules", empty, "check"], &[], None);
    // A broken rule set: the frame is Chinese; what is wrong stays in the
    // checker's words, for rule authors (see README).
    let broken = common::rule_dir(&[("a.yaml", "id: x\n")]);
    let broken = broken.path().to_str().expect("UTF-8");
    let zh = Test::new().args(["--lang", "zh", "--rules", broken, "diagnose"]).run();
    assert!(zh.stderr.starts_with("posdiag: 错误: 规则有 1 个问题；运行 `"), "{}", zh.stderr);
    assert!(zh.stderr.contains(&format!("--rules {broken} check` 查看全部:")), "{}", zh.stderr);
    let zh = Test::new().args(["--lang", "zh", "--rules", broken, "check"]).run();
    assert!(zh.stdout.contains("1 个文件中有 1 个问题；0 个节点，0 个结论"), "{}", zh.stdout);
    both(&["--answers", "/no/such/answers.yaml"], &[], None);
    let (zh, _) = both(&["diagnose", "--answers", answers], &[], None);
    assert!(zh.contains("`zzz` 不是 `triage.start` 的答案"), "{zh}");
    both(&["--answers", listed], &[], None);
    both(&["--codes", "/no/such/vendor.yaml", "code", "51"], &[], None);
    both(&["diagnose", "--report", "out.txt", "--answer", "triage.start=unknown"], &[], None);
}

#[test]
fn errors_of_what_is_typed_speak_one_language() {
    let (zh, en) = both(&["diagnose", "--start", "triage.strat"], &[], None);
    assert!(zh.contains("是不是 `triage.start`？"), "{zh}");
    assert!(en.contains("did you mean `triage.start`?"), "{en}");
    both(&["diagnose", "--fact", "modem.csq"], &[], None);
    both(&["diagnose", "--answer", "triage.start"], &[], None);
    both(&["code", ""], &[], None);
    both(&["code", &"x".repeat(60)], &[], None);
    both(&["tvr", "00 00 0G 00 00"], &[], None);
    both(&["tsi", "E8"], &[], None);
    let (zh, en) = both(&["zvt-locks", "0G00"], &[], None);
    assert!(zh.contains("ZVT 锁定值"), "{zh}");
    assert!(en.contains("ZVT lock value"), "{en}");
    both(&["graph", "--tree", "priner"], &[], None);
    both(&["simulate", "no-such-fixture"], &[], None);
}

#[test]
fn errors_of_a_saved_session_speak_one_language() {
    let state = tempfile::tempdir().expect("tempdir");
    let path = state.path().to_str().expect("UTF-8").to_string();
    let env = [("POSDIAG_STATE_DIR", path.as_str())];
    let (zh, _) = both(&["--resume"], &env, None);
    assert!(zh.contains("没有保存的诊断"), "{zh}");
    let session = state.path().join("session.json");
    std::fs::create_dir(&session).expect("a folder where the file should be");
    both(&["--resume"], &env, None);
    std::fs::remove_dir(&session).expect("rmdir");
    std::fs::write(&session, "{\"format\": ").expect("write");
    let (zh, _) = both(&["--resume"], &env, None);
    assert!(zh.contains("已损坏"), "{zh}");
    std::fs::write(
        &session,
        r#"{"format":"posdiag-session","version":2,"lang":"zh","start":"gone.node","steps":[],"saved_at":0}"#,
    )
    .expect("write");
    let (zh, _) = both(&["--resume"], &env, None);
    assert!(zh.contains("起点节点 `gone.node` 已不存在"), "{zh}");
}

#[test]
fn errors_of_the_port_speak_one_language() {
    let (zh, _) = both(&["probe", "/dev/posdiag-no-such-port"], &[], None);
    assert!(zh.contains("串口 `/dev/posdiag-no-such-port` 不存在"), "{zh}");
    both(&["probe", "tcp://127.0.0.1"], &[], None);
    both(&["probe", "ftp://example"], &[], None);
    both(&["probe", "/dev/ttyS0?baud=fast"], &[], None);
    both(&["probe", "/dev/ttyS0?speed=1"], &[], None);
    both(&["probe", "tcp://127.0.0.1:1"], &[], None);
    both(&["probe", "--replay", "/no/such/record.txt"], &[], None);
    both(&["diagnose", "--port", "/dev/posdiag-no-such-port"], &[], None);
    // A terminal whose last transaction was declined: the note that its
    // code chooses where to start, and the walk from there.
    let sim = common::probe_sim::Sim::tcp("declined_51");
    let (zh, en) = both(&["diagnose", "--port", &sim.url], &[], None);
    assert!(zh.contains("终端上一笔交易以应答码 51 结束"), "{zh}");
    assert!(en.contains("the last transaction ended with response code 51"), "{en}");
    both(&["probe"], &[], None);
}

#[test]
fn the_argument_parser_speaks_one_language() {
    let (zh, en) = both(&["diagnose", "--formt", "json"], &[], None);
    assert!(zh.starts_with("posdiag: 错误: 不认识的参数 `--formt`"), "{zh}");
    assert!(zh.contains("是不是 `--format`？"), "{zh}");
    assert!(en.contains("unexpected argument '--formt'"), "{en}");
    let (zh, _) = both(&["diagnose", "--format", "xml"], &[], None);
    assert!(zh.contains("可选的值: text, json"), "{zh}");
    both(&["diagnose", "--timeout-ms"], &[], None);
    both(&["diagnose", "--data-bits", "9"], &[], None);
    both(&["diagnose", "--resume", "--start", "triage.start"], &[], None);
    both(&["code"], &[], None);
    both(&["completions", "tcsh"], &[], None);
    // The language comes from the environment as well as from `--lang`.
    let r = Test::new().args(["--bogus"]).env("POSDIAG_LANG", "zh").run();
    assert!(r.stderr.starts_with("posdiag: 错误: 不认识的参数"), "{}", r.stderr);
}

#[test]
fn every_help_page_speaks_one_language() {
    let (zh, en) = both(&["--help"], &[], None);
    for heading in ["用法: ", "命令:", "选项:", "退出码"] {
        assert!(zh.contains(heading), "{heading}: {zh}");
    }
    assert!(en.contains("Usage: ") && en.contains("Options:"), "{en}");
    both(&["-h"], &[], None);
    both(&["help"], &[], None);
    for command in COMMANDS.iter().skip(1) {
        let (zh, _) = both(&[command, "--help"], &[], None);
        assert!(zh.contains("用法: "), "{command}: {zh}");
        both(&["help", command], &[], None);
    }
}

#[test]
fn under_format_json_an_error_is_json_on_stdout_too() {
    let zh = Test::new()
        .args(["--lang", "zh", "diagnose", "--start", "triage.strat", "--format", "json"])
        .run();
    assert_eq!(zh.code, 2);
    let v: serde_json::Value = serde_json::from_str(&zh.stdout).expect("one JSON object");
    assert_eq!(v["version"], 1);
    assert_eq!(v["error"]["kind"], "unknown-node");
    assert_eq!(v["error"]["exit"], 2);
    assert_eq!(v["error"]["message"], "没有节点 `triage.strat`；是不是 `triage.start`？");
    assert!(zh.stderr.starts_with("posdiag: 错误: 没有节点"), "{}", zh.stderr);
    let en = Test::new().args(["code", "--format", "json", "--formt"]).run();
    let v: serde_json::Value = serde_json::from_str(&en.stdout).expect("one JSON object");
    assert_eq!(v["error"]["kind"], "arguments");
    assert_eq!(v["error"]["message"], "unexpected argument '--formt' found");
    let rules = common::rule_dir(&[("a.yaml", "id: x\n")]);
    let bad = Test::new()
        .args(["--rules", rules.path().to_str().expect("UTF-8"), "code", "51", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&bad.stdout).expect("one JSON object");
    assert_eq!(v["error"]["kind"], "rules");
    assert_eq!(v["error"]["problems"][0]["kind"], "unknown-field", "{v}");
    // Text output keeps stdout for results only.
    let text = Test::new().args(["diagnose", "--start", "triage.strat"]).run();
    assert!(text.stdout.is_empty(), "{}", text.stdout);
}

#[test]
fn batch_error_lines_speak_one_language() {
    let input = "{\"start\":\"triage.strat\"}\n{\"answers\":{\"x.y\":\"1\"}}\nnot json\n\
                 {\"facts\":{\"a\":\"\"}}\n{\"answers\":{\"triage.start\":[1]}}\n";
    let (zh, en) = both(&["diagnose", "--batch", "-"], &[], Some(input));
    assert_eq!(zh.lines().filter(|l| l.contains("\"error\"")).count(), 5, "{zh}");
    assert!(zh.contains("\"kind\":\"start\""), "the kinds stay stable: {zh}");
    assert!(en.contains("did you mean `triage.start`?"), "{en}");
}
