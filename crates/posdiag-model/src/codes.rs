//! Serde mirror of the code tables in `rules/codes/*.yaml` and of vendor
//! overlay files (`--codes FILE`): one [`CodeFile`] per file. No logic lives
//! here; posdiag's `codes::check` judges these and `codes::book` turns them
//! into the lookup the walk and the commands share.
//!
//! Like the rule model, most fields are `Option`: a missing meaning or node
//! is a problem with a `file:line:column`, not a serde failure that hides
//! every other problem of the file.

use serde::{Deserialize, Serialize};

use crate::Spanned;
use crate::rules::{Actor, Text};

/// One code table as written in one YAML file.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeFile {
    /// Table id, shown with every meaning it gives (`unionpay`, `cme`).
    pub table: Spanned<String>,
    /// Human name of the table.
    pub title: Option<Spanned<Text>>,
    /// Where the table's meanings come from (a specification, a vendor SDK).
    pub source: Option<Spanned<String>>,
    /// The prefixes that select this table (`[+CME ERROR:, CME]`); the first
    /// is shown before its codes. Without one, the table's codes are typed
    /// bare, as a merchant reads them off the screen.
    #[serde(default)]
    pub prefix: Vec<Spanned<String>>,
    /// Where a walk starts for a code no table knows.
    pub unknown: Option<Spanned<String>>,
    #[serde(default)]
    pub codes: Vec<Spanned<CodeDef>>,
    /// Screen messages, matched tolerantly (see `codes::screen`).
    #[serde(default)]
    pub messages: Vec<Spanned<MessageDef>>,
    /// Bits of the EMV Terminal Verification Results (tag 95, 5 bytes).
    #[serde(default)]
    pub tvr: Vec<Spanned<BitDef>>,
    /// Bits of the EMV Transaction Status Information (tag 9B, 2 bytes).
    #[serde(default)]
    pub tsi: Vec<Spanned<BitDef>>,
    /// Bits of a ZVT terminal's locks (TLV `1F55` of the Status Enquiry,
    /// 2 bytes), counted like EMV's: `40 00` is byte 1, bit 7.
    #[serde(default)]
    pub zvt_locks: Vec<Spanned<BitDef>>,
}

/// One code.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeDef {
    /// The code as the terminal shows it (`51`, `A0`, `107`).
    pub code: Spanned<String>,
    pub meaning: Option<Spanned<Text>>,
    /// Who must act; `none` for a success.
    pub actor: Option<Spanned<CodeActor>>,
    pub category: Option<Spanned<Category>>,
    /// UnionPay action class, A–E.
    pub class: Option<Spanned<Class>>,
    /// The node where the diagnosis of this code starts.
    pub node: Option<Spanned<String>>,
    /// Where this meaning comes from, when it differs from the table's.
    pub source: Option<Spanned<String>>,
}

/// One screen message, in the ways terminals word it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MessageDef {
    /// What the screen says, each wording on its own (`请签到`,
    /// `Please sign in`); any language.
    #[serde(default)]
    pub says: Vec<Spanned<String>>,
    pub meaning: Option<Spanned<Text>>,
    /// Who must act; `none` for a success.
    pub actor: Option<Spanned<CodeActor>>,
    pub category: Option<Spanned<Category>>,
    /// The node where the diagnosis of this message starts.
    pub node: Option<Spanned<String>>,
    /// A general message (`交易失败`) that yields to any more specific
    /// message found in the same text.
    pub general: Option<Spanned<bool>>,
    /// Where this message comes from, when it differs from the table's.
    pub source: Option<Spanned<String>>,
}

/// One bit of a status word: EMV's TVR and TSI, a ZVT terminal's locks.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BitDef {
    /// 1-based byte, as EMV counts: byte 1 is the leftmost.
    pub byte: Spanned<u8>,
    /// 1–8; bit 8 is the most significant (mask `0x80`).
    pub bit: Spanned<u8>,
    pub meaning: Option<Spanned<Text>>,
    /// What to check when the bit is set.
    pub check: Option<Spanned<Text>>,
    /// Where to walk from when the bit is set, if a node applies.
    pub node: Option<Spanned<String>>,
    /// Where this meaning comes from, when it differs from the table's.
    pub source: Option<Spanned<String>>,
}

/// Who must act on a code: an actor of the rules, or nobody (a success).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeActor {
    Merchant,
    Cardholder,
    Technician,
    Acquirer,
    Issuer,
    None,
}

impl CodeActor {
    pub fn actor(self) -> Option<Actor> {
        match self {
            CodeActor::Merchant => Some(Actor::Merchant),
            CodeActor::Cardholder => Some(Actor::Cardholder),
            CodeActor::Technician => Some(Actor::Technician),
            CodeActor::Acquirer => Some(Actor::Acquirer),
            CodeActor::Issuer => Some(Actor::Issuer),
            CodeActor::None => None,
        }
    }
}

/// What a code is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Card,
    Account,
    Operation,
    Keys,
    Network,
    BankSystem,
    Terminal,
    Success,
    CardReader,
    Emv,
    Printer,
    Modem,
}

/// UnionPay's action classes for a POS (see the reference, §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Class {
    A,
    B,
    C,
    D,
    E,
}

impl Class {
    pub fn letter(self) -> &'static str {
        match self {
            Class::A => "A",
            Class::B => "B",
            Class::C => "C",
            Class::D => "D",
            Class::E => "E",
        }
    }
}
