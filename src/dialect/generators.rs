//! Hugo, Jekyll and mdBook: CommonMark-like pages (Goldmark, kramdown's
//! GFM input, pulldown-cmark) whose differences are heading ids, a few
//! kinds of template and include syntax, and where localized pages go.
//!
//! - Hugo: shortcodes are protected as in every dialect; Goldmark's
//!   `github` ids (`-1` duplicates, explicit `{#id}` taken in page
//!   order); localized pages in `content/<locale>/` (the `contentDir` of
//!   each language).
//! - Jekyll: Liquid protected as in every dialect, kramdown's inline
//!   attribute lists (`{: .class}`) and extensions (`{::options …/}`) too;
//!   GFM ids; localized pages in `<locale>/` under the site root.
//! - mdBook: `{{#include}}` and the other preprocessor links are
//!   protected (Liquid's `{{ … }}` pattern covers them); mdBook's ids
//!   (`-1` duplicates); localized pages in a sibling of `src` named
//!   `src-<locale>` (the output folder is `src` itself), so that
//!   `../listings/x.rs` resolves as from `src`:
//!   `MDBOOK_BOOK__SRC=src-fr mdbook build -d book/fr` builds the book.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::{Dialect, ExplicitIds, Extensions, OwnText, Prepared, ProseParameters, commonmark};
use crate::markdown::find_eol;

/// Shortcode parameters whose values are prose.
pub const PROSE_PARAMETERS: &[&str] = &[
    "title",
    "header",
    "caption",
    "alt",
    "description",
    "placeholder",
    "imageAlt",
    "linkTitle",
];

static SHORTCODE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(\{\{[<%].*?[>%]\}\})[ \t]*$").expect("shortcode line"));

/// The prose parameters' values in a shortcode (`span`), relative to it:
/// the default ones, and those the site names for this shortcode.
fn prose_in_shortcode(span: &str, prose: &ProseParameters) -> Vec<Range<usize>> {
    if !(span.starts_with("{{<") || span.starts_with("{{%")) {
        return Vec::new();
    }
    static PARAMETER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:^|\s)([\w-]+)\s*=\s*"((?:[^"\\]|\\.)*)""#).expect("parameter")
    });
    let name: String = span[3..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
        .collect();
    let own = prose.get(&name).map_or(&[][..], Vec::as_slice);
    PARAMETER
        .captures_iter(span)
        .filter(|c| {
            let key = &c[1];
            PROSE_PARAMETERS.contains(&key) || own.iter().any(|o| o == key)
        })
        .filter_map(|c| c.get(2))
        .filter(|v| v.as_str().chars().any(char::is_alphabetic))
        .map(|v| v.range())
        .collect()
}

/// Hugo's own block syntax: a shortcode alone on its line stays skeleton,
/// but its prose parameters (`{{% alert title="Warning" %}}`) are
/// messages. (Outside fenced code.)
fn hugo_prepare(
    page: &str,
    base: usize,
    _extensions: Extensions,
    prose: &ProseParameters,
) -> Prepared {
    let mut texts = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut pos = base;
    while pos < page.len() {
        let end = find_eol(&page[pos..]).map_or(page.len(), |i| pos + i);
        let line = &page[pos..end];
        let content = line.trim_start();
        let first = content.bytes().next().unwrap_or(b' ');
        let run = content.bytes().take_while(|&b| b == first).count();
        match fence {
            Some((c, n)) if first == c && run >= n && content[run..].trim().is_empty() => {
                fence = None;
            }
            Some(_) => {}
            None if matches!(first, b'`' | b'~') && run >= 3 => fence = Some((first, run)),
            None => {
                for value in html_prose_attributes(line) {
                    texts.push(OwnText {
                        range: pos + value.start..pos + value.end,
                        default: None,
                        quote: Some('"'),
                        html: true,
                    });
                }
                if let Some(text) = element_text(line) {
                    texts.push(OwnText {
                        range: pos + text.start..pos + text.end,
                        default: None,
                        quote: None,
                        html: false,
                    });
                }
                if let Some(c) = SHORTCODE_LINE.captures(line) {
                    let tag = c.get(1).expect("group");
                    for r in prose_in_shortcode(tag.as_str(), prose) {
                        let at = pos + tag.start();
                        texts.push(OwnText {
                            range: at + r.start..at + r.end,
                            default: None,
                            quote: Some('"'),
                            html: false,
                        });
                    }
                }
            }
        }
        pos = end + 1;
    }
    Prepared {
        masked: None,
        texts,
        breaks: Vec::new(),
    }
}

