//! MkDocs: Python-Markdown with the extensions a site's `mkdocs.yml`
//! turns on (pymdown-extensions, as Material for MkDocs sites use them).
//!
//! Python-Markdown is not CommonMark, and the extensions add block syntax
//! CommonMark reads as text or code:
//!
//! - admonitions (`!!! note "Title"`), details (`???`, `???+`) and content
//!   tabs (`=== "Label"`) hold a Markdown body indented by four spaces;
//! - pymdownx.blocks (`/// tip | Title` … `///`, nested `////`) hold an
//!   unindented body, with option lines (indented YAML) after the header;
//! - abbreviations (`*[HTML]: Hyper Text Markup Language`), snippets
//!   (`--8<-- "file"`), include lines (`{* file *}`, `{! file !}`),
//!   attribute lists alone on a line (`{: .class }`) and `<div markdown>`
//!   lines are not paragraph text.
//!
//! [`prepare`] finds them line by line (outside fenced and indented code)
//! and masks their lines for the CommonMark parser, byte for byte: an
//! indented container's opening line becomes `- ***` (a list item holding
//! a rule, so that the indented body is read as the item's Markdown, not
//! as code), a block's fence line becomes `***` (a rule, so that the body
//! stays apart from what surrounds it), and the other lines become blank.
//! Titles, tab labels and abbreviations' expansions are messages of their
//! own; a block without a title gets a message with the title the
//! generator shows (`Tip`), written as the title when translated.
//!
//! Heading ids are Python-Markdown's `toc` slugs, made unique with `_1`,
//! `_2`… as `toc` does.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::{DefaultText, Dialect, Extensions, OwnText, Prepared, commonmark};
use crate::markdown::find_eol;

/// `admonition`: `!!! type "Title"` with an indented body.
pub const ADMONITION: u32 = 1;
/// `pymdownx.details`: `??? type "Title"`, `???+`.
pub const DETAILS: u32 = 1 << 1;
/// `pymdownx.tabbed`: `=== "Label"`.
pub const TABBED: u32 = 1 << 2;
/// Any of `pymdownx.blocks.*`: `/// name | title`.
pub const BLOCKS: u32 = 1 << 3;
/// `def_list`: `Term` + `:   definition`.
pub const DEF_LIST: u32 = 1 << 4;
/// `abbr`: `*[HTML]: Hyper Text Markup Language`.
pub const ABBR: u32 = 1 << 5;
/// `md_in_html`: `<div markdown>`.
pub const MD_IN_HTML: u32 = 1 << 6;
/// `attr_list`: `{: .class }`.
pub const ATTR_LIST: u32 = 1 << 7;
/// `pymdownx.snippets`: `--8<-- "file"`.
pub const SNIPPETS: u32 = 1 << 8;
/// `mdx_include` and FastAPI's include variants: `{! file !}`, `{* file *}`.
pub const INCLUDES: u32 = 1 << 9;
/// `pymdownx.emoji`: `:smile:` is an image (no text in a heading's id).
pub const EMOJI: u32 = 1 << 10;
/// `pymdownx.arithmatex`: `$x$` and `\(x\)` are math.
pub const MATH: u32 = 1 << 11;
/// `toc`'s `slugify` is `markdown.extensions.toc.slugify_unicode`.
pub const SLUG_UNICODE: u32 = 1 << 16;
/// `toc`'s `slugify` is `pymdownx.slugs.slugify` (with the `case` below).
pub const SLUG_PYMDOWNX: u32 = 1 << 17;
/// pymdownx.slugs' `case: lower` (or `fold`).
pub const SLUG_LOWER: u32 = 1 << 18;
/// pymdownx.slugs' `case: lower-ascii`.
pub const SLUG_LOWER_ASCII: u32 = 1 << 19;

