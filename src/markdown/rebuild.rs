//! Rebuild: splice translated messages into the source page.
//!
//! The page is never regenerated. Each occurrence's byte range is replaced by
//! the translation as the translator wrote it, with only what is needed for
//! it to land as the same kind of block: continuation lines get the
//! container prefix, a line that would open a new block is escaped, table
//! cells stay on one line.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use super::segment::slug;
use super::{Block, Occurrence, parser_options};
use crate::pattern::{Pattern, Piece};

/// How translations are written back.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// The page's line ending (`\n` or `\r\n`).
    pub eol: &'a str,
    /// Keep the source heading's anchor as an explicit `{#id}` when the
    /// translated heading's would differ.
    pub keep_heading_ids: bool,
}

/// `text.split('\n')` with the memchr crate's SIMD search (most texts have
/// no line break: finding that out fast is what counts).
fn split_lf(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr(b'\n', s.as_bytes()) {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// Renders `translation` for one occurrence: placeables filled with the
/// occurrence's values, text escaped for where it lands.
///
/// Fails with the name of a placeable the source does not have here.
pub fn render(
    occurrence: &Occurrence,
    translation: &Pattern,
    options: &RenderOptions<'_>,
) -> Result<String, String> {
    let block = &occurrence.block;
    let one_line = matches!(
        block,
        Block::TableCell | Block::Heading { setext: false, .. }
    );
    // Sized for the text and values as they are (escapes and prefixes
    // are few): one allocation, not one per doubling.
    let size = translation
        .filled_len(|name| occurrence.value(name))
        .unwrap_or_else(|_| translation.text_len());
    let mut out = String::with_capacity(size + 8);
    // A line break waits until something follows it: blank lines and
    // trailing breaks vanish, a break before a placeable stays.
    let mut pending_break = false;
    let mut line_start = true;
    let break_before = |out: &mut String, pending: &mut bool| {
        if std::mem::take(pending) && !out.is_empty() {
            if one_line {
                out.push(' ');
            } else {
                out.push_str(options.eol);
                out.push_str(&occurrence.prefix);
            }
        }
    };
    let pieces = translation.pieces();
    for (index, piece) in pieces.iter().enumerate() {
        let last_piece = index + 1 == pieces.len();
        match piece {
            Piece::Var(name) => {
                let value = occurrence.value(name).ok_or_else(|| name.clone())?;
                break_before(&mut out, &mut pending_break);
                push_lines(&mut out, value, occurrence, options, one_line);
                line_start = false;
            }
            Piece::Text(text) => {
                let mut lines = split_lf(text).peekable();
                let mut first = true;
                while let Some(line) = lines.next() {
                    if !first {
                        pending_break = true;
                        line_start = true;
                    }
                    first = false;
                    // Whether the line ends here, or a placeable follows.
                    let complete = last_piece || lines.peek().is_some();
                    let line = if line_start && !one_line {
                        line.trim_start()
                    } else {
                        line
                    };
                    if line.is_empty() {
                        continue;
                    }
                    break_before(&mut out, &mut pending_break);
                    if line_start && !one_line {
                        escape_block_start(&mut out, line, complete);
                    } else if let Block::TableCell = block {
                        escape_pipes(&mut out, line);
                    } else {
                        out.push_str(line);
                    }
                    line_start = false;
                }
            }
        }
    }
    if let Block::Heading {
        has_id,
        slug: source_slug,
        setext,
        tail,
    } = block
    {
        if !setext && !tail.starts_with('#') {
            escape_closing_hashes(&mut out);
        }
        let needs_id = options.keep_heading_ids
            && !has_id
            && !source_slug.is_empty()
            && slug(&plain_text(&out)) != *source_slug;
        if needs_id {
            out.push_str(&with_id(tail, source_slug));
        } else {
            out.push_str(tail);
        }
    }
    Ok(out)
}

/// A heading's tail with an `#id` added: into its attribute block if it
/// has one (only the last block counts), else as a new block at the end.
fn with_id(tail: &str, id: &str) -> String {
    if tail.ends_with('}')
        && let Some(open) = tail.rfind('{')
    {
        return format!("{}{{#{id} {}", &tail[..open], &tail[open + 1..]);
    }
    format!("{tail} {{#{id}}}")
}

/// Writes a placeable's value, its line breaks under the container prefix.
fn push_lines(
    out: &mut String,
    value: &str,
    occurrence: &Occurrence,
    options: &RenderOptions<'_>,
    one_line: bool,
) {
    for (i, line) in split_lf(value).enumerate() {
        if i > 0 {
            if one_line {
                out.push(' ');
            } else {
                out.push_str(options.eol);
                out.push_str(&occurrence.prefix);
            }
        }
        out.push_str(line);
    }
}

/// Writes `line`, escaped if it would open a block (list item, heading,
/// quote, fence, thematic break, setext underline, table, HTML block).
///
/// `complete` says whether the line ends with `line`; if not, a placeable
/// follows it on the same line.
fn escape_block_start(out: &mut String, line: &str, complete: bool) {
    let bytes = line.as_bytes();
    let first = bytes[0];
    let next_blank = |i: usize| match bytes.get(i) {
        Some(b) => matches!(b, b' ' | b'\t'),
        None => complete,
    };
    let escape = match first {
        b'>' | b'|' => true,
        // A task list marker, where the text lands in a list item, or a
        // link reference definition (`[label]: url`).
        b'[' => {
            (matches!(bytes.get(1..3), Some(b" ]" | b"x]" | b"X]")) && next_blank(3))
                || line
                    .find("]:")
                    .is_some_and(|i| !line[1..i].contains(['[', ']']))
        }
        b'#' => {
            let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
            hashes <= 6 && next_blank(hashes)
        }
        b'-' | b'+' | b'*' if next_blank(1) => true,
        b'-' | b'*' | b'_' | b'=' => {
            complete
                && line
                    .trim_end()
                    .bytes()
                    .all(|b| b == first || b == b' ' || b == b'\t')
        }
        // A backtick fence's info string has no backtick.
        b'`' => line.starts_with("```") && !line.trim_start_matches('`').contains('`'),
        b'~' => line.starts_with("~~~"),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && next_blank(digits + 1)
        }
        b'<' => opens_html_block(line),
        _ => false,
    };
    if escape {
        if first.is_ascii_digit() {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
            return;
        }
        out.push('\\');
    }
    out.push_str(line);
}

/// Whether a line starting with `<` would start an HTML block (CommonMark
/// kinds 1 to 6; kind 7 cannot interrupt a paragraph but can start one).
fn opens_html_block(line: &str) -> bool {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "base",
        "basefont",
        "blockquote",
        "body",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "link",
        "main",
        "menu",
        "menuitem",
        "nav",
        "noframes",
        "ol",
        "optgroup",
        "option",
        "p",
        "param",
        "search",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "pre",
        "script",
        "style",
        "textarea",
    ];
    let rest = &line[1..];
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let name: String = rest
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() {
        return false;
    }
    if BLOCK_TAGS.contains(&name.as_str()) {
        return true;
    }
    // Kind 7 (a lone complete tag on the line): ask the parser itself.
    matches!(
        Parser::new_ext(line, parser_options()).next(),
        Some(Event::Start(pulldown_cmark::Tag::HtmlBlock))
    )
}

