//! The ECR reference protocol (`docs/ecr-protocol.md`): the payment
//! application's own serial link. `frame` is the byte codec, `client` the
//! ACK/NAK link with retries and deadlines, `interpret` turns responses into
//! facts; this module holds the command sequence.

pub mod client;
pub mod frame;
pub mod interpret;

pub use client::{EcrClient, ExchangeError, LinkError, Response};
pub use frame::{Decoder, Event, Frame, FramingError};

use super::at::interpret::Findings;
use super::transport::Transport;
use super::{Options, ProbeError};

/// The commands, in order; the second value: whether it may take long
/// (self-test runs the printer and readers).
pub const COMMANDS: [(&str, bool); 4] = [("ST", false), ("LT", false), ("SE", true), ("EL", false)];

/// Whether an ECR terminal answers on the line: one status request, one
/// try. `line_based`: a modem answered AT commands on this line, so the
/// frame is followed by a CR, which ends the modem's command line (an
/// ECR terminal skips it as noise between frames).
pub fn detect(
    line: &mut dyn Transport,
    opts: &Options,
    line_based: bool,
) -> Result<Option<Response>, ProbeError> {
    line.discard_input()?;
    let mut client = EcrClient::new(line, opts.timeout);
    if line_based {
        client.suffix = b"\r";
    }
    match client.transact(&Frame::new("ST", &[]), opts.timeout, 1) {
        Ok(r) => Ok(Some(r)),
        Err(ExchangeError::Transport(super::TransportError::Timeout { .. })) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Run the whole sequence; `first`: the status response detection already
/// read. Returns the findings and a note on link trouble that was overcome.
pub fn probe(
    line: &mut dyn Transport,
    opts: &Options,
    first: Option<Response>,
) -> Result<(Findings, Option<String>), ProbeError> {
    if first.is_none() {
        line.discard_input()?;
    }
    let mut client = EcrClient::new(line, opts.timeout);
    let mut responses: Vec<Response> = first.into_iter().collect();
    for (command, slow) in COMMANDS {
        if responses.iter().any(|r| r.frame.command == command) {
            continue;
        }
        let timeout = if slow { opts.slow_timeout() } else { opts.timeout };
        responses.push(client.transact(&Frame::new(command, &[]), timeout, client::TRIES)?);
    }
    let note = (client.garbage > 0 || client.retries > 0).then(|| {
        format!(
            "ECR link: skipped {} byte(s) of noise, {} retransmission(s)",
            client.garbage, client.retries
        )
    });
    Ok((interpret::interpret(&responses), note))
}
