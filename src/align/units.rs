//! A page as `align` compares it: its texts (each place a message occurs)
//! and its skeleton blocks (code, shortcodes, tables' rules), in page
//! order, each with what a translation keeps of it.
//!
//! A translated page keeps the source page's structure (its block
//! kinds, heading levels and list shapes), its code, its placeables'
//! values (link targets, code spans) and its numbers, while its words
//! change. Those are what a unit carries, so that [`super::matcher`] can
//! pair the units of two pages in different languages.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use crate::markdown::Block;
use crate::page::Page;
use crate::pattern::Piece;

/// What kind of text a unit is: texts pair only with their own kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Shape {
    /// A heading of this level (0: setext, level unknown).
    Heading(u8),
    /// A paragraph in these containers (a hash of `>`, bullet, ordered
    /// and indentation marks from its line's start).
    Paragraph(u64),
    /// A table cell.
    Cell,
    /// A text of the generator's own syntax (a title, a label).
    Title,
    /// An attribute's value.
    Attribute,
    /// Lines of skeleton (not text): their content's hash.
    Skeleton(u64),
}

/// One unit of a page.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// Its kind.
    pub shape: Shape,
    /// The message (index in `Page::messages`) and its occurrence, for
    /// texts.
    pub text: Option<(usize, usize)>,
    /// Its placeables: kind (the name without its number) and value.
    pub vars: Vec<(String, String)>,
    /// The numbers in its text (hashes), sorted.
    pub numbers: Vec<u64>,
    /// Its text's length in characters (placeables left out).
    pub chars: usize,
    /// Its first byte in the page.
    pub at: usize,
}

impl Unit {
    /// Whether it is a text (a message's occurrence).
    pub fn is_text(&self) -> bool {
        self.text.is_some()
    }
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// The page's units, in page order, and its front matter's texts (by
/// key: `(key, message, occurrence)`), which are paired by key, not by
/// place.
pub(crate) fn units(page: &Page) -> (Vec<Unit>, Vec<(String, usize, usize)>) {
    let text = page.text.as_str();
    let mut texts: Vec<(usize, usize, usize)> = Vec::new();
    let mut front = Vec::new();
    for (m, message) in page.messages.iter().enumerate() {
        for (o, occ) in message.occurrences.iter().enumerate() {
            match &occ.block {
                Block::FrontMatter { key } => front.push((key.clone(), m, o)),
                _ => texts.push((occ.range.start, m, o)),
            }
        }
    }
    texts.sort_unstable();
    let body_start = page.yaml.as_ref().map_or(0, |y| {
        // (Past the closing `---` line.)
        text[y.end..]
            .find('\n')
            .map_or(text.len(), |i| y.end + i + 1)
    });
    let mut out = Vec::with_capacity(texts.len() * 2);
    let mut gap_start = body_start;
    for &(start, m, o) in &texts {
        let occ = &page.messages[m].occurrences[o];
        if start >= gap_start {
            skeleton(text, gap_start..start, &mut out);
        }
        out.push(text_unit(page, m, o));
        gap_start = gap_start.max(occ.range.end);
    }
    skeleton(text, gap_start..text.len(), &mut out);
    (out, front)
}

/// A message's occurrence as a unit.
fn text_unit(page: &Page, m: usize, o: usize) -> Unit {
    let message = &page.messages[m];
    let occ = &message.occurrences[o];
    let text = page.text.as_str();
    let shape = match &occ.block {
        Block::Heading { setext, .. } => {
            let line = line_before(text, occ.range.start);
            let level = if *setext {
                0
            } else {
                line.trim_start_matches([' ', '>'])
                    .bytes()
                    .take_while(|&b| b == b'#')
                    .count()
            };
            Shape::Heading(u8::try_from(level).unwrap_or(u8::MAX))
        }
        Block::Paragraph => Shape::Paragraph(containers(line_before(text, occ.range.start))),
        Block::TableCell => Shape::Cell,
        Block::Title { .. } => Shape::Title,
        Block::Attribute { .. } | Block::FrontMatter { .. } => Shape::Attribute,
    };
    let mut numbers = Vec::new();
    let mut chars = 0;
    for piece in message.pattern.pieces() {
        if let Piece::Text(t) = piece {
            chars += t.chars().count();
            let mut rest = t.as_str();
            while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
                let digits = rest[i..]
                    .find(|c: char| !c.is_ascii_digit())
                    .map_or(&rest[i..], |j| &rest[i..i + j]);
                numbers.push(hash_of(digits));
                rest = &rest[i + digits.len()..];
            }
        }
    }
    numbers.sort_unstable();
    let vars = occ
        .values
        .iter()
        .map(|(name, value)| {
            (
                name.trim_end_matches(|c: char| c.is_ascii_digit())
                    .to_string(),
                value.clone(),
            )
        })
        .collect();
    Unit {
        shape,
        text: Some((m, o)),
        vars,
        numbers,
        chars,
        at: occ.range.start,
    }
}

