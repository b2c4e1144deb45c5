//! The `newsconv` command line, as a library so that tests (and other
//! programs) can drive it in process: [`run`] takes the arguments and gives
//! the exit code; `src/main.rs` only calls [`main`].
//!
//! - `args`: the clap definitions; `options`: the exporters' own
//!   flags and `--set`, added at run time;
//! - [`convert`]: one issue read and written, atomically, for `convert`
//!   and `batch` alike; [`batch`]: many issues at once;
//! - [`inspect`]: the outline of an issue; [`output`]: atomic writes.

mod args;
pub mod batch;
pub mod convert;
pub mod inspect;
mod options;
pub mod output;

/// The front ends the CLI reads issues with (one place to follow them).
use crate::front;

use anyhow::anyhow;
use args::{Cli, Command};
use batch::BatchExit;
use clap::FromArgMatches;
use std::ffi::OsString;
use std::process::ExitCode;

/// Run the command line of this process.
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Run the command line with these arguments (the first is the program
/// name). Errors are printed on standard error as one line
/// `newsconv: error: …`; the exit code is 0 on success, 1 on an error,
/// 2 on a usage error, 130 for an interrupted batch.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match try_run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(c) = e.downcast_ref::<clap::Error>() {
                // What clap's own `exit` does (help and version on standard output
                // with 0, usage errors on standard error with 2), without leaving.
                let _ = c.print();
                return ExitCode::from(u8::try_from(c.exit_code()).unwrap_or(2));
            }
            if let Some(b) = e.downcast_ref::<BatchExit>() {
                return ExitCode::from(b.0);
            }
            eprintln!("newsconv: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// [`run`] without the printing: the error, if any, as a value. A usage
/// error (or `--help`) is a [`clap::Error`]; a batch that ran with failures
/// ends in an error whose summary was printed already.
pub fn try_run<I, T>(args: I) -> anyhow::Result<()>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    crate::link_plugins();
    let matches = options::command()?.try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let sub = matches
        .subcommand()
        .map(|(_, m)| m)
        .ok_or_else(|| anyhow!("no subcommand"));
    match cli.command {
        Command::Convert(args) => sub.and_then(|m| convert::convert(args, m)),
        Command::Inspect { input, svg } => inspect::inspect(&input, svg.as_deref()),
        Command::Formats { options } => {
            options::formats(options);
            Ok(())
        }
        Command::Batch(args) => sub.and_then(|m| batch::batch(args, m)),
    }
}
