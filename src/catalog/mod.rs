//! Fluent catalogs: write a page's source catalog, read translations.
//!
//! Catalogs are plain Fluent (`.ftl`) files that any translation tool reads:
//! one message per page text, placeables for what must not change, and
//! comments that show translators the placeables' values.

pub mod escape;
pub mod merge;
mod write;
pub mod written;

use fluent_syntax::ast::{Comment, Entry, Identifier, Message as FluentMessage, Resource};
use rustc_hash::FxHashMap;

use crate::markdown::Block;
use crate::page::{Message, Page, line_col};
use crate::pattern::Pattern;
use escape::{Unsupported, from_fluent, to_fluent, write_value};

/// The source catalog of a page, as Fluent text. Deterministic: the same
/// page always gives the same bytes.
///
/// Written directly, as [`serialize`] writes [`source_resource`] (a test
/// compares the two on every corpus page): this runs for every changed
/// page, and building the syntax tree cost as much as writing it.
pub fn source_catalog(page_path: &str, page: &Page) -> String {
    let size: usize = page
        .messages
        .iter()
        .map(|m| m.id.len() + m.pattern.text_len() + 16 * m.pattern.pieces().len() + 64)
        .sum();
    let mut w = write::Writer::with_capacity(size + 256);
    w.comment_line("###", &head_comment(page_path));
    w.buffer.push('\n');
    // One line buffer for the whole page: built afresh for each message,
    // it grew a few times per message.
    let mut buf = String::with_capacity(256);
    for m in &page.messages {
        // A blank line before each entry. (Line breaks are pushed, not
        // written as the serializer does: [`serialize`] turns its `\r\r\n`
        // after a line ending in `\r` back into `\r\n`.)
        w.buffer.push('\n');
        comment_lines(m, &mut buf, |line| {
            w.comment_line("#", line);
            w.buffer.push('\n');
        });
        w.buffer.push_str(&m.id);
        w.buffer.push_str(" =");
        write_value(&m.pattern, &mut w);
        w.buffer.push('\n');
    }
    // (The serializer puts two blank lines between two comments.)
    w.buffer.push_str(if page.messages.is_empty() {
        "\n\n"
    } else {
        "\n"
    });
    w.comment_line("#", &stamp(page.fingerprint, page.messages.len()));
    w.buffer.push('\n');
    w.buffer
}

/// The source catalog of a page as a Fluent syntax tree.
pub fn source_resource(page_path: &str, page: &Page) -> Resource<String> {
    let mut body = vec![Entry::ResourceComment(Comment {
        content: vec![head_comment(page_path)],
    })];
    for m in &page.messages {
        let mut comment = Vec::new();
        comment_lines(m, &mut String::new(), |line| comment.push(line.to_string()));
        body.push(Entry::Message(FluentMessage {
            id: Identifier { name: m.id.clone() },
            value: Some(to_fluent(&m.pattern)),
            attributes: vec![],
            comment: (!comment.is_empty()).then_some(Comment { content: comment }),
        }));
    }
    body.push(Entry::Comment(Comment {
        content: vec![stamp(page.fingerprint, page.messages.len())],
    }));
    Resource { body }
}

/// The resource comment that opens a source catalog. Translation tools
/// show a resource comment with every message (translate-toolkit, so
/// Weblate, does), so it says only what helps a translator: the page.
fn head_comment(page_path: &str) -> String {
    let page_path = crate::report::printable(page_path);
    format!(
        "Source texts of `{page_path}` (edit the page, not this file: `fluentmark extract` writes it)."
    )
}

/// The comment above a message in the source catalog, line by line: notes,
/// where the text sits, and each placeable's value.
/// `buf` is where each line is put together.
fn comment_lines(m: &Message, buf: &mut String, mut line: impl FnMut(&str)) {
    for note in &m.notes {
        buf.clear();
        buf.push_str("Note: ");
        buf.push_str(note);
        line(buf);
    }
    let Some(first) = m.occurrences.first() else {
        return;
    };
    match &first.block {
        Block::Heading { .. } => line("Heading."),
        Block::TableCell => line("Table cell."),
        Block::FrontMatter { key } => {
            buf.clear();
            buf.push_str("Front matter `");
            buf.push_str(key);
            buf.push_str("`.");
            line(buf);
        }
        Block::Paragraph => {}
    }
    for (name, value) in &first.values {
        // `$name = value`, line breaks as `\n`.
        buf.clear();
        buf.push('$');
        buf.push_str(name);
        buf.push_str(" = ");
        for (i, part) in value.split('\n').enumerate() {
            if i > 0 {
                buf.push_str("\\n");
            }
            buf.push_str(part);
        }
        line(buf);
    }
}

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

