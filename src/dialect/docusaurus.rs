//! Docusaurus: pages are MDX (Markdown with JSX, ESM and `{expressions}`)
//! plus remark-directive admonitions, as Docusaurus 3 reads `.md` and
//! `.mdx` files by default.
//!
//! What CommonMark reads as text or HTML blocks, and MDX as code:
//!
//! - ESM (`import …`, `export …` at the top level, to a blank line) and MDX
//!   comments (`{/* … */}`) alone on their lines: skeleton;
//! - JSX tags alone on their lines (`<Tabs groupId="x">`, `</TabItem>`,
//!   `<Image … />`, over several lines if need be): skeleton, but their
//!   prose attributes (`title`, `label`, `alt`, `description`,
//!   `placeholder`, `caption` as string literals) are messages, and the
//!   Markdown between an opening and a closing tag is segmented;
//! - admonitions (`:::tip`, `:::note[Title]`, `:::warning Title`, deeper
//!   fences `::::` outside): fences and types skeleton, the title a message,
//!   the body Markdown;
//! - inline: `{expressions}`, `{/* comments */}` and JSX tags (with
//!   `{…}` attribute values) are placeables.
//!
//! [`prepare`] finds the block syntax line by line (outside fenced code)
//! and masks it for the CommonMark parser, byte for byte: fences become
//! rules (`***`), tag, ESM and comment lines blank. Translations are
//! escaped for MDX: `{`, `}` and a `<` that would open a tag are written
//! with a backslash, a line that would start ESM or a directive with a
//! character reference or a backslash.
//!
//! Heading ids are github-slugger's, with `-1`, `-2` for duplicates, as
//! Docusaurus computes them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::{Dialect, Extensions, OwnText, Prepared, commonmark};
use crate::markdown::find_eol;

/// JSX attributes whose string values are prose.
pub const PROSE_ATTRIBUTES: &[&str] = &[
    "title",
    "label",
    "alt",
    "description",
    "placeholder",
    "caption",
];

/// Placeables in every Docusaurus page: Hugo's shortcodes (they turn up
/// in any Markdown), MDX comments, expressions (one level of nested
/// braces), JSX tags, and the bare URLs and e-mail addresses remark-gfm
/// makes links of.
pub const PROTECT: &[&str] = &[
    r"\{\{<.*?>\}\}",
    r"\{\{%.*?%\}\}",
    r"\{/\*.*?\*/\}",
    // (Before JSX tags: the first alternative that matches wins.)
    commonmark::CODE_ELEMENTS,
    r"\{[^{}\n]*(?:\{[^{}\n]*\}[^{}\n]*)*\}",
    JSX_TAG,
    // remark-gfm's autolink literals: a bare URL or address is a link.
    r"\b(?:https?://|www\.)[^\s<]*[^\s<?!.,:*_~\x22')\]]",
    r"\b(?:mailto:)?[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}\b",
];

/// An opening, closing or self-closing JSX tag, attribute values quoted or
/// braced (with one level of nested braces), on one line or more.
const JSX_TAG: &str = r#"</?[A-Za-z][\w.:\-]*(?:\s+[\w:\-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}))?|\s+\{[^{}]*\})*\s*/?>"#;

/// The Docusaurus dialect.
pub static DOCUSAURUS: Dialect = Dialect {
    name: "docusaurus",
    page_extensions: &["md", "mdx"],
    protect: PROTECT,
    protect_first_bytes: &[],
    heading_id: |text, _| github_slug(text),
    with_heading_id,
    output_path,
    locale_root: |output_dir, locale| {
        output_dir
            .join(locale)
            .join("docusaurus-plugin-content-docs")
            .join("current")
    },
    copy_assets: true,
    front_matter_keys: &["title", "sidebar_label", "description"],
    prepare: Some(prepare),
    unique_id: Some(unique),
    explicit_ids: super::ExplicitIds::Bypass,
    definition_lists: None,
    opens_block,
    quote_escape: super::html_quote,
    hard_break: None,
    inline_marks: &[],
    backslash_escapes: None,
    inline_escape: Some(escape_mdx),
    syntax_error: Some(unbalanced_tags),
    text_in_tag: Some(prose_in_tag),
    joined_protect: OnceLock::new(),
};

