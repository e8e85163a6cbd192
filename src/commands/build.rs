//! `fluentmark build`.

use std::fmt::Write as _;
use std::process::ExitCode;

use fluentmark::project::Project;

/// Builds localized pages and prints where they went.
pub fn run(project: &Project, locales: &[String], quiet: bool) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let report = {
        let bar = super::progress::Bar::for_run(quiet);
        fluentmark::build::build_with(project, locales, bar.as_ref())?
    };
    if !quiet {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "build: {} page(s) x {} locale(s) in {:.2} s",
            report.pages,
            report.locales.len(),
            start.elapsed().as_secs_f64()
        );
        for (locale, s) in &report.locales {
            let total = s.translated + s.untranslated;
            let mut extra = String::new();
            if s.skipped > 0 {
                extra.push_str(&format!(", {} below min_coverage not emitted", s.skipped));
            }
            if s.removed > 0 {
                extra.push_str(&format!(", {} removed (their page is gone)", s.removed));
            }
            if s.assets_copied > 0 {
                extra.push_str(&format!(", {} other file(s) copied", s.assets_copied));
            }
            if s.whole_page_fallback > 0 {
                extra.push_str(&format!(
                    ", {} in the source language (fallback = \"page\")",
                    s.whole_page_fallback
                ));
            }
            let _ = writeln!(
                text,
                "build {locale}: {} page(s) -> {} ({} written{extra}), {}/{} message(s) translated",
                s.pages,
                project.output_dir(locale).display(),
                s.written,
                s.translated,
                total
            );
        }
        super::print(&text);
    }
    Ok(super::finish(&report.errors, &report.warnings))
}
