//! Loading code tables: parsing the tables in `rules/codes/` and a vendor
//! overlay, the nodes they name (entry points of the graph), and building
//! the [`CodeBook`] from tables that passed the checks. The knowledge base
//! ([`crate::kb`]) puts them together with the rule trees.

use std::collections::HashMap;

use serde::Serialize;

use super::book::{BARE, Bit, CodeBook, Entry, Table};
use super::emv::Word;
use super::key::{compact, strip_zeros};
use super::model::{BitDef, CodeFile};
use super::namespace;
use super::screen;
use crate::lang::Localized;
use crate::rules::RuleSet;
use crate::rules::model::Text;
use crate::source::Spanned;
use crate::source::{Problem, SourceFile, parse_model};

/// A parsed table with the name it is reported under: what the checker
/// judges and the loader builds from.
pub struct ParsedTable {
    pub name: String,
    pub file: CodeFile,
    /// From `--codes FILE`.
    pub overlay: bool,
}

/// Counts for `posdiag check`, one per table.
#[derive(Debug, Clone, Serialize)]
pub struct TableSummary {
    pub id: String,
    pub file: String,
    pub overlay: bool,
    pub codes: usize,
    pub bits: usize,
}

/// Parse code tables and overlays: the parsed tables, and the problems of
/// those that did not parse.
pub fn parse(tables: &[SourceFile], overlays: &[SourceFile]) -> (Vec<ParsedTable>, Vec<Problem>) {
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    let given = tables.iter().map(|f| (f, false)).chain(overlays.iter().map(|f| (f, true)));
    for (f, overlay) in given {
        match parse_model::<CodeFile>(f) {
            Ok(file) => parsed.push(ParsedTable { name: f.name.clone(), file, overlay }),
            Err(p) => problems.push(p),
        }
    }
    (parsed, problems)
}

/// Counts of a parsed table, for `posdiag check`.
pub fn summary(t: &ParsedTable) -> TableSummary {
    TableSummary {
        id: t.file.table.value.clone(),
        file: t.name.clone(),
        overlay: t.overlay,
        codes: t.file.codes.len() + t.file.messages.len(),
        bits: Word::ALL.iter().map(|w| w.in_file(&t.file).len()).sum(),
    }
}

/// Every node a table names: codes' `node`, `unknown`, bits' `node`.
pub fn targets(t: &ParsedTable) -> Vec<String> {
    let f = &t.file;
    f.codes
        .iter()
        .filter_map(|c| c.value.node.as_ref())
        .chain(f.messages.iter().filter_map(|m| m.value.node.as_ref()))
        .chain(f.unknown.as_ref())
        .chain(
            Word::ALL.into_iter().flat_map(|w| w.in_file(f)).filter_map(|b| b.value.node.as_ref()),
        )
        .map(|s| s.value.clone())
        .collect()
}