/// Writes a table cell's text with every unescaped `|` escaped.
fn escape_pipes(out: &mut String, text: &str) {
    let mut backslashes = 0;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
}

/// A trailing run of `#` would be read as an ATX closing sequence.
fn escape_closing_hashes(out: &mut String) {
    let trimmed = out.trim_end_matches('#');
    if trimmed.len() < out.len() && (trimmed.is_empty() || trimmed.ends_with([' ', '\t'])) {
        let at = trimmed.len();
        out.insert(at, '\\');
    }
}

/// The plain text of an inline Markdown fragment (for heading anchors).
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Replaces each range of `page` by its text. Ranges must not overlap.
pub fn splice(page: &str, edits: &mut [(Range<usize>, String)]) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let extra: usize = edits.iter().map(|(_, t)| t.len()).sum();
    let mut out = String::with_capacity(page.len() + extra);
    let mut pos = 0;
    for (range, text) in edits.iter() {
        out.push_str(&page[pos..range.start]);
        out.push_str(text);
        pos = range.end;
    }
    out.push_str(&page[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_lf_is_split() {
        for s in ["", "a", "\n", "a\n", "\na", "a\n\nb\n", "é\n中"] {
            assert_eq!(
                split_lf(s).collect::<Vec<_>>(),
                s.split('\n').collect::<Vec<_>>()
            );
        }
    }

    fn escaped(line: &str) -> String {
        let mut out = String::new();
        escape_block_start(&mut out, line, true);
        out
    }

    #[test]
    fn lines_that_would_open_a_block_are_escaped() {
        for (line, want) in [
            ("- item", "\\- item"),
            ("1. first", "1\\. first"),
            ("# title", "\\# title"),
            ("> quote", "\\> quote"),
            ("```rust", "\\```rust"),
            ("<div> text", "\\<div> text"),
            ("<!-- note", "\\<!-- note"),
            ("[x] done", "\\[x] done"),
            (
                "[evil]: javascript:alert(1)",
                "\\[evil]: javascript:alert(1)",
            ),
            ("===", "\\==="),
            ("| a | b |", "\\| a | b |"),
        ] {
            assert_eq!(escaped(line), want, "{line}");
        }
        for line in [
            "-dash",
            "**bold** text",
            "[link](x) text",
            "<kbd>K</kbd> key",
            "2024 was",
        ] {
            assert_eq!(escaped(line), line, "{line}");
        }
    }
}
