//! Codes a terminal shows or logs, and where their diagnosis starts: field-39
//! response codes (China UnionPay), terminal-local codes (card reader,
//! printer), modem `+CME ERROR` codes, the terminal's screen messages
//! (`请签到`, matched tolerantly), and the bits of status words: the EMV
//! TVR and TSI, a ZVT terminal's locks.
//!
//! The tables are part of the knowledge base (`rules/codes/*.yaml`, see
//! `rules/README.md`) and load with it ([`crate::kb::load`]); a vendor
//! overlay (`--codes FILE`) adds or overrides codes. The loaded [`CodeBook`]
//! lives in the knowledge base beside the rules, so the walk, `posdiag code`
//! and the probe share one lookup. Nothing here prints or prompts.

mod book;
mod check;
pub mod emv;
mod error;
mod key;
mod load;
mod namespace;
mod nearest;
pub mod screen;

pub use book::{BARE, Bit, CodeBook, Entry, Known, Lookup, Table};
pub use check::check;
pub use error::{CodeError, MAX_CODE_CHARS};
pub use key::compact;
pub use load::{ParsedTable, TableSummary, build, parse, summary, targets};
pub use model::{Category, Class};
pub use nearest::MAX_NEAREST;
/// The serde mirror of the code tables (the `posdiag-model` crate).
pub use posdiag_model::codes as model;

#[cfg(test)]
mod check_tests;
#[cfg(test)]
mod screen_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod start_tests {
    use crate::kb::KnowledgeBase;
    use crate::source;

    pub(crate) fn rules() -> KnowledgeBase {
        let loaded = crate::kb::load(&source::embedded_rules(), &source::embedded_codes(), &[]);
        loaded.kb.unwrap_or_else(|| panic!("embedded rules have problems: {:#?}", loaded.problems))
    }

    #[test]
    fn known_codes_start_at_their_node() {
        let rules = rules();
        for (code, node) in [
            ("51", "card.insufficient_funds"),
            ("55", "card.wrong_pin"),
            ("a0", "keys.resign_retry"),
            ("90", "bank.cutoff"),
        ] {
            let id = rules.start_for_response_code(code).map(|id| rules.node(id).id.clone());
            assert_eq!(id.as_deref(), Some(node), "{code}");
        }
        assert_eq!(rules.start_for_response_code("00"), None, "an approval has no fault");
        assert_eq!(rules.start_for_response_code("ZZ"), None);
        assert_eq!(rules.start_for_response_code(""), None);
    }
}
