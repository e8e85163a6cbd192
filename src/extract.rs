//! `extract`: pages in, source catalogs out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::catalog::source_catalog;
use crate::error::{Error, Result};
use crate::fsutil::write_if_changed;
use crate::page::Page;
use crate::project::Project;

/// What `extract` did.
#[derive(Debug, Default)]
pub struct ExtractReport {
    /// Pages read.
    pub pages: usize,
    /// Messages in all source catalogs.
    pub messages: usize,
    /// Catalogs written (new or changed).
    pub written: usize,
    /// Source catalogs removed because their page is gone.
    pub removed: usize,
    /// Pages or catalogs that failed; the others were processed.
    pub errors: Vec<Error>,
    /// Problems that did not stop a page.
    pub warnings: Vec<Error>,
}

/// Reads a page from the content folder.
pub fn read_page(project: &Project, rel: &Path) -> Result<(Page, Vec<Error>)> {
    let path = project.content_dir().join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let at = |e: crate::page::PageError| Error::At {
        path: path.clone(),
        line: e.line,
        column: None,
        message: e.message,
    };
    let page = Page::parse(&bytes, project.page_options()).map_err(at)?;
    let warnings = page.warnings.iter().cloned().map(at).collect();
    Ok((page, warnings))
}

/// Runs `extract` over the whole project.
pub fn extract(project: &Project) -> Result<ExtractReport> {
    let (pages, walk_errors) = project.pages()?;
    let mut report = ExtractReport {
        errors: walk_errors,
        ..ExtractReport::default()
    };
    let source = &project.config.source_locale;
    let mut live: BTreeSet<PathBuf> = BTreeSet::new();
    for rel in &pages {
        let catalog_path = project.catalog_path(source, rel);
        if !live.insert(catalog_path.clone()) {
            report.errors.push(Error::Config {
                path: project.content_dir().join(rel),
                message: format!(
                    "another page already uses the catalog {}: rename one of the two pages",
                    catalog_path.display()
                ),
            });
            continue;
        }
        let (page, warnings) = match read_page(project, rel) {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(warnings);
        report.pages += 1;
        report.messages += page.messages.len();
        let text = source_catalog(&display_path(rel), &page);
        match write_if_changed(&catalog_path, text.as_bytes()) {
            Ok(true) => report.written += 1,
            Ok(false) => {}
            Err(e) => report.errors.push(Error::io(&catalog_path, e)),
        }
    }
    // A source catalog whose page is gone is regenerated state: remove it.
    let dir = project.locale_dir(source);
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            if entry.file_type().is_file()
                && path.extension().is_some_and(|e| e == "ftl")
                && !live.contains(path)
            {
                match std::fs::remove_file(path) {
                    Ok(()) => report.removed += 1,
                    Err(e) => report.errors.push(Error::io(path, e)),
                }
            }
        }
    }
    Ok(report)
}

/// A relative path with `/` separators, for catalogs and messages.
pub fn display_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
