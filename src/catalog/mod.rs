//! Catalogs: the neutral model that `extract`, `check` and `build` work
//! on, and catalog maintenance ([`merge`]). A format module reads and
//! writes the model; [`fluent`] is the one format so far. [`po`] and
//! [`xliff`] are no catalog formats but gettext PO and XLIFF 2.0, for
//! exchange with CAT tools.
//!
//! # The model
//!
//! A catalog holds one locale's translations of one page's messages
//! (`locales/<locale>/<page>.ftl`), or, as a source catalog, the page's
//! own texts. It is read one of two ways, as a run needs:
//!
//! - [`Catalog`], a list of [`Translation`]s: what the catalog says. Each
//!   has its message ID, its text (a [`Pattern`], or why it is
//!   [`Unsupported`]), whether it is fuzzy (marked for review) or
//!   obsolete, the finding codes a comment silences, and its line. What
//!   does not parse is a [`SyntaxError`] and the rest is kept. `check`,
//!   `build`, `status` and the translation memory read this, for every
//!   catalog of every run, so it keeps no text that they do not use.
//! - [`Written`], a list of [`Unit`]s: how the catalog is written, for
//!   maintenance. Each unit (a message, a comment) keeps its text as
//!   written, with its ID, its comment's lines and whether it is
//!   obsolete. [`merge`] and [`merge::prune`] move units, and only what
//!   they change (an ID, a comment) is written anew, by the format: a
//!   translator's value is never serialized again. A catalog with a syntax
//!   error is not read this way, so never rewritten.
//!
//! [`SourceEntry`] is a page's message as its source catalog describes
//! it (text, block, placeables' values): what `check` compares with.
//!
//! # What a format module provides
//!
//! A format is one module under `catalog/` (`fluent/`; `po/` or `xliff/`
//! would sit beside it) with a type that implements [`Format`]:
//!
//! - reading: [`Format::read`] gives a [`Catalog`] (recovering from
//!   syntax errors, never panicking, placing each error at its line and
//!   column) and [`Format::read_written`] a [`Written`];
//! - escaping: any [`Pattern`] written in the format reads back the same
//!   (the round trip every test and corpus holds to);
//! - writing what maintenance changes: [`Format::write`] lays the units
//!   out, [`Format::message`] and [`Format::comment`] make new ones,
//!   [`Format::rename`], [`Format::mark_fuzzy`],
//!   [`Format::record_source`], [`Format::set_value`] and
//!   [`Format::clear_fuzzy`] edit one; its conventions (how fuzzy,
//!   obsolete and ignored findings are marked) are its own;
//! - source catalogs: [`Format::source_catalog`] writes a page's,
//!   deterministically, ending in a stamp of the page's fingerprint within
//!   its last [`STAMP_TAIL`] bytes ([`Format::stamped_messages`] reads
//!   it), and [`Format::read_source_catalog`] reads one back.
//!
//! [`FORMAT`] is the format every catalog is in; the store names catalogs
//! with its extension ([`CATALOG_EXTENSION`]).

pub mod apply;
pub mod fluent;
pub mod merge;
pub mod po;
pub mod xliff;

use rustc_hash::FxHashMap;

use crate::markdown::Block;
use crate::page::{Message, Page};
use crate::pattern::{Pattern, ValueIndex};

/// The extension of catalog files.
pub const CATALOG_EXTENSION: &str = "ftl";

/// A page's catalog, relative to a locale's folder: `_docs/x.md` has
/// `_docs/x.ftl`.
pub fn catalog_name(page: &std::path::Path) -> std::path::PathBuf {
    page.with_extension(CATALOG_EXTENSION)
}

// Fluent's escaping and serializer, where the benchmarks find them.
pub use fluent::{escape, serialize};

/// The format of every catalog fluentmark reads and writes: Fluent. (A
/// setting would choose another here.)
pub const FORMAT: &dyn Format = &fluent::Fluent;

/// What a catalog format provides (see the [module docs](self)).
pub trait Format: Sync {
    /// Reads a catalog for `check`, `build` and `status`: what parses is
    /// kept, each syntax error is listed. Never panics.
    fn read(&self, text: &str) -> Catalog;

    /// Reads a catalog for maintenance, each unit with its text as
    /// written; its syntax errors if it has any (a catalog with an error
    /// is left as it is).
    fn read_written(&self, text: &str) -> Result<Written, Vec<SyntaxError>>;

    /// The text of a catalog that maintenance changed: each unit's text,
    /// laid out the catalog's way ([`Written::spaced`], [`Written::bom`]).
    fn write(&self, catalog: &Written) -> String;

    /// A new message with this ID and text.
    fn message(&self, id: &str, text: &Pattern) -> Unit;

    /// A new comment unit of `kind`: a new catalog's
    /// [`Kind::ResourceComment`], the [`Kind::ObsoleteGroup`] that opens
    /// the obsolete section.
    fn comment(&self, kind: Kind, lines: Vec<String>) -> Unit;

    /// Gives a message another ID; the rest of its text stays as written.
    fn rename(&self, unit: &mut Unit, id: &str);

