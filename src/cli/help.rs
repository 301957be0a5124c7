//! The command line as clap shows it, in the user's language. English is
//! clap's own, from the derive's doc comments. For Chinese, the built
//! command is reworded from the catalogue (`help-*` in `i18n/*.ftl`): each
//! command's about, each argument's help, the headings (用法, 命令, 参数,
//! 选项), `-h`/`-V`, and the default, environment and possible values that
//! clap would append in English. (`posdiag man` and the completion scripts
//! stay English: they are built from the English command.)

use clap::{Arg, Command, CommandFactory as _};

use super::arguments::Arguments;
use crate::i18n::text_args;
use crate::lang::Lang;

/// The whole command line, worded for `lang`.
pub fn command(lang: Lang) -> Command {
    let mut command = Arguments::command();
    if lang == Lang::En {
        return command;
    }
    // Build first, so that the help flag, the version flag and the `help`
    // command exist and can be reworded too.
    command.build();
    let command = reword(command, lang, "");
    let after = text_args(lang, "help-after-posdiag", &[]);
    let long = text_args(lang, "help-long-about-posdiag", &[]);
    command.after_help(after).long_about(long)
}

/// The catalogue's text for `id`, if it has one.
fn lookup(lang: Lang, id: &str) -> Option<String> {
    let text = text_args(lang, id, &[]);
    (text != id).then_some(text)
}

/// One command and, below it, its subcommands. `parent` is the name of the
/// command above (empty at the top).
fn reword(command: Command, lang: Lang, parent: &str) -> Command {
    let name = command.get_name().to_string();
    let id = if parent.is_empty() { "posdiag".to_string() } else { name.clone() };
    let mut command = command
        .help_template(text_args(lang, "help-template", &[]))
        .subcommand_help_heading(lang.t("help-heading-commands"))
        .mut_args(|arg| reword_arg(arg, lang, &id));
    if let Some(about) = lookup(lang, &format!("help-about-{id}")) {
        command = command.about(about.clone()).long_about(about);
    }
    command.mut_subcommands(|sub| reword(sub, lang, &name))
}

fn reword_arg(arg: Arg, lang: Lang, command: &str) -> Arg {
    let id = arg.get_id().as_str().replace('-', "_");
    let help = lookup(lang, &format!("help-arg-{command}-{id}"))
        .or_else(|| lookup(lang, &format!("help-arg-{id}")));
    let heading: &'static str =
        if arg.is_positional() { "help-heading-arguments" } else { "help-heading-options" };
    let mut extra = Vec::new();
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() && arg.get_action().takes_values() {
        extra.push(format!("{}: {}", text_args(lang, "help-default", &[]), defaults.join(", ")));
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        extra.push(format!("{}: {}", text_args(lang, "help-env", &[]), env.to_string_lossy()));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() && arg.get_action().takes_values() {
        extra.push(format!("{}: {}", text_args(lang, "help-values", &[]), values.join(", ")));
    }
    let arg = arg
        .help_heading(lang.t(heading))
        .hide_default_value(true)
        .hide_env(true)
        .hide_possible_values(true);
    let Some(help) = help else { return arg };
    let help = extra.iter().fold(help, |text, e| format!("{text} [{e}]"));
    arg.help(help.clone()).long_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Chinese words in the catalogue.
    #[test]
    fn every_command_and_argument_is_worded_in_chinese() {
        fn walk(command: &Command, parent: &str, missing: &mut Vec<String>) {
            let id = if parent.is_empty() { "posdiag" } else { command.get_name() };
            if lookup(Lang::Zh, &format!("help-about-{id}")).is_none() {
                missing.push(format!("help-about-{id}"));
            }
            for arg in command.get_arguments() {
                let a = arg.get_id().as_str().replace('-', "_");
                if lookup(Lang::Zh, &format!("help-arg-{id}-{a}")).is_none()
                    && lookup(Lang::Zh, &format!("help-arg-{a}")).is_none()
                {
                    missing.push(format!("help-arg-{a} ({id})"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, command.get_name(), missing);
            }
        }
        let mut built = Arguments::command();
        built.build();
        let mut missing = Vec::new();
        walk(&built, "", &mut missing);
        assert!(missing.is_empty(), "not in i18n/zh.ftl: {missing:?}");
    }

    /// The English catalogue's help is clap's own (the doc comments), word
    /// for word, so the two cannot drift apart.
    #[test]
    fn the_english_catalogue_is_the_doc_comments() {
        fn walk(command: &Command, parent: &str, wrong: &mut Vec<String>) {
            let id = if parent.is_empty() { "posdiag" } else { command.get_name() };
            let about = command.get_about().map(ToString::to_string).unwrap_or_default();
            if lookup(Lang::En, &format!("help-about-{id}")).as_deref() != Some(about.as_str()) {
                wrong.push(format!("help-about-{id}: {about:?}"));
            }
            for arg in command.get_arguments() {
                let a = arg.get_id().as_str().replace('-', "_");
                let text = lookup(Lang::En, &format!("help-arg-{id}-{a}"))
                    .or_else(|| lookup(Lang::En, &format!("help-arg-{a}")));
                let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
                // clap's own `-h` says `Print help (see more with '--help')`
                // where a long help exists.
                let clap_help = a == "help" && help.starts_with("Print help");
                if text.as_deref() != Some(help.as_str()) && !clap_help {
                    wrong.push(format!("help-arg-{a} ({id}): {help:?}"));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, command.get_name(), wrong);
            }
        }
        let mut built = Arguments::command();
        built.build();
        let mut wrong = Vec::new();
        walk(&built, "", &mut wrong);
        let long = built.get_long_about().map(ToString::to_string);
        if lookup(Lang::En, "help-long-about-posdiag") != long {
            wrong.push(format!("help-long-about-posdiag: {long:?}"));
        }
        let after = built.get_after_help().map(ToString::to_string);
        if lookup(Lang::En, "help-after-posdiag") != after {
            wrong.push(format!("help-after-posdiag: {after:?}"));
        }
        assert!(wrong.is_empty(), "i18n/en.ftl differs from the doc comments: {wrong:#?}");
    }
}