/// The extension names of `mkdocs.yml`'s `markdown_extensions` and the
/// syntax each turns on.
pub const EXTENSIONS: &[(&str, u32)] = &[
    ("admonition", ADMONITION),
    ("markdown.extensions.admonition", ADMONITION),
    ("pymdownx.details", DETAILS),
    ("pymdownx.tabbed", TABBED),
    ("def_list", DEF_LIST),
    ("markdown.extensions.def_list", DEF_LIST),
    ("abbr", ABBR),
    ("markdown.extensions.abbr", ABBR),
    ("md_in_html", MD_IN_HTML),
    ("markdown.extensions.md_in_html", MD_IN_HTML),
    ("attr_list", ATTR_LIST),
    ("markdown.extensions.attr_list", ATTR_LIST),
    ("pymdownx.snippets", SNIPPETS),
    ("mdx_include", INCLUDES),
    ("markdown_include_variants", INCLUDES),
    ("markdown_include.include", INCLUDES),
    ("pymdownx.emoji", EMOJI),
    ("pymdownx.arithmatex", MATH),
];

/// The syntax an extension turns on (`pymdownx.blocks.admonition` and its
/// siblings all turn on blocks).
pub fn extension_flag(name: &str) -> u32 {
    if name.starts_with("pymdownx.blocks") {
        return BLOCKS;
    }
    EXTENSIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, f)| *f)
}

/// Placeables in every MkDocs page, on top of CommonMark's: keys
/// (`++ctrl+alt+del++`), emoji and icons (`:material-check:`), inline
/// math (`$x^2$`), include and snippet markers used inline.
pub const PROTECT: &[&str] = &[
    r"\{\{<.*?>\}\}",
    r"\{\{%.*?%\}\}",
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
    commonmark::CODE_ELEMENTS,
    r"\{\*.*?\*\}",
    r"\{!.*?!\}",
    r"\+\+[\w\-]+(?:\+[\w\-]+)*\+\+",
    EMOJI_SHORTCODE,
    r"\$[^\s$][^$\n]*[^\s$\\]\$|\$[^\s$\\]\$",
    r"\\\(.+?\\\)",
    r"\\\[.+?\\\]",
    r"\$\$.+?\$\$",
    ATTR_LIST_INLINE,
];

/// An attribute list after an inline element (`{: .class target=_blank }`).
const ATTR_LIST_INLINE: &str = r"\{:?[ ]*(?:[#.][\w\-]|[\w\-]+=)[^}\n]*\}";

/// An emoji or icon shortcode (`:smile:`, `:material-check:`).
const EMOJI_SHORTCODE: &str = r":[+\-]?[a-z0-9_]+(?:[\-_][a-z0-9]+)*:";

/// The characters Python-Markdown takes a backslash escape of (its
/// `ESCAPED_CHARS`, with `|` from the tables extension).
const ESCAPED: &[u8] = b"\\`*_{}[]()>#+-.!|";

/// The MkDocs dialect.
pub static MKDOCS: Dialect = Dialect {
    name: "mkdocs",
    page_extensions: &["md", "markdown"],
    protect: PROTECT,
    protect_first_bytes: &[],
    heading_id,
    with_heading_id: |tail, id, _| with_id(tail, id),
    output_path: commonmark::output_path,
    locale_root: |output_dir, locale| output_dir.join(locale),
    copy_assets: true,
    front_matter_keys: &[],
    prepare: Some(prepare),
    unique_id: Some(unique),
    explicit_ids: super::ExplicitIds::Reserved,
    definition_lists: Some(DEF_LIST),
    backslash_escapes: Some(ESCAPED),
    // Python-Markdown breaks a line at two trailing spaces only.
    quote_escape: super::html_quote,
    hard_break: Some("  "),
    // pymdownx.mark and pymdownx.caret (`~~` and `~` are CommonMark's
    // strikethrough to the parser already).
    inline_marks: &["==", "^^"],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: None,
    opens_block,
    joined_protect: OnceLock::new(),
};

/// The id `toc` gives a heading whose text is `text`: with pymdownx.emoji
/// on, `:shortcode:`s are images, whose text is not in the id.
fn heading_id(text: &str, extensions: Extensions) -> String {
    let text = if extensions.has(EMOJI) && text.contains(':') {
        static SHORTCODE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(EMOJI_SHORTCODE).expect("emoji shortcode"));
        SHORTCODE.replace_all(text, "")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if extensions.has(SLUG_PYMDOWNX) {
        pymdownx_slug(&text, extensions)
    } else if extensions.has(SLUG_UNICODE) {
        toc_slug(&text, true)
    } else {
        slugify(&text)
    }
}

