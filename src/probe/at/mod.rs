//! The AT modem probe (ITU-T V.250, 3GPP TS 27.007): the terminal's GPRS/4G
//! module. `parser` shapes bytes into replies, `client` runs one command
//! with a deadline and resynchronises after a silence, `interpret` turns
//! replies into facts; this module holds the command sequence.
//!
//! The line is first brought to a known state, whatever state it is found
//! in: `ATE0Q0V1` (echo off, result codes on, verbose) is read even when
//! the modem echoes, answers in digits (`ATV0`) or says nothing but the
//! echo (`ATQ1`).

mod client;
mod findings;
pub mod interpret;
pub mod parser;
mod registration;

use std::time::Duration;

pub use client::{AtClient, Heard, Resync};
pub use parser::{Final, Reply};

use super::transport::{Transport, TransportError};
use super::{Options, ProbeError, Unsupported};

/// The first command: echo off, result codes on, verbose result codes.
pub const SETUP: &str = "ATE0Q0V1";

/// The same, one at a time, for a modem that refuses them together.
const SETUP_ONE_BY_ONE: [&str; 3] = ["ATE0", "ATQ0", "ATV1"];

/// Numeric error codes (`+CME ERROR: 10`): tell a missing SIM from others.
const ERRORS: &str = "AT+CMEE=1";

/// The queries, in order, once the line is set up. The second value:
/// whether the command may take seconds (SIM, network).
const QUERIES: [(&str, bool); 11] = [
    ("ATI", false),
    ("AT+CGMI", false),
    ("AT+CGMM", false),
    ("AT+CGMR", false),
    ("AT+CPIN?", true),
    ("AT+CSQ", false),
    ("AT+CREG?", false),
    ("AT+CGREG?", false),
    ("AT+CEREG?", false),
    ("AT+COPS?", true),
    ("AT+CGATT?", true),
];

/// Every command of a probe in the order sent: the setup, then the
/// queries (for tools that replay or fuzz a probe).
pub const COMMANDS: [&str; 13] = [
    SETUP,
    ERRORS,
    QUERIES[0].0,
    QUERIES[1].0,
    QUERIES[2].0,
    QUERIES[3].0,
    QUERIES[4].0,
    QUERIES[5].0,
    QUERIES[6].0,
    QUERIES[7].0,
    QUERIES[8].0,
    QUERIES[9].0,
    QUERIES[10].0,
];

/// Where the queries start in [`COMMANDS`].
pub const FIRST_QUERY: usize = 2;

/// How many times the setup is sent before the modem is declared silent
/// (`--protocol at`; detection in `auto` sends it once).
pub const WAKE_TRIES: u32 = 3;

/// How the line answered the setup.
enum Wake {
    Ready,
    EchoOnly,
    Silent,
}

/// Bring the line to a known state; `tries` times at most.
fn wake(client: &mut AtClient, opts: &Options, tries: u32) -> Result<Wake, TransportError> {
    client.numeric = true;
    let mut echo_only = false;
    for _ in 0..tries {
        // A CR first ends whatever a modem holds of an earlier line (an
        // ECR frame, noise), so the setup is not glued to it and dropped.
        client.line().write_all(b"\r")?;
        client.line().discard_input()?;
        match client.command(SETUP, opts.timeout)? {
            Heard::Reply(r) if r.end.is_ok() => {
                client.numeric = false;
                return Ok(Wake::Ready);
            }
            // Any result code is a modem (some answer a bare `AT` with
            // `ERROR`); set what it takes, one command at a time.
            Heard::Reply(_) => {
                for command in SETUP_ONE_BY_ONE {
                    match client.command(command, opts.timeout)? {
                        Heard::Reply(r) if command == "ATV1" => client.numeric = !r.end.is_ok(),
                        Heard::Reply(_) => {}
                        Heard::EchoOnly | Heard::Nothing(_) => {
                            client.line().discard_input()?;
                        }
                    }
                }
                return Ok(Wake::Ready);
            }
            Heard::EchoOnly => echo_only = true,
            Heard::Nothing(_) => {}
        }
    }
    Ok(if echo_only { Wake::EchoOnly } else { Wake::Silent })
}

/// What the AT probe read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub findings: interpret::Findings,
    /// Replies that came after their deadline and were still used.
    pub notes: Vec<String>,
}

/// Run the whole sequence: `tries` wake-ups at most. `Ok(None)`: nothing
/// answered the setup (the caller decides whether that is fatal).
pub fn probe(
    line: &mut dyn Transport,
    opts: &Options,
    tries: u32,
) -> Result<Option<Outcome>, ProbeError> {
    let mut client = AtClient::new(line);
    match wake(&mut client, opts, tries)? {
        Wake::Ready => {}
        Wake::Silent => return Ok(None),
        Wake::EchoOnly => {
            return Err(ProbeError::EchoOnly { device: client.line().name().to_string() });
        }
    }
    let mut outcome = Outcome::default();
    let mut replies: Vec<Reply> = Vec::new();
    let mut unanswered: Vec<Unsupported> = Vec::new();
    let steps = std::iter::once((ERRORS, false)).chain(QUERIES);
    for (command, slow) in steps {
        let timeout = if slow { opts.slow_timeout() } else { opts.timeout };
        let heard = match client.command(command, timeout)? {
            Heard::Reply(reply) => {
                replies.push(reply);
                continue;
            }
            Heard::EchoOnly => Vec::new(),
            Heard::Nothing(heard) => heard,
        };
        match client.resync(command, &heard, opts.slow_timeout())? {
            Resync::InStep { late: Some(reply) } => {
                outcome.notes.push(format!(
                    "`{command}` answered after its {} deadline: {}",
                    seconds(timeout),
                    reply.evidence()
                ));
                replies.push(reply);
            }
            Resync::InStep { late: None } => {
                unanswered.push(Unsupported::silent(command, timeout));
            }
            Resync::Lost => {
                let what = format!("the replies to `{command}` and to `AT` after it");
                return Err(silent(client.line(), timeout, &what).into());
            }
        }
    }
    // What the modem said on its own meanwhile is kept, once per line.
    let mut urcs: Vec<&str> = Vec::new();
    for urc in replies.iter().flat_map(|r| &r.urcs) {
        if !urcs.contains(&urc.as_str()) {
            urcs.push(urc);
        }
    }
    if !urcs.is_empty() {
        outcome.notes.push(format!("the modem also said, unasked: {}", urcs.join(" | ")));
    }
    let replies: Vec<Reply> = replies.into_iter().filter(|r| r.command != ERRORS).collect();
    outcome.findings = interpret::interpret(&replies);
    unanswered.append(&mut outcome.findings.unsupported);
    outcome.findings.unsupported = unanswered;
    Ok(Some(outcome))
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// The error for a modem that stopped answering.
pub fn silent(line: &mut dyn Transport, after: Duration, waiting_for: &str) -> TransportError {
    TransportError::Timeout {
        device: line.name().to_string(),
        after,
        waiting_for: waiting_for.to_string(),
    }
}