/// The site writes explicit heading ids as MDX comments (`{/* #id */}`),
/// as Docusaurus wants them with `future.v4` (where `{#id}` does not
/// compile).
pub const HEADING_ID_COMMENT: u32 = 1 << 16;

/// A heading's tail with an explicit id: `{/* #id */}` where the site
/// wants comments, else `{#id}`.
fn with_heading_id(tail: &str, id: &str, extensions: Extensions) -> String {
    if extensions.has(HEADING_ID_COMMENT) {
        format!("{tail} {{/* #{id} */}}")
    } else {
        commonmark::with_id(tail, id)
    }
}

/// Where Docusaurus reads a docs page's translation:
/// `<output_dir>/<locale>/docusaurus-plugin-content-docs/current/<page>`.
fn output_path(output_dir: &Path, locale: &str, page: &Path) -> PathBuf {
    output_dir
        .join(locale)
        .join("docusaurus-plugin-content-docs")
        .join("current")
        .join(page)
}

/// github-slugger's slug: lower case, every character but letters, marks,
/// digits, `_`, `-` and spaces dropped, each space a `-`.
pub fn github_slug(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|&c| {
            c.is_alphanumeric()
                || c == '_'
                || c == '-'
                || c == ' '
                || unicode_normalization::char::is_combining_mark(c)
        })
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// github-slugger's counter: `id`, else `id-1`, `id-2`… the first one free.
pub fn unique(id: String, used: &mut HashSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 0;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

/// Whether a translation's line, at a line's start in a paragraph, would
/// be ESM or open a directive (admonition).
fn opens_block(line: &str) -> bool {
    line.starts_with(":::")
        || ["import", "export"].iter().any(|k| {
            line.strip_prefix(k)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '{', '*']))
        })
}

/// A translation's text escaped for MDX: `{` and `}` (expressions) and a
/// `<` that does not open a tag the translation keeps, with a backslash,
/// unless escaped already.
fn escape_mdx(text: &str) -> Cow<'_, str> {
    if !text.contains(['{', '}', '<']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut backslashes = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let escaped = backslashes % 2 == 1;
        let needs = match c {
            '{' | '}' => true,
            '<' => !bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'>')),
            _ => false,
        };
        if needs && !escaped {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    Cow::Owned(out)
}

/// Why `text` (a message with its placeables filled in) would not compile
/// as MDX once escaped as build escapes it: a `<` that opens a tag must
/// open a complete JSX tag, and every element must be closed, in order,
/// within the text.
fn unbalanced_tags(text: &str) -> Option<String> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(JSX_TAG).expect("jsx tag"));
    let bytes = text.as_bytes();
    let mut open: Vec<&str> = Vec::new();
    let mut pos = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[pos..]).map(|i| pos + i) {
        pos = i + 1;
        let escaped = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1;
        let opens = bytes
            .get(i + 1)
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'>'));
        if escaped || !opens {
            continue;
        }
        let Some(m) = TAG.find_at(text, i).filter(|m| m.start() == i) else {
            let shown: String = text[i..].chars().take(20).collect();
            return Some(format!("`{shown}` opens a JSX tag that does not end"));
        };
        let tag = m.as_str();
        let name = tag
            .trim_start_matches(['<', '/'])
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        if tag.starts_with("</") {
            match open.pop() {
                Some(o) if o == name => {}
                Some(o) => return Some(format!("`</{name}>` closes `<{o}>`")),
                None => return Some(format!("`</{name}>` closes no element")),
            }
        } else if !tag.ends_with("/>") {
            open.push(name);
        }
        pos = m.end();
    }
    open.last().map(|o| {
        format!("`<{o}>` is not closed in the text (MDX wants `<{o}>…</{o}>` or `<{o} />`)")
    })
}

