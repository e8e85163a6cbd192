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

/// Watches the pages and `fluentmark.toml`, and extracts again when one
/// is saved: the whole project, where unchanged pages are skipped by
/// their fingerprint, so that a page renamed or deleted is handled as
/// `extract` handles it. The catalogs are not watched (extract writes
/// them). One line per extraction.
pub fn watch(
    root: &std::path::Path,
    project: Project,
    options: ExtractOptions,
) -> anyhow::Result<ExitCode> {
    let folders = [project.content_dir()];
    super::watch::watch(root, project, &folders, |project, change, start| {
        let what = match change {
            super::watch::Change::Settings => "settings changed".to_string(),
            super::watch::Change::Files(paths) => {
                let pages = saved_pages(project, &paths);
                match pages.len() {
                    0 => return Ok(()),
                    1..=3 => pages.join(", "),
                    n => format!("{n} pages"),
                }
            }
        };
        let report = fluentmark::extract::extract(project, options)?;
        let mut line = format!(
            "extracted {what} in {} ms: {} page(s) changed, {} catalog(s) written",
            start.elapsed().as_millis(),
            report.pages - report.unchanged,
            report.written + report.locales.values().map(|l| l.written).sum::<usize>()
        );
        if report.removed > 0 {
            let _ = write!(line, ", {} removed (their page is gone)", report.removed);
        }
        for (locale, l) in &report.locales {
            let s = &l.stats;
            if s.missing + s.fuzzy + s.obsoleted > 0 {
                let _ = write!(
                    line,
                    "; {locale}: {} to translate, {} to review, {} obsolete",
                    s.missing, s.fuzzy, s.obsoleted
                );
            }
        }
        line.push('\n');
        line.push_str(&super::watch::problems(&report.errors, &report.warnings));
        super::print(&line);
        Ok(())
    })
}

/// The saved `paths` that are pages (relative to `content_dir`, as
/// shown): a source page, or a page's path that is gone (deleted or
/// renamed), but not a page `build` wrote there.
fn saved_pages(project: &Project, paths: &[std::path::PathBuf]) -> Vec<String> {
    let content = super::watch::absolute(&project.content_dir());
    let all = fluentmark::store::pages(project)
        .map(|w| w.pages)
        .unwrap_or_default();
    let mut pages: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            let abs = super::watch::absolute(path);
            let rel = abs.strip_prefix(&content).ok()?;
            let page = all.iter().any(|p| p == rel)
                || (project.dialect().is_page(rel)
                    && !abs.exists()
                    && !project.is_localized_page(rel));
            page.then(|| fluentmark::store::display_path(rel))
        })
        .collect();
    pages.sort();
    pages.dedup();
    pages
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
