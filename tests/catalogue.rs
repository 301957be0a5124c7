//! The message catalogue is complete: both languages define the same
//! message ids without syntax errors, every id the source asks for exists,
//! and no inline Chinese/English pair of literals is left in `src/`.

use std::collections::BTreeSet;
use std::path::Path;

use posdiag::i18n::{self, ids_and_errors};
use posdiag::lang::Lang;

/// Inline pairs in files that are another part of the tree's to change;
/// each is named here so that no new one slips in unseen.
const NOT_YET: &[(&str, &str)] = &[];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            out.push((path.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

fn all_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    sources(Path::new("src"), &mut out);
    out
}

#[test]
fn both_languages_hold_the_same_ids_and_parse() {
    let (zh, zh_errors) = ids_and_errors(i18n::ZH);
    let (en, en_errors) = ids_and_errors(i18n::EN);
    assert_eq!(zh_errors, 0, "i18n/zh.ftl has syntax errors");
    assert_eq!(en_errors, 0, "i18n/en.ftl has syntax errors");
    assert!(zh.len() > 150, "the catalogue holds every text ({} ids)", zh.len());
    let zh_set: BTreeSet<_> = zh.iter().collect();
    let en_set: BTreeSet<_> = en.iter().collect();
    assert_eq!(zh.len(), zh_set.len(), "an id is defined twice in zh.ftl");
    assert_eq!(en.len(), en_set.len(), "an id is defined twice in en.ftl");
    let only_zh: Vec<_> = zh_set.difference(&en_set).collect();
    let only_en: Vec<_> = en_set.difference(&zh_set).collect();
    assert!(only_zh.is_empty() && only_en.is_empty(), "zh only {only_zh:?}, en only {only_en:?}");
}

#[test]
fn every_id_the_source_uses_exists_in_both() {
    let (zh, _) = ids_and_errors(i18n::ZH);
    let (en, _) = ids_and_errors(i18n::EN);
    let used = regex::Regex::new(r#"\.t(?:_args)?\(\s*"([a-z0-9-]+)""#).expect("a valid regex");
    let mut count = 0;
    for (path, text) in all_sources() {
        for id in used.captures_iter(&text).map(|c| c[1].to_string()) {
            count += 1;
            assert!(zh.contains(&id), "{path}: `{id}` is not in i18n/zh.ftl");
            assert!(en.contains(&id), "{path}: `{id}` is not in i18n/en.ftl");
        }
    }
    assert!(count > 150, "the source asks the catalogue for its texts ({count} uses)");
}

#[test]
fn no_inline_pair_of_literals_is_left() {
    let pair = regex::Regex::new(r#"pick\(\s*r?#*"([^"]*)"\s*,\s*r?#*""#).expect("a valid regex");
    let mut left = Vec::new();
    for (path, text) in all_sources() {
        for c in pair.captures_iter(&text) {
            let known = NOT_YET.iter().any(|(p, zh)| path.ends_with(p) && &c[1] == *zh);
            if !known {
                left.push(format!("{path}: pick(\"{}\", …)", &c[1]));
            }
        }
    }
    assert!(left.is_empty(), "inline pairs left, move them to i18n/*.ftl: {left:#?}");
}

#[test]
fn a_message_with_variables_follows_each_language_grammar() {
    let one = Lang::En.t_args("emv-bits-set", &[("count", 1usize.into())]);
    let two = Lang::En.t_args("emv-bits-set", &[("count", 2usize.into())]);
    assert_eq!(one, "bit set");
    assert_eq!(two, "bits set");
    assert_eq!(Lang::Zh.t_args("emv-bits-set", &[("count", 2usize.into())]), "个位置位");
}

#[test]
fn texts_keep_their_spaces_and_line_breaks() {
    assert_eq!(Lang::En.t("prompt-key-why"), "? why · ");
    assert_eq!(Lang::Zh.t("prompt-key-back"), "< 返回 · ");
    assert_eq!(Lang::En.t("no-such-message"), "no-such-message", "a missing id shows itself");
}
