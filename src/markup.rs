//! What a translation must keep of its source's Markdown: links, images,
//! footnote references, emphasis, inline HTML tags, and no new block
//! structure. What it must never bring (raw HTML the source does not have,
//! event handlers, script URLs) is [`crate::safety`]'s to judge: the
//! HTML this module meets is counted and scanned there.

use std::collections::BTreeMap;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag};

use crate::markdown::parser_options;
use crate::pattern::{Pattern, Piece};

/// The Markdown shape of a message's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    /// Links (inline, reference and autolinks).
    pub links: usize,
    /// Images.
    pub images: usize,
    /// Emphasis, strong emphasis and strikethrough spans.
    pub emphasis: usize,
    /// Footnote references, by label (lower case, blanks collapsed).
    pub footnotes: BTreeMap<String, usize>,
    /// Inline HTML tags by (lower-case) name, closing tags as `/name`.
    pub html_tags: BTreeMap<String, usize>,
    /// Blocks other than one paragraph (lists, headings, quotes, code...).
    pub blocks: Vec<String>,
    /// Dangerous things: script or event-handler HTML, script URLs.
    pub dangers: Vec<String>,
}

impl Markup {
    /// The HTML it passes through, for [`crate::safety::added_html`].
    pub fn passed_html(&self) -> crate::safety::PassedHtml<'_> {
        crate::safety::PassedHtml {
            html_tags: &self.html_tags,
            dangers: &self.dangers,
        }
    }
}

/// The shape of `pattern` with its placeables' values filled in (`value`
/// gives each by name); `None` when a placeable has no value.
///
/// Most messages are plain sentences, perhaps with inline code and links:
/// their shape is known without parsing (see [`known_markup`]), which
/// spares `check` one Markdown parse per message and locale.
pub fn pattern_markup<'v>(
    pattern: &Pattern,
    value: impl Fn(&str) -> Option<&'v str>,
) -> Option<Markup> {
    if let Some(m) = known_markup(pattern, &value) {
        // Every placeable has a value: `known_markup` looked at each one.
        return Some(m);
    }
    let text = pattern.fill(value).ok()?;
    Some(markup(&text))
}

/// The [`markup`] of `pattern`, filled, when it is certain without a
/// parse: one paragraph of text, code spans, and inline links and images
/// whose destination is a placeable holding a plain URL. `None` means
/// "parse it" (conservative).
///
/// - The text holds none of the characters that open inline markup (`*`,
///   `_`, `~`, `<`, a backtick, a backslash) and no control character (so
///   no line break, and no block can start on a later line), and does not
///   start with what opens a block (`#`, `>`, a list marker,
///   indentation...). Brackets only in the form below.
/// - A placeable in the text is a complete code span: a run of backticks,
///   content without that run, the same run. With no backtick next to it
///   (text around it has none, and two placeables never touch), it stays
///   that code span, whatever its content.
/// - A link is `[`, text as above without brackets (its code spans without
///   brackets either), `](`, a placeable, `)`; an image the same after `!`.
///   The placeable's value is printable ASCII without blanks, parentheses,
///   angle brackets, brackets, quotes, backticks, backslashes or `&`:
///   pulldown-cmark takes it as the destination exactly as it is.
///
/// A property test checks this against the parser, and the corpus round
/// trip on every real message.
pub fn known_markup<'v>(
    pattern: &Pattern,
    mut value: impl FnMut(&str) -> Option<&'v str>,
) -> Option<Markup> {
    let mut read = PlainReading::default();
    for (i, piece) in pattern.pieces().iter().enumerate() {
        match piece {
            Piece::Text(t) => read.text(i == 0, t.as_bytes())?,
            Piece::Var(name) => read.placeable(i == 0, value(name)?)?,
            Piece::Term(_) => return None,
        }
    }
    read.finish()
}

/// [`known_markup`]'s reading of a pattern, one piece at a time: each step
/// gives `None` as soon as the pattern needs a parse.
#[derive(Default)]
struct PlainReading {
    /// The shape so far.
    m: Markup,
    /// The piece before was a placeable.
    previous_was_var: bool,
    /// Inside a link's text (`[` seen), and whether it is an image's.
    link: Option<bool>,
    /// The text before ended with `](` or `][`: a destination or a label
    /// comes.
    target: Option<u8>,
    /// What the next text must start with, after a destination (`)`) or a
    /// label (`]`).
    close: Option<u8>,
}