/// Reads back the messages of a source catalog that [`source_catalog`]
/// wrote for a page with this `fingerprint`, so that `check` need not
/// segment the page again.
///
/// `None` unless the catalog carries the page's stamp and reads back
/// without doubt: no syntax error, the stamped number of messages, each
/// comment line one that [`source_catalog`] writes, and no value whose
/// `\n` could be a line break or the two characters. The caller then reads
/// the page itself. A test reads back every corpus page's catalog.
pub fn read_source_catalog(text: &str, fingerprint: u64) -> Option<Vec<SourceEntry>> {
    // (memchr: `str::contains` looks at one byte at a time.)
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        return None;
    }
    let count = stamped_messages(text.as_bytes(), fingerprint)?;
    let resource = parse_fluent(text).ok()?.ok()?;
    let mut entries = Vec::with_capacity(count);
    let last = resource.body.len().saturating_sub(1);
    for (i, entry) in resource.body.iter().enumerate() {
        match entry {
            Entry::ResourceComment(_) if i == 0 => {}
            // The stamp.
            Entry::Comment(_) if i == last => {}
            Entry::Message(m) => entries.push(source_entry(m)?),
            _ => return None,
        }
    }
    (entries.len() == count).then_some(entries)
}

/// One message of a source catalog, if its comment reads back exactly (see
/// [`comment_lines`]).
fn source_entry(m: &FluentMessage<&str>) -> Option<SourceEntry> {
    if !m.attributes.is_empty() {
        return None;
    }
    let pattern = from_fluent(m.value.as_ref()?).ok()?;
    let mut paragraph = true;
    let mut values = Vec::new();
    // Notes, then at most one block line, then the values, in that order.
    let mut stage = 0;
    for &line in m.comment.iter().flat_map(|c| c.content.iter()) {
        let block_line = line == "Heading."
            || line == "Table cell."
            || (line.starts_with("Front matter `") && line.ends_with("`."));
        if let Some(v) = line.strip_prefix('$') {
            let (name, value) = v.split_once(" = ")?;
            if value.contains("\\n") || !pattern.vars().any(|n| n == name) {
                return None;
            }
            values.push((name.to_string(), value.to_string()));
            stage = 2;
        } else if block_line && stage == 0 {
            paragraph = false;
            stage = 1;
        } else if !(line.starts_with("Note: ") && stage == 0) {
            return None;
        }
    }
    Some(SourceEntry {
        id: m.id.name.to_string(),
        pattern,
        paragraph,
        values,
    })
}

