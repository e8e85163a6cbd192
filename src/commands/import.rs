//! `fluentmark import`.

use std::path::PathBuf;
use std::process::ExitCode;

use fluentmark::exchange::{ImportOptions, import};
use fluentmark::project::Project;
use fluentmark::report::printable;

/// Imports PO files, prints the entries not applied and a summary; exit 1
/// when an entry was refused, 2 when a file could not be read.
pub fn run(
    project: &Project,
    locale: &str,
    files: &[PathBuf],
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let options = ImportOptions {
        locale: locale.to_string(),
        files: files.to_vec(),
    };
    let report = import(project, &options)?;
    let mut text = String::new();
    for d in &report.diagnostics {
        // (Each field made printable, not the line breaks between them.)
        let file = d.file.display().to_string();
        text.push_str(&format!(
            "{}:{}: {}[{}]: {}\n  hint: {}\n",
            printable(&file),
            d.line,
            d.severity,
            d.code,
            printable(&d.message),
            printable(&d.hint)
        ));
    }
    super::eprint(&text);
    if !quiet {
        super::print(&format!(
            "import {locale}: {} translation(s) applied ({} fuzzy), {} unchanged, {} refused; {} catalog(s) written\n",
            report.applied,
            report.fuzzy,
            report.unchanged,
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == fluentmark::Severity::Error)
                .count(),
            report.catalogs.len()
        ));
    }
    let code = super::finish(&report.errors, &[]);
    if code == ExitCode::SUCCESS && report.failed() {
        return Ok(ExitCode::from(1));
    }
    Ok(code)
}
