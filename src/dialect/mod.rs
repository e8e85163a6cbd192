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
//! by name: [`COMMONMARK`], [`MKDOCS`], [`DOCUSAURUS`], [`HUGO`],
//! [`JEKYLL`] and [`MDBOOK`] (see DESIGN.md, "Site generators").
//! [`site`] finds a project's generator and reads its configuration.
//!
//! What a generator's configuration switches on (MkDocs' Markdown
//! extensions, Hugo's id type) is not in the table: it is an
//! [`Extensions`] set read from the site's configuration, handed to the
//! table's functions, with the site's own prose parameters
//! ([`ProseParameters`]).

pub mod commonmark;
pub mod docusaurus;
pub mod generators;
pub mod mkdocs;
pub mod site;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use commonmark::COMMONMARK;
pub use docusaurus::DOCUSAURUS;
pub use generators::{HUGO, JEKYLL, MDBOOK};
pub use mkdocs::MKDOCS;

/// The dialects fluentmark knows, by their `dialect = "…"` name.
pub const ALL: &[&Dialect] = &[&COMMONMARK, &MKDOCS, &DOCUSAURUS, &HUGO, &JEKYLL, &MDBOOK];

/// What fluentmark needs to know about a site generator.
pub struct Dialect {
    /// The name in `fluentmark.toml` (`dialect = "commonmark"`).
    pub name: &'static str,
    /// File extensions (without the dot) of the files that are pages.
    pub page_extensions: &'static [&'static str],
    /// Regular expressions of inline spans that are placeables in every
    /// page (shortcodes, template tags); a project's `protect` adds to them.
    pub protect: &'static [&'static str],
    /// The bytes every match of [`Dialect::protect`] starts with (one or
    /// two; none: not known): a text without them has nothing to protect,
    /// and the search is not started.
    pub protect_first_bytes: &'static [u8],
    /// The heading id the generator derives from a heading's plain text,
    /// with `extensions` on.
    pub heading_id: fn(&str, Extensions) -> String,
    /// A heading's tail (what follows its text on the line: a closing
    /// `##`, an attribute block) with an explicit id written into it.
    pub with_heading_id: fn(tail: &str, id: &str, extensions: Extensions) -> String,
    /// Where a localized page goes: from the output folder, the locale and
    /// the page's path under `content_dir`.
    pub output_path: fn(output_dir: &Path, locale: &str, page: &Path) -> PathBuf,
    /// The folder a locale's pages go into (where `output_path` puts
    /// them): never read as pages.
    pub locale_root: fn(output_dir: &Path, locale: &str) -> PathBuf,
    /// Whether `build` copies the content folder's other files (images,
    /// includes) into each locale's pages, where the generator resolves
    /// relative paths from a localized page.
    pub copy_assets: bool,
    /// Front matter keys translated without being listed in
    /// `[front_matter] translate` (`title`, `description`…).
    pub front_matter_keys: &'static [&'static str],
    /// The generator's own block syntax, found before the Markdown parser
    /// reads the page (admonitions, tabs): what the parser must not see,
    /// and the texts outside the Markdown flow that are messages (titles).
    /// `None`: the page is Markdown as it is.
    pub prepare: Option<Prepare>,
    /// The id a heading gets when `id` (derived from its text) is taken
    /// already (`used`: every id so far, explicit ones first), or `None`
    /// where the generator does not make ids unique.
    pub unique_id: Option<fn(id: String, used: &mut HashSet<String>) -> String>,
    /// How explicit ids take part when ids are made unique.
    pub explicit_ids: ExplicitIds,
    /// The extension flag that makes definition lists (`Term` +
    /// `:   definition`) syntax, if the generator has them.
    pub definition_lists: Option<u32>,
    /// Whether a line of a translation, at a line's start in a paragraph,
    /// would open one of the generator's own blocks (and must be escaped).
    pub opens_block: fn(line: &str) -> bool,
    /// Inline markup of the generator's that CommonMark reads as text
    /// (`==mark==`, `^^insert^^`): `check` counts each like emphasis.
    pub inline_marks: &'static [&'static str],
    /// Escapes a translation's text (a line of it) for the generator's
    /// parser, beyond Markdown's own escapes (MDX: `{`, `}`, `<`).
    pub inline_escape: Option<fn(&str) -> std::borrow::Cow<'_, str>>,
    /// Why a translation's text (placeables filled in, as build writes
    /// it) would not be read by the generator's parser, if it would not
    /// (MDX: tags not closed in order).
    pub syntax_error: Option<fn(&str) -> Option<String>>,
    /// Where, in a protected span (an inline JSX tag), there is prose to
    /// translate (its `title="…"`), relative to the span.
    pub text_in_tag: Option<TextInTag>,
    /// How a quote is written inside a string attribute or parameter of
    /// that quote (`&quot;` in JSX, `\"` in a Hugo shortcode).
    pub quote_escape: fn(char) -> &'static str,
    /// How a hard line break is written where a backslash before the line
    /// break is not one for the generator's parser (`None`: it is).
    pub hard_break: Option<&'static str>,
    /// The ASCII punctuation a backslash escapes for the generator's
    /// parser (`None`: all of it, as CommonMark). Any other character that
    /// must not open a block is written as a numeric character reference.
    pub backslash_escapes: Option<&'static [u8]>,
    /// [`Dialect::protect`] as one expression, built on first use
    /// (`OnceLock::new()` in a dialect's table; private, so dialects are
    /// written in this module's children).
    joined_protect: OnceLock<String>,
}

/// The texts a dialect's `prepare` finds in `page` (tests of the dialects).
#[cfg(test)]
pub(crate) fn own_texts(prepare: Prepare, page: &str) -> Vec<&str> {
    prepare(page, 0, Extensions::ALL, &NO_PROSE_PARAMETERS)
        .texts
        .into_iter()
        .map(|t| &page[t.range])
        .collect()
}

