//! Bitmaps (BMPs): the tagged fields an APDU's data is made of (PA00P015,
//! chapter 12, the list of bitmaps). Each field is a one-byte number, then
//! a value whose length the number fixes, or an LL/LLL length of two or
//! three bytes `Fx Fy (Fz)` holding decimal digits, or, for `06`, a TLV
//! container ([`super::tlv`]). A number not in the list has no known
//! length: decoding stops there and keeps the rest as bytes.

use super::tlv::{self, Tlv};

/// How long a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Len {
    Fixed(usize),
    /// Two length bytes `Fx Fy`: up to 99.
    Ll,
    /// Three length bytes `Fx Fy Fz`: up to 999.
    Lll,
    /// A TLV length (BMP `06`).
    Tlv,
}

/// The bitmaps posdiag knows: number, length, name.
pub const BITMAPS: &[(u8, Len, &str)] = &[
    (0x01, Len::Fixed(1), "timeout"),
    (0x02, Len::Fixed(1), "max. status infos"),
    (0x03, Len::Fixed(1), "service byte"),
    (0x04, Len::Fixed(6), "amount"),
    (0x05, Len::Fixed(1), "pump number"),
    (0x06, Len::Tlv, "TLV container"),
    (0x0b, Len::Fixed(3), "trace number"),
    (0x0c, Len::Fixed(3), "time"),
    (0x0d, Len::Fixed(2), "date"),
    (0x0e, Len::Fixed(2), "expiry date"),
    (0x17, Len::Fixed(2), "card sequence number"),
    (0x19, Len::Fixed(1), "payment type / status byte"),
    (0x22, Len::Ll, "card number"),
    (0x23, Len::Ll, "track 2"),
    (0x24, Len::Lll, "track 3"),
    (0x27, Len::Fixed(1), "result code"),
    (0x29, Len::Fixed(4), "terminal id"),
    (0x2a, Len::Fixed(15), "contract number"),
    (0x2d, Len::Ll, "track 1"),
    (0x37, Len::Fixed(3), "original trace number"),
    (0x3a, Len::Fixed(2), "CVV/CVC"),
    (0x3b, Len::Fixed(8), "authorisation attribute"),
    (0x3c, Len::Lll, "additional text"),
    (0x3d, Len::Fixed(3), "password"),
    (0x49, Len::Fixed(2), "currency code"),
    (0x60, Len::Lll, "single amounts"),
    (0x87, Len::Fixed(2), "receipt number"),
    (0x88, Len::Fixed(3), "turnover record number"),
    (0x8a, Len::Fixed(1), "card type"),
    (0x8b, Len::Ll, "card name"),
    (0x8c, Len::Fixed(1), "card type of the network operator"),
    (0x92, Len::Lll, "additional chip data"),
    (0x9a, Len::Lll, "Geldkarte payment data"),
    (0xa0, Len::Fixed(1), "host result code"),
    (0xa7, Len::Ll, "chip data"),
    (0xaa, Len::Fixed(3), "date (YYMMDD)"),
    (0xaf, Len::Lll, "EF_Info"),
    (0xba, Len::Fixed(5), "AID parameter"),
    (0xfc, Len::Fixed(1), "dialog control"),
];

/// The BMP numbers whose values hold a card number (masked when shown).
pub const CARD_DATA: [u8; 4] = [0x22, 0x23, 0x24, 0x2d];

/// The length and name of bitmap `n`, if known.
pub fn known(n: u8) -> Option<(Len, &'static str)> {
    BITMAPS.iter().find(|(b, _, _)| *b == n).map(|(_, len, name)| (*len, *name))
}

/// One field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub bmp: u8,
    /// The value bytes (without the length bytes).
    pub value: Vec<u8>,
    /// For BMP `06`: the objects, if the container parsed.
    pub tlv: Vec<Tlv>,
}

/// The fields of a sequence, and what could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub fields: Vec<Field>,
    /// Bytes from the first field that could not be read (unknown number,
    /// cut-off value) to the end.
    pub rest: Vec<u8>,
}

impl Fields {
    pub fn get(&self, bmp: u8) -> Option<&Field> {
        self.fields.iter().find(|f| f.bmp == bmp)
    }

    /// The TLV objects of the container, if one came.
    pub fn tlv(&self) -> &[Tlv] {
        self.get(0x06).map_or(&[], |f| f.tlv.as_slice())
    }
}

/// Read an `Fx Fy (Fz)` length of `digits` bytes at `at`.
pub fn var_len(bytes: &[u8], at: usize, digits: usize) -> Option<usize> {
    let mut n = 0usize;
    for i in 0..digits {
        let b = *bytes.get(at + i)?;
        if b & 0xf0 != 0xf0 || b & 0x0f > 9 {
            return None;
        }
        n = n * 10 + usize::from(b & 0x0f);
    }
    Some(n)
}

/// Write an `Fx Fy (Fz)` length (values above the digits' range are cut).
pub fn put_var_len(out: &mut Vec<u8>, n: usize, digits: usize) {
    let n = n.min(10usize.pow(digits as u32) - 1);
    for i in (0..digits).rev() {
        out.push(0xf0 | ((n / 10usize.pow(i as u32)) % 10) as u8);
    }
}

