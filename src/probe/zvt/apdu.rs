//! The ZVT application protocol data unit (PA00P015, the APDU layout of
//! chapter 1): a control field of two bytes, `CLASS INSTR`, a length, then
//! the data. A length below 255 is one byte; `FF` announces a length of
//! two more bytes, low byte first, for data up to 65535 bytes.
//!
//! Only the byte layout lives here; what the data holds is [`super::bmp`]'s
//! business, and how APDUs cross the line is [`super::frame`]'s (serial)
//! or the raw TCP stream's.

use std::fmt;

/// Longest data field an APDU can carry.
pub const MAX_DATA: usize = u16::MAX as usize;

/// One APDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apdu {
    pub class: u8,
    pub instr: u8,
    pub data: Vec<u8>,
}

/// Why bytes are not an APDU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApduError {
    #[error("{got} byte(s) where an APDU needs at least 3 (class, instruction, length)")]
    TooShort { got: usize },
    #[error("the APDU announces {announced} data byte(s) but {got} follow")]
    Truncated { announced: usize, got: usize },
}

impl Apdu {
    pub fn new(class: u8, instr: u8, data: impl Into<Vec<u8>>) -> Apdu {
        Apdu { class, instr, data: data.into() }
    }

    /// The positive acknowledgement `80 00 00`.
    pub fn ack() -> Apdu {
        Apdu::new(0x80, 0x00, [])
    }

    /// A negative acknowledgement `84 xx 00` with its reason byte.
    pub fn nak(reason: u8) -> Apdu {
        Apdu::new(0x84, reason, [])
    }

    /// The control field as one number, `0x0501` for Status Enquiry.
    pub fn command(&self) -> u16 {
        u16::from_be_bytes([self.class, self.instr])
    }

    /// The bytes on the line; data beyond [`MAX_DATA`] is cut there.
    pub fn encode(&self) -> Vec<u8> {
        let data = &self.data[..self.data.len().min(MAX_DATA)];
        let mut out = Vec::with_capacity(data.len() + 5);
        out.extend_from_slice(&[self.class, self.instr]);
        if data.len() < 0xff {
            out.push(data.len() as u8);
        } else {
            out.push(0xff);
            out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        }
        out.extend_from_slice(data);
        out
    }

    /// Decode one APDU that fills `bytes` exactly (trailing bytes are an
    /// error too: a serial frame holds one APDU).
    pub fn decode(bytes: &[u8]) -> Result<Apdu, ApduError> {
        match Apdu::parse(bytes)? {
            Some((apdu, used)) if used == bytes.len() => Ok(apdu),
            Some((_, used)) => {
                Err(ApduError::Truncated { announced: used - header(bytes), got: bytes.len() })
            }
            None => {
                let (announced, head) = announced(bytes).unwrap_or((0, bytes.len()));
                if bytes.len() < 3 {
                    Err(ApduError::TooShort { got: bytes.len() })
                } else {
                    Err(ApduError::Truncated { announced, got: bytes.len() - head })
                }
            }
        }
    }

    /// The first APDU at the start of a stream: `None` while more bytes are
    /// needed, else the APDU and the bytes it took.
    pub fn parse(bytes: &[u8]) -> Result<Option<(Apdu, usize)>, ApduError> {
        let Some((len, head)) = announced(bytes) else { return Ok(None) };
        let end = head + len;
        if bytes.len() < end {
            return Ok(None);
        }
        Ok(Some((Apdu::new(bytes[0], bytes[1], &bytes[head..end]), end)))
    }
}

/// The announced data length and the header's size, once the header is in.
fn announced(bytes: &[u8]) -> Option<(usize, usize)> {
    match bytes {
        [_, _, 0xff, lo, hi, ..] => Some((usize::from(u16::from_le_bytes([*lo, *hi])), 5)),
        [_, _, 0xff, ..] => None,
        [_, _, len, ..] => Some((usize::from(*len), 3)),
        _ => None,
    }
}

fn header(bytes: &[u8]) -> usize {
    announced(bytes).map_or(3, |(_, h)| h)
}

impl fmt::Display for Apdu {
    /// `05 01 03 00 00 00`: the APDU as hex, as the technician's evidence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex(&self.encode()))
    }
}

/// Bytes as space-separated upper-case hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{b:02X}"));
    }
    s
}

/// Hex digits (spaces allowed) to bytes; `None` on anything else.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_lengths() {
        assert_eq!(Apdu::new(0x05, 0x01, [0x03, 0x00]).encode(), [0x05, 0x01, 0x02, 0x03, 0x00]);
        let long = Apdu::new(0x06, 0xd3, vec![0x41; 300]);
        let bytes = long.encode();
        assert_eq!(&bytes[..5], &[0x06, 0xd3, 0xff, 0x2c, 0x01]);
        assert_eq!(Apdu::decode(&bytes), Ok(long));
        let edge = Apdu::new(0x06, 0xd3, vec![0; 255]);
        assert_eq!(&edge.encode()[..5], &[0x06, 0xd3, 0xff, 0xff, 0x00]);
    }

    #[test]
    fn streams_wait_for_the_whole_apdu() {
        let bytes = [0x80, 0x00, 0x00, 0x06, 0x0f, 0x02, 0x27];
        let (first, used) = Apdu::parse(&bytes).ok().flatten().expect("ack");
        assert_eq!((first, used), (Apdu::ack(), 3));
        assert_eq!(Apdu::parse(&bytes[3..]), Ok(None));
        assert_eq!(Apdu::parse(&[0x06, 0xd3, 0xff, 0x10]), Ok(None));
    }

    #[test]
    fn bad_lengths_are_errors() {
        assert_eq!(Apdu::decode(&[0x80]), Err(ApduError::TooShort { got: 1 }));
        assert_eq!(
            Apdu::decode(&[0x06, 0x1e, 0x02, 0x6c]),
            Err(ApduError::Truncated { announced: 2, got: 1 })
        );
        assert!(Apdu::decode(&[0x80, 0x00, 0x00, 0x99]).is_err());
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(hex(&[0x06, 0x1e, 0x01, 0xa3]), "06 1E 01 A3");
        assert_eq!(unhex("06 1e01 A3"), Some(vec![0x06, 0x1e, 0x01, 0xa3]));
        assert_eq!(unhex("0g"), None);
    }
}
