//! Fuzz target `at_reply`: the AT reply parser (`posdiag::probe::at::parser`)
//! and the interpretation of what it parses (`posdiag::probe::at::interpret`).
//!
//! Input: `[command] [chunking] [modem bytes …]`.
//! - `command % 16` picks the command the reply answers: one of the commands
//!   posdiag sends (0–13), or (14, 15) a command taken from the bytes up to
//!   the first NUL, so odd echoes and prefixes are reached too.
//! - `chunking` cuts the bytes for the incremental [`ReplyReader`] and
//!   [`LineSplitter`] (0: one piece; otherwise `b & 15` and `b >> 4` bytes
//!   in turn, a 0 counting as 1), as a serial port hands them over.
//! - The bytes are read as one reply, and also as a whole probe: split at
//!   NUL, the n-th part is the reply to the n-th query of the probe.
//!
//! Besides "never panics, never hangs", it checks that cutting the bytes
//! differently gives the same lines and the same reply, that a reply's
//! evidence names its command, and that every fact `interpret` draws is a
//! `modem.*` fact with its evidence.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posdiag::probe::at::interpret::interpret;
use posdiag::probe::at::parser::{LineSplitter, Reply, ReplyReader, parse_reply};
use posdiag::probe::at::{COMMANDS, FIRST_QUERY};
use posdiag_fuzz::pieces;

fuzz_target!(|data: &[u8]| {
    let [pick, chunking, rest @ ..] = data else { return };
    let (command, bytes) = match usize::from(pick % 16) {
        i if i < COMMANDS.len() => (COMMANDS[i].to_string(), rest),
        _ => {
            let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
            let command = String::from_utf8_lossy(&rest[..end.min(32)]).into_owned();
            (command, rest.get(end + 1..).unwrap_or_default())
        }
    };

    // Lines: the same however the bytes arrive.
    let whole_lines = LineSplitter::new().push(bytes);
    let mut splitter = LineSplitter::new();
    let chunked_lines: Vec<String> =
        pieces(bytes, *chunking).into_iter().flat_map(|p| splitter.push(p)).collect();
    assert_eq!(whole_lines, chunked_lines, "chunking changed the lines");
    for line in &whole_lines {
        assert!(!line.is_empty() && line.trim_end() == line, "an untrimmed line {line:?}");
    }

    // One reply: the same however the bytes arrive.
    let whole = parse_reply(&command, bytes);
    let mut reader = ReplyReader::new(&command);
    let chunked = pieces(bytes, *chunking).into_iter().find_map(|p| reader.push(p));
    assert_eq!(whole, chunked, "chunking changed the reply");
    let mut replies: Vec<Reply> = Vec::new();
    if let Some(reply) = whole {
        check_reply(&reply);
        replies.push(reply);
    }

    // A whole probe: the n-th NUL-separated part answers the n-th query.
    for (part, query) in bytes.split(|b| *b == 0).zip(COMMANDS[FIRST_QUERY..].iter().cycle()) {
        if let Some(reply) = parse_reply(query, part) {
            check_reply(&reply);
            replies.push(reply);
        }
    }

    let findings = interpret(&replies);
    for fact in &findings.facts {
        assert!(fact.name.starts_with("modem."), "fact {} from AT replies", fact.name);
        assert!(fact.evidence.as_deref().is_some_and(|e| !e.is_empty()));
    }
    for u in &findings.unsupported {
        assert!(replies.iter().any(|r| r.command == u.command), "unsupported {u:?} never sent");
    }
});

/// What every reply owes its reader.
fn check_reply(reply: &Reply) {
    let evidence = reply.evidence();
    assert!(evidence.starts_with(&reply.command), "evidence {evidence:?} without its command");
    for prefix in ["+CSQ", "+CPIN", "+COPS", "+CREG", "+CGATT", "+CGMM"] {
        for value in reply.values(prefix) {
            assert_eq!(value, value.trim());
        }
    }
}
