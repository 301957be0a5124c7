//! AT replies to facts (names in `rules/README.md`, *Fact names*): SIM
//! state, signal, registration, operator, packet attach, modem identity.
//! A command the modem refused is a missing fact, listed as unsupported;
//! one it answered in a shape 27.007 does not give (`+CPIN:0`, a bare
//! `OK`) is listed as not understood, with its lines, so that nothing the
//! modem said vanishes.

pub use super::findings::Findings;
use super::parser::{Final, Reply};
use crate::probe::Unsupported;

/// Read the facts out of the replies of one probe.
pub fn interpret(replies: &[Reply]) -> Findings {
    let mut out = Findings::default();
    let find = |cmd: &str| replies.iter().find(|r| r.command == cmd);
    for reply in replies.iter().filter(|r| !r.end.is_ok()) {
        if !(reply.command == "AT+CPIN?" && sim_from_error(&reply.end).is_some()) {
            out.unsupported.push(Unsupported::refused(&reply.command, reply.end.to_string()));
        }
    }
    if let Some(r) = find("AT+CPIN?") {
        sim(&mut out, r);
    }
    if let Some(r) = find("AT+CSQ").filter(|r| r.end.is_ok()) {
        signal(&mut out, r);
    }
    super::registration::registration(
        &mut out,
        ["AT+CEREG?", "AT+CGREG?", "AT+CREG?"].iter().filter_map(|c| find(c)),
    );
    if let Some(r) = find("AT+COPS?").filter(|r| r.end.is_ok()) {
        operator(&mut out, r);
    }
    if let Some(r) = find("AT+CGATT?").filter(|r| r.end.is_ok()) {
        match r.values("+CGATT").find_map(|v| field(v, 0)).as_deref() {
            Some("1") => out.fact("modem.attach", "attached", r),
            Some("0") => out.fact("modem.attach", "detached", r),
            _ => out.not_understood(r),
        }
    }
    identity(&mut out, find("AT+CGMI"), find("AT+CGMM"), find("AT+CGMR"), find("ATI"));
    out
}

/// The `i`th comma-separated field, unquoted and trimmed.
fn field(values: &str, i: usize) -> Option<String> {
    values.split(',').nth(i).map(|f| f.trim().trim_matches('"').trim().to_string())
}

fn sim(out: &mut Findings, r: &Reply) {
    let state = if r.end.is_ok() {
        r.values("+CPIN").next().and_then(|v| {
            let v = v.trim_matches('"').to_ascii_uppercase();
            Some(match v.as_str() {
                "READY" => "ready",
                "SIM PIN" | "SIM PIN2" | "PH-SIM PIN" | "PH-NET PIN" => "pin_required",
                "SIM PUK" | "SIM PUK2" | "PH-NET PUK" => "puk_required",
                "NOT INSERTED" | "SIM REMOVED" | "NO SIM" => "absent",
                "NOT READY" => return None,
                _ if v.contains("PUK") => "puk_required",
                _ if v.contains("PIN") => "pin_required",
                _ => return None,
            })
        })
    } else {
        sim_from_error(&r.end)
    };
    match state {
        Some(state) => out.fact("modem.sim", state, r),
        // `NOT READY` (the SIM still starting) is listed with its words.
        None if r.end.is_ok() => out.not_understood(r),
        None => {}
    }
}

/// The SIM state a `+CME ERROR` to `AT+CPIN?` reveals (TS 27.007 §9.2.1).
fn sim_from_error(end: &Final) -> Option<&'static str> {
    let Final::CmeError(e) = end else { return None };
    let e = e.to_ascii_lowercase();
    Some(match e.as_str() {
        "10" | "sim not inserted" => "absent",
        "11" | "sim pin required" => "pin_required",
        "12" | "sim puk required" => "puk_required",
        "13" | "15" | "sim failure" | "sim wrong" => "failure",
        _ => return None,
    })
}

