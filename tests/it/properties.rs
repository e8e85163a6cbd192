//! Property tests over generated Markdown and generated catalogs: nothing
//! panics, every message survives Fluent, the identity round trip gives the
//! page back byte for byte, and a pseudo-translation builds a page that
//! renders to the same HTML structure.
//!
//! `PROPTEST_CASES` raises the number of cases (CI uses the default); with
//! a large number this is the project's stable-toolchain fuzzer. Every
//! failure it finds becomes a named test in `tests/it/regressions.rs`.

use crate::common;

use std::collections::HashMap;

use common::*;
use fluentmark::build::{LocalizeOptions, localize};
use fluentmark::catalog::Catalog;
use fluentmark::page::{Page, PageOptions};
use proptest::prelude::*;

/// Inline Markdown: words, emphasis, code, links, images, HTML, entities,
/// escapes, shortcodes, footnotes, hard breaks.
fn inline() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        "[a-zA-Z]{1,8}",
        "[a-zA-Z]{1,6}( [a-zA-Z]{1,6}){1,4}",
        Just("*em*".to_string()),
        Just("**strong**".to_string()),
        Just("_under_".to_string()),
        Just("~~del~~".to_string()),
        "`[a-z {}<>|*]{1,8}`",
        "\\[[a-z ]{1,8}\\]\\(/[a-z]{1,5}( \"[a-z ]{1,6}\")?\\)",
        "!\\[[a-z ]{0,8}\\]\\(/[a-z]{1,5}\\.png\\)",
        Just("[ref]".to_string()),
        Just("[text][ref]".to_string()),
        Just("[ref][]".to_string()),
        Just("<https://example.com/x>".to_string()),
        Just("<kbd>K</kbd>".to_string()),
        Just("&amp; &nbsp; &#123;".to_string()),
        Just("\\* \\[ \\{".to_string()),
        Just("{{< ref \"x.md\" >}}".to_string()),
        Just("{% include x.md %}".to_string()),
        Just("{ } [ ] * . #".to_string()),
        Just("[^1]".to_string()),
        Just("  \n".to_string()),
        Just("\\\n".to_string()),
        Just("\n".to_string()),
        "[ \t]{1,3}",
        "\\PC{1,4}",
    ];
    proptest::collection::vec(atom, 1..8).prop_map(|v| v.join(" "))
}

/// A block, possibly nested in quotes and lists.
fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        inline().prop_map(|t| format!("{t}\n")),
        (1..7usize, inline()).prop_map(|(n, t)| format!(
            "{} {}\n",
            "#".repeat(n),
            t.replace('\n', " ")
        )),
        inline().prop_map(|t| format!("{}\n===\n", t.replace('\n', " "))),
        "[a-z ]{0,20}".prop_map(|c| format!("```\n{c}\n```\n")),
        "[a-z ]{0,20}".prop_map(|c| format!("    {c}\n")),
        inline().prop_map(|t| format!(
            "| a | b |\n|---|---|\n| {} | x |\n",
            t.replace(['\n', '|'], " ")
        )),
        Just("<div>\n*html*\n</div>\n".to_string()),
        Just("<!-- i18n:skip -->\n".to_string()),
        Just("<!-- i18n:comment note -->\n".to_string()),
        Just("---\n".to_string()),
        Just("[ref]: /target \"Title\"\n".to_string()),
        Just("[^1]: Footnote text.\n".to_string()),
        Just("{{< tab >}}\n".to_string()),
        inline().prop_map(|t| format!("> [!NOTE]\n> {}\n", t.replace('\n', " "))),
        inline().prop_map(|t| format!("## {} {{#custom-id}}\n", t.replace('\n', " "))),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..3).prop_map(|v| v
                .join("\n")
                .lines()
                .map(|l| format!("> {l}\n"))
                .collect()),
            proptest::collection::vec(inner.clone(), 1..3).prop_map(|v| list("- ", &v)),
            proptest::collection::vec(inner, 1..3).prop_map(|v| list("1. ", &v)),
        ]
    })
}

