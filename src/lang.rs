//! The two languages posdiag speaks, and how the default is chosen: `--lang`
//! wins, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, or the system's),
//! Chinese for any `zh*` locale and English otherwise.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language the user's locale asks for.
    pub fn from_locale() -> Lang {
        match locale_env() {
            Some(value) if Lang::from_tag(&value) == Lang::Zh && !is_utf8(&value) => Lang::En,
            Some(value) => Lang::from_tag(&value),
            None => sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_tag(&l)),
        }
    }

    /// Why [`Lang::from_locale`] chose English for a Chinese locale: its
    /// codeset is not UTF-8 (`zh_TW.Big5`, `zh_CN.GB18030`), and posdiag
    /// writes UTF-8 only, so Chinese would be garbled.
    pub fn locale_warning() -> Option<String> {
        let value = locale_env()?;
        (Lang::from_tag(&value) == Lang::Zh && !is_utf8(&value)).then(|| {
            format!(
                "locale `{value}` is not UTF-8, and posdiag writes UTF-8 only, so it speaks \
                 English here; for Chinese use a UTF-8 locale (LANG=zh_CN.UTF-8) or --lang zh"
            )
        })
    }

    /// `zh_CN.UTF-8`, `zh-Hans`, `zh` → Chinese; anything else → English.
    /// (A locale whose codeset is not UTF-8, `zh_TW.Big5`, is English in
    /// [`Lang::from_locale`].)
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A text in both languages, complete (the checker guarantees both).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Localized {
        Localized { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The locale the environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`).
fn locale_env() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
}

/// Whether a locale's codeset (`zh_CN.UTF-8@euro` → `UTF-8`) is UTF-8;
/// a locale that names none is taken to be.
fn is_utf8(locale: &str) -> bool {
    match locale.split_once('.') {
        None => true,
        Some((_, rest)) => {
            let codeset = rest.split('@').next().unwrap_or_default().to_ascii_lowercase();
            codeset == "utf-8" || codeset == "utf8"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-Hant-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_tag("C"), Lang::En);
    }
}
