//! ZVT, the ECR interface of German-speaking countries' card terminals
//! (specifications PA00P015 for the commands, PA00P016 for the serial
//! transport; chapters cited from revision 13.08, meanings in posdiag's own
//! words). `apdu` is the unit, `bmp` and `tlv` its fields, `frame` the
//! serial blocks, `link` the exchange of one command, `message` and
//! `interpret` the meaning, `pan` masks card numbers for records; this
//! module holds the command sequence and the probe's ZVT step.
//!
//! Only commands that read are sent: Registration (06 00), Status Enquiry
//! (05 01), Diagnosis (06 70; the terminal calls its host), and when asked
//! Selftest (06 79) and Print System Configuration (06 1A; the terminal
//! prints). Never a payment, reversal, end-of-day or configuration change.

pub mod apdu;
pub mod bmp;
pub mod frame;
pub mod interpret;
pub mod link;
pub mod message;
pub mod pan;
#[cfg(test)]
mod props;
pub mod tlv;

use std::time::Duration;

pub use apdu::Apdu;
pub use link::{Exchange, Link, LinkError, ZvtError};

use super::at::interpret::Findings;
use super::transport::{Transport, TransportError};
use super::{Absent, Options, ProbeError, Protocol, Readings};

/// The TCP port of ZVT terminals.
pub const PORT: u16 = 20007;

/// The Registration config byte: administration receipts go to the ECR
/// (so a printout arrives here), as text blocks, with intermediate status
/// (PA00P015 §2.1).
pub const CONFIG_BYTE: u8 = 0x8c;

/// What posdiag may do to a ZVT terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The terminal's password (six digits), for Registration and Status
    /// Enquiry.
    pub password: [u8; 3],
    /// Serial blocks (a serial line) or bare APDUs (TCP).
    pub framed: bool,
    /// Also run Selftest (06 79).
    pub selftest: bool,
    /// Also run Print System Configuration (06 1A): the terminal prints.
    pub print_config: bool,
    /// Send Status Enquiry with this service byte (BMP 03).
    pub service_byte: Option<u8>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            password: [0, 0, 0],
            framed: true,
            selftest: false,
            print_config: false,
            service_byte: None,
        }
    }
}

/// A six-digit password as three BCD bytes.
pub fn password(digits: &str) -> Option<[u8; 3]> {
    let ok = digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit());
    let b = bmp::to_bcd(digits, 3);
    ok.then(|| [b[0], b[1], b[2]])
}

/// The requests of a probe, in order: (name, APDU, slow).
pub fn requests(settings: &Settings) -> Vec<(String, Apdu, bool)> {
    let pw = settings.password.to_vec();
    let mut registration = pw.clone();
    registration.push(CONFIG_BYTE);
    let mut enquiry = pw;
    if let Some(service) = settings.service_byte {
        enquiry.extend_from_slice(&[0x03, service]);
    }
    let mut out = vec![
        (message::command_name(0x06, 0x00), Apdu::new(0x06, 0x00, registration), false),
        (message::command_name(0x05, 0x01), Apdu::new(0x05, 0x01, enquiry), false),
        (message::command_name(0x06, 0x70), Apdu::new(0x06, 0x70, []), true),
    ];
    if settings.selftest {
        out.push((message::command_name(0x06, 0x79), Apdu::new(0x06, 0x79, []), true));
    }
    if settings.print_config {
        out.push((message::command_name(0x06, 0x1a), Apdu::new(0x06, 0x1a, []), true));
    }
    out
}

