//! Checks over parsed code tables, for `posdiag check` and before any walk:
//! every code points at an existing node, no code is defined twice in a
//! namespace, both languages are present, prefixes and EMV bits make sense,
//! and screen messages (in `messages`) are sound.
//! Every problem is collected, with `file:line:column`.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use crate::source::Spanned;

use super::ParsedTable;
use super::emv::Word;
use super::error::MAX_CODE_CHARS;
use super::key::compact;
use super::model::BitDef;
use super::namespace;
use crate::rules::lint::{is_word, place};

mod messages;
use crate::rules::model::Text;
use crate::source::{Place, Problem, ProblemKind, did_you_mean};

/// Check `tables` (built-in first, overlays last). `ids` are the rule
/// graph's node ids; `None` when some rule file did not parse, in which case
/// node references are not judged.
pub fn check(tables: &[ParsedTable], ids: Option<&[String]>) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        ids: ids.map(|ids| (ids.iter().map(String::as_str).collect(), ids)),
    };
    c.tables(tables);
    c.problems
}

struct Checker<'a> {
    problems: Vec<Problem>,
    ids: Option<(HashSet<&'a str>, &'a [String])>,
}

/// Where a code or bit was first defined, to report duplicates.
struct First {
    at: Place,
    table: usize,
    overlay: bool,
}

