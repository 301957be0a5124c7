//! `--replay RECORD`: a `--record` file played back as the line, so the
//! probe reads the same facts offline (a ticket's capture diagnosed at the
//! office; real captures kept as regression tests).
//!
//! [`Replay`] is a [`Transport`] that hands out the recorded received
//! chunks in order and checks that every send is the one recorded: the
//! probe is deterministic given what it reads, so the same sends follow.
//! A read with nothing left before the next recorded send, or at an
//! `rx none (deadline)` line, is a wait that reached its deadline — at
//! once, without the wait; an `error:` line fails the read as it failed.
//!
//! Masked digits: a chunk marked `masked` had card-number digits replaced
//! by `*` when it was recorded, which breaks the LRC of an ECR frame that
//! held them. On replay such a frame is checked by its shape (STX, length,
//! ETX where the length puts it) and its LRC is recomputed; frames without
//! masked digits keep the LRC they were received with. A ZVT serial block
//! in a masked chunk gets its CRC recomputed the same way.

use std::collections::VecDeque;
use std::path::Path;
use std::time::Instant;

use super::bytes::printable;
use super::ecr::frame::{ETX, STX, lrc};
use super::record::{FORMAT, Header, MAGIC, ROW};
use super::redact::MASK;
use super::transport::{Transport, TransportError};

/// Largest record read (a probe records a few kilobytes).
const MAX_RECORD: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Event {
    Tx {
        bytes: Vec<u8>,
        line: usize,
    },
    Rx(Vec<u8>),
    Quiet,
    /// The line failed (`TIME error: …`): replayed as the same failure.
    Failed(String),
}

/// Why a record cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("cannot read the record `{path}`: {reason}")]
    /// `kind` says what went wrong for a user's language; `reason` in
    /// English.
    Read { path: String, kind: std::io::ErrorKind, reason: String },
    #[error(
        "`{path}` is not a posdiag record (it does not start with `{MAGIC}`); give a file written by `--record`"
    )]
    NotARecord { path: String },
    #[error("`{path}` is a record of format {found}; this posdiag reads formats 1 to {FORMAT}")]
    Format { path: String, found: String },
    #[error("`{path}` line {line}: {problem}")]
    Bad { path: String, line: usize, problem: RecordProblem },
}

/// What is wrong on a line of a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordProblem {
    #[error("bad timeout `{0}`")]
    Timeout(String),
    #[error("bad byte count `{0}`")]
    Count(String),
    #[error("{announced} bytes announced, {found} found")]
    Short { announced: usize, found: usize },
    #[error("`{0}` is not a hex byte")]
    Hex(String),
}

/// A parsed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub header: Header,
    events: Vec<Event>,
}

impl Record {
    /// Whether the probe sent ZVT serial blocks (`DLE STX …`): no AT
    /// command or reference ECR frame starts with DLE.
    pub fn sent_zvt_blocks(&self) -> bool {
        self.events
            .iter()
            .any(|e| matches!(e, Event::Tx { bytes, .. } if bytes.starts_with(&[0x10, 0x02])))
    }

    /// Read and parse the record at `path`.
    pub fn load(path: &Path) -> Result<Record, ReplayError> {
        let name = path.display().to_string();
        use std::io::ErrorKind;
        let read_error = |kind: ErrorKind, reason: String| ReplayError::Read {
            path: name.clone(),
            kind,
            reason,
        };
        let io_error = |e: std::io::Error| read_error(e.kind(), e.to_string().to_lowercase());
        let meta = std::fs::metadata(path).map_err(io_error)?;
        if !meta.is_file() {
            return Err(read_error(ErrorKind::InvalidInput, "not a regular file".into()));
        }
        if meta.len() > MAX_RECORD {
            let reason = format!("larger than {} MB", MAX_RECORD >> 20);
            return Err(read_error(ErrorKind::FileTooLarge, reason));
        }
        let bytes = std::fs::read(path).map_err(io_error)?;
        Record::parse(&name, &String::from_utf8_lossy(&bytes))
    }

