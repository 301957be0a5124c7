//! `when` conditions, compiled: how a fact's value or a typed value selects
//! an answer. Text compares case-insensitively and trimmed; numbers are
//! parsed only where a range asks for one.

use regex::Regex;

use super::model;

#[derive(Debug, Clone)]
pub enum Condition {
    Equals(String),
    OneOf(Vec<String>),
    Range { min: Option<f64>, max: Option<f64> },
    Matches(Pattern),
    Any,
}

/// Why a `when` cannot be compiled; the checker reports it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    #[error("`when` needs exactly one of `equals`, `in`, `min`/`max`, `matches`, `any`")]
    NotExactlyOne,
    #[error("`min` is greater than `max`")]
    EmptyRange,
    #[error("`in` lists no values")]
    EmptySet,
    #[error("`any` must be `true` when given")]
    AnyFalse,
    #[error("`matches` is not a valid regular expression: {0}")]
    Regex(String),
}

impl Condition {
    pub fn compile(def: &model::Condition) -> Result<Condition, ConditionError> {
        let given = [
            def.equals.is_some(),
            def.one_of.is_some(),
            def.min.is_some() || def.max.is_some(),
            def.matches.is_some(),
            def.any,
        ]
        .iter()
        .filter(|&&b| b)
        .count();
        if given != 1 {
            return Err(ConditionError::NotExactlyOne);
        }
        if let Some(v) = &def.equals {
            return Ok(Condition::Equals(norm(v)));
        }
        if let Some(vs) = &def.one_of {
            if vs.is_empty() {
                return Err(ConditionError::EmptySet);
            }
            return Ok(Condition::OneOf(vs.iter().map(|v| norm(v)).collect()));
        }
        if let Some(re) = &def.matches {
            return compile_regex(re).map(Condition::Matches);
        }
        if def.any {
            return Ok(Condition::Any);
        }
        if let (Some(lo), Some(hi)) = (def.min, def.max)
            && lo > hi
        {
            return Err(ConditionError::EmptyRange);
        }
        Ok(Condition::Range { min: def.min, max: def.max })
    }

    /// Whether `value` satisfies the condition.
    pub fn matches(&self, value: &str) -> bool {
        match self {
            Condition::Equals(v) => norm(value) == *v,
            Condition::OneOf(vs) => vs.contains(&norm(value)),
            Condition::Range { min, max } => value
                .trim()
                .parse::<f64>()
                .is_ok_and(|n| min.is_none_or(|lo| n >= lo) && max.is_none_or(|hi| n <= hi)),
            Condition::Matches(re) => re.is_match(value.trim()),
            Condition::Any => true,
        }
    }

    /// A short description for explanations: `= out`, `in 0..9`.
    pub fn describe(&self) -> String {
        match self {
            Condition::Equals(v) => format!("= {v}"),
            Condition::OneOf(vs) => format!("one of {}", vs.join(", ")),
            Condition::Range { min, max } => match (min, max) {
                (Some(lo), Some(hi)) => format!("{lo} to {hi}"),
                (Some(lo), None) => format!("≥ {lo}"),
                (None, Some(hi)) => format!("≤ {hi}"),
                (None, None) => "any number".into(),
            },
            Condition::Matches(re) => format!("matches /{}/", re.source()),
            Condition::Any => "anything else".into(),
        }
    }
}

/// A whole-value regular expression (anchored at both ends).
pub fn compile_regex(re: &str) -> Result<Pattern, ConditionError> {
    let regex = Regex::new(&format!("^(?:{re})$")).map_err(|e| {
        ConditionError::Regex(e.to_string().lines().last().unwrap_or_default().trim().into())
    })?;
    Ok(Pattern { source: re.to_string(), regex })
}

/// A regular expression that must match a whole value, with the text the
/// rules wrote (what messages show: `(a)$` stays `(a)$`).
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    regex: Regex,
}

impl Pattern {
    /// The pattern as the rules wrote it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `value` matches.
    pub fn is_match(&self, value: &str) -> bool {
        self.regex.is_match(value)
    }
}

fn norm(v: &str) -> String {
    v.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(def: model::Condition) -> Condition {
        Condition::compile(&def).unwrap()
    }

    #[test]
    fn a_pattern_keeps_its_source_text() {
        for source in ["(a)$", "[0-9]{2}", "^x|y$", "a)|(b"] {
            match compile_regex(source) {
                Ok(p) => assert_eq!(p.source(), source),
                Err(e) => assert!(source == "a)|(b", "{source}: {e}"),
            }
        }
        let p = compile_regex("(a)$").unwrap();
        assert!(p.is_match("a") && !p.is_match("ba"));
    }

    #[test]
    fn equals_ignores_case_and_space() {
        let c = cond(model::Condition { equals: Some("READY".into()), ..Default::default() });
        assert!(c.matches(" ready "));
        assert!(!c.matches("sim pin"));
    }

    #[test]
    fn range_is_inclusive_and_numeric() {
        let c = cond(model::Condition { min: Some(0.0), max: Some(9.0), ..Default::default() });
        assert!(c.matches("0") && c.matches("9") && c.matches("4.5"));
        assert!(!c.matches("10") && !c.matches("weak"));
    }

    #[test]
    fn regex_is_anchored() {
        let c =
            cond(model::Condition { matches: Some("[0-9A-Z]{2}".into()), ..Default::default() });
        assert!(c.matches("A0"));
        assert!(!c.matches("A0B"));
    }

    #[test]
    fn errors() {
        let two = model::Condition { equals: Some("a".into()), any: true, ..Default::default() };
        assert_eq!(Condition::compile(&two).unwrap_err(), ConditionError::NotExactlyOne);
        let none = model::Condition::default();
        assert_eq!(Condition::compile(&none).unwrap_err(), ConditionError::NotExactlyOne);
        let empty = model::Condition { min: Some(5.0), max: Some(1.0), ..Default::default() };
        assert_eq!(Condition::compile(&empty).unwrap_err(), ConditionError::EmptyRange);
        let bad = model::Condition { matches: Some("(".into()), ..Default::default() };
        assert!(matches!(Condition::compile(&bad).unwrap_err(), ConditionError::Regex(_)));
    }
}
