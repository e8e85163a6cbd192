//! Dialects: what a site generator adds to Markdown and where it wants
//! localized pages.
//!
//! A docs site is never plain CommonMark: each generator has its own
//! inline syntax that translators must not touch, computes heading ids its
//! own way and reads translations from its own layout. The segmenter
//! ([`crate::markdown::segment`]), the splicer ([`crate::markdown::rebuild`])
//! and the project ([`crate::project`]) ask the project's [`Dialect`]
//! instead of holding one generator's syntax themselves.
//!
//! A dialect is a table of capabilities (data and plain functions), so it
//! is `'static`, cheap to copy into every heading occurrence and compared
//! by name. Only [`COMMONMARK`] exists yet; mkdocs, docusaurus, hugo,
//! jekyll and mdbook come next (see DESIGN.md, "Site generators").

pub mod commonmark;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use commonmark::COMMONMARK;

/// The dialects fluentmark knows, by their `dialect = "…"` name.
pub const ALL: &[&Dialect] = &[&COMMONMARK];

/// What fluentmark needs to know about a site generator.
pub struct Dialect {
    /// The name in `fluentmark.toml` (`dialect = "commonmark"`).
    pub name: &'static str,
    /// File extensions (without the dot) of the files that are pages.
    pub page_extensions: &'static [&'static str],
    /// Regular expressions of inline spans that are placeables in every
    /// page (shortcodes, template tags); a project's `protect` adds to them.
    pub protect: &'static [&'static str],
    /// The byte every match of [`Dialect::protect`] starts with, if there
    /// is one: a text without it has nothing to protect, and the search is
    /// not started.
    pub protect_first_byte: Option<u8>,
    /// The heading id the generator derives from a heading's plain text.
    pub heading_id: fn(&str) -> String,
    /// A heading's tail (what follows its text on the line: a closing
    /// `##`, an attribute block) with an explicit id written into it.
    pub with_heading_id: fn(tail: &str, id: &str) -> String,
    /// Where a localized page goes: from the output folder, the locale and
    /// the page's path under `content_dir`.
    pub output_path: fn(output_dir: &Path, locale: &str, page: &Path) -> PathBuf,
    /// Front matter keys translated without being listed in
    /// `[front_matter] translate` (`title`, `description`…).
    pub front_matter_keys: &'static [&'static str],
    /// Containers whose body is Markdown, to be segmented like the page
    /// (admonitions, tabs, JSX children). The hook for the next dialects:
    /// the segmenter does not read it yet, since CommonMark has none.
    pub markdown_containers: &'static [Container],
    /// [`Dialect::protect`] as one expression, built on first use
    /// (`OnceLock::new()` in a dialect's table; private, so dialects are
    /// written in this module's children).
    joined_protect: OnceLock<String>,
}

/// A container whose body is Markdown: the line that opens it and the one
/// that closes it (`None`: indentation ends it, as MkDocs admonitions).
#[derive(Debug)]
pub struct Container {
    /// What opens the container at a line's start (`!!!`, `:::`).
    pub opens: &'static str,
    /// What closes it at a line's start.
    pub closes: Option<&'static str>,
}

impl Dialect {
    /// The dialect named `name` in `fluentmark.toml`.
    pub fn by_name(name: &str) -> Option<&'static Dialect> {
        ALL.iter().copied().find(|d| d.name == name)
    }

    /// Whether the file at `path` is a page.
    pub fn is_page(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.page_extensions.contains(&e))
    }

    /// The protected patterns as one expression, as a project's protect
    /// expression starts (and is, without `protect` in the config).
    pub fn default_protect(&self) -> &str {
        self.joined_protect.get_or_init(|| {
            self.protect
                .iter()
                .map(|p| format!("(?s:{p})"))
                .collect::<Vec<_>>()
                .join("|")
        })
    }

    /// The heading id of a heading whose plain text is `text`.
    pub fn heading_id(&self, text: &str) -> String {
        (self.heading_id)(text)
    }

    /// A heading's `tail` with the explicit id `id` added.
    pub fn with_heading_id(&self, tail: &str, id: &str) -> String {
        (self.with_heading_id)(tail, id)
    }

    /// Where `build` writes `page` for `locale`.
    pub fn output_path(&self, output_dir: &Path, locale: &str, page: &Path) -> PathBuf {
        (self.output_path)(output_dir, locale, page)
    }
}

impl std::fmt::Debug for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dialect({})", self.name)
    }
}

/// Dialects are told apart by name (there is one of each).
impl PartialEq for Dialect {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Dialect {}
