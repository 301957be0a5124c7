//! A decoded status word — an EMV TVR or TSI, a ZVT terminal's locks — as
//! data (`posdiag tvr|tsi|zvt-locks --format json`, a
//! versioned contract) and as a table: every set bit, its meaning, what to
//! check, the node to walk from, and the table the meaning came from.

use std::fmt::Write as _;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use serde::{Deserialize, Serialize};

use super::code::TableOut;
use crate::codes::emv::{SetBit, Word};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;

/// Version of the JSON shape; bumped on any incompatible change.
pub const EMV_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmvReport {
    pub version: u32,
    /// `tvr`, `tsi` or `zvt_locks`.
    pub word: String,
    /// The value, upper-case hex without spaces.
    pub hex: String,
    /// Every set bit, byte 1 first, most significant bit first.
    pub bits: Vec<BitOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BitOut {
    pub byte: u8,
    pub bit: u8,
    /// `0x80` for bit 8.
    pub mask: String,
    /// Whether the tables define this bit; `false` for a reserved one.
    pub known: bool,
    pub meaning: String,
    pub check: Option<String>,
    /// Where to walk from, when a node applies.
    pub node: Option<String>,
    pub table: Option<TableOut>,
    /// Where the meaning comes from, when the bit names a source of its
    /// own (a terminal maker's manual rather than the table's standard).
    #[serde(default)]
    pub source: Option<String>,
}

impl EmvReport {
    pub fn new(
        rules: &KnowledgeBase,
        word: Word,
        bytes: &[u8],
        set: &[SetBit<'_>],
        lang: Lang,
    ) -> Self {
        let bits = set
            .iter()
            .map(|s| match s.known {
                Some(b) => {
                    let t = rules.codes().table(b.table);
                    BitOut {
                        byte: s.byte,
                        bit: s.bit,
                        mask: format!("0x{:02X}", s.mask),
                        known: true,
                        meaning: b.meaning.get(lang).to_string(),
                        check: Some(b.check.get(lang).to_string()),
                        node: b.node.map(|n| rules.node(n).id.clone()),
                        table: Some(TableOut {
                            id: t.id.clone(),
                            title: t.title.get(lang).to_string(),
                            file: t.file.clone(),
                            overlay: t.overlay,
                        }),
                        source: b.source.clone(),
                    }
                }
                // EMV leaves its undefined bits for future use; a ZVT lock
                // bit without a row is one the tables do not name yet.
                None => BitOut {
                    byte: s.byte,
                    bit: s.bit,
                    mask: format!("0x{:02X}", s.mask),
                    known: false,
                    meaning: lang
                        .t(match word {
                            Word::ZvtLocks => "emv-zvt-lock-not-in-the-tables",
                            _ => "emv-reserved-for-future-use-rfu",
                        })
                        .to_string(),
                    check: Some(
                        lang.t(match word {
                            Word::ZvtLocks => "emv-zvt-lock-look-it-up",
                            _ => "emv-check-the-value-was-copied",
                        })
                        .to_string(),
                    ),
                    node: None,
                    table: None,
                    source: None,
                },
            })
            .collect();
        EmvReport {
            version: EMV_VERSION,
            word: word.id().into(),
            hex: bytes.iter().map(|b| format!("{b:02X}")).collect(),
            bits,
        }
    }
}

/// The report as a table, with a heading and where to go next.
pub fn render_emv(r: &EmvReport, lang: Lang) -> String {
    let mut out = String::new();
    let name = match r.word.as_str() {
        "zvt_locks" => lang.t("emv-zvt-locks").to_string(),
        word => word.to_uppercase(),
    };
    let spaced: Vec<String> =
        r.hex.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    if r.bits.is_empty() {
        let none = match r.word.as_str() {
            "tvr" => lang.t("emv-no-bit-is-set-the"),
            "zvt_locks" => lang.t("emv-no-lock-is-set"),
            _ => lang.t("emv-no-bit-is-set-no"),
        };
        let _ = writeln!(out, "{name} {}: {none}", spaced.join(" "));
        return out;
    }
    let _ = writeln!(
        out,
        "{name} {}: {} {}",
        spaced.join(" "),
        r.bits.len(),
        lang.t_args("emv-bits-set", &[("count", r.bits.len().into())])
    );
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec![
        lang.t("emv-bit"),
        lang.t("emv-mask"),
        lang.t("emv-meaning"),
        lang.t("emv-what-to-check"),
        lang.t("emv-walk-from"),
    ]);
    for b in &r.bits {
        t.add_row(vec![
            format!("B{}b{}", b.byte, b.bit),
            b.mask.clone(),
            b.meaning.clone(),
            b.check.clone().unwrap_or_default(),
            b.node.clone().unwrap_or_else(|| "—".into()),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let mut tables: Vec<&TableOut> = Vec::new();
    for t in r.bits.iter().filter_map(|b| b.table.as_ref()) {
        if !tables.iter().any(|seen| seen.id == t.id) {
            tables.push(t);
        }
    }
    for table in tables {
        let _ = writeln!(out, "{} {}", lang.t("emv-meanings-from"), table.describe(lang));
    }
    let mut sources: Vec<(&str, Vec<String>)> = Vec::new();
    for b in &r.bits {
        let Some(source) = b.source.as_deref() else { continue };
        let at = format!("B{}b{}", b.byte, b.bit);
        match sources.iter_mut().find(|(s, _)| *s == source) {
            Some((_, bits)) => bits.push(at),
            None => sources.push((source, vec![at])),
        }
    }
    for (source, bits) in sources {
        let bits = bits.join(", ");
        let _ =
            writeln!(out, "{} {source}", lang.t_args("emv-source-of", &[("bits", bits.into())]));
    }
    if let Some(node) = r.bits.iter().find_map(|b| b.node.as_deref()) {
        let _ =
            writeln!(out, "{} posdiag diagnose --start {node}", lang.t("emv-to-walk-from-a-node"));
    }
    out
}
