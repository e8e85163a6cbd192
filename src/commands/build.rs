//! `fluentmark build`.

use std::process::ExitCode;

use fluentmark::project::Project;

/// Builds localized pages and prints where they went.
pub fn run(project: &Project, locales: &[String], quiet: bool) -> anyhow::Result<ExitCode> {
    let report = fluentmark::build::build(project, locales)?;
    if !quiet {
        for (locale, s) in &report.locales {
            let total = s.translated + s.untranslated;
            println!(
                "build {locale}: {} page(s) -> {} ({} written), {}/{} message(s) translated",
                s.pages,
                project
                    .root
                    .join(&project.config.output_dir)
                    .join(locale)
                    .display(),
                s.written,
                s.translated,
                total
            );
        }
    }
    Ok(super::finish(&report.errors, &report.warnings))
}