/// The `title` and `alt` values (double-quoted) of a line of HTML (one
/// starting with a tag), relative to the line.
fn html_prose_attributes(line: &str) -> Vec<Range<usize>> {
    static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\s(?:title|alt)\s*=\s*"([^"<>]*)""#).expect("html attribute")
    });
    if !line.trim_start().starts_with('<') || line.trim_start().starts_with("<!") {
        return Vec::new();
    }
    ATTRIBUTE
        .captures_iter(line)
        .filter_map(|c| c.get(1))
        .filter(|v| v.as_str().chars().any(char::is_alphabetic))
        .map(|v| v.range())
        .collect()
}

/// HTML elements whose text is prose when one is alone on its line in an
/// HTML block (`<summary>Details</summary>`).
const PROSE_ELEMENTS: &[&str] = &[
    "summary",
    "p",
    "td",
    "th",
    "li",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "label",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "button",
    "span",
    "strong",
    "em",
    "b",
    "i",
];

/// The text of a prose element alone on `line` (`<summary>Text</summary>`,
/// attributes allowed), if it is plain text (no tag, no shortcode).
fn element_text(line: &str) -> Option<Range<usize>> {
    static ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^[ \t]*<([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?>([^<>{}]*)</([a-zA-Z][a-zA-Z0-9]*)\s*>[ \t]*$"#)
            .expect("element")
    });
    let c = ELEMENT.captures(line)?;
    let name = c[1].to_ascii_lowercase();
    if name != c[3].to_ascii_lowercase() || !PROSE_ELEMENTS.contains(&name.as_str()) {
        return None;
    }
    let text = c.get(2)?;
    let trimmed = text.as_str().trim();
    if !trimmed.chars().any(char::is_alphabetic) {
        return None;
    }
    let start = text.start() + (text.as_str().len() - text.as_str().trim_start().len());
    Some(start..start + trimmed.len())
}

/// Why `text` is not a link alone, as an entry of mdBook's `SUMMARY.md`
/// must stay (`- [Title](page.md)`: text around the link makes mdBook
/// refuse the book). `check` asks only of a message whose source is a
/// link alone.
fn link_alone(text: &str) -> Option<String> {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[[^\[\]]*\]\([^()\s]*\)$").expect("link"));
    (!LINK.is_match(text.trim())).then(|| {
        "the source is a link alone (a `SUMMARY.md` entry must stay one): translate its text \
         inside `[…]`, add nothing around it"
            .to_string()
    })
}

/// A quote inside a Hugo shortcode's quoted parameter.
fn shortcode_quote(_quote: char) -> &'static str {
    "\\\""
}

/// kramdown's inline attribute lists and extensions, on top of
/// CommonMark's placeables.
pub const JEKYLL_PROTECT: &[&str] = &[
    r"\{\{<.*?>\}\}",
    r"\{\{%.*?%\}\}",
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
    r"\{::?[^}\n]*\}",
    commonmark::CODE_ELEMENTS,
];

/// A GitHub-style id as Goldmark, kramdown (GFM) and github-slugger make
/// it: lower case, letters, digits, `_` and `-` kept, each space a `-`,
/// the rest dropped.
pub fn gfm_id(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c)
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Hugo's `markup.goldmark.parser.autoHeadingIDType = "github-ascii"`.
pub const HUGO_IDS_ASCII: u32 = 1 << 16;
/// Hugo's `autoHeadingIDType = "blackfriday"`.
pub const HUGO_IDS_BLACKFRIDAY: u32 = 1 << 17;
/// Jekyll's `kramdown: input: kramdown` (kramdown's own ids, not GFM's).
pub const KRAMDOWN_IDS: u32 = 1 << 18;