/// The page as a dialect's `prepare` masks it for the parser (tests of
/// the dialects).
#[cfg(test)]
pub(crate) fn masked_by(prepare: Prepare, page: &str) -> String {
    prepare(page, 0, Extensions::ALL, &NO_PROSE_PARAMETERS)
        .masked
        .unwrap_or_else(|| page.to_string())
}

/// A quote as an HTML character reference (`&quot;`, `&#39;`).
pub fn html_quote(quote: char) -> &'static str {
    if quote == '"' { "&quot;" } else { "&#39;" }
}

/// How a generator's explicit heading ids take part when it makes ids
/// unique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExplicitIds {
    /// Reserved before any id is made (Python-Markdown's toc): an explicit
    /// `a` anywhere makes a heading `A` get `a_1`.
    Reserved,
    /// Taken in page order (Goldmark, kramdown, mdBook).
    InOrder,
    /// Passed by (github-slugger in Docusaurus): an explicit `a` does not
    /// make a later `A` heading `a-1`.
    Bypass,
}

/// Where prose is inside a protected span (see [`Dialect::text_in_tag`]),
/// with the site's own prose parameters.
pub type TextInTag = fn(&str, &ProseParameters) -> Vec<Range<usize>>;

/// Finds a dialect's block syntax (see [`Dialect::prepare`]).
pub type Prepare = fn(page: &str, base: usize, Extensions, &ProseParameters) -> Prepared;

/// Per shortcode (or component) name, parameters whose values are prose,
/// besides the dialect's own (`[hugo.shortcodes] alert = ["summary"]`).
pub type ProseParameters = std::collections::BTreeMap<String, Vec<String>>;

/// No parameters of the site's own.
pub static NO_PROSE_PARAMETERS: ProseParameters = ProseParameters::new();

/// What a dialect found in a page before the Markdown parser reads it.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The page with the generator's block markup (markers, option lines,
    /// include lines) replaced by what CommonMark reads as the same
    /// structure without text, byte for byte the same length; `None` when
    /// the page has none.
    pub masked: Option<String>,
    /// Texts outside the Markdown flow that are messages, in page order.
    pub texts: Vec<OwnText>,
    /// Where a line starts that the generator reads as a new paragraph but
    /// CommonMark as the previous one's continuation (the first line after
    /// an indented body, not indented): a message ends before it. Sorted.
    pub breaks: Vec<usize>,
}

/// A text of the generator's syntax that is a message: a title, a label,
/// an abbreviation's expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnText {
    /// Where it is in the page (empty for a default title: where one goes).
    pub range: Range<usize>,
    /// The text the generator shows when the page has none (`Tip` for a
    /// `/// tip` block), written with `before` and `after` around the
    /// translation; `None` for a text of the page.
    pub default: Option<DefaultText>,
    /// The quote around the text when it is a string attribute
    /// (`label="…"`): the translation must not close it.
    pub quote: Option<char>,
    /// The attribute is an HTML element's (its quote written as a
    /// character reference whatever the dialect's own strings want).
    pub html: bool,
}

/// A text the generator shows without it being in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultText {
    /// The text shown.
    pub text: String,
    /// Written before a translation (` | `, ` "`).
    pub before: &'static str,
    /// Written after it (`"`).
    pub after: &'static str,
}

/// The generator's syntax extensions that are on (MkDocs'
/// `markdown_extensions`), as a set of flags: the low 16 bits switch
/// syntax on, the high 16 bits are settings (MkDocs' slug function), off
/// by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Extensions(pub u32);

impl Extensions {
    /// Nothing on.
    pub const NONE: Extensions = Extensions(0);
    /// Everything the dialects know, on, with default settings (a site
    /// whose configuration cannot be read).
    pub const ALL: Extensions = Extensions(0xFFFF);

    /// Whether `flag` is on.
    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

impl Default for Extensions {
    fn default() -> Self {
        Extensions::ALL
    }
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

    /// The heading id of a heading whose plain text is `text` (every
    /// extension on).
    pub fn heading_id(&self, text: &str) -> String {
        (self.heading_id)(text, Extensions::ALL)
    }

    /// The heading id of a heading whose plain text is `text`, with
    /// `extensions` on.
    pub fn heading_id_with(&self, text: &str, extensions: Extensions) -> String {
        (self.heading_id)(text, extensions)
    }

    /// A heading's `tail` with the explicit id `id` added.
    pub fn with_heading_id(&self, tail: &str, id: &str) -> String {
        (self.with_heading_id)(tail, id, Extensions::ALL)
    }

    /// A heading's `tail` with the explicit id `id` added, as the site's
    /// settings (`extensions`) want it written.
    pub fn with_heading_id_in(&self, tail: &str, id: &str, extensions: Extensions) -> String {
        (self.with_heading_id)(tail, id, extensions)
    }

    /// Whether the generator reads localized pages from beside or around
    /// the source pages (`docs/fr/`, `page.fr.md`, `content/fr/` beside
    /// `content/en/`, `src-fr/` beside `src/`): the output folder may then
    /// hold the content folder, and the page walk skips each locale's.
    pub fn locales_beside_pages(&self) -> bool {
        [&MKDOCS, &HUGO, &JEKYLL, &MDBOOK].contains(&self)
    }

    /// Whether `c`, escaped with a backslash, is that character for the
    /// generator's parser.
    pub fn escapes(&self, c: u8) -> bool {
        match self.backslash_escapes {
            Some(set) => set.contains(&c),
            None => c.is_ascii_punctuation(),
        }
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