/// Whether a ZVT terminal answers on the line: one Status Enquiry, sent
/// once; only a well-formed ZVT answer counts (a bare ACK or NAK byte
/// could come from another protocol's peer).
pub fn detect(
    line: &mut dyn Transport,
    settings: &Settings,
    timeout: Duration,
) -> Result<Option<Exchange>, ZvtError> {
    line.discard_input()?;
    let mut link = Link::new(line, settings.framed, timeout);
    link.tries = 1;
    let (name, request, _) = requests(settings).swap_remove(1);
    match link.command(&name, &request, timeout) {
        Ok(ex) => Ok(Some(ex)),
        Err(ZvtError::Transport(TransportError::Timeout { .. }))
        | Err(ZvtError::Link(LinkError::Refused { .. }))
        | Err(ZvtError::Link(LinkError::NotZvt { .. })) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Run the whole sequence; `first`: the Status Enquiry detection ran.
/// Returns the findings and a note on link trouble that was overcome. A
/// command the terminal leaves unanswered is a missing fact, and the
/// sequence goes on; a line that fails ends it.
pub fn probe(
    line: &mut dyn Transport,
    settings: &Settings,
    timeout: Duration,
    slow: Duration,
    first: Option<Exchange>,
) -> Result<(Findings, Option<String>), ZvtError> {
    if first.is_none() {
        line.discard_input()?;
    }
    let mut link = Link::new(line, settings.framed, timeout);
    let mut exchanges: Vec<Exchange> = Vec::new();
    let mut silent = Vec::new();
    for (name, request, is_slow) in requests(settings) {
        if let Some(ex) = first.as_ref().filter(|ex| ex.request == request) {
            exchanges.push(ex.clone());
            continue;
        }
        let wait = if is_slow { slow } else { timeout };
        match link.command(&name, &request, wait) {
            Ok(ex) => exchanges.push(ex),
            // Nothing answered yet: the terminal is not there (or not ZVT).
            Err(e @ ZvtError::Transport(TransportError::Timeout { .. }))
                if exchanges.is_empty() =>
            {
                return Err(e);
            }
            Err(ZvtError::Transport(TransportError::Timeout { after, .. })) => {
                silent.push(crate::probe::Unsupported::silent(&name, after));
            }
            Err(e) => return Err(e),
        }
    }
    let note = (link.garbage > 0 || link.retries > 0).then(|| {
        format!(
            "ZVT link: skipped {} byte(s) of noise, {} repeated block(s)",
            link.garbage, link.retries
        )
    });
    let mut findings = interpret::interpret(&exchanges);
    findings.unsupported.extend(silent);
    Ok((findings, note))
}

impl From<ZvtError> for ProbeError {
    fn from(e: ZvtError) -> ProbeError {
        match e {
            ZvtError::Transport(t) => ProbeError::Transport(t),
            ZvtError::Link(error) => ProbeError::Zvt { device: String::new(), error },
        }
    }
}

/// The ZVT part of a probe: detection first in `auto` (one Status
/// Enquiry, no repeats), then the sequence.
pub(super) fn step(
    line: &mut dyn Transport,
    opts: &Options,
    readings: &mut Readings,
) -> Result<(), ProbeError> {
    let auto = opts.protocol == Protocol::Auto;
    let first = if auto {
        match detect(line, &opts.zvt, opts.timeout) {
            Ok(Some(ex)) => Some(ex),
            Ok(None) => {
                readings.absent.push(Absent {
                    protocol: Protocol::Zvt,
                    reason: format!(
                        "no ZVT answer to a Status Enquiry within {:.1} s",
                        opts.timeout.as_secs_f64()
                    ),
                });
                return Ok(());
            }
            Err(ZvtError::Transport(TransportError::Disconnected { device })) => {
                return Err(TransportError::Disconnected { device }.into());
            }
            Err(e) => {
                readings.absent.push(Absent {
                    protocol: Protocol::Zvt,
                    reason: ProbeError::from(e).to_string(),
                });
                return Ok(());
            }
        }
    } else {
        None
    };
    let (findings, note) = probe(line, &opts.zvt, opts.timeout, opts.slow_timeout(), first)?;
    readings.protocols.push(Protocol::Zvt);
    readings.facts.extend(findings.facts);
    readings.unsupported.extend(findings.unsupported);
    readings.notes.extend(note);
    Ok(())
}
