//! `posdiag graph`: the rule graph as a picture, for knowledge-base authors.
//! DOT comes from petgraph's writer, Mermaid from the same picture, and SVG
//! from Graphviz's `dot` where it is installed.

use super::arguments::{GraphArgs, GraphFormat};
use super::context::Context;
use crate::error::{Error, Usage};
use crate::exit::Exit;
use crate::report::Picture;
use crate::source::did_you_mean;

pub fn run(ctx: &Context, args: &GraphArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    if let Some(tree) = &args.tree
        && !rules.trees().iter().any(|t| &t.id == tree)
    {
        let ids: Vec<&str> = rules.trees().iter().map(|t| t.id.as_str()).collect();
        let hint = did_you_mean(tree, ids.iter().copied());
        let trees = ids.iter().map(ToString::to_string).collect();
        return Err(Usage::UnknownTree { tree: tree.clone(), hint, trees }.into());
    }
    let picture = Picture::new(&rules, args.tree.as_deref(), ctx.lang);
    let out = match args.format {
        GraphFormat::Dot => picture.to_dot(),
        GraphFormat::Mermaid => picture.to_mermaid(),
        GraphFormat::Svg => crate::report::svg(&picture.to_dot()).map_err(Usage::from)?,
    };
    crate::output::stdout_str(&out);
    Ok(Exit::Ok)
}
