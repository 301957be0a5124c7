//! The masker's quick look: whether a text may hold a card number at all,
//! without allocating. Most output holds none, so [`super::mask_pans`]
//! returns it untouched after a scan that skips eight bytes at a time
//! outside digits and classes ASCII through a table.

use super::{MAX_GAP, digit, is_separator};

/// A quick look without allocating: whether some run of digits, joined
/// as [`super::mask_pans`] joins them (a `\t` escape aside, which only joins
/// more), reaches 13 digits.
pub(super) fn may_hold_a_card_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut digits, mut gap) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        // Outside a run of digits, skip eight bytes at a time that hold
        // neither an ASCII digit nor a byte of a wider character.
        if digits == 0 {
            while let Some(word) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
                if digit_or_wide(word) {
                    break;
                }
                i += 8;
            }
            if i >= bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        // ASCII is classed by a table, byte by byte (most output is ASCII);
        // other characters are decoded, as full-width digits and separators
        // count too.
        let class = if b < 0x80 {
            i += 1;
            ASCII_CLASS[b as usize]
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if digit(c).is_some() {
                DIGIT
            } else if is_separator(c) {
                JOIN
            } else {
                OTHER
            }
        };
        if class == DIGIT {
            digits += 1;
            gap = 0;
            if digits >= 13 {
                return true;
            }
        } else if class == JOIN && digits > 0 && gap < 2 * MAX_GAP {
            gap += 1;
        } else if digits > 0 {
            digits = 0;
            gap = 0;
        }
    }
    false
}

/// Whether any of the eight bytes of `word` is an ASCII digit or has its
/// high bit set (part of a character beyond ASCII), with the "has a byte
/// between" test of the bit-twiddling hacks.
fn digit_or_wide(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if word & HIGH != 0 {
        return true;
    }
    let (below, above) = (b'0' as u64 - 1, b'9' as u64 + 1);
    let low7 = word & (ONES * 127);
    (ONES * (127 + above)).wrapping_sub(low7)
        & !word
        & low7.wrapping_add(ONES * (127 - below))
        & HIGH
        != 0
}

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
/// A separator, or a character of a `\t` escape.
const JOIN: u8 = 2;

/// The class of every ASCII byte for [`may_hold_a_card_number`].
static ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = DIGIT;
        d += 1;
    }
    let joins = [b' ', b'\t', b'-', b'.', b'/', b'_', b'\\', b't'];
    let mut k = 0;
    while k < joins.len() {
        t[joins[k] as usize] = JOIN;
        k += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::digit_or_wide;

    #[test]
    fn the_word_test_finds_every_digit_and_wide_byte_in_every_place() {
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut bytes = [b'x'; 8];
                bytes[place] = b;
                let want = b.is_ascii_digit() || b >= 0x80;
                assert_eq!(digit_or_wide(u64::from_le_bytes(bytes)), want, "{b:#x} at {place}");
            }
        }
        // Around every digit the test is exact, whatever else is in the word.
        assert!(!digit_or_wide(u64::from_le_bytes(*b"/:/:/:/:")));
        assert!(digit_or_wide(u64::from_le_bytes(*b"/:/:/:/0")));
    }
}