    /// Parse a record's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Record, ReplayError> {
        let first = text.lines().next().unwrap_or_default();
        let Some(rest) = first.strip_prefix(MAGIC) else {
            return Err(ReplayError::NotARecord { path: path.into() });
        };
        let format = rest.trim().strip_prefix(", format ").unwrap_or("1").trim();
        if !matches!(format.parse::<u32>(), Ok(1..=FORMAT)) {
            return Err(ReplayError::Format { path: path.into(), found: format.into() });
        }
        let mut header =
            Header { device: String::new(), protocol: "auto".into(), timeout_ms: 2000 };
        let mut events = Vec::new();
        let mut lines = text.lines().enumerate().skip(1).peekable();
        while let Some((i, line)) = lines.next() {
            let bad = |problem: RecordProblem| ReplayError::Bad {
                path: path.into(),
                line: i + 1,
                problem,
            };
            if let Some(h) = line.strip_prefix("# ") {
                if let Some(v) = h.strip_prefix("device: ") {
                    header.device = v.to_string();
                } else if let Some(v) = h.strip_prefix("protocol: ") {
                    header.protocol = v.trim().to_string();
                } else if let Some(v) = h.strip_prefix("timeout-ms: ") {
                    header.timeout_ms =
                        v.trim().parse().map_err(|_| bad(RecordProblem::Timeout(v.into())))?;
                }
                continue;
            }
            if let Some((_, error)) = line.split_once(" error: ") {
                events.push(Event::Failed(error.to_string()));
                continue;
            }
            let mut words = line.split_whitespace().skip(1);
            let (direction, count) = (words.next(), words.next());
            let masked = line.ends_with(" masked");
            match (direction, count) {
                (Some("rx"), Some("none")) => events.push(Event::Quiet),
                (Some(dir @ ("tx" | "rx")), Some(count)) => {
                    let count: usize = count
                        .parse()
                        .ok()
                        .filter(|n| *n as u64 <= MAX_RECORD)
                        .ok_or_else(|| bad(RecordProblem::Count(count.into())))?;
                    let mut bytes = Vec::with_capacity(count.min(4096));
                    while bytes.len() < count {
                        let Some((j, row)) = lines.next_if(|(_, l)| l.starts_with("  ")) else {
                            let found = bytes.len();
                            return Err(bad(RecordProblem::Short { announced: count, found }));
                        };
                        let hex = row.get(2..2 + ROW * 3 - 1).unwrap_or(&row[2..]);
                        for pair in hex.split_whitespace() {
                            let b = u8::from_str_radix(pair, 16).map_err(|_| ReplayError::Bad {
                                path: path.into(),
                                line: j + 1,
                                problem: RecordProblem::Hex(pair.into()),
                            })?;
                            bytes.push(b);
                        }
                    }
                    bytes.truncate(count);
                    if dir == "tx" {
                        events.push(Event::Tx { bytes, line: i + 1 });
                    } else {
                        if masked {
                            reseal(&mut bytes);
                            super::zvt::frame::reseal(&mut bytes);
                        }
                        events.push(Event::Rx(bytes));
                    }
                }
                // Notes, errors and unknown lines are commentary.
                _ => {}
            }
        }
        // Consecutive received chunks may split a frame: reseal each run.
        Ok(Record { header, events: reseal_runs(events) })
    }
}

/// Recompute the LRC of frames that hold masked digits over each run of
/// consecutive received chunks (a frame may span two reads), keeping the
/// chunks as they were read: the probe must see the same reads.
fn reseal_runs(mut events: Vec<Event>) -> Vec<Event> {
    let mut i = 0;
    while i < events.len() {
        let end = events[i..]
            .iter()
            .position(|e| !matches!(e, Event::Rx(_)))
            .map_or(events.len(), |n| i + n);
        if end > i + 1 {
            let mut run: Vec<u8> = Vec::new();
            for e in &events[i..end] {
                if let Event::Rx(b) = e {
                    run.extend_from_slice(b);
                }
            }
            reseal(&mut run);
            let mut at = 0;
            for e in &mut events[i..end] {
                if let Event::Rx(b) = e {
                    let n = b.len();
                    b.copy_from_slice(&run[at..at + n]);
                    at += n;
                }
            }
        }
        i = end.max(i + 1);
    }
    events
}