/// The prose attributes' string values in `span`, if it is a JSX tag.
fn prose_in_tag(span: &str, _prose: &super::ProseParameters) -> Vec<Range<usize>> {
    if !span.starts_with('<') || span.starts_with("</") {
        return Vec::new();
    }
    PROSE_ATTRIBUTE
        .captures_iter(span)
        .filter_map(|c| c.get(1).or(c.get(2)))
        .filter(|v| v.as_str().chars().any(char::is_alphabetic))
        .map(|v| v.range())
        .collect()
}

static ADMONITION_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(:{3,})([A-Za-z][\w-]*)(?:\[(.*)\])?(?:[ \t]+([^{]*?))?[ \t]*(?:\{[^}]*\})?[ \t]*$",
    )
    .expect("admonition")
});
static ADMONITION_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(:{3,})[ \t]*$").expect("admonition end"));
static ESM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:import|export)(?:[ \t{*]|$)").expect("esm"));
static PROSE_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:^|\s)(?:{})\s*=\s*(?:"([^"]*)"|'([^']*)')"#,
        PROSE_ATTRIBUTES.join("|")
    ))
    .expect("prose attribute")
});

/// Finds the MDX and directive block syntax in `page[base..]` (see the
/// module documentation).
pub fn prepare(
    page: &str,
    base: usize,
    _extensions: Extensions,
    _prose: &super::ProseParameters,
) -> Prepared {
    let mut s = Scanner {
        page,
        masked: None,
        texts: Vec::new(),
        fence: None,
        admonitions: Vec::new(),
        jsx_depth: 0,
        prev_blank: true,
        esm: false,
        comment: false,
    };
    let mut pos = base;
    while pos < page.len() {
        pos = s.line(pos);
    }
    Prepared {
        masked: s
            .masked
            .map(|m| String::from_utf8(m).expect("ASCII replaced whole characters")),
        texts: s.texts,
        breaks: Vec::new(),
    }
}

struct Scanner<'a> {
    page: &'a str,
    masked: Option<Vec<u8>>,
    texts: Vec<OwnText>,
    /// In a fenced code block: its character and length.
    fence: Option<(u8, usize)>,
    /// Open admonitions, by their number of colons.
    admonitions: Vec<usize>,
    /// How many JSX elements are open (ESM is top level only).
    jsx_depth: usize,
    prev_blank: bool,
    /// In an ESM block (to a blank line).
    esm: bool,
    /// In an MDX comment (to `*/}`).
    comment: bool,
}

/// The end of the line starting at `pos` (before its line break) and
/// where the next line starts.
fn line_end(page: &str, pos: usize) -> (usize, usize) {
    let end = find_eol(&page[pos..]).map_or(page.len(), |i| pos + i);
    let next = if page[end..].starts_with("\r\n") {
        end + 2
    } else if end < page.len() {
        end + 1
    } else {
        end
    };
    (end, next)
}

