//! Source catalogs in Fluent: what `extract` writes for a page (its texts,
//! a comment with each placeable's value, a stamp of the page's
//! fingerprint at the end), and reading one back.

use fluent_syntax::ast::{Comment, Entry, Identifier, Message as FluentMessage, Resource};

use super::escape::{from_fluent, to_fluent, write_value};
use super::parse_fluent;
use super::write;
use crate::catalog::{STAMP_TAIL, SourceEntry};
use crate::markdown::Block;
use crate::page::{Message, Page};
use crate::pattern::ValueIndex;

/// The source catalog of a page, as Fluent text. Deterministic: the same
/// page always gives the same bytes.
///
/// Written directly, as [`serialize`](super::serialize) writes [`source_resource`] (a test
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
    let page_path = crate::text::printable(page_path);
    format!(
        "Source texts of `{page_path}` (edit the page, not this file: `fluentmark extract` writes it)."
    )
}

/// The comment above a message in the source catalog, line by line: notes,
/// where the text sits, and each placeable's value.
/// `buf` is where each line is put together.
pub(crate) fn comment_lines(m: &Message, buf: &mut String, mut line: impl FnMut(&str)) {
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
        Block::Attribute { .. } => line("Attribute of a component (one line)."),
        Block::Title { before: "", .. } => {
            line("Title, label or abbreviation of the site's syntax (one line).")
        }
        Block::Title { .. } => {
            line("Title the site shows for this block; translated, it becomes the block's title.")
        }
        Block::FrontMatter { key } => {
            buf.clear();
            buf.push_str("Front matter `");
            buf.push_str(key);
            buf.push('`');
            // The same text as a heading (a page's title and its H1):
            // one translation for both, which the translator should know.
            if m.occurrences
                .iter()
                .any(|o| matches!(o.block, Block::Heading { .. }))
            {
                buf.push_str(" and a heading: one translation for both");
            }
            buf.push('.');
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
    for term in &m.glossary {
        buf.clear();
        buf.push_str(GLOSSARY_NOTE);
        buf.push_str(term);
        line(buf);
    }
}

/// How a comment line names a glossary term the text holds:
/// `glossary: "IoT" is { -iot }`.
pub(crate) const GLOSSARY_NOTE: &str = "glossary: ";

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
    // Notes, then at most one block line, then the values, then the
    // glossary's terms, in that order
    // (the values in the order of their placeables: one pass over them,
    // not a search per value, which was quadratic in a long paragraph).
    let mut stage = 0;
    let mut vars = pattern.vars();
    for &line in m.comment.iter().flat_map(|c| c.content.iter()) {
        let block_line = line == "Heading."
            || line == "Table cell."
            || (line.starts_with("Front matter `") && line.ends_with("`."));
        if let Some(v) = line.strip_prefix('$') {
            let (name, value) = v.split_once(" = ")?;
            if stage > 2 || value.contains("\\n") || !vars.any(|n| n == name) {
                return None;
            }
            values.push((name.to_string(), value.to_string()));
            stage = 2;
        } else if line.starts_with(GLOSSARY_NOTE) {
            stage = 3;
        } else if block_line && stage == 0 {
            paragraph = false;
            stage = 1;
        } else if !(line.starts_with("Note: ") && stage == 0) {
            return None;
        }
    }
    drop(vars);
    Some(SourceEntry {
        id: m.id.name.to_string(),
        pattern,
        paragraph,
        values,
        index: ValueIndex::default(),
    })
}

/// The source catalog's last line, which lets `extract` skip an unchanged
/// page: machine state, in a free comment at the end of the file, which
/// translation tools do not show with the messages (translate-toolkit
/// reads it as a header, Pontoon leaves free comments out).
pub fn stamp(fingerprint: u64, messages: usize) -> String {
    format!("Page fingerprint {fingerprint:016x}, {messages} message(s).")
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
