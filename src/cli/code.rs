//! `posdiag code CODE`: what a code from the screen means and who must act,
//! then the walk from where its diagnosis starts, exactly as `diagnose
//! --start NODE` walks (interactive on a terminal, scripted otherwise, same
//! exit codes and JSON, plus the `code` object). An unknown code is said to
//! be unknown and walks the general checks for a declined transaction.

use super::arguments::{CodeArgs, DiagnoseArgs};
use super::context::Context;
use super::diagnose;
use crate::error::Error;
use crate::exit::Exit;
use crate::report::{check_report_path, describe_code};

pub fn run(ctx: &Context, args: &CodeArgs) -> Result<Exit, Error> {
    if let Some(path) = &args.given.report {
        check_report_path(path)?;
    }
    let rules = ctx.rules()?;
    let code = describe_code(&rules, &args.code.join(" "), None, ctx.lang)?;
    let start = rules.find(&code.node).unwrap_or_else(|| rules.root());
    let walk =
        DiagnoseArgs { given: args.given.clone(), format: args.format, ..DiagnoseArgs::default() };
    diagnose::walk_from(ctx, &walk, &rules, start, Some(code))
}
