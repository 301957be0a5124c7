//! One way out: every byte posdiag writes to stdout, stderr or a file
//! passes here, is masked ([`crate::mask`]) and has its write errors
//! handled, never a panic.
//!
//! - stdout and stderr: [`outln!`](crate::outln), [`out!`](crate::out),
//!   [`eoutln!`](crate::eoutln) and [`eout!`](crate::eout) format the whole
//!   text first, mask it, then write it. The first failure on stdout is
//!   kept: later writes to it are skipped, and [`finish`] ends the run — a
//!   reader that closed early (`| head -1`, `EPIPE`) ends it quietly with
//!   exit 0, as ripgrep and coreutils do; any other failure (a full disk) is
//!   an error, exit 2. A failure on stderr is dropped: there is no place
//!   left to say it.
//! - Streams written piece by piece (batch results, the graph) use
//!   [`Masked`], which masks whole lines.
//! - Files: [`crate::fsio::write_atomic`] and the history's append mask
//!   their bytes with [`mask_bytes`].
//! - The end of a run ([`finish`], [`fail`]): under `--format json`
//!   ([`set_json`]) a failed run's error is also written to stdout as JSON;
//!   the final error line starts `posdiag: error:`, or `posdiag: 错误:` once
//!   [`set_lang`] chose Chinese. The command line words the error
//!   (`crate::messages`), this layer only writes it.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Mutex;

use crate::exit::Exit;
use crate::lang::Lang;

pub use crate::mask::mask_bytes;

/// The language of the final error line, once the arguments named it.
static LANG: Mutex<Option<Lang>> = Mutex::new(None);

/// Whether the run's output is JSON (`--format json`): its error is too.
static JSON: Mutex<bool> = Mutex::new(false);

/// Say that the run writes JSON, so that its error goes to stdout as JSON
/// too (besides the line on stderr).
pub fn set_json(json: bool) {
    *JSON.lock().unwrap_or_else(|e| e.into_inner()) = json;
}

fn json() -> bool {
    *JSON.lock().unwrap_or_else(|e| e.into_inner())
}

/// Say which language the final error line speaks.
pub fn set_lang(lang: Lang) {
    *LANG.lock().unwrap_or_else(|e| e.into_inner()) = Some(lang);
}

/// The run's language (English before the arguments named it).
pub fn lang() -> Lang {
    LANG.lock().unwrap_or_else(|e| e.into_inner()).unwrap_or(Lang::En)
}

/// Say `text` as a warning (`posdiag: warning:`), in the run's language.
pub fn warn(text: &str) {
    crate::eoutln!("{} {text}", lang().t("output-warning-prefix"));
}

/// `posdiag: error:` in the run's language.
fn error_prefix() -> &'static str {
    lang().t("output-error-prefix")
}

/// The first failure to write to stdout.
static STDOUT_FAILED: Mutex<Option<(io::ErrorKind, String)>> = Mutex::new(None);

