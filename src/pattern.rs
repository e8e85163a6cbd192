//! The text of a message as translators see it: Markdown text with placeables.
//!
//! A [`Pattern`] is the bridge between a Markdown page and a Fluent catalog.
//! Extraction turns a run of inline Markdown into a pattern; the catalog
//! module turns it into Fluent syntax and back; the build splices a
//! translated pattern into the page, filling each placeable with its value
//! from the current source page.

use std::fmt;
use std::sync::OnceLock;

/// One piece of a pattern: literal text or a named placeable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Piece {
    /// Text the translator may change (Markdown inline syntax included).
    Text(String),
    /// A placeable (`{ $name }`): code, a link target, a shortcode...
    /// whose value comes from the source page at build time.
    Var(String),
    /// A reference to a term of the locale's glossary (`{ -product }`,
    /// `{ -product(case: "genitive") }`), resolved at build time. (Boxed:
    /// a piece stays the size of a text, which every pattern is made of.)
    Term(Box<TermRef>),
}

/// A term reference: the term's name (without its `-`) and its named
/// arguments, each value a Fluent string literal's content as written
/// (escapes kept, so that it is written back the same).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TermRef {
    /// The term's name: `product` for `{ -product }`.
    pub name: String,
    /// Named arguments (`case: "genitive"`), in their order.
    pub args: Vec<(String, String)>,
}

/// The reference as Fluent writes it: `{ -product }`,
/// `{ -product(case: "genitive") }`.
impl fmt::Display for TermRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{ -{}", self.name)?;
        if !self.args.is_empty() {
            f.write_str("(")?;
            for (i, (name, value)) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{name}: \"{value}\"")?;
            }
            f.write_str(")")?;
        }
        f.write_str(" }")
    }
}

/// A message's value: text and placeables, adjacent texts always merged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pattern {
    pieces: Vec<Piece>,
}

impl Pattern {
    /// An empty pattern.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty pattern with room for `pieces` pieces.
    pub fn with_capacity(pieces: usize) -> Self {
        Pattern {
            pieces: Vec::with_capacity(pieces),
        }
    }

