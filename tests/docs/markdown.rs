//! The commands a Markdown page shows, with the output it shows for them,
//! read from the page itself so the page and its test cannot drift apart.
//!
//! Two forms are understood, in fenced blocks of `sh`, `console`, `bash` or
//! no language:
//!
//! * a transcript: lines starting `$ ` are commands, the lines after one
//!   (up to the next `$ ` or the end of the block) are its output;
//! * a command block (`sh`, `bash`, no `$ `): every line that is not blank
//!   or a `#` comment is a command; when a block without a language follows
//!   it directly (nothing but blank lines between), that block is the
//!   output of the block's last command.
//!
//! A line ending in `\` continues on the next; a ` # comment` after a
//! command is dropped (outside quotes). In shown output, `…` stands for
//! elided text: a line that is only `…` for any number of lines, `…` within
//! a line for any text on it.

/// One command as the page shows it.
#[derive(Debug, Clone)]
pub struct Shown {
    /// The page's 1-based line of the command.
    pub line: usize,
    /// The command, continuation lines joined, comment dropped.
    pub command: String,
    /// The trailing comment, if any (`# simulate silent` starts that
    /// simulator first).
    pub comment: Option<String>,
    /// The output the page shows for it, if it shows any.
    pub output: Option<Vec<String>>,
}

struct Block {
    info: String,
    /// 1-based line of the first body line.
    first: usize,
    body: Vec<String>,
    /// Lines between the end of the previous block and this one are blank.
    follows_directly: bool,
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    let mut gap_blank = false;
    for (i, line) in page.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match open.take() {
            Some(b) if fence => {
                out.push(b);
                gap_blank = true;
            }
            Some(mut b) => {
                b.body.push(line.to_string());
                open = Some(b);
            }
            None if fence => {
                let info = line.trim_start().trim_start_matches('`').trim().to_string();
                open = Some(Block {
                    info,
                    first: i + 2,
                    body: Vec::new(),
                    follows_directly: gap_blank && !out.is_empty(),
                });
            }
            None => gap_blank &= line.trim().is_empty(),
        }
    }
    out
}

/// `command  # comment` → (`command`, `comment`), ignoring `#` in quotes
/// and in words (`#anchor`, `$#`).
pub fn split_comment(line: &str) -> (String, Option<String>) {
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev.is_whitespace() => {
                let comment = line[i + 1..].trim().to_string();
                return (line[..i].trim_end().to_string(), Some(comment));
            }
            _ => {}
        }
        prev = c;
    }
    (line.trim_end().to_string(), None)
}

/// Join `\` continuations; each item is (line number, joined text).
fn logical_lines(body: &[String], first: usize, prefix: &str) -> Vec<(usize, String, bool)> {
    let mut out: Vec<(usize, String, bool)> = Vec::new();
    let mut continuing = false;
    for (k, raw) in body.iter().enumerate() {
        if continuing {
            let last = out.last_mut().expect("a line to continue");
            let text = raw.trim();
            continuing = text.ends_with('\\');
            last.1.push(' ');
            last.1.push_str(text.trim_end_matches('\\').trim_end());
            continue;
        }
        let is_command = prefix.is_empty() || raw.starts_with(prefix);
        let text = if is_command { &raw[prefix.len()..] } else { raw.as_str() };
        continuing = is_command && text.trim_end().ends_with('\\');
        let text =
            if continuing { text.trim_end().trim_end_matches('\\').trim_end() } else { text };
        out.push((first + k, text.to_string(), is_command));
    }
    out
}

fn trim_output(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// Every command the page shows, in order.
pub fn commands(page: &str) -> Vec<Shown> {
    let blocks = blocks(page);
    let mut out = Vec::new();
    for (n, b) in blocks.iter().enumerate() {
        let shell = matches!(b.info.as_str(), "sh" | "bash" | "console" | "");
        if !shell {
            continue;
        }
        if b.body.iter().any(|l| l.starts_with("$ ")) {
            let start = out.len();
            for (line, text, is_command) in logical_lines(&b.body, b.first, "$ ") {
                if is_command {
                    let (command, comment) = split_comment(&text);
                    out.push(Shown { line, command, comment, output: Some(Vec::new()) });
                } else if out.len() > start
                    && let Some(Shown { output: Some(o), .. }) = out.last_mut()
                {
                    o.push(text);
                }
            }
            for shown in &mut out[start..] {
                shown.output = shown.output.take().map(trim_output);
            }
            continue;
        }
        if !matches!(b.info.as_str(), "sh" | "bash") {
            continue;
        }
        for (line, text, _) in logical_lines(&b.body, b.first, "") {
            let (command, comment) = split_comment(&text);
            if command.trim().is_empty() {
                continue;
            }
            out.push(Shown { line, command: command.trim().to_string(), comment, output: None });
        }
        if let Some(next) = blocks.get(n + 1).filter(|x| x.info.is_empty() && x.follows_directly)
            && let Some(last) = out.last_mut()
        {
            last.output = Some(trim_output(next.body.clone()));
        }
    }
    out
}

/// Whether `actual` is what `expected` shows, `…` standing for elided text.
pub fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((e, rest)) => actual.split_first().is_some_and(|(a, more)| {
            line_matches(e.trim_end(), a.trim_end()) && matches(rest, more)
        }),
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let mut parts = expected.split('…');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    for (k, part) in parts.iter().enumerate() {
        if k + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn ellipses_elide_lines_and_text() {
        assert!(matches(&lines("a\n…\nd"), &lines("a\nb\nc\nd")));
        assert!(matches(&lines("a\n…\nd"), &lines("a\nd")));
        assert!(!matches(&lines("a\n…\nd"), &lines("a\nb")));
        assert!(matches(&lines("[\"x\", …]"), &lines("[\"x\", \"y\", \"z\"]")));
        assert!(matches(&lines("x … y … z"), &lines("x 1 y 2 z")));
        assert!(!matches(&lines("x … y"), &lines("x 1 z")));
        assert!(!matches(&lines("a"), &lines("a\nb")));
    }

    #[test]
    fn transcripts_and_command_blocks() {
        let page = "text\n\n```sh\n$ posdiag a \\\n    --b c\nout 1\nout 2\n\n$ cat f   # shows f\nx: 1\n```\n\n```sh\nposdiag x   # first\n# a comment\nposdiag y \"# not a comment\"\n```\n\n```\nshown\n```\n";
        let c = commands(page);
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(c[0].command, "posdiag a --b c");
        assert_eq!(c[0].output.as_deref(), Some(&lines("out 1\nout 2")[..]));
        assert_eq!((c[1].command.as_str(), c[1].comment.as_deref()), ("cat f", Some("shows f")));
        assert_eq!(c[2].output, None);
        assert_eq!(c[3].command, "posdiag y \"# not a comment\"");
        assert_eq!(c[3].output.as_deref(), Some(&lines("shown")[..]));
        assert_eq!(c[3].line, 16);
    }
}
