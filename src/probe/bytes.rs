//! Bytes as a person reads them: printable ASCII as is, control bytes by
//! name (`<CR>`, `<STX>`), anything else as `<xx>` hex. Lossless, so the
//! evidence behind a fact and the `--record` file show exactly what crossed
//! the wire; and plain hex for the record's byte column.

use std::fmt::Write as _;

/// `b"AT\r\n"` → `AT<CR><LF>`; `[0x02, 0x00, 0x41]` → `<STX><00>A`.
pub fn printable(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'<' => out.push_str("<3c>"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => match control_name(b) {
                Some(name) => {
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                }
                None => {
                    let _ = write!(out, "<{b:02x}>");
                }
            },
        }
    }
    out
}

/// `[0x41, 0x0d]` → `41 0d`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn control_name(b: u8) -> Option<&'static str> {
    Some(match b {
        0x02 => "STX",
        0x03 => "ETX",
        0x04 => "EOT",
        0x05 => "ENQ",
        0x06 => "ACK",
        0x0a => "LF",
        0x0d => "CR",
        0x15 => "NAK",
        0x17 => "ETB",
        0x1c => "FS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(bytes: &[u8], text: &str, hexed: &str) {
        assert_eq!(printable(bytes), text);
        assert_eq!(hex(bytes), hexed);
    }

    #[test]
    fn renders_bytes() {
        case(b"AT+CSQ\r", "AT+CSQ<CR>", "41 54 2b 43 53 51 0d");
        case(
            &[0x02, 0x00, 0x02, b'S', b'T', 0x03, 0x55],
            "<STX><00><STX>ST<ETX>U",
            "02 00 02 53 54 03 55",
        );
        case(&[0x06, 0x15, 0xff, b'<'], "<ACK><NAK><ff><3c>", "06 15 ff 3c");
        case(b"", "", "");
    }
}