/// `pymdownx.slugs.slugify(case=…)`: NFC, the case as configured, every
/// character but word characters, `-` and spaces dropped, each space a
/// `-`. (Tags are stripped before: the text has none.)
fn pymdownx_slug(text: &str, extensions: Extensions) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = text.nfc().collect();
    let trimmed = nfc.trim_matches(is_py_space);
    let cased = if extensions.has(SLUG_LOWER) {
        trimmed.to_lowercase()
    } else if extensions.has(SLUG_LOWER_ASCII) {
        trimmed.to_ascii_lowercase()
    } else {
        trimmed.to_string()
    };
    cased
        .chars()
        .filter(|&c| is_py_word(c) || c == '-' || c == ' ')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Python's `\w`: letters and digits of any script, `_`, and the marks
/// that combine with them.
fn is_py_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// A heading's tail with an `#id` added, as attr_list reads it: into its
/// attribute list if it has one (after a `{:`), else as a new one.
fn with_id(tail: &str, id: &str) -> String {
    if tail.ends_with('}')
        && let Some(open) = tail.rfind("{:")
    {
        return format!(
            "{}{{: #{id} {}",
            &tail[..open],
            tail[open + 2..].trim_start()
        );
    }
    commonmark::with_id(tail, id)
}

/// Python-Markdown's `toc` slug: accents taken off (NFKD), other non-ASCII
/// dropped, then only word characters, blanks and `-` kept, lower case,
/// runs of blanks and `-` made one `-`.
pub fn slugify(text: &str) -> String {
    toc_slug(text, false)
}

/// `toc.slugify(text, "-", unicode)`: without `unicode`, accents taken off
/// and other non-ASCII dropped first.
fn toc_slug(text: &str, unicode: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text: String = if unicode {
        text.to_string()
    } else {
        text.nfkd().filter(char::is_ascii).collect()
    };
    let kept: String = text
        .chars()
        .filter(|&c| is_py_word(c) || c == '-' || is_py_space(c))
        .collect();
    let trimmed = kept.trim_matches(is_py_space).to_lowercase();
    let mut out = String::with_capacity(trimmed.len());
    let mut in_run = false;
    for c in trimmed.chars() {
        if c == '-' || is_py_space(c) {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// Python's `\s` (and `str.strip`).
fn is_py_space(c: char) -> bool {
    matches!(c, '\x1c'..='\x1f') || c.is_whitespace()
}

/// `toc`'s `unique`: `id`, or `id_1`, `id_2`… (an id ending in `_<n>`
/// counts on from `n`), the first one not in `used`; an empty id is `_1`.
pub fn unique(id: String, used: &mut HashSet<String>) -> String {
    let mut id = id;
    while id.is_empty() || used.contains(&id) {
        id = match id.rsplit_once('_') {
            Some((stem, n))
                if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.len() < 19 =>
            {
                format!("{stem}_{}", n.parse::<u64>().unwrap_or(0) + 1)
            }
            _ => format!("{id}_1"),
        };
    }
    used.insert(id.clone());
    id
}

/// Whether a translation's line, at the start of a line in a paragraph,
/// would open one of the extensions' blocks.
fn opens_block(line: &str) -> bool {
    line.starts_with("!!!")
        || line.starts_with("???")
        || line.starts_with("===")
        || line.starts_with("///")
        || line.starts_with("*[")
        || line.starts_with("{*")
        || line.starts_with("{!")
        || (line.starts_with(':') && line[1..].starts_with([' ', '\t']))
        || SNIPPET.is_match(line)
}

static ADMONITION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$"#).expect("admonition")
});
static DETAILS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^\?{3}\+? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *$"#,
    )
    .expect("details")
});
static TAB_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^={3}(?:\+|\+!|!\+|!)? +"(.*?)" *$"#).expect("tab"));
static BLOCK_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(/{3,})[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$").expect("block start")
});
static BLOCK_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(/{3,})[ ]*$").expect("block end"));
static ABBR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\*\[[^\\\]]*\][ ]?:[ ]*(.*?)\s*$").expect("abbr"));
static SNIPPET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^;?-+8<-+(?:\s|$)").expect("snippet"));
static INCLUDE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\{\*.*\*\}|\{!.*!\})\s*$").expect("include"));
static MD_HTML_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<([A-Za-z][\w-]*)\b[^>]*\smarkdown(?:=[^\s>]*)?(?:\s[^>]*)?>\s*$")
        .expect("md_in_html")
});
static ATTR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\{:?[ ]*(?:[#.][\w\-]|[\w\-]+=)[^}\n]*\}\s*$").expect("attr list")
});
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)").expect("list item"));

