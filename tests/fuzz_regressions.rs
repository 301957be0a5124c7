//! Regression tests from fuzzing (`fuzz/`, `docs/fuzzing.md`): hostile
//! inputs the fuzz targets were seeded with or found, replayed through the
//! same library calls, with what posdiag must make of each. Inputs are the
//! exact bytes, inline or under `tests/data/fuzz/<target>/` in the target's
//! own layout (a mode or command byte first, see `fuzz/fuzz_targets/`);
//! every file there is replayed with the target's checks.

use std::path::Path;

use posdiag::kb::Loaded;
use posdiag::probe::at::interpret::interpret as at_interpret;
use posdiag::probe::at::parser::{Final, LineSplitter, ReplyReader, parse_reply};
use posdiag::probe::at::{COMMANDS, FIRST_QUERY};
use posdiag::probe::ecr::frame::{
    ACK, Decoder, ETX, Event, Frame, FramingError, MAX_DATA, STX, encode_data, frame_text,
};
use posdiag::probe::ecr::{Response, interpret as ecr_interpret};
use posdiag::source::{ProblemKind, SourceFile};

const TRIAGE: &[u8] = include_bytes!("data/mini/triage.yaml");
const PRINTER: &[u8] = include_bytes!("data/mini/printer.yaml");
const BASE_TABLE: &[u8] = include_bytes!("data/fuzz/base_table.yaml");

fn mini() -> Vec<SourceFile> {
    vec![SourceFile::new("triage.yaml", TRIAGE), SourceFile::new("printer.yaml", PRINTER)]
}

// ---------------------------------------------------------------- ECR ----

/// Every event of `bytes` pushed `size` bytes at a time (0: at once).
fn decode(bytes: &[u8], size: usize) -> Vec<Event> {
    let mut d = Decoder::new();
    let mut events = Vec::new();
    let size = if size == 0 { bytes.len().max(1) } else { size };
    for piece in bytes.chunks(size) {
        d.push(piece);
        while let Some(e) = d.next_event() {
            events.push(e);
        }
    }
    events
}

fn merge_garbage(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        match (out.last_mut(), e) {
            (Some(Event::Garbage(prev)), Event::Garbage(more)) => prev.extend(more),
            (_, e) => out.push(e),
        }
    }
    out
}

/// The ecr_frame target's checks on `body`.
fn ecr_checks(body: &[u8]) -> Vec<Event> {
    let whole = decode(body, 0);
    for size in [1, 2, 7] {
        assert_eq!(merge_garbage(decode(body, size)), merge_garbage(whole.clone()), "size {size}");
    }
    let consumed: Vec<u8> = whole.iter().flat_map(|e| e.bytes().iter().copied()).collect();
    assert!(body.starts_with(&consumed), "the events' bytes are not the input");
    assert!(body.len() - consumed.len() < MAX_DATA + 5, "held more than a frame");
    let responses: Vec<Response> = whole
        .iter()
        .filter_map(|e| match e {
            Event::Frame { frame, raw } => {
                Some(Response { frame: frame.clone(), raw: raw.clone() })
            }
            _ => None,
        })
        .collect();
    for fact in ecr_interpret::interpret(&responses).facts {
        assert!(fact.evidence.is_some(), "{fact:?}");
    }
    assert!(!frame_text(body).is_empty() || body.is_empty());
    whole
}

#[test]
fn noise_inside_a_frame_costs_that_frame_and_nothing_else() {
    // `ST` with two bytes of noise after the length. The length puts ETX
    // on `S`: the STX is dropped. The length's low byte, 0x02, is an STX
    // too, whose length (0xFFFE) is absurd: dropped as well. The rest is
    // garbage up to the LRC byte 0x06, which is what it is on the wire, an
    // ACK. Every byte is accounted for.
    let bytes = [STX, 0x00, 0x02, 0xff, 0xfe, b'S', b'T', ETX, 0x06];
    assert_eq!(
        ecr_checks(&bytes),
        [
            Event::Corrupt { error: FramingError::MissingEtx { found: b'S' }, raw: vec![STX] },
            Event::Garbage(vec![0x00]),
            Event::Corrupt { error: FramingError::BadLength { len: 0xfffe }, raw: vec![STX] },
            Event::Garbage(vec![0xff, 0xfe, b'S', b'T', ETX]),
            Event::Ack,
        ]
    );
}

