//! Rebuild: splice translated messages into the source page.
//!
//! The page is never regenerated. Each occurrence's byte range is replaced by
//! the translation as the translator wrote it, with only what is needed for
//! it to land as the same kind of block: continuation lines get the
//! container prefix, a line that would open a new block is escaped, table
//! cells stay on one line.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser};

use super::{Block, HeadingSite, Occurrence, parser_options};
use crate::dialect::Dialect;
use crate::pattern::{Pattern, Piece};
/// (Where `build` has always found it.)
pub use crate::text::splice;

/// How translations are written back.
#[derive(Clone, Debug)]
pub struct RenderOptions<'a> {
    /// The page's line ending (`\n` or `\r\n`).
    pub eol: &'a str,
    /// The page's dialect: how a character is escaped, which lines open
    /// its blocks.
    pub dialect: &'static Dialect,
    /// The generator's extensions and settings (how an explicit heading id
    /// is written).
    pub extensions: crate::dialect::Extensions,
    /// Keep the source heading's anchor as an explicit `{#id}` when the
    /// translated heading's would differ.
    pub keep_heading_ids: bool,
    /// The page's ids are kept by [`keep_heading_ids`] over the whole
    /// page, not heading by heading.
    pub ids_by_page: bool,
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
        Block::TableCell
            | Block::Title { .. }
            | Block::Attribute { .. }
            | Block::Heading { setext: false, .. }
    );
    // Sized for the text and values as they are (escapes and prefixes
    // are few): one allocation, not one per doubling.
    let size = translation
        .filled_len(|name| occurrence.value(name))
        .unwrap_or_else(|_| translation.text_len());
    let mut w = Writer {
        out: String::with_capacity(size + 8),
        pending_break: false,
        line_start: true,
        one_line,
        occurrence,
        options,
    };
    let pieces = translation.pieces();
    for (index, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Var(name) => {
                let value = occurrence.value(name).ok_or_else(|| name.clone())?;
                w.break_before();
                push_lines(&mut w.out, value, occurrence, options, one_line);
                w.line_start = false;
            }
            // (Terms are resolved into text before a page is built: one
            // left is no value of the page's.)
            Piece::Term(t) => return Err(format!("-{}", t.name)),
            Piece::Text(text) => match quoted_between(occurrence, pieces, index) {
                // Text inside a tag's quoted attribute (a JSX `title="…"`,
                // a shortcode's `caption="…"`, split into placeables around
                // it): its quote would end the value and let the text add
                // attributes. Written as the dialect writes a quote there.
                Some(quote) if text.contains(quote) => {
                    let escaped = text.replace(quote, (options.dialect.quote_escape)(quote));
                    w.text(&escaped, &pieces[index + 1..]);
                }
                _ => w.text(text, &pieces[index + 1..]),
            },
        }
    }
    let mut out = w.out;
    // A cell's last backslash would escape the `|` after it and join two
    // cells (pulldown-cmark takes `\\|` for an escaped pipe too, cmark-gfm
    // does not): a space after it keeps it a backslash for both.
    if *block == Block::TableCell && out.ends_with('\\') {
        out.push(' ');
    }
    finish_heading(&mut out, block, options);
    if let Block::Title { before, after } = block {
        out.insert_str(0, before);
        out.push_str(after);
    }
    if let Block::Attribute { quote, html } = block
        && out.contains(*quote)
    {
        let escape = if *html {
            crate::dialect::html_quote
        } else {
            options.dialect.quote_escape
        };
        out = out.replace(*quote, escape(*quote));
    }
    Ok(out)
}

/// A translation being written out for one occurrence.
struct Writer<'a> {
    out: String,
    /// A line break waits until something follows it: blank lines and
    /// trailing breaks vanish, a break before a placeable stays.
    pending_break: bool,
    /// The next text starts a line.
    line_start: bool,
    /// The block is one line (a table cell, an ATX heading): line breaks
    /// become spaces.
    one_line: bool,
    occurrence: &'a Occurrence,
    options: &'a RenderOptions<'a>,
}

