//! How a code, as typed or as written in a table, becomes a lookup key:
//! full-width characters (as a Chinese input method types them) become
//! ASCII, letters become uppercase, and everything but letters and digits
//! goes, so `a0`, `A0`, `Ａ０` and ` A-0 ` are one key, and `+CME ERROR: 10`
//! is `CMEERROR10`.

/// The lookup key of `text`.
pub fn compact(text: &str) -> String {
    text.chars()
        .map(ascii_of_full_width)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The key without leading zeros: `0051` → `51`, `05` → `5`, `00` → `0`.
pub fn strip_zeros(key: &str) -> &str {
    let stripped = key.trim_start_matches('0');
    if stripped.is_empty() && !key.is_empty() { &key[key.len() - 1..] } else { stripped }
}

/// `Ａ` (U+FF21) → `A`, `５` → `5`; other characters unchanged.
fn ascii_of_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(typed: &str, key: &str) {
        assert_eq!(compact(typed), key, "{typed:?}");
    }

    #[test]
    fn keys() {
        case("51", "51");
        case(" a0 ", "A0");
        case("Ａ０", "A0");
        case("５１", "51");
        case("+CME ERROR: 10", "CMEERROR10");
        case("vf-1002", "VF1002");
        case("错误码", "");
        case("", "");
    }

    #[test]
    fn zeros() {
        assert_eq!(strip_zeros("0051"), "51");
        assert_eq!(strip_zeros("05"), "5");
        assert_eq!(strip_zeros("00"), "0");
        assert_eq!(strip_zeros("A0"), "A0");
        assert_eq!(strip_zeros(""), "");
    }
}