#[test]
fn absurd_lengths_resynchronise_one_byte_on() {
    let bytes = [STX, 0xff, 0xff, STX, 0x00, 0x01, b'S', ETX, 0x00];
    assert_eq!(
        ecr_checks(&bytes),
        [
            Event::Corrupt { error: FramingError::BadLength { len: 0xffff }, raw: vec![STX] },
            Event::Garbage(vec![0xff, 0xff]),
            Event::Corrupt { error: FramingError::BadLength { len: 1 }, raw: vec![STX] },
            Event::Garbage(vec![0x00, 0x01, b'S', ETX, 0x00]),
        ]
    );
}

#[test]
fn the_largest_frame_is_read_and_one_byte_more_is_noise() {
    let mut data = b"EL\x1c".to_vec();
    data.resize(MAX_DATA, b'9');
    let events = ecr_checks(&encode_data(&data));
    let [Event::Frame { frame, raw }] = events.as_slice() else { panic!("{events:?}") };
    assert_eq!(raw.len(), MAX_DATA + 5);
    assert_eq!(frame.fields[0].len(), MAX_DATA - 3);

    let too_long = u16::try_from(MAX_DATA + 1).unwrap().to_be_bytes();
    let events = ecr_checks(&[STX, too_long[0], too_long[1], b'E', b'L']);
    assert_eq!(
        events[0],
        Event::Corrupt { error: FramingError::BadLength { len: MAX_DATA + 1 }, raw: vec![STX] }
    );
}

