//! A value with the place it was written (line and column of its file), for
//! problems that point at `file:line:column`.
//!
//! From YAML the place comes from serde-saphyr's own `Spanned`. The build
//! also stores the embedded rule files pre-parsed in a compact binary form
//! (see `build.rs`), where the place travels beside the value: a
//! non-human-readable format gets `(value, line, column)`. So problems in
//! the embedded rules point at the same lines either way.
//!
//! A JSON rule file is first read without places, as fast as serde_json
//! goes ([`without_places`]: every place is 0, "unknown"); only when the
//! checker finds a problem is it read again for them (see posdiag's `source::json`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub column: u32,
}

impl<T> Spanned<T> {
    /// `value` at the place of `other`.
    pub fn at<U>(value: T, other: &Spanned<U>) -> Spanned<T> {
        Spanned { value, line: other.line, column: other.column }
    }
}

thread_local! {
    static WITHOUT_PLACES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, in which human-readable input is deserialised without places:
/// for a format other than YAML (JSON), which has no place to give.
pub fn without_places<R>(f: impl FnOnce() -> R) -> R {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            WITHOUT_PLACES.with(|w| w.set(self.0));
        }
    }
    let _reset = Reset(WITHOUT_PLACES.with(|w| w.replace(true)));
    f()
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() && WITHOUT_PLACES.with(std::cell::Cell::get) {
            Ok(Spanned { value: T::deserialize(d)?, line: 0, column: 0 })
        } else if d.is_human_readable() {
            let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
            Ok(Spanned {
                value: s.value,
                line: u32::try_from(s.referenced.line()).unwrap_or(u32::MAX),
                column: u32::try_from(s.referenced.column()).unwrap_or(u32::MAX),
            })
        } else {
            let (value, line, column) = <(T, u32, u32)>::deserialize(d)?;
            Ok(Spanned { value, line, column })
        }
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            self.value.serialize(s)
        } else {
            (&self.value, self.line, self.column).serialize(s)
        }
    }
}
