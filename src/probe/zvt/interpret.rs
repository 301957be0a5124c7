//! ZVT exchanges to facts (names in `rules/README.md`, *Fact names*): the
//! terminal status code of the Status Enquiry's completion (PA00P015 §11),
//! the result code of an Abort or a Status Information (§10), the software
//! version, the terminal id and the terminal locks (TLV `1F55`). Codes that name a fault of the
//! walk also set the fact the walk asks: the status code `BF` (supply
//! voltage too low) answers the power questions, `CC` the printer's, `E2`
//! the card reader's, `51`/`E4` the sign-on's and `F0` the settlement's
//! (the terminal asks for its end of day: `operation.message=batch_full`); a
//! Diagnosis aborted with `A3`, `A1`, `9B` or `7D` answers the
//! connection-to-host question.

use super::apdu::hex;
use super::link::{Exchange, Received};
use super::message::{self, Message};
use super::tlv::Tlv;
use crate::engine::Fact;
use crate::probe::Unsupported;
use crate::probe::alarm::points_at_fault;
use crate::probe::at::interpret::Findings;

/// Facts the walk asks, set by a terminal status code: (code, fact, value).
pub const STATUS_FACTS: &[(u8, &str, &str)] = &[
    (0xbf, "power.state", "low_voltage"),
    (0xcc, "printer.state", "not_ready"),
    (0xe2, "reader.chip", "fault"),
    (0xe2, "reader.magstripe", "fault"),
    (0x51, "terminal.signed_on", "no"),
    (0xe4, "terminal.signed_on", "no"),
    (0xf0, "operation.message", "batch_full"),
];