impl Checker<'_> {
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn tables(&mut self, tables: &[ParsedTable]) {
        let prefixes: Vec<Vec<String>> = tables
            .iter()
            .map(|t| t.file.prefix.iter().map(|p| p.value.clone()).collect())
            .collect();
        let ns = namespace::assign(&prefixes);
        let mut ids: HashMap<&str, &str> = HashMap::new();
        let mut unknown: Option<(usize, Place)> = None;
        let mut codes: HashMap<(usize, String), First> = HashMap::new();
        let mut bits: HashMap<(&'static str, u8, u8), First> = HashMap::new();
        for (ti, t) in tables.iter().enumerate() {
            let (file, f) = (t.name.as_str(), &t.file);
            let id = f.table.value.as_str();
            if !is_word(id) {
                self.push(Problem::new(
                    ProblemKind::BadId,
                    place(file, &f.table),
                    format!("table id `{id}` must be lowercase letters, digits and `_`"),
                ));
            }
            if let Some(first) = ids.insert(id, file) {
                self.push(
                    Problem::new(
                        ProblemKind::DuplicateCode,
                        place(file, &f.table),
                        format!("table `{id}` is also defined in `{first}`"),
                    )
                    .hint("give each code table its own id"),
                );
            }
            match &f.title {
                Some(title) => self.text(file, &format!("table `{id}`"), "title", title),
                None => self.push(Problem::new(
                    ProblemKind::MissingField,
                    place(file, &f.table),
                    format!("table `{id}` has no `title`"),
                )),
            }
            if f.codes.is_empty()
                && f.messages.is_empty()
                && Word::ALL.iter().all(|w| w.in_file(f).is_empty())
            {
                self.push(Problem::new(
                    ProblemKind::MissingField,
                    place(file, &f.table),
                    format!("table `{id}` has no `codes`, `messages`, `tvr`, `tsi` or `zvt_locks`"),
                ));
            }
            for p in &f.prefix {
                let key = compact(&p.value);
                if key.len() < 2 || !key.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    self.push(
                        Problem::new(
                            ProblemKind::BadCode,
                            place(file, p),
                            format!("prefix `{}` must start with a letter and hold at least two letters or digits", p.value),
                        )
                        .hint("e.g. `CME` or `VF`"),
                    );
                }
            }
            for (table, key, other) in ns.conflicts.iter().filter(|(table, ..)| *table == ti) {
                let at = f.prefix.iter().find(|p| compact(&p.value) == *key);
                self.push(
                    Problem::new(
                        ProblemKind::BadCode,
                        at.map_or_else(|| place(file, &f.table), |p| place(file, p)),
                        format!(
                            "the prefixes of table `{}` name two tables: `{key}` is table `{}`'s",
                            tables[*table].file.table.value, tables[*other].file.table.value
                        ),
                    )
                    .hint(
                        "give a table new prefixes, or only prefixes of the one table it adds to",
                    ),
                );
            }
            if let Some(u) = &f.unknown {
                self.node(file, &format!("table `{id}`"), "unknown", u);
                match &unknown {
                    Some((first, at)) if tables[*first].overlay == t.overlay => self.push(
                        Problem::new(
                            ProblemKind::DuplicateCode,
                            place(file, u),
                            format!(
                                "`unknown` is already set by table `{}` at {at}",
                                tables[*first].file.table.value
                            ),
                        )
                        .hint("one table says where unknown codes start; remove the other"),
                    ),
                    _ => unknown = Some((ti, place(file, u))),
                }
            }
            let space = ns.of_table[ti];
            for code in &f.codes {
                let d = &code.value;
                let shown = d.code.value.trim();
                let what = format!("code `{shown}`");
                let key = compact(shown);
                let at = place(file, &d.code);
                if key.is_empty() || key.len() > MAX_CODE_CHARS {
                    self.push(Problem::new(
                        ProblemKind::BadCode,
                        at.clone(),
                        format!("{what} must hold 1 to {MAX_CODE_CHARS} letters or digits"),
                    ));
                } else if space == super::book::BARE
                    && let Some((prefix, _)) = ns
                        .prefixes
                        .iter()
                        .find(|(p, _)| key.len() > p.len() && key.starts_with(p.as_str()))
                {
                    self.push(
                        Problem::new(
                            ProblemKind::BadCode,
                            at.clone(),
                            format!("{what} begins with the table prefix `{prefix}`, so it can never be looked up"),
                        )
                        .hint("give the table a prefix of its own, or rename the code"),
                    );
                } else {
                    self.duplicate(
                        &mut codes,
                        (space, key),
                        &what,
                        at.clone(),
                        ti,
                        t.overlay,
                        tables,
                    );
                }
                let fields = Fields {
                    meaning: d.meaning.as_ref(),
                    actor: d.actor.is_some(),
                    category: d.category.is_some(),
                    node: d.node.as_ref(),
                };
                self.fields(file, &what, &at, &fields, CODE_CATEGORIES);
            }
            for word in Word::ALL {
                for b in word.in_file(f) {
                    self.bit(file, word, b, &mut bits, ti, t.overlay, tables);
                }
            }
        }
        self.messages(tables, &codes);
    }

    #[allow(clippy::too_many_arguments)]
    fn bit(
        &mut self,
        file: &str,
        word: Word,
        b: &Spanned<BitDef>,
        seen: &mut HashMap<(&'static str, u8, u8), First>,
        ti: usize,
        overlay: bool,
        tables: &[ParsedTable],
    ) {
        let d = &b.value;
        let (byte, bit) = (d.byte.value, d.bit.value);
        let (kind, len) = (word.bit_label(), u8::try_from(word.bytes()).unwrap_or(u8::MAX));
        let what = format!("{kind} bit B{byte}b{bit}");
        let at = place(file, &d.byte);
        if !(1..=len).contains(&byte) {
            self.push(Problem::new(
                ProblemKind::BadCode,
                at.clone(),
                format!("{what}: byte {byte} is outside 1 to {len}"),
            ));
        }
        if !(1..=8).contains(&bit) {
            self.push(
                Problem::new(
                    ProblemKind::BadCode,
                    place(file, &d.bit),
                    format!("{what}: bit {bit} is outside 1 to 8"),
                )
                .hint("bit 8 is the most significant (mask 0x80), bit 1 the least"),
            );
        }
        self.duplicate(seen, (kind, byte, bit), &what, at.clone(), ti, overlay, tables);
        match &d.meaning {
            Some(m) => self.text(file, &what, "meaning", m),
            None => self.missing(
                &at,
                &what,
                "meaning",
                "say what the bit means: `meaning: {zh: …, en: …}`",
            ),
        }
        match &d.check {
            Some(c) => self.text(file, &what, "check", c),
            None => self.missing(
                &at,
                &what,
                "check",
                "say what to check when it is set: `check: {zh: …, en: …}`",
            ),
        }
        if let Some(n) = &d.node {
            self.node(file, &what, "node", n);
        }
    }

    /// Record a code's key; a second definition in the same namespace is a
    /// problem unless an overlay overrides a built-in code.
    #[allow(clippy::too_many_arguments)]
    fn duplicate<K: Hash + Eq>(
        &mut self,
        seen: &mut HashMap<K, First>,
        key: K,
        what: &str,
        at: Place,
        ti: usize,
        overlay: bool,
        tables: &[ParsedTable],
    ) {
        match seen.get(&key) {
            Some(first) if first.table == ti || first.overlay == overlay => {
                let owner = &tables[first.table].file.table.value;
                self.push(
                    Problem::new(
                        ProblemKind::DuplicateCode,
                        at,
                        format!("{what} is already defined at {} (table `{owner}`)", first.at),
                    )
                    .hint("a code may appear once among the built-in tables; a vendor overlay (`--codes FILE`) may override it"),
                );
            }
            _ => {
                seen.insert(key, First { at, table: ti, overlay });
            }
        }
    }

    fn text(&mut self, file: &str, what: &str, field: &str, t: &Spanned<Text>) {
        for (lang, value) in [("zh", &t.value.zh), ("en", &t.value.en)] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                self.push(
                    Problem::new(
                        ProblemKind::MissingText,
                        place(file, t),
                        format!("{what}: `{field}` has no `{lang}` text"),
                    )
                    .hint("every text needs both `zh` and `en`"),
                );
            }
        }
    }

    /// What every code and screen message must give: a meaning in both
    /// languages, who acts, a category, and a node that exists.
    pub(super) fn fields(
        &mut self,
        file: &str,
        what: &str,
        at: &Place,
        f: &Fields<'_>,
        categories: &str,
    ) {
        match f.meaning {
            Some(m) => self.text(file, what, "meaning", m),
            None => {
                self.missing(at, what, "meaning", "say what it means: `meaning: {zh: …, en: …}`")
            }
        }
        if !f.actor {
            self.missing(
                at,
                what,
                "actor",
                "one of merchant, cardholder, technician, acquirer, issuer, none",
            );
        }
        if !f.category {
            self.missing(at, what, "category", categories);
        }
        match f.node {
            Some(n) => self.node(file, what, "node", n),
            None => self.missing(at, what, "node", "name the node where its diagnosis starts"),
        }
    }

    fn missing(&mut self, at: &Place, what: &str, field: &str, hint: &str) {
        self.push(
            Problem::new(
                ProblemKind::MissingField,
                at.clone(),
                format!("{what}: missing `{field}`"),
            )
            .hint(hint),
        );
    }

    fn node(&mut self, file: &str, what: &str, field: &str, target: &Spanned<String>) {
        let Some((known, all)) = &self.ids else { return };
        if !known.contains(target.value.as_str()) {
            let hint = did_you_mean(&target.value, all.iter().map(String::as_str));
            self.problems.push(
                Problem::new(
                    ProblemKind::UnknownNode,
                    place(file, target),
                    format!("{what}: `{field}` points to unknown node `{}`", target.value),
                )
                .maybe_hint(hint),
            );
        }
    }
}

/// The fields of a code or a screen message that [`Checker::fields`] checks.
pub(super) struct Fields<'a> {
    pub meaning: Option<&'a Spanned<Text>>,
    pub actor: bool,
    pub category: bool,
    pub node: Option<&'a Spanned<String>>,
}

/// The hint for a code's missing category.
const CODE_CATEGORIES: &str = "e.g. card, account, operation, keys, network, bank_system, terminal";