    /// Appends text, merging it with a preceding text piece.
    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Piece::Text(last)) = self.pieces.last_mut() {
            last.push_str(text);
        } else {
            self.pieces.push(Piece::Text(text.to_string()));
        }
    }

    /// Appends a placeable reference.
    pub fn push_var(&mut self, name: &str) {
        self.pieces.push(Piece::Var(name.to_string()));
    }

    /// Appends a term reference.
    pub fn push_term(&mut self, term: impl Into<Box<TermRef>>) {
        self.pieces.push(Piece::Term(term.into()));
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The term references, in order of appearance.
    pub fn terms(&self) -> impl Iterator<Item = &TermRef> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Term(t) => Some(&**t),
            _ => None,
        })
    }

    /// Whether the pattern refers to a term of the glossary.
    pub fn has_terms(&self) -> bool {
        self.pieces.iter().any(|p| matches!(p, Piece::Term(_)))
    }

    /// The number of blank-separated words of [`Pattern::plain_text`],
    /// without building it. (Once per source message in `check`, where
    /// `split_whitespace` cost 3%: ASCII is classified by byte.)
    pub fn word_count(&self) -> usize {
        let mut words = 0;
        let mut in_word = false;
        // `char::is_whitespace` on ASCII (vertical tab included).
        let blank = |b: u8| (b == b' ') | (b.wrapping_sub(0x09) < 5);
        for p in &self.pieces {
            let Piece::Text(t) = p else { continue };
            let bytes = t.as_bytes();
            if t.is_ascii() {
                // Words start where a blank is followed by a non-blank:
                // counted over byte pairs without a branch (vector
                // instructions).
                let Some(&first) = bytes.first() else {
                    continue;
                };
                words += usize::from(!blank(first) && !in_word);
                words += bytes[1..]
                    .iter()
                    .zip(bytes)
                    .map(|(&b, &before)| usize::from(!blank(b) & blank(before)))
                    .sum::<usize>();
                in_word = !blank(bytes[bytes.len() - 1]);
                continue;
            }
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                let is_blank = if b < 0x80 {
                    i += 1;
                    blank(b)
                } else if matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3) {
                    // The lead bytes of Unicode's blanks beyond ASCII
                    // (U+0085, U+00A0, U+1680, U+2000..U+205F, U+3000).
                    let c = t[i..].chars().next().expect("a char starts here");
                    i += c.len_utf8();
                    c.is_whitespace()
                } else {
                    // Any other character's bytes: not blank.
                    i += 1;
                    false
                };
                words += usize::from(!is_blank && !in_word);
                in_word = !is_blank;
            }
        }
        words
    }

    /// Whether the pattern has no pieces at all.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Names of the placeables, in order of appearance (repeats included).
    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Var(v) => Some(v.as_str()),
            Piece::Text(_) | Piece::Term(_) => None,
        })
    }

    /// The text pieces joined, placeables left out.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            if let Piece::Text(t) = p {
                out.push_str(t);
            }
        }
        out
    }

    /// Whether there is anything to translate: a letter or digit in the text.
    pub fn has_translatable_text(&self) -> bool {
        self.pieces.iter().any(|p| match p {
            Piece::Text(t) => t.chars().any(char::is_alphanumeric),
            Piece::Var(_) => false,
            Piece::Term(_) => true,
        })
    }

    /// The length of the text pieces together.
    pub fn text_len(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::Var(_) | Piece::Term(_) => 0,
            })
            .sum()
    }

    /// The length of the text with the placeables filled, or the first
    /// placeable `lookup` has no value for (a term reference, which only
    /// the glossary resolves, has none: `-name`).
    pub fn filled_len<'v>(
        &self,
        mut lookup: impl FnMut(&str) -> Option<&'v str>,
    ) -> Result<usize, String> {
        let mut size = 0;
        for p in &self.pieces {
            size += match p {
                Piece::Text(t) => t.len(),
                Piece::Var(v) => lookup(v).ok_or_else(|| v.clone())?.len(),
                Piece::Term(t) => return Err(format!("-{}", t.name)),
            };
        }
        Ok(size)
    }

    /// Fills the placeables with values: `lookup` returns `None` for an
    /// unknown placeable, which makes the whole result `Err(name)`.
    /// (`lookup` is called twice per placeable: once to size the result.)
    pub fn fill<'v>(
        &self,
        mut lookup: impl FnMut(&str) -> Option<&'v str>,
    ) -> Result<String, String> {
        let mut out = String::with_capacity(self.filled_len(&mut lookup)?);
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Var(v) => out.push_str(lookup(v).ok_or_else(|| v.clone())?),
                Piece::Term(t) => return Err(format!("-{}", t.name)),
            }
        }
        Ok(out)
    }

    /// Applies `f` to every text piece, keeping placeables (used by tests
    /// and pseudo-localization).
    pub fn map_text(&self, mut f: impl FnMut(&str) -> String) -> Pattern {
        let mut out = Pattern::new();
        for p in &self.pieces {
            match p {
                Piece::Text(t) => out.push_text(&f(t)),
                Piece::Var(v) => out.push_var(v),
                Piece::Term(t) => out.push_term(t.clone()),
            }
        }
        out
    }
}

impl From<&str> for Pattern {
    fn from(text: &str) -> Self {
        let mut p = Pattern::new();
        p.push_text(text);
        p
    }
}

/// Shows the pattern the way a translator sees it in a catalog
/// (placeables as `{ $name }`, terms as `{ -name }`, no Fluent escaping).
impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.pieces {
            match p {
                Piece::Text(t) => f.write_str(t)?,
                Piece::Var(v) => write!(f, "{{ ${v} }}")?,
                Piece::Term(t) => write!(f, "{t}")?,
            }
        }
        Ok(())
    }
}

