//! `fluentmark build`.

use std::fmt::Write as _;
use std::process::ExitCode;

use std::path::{Path, PathBuf};

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

/// Watches the pages, the catalogs and `fluentmark.toml`, and rebuilds
/// what a saved file changes: a page for every locale, a catalog's page
/// for its locale, everything for the settings. One line per rebuild.
pub fn watch(root: &Path, project: Project, locales: &[String]) -> anyhow::Result<ExitCode> {
    use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(std::time::Duration::from_millis(50), tx)
        .map_err(|e| anyhow::anyhow!("cannot watch the project: {e}"))?;
    let config = root.join(fluentmark::project::CONFIG_FILE);
    let watched = [
        project.content_dir(),
        project.locale_dir(""),
        config.clone(),
    ];
    for path in &watched {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer
            .watcher()
            .watch(path, mode)
            .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", path.display()))?;
    }
    super::print(&format!(
        "watching {} and {} (Ctrl-C to stop)\n",
        project.content_dir().display(),
        project.locale_dir("").display()
    ));
    let mut project = project;
    // What each file was when last acted on: reading a file (as a rebuild
    // does) is an event too, and must not start another rebuild.
    let mut seen: std::collections::HashMap<PathBuf, Option<(std::time::SystemTime, u64)>> =
        std::collections::HashMap::new();
    for events in rx {
        let Ok(events) = events else { continue };
        let start = std::time::Instant::now();
        let paths: Vec<PathBuf> = events
            .into_iter()
            .map(|e| e.path)
            .filter(|p| {
                let now = std::fs::symlink_metadata(p)
                    .ok()
                    .map(|m| (m.modified().unwrap_or(std::time::UNIX_EPOCH), m.len()));
                seen.insert(p.clone(), now) != Some(now)
            })
            .collect();
        if paths
            .iter()
            .any(|p| p.ends_with(fluentmark::project::CONFIG_FILE))
        {
            match Project::load(root) {
                Ok(p) => project = p,
                Err(e) => {
                    super::eprint(&format!("error: {e}\n"));
                    continue;
                }
            }
            let report = fluentmark::build::build(&project, locales)?;
            rebuilt(&report, start, "settings changed");
            continue;
        }
        let (pages, mut for_locales) = affected(&project, &paths);
        if pages.is_empty() {
            continue;
        }
        if for_locales.is_empty() || !locales.is_empty() {
            for_locales = locales.to_vec();
        }
        let report = fluentmark::build::build_pages(&project, &for_locales, &pages)?;
        let what = pages
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        rebuilt(&report, start, &what);
    }
    Ok(ExitCode::SUCCESS)
}

/// The pages (relative to `content_dir`) that changed `paths` concern, and
/// the locales: empty for a page (every locale), the catalogs' locales
/// when only catalogs changed.
fn affected(project: &Project, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let content = std::path::absolute(project.content_dir()).unwrap_or(project.content_dir());
    let catalogs = std::path::absolute(project.locale_dir("")).unwrap_or(project.locale_dir(""));
    let mut pages = std::collections::BTreeSet::new();
    let mut locales = std::collections::BTreeSet::new();
    let mut page_changed = false;
    let all = fluentmark::store::pages(project)
        .map(|w| w.pages)
        .unwrap_or_default();
    for path in paths {
        let path = std::path::absolute(path).unwrap_or(path.clone());
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
            if !project.config.locales.contains(&locale) {
                continue;
            }
            let catalog = parts.as_path();
            if let Some(page) = all
                .iter()
                .find(|p| fluentmark::catalog::catalog_name(p) == catalog)
            {
                pages.insert(page.clone());
                locales.insert(locale);
            }
        }
    }
    let locales = if page_changed {
        Vec::new()
    } else {
        locales.into_iter().collect()
    };
    (pages.into_iter().collect(), locales)
}

/// One line for a rebuild.
fn rebuilt(report: &fluentmark::build::BuildReport, start: std::time::Instant, what: &str) {
    let written: usize = report.locales.values().map(|s| s.written).sum();
    let locales: Vec<&str> = report.locales.keys().map(String::as_str).collect();
    let mut line = format!(
        "rebuilt {what} for {} in {} ms: {written} page(s) written\n",
        locales.join(", "),
        start.elapsed().as_millis()
    );
    for e in report.errors.iter().chain(&report.warnings) {
        line.push_str(&format!(
            "  {}\n",
            fluentmark::report::printable(&e.to_string())
        ));
    }
    super::print(&line);
}
