//! The command line: argument parsing (clap), prompts (inquire), and the
//! subcommands that wire the library together. The only layer that prints,
//! and only through [`crate::output`] (masked, write errors handled).

mod arguments;
mod batch;
mod check;
mod code;
mod context;
mod diagnose;
mod duration;
mod emv;
mod graph;
mod help;
mod interactive;
mod parse_error;
mod ports;
pub mod probe;
mod probe_view;
mod prompt;
mod serve;
mod settings;
mod simulate;
mod start;
mod stats;
mod test;
mod why;

use std::ffi::OsString;
use std::process::ExitCode;

use crate::error::Error;
use crate::exit::Exit;
use crate::lang::Lang;

pub use arguments::{Arguments, Command, Format};

/// Parse the arguments, run the command, print any error, return the exit
/// code (see [`Exit`]).
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let args = arguments::with_default_command(args.into_iter().collect());
    // The language is known before parsing, so that help and the parser's
    // errors speak it too.
    let lang = early_lang(&args);
    crate::output::set_lang(lang);
    let json = early_json(&args);
    let parse = |command: clap::Command, args: Vec<OsString>| {
        command
            .try_get_matches_from(args)
            .and_then(|m| <Arguments as clap::FromArgMatches>::from_arg_matches(&m))
    };
    // Parsed as written; only help or an error needs the command reworded
    // for the language, and parsing it again finds the same.
    let arguments = match parse(<Arguments as clap::CommandFactory>::command(), args.clone()) {
        Ok(a) => a,
        Err(e) => {
            let command = help::command(lang);
            let named = command_named(&command, &args);
            let e = if lang == Lang::En { e } else { parse(command, args).err().unwrap_or(e) };
            // Help and version go to stdout, errors to stderr; both masked
            // (an argument-parser error quotes the argument).
            if e.use_stderr() {
                if json {
                    let text = match lang {
                        Lang::En => e.to_string().trim_start_matches("error: ").to_string(),
                        Lang::Zh => parse_error::render(&e, lang, &named),
                    };
                    let head = text.lines().next().unwrap_or_default();
                    crate::outln!("{}", crate::error::json::arguments_json(head));
                }
                match lang {
                    Lang::En => crate::eout!("{}", e.render()),
                    Lang::Zh => crate::eout!(
                        "{} {}",
                        lang.t("output-error-prefix"),
                        parse_error::render(&e, lang, &named)
                    ),
                }
                return crate::output::finish(Exit::Input);
            }
            crate::out!("{}", e.render());
            return crate::output::finish(Exit::Ok);
        }
    };
    finish(execute(arguments))
}

/// `posdiag` and the command the arguments name (`posdiag diagnose`), for
/// a hint to read its `--help`.
fn command_named(command: &clap::Command, args: &[OsString]) -> String {
    let program = crate::invocation::program();
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| command.get_subcommands().any(|c| c.get_name() == *a));
    match sub {
        Some(sub) => format!("{program} {sub}"),
        None => program,
    }
}

/// The language the arguments will choose: `--lang`, else `POSDIAG_LANG`,
/// else the locale (as [`context::Context::new`] decides after parsing).
fn early_lang(args: &[OsString]) -> Lang {
    let mut given = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            given = words.next().map(str::to_string);
        } else if let Some(value) = word.strip_prefix("--lang=") {
            given = Some(value.to_string());
        }
    }
    let given = given.or_else(|| std::env::var("POSDIAG_LANG").ok());
    match given.as_deref() {
        Some("zh") => Lang::Zh,
        Some("en") => Lang::En,
        _ => Lang::from_locale(),
    }
}

/// Whether the arguments ask for JSON (`--format json`), before parsing.
fn early_json(args: &[OsString]) -> bool {
    let words: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    words.windows(2).any(|w| w == ["--format", "json"]) || words.contains(&"--format=json")
}

/// Whether the command writes JSON: then its error does too.
fn writes_json(command: Option<&Command>) -> bool {
    let format = match command {
        Some(Command::Diagnose(a)) => a.format,
        Some(Command::Check(a)) => a.format,
        Some(Command::Test(a)) => a.format,
        Some(Command::Probe(a)) => a.format,
        Some(Command::Ports(a)) => a.format,
        Some(Command::Stats(a)) => a.format,
        Some(Command::Code(a)) => a.format,
        Some(Command::Tvr(a) | Command::Tsi(a) | Command::ZvtLocks(a)) => a.format,
        _ => Format::Text,
    };
    format == Format::Json
}

/// The end of the run: the error, if any, worded in the user's language.
fn finish(result: Result<Exit, Error>) -> ExitCode {
    match result {
        Ok(exit) => crate::output::finish(exit),
        Err(e) => {
            let lang = crate::output::lang();
            let json = |text: &str| crate::error::json::error_json(&e, lang, text);
            crate::output::fail(&crate::messages::Localize::message(&e, lang), json, e.exit())
        }
    }
}

fn execute(arguments: Arguments) -> Result<Exit, Error> {
    crate::output::set_json(writes_json(arguments.command.as_ref()));
    crate::report::set_verbose(arguments.verbose);
    let ctx = context::Context::new(&arguments);
    match arguments.command {
        Some(Command::Check(args)) => check::run(&ctx, &args),
        Some(Command::Test(args)) => test::run(&ctx, &args),
        Some(Command::Diagnose(args)) => diagnose::run(&ctx, &args),
        Some(Command::Probe(args)) => probe::run(&ctx, &args),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Serve(args)) => serve::run(&ctx, &args),
        Some(Command::Ports(args)) => ports::run(ctx.lang, &args),
        Some(Command::Graph(args)) => graph::run(&ctx, &args),
        Some(Command::Stats(args)) => stats::run(&ctx, &args),
        Some(Command::Code(args)) => code::run(&ctx, &args),
        Some(Command::Tvr(args)) => emv::run(&ctx, crate::codes::emv::Word::Tvr, &args),
        Some(Command::Tsi(args)) => emv::run(&ctx, crate::codes::emv::Word::Tsi, &args),
        Some(Command::ZvtLocks(args)) => emv::run(&ctx, crate::codes::emv::Word::ZvtLocks, &args),
        Some(Command::Completions(args)) => {
            let mut script = Vec::new();
            let mut command = <Arguments as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "posdiag", &mut script);
            print_bytes(&script)
        }
        Some(Command::Man) => {
            let mut page = Vec::new();
            let man = clap_mangen::Man::new(<Arguments as clap::CommandFactory>::command());
            man.render(&mut page)
                .map_err(|source| Error::Write { path: "standard output".into(), source })?;
            print_bytes(&page)
        }
        None => diagnose::run(&ctx, &arguments::DiagnoseArgs::default()),
    }
}

/// Write generated text to stdout through the output layer (a reader that
/// closed early ends the run quietly, see [`crate::output::finish`]).
fn print_bytes(bytes: &[u8]) -> Result<Exit, Error> {
    crate::output::stdout_str(&String::from_utf8_lossy(bytes));
    Ok(Exit::Ok)
}