/// Build the book from tables that passed [`check`].
pub fn build(parsed: &[ParsedTable], rules: &RuleSet) -> CodeBook {
    let prefixes: Vec<Vec<String>> =
        parsed.iter().map(|t| t.file.prefix.iter().map(|p| p.value.clone()).collect()).collect();
    let ns = namespace::assign(&prefixes);
    let mut book = CodeBook { prefixes: ns.prefixes.clone(), ..CodeBook::default() };
    // A later table's bit replaces an earlier one's (an overlay's wins).
    let mut bits: HashMap<(Word, u8, u8), Bit> = HashMap::new();
    let mut sayings: HashMap<String, (usize, bool)> = HashMap::new();
    for (ti, t) in parsed.iter().enumerate() {
        let f = &t.file;
        book.tables.push(Table {
            id: f.table.value.clone(),
            title: f.title.as_ref().map(localized).unwrap_or_default(),
            file: t.name.clone(),
            overlay: t.overlay,
            source: f.source.as_ref().map(|s| s.value.clone()),
            prefix: f.prefix.first().map(|p| p.value.trim().to_string()),
        });
        if let Some(node) = f.unknown.as_ref().and_then(|u| rules.find(&u.value)) {
            book.unknown = Some((node, ti));
        }
        for c in &f.codes {
            let d = &c.value;
            let (Some(node), Some(actor), Some(category)) = (
                d.node.as_ref().and_then(|n| rules.find(&n.value)),
                d.actor.as_ref(),
                d.category.as_ref(),
            ) else {
                continue;
            };
            let index = book.entries.len();
            book.entries.push(Entry {
                code: d.code.value.trim().to_string(),
                table: ti,
                meaning: d.meaning.as_ref().map(localized).unwrap_or_default(),
                actor: actor.value.actor(),
                category: category.value,
                class: d.class.as_ref().map(|c| c.value),
                node,
                source: d.source.as_ref().map(|s| s.value.clone()),
            });
            let key = (ns.of_table[ti], compact(&d.code.value));
            if let Some(previous) = book.by_key.insert(key, index)
                && t.overlay
                && !book.tables[book.entries[previous].table].overlay
            {
                book.overrides.insert(index, previous);
            }
        }
        messages(&mut book, t, ti, rules, &mut sayings);
        for word in Word::ALL {
            for b in word.in_file(f) {
                let bit = to_bit(&b.value, ti, rules);
                bits.insert((word, bit.byte, bit.bit), bit);
            }
        }
    }
    let mut live: Vec<(String, (usize, bool))> = sayings.into_iter().collect();
    live.sort_by_key(|&(_, (i, _))| i);
    for (key, (index, general)) in live {
        book.sayings.push(screen::Saying { key, node: book.entries[index].node, general });
        book.saying_entries.push(index);
    }
    for (&(space, ref key), &index) in &book.by_key {
        book.by_stripped.entry((space, strip_zeros(key).to_string())).or_default().push(index);
    }
    for list in book.by_stripped.values_mut() {
        list.sort_unstable();
    }
    for ((word, _, _), bit) in bits {
        match word {
            Word::Tvr => book.tvr.push(bit),
            Word::Tsi => book.tsi.push(bit),
            Word::ZvtLocks => book.zvt_locks.push(bit),
        }
    }
    for list in [&mut book.tvr, &mut book.tsi, &mut book.zvt_locks] {
        list.sort_by(|a, b| a.byte.cmp(&b.byte).then(b.bit.cmp(&a.bit)));
    }
    debug_assert!(book.prefixes.iter().all(|(_, n)| *n != BARE));
    book
}

/// Each wording of each screen message becomes an entry of its own, shown
/// as worded; an overlay's wording replaces a built-in one with its key.
fn messages(
    book: &mut CodeBook,
    t: &ParsedTable,
    ti: usize,
    rules: &RuleSet,
    sayings: &mut HashMap<String, (usize, bool)>,
) {
    for m in &t.file.messages {
        let d = &m.value;
        let (Some(node), Some(actor), Some(category)) = (
            d.node.as_ref().and_then(|n| rules.find(&n.value)),
            d.actor.as_ref(),
            d.category.as_ref(),
        ) else {
            continue;
        };
        for said in &d.says {
            let index = book.entries.len();
            book.entries.push(Entry {
                code: said.value.trim().to_string(),
                table: ti,
                meaning: d.meaning.as_ref().map(localized).unwrap_or_default(),
                actor: actor.value.actor(),
                category: category.value,
                class: None,
                node,
                source: d.source.as_ref().map(|s| s.value.clone()),
            });
            let general = d.general.as_ref().is_some_and(|g| g.value);
            if let Some((previous, _)) = sayings.insert(screen::key(&said.value), (index, general))
                && t.overlay
                && !book.tables[book.entries[previous].table].overlay
            {
                book.overrides.insert(index, previous);
            }
        }
    }
}

fn to_bit(d: &BitDef, table: usize, rules: &RuleSet) -> Bit {
    Bit {
        byte: d.byte.value,
        bit: d.bit.value,
        meaning: d.meaning.as_ref().map(localized).unwrap_or_default(),
        check: d.check.as_ref().map(localized).unwrap_or_default(),
        node: d.node.as_ref().and_then(|n| rules.find(&n.value)),
        table,
        source: d.source.as_ref().map(|s| s.value.clone()),
    }
}

fn localized(t: &Spanned<Text>) -> Localized {
    Localized::new(t.value.zh.clone().unwrap_or_default(), t.value.en.clone().unwrap_or_default())
}
