//! ECR responses to facts (names in `rules/README.md`, *Fact names*). A
//! response's first field is its status (`00` done); the others are
//! `KEY=VALUE` pairs, unknown keys ignored. A status other than `00` is the
//! terminal's answer (the command is unsupported or failed), not an error.

use super::client::Response;
use crate::engine::Fact;
use crate::probe::Unsupported;
use crate::probe::at::interpret::Findings;

/// How each key of each command becomes a fact: (command, key, fact, map).
type Mapping = (&'static str, &'static str, &'static str, fn(&str) -> Option<String>);

const MAPPINGS: &[Mapping] = &[
    ("ST", "VER", "terminal.app_version", text),
    ("ST", "TID", "terminal.tid", text),
    ("ST", "MID", "terminal.mid", text),
    ("ST", "SIGNED", "terminal.signed_on", yes_no),
    ("ST", "KEYS", "terminal.keys", keys),
    ("ST", "BATCH", "terminal.batch", text),
    ("LT", "RC", "last.response_code", code),
    ("LT", "TVR", "last.tvr", text),
    ("LT", "TSI", "last.tsi", text),
    ("LT", "TIME", "last.time", text),
    ("LT", "AMOUNT", "last.amount", text),
    ("SE", "MSR", "reader.magstripe", ok_fault),
    ("SE", "ICC", "reader.chip", ok_fault),
    ("SE", "PICC", "reader.contactless", ok_fault),
    ("SE", "PAPER", "printer.paper", paper),
    ("SE", "PTEMP", "printer.temperature", temperature),
    ("SE", "COVER", "printer.cover", text),
    ("SE", "BATT", "terminal.battery", percent),
    ("SE", "TAMPER", "terminal.tamper", yes_no),
    ("SE", "MODEM", "terminal.modem", ok_fault),
    ("EL", "N", "errorlog.count", text),
    ("EL", "E1", "errorlog.last", text),
];

/// Read the facts out of the responses of one probe.
pub fn interpret(responses: &[Response]) -> Findings {
    let mut out = Findings::default();
    for r in responses {
        let command = r.frame.command.as_str();
        let status = r.frame.fields.first().map(String::as_str).unwrap_or_default();
        if status != "00" {
            out.unsupported.push(Unsupported::refused(
                command,
                format!("status {}", if status.is_empty() { "missing" } else { status }),
            ));
            continue;
        }
        let frame_text = super::frame::frame_text(&r.raw);
        for field in r.frame.fields.iter().skip(1) {
            let Some((key, raw)) = field.split_once('=') else { continue };
            let key = key.trim().to_ascii_uppercase();
            let Some((_, _, name, map)) =
                MAPPINGS.iter().find(|(c, k, _, _)| *c == command && *k == key)
            else {
                continue;
            };
            if let Some(value) = map(raw.trim()) {
                let alarm = crate::probe::alarm::points_at_fault(name, &value);
                let evidence = format!("{command} → {field} in {frame_text}");
                out.facts.push(Fact::probed(*name, value, evidence).with_alarm(alarm));
            }
        }
    }
    out
}

fn text(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_string())
}

/// A field-39 code: two characters, upper case (`51`, `A0`).
fn code(v: &str) -> Option<String> {
    (!v.is_empty()).then(|| v.to_ascii_uppercase())
}

fn yes_no(v: &str) -> Option<String> {
    match v.to_ascii_uppercase().as_str() {
        "1" | "Y" | "YES" => Some("yes".into()),
        "0" | "N" | "NO" => Some("no".into()),
        _ => None,
    }
}

fn keys(v: &str) -> Option<String> {
    yes_no(v).map(|y| if y == "yes" { "present".into() } else { "missing".into() })
}

fn ok_fault(v: &str) -> Option<String> {
    match v.to_ascii_uppercase().as_str() {
        "OK" => Some("ok".into()),
        "FAULT" | "FAIL" | "ERR" => Some("fault".into()),
        _ => None,
    }
}

