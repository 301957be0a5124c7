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
mod interactive;
mod invocation;
mod ports;
pub mod probe;
mod probe_view;
mod prompt;
mod serve;
mod settings;
mod simulate;
mod stats;
mod test;
mod why;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser as _;

use crate::error::Error;
use crate::exit::Exit;

pub use arguments::{Arguments, Command, Format};

/// Parse the arguments, run the command, print any error, return the exit
/// code (see [`Exit`]).
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let args = arguments::with_default_command(args.into_iter().collect());
    let arguments = match Arguments::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            // Help and version go to stdout, errors to stderr; both masked
            // (an argument-parser error quotes the argument).
            let text = e.render().to_string();
            if e.use_stderr() {
                crate::eout!("{text}");
                return crate::output::finish(Ok(Exit::Input));
            }
            crate::out!("{text}");
            return crate::output::finish(Ok(Exit::Ok));
        }
    };
    crate::output::finish(execute(arguments))
}

fn execute(arguments: Arguments) -> Result<Exit, Error> {
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
