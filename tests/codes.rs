//! Codes end to end: `posdiag code` for each category of code, unknown and
//! mistyped codes, a vendor overlay's precedence, typed codes at the
//! triage, `posdiag tvr`/`tsi` against hand-checked values, malformed input,
//! and `check` finding broken code tables.

mod common;

use std::path::Path;

use common::contract::{Check, Code, Diagnosis, Emv, Status};
use common::{Run, Test};

fn code(args: &[&str]) -> Run {
    Test::new().args(["--lang", "en", "code"]).args(args).args(["--format", "json"]).run()
}

/// `posdiag code CODE --format json`: the exit code, the diagnosis and its
/// `code` object.
#[track_caller]
fn code_json(args: &[&str], exit: i32) -> (Diagnosis, Code) {
    let run = code(args).code(exit);
    let d: Diagnosis = run.json();
    let c = d.code.clone().expect("a `code` object");
    (d, c)
}

/// A known code: its table, category, actor, and the conclusion it reaches.
#[track_caller]
fn concludes(typed: &str, table: &str, category: &str, actor: Option<&str>, key: &str) -> Code {
    let (d, c) = code_json(&[typed], 0);
    assert!(c.known, "{c:?}");
    assert_eq!(c.table.as_ref().map(|t| t.id.as_str()), Some(table), "{c:?}");
    assert_eq!(c.category.as_deref(), Some(category), "{c:?}");
    assert_eq!(c.actor.as_deref(), actor, "{c:?}");
    assert_eq!(d.status, Status::Concluded);
    assert_eq!(d.conclusion.as_ref().map(|k| k.key.as_str()), Some(key));
    assert_eq!(d.start, c.node, "the walk starts at the code's node");
    c
}

#[test]
fn each_category_of_response_code() {
    let c = concludes("41", "unionpay", "card", Some("cardholder"), "CARD_LOST_STOLEN_PICKUP");
    assert_eq!(c.class.as_deref(), Some("D"));
    concludes("51", "unionpay", "account", Some("cardholder"), "CARD_INSUFFICIENT_FUNDS");
    concludes("94", "unionpay", "operation", Some("merchant"), "OPERATION_DUPLICATE_TRANSACTION");
    concludes("A7", "unionpay", "keys", Some("acquirer"), "KEYS_SECURITY_PROCESSING_FAILED");
    concludes("98", "unionpay", "network", Some("merchant"), "BANK_ISSUER_UNAVAILABLE");
    concludes("90", "unionpay", "bank_system", Some("merchant"), "BANK_CUTOFF_IN_PROGRESS");
    let c = concludes("00", "unionpay", "success", None, "BANK_APPROVED");
    assert_eq!(c.meaning.as_deref(), Some("Approved or completed successfully"));
    // Terminal (97): the walk needs an answer, exactly as `diagnose` would.
    let (d, c) = code_json(&["97"], 3);
    assert_eq!((c.category.as_deref(), c.actor.as_deref()), (Some("terminal"), Some("acquirer")));
    assert_eq!(d.status, Status::NeedsInput);
    assert_eq!(d.pending.as_ref().map(|p| p.node.as_str()), Some("operation.machine_code"));
    let (d, _) = code_json(&["97", "--answer", "operation.machine_code=numbers_mismatch"], 0);
    assert_eq!(d.conclusion.unwrap().key, "OPERATION_TERMINAL_ID_MISMATCH");
}

#[test]
fn terminal_printer_and_modem_codes() {
    concludes("PEDTAMPERED", "terminal", "keys", Some("technician"), "KEYS_TAMPERED");
    concludes("PAX 2", "pax_printer", "printer", Some("merchant"), "PRINTER_OUT_OF_PAPER");
    concludes("sunmi 6", "sunmi_printer", "printer", Some("merchant"), "PRINTER_COVER_OPEN");
    let c = concludes("+CME ERROR: 10", "cme", "modem", Some("merchant"), "CONN_SIM_MISSING");
    assert_eq!(c.code.as_deref(), Some("+CME ERROR: 10"));
    // Unquoted words are one code.
    let (_, c) = code_json(&["+CME", "ERROR:", "0"], 0);
    assert_eq!(c.node, "connection.modem_faulty");
    let (d, c) = code_json(&["108"], 3);
    assert_eq!(c.category.as_deref(), Some("card_reader"));
    assert_eq!(d.pending.unwrap().node, "card.chip_reader_test");
}

