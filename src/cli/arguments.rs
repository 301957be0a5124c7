//! The command line as clap sees it: raw values only. Turning them into
//! loaded rules, answers and facts happens in the subcommand modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "posdiag",
    version,
    about = "Diagnose faults of POS card-payment terminals",
    long_about = "Diagnose faults of POS card-payment terminals.\n\n\
        Run without a command on a terminal to be asked questions until the fault \
        and its fix are found. Scripts use `posdiag diagnose` with answer files and \
        `--format json`.",
    after_help = "Exit codes: 0 conclusion reached · 1 no conclusion (escalate) · \
        2 usage or input error · 3 an answer is needed · 4 terminal unreachable · 130 interrupted"
)]
pub struct Arguments {
    /// Load rules from this folder instead of the embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// Language of questions and results [default: from the locale].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk the decision graph to a fault and its remedy.
    Diagnose(DiagnoseArgs),
    /// Check the rules: every problem, with file:line:column.
    Check(CheckArgs),
    /// Run the knowledge base's regression cases.
    Test(TestArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Default, Args)]
pub struct DiagnoseArgs {
    /// YAML file mapping node id to answer value.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// An answer, NODE=VALUE; repeatable; overrides the answers file.
    #[arg(long = "answer", value_name = "NODE=VALUE")]
    pub answer: Vec<String>,

    /// A known fact, NAME=VALUE (e.g. modem.csq=7); repeatable.
    #[arg(long = "fact", value_name = "NAME=VALUE")]
    pub fact: Vec<String>,

    /// Start at this node instead of the triage root.
    #[arg(long, value_name = "NODE")]
    pub start: Option<String>,

    /// Continue the unfinished interactive session.
    #[arg(long, conflicts_with_all = ["answers", "answer", "start"])]
    pub resume: bool,

    /// Also write the transcript to FILE (.md for Markdown, .json for JSON).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Folder of case files [default: the embedded fixtures/cases].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
