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
            let _ = writeln!(
                text,
                "extract {locale}: {}",
                locale_summary(
                    &l.stats,
                    l.written,
                    &project.locale_dir(locale),
                    options.prune
                )
            );
        }
        super::print(&text);
    }
    Ok(super::finish(&report.errors, &report.warnings))
}

/// What changed for a locale, in plain words, and what to do next.
fn locale_summary(
    s: &fluentmark::catalog::merge::MergeStats,
    written: usize,
    dir: &std::path::Path,
    prune: bool,
) -> String {
    let mut parts = Vec::new();
    if s.missing > 0 {
        parts.push(format!(
            "{} new message(s) to translate in {}/",
            s.missing,
            dir.display()
        ));
    }
    if s.fuzzy > 0 {
        parts.push(format!(
            "{} translation(s) to review (marked `# fuzzy`: their source text changed)",
            s.fuzzy
        ));
    }
    if s.obsoleted > 0 {
        parts.push(format!(
            "{} translation(s) of removed text kept under `## Obsolete` (`--prune` removes them)",
            s.obsoleted
        ));
    }
    if prune && s.pruned > 0 {
        parts.push(format!("{} obsolete translation(s) removed", s.pruned));
    }
    if s.unchanged > 0 {
        parts.push(format!("{} translation(s) kept as they were", s.unchanged));
    }
    if parts.is_empty() {
        parts.push("nothing new to translate (`fluentmark status` shows what is left)".to_string());
    }
    format!("{}; {written} catalog(s) written", parts.join(", "))
}
