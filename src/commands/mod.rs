//! One thin file per subcommand: library calls and printing.

pub mod build;
pub mod check;
pub mod extract;
mod progress;
pub mod status;

use std::process::ExitCode;

use fluentmark::error::Error;
use fluentmark::extract::ExtractOptions;

use crate::cli::{Cli, Command};

/// Runs the command; `Err` is a usage, config or I/O error (exit 2).
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    if let Some(jobs) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {jobs} threads: {e}"))?;
    }
    let project = fluentmark::project::Project::load(&cli.project)?;
    match &cli.command {
        Command::Extract { prune, force } => extract::run(
            &project,
            ExtractOptions {
                prune: *prune,
                force: *force,
            },
            cli.quiet,
        ),
        Command::Build { locales } => build::run(&project, locales, cli.quiet),
        Command::Check {
            locales,
            format,
            min_coverage,
        } => check::run(&project, locales, *format, min_coverage),
        Command::Status { format } => status::run(&project, *format),
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

/// Writes to stdout; a closed pipe (`fluentmark check | head`) is not an error.
fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: cannot write the output: {e}");
    }
}
