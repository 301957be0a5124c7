//! "did you mean `x`?": the closest of the names a file or a command line
//! could have meant, for problems and errors about a name that is not there
//! (a node id, a code, a tree, an answer value).

/// "did you mean `x`?" for the closest of `candidates`, if any is close.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    // Something this long is no typo of an id; comparing it would only
    // cost time (a 100 kB `--start` took seconds).
    if wrong.len() > 256 {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(wrong, candidate);
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}