/// Blocks of pymdownx.blocks whose argument is not a title.
const NO_TITLE_BLOCKS: &[&str] = &["html", "caption", "define", "definition"];
/// Blocks with no title unless the page gives one.
const NO_DEFAULT_TITLE: &[&str] = &["admonition", "details", "tab"];

/// An open container: where its body's lines start, and what ends it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// An indented body (admonition, details, tab): a line indented less
    /// ends it.
    Body(usize),
    /// A list item: a line indented less after a blank line ends it.
    Item(usize),
}

impl Open {
    fn indent(self) -> usize {
        match self {
            Open::Body(i) | Open::Item(i) => i,
        }
    }
}

/// Finds the extensions' block syntax in `page[base..]` (see the module
/// documentation).
pub fn prepare(
    page: &str,
    base: usize,
    extensions: Extensions,
    _prose: &super::ProseParameters,
) -> Prepared {
    let mut scanner = Scanner {
        page,
        extensions,
        masked: None,
        texts: Vec::new(),
        fence: None,
        open: Vec::new(),
        blocks: Vec::new(),
        html: Vec::new(),
        options_after: None,
        snippet_block: false,
        prev_blank: true,
        breaks: Vec::new(),
    };
    let mut pos = base;
    while pos < page.len() {
        let end = find_eol(&page[pos..]).map_or(page.len(), |i| pos + i);
        scanner.line(pos..end);
        pos = end;
        if page[pos..].starts_with("\r\n") {
            pos += 2;
        } else if pos < page.len() {
            pos += 1;
        }
    }
    Prepared {
        masked: scanner
            .masked
            .map(|m| String::from_utf8(m).expect("ASCII replaced whole lines")),
        texts: scanner.texts,
        breaks: scanner.breaks,
    }
}

struct Scanner<'a> {
    page: &'a str,
    extensions: Extensions,
    /// The page with lines masked, once one is.
    masked: Option<Vec<u8>>,
    texts: Vec<OwnText>,
    /// In a fenced code block: its indentation, character and length.
    fence: Option<(u8, usize)>,
    open: Vec<Open>,
    /// Open pymdownx.blocks, by the number of their slashes.
    blocks: Vec<usize>,
    /// Open `markdown` HTML elements, by tag name.
    html: Vec<String>,
    /// The line after a block's header, and the header's indentation:
    /// indented lines there are the block's options.
    options_after: Option<usize>,
    snippet_block: bool,
    prev_blank: bool,
    /// See [`Prepared::breaks`].
    breaks: Vec<usize>,
}

