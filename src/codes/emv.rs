//! Status words a technician pastes from a log, each bit a flag: EMV's
//! Terminal Verification Results (TVR, tag 95, 5 bytes) and Transaction
//! Status Information (TSI, tag 9B, 2 bytes), and a ZVT terminal's locks
//! (TLV `1F55` of the Status Enquiry, 2 bytes). Parsing the hex and
//! finding the set bits is pure; what each bit means comes from the code
//! tables (`rules/codes/emv.yaml`, `rules/codes/zvt.yaml`), so an overlay
//! can refine it or add the bits a terminal maker documents.
//!
//! Bytes count from 1 (leftmost) and bits from 8 (most significant, mask
//! `0x80`) down to 1, as EMV counts them: `B4b8` of TVR `0000008000` is
//! set, and ZVT locks `4000` set `B1b7`.

use super::book::{Bit, CodeBook};
use super::model::{BitDef, CodeFile};
use crate::source::Spanned;

/// Which status word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Word {
    Tvr,
    Tsi,
    #[serde(rename = "zvt_locks")]
    ZvtLocks,
}

impl Word {
    /// Every status word, in the order the tables list them.
    pub const ALL: [Word; 3] = [Word::Tvr, Word::Tsi, Word::ZvtLocks];

    /// The bits a code table file lists for this word (`tvr:`, `tsi:`,
    /// `zvt_locks:`).
    pub fn in_file(self, f: &CodeFile) -> &[Spanned<BitDef>] {
        match self {
            Word::Tvr => &f.tvr,
            Word::Tsi => &f.tsi,
            Word::ZvtLocks => &f.zvt_locks,
        }
    }

    /// How the checker names one of its bits: `TVR` bit B3b5, `ZVT lock`
    /// bit B1b7.
    pub fn bit_label(self) -> &'static str {
        match self {
            Word::ZvtLocks => "ZVT lock",
            word => word.name(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Word::Tvr => "TVR",
            Word::Tsi => "TSI",
            Word::ZvtLocks => "ZVT lock value",
        }
    }

    /// The word as the JSON report names it: `tvr`, `tsi`, `zvt_locks`.
    pub fn id(self) -> &'static str {
        match self {
            Word::Tvr => "tvr",
            Word::Tsi => "tsi",
            Word::ZvtLocks => "zvt_locks",
        }
    }

    /// The word's bits in the code tables.
    pub fn bits(self, book: &CodeBook) -> &[Bit] {
        match self {
            Word::Tvr => book.tvr(),
            Word::Tsi => book.tsi(),
            Word::ZvtLocks => book.zvt_locks(),
        }
    }

    /// Its name in `lang`: the EMV names are the same in every language.
    pub fn name_in(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Word::ZvtLocks => lang.t("hex-word-zvt-locks"),
            word => word.name(),
        }
    }

    /// Length in bytes.
    pub fn bytes(self) -> usize {
        match self {
            Word::Tvr => 5,
            Word::Tsi | Word::ZvtLocks => 2,
        }
    }

    /// An example value, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Word::Tvr => "0000048000",
            Word::Tsi => "E800",
            Word::ZvtLocks => "4000",
        }
    }
}

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Longest input echoed back in a message.
const SHOWN_CHARS: usize = 40;

/// Why a pasted value is not the status word asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    #[error("no {word} given; it takes {digits} hex digits, e.g. `{example}`")]
    Empty { word: Word, digits: usize, example: &'static str },
    #[error(
        "`{ch}` in `{input}` is not a hex digit; a {word} is {digits} hex digits (0-9, A-F), e.g. `{example}`"
    )]
    NotHex { word: Word, input: String, ch: char, digits: usize, example: &'static str },
    #[error(
        "a {word} is {bytes} bytes, {digits} hex digits (e.g. `{example}`), but `{input}` has {found}"
    )]
    WrongLength {
        word: Word,
        input: String,
        bytes: usize,
        digits: usize,
        found: usize,
        example: &'static str,
    },
}

/// Parse a pasted value: hex digits in either case, optionally split by
/// spaces, each part optionally starting with `0x`. Exactly the word's
/// length, or an error naming what was expected.
pub fn parse_hex(word: Word, input: &str) -> Result<Vec<u8>, HexError> {
    let digits = word.bytes() * 2;
    let shown = || {
        let masked = crate::mask::mask_pans(input.trim());
        let mut s: String = masked.chars().take(SHOWN_CHARS).collect();
        if masked.chars().count() > SHOWN_CHARS {
            s.push('…');
        }
        s
    };
    let mut hex = String::new();
    for part in input.split_whitespace() {
        let part = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")).unwrap_or(part);
        if let Some(ch) = part.chars().find(|c| !c.is_ascii_hexdigit()) {
            return Err(HexError::NotHex {
                word,
                input: shown(),
                ch,
                digits,
                example: word.example(),
            });
        }
        hex.push_str(part);
    }
    if hex.is_empty() {
        return Err(HexError::Empty { word, digits, example: word.example() });
    }
    if hex.len() != digits {
        return Err(HexError::WrongLength {
            word,
            input: shown(),
            bytes: word.bytes(),
            digits,
            found: hex.len(),
            example: word.example(),
        });
    }
    Ok(hex
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).unwrap_or("00");
            u8::from_str_radix(text, 16).unwrap_or(0)
        })
        .collect())
}

