//! The simulated modem: one AT command line in, the reply bytes out, from
//! the fixture's state. Pure: no line, no clock; faults of the line are
//! [`super::session`]'s business. Speaks V.250 as a modem does: basic
//! commands chained on one line (`ATE0Q0V1`), `ATZ` back to the power-up
//! state, echo (`E`), numeric result codes (`V0`: `0<CR>` for `OK`, text
//! without the leading line end), and quiet mode (`Q1`: no result codes).

use super::fixture::{LineEnd, Modem, Sim};

pub struct SimModem {
    state: Modem,
    echo: bool,
    verbose: bool,
    quiet: bool,
    /// The echo is the line's (`faults.echo_all`), not the reply's.
    pub echo_elsewhere: bool,
    /// `AT+CMEE` mode: 0 plain `ERROR`, 1 numeric, 2 verbose.
    cmee: u8,
}

impl SimModem {
    pub fn new(state: &Modem) -> SimModem {
        SimModem {
            echo: state.echo,
            verbose: state.verbose,
            quiet: state.quiet,
            echo_elsewhere: false,
            cmee: 0,
            state: state.clone(),
        }
    }

    /// Whether the modem echoes now (`ATE1`).
    pub fn echoes(&self) -> bool {
        self.echo
    }

    /// The reply to one command line (without its `\r`), echo included.
    pub fn answer(&mut self, line: &str) -> Vec<u8> {
        let mut out = Vec::new();
        if self.echo && !self.echo_elsewhere {
            out.extend_from_slice(line.as_bytes());
            out.push(b'\r');
        }
        let (info, end) = self.respond(line.trim());
        let eol = match self.state.line_end {
            LineEnd::Crlf => "\r\n",
            LineEnd::CrCrlf => "\r\r\n",
        };
        // V.250 §5.7.1: verbose text is framed by line ends on both sides;
        // numeric text ends with one, a numeric code with a CR.
        let head = if self.verbose { eol } else { "" };
        let urcs = if info.is_empty() { &[][..] } else { &self.state.urcs[..] };
        for text in info.iter().chain(urcs) {
            out.extend_from_slice(format!("{head}{text}{eol}").as_bytes());
        }
        if !self.quiet {
            if self.verbose {
                out.extend_from_slice(format!("{eol}{end}{eol}").as_bytes());
            } else {
                out.extend_from_slice(format!("{}\r", numeric(&end)).as_bytes());
            }
        }
        out
    }

    /// A line of basic commands (`E0`, `Q1`, `V0`, `Z`), applied in order;
    /// `None` when the line holds anything else.
    fn basic(&mut self, rest: &str) -> Option<bool> {
        let bytes = rest.as_bytes();
        if bytes.is_empty() || !bytes.iter().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let mut steps: Vec<(u8, u8)> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let letter = bytes[i];
            if !matches!(letter, b'E' | b'Q' | b'V' | b'Z') {
                return None;
            }
            i += 1;
            let mut value = 0u8;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                value = value.saturating_mul(10).saturating_add(bytes[i] - b'0');
                i += 1;
            }
            steps.push((letter, value));
        }
        for (letter, value) in steps {
            match (letter, value) {
                (b'E', 0 | 1) => self.echo = value == 1,
                (b'Q', 0 | 1) => self.quiet = value == 1,
                (b'V', 0 | 1) => self.verbose = value == 1,
                (b'Z', 0) => {
                    let elsewhere = self.echo_elsewhere;
                    *self = SimModem::new(&self.state.clone());
                    self.echo_elsewhere = elsewhere;
                }
                _ => return Some(false),
            }
        }
        Some(true)
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
            _ => match cmd.get(2..).and_then(|rest| self.basic(rest)) {
                Some(true) => ok(Vec::new()),
                _ => (Vec::new(), "ERROR".into()),
            },
        }
    }
}

/// The numeric form of a result code (V.250 table 1; `+CME ERROR` keeps
/// its text, as modems send it).
fn numeric(end: &str) -> String {
    match end {
        "OK" => "0".into(),
        "ERROR" => "4".into(),
        other => other.to_string(),
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
    fn speaks_v250_modes() {
        let mut m = SimModem::new(&Modem::default());
        // Chained basic commands; the result in the new mode.
        assert_eq!(m.answer("ATE0Q0V0"), b"ATE0Q0V0\r0\r");
        assert_eq!(m.answer("AT+CGATT?"), b"+CGATT: 1\r\n0\r");
        assert_eq!(m.answer("AT+FOO"), b"4\r");
        assert_eq!(m.answer("ATQ1"), b"");
        assert_eq!(m.answer("AT"), b"");
        // ATZ: back to the fixture's power-up state (echo on, verbose).
        assert_eq!(m.answer("ATZ"), b"\r\nOK\r\n");
        assert_eq!(m.answer("ATE0Q0V1"), b"ATE0Q0V1\r\r\nOK\r\n");
        assert_eq!(m.answer("AT"), b"\r\nOK\r\n");
        assert_eq!(m.answer("ATE2"), b"\r\nERROR\r\n");
        assert_eq!(m.answer("ATX"), b"\r\nERROR\r\n");
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
