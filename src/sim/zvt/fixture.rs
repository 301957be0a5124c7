//! The `zvt:` section of a simulator fixture: what a simulated ZVT
//! terminal answers (`posdiag simulate --protocol zvt`). Every field has a
//! healthy default; codes are written in hex as the specification lists
//! them (`BF`, `A3`).

use serde::Deserialize;

use crate::probe::zvt::apdu::unhex;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ZvtTerminal {
    /// The software version the Status Enquiry's completion carries.
    pub software: String,
    /// The terminal status code (PA00P015 §11), `00` ready.
    pub status: String,
    /// Terminal id, eight digits.
    pub tid: String,
    /// Six digits; commands with another password are refused.
    pub password: String,
    /// TLV `1F55` terminal locks, as hex bytes; none when empty.
    pub locks: String,
    /// `ok`, or the result code (hex) the Diagnosis aborts with.
    pub diagnosis: String,
    /// `ok`, or the result code the Selftest aborts with.
    pub selftest: String,
    /// The printout of Print System Configuration.
    pub config_lines: Vec<String>,
    /// Commands (`06 79`) refused with `84 83`.
    pub unsupported: Vec<String>,
    /// NAK this many good blocks first (serial only).
    pub nak_first: u32,
    /// NAK every block (serial only): a NAK storm.
    pub nak_all: bool,
    /// Answer nothing, not even the block's ACK.
    pub silent: bool,
    /// Wait this long before accepting a command.
    pub delay_ms: u64,
}

impl Default for ZvtTerminal {
    fn default() -> ZvtTerminal {
        ZvtTerminal {
            software: "POSDIAG-SIM-ZVT v1.0".into(),
            status: "00".into(),
            tid: "52523535".into(),
            password: "000000".into(),
            locks: String::new(),
            diagnosis: "ok".into(),
            selftest: "ok".into(),
            config_lines: vec![
                "SYSTEM CONFIGURATION".into(),
                "TID 52523535".into(),
                "HOST 203.0.113.7:2800".into(),
                "SOFTWARE POSDIAG-SIM-ZVT v1.0".into(),
            ],
            unsupported: Vec::new(),
            nak_first: 0,
            nak_all: false,
            silent: false,
            delay_ms: 0,
        }
    }
}

/// One hex byte (`BF`), or `None` for `ok`.
pub fn code(text: &str) -> Result<Option<u8>, String> {
    if text.eq_ignore_ascii_case("ok") {
        return Ok(None);
    }
    match unhex(text).as_deref() {
        Some([b]) => Ok(Some(*b)),
        _ => Err(format!("`{text}` is not one hex byte (e.g. `A3`) or `ok`")),
    }
}

impl ZvtTerminal {
    /// The first field that does not parse, with what is wrong.
    pub fn problem(&self) -> Option<String> {
        let status = match code(&self.status) {
            Ok(Some(_)) => None,
            Ok(None) => Some("`ok` is no status code; write `00`".to_string()),
            Err(e) => Some(e),
        };
        status
            .map(|e| format!("zvt.status: {e}"))
            .or_else(|| code(&self.diagnosis).err().map(|e| format!("zvt.diagnosis: {e}")))
            .or_else(|| code(&self.selftest).err().map(|e| format!("zvt.selftest: {e}")))
            .or_else(|| {
                (unhex(&self.locks).is_none()).then(|| "zvt.locks: write hex bytes".to_string())
            })
            .or_else(|| {
                crate::probe::zvt::password(&self.password)
                    .is_none()
                    .then(|| "zvt.password: give six digits".to_string())
            })
            .or_else(|| {
                self.unsupported
                    .iter()
                    .find(|c| unhex(c).is_none_or(|b| b.len() != 2))
                    .map(|c| format!("zvt.unsupported: `{c}` is not a command such as `06 79`"))
            })
    }
}
