//! What a translation must never bring into a page: anything that a parser
//! of the page's dialect would read as HTML, structure, attributes, a link
//! definition or template code, and that the source message does not have.
//!
//! A docs site is rendered by more than pulldown-cmark. Python-Markdown
//! (MkDocs) passes on as HTML what CommonMark calls text (`<svg/onload=…>`);
//! Python-Markdown's `attr_list` and kramdown (Jekyll) read `{: …}` and
//! `{…}` after an element as attributes, pulldown-cmark and Goldmark (Hugo)
//! a trailing `{…}` on a heading; Liquid and Hugo run `{{ }}`, `{% %}`,
//! `{{< >}}` before any Markdown; MDX evaluates every `{…}` and reads `<` as
//! JSX; every one of them takes a line `[label]: url` as a definition that
//! wins over the page's own. Each detector here reads the translator's text
//! as the most permissive of them would, and [`added_structure`] keeps what
//! the translation has more of than its source.
//!
//! What is HTML is decided by a real HTML5 tokenizer (html5gum), the way a
//! browser reads what a Markdown parser passed through, not by patterns.
//! The older scan of the HTML pulldown-cmark passes through
//! (`html_tags`, [`added_html`]) is kept beside it: it counts the tags
//! that [`crate::markup::Markup`] compares, and its findings open the
//! `unsafe-html` message, whose wording users and snapshots rely on.
//!
//! Placeables are the source's: their values come from the source page at
//! build time. So a text is read with each placeable replaced by
//! [`PLACEABLE`], a character no parser gives a meaning to: a code span
//! with `<div>` in it, a shortcode, a URL are never the translator's, and
//! a translator who repeats a placeable adds nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;

use html5gum::{Token, Tokenizer};

use crate::catalog::SourceEntry;
use crate::markdown::{Block, starts_definition};
use crate::pattern::{Pattern, Piece};

/// What stands for a placeable when a text is read: U+FFFC OBJECT
/// REPLACEMENT CHARACTER, neither blank, punctuation, letter nor markup to
/// any parser.
pub const PLACEABLE: char = '\u{fffc}';

/// Where a message lands in its page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Where {
    /// A paragraph (or a list item's, a quote's, a footnote's text): its
    /// lines start lines of the page.
    #[default]
    Paragraph,
    /// A heading's text (or a message whose block is not known and is not
    /// a paragraph).
    Heading,
    /// A table cell: one line between `|`.
    TableCell,
    /// A front matter value: YAML, which templates print as they are.
    FrontMatter,
}

/// What the reader of a message needs to know of its page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Where the message lands.
    pub block: Where,
    /// The page is MDX (Docusaurus `.mdx`): `{`, `}` and `<` are code.
    pub mdx: bool,
}

impl Context {
    /// The context of a message that lands in `block`.
    pub fn of_block(block: &Block, mdx: bool) -> Context {
        let block = match block {
            Block::Paragraph => Where::Paragraph,
            Block::Heading { .. } | Block::Title { .. } | Block::Attribute { .. } => Where::Heading,
            Block::TableCell => Where::TableCell,
            Block::FrontMatter { .. } => Where::FrontMatter,
        };
        Context { block, mdx }
    }

    /// The context of a source catalog's message, as far as the catalog
    /// tells (a paragraph, or not).
    pub fn of_source(entry: &SourceEntry, mdx: bool) -> Context {
        Context {
            block: if entry.paragraph {
                Where::Paragraph
            } else {
                Where::Heading
            },
            mdx,
        }
    }
}

/// What kind of thing a translation adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// HTML: a tag, an attribute, an event handler, a comment, a script
    /// URL (check's `unsafe-html`).
    Html,
    /// Markdown or template structure: a link definition, an attribute
    /// list, template code, an MDX expression (check's `markup-mismatch`).
    Structure,
}

