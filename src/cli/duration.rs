//! Durations on the command line as people write them (`posdiag serve
//! --session-ttl 24h`).

/// A duration as people write it (`30m`, `24h`, `1h 30m`; jiff's friendly
/// format, or ISO 8601 `PT24H`).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let d: jiff::SignedDuration = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a duration; write it like `30m` or `24h`"))?;
    std::time::Duration::try_from(d).map_err(|_| format!("`{text}` is negative"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_as_people_write_them() {
        let secs = |t: &str| super::parse_duration(t).map(|d| d.as_secs());
        assert_eq!(secs("24h"), Ok(86_400));
        assert_eq!(secs("30m"), Ok(1_800));
        assert_eq!(secs("1s"), Ok(1));
        assert_eq!(secs("1h 30m"), Ok(5_400));
        assert!(secs("soon").is_err());
        assert!(secs("-5m").is_err());
    }
}