/// Finds placeables' values by name in a list of `(name, value)` pairs
/// kept in the order of the text (as source catalogs list them).
///
/// A few values are scanned, as most messages have. Past [`ValueIndex::SCAN`],
/// the list's positions sorted by name are made on the first lookup and
/// searched by halves: a paragraph of 80,000 links looked each one up by a
/// scan, quadratic in their number.
#[derive(Clone, Default)]
pub struct ValueIndex(OnceLock<Box<[usize]>>);

impl ValueIndex {
    /// Up to this many values, a lookup scans them.
    pub const SCAN: usize = 16;

    /// The value of placeable `name` in `values` (the first, if the name is
    /// there twice). Every call must pass the same list, unchanged (one of
    /// another length is scanned; one changed in place is not noticed).
    pub fn get<'v>(&self, values: &'v [(String, String)], name: &str) -> Option<&'v str> {
        let scan = || {
            values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        if values.len() <= Self::SCAN {
            return scan();
        }
        let index = self.0.get_or_init(|| {
            let mut index: Vec<usize> = (0..values.len()).collect();
            // Stable: of two equal names, the first stays first.
            index.sort_by(|&a, &b| values[a].0.cmp(&values[b].0));
            index.into_boxed_slice()
        });
        if index.len() != values.len() {
            return scan();
        }
        let at = index.partition_point(|&i| values[i].0.as_str() < name);
        let (n, v) = &values[*index.get(at)?];
        (n == name).then_some(v.as_str())
    }
}

/// Made from the values it indexes: two indexes of equal values are equal.
impl PartialEq for ValueIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ValueIndex {}

impl fmt::Debug for ValueIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ValueIndex")
    }
}

/// A stable 64-bit FNV-1a hash: message IDs must not change between Rust
/// versions, so `std`'s hasher is not an option.
pub fn stable_hash(pattern: &Pattern) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for p in &pattern.pieces {
        match p {
            Piece::Text(t) => {
                eat(b"t");
                eat(&(t.len() as u64).to_le_bytes());
                eat(t.as_bytes());
            }
            Piece::Var(v) => {
                eat(b"v");
                eat(&(v.len() as u64).to_le_bytes());
                eat(v.as_bytes());
            }
            Piece::Term(t) => {
                // (Source texts, which IDs hash, never have terms.)
                eat(b"r");
                eat(t.to_string().as_bytes());
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_piece_is_the_size_of_a_text() {
        assert_eq!(size_of::<Piece>(), size_of::<String>() + 8);
    }

    #[test]
    fn every_blank_beyond_ascii_starts_with_a_byte_word_count_decodes() {
        let mut buf = [0; 4];
        for c in '\u{80}'..=char::MAX {
            if c.is_whitespace() {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(matches!(lead, 0xc2 | 0xe1 | 0xe2 | 0xe3), "{c:?}");
            }
        }
    }

    proptest! {
        /// The index finds what a scan finds, in short and long lists, with
        /// names repeated or missing.
        #[test]
        fn value_index_is_the_scan(
            names in proptest::collection::vec("[a-c]{1,2}[0-9]{0,2}", 0..40),
            wanted in "[a-c]{1,2}[0-9]{0,2}",
        ) {
            let values: Vec<(String, String)> = names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.clone(), i.to_string()))
                .collect();
            let index = ValueIndex::default();
            for name in names.iter().chain([&wanted]) {
                let scan = values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
                prop_assert_eq!(index.get(&values, name), scan);
            }
        }

        /// `word_count` counts what `split_whitespace` finds in the plain
        /// text, across pieces and whatever the blanks.
        #[test]
        fn word_count_is_split_whitespace(
            pieces in proptest::collection::vec(
                (
                    "[a é\t\n\u{b}\u{c}\r\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{202f}\u{205f}\u{3000}\u{3042}中Ж-]{0,8}",
                    any::<bool>(),
                ),
                0..6,
            ),
        ) {
            let mut p = Pattern::new();
            for (text, var) in &pieces {
                if *var {
                    p.push_var("x");
                }
                p.push_text(text);
            }
            prop_assert_eq!(p.word_count(), p.plain_text().split_whitespace().count());
        }
    }
}