impl PlainReading {
    /// A text piece (`first`: the pattern's first piece).
    fn text(&mut self, first: bool, bytes: &[u8]) -> Option<()> {
        if self.target.is_some() {
            return None;
        }
        let mut bytes = bytes;
        if let Some(c) = self.close.take() {
            bytes = bytes.strip_prefix(&[c])?;
        }
        if first && opens_block(bytes) {
            return None;
        }
        if opens_markup(bytes) {
            self.brackets(bytes)?;
        }
        self.previous_was_var = false;
        Some(())
    }

    /// The bytes of a text that opens markup: only a link's or an image's
    /// `[` and its `](` or `][` at the text's end may be there.
    fn brackets(&mut self, bytes: &[u8]) -> Option<()> {
        for (j, &b) in bytes.iter().enumerate() {
            if !OPENS_MARKUP[usize::from(b)] {
                continue;
            }
            match b {
                b'[' if self.link.is_none() && bytes.get(j + 1) != Some(&b'^') => {
                    self.link = Some(j > 0 && bytes[j - 1] == b'!');
                }
                b']' if self.link.is_some()
                    && j + 2 == bytes.len()
                    && matches!(bytes[j + 1], b'(' | b'[') =>
                {
                    if self.link == Some(true) {
                        self.m.images += 1;
                    } else {
                        self.m.links += 1;
                    }
                    self.link = None;
                    // (The `(` or `[` after it ends the text.)
                    self.target = Some(bytes[j + 1]);
                    return Some(());
                }
                _ => return None,
            }
        }
        Some(())
    }

    /// A placeable whose value is `v`: a link's destination or label after
    /// `](` or `][`, else a code span.
    fn placeable(&mut self, first: bool, v: &str) -> Option<()> {
        match self.target.take() {
            Some(b'(') if plain_destination(v) => {
                crate::safety::url_danger(v, &mut self.m.dangers);
                self.close = Some(b')');
                return Some(());
            }
            // Undefined in the text alone, a label's link goes to `#` (see
            // `markup`): nothing to check.
            Some(b'[') if plain_label(v) => {
                self.close = Some(b']');
                return Some(());
            }
            Some(_) => return None,
            None => {}
        }
        if self.close.is_some() {
            return None;
        }
        self.code_span(first, v)
    }

    /// A placeable that must be one whole code span, apart from any other.
    fn code_span(&mut self, first: bool, v: &str) -> Option<()> {
        let run = code_span_run(v);
        // Three backticks at the start of a line open a fence.
        if self.previous_was_var || run == 0 || (first && run >= 3) {
            return None;
        }
        if self.link.is_some() && v.contains(['[', ']']) {
            return None;
        }
        self.previous_was_var = true;
        Some(())
    }

    /// The shape, unless a link is left unfinished.
    fn finish(self) -> Option<Markup> {
        (self.link.is_none() && self.target.is_none() && self.close.is_none()).then_some(self.m)
    }
}

/// Whether a message that starts with `text` may start a block other than
/// a paragraph: a heading, a quote, a list, a table, indented code, a
/// setext underline or thematic break, a definition... Conservative, but
/// a number is only a list marker when `.` or `)` and a blank (or the end)
/// follow it, as in `1. a`, not `6.0+`.
fn opens_block(text: &[u8]) -> bool {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 {
        return digits <= 9
            && matches!(text.get(digits), Some(b'.' | b')'))
            && matches!(text.get(digits + 1), None | Some(b' ' | b'\t'));
    }
    matches!(
        text.first(),
        Some(b' ' | b'\t' | b'#' | b'>' | b'-' | b'+' | b'=' | b'|' | b':' | b'*' | b'_')
    )
}

/// Whether pulldown-cmark takes `v`, between `](` and `)`, as a link's
/// destination exactly as it is (see [`known_markup`]): printable ASCII
/// with nothing that delimits, escapes or quotes, and `&` only where no
/// entity can follow (no `;`).
fn plain_destination(v: &str) -> bool {
    let no_entity = !v.contains(';');
    !v.is_empty()
        && v.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'"' | b'\'' | b'`' | b'\\'
                )
                && (b != b'&' || no_entity)
        })
}