/// One thing a translation adds that its source does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// HTML or structure.
    pub kind: Kind,
    /// What it is, for a person: `<svg>`, "event handler `onload`",
    /// "a link definition `[guide]:`"...
    pub what: String,
}

/// Whether `translation` could add anything [`added_structure`] looks
/// for. `false` is certain: the translator's text has none of `<`, `&`,
/// `:`, `{`, `}` (and, in MDX, does not start with `import`/`export`), and
/// every construct looked for needs one of them in the translator's own
/// text (a placeable's value is the source's). A scan of bytes, no parse.
pub fn may_add(translation: &Pattern, ctx: &Context) -> bool {
    let mut first = true;
    translation.pieces().iter().any(|p| match p {
        Piece::Text(text) => {
            let at_start = std::mem::take(&mut first);
            text.bytes()
                .any(|b| matches!(b, b'<' | b'&' | b':' | b'{' | b'}'))
                || (ctx.mdx && at_start && starts_esm(text))
        }
        Piece::Var(_) | Piece::Term(_) => {
            first = false;
            false
        }
    })
}

/// What `translation` adds that `source` does not have, by any parser of
/// the dialect (see the module's documentation); empty when nothing.
/// Both are patterns of the same message; placeables count as the
/// source's whatever their values.
pub fn added_structure(source: &Pattern, translation: &Pattern, ctx: &Context) -> Vec<Added> {
    if !may_add(translation, ctx) {
        return Vec::new();
    }
    added_against(&source_features(source, ctx), translation, ctx)
}

/// The constructs of a source message: found once for all its
/// translations (`check` compares three locales' with the same source).
#[derive(Debug)]
pub struct SourceFeatures(Vec<Feature>);

/// The constructs of `source`, for [`added_against`].
pub fn source_features(source: &Pattern, ctx: &Context) -> SourceFeatures {
    SourceFeatures(features(source, ctx))
}

/// [`added_structure`], with the source's constructs found already.
pub fn added_against(had: &SourceFeatures, translation: &Pattern, ctx: &Context) -> Vec<Added> {
    if !may_add(translation, ctx) {
        return Vec::new();
    }
    let had = &had.0;
    let has = features(translation, ctx);
    let mut out: Vec<Added> = Vec::new();
    for (i, f) in has.iter().enumerate() {
        let before = has[..i].iter().filter(|g| g.key == f.key).count();
        let in_source = had.iter().filter(|g| g.key == f.key).count();
        if before >= in_source && !out.iter().any(|a| a.what == f.what) {
            out.push(Added {
                kind: f.kind,
                what: f.what.clone(),
            });
        }
    }
    out
}

/// One construct found in a text: what it counts as (`key`) and how it is
/// named to a person (`what`, which may quote it).
#[derive(Debug)]
struct Feature {
    kind: Kind,
    key: String,
    what: String,
}

impl Feature {
    fn new(kind: Kind, key: impl Into<String>) -> Feature {
        let key = key.into();
        Feature {
            kind,
            what: key.clone(),
            key,
        }
    }

    fn shown(kind: Kind, key: &str, what: String) -> Feature {
        Feature {
            kind,
            key: key.to_string(),
            what,
        }
    }
}

/// Every construct of `pattern`'s text, placeables standing as
/// [`PLACEABLE`], in text order per detector.
fn features(pattern: &Pattern, ctx: &Context) -> Vec<Feature> {
    let mut text = String::with_capacity(pattern.text_len() + 8);
    for p in pattern.pieces() {
        match p {
            Piece::Text(t) => text.push_str(t),
            // (A term is resolved into text before it is judged.)
            Piece::Var(_) | Piece::Term(_) => text.push(PLACEABLE),
        }
    }
    let mut out = Vec::new();
    let has = |c: u8| memchr::memchr(c, text.as_bytes()).is_some();
    if has(b'<') {
        html_features(&text, &mut out);
    }
    if has(b':') || has(b'&') {
        link_features(&text, &mut out);
        if matches!(ctx.block, Where::Paragraph | Where::Heading) {
            definition_features(&text, &mut out);
        }
    }
    if has(b'{') || has(b'}') {
        brace_features(&text, ctx, &mut out);
    }
    if ctx.mdx {
        mdx_features(&text, ctx, &mut out);
    }
    out
}

