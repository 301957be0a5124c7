//! Words for who acts and who answered, in the chosen language: shared by
//! every renderer.

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
