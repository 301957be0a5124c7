//! Fuzz target `rule_loader`: the knowledge-base loader, rule trees
//! and code tables together (`posdiag::kb::load`).
//!
//! Input: `[mode] [file bytes …]`; `mode % 5` says what the bytes are:
//! - 0: one rule file (`fuzz.yaml`), loaded alone;
//! - 1: two rule files, split at the first NUL (cross-file checks:
//!   duplicate ids, roots, references between trees);
//! - 2: a code table, loaded with a small valid rule set (so a clean table
//!   gets as far as the [`CodeBook`](posdiag::codes::CodeBook));
//! - 3: a vendor overlay over that rule set and a small valid base table;
//! - 4: a rule file and a code table, split at the first NUL.
//!
//! A file can hold anything: the loader must never panic or hang, and
//! reports what is wrong as problems. Checked here: every problem names a
//! place and renders; a clean load yields a walkable rule set, and one with
//! problems yields none; the code book of a clean load answers lookups.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posdiag::kb::{self, Loaded};
use posdiag::source::SourceFile;

/// A small valid rule set: the triage root and one printer tree.
const TRIAGE: &[u8] = include_bytes!("../../tests/data/mini/triage.yaml");
const PRINTER: &[u8] = include_bytes!("../../tests/data/mini/printer.yaml");

/// A small valid code table for that rule set: codes with and without a
/// prefix, an unknown-code start, TVR and TSI bits.
const BASE_TABLE: &[u8] = include_bytes!("../../tests/data/fuzz/base_table.yaml");

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else { return };
    let fuzz = |name: &str, bytes: &[u8]| SourceFile::new(name, bytes);
    let mini =
        || vec![SourceFile::new("triage.yaml", TRIAGE), SourceFile::new("printer.yaml", PRINTER)];
    let (head, tail) = split_at_nul(body);
    let (loaded, names): (Loaded, Vec<&str>) = match mode % 5 {
        0 => (kb::load(&[fuzz("fuzz.yaml", body)], &[], &[]), vec!["fuzz.yaml"]),
        1 => {
            let files = [fuzz("a.yaml", head), fuzz("b.yaml", tail)];
            (kb::load(&files, &[], &[]), vec!["a.yaml", "b.yaml"])
        }
        2 => {
            let loaded = kb::load(&mini(), &[fuzz("codes/fuzz.yaml", body)], &[]);
            (loaded, vec!["triage.yaml", "printer.yaml", "codes/fuzz.yaml"])
        }
        3 => {
            let base = SourceFile::new("codes/base.yaml", BASE_TABLE);
            let loaded = kb::load(&mini(), &[base], &[fuzz("vendor.yaml", body)]);
            (loaded, vec!["triage.yaml", "printer.yaml", "codes/base.yaml", "vendor.yaml"])
        }
        _ => {
            let loaded = kb::load(
                &[fuzz("fuzz.yaml", head)],
                &[fuzz("codes/fuzz.yaml", tail)],
                &[],
            );
            (loaded, vec!["fuzz.yaml", "codes/fuzz.yaml"])
        }
    };

    for p in &loaded.problems {
        // The one problem not tied to a file: no tree at all parsed.
        let named = names.contains(&p.place.file.as_str()) || p.place.file == "rules";
        assert!(named, "problem placed in unknown file: {p}");
        assert!(!p.message.is_empty(), "problem without a message: {p:?}");
        assert!(!p.to_string().is_empty());
    }
    match (&loaded.kb, loaded.problems.is_empty()) {
        (Some(rules), true) => {
            let book = rules.codes();
            for typed in ["01", "PRN 01", "PR A0", "a0", "51", "", " ", "PRN", "+CME ERROR: 10"] {
                if let Ok(lookup) = book.lookup(typed) {
                    let _ = format!("{lookup:?}");
                }
                let _ = rules.start_for_response_code(typed);
            }
            let typed = String::from_utf8_lossy(&body[body.len().saturating_sub(12)..]);
            let _ = book.lookup(&typed);
            for bits in [book.tvr(), book.tsi(), book.zvt_locks()] {
                let set = posdiag::codes::emv::decode(&[0xff; 5], bits);
                assert_eq!(set.len(), 40, "five bytes of 0xFF have 40 bits set");
                assert!(set.iter().filter(|b| b.known.is_some()).count() <= bits.len());
            }
        }
        (None, false) => {}
        (Some(_), false) => panic!("a rule set despite problems: {:?}", loaded.problems),
        (None, true) => panic!("a clean load without a rule set"),
    }
});

/// The bytes before and after the first NUL (all and none without one).
fn split_at_nul(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|b| *b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &[]),
    }
}
