//! Generated inputs for records: any exchange recorded and replayed gives
//! back the same bytes in the same reads, and a card number in any
//! spelling the masker knows never reaches a record whole.

use std::collections::VecDeque;
use std::time::Instant;

use posdiag::probe::record::{Header, Recorder};
use posdiag::probe::redact::mask_bytes;
use posdiag::probe::replay::{Record, Replay};
use posdiag::probe::{Transport, TransportError};
use proptest::prelude::*;

/// One step of an exchange: a send, a read that gets bytes, a read that
/// reaches its deadline.
#[derive(Debug, Clone)]
enum Step {
    Send(Vec<u8>),
    Receive(Vec<u8>),
    Quiet,
}

/// A line that answers reads from a script.
struct Scripted {
    reads: VecDeque<Option<Vec<u8>>>,
}

impl Transport for Scripted {
    fn name(&self) -> &str {
        "scripted"
    }
    fn read(&mut self, buf: &mut [u8], _: Instant) -> Result<usize, TransportError> {
        match self.reads.pop_front().flatten() {
            Some(bytes) => {
                buf[..bytes.len()].copy_from_slice(&bytes);
                Ok(bytes.len())
            }
            None => Ok(0),
        }
    }
    fn write_all(&mut self, _: &[u8]) -> Result<(), TransportError> {
        Ok(())
    }
}

/// Bytes without ASCII digits (so nothing is masked).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>().prop_filter("no digit", |b| !b.is_ascii_digit()), 1..40)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![bytes().prop_map(Step::Send), bytes().prop_map(Step::Receive), Just(Step::Quiet),]
}

/// A Luhn-valid number of `len` digits from `body` digits.
fn card(body: Vec<u8>) -> Vec<u8> {
    let mut digits = body;
    for check in 0..10u8 {
        digits.push(check);
        if posdiag::mask::luhn(&digits) {
            return digits;
        }
        digits.pop();
    }
    unreachable!("one check digit always makes a Luhn number")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_record_replays_the_same_reads(steps in proptest::collection::vec(step(), 0..24)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("record.txt");
        let reads = steps.iter().filter_map(|s| match s {
            Step::Receive(b) => Some(Some(b.clone())),
            Step::Quiet => Some(None),
            Step::Send(_) => None,
        }).collect();
        let header = Header { device: "scripted".into(), protocol: "at".into(), timeout_ms: 100 };
        let mut rec = Recorder::create(&path, Box::new(Scripted { reads }), &header).expect("create");
        let mut buf = [0u8; 64];
        for s in &steps {
            match s {
                Step::Send(b) => rec.write_all(b).expect("send"),
                _ => { rec.read(&mut buf, Instant::now()).expect("read"); }
            }
        }
        rec.finish().expect("finish");
        let record = Record::load(&path).expect("a record");
        let mut replay = Replay::new("replay", &record);
        for s in &steps {
            match s {
                Step::Send(b) => prop_assert!(replay.write_all(b).is_ok()),
                Step::Receive(b) => {
                    let n = replay.read(&mut buf, Instant::now()).expect("read");
                    prop_assert_eq!(&buf[..n], b.as_slice());
                }
                Step::Quiet => prop_assert_eq!(replay.read(&mut buf, Instant::now()).expect("read"), 0),
            }
        }
    }

    #[test]
    fn no_card_number_survives_masking(
        body in proptest::collection::vec(0u8..10, 12..19),
        seps in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just("."), Just("/"), Just("_"), Just("\t")], 19),
        before in "[A-Za-z=:, ]{0,8}",
        after in "[A-Za-z, ]{0,8}( 2512)?",
    ) {
        let digits = card(body);
        let mut text = before.into_bytes();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                text.extend_from_slice(seps[i].as_bytes());
            }
            text.push(b'0' + d);
        }
        text.extend_from_slice(after.as_bytes());
        let original = text.clone();
        prop_assert!(mask_bytes(&mut text));
        prop_assert_eq!(text.len(), original.len());
        let kept: Vec<u8> = text.iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0').collect();
        let whole: Vec<u8> = digits.clone();
        prop_assert!(!kept.windows(whole.len()).any(|w| w == whole.as_slice()), "{}", String::from_utf8_lossy(&text));
        // At most the first 6 and the last 4 digits stay readable (more is
        // masked when a neighbouring group makes a longer card number).
        let masked = text.iter().filter(|b| **b == b'*').count();
        prop_assert!(masked >= digits.len() - 10, "{}", String::from_utf8_lossy(&text));
    }

    #[test]
    fn any_text_is_a_record_or_an_error(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("T tx 3 bytes".to_string()),
                Just("T rx 2 bytes masked".to_string()),
                Just("T rx none (deadline)".to_string()),
                "  [0-9a-f ]{0,60}",
                "  .{0,60}",
                ".{0,40}",
            ],
            0..20,
        ),
    ) {
        let text = format!("# posdiag exchange record, format 2\n{}\n", lines.join("\n"));
        match Record::parse("generated", &text) {
            // Whatever parsed replays without a panic, and each read is
            // bounded by the buffer.
            Ok(record) => {
                let mut replay = Replay::new("replay", &record);
                let mut buf = [0u8; 16];
                for _ in 0..40 {
                    if let Ok(n) = replay.read(&mut buf, Instant::now()) {
                        prop_assert!(n <= buf.len());
                    }
                    let _ = replay.write_all(b"AT\r");
                }
            }
            // An error names the file and the line.
            Err(e) => prop_assert!(e.to_string().starts_with("`generated` line "), "{e}"),
        }
    }
}
