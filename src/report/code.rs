//! A code as data (what it means, who acts, which table said so, where the
//! walk goes) and as text. Part of the diagnosis JSON: the `code` object of
//! `posdiag code`, and of each path step where a code was typed or read.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::names::{actor_name, category_name, class_meaning};
use crate::codes::{Category, Class, CodeError, Known, Lookup, Table};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::rules::NodeId;
use crate::rules::model::Actor;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodeOut {
    /// As typed or read, trimmed (card numbers masked).
    pub typed: String,
    /// Whether a code table knows it.
    pub known: bool,
    /// It is a screen message (`请签到`), not a code.
    pub message: bool,
    /// The code as its table writes it, with the table's prefix (`05`,
    /// `+CME ERROR: 10`).
    pub code: Option<String>,
    /// Found only once leading zeros were added or dropped (`5` → `05`).
    pub leading_zeros: bool,
    pub meaning: Option<String>,
    /// Who must act; `null` for a success or an unknown code.
    pub actor: Option<Actor>,
    pub category: Option<Category>,
    /// UnionPay action class, A–E.
    pub class: Option<Class>,
    /// The table the meaning came from.
    pub table: Option<TableOut>,
    /// The built-in meaning a vendor overlay replaced.
    pub overrides: Option<Overridden>,
    /// Where the diagnosis continues: the code's node, or for an unknown
    /// code the generic declined-transaction checks.
    pub node: String,
    /// For an unknown code: prefixed codes with the same digits (`VF 1002`).
    pub see_also: Vec<String>,
    /// For an unknown code: the known codes within a slip of it (`l51` →
    /// `51 — …`), nearest first.
    #[serde(default)]
    pub nearest: Vec<String>,
    /// Where the meaning comes from (a specification, a vendor SDK).
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableOut {
    pub id: String,
    pub title: String,
    /// The file it was read from.
    pub file: String,
    /// From `--codes FILE`.
    pub overlay: bool,
}

impl TableOut {
    /// `UnionPay response codes`, and `(vendor overlay)` for a `--codes`
    /// file; with `--verbose` the id and file too: `UnionPay response codes
    /// [unionpay: rules/codes/unionpay.yaml]`.
    pub fn describe(&self, lang: Lang) -> String {
        if !super::verbose() {
            let overlay = if self.overlay { lang.t("code-vendor-overlay-bracketed") } else { "" };
            return format!("{}{overlay}", self.title);
        }
        let overlay = if self.overlay { lang.t("code-vendor-overlay-listed") } else { "" };
        format!("{} [{}{overlay}: {}]", self.title, self.id, self.file)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overridden {
    pub table: TableOut,
    pub meaning: String,
}

fn table_out(t: &Table, lang: Lang) -> TableOut {
    TableOut {
        id: t.id.clone(),
        title: t.title.get(lang).to_string(),
        file: t.file.clone(),
        overlay: t.overlay,
    }
}

/// Where a walk starts for a code no table knows.
pub fn unknown_start(rules: &KnowledgeBase) -> NodeId {
    rules.codes().unknown_start().unwrap_or_else(|| rules.root())
}

/// Look `typed` up and describe it. `next` overrides where the walk goes
/// (a path step knows where it went).
pub fn describe_code(
    rules: &KnowledgeBase,
    typed: &str,
    next: Option<NodeId>,
    lang: Lang,
) -> Result<CodeOut, CodeError> {
    let book = rules.codes();
    let typed_shown = crate::mask::mask_pans(typed.trim()).into_owned();
    Ok(match book.lookup(typed)? {
        Lookup::Known(k) => known(rules, typed_shown, &k, next, lang),
        Lookup::Unknown { elsewhere } => CodeOut {
            typed: typed_shown,
            known: false,
            message: false,
            code: None,
            leading_zeros: false,
            meaning: None,
            actor: None,
            category: None,
            class: None,
            table: None,
            overrides: None,
            node: rules.node(next.unwrap_or_else(|| unknown_start(rules))).id.clone(),
            see_also: elsewhere
                .iter()
                .map(|k| format!("{} — {}", book.display(k.entry), k.entry.meaning.get(lang)))
                .collect(),
            nearest: book
                .nearest(typed)
                .into_iter()
                .map(|e| format!("{} — {}", book.display(e), e.meaning.get(lang)))
                .collect(),
            source: None,
        },
    })
}

fn known(
    rules: &KnowledgeBase,
    typed: String,
    k: &Known<'_>,
    next: Option<NodeId>,
    lang: Lang,
) -> CodeOut {
    let e = k.entry;
    CodeOut {
        typed,
        known: true,
        message: rules.codes().is_message(e),
        code: Some(rules.codes().display(e)),
        leading_zeros: k.by_zeros,
        meaning: Some(e.meaning.get(lang).to_string()),
        actor: e.actor,
        category: Some(e.category),
        class: e.class,
        table: Some(table_out(k.table, lang)),
        overrides: k.overrides.map(|(o, t)| Overridden {
            table: table_out(t, lang),
            meaning: o.meaning.get(lang).to_string(),
        }),
        node: rules.node(next.unwrap_or(e.node)).id.clone(),
        see_also: Vec::new(),
        nearest: Vec::new(),
        source: e.source.clone().or_else(|| k.table.source.clone()),
    }
}

/// The code as a few lines of text: meaning, who acts, the table; with
/// `--verbose`, the class, the table's file and the node the walk starts at.
pub fn render_code(c: &CodeOut, lang: Lang) -> String {
    let verbose = super::verbose();
    let mut out = String::new();
    if !c.known {
        let _ = writeln!(
            out,
            "{} `{}`: {}",
            lang.t("code-unknown-code"),
            c.typed,
            lang.t("code-no-code-table-knows-it")
        );
        if !c.nearest.is_empty() {
            let _ = writeln!(out, "  {}", lang.t("code-known-codes-close-to-it"));
            for n in &c.nearest {
                let _ = writeln!(out, "    {n}");
            }
        }
        for s in &c.see_also {
            let _ = writeln!(out, "  {} {s}", lang.t("code-another-table-has"));
        }
        let general = lang.t("code-checks-follow-the-general-checks");
        let stop = lang.t("code-mark");
        if verbose {
            let _ = writeln!(out, "  {general} ({}){stop}", c.node);
        } else {
            let _ = writeln!(out, "  {general}{stop}");
        }
        return out;
    }
    let code = c.code.as_deref().unwrap_or(&c.typed);
    let what = if c.message { lang.t("code-screen-message") } else { lang.t("code-code") };
    let _ = writeln!(out, "{what} {code}: {}", c.meaning.as_deref().unwrap_or_default());
    if c.leading_zeros {
        let _ = writeln!(
            out,
            "  ({} `{}` {} `{code}`)",
            lang.t("code-typed"),
            c.typed,
            lang.t("code-taken-as")
        );
    }
    let who = match c.actor {
        Some(a) => actor_name(a, lang),
        None => lang.t("code-nobody-a-success"),
    };
    let _ = writeln!(out, "  {} {who}", lang.t("code-who-acts"));
    if let Some(cat) = c.category {
        let mut line = format!("  {} {}", lang.t("code-category"), category_name(cat, lang));
        if let Some(class) = c.class.filter(|_| verbose) {
            let _ = write!(
                line,
                " · {} {}: {}",
                lang.t("code-class"),
                class.letter(),
                class_meaning(class, lang)
            );
        }
        let _ = writeln!(out, "{line}");
    }
    if let Some(t) = &c.table {
        let _ = writeln!(out, "  {} {}", lang.t("code-table"), t.describe(lang));
    }
    if let Some(o) = &c.overrides {
        let _ = if verbose {
            writeln!(
                out,
                "  {} {} ({}): {}",
                lang.t("code-replaces-built-in-in"),
                o.table.id,
                o.table.file,
                o.meaning
            )
        } else {
            writeln!(out, "  {} {}", lang.t("code-replaces-built-in"), o.meaning)
        };
    }
    if verbose {
        let _ = writeln!(out, "  {} {}", lang.t("code-checks-start-at"), c.node);
    }
    out
}
