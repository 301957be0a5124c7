//! The code book: every code table loaded (built-in, then the vendor
//! overlay) and the one lookup that `diagnose`, the interactive walk, `code`
//! and the probe share.
//!
//! Codes live in namespaces. Tables without a prefix share the bare one,
//! where a merchant's codes are typed as the screen shows them (field 39,
//! terminal error numbers); a table with a prefix (`CME`, `VF`) is only
//! searched when its prefix is typed, so `10` is always UnionPay's partial
//! approval and `CME 10` the modem's missing SIM. An overlay's code replaces
//! a built-in one with the same key in the same namespace.
//!
//! A lookup tries the code as typed, then without leading zeros (`5` finds
//! `05`, `051` finds `51`) when exactly one code fits. A text that is no
//! code is matched against the screen messages (`请签到`, `Please sign in`;
//! see `screen`); a text with Chinese characters is tried as a message
//! first, so the Latin letters inside a message are not taken for a code,
//! except that a code beside a general message (`交易失败 51`) wins.

use foldhash::HashMap;

use super::error::{CodeError, MAX_CODE_CHARS};
use super::key::{compact, strip_zeros};
use super::model::{Category, Class};
use super::screen::{self, MAX_MESSAGE_CHARS};
use crate::lang::Localized;
use crate::rules::NodeId;
use crate::rules::model::Actor;

/// The namespace of tables without a prefix.
pub const BARE: usize = 0;

/// One table as loaded.
#[derive(Debug, Clone)]
pub struct Table {
    pub id: String,
    pub title: Localized,
    /// The file it was read from, as shown in problems.
    pub file: String,
    /// From `--codes FILE` rather than the rules.
    pub overlay: bool,
    pub source: Option<String>,
    /// The prefix shown before its codes (`+CME ERROR:`), if any.
    pub prefix: Option<String>,
}

/// One code as loaded.
#[derive(Debug, Clone)]
pub struct Entry {
    /// As written in the table (`05`, `A0`).
    pub code: String,
    /// Index into [`CodeBook::tables`].
    pub table: usize,
    pub meaning: Localized,
    /// Who must act; `None` for a success.
    pub actor: Option<Actor>,
    pub category: Category,
    pub class: Option<Class>,
    /// Where its diagnosis starts.
    pub node: NodeId,
    pub source: Option<String>,
}

/// One bit of a status word (TVR, TSI, ZVT locks) as loaded.
#[derive(Debug, Clone)]
pub struct Bit {
    /// 1-based, byte 1 leftmost.
    pub byte: u8,
    /// 1–8, bit 8 the most significant.
    pub bit: u8,
    pub meaning: Localized,
    pub check: Localized,
    pub node: Option<NodeId>,
    pub table: usize,
    /// Where the meaning comes from, when the bit says.
    pub source: Option<String>,
}

impl Bit {
    /// The bit's mask within its byte: bit 8 → `0x80`.
    pub fn mask(&self) -> u8 {
        1u8 << (self.bit.clamp(1, 8) - 1)
    }
}

/// All code tables, ready to look codes up in.
#[derive(Debug, Clone, Default)]
pub struct CodeBook {
    pub(crate) tables: Vec<Table>,
    pub(crate) entries: Vec<Entry>,
    /// (namespace, key) → the entry in force.
    pub(crate) by_key: HashMap<(usize, String), usize>,
    /// (namespace, key without leading zeros) → entries in force.
    pub(crate) by_stripped: HashMap<(usize, String), Vec<usize>>,
    /// Entry in force → the built-in entry it overrides.
    pub(crate) overrides: HashMap<usize, usize>,
    /// Screen messages in force: (match key, node), and each one's entry.
    pub(crate) sayings: Vec<screen::Saying>,
    pub(crate) saying_entries: Vec<usize>,
    /// Compact prefixes, longest first, with their namespace.
    pub(crate) prefixes: Vec<(String, usize)>,
    /// Where a walk starts for an unknown code, and the table that says so.
    pub(crate) unknown: Option<(NodeId, usize)>,
    pub(crate) tvr: Vec<Bit>,
    pub(crate) tsi: Vec<Bit>,
    pub(crate) zvt_locks: Vec<Bit>,
}

impl CodeBook {
    /// Whether `entry` is a screen message rather than a code.
    pub fn is_message(&self, entry: &Entry) -> bool {
        self.saying_entries.iter().any(|&i| std::ptr::eq(&self.entries[i], entry))
    }
}

/// A code found in the book.
#[derive(Debug, Clone, Copy)]
pub struct Known<'b> {
    pub entry: &'b Entry,
    pub table: &'b Table,
    /// Found only once leading zeros were added or dropped.
    pub by_zeros: bool,
    /// The built-in code this overlay code replaces.
    pub overrides: Option<(&'b Entry, &'b Table)>,
}

/// The result of a lookup.
#[derive(Debug, Clone)]
pub enum Lookup<'b> {
    Known(Known<'b>),
    /// No table knows it. `elsewhere` lists prefixed tables that know the
    /// same digits, as hints (`1002` → `VF 1002`).
    Unknown {
        elsewhere: Vec<Known<'b>>,
    },
}

impl CodeBook {
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    pub fn table(&self, index: usize) -> &Table {
        &self.tables[index]
    }

