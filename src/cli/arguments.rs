//! The command line as clap sees it: raw values only. Turning them into
//! loaded rules, answers and facts happens in the subcommand modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod port;

pub use port::{
    FlowArg, ParityArg, PortOptions, ProbeArgs, ProtocolArg, SimProtocolArg, SimulateArgs,
    ZvtFramingArg,
};

#[derive(Debug, Parser)]
#[command(
    name = "posdiag",
    version,
    about = "Diagnose faults of POS card-payment terminals",
    long_about = "Diagnose faults of POS card-payment terminals.\n\n\
        Run without a command on a terminal to be asked questions until the fault \
        and its fix are found; without a command posdiag takes the options of \
        `posdiag diagnose` (`posdiag --resume`, `posdiag --format json`). Scripts \
        use answer files and `--format json`.",
    after_help = "Exit codes: 0 conclusion reached · 1 no conclusion (escalate) · \
        2 usage or input error · 3 an answer is needed · 4 terminal unreachable · 130 interrupted · \
        128+n stopped by signal n"
)]
pub struct Arguments {
    /// Load rules from this folder instead of the embedded ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// Language of questions and results [default: from the locale].
    #[arg(long, global = true, value_enum, env = "POSDIAG_LANG")]
    pub lang: Option<LangArg>,

    /// Colour in prompts: `auto` (a terminal, and neither NO_COLOR nor
    /// CLICOLOR=0), `always` (also CLICOLOR_FORCE), `never`.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorArg,

    /// A vendor code table that adds or overrides codes (see rules/README.md).
    #[arg(long, global = true, value_name = "FILE")]
    pub codes: Option<PathBuf>,