#[test]
fn spellings() {
    let (_, c) = code_json(&["5"], 0);
    assert_eq!((c.code.as_deref(), c.leading_zeros, c.typed.as_str()), (Some("05"), true, "5"));
    let (_, c) = code_json(&["a0", "--answer", "keys.resign_retry=error_gone"], 0);
    assert_eq!((c.code.as_deref(), c.leading_zeros), (Some("A0"), false));
    Test::new()
        .args(["--lang", "en", "code", "5"])
        .run()
        .code(0)
        .stdout_has("Code 05: Cardholder verification failed")
        .stdout_has("(typed `5` taken as `05`)")
        .stdout_has("Who acts: cardholder")
        .stdout_has("Table: UnionPay")
        .stdout_lacks("rules/codes/unionpay.yaml")
        .stdout_lacks("Checks start at");
    // Files, classes and node ids are for `--verbose`.
    Test::new()
        .args(["--lang", "en", "--verbose", "code", "5"])
        .run()
        .code(0)
        .stdout_has("[unionpay: rules/codes/unionpay.yaml]")
        .stdout_has("class")
        .stdout_has("Checks start at: bank.refer_to_issuer");
    Test::new()
        .args(["--lang", "zh", "code", "51"])
        .run()
        .code(0)
        .stdout_has("资金不足")
        .stdout_has("由谁处理: 持卡人");
}

#[test]
fn unknown_codes_walk_the_general_checks() {
    let (d, c) = code_json(&["zz9"], 3);
    assert!(!c.known);
    assert_eq!((c.typed.as_str(), c.node.as_str()), ("zz9", "bank.start"));
    assert!(c.meaning.is_none() && c.table.is_none());
    assert_eq!(d.pending.unwrap().node, "bank.start");
    let (d, _) = code_json(&["zz9", "--answer", "bank.start=other_code"], 0);
    assert_eq!(d.conclusion.unwrap().key, "BANK_UNKNOWN_CODE");
    Test::new()
        .args(["--lang", "en", "code", "zz9"])
        .run()
        .code(3)
        .stdout_has("Unknown code `zz9`: no code table knows it.")
        .stdout_has("Checks follow the general checks for a declined transaction.")
        .stdout_lacks("(bank.start)");
    Test::new()
        .args(["--lang", "en", "-v", "code", "zz9"])
        .run()
        .code(3)
        .stdout_has("general checks for a declined transaction (bank.start).");
    // A prefixed table that knows the digits is named as a hint.
    let (_, c) = code_json(&["1002"], 3);
    assert!(!c.known);
    assert_eq!(c.see_also.len(), 1);
    assert!(c.see_also[0].starts_with("VF 1002"), "{:?}", c.see_also);
    // A card number typed by mistake is masked, never echoed.
    let run = code(&["6222021234567890128"]).code(3);
    assert!(!run.stdout.contains("6222021234567890128"), "{}", run.stdout);
    let c: Code = run.json::<Diagnosis>().code.unwrap();
    assert!(c.typed.starts_with("622202") && c.typed.ends_with("0128"), "{}", c.typed);
}

#[test]
fn screen_messages_in_both_languages() {
    // 请签到 and "Please sign in" are one message, walked from its node.
    for typed in [&["请签到"][..], &["Please", "sign", "in"], &["ＰＬＥＡＳＥ　ＳＩＧＮ　ＩＮ！"]]
    {
        let (d, c) = code_json(typed, 3);
        assert!(c.known && c.message, "{c:?}");
        assert_eq!(c.table.as_ref().map(|t| t.id.as_str()), Some("screen"));
        assert_eq!((c.category.as_deref(), c.actor.as_deref()), (Some("keys"), Some("merchant")));
        assert_eq!(d.pending.unwrap().node, "keys.sign_on_attempt");
    }
    let (d, _) = code_json(&["请签到", "--answer", "keys.sign_on_attempt=sign_on_ok"], 0);
    assert_eq!(d.conclusion.unwrap().key, "KEYS_SIGN_ON_REQUIRED");
    // Inside a longer text, the reason beats the general "transaction failed".
    let (d, c) = code_json(&["交易失败：余额不足！"], 0);
    assert_eq!(c.code.as_deref(), Some("余额不足"));
    assert!(c.message);
    // A code is no message.
    assert!(!code_json(&["51"], 0).1.message);
    assert_eq!(d.conclusion.unwrap().key, "CARD_INSUFFICIENT_FUNDS");
    concludes("批次已满", "screen", "operation", Some("merchant"), "OPERATION_SETTLE_BATCH");
    concludes("Out of paper", "screen", "printer", Some("merchant"), "PRINTER_OUT_OF_PAPER");
    // A message nobody knows is said to be unknown.
    Test::new()
        .args(["--lang", "en", "code", "刷卡成功"])
        .run()
        .code(3)
        .stdout_has("Unknown code `刷卡成功`");
    Test::new().args(["code", "error"]).run().code(2).stderr_has("`MAC error` or `Key error`");
    // The triage's code question takes a message too.
    let d: Diagnosis = Test::new()
        .args(["--lang", "en", "diagnose", "--format", "json"])
        .args([
            "--answer",
            "triage.start=error_code",
            "--answer",
            "triage.error_code=response_code",
        ])
        .args(["--answer", "triage.response_code=MAC校验错，请重新签到"])
        .args(["--answer", "keys.resign_retry=error_gone"])
        .run()
        .code(0)
        .json();
    assert_eq!(d.conclusion.unwrap().key, "KEYS_MAC_PIN_RESYNCED");
    let step = &d.path[2].code.as_ref().unwrap();
    assert_eq!((step.known, step.node.as_str()), (true, "keys.resign_retry"));
}

