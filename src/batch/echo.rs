//! A batch line's JSON as read and echoed: the `id` as written (a number
//! keeps its digits), card numbers masked wherever they sit, keys included;
//! and maps that say no key twice.

use std::collections::BTreeMap;

use serde::Deserializer;
use serde_json::value::RawValue;

use crate::mask::mask_pans;

/// The `id` echoed back as written, with card numbers masked wherever
/// they sit (a masked number becomes text).
pub(super) fn echo_id(raw: &RawValue) -> Box<RawValue> {
    let text = raw.get();
    let echoed = if text.starts_with(['{', '[', '"']) {
        serde_json::from_str(text).map(mask_value).and_then(|v| serde_json::to_string(&v))
    } else {
        match mask_pans(text) {
            std::borrow::Cow::Borrowed(_) => return raw.to_owned(),
            std::borrow::Cow::Owned(m) => serde_json::to_string(&m),
        }
    };
    echoed
        .and_then(RawValue::from_string)
        .unwrap_or_else(|_| RawValue::from_string("null".into()).unwrap_or_else(|_| raw.to_owned()))
}

/// A map of a line that says no key twice (as a line says `id` only once).
pub(crate) fn unique_keys<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, serde_json::Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of names and values")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format_args!("duplicate key `{k}`")));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

/// The `id` echoed back, with card numbers masked wherever they sit.
fn mask_value(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(mask_pans(&s).into_owned()),
        Value::Number(n) => match mask_pans(&n.to_string()) {
            std::borrow::Cow::Borrowed(_) => Value::Number(n),
            std::borrow::Cow::Owned(m) => Value::String(m),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(mask_value).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter().map(|(k, v)| (mask_pans(&k).into_owned(), mask_value(v))).collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_masked_keys_too() {
        let v = mask_value(serde_json::json!({
            "pan": "4111111111111111", "n": 4111111111111111u64, "4111111111111111": 1
        }));
        let text = v.to_string();
        assert!(!text.contains("4111111111111111"), "{text}");
        assert!(text.contains("411111******1111"), "{text}");
    }

    #[test]
    fn a_number_is_echoed_as_written() {
        let raw = |s: &str| RawValue::from_string(s.to_string()).unwrap();
        assert_eq!(echo_id(&raw("12.50")).get(), "12.50");
        assert_eq!(echo_id(&raw("1e400")).get(), "1e400");
        assert_eq!(echo_id(&raw("4111111111111111")).get(), "\"411111******1111\"");
        assert_eq!(echo_id(&raw(r#""a""#)).get(), r#""a""#);
    }
}