impl Scanner<'_> {
    /// Reads the line at `pos` (and, for a JSX tag over several lines, the
    /// ones it takes); returns where the next line starts.
    fn line(&mut self, pos: usize) -> usize {
        let (end, next) = line_end(self.page, pos);
        let line = &self.page[pos..end];
        let content = line.trim_start_matches([' ', '\t']);
        let at = end - content.len();
        let content = content.trim_end();
        if content.is_empty() {
            self.prev_blank = true;
            self.esm = false;
            return next;
        }
        let prev_blank = std::mem::replace(&mut self.prev_blank, false);
        if let Some((ch, n)) = self.fence {
            let run = content.bytes().take_while(|&b| b == ch).count();
            if run >= n && content[run..].trim().is_empty() {
                self.fence = None;
            }
            return next;
        }
        if self.esm || self.comment {
            if self.comment && content.ends_with("*/}") {
                self.comment = false;
            }
            self.mask(at..end, "");
            return next;
        }
        let first = content.as_bytes()[0];
        if matches!(first, b'`' | b'~') {
            let run = content.bytes().take_while(|&b| b == first).count();
            if run >= 3 && !(first == b'`' && content[run..].contains('`')) {
                self.fence = Some((first, run));
            }
            return next;
        }
        if prev_blank && self.jsx_depth == 0 && at == pos && ESM.is_match(content) {
            self.esm = true;
            self.mask(at..end, "");
            return next;
        }
        if content.starts_with("{/*") {
            self.comment = !content.ends_with("*/}");
            // `{/* i18n:skip */}` is fluentmark's directive, as an HTML
            // comment is in Markdown: written as one for the parser.
            if let Some(inner) = content
                .strip_prefix("{/* ")
                .and_then(|c| c.strip_suffix(" */}"))
                .filter(|c| c.trim_start().starts_with("i18n:") && !c.contains("-->"))
            {
                let directive = format!("<!--{inner} -->");
                self.mask(at..end, &directive);
            } else {
                self.mask(at..end, "");
            }
            return next;
        }
        if content.starts_with(":::") {
            self.directive(content, at, end);
            return next;
        }
        if first == b'>' {
            // An admonition in a block quote (`> :::note`).
            let inner = content.trim_start_matches(['>', ' ', '\t']);
            if inner.starts_with(":::") {
                self.directive(inner, at + (content.len() - inner.len()), end);
                return next;
            }
        }
        if first == b'<' {
            return self.jsx(at, next);
        }
        if first == b'#' {
            self.heading_comment_id(content, at);
        }
        next
    }

    /// A heading ending with an id as an MDX comment (`{/* #id */}`):
    /// masked as `{#id}` for the parser, which then takes it as the
    /// heading's id (an explicit id, kept after the text).
    fn heading_comment_id(&mut self, content: &str, at: usize) {
        static COMMENT_ID: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^#{1,6}[ \t].*?(\{/\*\s*#([\w\-]+)\s*\*/\}|\\\{#[\w\-]+\})$")
                .expect("comment id")
        });
        if let Some(c) = COMMENT_ID.captures(content) {
            let written = c.get(1).expect("group");
            // The escaped classic form `\{#id}`: its backslash is no text.
            let id = match c.get(2) {
                Some(id) => format!("{{#{}}}", id.as_str()),
                None => format!(" {}", &written.as_str()[1..]),
            };
            self.mask(at + written.start()..at + written.end(), &id);
        }
    }

    /// An admonition's opening or closing fence.
    fn directive(&mut self, content: &str, at: usize, end: usize) {
        if let Some(c) = ADMONITION_CLOSE.captures(content) {
            let n = c[1].len();
            if self.admonitions.last().is_some_and(|&open| n >= open) {
                self.admonitions.pop();
                self.mask(at..end, "***");
            }
            return;
        }
        if let Some(c) = ADMONITION_OPEN.captures(content) {
            let title = c
                .get(3)
                .or(c.get(4))
                .filter(|t| !t.as_str().trim().is_empty());
            if let Some(t) = title {
                let start = at + t.start();
                let text = t.as_str().trim_end();
                self.texts.push(OwnText {
                    range: start..start + text.len(),
                    default: None,
                    quote: None,
                    html: false,
                });
            }
            self.admonitions.push(c[1].len());
            self.mask(at..end, "***");
        }
    }

    /// A line starting with `<`: a JSX tag alone on its line(s) is
    /// skeleton (its prose attributes messages); anything else is left to
    /// the Markdown parser. Returns where the next line starts.
    fn jsx(&mut self, at: usize, next: usize) -> usize {
        let Some(tag_end) = tag_end(self.page, at) else {
            return next;
        };
        let (end, after) = line_end(self.page, tag_end);
        let tag = &self.page[at..tag_end];
        if !self.page[tag_end..end].trim().is_empty() {
            self.one_line_element(tag, tag_end, end);
            return next;
        }
        if tag.starts_with("</") {
            self.jsx_depth = self.jsx_depth.saturating_sub(1);
        } else if !tag.ends_with("/>") {
            self.jsx_depth += 1;
        }
        for c in PROSE_ATTRIBUTE.captures_iter(tag) {
            self.attribute(at, &c);
        }
        // Each line of the tag blanked, line breaks kept.
        let mut pos = at;
        while pos < end {
            let (line_end_at, line_next) = line_end(self.page, pos);
            let from = if pos == at {
                at
            } else {
                pos + (self.page[pos..line_end_at].len()
                    - self.page[pos..line_end_at].trim_start().len())
            };
            self.mask(from..line_end_at, "");
            pos = line_next;
        }
        after
    }

    /// A prose attribute's string value (`c`, matched in a tag starting at
    /// `at`) is a message.
    fn attribute(&mut self, at: usize, c: &regex::Captures<'_>) {
        let (value, quote) = match (c.get(1), c.get(2)) {
            (Some(v), _) => (v, '"'),
            (None, Some(v)) => (v, '\''),
            (None, None) => return,
        };
        if value.as_str().chars().any(char::is_alphabetic) {
            self.texts.push(OwnText {
                range: at + value.start()..at + value.end(),
                default: None,
                quote: Some(quote),
                html: false,
            });
        }
    }

    /// A JSX element on one line (`<h3>Title</h3>`, opened by `tag`, which
    /// ends at `tag_end`, the line at `end`): its text is a message, the
    /// line is skeleton for the parser. Another line starting with a tag
    /// is left to the Markdown parser.
    fn one_line_element(&mut self, tag: &str, tag_end: usize, end: usize) {
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
            .collect();
        let line = self.page[tag_end..end].trim_end();
        let closing = format!("</{name}>");
        let Some(inner) = line.strip_suffix(closing.as_str()) else {
            return;
        };
        if name.is_empty() || inner.contains(&format!("<{name}")) {
            return;
        }
        let start = tag_end + (inner.len() - inner.trim_start().len());
        let text = inner.trim();
        if text.chars().any(char::is_alphabetic) {
            self.texts.push(OwnText {
                range: start..start + text.len(),
                default: None,
                quote: None,
                html: false,
            });
        }
        for c in PROSE_ATTRIBUTE.captures_iter(tag) {
            self.attribute(tag_end - tag.len(), &c);
        }
        let line_start = tag_end - tag.len();
        self.mask(line_start..end, "");
    }

    /// Replaces `range` (to a line's end) with `with` and spaces.
    fn mask(&mut self, range: Range<usize>, with: &str) {
        let masked = self
            .masked
            .get_or_insert_with(|| self.page.as_bytes().to_vec());
        let target = &mut masked[range];
        let n = with.len().min(target.len());
        target[..n].copy_from_slice(&with.as_bytes()[..n]);
        target[n..].fill(b' ');
    }
}