fn failed() -> Option<(io::ErrorKind, String)> {
    STDOUT_FAILED.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

fn note_failure(e: &io::Error) {
    let mut failed = STDOUT_FAILED.lock().unwrap_or_else(|e| e.into_inner());
    if failed.is_none() {
        *failed = Some((e.kind(), e.to_string()));
    }
}

/// Write formatted text to stdout, masked. After a failure, nothing.
pub fn stdout_fmt(args: std::fmt::Arguments<'_>) {
    stdout_str(&args.to_string());
}

/// Write `text` to stdout, masked. After a failure, nothing.
pub fn stdout_str(text: &str) {
    if failed().is_some() {
        return;
    }
    let masked = crate::mask::mask_pans(text);
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(masked.as_bytes()) {
        note_failure(&e);
    }
}

/// Write formatted text to stderr, masked; a failure is dropped.
pub fn stderr_fmt(args: std::fmt::Arguments<'_>) {
    let text = args.to_string();
    let masked = crate::mask::mask_pans(&text);
    let _ = io::stderr().lock().write_all(masked.as_bytes());
}

/// Flush stdout, noting a failure.
pub fn flush_stdout() {
    if failed().is_none()
        && let Err(e) = io::stdout().lock().flush()
    {
        note_failure(&e);
    }
}

/// Whether stdout is gone (the reader closed it, or it failed).
pub fn stdout_failed() -> bool {
    failed().is_some()
}

/// Longest quote (text between backticks) an error message shows in full.
pub const MAX_QUOTE_CHARS: usize = 80;

/// `message` with every quote longer than [`MAX_QUOTE_CHARS`] cut: errors
/// quote what they were given in backticks, and a megabyte of bad value
/// helps no one. The cut says how long the value was.
pub fn clip_quotes(message: &str) -> std::borrow::Cow<'_, str> {
    let parts: Vec<&str> = message.split('`').collect();
    let long = |k: usize, p: &&str| {
        k % 2 == 1 && k + 1 < parts.len() && p.chars().count() > MAX_QUOTE_CHARS
    };
    if !parts.iter().enumerate().any(|(k, p)| long(k, p)) {
        return std::borrow::Cow::Borrowed(message);
    }
    let mut out = String::with_capacity(message.len().min(4096));
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push('`');
        }
        if long(k, p) {
            let head: String = p.chars().take(MAX_QUOTE_CHARS - 20).collect();
            out.push_str(&format!("{head}… ({} characters)", p.chars().count()));
        } else {
            out.push_str(p);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The end of a run that failed: flush stdout, print `text` (the error in
/// the user's words, masked and clipped here) on the error line and, under
/// `--format json`, `json` of it on stdout; exit with `exit`.
pub fn fail(text: &str, json_of: impl FnOnce(&str) -> String, exit: Exit) -> ExitCode {
    flush_stdout();
    let text = crate::mask::mask_pans(text).into_owned();
    let text = clip_quotes(&text);
    if json() && !stdout_failed() {
        stdout_str(&format!("{}\n", json_of(&text)));
        flush_stdout();
    }
    crate::eoutln!("{} {text}", error_prefix());
    exit.into()
}

/// The end of a run that did not fail: flush stdout and pick the exit code
/// (see the module header for failures of stdout).
pub fn finish(exit: Exit) -> ExitCode {
    flush_stdout();
    match failed() {
        None => exit.into(),
        Some((io::ErrorKind::BrokenPipe, _)) => Exit::Ok.into(),
        Some((_, message)) => {
            let text = lang().t_args("output-cannot-write-stdout", &[("reason", message.into())]);
            crate::eoutln!("{} {text}", error_prefix());
            Exit::Input.into()
        }
    }
}

/// Most bytes [`Masked`] holds back waiting for the end of a line.
const MAX_PENDING: usize = 1024 * 1024;

/// A writer that masks whole lines before passing them on. Text without a
/// line end is passed on at [`flush`](Write::flush) or when it grows past
/// [`MAX_PENDING`] (cut after the last character that is neither a digit
/// nor a separator, so no number is split).
pub struct Masked<W: Write> {
    inner: W,
    pending: Vec<u8>,
    /// Whether failures are stdout's (noted for [`finish`]).
    is_stdout: bool,
}

impl<W: Write> Masked<W> {
    pub fn new(inner: W) -> Masked<W> {
        Masked { inner, pending: Vec::new(), is_stdout: false }
    }

    fn pass(&mut self, upto: usize) -> io::Result<()> {
        let masked = mask_bytes(&self.pending[..upto]).into_owned();
        self.pending.drain(..upto);
        let result = self.inner.write_all(&masked);
        if let (Err(e), true) = (&result, self.is_stdout) {
            note_failure(e);
        }
        result
    }
}

/// stdout as a [`Masked`] writer, buffered in front (so the masker sees
/// large pieces, not each small write of a serializer); its failures end
/// the run as [`finish`] says.
pub fn stdout_writer() -> io::BufWriter<Masked<io::StdoutLock<'static>>> {
    let masked = Masked { inner: io::stdout().lock(), pending: Vec::new(), is_stdout: true };
    io::BufWriter::with_capacity(64 * 1024, masked)
}

impl<W: Write> Write for Masked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let before = self.pending.len();
        self.pending.extend_from_slice(buf);
        // Only the new bytes can hold a new line end.
        if let Some(end) = buf.iter().rposition(|&b| b == b'\n') {
            self.pass(before + end + 1)?;
        } else if self.pending.len() > MAX_PENDING {
            let cut = self
                .pending
                .iter()
                .rposition(|&b| b.is_ascii() && !b.is_ascii_digit() && !b" \t-./_\\".contains(&b))
                .map_or(self.pending.len(), |k| k + 1);
            self.pass(cut)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(self.pending.len())?;
        let result = self.inner.flush();
        if let (Err(e), true) = (&result, self.is_stdout) {
            note_failure(e);
        }
        result
    }
}

/// Print to stdout through [`crate::output`]: masked, never a panic.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::stdout_fmt(format_args!($($arg)*)) };
}

/// Print a line to stdout through [`crate::output`].
#[macro_export]
macro_rules! outln {
    () => { $crate::output::stdout_str("\n") };
    ($($arg:tt)*) => { $crate::output::stdout_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Print to stderr through [`crate::output`].
#[macro_export]
macro_rules! eout {
    ($($arg:tt)*) => { $crate::output::stderr_fmt(format_args!($($arg)*)) };
}

/// Print a line to stderr through [`crate::output`].
#[macro_export]
macro_rules! eoutln {
    () => { $crate::output::stderr_fmt(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::stderr_fmt(format_args!("{}\n", format_args!($($arg)*))) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_writer_masks_a_number_written_in_pieces() {
        let mut out = Masked::new(Vec::new());
        for piece in ["card 4111 11", "11 1111 1111", " ok\nnext 5", "500 0000 0000 0004"] {
            out.write_all(piece.as_bytes()).unwrap();
        }
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "card 411111******1111 ok\nnext 550000******0004"
        );
    }

    #[test]
    fn a_long_line_is_cut_between_numbers() {
        let mut out = Masked::new(Vec::new());
        let filler = "x".repeat(MAX_PENDING);
        out.write_all(filler.as_bytes()).unwrap();
        out.write_all(b" 4111 1111").unwrap();
        assert_eq!(out.inner.len(), MAX_PENDING);
        out.write_all(b" 1111 1111\n").unwrap();
        assert!(String::from_utf8(out.inner).unwrap().ends_with("411111******1111\n"));
    }

    #[test]
    fn long_quotes_are_cut() {
        let long = "x".repeat(1000);
        let msg = format!("`{long}` is not an answer of `triage.start`");
        let clipped = clip_quotes(&msg);
        assert!(clipped.starts_with(&format!("`{}… (1000 characters)`", "x".repeat(60))));
        assert!(clipped.ends_with("is not an answer of `triage.start`"), "{clipped}");
        assert_eq!(clip_quotes("a `b` c `d"), "a `b` c `d");
    }

    #[test]
    fn a_failing_writer_gives_its_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut out = Masked::new(Full);
        assert!(out.write_all(b"line\n").is_err());
    }
}
