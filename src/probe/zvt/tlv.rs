//! The TLV container of BMP `06` (PA00P015, chapter 9): data objects of
//! tag, length and value. A tag is one byte, or more when its low five bits
//! are all set (`1F 55`): further bytes follow while their top bit is set.
//! Bit 6 of the first tag byte marks a constructed object whose value is
//! itself a list of objects (`25` print texts, `E4` device information).
//! A length below 128 is one byte; `81 nn` and `82 nn nn` (high byte
//! first) carry longer ones.

/// Nesting allowed in constructed objects; deeper data is kept as bytes.
const MAX_DEPTH: usize = 8;

/// One data object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tlv {
    /// The tag bytes as one number, `0x1F55` for `1F 55`.
    pub tag: u32,
    pub value: Vec<u8>,
    /// For a constructed object whose value parsed: its objects.
    pub children: Vec<Tlv>,
}

/// Why a TLV container did not parse to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TlvError {
    #[error("a TLV tag is cut off at byte {at}")]
    Tag { at: usize },
    #[error("a TLV length is cut off or not understood at byte {at}")]
    Length { at: usize },
    #[error("a TLV value announces {announced} byte(s) at byte {at} but {got} follow")]
    Value { at: usize, announced: usize, got: usize },
}

impl Tlv {
    pub fn new(tag: u32, value: impl Into<Vec<u8>>) -> Tlv {
        Tlv { tag, value: value.into(), children: Vec::new() }
    }

    /// A constructed object holding `children`.
    pub fn constructed(tag: u32, children: Vec<Tlv>) -> Tlv {
        let value = encode(&children);
        Tlv { tag, value, children }
    }

    /// The first object with `tag`, here or below.
    pub fn find(list: &[Tlv], tag: u32) -> Option<&Tlv> {
        list.iter().find_map(|t| if t.tag == tag { Some(t) } else { Tlv::find(&t.children, tag) })
    }

    /// Every object with `tag`, here or below, in order.
    pub fn find_all<'a>(list: &'a [Tlv], tag: u32, out: &mut Vec<&'a Tlv>) {
        for t in list {
            if t.tag == tag {
                out.push(t);
            }
            Tlv::find_all(&t.children, tag, out);
        }
    }
}

/// Whether the first tag byte marks a constructed object.
fn is_constructed(tag: u32) -> bool {
    let first = tag.to_be_bytes().into_iter().find(|b| *b != 0).unwrap_or(0);
    first & 0x20 != 0
}

/// Decode a container's objects.
pub fn decode(bytes: &[u8]) -> Result<Vec<Tlv>, TlvError> {
    decode_at(bytes, 0, 0)
}

fn decode_at(bytes: &[u8], base: usize, depth: usize) -> Result<Vec<Tlv>, TlvError> {
    let mut out = Vec::new();
    let mut p = 0;
    while p < bytes.len() {
        let (tag, after_tag) = tag(bytes, p).ok_or(TlvError::Tag { at: base + p })?;
        let (len, after_len) =
            length(bytes, after_tag).ok_or(TlvError::Length { at: base + after_tag })?;
        let end = after_len + len;
        if end > bytes.len() {
            return Err(TlvError::Value {
                at: base + after_len,
                announced: len,
                got: bytes.len() - after_len,
            });
        }
        let value = bytes[after_len..end].to_vec();
        let children = if is_constructed(tag) && depth < MAX_DEPTH {
            decode_at(&value, base + after_len, depth + 1).unwrap_or_default()
        } else {
            Vec::new()
        };
        out.push(Tlv { tag, value, children });
        p = end;
    }
    Ok(out)
}

fn tag(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let first = *bytes.get(at)?;
    let mut tag = u32::from(first);
    let mut p = at + 1;
    if first & 0x1f == 0x1f {
        loop {
            let b = *bytes.get(p)?;
            tag = tag.checked_shl(8)? | u32::from(b);
            p += 1;
            if b & 0x80 == 0 || p - at >= 4 {
                break;
            }
        }
    }
    Some((tag, p))
}

fn length(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    match *bytes.get(at)? {
        n @ 0..=0x7f => Some((usize::from(n), at + 1)),
        0x81 => Some((usize::from(*bytes.get(at + 1)?), at + 2)),
        0x82 => {
            let hi = *bytes.get(at + 1)?;
            let lo = *bytes.get(at + 2)?;
            Some((usize::from(u16::from_be_bytes([hi, lo])), at + 3))
        }
        _ => None,
    }
}

/// Encode objects (a constructed object from its children when it has
/// any, else from its value).
pub fn encode(list: &[Tlv]) -> Vec<u8> {
    let mut out = Vec::new();
    for t in list {
        let value = if t.children.is_empty() { t.value.clone() } else { encode(&t.children) };
        let tag_bytes = t.tag.to_be_bytes();
        let skip = tag_bytes.iter().position(|b| *b != 0).unwrap_or(3);
        out.extend_from_slice(&tag_bytes[skip..]);
        let n = value.len().min(usize::from(u16::MAX));
        match n {
            0..=0x7f => out.push(n as u8),
            0x80..=0xff => out.extend_from_slice(&[0x81, n as u8]),
            _ => {
                out.push(0x82);
                out.extend_from_slice(&(n as u16).to_be_bytes());
            }
        }
        out.extend_from_slice(&value[..n]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_lengths_and_nesting() {
        // E4 { 1F40 "ab", 1F43 00 }, 1F44 52 52 35 35
        let bytes = [
            0xe4, 0x08, 0x1f, 0x40, 0x02, b'a', b'b', 0x1f, 0x43, 0x01, 0x1f, 0x44, 0x04, 0x52,
            0x52, 0x35, 0x35,
        ];
        // The inner 1F43 is cut short: E4 keeps its bytes, no children.
        let list = decode(&bytes).expect("the outer objects decode");
        assert_eq!(list.len(), 2);
        assert!(list[0].children.is_empty());
        let bytes = [
            0xe4, 0x09, 0x1f, 0x40, 0x02, b'a', b'b', 0x1f, 0x43, 0x01, 0x00, 0x1f, 0x44, 0x04,
            0x52, 0x52, 0x35, 0x35,
        ];
        let list = decode(&bytes).expect("decodes");
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].children.len(), 2);
        assert_eq!(Tlv::find(&list, 0x1f40).map(|t| t.value.as_slice()), Some(&b"ab"[..]));
        assert_eq!(Tlv::find(&list, 0x1f44).map(|t| t.value.len()), Some(4));
        assert_eq!(encode(&list), bytes);
    }

    #[test]
    fn long_lengths() {
        let t = Tlv::new(0x07, vec![b'x'; 200]);
        let bytes = encode(std::slice::from_ref(&t));
        assert_eq!(&bytes[..3], &[0x07, 0x81, 200]);
        assert_eq!(decode(&bytes), Ok(vec![t]));
        let t = Tlv::new(0x07, vec![b'x'; 300]);
        let bytes = encode(std::slice::from_ref(&t));
        assert_eq!(&bytes[..4], &[0x07, 0x82, 0x01, 0x2c]);
        assert_eq!(decode(&bytes), Ok(vec![t]));
        assert_eq!(decode(&[0x07, 0x83, 0, 0, 0]), Err(TlvError::Length { at: 1 }));
    }
}