/// Whether pulldown-cmark takes `v`, between `][` and `]`, as a link label:
/// one line with a character that is not blank, no bracket, backslash or
/// backtick, not a footnote's `^`, and not too long.
fn plain_label(v: &str) -> bool {
    !v.trim().is_empty()
        && v.len() < 500
        && !v.starts_with('^')
        && !v
            .chars()
            .any(|c| c.is_control() || matches!(c, '[' | ']' | '\\' | '`'))
}

/// The bytes that keep a text from being plain (see [`known_markup`]):
/// control characters, and what opens inline markup. A table: every byte
/// of every message goes through it.
static OPENS_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    let marks = b"*_~[]<`\\";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether any byte of `bytes` is in [`OPENS_MARKUP`]. Every byte of every
/// message goes through this: 32 bytes at a time, compared without a
/// branch or a table (which the compiler turns into vector instructions),
/// the rest by the table.
fn opens_markup(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        let hit = chunk.iter().fold(false, |hit, &b| {
            hit | (b < 0x20)
                | (b == 0x7f)
                | (b == b'*')
                | (b == b'_')
                | (b == b'~')
                | (b == b'[')
                | (b == b']')
                | (b == b'<')
                | (b == b'`')
                | (b == b'\\')
        });
        if hit {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| OPENS_MARKUP[usize::from(b)])
}

/// The backtick run that opens and closes `v` if `v` is exactly one code
/// span on one line, else 0.
fn code_span_run(v: &str) -> usize {
    let b = v.as_bytes();
    let open = b.iter().take_while(|&&c| c == b'`').count();
    let close = b.iter().rev().take_while(|&&c| c == b'`').count();
    if open == 0 || open != close || b.len() <= 2 * open || b.iter().any(|&c| c < 0x20 || c == 0x7f)
    {
        return 0;
    }
    // No run of the same length inside, which would close the span early.
    let inner = &b[open..b.len() - close];
    let mut i = 0;
    while i < inner.len() {
        if inner[i] == b'`' {
            let n = inner[i..].iter().take_while(|&&c| c == b'`').count();
            if n == open {
                return 0;
            }
            i += n;
        } else {
            i += 1;
        }
    }
    open
}

/// Reads the shape of a message's text (placeables already filled in).
///
/// The text is read alone, without the page's link reference and footnote
/// definitions: `[text][label]` references and `[^label]` footnotes are
/// taken as defined.
pub fn markup(text: &str) -> Markup {
    let mut m = Markup::default();
    // Define every footnote the text references, after it (a copy of the
    // text only then).
    static FOOTNOTE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"[^"));
    let mut rest = text;
    let mut labels = Vec::new();
    // (A set beside the list, and a label read up to the first `]`, `[` or
    // line break: a search for `]` alone read to the end of the text for
    // each unclosed `[^`, and thousands of footnotes were each compared
    // with all the others.)
    let mut seen = rustc_hash::FxHashSet::default();
    while let Some(i) = FOOTNOTE.find(rest.as_bytes()) {
        rest = &rest[i + 2..];
        if let Some(end) = memchr::memchr3(b']', b'[', b'\n', rest.as_bytes())
            && rest.as_bytes()[end] == b']'
        {
            let label = &rest[..end];
            if !label.is_empty() && seen.insert(label) {
                labels.push(label);
            }
        }
    }
    let with_definitions;
    let source = if labels.is_empty() {
        text
    } else {
        let mut s = text.to_string();
        for label in &labels {
            s.push_str("\n\n[^");
            s.push_str(label);
            s.push_str("]: .\n");
        }
        with_definitions = s;
        with_definitions.as_str()
    };
    let mut resolve = |link: BrokenLink<'_>| match link.link_type {
        LinkType::Reference | LinkType::Collapsed => {
            Some((CowStr::Borrowed("#"), CowStr::Borrowed("")))
        }
        _ => None,
    };
    let mut in_definition = 0usize;
    for event in Parser::new_with_broken_link_callback(source, parser_options(), Some(&mut resolve))
    {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_definition += 1,
            Event::End(pulldown_cmark::TagEnd::FootnoteDefinition) => in_definition -= 1,
            _ if in_definition > 0 => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                m.links += 1;
                crate::safety::url_danger(&dest_url, &mut m.dangers);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                m.images += 1;
                crate::safety::url_danger(&dest_url, &mut m.dangers);
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => m.emphasis += 1,
            Event::Start(Tag::Paragraph | Tag::Superscript | Tag::Subscript) => {}
            Event::Start(other) => {
                let name = block_name(&other);
                if !m.blocks.iter().any(|b| b == name) {
                    m.blocks.push(name.to_string());
                }
            }
            Event::FootnoteReference(label) => {
                // Labels match case-insensitively, blanks collapsed: `[^Note]`
                // is the same footnote as `[^note]`.
                let key = label.split_whitespace().collect::<Vec<_>>().join(" ");
                *m.footnotes.entry(key.to_lowercase()).or_default() += 1
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                crate::safety::html_tags(&html, &mut m.html_tags, &mut m.dangers);
            }
            Event::Rule => m.blocks.push("thematic break".into()),
            _ => {}
        }
    }
    m
}