/// Goldmark's id in Hugo, as `autoHeadingIDType` says: `github` (the
/// default), `github-ascii` (accents taken off, other non-ASCII dropped)
/// or `blackfriday` (runs of anything but letters and digits one `-`,
/// none at the ends).
fn hugo_id(text: &str, extensions: Extensions) -> String {
    if extensions.has(HUGO_IDS_BLACKFRIDAY) {
        let mut out = String::new();
        let mut dash = false;
        for c in text.chars() {
            if c.is_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.extend(c.to_lowercase());
            } else {
                dash = true;
            }
        }
        return out;
    }
    if extensions.has(HUGO_IDS_ASCII) {
        use unicode_normalization::UnicodeNormalization;
        let ascii: String = text.nfkd().filter(char::is_ascii).collect();
        return gfm_id(&ascii);
    }
    gfm_id(text)
}

/// kramdown's id: GFM's with Jekyll's default `input: GFM` (after its
/// typography: `--` and `---` are dashes, which the id drops); with
/// `input: kramdown`, leading characters up to the first ASCII letter
/// dropped, then only ASCII letters, digits, spaces and `-` kept, spaces
/// made `-`, lower case (`section` when nothing is left).
fn kramdown_id(text: &str, extensions: Extensions) -> String {
    if !extensions.has(KRAMDOWN_IDS) {
        return gfm_id(&text.replace("---", "").replace("--", ""));
    }
    let start = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let id: String = text[start..]
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| {
            if c == ' ' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if id.is_empty() { "section".into() } else { id }
}

/// `id`, else `id-1`, `id-2`… the first one no heading has (Goldmark:
/// an `Install-1` after two `Install` headings is `install-1-1`).
pub fn dash_unique(id: String, used: &mut HashSet<String>) -> String {
    super::docusaurus::unique(id, used)
}

/// `id` the first time its text gives it, then `id-1`, `id-2`… counted
/// per text, whatever other headings took (kramdown, mdBook: an `X-1`
/// after two `X` headings is `x-1` too).
pub fn counted_unique(id: String, used: &mut HashSet<String>) -> String {
    // The counters live in the set, as keys no id can be.
    let mut n = 0;
    loop {
        let key = format!("\u{0}{id}\u{0}{n}");
        if used.insert(key) {
            return if n == 0 { id } else { format!("{id}-{n}") };
        }
        n += 1;
    }
}

/// mdBook's id: letters, digits, `_` and `-` kept (only ASCII letters
/// lower-cased), each blank a `-`, the rest dropped.
pub fn mdbook_id(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// `<output_dir>/<locale>/<page>`.
fn by_locale_folder(output_dir: &Path, locale: &str, page: &Path) -> PathBuf {
    output_dir.join(locale).join(page)
}

/// `<output_dir>-<locale>/<page>`: the output folder is the book's `src`,
/// the localized pages go beside it (`src-fr/`).
fn beside_src(output_dir: &Path, locale: &str, page: &Path) -> PathBuf {
    src_for(output_dir, locale).join(page)
}

/// The sibling of the book's source folder `src` for `locale`.
fn src_for(src: &Path, locale: &str) -> PathBuf {
    match src.file_name() {
        Some(name) => src.with_file_name(format!("{}-{locale}", name.to_string_lossy())),
        None => src.join(format!("src-{locale}")),
    }
}

/// Hugo.
pub static HUGO: Dialect = Dialect {
    name: "hugo",
    page_extensions: &["md", "markdown", "mdown"],
    protect: commonmark::PROTECT,
    protect_first_bytes: b"{<",
    heading_id: hugo_id,
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: by_locale_folder,
    locale_root: |output_dir, locale| output_dir.join(locale),
    copy_assets: true,
    front_matter_keys: &["title", "linkTitle", "description"],
    prepare: Some(hugo_prepare),
    unique_id: Some(dash_unique),
    explicit_ids: ExplicitIds::InOrder,
    definition_lists: None,
    opens_block: |_| false,
    quote_escape: shortcode_quote,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: Some(prose_in_shortcode),
    backslash_escapes: None,
    joined_protect: OnceLock::new(),
};

/// Jekyll (kramdown).
pub static JEKYLL: Dialect = Dialect {
    name: "jekyll",
    page_extensions: &["md", "markdown"],
    protect: JEKYLL_PROTECT,
    protect_first_bytes: b"{<",
    heading_id: kramdown_id,
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: by_locale_folder,
    locale_root: |output_dir, locale| output_dir.join(locale),
    // (Only files of the pages' folders: not the site's own, see
    // `is_site_file`.)
    copy_assets: true,
    front_matter_keys: &["title", "description"],
    prepare: None,
    unique_id: Some(counted_unique),
    explicit_ids: ExplicitIds::Bypass,
    definition_lists: None,
    opens_block: |_| false,
    quote_escape: super::html_quote,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: None,
    backslash_escapes: None,
    joined_protect: OnceLock::new(),
};

/// mdBook.
pub static MDBOOK: Dialect = Dialect {
    name: "mdbook",
    page_extensions: &["md"],
    protect: commonmark::PROTECT,
    protect_first_bytes: b"{<",
    heading_id: |text, _| mdbook_id(text),
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: beside_src,
    locale_root: src_for,
    copy_assets: true,
    front_matter_keys: &[],
    prepare: None,
    unique_id: Some(counted_unique),
    explicit_ids: ExplicitIds::Bypass,
    definition_lists: None,
    opens_block: |_| false,
    quote_escape: super::html_quote,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: Some(link_alone),
    text_in_tag: None,
    backslash_escapes: None,
    joined_protect: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_counted_per_text() {
        let mut used = HashSet::new();
        let ids: Vec<String> = ["x", "x", "x-1"]
            .into_iter()
            .map(|t| counted_unique(t.to_string(), &mut used))
            .collect();
        assert_eq!(ids, ["x", "x-1", "x-1"]);
        assert_eq!(mdbook_id("Über  spaces"), "Über--spaces");
    }

    #[test]
    fn hugo_and_kramdown_id_types() {
        let all = Extensions::ALL;
        assert_eq!(hugo_id("Über  das -- Ding!", all), "über--das----ding");
        assert_eq!(
            hugo_id("Über  das -- Ding!", Extensions(HUGO_IDS_ASCII)),
            "uber--das----ding"
        );
        assert_eq!(
            hugo_id("Über  das -- Ding!", Extensions(HUGO_IDS_BLACKFRIDAY)),
            "über-das-ding"
        );
        assert_eq!(
            kramdown_id("1. Über Setup!", Extensions(KRAMDOWN_IDS)),
            "ber-setup"
        );
        // As Jekyll 4.3 gave them (typography first in GFM input).
        assert_eq!(kramdown_id("Über das -- Ding!", all), "über-das--ding");
        assert_eq!(
            kramdown_id("Über das -- Ding!", Extensions(KRAMDOWN_IDS)),
            "ber-das----ding"
        );
        assert_eq!(kramdown_id("A  b_c", Extensions(KRAMDOWN_IDS)), "a--bc");
        assert_eq!(kramdown_id("123", Extensions(KRAMDOWN_IDS)), "section");
    }

    #[test]
    fn gfm_ids() {
        assert_eq!(gfm_id("Hello, World!"), "hello-world");
        assert_eq!(gfm_id("`code` and Ünï"), "code-and-ünï");
        assert_eq!(gfm_id("a  b"), "a--b");
    }

    #[test]
    fn shortcode_prose() {
        let page = "{{% alert title=\"Warning\" color=\"red\" %}}\nText {{< x alt=\"A cat\" >}}.\n{{% /alert %}}\n```\n{{< y title=\"code\" >}}\n```\n";
        let texts = crate::dialect::own_texts(hugo_prepare, page);
        assert_eq!(texts, ["Warning"]);
        let html = "<details>\n  <summary>More details</summary>\n<p class=\"x\">A <b>b</b></p>\n</details>\n";
        let texts = crate::dialect::own_texts(hugo_prepare, html);
        assert_eq!(texts, ["More details"]);
        let html = "<figure>\n  <img src=\"a.png\" alt=\"A cat\" title=\"Cats\">\n</figure>\n";
        let texts = crate::dialect::own_texts(hugo_prepare, html);
        assert_eq!(texts, ["A cat", "Cats"]);
        assert_eq!(
            prose_in_shortcode(
                "{{< x alt=\"A cat\" >}}",
                &crate::dialect::NO_PROSE_PARAMETERS
            )
            .first(),
            Some(&(11..16))
        );
    }

    #[test]
    fn layouts() {
        assert_eq!(
            MDBOOK.output_path(Path::new("src"), "fr", Path::new("ch1/a.md")),
            Path::new("src-fr/ch1/a.md")
        );
        assert_eq!(
            HUGO.output_path(Path::new("content"), "fr", Path::new("docs/a.md")),
            Path::new("content/fr/docs/a.md")
        );
    }
}
