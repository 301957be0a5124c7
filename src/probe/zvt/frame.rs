//! ZVT's serial transport (PA00P016): an APDU travels as
//! `DLE STX <APDU> DLE ETX CRC-lo CRC-hi`, every `DLE` inside the APDU
//! doubled. The receiver answers the block with one byte, `ACK` (06) or
//! `NAK` (15), and a block NAKed or left unanswered is sent again, twice at
//! most. Over TCP none of this exists: APDUs follow each other bare.
//!
//! The checksum: the specification calls it CRC-XModem, but what
//! terminals and two independent implementations compute is the
//! reflected CCITT polynomial (0x8408) from zero, over the APDU bytes (not
//! the doubled ones) and the ETX — the catalogue's CRC-16/KERMIT, taken
//! here from the `crc` crate by that name.

use crc::{CRC_16_KERMIT, Crc};

pub const STX: u8 = 0x02;
pub const ETX: u8 = 0x03;
pub const ACK: u8 = 0x06;
pub const DLE: u8 = 0x10;
pub const NAK: u8 = 0x15;

/// Longest APDU a block may carry (a 5-byte header and 65535 data bytes).
const MAX_APDU: usize = 5 + u16::MAX as usize;

const KERMIT: Crc<u16> = Crc::<u16>::new(&CRC_16_KERMIT);

/// The block checksum of `apdu`: CRC-16/KERMIT over the APDU and ETX.
pub fn crc(apdu: &[u8]) -> u16 {
    let mut digest = KERMIT.digest();
    digest.update(apdu);
    digest.update(&[ETX]);
    digest.finalize()
}

/// The block for `apdu`.
pub fn encode(apdu: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(apdu.len() + 8);
    out.extend_from_slice(&[DLE, STX]);
    for &b in apdu {
        out.push(b);
        if b == DLE {
            out.push(DLE);
        }
    }
    out.extend_from_slice(&[DLE, ETX]);
    out.extend_from_slice(&crc(apdu).to_le_bytes());
    out
}

/// Recompute the checksum of every whole block in `bytes`: a recorded
/// chunk whose card numbers were masked (which broke the CRC), replayed.
pub fn reseal(bytes: &mut [u8]) {
    let mut p = 0;
    while p + 1 < bytes.len() {
        if bytes[p] != DLE || bytes[p + 1] != STX {
            p += 1;
            continue;
        }
        let mut apdu = Vec::new();
        let mut q = p + 2;
        let mut end = None;
        while q + 1 < bytes.len() {
            match (bytes[q], bytes[q + 1]) {
                (DLE, DLE) => {
                    apdu.push(DLE);
                    q += 2;
                }
                (DLE, ETX) => {
                    end = Some(q + 2);
                    break;
                }
                (DLE, _) => break,
                (b, _) => {
                    apdu.push(b);
                    q += 1;
                }
            }
        }
        match end.filter(|e| e + 2 <= bytes.len()) {
            Some(e) => {
                bytes[e..e + 2].copy_from_slice(&crc(&apdu).to_le_bytes());
                p = e + 2;
            }
            None => p += 1,
        }
    }
}

/// What arrived on a serial line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Ack,
    Nak,
    /// A block with a good checksum: its APDU bytes, and the block as
    /// received (for evidence).
    Block {
        apdu: Vec<u8>,
        raw: Vec<u8>,
    },
    /// A block whose checksum does not match, or whose `DLE` was followed
    /// by something other than `DLE` or `ETX`.
    Corrupt {
        raw: Vec<u8>,
    },
    /// Bytes outside any block.
    Garbage(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    /// Saw a DLE outside a block.
    Start,
    Data,
    /// Saw a DLE inside a block.
    Escape,
    /// After DLE ETX: `n` checksum bytes read.
    Crc(u8),
}

/// A streaming decoder of serial blocks.
#[derive(Debug)]
pub struct Decoder {
    state: State,
    apdu: Vec<u8>,
    raw: Vec<u8>,
    garbage: Vec<u8>,
    pending: std::collections::VecDeque<Event>,
}

impl Default for Decoder {
    fn default() -> Decoder {
        Decoder::new()
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder {
            state: State::Idle,
            apdu: Vec::new(),
            raw: Vec::new(),
            garbage: Vec::new(),
            pending: std::collections::VecDeque::new(),
        }
    }

    /// Feed received bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// The next complete event, if any.
    pub fn next_event(&mut self) -> Option<Event> {
        if self.pending.is_empty() && !self.garbage.is_empty() && self.state == State::Idle {
            return Some(Event::Garbage(std::mem::take(&mut self.garbage)));
        }
        self.pending.pop_front()
    }

    fn flush_garbage(&mut self) {
        if !self.garbage.is_empty() {
            self.pending.push_back(Event::Garbage(std::mem::take(&mut self.garbage)));
        }
    }