// ------------------------------------------------------------------ HTML

/// Tags, attributes, comments and script URLs, as an HTML5 tokenizer
/// reads the text (every `<` a browser would take as a tag, whatever a
/// Markdown parser calls it).
///
/// A tag still open at the end of the text counts by its name only: no
/// Markdown parser reads it as HTML (an inline tag must close in its
/// paragraph or cell), and in prose (`where k<d0. In particular…`) its
/// "attributes" are the translated words. It is read with a `>` after
/// the text, so that its name is known.
fn html_features(text: &str, out: &mut Vec<Feature>) {
    let mut input = String::with_capacity(text.len() + 1);
    input.push_str(text);
    input.push('>');
    let emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    for token in Tokenizer::new_with_emitter(input.as_str(), emitter).flatten() {
        match token {
            Token::StartTag(tag) if tag.span.end >= input.len() => {
                let name = String::from_utf8_lossy(&tag.name);
                out.push(Feature::new(
                    Kind::Html,
                    format!("an unterminated tag `<{name}`"),
                ));
            }
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                out.push(Feature::new(Kind::Html, format!("<{name}>")));
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr);
                    if attr.starts_with("on") {
                        out.push(Feature::new(Kind::Html, format!("event handler `{attr}`")));
                    } else {
                        out.push(Feature::new(
                            Kind::Html,
                            format!("attribute `{attr}` on <{name}>"),
                        ));
                    }
                    if let Some(scheme) = script_in_attribute(&String::from_utf8_lossy(value)) {
                        out.push(Feature::new(Kind::Html, format!("`{scheme}` URL")));
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                out.push(Feature::new(Kind::Html, format!("</{name}>")));
            }
            Token::Comment(_) => out.push(Feature::new(Kind::Html, "<!--")),
            Token::Doctype(_) => out.push(Feature::new(Kind::Html, "<!DOCTYPE>")),
            Token::Error(e) if e.value == html5gum::Error::EofInTag => {
                out.push(Feature::new(Kind::Html, "an unterminated tag"));
            }
            Token::String(_) | Token::Error(_) => {}
        }
    }
}

/// The scheme of a script URL in an attribute value (already decoded by
/// the tokenizer): `javascript:` or `vbscript:` anywhere (a `style` can
/// hold one), `data:` at the start.
fn script_in_attribute(value: &str) -> Option<&'static str> {
    let compact = compact(value);
    ["javascript:", "vbscript:"]
        .into_iter()
        .find(|s| compact.contains(s))
        .or_else(|| compact.starts_with("data:").then_some("data:"))
}

/// `s` lower-cased, without the blanks and control characters browsers
/// skip inside a URL's scheme.
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The scheme of a script URL (`javascript:`, `vbscript:`, `data:`) that
/// `url` starts with, however written: character references decoded,
/// blanks and control characters skipped, any case.
pub(crate) fn script_scheme(url: &str) -> Option<&'static str> {
    // Plain printable ASCII (most URLs) is compared as it is.
    let hidden = url.bytes().any(|b| b == b'&' || b <= b' ' || b >= 0x7f);
    let compact: Cow<'_, str> = if hidden {
        decode_entities(url)
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .into()
    } else {
        url.into()
    };
    ["javascript:", "vbscript:", "data:"].into_iter().find(|s| {
        compact
            .as_bytes()
            .get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s.as_bytes()))
    })
}

