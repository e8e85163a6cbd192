//! Fluent catalogs: write a page's source catalog, read translations.
//!
//! Catalogs are plain Fluent (`.ftl`) files that any translation tool reads:
//! one message per page text, placeables for what must not change, and
//! comments that show translators the placeables' values.

pub mod fluent;
pub mod merge;

use rustc_hash::FxHashMap;

use crate::markdown::Block;
use crate::page::Message;
use crate::pattern::Pattern;
use fluent::escape::Unsupported;

pub use fluent::escape;
pub use fluent::source::{
    STAMP_TAIL, read_source_catalog, source_catalog, source_resource, stamp, stamped_messages,
};
pub use fluent::write::serialize;
pub use fluent::written;
pub use fluent::{is_fuzzy_mark, is_obsolete_group, parse_resource};

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
        }
    }

    /// The value of placeable `name` at the first occurrence.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A translation read from a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The message ID.
    pub id: String,
    /// The translated text, or why it cannot be used.
    pub pattern: Result<Pattern, Unsupported>,
    /// Marked `# fuzzy` for review.
    pub fuzzy: bool,
    /// Under the `## Obsolete` group. An entry whose ID is a message of
    /// the page is used wherever it stands (translation tools and
    /// translators append new entries at the end of the file, below the
    /// group); the others are kept, not used.
    pub obsolete: bool,
    /// 1-based line of the message in the catalog.
    pub line: usize,
    /// Finding codes silenced by a `# fluentmark-ignore: code, code` comment.
    pub ignore: Vec<String>,
}

/// A Fluent syntax error in a catalog.
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
    /// Syntax errors (each became Junk that is ignored).
    pub errors: Vec<SyntaxError>,
    /// The translation of each ID, by the ID's hash (no copy of the ID: a
    /// collision falls back to a search, see [`Catalog::get`]).
    index: FxHashMap<u64, usize>,
}

impl Catalog {
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
