//! A picture of the graph drawn as SVG by Graphviz's `dot`, for
//! `posdiag graph --format svg` and the server's `/graph/{tree}.svg`. Where
//! `dot` is not installed the error says so, and how to fix it.

use std::io::Write as _;
use std::process::{Command, Stdio};

#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    #[error(
        "SVG needs Graphviz's `dot`, which is not installed: install graphviz \
         (e.g. `apt-get install graphviz`), or use `--format dot` or `--format mermaid`"
    )]
    Missing,
    #[error("cannot run Graphviz `dot`: {reason}")]
    Run { reason: String },
    #[error("cannot send the graph to Graphviz: {reason}")]
    Send { reason: String },
    #[error("Graphviz `dot` failed: {reason}")]
    Failed { reason: String },
}

/// DOT to SVG with Graphviz.
pub fn svg(dot: &str) -> Result<String, GraphvizError> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GraphvizError::Missing),
        Err(e) => return Err(GraphvizError::Run { reason: e.to_string() }),
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(dot.as_bytes())
            .map_err(|e| GraphvizError::Send { reason: e.to_string() })?;
    }
    let out =
        child.wait_with_output().map_err(|e| GraphvizError::Failed { reason: e.to_string() })?;
    if !out.status.success() {
        let reason = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(GraphvizError::Failed { reason });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
