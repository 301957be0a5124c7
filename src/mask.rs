//! Card numbers never leave posdiag unmasked (PCI DSS: at most the first 6
//! and last 4 digits on display). The detector works on *digit groups*:
//! runs of ASCII (`0-9`) or full-width (`０-９`) digits. Groups separated
//! by at most [`MAX_GAP`] separator characters (space, tab, `-`, `.`, `/`,
//! `_`, their full-width forms, the ideographic space, and the two
//! characters `\t` as JSON writes a tab) belong to one run. In each run,
//! every span of whole groups of 13 to 19 digits that passes the Luhn
//! check is a card number and is masked: its first 6 and last 4 digits
//! kept (as ASCII digits), the rest starred, its separators dropped. So a
//! card number next to an expiry or a code (`4111111111111111 2512`,
//! `RC=4111111111111111 51`) is found too; and as every such span is
//! masked, overlapping or not, a number in front that happens to make a
//! shorter span pass Luhn never uncovers the card number's middle.
//!
//! What is *not* masked, on purpose:
//! - a single run of more than 19 digits with nothing between them (a
//!   reference or a serial number, not a card number);
//! - the fraction of a decimal number (`0.6363636363636364`: a group after a
//!   `.` that joins two groups and nothing else), so JSON numbers stay
//!   numbers;
//! - the value of a fact named in [`READABLE_FACTS`] (a modem's IMEI is 15
//!   digits and passes Luhn): it is kept readable by name, wherever that
//!   exact digit string is printed later in the same run.
//!
//! Applied where text enters (typed input, facts, answer files) and again
//! on the way out ([`crate::output`]), so nothing can leak a number.

use std::borrow::Cow;
use std::sync::Mutex;

mod quick;

/// Most separator characters between two digit groups of one number.
pub const MAX_GAP: usize = 4;

/// Facts whose values are identifiers that pass Luhn but are not card
/// numbers, with the number of digits such a value has.
pub const READABLE_FACTS: &[(&str, usize)] = &[("modem.imei", 15)];

/// Digit strings kept readable (values of [`READABLE_FACTS`]).
static READABLE: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());

/// `value` of fact `name` is kept readable when the fact is one of
/// [`READABLE_FACTS`] and the value has exactly its shape (ASCII digits,
/// the given count). Returns whether it is.
pub fn keep_readable(name: &str, value: &str) -> bool {
    let value = value.trim();
    let fits = READABLE_FACTS.iter().any(|&(n, len)| {
        n == name && value.len() == len && value.bytes().all(|b| b.is_ascii_digit())
    });
    if fits {
        let digits: Vec<u8> = value.bytes().map(|b| b - b'0').collect();
        let mut list = READABLE.lock().unwrap_or_else(|e| e.into_inner());
        if !list.contains(&digits) {
            list.push(digits);
        }
    }
    fits
}

fn is_readable(digits: &[u8]) -> bool {
    READABLE.lock().unwrap_or_else(|e| e.into_inner()).iter().any(|d| d == digits)
}

/// The value of a digit character, ASCII or full-width.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '-'
            | '.'
            | '/'
            | '_'
            | '\u{a0}'
            | '\u{3000}'
            | '－'
            | '．'
            | '／'
            | '＿'
            | '‐'
            | '–'
    )
}

/// How many separators `gap` is, if it is only separators (`\t` as JSON
/// escapes a tab counts as one).
fn gap_len(gap: &str) -> Option<usize> {
    let mut n = 0;
    let mut chars = gap.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if chars.next() != Some('t') {
                return None;
            }
        } else if !is_separator(c) {
            return None;
        }
        n += 1;
    }
    (n > 0).then_some(n)
}

/// A run of digits in the text: byte range and the digits.
struct Group {
    start: usize,
    end: usize,
    digits: Vec<u8>,
    /// The fraction of a decimal number: never the start of a card number.
    fraction: bool,
}

fn groups(text: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut current: Option<Group> = None;
    for (i, c) in text.char_indices() {
        match (digit(c), current.as_mut()) {
            (Some(d), Some(g)) => {
                g.digits.push(d);
                g.end = i + c.len_utf8();
            }
            (Some(d), None) => {
                current = Some(Group {
                    start: i,
                    end: i + c.len_utf8(),
                    digits: vec![d],
                    fraction: false,
                })
            }
            (None, Some(_)) => out.extend(current.take()),
            (None, None) => {}
        }
    }
    out.extend(current);
    out
}

