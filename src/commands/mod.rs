//! One thin file per subcommand: library calls and printing.

pub mod build;
pub mod extract;

use std::process::ExitCode;

use fluentmark::error::Error;

use crate::cli::{Cli, Command};

/// Runs the command; `Err` is a usage, config or I/O error (exit 2).
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let project = fluentmark::project::Project::load(&cli.project)?;
    match &cli.command {
        Command::Extract { prune } => extract::run(&project, *prune, cli.quiet),
        Command::Build { locales } => build::run(&project, locales, cli.quiet),
    }
}

/// Prints problems that did not stop the run; returns the exit code:
/// 2 when any page or file failed, 0 otherwise.
fn finish(errors: &[Error], warnings: &[Error]) -> ExitCode {
    for w in warnings {
        eprintln!("warning: {w}");
    }
    for e in errors {
        eprintln!("error: {e}");
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("{} file(s) failed; the others were processed", errors.len());
        ExitCode::from(2)
    }
}
