//! Chinese all the way: the final error line, the resume offer with its
//! local time, its help line and inquire's cancel mark speak the user's
//! language (the real binary, over a pipe and a pseudo-terminal).

mod common;

use common::Test;
use common::pty::{ENTER, ESC, spawn_with};

#[test]
fn the_error_line_starts_in_the_users_language() {
    let zh = Test::new().args(["--lang", "zh", "--rules", "/no/such/folder", "check"]).run();
    assert_ne!(zh.code, 0);
    assert!(zh.stderr.starts_with("posdiag: 错误: "), "{}", zh.stderr);
    let en = Test::new().args(["--lang", "en", "--rules", "/no/such/folder", "check"]).run();
    assert!(en.stderr.starts_with("posdiag: error: "), "{}", en.stderr);
    // The error itself speaks the same language as its head.
    assert!(
        zh.stderr.contains("无法读取文件夹 `/no/such/folder`: 文件或文件夹不存在"),
        "{}",
        zh.stderr
    );
    assert!(en.stderr.contains("cannot read folder `/no/such/folder`: "), "{}", en.stderr);
}

/// A state folder holding a saved session of the mini rules, saved at the
/// epoch (1970-01-01 00:00 UTC).
fn saved_session() -> tempfile::TempDir {
    let state = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        state.path().join("session.json"),
        r#"{"format":"posdiag-session","version":2,"lang":"zh","start":"triage.start","steps":[],"saved_at":0}"#,
    )
    .expect("write the session");
    state
}

#[test]
fn the_resume_offer_speaks_chinese_in_local_time() {
    let rules = common::mini();
    let args = ["--rules", rules.to_str().expect("a UTF-8 path")];
    // UTC+8 as a POSIX rule, so the test needs no time-zone database.
    let mut w = spawn_with("zh_CN.UTF-8", &args, Some(saved_session()), &[("TZ", "CST-8")]);
    w.expect("发现上次未完成的诊断。");
    w.expect("继续上次未完成的诊断 (1970-01-01 08:00)");
    w.expect("↑↓ 选择，回车确认，Esc 保留并退出");
    w.keys(&[ESC]);
    let shown = w.expect("已保留上次的诊断。");
    assert!(shown.contains("<已取消>"), "{shown:?}");
    assert!(!shown.contains("canceled"), "{shown:?}");
    assert_eq!(w.exit_code().0, 3);
}

#[test]
fn the_resume_offer_in_english_keeps_inquires_words() {
    let rules = common::mini();
    let args = ["--rules", rules.to_str().expect("a UTF-8 path")];
    let mut w = spawn_with("en_US.UTF-8", &args, Some(saved_session()), &[("TZ", "UTC0")]);
    w.expect("Continue the unfinished diagnosis (1970-01-01 00:00)");
    w.expect("Esc to keep it and quit");
    w.keys(&[ESC]);
    let shown = w.expect("The saved diagnosis is kept.");
    assert!(shown.contains("<canceled>"), "{shown:?}");
    assert_eq!(w.exit_code().0, 3);
}

#[test]
fn a_typed_value_is_checked_in_chinese_without_the_node_id() {
    let rules = common::mini();
    let args = ["--rules", rules.to_str().expect("a UTF-8 path"), "diagnose"];
    let mut w = spawn_with("zh_CN.UTF-8", &args, None, &[]);
    w.expect("哪里不对？");
    w.pick(2); // a code
    w.expect("屏幕上的代码是什么？");
    w.keys(&["xyz", ENTER]);
    let shown = w.expect("须符合格式 `[0-9A-Za-z]{2}`");
    assert!(!shown.contains("must match"), "{shown:?}");
    assert!(!shown.contains("triage.code"), "no node id on a merchant's screen: {shown:?}");
    w.keys(&["\x7f", "\x7f", "\x7f", "51", ENTER]);
    w.expect("重启");
}
