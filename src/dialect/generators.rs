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
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{Dialect, ExplicitIds, commonmark};

/// kramdown's inline attribute lists and extensions, on top of
/// CommonMark's placeables.
pub const JEKYLL_PROTECT: &[&str] = &[
    r"\{\{<.*?>\}\}",
    r"\{\{%.*?%\}\}",
    r"\{%.*?%\}",
    r"\{\{.*?\}\}",
    r"\{::?[^}\n]*\}",
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

/// `id`, else `id-1`, `id-2`… the first one free (Goldmark, kramdown,
/// mdBook).
pub fn dash_unique(id: String, used: &mut HashSet<String>) -> String {
    super::docusaurus::unique(id, used)
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
    protect_first_byte: Some(b'{'),
    heading_id: |text, _| gfm_id(text),
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: by_locale_folder,
    locale_root: |output_dir, locale| output_dir.join(locale),
    copy_assets: true,
    front_matter_keys: &["title", "linkTitle", "description"],
    prepare: None,
    unique_id: Some(dash_unique),
    explicit_ids: ExplicitIds::InOrder,
    definition_lists: None,
    opens_block: |_| false,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: None,
    backslash_escapes: None,
    joined_protect: OnceLock::new(),
};

/// Jekyll (kramdown).
pub static JEKYLL: Dialect = Dialect {
    name: "jekyll",
    page_extensions: &["md", "markdown"],
    protect: JEKYLL_PROTECT,
    protect_first_byte: Some(b'{'),
    heading_id: |text, _| gfm_id(text),
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: by_locale_folder,
    locale_root: |output_dir, locale| output_dir.join(locale),
    // (The site root is the content: its layouts, data and assets are
    // the site's, found from `<locale>/` pages by absolute paths.)
    copy_assets: false,
    front_matter_keys: &["title", "description"],
    prepare: None,
    unique_id: Some(dash_unique),
    explicit_ids: ExplicitIds::InOrder,
    definition_lists: None,
    opens_block: |_| false,
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
    protect_first_byte: Some(b'{'),
    heading_id: |text, _| commonmark::slug(text),
    with_heading_id: |tail, id, _| commonmark::with_id(tail, id),
    output_path: beside_src,
    locale_root: src_for,
    copy_assets: true,
    front_matter_keys: &[],
    prepare: None,
    unique_id: Some(dash_unique),
    explicit_ids: ExplicitIds::InOrder,
    definition_lists: None,
    opens_block: |_| false,
    hard_break: None,
    inline_marks: &[],
    inline_escape: None,
    syntax_error: None,
    text_in_tag: None,
    backslash_escapes: None,
    joined_protect: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_ids() {
        assert_eq!(gfm_id("Hello, World!"), "hello-world");
        assert_eq!(gfm_id("`code` and Ünï"), "code-and-ünï");
        assert_eq!(gfm_id("a  b"), "a--b");
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
