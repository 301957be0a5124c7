//! What the fuzz targets share: cutting the input into the pieces a serial
//! port might hand over.

/// `bytes` cut as `chunking` says: 0 keeps them in one piece; otherwise
/// chunks of `chunking & 15` and `chunking >> 4` bytes in turn (a 0 counting
/// as 1).
pub fn pieces(bytes: &[u8], chunking: u8) -> Vec<&[u8]> {
    if chunking == 0 || bytes.is_empty() {
        return vec![bytes];
    }
    let sizes = [usize::from(chunking & 15).max(1), usize::from(chunking >> 4).max(1)];
    let mut out = Vec::new();
    let mut rest = bytes;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (head, tail) = rest.split_at((*size).min(rest.len()));
        out.push(head);
        rest = tail;
    }
    out
}
