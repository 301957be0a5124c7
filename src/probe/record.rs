//! `--record FILE`: every byte that crosses the line, timestamped, as hex
//! and as text, to attach to a support ticket and to replay offline
//! ([`super::replay`]). A [`Transport`] wrapper, so the protocols never know
//! they are being recorded. Format 2, documented in `docs/technician.md`:
//!
//! ```text
//! # posdiag exchange record, format 2
//! # device: /dev/ttyUSB0 (9600 8N1)
//! # protocol: auto
//! # timeout-ms: 2000
//! 2025-05-01T18:12:00.123+08:00 tx 7 bytes
//!   41 54 2b 43 53 51 0d                             AT+CSQ<CR>
//! 2025-05-01T18:12:00.151+08:00 rx 19 bytes
//!   0d 0a 2b 43 53 51 3a 20 37 2c 39 39 0d 0a 0d 0a  <CR><LF>+CSQ: 7,99<CR><LF><CR><LF>
//!   4f 4b 0d                                         OK<CR>
//! 2025-05-01T18:12:02.160+08:00 rx none (deadline)
//! 2025-05-01T18:12:02.160+08:00 note: no answer to `AT+CGATT?` within 2.0 s
//! ```
//!
//! Times are the local clock's, with its offset from UTC (RFC 3339): the
//! technician reads them as their watch does, and a program still reads
//! one instant.
//!
//! The file is private: created new (never over an existing file, never
//! through a symbolic link) with mode 0600. Card numbers in received bytes
//! are masked in place before anything is written ([`super::redact`], and
//! ZVT's binary ones by [`super::zvt::pan`]); a
//! chunk so changed says `masked`. Received chunks are held until the next
//! send, so a number split across two reads is still seen whole.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write as _};
use std::path::Path;
use std::time::Instant;

use super::bytes::{hex, printable};
use super::redact::mask_bytes;
use super::transport::{Transport, TransportError};
use crate::mask::mask_pans;

/// Bytes per row of the record.
pub const ROW: usize = 16;

/// The first line of a record; the format number follows it.
pub const MAGIC: &str = "# posdiag exchange record";

/// The record format this version writes.
pub const FORMAT: u32 = 2;

/// What the record header says besides the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub device: String,
    /// `auto`, `at` or `ecr`.
    pub protocol: String,
    pub timeout_ms: u64,
}

/// Received and not yet written: one read's result.
enum Pending {
    Rx { time: String, bytes: Vec<u8> },
    Quiet { time: String },
    Line(String),
}

/// A transport that writes everything it moves to a file.
pub struct Recorder {
    inner: Box<dyn Transport>,
    out: BufWriter<File>,
    pending: Vec<Pending>,
    /// The first failure to write the record; reported by [`Recorder::finish`].
    failed: Option<io::Error>,
}

/// Create `path` for a record: new, private, never through a link.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    // create_new is O_CREAT|O_EXCL: it fails on any existing entry,
    // a symbolic link included (dangling or not), so none is followed.
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            io::Error::new(
                e.kind(),
                "it already exists (a file or a link); posdiag writes a record only to a new file: give another name or remove the old one",
            )
        } else {
            e
        }
    })
}

impl Recorder {
    /// Start a record at `path` (a new file) for `inner`.
    pub fn create(path: &Path, inner: Box<dyn Transport>, header: &Header) -> io::Result<Recorder> {
        let mut out = BufWriter::new(create_private(path)?);
        writeln!(out, "{MAGIC}, format {FORMAT}")?;
        writeln!(out, "# device: {}", mask_pans(&header.device))?;
        writeln!(out, "# protocol: {}", header.protocol)?;
        writeln!(out, "# timeout-ms: {}", header.timeout_ms)?;
        writeln!(out, "# started: {}", now())?;
        writeln!(
            out,
            "# each chunk: TIME tx|rx COUNT bytes [masked], then rows of hex and text (<CR>, <STX>, <xx> for other bytes); `rx none` is a wait that ended at its deadline"
        )?;
        Ok(Recorder { inner, out, pending: Vec::new(), failed: None })
    }

    /// Flush the record; the first write error, if any, is returned.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush_pending();
        let end = format!("# ended: {}\n", now());
        self.emit(&end);
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.out.flush()
    }

    /// Write what was received since the last send, card numbers masked
    /// over the whole run.
    fn flush_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let mut run: Vec<u8> = pending
            .iter()
            .filter_map(|p| match p {
                Pending::Rx { bytes, .. } => Some(bytes.as_slice()),
                _ => None,
            })
            .flatten()
            .copied()
            .collect();
        let original = run.clone();
        mask_bytes(&mut run);
        super::zvt::pan::mask_bcd(&mut run);
        let mut at = 0;
        for p in pending {
            match p {
                Pending::Rx { time, bytes } => {
                    let end = at + bytes.len();
                    let masked = run[at..end] != original[at..end];
                    let text = chunk(&time, "rx", &run[at..end], masked);
                    self.emit_raw(&text);
                    at = end;
                }
                Pending::Quiet { time } => self.emit(&format!("{time} rx none (deadline)\n")),
                Pending::Line(line) => self.emit(&line),
            }
        }
    }

    /// Write a line of free text (notes, errors), card numbers masked.
    fn emit(&mut self, text: &str) {
        self.emit_raw(&mask_pans(text));
    }

    /// Write a chunk, masked already.
    fn emit_raw(&mut self, text: &str) {
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(text.as_bytes())
        {
            self.failed = Some(e);
        }
    }
}

