//! Checks over the screen messages of the code tables: every message says
//! something, each wording is long enough to match and is not also a bare
//! code (the code would always win), no wording is listed twice, and the
//! message has a meaning in both languages, an actor, a category and a node
//! that exists.

use std::collections::HashMap;

use super::{Checker, First, place};
use crate::codes::ParsedTable;
use crate::codes::book::BARE;
use crate::codes::key::compact;
use crate::codes::screen::{self, MAX_MESSAGE_CHARS};
use crate::source::{Problem, ProblemKind};

impl Checker<'_> {
    /// Check every table's messages; `codes` holds the codes already seen,
    /// by (namespace, key).
    pub(super) fn messages(
        &mut self,
        tables: &[ParsedTable],
        codes: &HashMap<(usize, String), First>,
    ) {
        let mut seen: HashMap<String, First> = HashMap::new();
        for (ti, t) in tables.iter().enumerate() {
            let file = t.name.as_str();
            for m in &t.file.messages {
                let d = &m.value;
                let at = place(file, m);
                let first = d.says.first().map_or("", |s| s.value.trim());
                let what = format!("message `{first}`");
                if d.says.is_empty() {
                    self.missing(
                        &at,
                        &what,
                        "says",
                        "list what the screen says, e.g. `says: [请签到, Please sign in]`",
                    );
                }
                for said in &d.says {
                    let key = screen::key(&said.value);
                    let wording = format!("message wording `{}`", said.value.trim());
                    let here = place(file, said);
                    let chars = said.value.trim().chars().count();
                    if key.chars().count() < 2 || chars > MAX_MESSAGE_CHARS {
                        self.push(Problem::new(
                            ProblemKind::BadCode,
                            here,
                            format!("{wording} must hold 2 to {MAX_MESSAGE_CHARS} characters, two of them letters or digits"),
                        ));
                    } else if let Some(code) = codes.get(&(BARE, compact(&said.value)))
                        && !screen::is_wordy(&said.value)
                    {
                        self.push(
                            Problem::new(
                                ProblemKind::DuplicateCode,
                                here,
                                format!(
                                    "{wording} is also the code at {}, which is always found first",
                                    code.at
                                ),
                            )
                            .hint("word the message as the screen shows it, or drop it"),
                        );
                    } else {
                        self.duplicate(&mut seen, key, &wording, here, ti, t.overlay, tables);
                    }
                }
                let fields = super::Fields {
                    meaning: d.meaning.as_ref(),
                    actor: d.actor.is_some(),
                    category: d.category.is_some(),
                    node: d.node.as_ref(),
                };
                let categories = "e.g. keys, network, card_reader, printer, operation";
                self.fields(file, &what, &at, &fields, categories);
            }
        }
    }
}
