//! Words for who acts and who answered, in the chosen language: shared by
//! every renderer.

use crate::engine::Source;
use crate::lang::Lang;
use crate::rules::model::Actor;

/// Name of an actor in the chosen language.
pub fn actor_name(actor: Actor, lang: Lang) -> &'static str {
    match actor {
        Actor::Merchant => lang.pick("商户", "merchant"),
        Actor::Cardholder => lang.pick("持卡人", "cardholder"),
        Actor::Technician => lang.pick("维修技术员", "technician"),
        Actor::Acquirer => lang.pick("收单机构/POS服务商", "acquirer / POS provider"),
        Actor::Issuer => lang.pick("发卡银行", "card issuer"),
    }
}

/// Where an answer came from, in the chosen language.
pub fn source_name(source: Source, lang: Lang) -> &'static str {
    match source {
        Source::AnswersFile => lang.pick("答案文件", "answers file"),
        Source::CommandLine => lang.pick("命令行", "command line"),
        Source::Interactive => lang.pick("您的回答", "you"),
        Source::Probe => lang.pick("终端探测", "probe"),
        Source::Fact => lang.pick("已知事实", "fact"),
        Source::Earlier => lang.pick("前面已回答过", "answered earlier"),
    }
}
