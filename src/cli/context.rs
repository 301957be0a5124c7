//! What every subcommand shares: the language and where the rules come from.

use std::path::PathBuf;

use super::arguments::{Arguments, LangArg};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::{self, RuleSet, SourceFile, source};

pub struct Context {
    pub lang: Lang,
    pub rules_dir: Option<PathBuf>,
}

impl Context {
    pub fn new(args: &Arguments) -> Context {
        let lang = match args.lang {
            Some(LangArg::Zh) => Lang::Zh,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_locale(),
        };
        Context { lang, rules_dir: args.rules.clone() }
    }

    /// The rule files: `--rules DIR` or the embedded set.
    pub fn rule_files(&self) -> Result<Vec<SourceFile>, Error> {
        match &self.rules_dir {
            Some(dir) => Ok(source::read_folder(dir)?),
            None => Ok(source::embedded_rules()),
        }
    }

    /// Load and check the rules; any problem is an error (exit 2).
    pub fn rules(&self) -> Result<RuleSet, Error> {
        let loaded = rules::load(&self.rule_files()?, &[]);
        match loaded.rules {
            Some(r) => Ok(r),
            None => Err(Error::Rules { problems: loaded.problems }),
        }
    }
}