fn block_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "heading",
        Tag::BlockQuote(_) => "block quote",
        Tag::CodeBlock(_) => "code block",
        Tag::HtmlBlock => "HTML block",
        Tag::List(_) | Tag::Item => "list",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "table",
        _ => "block",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether `pattern`, filled, is certainly plain text and code spans,
    /// whose [`markup`] is empty.
    fn is_plain<'v>(pattern: &Pattern, value: impl FnMut(&str) -> Option<&'v str>) -> bool {
        known_markup(pattern, value).is_some_and(|m| m == Markup::default())
    }

    /// Text with every character Markdown may give meaning to, at line
    /// starts too.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                // Mostly what plain text has (harmless inside a line, not
                // all at its start), sometimes any punctuation or a break.
                20 => proptest::sample::select(vec![
                    "a", "word ", " ", "é中 ", "1. ", "2) ", "# ", "> ", "- ", "+ ", "= ", "| ",
                    ": ", "! ", "&amp; &#42; &lt;b&gt; ", "www.x.org http://x.org ", "$x$ ",
                    "^a ", "(a) ", "'\"",
                ])
                .prop_map(String::from),
                1 => proptest::char::range('!', '~').prop_map(String::from),
                1 => proptest::sample::select(vec!["\n", "\t", "\r\n", "    ", "\u{7f}"])
                    .prop_map(String::from),
            ],
            0..12,
        )
        .prop_map(|v| v.concat())
    }

    /// A code span as the page would have it, or something else.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            text().prop_map(|t| format!("`{}`", t.replace('`', ""))),
            text().prop_map(|t| format!("`` {} ``", t.replace("``", "`"))),
            text().prop_map(|t| format!("```{}```", t.replace('`', ""))),
            text(),
        ]
    }

    /// A pattern of texts, each followed by a placeable if it has a value;
    /// and the values by name.
    fn texts_and_values(pieces: &[(String, Option<String>)]) -> (Pattern, Vec<(String, String)>) {
        let mut pattern = Pattern::new();
        let mut values = Vec::new();
        for (i, (t, v)) in pieces.iter().enumerate() {
            pattern.push_text(t);
            if let Some(v) = v {
                let name = format!("v{i}");
                pattern.push_var(&name);
                values.push((name, v.clone()));
            }
        }
        (pattern, values)
    }

    /// Whatever shape `known_markup` gives for `pattern` filled with
    /// `values`, the parser gives too.
    fn known_is_parsed(
        pattern: &Pattern,
        values: &[(String, String)],
    ) -> Result<(), TestCaseError> {
        let lookup = |name: &str| {
            values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        if let Some(known) = known_markup(pattern, lookup) {
            let text = pattern.fill(lookup).unwrap();
            prop_assert_eq!(known, markup(&text), "{:?}", text);
        }
        Ok(())
    }

    proptest! {
        /// The vectorized scan finds what the table finds, wherever the
        /// byte sits (in a 32-byte chunk or the rest).
        #[test]
        fn opens_markup_is_the_table(
            bytes in proptest::collection::vec(
                prop_oneof![8 => b'a'..=b'z', 1 => any::<u8>()],
                0..100,
            ),
        ) {
            let table = bytes.iter().any(|&b| OPENS_MARKUP[usize::from(b)]);
            prop_assert_eq!(opens_markup(&bytes), table);
        }

        /// The same with links and images built on purpose, around
        /// destinations of every kind, in text of every kind.
        #[test]
        fn known_markup_of_links_is_the_parsers(
            parts in proptest::collection::vec(
                (
                    prop_oneof![text(), "[a-z é中.,:;!?'\"()-]{0,10}"],
                    proptest::sample::select(vec!["", "!", "\\", "[", " "]),
                    prop_oneof![text(), "[a-z é中.,:;!?'\"()-]{0,10}"],
                    proptest::option::of(value()),
                    any::<bool>(),
                    prop_oneof![
                        "[a-z:/.#?=&;_*~%-]{1,12}",
                        "(javascript|JavaScript|data|vbscript):[a-z]{0,5}",
                        "[ -~]{0,8}",
                        "[ ^a-z0-9é-]{0,8}",
                    ],
                    proptest::sample::select(vec!["", "", " ", ")", "]", "(", "*", "a"]),
                ),
                1..4,
            )
        ) {
            let mut pattern = Pattern::new();
            let mut values = Vec::new();
            for (i, (before, bang, inside, code, label, target, after)) in parts.iter().enumerate() {
                pattern.push_text(before);
                pattern.push_text(bang);
                pattern.push_text("[");
                pattern.push_text(inside);
                if let Some(code) = code {
                    pattern.push_var(&format!("c{i}"));
                    values.push((format!("c{i}"), code.clone()));
                    pattern.push_text(" ");
                }
                pattern.push_text(if *label { "][" } else { "](" });
                pattern.push_var(&format!("u{i}"));
                values.push((format!("u{i}"), target.clone()));
                pattern.push_text(if *label { "]" } else { ")" });
                pattern.push_text(after);
            }
            known_is_parsed(&pattern, &values)?;
        }

        /// Whatever shape `known_markup` gives without a parse, the parser
        /// gives too: texts with brackets, parentheses and `!` around
        /// placeables that hold code spans, URLs or anything.
        #[test]
        fn known_markup_is_the_parsers(
            pieces in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        prop_oneof![
                            4 => text(),
                            1 => proptest::sample::select(vec![
                                "[", "](", ")", "![", "!", "]", "[^", "(", " [a](", "`", "\\", "*",
                            ])
                            .prop_map(String::from),
                        ],
                        0..4,
                    )
                    .prop_map(|v| v.concat()),
                    proptest::option::of(prop_oneof![
                        value(),
                        "[a-z:/.#?=_*~%-]{1,12}",
                        "(javascript|JavaScript|data|vbscript):[a-z()]{0,5}",
                        "[ -~]{0,8}",
                    ]),
                ),
                1..6,
            )
        ) {
            let (pattern, values) = texts_and_values(&pieces);
            known_is_parsed(&pattern, &values)?;
        }

        #[test]
        fn plain_patterns_have_no_markup(
            pieces in proptest::collection::vec((text(), proptest::option::of(value())), 1..5)
        ) {
            let (pattern, values) = texts_and_values(&pieces);
            let lookup = |name: &str| values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
            if is_plain(&pattern, lookup) {
                let text = pattern.fill(lookup).unwrap();
                prop_assert_eq!(markup(&text), Markup::default(), "{:?}", text);
            }
        }
    }

    #[test]
    fn plain_means_text_and_code_spans_only() {
        let values = [("code1".to_string(), "`a_b <x>`".to_string())];
        let lookup = |name: &str| {
            values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let mut p = Pattern::from("Call ");
        p.push_var("code1");
        p.push_text(" now.");
        assert!(is_plain(&p, lookup));
        for not_plain in [
            "*a*", "a_b_", "[a]", "<b>", "- a", "# a", "1. a", "    a", "a\nb", "a`b",
        ] {
            assert!(!is_plain(&Pattern::from(not_plain), lookup), "{not_plain}");
        }
        let mut two = Pattern::new();
        two.push_var("code1");
        two.push_var("code1");
        assert!(
            !is_plain(&two, lookup),
            "touching code spans merge their backticks"
        );
    }

    #[test]
    fn numbers_open_a_list_only_as_markers() {
        let none = |_: &str| None;
        for text in [
            "6.0+ is out",
            "10.5% more",
            "2024-01-01",
            "1234567890. a",
            "3",
        ] {
            assert!(is_plain(&Pattern::from(text), none), "{text}");
            assert_eq!(markup(text), Markup::default(), "{text}");
        }
        for text in ["1. a", "1.", "2) b", "1.\ta", "123456789. a"] {
            assert!(!is_plain(&Pattern::from(text), none), "{text}");
            assert_eq!(markup(text).blocks, ["list"], "{text}");
        }
    }

    #[test]
    fn links_with_placeable_targets_need_no_parse() {
        let values = [
            ("link1".to_string(), "/docs/?a=1&b=2".to_string()),
            ("img1".to_string(), "logo.png".to_string()),
            ("ref1".to_string(), "the guide".to_string()),
            ("bad".to_string(), "javascript:alert".to_string()),
            ("amp".to_string(), "/x?a&amp;b".to_string()),
        ];
        let lookup = |name: &str| {
            values
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        let pattern = |parts: &[(&str, Option<&str>)]| {
            let mut p = Pattern::new();
            for (text, var) in parts {
                p.push_text(text);
                if let Some(v) = var {
                    p.push_var(v);
                }
            }
            p
        };
        let known = |p: &Pattern| {
            let k = known_markup(p, lookup);
            if let Some(k) = &k {
                assert_eq!(*k, markup(&p.fill(lookup).unwrap()));
            }
            k
        };
        let links = pattern(&[
            ("See [the docs](", Some("link1")),
            (") and ![a logo](", Some("img1")),
            ("), or [that][", Some("ref1")),
            ("].", None),
        ]);
        let m = known(&links).expect("links with placeable targets");
        assert_eq!((m.links, m.images), (2, 1));
        let m = known(&pattern(&[("[x](", Some("bad")), (")", None)])).unwrap();
        assert_eq!(m.dangers, ["`javascript:` link"]);
        // An entity could hide in the target: parsed.
        assert!(known(&pattern(&[("[x](", Some("amp")), (")", None)])).is_none());
        // A title, a literal target, a reference without its label: parsed.
        assert!(known(&pattern(&[("[x](", Some("link1")), (" \"t\")", None)])).is_none());
        assert!(known(&Pattern::from("[x](/y)")).is_none());
        assert!(known(&Pattern::from("[x] y")).is_none());
    }

    #[test]
    fn counts_links_images_footnotes_and_tags() {
        let m = markup("See [a](/x), [b][ref] and ![c](/y)[^1] <kbd>K</kbd>.");
        assert_eq!((m.links, m.images), (2, 1));
        assert_eq!(m.footnotes.get("1"), Some(&1));
        assert_eq!(m.html_tags.get("kbd"), Some(&1));
        assert!(m.blocks.is_empty() && m.dangers.is_empty());
        assert_eq!(markup("- a list").blocks, vec!["list"]);
        assert_eq!(markup("*a* **b** ~~c~~").emphasis, 3);
        let upper = markup("x[^Note]").footnotes;
        assert_eq!(upper.get("note"), Some(&1));
        assert_eq!(
            upper,
            markup("x[^note]").footnotes,
            "footnote labels match like CommonMark's"
        );
    }

    #[test]
    fn finds_dangers_however_written() {
        for hostile in [
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "<img src=x OnError=alert(1)>",
            "<a href=\"java\nscript:x\">",
            "<a href=\"&#106;avascript:alert(1)\">",
            "<a href=\"&#x6A;avascript&colon;alert(1)\">",
            "<kbd title=\"x>y\" onmouseover=alert(1)>",
            "<SCRIPT>alert(1)</SCRIPT>",
            "<iframe src=//evil>",
        ] {
            assert!(!markup(hostile).dangers.is_empty(), "{hostile}");
        }
        assert!(
            markup("<kbd title=\"on the fly\">K</kbd>")
                .dangers
                .is_empty()
        );
    }
}
