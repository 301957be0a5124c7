//! Prompts, through inquire: the only file that imports it. Each prompt
//! offers the walk's own moves beside the answers (back, why, don't know,
//! quit), and turns Ctrl-C and Esc into replies the walk can save on.
//!
//! inquire draws on stderr and reads the terminal, so stdout stays clean for
//! results.

use crate::mask::mask_pans;
use inquire::ui::{RenderConfig, Styled};
use inquire::validator::Validation;
use inquire::{InquireError, Select, Text};

use crate::lang::Lang;

/// What the person chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Value(T),
    Back,
    Why,
    Unknown,
    Quit,
}

/// The prompt could not go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// No terminal (`None`), or the terminal failed (its words).
    Terminal(Option<String>),
}

/// Which of the walk's moves a prompt offers.
#[derive(Debug, Clone, Copy)]
pub struct Moves {
    pub back: bool,
    pub unknown: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Answer(usize),
    Back,
    Why,
    Unknown,
    Quit,
}

pub struct Prompter {
    lang: Lang,
    render: RenderConfig<'static>,
}

impl Prompter {
    /// Colour unless `NO_COLOR` is set or stderr is not a terminal.
    pub fn new(lang: Lang, colour: bool) -> Prompter {
        let mut render =
            if colour { RenderConfig::default_colored() } else { RenderConfig::empty() };
        // inquire's own mark for Esc (`<canceled>`), in the user's language
        // and the library's style.
        render.canceled_prompt_indicator = Styled::new(lang.t("prompt-canceled"))
            .with_style_sheet(render.canceled_prompt_indicator.style);
        Prompter { lang, render }
    }

    fn moves(&self, moves: Moves) -> Vec<(Item, String)> {
        let l = self.lang;
        let mut items = Vec::new();
        if moves.unknown {
            items.push((Item::Unknown, l.t("prompt-dont-know").to_string()));
        }
        items.push((Item::Why, l.t("prompt-why-is-this-asked").to_string()));
        if moves.back {
            items.push((Item::Back, l.t("prompt-back").to_string()));
        }
        items.push((Item::Quit, quit_label(l).to_string()));
        items
    }

    /// A select list of `options` followed by the walk's moves.
    pub fn choose(
        &self,
        message: &str,
        options: &[String],
        moves: Moves,
    ) -> Result<Reply<usize>, Stop> {
        // Texts from rule files are shown masked, as everything posdiag shows.
        let message = &*mask_pans(message);
        let mut items: Vec<(Item, String)> = options
            .iter()
            .enumerate()
            .map(|(i, o)| (Item::Answer(i), mask_pans(o).into_owned()))
            .collect();
        items.extend(self.moves(moves));
        let labels: Vec<String> = items.iter().map(|(_, l)| l.clone()).collect();
        let help = self.lang.t("prompt-to-move-enter-to-choose");
        let chosen = Select::new(message, labels.clone())
            .with_help_message(help)
            .with_page_size(12)
            .with_render_config(self.render)
            .without_filtering()
            .prompt();
        match chosen {
            Ok(label) => {
                let item = items.iter().find(|(_, l)| *l == label).map(|(i, _)| i.clone());
                Ok(match item {
                    Some(Item::Answer(i)) => Reply::Value(i),
                    Some(Item::Back) => Reply::Back,
                    Some(Item::Why) => Reply::Why,
                    Some(Item::Unknown) => Reply::Unknown,
                    Some(Item::Quit) | None => Reply::Quit,
                })
            }
            Err(e) => stop(e),
        }
    }

