//! `fluentmark build`.

use std::fmt::Write as _;
use std::process::ExitCode;

use std::path::{Path, PathBuf};

use fluentmark::build::BuildOptions;
use fluentmark::project::Project;

use super::count;
use super::watch::{Change, absolute};

/// Builds localized pages and prints where they went.
pub fn run(
    project: &Project,
    locales: &[String],
    options: BuildOptions,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let report = {
        let bar = super::progress::Bar::for_run(quiet);
        fluentmark::build::build_with(project, locales, options, bar.as_ref())?
    };
    if !quiet {
        let mut text = String::new();
        let _ = write!(
            text,
            "build: {} page(s) x {} locale(s) in {:.2} s",
            count(report.pages),
            report.locales.len(),
            start.elapsed().as_secs_f64()
        );
        let pages: usize = report.locales.values().map(|s| s.pages).sum();
        let unchanged: usize = report.locales.values().map(|s| s.unchanged).sum();
        if unchanged > 0 {
            let _ = write!(
                text,
                ": {} page(s) built, {} unchanged (skipped; `--force` builds them too)",
                count(pages - unchanged),
                count(unchanged)
            );
        }
        text.push('\n');
        for (locale, s) in &report.locales {
            let total = s.translated + s.untranslated;
            let mut extra = String::new();
            if s.unchanged > 0 {
                extra.push_str(&format!(", {} unchanged (skipped)", count(s.unchanged)));
            }
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

/// Watches the pages, the catalogs and `fluentmark.toml`, and rebuilds
/// what a saved file changes: a page for every locale, a catalog's page
/// for its locale, a glossary's locale, everything for the settings
/// (pages whose inputs did not change are skipped, as by `build`). One
/// line per rebuild.
pub fn watch(root: &Path, project: Project, locales: &[String]) -> anyhow::Result<ExitCode> {
    let folders = [project.content_dir(), project.locale_dir("")];
    super::watch::watch(root, project, &folders, |project, change, start| {
        let paths = match change {
            Change::Settings => {
                let report = fluentmark::build::build(project, locales)?;
                rebuilt(&report, start, "settings changed");
                return Ok(());
            }
            Change::Files(paths) => paths,
        };
        let (pages, mut for_locales) = affected(project, &paths);
        if pages.is_empty() {
            return Ok(());
        }
        if for_locales.is_empty() || !locales.is_empty() {
            for_locales = locales.to_vec();
        }
        let report = fluentmark::build::build_pages(project, &for_locales, &pages)?;
        let what = if pages.len() > 3 {
            format!("{} pages", pages.len())
        } else {
            let shown: Vec<String> = pages.iter().map(|p| p.display().to_string()).collect();
            shown.join(", ")
        };
        rebuilt(&report, start, &what);
        Ok(())
    })
}

/// The pages (relative to `content_dir`) that changed `paths` concern, and
/// the locales: empty for a page (every locale), the catalogs' locales
/// when only catalogs changed. A glossary concerns every page of its
/// locale (the source locale's: of every locale).
fn affected(project: &Project, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let content = absolute(&project.content_dir());
    let catalogs = absolute(&project.locale_dir(""));
    let mut pages = std::collections::BTreeSet::new();
    let mut locales = std::collections::BTreeSet::new();
    let mut page_changed = false;
    let all = fluentmark::store::pages(project)
        .map(|w| w.pages)
        .unwrap_or_default();
    for path in paths {
        let path = absolute(path);
        if let Ok(rel) = path.strip_prefix(&content)
            && project.dialect().is_page(rel)
            && all.iter().any(|p| p == rel)
        {
            pages.insert(rel.to_path_buf());
            page_changed = true;
        } else if let Ok(rel) = path.strip_prefix(&catalogs) {
            let mut parts = rel.components();
            let Some(locale) = parts
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
            else {
                continue;
            };
            // The configured locales that read this locale's files: itself
            // and those falling back to it (`fr-CA` to `fr`).
            let readers: Vec<&String> = (project.config.locales.iter())
                .filter(|l| project.fallback_chain(l).contains(&locale))
                .collect();
            let glossary = path == absolute(&project.glossary_path(&locale));
            if glossary && locale == project.config.source_locale {
                pages.extend(all.iter().cloned());
                page_changed = true;
                continue;
            }
            if readers.is_empty() {
                continue;
            }
            let catalog = parts.as_path();
            if glossary {
                pages.extend(all.iter().cloned());
            } else if let Some(page) = all
                .iter()
                .find(|p| fluentmark::catalog::catalog_name(p) == catalog)
            {
                pages.insert(page.clone());
            } else {
                continue;
            }
            locales.extend(readers.into_iter().cloned());
        }
    }
    let locales = if page_changed {
        Vec::new()
    } else {
        locales.into_iter().collect()
    };
    (pages.into_iter().collect(), locales)
}

/// One line for a rebuild, and its problems.
fn rebuilt(report: &fluentmark::build::BuildReport, start: std::time::Instant, what: &str) {
    let written: usize = report.locales.values().map(|s| s.written).sum();
    let unchanged: usize = report.locales.values().map(|s| s.unchanged).sum();
    let locales: Vec<&str> = report.locales.keys().map(String::as_str).collect();
    let mut line = format!(
        "rebuilt {what} for {} in {} ms: {} page(s) written",
        locales.join(", "),
        start.elapsed().as_millis(),
        count(written)
    );
    if unchanged > 0 {
        line.push_str(&format!(", {} unchanged (skipped)", count(unchanged)));
    }
    line.push('\n');
    line.push_str(&super::watch::problems(&report.errors, &report.warnings));
    super::print(&line);
}
