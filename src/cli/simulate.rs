//! `posdiag simulate FIXTURE [--listen ADDR] [--protocol zvt]`: play a
//! simulated terminal (AT and ECR, or ZVT)
//! on a pseudo-terminal (its path printed on stdout) or a TCP port, until
//! killed. The exchange log goes to stderr.

use super::arguments::{SimProtocolArg, SimulateArgs};
use crate::error::Error;
use crate::exit::Exit;
use crate::sim::{self, FixtureError};

pub fn run(args: &SimulateArgs) -> Result<Exit, Error> {
    let (name, fixture) = sim::load(&args.fixture).map_err(|e| match e {
        FixtureError::Parse(problem) => Error::Parse(problem),
        other => Error::Fixture(other),
    })?;
    let result = match (&args.listen, args.protocol) {
        (Some(addr), SimProtocolArg::Zvt) => sim::zvt::run_tcp(&name, &fixture, addr),
        (None, SimProtocolArg::Zvt) => sim::zvt::run_pty(&name, &fixture),
        (Some(addr), SimProtocolArg::Auto) => sim::run_tcp(&name, &fixture, addr),
        (None, SimProtocolArg::Auto) => sim::run_pty(&name, &fixture),
    };
    result?;
    Ok(Exit::Ok)
}