    /// Marks a message for review, saying `why` (on one line), in place of
    /// an older mark and of the source text it recorded while obsolete.
    fn mark_fuzzy(&self, unit: &mut Unit, why: &str);

    /// Records in an obsolete message the source text it translated,
    /// unless it records one already.
    fn record_source(&self, unit: &mut Unit, source: &str);

    /// The source text an obsolete message records, if any.
    fn recorded_source(&self, unit: &Unit) -> Option<String>;

    /// Gives a message a new text (its comment stays as written).
    fn set_value(&self, unit: &mut Unit, text: &Pattern);

    /// Removes a message's marks for review: a translator reviewed it.
    fn clear_fuzzy(&self, unit: &mut Unit);

    /// Silences finding `code` (`identical`) for a message, unless it is
    /// silenced already.
    fn ignore(&self, unit: &mut Unit, code: &str);

    /// The source text a fuzzy message's mark says it translated, when
    /// the mark says it ([`merge::SOURCE_CHANGED`]).
    fn fuzzy_source(&self, unit: &Unit) -> Option<String>;

    /// The lines of a message's comment that are notes for people, not
    /// marks of the format's (fuzzy, ignored findings, recorded source).
    fn notes(&self, unit: &Unit) -> Vec<String>;

    /// The source catalog of a page, as text. Deterministic: the same page
    /// always gives the same bytes. It ends with the page's stamp.
    fn source_catalog(&self, page_path: &str, page: &Page) -> String;

    /// Reads back the messages of a source catalog that
    /// [`Format::source_catalog`] wrote for a page with this
    /// `fingerprint`, so that `check` need not segment the page again;
    /// `None` unless it reads back without doubt (the caller then reads
    /// the page).
    fn read_source_catalog(&self, text: &str, fingerprint: u64) -> Option<Vec<SourceEntry>>;

    /// The number of messages a source catalog's stamp gives, if it is
    /// the stamp of `fingerprint`. `tail` is the catalog's last
    /// [`STAMP_TAIL`] bytes (or all of it), not necessarily UTF-8.
    fn stamped_messages(&self, tail: &[u8], fingerprint: u64) -> Option<usize>;
}

/// How much of the end of a source catalog holds its stamp: what
/// `extract` reads to skip an unchanged page.
pub const STAMP_TAIL: usize = 128;

/// A source message as its source catalog describes it: what `check`
/// compares translations with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceEntry {
    /// The message ID.
    pub id: String,
    /// The source text.
    pub pattern: Pattern,
    /// Whether its first occurrence is in a paragraph (not a heading, a
    /// table cell or the front matter).
    pub paragraph: bool,
    /// Its placeables' values at its first occurrence, in order.
    pub values: Vec<(String, String)>,
    /// Finds a value by name without a scan when there are many.
    index: ValueIndex,
}

impl SourceEntry {
    /// What a page's message gives (its first occurrence's block and
    /// values).
    pub fn of(m: &Message) -> SourceEntry {
        let first = m.occurrences.first();
        SourceEntry {
            id: m.id.clone(),
            pattern: m.pattern.clone(),
            paragraph: first.is_none_or(|o| o.block == Block::Paragraph),
            values: first.map(|o| o.values.clone()).unwrap_or_default(),
            index: ValueIndex::default(),
        }
    }

    /// The value of placeable `name` at the first occurrence.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.index.get(&self.values, name)
    }
}

/// A translation read from a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The message ID.
    pub id: String,
    /// The translated text, or why it cannot be used.
    pub pattern: Result<Pattern, Unsupported>,
    /// Marked for review (in Fluent, a `# fuzzy` comment line).
    pub fuzzy: bool,
    /// In the obsolete section (in Fluent, under the `## Obsolete` group).
    /// An entry whose ID is a message of the page is used wherever it
    /// stands (translation tools and translators append new entries at
    /// the end of the file, below the group); the others are kept, not
    /// used.
    pub obsolete: bool,
    /// 1-based line of the message in the catalog.
    pub line: usize,
    /// Finding codes that a comment silences (in Fluent,
    /// `# fluentmark-ignore: code, code`).
    pub ignore: Vec<String>,
    /// For a fuzzy translation whose source text changed, the source text
    /// it was made for (in Fluent, `# fuzzy: the source text changed; it
    /// was: …`).
    pub was: Option<String>,
}

/// Why a translation cannot be used as a Markdown message (a Fluent
/// select expression, a message reference...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// A syntax error in a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The parser's reason.
    pub message: String,
}

/// A parsed catalog. The parser recovers from errors: what parses is kept.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Translations in file order.
    pub translations: Vec<Translation>,
    /// Syntax errors (what they spoil is left out).
    pub errors: Vec<SyntaxError>,
    /// The translation of each ID, by the ID's hash (no copy of the ID: a
    /// collision falls back to a search, see [`Catalog::get`]).
    index: FxHashMap<u64, usize>,
}

impl Catalog {
    /// Reads catalog text in [`FORMAT`].
    pub fn parse(text: &str) -> Catalog {
        FORMAT.read(text)
    }

