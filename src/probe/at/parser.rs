//! AT replies, bytes to lines to a [`Reply`]: no meaning, only shape. Copes
//! with what real modems send: the command echoed back or not, `\r\n`,
//! `\r\r\n` or bare `\r` line ends, no space after the colon, unsolicited
//! result codes (URCs) between the lines, and `ERROR` / `+CME ERROR: n` as
//! the end of a reply (a modem's answer, not a failure). A modem left in
//! numeric mode (`ATV0`) ends its replies with a digit (`0` for `OK`): a
//! reader told so ([`ReplyReader::numeric`]) reads those too.

/// Longest line kept; a modem never sends more, noise might.
const MAX_LINE: usize = 1024;

/// Lines kept per reply, against a line that never stops talking.
const MAX_LINES: usize = 64;

/// How a reply ended (V.250 and 3GPP TS 27.007 §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Final {
    Ok,
    Error,
    /// `+CME ERROR: <n>` or its verbose text.
    CmeError(String),
    /// `+CMS ERROR: <n>`.
    CmsError(String),
    /// `NO CARRIER`, `BUSY`, `COMMAND NOT SUPPORT`…
    Other(String),
}

impl Final {
    pub fn is_ok(&self) -> bool {
        matches!(self, Final::Ok)
    }
}

impl std::fmt::Display for Final {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Final::Ok => f.write_str("OK"),
            Final::Error => f.write_str("ERROR"),
            Final::CmeError(e) => write!(f, "+CME ERROR: {e}"),
            Final::CmsError(e) => write!(f, "+CMS ERROR: {e}"),
            Final::Other(s) => f.write_str(s),
        }
    }
}

/// One command's complete reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The command as sent, e.g. `AT+CSQ`.
    pub command: String,
    /// Information lines, e.g. `+CSQ: 7,99`.
    pub info: Vec<String>,
    /// Unsolicited result codes that arrived meanwhile.
    pub urcs: Vec<String>,
    pub end: Final,
}

impl Reply {
    /// The exchange as one printable line: `AT+CSQ → +CSQ: 7,99`, or with
    /// the result code when it is not `OK`: `AT+CPIN? → +CME ERROR: 10`.
    pub fn evidence(&self) -> String {
        let mut parts: Vec<String> = self.info.clone();
        if !self.end.is_ok() || parts.is_empty() {
            parts.push(self.end.to_string());
        }
        format!("{} → {}", self.command, parts.join(" | "))
    }

    /// The information lines that start with `prefix` (e.g. `+CSQ`), with
    /// the prefix and colon removed and the rest trimmed.
    pub fn values<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.info.iter().filter_map(move |line| strip_prefix(line, prefix))
    }
}

/// `+CSQ: 7,99` with prefix `+CSQ` → `7,99`; tolerant of case and spacing.
pub fn strip_prefix<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix) {
        return None;
    }
    line[prefix.len()..].trim_start().strip_prefix(':').map(str::trim)
}

/// Split a byte stream into non-empty, trimmed lines at any `\r` or `\n`.
#[derive(Debug, Default)]
pub struct LineSplitter {
    partial: Vec<u8>,
}

impl LineSplitter {
    pub fn new() -> LineSplitter {
        LineSplitter::default()
    }

    /// Feed bytes; get the lines they completed.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut lines = Vec::new();
        for &b in bytes {
            if b == b'\r' || b == b'\n' {
                // Line noise (a wrong baud rate, a plug-in glitch) shows up
                // as bytes outside printable ASCII before the text: drop it.
                let text = String::from_utf8_lossy(&self.partial);
                let line =
                    text.trim_start_matches(|c: char| !c.is_ascii_graphic()).trim_end().to_string();
                self.partial.clear();
                if !line.is_empty() {
                    lines.push(line);
                }
            } else if self.partial.len() < MAX_LINE {
                self.partial.push(b);
            }
        }
        lines
    }
}

/// Collects the reply to one command from the bytes that arrive.
#[derive(Debug)]
pub struct ReplyReader {
    command: String,
    /// `+CSQ` for `AT+CSQ`; `None` for basic commands (`ATI`).
    prefix: Option<String>,
    lines: LineSplitter,
    info: Vec<String>,
    urcs: Vec<String>,
    /// The echo comes first and once; a later line that merely ends like
    /// the command (`LUMATI` after `ATI`) is information.
    echo_seen: bool,
    /// Accept V.250 numeric result codes (`0` OK, `4` ERROR…).
    numeric: bool,
}

impl ReplyReader {
    pub fn new(command: &str) -> ReplyReader {
        ReplyReader {
            command: command.to_string(),
            prefix: info_prefix(command),
            lines: LineSplitter::new(),
            info: Vec::new(),
            urcs: Vec::new(),
            echo_seen: false,
            numeric: false,
        }
    }

    /// Also take V.250 numeric result codes (`ATV0`) as the end of a reply.
    pub fn numeric(mut self, numeric: bool) -> ReplyReader {
        self.numeric = numeric;
        self
    }

