//! Markdown pages: segmentation into messages and rebuilding from translations.
//!
//! Extraction and build must see the same document, so the pulldown-cmark
//! options are set in exactly one place: [`parser_options`].

pub mod rebuild;
pub mod segment;

use std::ops::Range;

use pulldown_cmark::Options;

use crate::dialect::{Dialect, Extensions};
use crate::pattern::ValueIndex;

/// The one set of pulldown-cmark options fluentmark parses pages with.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The options for a page of `dialect` with `extensions` on: the one set,
/// with definition lists where the generator has them.
pub fn dialect_parser_options(dialect: &Dialect, extensions: Extensions) -> Options {
    let mut options = parser_options();
    if dialect
        .definition_lists
        .is_some_and(|flag| extensions.has(flag))
    {
        options |= Options::ENABLE_DEFINITION_LIST;
    }
    options
}

/// The first line break (`\n` or `\r`) in `s`. (A `[char]` pattern
/// decodes every character; this scans bytes, several at a time.)
pub(crate) fn find_eol(s: &str) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', s.as_bytes())
}

/// The last line break (`\n` or `\r`) in `s`.
pub(crate) fn rfind_eol(s: &str) -> Option<usize> {
    memchr::memrchr2(b'\n', b'\r', s.as_bytes())
}

/// Where a message sits in the page, which decides how a translation is
/// written back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, a tight list item's text, a footnote's text: lines may
    /// wrap, continuation lines take the container prefix.
    Paragraph,
    /// A heading's text.
    Heading {
        /// Setext headings (text underlined by `===`/`---`) may span lines.
        setext: bool,
        /// The heading has an explicit `{#id}` already.
        has_id: bool,
        /// The anchor generators derive from the source text.
        slug: String,
        /// The dialect the heading was read in: it derives and writes the
        /// translated heading's id.
        dialect: &'static Dialect,
        /// What follows the text on its line and is kept: a closing `##`,
        /// an attribute block `{.class}`. Part of the occurrence's range.
        tail: String,
    },
    /// A table cell: one line, `|` escaped.
    TableCell,
    /// A text of the generator's own syntax (an admonition's title, a tab's
    /// label, an abbreviation's expansion): one line.
    Title {
        /// Written before the translation: for a title the page does not
        /// have (the generator shows `Tip`), what makes it one (` | `).
        before: &'static str,
        /// Written after it (`"`).
        after: &'static str,
    },
    /// A string attribute's value (`label="…"` of a JSX tag): one line,
    /// its quote written as a character reference.
    Attribute {
        /// The quote around the value.
        quote: char,
        /// An HTML element's attribute (else the dialect's own string).
        html: bool,
    },
    /// A value in the front matter, by its dotted key.
    FrontMatter {
        /// The dotted key path, as configured in `translate`.
        key: String,
    },
}

/// A heading of the page, for dialects whose generator makes ids unique
/// page-wide: what `build` needs to keep every id when translated texts
/// (or explicit ids written for them) shift the generator's counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingSite {
    /// The id the generator gives it in the source page.
    pub id: String,
    /// The id its text gives before it is made unique.
    pub base: String,
    /// Its id is written in the page.
    pub explicit: bool,
    /// Where its message's occurrence starts, if it has a message.
    pub message_at: Option<usize>,
    /// Its tail (part of the occurrence: a closing `##`, an attribute
    /// block).
    pub tail: String,
    /// Where an explicit id goes when it has no message (the end of an
    /// ATX heading's line), if it can have one.
    pub insert_at: Option<usize>,
}

/// One place in the page where a message occurs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Byte range in the page text (after the BOM) that the message replaces.
    pub range: Range<usize>,
    /// What kind of block the text sits in.
    pub block: Block,
    /// What each continuation line of a translation starts with (`> `,
    /// list indentation).
    pub prefix: String,
    /// The placeables' values at this place, by name, in the text's order
    /// (not to be changed once looked up: see [`ValueIndex::get`]).
    pub values: Vec<(String, String)>,
    /// Finds a value by its name without a scan when there are many.
    index: ValueIndex,
}

impl Occurrence {
    /// An occurrence at `range` in a `block`, continuation lines starting
    /// with `prefix`, with the placeables' `values`.
    pub fn new(
        range: Range<usize>,
        block: Block,
        prefix: String,
        values: Vec<(String, String)>,
    ) -> Occurrence {
        Occurrence {
            range,
            block,
            prefix,
            values,
            index: ValueIndex::default(),
        }
    }

    /// The value of placeable `name` at this occurrence.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.index.get(&self.values, name)
    }
}

/// Whether `text`, at the start of a line, opens a link reference (or
/// footnote) definition for one of the dialect's parsers: `[`, a label,
/// `]:`. The label ends, for kramdown and Python-Markdown, at the first
/// `]` whatever precedes it; for CommonMark at the first `]` not escaped
/// by a backslash, with no unescaped `[` before it, over several lines if
/// need be (`[` alone on a line, `guide]: url` on the next).
pub(crate) fn starts_definition(text: &str) -> bool {
    let Some(label) = text.strip_prefix('[') else {
        return false;
    };
    let b = label.as_bytes();
    if memchr::memchr(b']', b).is_some_and(|i| b.get(i + 1) == Some(&b':')) {
        return true;
    }
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => return false,
            b']' => return b.get(i + 1) == Some(&b':'),
            _ => i += 1,
        }
    }
    false
}