    /// An empty catalog with room for `translations`, and these errors:
    /// where a format's reader starts.
    pub(crate) fn with_capacity(translations: usize, errors: Vec<SyntaxError>) -> Catalog {
        Catalog {
            translations: Vec::with_capacity(translations),
            errors,
            index: FxHashMap::with_capacity_and_hasher(translations, Default::default()),
        }
    }

    /// Adds the next translation in file order.
    pub(crate) fn push(&mut self, t: Translation) {
        let i = self.translations.len();
        match self.index.entry(id_hash(&t.id)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                // The first live one wins over an obsolete one. (Another
                // ID with the same hash keeps its place: `get` searches
                // then.)
                let held = &self.translations[*o.get()];
                if held.id == t.id && held.obsolete && !t.obsolete {
                    o.insert(i);
                }
            }
        }
        self.translations.push(t);
    }

    /// Whether some ID is defined more than once.
    pub fn has_duplicate_ids(&self) -> bool {
        // Fewer hashes than translations: a duplicate, or (rarely) two IDs
        // with the same hash.
        self.index.len() != self.translations.len() && {
            let mut seen = rustc_hash::FxHashSet::default();
            !self.translations.iter().all(|t| seen.insert(t.id.as_str()))
        }
    }

    /// The translation of this ID: the first one above the obsolete
    /// group, else the first one below it.
    pub fn get(&self, id: &str) -> Option<&Translation> {
        let &i = self.index.get(&id_hash(id))?;
        if self.translations[i].id == id {
            return Some(&self.translations[i]);
        }
        // Another ID with the same hash came first.
        let mut same = self.translations.iter().filter(|t| t.id == id);
        let first = same.next()?;
        if first.obsolete {
            Some(same.find(|t| !t.obsolete).unwrap_or(first))
        } else {
            Some(first)
        }
    }

    /// Whether `t` (one of this catalog's translations) is the one
    /// [`Catalog::get`] gives for its ID.
    pub fn is_chosen(&self, t: &Translation) -> bool {
        self.get(&t.id).is_some_and(|c| std::ptr::eq(c, t))
    }
}

/// The hash that indexes a catalog's IDs.
fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(id)
}

/// What a unit of a [`Written`] catalog is. (Fluent's entries; a format
/// with fewer kinds uses fewer.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A message: a translation with an ID (`id = ...`).
    Message,
    /// An entry that translates no page message (a Fluent term,
    /// `-id = ...`): kept as it is.
    Term,
    /// A free comment, not attached to a message (`#`).
    Comment,
    /// A comment that opens a group of messages (`##`).
    GroupComment,
    /// The group comment that opens the obsolete section
    /// (`## Obsolete...`).
    ObsoleteGroup,
    /// A comment about the whole catalog (`###`).
    ResourceComment,
}

/// One unit of a catalog, with its text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub kind: Kind,
    /// A message's or term's ID (without the `-` of a term); empty for
    /// comments.
    pub id: String,
    /// Whether this message is in the obsolete section.
    pub obsolete: bool,
    /// The lines of its comment (a message's or term's attached comment,
    /// or the comment itself), without their comment marks.
    pub comment: Vec<String>,
    /// Its comment as written, line breaks included (for a comment, the
    /// whole unit): written anew when the comment changes.
    pub(in crate::catalog) comment_text: String,
    /// The rest, from the ID to the end of its last non-blank line, line
    /// break included: kept as written (but for the ID, when renamed).
    pub(in crate::catalog) body: String,
}

impl Unit {
    /// Whether it is a message or a term (not a comment).
    pub fn is_entry(&self) -> bool {
        matches!(self.kind, Kind::Message | Kind::Term)
    }
}

/// A catalog read for maintenance: its units in file order, and how it
/// is laid out.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Its units in file order.
    pub units: Vec<Unit>,
    /// Whether messages are separated by blank lines (fluentmark's way)
    /// rather than written one after the other (Python's Fluent
    /// serializer, translate-toolkit, so Pontoon and Weblate).
    pub spaced: bool,
    /// Whether the file started with a byte order mark.
    pub bom: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_whose_hashes_collide_are_still_found() {
        // Two IDs under one hash, as a collision would leave them.
        let mut c = Catalog::parse("a = A\nb = B\n");
        c.index.clear();
        c.index.insert(id_hash("a"), 0);
        c.index.insert(id_hash("b"), 0);
        c.index.insert(id_hash("x"), 1);
        assert_eq!(c.get("a").unwrap().line, 1);
        assert_eq!(c.get("b").unwrap().line, 2);
        assert!(c.get("c").is_none());
        assert!(c.get("x").is_none(), "a hash alone finds nothing");
        // One index entry for two translations: a duplicate or a collision.
        c.index.clear();
        c.index.insert(id_hash("a"), 0);
        assert!(
            !c.has_duplicate_ids(),
            "two IDs under one hash are no duplicate"
        );
        assert!(Catalog::parse("a = A\na = B\n").has_duplicate_ids());
    }
}