/// Blocks as the items of a list with `marker`, continuation lines
/// indented to the item's content.
fn list(marker: &str, items: &[String]) -> String {
    let indent = " ".repeat(marker.len());
    items
        .iter()
        .flat_map(|item| {
            item.lines()
                .enumerate()
                .map(|(i, l)| format!("{}{l}\n", if i == 0 { marker } else { &indent }))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A page: optional front matter, blocks, maybe CRLF and a BOM.
fn page() -> impl Strategy<Value = String> {
    (
        proptest::option::of("[a-zA-Z :'\"#]{0,20}"),
        proptest::collection::vec(block(), 1..6),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(title, blocks, crlf, bom)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            if let Some(t) = title {
                s.push_str(&format!(
                    "---\ntitle: {}\nlayout: docs\n---\n",
                    serde_json::to_string(&t).unwrap()
                ));
            }
            s.push_str(&blocks.join("\n"));
            if crlf { s.replace('\n', "\r\n") } else { s }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_pages_round_trip(text in page()) {
        if let Err(e) = round_trips(&text) {
            prop_assert!(false, "{e}\n--- page:\n{text:?}");
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|[\\n\\r\\t>#*_`\\[\\]()<>!{}|\\\\-])*") {
        let _ = round_trips(&text);
    }

    /// Whatever the page, its source catalog reads back as its messages or
    /// says it cannot: `check` never compares with wrong source texts.
    #[test]
    fn source_catalogs_read_back_exactly(text in "(\\PC|[\\n\\r\\t>#*_`\\[\\]()<>!{}$=|\\\\-]|i18n:comment)*") {
        let translate = vec!["title".to_string()];
        let protect = protect();
        let options = PageOptions { translate: &translate, protect: Some(&protect), extensions: Default::default(), prose_parameters: None };
        if let Ok(page) = Page::parse(text.as_bytes(), options)
            && let Err(e) = reads_back(&page)
        {
            prop_assert!(false, "{e}\n--- page:\n{text:?}");
        }
    }

    /// Any catalog a translator could write, however broken, is read and
    /// used without a panic; what does not parse is reported, not used.
    #[test]
    fn arbitrary_catalogs_never_panic(
        text in page(),
        ftl in proptest::collection::vec("[a-z-]{1,12} = (\\PC|[{}$\\[\\]*.\"\\\\])*|# fuzzy|## Obsolete|\\PC*", 0..12),
    ) {
        let page = Page::parse(text.as_bytes(), PageOptions::default());
        let catalog = Catalog::parse(&ftl.join("\n"));
        if let Ok(page) = page {
            let translations: HashMap<String, _> = page
                .messages
                .iter()
                .zip(catalog.translations.iter().filter_map(|t| t.pattern.as_ref().ok()))
                .map(|(m, p)| (m.id.clone(), p.clone()))
                .collect();
            let out = localize(&page, |id| translations.get(id), LocalizeOptions::default());
            // The built page parses.
            prop_assert!(Page::parse(out.text.as_bytes(), PageOptions::default()).is_ok() || page.yaml.is_some());
        }
    }
}

/// Message IDs as the first release computed them (char by char): IDs must
/// never change, or every catalog's translations would go obsolete.
fn reference_id(pattern: &fluentmark::pattern::Pattern, key: Option<&str>) -> String {
    let text: String = match key {
        Some(k) => k.to_string(),
        None => pattern
            .pieces()
            .iter()
            .filter_map(|p| match p {
                fluentmark::pattern::Piece::Text(t) => Some(t.as_str()),
                fluentmark::pattern::Piece::Var(_) | fluentmark::pattern::Piece::Term(_) => None,
            })
            .collect(),
    };
    let (mut id, mut word, mut words, mut len) = (String::new(), String::new(), 0, 0);
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if word.is_empty() {
            continue;
        }
        if words == 4 || len + word.len() > 32 {
            break;
        }
        len += word.len() + 1;
        if words > 0 {
            id.push('-');
        }
        id.push_str(&word);
        word.clear();
        words += 1;
    }
    if id.is_empty() {
        id.push_str("text");
    } else if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert(0, 'n');
    }
    let h = fluentmark::pattern::stable_hash(pattern);
    let short = (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) & 0xffff;
    format!("{id}-{short:04x}")
}

proptest! {
    #[test]
    fn message_ids_never_change(
        texts in proptest::collection::vec(
            "([a-zA-Z0-9]{0,40}|[ .,;:!?'é中-]{0,3}|[a-z]{1,12} ){0,12}", 1..4),
        key in proptest::option::of("[a-z]{1,10}(\\.[a-zA-Z_]{1,10})?"),
    ) {
        let mut p = fluentmark::pattern::Pattern::new();
        for (i, t) in texts.iter().enumerate() {
            if i > 0 {
                p.push_var(&format!("code{i}"));
            }
            p.push_text(t);
        }
        prop_assert_eq!(
            fluentmark::page::message_id(&p, key.as_deref()),
            reference_id(&p, key.as_deref())
        );
    }
}