impl Scanner<'_> {
    fn line(&mut self, range: Range<usize>) {
        let line = &self.page[range.clone()];
        let (indent, skip) = indentation(line);
        let content = &line[skip..];
        let at = range.start + skip;
        if content.trim().is_empty() {
            self.prev_blank = true;
            self.options_after = None;
            return;
        }
        let prev_blank = std::mem::replace(&mut self.prev_blank, false);
        if let Some((ch, n)) = self.fence {
            let run = content.bytes().take_while(|&b| b == ch).count();
            if run >= n && content[run..].trim().is_empty() {
                self.fence = None;
            }
            return;
        }
        if let Some(header) = self.options_after {
            if indent >= header + 4 {
                self.mask(at..range.end, "");
                return;
            }
            self.options_after = None;
        }
        if self.snippet_block {
            self.mask(at..range.end, "");
            if SNIPPET.is_match(content) && content.trim_end().ends_with('-') {
                self.snippet_block = false;
            }
            return;
        }
        while let Some(&open) = self.open.last() {
            let ends = match open {
                Open::Body(i) => indent < i,
                Open::Item(i) => indent < i && prev_blank,
            };
            if !ends {
                break;
            }
            if !prev_blank && matches!(open, Open::Body(_)) {
                self.breaks.push(at);
            }
            self.open.pop();
        }
        let inner = self.open.last().map_or(0, |o| o.indent());
        if indent >= inner + 4 {
            // Indented code, or a paragraph's continuation.
            return;
        }
        let fence_char = content.as_bytes()[0];
        if matches!(fence_char, b'`' | b'~') {
            let run = content.bytes().take_while(|&b| b == fence_char).count();
            if run >= 3 && !(fence_char == b'`' && content[run..].contains('`')) {
                self.fence = Some((fence_char, run));
                return;
            }
        }
        self.syntax(content, at, range.end, indent);
    }

    /// A line of content at `at` (after its indentation `indent`) that may
    /// be an extension's syntax.
    fn syntax(&mut self, content: &str, at: usize, end: usize, indent: usize) {
        let ext = self.extensions;
        let content = content.trim_end_matches([' ', '\t']);
        let starts = |s: &str| content.starts_with(s);
        if starts("!!!") && ext.has(ADMONITION) {
            if let Some(c) = ADMONITION_RE.captures(content) {
                self.indented(at, end, indent, &c, 1, 2);
                return;
            }
        } else if starts("???") && ext.has(DETAILS) {
            if let Some(c) = DETAILS_RE.captures(content) {
                let types = if c.get(3).is_some() { 3 } else { 1 };
                self.indented(at, end, indent, &c, types, 2);
                return;
            }
        } else if starts("===") && ext.has(TABBED) {
            if let Some(c) = TAB_RE.captures(content) {
                self.indented(at, end, indent, &c, usize::MAX, 1);
                return;
            }
        } else if starts("///") && ext.has(BLOCKS) {
            if let Some(c) = BLOCK_END.captures(content) {
                let n = c[1].len();
                if self.blocks.last() == Some(&n) {
                    self.blocks.pop();
                    self.mask(at..end, "***");
                }
                return;
            }
            if let Some(c) = BLOCK_START.captures(content) {
                self.block_start(at, end, indent, &c);
                return;
            }
        }
        if starts("*[")
            && ext.has(ABBR)
            && let Some(c) = ABBR_RE.captures(content)
        {
            let expansion = c.get(1).expect("group");
            if !expansion.is_empty() {
                self.text(at + expansion.start()..at + expansion.end());
            }
            self.mask(at..end, "");
        } else if ext.has(SNIPPETS) && SNIPPET.is_match(content) {
            // `--8<--` alone opens a block of file names.
            if content.trim_end_matches('-').ends_with('<') || content.ends_with("8<--") {
                self.snippet_block = content.trim_start_matches(';').bytes().all(|b| b != b' ');
            }
            self.mask(at..end, "");
        } else if (ext.has(INCLUDES) && INCLUDE_RE.is_match(content))
            || (starts("{") && ext.has(ATTR_LIST) && ATTR_LINE.is_match(content))
        {
            self.mask(at..end, "");
        } else if starts("<") && ext.has(MD_IN_HTML) {
            self.md_in_html(content, at, end);
        } else if LIST_ITEM.is_match(content) {
            self.open.push(Open::Item(indent + 4));
        }
    }

    /// An admonition, details or tab header: masked as a list item holding
    /// a rule; its body is indented by four more columns. `types` and
    /// `title` are the header's capture groups (no types: a tab).
    fn indented(
        &mut self,
        at: usize,
        end: usize,
        indent: usize,
        c: &regex::Captures<'_>,
        types: usize,
        title: usize,
    ) {
        match c.get(title) {
            Some(t) if !t.is_empty() => self.text(at + t.start()..at + t.end()),
            Some(_) => {}
            None => {
                if let Some(m) = c.get(types) {
                    let first = m.as_str().split(' ').next().unwrap_or("").to_lowercase();
                    self.texts.push(OwnText {
                        range: at + m.end()..at + m.end(),
                        default: Some(DefaultText {
                            text: capitalize(&first),
                            before: " \"",
                            after: "\"",
                        }),
                        quote: None,
                        html: false,
                    });
                }
            }
        }
        let width = end - at;
        self.mask(at..end, if width >= 5 { "- ***" } else { "-" });
        self.open.push(Open::Body(indent + 4));
    }

    /// A pymdownx.blocks header: masked as a rule; the title (if the block
    /// has one) is a message.
    fn block_start(&mut self, at: usize, end: usize, indent: usize, c: &regex::Captures<'_>) {
        let name = &c[2];
        match c.get(3) {
            Some(t) if !NO_TITLE_BLOCKS.contains(&name) && !t.is_empty() => {
                self.text(at + t.start()..at + t.end());
            }
            Some(_) => {}
            None if !NO_TITLE_BLOCKS.contains(&name) && !NO_DEFAULT_TITLE.contains(&name) => {
                let m = c.get(2).expect("name");
                let words = name.replace(['-', '_'], " ");
                self.texts.push(OwnText {
                    range: at + m.end()..at + m.end(),
                    default: Some(DefaultText {
                        text: title_case(&words),
                        before: " | ",
                        after: "",
                    }),
                    quote: None,
                    html: false,
                });
            }
            None => {}
        }
        self.blocks.push(c[1].len());
        self.mask(at..end, "***");
        self.options_after = Some(indent);
    }

    /// A line of an HTML element whose content is Markdown: its opening
    /// and closing lines are blanked, so that the content is parsed.
    fn md_in_html(&mut self, content: &str, at: usize, end: usize) {
        if let Some(c) = MD_HTML_OPEN.captures(content) {
            self.html.push(c[1].to_ascii_lowercase());
            self.mask(at..end, "");
            return;
        }
        if let Some(tag) = self.html.last()
            && let Some(name) = content
                .strip_prefix("</")
                .and_then(|r| r.trim_end().strip_suffix('>'))
            && name.trim().eq_ignore_ascii_case(tag)
        {
            self.html.pop();
            self.mask(at..end, "");
        }
    }

    fn text(&mut self, range: Range<usize>) {
        self.texts.push(OwnText {
            range,
            default: None,
            quote: None,
            html: false,
        });
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

/// A line's indentation in columns (a tab to the next multiple of four)
/// and in bytes.
fn indentation(line: &str) -> (usize, usize) {
    let mut cols = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        match b {
            b' ' => cols += 1,
            b'\t' => cols = (cols / 4 + 1) * 4,
            _ => break,
        }
        bytes += 1;
    }
    (cols, bytes)
}