/// Decodes the character references a browser or a Markdown parser would
/// in a URL: numeric ones and the few named ones that hide a scheme.
/// Lower-cased.
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
        {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "colon" => Some(':'),
                "tab" | "newline" => Some(' '),
                "sol" => Some('/'),
                "lpar" => Some('('),
                "rpar" => Some(')'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out.to_ascii_lowercase()
}

// ------------------------------------------- HTML in a message's Markdown

// What `crate::markup` counts of the HTML pulldown-cmark passes through,
// and what `check` compares of it: the `unsafe-html` finding's first
// words. The tokenizer above finds more (and adds it to that finding).

/// The HTML a message's Markdown passes through, as `html_tags` counts
/// it (what `crate::markup::Markup` holds of it).
#[derive(Clone, Copy, Debug)]
pub struct PassedHtml<'a> {
    /// Tags by lower-case name (closing tags as `/name`).
    pub html_tags: &'a BTreeMap<String, usize>,
    /// Dangerous elements, event handlers and script URLs.
    pub dangers: &'a [String],
}

/// What a translation adds that its source does not have: dangerous
/// constructs (script, event handlers, script URLs) and raw HTML tags.
pub fn added_html(source: PassedHtml<'_>, translation: PassedHtml<'_>) -> Vec<String> {
    let mut what: Vec<String> = Vec::new();
    if translation.dangers.is_empty() && translation.html_tags.is_empty() {
        return what;
    }
    // Sets, not scans: thousands of links or handlers in one message made
    // these comparisons quadratic.
    let known: rustc_hash::FxHashSet<&str> = source.dangers.iter().map(String::as_str).collect();
    let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for d in translation
        .dangers
        .iter()
        .filter(|d| !known.contains(d.as_str()))
    {
        if seen.insert(d.clone()) {
            what.push(d.clone());
        }
    }
    for (tag, n) in translation.html_tags {
        if !tag.starts_with('/') && source.html_tags.get(tag).is_none_or(|m| m < n) {
            let tag = format!("<{tag}>");
            if seen.insert(tag.clone()) {
                what.push(tag);
            }
        }
    }
    what
}

/// Elements that run code or change the page around them.
const DANGEROUS_TAGS: &[&str] = &[
    "script", "iframe", "frame", "object", "embed", "style", "base", "form", "meta", "link", "svg",
    "math",
];

/// Counts the tags of an HTML fragment that pulldown-cmark passed through
/// (inline HTML or an HTML block) into `tags` (lower-case names, closing
/// tags as `/name`, comments as `!--`), and notes in `dangers` dangerous
/// elements, event handlers and script URLs in attributes.
pub(crate) fn html_tags(html: &str, tags: &mut BTreeMap<String, usize>, dangers: &mut Vec<String>) {
    let lower = html.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        i += off + 1;
        if lower[i..].starts_with("!--") {
            *tags.entry("!--".into()).or_default() += 1;
            continue;
        }
        let closing = lower[i..].starts_with('/');
        let name_start = i + usize::from(closing);
        let name: String = lower[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.is_empty() {
            continue;
        }
        // The tag ends at the first `>` outside quotes.
        let mut end = name_start + name.len();
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let inside = &lower[name_start + name.len()..end];
        if !closing {
            if DANGEROUS_TAGS.contains(&name.as_str()) {
                dangers.push(format!("<{name}>"));
            }
            for (attr, value) in attributes(inside) {
                if attr.starts_with("on") {
                    dangers.push(format!("event handler `{attr}`"));
                }
                let value: String = decode_entities(&value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    if value.contains(scheme) {
                        dangers.push(format!("`{scheme}` URL"));
                    }
                }
            }
        }
        let key = if closing { format!("/{name}") } else { name };
        *tags.entry(key).or_default() += 1;
        i = end;
    }
}

/// The attributes of a tag's inside: (lower-case name, raw value).
fn attributes(inside: &str) -> Vec<(String, String)> {
    let b = inside.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/' | b'>') {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = inside[start..i].to_string();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && matches!(b[i], b'"' | b'\'') {
                let q = b[i];
                let vstart = i + 1;
                i = vstart;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = inside[vstart..i.min(b.len())].to_string();
                i += 1;
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = inside[vstart..i].to_string();
            }
        }
        out.push((name, value));
    }
    out
}

