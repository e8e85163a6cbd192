//! CommonMark (with the extensions fluentmark's parser enables): the
//! default dialect, and what every other dialect starts from.
//!
//! Pages are `.md` and `.markdown` files; Hugo shortcodes and Liquid tags
//! are protected (they turn up in plain-Markdown sites too); heading ids
//! are GitHub-style slugs, written explicitly as `{#id}`; a localized page
//! goes to `<output_dir>/<locale>/<path>`; no front matter key is
//! translated unless configured; no container holds Markdown.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::Dialect;

/// Hugo shortcodes (`{{< >}}`, `{{% %}}`), Liquid tags (`{% %}`,
/// `{{ }}`) and the inline HTML elements whose text is code: placeables
/// in every project.
pub const PROTECT: &[&str] = &[
    r"\{\{<.*?>\}\}",
    r"\{\{%.*?%\}\}",
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
    CODE_ELEMENTS,
];

/// `<code>`, `<kbd>`, `<samp>`, `<var>` and `<pre>` with their text: code
/// in every dialect (the Rust book writes `<code>pat | pat</code>` in
/// tables), one placeable each.
pub const CODE_ELEMENTS: &str = r"(?i:<code(?:\s[^>]*)?>.*?</code\s*>|<kbd(?:\s[^>]*)?>.*?</kbd\s*>|<samp(?:\s[^>]*)?>.*?</samp\s*>|<var(?:\s[^>]*)?>.*?</var\s*>|<pre(?:\s[^>]*)?>.*?</pre\s*>)";

/// The CommonMark dialect.
pub static COMMONMARK: Dialect = Dialect {
    name: "commonmark",
    page_extensions: &["md", "markdown"],
    protect: PROTECT,
    // Every pattern of `PROTECT` starts with `{` or `<`.
    protect_first_bytes: b"{<",
    heading_id: |text, _| slug(text),
    with_heading_id: |tail, id, _| with_id(tail, id),
    output_path,
    locale_root: |output_dir, locale| output_dir.join(locale),
    // (Plain-Markdown projects put anything in their content folder,
    // configuration included: only pages are written.)
    copy_assets: false,
    front_matter_keys: &[],
    prepare: None,
    unique_id: None,
    explicit_ids: super::ExplicitIds::InOrder,
    definition_lists: None,
    opens_block: |_| false,
    backslash_escapes: None,
    quote_escape: super::html_quote,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: None,
    joined_protect: OnceLock::new(),
};

/// A heading anchor as generators derive it: lower case, letters, digits,
/// `-` and `_` kept, blanks to `-`, everything else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        // ASCII by bytes (most headings), the rest by Unicode's tables.
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                out.push(char::from(b.to_ascii_lowercase()));
            } else if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                out.push('-');
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

/// A heading's tail with an `#id` added: into its attribute block if it
/// has one (only the last block counts), else as a new block at the end.
pub(crate) fn with_id(tail: &str, id: &str) -> String {
    if tail.ends_with('}')
        && let Some(open) = tail.rfind('{')
    {
        return format!("{}{{#{id} {}", &tail[..open], &tail[open + 1..]);
    }
    format!("{tail} {{#{id}}}")
}

/// `<output_dir>/<locale>/<page>`.
pub(crate) fn output_path(output_dir: &Path, locale: &str, page: &Path) -> PathBuf {
    output_dir.join(locale).join(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_md_and_markdown_files() {
        assert!(COMMONMARK.is_page(Path::new("a/b.md")));
        assert!(COMMONMARK.is_page(Path::new("b.markdown")));
        assert!(!COMMONMARK.is_page(Path::new("b.mdx")));
        assert!(!COMMONMARK.is_page(Path::new("md")));
    }

    #[test]
    fn explicit_ids_go_into_the_attribute_block() {
        assert_eq!(COMMONMARK.with_heading_id("", "a-b"), " {#a-b}");
        assert_eq!(COMMONMARK.with_heading_id(" {.x}", "a"), " {#a .x}");
        assert_eq!(COMMONMARK.with_heading_id(" ##", "a"), " ## {#a}");
    }

    #[test]
    fn localized_pages_go_under_the_locale() {
        assert_eq!(
            COMMONMARK.output_path(Path::new("build"), "fr", Path::new("a/b.md")),
            Path::new("build/fr/a/b.md")
        );
    }

    proptest::proptest! {
        #[test]
        fn slug_is_the_char_rule(text in "\\PC*|[ \t\n\r\u{b}\u{c}\u{85}\u{a0}a-zA-Z0-9_\\-.!é中ÀΣ]*") {
            let by_char: String = text
                .trim()
                .chars()
                .flat_map(|c| {
                    if c.is_alphanumeric() || c == '_' || c == '-' {
                        c.to_lowercase().collect::<Vec<_>>()
                    } else if c.is_whitespace() {
                        vec!['-']
                    } else {
                        vec![]
                    }
                })
                .collect();
            proptest::prop_assert_eq!(slug(&text), by_char);
        }
    }
}