    /// Whether the command's echo has come back (a sign of life even when
    /// no result code follows: `ATQ1`).
    pub fn echo_seen(&self) -> bool {
        self.echo_seen
    }

    /// Whether any line has arrived besides the echo.
    pub fn heard(&self) -> bool {
        !self.info.is_empty() || !self.urcs.is_empty()
    }

    /// Feed bytes; the reply once its final result code has arrived. Bytes
    /// after the final result code are ignored.
    pub fn push(&mut self, bytes: &[u8]) -> Option<Reply> {
        for line in self.lines.push(bytes) {
            if let Some(end) = result_code(&line, self.numeric) {
                return Some(Reply {
                    command: self.command.clone(),
                    info: std::mem::take(&mut self.info),
                    urcs: std::mem::take(&mut self.urcs),
                    end,
                });
            }
            if !self.echo_seen && self.info.is_empty() && is_echo(&line, &self.command) {
                self.echo_seen = true;
                continue;
            }
            let target =
                if is_urc(&line, self.prefix.as_deref()) { &mut self.urcs } else { &mut self.info };
            if target.len() < MAX_LINES {
                target.push(line);
            }
        }
        None
    }
}

/// Parse a whole reply at once (tests, and replies read in one piece).
pub fn parse_reply(command: &str, bytes: &[u8]) -> Option<Reply> {
    ReplyReader::new(command).push(bytes)
}

