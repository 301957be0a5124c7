//! Card numbers in ZVT's binary fields, masked in place for `--record`:
//! BMP `22` carries the card number as packed BCD after a two-byte LL
//! length (`22 F0 F8 55 98 83 …`), which the text masker never sees as
//! digits. Every digit but the first 6 and last 4 becomes the nibble `E`,
//! the way terminals mask it themselves, so no byte count changes.

use super::bmp::var_len;

/// Mask every BMP `22` card number in `bytes`; whether anything changed.
pub fn mask_bcd(bytes: &mut [u8]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i + 3 < bytes.len() {
        let n = if bytes[i] == 0x22 { var_len(bytes, i + 1, 2) } else { None };
        let Some(n) = n.filter(|n| (7..=10).contains(n)) else {
            i += 1;
            continue;
        };
        let start = i + 3;
        let Some(field) = bytes.get_mut(start..start + n) else { break };
        changed |= mask_field(field);
        i = start + n;
    }
    changed
}

/// Mask the middle digits of one BCD card number, if it looks like one:
/// 13 to 19 digit nibbles (or `E`, already masked), `F` padding last.
fn mask_field(field: &mut [u8]) -> bool {
    let nibbles: Vec<u8> = field.iter().flat_map(|b| [b >> 4, b & 0x0f]).collect();
    let digits = nibbles.iter().take_while(|&&x| x != 0x0f).count();
    let shaped = nibbles[..digits].iter().all(|&x| x <= 9 || x == 0x0e)
        && nibbles[digits..].iter().all(|&x| x == 0x0f)
        && (13..=19).contains(&digits);
    if !shaped {
        return false;
    }
    let mut changed = false;
    for k in 6..digits - 4 {
        let byte = &mut field[k / 2];
        let (shift, keep) = if k % 2 == 0 { (4, 0x0f) } else { (0, 0xf0) };
        let new = (*byte & keep) | (0x0e << shift);
        changed |= new != *byte;
        *byte = new;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_digits_of_bmp_22() {
        // 4111111111111111 in a Status Information, then a result code.
        let mut bytes = vec![0x04, 0x0f, 0x0d, 0x22, 0xf0, 0xf8];
        bytes.extend([0x41, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x27, 0x00]);
        assert!(mask_bcd(&mut bytes));
        assert_eq!(&bytes[6..14], &[0x41, 0x11, 0x11, 0xee, 0xee, 0xee, 0x11, 0x11]);
        assert_eq!(&bytes[14..], &[0x27, 0x00]);
        // Already masked by the terminal: nothing changes.
        assert!(!mask_bcd(&mut bytes));
        // 19 digits with F padding.
        let mut giro = vec![0x22, 0xf1, 0xf0, 0x47, 0x11, 0x00, 0x80, 0x05, 0x75, 0x70, 0x38];
        giro.extend([0x00, 0x4f]);
        assert!(mask_bcd(&mut giro));
        assert_eq!(&giro[3..], &[0x47, 0x11, 0x00, 0xee, 0xee, 0xee, 0xee, 0xe8, 0x00, 0x4f]);
    }

    #[test]
    fn leaves_other_bytes_alone() {
        let mut text = b"AT+CSQ\r\n\"+CSQ: 24,99\"".to_vec();
        let before = text.clone();
        assert!(!mask_bcd(&mut text));
        assert_eq!(text, before);
        let mut short = vec![0x22, 0xf0, 0xf2, 0x12, 0x34];
        assert!(!mask_bcd(&mut short));
    }
}
