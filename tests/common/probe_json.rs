//! The `probe --format json` contract (version 2) as a script sees it,
//! written apart from the library's types: unknown fields are refused, so
//! a change to the contract breaks a test.

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    pub version: u32,
    /// `/dev/ttyUSB0 (9600 8N1)` or `tcp://HOST:PORT`.
    pub device: String,
    /// `at`, `ecr`.
    pub protocols: Vec<String>,
    pub absent: Vec<Absent>,
    pub facts: Vec<Fact>,
    pub unsupported: Vec<Unsupported>,
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Absent {
    pub protocol: String,
    pub reason: String,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub name: String,
    pub value: String,
    /// Always `probe` here.
    pub origin: String,
    pub evidence: Option<String>,
    /// The value points at a fault (no paper, a weak signal…).
    pub alarm: bool,
}

#[derive(Debug, Deserialize, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Unsupported {
    pub command: String,
    pub reply: String,
    /// `refused`, `silent` or `not_understood`.
    pub kind: String,
}

impl Probe {
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts.iter().find(|f| f.name == name).map(|f| f.value.as_str())
    }

    pub fn evidence(&self, name: &str) -> Option<&str> {
        self.facts.iter().find(|f| f.name == name).and_then(|f| f.evidence.as_deref())
    }
}
