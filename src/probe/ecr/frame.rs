//! The ECR reference framing (`docs/ecr-protocol.md`), bytes ↔ frames and
//! nothing more:
//!
//! ```text
//! STX | LEN_H LEN_L | CMD CMD | FS field | FS field … | ETX | LRC
//! ```
//!
//! LEN is the big-endian length of the data (command and fields); LRC is
//! the XOR of every byte after STX up to and including ETX. The
//! [`Decoder`] is incremental and resynchronises on garbage: it never
//! panics and never holds more than one frame's worth of bytes.

pub const STX: u8 = 0x02;
pub const ETX: u8 = 0x03;
pub const ACK: u8 = 0x06;
pub const NAK: u8 = 0x15;
pub const FS: u8 = 0x1c;

/// Largest data length accepted; anything longer is noise.
pub const MAX_DATA: usize = 2048;

/// One message: a two-letter command and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub command: String,
    pub fields: Vec<String>,
}

impl Frame {
    pub fn new(command: &str, fields: &[&str]) -> Frame {
        Frame {
            command: command.to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
        }
    }

    /// The data part: the command, then each field after an FS.
    pub fn data(&self) -> Vec<u8> {
        let mut data = self.command.as_bytes().to_vec();
        for field in &self.fields {
            data.push(FS);
            data.extend_from_slice(field.as_bytes());
        }
        data
    }

    /// The whole frame on the wire.
    pub fn encode(&self) -> Vec<u8> {
        encode_data(&self.data())
    }

    /// Read the data part of a frame.
    pub fn from_data(data: &[u8]) -> Result<Frame, FramingError> {
        let command = data.get(..2).ok_or(FramingError::Short { len: data.len() })?;
        if !command.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(FramingError::BadCommand { bytes: command.to_vec() });
        }
        let rest = &data[2..];
        let fields = match rest.first() {
            None => Vec::new(),
            Some(&FS) => rest[1..]
                .split(|b| *b == FS)
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
            Some(&other) => return Err(FramingError::MissingSeparator { found: other }),
        };
        Ok(Frame { command: String::from_utf8_lossy(command).into_owned(), fields })
    }
}

/// XOR of `bytes`.
pub fn lrc(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |acc, b| acc ^ b)
}

/// Frame `data`: STX, length, data, ETX, LRC. Data longer than
/// [`MAX_DATA`] is cut; no frame of posdiag comes near it.
pub fn encode_data(data: &[u8]) -> Vec<u8> {
    let data = &data[..data.len().min(MAX_DATA)];
    let len = u16::try_from(data.len()).unwrap_or(u16::MAX).to_be_bytes();
    let mut out = Vec::with_capacity(data.len() + 5);
    out.push(STX);
    out.extend_from_slice(&len);
    out.extend_from_slice(data);
    out.push(ETX);
    out.push(lrc(&out[1..]));
    out
}

/// A received frame as a person reads it: `<STX><LEN 9>EL<FS>00<FS>N=0<ETX><LRC 40>`.
/// Lossless like [`printable`](crate::probe::bytes::printable), but the
/// length and LRC bytes are shown as numbers, not as look-alike text.
pub fn frame_text(raw: &[u8]) -> String {
    use crate::probe::bytes::printable;
    match raw {
        [STX, hi, lo, data @ .., ETX, lrc] => {
            format!(
                "<STX><LEN {}>{}<ETX><LRC {lrc:02X}>",
                u16::from_be_bytes([*hi, *lo]),
                printable(data)
            )
        }
        _ => printable(raw),
    }
}

/// Why bytes that began like a frame are not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FramingError {
    #[error("checksum mismatch: the frame says LRC 0x{found:02X}, its bytes give 0x{expected:02X}")]
    BadLrc { expected: u8, found: u8 },
    #[error("no ETX where the length puts it (found 0x{found:02X})")]
    MissingEtx { found: u8 },
    #[error("length {len} is outside 2–{MAX_DATA}")]
    BadLength { len: usize },
    #[error("the data is {len} byte(s), too short for a command")]
    Short { len: usize },
    #[error(
        "`{}` is not a command code (two upper-case letters or digits)",
        crate::probe::bytes::printable(bytes)
    )]
    BadCommand { bytes: Vec<u8> },
    #[error("the command is followed by 0x{found:02X}, not the field separator FS")]
    MissingSeparator { found: u8 },
}