fn signal(out: &mut Findings, r: &Reply) {
    let Some(rssi) = r
        .values("+CSQ")
        .find_map(|v| field(v, 0))
        .and_then(|f| f.parse::<u32>().ok())
        .filter(|rssi| *rssi <= 31 || *rssi == 99)
    else {
        return out.not_understood(r);
    };
    out.fact("modem.csq", rssi.to_string(), r);
    if rssi <= 31 {
        out.fact("modem.dbm", dbm(rssi).to_string(), r);
    }
    if let Some(band) = band(rssi) {
        out.fact("modem.signal", band, r);
    }
}

/// TS 27.007 §8.5: 0 = −113 dBm or less, 2 dB a step, 31 = −51 dBm or more.
pub fn dbm(rssi: u32) -> i32 {
    -113 + 2 * i32::try_from(rssi.min(31)).unwrap_or(31)
}

/// The quality band of an rssi (pos-domain.md §3); 99 is "not known or
/// not detectable" (TS 27.007 §8.5), which LTE modules answer while
/// registered: `unknown`, never `none`.
pub fn band(rssi: u32) -> Option<&'static str> {
    Some(match rssi {
        99 => "unknown",
        0 | 1 => "none",
        2..=9 => "marginal",
        10..=14 => "ok",
        15..=19 => "good",
        20..=31 => "excellent",
        _ => return None,
    })
}

/// `+COPS: <mode>,<format>,<oper>[,<AcT>]`; `+COPS: <mode>` alone means no
/// operator is selected, which is a fact (`none`).
fn operator(out: &mut Findings, r: &Reply) {
    let Some(values) = r.values("+COPS").next() else { return out.not_understood(r) };
    let fields: Vec<&str> = values.split(',').map(str::trim).collect();
    match fields.as_slice() {
        [mode] if !mode.is_empty() && mode.bytes().all(|b| b.is_ascii_digit()) => {
            out.fact("modem.operator", "none", r)
        }
        [_, _, op, ..] if !op.trim_matches('"').trim().is_empty() => {
            out.fact("modem.operator", op.trim_matches('"').trim(), r)
        }
        _ => out.not_understood(r),
    }
}

