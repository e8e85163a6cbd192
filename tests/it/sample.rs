//! The repository's own sample project: real French and German
//! translations of the sample page, a half-translated Japanese one.

use std::path::Path;

use fluentmark::build::{LocalizeOptions, Rewrite, localize_with};
use fluentmark::catalog::Catalog;
use fluentmark::project::Project;
use fluentmark::store::read_page;

const PAGE: &str = "applications-of-deep-learning.md";

/// Messages whose translation may equal the source: names and terms.
const SAME_IN: &[(&str, &str)] = &[
    ("fr", "iot-1880"),
    ("de", "iot-1880"),
    ("de", "computer-vision-f129"),
];

fn project() -> Project {
    Project::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn catalog(p: &Project, locale: &str) -> Catalog {
    let text = std::fs::read_to_string(p.catalog_path(locale, Path::new(PAGE))).unwrap();
    let c = Catalog::parse(&text);
    assert!(c.errors.is_empty(), "{locale}: {:?}", c.errors);
    c
}

fn built(p: &Project, locale: &str) -> String {
    let (page, _) = read_page(p, Path::new(PAGE)).unwrap();
    let c = catalog(p, locale);
    let rewrite = Rewrite {
        locale,
        templates: p
            .config
            .front_matter
            .rewrite
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        checked: None,
    };
    localize_with(
        &page,
        |id| {
            c.get(id)
                .filter(|t| !t.fuzzy && !t.obsolete)?
                .pattern
                .as_ref()
                .ok()
        },
        LocalizeOptions {
            keep_heading_ids: true,
            ..Default::default()
        },
        &rewrite,
    )
    .text
}

#[test]
fn french_and_german_translate_every_message() {
    let p = project();
    let (page, _) = read_page(&p, Path::new(PAGE)).unwrap();
    assert_eq!(page.messages.len(), 26);
    for locale in ["fr", "de"] {
        let c = catalog(&p, locale);
        let out = built(&p, locale);
        for m in &page.messages {
            let t = c
                .get(&m.id)
                .unwrap_or_else(|| panic!("{locale}: {} is not translated", m.id));
            assert!(!t.fuzzy && !t.obsolete, "{locale}: {}", m.id);
            let pattern = t.pattern.as_ref().unwrap();
            let same_allowed = SAME_IN.contains(&(locale, m.id.as_str()));
            assert_eq!(
                *pattern == m.pattern,
                same_allowed,
                "{locale}: {} vs the source",
                m.id
            );
            // Every placeable of the source is kept.
            let mut vars: Vec<&str> = pattern.vars().collect();
            let mut source_vars: Vec<&str> = m.pattern.vars().collect();
            vars.sort_unstable();
            source_vars.sort_unstable();
            assert_eq!(vars, source_vars, "{locale}: {}", m.id);
            // No untranslated paragraph in the built page.
            let source_text = m.pattern.plain_text();
            if !same_allowed && source_text.len() > 20 {
                assert!(
                    !out.contains(&source_text[..20]),
                    "{locale}: `{}` is still English",
                    m.id
                );
            }
        }
        // Links and anchors work; the permalink is localized.
        for url in [
            "https://aws.amazon.com/iot/",
            "(getting-started)",
            "(intro-tutorial)",
        ] {
            assert!(out.contains(url), "{locale}: {url}");
        }
        assert!(out.contains(&format!(
            "permalink: /{locale}/docs/applications-of-deep-learning.html\n"
        )));
        assert!(out.contains(" {#audio-recognition}\n"), "{locale}");
        assert!(out.starts_with("---\ndocid: applications-of-deep-learning\n"));
    }
}

#[test]
fn japanese_is_half_translated_and_falls_back() {
    let p = project();
    let (page, _) = read_page(&p, Path::new(PAGE)).unwrap();
    let c = catalog(&p, "ja");
    let translated = page
        .messages
        .iter()
        .filter(|m| c.get(&m.id).is_some())
        .count();
    assert!((10..=16).contains(&translated), "{translated} of 26");
    let out = built(&p, "ja");
    assert!(out.contains("## 音声認識 {#audio-recognition}\n"));
    // An untranslated paragraph stays English, byte for byte.
    assert!(out.contains("Deep learning and neural networks can be applied to ANY problem."));
}

#[test]
fn config_requires_french_and_german_only() {
    let p = project();
    let req = &p.config.check.min_coverage;
    assert_eq!(req.get("fr"), Some(&100.0));
    assert_eq!(req.get("de"), Some(&100.0));
    assert_eq!(req.get("ja"), None);
}