/// What the decoder found in the byte stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Ack,
    Nak,
    /// A good frame and its bytes as received.
    Frame {
        frame: Frame,
        raw: Vec<u8>,
    },
    /// A frame that failed its checks: to be answered with NAK.
    Corrupt {
        error: FramingError,
        raw: Vec<u8>,
    },
    /// Bytes outside any frame, skipped.
    Garbage(Vec<u8>),
}

impl Event {
    /// The bytes from the line this event stands for.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Event::Ack => &[ACK],
            Event::Nak => &[NAK],
            Event::Frame { raw, .. } | Event::Corrupt { raw, .. } => raw,
            Event::Garbage(bytes) => bytes,
        }
    }
}

/// Incremental decoder: push bytes, take events.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete event, or `None` until more bytes arrive.
    pub fn next_event(&mut self) -> Option<Event> {
        let first = *self.buf.first()?;
        match first {
            ACK => {
                self.buf.drain(..1);
                return Some(Event::Ack);
            }
            NAK => {
                self.buf.drain(..1);
                return Some(Event::Nak);
            }
            STX => {}
            _ => {
                let end = self
                    .buf
                    .iter()
                    .position(|b| matches!(*b, STX | ACK | NAK))
                    .unwrap_or(self.buf.len());
                return Some(Event::Garbage(self.buf.drain(..end).collect()));
            }
        }
        let len = usize::from(u16::from_be_bytes([*self.buf.get(1)?, *self.buf.get(2)?]));
        if !(2..=MAX_DATA).contains(&len) {
            // Not a frame start after all: drop the STX and resynchronise.
            return Some(Event::Corrupt {
                error: FramingError::BadLength { len },
                raw: self.buf.drain(..1).collect(),
            });
        }
        let total = len + 5;
        if self.buf.len() < total {
            return None;
        }
        let etx = self.buf[3 + len];
        if etx != ETX {
            return Some(Event::Corrupt {
                error: FramingError::MissingEtx { found: etx },
                raw: self.buf.drain(..1).collect(),
            });
        }
        let raw: Vec<u8> = self.buf.drain(..total).collect();
        let expected = lrc(&raw[1..total - 1]);
        let found = raw[total - 1];
        if expected != found {
            return Some(Event::Corrupt { error: FramingError::BadLrc { expected, found }, raw });
        }
        match Frame::from_data(&raw[3..3 + len]) {
            Ok(frame) => Some(Event::Frame { frame, raw }),
            Err(error) => Some(Event::Corrupt { error, raw }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ST` with no fields: LRC = 00 ^ 02 ^ 'S' ^ 'T' ^ ETX = 0x06.
    const ST_REQUEST: [u8; 7] = [0x02, 0x00, 0x02, 0x53, 0x54, 0x03, 0x06];

    #[test]
    fn encodes_with_known_lrc() {
        assert_eq!(Frame::new("ST", &[]).encode(), ST_REQUEST);
        assert_eq!(lrc(&[0x00, 0x02, 0x53, 0x54, 0x03]), 0x06);
        // LT FS 00: 00 ^ 05 ^ 4C ^ 54 ^ 1C ^ 30 ^ 30 ^ 03 = 0x02.
        assert_eq!(
            Frame::new("LT", &["00"]).encode(),
            [0x02, 0x00, 0x05, 0x4c, 0x54, 0x1c, 0x30, 0x30, 0x03, 0x02]
        );
        // The worked example of docs/ecr-protocol.md.
        assert_eq!(
            Frame::new("SE", &["00", "PAPER=OUT"]).encode(),
            [
                0x02, 0x00, 0x0f, 0x53, 0x45, 0x1c, 0x30, 0x30, 0x1c, 0x50, 0x41, 0x50, 0x45, 0x52,
                0x3d, 0x4f, 0x55, 0x54, 0x03, 0x3f
            ]
        );
    }

    #[test]
    fn decodes_frames_and_control_bytes() {
        let mut d = Decoder::new();
        d.push(&[ACK]);
        d.push(&Frame::new("LT", &["00", "RC=51"]).encode());
        d.push(&[NAK]);
        assert_eq!(d.next_event(), Some(Event::Ack));
        match d.next_event() {
            Some(Event::Frame { frame, raw }) => {
                assert_eq!(frame, Frame::new("LT", &["00", "RC=51"]));
                assert_eq!(raw.first(), Some(&STX));
            }
            other => panic!("expected a frame, got {other:?}"),
        }
        assert_eq!(d.next_event(), Some(Event::Nak));
        assert_eq!(d.next_event(), None);
    }

    #[test]
    fn waits_for_a_split_frame() {
        let mut d = Decoder::new();
        d.push(&ST_REQUEST[..4]);
        assert_eq!(d.next_event(), None);
        d.push(&ST_REQUEST[4..]);
        assert!(matches!(d.next_event(), Some(Event::Frame { .. })));
    }

    #[test]
    fn reports_a_bad_lrc() {
        let mut bytes = ST_REQUEST;
        bytes[6] = 0x05;
        let mut d = Decoder::new();
        d.push(&bytes);
        assert_eq!(
            d.next_event(),
            Some(Event::Corrupt {
                error: FramingError::BadLrc { expected: 0x06, found: 0x05 },
                raw: bytes.to_vec()
            })
        );
        assert_eq!(d.next_event(), None);
    }

    #[test]
    fn resyncs_after_garbage() {
        let mut d = Decoder::new();
        d.push(b"\xff\xfeAT");
        // An STX whose length is absurd, then a real frame.
        d.push(&[STX, 0xff, 0xff]);
        d.push(&ST_REQUEST);
        assert_eq!(d.next_event(), Some(Event::Garbage(b"\xff\xfeAT".to_vec())));
        assert!(matches!(
            d.next_event(),
            Some(Event::Corrupt { error: FramingError::BadLength { .. }, .. })
        ));
        assert_eq!(d.next_event(), Some(Event::Garbage(vec![0xff, 0xff])));
        assert!(matches!(d.next_event(), Some(Event::Frame { .. })));
        assert_eq!(d.next_event(), None);
    }

    #[test]
    fn shows_frames_readably() {
        let raw = Frame::new("EL", &["00", "N=0"]).encode();
        assert_eq!(frame_text(&raw), "<STX><LEN 9>EL<FS>00<FS>N=0<ETX><LRC 40>");
        assert_eq!(frame_text(&[0x06]), "<ACK>");
    }

    #[test]
    fn refuses_bad_data() {
        assert_eq!(Frame::from_data(b"S"), Err(FramingError::Short { len: 1 }));
        assert!(matches!(Frame::from_data(b"st"), Err(FramingError::BadCommand { .. })));
        assert_eq!(Frame::from_data(b"STX"), Err(FramingError::MissingSeparator { found: b'X' }));
        let mut d = Decoder::new();
        d.push(&encode_data(b"s\x1c1"));
        assert!(matches!(
            d.next_event(),
            Some(Event::Corrupt { error: FramingError::BadCommand { .. }, .. })
        ));
    }

    #[test]
    fn missing_etx_resyncs_from_the_next_byte() {
        let mut bytes = Frame::new("ST", &[]).encode();
        bytes[5] = b'X';
        let mut d = Decoder::new();
        d.push(&bytes);
        assert!(matches!(
            d.next_event(),
            Some(Event::Corrupt { error: FramingError::MissingEtx { found: b'X' }, .. })
        ));
        assert!(matches!(d.next_event(), Some(Event::Garbage(_))));
    }
}
