//! One thin file per subcommand: library calls and printing.
//!
//! All output goes through [`print`] and [`eprint`], never `println!`,
//! which panics when the reader has gone (`fluentmark check | head -1`):
//! like other Unix tools, fluentmark then stops writing and exits with
//! the code it would have had.

pub mod align;
pub mod build;
pub mod check;
pub mod export;
pub mod extract;
pub mod import;
pub mod init;
mod progress;
pub mod status;
mod watch;

use std::process::ExitCode;

use fluentmark::build::BuildOptions;
use fluentmark::error::Error;
use fluentmark::extract::ExtractOptions;
use fluentmark::report::printable;
/// Counts as summaries write them (`1,800`).
use fluentmark::report::thousands as count;

use crate::cli::{Cli, Command};

/// Runs the command; `Err` is a usage, config or I/O error (exit 2).
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    if let Some(jobs) = cli.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {jobs} threads: {e}"))?;
    }
    match &cli.command {
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut command, "fluentmark", &mut out);
            print(&String::from_utf8_lossy(&out));
            return Ok(ExitCode::SUCCESS);
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(|e| anyhow::anyhow!("cannot write the manual page: {e}"))?;
            print(&String::from_utf8_lossy(&out));
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    if let Command::Init {
        locales,
        source_locale,
        dialect,
    } = &cli.command
    {
        return init::run(
            &cli.project,
            locales,
            source_locale,
            dialect.as_deref(),
            cli.quiet,
        );
    }
    let project = fluentmark::project::Project::load(&cli.project)?;
    for w in project.config_warnings() {
        eprint(&format!("warning: {}\n", printable(&w.to_string())));
    }
    match &cli.command {
        Command::Extract {
            prune,
            force,
            watch,
        } => {
            let options = ExtractOptions {
                prune: *prune,
                force: *force,
            };
            let code = extract::run(&project, options, cli.quiet)?;
            if *watch {
                return extract::watch(&cli.project, project, options);
            }
            Ok(code)
        }
        Command::Build {
            locales,
            watch,
            force,
        } => {
            let options = BuildOptions { force: *force };
            let code = build::run(&project, locales, options, cli.quiet)?;
            if *watch {
                return build::watch(&cli.project, project, locales);
            }
            Ok(code)
        }
        Command::Check {
            locales,
            format,
            min_coverage,
        } => check::run(&project, locales, *format, min_coverage),
        Command::Status { format, locale } => status::run(&project, *format, locale.as_deref()),
        Command::Init { .. } | Command::Completions { .. } | Command::Man => {
            unreachable!("runs without a project")
        }
        Command::Export {
            locale,
            format,
            out,
            single,
            glossary,
        } => export::run(
            &project,
            locale,
            *format,
            out.as_deref(),
            (*single, glossary.is_some()),
            cli.quiet,
        ),
        Command::Import { locale, files } => import::run(&project, locale, files, cli.quiet),
        Command::Align {
            locale,
            from,
            overwrite,
            dry_run,
            format,
            pages,
        } => align::run(
            &project,
            fluentmark::align::AlignOptions {
                locale: locale.clone(),
                from: from.clone(),
                overwrite: *overwrite,
                dry_run: *dry_run,
            },
            *format,
            *pages,
            cli.quiet,
        ),
    }
}

/// Prints problems that did not stop the run; returns the exit code:
/// 2 when any page or file failed, 0 otherwise.
fn finish(errors: &[Error], warnings: &[Error]) -> ExitCode {
    let mut text = String::new();
    for w in warnings {
        text.push_str(&format!("warning: {}\n", printable(&w.to_string())));
    }
    for e in errors {
        text.push_str(&format!("error: {}\n", printable(&e.to_string())));
    }
    if !errors.is_empty() {
        text.push_str(&format!(
            "{} file(s) failed; the others were processed\n",
            errors.len()
        ));
    }
    eprint(&text);
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Writes to stdout; a closed pipe (`fluentmark check | head`) is not an
/// error: the rest is dropped.
fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprint(&format!("error: cannot write the output: {e}\n"));
    }
}

/// Writes to stderr; if even that fails, there is nowhere left to say so.
pub fn eprint(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