/// One set bit and, when the tables know it, its meaning.
#[derive(Debug, Clone, Copy)]
pub struct SetBit<'b> {
    /// 1-based byte.
    pub byte: u8,
    /// 8 (most significant) to 1.
    pub bit: u8,
    pub mask: u8,
    /// `None` for a bit the tables do not define (reserved for future use).
    pub known: Option<&'b Bit>,
}

/// Every set bit of `bytes`, byte 1 first, most significant bit first.
pub fn decode<'b>(bytes: &[u8], table: &'b [Bit]) -> Vec<SetBit<'b>> {
    let mut out = Vec::new();
    for (i, &value) in bytes.iter().enumerate() {
        let byte = u8::try_from(i + 1).unwrap_or(u8::MAX);
        for bit in (1..=8u8).rev() {
            let mask = 1u8 << (bit - 1);
            if value & mask != 0 {
                let known = table.iter().find(|b| b.byte == byte && b.bit == bit);
                out.push(SetBit { byte, bit, mask, known });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Localized;

    fn bit(byte: u8, bit: u8, en: &str) -> Bit {
        Bit {
            byte,
            bit,
            meaning: Localized::new(en, en),
            check: Localized::new("", ""),
            node: None,
            table: 0,
            source: None,
        }
    }

    fn set(word: Word, hex: &str, table: &[Bit]) -> Vec<(u8, u8, u8, Option<String>)> {
        let bytes = parse_hex(word, hex).unwrap();
        decode(&bytes, table)
            .into_iter()
            .map(|s| (s.byte, s.bit, s.mask, s.known.map(|b| b.meaning.en.clone())))
            .collect()
    }

    #[test]
    fn tvr_hand_checked() {
        let table =
            [bit(1, 8, "ODA not performed"), bit(3, 3, "online PIN"), bit(4, 8, "floor limit")];
        // 00 00 00 80 00: byte 4 = 1000 0000 → B4b8.
        assert_eq!(
            set(Word::Tvr, "0000008000", &table),
            [(4, 8, 0x80, Some("floor limit".into()))]
        );
        // 80 00 04 80 00: B1b8, B3b3 (0x04), B4b8.
        assert_eq!(
            set(Word::Tvr, "8000048000", &table),
            [
                (1, 8, 0x80, Some("ODA not performed".into())),
                (3, 3, 0x04, Some("online PIN".into())),
                (4, 8, 0x80, Some("floor limit".into())),
            ]
        );
        // 00 00 00 00 01: B5b1, which the table does not define.
        assert_eq!(set(Word::Tvr, "0000000001", &table), [(5, 1, 0x01, None)]);
        assert!(set(Word::Tvr, "0000000000", &table).is_empty());
    }

    #[test]
    fn zvt_locks_hand_checked() {
        // CCV's manual: `40 00` commissioning, `02 00` initialisation.
        let table = [bit(1, 7, "commissioning"), bit(1, 2, "initialisation")];
        assert_eq!(
            set(Word::ZvtLocks, "40 00", &table),
            [(1, 7, 0x40, Some("commissioning".into()))]
        );
        // 42 01: both, and B2b1 which the table does not name.
        assert_eq!(
            set(Word::ZvtLocks, "0x4201", &table),
            [
                (1, 7, 0x40, Some("commissioning".into())),
                (1, 2, 0x02, Some("initialisation".into())),
                (2, 1, 0x01, None),
            ]
        );
        assert!(set(Word::ZvtLocks, "0000", &table).is_empty());
        assert!(matches!(
            parse_hex(Word::ZvtLocks, "420"),
            Err(HexError::WrongLength { found: 3, .. })
        ));
    }

    #[test]
    fn tsi_hand_checked() {
        // E8 = 1110 1000 → b8, b7, b6, b4.
        let bits: Vec<(u8, u8)> =
            set(Word::Tsi, "E800", &[]).into_iter().map(|(b, i, _, _)| (b, i)).collect();
        assert_eq!(bits, [(1, 8), (1, 7), (1, 6), (1, 4)]);
    }

    #[test]
    fn spellings() {
        for ok in [
            "0000048000",
            "00 00 04 80 00",
            "0x0000048000",
            "0x00 0x00 0x04 0x80 0x00",
            "  0000048000\n",
        ] {
            assert_eq!(parse_hex(Word::Tvr, ok).unwrap(), [0, 0, 0x04, 0x80, 0], "{ok:?}");
        }
        assert_eq!(parse_hex(Word::Tsi, "e8 00").unwrap(), [0xE8, 0]);
    }

    #[test]
    fn malformed() {
        assert!(matches!(parse_hex(Word::Tvr, ""), Err(HexError::Empty { .. })));
        assert!(matches!(parse_hex(Word::Tvr, "0x"), Err(HexError::Empty { .. })));
        let e = parse_hex(Word::Tvr, "00000480").unwrap_err();
        assert!(matches!(e, HexError::WrongLength { found: 8, digits: 10, .. }), "{e}");
        assert!(e.to_string().contains("10 hex digits"), "{e}");
        let e = parse_hex(Word::Tsi, "E8G0").unwrap_err();
        assert!(matches!(e, HexError::NotHex { ch: 'G', .. }), "{e}");
        let e = parse_hex(Word::Tvr, "00-00-04-80-00").unwrap_err();
        assert!(matches!(e, HexError::NotHex { ch: '-', .. }), "{e}");
        // A card number pasted by mistake is masked in the message.
        let e = parse_hex(Word::Tvr, "4111111111111111").unwrap_err();
        assert!(!e.to_string().contains("4111111111111111"), "{e}");
    }
}
