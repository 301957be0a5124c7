//! What a technician sees of a probe: the summary first (the protocols
//! that answered, and the values that point at a fault, marked), then every
//! fact with the command it came from, then the evidence once per command,
//! then what was missing or not understood. Card numbers masked throughout.

use std::collections::BTreeMap;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

use crate::error::Error;
use crate::lang::Lang;
use crate::mask::mask_pans;
use crate::probe::{Missing, Protocol, Readings};

/// Write `text` to stdout through the output layer ([`crate::output`]):
/// masked; a reader that closed the pipe early ends the output quietly
/// (`posdiag probe … | head -1`), any other failure ends the run as an
/// error, never a panic.
pub fn print_out(text: &str) -> Result<(), Error> {
    crate::output::stdout_str(text);
    Ok(())
}

/// Write `text` to stderr through the output layer, as far as it goes: a
/// closed stderr is no reason to stop a probe.
pub fn print_err(text: &str) {
    crate::eout!("{text}");
}

/// The mark beside a value that points at a fault.
const MARK: &str = "⚠";

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::At => "AT",
        Protocol::Ecr => "ECR",
        Protocol::Zvt => "ZVT",
        Protocol::Auto => "auto",
    }
}

/// Whether a fact's value points at a fault (a weak signal, no paper…).
pub fn is_bad(name: &str, value: &str) -> bool {
    crate::probe::alarm::points_at_fault(name, value)
}

/// The command part of an evidence line: `AT+CSQ` of `AT+CSQ → +CSQ: 7,99`.
fn command_of(evidence: &str) -> &str {
    evidence.split_once(" → ").map_or(evidence, |(c, _)| c)
}

/// The readings as text.
pub fn render(r: &Readings, lang: Lang) -> String {
    let protocols: Vec<&str> = r.protocols.iter().map(|p| protocol_name(*p)).collect();
    let mut out = format!(
        "{} {}   {} {}\n",
        lang.t("probe-view-device"),
        mask_pans(&r.device),
        lang.t("probe-view-protocols"),
        protocols.join(", ")
    );
    for a in &r.absent {
        out.push_str(&format!(
            "{} {} — {}\n",
            lang.t("probe-view-no-answer-from"),
            protocol_name(a.protocol),
            mask_pans(&a.reason)
        ));
    }
    let bad: Vec<String> = r
        .facts
        .iter()
        .filter(|f| is_bad(&f.name, &f.value))
        .map(|f| format!("{} {}", f.name, mask_pans(&f.value)))
        .collect();
    if bad.is_empty() {
        out.push_str(lang.t("probe-view-nothing-the-terminal-said-points"));
    } else {
        out.push_str(&format!("{MARK} {} {}\n", lang.t("probe-view-look-at"), bad.join(", ")));
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec![
        lang.t("probe-view-fact"),
        lang.t("probe-view-value"),
        lang.t("probe-view-from"),
    ]);
    // Evidence once per command, in the order first used.
    let mut evidence: Vec<String> = Vec::new();
    for f in &r.facts {
        let value = mask_pans(&f.value).into_owned();
        let value = if is_bad(&f.name, &f.value) { format!("{value} {MARK}") } else { value };
        let from = f.evidence.as_deref().map(command_of).unwrap_or_default().to_string();
        if let Some(e) = &f.evidence
            && !evidence.contains(e)
        {
            evidence.push(e.clone());
        }
        t.add_row(vec![f.name.clone(), value, mask_pans(&from).into_owned()]);
    }
    if !r.facts.is_empty() {
        out.push_str(&t.to_string());
        out.push('\n');
        out.push_str(lang.t("probe-view-evidence-bytes-received"));
        for e in &evidence {
            out.push_str(&format!("  {}\n", mask_pans(e)));
        }
    }
    let mut groups: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for u in &r.unsupported {
        let rank = match u.kind {
            Missing::Refused => 0,
            Missing::Silent => 1,
            Missing::NotUnderstood => 2,
        };
        groups.entry(rank).or_default().push(format!(
            "  {} → {}\n",
            u.command,
            mask_pans(&u.reply)
        ));
    }
    for (rank, lines) in groups {
        out.push_str(match rank {
            0 => lang.t("probe-view-refused-missing-facts"),
            1 => lang.t("probe-view-not-answered-missing-facts"),
            _ => lang.t("probe-view-answered-but-not-understood"),
        });
        for line in lines {
            out.push_str(&line);
        }
    }
    for note in &r.notes {
        out.push_str(&format!("{} {}\n", lang.t("probe-view-note"), mask_pans(note)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Fact;
    use crate::probe::{Absent, Unsupported};

    #[test]
    fn summary_first_marks_and_evidence_once() {
        let csq = "AT+CSQ → +CSQ: 7,99";
        let r = Readings {
            device: "/dev/x (9600 8N1)".into(),
            protocols: vec![Protocol::At],
            absent: vec![Absent { protocol: Protocol::Ecr, reason: "no ACK".into() }],
            facts: vec![
                Fact::probed("modem.csq", "7", csq),
                Fact::probed("modem.signal", "marginal", csq),
            ],
            unsupported: vec![
                Unsupported::refused("AT+CEREG?", "ERROR"),
                Unsupported::not_understood("AT+CPIN?", "+CPIN:0"),
            ],
            notes: Vec::new(),
        };
        let text = render(&r, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "No answer from: ECR — no ACK");
        assert_eq!(lines[2], "⚠ Look at: modem.signal marginal");
        assert!(text.contains("marginal ⚠"), "{text}");
        assert_eq!(text.matches(csq).count(), 1, "{text}");
        assert!(text.contains("Refused (missing facts):\n  AT+CEREG? → ERROR\n"), "{text}");
        assert!(text.contains("Answered but not understood:\n  AT+CPIN? → +CPIN:0\n"), "{text}");
    }
}
