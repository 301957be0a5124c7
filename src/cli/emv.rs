//! `posdiag tvr HEX`, `posdiag tsi HEX` and `posdiag zvt-locks HEX`: every
//! set bit of a pasted status word, what it means, what to check and where
//! to walk from. A malformed value is an error (exit 2) naming what was
//! expected.

use super::arguments::{EmvArgs, Format};
use super::context::Context;
use crate::codes::emv::{Word, decode, parse_hex};
use crate::error::Error;
use crate::exit::Exit;
use crate::report::{EmvReport, render_emv};

pub fn run(ctx: &Context, word: Word, args: &EmvArgs) -> Result<Exit, Error> {
    let bytes = parse_hex(word, &args.hex.join(" "))?;
    let rules = ctx.rules()?;
    let table = word.bits(rules.codes());
    let report = EmvReport::new(&rules, word, &bytes, &decode(&bytes, table), ctx.lang);
    match args.format {
        Format::Json => {
            crate::outln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default())
        }
        Format::Text => crate::out!("{}", render_emv(&report, ctx.lang)),
    }
    Ok(Exit::Ok)
}
