//! Facts: named values that answer questions without asking. A probe of the
//! terminal produces them (with the raw bytes behind each), and so does
//! `--fact NAME=VALUE` on the command line.
//!
//! This module knows nothing of serial ports or protocols; it only holds what
//! they found, so every automatic answer can be traced to its evidence.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactOrigin {
    /// Read from the terminal by a probe.
    Probe,
    /// Given by the user (`--fact`, a case file).
    Given,
}

/// One fact with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Dotted name, e.g. `modem.csq` (see `rules/README.md`, *Fact names*).
    pub name: String,
    /// The value, as text; numbers are parsed where a rule compares them.
    pub value: String,
    pub origin: FactOrigin,
    /// What produced it: the exchange that was read, as printable text
    /// (e.g. `AT+CSQ → +CSQ: 7,99`), or `None` for given facts.
    pub evidence: Option<String>,
    /// The value points at a fault (a probe's judgement: no paper, a weak
    /// signal); the walk puts first the area such a fact leads to.
    #[serde(default)]
    pub alarm: bool,
}

impl Fact {
    /// A fact the user stated.
    pub fn given(name: impl Into<String>, value: impl Into<String>) -> Fact {
        let name = name.into();
        Fact {
            value: masked_value(&name, value.into()),
            name,
            origin: FactOrigin::Given,
            evidence: None,
            alarm: false,
        }
    }

    /// A fact read from the terminal, with the exchange it came from.
    pub fn probed(
        name: impl Into<String>,
        value: impl Into<String>,
        evidence: impl Into<String>,
    ) -> Fact {
        let name = name.into();
        Fact {
            value: masked_value(&name, value.into()),
            name,
            origin: FactOrigin::Probe,
            evidence: Some(masked(evidence.into())),
            alarm: false,
        }
    }

    /// The same fact, marked as pointing at a fault or not.
    #[must_use]
    pub fn with_alarm(mut self, alarm: bool) -> Fact {
        self.alarm = alarm;
        self
    }
}

/// A fact's value, masked unless the fact is one that is kept readable by
/// name (a modem's IMEI; see [`crate::mask::READABLE_FACTS`]).
fn masked_value(name: &str, value: String) -> String {
    if crate::mask::keep_readable(name, &value) { value } else { masked(value) }
}

/// Card numbers never get into a fact (see [`crate::mask`]).
fn masked(text: String) -> String {
    match crate::mask::mask_pans(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(m) => m,
    }
}

/// The facts known for one walk, by name. A later fact of the same name
/// replaces an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    by_name: BTreeMap<String, Fact>,
}

impl Facts {
    pub fn new() -> Facts {
        Facts::default()
    }

    pub fn insert(&mut self, mut fact: Fact) {
        fact.value = masked_value(&fact.name, fact.value);
        fact.evidence = fact.evidence.map(masked);
        self.by_name.insert(fact.name.clone(), fact);
    }

    pub fn get(&self, name: &str) -> Option<&Fact> {
        self.by_name.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Fact> {
        self.by_name.values()
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

impl FromIterator<Fact> for Facts {
    fn from_iter<I: IntoIterator<Item = Fact>>(iter: I) -> Facts {
        let mut facts = Facts::new();
        for fact in iter {
            facts.insert(fact);
        }
        facts
    }
}