/// Recompute the LRC of every well-shaped frame in `bytes` that holds a
/// masked digit.
fn reseal(bytes: &mut [u8]) {
    let mut p = 0;
    while p + 3 < bytes.len() {
        if bytes[p] != STX {
            p += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[p + 1], bytes[p + 2]]));
        let etx = p + 3 + len;
        if etx + 1 < bytes.len() && bytes[etx] == ETX && bytes[p + 3..etx].contains(&MASK) {
            bytes[etx + 1] = lrc(&bytes[p + 1..=etx]);
            p = etx + 2;
        } else {
            p += 1;
        }
    }
}

/// A record played back as the line.
pub struct Replay {
    name: String,
    events: VecDeque<Event>,
    /// Of the received chunk being handed out.
    rest: Vec<u8>,
}

impl Replay {
    pub fn new(name: &str, record: &Record) -> Replay {
        Replay {
            name: name.to_string(),
            events: record.events.iter().cloned().collect(),
            rest: Vec::new(),
        }
    }
}

impl Transport for Replay {
    fn name(&self) -> &str {
        &self.name
    }

    fn read(&mut self, buf: &mut [u8], _deadline: Instant) -> Result<usize, TransportError> {
        if self.rest.is_empty() {
            match self.events.front() {
                Some(Event::Rx(_)) => {
                    if let Some(Event::Rx(bytes)) = self.events.pop_front() {
                        self.rest = bytes;
                    }
                }
                Some(Event::Quiet) => {
                    self.events.pop_front();
                    return Ok(0);
                }
                Some(Event::Failed(_)) => {
                    let Some(Event::Failed(error)) = self.events.pop_front() else { return Ok(0) };
                    return Err(if error.contains("was disconnected") {
                        TransportError::Disconnected { device: self.name.clone() }
                    } else {
                        TransportError::Io { device: self.name.clone(), reason: error }
                    });
                }
                Some(Event::Tx { .. }) | None => return Ok(0),
            }
        }
        let n = self.rest.len().min(buf.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest.drain(..n);
        Ok(n)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        // What the live probe read and this one did not is skipped: only
        // the sends must agree.
        self.rest.clear();
        while matches!(self.events.front(), Some(Event::Rx(_) | Event::Quiet | Event::Failed(_))) {
            self.events.pop_front();
        }
        match self.events.pop_front() {
            Some(Event::Tx { bytes: recorded, .. }) if recorded == bytes => Ok(()),
            Some(Event::Tx { bytes: recorded, line }) => Err(TransportError::Io {
                device: self.name.clone(),
                reason: format!(
                    "the replay departs from the record at line {line}: posdiag sends `{}`, the record has `{}` (a record of another posdiag version or other options)",
                    printable(bytes),
                    printable(&recorded)
                ),
            }),
            _ => Err(TransportError::Disconnected { device: self.name.clone() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::ecr::Frame;

    #[test]
    fn masked_frames_are_resealed() {
        let frame = Frame::new("LT", &["00", "PAN=411111******1111"]).encode();
        let mut broken = frame.clone();
        let last = broken.len() - 1;
        broken[last] ^= 0x5a;
        reseal(&mut broken);
        assert_eq!(broken, frame);
        // A frame without masked digits keeps its (bad) LRC.
        let mut clean = Frame::new("ST", &["00"]).encode();
        let last = clean.len() - 1;
        clean[last] ^= 0x5a;
        let kept = clean.clone();
        reseal(&mut clean);
        assert_eq!(clean, kept);
    }

    #[test]
    fn refuses_what_is_not_a_record() {
        assert!(matches!(Record::parse("x", "hello\n"), Err(ReplayError::NotARecord { .. })));
        let e = Record::parse("x", "# posdiag exchange record, format 9\n");
        assert!(matches!(e, Err(ReplayError::Format { .. })), "{e:?}");
        let e = Record::parse("x", "# posdiag exchange record, format 2\nT tx 3 bytes\n  41 54\n");
        assert!(matches!(e, Err(ReplayError::Bad { line: 2, .. })), "{e:?}");
        let huge = "# posdiag exchange record, format 2\nT rx 99999999999999 bytes\n  41\n";
        assert!(matches!(Record::parse("x", huge), Err(ReplayError::Bad { line: 2, .. })));
        let e = Record::parse("x", "# posdiag exchange record, format 2\nT rx 2 bytes\n  4é 41\n");
        assert!(matches!(e, Err(ReplayError::Bad { line: 3, .. })), "{e:?}");
    }
}