    /// Every code and screen message in force (overridden ones left out),
    /// in table order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        let mut live: Vec<usize> =
            self.by_key.values().chain(&self.saying_entries).copied().collect();
        live.sort_unstable();
        live.into_iter().map(|i| &self.entries[i])
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
            && self.tvr.is_empty()
            && self.tsi.is_empty()
            && self.zvt_locks.is_empty()
    }

    /// The TVR bits, byte by byte, most significant bit first.
    pub fn tvr(&self) -> &[Bit] {
        &self.tvr
    }

    /// The TSI bits, byte by byte, most significant bit first.
    pub fn tsi(&self) -> &[Bit] {
        &self.tsi
    }

    /// The ZVT terminal-lock bits (TLV `1F55`), most significant first.
    pub fn zvt_locks(&self) -> &[Bit] {
        &self.zvt_locks
    }

    /// Where a walk starts for a code no table knows.
    pub fn unknown_start(&self) -> Option<NodeId> {
        self.unknown.map(|(node, _)| node)
    }

    /// The code as shown: its table's prefix, then the code (`CME 10`).
    pub fn display(&self, entry: &Entry) -> String {
        match &self.tables[entry.table].prefix {
            Some(p) => format!("{p} {}", entry.code),
            None => entry.code.clone(),
        }
    }

    /// Look a typed code or screen message up. Empty, overlong and
    /// ambiguous texts are errors; an unknown one is [`Lookup::Unknown`].
    pub fn lookup(&self, typed: &str) -> Result<Lookup<'_>, CodeError> {
        let trimmed = typed.trim();
        if trimmed.is_empty() {
            return Err(CodeError::Empty);
        }
        let chars = trimmed.chars().count();
        let too_long = || CodeError::TooLong {
            shown: crate::mask::mask_pans(trimmed).chars().take(16).collect(),
            chars,
        };
        if chars > MAX_MESSAGE_CHARS {
            return Err(too_long());
        }
        let ambiguous = |candidates: Vec<usize>| CodeError::Ambiguous {
            typed: crate::mask::mask_pans(trimmed).into_owned(),
            candidates: candidates.iter().map(|&i| self.display(&self.entries[i])).collect(),
        };
        // A text with Chinese characters is a message first, unless the
        // only message in it is a general one (交易失败) and it also holds
        // a code (交易失败 51): the code says more.
        let wordy = screen::is_wordy(trimmed);
        let said = self.message(trimmed);
        let general = matches!(said, Some(Ok((_, true))));
        if wordy
            && !general
            && let Some(s) = said
        {
            return s.map(|(found, _)| found).map_err(ambiguous);
        }
        let key = compact(trimmed);
        let (namespace, rest) = self.split_prefix(&key);
        let fits = if wordy { key.len() <= MAX_CODE_CHARS } else { chars <= MAX_CODE_CHARS };
        if fits {
            match self.find(namespace, rest) {
                Found::One(i, by_zeros) => return Ok(Lookup::Known(self.known(i, by_zeros))),
                Found::Many(c) => return Err(ambiguous(c)),
                Found::None => {}
            }
        }
        if let Some(s) = said {
            return s.map(|(found, _)| found).map_err(ambiguous);
        }
        if chars > MAX_CODE_CHARS {
            return Err(too_long());
        }
        let mut elsewhere = Vec::new();
        if namespace == BARE {
            let mut others: Vec<usize> = self.prefixes.iter().map(|&(_, ns)| ns).collect();
            others.sort_unstable();
            others.dedup();
            for ns in others {
                if let Found::One(i, by_zeros) = self.find(ns, &key) {
                    elsewhere.push(self.known(i, by_zeros));
                }
            }
        }
        Ok(Lookup::Unknown { elsewhere })
    }

    /// The screen message `typed` names, if any: known (with whether it is
    /// a general message), or the entries it could be.
    fn message(&self, typed: &str) -> Option<Result<(Lookup<'_>, bool), Vec<usize>>> {
        match screen::best(&self.sayings, typed) {
            screen::Match::None => None,
            screen::Match::One(i) => Some(Ok((
                Lookup::Known(self.known(self.saying_entries[i], false)),
                self.sayings[i].general,
            ))),
            screen::Match::Many(m) => {
                Some(Err(m.iter().map(|&i| self.saying_entries[i]).collect()))
            }
        }
    }

    fn known(&self, i: usize, by_zeros: bool) -> Known<'_> {
        let entry = &self.entries[i];
        Known {
            entry,
            table: &self.tables[entry.table],
            by_zeros,
            overrides: self.overrides.get(&i).map(|&o| {
                let e = &self.entries[o];
                (e, &self.tables[e.table])
            }),
        }
    }

    /// A leading table prefix, if one is typed and something follows it.
    pub(crate) fn split_prefix<'k>(&self, key: &'k str) -> (usize, &'k str) {
        for (prefix, ns) in &self.prefixes {
            if let Some(rest) = key.strip_prefix(prefix.as_str())
                && !rest.is_empty()
            {
                return (*ns, rest);
            }
        }
        (BARE, key)
    }

    fn find(&self, namespace: usize, key: &str) -> Found {
        if key.is_empty() {
            return Found::None;
        }
        if let Some(&i) = self.by_key.get(&(namespace, key.to_string())) {
            return Found::One(i, false);
        }
        match self.by_stripped.get(&(namespace, strip_zeros(key).to_string())) {
            Some(c) if c.len() == 1 => Found::One(c[0], true),
            Some(c) if c.len() > 1 => Found::Many(c.clone()),
            _ => Found::None,
        }
    }
}

enum Found {
    None,
    One(usize, bool),
    Many(Vec<usize>),
}
