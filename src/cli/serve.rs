//! `posdiag serve`: load the rules, open the session database (by default
//! `serve.sqlite` beside the history in the data directory) and serve the
//! page and the API until stopped (see [`crate::serve`]).

use std::path::PathBuf;

use super::arguments::ServeArgs;
use super::context::Context;
use crate::error::Error;
use crate::exit::Exit;

pub fn run(ctx: &Context, args: &ServeArgs) -> Result<Exit, Error> {
    let rules = ctx.rules()?;
    let database = match &args.database {
        Some(path) => path.clone(),
        None => default_database()?,
    };
    let config = crate::serve::Config {
        listen: args.listen.clone(),
        database,
        // At least a second, at most a century (times are stored as i64).
        ttl: args.session_ttl.as_secs().clamp(1, 100 * 365 * 24 * 3600),
        lang: ctx.lang,
        // At least 100 ms (a zero would cut off every request), at most a day.
        timeout: args.timeout.clamp(
            std::time::Duration::from_millis(100),
            std::time::Duration::from_secs(24 * 3600),
        ),
    };
    Ok(crate::serve::run(rules, &config)?)
}

/// `serve.sqlite` in the folder of the history.
fn default_database() -> Result<PathBuf, Error> {
    let history = crate::history::default_path()?;
    Ok(history.with_file_name("serve.sqlite"))
}
