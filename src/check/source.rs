//! A page's source messages, as `check` compares translations with them.
//!
//! The source catalog must be what `extract` would write now: it is when
//! its stamp is the page's fingerprint (what `extract` checks). Its
//! messages are then the page's, and reading them back spares segmenting
//! the page, a third of `check`; the page is parsed only when the catalog
//! is stale or does not read back without doubt (and then a stale catalog
//! is a finding).

use std::cell::OnceCell;
use std::path::Path;

use crate::catalog::{FORMAT, SourceEntry};
use crate::page::Page;
use crate::project::Project;
use crate::store::{self, PageFile};

use super::{Code, Diagnostic, Findings, Severity};

/// A page's source messages, and the page for where they are.
pub(super) struct PageSource<'p> {
    project: &'p Project,
    file: PageFile,
    /// The messages, in page order.
    pub(super) entries: Vec<SourceEntry>,
    /// The page, parsed when it had to be (or on first use).
    parsed: OnceCell<Option<Page>>,
    /// Where each message's first occurrence starts, by ID (built on first
    /// use: a search per missing message was quadratic in a wide table).
    starts: OnceCell<rustc_hash::FxHashMap<String, usize>>,
}

impl<'p> PageSource<'p> {
    /// Reads the messages of page `rel` (named `name` in findings) from its
    /// source catalog, or from the page; `None`, with a finding, if the
    /// page cannot be read or parsed.
    pub(super) fn read(
        project: &'p Project,
        out: &mut Findings<'_>,
        rel: &Path,
        name: &str,
    ) -> Option<PageSource<'p>> {
        let file = match PageFile::read(project, rel) {
            Ok(file) => file,
            Err(e) => {
                out.error_as_finding(&e);
                return None;
            }
        };
        let catalog_path = project.catalog_path(&project.config.source_locale, rel);
        let catalog = store::read_source_catalog_bytes(project.files(), &catalog_path)
            .unwrap_or_else(|e| {
                out.error_as_finding(&e);
                None
            });
        let text = catalog.as_deref().and_then(|b| crate::error::utf8(b).ok());
        let fingerprint = file.fingerprint(project);
        let mut source = PageSource {
            project,
            file,
            entries: Vec::new(),
            parsed: OnceCell::new(),
            starts: OnceCell::new(),
        };
        if let Some(entries) = text.and_then(|c| FORMAT.read_source_catalog(c, fingerprint)) {
            source.entries = entries;
            return Some(source);
        }
        let page = match source.file.parse(project) {
            Ok((page, _)) => page,
            Err(e) => {
                out.error_as_finding(&e);
                return None;
            }
        };
        // (The stamp alone, as extract reads it, even if the rest is not
        // UTF-8: extract would skip the page.)
        let up_to_date = catalog
            .as_deref()
            .is_some_and(|b| FORMAT.stamped_messages(b, fingerprint).is_some())
            || text.is_some_and(|c| c == FORMAT.source_catalog(name, &page));
        if !up_to_date {
            out.push(
                Diagnostic::new(
                    project.shown(&catalog_path),
                    Severity::Error,
                    Code::SourceOutOfDate,
                    format!("the source catalog does not match {name}"),
                    "run `fluentmark extract` and commit the catalogs",
                )
                .locale(&project.config.source_locale)
                .page(name),
            );
        }
        source.entries = page.messages.iter().map(SourceEntry::of).collect();
        let _ = source.parsed.set(Some(page));
        Some(source)
    }

    /// Line and column of message `id`'s first occurrence in the page, for
    /// findings about it (the page is parsed on first use if the catalog
    /// gave the messages); 1:1 if it cannot be found.
    pub(super) fn position(&self, id: &str) -> (usize, usize) {
        let Some(page) = self
            .parsed
            .get_or_init(|| self.file.parse(self.project).ok().map(|(p, _)| p))
        else {
            return (1, 1);
        };
        let starts = self.starts.get_or_init(|| {
            page.messages
                .iter()
                .filter_map(|m| Some((m.id.clone(), m.occurrences.first()?.range.start)))
                .collect()
        });
        starts.get(id).map_or((1, 1), |&at| page.line_col(at))
    }
}
