//! Seed inputs for the `ecr_frame` and `at_reply` fuzz targets, from the
//! terminal simulator: for every built-in fixture (`fixtures/terminals/`),
//! the bytes its modem answers to each AT command posdiag sends and the
//! frames its payment application answers to each ECR command, with the
//! fixture's line faults (garbage, bad LRC, NAKs) applied as the simulator
//! applies them. Also a few hostile inputs built by hand.
//!
//! Run by `fuzz/seed.sh`: `cargo run --example seed -- CORPUS_DIR`; writes
//! `CORPUS_DIR/ecr_frame/` and `CORPUS_DIR/at_reply/`. The byte layouts are
//! the targets' own (see their headers).

use std::fs;
use std::path::{Path, PathBuf};

use posdiag::probe::at::COMMANDS;
use posdiag::probe::ecr::frame::{ACK, ETX, Frame, NAK, STX, encode_data};
use posdiag::sim::{self, modem::SimModem, terminal};

/// Chunkings the seeds are written with: one piece, bytes one at a time,
/// and uneven pieces.
const CHUNKINGS: [u8; 3] = [0x00, 0x01, 0x73];

fn main() {
    let out = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| "corpus".into());
    let ecr_dir = out.join("ecr_frame");
    let at_dir = out.join("at_reply");
    for dir in [&ecr_dir, &at_dir] {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    let mut written = 0usize;
    for name in sim::names() {
        let (_, fixture) = sim::load(&name).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        let garbage = fixture.faults.garbage_bytes();

        // AT: each command's reply alone, after the probe's setup, and the
        // whole probe with the replies joined by NUL.
        let mut modem = SimModem::new(&fixture.modem);
        let mut probe: Vec<Vec<u8>> = Vec::new();
        for (i, command) in COMMANDS.iter().enumerate() {
            let mut reply = garbage.clone();
            reply.extend(modem.answer(command));
            let chunking = CHUNKINGS[i % CHUNKINGS.len()];
            let index = u8::try_from(i).unwrap_or(0);
            written += write(&at_dir, &format!("{name}-{i:02}"), &[&[index, chunking], &reply]);
            if i >= 3 {
                probe.push(reply);
            }
        }
        written += write(&at_dir, &format!("{name}-probe"), &[&[3, 0x31], &probe.join(&0u8)]);

        // ECR: what the probe reads: an ACK, then each response, with the
        // fixture's noise, NAKs and bad checksums.
        let naks = usize::try_from(fixture.faults.nak_first.min(3)).unwrap_or(0);
        let mut stream = vec![NAK; naks];
        for (i, command) in ["ST", "LT", "SE", "EL"].iter().enumerate() {
            let response = terminal::respond(&fixture.terminal, &Frame::new(command, &[]));
            let mut frame = response.encode();
            stream.extend(&garbage);
            stream.push(ACK);
            if u32::try_from(i).unwrap_or(u32::MAX) < fixture.faults.bad_lrc_first {
                let mut bad = frame.clone();
                if let Some(lrc) = bad.last_mut() {
                    *lrc ^= 0x5a;
                }
                stream.extend(&bad);
            }
            stream.append(&mut frame);
        }
        written += write(&ecr_dir, &format!("{name}-stream"), &[&[0], &stream]);
        written += write(&ecr_dir, &format!("{name}-stream-uneven"), &[&[0x73], &stream]);
    }

    // Hand-made ECR inputs: a request, framing errors of every kind, a
    // frame split by noise, the largest frame, control bytes alone.
    let st = Frame::new("ST", &[]).encode();
    let mut bad_etx = st.clone();
    bad_etx[5] = b'X';
    let mut max_frame = vec![b'E', b'L', 0x1c];
    max_frame.resize(2048, b'9');
    let hostile: [(&str, Vec<u8>); 9] = [
        ("request-st", st.clone()),
        ("bad-etx", bad_etx),
        ("bad-length", vec![STX, 0xff, 0xff, STX, 0x00, 0x01, b'S', ETX, 0x00]),
        ("bad-command", encode_data(b"s\x1c1")),
        ("missing-fs", encode_data(b"STX")),
        ("short", encode_data(b"S")),
        ("noise-in-frame", [&st[..3], b"\xff\xfe", &st[3..]].concat()),
        ("max-frame", encode_data(&max_frame)),
        ("control-bytes", vec![ACK, NAK, ACK, 0x00, STX]),
    ];
    for (name, bytes) in hostile {
        written += write(&ecr_dir, name, &[&[0x11], &bytes]);
    }

    // Hand-made AT inputs: a custom echoed command, a line longer than the
    // parser keeps, verbose errors, URCs only, a reply with no final code.
    let long_line = [b"+CSQ: ".as_slice(), &[b'9'; 1500], b"\r\nOK\r\n"].concat();
    let at_hostile: [(&str, u8, Vec<u8>); 5] = [
        (
            "custom-command",
            14,
            b"at+cops=?\0at+cops=?\r+COPS: (2,\"X\",\"X\",\"1\",7)\r\nOK\r".to_vec(),
        ),
        ("long-line", 8, long_line),
        ("verbose-error", 7, b"\r\n+CME ERROR: SIM PUK required\r\n".to_vec()),
        ("urcs-only", 12, b"RING\r\n^SYSSTART\r\n+CREG: 5\r\nNO CARRIER\r\n".to_vec()),
        ("no-final", 8, b"+CSQ: 31,99\r\n+CSQ: 0,0\r\n".to_vec()),
    ];
    for (name, pick, bytes) in at_hostile {
        written += write(&at_dir, name, &[&[pick, 0x21], &bytes]);
    }
    println!("wrote {written} seed file(s) under {}", out.display());
}

/// Write the concatenation of `parts` to `dir/name`; 1 for the count.
fn write(dir: &Path, name: &str, parts: &[&[u8]]) -> usize {
    let path = dir.join(name);
    fs::write(&path, parts.concat())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    1
}
