//! Card numbers out of raw line bytes, in place: what the `--record` file
//! keeps of a terminal's replies. Unlike [`crate::mask::mask_pans`] (text,
//! which may join digit groups), this never changes a byte count, so a
//! recorded frame keeps its length field and its shape: every digit but the
//! first 6 and last 4 of a card number becomes `*`, separators stay.
//!
//! A card number here: 13–19 ASCII digits passing Luhn, in groups split by
//! one separator each (space, tab, `-`, `.`, `/`, `_`); also when it stands
//! next to other digit groups (`4111111111111111 2512`: number and expiry).

use crate::mask::luhn;

/// The byte that replaces a masked digit.
pub const MASK: u8 = b'*';

fn is_separator(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'-' | b'.' | b'/' | b'_')
}

/// Mask every card number in `bytes`; whether anything changed.
pub fn mask_bytes(bytes: &mut [u8]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // The groups of one run: (start, end) of each digit group.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((start, j));
            if j + 1 < bytes.len() && is_separator(bytes[j]) && bytes[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        changed |= mask_groups(bytes, &groups);
        i = j.max(i + 1);
    }
    changed
}

/// Find card numbers among consecutive groups: from each start, the
/// longest window of groups whose digits count 13–19 and pass Luhn.
fn mask_groups(bytes: &mut [u8], groups: &[(usize, usize)]) -> bool {
    let mut changed = false;
    let mut first = 0;
    while first < groups.len() {
        let mut found = None;
        let mut digits: Vec<u8> = Vec::new();
        for (last, &(s, e)) in groups.iter().enumerate().skip(first) {
            digits.extend(bytes[s..e].iter().map(|b| b - b'0'));
            if digits.len() > 19 {
                break;
            }
            // The longest: masking too much is safe, too little is not.
            if digits.len() >= 13 && luhn(&digits) {
                found = Some(last);
            }
        }
        match found {
            Some(last) => {
                let total = groups[first..=last].iter().map(|(s, e)| e - s).sum::<usize>();
                let mut k = 0;
                for &(s, e) in &groups[first..=last] {
                    for b in &mut bytes[s..e] {
                        if k >= 6 && k < total - 4 {
                            *b = MASK;
                        }
                        k += 1;
                    }
                }
                changed = true;
                first = last + 1;
            }
            None => first += 1,
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(input: &str, expected: &str) {
        let mut bytes = input.as_bytes().to_vec();
        let changed = mask_bytes(&mut bytes);
        assert_eq!(String::from_utf8_lossy(&bytes), expected);
        assert_eq!(changed, input != expected);
        assert_eq!(bytes.len(), input.len());
    }

    #[test]
    fn masks_in_place() {
        case("PAN=4111111111111111", "PAN=411111******1111");
        case("4111 1111 1111 1111", "4111 11** **** 1111");
        case("4111.1111/1111_1111", "4111.11**/****_1111");
        case("4111111111111111 2512", "411111******1111 2512");
        case("RC=51 4111111111111111", "RC=51 411111******1111");
        case(
            "\x02\x00\x10LT\x1cPAN=6222021234567894\x03",
            "\x02\x00\x10LT\x1cPAN=622202******7894\x03",
        );
    }

    #[test]
    fn leaves_other_numbers() {
        case("4111111111111112", "4111111111111112");
        case("+CSQ: 24,99", "+CSQ: 24,99");
        case("TID=12345678 MID=898440153110001", "TID=12345678 MID=898440153110001");
        case("", "");
    }
}