/// `text` with every card number masked.
pub fn mask_pans(text: &str) -> Cow<'_, str> {
    // No card number spans a line end: mask line by line, so the full look
    // is only taken at the few lines that may hold one.
    if !text.contains('\n') {
        return mask_line(text);
    }
    let mut out: Option<String> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if let Cow::Owned(masked) = mask_line(line) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            if out.is_empty() {
                out.push_str(&text[..start]);
            }
            out.push_str(&masked);
        } else if let Some(out) = out.as_mut() {
            out.push_str(line);
        }
        start += line.len();
    }
    match out {
        Some(out) => Cow::Owned(out),
        None => Cow::Borrowed(text),
    }
}

/// [`mask_pans`] of one line.
fn mask_line(text: &str) -> Cow<'_, str> {
    if !quick::may_hold_a_card_number(text) {
        return Cow::Borrowed(text);
    }
    let mut groups = groups(text);
    // Which neighbours are joined into one run.
    let gaps: Vec<Option<usize>> =
        groups.windows(2).map(|w| gap_len(&text[w[0].end..w[1].start])).collect();
    let dots: Vec<bool> = groups.windows(2).map(|w| &text[w[0].end..w[1].start] == ".").collect();
    let near: Vec<bool> = gaps.iter().map(|g| g.is_some_and(|n| n <= MAX_GAP)).collect();
    let mut joined = near.clone();
    for k in 0..joined.len() {
        // A `.` between two groups joined to nothing else is a decimal point.
        let lone = dots[k] && (k == 0 || !near[k - 1]) && (k + 1 >= near.len() || !near[k + 1]);
        if lone {
            joined[k] = false;
            groups[k + 1].fraction = true;
        }
    }
    let cards = Cards::find(&groups, &joined);
    if !cards.in_card.iter().any(|&c| c) {
        return Cow::Borrowed(text);
    }
    // Each stretch of groups in card numbers becomes its digits, starred
    // where any card number stars them, without its separators.
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut k = 0;
    while k < groups.len() {
        if !cards.in_card[k] {
            k += 1;
            continue;
        }
        out.push_str(&text[copied..groups[k].start]);
        loop {
            for (d, &star) in groups[k].digits.iter().zip(&cards.starred[k]) {
                out.push(if star { '*' } else { char::from(b'0' + d) });
            }
            if k + 1 < groups.len() && cards.link[k] {
                k += 1;
            } else {
                break;
            }
        }
        copied = groups[k].end;
        k += 1;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// The card numbers among the groups: every span of whole joined groups of
/// 13 to 19 digits that passes Luhn. Each stars its digits but its first 6
/// and last 4, so however spans overlap (a card number next to another
/// number), no card number shows more than those.
struct Cards {
    /// Per group, per digit: starred.
    starred: Vec<Vec<bool>>,
    /// Per group: in some card number.
    in_card: Vec<bool>,
    /// Per group: in one card number with the next group.
    link: Vec<bool>,
}

impl Cards {
    fn find(groups: &[Group], joined: &[bool]) -> Cards {
        let mut cards = Cards {
            starred: groups.iter().map(|g| vec![false; g.digits.len()]).collect(),
            in_card: vec![false; groups.len()],
            link: vec![false; groups.len()],
        };
        let mut digits = Vec::with_capacity(19);
        for i in 0..groups.len() {
            if groups[i].fraction || groups[i].digits.len() > 19 {
                continue;
            }
            digits.clear();
            let mut j = i;
            loop {
                digits.extend_from_slice(&groups[j].digits);
                if digits.len() > 19 {
                    break;
                }
                if is_card(&digits) {
                    cards.mark(i, j, digits.len());
                }
                if j + 1 >= groups.len() || !joined[j] {
                    break;
                }
                j += 1;
            }
        }
        cards
    }

    /// Mark groups `i..=j`, `len` digits, as one card number.
    fn mark(&mut self, i: usize, j: usize, len: usize) {
        let mut n = 0;
        for k in i..=j {
            self.in_card[k] = true;
            if k < j {
                self.link[k] = true;
            }
            for star in &mut self.starred[k] {
                if n >= 6 && n < len - 4 {
                    *star = true;
                }
                n += 1;
            }
        }
    }
}

/// Whether a digit run is a card number.
fn is_card(digits: &[u8]) -> bool {
    (13..=19).contains(&digits.len()) && luhn(digits) && !is_readable(digits)
}

/// `bytes` with every card number masked; bytes that are not UTF-8 are kept
/// as they are (they never hold a digit).
pub fn mask_bytes(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return match mask_pans(text) {
            Cow::Borrowed(_) => Cow::Borrowed(bytes),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        };
    }
    let mut out = Vec::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.extend_from_slice(mask_pans(chunk.valid()).as_bytes());
        out.extend_from_slice(chunk.invalid());
    }
    Cow::Owned(out)
}

/// The Luhn (mod 10) check.
pub fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
#[path = "mask_tests.rs"]
mod tests;