/// The part of `at`'s line before it.
fn line_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    &text[start..at]
}

/// The containers a paragraph's first line opens or continues, from what
/// precedes it on its line: `>` quotes, bullets (any of `-*+`), ordered
/// items (any number), and indentation (a continuation paragraph of an
/// item, an admonition's body).
fn containers(lead: &str) -> u64 {
    let mut marks = String::new();
    let mut rest = lead;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let indented = trimmed.len() < rest.len();
        rest = trimmed;
        if let Some(r) = rest.strip_prefix('>') {
            marks.push('>');
            rest = r;
        } else if let Some(r) = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.is_empty() || r.starts_with([' ', '\t']))
        {
            marks.push('-');
            rest = r;
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(r) => {
                    marks.push('1');
                    rest = r;
                }
                None => break,
            }
        } else {
            if indented && marks.is_empty() && !rest.is_empty() {
                // (Text before the paragraph on its line that is no
                // container: an HTML tag, a term.)
                marks.push('?');
            } else if indented && rest.is_empty() && marks.is_empty() {
                marks.push(' ');
            }
            break;
        }
    }
    hash_of(marks)
}

/// The skeleton blocks in `range` (between two texts): each run of whole
/// non-blank lines, by its content (container marks and indentation
/// left out).
fn skeleton(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Unit>) {
    let gap = &text[range.clone()];
    // Only whole lines: the gap's first line is whole if the gap starts a
    // line; its last if it ends one.
    let mut offset = range.start;
    let mut block: Option<(usize, FxHasher)> = None;
    let flush = |block: &mut Option<(usize, FxHasher)>, out: &mut Vec<Unit>| {
        if let Some((at, h)) = block.take() {
            out.push(Unit {
                shape: Shape::Skeleton(h.finish()),
                text: None,
                vars: Vec::new(),
                numbers: Vec::new(),
                chars: 0,
                at,
            });
        }
    };
    for line in gap.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let whole = (start == 0 || text.as_bytes()[start - 1] == b'\n')
            && (line.ends_with('\n') || offset == text.len());
        let content = line.trim().trim_start_matches(['>', ' ']).trim();
        if !whole || content.is_empty() {
            flush(&mut block, out);
            continue;
        }
        let (_, h) = block.get_or_insert_with(|| (start, FxHasher::default()));
        content.hash(h);
    }
    flush(&mut block, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::PageOptions;

    fn shapes(md: &str) -> Vec<Shape> {
        let page = Page::parse(md.as_bytes(), PageOptions::default()).unwrap();
        units(&page).0.into_iter().map(|u| u.shape).collect()
    }

    #[test]
    fn texts_and_skeleton_come_in_page_order() {
        let s = shapes("# Title\n\nSome text.\n\n```sh\nmake\n```\n\n- item\n");
        assert_eq!(s.len(), 4);
        assert_eq!(s[0], Shape::Heading(1));
        assert!(matches!(s[1], Shape::Paragraph(_)));
        assert!(matches!(s[2], Shape::Skeleton(_)));
        assert!(matches!(s[3], Shape::Paragraph(_)));
        assert_ne!(s[1], s[3], "a list item is not a plain paragraph");
    }

    #[test]
    fn list_shapes_ignore_the_bullet_and_the_number() {
        assert_eq!(shapes("- a\n"), shapes("* b\n"));
        assert_eq!(shapes("1. a\n"), shapes("7) b\n"));
        assert_ne!(shapes("- a\n"), shapes("1. a\n"));
        assert_ne!(shapes("> a\n"), shapes("a\n"));
    }

    #[test]
    fn the_same_code_is_the_same_skeleton_whatever_the_text_around() {
        let a = shapes("Run it:\n\n```\nmake all\n```\n");
        let b = shapes("Lancez-le :\n\n```\nmake all\n```\n");
        let c = shapes("Lancez-le :\n\n```\nmake\n```\n");
        assert_eq!(a[1], b[1]);
        assert_ne!(a[1], c[1]);
    }

    #[test]
    fn numbers_and_placeables_are_kept_apart_from_the_words() {
        let page = Page::parse(
            b"Version 1.2 of [the guide](g.md) runs `make` in 30 s.\n",
            PageOptions::default(),
        )
        .unwrap();
        let u = &units(&page).0[0];
        assert_eq!(u.numbers.len(), 3);
        let kinds: Vec<&str> = u.vars.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["link", "code"]);
        assert_eq!(u.vars[0].1, "g.md");
    }
}