/// A known lock flag: its mask, its name, and the walk's fact it sets.
pub type LockFlag = ([u8; 2], &'static str, Option<(&'static str, &'static str)>);

/// Terminal locks (TLV `1F55`, two bytes of flags) whose meaning a
/// terminal maker's manual states: CCV's OPM-C60 system manual (ZVT
/// start-up, PA72P002) shows `40 00` for "commissioning required" and
/// `02 00` for "initialisation required". Each known flag that is set
/// becomes a `zvt.lock` fact, and the walk's own fact where one fits;
/// the other flags stay in `zvt.locks` as hex, unnamed, since no source
/// checked here names them.
pub const LOCK_FLAGS: &[LockFlag] = &[
    ([0x40, 0x00], "commissioning_required", None),
    ([0x02, 0x00], "initialisation_required", Some(("terminal.signed_on", "no"))),
];

/// The known flags set in the lock bytes `locks`.
pub fn lock_flags(locks: &[u8]) -> impl Iterator<Item = &'static LockFlag> + '_ {
    LOCK_FLAGS.iter().filter(move |(mask, _, _)| {
        locks.len() == 2 && (locks[0] & mask[0] != 0 || locks[1] & mask[1] != 0)
    })
}

/// Diagnosis result codes that say the host cannot be reached.
pub const HOST_UNREACHABLE: [u8; 4] = [0xa3, 0xa1, 0x9b, 0x7d];

/// Longest APDU shown whole in evidence; longer ones are cut.
const EVIDENCE_BYTES: usize = 48;

fn evidence(exchange: &Exchange, received: &Received) -> String {
    let apdu = received.apdu.encode();
    // Bytes joined by `:`: a run of hex digits is no card number.
    let colon = |b: &[u8]| hex(b).replace(' ', ":");
    let shown = if apdu.len() > EVIDENCE_BYTES {
        format!("{} … ({} bytes)", colon(&apdu[..EVIDENCE_BYTES]), apdu.len())
    } else {
        colon(&apdu)
    };
    format!("{} → {} in {shown}", exchange.command, message::describe(&received.apdu))
}

fn fact(name: &str, value: impl Into<String>, evidence: &str) -> Fact {
    let value = value.into();
    let alarm = points_at_fault(name, &value);
    Fact::probed(name, value, evidence).with_alarm(alarm)
}

/// Read the facts out of the exchanges of one probe.
pub fn interpret(exchanges: &[Exchange]) -> Findings {
    let mut out = Findings::default();
    for ex in exchanges {
        if let Some(refused) = &ex.refused {
            out.unsupported.push(Unsupported::refused(&ex.command, hex(&refused.apdu.encode())));
            continue;
        }
        let code = ex.request.command();
        for received in &ex.messages {
            let ev = evidence(ex, received);
            match message::decode(&received.apdu) {
                Message::StatusCompletion { software, status, fields } => {
                    out.facts.push(fact("zvt.software", software.trim(), &ev));
                    out.facts.push(fact("zvt.status", format!("{status:02X}"), &ev));
                    for (_, name, value) in STATUS_FACTS.iter().filter(|(c, _, _)| *c == status) {
                        out.facts.push(fact(name, *value, &ev));
                    }
                    let locks = Tlv::find(fields.tlv(), 0x1f55).map(|t| t.value.clone());
                    let locked = locks.as_deref().unwrap_or_default();
                    let uninitialised =
                        lock_flags(locked).any(|(_, name, _)| *name == "initialisation_required");
                    if status == 0x00 && !uninitialised {
                        out.facts.push(fact("terminal.signed_on", "yes", &ev));
                    }
                    if let Some(tid) = message::terminal_id(&fields) {
                        out.facts.push(fact("terminal.tid", tid, &ev));
                    }
                    if let Some(locks) = &locks {
                        out.facts.push(fact("zvt.locks", hex(locks).replace(' ', ""), &ev));
                    }
                    for (_, name, walk) in lock_flags(locked) {
                        out.facts.push(fact("zvt.lock", *name, &ev));
                        if let Some((walk_fact, value)) = walk {
                            out.facts.push(fact(walk_fact, *value, &ev));
                        }
                    }
                }
                Message::Completion(fields) => {
                    if let Some(tid) = message::terminal_id(&fields) {
                        out.facts.push(fact("terminal.tid", tid, &ev));
                    }
                    match code {
                        0x0670 => out.facts.push(fact("zvt.diagnosis", "ok", &ev)),
                        0x0679 => out.facts.push(fact("zvt.selftest", "ok", &ev)),
                        _ => {}
                    }
                }
                Message::Abort { result, .. } => {
                    let value = format!("{result:02X}");
                    match code {
                        0x0670 => {
                            out.facts.push(fact("zvt.diagnosis", value, &ev));
                            if HOST_UNREACHABLE.contains(&result) {
                                out.facts.push(fact("terminal.host", "unreachable", &ev));
                            }
                        }
                        0x0679 => out.facts.push(fact("zvt.selftest", value, &ev)),
                        _ => out.unsupported.push(Unsupported::refused(
                            &ex.command,
                            format!("abort, result code {value}"),
                        )),
                    }
                }
                Message::StatusInformation(fields) => {
                    if let Some(code) = fields.get(0x27).and_then(|f| f.value.first()) {
                        out.facts.push(fact("zvt.result", format!("{code:02X}"), &ev));
                    }
                }
                _ => {}
            }
        }
        let lines = printed(ex);
        if !lines.is_empty() {
            out.facts.push(fact(
                "zvt.printout",
                format!("{} line(s)", lines.len()),
                &format!("{} → {}", ex.command, lines.join(" / ")),
            ));
        }
    }
    // The same value read twice (the terminal id of two completions) is
    // one fact, with the first evidence.
    let mut seen = std::collections::HashSet::new();
    out.facts.retain(|f| seen.insert((f.name.clone(), f.value.clone())));
    out
}

/// The lines a command had printed (Print Line, Print Text Block).
pub fn printed(ex: &Exchange) -> Vec<String> {
    let mut lines = Vec::new();
    for r in &ex.messages {
        match message::decode(&r.apdu) {
            Message::PrintLine { text, .. } => lines.push(text.trim_end().to_string()),
            Message::PrintTextBlock { lines: block, .. } => {
                lines.extend(block.into_iter().map(|l| l.trim_end().to_string()))
            }
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::apdu::Apdu;
    use super::super::bmp;
    use super::*;

    fn exchange(command: &str, request: Apdu, replies: Vec<Apdu>) -> Exchange {
        Exchange {
            command: command.into(),
            request,
            refused: None,
            messages: replies
                .into_iter()
                .map(|apdu| Received { raw: apdu.encode(), apdu })
                .collect(),
        }
    }

    fn value<'a>(f: &'a Findings, name: &str) -> Option<&'a str> {
        f.facts.iter().find(|x| x.name == name).map(|x| x.value.as_str())
    }

    #[test]
    fn status_and_diagnosis_answer_the_walk() {
        let mut data = vec![0xf0, 0xf0, 0xf3];
        data.extend_from_slice(b"1.0");
        data.push(0xbf);
        data.extend(bmp::encode(&[(0x06, vec![0x1f, 0x44, 0x04, 0x12, 0x34, 0x56, 0x78])]));
        let f = interpret(&[
            exchange(
                "Status Enquiry (05 01)",
                Apdu::new(0x05, 0x01, []),
                vec![Apdu::new(0x06, 0x0f, data)],
            ),
            exchange(
                "Diagnosis (06 70)",
                Apdu::new(0x06, 0x70, []),
                vec![
                    Apdu::new(0x04, 0xff, [0x0c]),
                    Apdu::new(0x04, 0x0f, [0x27, 0x9b]),
                    Apdu::new(0x06, 0x1e, [0xa3]),
                ],
            ),
        ]);
        assert_eq!(value(&f, "zvt.status"), Some("BF"));
        assert_eq!(value(&f, "power.state"), Some("low_voltage"));
        assert_eq!(value(&f, "terminal.tid"), Some("12345678"));
        assert_eq!(value(&f, "zvt.diagnosis"), Some("A3"));
        assert_eq!(value(&f, "terminal.host"), Some("unreachable"));
        assert_eq!(value(&f, "zvt.result"), Some("9B"));
        let status = f.facts.iter().find(|x| x.name == "zvt.status").expect("status");
        assert!(status.alarm);
        let ev = status.evidence.as_deref().unwrap_or_default();
        assert!(ev.starts_with("Status Enquiry (05 01) → status completion"), "{ev}");
        assert!(ev.contains("in 06:0F:"), "{ev}");
    }

    #[test]
    fn a_refusal_is_unsupported() {
        let mut ex = exchange("Selftest (06 79)", Apdu::new(0x06, 0x79, []), vec![]);
        ex.refused = Some(Received { raw: vec![0x84, 0x83, 0x00], apdu: Apdu::nak(0x83) });
        let f = interpret(&[ex]);
        assert!(f.facts.is_empty());
        assert_eq!(f.unsupported, [Unsupported::refused("Selftest (06 79)", "84 83 00")]);
    }
}