#[test]
fn a_noisy_probe_conversation_reads_the_same_however_it_arrives() {
    // The `garbage` fixture's noise before each of the four responses of
    // the `healthy` terminal, as ecr_frame seeds are made.
    let (_, fixture) = posdiag::sim::load("garbage").expect("built-in fixture");
    let mut stream = Vec::new();
    for command in ["ST", "LT", "SE", "EL"] {
        stream.extend(fixture.faults.garbage_bytes());
        stream.push(ACK);
        let request = Frame::new(command, &[]);
        stream.extend(posdiag::sim::terminal::respond(&fixture.terminal, &request).encode());
    }
    let events = ecr_checks(&stream);
    let frames: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Frame { frame, .. } => Some(frame.command.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(frames, ["ST", "LT", "SE", "EL"]);
    assert_eq!(events.iter().filter(|e| **e == Event::Ack).count(), 4);
}

#[test]
fn frame_text_shows_an_empty_frame_and_a_lone_stx() {
    assert_eq!(frame_text(&[STX, 0x00, 0x05, ETX, 0x00]), "<STX><LEN 5><ETX><LRC 00>");
    assert_eq!(frame_text(&[STX]), "<STX>");
    assert_eq!(Frame::from_data(&[]), Err(FramingError::Short { len: 0 }));
}

// ----------------------------------------------------------------- AT ----

/// The at_reply target's checks on one reply to `command`.
fn at_checks(command: &str, bytes: &[u8]) -> Option<posdiag::probe::at::Reply> {
    let whole = parse_reply(command, bytes);
    for size in [1, 3, 16] {
        let mut reader = ReplyReader::new(command);
        assert_eq!(bytes.chunks(size).find_map(|p| reader.push(p)), whole, "size {size}");
        let mut lines = LineSplitter::new();
        let chunked: Vec<String> = bytes.chunks(size).flat_map(|p| lines.push(p)).collect();
        assert_eq!(chunked, LineSplitter::new().push(bytes), "size {size}");
    }
    if let Some(reply) = &whole {
        assert!(reply.evidence().starts_with(&reply.command));
        for fact in at_interpret(std::slice::from_ref(reply)).facts {
            assert!(fact.name.starts_with("modem.") && fact.evidence.is_some(), "{fact:?}");
        }
    }
    whole
}

#[test]
fn an_overlong_line_is_cut_and_its_number_ignored() {
    let mut bytes = b"+CSQ: ".to_vec();
    bytes.extend([b'9'; 1500]);
    bytes.extend(b"\r\nOK\r\n");
    let reply = at_checks("AT+CSQ", &bytes).expect("the OK still ends the reply");
    assert_eq!(reply.info.len(), 1);
    assert_eq!(reply.info[0].len(), 1024, "a line is kept up to 1024 bytes");
    let findings = at_interpret(&[reply]);
    assert!(findings.facts.is_empty(), "an rssi of 1018 digits is no signal: {findings:?}");
}

#[test]
fn utf8_split_between_reads_is_put_back_together() {
    let bytes = "+COPS: 0,0,\"中国移动\",7\r\nOK\r\n".as_bytes();
    let reply = at_checks("AT+COPS?", bytes).expect("complete");
    let findings = at_interpret(&[reply]);
    let operator = findings.facts.iter().find(|f| f.name == "modem.operator").expect("operator");
    assert_eq!(operator.value, "中国移动");
}

#[test]
fn an_echo_is_not_matched_inside_a_character() {
    // The last byte of `aé` is inside `é`: comparing it with a one-letter
    // command must not slice the string there.
    let reply = at_checks("A", "aé\r\nOK\r\n".as_bytes()).expect("complete");
    assert_eq!(reply.info, ["aé"]);
}

#[test]
fn urcs_then_no_carrier_is_an_unsupported_command() {
    let bytes = b"RING\r\n^SYSSTART\r\n+CREG: 5\r\nNO CARRIER\r\n";
    let reply = at_checks("AT+COPS?", bytes).expect("NO CARRIER ends it");
    assert_eq!(reply.urcs, ["RING", "^SYSSTART", "+CREG: 5"]);
    assert_eq!(reply.end, Final::Other("NO CARRIER".into()));
    let findings = at_interpret(&[reply]);
    assert!(findings.facts.is_empty());
    assert_eq!(findings.unsupported.len(), 1);
    assert_eq!(findings.unsupported[0].reply, "NO CARRIER");
}

#[test]
fn a_reply_without_final_code_is_still_waited_for() {
    assert_eq!(at_checks("AT+CSQ", b"+CSQ: 31,99\r\n+CSQ: 0,0\r\n"), None);
    assert_eq!(at_checks("AT+CSQ", b""), None);
    assert_eq!(at_checks("AT+CSQ", b"\r\r\n\0\xff"), None);
}

#[test]
fn an_echoed_lower_case_command_is_skipped() {
    let bytes = b"at+cops=?\r+COPS: (2,\"X\",\"X\",\"1\",7)\r\nOK\r";
    let reply = at_checks("at+cops=?", bytes).expect("complete");
    assert_eq!(reply.info, ["+COPS: (2,\"X\",\"X\",\"1\",7)"]);
    assert!(reply.urcs.is_empty());
}

// ------------------------------------------------------- rule loader ----

/// The rule_loader target: `mode` says what `body` is (see its header).
fn load(mode: u8, body: &[u8]) -> (Loaded, Vec<&'static str>) {
    let (head, tail) = match body.iter().position(|b| *b == 0) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, &[][..]),
    };
    let loaded = match mode % 5 {
        0 => posdiag::kb::load(&[SourceFile::new("fuzz.yaml", body)], &[], &[]),
        1 => posdiag::kb::load(
            &[SourceFile::new("a.yaml", head), SourceFile::new("b.yaml", tail)],
            &[],
            &[],
        ),
        2 => posdiag::kb::load(&mini(), &[SourceFile::new("codes/fuzz.yaml", body)], &[]),
        3 => posdiag::kb::load(
            &mini(),
            &[SourceFile::new("codes/base.yaml", BASE_TABLE)],
            &[SourceFile::new("vendor.yaml", body)],
        ),
        _ => posdiag::kb::load(
            &[SourceFile::new("fuzz.yaml", head)],
            &[SourceFile::new("codes/fuzz.yaml", tail)],
            &[],
        ),
    };
    let names = match mode % 5 {
        0 => vec!["fuzz.yaml"],
        1 => vec!["a.yaml", "b.yaml"],
        2 => vec!["triage.yaml", "printer.yaml", "codes/fuzz.yaml"],
        3 => vec!["triage.yaml", "printer.yaml", "codes/base.yaml", "vendor.yaml"],
        _ => vec!["fuzz.yaml", "codes/fuzz.yaml"],
    };
    for p in &loaded.problems {
        let file = p.place.file.as_str();
        assert!(names.contains(&file) || file == "rules", "unknown file: {p}");
        assert!(!p.message.is_empty(), "{p:?}");
    }
    assert_eq!(loaded.kb.is_some(), loaded.problems.is_empty(), "{:?}", loaded.problems);
    (loaded, names)
}

#[test]
fn the_fuzz_targets_own_rule_set_and_base_table_load_clean() {
    // Modes 2 and 3 only reach the code book while these stay valid.
    let (loaded, _) = load(2, BASE_TABLE);
    let rules = loaded.kb.expect("clean");
    let book = rules.codes();
    assert!(book.lookup("PRN 01").is_ok());
    assert_eq!(book.tvr().len(), 1);
    assert_eq!(book.tsi().len(), 1);
}

