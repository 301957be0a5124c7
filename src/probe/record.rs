//! `--record FILE`: every byte that crosses the line, timestamped, as hex
//! and as text, to attach to a support ticket. A [`Transport`] wrapper, so
//! the protocols never know they are being recorded.
//!
//! The format (documented in `docs/technician.md`):
//!
//! ```text
//! # posdiag exchange record
//! # device: /dev/ttyUSB0 (9600 8N1)
//! 2025-05-01T10:12:00.123Z tx 7 bytes
//!   41 54 2b 43 53 51 0d                             AT+CSQ<CR>
//! 2025-05-01T10:12:00.151Z rx 19 bytes
//!   0d 0a 2b 43 53 51 3a 20 37 2c 39 39 0d 0a 0d 0a  <CR><LF>+CSQ: 7,99<CR><LF><CR><LF>
//!   4f 4b 0d                                         OK<CR>
//! 2025-05-01T10:12:02.160Z note: no answer to `AT+CGATT?` within 2.0 s
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;
use std::time::{Instant, SystemTime};

use super::bytes::{hex, printable};
use super::transport::{Transport, TransportError};

/// Bytes per row of the record.
const ROW: usize = 16;

/// A transport that writes everything it moves to a file.
pub struct Recorder {
    inner: Box<dyn Transport>,
    out: BufWriter<File>,
    /// The first failure to write the record; reported by [`Recorder::finish`].
    failed: Option<io::Error>,
}

impl Recorder {
    /// Start a record at `path` (created or truncated) for `inner`, whose
    /// line is described by `description`.
    pub fn create(
        path: &Path,
        inner: Box<dyn Transport>,
        description: &str,
    ) -> io::Result<Recorder> {
        let mut out = BufWriter::new(File::create(path)?);
        writeln!(out, "# posdiag exchange record")?;
        writeln!(out, "# device: {description}")?;
        writeln!(out, "# started: {}", now())?;
        writeln!(
            out,
            "# each chunk: TIME tx|rx COUNT bytes, then rows of hex and text (<CR>, <STX>, <xx> for other bytes)"
        )?;
        Ok(Recorder { inner, out, failed: None })
    }

    /// Flush the record; the first write error, if any, is returned.
    pub fn finish(mut self) -> io::Result<()> {
        let _ = writeln!(self.out, "# ended: {}", now());
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.out.flush()
    }

    fn chunk(&mut self, direction: &str, bytes: &[u8]) {
        let unit = if bytes.len() == 1 { "byte" } else { "bytes" };
        let mut text = format!("{} {direction} {} {unit}\n", now(), bytes.len());
        for row in bytes.chunks(ROW) {
            text.push_str(&format!(
                "  {:<width$}  {}\n",
                hex(row),
                printable(row),
                width = ROW * 3 - 1
            ));
        }
        self.emit(&text);
    }

    fn emit(&mut self, text: &str) {
        if self.failed.is_none()
            && let Err(e) = self.out.write_all(text.as_bytes())
        {
            self.failed = Some(e);
        }
    }
}

fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

impl Transport for Recorder {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn read(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, TransportError> {
        match self.inner.read(buf, deadline) {
            Ok(n) => {
                if n > 0 {
                    self.chunk("rx", &buf[..n]);
                }
                Ok(n)
            }
            Err(e) => {
                self.emit(&format!("{} error: {e}\n", now()));
                Err(e)
            }
        }
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.chunk("tx", bytes);
        self.inner.write_all(bytes).inspect_err(|e| self.emit(&format!("{} error: {e}\n", now())))
    }

    fn note(&mut self, text: &str) {
        self.emit(&format!("{} note: {text}\n", now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line that answers every read with one fixed reply, once.
    struct Canned {
        reply: Vec<u8>,
    }

    impl Transport for Canned {
        fn name(&self) -> &str {
            "canned"
        }
        fn read(&mut self, buf: &mut [u8], _: Instant) -> Result<usize, TransportError> {
            let n = self.reply.len().min(buf.len());
            buf[..n].copy_from_slice(&self.reply[..n]);
            self.reply.drain(..n);
            Ok(n)
        }
        fn write_all(&mut self, _: &[u8]) -> Result<(), TransportError> {
            Ok(())
        }
    }

    #[test]
    fn records_both_directions_as_hex_and_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("record.txt");
        let inner = Box::new(Canned { reply: b"\r\n+CSQ: 7,99\r\n\r\nOK\r\n".to_vec() });
        let mut rec = Recorder::create(&path, inner, "canned (9600 8N1)").expect("create");
        rec.write_all(b"AT+CSQ\r").expect("write");
        let mut buf = [0u8; 64];
        assert_eq!(rec.read(&mut buf, Instant::now()).expect("read"), 20);
        rec.note("done");
        rec.finish().expect("finish");
        let text = std::fs::read_to_string(&path).expect("read record");
        assert!(text.starts_with("# posdiag exchange record\n# device: canned (9600 8N1)\n"));
        assert!(text.contains(" tx 7 bytes\n  41 54 2b 43 53 51 0d"), "{text}");
        assert!(text.contains("AT+CSQ<CR>\n"), "{text}");
        assert!(
            text.contains(" rx 20 bytes\n  0d 0a 2b 43 53 51 3a 20 37 2c 39 39 0d 0a 0d 0a  "),
            "{text}"
        );
        assert!(text.contains("<CR><LF>+CSQ: 7,99<CR><LF><CR><LF>\n  4f 4b 0d 0a"), "{text}");
        assert!(text.contains(" note: done\n"));
    }
}
