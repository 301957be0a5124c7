//! Network registration from the `+CREG`, `+CGREG`, `+CEREG` read answers
//! (3GPP TS 27.007 §7.2, §10.1.20, §10.1.22): one fact for all three
//! domains, the most telling of them.

use super::findings::Findings;
use super::parser::Reply;

/// Registration: the first of CEREG, CGREG, CREG that says registered;
/// otherwise the most telling failure (denied, then searching, then not
/// registered, then unknown), so a 2G module's `+CEREG: 0,0` does not hide
/// a `+CGREG: 0,1`.
pub fn registration<'r>(out: &mut Findings, replies: impl Iterator<Item = &'r Reply>) {
    const ORDER: [&str; 6] =
        ["home", "roaming", "denied", "searching", "not_registered", "unknown"];
    let mut best: Option<(usize, &'static str, &Reply)> = None;
    for r in replies.filter(|r| r.end.is_ok()) {
        let prefix = r.command.trim_start_matches("AT").trim_end_matches('?');
        let Some(state) = r.values(prefix).filter_map(stat).max_by_key(|(solicited, _)| *solicited)
        else {
            out.not_understood(r);
            continue;
        };
        let state = state.1;
        let rank = ORDER.iter().position(|s| *s == state).unwrap_or(ORDER.len());
        let rank = if rank < 2 { 0 } else { rank };
        if best.is_none_or(|(b, _, _)| rank < b) {
            best = Some((rank, state, r));
        }
    }
    if let Some((_, state, r)) = best {
        out.fact("modem.registration", state, r);
    }
}

/// `<n>,<stat>[,…]` (the read command's answer, `true`), or `<stat>,<lac>…`
/// (a URC that arrived instead, `false`) → the state. One field alone is
/// no state: a read answer always has `<n>,<stat>`, and `+CGREG: 0` is a
/// URC's `<stat>` or a truncated answer's `<n>` — it cannot be told.
fn stat(values: &str) -> Option<(bool, &'static str)> {
    let fields: Vec<&str> = values.split(',').map(str::trim).collect();
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (solicited, raw) = match fields.as_slice() {
        [_, second, ..] if plain(second) => (true, *second),
        [first, _, ..] if plain(first) => (false, *first),
        _ => return None,
    };
    let state = match raw.parse::<u32>().ok()? {
        1 | 6 | 9 => "home",
        5 | 7 | 10 => "roaming",
        2 => "searching",
        3 => "denied",
        0 | 8 => "not_registered",
        _ => "unknown",
    };
    Some((solicited, state))
}