fn identity(
    out: &mut Findings,
    cgmi: Option<&Reply>,
    cgmm: Option<&Reply>,
    cgmr: Option<&Reply>,
    ati: Option<&Reply>,
) {
    let ati_lines: Vec<&str> = ati
        .filter(|r| r.end.is_ok())
        .map(|r| r.info.iter().map(String::as_str).collect())
        .unwrap_or_default();
    let items = [
        ("modem.manufacturer", cgmi, "+CGMI", ati_lines.first().copied()),
        ("modem.model", cgmm, "+CGMM", ati_lines.get(1).copied()),
        (
            "modem.revision",
            cgmr,
            "+CGMR",
            ati_lines.iter().find(|l| l.to_ascii_lowercase().starts_with("revision")).copied(),
        ),
    ];
    for (name, reply, prefix, fallback) in items {
        if let Some(r) = reply.filter(|r| r.end.is_ok())
            && let Some(line) = r.info.first()
        {
            let value = super::parser::strip_prefix(line, prefix).unwrap_or(line);
            let value = super::parser::strip_prefix(value, "Revision").unwrap_or(value);
            out.fact(name, value.trim_matches('"'), r);
        } else if let (Some(r), Some(line)) = (ati, fallback) {
            let value = super::parser::strip_prefix(line, "Revision").unwrap_or(line);
            out.fact(name, value, r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse_reply;
    use super::*;

    fn replies(pairs: &[(&str, &str)]) -> Vec<Reply> {
        pairs
            .iter()
            .map(|(cmd, bytes)| parse_reply(cmd, bytes.as_bytes()).expect("complete reply"))
            .collect()
    }

    fn value<'a>(f: &'a Findings, name: &str) -> Option<&'a str> {
        f.facts.iter().find(|x| x.name == name).map(|x| x.value.as_str())
    }

    #[test]
    fn healthy_modem() {
        let f = interpret(&replies(&[
            ("ATI", "Quectel\r\nEC25\r\nRevision: EC25EFAR06A03M4G\r\nOK\r\n"),
            ("AT+CGMI", "Quectel\r\nOK\r\n"),
            ("AT+CGMM", "+CGMM: EC25\r\nOK\r\n"),
            ("AT+CGMR", "Revision: EC25EFAR06A03M4G\r\nOK\r\n"),
            ("AT+CPIN?", "+CPIN: READY\r\nOK\r\n"),
            ("AT+CSQ", "+CSQ: 24,99\r\nOK\r\n"),
            ("AT+CREG?", "+CREG: 0,1\r\nOK\r\n"),
            ("AT+CGREG?", "+CGREG: 0,1\r\nOK\r\n"),
            ("AT+CEREG?", "+CEREG: 0,1\r\nOK\r\n"),
            ("AT+COPS?", "+COPS: 0,0,\"CHINA MOBILE\",7\r\nOK\r\n"),
            ("AT+CGATT?", "+CGATT: 1\r\nOK\r\n"),
        ]));
        assert_eq!(value(&f, "modem.sim"), Some("ready"));
        assert_eq!(value(&f, "modem.csq"), Some("24"));
        assert_eq!(value(&f, "modem.dbm"), Some("-65"));
        assert_eq!(value(&f, "modem.signal"), Some("excellent"));
        assert_eq!(value(&f, "modem.registration"), Some("home"));
        assert_eq!(value(&f, "modem.operator"), Some("CHINA MOBILE"));
        assert_eq!(value(&f, "modem.attach"), Some("attached"));
        assert_eq!(value(&f, "modem.manufacturer"), Some("Quectel"));
        assert_eq!(value(&f, "modem.model"), Some("EC25"));
        assert_eq!(value(&f, "modem.revision"), Some("EC25EFAR06A03M4G"));
        assert!(f.unsupported.is_empty());
        let csq = f.facts.iter().find(|x| x.name == "modem.csq").expect("csq");
        assert_eq!(csq.evidence.as_deref(), Some("AT+CSQ → +CSQ: 24,99"));
    }

    #[test]
    fn sim_states() {
        for (bytes, state) in [
            ("+CME ERROR: 10\r\n", "absent"),
            ("+CME ERROR: SIM not inserted\r\n", "absent"),
            ("+CPIN: SIM PIN\r\nOK\r\n", "pin_required"),
            ("+CPIN:SIM PUK\r\nOK\r\n", "puk_required"),
            ("+CME ERROR: 13\r\n", "failure"),
            ("+CPIN: NOT INSERTED\r\nOK\r\n", "absent"),
        ] {
            let f = interpret(&replies(&[("AT+CPIN?", bytes)]));
            assert_eq!(value(&f, "modem.sim"), Some(state), "{bytes}");
            assert!(f.unsupported.is_empty(), "{bytes}");
        }
        let f = interpret(&replies(&[("AT+CPIN?", "ERROR\r\n")]));
        assert_eq!(value(&f, "modem.sim"), None);
        assert_eq!(f.unsupported.len(), 1);
    }

    #[test]
    fn signal_bands() {
        for (rssi, band_name, dbm_value) in [
            (0, "none", -113),
            (1, "none", -111),
            (2, "marginal", -109),
            (9, "marginal", -95),
            (10, "ok", -93),
            (14, "ok", -85),
            (15, "good", -83),
            (19, "good", -75),
            (20, "excellent", -73),
            (31, "excellent", -51),
        ] {
            assert_eq!(band(rssi), Some(band_name), "{rssi}");
            assert_eq!(dbm(rssi), dbm_value, "{rssi}");
        }
        // 99: not known (LTE modules say so while registered), never "none".
        let f = interpret(&replies(&[("AT+CSQ", "+CSQ: 99,99\r\nOK\r\n")]));
        assert_eq!(value(&f, "modem.signal"), Some("unknown"));
        assert_eq!(value(&f, "modem.csq"), Some("99"));
        assert_eq!(value(&f, "modem.dbm"), None);
        assert!(f.unsupported.is_empty());
        let f = interpret(&replies(&[("AT+CSQ", "+CSQ: 64,99\r\nOK\r\n")]));
        assert!(f.facts.is_empty());
        assert_eq!(f.unsupported, [Unsupported::not_understood("AT+CSQ", "+CSQ: 64,99")]);
    }

    #[test]
    fn registration_prefers_a_registered_domain() {
        let f = interpret(&replies(&[
            ("AT+CREG?", "+CREG: 0,1\r\nOK\r\n"),
            ("AT+CGREG?", "+CGREG: 0,5\r\nOK\r\n"),
            ("AT+CEREG?", "+CEREG: 0,0\r\nOK\r\n"),
        ]));
        assert_eq!(value(&f, "modem.registration"), Some("roaming"));
        let reg = f.facts.iter().find(|x| x.name == "modem.registration").expect("fact");
        assert_eq!(reg.evidence.as_deref(), Some("AT+CGREG? → +CGREG: 0,5"));

        let f = interpret(&replies(&[
            ("AT+CREG?", "+CREG: 2,3,\"00C3\",\"0000F3F1\"\r\nOK\r\n"),
            ("AT+CGREG?", "+CGREG: 0,2\r\nOK\r\n"),
            ("AT+CEREG?", "ERROR\r\n"),
        ]));
        assert_eq!(value(&f, "modem.registration"), Some("denied"));
        assert_eq!(f.unsupported, [Unsupported::refused("AT+CEREG?", "ERROR")]);

        // A URC in place of the read command's answer still tells the state.
        let f =
            interpret(&replies(&[("AT+CEREG?", "+CEREG: 1,\"1A2B\",\"01A2B3C4\",7\r\nOK\r\n")]));
        assert_eq!(value(&f, "modem.registration"), Some("home"));
    }

    #[test]
    fn no_operator_and_detached() {
        let f = interpret(&replies(&[
            ("AT+COPS?", "+COPS: 0\r\nOK\r\n"),
            ("AT+CGATT?", "+CGATT:0\r\nOK\r\n"),
        ]));
        assert_eq!(value(&f, "modem.operator"), Some("none"));
        assert_eq!(value(&f, "modem.attach"), Some("detached"));
    }

    #[test]
    fn what_iaxmodem_says_is_listed_not_guessed() {
        // Captured from iaxmodem (spandsp): one stored value, no space.
        let f = interpret(&replies(&[
            ("AT+CPIN?", "+CPIN:0\r\nOK\r\n"),
            ("AT+CREG?", "+CREG:0\r\nOK\r\n"),
            ("AT+CGREG?", "+CGREG:0\r\nOK\r\n"),
            ("AT+CEREG?", "OK\r\n"),
            ("AT+CGATT?", "+CGATT:0\r\nOK\r\n"),
        ]));
        assert_eq!(value(&f, "modem.sim"), None);
        assert_eq!(value(&f, "modem.registration"), None);
        assert_eq!(value(&f, "modem.attach"), Some("detached"));
        assert_eq!(
            f.unsupported,
            [
                Unsupported::not_understood("AT+CPIN?", "+CPIN:0"),
                Unsupported::not_understood("AT+CEREG?", "OK"),
                Unsupported::not_understood("AT+CGREG?", "+CGREG:0"),
                Unsupported::not_understood("AT+CREG?", "+CREG:0"),
            ]
        );
        // A URC with a location is still a state; a read answer of two.
        let f = interpret(&replies(&[("AT+CGREG?", "+CGREG: 5,\"1A2B\"\r\nOK\r\n")]));
        assert_eq!(value(&f, "modem.registration"), Some("roaming"));
    }

    #[test]
    fn identity_falls_back_to_ati() {
        let f = interpret(&replies(&[
            ("ATI", "SIMCOM_Ltd\r\nSIMCOM_SIM800L\r\nRevision:1418B04SIM800L24\r\nOK\r\n"),
            ("AT+CGMI", "ERROR\r\n"),
            ("AT+CGMM", "ERROR\r\n"),
            ("AT+CGMR", "ERROR\r\n"),
        ]));
        assert_eq!(value(&f, "modem.manufacturer"), Some("SIMCOM_Ltd"));
        assert_eq!(value(&f, "modem.model"), Some("SIMCOM_SIM800L"));
        assert_eq!(value(&f, "modem.revision"), Some("1418B04SIM800L24"));
    }
}
