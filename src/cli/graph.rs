//! `posdiag graph`: the rule graph as a picture, for knowledge-base authors.
//! DOT comes from petgraph's writer, Mermaid from the same picture, and SVG
//! from Graphviz's `dot` where it is installed.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::arguments::{GraphArgs, GraphFormat};
use super::context::Context;
use crate::error::Error;
use crate::exit::Exit;
use crate::report::Picture;
use crate::source::did_you_mean;

pub fn run(ctx: &Context, args: &GraphArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    if let Some(tree) = &args.tree
        && !rules.trees().iter().any(|t| &t.id == tree)
    {
        let ids: Vec<&str> = rules.trees().iter().map(|t| t.id.as_str()).collect();
        let hint = did_you_mean(tree, ids.iter().copied())
            .unwrap_or_else(|| format!("trees are: {}", ids.join(", ")));
        return Err(Error::Usage(format!("unknown tree `{tree}`; {hint}")));
    }
    let picture = Picture::new(&rules, args.tree.as_deref(), ctx.lang);
    let out = match args.format {
        GraphFormat::Dot => picture.to_dot(),
        GraphFormat::Mermaid => picture.to_mermaid(),
        GraphFormat::Svg => svg(&picture.to_dot())?,
    };
    crate::output::stdout_str(&out);
    Ok(Exit::Ok)
}

/// Render DOT to SVG with Graphviz.
fn svg(dot: &str) -> Result<String, Error> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Usage(
                "SVG needs Graphviz's `dot`, which is not installed: install graphviz \
                 (e.g. `apt-get install graphviz`), or use `--format dot` or `--format mermaid`"
                    .into(),
            ));
        }
        Err(e) => return Err(Error::Usage(format!("cannot run Graphviz `dot`: {e}"))),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|e| Error::Usage(format!("cannot send the graph to Graphviz: {e}")))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Usage(format!("Graphviz `dot` failed: {e}")))?;
    if !out.status.success() {
        return Err(Error::Usage(format!(
            "Graphviz `dot` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
