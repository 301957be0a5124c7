//! The AT modem probe (3GPP TS 27.007): the terminal's GPRS/4G module.
//! `parser` shapes bytes into replies, `client` runs one command with a
//! deadline, `interpret` turns replies into facts; this module holds the
//! command sequence and decides when silence is fatal.

mod client;
pub mod interpret;
pub mod parser;

use std::time::Duration;

pub use client::AtClient;
pub use parser::{Final, Reply};

use super::transport::{Transport, TransportError};
use super::{Options, ProbeError};

/// The queries, in order, after the modem has answered `AT`. The second
/// value: whether the command may take seconds (SIM, network).
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

/// Sent once `AT` is answered, before the queries: echo off, numeric errors.
const SETUP: [&str; 2] = ["ATE0", "AT+CMEE=1"];

/// Every command of a probe in the order sent: `AT`, the setup, then the
/// queries (for tools that replay or fuzz a probe).
pub const COMMANDS: [&str; 14] = [
    "AT",
    SETUP[0],
    SETUP[1],
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
pub const FIRST_QUERY: usize = 1 + SETUP.len();

/// How many times `AT` is sent before the modem is declared silent.
const WAKE_TRIES: u32 = 3;

/// Whether anything answers `AT` on the line: one try, for `--protocol auto`.
pub fn detect(line: &mut dyn Transport, opts: &Options) -> Result<bool, TransportError> {
    line.discard_input()?;
    Ok(AtClient::new(line).command("AT", opts.timeout)?.is_some())
}

/// Run the whole sequence. `woken`: `AT` was already answered (detection).
pub fn probe(
    line: &mut dyn Transport,
    opts: &Options,
    woken: bool,
) -> Result<interpret::Findings, ProbeError> {
    let mut client = AtClient::new(line);
    if !woken {
        client.line().discard_input()?;
        let mut answered = false;
        for _ in 0..WAKE_TRIES {
            if client.command("AT", opts.timeout)?.is_some() {
                answered = true;
                break;
            }
        }
        if !answered {
            return Err(
                silent(client.line(), opts.timeout * WAKE_TRIES, "the reply to `AT`").into()
            );
        }
    }
    // Echo off and numeric errors make replies shorter and errors telling;
    // a modem that refuses either is still probed.
    for setup in SETUP {
        if client.command(setup, opts.timeout)?.is_none() {
            client.line().discard_input()?;
        }
    }
    let mut replies: Vec<Reply> = Vec::new();
    let mut unanswered: Vec<super::Unsupported> = Vec::new();
    let mut silent_run: Vec<&str> = Vec::new();
    for (command, slow) in QUERIES {
        let timeout = if slow { opts.slow_timeout() } else { opts.timeout };
        match client.command(command, timeout)? {
            Some(reply) => {
                silent_run.clear();
                replies.push(reply);
            }
            None => {
                unanswered.push(super::Unsupported {
                    command: command.to_string(),
                    reply: format!("no answer within {:.1} s", timeout.as_secs_f64()),
                });
                silent_run.push(command);
                // Two silences in a row: the modem has gone, not a command.
                if silent_run.len() >= 2 {
                    let what = format!(
                        "the replies to {}",
                        silent_run
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    );
                    return Err(silent(client.line(), timeout, &what).into());
                }
                // A late reply must not be taken for the next command's.
                client.line().discard_input()?;
            }
        }
    }
    let mut findings = interpret::interpret(&replies);
    unanswered.append(&mut findings.unsupported);
    findings.unsupported = unanswered;
    Ok(findings)
}

fn silent(line: &mut dyn Transport, after: Duration, waiting_for: &str) -> TransportError {
    TransportError::Timeout {
        device: line.name().to_string(),
        after,
        waiting_for: waiting_for.to_string(),
    }
}
