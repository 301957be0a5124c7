//! Where a walk starts from what the probe read, when the user chose no
//! start (the caller asks only then): the node of the last transaction's
//! response code, of a ZVT terminal's status code or failed Diagnosis, or
//! of a ZVT lock bit the code tables lead somewhere — the first of these
//! that has a node, said on stderr with the bytes behind it.

use crate::engine::{Answers, Fact, Facts};
use crate::kb::KnowledgeBase;
use crate::lang::Lang;
use crate::rules::NodeId;

/// Where a walk starts when the terminal's last transaction ended with a
/// response code that has a node of its own, or a ZVT terminal reported a
/// status code other than ready, a failed Diagnosis or a lock the code
/// tables lead somewhere — unless the root question was answered already.
/// Returns the node and, for a code, the code as `posdiag code` takes it.
pub fn start_from_code(
    rules: &KnowledgeBase,
    facts: &Facts,
    answers: &Answers,
    lang: Lang,
) -> Option<(NodeId, Option<String>)> {
    if answers.get(&rules.node(rules.root()).id).is_some() {
        return None;
    }
    let zvt = |name: &str, fine: &str| {
        facts.get(name).filter(|f| f.value != fine).map(|f| (f, format!("ZVT {}", f.value)))
    };
    let codes = [
        facts.get("last.response_code").map(|f| (f, f.value.clone(), "probe-start-from-code")),
        zvt("zvt.status", "00").map(|(f, code)| (f, code, "probe-start-from-zvt-status")),
        zvt("zvt.diagnosis", "ok").map(|(f, code)| (f, code, "probe-start-from-zvt-diagnosis")),
    ];
    let coded = codes.into_iter().flatten().find_map(|(fact, code, said)| {
        let node = rules.start_for_response_code(&code)?;
        let args =
            [("code", fact.value.as_str().into()), ("node", rules.node(node).id.as_str().into())];
        Some((fact, node, Some(code), lang.t_args(said, &args)))
    });
    let (fact, node, code, text) = match coded {
        Some(found) => found,
        None => {
            let (fact, bit) = lock_with_a_node(rules, facts)?;
            let node = bit.node?;
            let args = [
                ("bit", format!("B{}b{}", bit.byte, bit.bit).into()),
                ("meaning", bit.meaning.get(lang).into()),
                ("node", rules.node(node).id.as_str().into()),
            ];
            (fact, node, None, lang.t_args("probe-start-from-zvt-lock", &args))
        }
    };
    // The path starts past the triage, so say why, with the bytes behind it.
    let mut text = text;
    if let Some(e) = &fact.evidence {
        text = lang
            .t_args("probe-evidence", &[("text", text.into()), ("evidence", e.as_str().into())]);
    }
    super::probe_view::print_err(&format!("posdiag: {text}\n"));
    Some((node, code))
}

/// The first lock a ZVT terminal reports (`zvt.locks`) whose bit the code
/// tables lead to a node, with the fact it was read from.
fn lock_with_a_node<'a>(
    rules: &'a KnowledgeBase,
    facts: &'a Facts,
) -> Option<(&'a Fact, &'a crate::codes::Bit)> {
    use crate::codes::emv::{Word, decode, parse_hex};
    let fact = facts.get("zvt.locks")?;
    let bytes = parse_hex(Word::ZvtLocks, &fact.value).ok()?;
    let bit = decode(&bytes, Word::ZvtLocks.bits(rules.codes()))
        .into_iter()
        .find_map(|set| set.known.filter(|b| b.node.is_some()))?;
    Some((fact, bit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Fact;

    fn start(facts: &[(&str, &str)]) -> Option<(String, Option<String>)> {
        let loaded = crate::kb::load(
            &crate::source::embedded_rules(),
            &crate::source::embedded_codes(),
            &[],
        );
        let rules = loaded.kb.expect("the embedded rules load");
        let mut given = Facts::new();
        for (name, value) in facts {
            given.insert(Fact::given(*name, *value));
        }
        start_from_code(&rules, &given, &Answers::default(), Lang::En)
            .map(|(node, code)| (rules.node(node).id.clone(), code))
    }

    #[test]
    fn the_first_reading_with_a_node_picks_the_start() {
        // A ZVT status with a node wins over a lock.
        let got = start(&[("zvt.status", "CC"), ("zvt.locks", "0200")]);
        assert_eq!(got, Some(("printer.start".into(), Some("ZVT CC".into()))));
        // An approval leads nowhere, so the lock behind it picks the start.
        let got = start(&[("last.response_code", "00"), ("zvt.locks", "0200")]);
        assert_eq!(got, Some(("keys.sign_on_attempt".into(), None)));
        // A lock no table names, a ready status and a passed Diagnosis:
        // the walk starts as usual.
        assert_eq!(start(&[("zvt.status", "00"), ("zvt.diagnosis", "ok")]), None);
        assert_eq!(start(&[("zvt.locks", "0001")]), None);
        assert_eq!(start(&[("zvt.locks", "not hex")]), None);
    }
}