/// The value's start and length of a field of `len` at `at` (just past
/// the BMP number).
fn span(bytes: &[u8], at: usize, len: Len) -> Option<(usize, usize)> {
    match len {
        Len::Fixed(n) => Some((at, n)),
        Len::Ll => Some((at + 2, var_len(bytes, at, 2)?)),
        Len::Lll => Some((at + 3, var_len(bytes, at, 3)?)),
        Len::Tlv => match *bytes.get(at)? {
            n @ 0..=0x7f => Some((at + 1, usize::from(n))),
            0x81 => Some((at + 2, usize::from(*bytes.get(at + 1)?))),
            0x82 => {
                let n = u16::from_be_bytes([*bytes.get(at + 1)?, *bytes.get(at + 2)?]);
                Some((at + 3, usize::from(n)))
            }
            _ => None,
        },
    }
}

/// Decode a sequence of fields.
pub fn decode(bytes: &[u8]) -> Fields {
    let mut out = Fields::default();
    let mut p = 0;
    while p < bytes.len() {
        let bmp = bytes[p];
        let Some((start, n)) = known(bmp).and_then(|(len, _)| span(bytes, p + 1, len)) else {
            break;
        };
        let Some(value) = bytes.get(start..start + n) else { break };
        let tlv = if bmp == 0x06 { tlv::decode(value).unwrap_or_default() } else { Vec::new() };
        out.fields.push(Field { bmp, value: value.to_vec(), tlv });
        p = start + n;
    }
    out.rest = bytes[p.min(bytes.len())..].to_vec();
    out
}

/// Encode fields in order (the simulator's side).
pub fn encode(fields: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (bmp, value) in fields {
        out.push(*bmp);
        match known(*bmp).map(|(len, _)| len) {
            Some(Len::Ll) => put_var_len(&mut out, value.len(), 2),
            Some(Len::Lll) => put_var_len(&mut out, value.len(), 3),
            Some(Len::Tlv) => {
                let n = value.len();
                match n {
                    0..=0x7f => out.push(n as u8),
                    0x80..=0xff => out.extend_from_slice(&[0x81, n as u8]),
                    _ => {
                        out.push(0x82);
                        out.extend_from_slice(&(n.min(0xffff) as u16).to_be_bytes());
                    }
                }
            }
            _ => {}
        }
        out.extend_from_slice(value);
    }
    out
}

/// Packed BCD digits as text (`52 52 35 35` → `52523535`); a nibble `F`
/// (padding) ends the digits, and a nibble `E` is a digit the terminal
/// masked itself (`55 98 83 EE EE EE 80 74` → `559883******8074`).
pub fn bcd(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            match nibble {
                0..=9 => s.push(char::from(b'0' + nibble)),
                0x0e => s.push('*'),
                0x0f => return s,
                _ => s.push('?'),
            }
        }
    }
    s
}

/// Text to packed BCD of `n` bytes, zero-padded on the left.
pub fn to_bcd(digits: &str, n: usize) -> Vec<u8> {
    let digits: Vec<u8> =
        digits.bytes().filter(u8::is_ascii_digit).map(|d| d - b'0').collect::<Vec<_>>();
    let mut padded = vec![0u8; (n * 2).saturating_sub(digits.len())];
    padded.extend(digits.iter().rev().take(n * 2).rev());
    padded.chunks(2).map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_var_and_tlv_fields() {
        let bytes = encode(&[
            (0x27, vec![0x00]),
            (0x29, to_bcd("52523535", 4)),
            (0x8b, b"MasterCard".to_vec()),
            (0x06, vec![0x1f, 0x44, 0x01, 0x07]),
        ]);
        let f = decode(&bytes);
        assert!(f.rest.is_empty(), "{:?}", f.rest);
        assert_eq!(f.get(0x29).map(|x| bcd(&x.value)), Some("52523535".into()));
        assert_eq!(f.get(0x8b).map(|x| x.value.clone()), Some(b"MasterCard".to_vec()));
        assert_eq!(f.tlv().len(), 1);
        assert_eq!(&bytes[8..10], &[0xf1, 0xf0], "LL length of ten");
    }

    #[test]
    fn unknown_numbers_stop_decoding() {
        let f = decode(&[0x27, 0x00, 0xfe, 0x01, 0x02]);
        assert_eq!(f.fields.len(), 1);
        assert_eq!(f.rest, [0xfe, 0x01, 0x02]);
        let cut = decode(&[0x29, 0x01]);
        assert!(cut.fields.is_empty());
        assert_eq!(cut.rest, [0x29, 0x01]);
    }

    #[test]
    fn bcd_text() {
        assert_eq!(to_bcd("978", 2), [0x09, 0x78]);
        assert_eq!(bcd(&[0x55, 0x98, 0x8f]), "55988");
        assert_eq!(to_bcd("123456", 3), [0x12, 0x34, 0x56]);
    }
}
