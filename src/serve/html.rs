//! The phone page as HTML (maud: every value escaped). Server-rendered
//! with plain forms: each button is a POST that redirects back to the
//! session's page, so it works with no script on any browser. Every word
//! comes from the message catalogue or the rules.

use maud::{DOCTYPE, Markup, html};

use super::sessions::SessionOut;
use crate::lang::Lang;
use crate::report::{
    CodeOut, Diagnosis, Handoff, Pending, Status, actor_name, assumed_note, path_line, render_code,
    source_name,
};

/// What every page needs besides its content.
pub struct Frame<'a> {
    pub lang: Lang,
    /// The CSRF token for the page's forms.
    pub token: &'a str,
    /// This page's path, for the language switch to come back to.
    pub here: &'a str,
}

impl Frame<'_> {
    /// The whole page around `content`.
    pub fn page(&self, title: &str, content: Markup) -> String {
        let lang = self.lang;
        let other = match lang {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        let markup = html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · posdiag" }
                    link rel="stylesheet" href="/static/style.css";
                }
                body {
                    header {
                        a.brand href="/" { (lang.t("serve-brand")) }
                        a.lang href={ "/lang/" (other.code()) "?to=" (self.here) } hreflang=(other.code()) {
                            (lang.t("serve-other-language"))
                        }
                    }
                    main { (content) }
                }
            }
        };
        crate::mask::mask_pans(&markup.into_string()).into_owned()
    }

    /// The hidden CSRF field of every form.
    fn csrf(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(self.token); }
    }

    /// A form of one button posting to `action`.
    fn button(&self, action: &str, class: &str, label: &str, node: Option<&str>) -> Markup {
        html! {
            form method="post" action=(action) {
                (self.csrf())
                @if let Some(node) = node { input type="hidden" name="node" value=(node); }
                button class=(class) type="submit" { (label) }
            }
        }
    }

    /// The start page: start a walk, or look a code up.
    pub fn home(&self, trees: &[String]) -> String {
        let lang = self.lang;
        let content = html! {
            h1 { (lang.t("serve-title")) }
            p { (lang.t("serve-intro")) }
            (self.button("/start", "big", lang.t("serve-start"), None))
            form.code method="get" action="/code" {
                label for="code" { (lang.t("serve-code-label")) }
                input #code type="text" name="code" maxlength="64" autocomplete="off" required;
                button.secondary type="submit" { (lang.t("serve-code-go")) }
            }
            details.helpdesk {
                summary { (lang.t("serve-graphs")) }
                ul { @for t in trees { li { a href={ "/graph/" (t) ".svg" } { (t) } } } }
            }
        };
        self.page(lang.t("serve-title"), content)
    }

    /// A session's page: the question, the conclusion, or the end.
    pub fn session(&self, s: &SessionOut) -> String {
        let lang = self.lang;
        let d = &s.diagnosis;
        let base = format!("/s/{}", s.id);
        let (title, body) = if s.finished {
            let title = lang.t("interactive-good-diagnosis-finished");
            (title, html! { h1 { (title) } (self.new_walk()) })
        } else {
            match (&d.status, &d.pending, &d.conclusion) {
                (Status::NeedsInput, Some(p), _) => (p.text.as_str(), self.question(&base, p)),
                (Status::Concluded, _, Some(c)) => (c.title.as_str(), self.conclusion(&base, d)),
                _ => {
                    let title = lang.t("serve-nothing-left");
                    let body = html! {
                        h1 { (title) }
                        @if let Some(h) = &d.handoff { (handoff(h, lang, &base)) }
                        (self.new_walk())
                    };
                    (title, body)
                }
            }
        };
        let content = html! {
            @if let Some(code) = &d.code { (code_block(code, lang)) }
            (body)
            @if s.can_go_back && !s.finished {
                (self.button(&format!("{base}/back"), "secondary", lang.t("serve-back"), None))
            }
            (path(d, lang))
        };
        self.page(title, content)
    }

    fn question(&self, base: &str, p: &Pending) -> Markup {
        let lang = self.lang;
        let order: Vec<(usize, bool)> = if p.order.is_empty() {
            (0..p.choices.len()).map(|i| (i, false)).collect()
        } else {
            p.order.iter().map(|r| (r.index, r.found)).collect()
        };
        html! {
            h1 { (p.text) }
            @if let Some(m) = p.expected_minutes {
                p.effort { (lang.t_args("interactive-expected-effort", &[("minutes", format!("{m:.0}").into())])) }
            }
            form.answers method="post" action={ (base) "/answer" } {
                (self.csrf())
                input type="hidden" name="node" value=(p.node);
                @if let Some(input) = &p.input {
                    @if let Some(hint) = &input.hint { label for="value" { (hint) } }
                    input #value type="text" name="value" maxlength="200" autocomplete="off" required;
                    button.big type="submit" { (lang.t("serve-send")) }
                } @else {
                    @for (i, found) in &order {
                        @if let Some(c) = p.choices.get(*i) {
                            button.choice type="submit" name="value" value=(c.value) {
                                @if *found {
                                    (lang.t_args("interactive-probe-found", &[("label", c.label.as_str().into())]))
                                } @else { (c.label) }
                            }
                        }
                    }
                }
            }
            (self.button(&format!("{base}/unknown"), "secondary", lang.t("serve-dont-know"), Some(&p.node)))
            details.why {
                summary { (lang.t("serve-why")) }
                p { (p.why.as_deref().unwrap_or(lang.t("serve-why-none"))) }
            }
        }
    }

    fn conclusion(&self, base: &str, d: &Diagnosis) -> Markup {
        let lang = self.lang;
        let Some(c) = &d.conclusion else { return html! {} };
        html! {
            h1 { (c.title) }
            p.actor { (lang.t_args("serve-who-acts", &[("actor", actor_name(c.actor, lang).into())])) }
            @if !c.remedy.is_empty() {
                h2 { (lang.t("markdown-what-to-do")) }
                ol.remedy { @for r in &c.remedy { li { (r) } } }
            }
            @if let Some(e) = &c.escalate { p.escalate { (e) } }
            @if d.assumed { p.note { (assumed_note(lang)) } }
            h2 { (lang.t("prompt-did-this-fix-it")) }
            div.fixed {
                (self.button(&format!("{base}/fixed"), "big yes", lang.t("prompt-yes-it-is-fixed"), None))
                (self.button(&format!("{base}/not-fixed"), "big no", lang.t("prompt-no-not-yet"), None))
            }
            @if let Some(h) = &d.handoff { (handoff(h, lang, base)) }
        }
    }

    fn new_walk(&self) -> Markup {
        self.button("/start", "big", self.lang.t("serve-new"), None)
    }

    /// The code page: what a code means, and the walk from it.
    pub fn code(&self, code: &CodeOut) -> String {
        let lang = self.lang;
        let content = html! {
            (code_block(code, lang))
            form method="post" action="/start" {
                (self.csrf())
                input type="hidden" name="code" value=(code.typed);
                button.big type="submit" { (lang.t("serve-start-from-code")) }
            }
        };
        self.page(&code.typed, content)
    }

    /// A page saying what went wrong and where to go on.
    pub fn error(&self, message: &str) -> String {
        let lang = self.lang;
        let content = html! {
            h1 { (lang.t("serve-error")) }
            p.error { (message) }
            p { a href="/" { (lang.t("serve-home")) } }
        };
        self.page(lang.t("serve-error"), content)
    }
}