/// `AT+CREG?` → `+CREG`; `AT+CSQ` → `+CSQ`; `ATI` → none.
fn info_prefix(command: &str) -> Option<String> {
    let rest = command.get(2..)?;
    if !rest.starts_with(['+', '^', '$', '#', '%']) {
        return None;
    }
    let end = rest.find(['?', '=']).unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

fn final_code(line: &str) -> Option<Final> {
    let upper = line.to_ascii_uppercase();
    match upper.as_str() {
        "OK" => return Some(Final::Ok),
        "ERROR" => return Some(Final::Error),
        "NO CARRIER" | "BUSY" | "NO ANSWER" | "NO DIALTONE" | "COMMAND NOT SUPPORT" | "ABORTED" => {
            return Some(Final::Other(upper));
        }
        _ => {}
    }
    if let Some(e) = strip_prefix(line, "+CME ERROR") {
        return Some(Final::CmeError(e.to_string()));
    }
    strip_prefix(line, "+CMS ERROR").map(|e| Final::CmsError(e.to_string()))
}

/// The final result code a line is, if any; `numeric`: also the digits
/// of `ATV0`.
pub fn result_code(line: &str, numeric: bool) -> Option<Final> {
    final_code(line).or_else(|| numeric.then(|| numeric_code(line))?)
}

/// A V.250 numeric result code (`ATV0`): `0` OK, `4` ERROR, and the
/// call progress codes.
fn numeric_code(line: &str) -> Option<Final> {
    Some(match line {
        "0" => Final::Ok,
        "4" => Final::Error,
        "3" => Final::Other("NO CARRIER".into()),
        "6" => Final::Other("NO DIALTONE".into()),
        "7" => Final::Other("BUSY".into()),
        "8" => Final::Other("NO ANSWER".into()),
        _ => return None,
    })
}

/// The command echoed back (echo on), possibly after line noise.
fn is_echo(line: &str, command: &str) -> bool {
    !command.is_empty()
        && line.len() >= command.len()
        && line.is_char_boundary(line.len() - command.len())
        && line[line.len() - command.len()..].eq_ignore_ascii_case(command)
}

/// Lines the modem sends on its own: `+XXX:` lines of another command, and
/// the well-known bare ones.
fn is_urc(line: &str, prefix: Option<&str>) -> bool {
    const BARE: [&str; 8] = [
        "RING",
        "RDY",
        "CALL READY",
        "SMS READY",
        "PB DONE",
        "NORMAL POWER DOWN",
        "POWERED DOWN",
        "+PBREADY",
    ];
    let upper = line.to_ascii_uppercase();
    if BARE.contains(&upper.as_str()) || upper.starts_with('^') {
        return true;
    }
    if line.starts_with('+')
        && let Some(colon) = line.find(':')
    {
        return prefix.is_none_or(|p| !line[..colon].trim().eq_ignore_ascii_case(p));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(command: &str, bytes: &[u8], info: &[&str], urcs: &[&str], end: Final) {
        let reply = parse_reply(command, bytes).expect("a complete reply");
        assert_eq!(reply.info, info);
        assert_eq!(reply.urcs, urcs);
        assert_eq!(reply.end, end);
    }

    #[test]
    fn only_the_first_line_can_be_the_echo() {
        // A later line that ends like the command is information.
        case(
            "ATI",
            b"ATI\r\r\nQuectel\r\nLUMATI\r\n\r\nOK\r\n",
            &["Quectel", "LUMATI"],
            &[],
            Final::Ok,
        );
        // Line noise before the echo is still the echo.
        case("ATI", b"\xff\xfeATI\r\nEC25\r\nOK\r\n", &["EC25"], &[], Final::Ok);
        // An empty command echoes nothing.
        case("", b"X\r\nOK\r\n", &["X"], &[], Final::Ok);
    }

    #[test]
    fn reads_real_reply_shapes() {
        // Echo off, standard \r\n.
        case("AT+CSQ", b"\r\n+CSQ: 24,99\r\n\r\nOK\r\n", &["+CSQ: 24,99"], &[], Final::Ok);
        // Echo on: the command comes back first.
        case("AT+CSQ", b"AT+CSQ\r\r\n+CSQ: 7,99\r\n\r\nOK\r\n", &["+CSQ: 7,99"], &[], Final::Ok);
        // \r\r\n line ends and no space after the colon.
        case("AT+CREG?", b"\r\r\n+CREG:0,1\r\r\n\r\r\nOK\r\r\n", &["+CREG:0,1"], &[], Final::Ok);
        // Bare \r line ends (ATV1 with S4 = 0).
        case("AT+CGATT?", b"+CGATT: 1\rOK\r", &["+CGATT: 1"], &[], Final::Ok);
        // URCs between the lines.
        case(
            "AT+COPS?",
            b"\r\nRING\r\n\r\n+CREG: 1\r\n+COPS: 0,0,\"CHINA MOBILE\",7\r\n^SYSSTART\r\n\r\nOK\r\n",
            &["+COPS: 0,0,\"CHINA MOBILE\",7"],
            &["RING", "+CREG: 1", "^SYSSTART"],
            Final::Ok,
        );
        // A modem that does not support the command.
        case("AT+CEREG?", b"\r\nERROR\r\n", &[], &[], Final::Error);
        case("AT+CPIN?", b"\r\n+CME ERROR: 10\r\n", &[], &[], Final::CmeError("10".into()));
        case(
            "AT+CPIN?",
            b"AT+CPIN?\r\r\n+CME ERROR: SIM not inserted\r\n",
            &[],
            &[],
            Final::CmeError("SIM not inserted".into()),
        );
        // Plain text lines of a basic command.
        case(
            "ATI",
            b"\r\nQuectel\r\nEC25\r\nRevision: EC25EFAR06A03M4G\r\n\r\nOK\r\n",
            &["Quectel", "EC25", "Revision: EC25EFAR06A03M4G"],
            &[],
            Final::Ok,
        );
        // Lower-case echo, noise before it; noise alone on a line.
        case("AT", b"\xff\x00at\r\nOK\r\n", &[], &[], Final::Ok);
        case("AT+CGMI", b"\xfe\x80\x7f\r\n\xffQuectel\r\n\xfeOK\r\n", &["Quectel"], &[], Final::Ok);
    }

    #[test]
    fn reads_numeric_result_codes_when_told() {
        // iaxmodem in ATV0: the echo, then `0<CR>`.
        let reply = ReplyReader::new("AT").numeric(true).push(b"AT\r0\r").expect("reply");
        assert_eq!(reply.end, Final::Ok);
        let reply = ReplyReader::new("AT+CSQ").numeric(true).push(b"4\r").expect("reply");
        assert_eq!(reply.end, Final::Error);
        // Not told: a digit alone is information, and the reply goes on.
        let mut r = ReplyReader::new("AT");
        assert_eq!(r.push(b"AT\r0\r"), None);
        assert!(r.echo_seen() && r.heard());
        // Quiet mode: only the echo.
        let mut r = ReplyReader::new("AT").numeric(true);
        assert_eq!(r.push(b"AT\r"), None);
        assert!(r.echo_seen() && !r.heard());
    }

    #[test]
    fn waits_for_the_final_code() {
        let mut r = ReplyReader::new("AT+CSQ");
        assert_eq!(r.push(b"\r\n+CSQ: 2"), None);
        assert_eq!(r.push(b"4,99\r\n\r\nO"), None);
        let reply = r.push(b"K\r\n").expect("complete");
        assert_eq!(reply.values("+CSQ").collect::<Vec<_>>(), ["24,99"]);
        assert_eq!(reply.evidence(), "AT+CSQ → +CSQ: 24,99");
    }

    #[test]
    fn evidence_shows_errors() {
        let reply = parse_reply("AT+CPIN?", b"+CME ERROR: 10\r\n").expect("reply");
        assert_eq!(reply.evidence(), "AT+CPIN? → +CME ERROR: 10");
        let reply = parse_reply("AT", b"OK\r\n").expect("reply");
        assert_eq!(reply.evidence(), "AT → OK");
    }

    #[test]
    fn strips_prefixes_tolerantly() {
        assert_eq!(strip_prefix("+CSQ: 7,99", "+CSQ"), Some("7,99"));
        assert_eq!(strip_prefix("+csq:7,99", "+CSQ"), Some("7,99"));
        assert_eq!(strip_prefix("+CSQX: 1", "+CSQ"), None);
        assert_eq!(strip_prefix("+C", "+CSQ"), None);
        assert_eq!(strip_prefix("é", "+"), None);
    }
}