impl Writer<'_> {
    /// Writes the line break that waits, if something was written before.
    fn break_before(&mut self) {
        if std::mem::take(&mut self.pending_break) && !self.out.is_empty() {
            if self.one_line {
                self.out.push(' ');
            } else {
                self.out.push_str(self.options.eol);
                self.out.push_str(&self.occurrence.prefix);
            }
        }
    }

    /// Writes a text piece of the translation, line by line; `after` is
    /// the rest of the translation.
    fn text(&mut self, text: &str, after: &[Piece]) {
        // A CR, alone or before LF, ends a line for CommonMark: written as
        // the page's line break (or a space), never as it is.
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        let text = text.as_ref();
        let mut lines = split_lf(text).peekable();
        let mut first = true;
        while let Some(line) = lines.next() {
            if !first {
                self.pending_break = true;
                self.line_start = true;
            }
            first = false;
            // Whether the line ends here, or a placeable follows.
            let more = lines.peek().is_some();
            let complete = after.is_empty() || more;
            // A hard line break (`\` at the line's end) in a dialect whose
            // parser has no backslash break is written its way.
            let hard_break = self.options.dialect.hard_break.filter(|_| {
                more && !self.one_line
                    && line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
            });
            match hard_break {
                Some(written) => {
                    self.line(&line[..line.len() - 1], text, after, complete);
                    self.out.push_str(written);
                }
                None => self.line(line, text, after, complete),
            }
        }
    }

    /// Writes one line of a text piece (`text`), escaped for where it lands.
    fn line(&mut self, line: &str, text: &str, after: &[Piece], complete: bool) {
        // Only the blanks Markdown takes as indentation: a no-break or
        // ideographic space at a line's start is text (and may be all that
        // follows a hard break).
        let line = if self.line_start && !self.one_line {
            line.trim_start_matches([' ', '\t'])
        } else {
            line
        };
        if line.is_empty() {
            return;
        }
        let first_line = self.out.is_empty();
        self.break_before();
        let mark = self.out.len();
        if self.line_start && !self.one_line {
            // What follows the line start, up to the end of the message: a
            // definition's label may go on over lines and placeables.
            let occurrence = self.occurrence;
            let rest = || {
                let at = line.as_ptr() as usize - text.as_ptr() as usize;
                let mut rest = text[at..].to_string();
                for p in after {
                    match p {
                        Piece::Text(t) => rest.push_str(t),
                        Piece::Var(n) => rest.push_str(occurrence.value(n).unwrap_or("")),
                        Piece::Term(_) => {}
                    }
                }
                rest
            };
            escape_block_start(
                &mut self.out,
                line,
                complete,
                first_line,
                rest,
                self.options.dialect,
            );
        } else if let Block::TableCell = self.occurrence.block {
            escape_pipes(&mut self.out, line);
        } else {
            self.out.push_str(line);
        }
        // (A string attribute is no Markdown: its quote is all to escape.)
        if let Some(escape) = self.options.dialect.inline_escape
            && !matches!(self.occurrence.block, Block::Attribute { .. })
            && let Cow::Owned(escaped) = escape(&self.out[mark..])
        {
            self.out.truncate(mark);
            self.out.push_str(&escaped);
        }
        self.line_start = false;
    }
}

/// The quote a text piece stands between, when the placeable before it
/// ends with a quote (`title="`) and the one after it starts with the
/// same (`">`).
fn quoted_between(occurrence: &Occurrence, pieces: &[Piece], index: usize) -> Option<char> {
    let value = |piece: Option<&Piece>| match piece {
        Some(Piece::Var(name)) => occurrence.value(name),
        _ => None,
    };
    let before = value(index.checked_sub(1).and_then(|i| pieces.get(i)))?;
    let after = value(pieces.get(index + 1))?;
    let quote = before.chars().last().filter(|c| matches!(c, '"' | '\''))?;
    after.starts_with(quote).then_some(quote)
}

/// Ends a heading's translated text: a trailing `#` run escaped, the
/// source's tail kept, and the source's id made explicit (as the dialect
/// writes it) if the translated text would give another.
fn finish_heading(out: &mut String, block: &Block, options: &RenderOptions<'_>) {
    let Block::Heading {
        has_id,
        slug: source_slug,
        setext,
        tail,
        dialect,
    } = block
    else {
        return;
    };
    if !setext && !tail.starts_with('#') {
        escape_closing_hashes(out);
    }
    let needs_id = options.keep_heading_ids
        && !options.ids_by_page
        && !has_id
        && !source_slug.is_empty()
        && dialect.heading_id(&plain_text(out)) != *source_slug;
    if needs_id {
        out.push_str(&dialect.with_heading_id_in(tail, source_slug, options.extensions));
    } else {
        out.push_str(tail);
    }
}