/// Serializes a catalog, a blank line between entries.
pub fn serialize(resource: &Resource<String>) -> String {
    // The serializer separates free comments but not messages: add a blank
    // line where a message starts right after the previous one.
    let text =
        write::write(resource).unwrap_or_else(|| fluent_syntax::serializer::serialize(resource));
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev_in_message = false;
    for line in text.lines() {
        let starts_entry = !line.is_empty() && !line.starts_with(' ');
        if starts_entry && prev_in_message {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev_in_message = !line.is_empty() && !line.starts_with('#');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

type Parsed<S> = Result<Resource<S>, (Resource<S>, Vec<fluent_syntax::parser::ParserError>)>;

/// fluent-syntax's parser, with its panics caught (see [`repair`]).
fn parse_fluent<'s, S: fluent_syntax::parser::Slice<'s>>(text: S) -> Result<Parsed<S>, ()> {
    crate::error::guarded(|| fluent_syntax::parser::parse(text)).map_err(|_| ())
}

/// What the parser says when it cannot read a catalog at all.
fn unreadable() -> SyntaxError {
    SyntaxError {
        line: 1,
        column: 1,
        message: "the Fluent parser failed on this catalog; check its syntax, \
                  or report it with the catalog attached"
            .into(),
    }
}

/// Text that fluent-syntax reads without panicking, for a text on which it
/// panicked (`None` if the cause is not the one known).
///
/// fluent-syntax 0.12 panics on an unfinished `\u`/`\U` escape in a string
/// literal that a non-ASCII character follows: quoting the escape in its
/// error, it cuts one byte past it, inside that character. Here the
/// smallest run of whole lines that makes it panic is found (by halves),
/// and on its last line each character right after an unfinished escape
/// becomes as many `?` as it has bytes, so that every position stays. The
/// parser then reports that escape as invalid at its place, as it meant to;
/// the message it is in was junk anyway. Repeated for each such line.
fn repair(text: &str) -> Option<String> {
    let mut fixed = text.to_string();
    let panics = |t: &str| parse_fluent(t).is_err();
    for _ in 0..64 {
        if !panics(&fixed) {
            return Some(fixed);
        }
        // Line ends (after each `\n`, and the end); the whole text panics.
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', fixed.as_bytes())
            .map(|i| i + 1)
            .filter(|&e| e < fixed.len())
            .chain(std::iter::once(fixed.len()))
            .collect();
        let last = ends.partition_point(|&e| !panics(&fixed[..e]));
        let end = *ends.get(last)?;
        let start = if last == 0 { 0 } else { ends[last - 1] };
        let mut changed = false;
        let mut i = start;
        while let Some(j) = memchr::memchr(b'\\', &fixed.as_bytes()[i..end]) {
            let at = i + j;
            i = at + 1;
            let digits = match fixed.as_bytes().get(at + 1) {
                Some(b'u') => 4,
                Some(b'U') => 6,
                _ => continue,
            };
            let hex = fixed.as_bytes()[at + 2..]
                .iter()
                .take(digits)
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            let next = at + 2 + hex;
            if hex < digits && fixed.as_bytes().get(next).is_some_and(|&b| b >= 0x80) {
                let len = fixed[next..].chars().next().map_or(1, char::len_utf8);
                fixed.replace_range(next..next + len, &"?".repeat(len));
                changed = true;
            }
        }
        if !changed {
            return None;
        }
    }
    None
}

/// Parses catalog text into an owned Fluent AST, or the syntax errors.
pub fn parse_resource(text: &str) -> Result<Resource<String>, Vec<SyntaxError>> {
    let text = text.replace("\r\n", "\n");
    let parsed = match parse_fluent(text.clone()) {
        Ok(parsed) => parsed,
        Err(()) => {
            let repaired = repair(&text).ok_or_else(|| vec![unreadable()])?;
            parse_fluent(repaired).map_err(|()| vec![unreadable()])?
        }
    };
    match parsed {
        Ok(r) => Ok(r),
        // (Byte offsets are the same in a repaired text; columns count the
        // characters of the text as written.)
        Err((_, errors)) => Err(syntax_errors(&text, &errors)),
    }
}

/// Whether a group comment starts the obsolete section (`## Obsolete...`).
pub fn is_obsolete_group<S: AsRef<str>>(comment: &Comment<S>) -> bool {
    comment.content.first().is_some_and(|l| {
        l.as_ref()
            .trim()
            .to_ascii_lowercase()
            .starts_with("obsolete")
    })
}

/// Whether a comment line marks its message for review (`# fuzzy`,
/// `# fuzzy: why`).
pub fn is_fuzzy_mark(line: &str) -> bool {
    let l = line.trim();
    l == "fuzzy" || l.starts_with("fuzzy:") || l.starts_with("fuzzy ")
}

/// The source catalog's last line, which lets `extract` skip an unchanged
/// page: machine state, in a free comment at the end of the file, which
/// translation tools do not show with the messages (translate-toolkit
/// reads it as a header, Pontoon leaves free comments out).
pub fn stamp(fingerprint: u64, messages: usize) -> String {
    format!("Page fingerprint {fingerprint:016x}, {messages} message(s).")
}

/// How much of the end of a source catalog `extract` reads to find its
/// stamp.
pub const STAMP_TAIL: usize = 128;

/// The number of messages a source catalog's stamp gives, if the catalog
/// ends with the stamp of `fingerprint` (its last line, within its last
/// [`STAMP_TAIL`] bytes; `catalog` may be just those). Bytes: what comes
/// before need not be UTF-8 (`extract` and `check` both go by the stamp
/// alone).
pub fn stamped_messages(catalog: &[u8], fingerprint: u64) -> Option<usize> {
    let prefix = format!("# Page fingerprint {fingerprint:016x}, ");
    let tail = &catalog[catalog.len().saturating_sub(STAMP_TAIL)..];
    let tail = tail.strip_suffix(b"\n")?;
    let tail = tail.strip_suffix(b"\r").unwrap_or(tail);
    let start = memchr::memrchr(b'\n', tail)? + 1;
    let line = tail[start..].strip_prefix(prefix.as_bytes())?;
    std::str::from_utf8(line.strip_suffix(b" message(s).")?)
        .ok()?
        .parse()
        .ok()
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
    /// Parses catalog text.
    pub fn parse(text: &str) -> Catalog {
        // A byte order mark is no part of the first entry.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let normalized;
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            normalized = text.replace("\r\n", "\n");
            normalized.as_str()
        } else {
            text
        };
        let written = text;
        let repaired;
        let (text, parsed) = match parse_fluent(text) {
            Ok(parsed) => (text, Ok(parsed)),
            Err(()) => match repair(text) {
                Some(r) => {
                    repaired = r;
                    (repaired.as_str(), parse_fluent(repaired.as_str()))
                }
                None => (text, Err(())),
            },
        };
        let Ok(parsed) = parsed else {
            return Catalog {
                errors: vec![unreadable()],
                ..Catalog::default()
            };
        };
        let (resource, errors) = match parsed {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        let message_count = resource
            .body
            .iter()
            .filter(|e| matches!(e, Entry::Message(_)))
            .count();
        // Each message's line, from where its ID lies in the text (the
        // parser borrows it from there), counting line breaks as we go.
        let mut line = 1;
        let mut counted = 0;
        let mut catalog = Catalog {
            translations: Vec::with_capacity(message_count),
            index: FxHashMap::with_capacity_and_hasher(message_count, Default::default()),
            errors: syntax_errors(written, &errors),
        };
        let mut obsolete = false;
        for entry in &resource.body {
            match entry {
                Entry::GroupComment(c) => obsolete = is_obsolete_group(c),
                Entry::Message(m) => {
                    let fuzzy = m
                        .comment
                        .as_ref()
                        .is_some_and(|c| c.content.iter().any(|l| is_fuzzy_mark(l)));
                    let pattern = match &m.value {
                        Some(v) => from_fluent(v),
                        None => Err(Unsupported(
                            "the message has attributes but no value: write its text after `=`"
                                .into(),
                        )),
                    };
                    let ignore = m
                        .comment
                        .iter()
                        .flat_map(|c| c.content.iter())
                        .filter_map(|l| l.trim().strip_prefix("fluentmark-ignore:"))
                        .flat_map(|codes| codes.split(',').map(|c| c.trim().to_string()))
                        .filter(|c| !c.is_empty())
                        .collect();
                    let id = m.id.name.to_string();
                    let at = offset_in(text, m.id.name).max(counted);
                    line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count();
                    counted = at;
                    let i = catalog.translations.len();
                    match catalog.index.entry(id_hash(&id)) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(i);
                        }
                        std::collections::hash_map::Entry::Occupied(mut o) => {
                            // (Another ID with the same hash keeps its
                            // place: `get` searches then.)
                            let held = &catalog.translations[*o.get()];
                            if held.id == id && held.obsolete && !obsolete {
                                o.insert(i);
                            }
                        }
                    }
                    catalog.translations.push(Translation {
                        id,
                        pattern,
                        fuzzy,
                        obsolete,
                        line,
                        ignore,
                    });
                }
                _ => {}
            }
        }
        catalog
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

/// The parser's errors, placed in `text` as written (a text that
/// [`repair`] changed has the same byte offsets).
fn syntax_errors(text: &str, errors: &[fluent_syntax::parser::ParserError]) -> Vec<SyntaxError> {
    use fluent_syntax::parser::ErrorKind;
    errors
        .iter()
        .map(|e| {
            let (line, column) = line_col(text, error_start(e));
            let message = match &e.kind {
                // Its quote may end in a `?` that [`repair`] wrote.
                ErrorKind::InvalidUnicodeEscapeSequence(_) => {
                    "Invalid unicode escape sequence: `\\u` takes 4 hex digits, `\\U` 6".into()
                }
                kind => kind.to_string(),
            };
            SyntaxError {
                line,
                column,
                message,
            }
        })
        .collect()
}

/// Where a syntax error is reported: the start of the entry the parser
/// skipped (where the translator has to look), else where it noticed.
fn error_start(e: &fluent_syntax::parser::ParserError) -> usize {
    e.slice
        .as_ref()
        .map_or(e.pos.start, |s| s.start.min(e.pos.start))
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if offset <= text.len() && text.get(offset..offset + part.len()) == Some(part) {
        offset
    } else {
        // Not a slice of `text` (never, with a borrowing parser): no line.
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_know_their_lines_around_junk_and_crlf() {
        let text = "### Head\r\n\r\na = A\r\n\r\nbroken = { $\r\n\r\n# fuzzy\r\nb = B\r\n    continued\r\nc = C\r\n## Obsolete\r\na = old A\r\n";
        let c = Catalog::parse(text);
        assert_eq!(c.errors.len(), 1);
        let lines: Vec<(&str, usize, bool)> = c
            .translations
            .iter()
            .map(|t| (t.id.as_str(), t.line, t.obsolete))
            .collect();
        assert_eq!(
            lines,
            [
                ("a", 3, false),
                ("b", 8, false),
                ("c", 10, false),
                ("a", 12, true)
            ]
        );
        assert!(c.get("b").unwrap().fuzzy);
        assert_eq!(c.get("a").unwrap().line, 3, "the first of a duplicate ID");
    }

    /// fluent-syntax 0.12 panics on these: an unfinished escape in a string
    /// literal, then a character of more than one byte.
    #[test]
    fn an_unfinished_escape_before_a_wide_character_is_a_syntax_error() {
        let text = "a = A \\U𑛀 in text\nbad = { \"\\U𑛀\" }\nb = B\nworse = x { \"\\u12é\" } { \"\\Uἤ\" }\nc = C\n";
        let c = Catalog::parse(text);
        let errors: Vec<(usize, usize)> = c.errors.iter().map(|e| (e.line, e.column)).collect();
        // (A syntax error is placed at the start of its entry.)
        assert_eq!(errors, [(2, 1), (4, 1)], "{:?}", c.errors);
        assert!(
            c.errors[0]
                .message
                .contains("Invalid unicode escape sequence"),
            "{:?}",
            c.errors
        );
        let ids: Vec<&str> = c.translations.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(
            c.get("a").unwrap().pattern.as_ref().unwrap().to_string(),
            "A \\U𑛀 in text",
            "outside a string literal, the same characters are text"
        );
        let errors = parse_resource(text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[1].line, errors[1].column), (4, 1));
    }

    #[test]
    fn the_stamp_is_read_from_the_tail_bytes() {
        let tail = format!("\r\n# {}\r\n", stamp(0xab, 3));
        let mut bytes = b"### a\r\nx = \xff\r\n".to_vec();
        bytes.extend_from_slice(tail.as_bytes());
        assert_eq!(
            stamped_messages(&bytes, 0xab),
            Some(3),
            "CRLF, a bad byte before"
        );
        assert_eq!(stamped_messages(&bytes, 0xac), None, "another page's stamp");
        let moved = format!("{tail}x = y\n");
        assert_eq!(
            stamped_messages(moved.as_bytes(), 0xab),
            None,
            "not the last line"
        );
        assert_eq!(
            stamped_messages(&tail.as_bytes()[2..], 0xab),
            None,
            "the whole line"
        );
    }

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
