//! `fluentmark check`.

use std::io::IsTerminal;
use std::process::ExitCode;

use fluentmark::check::{CheckOptions, check_with};
use fluentmark::project::Project;
use fluentmark::report;

use crate::cli::CheckFormat;

/// Checks and prints the findings; exit 1 when an error is found or a
/// requirement fails.
pub fn run(
    project: &Project,
    locales: &[String],
    format: CheckFormat,
    min_coverage: &[(String, f64)],
) -> anyhow::Result<ExitCode> {
    let options = CheckOptions {
        locales: locales.to_vec(),
        min_coverage: min_coverage.iter().cloned().collect(),
    };
    let report = {
        let bar = super::progress::Bar::for_run(false);
        check_with(project, &options, bar.as_ref())?
    };
    let text = match format {
        CheckFormat::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::human::render(&report, project.files(), color)
        }
        CheckFormat::Json => report::json::render(&report)?,
        CheckFormat::Github => report::github::render(&report),
    };
    super::print(&text);
    Ok(if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