fn code_block(code: &CodeOut, lang: Lang) -> Markup {
    html! { section.code { pre { (render_code(code, lang).trim_end()) } } }
}

fn path(d: &Diagnosis, lang: Lang) -> Markup {
    html! {
        @if !d.path.is_empty() {
            details.path {
                summary { (lang.t("interactive-how-we-got-here")) }
                ol { @for step in &d.path { li { (path_line(step, lang)) } } }
            }
        }
    }
}

/// The hand-off sheet: what to show or send the provider or bank (also as
/// text, `/s/{id}/handoff.txt`).
fn handoff(h: &Handoff, lang: Lang, base: &str) -> Markup {
    html! {
        section.handoff {
            h2 { (lang.t("markdown-hand-off")) }
            p { (lang.t("text-hand-off-show-or-send")) }
            dl {
                dt { (lang.t("markdown-contact")) } dd { (actor_name(h.actor, lang)) }
                @if let Some(f) = &h.fault { dt { (lang.t("markdown-fault")) } dd { (f) } }
                @if !h.codes.is_empty() { dt { (lang.t("text-codes-seen")) } dd { (h.codes.join("; ")) } }
            }
            @if !h.checked.is_empty() {
                h3 { (lang.t("markdown-checked")) }
                ul { @for c in &h.checked {
                    li { (c.question) " → " (c.answer) " [" (source_name(c.source, lang)) "]" }
                } }
            }
            @if !h.not_checked.is_empty() {
                h3 { (lang.t("markdown-could-not-be-checked")) }
                ul { @for q in &h.not_checked { li { (q) } } }
            }
            @if !h.tried.is_empty() {
                h3 { (lang.t("markdown-tried-without-success")) }
                ul { @for t in &h.tried { li { (t) } } }
            }
            @for a in &h.ask { p { (lang.t("markdown-please")) " " (a) } }
            p { a.send href={ (base) "/handoff.txt" } { (lang.t("serve-handoff-text")) } }
        }
    }
}
