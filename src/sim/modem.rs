//! The simulated modem: one AT command line in, the reply bytes out, from
//! the fixture's state. Pure: no line, no clock; faults of the line are
//! [`super::session`]'s business.

use super::fixture::{LineEnd, Modem, Sim};

pub struct SimModem {
    state: Modem,
    echo: bool,
    /// `AT+CMEE` mode: 0 plain `ERROR`, 1 numeric, 2 verbose.
    cmee: u8,
}

impl SimModem {
    pub fn new(state: &Modem) -> SimModem {
        SimModem { echo: state.echo, cmee: 0, state: state.clone() }
    }

    /// The reply to one command line (without its `\r`), echo included.
    pub fn answer(&mut self, line: &str) -> Vec<u8> {
        let mut out = Vec::new();
        if self.echo {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\r');
        }
        let (info, end) = self.respond(line.trim());
        let eol = match self.state.line_end {
            LineEnd::Crlf => "\r\n",
            LineEnd::CrCrlf => "\r\r\n",
        };
        let urcs = if info.is_empty() { &[][..] } else { &self.state.urcs[..] };
        for text in info.iter().chain(urcs) {
            out.extend_from_slice(format!("{eol}{text}{eol}").as_bytes());
        }
        out.extend_from_slice(format!("{eol}{end}{eol}").as_bytes());
        out
    }

    fn error(&self, code: u32, verbose: &str) -> String {
        match self.cmee {
            1 => format!("+CME ERROR: {code}"),
            2 => format!("+CME ERROR: {verbose}"),
            _ => "ERROR".into(),
        }
    }

    fn respond(&mut self, line: &str) -> (Vec<String>, String) {
        let ok = |info: Vec<String>| (info, "OK".to_string());
        if self.state.case_sensitive && line != line.to_ascii_uppercase() {
            return (Vec::new(), "ERROR".into());
        }
        let cmd = line.to_ascii_uppercase();
        if self.state.unsupported.iter().any(|u| u.eq_ignore_ascii_case(&cmd)) {
            return (Vec::new(), self.error(4, "operation not supported"));
        }
        let m = &self.state;
        match cmd.as_str() {
            "AT" => ok(Vec::new()),
            "ATE0" => {
                self.echo = false;
                ok(Vec::new())
            }
            "ATE1" => {
                self.echo = true;
                ok(Vec::new())
            }
            "AT+CMEE=0" | "AT+CMEE=1" | "AT+CMEE=2" => {
                self.cmee = cmd.as_bytes()[8] - b'0';
                ok(Vec::new())
            }
            "ATI" => ok(vec![
                m.manufacturer.clone(),
                m.model.clone(),
                format!("Revision: {}", m.revision),
            ]),
            "AT+CGMI" => ok(vec![m.manufacturer.clone()]),
            "AT+CGMM" => ok(vec![m.model.clone()]),
            "AT+CGMR" => ok(vec![m.revision.clone()]),
            "AT+CPIN?" => match m.sim {
                Sim::Ready => ok(vec!["+CPIN: READY".into()]),
                Sim::PinRequired => ok(vec!["+CPIN: SIM PIN".into()]),
                Sim::PukRequired => ok(vec!["+CPIN: SIM PUK".into()]),
                Sim::Absent => (Vec::new(), self.error(10, "SIM not inserted")),
                Sim::Failure => (Vec::new(), self.error(13, "SIM failure")),
            },
            "AT+CSQ" => ok(vec![format!("+CSQ: {},{}", m.csq, m.ber)]),
            "AT+CREG?" => ok(vec![format!("+CREG: 0,{}", m.creg)]),
            "AT+CGREG?" => ok(vec![format!("+CGREG: 0,{}", m.cgreg)]),
            "AT+CEREG?" => ok(vec![format!("+CEREG: 0,{}", m.cereg)]),
            "AT+COPS?" => ok(vec![match &m.operator {
                Some(op) => format!("+COPS: 0,0,\"{op}\",7"),
                None => "+COPS: 0".into(),
            }]),
            "AT+CGATT?" => ok(vec![format!("+CGATT: {}", u8::from(m.attach))]),
            _ => (Vec::new(), "ERROR".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_like_a_modem() {
        let mut m = SimModem::new(&Modem::default());
        assert_eq!(m.answer("AT"), b"AT\r\r\nOK\r\n");
        assert_eq!(m.answer("ATE0"), b"ATE0\r\r\nOK\r\n");
        assert_eq!(m.answer("AT+CSQ"), b"\r\n+CSQ: 24,99\r\n\r\nOK\r\n");
        assert_eq!(m.answer("AT+FOO"), b"\r\nERROR\r\n");
    }

    #[test]
    fn errors_follow_cmee() {
        let mut m = SimModem::new(&Modem { echo: false, sim: Sim::Absent, ..Modem::default() });
        assert_eq!(m.answer("AT+CPIN?"), b"\r\nERROR\r\n");
        m.answer("AT+CMEE=1");
        assert_eq!(m.answer("AT+CPIN?"), b"\r\n+CME ERROR: 10\r\n");
        m.answer("AT+CMEE=2");
        assert_eq!(m.answer("AT+CPIN?"), b"\r\n+CME ERROR: SIM not inserted\r\n");
    }

    #[test]
    fn line_ends_urcs_and_case() {
        let state = Modem {
            echo: false,
            line_end: LineEnd::CrCrlf,
            case_sensitive: true,
            urcs: vec!["+CREG: 1".into()],
            ..Modem::default()
        };
        let mut m = SimModem::new(&state);
        assert_eq!(
            m.answer("AT+CGATT?"),
            b"\r\r\n+CGATT: 1\r\r\n\r\r\n+CREG: 1\r\r\n\r\r\nOK\r\r\n"
        );
        assert_eq!(m.answer("at+cgatt?"), b"\r\r\nERROR\r\r\n");
    }
}