    /// Show internals in text output: node ids, table files and classes,
    /// the probabilities behind the check order (for rule authors and
    /// technicians; JSON always has them).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Names of the subcommands, and the options that come before one.
const GLOBAL_WITH_VALUE: [&str; 4] = ["--rules", "--lang", "--codes", "--color"];
/// Global options without a value.
const GLOBAL_FLAGS: [&str; 2] = ["--verbose", "-v"];

/// Without a command, posdiag diagnoses, and takes `diagnose`'s options:
/// `posdiag --resume`, `posdiag --port /dev/ttyUSB0`, `posdiag --format
/// json`. Insert `diagnose` before the first argument that is neither a
/// global option nor a command (nor help or version).
pub fn with_default_command(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory as _;
    let command = Arguments::command();
    let is_command = |s: &str| s == "help" || command.get_subcommands().any(|c| c.get_name() == s);
    let mut i = 1;
    while i < args.len() {
        let Some(a) = args[i].to_str() else { break };
        if GLOBAL_WITH_VALUE.contains(&a) {
            i += 2;
            continue;
        }
        if GLOBAL_FLAGS.contains(&a)
            || GLOBAL_WITH_VALUE.iter().any(|g| a.starts_with(&format!("{g}=")))
        {
            i += 1;
            continue;
        }
        if is_command(a) || ["-h", "--help", "-V", "--version"].contains(&a) {
            return args;
        }
        let mut out = args;
        out.insert(i, "diagnose".into());
        return out;
    }
    args
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk the decision graph to a fault and its remedy.
    Diagnose(DiagnoseArgs),
    /// Check the rules: every problem, with file:line:column.
    Check(CheckArgs),
    /// Run the knowledge base's regression cases.
    Test(TestArgs),
    /// Read what a terminal can tell: every fact, with the bytes behind it.
    Probe(ProbeArgs),
    /// Play a simulated terminal from a fixture on a pseudo-terminal or TCP port.
    Simulate(SimulateArgs),
    /// List the serial ports this system sees.
    Ports(PortsArgs),
    /// Draw the rule graph (DOT, Mermaid or SVG).
    Graph(GraphArgs),
    /// Fault frequencies from the local history, and the priors learned from them.
    Stats(StatsArgs),
    /// What a code from the screen means and who acts, then the walk from it
    /// (`posdiag code 51`, `posdiag code A0`, `posdiag code "+CME ERROR: 10"`).
    Code(CodeArgs),
    /// Decode an EMV TVR (tag 95, 5 bytes, 10 hex digits): every set bit,
    /// what to check, where to walk from.
    Tvr(EmvArgs),
    /// Decode an EMV TSI (tag 9B, 2 bytes, 4 hex digits).
    Tsi(EmvArgs),
    /// Decode a ZVT terminal's locks (TLV 1F55 of the Status Enquiry, 2
    /// bytes, 4 hex digits): every set bit, what to check, where to walk
    /// from.
    ZvtLocks(EmvArgs),
    /// Serve the walk over HTTP: a page for the merchant's phone, a JSON
    /// API for helpdesk tools, sessions in SQLite (`posdiag serve`, then
    /// open http://127.0.0.1:8080/).
    Serve(ServeArgs),
    /// Print a shell completion script (`posdiag completions bash >
    /// ~/.local/share/bash-completion/completions/posdiag`).
    Completions(CompletionsArgs),
    /// Print the manual page (`posdiag man > posdiag.1`; `man ./posdiag.1`).
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

/// What a walk is given ahead: answers, facts, and where to write the
/// transcript. Shared by `diagnose` and `code`.
#[derive(Debug, Default, Clone, Args)]
pub struct GivenArgs {
    /// YAML file mapping node id to answer value.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// An answer, NODE=VALUE; repeatable; overrides the answers file.
    #[arg(long = "answer", value_name = "NODE=VALUE")]
    pub answer: Vec<String>,

    /// A known fact, NAME=VALUE (e.g. modem.csq=7); repeatable.
    #[arg(long = "fact", value_name = "NAME=VALUE")]
    pub fact: Vec<String>,

    /// Also write the transcript to FILE (.md for Markdown, .json for JSON).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The code as the screen or log shows it; words are joined
    /// (`posdiag code +CME ERROR: 10`).
    #[arg(required = true, num_args = 1.., value_name = "CODE")]
    pub code: Vec<String>,

    #[command(flatten)]
    pub given: GivenArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct EmvArgs {
    /// The value in hex, either case, spaces and `0x` allowed
    /// (`0000048000`, `00 00 04 80 00`).
    #[arg(required = true, num_args = 1.., value_name = "HEX")]
    pub hex: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Draw only this tree (with the nodes of other trees it leads into).
    #[arg(long, value_name = "ID")]
    pub tree: Option<String>,

    /// Output format; SVG needs Graphviz's `dot`.
    #[arg(long, value_enum, default_value_t)]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum GraphFormat {
    #[default]
    Dot,
    Mermaid,
    Svg,
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
    #[command(flatten)]
    pub given: GivenArgs,

    /// Start at this node instead of the triage root.
    #[arg(long, value_name = "NODE")]
    pub start: Option<String>,

    /// Continue the unfinished interactive session.
    #[arg(long, conflicts_with_all = ["answers", "answer", "start"])]
    pub resume: bool,

    /// Diagnose many terminals: one JSON answer set per line of FILE (`-`
    /// for stdin), one JSON result per line on stdout, in order. Answers,
    /// facts and `--start` given beside it apply to every line.
    #[arg(long, value_name = "FILE.jsonl", conflicts_with_all = ["resume", "port", "replay", "report"])]
    pub batch: Option<PathBuf>,

    /// Neither learn from nor add to the local history of confirmed faults.
    #[arg(long)]
    pub no_history: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,

    /// Probe the terminal on this port first (`/dev/ttyUSB0`,
    /// `serial:///dev/ttyS0?baud=115200`, `tcp://HOST:PORT`); its facts
    /// answer questions without asking.
    #[arg(long, value_name = "URL", env = "POSDIAG_PORT")]
    pub port: Option<String>,

    #[command(flatten)]
    pub line: PortOptions,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free one (printed on start).
    /// Keep it on loopback, behind an HTTPS reverse proxy (see the README).
    #[arg(long, value_name = "ADDR", env = "POSDIAG_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,

    /// The SQLite file of sessions and confirmed faults [default:
    /// serve.sqlite beside the history, in the data directory].
    #[arg(long, value_name = "FILE", env = "POSDIAG_DATABASE")]
    pub database: Option<PathBuf>,

    /// How long a session is kept after its last answer (`30m`, `24h`).
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = super::duration::parse_duration)]
    pub session_ttl: std::time::Duration,

    /// How long a client may take to send a request, its head and its body;
    /// a connection idle that long is closed (`10s`, `1m`).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = super::duration::parse_duration)]
    pub timeout: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct PortsArgs {
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