    /// Free text, checked by `validate` with a re-prompt on error. Typing `?`
    /// asks why, `<` goes back, `-` is "don't know".
    pub fn text(
        &self,
        message: &str,
        hint: Option<&str>,
        validate: &dyn Fn(&str) -> Result<(), String>,
        moves: Moves,
    ) -> Result<Reply<String>, Stop> {
        let l = self.lang;
        let message = &*mask_pans(message);
        let hint = hint.map(mask_pans);
        let mut help = String::new();
        if let Some(h) = hint.as_deref() {
            help.push_str(h);
            help.push_str(" · ");
        }
        help.push_str(l.t("prompt-key-why"));
        if moves.back {
            help.push_str(l.t("prompt-key-back"));
        }
        if moves.unknown {
            help.push_str(l.t("prompt-key-dont-know"));
        }
        help.push_str(l.t("prompt-esc-to-quit"));
        let is_move = |s: &str| matches!(s.trim(), "?" | "<" | "-");
        let validator = move |input: &str| {
            if is_move(input) {
                return Ok(Validation::Valid);
            }
            Ok(match validate(input) {
                Ok(()) => Validation::Valid,
                Err(msg) => Validation::Invalid(mask_pans(&msg).into_owned().into()),
            })
        };
        // The answer stays on the screen as the prompt's last line: masked,
        // as everything posdiag shows.
        let shown = |s: &str| mask_pans(s).into_owned();
        let answer = Text::new(message)
            .with_formatter(&shown)
            .with_help_message(&help)
            .with_render_config(self.render)
            .with_validator(validator)
            .prompt();
        match answer {
            Ok(s) => Ok(match s.trim() {
                "?" => Reply::Why,
                "<" if moves.back => Reply::Back,
                "-" if moves.unknown => Reply::Unknown,
                "<" | "-" => Reply::Why,
                other => Reply::Value(other.to_string()),
            }),
            Err(e) => stop(e),
        }
    }

    /// "Did this fix it?": yes, no, back, quit.
    pub fn fixed(&self, moves: Moves) -> Result<Reply<bool>, Stop> {
        let l = self.lang;
        let options =
            [l.t("prompt-yes-it-is-fixed").to_string(), l.t("prompt-no-not-yet").to_string()];
        let mut items: Vec<(Item, String)> =
            options.iter().enumerate().map(|(i, o)| (Item::Answer(i), o.clone())).collect();
        if moves.back {
            items.push((Item::Back, l.t("prompt-back").to_string()));
        }
        items.push((Item::Quit, quit_label(l).to_string()));
        let labels: Vec<String> = items.iter().map(|(_, l)| l.clone()).collect();
        let chosen = Select::new(l.t("prompt-did-this-fix-it"), labels)
            .with_help_message(l.t("prompt-to-move-enter-to-choose"))
            .with_render_config(self.render)
            .without_filtering()
            .prompt();
        match chosen {
            Ok(label) => {
                Ok(match items.iter().find(|(_, x)| *x == label).map(|(i, _)| i.clone()) {
                    Some(Item::Answer(0)) => Reply::Value(true),
                    Some(Item::Answer(_)) => Reply::Value(false),
                    Some(Item::Back) => Reply::Back,
                    _ => Reply::Quit,
                })
            }
            Err(e) => stop(e),
        }
    }

    /// "Continue the saved session?" when one is found. Esc keeps it and
    /// quits: starting afresh is an explicit choice.
    pub fn resume_saved(&self, when: &str) -> Result<Resume, Stop> {
        let l = self.lang;
        let cont = l.t_args("prompt-continue-saved", &[("when", when.into())]);
        let fresh = l.t("prompt-start-afresh").to_string();
        let chosen =
            Select::new(l.t("prompt-an-unfinished-diagnosis-was-found"), vec![cont.clone(), fresh])
                .with_help_message(l.t("prompt-resume-help"))
                .with_render_config(self.render)
                .without_filtering()
                .prompt();
        match chosen {
            Ok(label) if label == cont => Ok(Resume::Continue),
            Ok(_) => Ok(Resume::Afresh),
            Err(InquireError::OperationCanceled) => Ok(Resume::Keep),
            Err(e) => stop::<()>(e).map(|_| Resume::Keep),
        }
    }
}

/// The answer to the resume offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    Continue,
    /// Start a new walk; the old session is kept aside.
    Afresh,
    /// Esc: leave the saved session as it is and quit.
    Keep,
}

fn stop<T>(e: InquireError) -> Result<Reply<T>, Stop> {
    match e {
        InquireError::OperationInterrupted => Err(Stop::Interrupted),
        InquireError::OperationCanceled => Ok(Reply::Quit),
        InquireError::NotTTY => Err(Stop::Terminal(None)),
        other => Err(Stop::Terminal(Some(other.to_string()))),
    }
}

/// The quit entry: it promises a resume only when the session is saved (a
/// state folder that cannot be written leaves it unsaved).
fn quit_label(l: Lang) -> &'static str {
    if crate::session::saved() {
        l.t("prompt-quit-saved-resume-later")
    } else {
        l.t("prompt-quit-not-saved")
    }
}
