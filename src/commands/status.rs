//! `fluentmark status`.

use std::process::ExitCode;

use fluentmark::check::{CheckOptions, check};
use fluentmark::project::Project;
use fluentmark::report;

use crate::cli::StatusFormat;

/// Prints coverage per locale and page.
pub fn run(project: &Project, format: StatusFormat) -> anyhow::Result<ExitCode> {
    let report = check(project, &CheckOptions::default())?;
    let text = match format {
        StatusFormat::Table => report::status::table(&report),
        StatusFormat::Json => report::json::render(&report)?,
        StatusFormat::Html => report::status::html(&report, "Translation status"),
    };
    super::print(&text);
    Ok(ExitCode::SUCCESS)
}
