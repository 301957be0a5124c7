//! Field-39 response codes and where a walk about them starts.
//!
//! **Interim.** The code-table issue replaces the body of
//! [`start_for_response_code`] with the full UnionPay tables; until then it
//! knows only the codes the simulator fixtures and the probe tests use, so
//! keep it small.

use crate::rules::{NodeId, RuleSet};

/// The node a walk starts at when the terminal's last transaction ended
/// with `code` (e.g. `51`), or `None` for an approval or a code without a
/// node of its own (the walk then starts at the triage root).
pub fn start_for_response_code(rules: &RuleSet, code: &str) -> Option<NodeId> {
    let node = match code.trim().to_ascii_uppercase().as_str() {
        "51" => "card.insufficient_funds",
        "55" => "card.wrong_pin",
        "38" | "75" => "card.pin_tries_exceeded",
        "99" | "A0" | "A7" => "keys.start",
        _ => return None,
    };
    rules.find(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        let loaded = crate::rules::load(&crate::rules::source::embedded_rules(), &[]);
        loaded
            .rules
            .unwrap_or_else(|| panic!("embedded rules have problems: {:?}", loaded.problems))
    }

    #[test]
    fn known_codes_start_at_their_node() {
        let rules = rules();
        for (code, node) in
            [("51", "card.insufficient_funds"), ("55", "card.wrong_pin"), ("a0", "keys.start")]
        {
            let id = start_for_response_code(&rules, code).map(|id| rules.node(id).id.clone());
            assert_eq!(id.as_deref(), Some(node), "{code}");
        }
        assert_eq!(start_for_response_code(&rules, "00"), None);
        assert_eq!(start_for_response_code(&rules, "ZZ"), None);
    }
}
