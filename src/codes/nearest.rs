//! The known codes nearest to one that is not known, for the hint that
//! names an unknown code (`l51` → `51`). Distance is the edit distance
//! (strsim) between lookup keys, in the namespace the typed text names,
//! taken both as typed and with the letters that look like digits read as
//! digits (`l`, `I` → `1`, `O` → `0`), so a slip of one character finds the
//! code meant and a word (`hello`) finds nothing.

use super::book::{CodeBook, Entry};
use super::key::compact;

/// At most this many codes are offered.
pub const MAX_NEAREST: usize = 3;

impl CodeBook {
    /// Codes in force within one edit (two for keys of four characters or
    /// more, typed and known) of `typed`, nearest first, then in table order.
    pub fn nearest(&self, typed: &str) -> Vec<&Entry> {
        let key = compact(typed);
        if key.is_empty() {
            return Vec::new();
        }
        let (namespace, rest) = self.split_prefix(&key);
        let as_digits: String = rest
            .chars()
            .map(|c| match c {
                'L' | 'I' => '1',
                'O' => '0',
                c => c,
            })
            .collect();
        let mut found: Vec<(usize, usize, usize)> = self
            .by_key
            .iter()
            .filter(|((ns, _), _)| *ns == namespace)
            .filter_map(|((_, code), &i)| {
                let raw = strsim::levenshtein(rest, code);
                let read = strsim::levenshtein(&as_digits, code);
                let best = raw.min(read);
                let limit = if code.len().min(rest.len()) >= 4 { 2 } else { 1 };
                (raw > 0 && best <= limit).then_some((best, raw + read, i))
            })
            .collect();
        found.sort_unstable();
        found.into_iter().take(MAX_NEAREST).map(|(_, _, i)| &self.entries[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::kb::load;
    use crate::source;

    fn nearest(typed: &str) -> Vec<String> {
        let loaded = load(&source::embedded_rules(), &source::embedded_codes(), &[]);
        let rules = loaded.kb.expect("the embedded rules load");
        let book = rules.codes();
        book.nearest(typed).into_iter().map(|e| book.display(e)).collect()
    }

    #[test]
    fn a_slip_of_one_character_finds_the_code_meant_first() {
        let found = nearest("l51");
        assert_eq!(found.first().map(String::as_str), Some("51"), "{found:?}");
        assert!(found.len() <= super::MAX_NEAREST);
        assert_eq!(nearest("5l").first().map(String::as_str), Some("51"));
    }

    #[test]
    fn a_word_is_near_no_code() {
        assert!(nearest("hello").is_empty(), "{:?}", nearest("hello"));
        assert!(nearest("").is_empty());
    }

    #[test]
    fn a_prefixed_code_is_compared_within_its_table() {
        let found = nearest("CME 1O");
        assert!(found.iter().any(|c| c.ends_with(" 10")), "{found:?}");
        assert!(found.iter().all(|c| c.starts_with('+') || c.starts_with("CME")), "{found:?}");
    }
}