/// Notes in `dangers` a link's or image's script URL (`javascript:`,
/// `vbscript:`, `data:`) however written (see [`script_scheme`]).
pub(crate) fn url_danger(url: &str, dangers: &mut Vec<String>) {
    if let Some(scheme) = crate::safety::script_scheme(url) {
        dangers.push(format!("`{scheme}` link"));
    }
}

// ------------------------------------------------------------- Markdown

/// Script URLs as Markdown link or image destinations, `](url)`, read
/// as loosely as any parser may: backslash escapes (`javascript\:`) and
/// character references undone, blanks and an opening `<` skipped.
fn link_features(text: &str, out: &mut Vec<Feature>) {
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        rest = &rest[i + 2..];
        let dest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '<');
        let head: String = dest
            .chars()
            .take(64)
            .filter(|&c| c != '\\' && c != ')')
            .collect();
        if let Some(scheme) = script_scheme(&head) {
            out.push(Feature::new(Kind::Html, format!("`{scheme}` link")));
        }
    }
}

/// Link reference and footnote definitions: a line (after blanks) that
/// [`starts_definition`].
fn definition_features(text: &str, out: &mut Vec<Feature>) {
    for start in line_starts(text) {
        let line = text[start..].trim_start_matches([' ', '\t']);
        if starts_definition(line) {
            let label: String = line[1..]
                .chars()
                .take_while(|&c| c != ']')
                .take(30)
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let what = if label.starts_with('^') {
                format!("a footnote definition `[{label}]:`")
            } else {
                format!("a link definition `[{label}]:`")
            };
            out.push(Feature::shown(Kind::Structure, "definition", what));
        }
    }
}

/// Where each line of `text` starts (after `\n`, `\r` or `\r\n`).
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        text.bytes()
            .enumerate()
            .filter(|&(i, b)| {
                b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            })
            .map(|(i, _)| i + 1),
    )
}

// --------------------------------------------------- braces: templates, attributes

/// Template code (`{{`, `{%`: Liquid, Hugo shortcodes, mdBook links),
/// kramdown's and attr_list's `{:`, and brace groups that a parser takes
/// as attributes: alone on a line (attr_list's and Goldmark's block
/// attributes), at the end of a heading or a cell (pulldown-cmark,
/// Goldmark, attr_list), right after what may end an inline element
/// (attr_list: `*em*{…}`, `` `code`{…} ``, `[a](b){…}`). A group inside a
/// sentence (`Replace {name} here`) is text to all of them.
fn brace_features(text: &str, ctx: &Context, out: &mut Vec<Feature>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'{', &b[i..]) {
        let at = i + off;
        i = at + 1;
        match b.get(at + 1) {
            Some(b'{') => {
                out.push(Feature::new(Kind::Structure, "template code `{{`"));
                i = at + 2;
                continue;
            }
            Some(b'%') => {
                out.push(Feature::new(Kind::Structure, "template code `{%`"));
                i = at + 2;
                continue;
            }
            Some(b':') => {
                out.push(Feature::shown(
                    Kind::Structure,
                    "attributes",
                    format!("an attribute list `{}`", group_at(text, at)),
                ));
                continue;
            }
            _ => {}
        }
        let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |j| at + j);
        let Some(close) = text[at + 1..line_end].find(['{', '}']).map(|j| at + 1 + j) else {
            continue;
        };
        if b[close] != b'}' {
            continue;
        }
        let blank = |s: &str| s.trim_matches([' ', '\t']).is_empty();
        let line_start = text[..at].rfind(['\n', '\r']).map_or(0, |j| j + 1);
        let alone = blank(&text[line_start..at]) && blank(&text[close + 1..line_end]);
        let ends_text = blank(&text[close + 1..]);
        let after_element = text[..at].chars().next_back().is_some_and(|c| {
            matches!(
                c,
                '*' | '_' | '`' | ')' | ']' | '>' | '~' | '=' | '^' | PLACEABLE
            )
        });
        let heading_or_cell = matches!(ctx.block, Where::Heading | Where::TableCell);
        if !blank(&text[at + 1..close])
            && (alone || after_element || (ends_text && heading_or_cell))
        {
            out.push(Feature::shown(
                Kind::Structure,
                "attributes",
                format!("an attribute block `{}`", &text[at..=close]),
            ));
        }
        i = close + 1;
    }
}

