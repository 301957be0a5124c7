//! One AT command at a time over a [`Transport`]: send it in upper case
//! (some modems are case-sensitive), read until its final result code or
//! its deadline. No answer in time is `Ok(None)`: whether that is fatal is
//! the caller's decision.

use std::time::{Duration, Instant};

use super::parser::{Reply, ReplyReader};
use crate::probe::transport::{Transport, TransportError};

pub struct AtClient<'t> {
    line: &'t mut dyn Transport,
}

impl<'t> AtClient<'t> {
    pub fn new(line: &'t mut dyn Transport) -> AtClient<'t> {
        AtClient { line }
    }

    pub fn line(&mut self) -> &mut dyn Transport {
        self.line
    }

    /// Send `command` and wait up to `timeout` for its reply.
    pub fn command(
        &mut self,
        command: &str,
        timeout: Duration,
    ) -> Result<Option<Reply>, TransportError> {
        let command = command.trim().to_ascii_uppercase();
        let mut reader = ReplyReader::new(&command);
        self.line.write_all(format!("{command}\r").as_bytes())?;
        let deadline = Instant::now() + timeout;
        let mut buf = [0u8; 512];
        loop {
            let n = self.line.read(&mut buf, deadline)?;
            if n == 0 {
                self.line.note(&format!(
                    "no answer to `{command}` within {:.1} s",
                    timeout.as_secs_f64()
                ));
                return Ok(None);
            }
            if let Some(reply) = reader.push(&buf[..n]) {
                return Ok(Some(reply));
            }
        }
    }
}