    fn corrupt(&mut self) {
        let raw = std::mem::take(&mut self.raw);
        self.apdu.clear();
        self.pending.push_back(Event::Corrupt { raw });
        self.state = State::Idle;
    }

    fn byte(&mut self, b: u8) {
        match self.state {
            State::Idle => match b {
                ACK => {
                    self.flush_garbage();
                    self.pending.push_back(Event::Ack);
                }
                NAK => {
                    self.flush_garbage();
                    self.pending.push_back(Event::Nak);
                }
                DLE => self.state = State::Start,
                _ => self.garbage.push(b),
            },
            State::Start => {
                if b == STX {
                    self.flush_garbage();
                    self.raw = vec![DLE, STX];
                    self.apdu.clear();
                    self.state = State::Data;
                } else {
                    self.garbage.push(DLE);
                    self.state = State::Idle;
                    self.byte(b);
                }
            }
            State::Data => {
                self.raw.push(b);
                if b == DLE {
                    self.state = State::Escape;
                } else {
                    self.apdu.push(b);
                }
                if self.apdu.len() > MAX_APDU {
                    self.corrupt();
                }
            }
            State::Escape => {
                self.raw.push(b);
                match b {
                    DLE => {
                        self.apdu.push(DLE);
                        self.state = State::Data;
                    }
                    ETX => self.state = State::Crc(0),
                    // A new block starts: the one before was cut off.
                    STX => {
                        self.raw.truncate(self.raw.len() - 2);
                        self.corrupt();
                        self.raw = vec![DLE, STX];
                        self.state = State::Data;
                    }
                    _ => self.corrupt(),
                }
            }
            State::Crc(n) => {
                self.raw.push(b);
                if n == 0 {
                    self.state = State::Crc(1);
                    return;
                }
                let got = u16::from_le_bytes([self.raw[self.raw.len() - 2], b]);
                let raw = std::mem::take(&mut self.raw);
                let apdu = std::mem::take(&mut self.apdu);
                self.state = State::Idle;
                if got == crc(&apdu) {
                    self.pending.push_back(Event::Block { apdu, raw });
                } else {
                    self.pending.push_back(Event::Corrupt { raw });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(bytes: &[u8]) -> Vec<Event> {
        let mut d = Decoder::new();
        d.push(bytes);
        std::iter::from_fn(|| d.next_event()).collect()
    }

    #[test]
    fn the_checksum_is_the_catalogue_kermit() {
        // The catalogue's check value of CRC-16/KERMIT.
        assert_eq!(KERMIT.checksum(b"123456789"), 0x2189);
        // Over APDU and ETX, sent low byte first.
        let block = encode(&[0x80, 0x00, 0x00]);
        let sum = KERMIT.checksum(&[0x80, 0x00, 0x00, ETX]).to_le_bytes();
        assert_eq!(&block[..7], &[DLE, STX, 0x80, 0x00, 0x00, DLE, ETX]);
        assert_eq!(&block[7..], &sum);
    }

    #[test]
    fn dle_inside_the_apdu_is_doubled_and_undone() {
        let apdu = [0x06, 0xd3, 0x03, 0x10, 0x02, 0x10];
        let block = encode(&apdu);
        assert_eq!(&block[2..11], &[0x06, 0xd3, 0x03, DLE, DLE, 0x02, DLE, DLE, DLE]);
        let got = events(&block);
        assert_eq!(got, [Event::Block { apdu: apdu.to_vec(), raw: block.clone() }]);
    }

    #[test]
    fn reseal_mends_the_sums_of_whole_blocks_only() {
        let apdu = [0x06, 0xd1, 0x03, 0x00, b'4', b'1'];
        let mut bytes = encode(&apdu);
        let n = bytes.len();
        bytes[n - 5] = b'*';
        bytes[n - 6] = b'*';
        let mut half = bytes[..n - 1].to_vec();
        reseal(&mut bytes);
        let got = events(&bytes);
        assert!(matches!(&got[0], Event::Block { apdu, .. } if apdu.ends_with(b"**")), "{got:?}");
        let before = half.clone();
        reseal(&mut half);
        assert_eq!(half, before, "a block cut short is left alone");
    }

    #[test]
    fn acks_naks_noise_and_bad_sums() {
        let mut bad = encode(&[0x80, 0x00, 0x00]);
        let last = bad.len() - 1;
        bad[last] ^= 0xff;
        let mut bytes = vec![0xff, ACK, NAK];
        bytes.extend_from_slice(&bad);
        let got = events(&bytes);
        assert_eq!(got[0], Event::Garbage(vec![0xff]));
        assert_eq!(got[1], Event::Ack);
        assert_eq!(got[2], Event::Nak);
        assert!(matches!(got[3], Event::Corrupt { .. }), "{got:?}");
        assert!(matches!(events(&[DLE, STX, 0x80, DLE, 0x41])[0], Event::Corrupt { .. }));
    }
}