#[test]
fn an_overlay_may_override_a_code_of_its_base() {
    let overlay = b"table: vendor\ntitle: {zh: V, en: V}\nprefix: [\"PRN\"]\ncodes:\n  - code: \"01\"\n    meaning: {zh: \xe6\x8d\xa2\xe7\xba\xb8, en: Change the roll}\n    actor: merchant\n    category: printer\n    node: printer.power_cycle\n";
    let (loaded, _) = load(3, overlay);
    let rules = loaded.kb.unwrap_or_else(|| panic!("{:#?}", loaded.problems));
    let Ok(posdiag::codes::Lookup::Known(known)) = rules.codes().lookup("PRN 01") else {
        panic!("`PRN 01` is a known code");
    };
    assert_eq!(rules.node(known.entry.node).id, "printer.power_cycle", "the overlay's node");
    assert!(known.overrides.is_some(), "it replaces the base table's `01`");
    let mut input = vec![3];
    input.extend_from_slice(overlay);
    assert_eq!(std::fs::read(data("rule_loader/overlay-overrides-base")).ok(), Some(input));
}

#[test]
fn empty_and_nul_files_are_problems_of_that_file() {
    for body in [&b""[..], b"\0", b"\xef\xbb\xbf", b"---\n...\n", b"~"] {
        let (loaded, _) = load(0, body);
        assert!(!loaded.problems.is_empty(), "{body:?}");
        assert!(loaded.problems.iter().any(|p| p.place.file == "fuzz.yaml"), "{body:?}");
    }
}

#[test]
fn bits_outside_the_status_words_are_placed() {
    let table = b"table: bits\ntvr:\n  - byte: 0\n    bit: 9\n    meaning: {zh: x, en: x}\n";
    let (loaded, _) = load(2, table);
    let bad: Vec<_> = loaded.problems.iter().filter(|p| p.kind == ProblemKind::BadCode).collect();
    assert!(!bad.is_empty(), "{:#?}", loaded.problems);
    assert!(bad.iter().all(|p| p.place.file == "codes/fuzz.yaml" && p.place.line >= 3));
}

#[test]
fn a_table_that_is_not_utf8_is_placed_at_the_bad_byte() {
    let (loaded, _) = load(2, b"table: t\ntitle: {zh: \xff, en: x}\n");
    let p = loaded.problems.iter().find(|p| p.kind == ProblemKind::Read).expect("a read problem");
    assert_eq!((p.place.file.as_str(), p.place.line), ("codes/fuzz.yaml", 2));
}

// ------------------------------------------------ committed inputs ----

fn data(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz").join(path)
}

/// Every file under `tests/data/fuzz/<target>/`, sorted.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = data(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("readable")))
        .collect()
}

#[test]
fn committed_ecr_frame_inputs_replay_clean() {
    let all = inputs("ecr_frame");
    assert!(!all.is_empty());
    for (name, data) in all {
        let body = data.get(1..).unwrap_or_default();
        let events = ecr_checks(body);
        assert!(events.len() <= body.len(), "{name}");
    }
}

#[test]
fn committed_at_reply_inputs_replay_clean() {
    let all = inputs("at_reply");
    assert!(!all.is_empty());
    for (name, data) in all {
        let [pick, _, rest @ ..] = data.as_slice() else { panic!("{name}: too short") };
        let (command, bytes) = match COMMANDS.get(usize::from(pick % 16)) {
            Some(c) => (c.to_string(), rest),
            None => {
                let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
                let command = String::from_utf8_lossy(&rest[..end.min(32)]).into_owned();
                (command, rest.get(end + 1..).unwrap_or_default())
            }
        };
        let mut replies: Vec<_> = at_checks(&command, bytes).into_iter().collect();
        for (part, query) in bytes.split(|b| *b == 0).zip(COMMANDS[FIRST_QUERY..].iter().cycle()) {
            replies.extend(parse_reply(query, part));
        }
        for fact in at_interpret(&replies).facts {
            assert!(fact.name.starts_with("modem."), "{name}: {fact:?}");
        }
    }
}

#[test]
fn committed_rule_loader_inputs_replay_clean() {
    let all = inputs("rule_loader");
    assert!(!all.is_empty());
    for (name, data) in all {
        let Some((&mode, body)) = data.split_first() else { panic!("{name}: empty") };
        let (loaded, _) = load(mode, body);
        for p in &loaded.problems {
            assert!(!p.to_string().is_empty(), "{name}");
        }
    }
}
