//! The core invariant: extract, go through the Fluent catalog, build.
//!
//! - identity: building with the source catalog as the translation gives
//!   back the page byte for byte, and every message survives Fluent;
//! - pseudo-translation: upper-casing every message keeps the rendered
//!   HTML's tags, attributes, link targets and code, by pulldown-cmark and
//!   by comrak;
//! - the markup shortcut for plain messages agrees with the parser;
//! - the source catalog written directly is its syntax tree serialized;
//! - the source catalog reads back as the page's messages (what `check`
//!   relies on), or says it cannot.
//!
//! The corpus tests need `../shared/corpus` and are ignored in a fresh
//! clone; `.ci/run` runs them.

use crate::common;

use std::collections::HashMap;

use common::*;
use fluentmark::page::Page;

#[derive(Default)]
struct Tally {
    pages: usize,
    /// Pages whose source catalog reads back (the others make `check`
    /// parse the page).
    read_back: usize,
    failures: Vec<String>,
}

/// Checks both round trips on one page; returns a failure description.
/// Counts the page in `read_back` if its source catalog reads back.
fn check_page(
    name: &str,
    text: &str,
    translate: &[String],
    protect: &regex::Regex,
    read_back: &mut usize,
) -> Option<String> {
    let page = match Page::parse(
        text.as_bytes(),
        fluentmark::page::PageOptions {
            extensions: Default::default(),
            prose_parameters: None,
            translate,
            protect: Some(protect),
        },
    ) {
        Ok(p) => p,
        Err(e) => return Some(format!("{name}: does not parse: {e:?}")),
    };
    // The source catalog, written directly, is the serialized syntax tree.
    let direct = fluentmark::catalog::fluent::source_catalog(name, &page);
    let via_tree = fluentmark::catalog::fluent::serialize(
        &fluentmark::catalog::fluent::source_resource(name, &page),
    );
    if direct != via_tree {
        return Some(format!(
            "{name}: the source catalog written directly differs from its syntax tree's:\n{direct}\n---\n{via_tree}"
        ));
    }
    // What the catalog reads back is the page's messages, exactly.
    match reads_back(&page) {
        Ok(true) => *read_back += 1,
        Ok(false) => {}
        Err(e) => return Some(format!("{name}: {e}")),
    }
    let catalog = through_catalog(&page);
    for m in &page.messages {
        if catalog.get(&m.id) != Some(&m.pattern) {
            return Some(format!(
                "{name}: message {} does not survive Fluent: {:?} became {:?}",
                m.id,
                m.pattern,
                catalog.get(&m.id)
            ));
        }
    }
    // The markup shortcut agrees with the parser on every real message.
    if let Err(e) = markup_known_right(&page) {
        return Some(format!("{name}: {e}"));
    }
    let identity = build(&page, &catalog, true);
    if identity != text {
        return Some(format!("{name}: identity build differs"));
    }
    let shouted: HashMap<_, _> = catalog
        .iter()
        .map(|(id, p)| (id.clone(), shout(p)))
        .collect();
    let out = build(&page, &shouted, false);
    let body = |t: &str| {
        let page = Page::parse(t.as_bytes(), Default::default()).ok()?;
        Some(page.text[page.yaml.map_or(0, |y| y.end)..].to_string())
    };
    let (Some(src_body), Some(out_body)) = (body(text), body(&out)) else {
        return Some(format!("{name}: built page does not parse"));
    };
    for (renderer, render) in [
        ("pulldown-cmark", html_pulldown as fn(&str) -> String),
        ("comrak", html_comrak),
    ] {
        let a = shape(&render(&src_body));
        let b = shape(&render(&out_body));
        if a != b {
            let at = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            return Some(format!(
                "{name}: {renderer} renders the pseudo-translation differently at token {at}: {:?} vs {:?}\n--- built page:\n{out}",
                a.get(at.saturating_sub(2)..(at + 3).min(a.len())),
                b.get(at.saturating_sub(2)..(at + 3).min(b.len())),
            ));
        }
    }
    None
}

fn run_corpus(name: &str, translate: &[&str]) {
    let translate: Vec<String> = translate.iter().map(|s| s.to_string()).collect();
    let protect = protect();
    let mut tally = Tally::default();
    for path in corpus_pages(name) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(_) => continue,
        };
        tally.pages += 1;
        let name = path.display().to_string();
        if let Some(f) = check_page(&name, &text, &translate, &protect, &mut tally.read_back) {
            tally.failures.push(f);
        }
    }
    assert!(tally.pages > 0, "no pages in {name}");
    println!(
        "{name}: {} of {} source catalogs read back",
        tally.read_back, tally.pages
    );
    assert!(
        tally.read_back > 0,
        "no source catalog of {name} reads back"
    );
    assert!(
        tally.failures.is_empty(),
        "{} of {} pages of {name} fail:\n{}",
        tally.failures.len(),
        tally.pages,
        tally
            .failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn commonmark_spec_examples() {
    let json = std::fs::read_to_string(corpus().join("commonmark/spec-0.31.2.json")).unwrap();
    let examples: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let protect = protect();
    let mut failures = Vec::new();
    let mut read_back = 0;
    for ex in &examples {
        let md = ex["markdown"].as_str().unwrap();
        let n = ex["example"].as_u64().unwrap();
        if let Some(f) = check_page(&format!("example {n}"), md, &[], &protect, &mut read_back) {
            failures.push(f);
        }
    }
    assert!(examples.len() > 600);
    println!(
        "{read_back} of {} source catalogs read back",
        examples.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        examples.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn caffe2_pages() {
    run_corpus("caffe2", &["title"]);
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn rustbook_pages() {
    run_corpus("rustbook", &[]);
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn otel_pages() {
    run_corpus("otel", &["title", "linkTitle", "description"]);
}