#[test]
fn bad_codes_are_usage_errors() {
    Test::new().args(["code", " "]).run().code(2).stderr_has("no code given");
    Test::new().args(["code", &"7".repeat(60)]).run().code(2).stderr_has("at most 40");
    Test::new().arg("code").run().code(2);
}

const OVERLAY: &str = r#"# ACME's own meanings
table: acme
title: {zh: "ACME 厂商代码", en: "ACME vendor codes"}
codes:
  - code: "51"
    meaning: {zh: "ACME：卡内余额不足", en: "ACME: card balance too low"}
    actor: cardholder
    category: account
    node: card.insufficient_funds
  - code: "E42"
    meaning: {zh: "ACME：打印机缺纸", en: "ACME: printer out of paper"}
    actor: merchant
    category: printer
    node: printer.out_of_paper
"#;

fn overlay(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn an_overlay_overrides_and_adds_codes() {
    let (_dir, file) = overlay(OVERLAY);
    let (_, c) = code_json(&["--codes", &file, "51"], 0);
    let table = c.table.unwrap();
    assert_eq!(
        (table.id.as_str(), table.overlay, table.file.as_str()),
        ("acme", true, file.as_str())
    );
    assert_eq!(c.meaning.as_deref(), Some("ACME: card balance too low"));
    let over = c.overrides.unwrap();
    assert_eq!((over.table.id.as_str(), over.meaning.as_str()), ("unionpay", "Insufficient funds"));
    Test::new()
        .args(["--lang", "en", "--codes", &file, "code", "51"])
        .run()
        .code(0)
        .stdout_has("Table: ACME vendor codes (vendor overlay)")
        .stdout_has("replaces the built-in meaning: Insufficient funds")
        .stdout_lacks(&file);
    Test::new()
        .args(["--lang", "en", "--verbose", "--codes", &file, "code", "51"])
        .run()
        .code(0)
        .stdout_has("Table: ACME vendor codes [acme, vendor overlay:")
        .stdout_has("replaces the built-in meaning in unionpay");
    let (d, c) = code_json(&["--codes", &file, "e42"], 0);
    assert_eq!(c.code.as_deref(), Some("E42"));
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_OUT_OF_PAPER");
    // Without the overlay the built-in meaning stands and E42 is unknown.
    assert_eq!(code_json(&["51"], 0).1.table.unwrap().id, "unionpay");
    assert!(!code_json(&["E42"], 3).1.known);
    // The overlay works in `diagnose` too, at the triage's code question.
    let run = Test::new()
        .args(["--codes", &file, "diagnose", "--format", "json"])
        .args([
            "--answer",
            "triage.start=error_code",
            "--answer",
            "triage.error_code=response_code",
        ])
        .args(["--answer", "triage.response_code=E42"])
        .run()
        .code(0);
    let d: Diagnosis = run.json();
    assert_eq!(d.conclusion.unwrap().key, "PRINTER_OUT_OF_PAPER");
    assert_eq!(d.path[2].code.as_ref().unwrap().table.as_ref().unwrap().id, "acme");
}

#[test]
fn a_broken_overlay_is_refused_with_its_place() {
    let text = OVERLAY.replace("node: printer.out_of_paper", "node: printer.out_of_papr");
    let line = text[..text.find("out_of_papr").unwrap()].matches('\n').count() as u64 + 1;
    let (_dir, file) = overlay(&text);
    Test::new()
        .args(["--codes", &file, "code", "51"])
        .run()
        .code(2)
        .stderr_has("points to unknown node `printer.out_of_papr`")
        .stderr_has("did you mean `printer.out_of_paper`?");
    let run = Test::new().args(["--codes", &file, "check", "--format", "json"]).run().code(2);
    let out: Check = run.json();
    let p = &out.problems[0];
    assert_eq!((p.kind.as_str(), p.file.as_str(), p.line), ("unknown-node", file.as_str(), line));
}

#[test]
fn a_code_typed_at_the_triage_lands_on_its_remedy() {
    let run = Test::new()
        .args(["--lang", "en", "diagnose", "--format", "json"])
        .args(["--answer", "triage.start=transaction_failed"])
        .args(["--answer", "triage.transaction_failed=response_code"])
        .args(["--answer", "triage.response_code=51"])
        .run()
        .code(0);
    let d: Diagnosis = run.json();
    assert_eq!(d.conclusion.unwrap().key, "CARD_INSUFFICIENT_FUNDS");
    assert!(d.code.is_none(), "`diagnose` was not started from a code");
    let step = &d.path[2];
    assert_eq!((step.node.as_str(), step.input.as_deref()), ("triage.response_code", Some("51")));
    assert_eq!(step.label.as_deref(), Some("51: Insufficient funds"));
    let c = step.code.as_ref().unwrap();
    assert_eq!((c.known, c.node.as_str()), (true, "card.insufficient_funds"));
    // The question is free text of type `code`.
    let run = Test::new()
        .args(["diagnose", "--format", "json", "--answer", "triage.start=error_code"])
        .args(["--answer", "triage.error_code=response_code"])
        .run()
        .code(3);
    let pending = run.json::<Diagnosis>().pending.unwrap();
    assert_eq!(pending.input.unwrap().kind, "code");
    // An ambiguous code is refused with what it could be.
    let (_dir, file) = overlay(&OVERLAY.replace("\"E42\"", "\"005\""));
    Test::new()
        .args(["--codes", &file, "diagnose", "--answer", "triage.start=error_code"])
        .args(["--answer", "triage.error_code=response_code", "--answer", "triage.response_code=5"])
        .run()
        .code(2)
        .stderr_has("code `5` could be `05` or `005`");
}

fn emv(word: &str, hex: &[&str]) -> Emv {
    Test::new()
        .args(["--lang", "en", word])
        .args(hex)
        .args(["--format", "json"])
        .run()
        .code(0)
        .json()
}

/// (byte, bit, mask) of each set bit.
fn bits(e: &Emv) -> Vec<(u8, u8, &str)> {
    e.bits.iter().map(|b| (b.byte, b.bit, b.mask.as_str())).collect()
}

#[test]
fn tvr_hand_checked() {
    // 00 00 00 80 00: byte 4 = 1000 0000, B4b8, the floor limit.
    let e = emv("tvr", &["0000008000"]);
    assert_eq!((e.version, e.word.as_str(), e.hex.as_str()), (1, "tvr", "0000008000"));
    assert_eq!(bits(&e), [(4, 8, "0x80")]);
    assert!(e.bits[0].meaning.contains("floor limit"), "{:?}", e.bits[0]);
    assert_eq!(e.bits[0].table.as_ref().unwrap().id, "emv");
    // 80 00 04 80 00: B1b8 (ODA not performed → CAPK), B3b3 (online PIN), B4b8.
    let e = emv("tvr", &["80", "00", "04", "80", "00"]);
    assert_eq!(bits(&e), [(1, 8, "0x80"), (3, 3, "0x04"), (4, 8, "0x80")]);
    assert_eq!(e.bits[0].node.as_deref(), Some("keys.params_missing"));
    assert_eq!(e.bits[1].node, None);
    // 00 00 20 00 00: B3b6, PIN try limit exceeded; 0x prefix, lower case.
    let e = emv("tvr", &["0x0000200000"]);
    assert_eq!(bits(&e), [(3, 6, "0x20")]);
    assert_eq!(e.bits[0].node.as_deref(), Some("card.pin_tries_exceeded"));
    // 00 40 00 00 40: B2b7 expired application, B5b7 issuer authentication.
    let e = emv("tvr", &["0040000040"]);
    let nodes: Vec<Option<&str>> = e.bits.iter().map(|b| b.node.as_deref()).collect();
    assert_eq!(nodes, [Some("card.expiry_check"), Some("keys.security_failure")]);
    // A reserved bit is reported, not dropped.
    let e = emv("tvr", &["0000000001"]);
    assert_eq!((bits(&e), e.bits[0].known), (vec![(5, 1, "0x01")], false));
    assert!(emv("tvr", &["0000000000"]).bits.is_empty());
}

#[test]
fn tsi_hand_checked() {
    // E8 = 1110 1000: ODA, cardholder verification, card risk management,
    // terminal risk management performed.
    let e = emv("tsi", &["e800"]);
    assert_eq!(bits(&e), [(1, 8, "0x80"), (1, 7, "0x40"), (1, 6, "0x20"), (1, 4, "0x08")]);
    assert!(e.bits[1].meaning.contains("Cardholder verification"), "{:?}", e.bits[1]);
}

#[test]
fn zvt_locks_hand_checked() {
    // `02 00`: initialisation required (CCV's manual), B1b2, to sign-on.
    let e = emv("zvt-locks", &["0200"]);
    assert_eq!((e.version, e.word.as_str(), e.hex.as_str()), (1, "zvt_locks", "0200"));
    assert_eq!(bits(&e), [(1, 2, "0x02")]);
    assert_eq!(e.bits[0].node.as_deref(), Some("keys.sign_on_attempt"));
    assert_eq!(e.bits[0].table.as_ref().unwrap().id, "zvt");
    // `40 01`: commissioning required, and a bit no table names, which is
    // reported as not named (not as reserved) with what to do about it.
    let e = emv("zvt-locks", &["40", "01"]);
    assert_eq!(bits(&e), [(1, 7, "0x40"), (2, 1, "0x01")]);
    assert_eq!(e.bits[0].node.as_deref(), Some("operation.terminal_not_registered"));
    assert!(e.bits[0].source.as_deref().unwrap().contains("CCV"), "{:?}", e.bits[0]);
    assert!(!e.bits[1].known);
    assert!(e.bits[1].meaning.contains("do not name yet"), "{:?}", e.bits[1]);
    assert!(e.bits[1].check.as_deref().unwrap().contains("zvt_locks:"), "{:?}", e.bits[1]);
    assert!(emv("zvt-locks", &["0000"]).bits.is_empty());
    Test::new()
        .args(["--lang", "en", "zvt-locks", "0200"])
        .run()
        .code(0)
        .stdout_has("ZVT locks 02 00: 1 bit set")
        .stdout_has("Source of B1b2: CCV")
        .stdout_has("To walk from a node: posdiag diagnose --start keys.sign_on_attempt");
    Test::new()
        .args(["--lang", "zh", "zvt-locks", "0000"])
        .run()
        .code(0)
        .stdout_has("没有任何锁定");
    Test::new()
        .args(["zvt-locks", "020"])
        .run()
        .code(2)
        .stderr_has("a ZVT lock value is 2 bytes, 4 hex digits");
}

/// An overlay names a lock bit the built-in table does not, and the
/// decoding and the walk's start follow it without a rebuild.
#[test]
fn an_overlay_names_a_zvt_lock_bit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("maker.yaml");
    std::fs::write(
        &file,
        "table: maker_locks\ntitle: {zh: \"厂商锁定\", en: \"Maker's locks\"}\nzvt_locks:\n  - byte: 2\n    bit: 1\n    \
         meaning: {zh: \"打印机锁定\", en: \"Printer lock\"}\n    \
         check: {zh: \"检查打印机\", en: \"Check the printer\"}\n    node: printer.start\n",
    )
    .unwrap();
    let e: Emv = Test::new()
        .args(["--lang", "en", "--codes", file.to_str().unwrap(), "zvt-locks", "0001"])
        .args(["--format", "json"])
        .run()
        .code(0)
        .json();
    assert_eq!(bits(&e), [(2, 1, "0x01")]);
    assert!(e.bits[0].known);
    assert_eq!(e.bits[0].meaning, "Printer lock");
    assert_eq!(e.bits[0].node.as_deref(), Some("printer.start"));
}

