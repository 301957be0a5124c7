//! Screen messages looked up like codes: `请签到`, `Please sign in`,
//! `MAC校验错`. A message table (`messages:` in a code table, see
//! `rules/README.md`) lists what terminals say; a typed text matches one of
//! those sayings tolerantly:
//!
//! * spaces, punctuation (ASCII and Chinese) and case are ignored, and
//!   full-width letters and digits count as ASCII (`ＭＡＣ` is `mac`);
//! * a saying found inside a longer text matches (`交易失败：请先签到！`),
//!   the longest saying found winning; a general saying (`交易失败`, marked
//!   `general: true` in its table) only wins when nothing more specific is
//!   found beside it;
//! * otherwise a fragment of a saying matches (`签到` in `请签到`) when it
//!   holds at least two Chinese characters or four Latin letters or digits,
//!   the shortest saying that holds it winning (the one the fragment covers
//!   most).
//!
//! Sayings that tie and lead to different nodes make the text ambiguous;
//! the person is then asked to type more of it. Nothing here knows about
//! tables or the walk: [`best`] picks among [`Saying`]s.

use crate::rules::NodeId;

/// Longest screen message accepted, in characters (a code is shorter).
pub const MAX_MESSAGE_CHARS: usize = 120;

/// The fewest characters of a fragment: two Chinese characters, or four
/// Latin letters and digits.
const MIN_FRAGMENT_WIDE: usize = 2;
const MIN_FRAGMENT_ASCII: usize = 4;

/// The match key of `text`: full-width forms folded to ASCII, lowercase,
/// letters and digits only (Chinese characters are letters).
pub fn key(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` reads as words rather than a code: it holds a letter
/// outside ASCII (a Chinese character) once widths are folded.
pub fn is_wordy(text: &str) -> bool {
    text.chars().map(fold_width).any(|c| c.is_alphanumeric() && !c.is_ascii())
}

/// `Ａ` (U+FF21) → `A`, `５` → `5`, the ideographic space → a space.
fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// One wording of a screen message, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saying {
    /// Its match [`key`].
    pub key: String,
    /// Where its diagnosis starts.
    pub node: NodeId,
    /// A general message that yields to any specific one in the same text.
    pub general: bool,
}

/// The outcome of matching a text against the sayings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    None,
    /// Index into the sayings given to [`best`].
    One(usize),
    /// Equally good sayings that lead to different nodes, one per node.
    Many(Vec<usize>),
}

/// The best saying for `typed` among `sayings` (match key, node), as the
/// module header describes.
pub fn best(sayings: &[Saying], typed: &str) -> Match {
    let typed = key(typed);
    if typed.is_empty() {
        return Match::None;
    }
    let len = |s: &str| s.chars().count();
    if let Some(i) = sayings.iter().position(|s| s.key == typed) {
        return Match::One(i);
    }
    // Sayings inside the text: specific before general, the longest wins.
    let mut inside: Vec<usize> =
        (0..sayings.len()).filter(|&i| typed.contains(sayings[i].key.as_str())).collect();
    if inside.iter().any(|&i| !sayings[i].general) {
        inside.retain(|&i| !sayings[i].general);
    }
    if let Some(top) = inside.iter().map(|&i| len(&sayings[i].key)).max() {
        return pick(sayings, inside.into_iter().filter(|&i| len(&sayings[i].key) == top));
    }
    // The text inside sayings: the shortest saying wins.
    let min = if is_wordy(&typed) { MIN_FRAGMENT_WIDE } else { MIN_FRAGMENT_ASCII };
    if len(&typed) < min {
        return Match::None;
    }
    let holding: Vec<usize> =
        (0..sayings.len()).filter(|&i| sayings[i].key.contains(typed.as_str())).collect();
    match holding.iter().map(|&i| len(&sayings[i].key)).min() {
        Some(low) => pick(sayings, holding.into_iter().filter(|&i| len(&sayings[i].key) == low)),
        None => Match::None,
    }
}

/// One saying when the tied ones agree on the node; else one per node.
fn pick(sayings: &[Saying], tied: impl Iterator<Item = usize>) -> Match {
    let mut per_node: Vec<usize> = Vec::new();
    for i in tied {
        if !per_node.iter().any(|&j| sayings[j].node == sayings[i].node) {
            per_node.push(i);
        }
    }
    match per_node.as_slice() {
        [] => Match::None,
        [one] => Match::One(*one),
        _ => Match::Many(per_node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sayings(list: &[(&str, u32)]) -> Vec<Saying> {
        list.iter()
            .map(|&(s, n)| Saying { key: key(s), node: NodeId(n), general: n == 9 })
            .collect()
    }

    fn table() -> Vec<Saying> {
        sayings(&[
            ("请签到", 1),
            ("请先签到", 1),
            ("签到失败", 2),
            ("Please sign in", 1),
            ("MAC校验错", 3),
            ("MAC error", 3),
            ("Key error", 4),
            ("通讯失败", 5),
            ("打印机缺纸", 6),
            ("余额不足", 7),
            ("交易失败", 9),
        ])
    }

    #[test]
    fn keys_fold_width_case_and_punctuation() {
        assert_eq!(key("ＭＡＣ校验错！"), "mac校验错");
        assert_eq!(key(" Please, sign-in. "), "pleasesignin");
        assert_eq!(key("交易失败：请先签到（A0）"), "交易失败请先签到a0");
        assert_eq!(key("“”、。…"), "");
        assert!(is_wordy("请签到"));
        assert!(!is_wordy("A0"));
        assert!(!is_wordy("Ａ０"));
    }

    #[test]
    fn exact_inside_and_fragment() {
        let t = table();
        assert_eq!(best(&t, "请签到"), Match::One(0));
        assert_eq!(best(&t, "PLEASE SIGN IN!"), Match::One(3));
        assert_eq!(best(&t, "ｍａｃ　ｅｒｒｏｒ"), Match::One(5));
        // Inside a longer text, the longest saying wins.
        assert_eq!(best(&t, "交易失败，签到失败，请重试"), Match::One(2));
        assert_eq!(best(&t, "屏幕显示：请先签到。"), Match::One(1));
        // A general saying yields to a specific one of the same length.
        assert_eq!(best(&t, "交易失败：余额不足"), Match::One(9));
        assert_eq!(best(&t, "交易失败（无原因）"), Match::One(10));
        // A fragment: the shortest saying holding it.
        assert_eq!(best(&t, "缺纸"), Match::One(8));
        assert_eq!(best(&t, "sign in"), Match::One(3));
    }

    #[test]
    fn ties_across_nodes_are_ambiguous_and_too_little_is_nothing() {
        let t = table();
        // `error` is in `MAC error` and `Key error`, equally long.
        assert_eq!(best(&t, "error"), Match::Many(vec![5, 6]));
        // `签到` is in 请签到 (node 1) before 签到失败 (longer): one node.
        assert_eq!(best(&t, "签到"), Match::One(0));
        assert_eq!(best(&t, "签"), Match::None);
        assert_eq!(best(&t, "mac"), Match::None);
        assert_eq!(best(&t, "刷卡成功"), Match::None);
        assert_eq!(best(&t, "！？"), Match::None);
        assert_eq!(best(&[], "请签到"), Match::None);
    }
}
