//! What every subcommand shares: the language and where the rules come from
//! (the trees, their code tables, and a vendor code overlay).

use std::path::PathBuf;

use super::arguments::{Arguments, LangArg};
use crate::error::Error;
use crate::kb::{KnowledgeBase, Loaded};
use crate::lang::Lang;
use crate::source::{self, SourceFile};

pub struct Context {
    pub lang: Lang,
    /// Colour in prompts, from `--color` and the environment.
    pub colour: bool,
    pub rules_dir: Option<PathBuf>,
    /// `--codes FILE`: a vendor table that adds or overrides codes.
    pub codes_file: Option<PathBuf>,
}

impl Context {
    pub fn new(args: &Arguments) -> Context {
        let lang = match args.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => {
                if let Some(warning) = Lang::locale_warning() {
                    crate::eoutln!("posdiag: warning: {warning}");
                }
                Lang::from_locale()
            }
        };
        crate::output::set_lang(lang);
        if args.rules.is_some() || args.codes.is_some() {
            // Large rule files from disk load from their parsed form when
            // seen before (the embedded rules are pre-parsed anyway).
            crate::source::cache::enable();
        }
        Context {
            lang,
            colour: super::interactive::colour(args.color),
            rules_dir: args.rules.clone(),
            codes_file: args.codes.clone(),
        }
    }

    /// The rule files: `--rules DIR` or the embedded set.
    pub fn rule_files(&self) -> Result<Vec<SourceFile>, Error> {
        match &self.rules_dir {
            Some(dir) => Ok(source::read_folder(dir)?),
            None => Ok(source::embedded_rules()),
        }
    }

    /// The code tables: `DIR/codes` of `--rules DIR`, or the embedded ones.
    pub fn code_files(&self) -> Result<Vec<SourceFile>, Error> {
        match &self.rules_dir {
            Some(dir) => Ok(source::read_codes(dir)?),
            None => Ok(source::embedded_codes()),
        }
    }

    /// The vendor overlay of `--codes FILE`, if given.
    pub fn overlay_files(&self) -> Result<Vec<SourceFile>, Error> {
        match &self.codes_file {
            Some(path) => Ok(vec![source::read_file(path)?]),
            None => Ok(Vec::new()),
        }
    }

    /// Load and check everything, with every problem (for `posdiag check`).
    pub fn load(&self) -> Result<Loaded, Error> {
        Ok(crate::kb::load(&self.rule_files()?, &self.code_files()?, &self.overlay_files()?))
    }

    /// The `check` command for these rules, as a hint that works as printed.
    pub fn check_command(&self) -> String {
        let mut args = Vec::new();
        if let Some(dir) = &self.rules_dir {
            args.push(format!("--rules {}", shell_word(&dir.display().to_string())));
        }
        if let Some(file) = &self.codes_file {
            args.push(format!("--codes {}", shell_word(&file.display().to_string())));
        }
        args.push("check".into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        crate::invocation::hint(&args)
    }

    /// Load and check the rules; any problem is an error (exit 2).
    pub fn rules(&self) -> Result<KnowledgeBase, Error> {
        let loaded = self.load()?;
        match loaded.kb {
            Some(r) => Ok(r),
            None => Err(Error::Rules { problems: loaded.problems, check: self.check_command() }),
        }
    }
}

/// A word as a POSIX shell reads it back: quoted when it needs to be.
fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}
