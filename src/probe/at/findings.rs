//! What a set of AT replies says: the facts read, and the commands refused
//! or answered in a shape posdiag does not understand.

use super::parser::Reply;
use crate::engine::Fact;
use crate::probe::Unsupported;

/// What a set of replies says.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Findings {
    pub facts: Vec<Fact>,
    pub unsupported: Vec<Unsupported>,
}

impl Findings {
    pub(super) fn fact(&mut self, name: &str, value: impl Into<String>, reply: &Reply) {
        let value = value.into();
        let alarm = crate::probe::alarm::points_at_fault(name, &value);
        self.facts.push(Fact::probed(name, value, reply.evidence()).with_alarm(alarm));
    }

    /// An `OK` reply that gave no fact: listed with what it said.
    pub(super) fn not_understood(&mut self, reply: &Reply) {
        let said = reply.evidence();
        let said = said.split_once(" → ").map_or(said.as_str(), |(_, s)| s);
        self.unsupported.push(Unsupported::not_understood(&reply.command, said));
    }
}