/// Where the JSX tag starting at `at` (`<`) ends (after its `>`), reading
/// quoted and braced attribute values over lines; `None` if it is not a
/// tag (`<` then no name, or no end).
fn tag_end(page: &str, at: usize) -> Option<usize> {
    let bytes = page.as_bytes();
    let mut i = at + 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    if !bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) && bytes.get(i) != Some(&b'>') {
        return None;
    }
    let mut braces = 0usize;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'' | b'`') => quote = Some(b),
            (None, b'{') => braces += 1,
            (None, b'}') => braces = braces.saturating_sub(1),
            (None, b'>') if braces == 0 => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(page: &str) -> String {
        crate::dialect::masked_by(prepare, page)
    }

    fn texts(page: &str) -> Vec<&str> {
        crate::dialect::own_texts(prepare, page)
    }

    #[test]
    fn github_slugs() {
        assert_eq!(github_slug("Further Information"), "further-information");
        assert_eq!(github_slug("`useState` hook!"), "usestate-hook");
        assert_eq!(github_slug("Ünïcode  two"), "ünïcode--two");
        let mut used = HashSet::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a-1");
        assert_eq!(unique("a".into(), &mut used), "a-2");
    }

    #[test]
    fn esm_comments_and_tags_are_blanked() {
        let page = "import Tabs from '@theme/Tabs';\nimport X from 'y';\n\n{/* note */}\n\n<Tabs groupId=\"x\"\n  values={[{a: 1}]}>\n<TabItem value=\"a\" label=\"Linux users\">\n\nText.\n\n</TabItem>\n</Tabs>\n";
        let m = masked(page);
        assert_eq!(m.len(), page.len());
        assert_eq!(m.trim(), "Text.");
        assert_eq!(texts(page), ["Linux users"]);
    }

    #[test]
    fn admonitions_are_fenced_by_rules() {
        let page = "::::note[Outer title]\n:::tip Inner title\nBody.\n:::\n::::\n";
        let m = masked(page);
        assert_eq!(
            m,
            "***                  \n***               \nBody.\n***\n*** \n"
        );
        assert_eq!(texts(page), ["Outer title", "Inner title"]);
    }

    #[test]
    fn i18n_directives_in_mdx_comments() {
        let page = "{/* i18n:skip */}\nNot this.\n\n{/* i18n:comment A note */}\nThis.\n";
        let segments = crate::markdown::segment::segment(page, 0, None, &DOCUSAURUS);
        let texts: Vec<String> = segments.iter().map(|s| s.pattern.to_string()).collect();
        assert_eq!(texts, ["This."]);
        assert_eq!(segments[0].notes, ["A note"]);
    }

    #[test]
    fn admonitions_in_quotes_and_escaped_ids() {
        let page = "> :::note[In a quote]\n> Body.\n> :::\n";
        assert_eq!(
            masked(page),
            format!("> ***{}\n> Body.\n> ***\n", " ".repeat(16))
        );
        assert_eq!(texts(page), ["In a quote"]);
        let page = "## Title \\{#classic-id}\n";
        assert_eq!(masked(page), "## Title  {#classic-id}\n");
    }

    #[test]
    fn code_and_inline_jsx_are_left_alone() {
        let page =
            "```js\nimport x from 'y';\n```\n\nText with <b>bold</b>.\n<div>One line</div> tail\n";
        assert!(
            prepare(
                page,
                0,
                Extensions::ALL,
                &crate::dialect::NO_PROSE_PARAMETERS
            )
            .masked
            .is_none()
        );
    }

    #[test]
    fn tags_must_close_in_order() {
        assert_eq!(unbalanced_tags("Press <kbd>Ctrl</kbd> and <br />."), None);
        assert!(unbalanced_tags("Press </kbd>Ctrl<kbd>").is_some());
        assert!(unbalanced_tags("Line<br>break").is_some());
        // A quote typed in a title closes the attribute.
        assert!(unbalanced_tags("<a title=\"Aide \"page\"\">x</a>").is_some());
        assert!(unbalanced_tags("<a href={x}>a</b>").is_some());
        assert_eq!(unbalanced_tags("a \\<b and 1 < 2"), None);
    }

    #[test]
    fn translations_are_escaped_for_mdx() {
        assert_eq!(escape_mdx("a {b} c"), "a \\{b\\} c");
        assert_eq!(escape_mdx("a < b <kbd>x</kbd>"), "a \\< b <kbd>x</kbd>");
        assert_eq!(escape_mdx("already \\{ escaped"), "already \\{ escaped");
        assert!(opens_block("import x from 'y'"));
        assert!(opens_block(":::tip"));
        assert!(!opens_block("important"));
    }
}
