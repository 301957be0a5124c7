//! The simulated payment application: one ECR request frame in, its
//! response frame out, from the fixture's state (field keys as in
//! `docs/ecr-protocol.md`). Pure, like [`super::modem`].

use super::fixture::{Health, Paper, Temperature, Terminal};
use crate::probe::ecr::Frame;

pub fn respond(t: &Terminal, request: &Frame) -> Frame {
    let command = request.command.as_str();
    let mut fields: Vec<String> = vec!["00".into()];
    let flag = |b: bool| if b { "1" } else { "0" };
    let health = |h: Health| match h {
        Health::Ok => "OK",
        Health::Fault => "FAULT",
    };
    if t.unsupported.iter().any(|u| u == command) {
        return Frame { command: command.into(), fields: vec!["01".into()] };
    }
    match command {
        "ST" => {
            fields.push(format!("VER={}", t.app_version));
            fields.push(format!("TID={}", t.tid));
            fields.push(format!("MID={}", t.mid));
            fields.push(format!("SIGNED={}", flag(t.signed_on)));
            fields.push(format!("KEYS={}", flag(t.keys)));
            fields.push(format!("BATCH={}", t.batch));
        }
        "LT" => {
            if let Some(last) = &t.last {
                fields.push(format!("RC={}", last.code));
                fields.push(format!("TVR={}", last.tvr));
                fields.push(format!("TSI={}", last.tsi));
                fields.push(format!("TIME={}", last.time));
                if let Some(amount) = &last.amount {
                    fields.push(format!("AMOUNT={amount}"));
                }
            }
        }
        "SE" => {
            fields.push(format!("MSR={}", health(t.readers.magstripe)));
            fields.push(format!("ICC={}", health(t.readers.chip)));
            fields.push(format!("PICC={}", health(t.readers.contactless)));
            fields.push(format!(
                "PAPER={}",
                match t.printer.paper {
                    Paper::Ok => "OK",
                    Paper::Out => "OUT",
                }
            ));
            fields.push(format!(
                "PTEMP={}",
                match t.printer.temperature {
                    Temperature::Ok => "OK",
                    Temperature::Overheated => "HOT",
                }
            ));
            fields.push(format!("BATT={}", t.battery));
            fields.push(format!("TAMPER={}", flag(t.tamper)));
            fields.push(format!("MODEM={}", health(t.modem)));
        }
        "EL" => {
            fields.push(format!("N={}", t.error_log.len()));
            for (i, entry) in t.error_log.iter().enumerate() {
                fields.push(format!("E{}={entry}", i + 1));
            }
        }
        _ => fields = vec!["01".into()],
    }
    Frame { command: command.into(), fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_every_command() {
        let t = Terminal::default();
        let st = respond(&t, &Frame::new("ST", &[]));
        assert_eq!(st.fields[0], "00");
        assert!(st.fields.contains(&"SIGNED=1".to_string()));
        let se = respond(&t, &Frame::new("SE", &[]));
        assert!(se.fields.contains(&"PAPER=OK".to_string()));
        let lt = respond(&t, &Frame::new("LT", &[]));
        assert!(lt.fields.contains(&"RC=00".to_string()));
        assert_eq!(respond(&t, &Frame::new("ZZ", &[])).fields, ["01"]);
    }
}