/// Python's `str.capitalize`: the first letter upper case, the rest lower.
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Python's `str.title` for ASCII words.
fn title_case(words: &str) -> String {
    words
        .split(' ')
        .map(capitalize)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(page: &str) -> String {
        crate::dialect::masked_by(prepare, page)
    }

    fn texts(page: &str) -> Vec<String> {
        prepare(
            page,
            0,
            Extensions::ALL,
            &crate::dialect::NO_PROSE_PARAMETERS,
        )
        .texts
        .iter()
        .map(|t| match &t.default {
            Some(d) => format!("default {:?} at {}", d.text, t.range.start),
            None => page[t.range.clone()].to_string(),
        })
        .collect()
    }

    #[test]
    fn toc_slugs() {
        assert_eq!(
            slugify("Adding a badge to your project"),
            "adding-a-badge-to-your-project"
        );
        assert_eq!(
            slugify("Import Pydantic's BaseModel"),
            "import-pydantics-basemodel"
        );
        assert_eq!(slugify("  Žlutý kůň -- fast  "), "zluty-kun-fast");
        assert_eq!(slugify("日本語"), "");
        assert_eq!(slugify("a_b  c"), "a_b-c");
    }

    #[test]
    fn ids_go_into_attr_lists_as_attr_list_reads_them() {
        assert_eq!(with_id(" {: .special }", "a"), " {: #a .special }");
        assert_eq!(with_id(" { .special }", "a"), " {#a  .special }");
        assert_eq!(with_id("", "a"), " {#a}");
        assert_eq!(
            heading_id("Smile :smile: heading", Extensions::ALL),
            "smile-heading"
        );
        assert_eq!(heading_id("Smile :smile:", Extensions(0)), "smile-smile");
    }

    #[test]
    fn unique_ids_count_as_toc_does() {
        let mut used = HashSet::new();
        assert_eq!(unique("a".into(), &mut used), "a");
        assert_eq!(unique("a".into(), &mut used), "a_1");
        assert_eq!(unique("a".into(), &mut used), "a_2");
        assert_eq!(unique(String::new(), &mut used), "_1");
        assert_eq!(unique("b_1".into(), &mut used), "b_1");
        assert_eq!(unique("b_1".into(), &mut used), "b_2");
    }

    #[test]
    fn admonition_headers_are_masked_and_titles_found() {
        let page = "!!! note \"Before you begin\"\n    Body text.\n\nAfter.\n";
        let m = masked(page);
        assert_eq!(m.len(), page.len());
        assert!(m.starts_with("- ***      "), "{m:?}");
        assert!(m.contains("    Body text.\n"));
        assert_eq!(texts(page), ["Before you begin"]);
        assert_eq!(texts("??? tip\n    x\n"), ["default \"Tip\" at 7"]);
        assert_eq!(texts("!!! warning \"\"\n    x\n"), Vec::<String>::new());
        assert_eq!(texts("=== \"Linux\"\n    x\n"), ["Linux"]);
    }

    #[test]
    fn blocks_are_fenced_by_rules() {
        let page = "/// tip | Use it\n    type: warning\n\nBody.\n\n////\n///\n";
        let m = masked(page);
        assert!(
            m.starts_with("***             \n                 \n\nBody."),
            "{m:?}"
        );
        assert!(
            m.ends_with("////\n***\n"),
            "an unopened `////` stays: {m:?}"
        );
        assert_eq!(texts(page), ["Use it"]);
        assert_eq!(texts("/// note\nx\n///\n"), ["default \"Note\" at 8"]);
        assert_eq!(texts("/// html | div.x\nx\n///\n"), Vec::<String>::new());
    }

    #[test]
    fn code_is_not_syntax() {
        let page = "```md\n!!! note \"x\"\n```\n\n    !!! note \"y\"\n";
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
        assert!(texts(page).is_empty());
        // In a list item, four spaces in are the item's content.
        assert_eq!(
            texts("1. Step\n\n    !!! note \"In item\"\n        x\n"),
            ["In item"]
        );
    }

    #[test]
    fn a_line_after_a_body_starts_a_paragraph() {
        let page = "!!! note\n    Body\nNext\n";
        assert_eq!(
            prepare(
                page,
                0,
                Extensions::ALL,
                &crate::dialect::NO_PROSE_PARAMETERS
            )
            .breaks,
            [page.find("Next").unwrap()]
        );
        let segments = crate::markdown::segment::segment(page, 0, None, &MKDOCS);
        let texts: Vec<String> = segments.iter().map(|s| s.pattern.to_string()).collect();
        assert_eq!(texts, ["Note", "Body", "Next"]);
        assert_eq!(&page[segments[1].occurrence.range.clone()], "Body");
        // After a blank line, nothing to split.
        assert!(
            prepare(
                "!!! note\n    Body\n\nNext\n",
                0,
                Extensions::ALL,
                &crate::dialect::NO_PROSE_PARAMETERS
            )
            .breaks
            .is_empty()
        );
    }

    #[test]
    fn other_lines_are_blanked() {
        let page = "*[HTML]: Hyper Text\n--8<-- \"a.md\"\n{* ../x.py hl[1] *}\n{: .big }\n";
        let m = masked(page);
        assert_eq!(m.trim(), "");
        assert_eq!(texts(page), ["Hyper Text"]);
        let off = Extensions(ADMONITION);
        assert!(
            prepare(page, 0, off, &crate::dialect::NO_PROSE_PARAMETERS)
                .masked
                .is_none()
        );
    }
}
