//! `fluentmark extract`.

use std::process::ExitCode;

use fluentmark::project::Project;

/// Extracts every page and prints a summary.
pub fn run(project: &Project, quiet: bool) -> anyhow::Result<ExitCode> {
    let report = fluentmark::extract::extract(project)?;
    if !quiet {
        println!(
            "extract: {} page(s), {} message(s); {} catalog(s) written, {} unchanged, {} removed -> {}",
            report.pages,
            report.messages,
            report.written,
            report.pages - report.written.min(report.pages),
            report.removed,
            project.locale_dir(&project.config.source_locale).display()
        );
    }
    Ok(super::finish(&report.errors, &report.warnings))
}
