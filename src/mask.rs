//! Card numbers never leave posdiag unmasked. Any run of 13 to 19 digits
//! (single spaces or dashes between groups allowed) that passes the Luhn
//! check is cut to its first 6 and last 4 digits, the rest starred. Applied
//! where text enters (typed input, facts, answer files), so nothing after it
//! can leak a number into output, reports, session files or history.

use std::borrow::Cow;

/// `text` with every card number masked.
pub fn mask_pans(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `text` already in `out`
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run of digits, possibly grouped by single spaces or dashes.
        let start = i;
        let mut end = i;
        let mut digits = Vec::new();
        let mut j = i;
        while j < bytes.len() {
            if bytes[j].is_ascii_digit() {
                digits.push(bytes[j] - b'0');
                j += 1;
                end = j;
            } else if (bytes[j] == b' ' || bytes[j] == b'-')
                && j + 1 < bytes.len()
                && bytes[j + 1].is_ascii_digit()
                && j > start
            {
                j += 1;
            } else {
                break;
            }
        }
        if let Some(masked) = mask_digits(&digits) {
            let o = out.get_or_insert_with(String::new);
            o.push_str(&text[copied..start]);
            o.push_str(&masked);
            copied = end;
        }
        i = end.max(i + 1);
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
    }
}

/// The masked form of a digit run, when it is a card number; a longer run
/// is scanned for a card number inside it only as a whole (a 25-digit
/// reference is no card number).
fn mask_digits(digits: &[u8]) -> Option<String> {
    if !(13..=19).contains(&digits.len()) || !luhn(digits) {
        return None;
    }
    let mut s = String::with_capacity(digits.len());
    for (k, d) in digits.iter().enumerate() {
        if k < 6 || k >= digits.len() - 4 {
            s.push(char::from(b'0' + d));
        } else {
            s.push('*');
        }
    }
    Some(s)
}

/// The Luhn (mod 10) check.
pub fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, expected: &str) {
        assert_eq!(mask_pans(input), expected);
    }

    #[test]
    fn masks_card_numbers() {
        case("4111111111111111", "411111******1111");
        case("card 6222 0212 3456 7894 declined", "card 622202******7894 declined");
        case("6222-0212-3456-7894", "622202******7894");
        case("a:4111111111111111,b", "a:411111******1111,b");
        case("13 digits 4222222222222", "13 digits 422222***2222");
    }

    #[test]
    fn leaves_other_numbers() {
        case("4111111111111112", "4111111111111112"); // fails Luhn
        case("code 51, csq 7,99", "code 51, csq 7,99");
        case("123456789012", "123456789012"); // 12 digits
        case("41111111111111111111111", "41111111111111111111111"); // too long
        case("", "");
        case("中文 4111111111111111 中文", "中文 411111******1111 中文");
    }

    #[test]
    fn luhn_known_values() {
        assert!(luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]));
        assert!(!luhn(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]));
    }
}