/// Keeps every heading's id in a localized page of a dialect whose
/// explicit ids pass by its counter (Docusaurus): walks the headings as the
/// generator will, with the translated texts (`edits`: occurrence start →
/// index in `text_edits`), and writes the source's id explicitly on each
/// heading that would get another, translated or not (a later `Foo`
/// becomes `foo` instead of `foo-1` once an earlier one has an explicit
/// id).
pub fn keep_heading_ids(
    headings: &[HeadingSite],
    text_edits: &mut Vec<(std::ops::Range<usize>, String)>,
    options: &RenderOptions<'_>,
) {
    let Some(unique) = options.dialect.unique_id else {
        return;
    };
    let by_start: std::collections::HashMap<usize, usize> = text_edits
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.start, i))
        .collect();
    let in_order = options.dialect.explicit_ids == crate::dialect::ExplicitIds::InOrder;
    let mut used = std::collections::HashSet::new();
    for h in headings {
        if h.explicit {
            if in_order {
                used.insert(h.id.clone());
            }
            continue;
        }
        let edit = h.message_at.and_then(|at| by_start.get(&at).copied());
        let base = match edit {
            Some(i) => {
                let text = &text_edits[i].1;
                let text = text.strip_suffix(h.tail.as_str()).unwrap_or(text);
                options
                    .dialect
                    .heading_id_with(&plain_text(text), options.extensions)
            }
            None => h.base.clone(),
        };
        let id = unique(base, &mut used);
        if id == h.id {
            continue;
        }
        // Written explicitly: the source's id, which the generator takes
        // in page order, or passes by.
        used.remove(&id);
        if in_order {
            used.insert(h.id.clone());
        }
        let explicit = |tail: &str| {
            options
                .dialect
                .with_heading_id_in(tail, &h.id, options.extensions)
        };
        match (edit, h.insert_at) {
            (Some(i), _) => {
                let text = &mut text_edits[i].1;
                text.truncate(text.len() - h.tail.len().min(text.len()));
                text.push_str(&explicit(&h.tail));
            }
            (None, Some(at)) => text_edits.push((at..at, explicit(""))),
            (None, None) => {}
        }
    }
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
/// quote, fence, thematic break, setext underline, table, HTML block, link
/// definition, attribute list).
///
/// `complete` says whether the line ends with `line`; if not, a placeable
/// follows it on the same line. `first_line` says whether it starts the
/// block. `rest` gives the message from the line's start to its end.
fn escape_block_start(
    out: &mut String,
    line: &str,
    complete: bool,
    first_line: bool,
    rest: impl FnOnce() -> String,
    dialect: &Dialect,
) {
    let bytes = line.as_bytes();
    let first = bytes[0];
    let next_blank = |i: usize| match bytes.get(i) {
        Some(b) => matches!(b, b' ' | b'\t'),
        None => complete,
    };
    let escape = match first {
        b'>' | b'|' => true,
        // A task list marker, where the text lands in a list item, or a
        // link reference definition (`[label]: url`), whose label may
        // hold escaped brackets or go on over the next lines.
        b'[' => {
            (matches!(bytes.get(1..3), Some(b" ]" | b"x]" | b"X]")) && next_blank(3))
                || super::starts_definition(&rest())
        }
        // A table's delimiter row, under a line that becomes its header.
        b'-' | b':' if is_delimiter_row(line) => true,
        // kramdown's block attribute list or extension (`{: …}`,
        // `{::comment}`), attr_list's or Goldmark's attribute line.
        b'{' => {
            line.starts_with("{:")
                || (line.trim_end().ends_with('}')
                    && !line.starts_with("{{")
                    && !line.starts_with("{%"))
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
        b'<' => opens_html_block(line, first_line),
        _ => false,
    };
    if escape || (dialect.opens_block)(line) {
        // The character that opens the block (after a list number's
        // digits), escaped as the generator's parser reads it.
        let at = if first.is_ascii_digit() {
            bytes.iter().take_while(|b| b.is_ascii_digit()).count()
        } else {
            0
        };
        out.push_str(&line[..at]);
        let c = bytes[at];
        if dialect.escapes(c) {
            out.push('\\');
            out.push_str(&line[at..]);
        } else {
            out.push_str(&format!("&#{c};"));
            out.push_str(&line[at + 1..]);
        }
        return;
    }
    out.push_str(line);
}

/// Whether `line` is a table's delimiter row (`--- | :---:`): only `-`,
/// `:`, `|` and blanks, with a `-` and a `|`.
fn is_delimiter_row(line: &str) -> bool {
    line.bytes()
        .all(|b| matches!(b, b'-' | b':' | b'|' | b' ' | b'\t'))
        && line.contains('-')
        && line.contains('|')
}

/// Elements that kramdown reads as text inside a paragraph (its
/// `HTML_SPAN_ELEMENTS`): a line starting with any other tag ends a
/// kramdown paragraph.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em",
    "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt",
    "rtc", "ruby", "samp", "select", "small", "span", "strike", "strong", "sub", "sup", "textarea",
    "tt", "u", "var",
];

