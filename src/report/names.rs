//! Words for who acts and who answered, and for what a code is about, in
//! the chosen language: shared by every renderer.

use crate::codes::{Category, Class};
use crate::engine::Source;
use crate::lang::Lang;
use crate::rules::model::Actor;

/// Name of an actor in the chosen language.
pub fn actor_name(actor: Actor, lang: Lang) -> &'static str {
    match actor {
        Actor::Merchant => lang.t("names-merchant"),
        Actor::Cardholder => lang.t("names-cardholder"),
        Actor::Technician => lang.t("names-technician"),
        Actor::Acquirer => lang.t("names-acquirer-pos-provider"),
        Actor::Issuer => lang.t("names-card-issuer"),
    }
}

/// Where an answer came from, in the chosen language.
pub fn source_name(source: Source, lang: Lang) -> &'static str {
    match source {
        Source::AnswersFile => lang.t("names-answers-file"),
        Source::CommandLine => lang.t("names-command-line"),
        Source::Interactive => lang.t("names-you"),
        Source::Probe => lang.t("names-probe"),
        Source::Fact => lang.t("names-fact"),
        Source::Earlier => lang.t("names-answered-earlier"),
    }
}

/// Name of a code's category in the chosen language.
pub fn category_name(category: Category, lang: Lang) -> &'static str {
    match category {
        Category::Card => lang.t("category-card"),
        Category::Account => lang.t("category-account"),
        Category::Operation => lang.t("category-operation"),
        Category::Keys => lang.t("category-keys-security"),
        Category::Network => lang.t("category-network"),
        Category::BankSystem => lang.t("category-bank-system"),
        Category::Terminal => lang.t("category-terminal"),
        Category::Success => lang.t("category-success"),
        Category::CardReader => lang.t("category-card-reader"),
        Category::Emv => lang.t("category-emv-chip-processing"),
        Category::Printer => lang.t("category-printer"),
        Category::Modem => lang.t("category-modem-sim"),
    }
}

/// What a UnionPay action class tells the terminal to do.
pub fn class_meaning(class: Class, lang: Lang) -> &'static str {
    match class {
        Class::A => lang.t("class-a-success"),
        Class::B => lang.t("class-b-retry-allowed"),
        Class::C => lang.t("class-c-do-not-retry"),
        Class::D => lang.t("class-d-operator-acts"),
        Class::E => lang.t("class-e-system-fault"),
    }
}