#[test]
fn emv_text() {
    Test::new()
        .args(["--lang", "en", "tvr", "0000048000"])
        .run()
        .code(0)
        .stdout_has("TVR 00 00 04 80 00: 2 bits set")
        .stdout_has("B3b3")
        .stdout_has("Online PIN entered")
        .stdout_has("B4b8")
        .stdout_has("Meanings from: EMV");
    Test::new()
        .args(["--lang", "en", "tvr", "8000000000"])
        .run()
        .code(0)
        .stdout_has("To walk from a node: posdiag diagnose --start keys.params_missing");
    Test::new()
        .args(["--lang", "en", "tvr", "00 00 00 00 00"])
        .run()
        .code(0)
        .stdout_has("no bit is set");
    Test::new().args(["--lang", "zh", "tsi", "6800"]).run().code(0).stdout_has("已进行持卡人验证");
}

#[test]
fn malformed_emv_values() {
    Test::new()
        .args(["tvr", "00000480"])
        .run()
        .code(2)
        .stderr_has("a TVR is 5 bytes, 10 hex digits");
    Test::new().args(["tvr", "000004800000"]).run().code(2).stderr_has("has 12");
    Test::new().args(["tsi", "E8G0"]).run().code(2).stderr_has("`G` in `E8G0` is not a hex digit");
    Test::new().args(["tsi", "0x"]).run().code(2).stderr_has("no TSI given");
    Test::new().args(["tsi", "E8-00"]).run().code(2).stderr_has("not a hex digit");
    Test::new().arg("tvr").run().code(2);
}

