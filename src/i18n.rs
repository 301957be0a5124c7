//! The message catalogue: every text a user reads, in Chinese and English,
//! looked up by message id (`lang.t("prompt-back")`, or [`Lang::t_args`]
//! for a message with variables).
//!
//! The catalogues are Fluent files (`i18n/zh.ftl`, `i18n/en.ftl`) embedded
//! in the binary and read with `fluent-bundle`, the reference Rust
//! implementation of Project Fluent kept by the Fluent project itself. Fluent
//! was chosen over key–value schemes (`rust-i18n`, gettext) because a
//! message carries its own grammar — plural and select variants per
//! language (`emv-bits-set`) — so call sites pass values, not sentence
//! pieces. Bidi isolation marks are off: posdiag writes to terminals, and the
//! marks would change its output byte for byte.
//!
//! A message without variables is formatted once, on first use, and handed
//! out as `&'static str`, so it fits where an inline pair used to be. An id
//! that is missing (a catalogue bug; the tests check both files hold the
//! same ids and every id the source uses) comes back as the id itself,
//! never a panic.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::lang::Lang;

/// The Chinese catalogue, as shipped.
pub const ZH: &str = include_str!("../i18n/zh.ftl");
/// The English catalogue, as shipped.
pub const EN: &str = include_str!("../i18n/en.ftl");

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted without arguments, by id.
    plain: HashMap<String, String>,
}

static ZH_CAT: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::load("zh", ZH));
static EN_CAT: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::load("en", EN));

impl Catalogue {
    fn load(tag: &str, source: &str) -> Catalogue {
        // A syntax error keeps the entries that did parse (`parse_errors`
        // is what the tests check); nothing here panics.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        let lang = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        bundle.set_use_isolating(false);
        let ids: Vec<String> = message_ids(&resource);
        let _ = bundle.add_resource(resource);
        let mut plain = HashMap::new();
        for id in ids {
            if let Some(text) = format(&bundle, &id, None) {
                plain.insert(id, text);
            }
        }
        Catalogue { bundle, plain }
    }
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Zh => &ZH_CAT,
        Lang::En => &EN_CAT,
    }
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, args, &mut errors).into_owned())
}

fn message_ids(resource: &FluentResource) -> Vec<String> {
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The message `id` in `lang`, without variables.
pub fn text(lang: Lang, id: &'static str) -> &'static str {
    catalogue(lang).plain.get(id).map_or(id, String::as_str)
}

/// The message `id` in `lang` with its variables (`("count", 3)`).
pub fn text_args(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        let value = match value {
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Str(s) => FluentValue::from(s.clone()),
        };
        fluent.set(*name, value);
    }
    format(&catalogue(lang).bundle, id, Some(&fluent)).unwrap_or_else(|| id.to_string())
}

/// A value for a message's variable.
#[derive(Debug, Clone)]
pub enum Arg {
    Num(f64),
    Str(String),
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Num(n as f64)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

/// The ids a catalogue defines, and its syntax errors (for the tests).
pub fn ids_and_errors(source: &str) -> (Vec<String>, usize) {
    match FluentResource::try_new(source.to_string()) {
        Ok(r) => (message_ids(&r), 0),
        Err((r, errors)) => (message_ids(&r), errors.len()),
    }
}

impl Lang {
    /// The catalogue's message `id` in this language: `lang.t("prompt-back")`.
    pub fn t(self, id: &'static str) -> &'static str {
        text(self, id)
    }

    /// The catalogue's message `id` with its variables:
    /// `lang.t_args("emv-bits-set", &[("count", n.into())])`.
    pub fn t_args(self, id: &str, args: &[(&str, Arg)]) -> String {
        text_args(self, id, args)
    }
}