/// The brace group starting at `at` up to its `}` on the line (or the
/// line's end), shortened for a message.
fn group_at(text: &str, at: usize) -> String {
    let rest = &text[at..];
    let end = rest
        .find(['}', '\n', '\r'])
        .map_or(rest.len(), |j| j + usize::from(rest.as_bytes()[j] == b'}'));
    let group: String = rest[..end].chars().take(40).collect();
    group
}

// ------------------------------------------------------------------ MDX

/// MDX: every `{`, `}` is an expression's edge and every `<` JSX (or an
/// error); a paragraph starting with `import` or `export` is ESM.
fn mdx_features(text: &str, ctx: &Context, out: &mut Vec<Feature>) {
    for c in text.chars() {
        match c {
            '{' | '}' => out.push(Feature::new(Kind::Structure, "an MDX expression `{…}`")),
            '<' => out.push(Feature::new(Kind::Structure, "JSX `<` (MDX)")),
            _ => {}
        }
    }
    if ctx.block == Where::Paragraph && starts_esm(text) {
        out.push(Feature::new(Kind::Structure, "an MDX `import`/`export`"));
    }
}

/// Whether a paragraph starting with `text` is ESM in MDX.
fn starts_esm(text: &str) -> bool {
    let t = text.trim_start_matches([' ', '\t']);
    ["import", "export"].iter().any(|k| {
        t.strip_prefix(k)
            .is_some_and(|r| r.starts_with([' ', '\t', '{', '*']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph() -> Context {
        Context::default()
    }

    /// The descriptions of what `translation` adds to `source` (plain
    /// texts, `$name` for a placeable).
    fn added(source: &str, translation: &str, ctx: &Context) -> Vec<String> {
        added_structure(&pattern(source), &pattern(translation), ctx)
            .into_iter()
            .map(|a| a.what)
            .collect()
    }

    /// A pattern from text where `$name` is a placeable.
    fn pattern(s: &str) -> Pattern {
        let mut p = Pattern::new();
        let mut rest = s;
        while let Some(i) = rest.find('$') {
            p.push_text(&rest[..i]);
            let name_len = rest[i + 1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - i - 1);
            p.push_var(&rest[i + 1..i + 1 + name_len]);
            rest = &rest[i + 1 + name_len..];
        }
        p.push_text(rest);
        p
    }

    #[test]
    fn html_that_markdown_calls_text_is_html() {
        for (hostile, named) in [
            ("Voir <svg/onload=alert(2)> ici.", "event handler `onload`"),
            (
                "Voir <img/src/onerror=alert(1)> ici.",
                "event handler `onerror`",
            ),
            ("Voir <svg/onload=alert(2)> ici.", "<svg>"),
            (
                "Voir <kbd title=\"x>y\" onmouseover=alert(1)>K</kbd>.",
                "event handler `onmouseover`",
            ),
            (
                "Voir <a href=\"&#106;avascript&colon;alert(1)\">x</a>.",
                "`javascript:` URL",
            ),
            (
                "Voir <a href=\"java\tscript:alert(1)\">x</a>.",
                "`javascript:` URL",
            ),
            ("Voir <!-- x --> ici.", "<!--"),
            ("Voir </div> ici.", "</div>"),
            ("Voir <img src=x onerror=\"alert(1)", "an unterminated tag"),
            (
                "Voir <img src=x onerror=alert(1)",
                "an unterminated tag `<img`",
            ),
        ] {
            let what = added("See $code1 here.", hostile, &paragraph());
            assert!(what.iter().any(|w| w == named), "{hostile}: {what:?}");
            assert!(what.iter().all(|w| !w.is_empty()));
        }
    }

    #[test]
    fn the_sources_own_html_may_move_and_placeables_are_not_html() {
        let ctx = paragraph();
        assert_eq!(
            added(
                "Press <kbd>Ctrl</kbd> and $code1.",
                "Puis $code1, appuyez sur <KBD>Ctrl</KBD>.",
                &ctx
            ),
            Vec::<String>::new()
        );
        // A repeated placeable adds nothing, whatever its value.
        assert!(added("Use $code1.", "Utilisez $code1 ($code1).", &ctx).is_empty());
        // Text around `<` that is not a tag, or a tag that never closes.
        assert!(added("If a < b: stop.", "Si a < b : arrêtez, 3 <= 4.", &ctx).is_empty());
        assert!(
            added(
                "Where k<d0. In particular, $code1 is not.",
                "Où k<d0. En particulier, $code1 ne l’est pas.",
                &ctx
            )
            .is_empty()
        );
        // An attribute the source's tag lacks.
        assert_eq!(
            added("Press <kbd>K</kbd>.", "Appuyez <kbd title=x>K</kbd>.", &ctx),
            ["attribute `title` on <kbd>"]
        );
    }

    #[test]
    fn escaped_and_encoded_schemes_in_links() {
        for hostile in [
            "[x](javascript\\:alert(1)) $link1",
            "[x](data\\:text/html,x) $link1",
            "[x](<javascript:alert(1)>) $link1",
            "[x](java&#115;cript:alert(1)) $link1",
            "![x]( JavaScript&colon;alert(1)) $link1",
        ] {
            let what = added("[x]($link1)", hostile, &paragraph());
            assert!(
                what.iter().any(|w| w.ends_with("link")),
                "{hostile}: {what:?}"
            );
        }
        assert!(added("[x]($link1)", "[y]($link1) : javascript: non", &paragraph()).is_empty());
    }

    #[test]
    fn definitions_however_their_label_is_written() {
        for hostile in [
            "[\nguide]: javascript:alert(document.cookie)",
            "Lisez.\n[guide]: javascript:alert(1)",
            "[gu\\]ide]: javascript:alert(1)",
            "[a[b]: javascript:alert(1)",
            "  [guide]: /x",
            "[^1]: une note",
        ] {
            let what = added("Read the guide.", hostile, &paragraph());
            assert!(
                what.iter().any(|w| w.contains("definition")),
                "{hostile:?}: {what:?}"
            );
        }
        for fine in ["[x]($link1): voir", "Voir [x][$ref1] : oui", "[a] [b]: c"] {
            let what = added("See [x]($link1) and [y][$ref1].", fine, &paragraph());
            assert!(
                what.iter().all(|w| !w.contains("definition")),
                "{fine:?}: {what:?}"
            );
        }
        assert!(
            added(
                "x",
                "[a]: b",
                &Context {
                    block: Where::TableCell,
                    mdx: false
                }
            )
            .is_empty()
        );
    }

    #[test]
    fn template_code_only_as_the_sources_placeables() {
        for (hostile, named) in [
            ("Voir {{< gist attacker id >}}.", "template code `{{`"),
            (
                "Voir {% include_relative secrets.yml %}.",
                "template code `{%`",
            ),
            ("Voir {{ site.github }}.", "template code `{{`"),
            ("Voir {{% alert %}}.", "template code `{{`"),
        ] {
            assert_eq!(
                added("See $tag1.", hostile, &paragraph()),
                [named],
                "{hostile}"
            );
        }
        assert!(added("See $tag1.", "Voir $tag1, puis $tag1.", &paragraph()).is_empty());
    }

    #[test]
    fn attribute_lists_and_blocks() {
        let heading = Context {
            block: Where::Heading,
            mdx: false,
        };
        for (hostile, ctx) in [
            ("*Un*{: onmouseover=\"alert(1)\"} deux", paragraph()),
            ("Un deux\n{: onmouseover=alert(1)}", paragraph()),
            ("Un deux\n{onmouseover=alert(1)}", paragraph()),
            ("*Un*{onmouseover=alert(1)} deux", paragraph()),
            ("[Un](https://x){onclick=alert(1)} deux", paragraph()),
            ("$code1{.danger} deux", paragraph()),
            ("{::nomarkdown}<b>x</b>{:/}", paragraph()),
            ("Intro {onclick=alert(1) style=x}", heading),
            ("Intro {#mon-id}", heading),
        ] {
            let what = added("*One* $code1 two", hostile, &ctx);
            assert!(
                what.iter().any(|w| w.contains("attribute")),
                "{hostile:?}: {what:?}"
            );
        }
        // Braces around a word inside a sentence, or at the end of a
        // paragraph's line, are text.
        for fine in [
            "Remplacez {nom} par le vôtre.",
            "Remplacez le {nom}\npar le vôtre.",
            "Remplacez par le {nom}",
        ] {
            let what = added("Replace {name} with yours.", fine, &paragraph());
            assert!(what.is_empty(), "{fine:?}: {what:?}");
        }
    }

    #[test]
    fn mdx_expressions_jsx_and_esm() {
        let mdx = Context {
            block: Where::Paragraph,
            mdx: true,
        };
        for hostile in [
            "Voir {alert(document.cookie)}.",
            "Voir <Alert />.",
            "Voir <> ici.",
            "import x from 'y'\nVoir.",
            "export const a = 1",
        ] {
            assert!(!added("See this.", hostile, &mdx).is_empty(), "{hostile:?}");
            assert!(may_add(&pattern(hostile), &mdx), "{hostile:?}");
        }
        assert!(added("See {a}.", "Voir {a}.", &mdx).is_empty());
        assert!(added("See this.", "Voir ceci.", &mdx).is_empty());
    }

    #[test]
    fn may_add_is_sound_for_the_examples() {
        for text in [
            "<svg/onload=alert(2)>",
            "[x](javascript\\:alert(1))",
            "[\nguide]: x",
            "{{ x }}",
            "a {: b}",
            "a}",
            "&#106;",
        ] {
            assert!(may_add(&pattern(text), &paragraph()), "{text}");
        }
        assert!(!may_add(
            &pattern("Plain text, with [a link]($link1) and *emphasis*."),
            &paragraph()
        ));
    }

    proptest::proptest! {
        /// `may_add` is sound: a translation it passes has no construct
        /// at all for any detector, whatever its source.
        #[test]
        fn may_add_false_means_nothing_found(
            pieces in proptest::collection::vec(
                (
                    "[ -~\n\r\t\u{a0}\u{fffc}é]{0,12}",
                    proptest::bool::ANY,
                ),
                0..6,
            ),
            mdx in proptest::bool::ANY,
            block in proptest::sample::select(vec![Where::Paragraph, Where::Heading, Where::TableCell]),
        ) {
            let mut p = Pattern::new();
            for (i, (text, var)) in pieces.iter().enumerate() {
                p.push_text(text);
                if *var {
                    p.push_var(&format!("v{i}"));
                }
            }
            let ctx = Context { block, mdx };
            if !may_add(&p, &ctx) {
                proptest::prop_assert!(features(&p, &ctx).is_empty(), "{:?}", p);
            }
        }
    }

    #[test]
    fn script_schemes_however_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "&#106;avascript:x",
            "java\tscript:x",
            "&#x6A;avascript&colon;x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(script_scheme(url).is_some(), "{url}");
        }
        assert!(script_scheme("https://example.com/javascript:").is_none());
    }
}
