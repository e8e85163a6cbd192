//! `fluentmark export`.

use std::path::Path;
use std::process::ExitCode;

use fluentmark::exchange::{DEFAULT_OUT, ExchangeFormat, ExportOptions, export};
use fluentmark::project::Project;

use crate::cli;

/// Exports a locale (in one file with `single`, with its glossary as
/// TBX with `tbx`) and prints a summary.
pub fn run(
    project: &Project,
    locale: &str,
    format: cli::ExchangeFormat,
    out: Option<&Path>,
    (single, tbx): (bool, bool),
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let options = ExportOptions {
        locale: locale.to_string(),
        format: match format {
            cli::ExchangeFormat::Po => ExchangeFormat::Po,
            cli::ExchangeFormat::Xliff => ExchangeFormat::Xliff,
        },
        out: out.map_or_else(|| project.root.join(DEFAULT_OUT), Path::to_path_buf),
        single,
        tbx,
    };
    let report = export(project, &options)?;
    if !quiet {
        super::print(&format!(
            "export {locale}: {} message(s), {} translated, {} fuzzy; {} file(s), {} written -> {}\n",
            report.entries,
            report.translated,
            report.fuzzy,
            report.files.len(),
            report.written,
            project.shown(&options.out).display()
        ));
    }
    Ok(super::finish(&report.errors, &report.warnings))
}