/// The tags that start an HTML block of CommonMark's kinds 1 and 6 (and
/// `textarea`, kind 1 since 0.31), wherever the line is.
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

/// Whether a line starting with `<` would start an HTML block: CommonMark
/// kinds 1 to 6 anywhere; kind 7 (a lone complete tag) only at the
/// block's start (`first_line`), since it cannot interrupt a paragraph,
/// unless kramdown would end the paragraph there (a tag other than its
/// span elements). A `<br>` alone on a continuation line stays a line
/// break.
fn opens_html_block(line: &str, first_line: bool) -> bool {
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
    let kind7 = || {
        matches!(
            Parser::new_ext(line, parser_options()).next(),
            Some(Event::Start(pulldown_cmark::Tag::HtmlBlock))
        )
    };
    if first_line {
        kind7()
    } else {
        !SPAN_ELEMENTS.contains(&name.as_str()) && kind7()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::{COMMONMARK, MKDOCS};

    #[test]
    fn mkdocs_escapes_are_python_markdowns() {
        let escaped = |line: &str| {
            let mut out = String::new();
            escape_block_start(&mut out, line, true, false, || line.to_string(), &MKDOCS);
            out
        };
        // Python-Markdown takes no backslash escape of `=`, `?`, `/`, `:`,
        // `~`, `<`: a character reference stands for them.
        assert_eq!(escaped("=== \"Tab\""), "&#61;== \"Tab\"");
        assert_eq!(escaped("??? tip"), "&#63;?? tip");
        assert_eq!(escaped("/// tip | x"), "&#47;// tip | x");
        assert_eq!(escaped(":   definition"), "&#58;   definition");
        assert_eq!(escaped("~~~"), "&#126;~~");
        assert_eq!(escaped("!!! note"), "\\!!! note");
        assert_eq!(escaped("- item"), "\\- item");
        assert_eq!(escaped("1. item"), "1\\. item");
        assert_eq!(escaped("*[HTML]: x"), "\\*[HTML]: x");
        assert_eq!(escaped("plain"), "plain");
    }

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
        escape_block_start(&mut out, line, true, true, || line.to_string(), &COMMONMARK);
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
            ("--- | ---", "\\--- | ---"),
            (":-- |", "\\:-- |"),
            ("[ ]: x", "\\[ ]: x"),
            ("[a\\]b]: javascript:x", "\\[a\\]b]: javascript:x"),
            ("[a[b]: x", "\\[a[b]: x"),
            ("{: onclick=x}", "\\{: onclick=x}"),
            ("{onclick=x}", "\\{onclick=x}"),
            ("<br>", "\\<br>"),
        ] {
            assert_eq!(escaped(line), want, "{line}");
        }
        for line in [
            "-dash",
            "**bold** text",
            "[link](x) text",
            "<kbd>K</kbd> key",
            "2024 was",
            "[link](x): text",
            "[a] [b]: c",
            "{{ site.x }}",
            "-- | not a row",
        ] {
            assert_eq!(escaped(line), line, "{line}");
        }
    }

    fn continued(line: &str) -> String {
        let mut out = String::new();
        escape_block_start(
            &mut out,
            line,
            true,
            false,
            || line.to_string(),
            &COMMONMARK,
        );
        out
    }

    #[test]
    fn a_lone_span_tag_on_a_continuation_line_stays_html() {
        assert_eq!(continued("<br>"), "<br>");
        assert_eq!(continued("<kbd>"), "<kbd>");
        // Other tags end a kramdown paragraph; block tags any paragraph.
        assert_eq!(continued("<svg>"), "\\<svg>");
        assert_eq!(continued("<div>"), "\\<div>");
    }

    /// The label of a definition may go on over lines: only the whole
    /// rest of the message tells.
    #[test]
    fn a_definition_is_escaped_from_the_rest_of_the_message() {
        let mut out = String::new();
        escape_block_start(
            &mut out,
            "[",
            true,
            true,
            || "[\nguide]: javascript:x".into(),
            &COMMONMARK,
        );
        assert_eq!(out, "\\[");
    }
}
