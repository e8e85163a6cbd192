//! `fluentmark extract`.

use std::fmt::Write as _;
use std::process::ExitCode;

use fluentmark::extract::ExtractOptions;
use fluentmark::project::Project;

/// Extracts every page and prints a summary: one line for the source
/// catalogs, one per locale.
pub fn run(project: &Project, options: ExtractOptions, quiet: bool) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let report = {
        let bar = super::progress::Bar::for_run(quiet);
        fluentmark::extract::extract_with(project, options, bar.as_ref())?
    };
    if !quiet {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "extract {}: {} page(s) ({} unchanged), {} message(s) in {:.2} s; {} catalog(s) written, {} removed -> {}",
            project.config.source_locale,
            report.pages,
            report.unchanged,
            report.messages,
            start.elapsed().as_secs_f64(),
            report.written,
            report.removed,
            project.locale_dir(&project.config.source_locale).display()
        );
        for (locale, l) in &report.locales {
            let s = &l.stats;
            let pruned = if options.prune {
                format!(", {} pruned", s.pruned)
            } else {
                String::new()
            };
            let _ = writeln!(
                text,
                "extract {locale}: {} new (untranslated), {} fuzzy, {} obsolete, {} unchanged{pruned} in the changed pages; {} catalog(s) written",
                s.missing, s.fuzzy, s.obsoleted, s.unchanged, l.written
            );
        }
        super::print(&text);
    }
    Ok(super::finish(&report.errors, &report.warnings))
}
