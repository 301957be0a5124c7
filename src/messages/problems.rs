//! A problem of the rules in the user's language. The frame is the
//! catalogue's (`node`, `hint`, did-you-mean); what is wrong stays in the
//! checker's words, for rule authors: it is mostly ids, fields and values
//! quoted from the file (and, for a YAML syntax error, the parser's words).

use crate::lang::Lang;
use crate::source::Problem;

/// `message; hint`, the hint a did-you-mean (see [`hint`]).
pub fn with_hint(lang: Lang, message: String, hint: Option<&String>) -> String {
    match hint {
        None => message,
        Some(h) => lang.t_args(
            "error-with-hint",
            &[("message", message.into()), ("hint", self::hint(lang, h).into())],
        ),
    }
}

/// The did-you-mean hint of `crate::source::did_you_mean` (`did you mean
/// `x`?`) in `lang`; any other hint as written.
pub fn hint(lang: Lang, hint: &str) -> String {
    match hint.strip_prefix("did you mean `").and_then(|h| h.strip_suffix("`?")) {
        Some(candidate) => lang.t_args("error-did-you-mean", &[("candidate", candidate.into())]),
        None => hint.to_string(),
    }
}

/// One problem as `check` lists it: `file:line:column: node `id`: what is
/// wrong [code]`, then its hint on a line of its own.
pub fn problem_line(lang: Lang, p: &Problem) -> String {
    let mut out = format!("{}: ", p.place);
    if let Some(node) = &p.node {
        out.push_str(&lang.t_args("problem-node", &[("node", node.as_str().into())]));
        out.push_str(": ");
    }
    out.push_str(&format!("{} [{}]", p.message, p.kind.code()));
    if let Some(h) = &p.hint {
        out.push_str(&format!("\n  {}: {}", lang.t("problem-hint"), hint(lang, h)));
    }
    out
}

/// `message; did you mean `x`?` for an unknown id given on a line of its
/// own (a batch line's `start`).
pub fn unknown_with_hint(lang: Lang, message: String, h: Option<&String>) -> String {
    with_hint(lang, message, h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::did_you_mean;

    #[test]
    fn the_did_you_mean_hint_is_worded_in_each_language() {
        let h = did_you_mean("triage.strat", ["triage.start", "power.adapter"]).expect("close");
        assert_eq!(hint(Lang::En, &h), "did you mean `triage.start`?");
        assert_eq!(hint(Lang::Zh, &h), "是不是 `triage.start`？");
        assert_eq!(hint(Lang::Zh, "add `zh`"), "add `zh`");
    }
}
