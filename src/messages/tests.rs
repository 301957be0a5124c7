//! The catalogue's English says what each error's own `Display` says (the
//! developer text and the user's text cannot drift apart), and the Chinese
//! says it without English words.

use std::path::PathBuf;
use std::time::Duration;

use super::Localize;
use crate::codes::CodeError;
use crate::codes::emv::HexError;
use crate::engine::{GivenError, InputProblem};
use crate::error::{Error, Kept, Usage};
use crate::lang::Lang;
use crate::probe::ecr::{FramingError, LinkError};
use crate::probe::{ProbeError, TransportError, UrlError};
use crate::session::{Damage, Misfit, SessionError};
use crate::source::SourceError;

fn errors() -> Vec<Error> {
    let io = || std::io::Error::from_raw_os_error(13);
    let timeout = |what: &str| TransportError::Timeout {
        device: "/dev/ttyUSB0".into(),
        after: Duration::from_millis(2000),
        waiting_for: what.into(),
    };
    let link = |error| ProbeError::Link {
        device: "tcp://127.0.0.1:4001".into(),
        error: LinkError::Corrupt { command: "ST".into(), tries: 3, error },
    };
    vec![
        SourceError::Empty { path: "kb".into() }.into(),
        SourceError::TooLarge { path: "a.yaml".into(), size: 20_000_000, limit: 16_777_216 }.into(),
        Error::UnknownNode {
            node: "triage.strat".into(),
            hint: Some("did you mean `triage.start`?".into()),
        },
        Error::Answers {
            errors: vec![
                GivenError::BadValue {
                    node: "a.b".into(),
                    value: "x".into(),
                    allowed: vec!["yes".into(), "no".into()],
                },
                GivenError::BadInput {
                    node: "a.c".into(),
                    value: "x".into(),
                    reason: InputProblem::Pattern("[0-9]{2}".into()),
                },
                GivenError::BadInput {
                    node: "a.d".into(),
                    value: "".into(),
                    reason: InputProblem::Empty,
                },
            ],
        },
        CodeError::Ambiguous {
            typed: "e".into(),
            candidates: vec!["E1".into(), "E2".into(), "E3".into()],
        }
        .into(),
        HexError::WrongLength {
            word: crate::codes::emv::Word::Tvr,
            input: "12".into(),
            bytes: 5,
            digits: 10,
            found: 2,
            example: "0000048000",
        }
        .into(),
        HexError::Empty { word: crate::codes::emv::Word::ZvtLocks, digits: 4, example: "4000" }
            .into(),
        SessionError::Corrupt {
            path: "s.json".into(),
            reason: Damage::NotJson { line: 1, column: 2 },
        }
        .into(),
        SessionError::Outdated { path: "s.json".into(), reason: Misfit::Version { found: 1 } }
            .into(),
        SessionError::Outdated {
            path: "s.json".into(),
            reason: Misfit::Step { kind: "answer".into(), node: "a.b".into() },
        }
        .into(),
        UrlError::BadOption {
            name: "parity".into(),
            value: "x".into(),
            allowed: "none, even or odd",
        }
        .into(),
        UrlError::OptionsOnTcp { query: "baud=9600".into() }.into(),
        ProbeError::from(timeout("the reply to `AT+CSQ`")).into(),
        ProbeError::from(timeout("an ACK for `ST` (3 tries)")).into(),
        ProbeError::from(timeout("the replies to `AT+CGATT?` and to `AT` after it")).into(),
        ProbeError::from(timeout("the connection to open")).into(),
        link(FramingError::BadLrc { expected: 0x7d, found: 0x10 }).into(),
        link(FramingError::BadCommand { bytes: b"s\x01".to_vec() }).into(),
        link(FramingError::BadLength { len: 5000 }).into(),
        crate::probe::replay::ReplayError::Bad {
            path: "r.txt".into(),
            line: 7,
            problem: crate::probe::replay::RecordProblem::Short { announced: 9, found: 3 },
        }
        .into(),
        ProbeError::NoProtocol { device: "/dev/pts/1".into(), after: Duration::from_secs(4) }
            .into(),
        Usage::UnknownTree { tree: "x".into(), hint: None, trees: vec!["a".into(), "b".into()] }
            .into(),
        Usage::Terminal { reason: None, kept: Kept::SavedTo(PathBuf::from("s.json")) }.into(),
        Usage::AnswerNotSingle { path: "a.yaml".into(), node: "a.b".into(), value: "[1]".into() }
            .into(),
        Error::Write { path: "out.md".into(), source: io() },
    ]
}

#[test]
fn the_english_words_are_the_errors_own() {
    for e in errors() {
        let display = e.to_string();
        let display = display.split(" (os error").next().unwrap_or_default();
        assert_eq!(e.message(Lang::En), display, "{e:?}");
    }
}

#[test]
fn the_chinese_words_leave_only_quotes_and_names_in_ascii() {
    for e in errors() {
        let zh = e.message(Lang::Zh);
        assert_ne!(zh, e.message(Lang::En), "{e:?}");
        // Outside backticks, no run of two lowercase English words.
        let outside: String = zh.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let words: Vec<&str> = outside.split([' ', '，', '；', '（', '）', ':']).collect();
        let english = words
            .windows(2)
            .find(|w| w.iter().all(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_lowercase())));
        assert!(english.is_none(), "{english:?} in {zh}");
    }
}