/// One chunk as the record shows it.
fn chunk(time: &str, direction: &str, bytes: &[u8], masked: bool) -> String {
    let unit = if bytes.len() == 1 { "byte" } else { "bytes" };
    let flag = if masked { " masked" } else { "" };
    let mut text = format!("{time} {direction} {} {unit}{flag}\n", bytes.len());
    for row in bytes.chunks(ROW) {
        // The hex column is of bytes already masked; mask_pans would read
        // its digit pairs as groups of a number, so only the text column
        // passes it.
        let shown = mask_pans(&printable(row)).into_owned();
        text.push_str(&format!("  {:<width$}  {shown}\n", hex(row), width = ROW * 3 - 1));
    }
    text
}

/// Now, in local time with its offset from UTC: what the technician's
/// clock says, and still one RFC 3339 instant (`2025-05-01T18:12:00.123+08:00`).
fn now() -> String {
    stamp(&jiff::ZonedDateTime::now())
}

fn stamp(time: &jiff::ZonedDateTime) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

impl Transport for Recorder {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        match self.inner.read(buf, deadline) {
            Ok(0) => {
                self.pending.push(Pending::Quiet { time: now() });
                Ok(0)
            }
            Ok(n) => {
                self.pending.push(Pending::Rx { time: now(), bytes: buf[..n].to_vec() });
                Ok(n)
            }
            Err(e) => {
                self.pending.push(Pending::Line(format!("{} error: {e}\n", now())));
                self.flush_pending();
                Err(e)
            }
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.flush_pending();
        let text = chunk(&now(), "tx", bytes, false);
        self.emit_raw(&text);
        self.inner.write_all(bytes).inspect_err(|e| self.emit(&format!("{} error: {e}\n", now())))
    }

    fn note(&mut self, text: &str) {
        self.pending.push(Pending::Line(format!("{} note: {text}\n", now())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line that answers every read with one fixed reply, once.
    pub(crate) struct Canned {
        pub reply: Vec<u8>,
    }

    impl Transport for Canned {
        fn name(&self) -> &str {
            "canned"
        }
        fn read(&mut self, buf: &mut [u8], _: Instant) -> Result<usize, TransportError> {
            let n = self.reply.len().min(buf.len()).min(8);
            buf[..n].copy_from_slice(&self.reply[..n]);
            self.reply.drain(..n);
            Ok(n)
        }
        fn write_all(&mut self, _: &[u8]) -> Result<(), TransportError> {
            Ok(())
        }
    }

    fn header() -> Header {
        Header { device: "canned (9600 8N1)".into(), protocol: "at".into(), timeout_ms: 2000 }
    }

    #[test]
    fn records_both_directions_as_hex_and_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("record.txt");
        let inner = Box::new(Canned { reply: b"\r\n+CSQ: 7,99\r\n\r\nOK\r\n".to_vec() });
        let mut rec = Recorder::create(&path, inner, &header()).expect("create");
        rec.write_all(b"AT+CSQ\r").expect("write");
        let mut buf = [0u8; 64];
        let mut got = 0;
        while got < 20 {
            got += rec.read(&mut buf, Instant::now()).expect("read");
        }
        assert_eq!(rec.read(&mut buf, Instant::now()).expect("read"), 0);
        rec.note("done");
        rec.finish().expect("finish");
        let text = std::fs::read_to_string(&path).expect("read record");
        assert!(text.starts_with("# posdiag exchange record, format 2\n# device: canned"));
        assert!(text.contains("# protocol: at\n# timeout-ms: 2000\n"), "{text}");
        assert!(text.contains(" tx 7 bytes\n  41 54 2b 43 53 51 0d"), "{text}");
        assert!(text.contains("AT+CSQ<CR>\n"), "{text}");
        assert!(text.contains(" rx 8 bytes\n  0d 0a 2b 43 53 51 3a 20  "), "{text}");
        assert!(text.contains(" rx none (deadline)\n"), "{text}");
        assert!(text.contains(" note: done\n"));
    }

    #[test]
    fn a_record_is_private_new_and_masked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("record.txt");
        // Split across two reads of 8 bytes: still masked as a whole.
        let inner = Box::new(Canned { reply: b"PAN=4111111111111111\r\n".to_vec() });
        let mut rec = Recorder::create(&path, inner, &header()).expect("create");
        let mut buf = [0u8; 64];
        for _ in 0..3 {
            rec.read(&mut buf, Instant::now()).expect("read");
        }
        rec.finish().expect("finish");
        let text = std::fs::read_to_string(&path).expect("read record");
        assert!(!text.contains("4111111111111111"), "{text}");
        assert!(!text.contains("31 31 31 31 31 31 31 31 31 31"), "{text}");
        assert!(text.contains(" rx 8 bytes masked\n"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Never over an existing file, never through a link.
        let again = Recorder::create(&path, Box::new(Canned { reply: Vec::new() }), &header());
        let e = again.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("already exists"), "{e}");
        #[cfg(unix)]
        {
            let target = dir.path().join("target.txt");
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&target, &link).expect("symlink");
            let through =
                Recorder::create(&link, Box::new(Canned { reply: Vec::new() }), &header());
            assert!(through.is_err());
            assert!(!target.exists(), "the link was followed");
        }
    }

    #[test]
    fn times_are_local_with_their_offset_and_read_back_as_one_instant() {
        let utc: jiff::Timestamp = "2025-05-01T10:12:00.123Z".parse().expect("an instant");
        let beijing = utc.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(8)));
        let shown = stamp(&beijing);
        assert_eq!(shown, "2025-05-01T18:12:00.123+08:00");
        let back: jiff::Timestamp = shown.parse().expect("RFC 3339");
        assert_eq!(back, utc);
    }
}
