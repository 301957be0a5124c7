//! Fuzz target `ecr_frame`: the ECR frame codec (`posdiag::probe::ecr::frame`)
//! and the interpretation of the frames it lets through.
//!
//! Input: `[chunking] [bytes from the line …]`. The first byte chooses how
//! the rest is cut before it reaches the [`Decoder`] (0: in one piece;
//! otherwise chunks of `b & 15` and `b >> 4` bytes in turn, a 0 counting as
//! 1), as a serial port hands bytes over in arbitrary pieces.
//!
//! Besides "never panics, never hangs", it checks what the decoder promises:
//! - it is lossless: the events' bytes, in order, are exactly the input
//!   consumed, and what it still holds is less than one frame's worth;
//! - cutting the input differently changes nothing but how garbage is split;
//! - a good frame is a valid frame: its LRC holds, and when its data is
//!   UTF-8 it encodes back to the bytes received;
//! - `Frame::from_data` on the whole input agrees with `Frame::data`, and a
//!   framed copy of the input (`encode_data`) decodes to exactly one event
//!   that is a frame or a data error, never a framing error;
//! - `frame_text` renders anything, and the ECR `interpret` reads the good
//!   frames as responses without panicking.

#![no_main]

use libfuzzer_sys::fuzz_target;
use posdiag::probe::ecr::frame::{
    self, Decoder, Event, Frame, FramingError, MAX_DATA, encode_data, frame_text,
};
use posdiag::probe::ecr::{Response, interpret};
use posdiag_fuzz::pieces;

fuzz_target!(|data: &[u8]| {
    let Some((&chunking, body)) = data.split_first() else { return };

    let whole = decode(body, 0);
    let chunked = decode(body, chunking);
    assert_eq!(merge_garbage(&whole), merge_garbage(&chunked), "chunking changed the events");

    let consumed: Vec<u8> = whole.iter().flat_map(|e| e.bytes().iter().copied()).collect();
    assert!(body.starts_with(&consumed), "the events' bytes are not the input");
    assert!(body.len() - consumed.len() < MAX_DATA + 5, "the decoder held more than a frame");

    let mut responses = Vec::new();
    for event in whole {
        match event {
            Event::Frame { frame, raw } => {
                assert_eq!(frame::lrc(&raw[1..]), 0, "a frame with a bad LRC");
                let data = &raw[3..raw.len() - 2];
                if std::str::from_utf8(data).is_ok() {
                    assert_eq!(frame.encode(), raw, "a UTF-8 frame does not encode back");
                }
                assert!(!frame_text(&raw).is_empty());
                responses.push(Response { frame, raw });
            }
            Event::Corrupt { error, raw } => {
                assert!(!raw.is_empty());
                assert!(!error.to_string().is_empty());
                let _ = frame_text(&raw);
            }
            Event::Garbage(bytes) => assert!(!bytes.is_empty(), "an empty garbage event"),
            Event::Ack | Event::Nak => {}
        }
    }
    let findings = interpret::interpret(&responses);
    for fact in &findings.facts {
        assert!(!fact.name.is_empty() && fact.evidence.is_some());
    }

    let _ = frame_text(body);
    match Frame::from_data(body) {
        Ok(f) if std::str::from_utf8(body).is_ok() => {
            assert_eq!(f.data(), body, "from_data and data disagree")
        }
        Ok(_) => {}
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    if (2..=MAX_DATA).contains(&body.len()) {
        let mut d = Decoder::new();
        d.push(&encode_data(body));
        match d.next_event() {
            Some(Event::Frame { .. }) => {}
            Some(Event::Corrupt {
                error:
                    FramingError::Short { .. }
                    | FramingError::BadCommand { .. }
                    | FramingError::MissingSeparator { .. },
                ..
            }) => {}
            other => panic!("a well-framed body decoded to {other:?}"),
        }
        assert_eq!(d.next_event(), None, "one frame gave more than one event");
    }
});

/// Every event of `body` pushed in the pieces `chunking` says.
fn decode(body: &[u8], chunking: u8) -> Vec<Event> {
    let mut d = Decoder::new();
    let mut events = Vec::new();
    for piece in pieces(body, chunking) {
        d.push(piece);
        while let Some(e) = d.next_event() {
            events.push(e);
            assert!(events.len() <= body.len(), "more events than bytes");
        }
    }
    events
}

/// Adjacent garbage events joined: how a run of noise is split depends
/// only on when its bytes arrived.
fn merge_garbage(events: &[Event]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        match (out.last_mut(), e) {
            (Some(Event::Garbage(prev)), Event::Garbage(more)) => prev.extend_from_slice(more),
            _ => out.push(e.clone()),
        }
    }
    out
}