fn paper(v: &str) -> Option<String> {
    match v.to_ascii_uppercase().as_str() {
        "OK" => Some("ok".into()),
        "OUT" | "EMPTY" => Some("out".into()),
        _ => None,
    }
}

fn temperature(v: &str) -> Option<String> {
    match v.to_ascii_uppercase().as_str() {
        "OK" => Some("ok".into()),
        "HOT" | "OVERHEATED" => Some("overheated".into()),
        _ => None,
    }
}

fn percent(v: &str) -> Option<String> {
    v.parse::<u8>().ok().filter(|p| *p <= 100).map(|p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::frame::Frame;
    use super::*;

    fn response(command: &str, fields: &[&str]) -> Response {
        let frame = Frame::new(command, fields);
        Response { raw: frame.encode(), frame }
    }

    fn value<'a>(f: &'a Findings, name: &str) -> Option<&'a str> {
        f.facts.iter().find(|x| x.name == name).map(|x| x.value.as_str())
    }

    #[test]
    fn reads_every_command() {
        let f = interpret(&[
            response(
                "ST",
                &[
                    "00",
                    "VER=2.1.0",
                    "TID=12345678",
                    "MID=898440153110001",
                    "SIGNED=0",
                    "KEYS=1",
                    "BATCH=000123",
                ],
            ),
            response(
                "LT",
                &["00", "RC=51", "TVR=0000008000", "TSI=E800", "TIME=2025-05-01T10:12:00"],
            ),
            response(
                "SE",
                &[
                    "00",
                    "MSR=OK",
                    "ICC=FAULT",
                    "PICC=OK",
                    "PAPER=OUT",
                    "PTEMP=HOT",
                    "BATT=87",
                    "TAMPER=0",
                    "MODEM=OK",
                ],
            ),
            response("EL", &["00", "N=1", "E1=2025-05-01T09:00:00 PRN 02 out of paper"]),
        ]);
        assert_eq!(value(&f, "terminal.app_version"), Some("2.1.0"));
        assert_eq!(value(&f, "terminal.signed_on"), Some("no"));
        assert_eq!(value(&f, "terminal.keys"), Some("present"));
        assert_eq!(value(&f, "last.response_code"), Some("51"));
        assert_eq!(value(&f, "reader.chip"), Some("fault"));
        assert_eq!(value(&f, "reader.magstripe"), Some("ok"));
        assert_eq!(value(&f, "printer.paper"), Some("out"));
        assert_eq!(value(&f, "printer.temperature"), Some("overheated"));
        assert_eq!(value(&f, "terminal.battery"), Some("87"));
        assert_eq!(value(&f, "terminal.tamper"), Some("no"));
        assert_eq!(value(&f, "errorlog.count"), Some("1"));
        let paper = f.facts.iter().find(|x| x.name == "printer.paper").expect("paper");
        let evidence = paper.evidence.as_deref().unwrap_or_default();
        assert!(
            evidence.starts_with("SE → PAPER=OUT in <STX><LEN 76>SE<FS>00<FS>MSR=OK"),
            "{evidence}"
        );
        assert!(f.unsupported.is_empty());
    }

    #[test]
    fn a_refused_command_is_unsupported() {
        let f = interpret(&[response("EL", &["01"])]);
        assert!(f.facts.is_empty());
        assert_eq!(f.unsupported, [Unsupported::refused("EL", "status 01")]);
    }

    #[test]
    fn odd_values_are_skipped() {
        let f = interpret(&[response("SE", &["00", "BATT=250", "PAPER=maybe", "junk", "MSR=ok"])]);
        assert_eq!(value(&f, "terminal.battery"), None);
        assert_eq!(value(&f, "printer.paper"), None);
        assert_eq!(value(&f, "reader.magstripe"), Some("ok"));
    }
}