/// A copy of the embedded rules (trees and code tables) to break.
fn rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    std::fs::create_dir(dir.path().join("codes")).unwrap();
    for sub in ["", "codes"] {
        for entry in std::fs::read_dir(src.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn check(dir: &Path) -> (i32, Check) {
    let run =
        Test::new().args(["check", "--format", "json", "--rules", dir.to_str().unwrap()]).run();
    (run.code, run.json())
}

#[test]
fn check_validates_code_tables() {
    let dir = rules_copy();
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "{:#?}", out.problems);
    assert_eq!(out.tables.len(), 9);
    let screen = out.tables.iter().find(|t| t.id == "screen").unwrap();
    assert!(screen.codes >= 50, "one count per screen message: {}", screen.codes);
    let unionpay = out.tables.iter().find(|t| t.id == "unionpay").unwrap();
    assert_eq!(unionpay.codes, 63);
    assert_eq!(out.tables.iter().find(|t| t.id == "emv").unwrap().bits, 34);

    edit(
        dir.path(),
        "codes/unionpay.yaml",
        "node: card.insufficient_funds",
        "node: card.insufficent_funds",
    );
    edit(dir.path(), "codes/terminal.yaml", "  - code: \"101\"", "  - code: \"108\"");
    edit(dir.path(), "codes/cme.yaml", "en: \"SIM busy\"", "en: \"\"");
    let (code, out) = check(dir.path());
    assert_eq!(code, 2);
    let find = |kind: &str| {
        out.problems
            .iter()
            .find(|p| p.kind == kind)
            .unwrap_or_else(|| panic!("no {kind} in {:#?}", out.problems))
    };
    let p = find("unknown-node");
    assert!(p.file.ends_with("codes/unionpay.yaml") && p.line > 0, "{p:?}");
    assert_eq!(p.hint.as_deref(), Some("did you mean `card.insufficient_funds`?"));
    let p = find("duplicate-code");
    assert!(p.file.ends_with("codes/terminal.yaml") && p.message.contains("code `108`"), "{p:?}");
    let p = find("missing-text");
    assert!(p.file.ends_with("codes/cme.yaml") && p.message.contains("`en`"), "{p:?}");
    assert_eq!(out.problems.len(), 3, "{:#?}", out.problems);
    // Any problem refuses to walk, naming `check` with the same rules.
    Test::new()
        .args(["--rules", dir.path().to_str().unwrap(), "code", "51"])
        .run()
        .code(2)
        .stderr_has(&format!("--rules {} check", dir.path().display()));
}

#[test]
fn code_targets_are_entry_points() {
    // `bank.approved` is reached only through the code tables: without them
    // it is unreachable.
    let dir = rules_copy();
    std::fs::remove_dir_all(dir.path().join("codes")).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 2);
    let unreachable: Vec<&str> = out
        .problems
        .iter()
        .filter(|p| p.kind == "unreachable")
        .filter_map(|p| p.node.as_deref())
        .collect();
    assert!(unreachable.contains(&"bank.approved"), "{unreachable:?}");
    assert!(out.tables.is_empty());
}
