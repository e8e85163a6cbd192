//! Hostile translations: a translator's catalog is untrusted input to the
//! site. `build` must never let a translation add script, event handlers,
//! script URLs or raw HTML that the source message does not have; it keeps
//! the source text for such a message and reports it. `check` flags every
//! one of them as `unsafe-html` (or `markup-mismatch`).

use std::collections::HashMap;

use fluentmark::build::{LocalizeOptions, localize};
use fluentmark::catalog::Catalog;
use fluentmark::page::{Page, PageOptions};
use fluentmark::pattern::Pattern;

const PAGE: &str = "Read the [guide](https://example.com/guide) before you run `make`.\n";

/// Translations that try to inject something; `{ $link1 }` and
/// `{ $code1 }` are the source's placeables.
const HOSTILE: &[&str] = &[
    "Lisez le [guide]({ $link1 }) <script>alert(1)</script> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <SCRIPT>alert(1)</SCRIPT> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <ScRiPt src=//evil.example/x.js></ScRiPt> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <img src=x onerror=alert(1)> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <img src=x ONERROR=alert(1)> puis { $code1 }.",
    "Lisez le <a href=\"javascript:alert(1)\">guide</a> puis { $code1 }. { $link1 }",
    "Lisez le <a href=\"JaVaScRiPt:alert(1)\">guide</a> puis { $code1 }. { $link1 }",
    "Lisez le <a href=\"&#106;avascript:alert(1)\">guide</a> puis { $code1 }. { $link1 }",
    "Lisez le <a href=\"&#x6A;avascript&colon;alert(1)\">guide</a> puis { $code1 }. { $link1 }",
    "Lisez le <a href=\"java\tscript:alert(1)\">guide</a> puis { $code1 }. { $link1 }",
    "Lisez le [guide](javascript:alert(1)) puis { $code1 }. { $link1 }",
    "Lisez le [guide](JAVASCRIPT:alert(1)) puis { $code1 }. { $link1 }",
    "Lisez le [guide](&#106;avascript:alert(1)) puis { $code1 }. { $link1 }",
    "Lisez le [guide]({ $link1 }) et <javascript:alert(1)> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) ![x](data:text/html;base64,PHNjcmlwdD4=) puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) [x](vbscript:msgbox(1)) puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <iframe src=\"//evil.example\"></iframe> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <svg onload=alert(1)> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <div onclick=\"alert(1)\">x</div> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <style>body{\"{\"}display:none{\"}\"}</style> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <form action=//evil.example><input></form> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <kbd title=\"x>y\" onmouseover=alert(1)>K</kbd> puis { $code1 }.",
    "Lisez le [guide]({ $link1 }) <!-- <script>alert(1)</script> --> puis { $code1 }.",
    // Closes the paragraph and opens a raw HTML block.
    "Lisez le [guide]({ $link1 }) puis { $code1 }.\n\n<script>alert(1)</script>",
    // Smuggles a link reference definition, then uses it.
    "[evil]: javascript:alert(1)\nLisez le [guide]({ $link1 }) puis { $code1 }. [ici][evil]",
    // An unterminated tag with a handler.
    "Lisez le [guide]({ $link1 }) puis { $code1 }. <img src=x onerror=\"alert(1)\"",
];

fn page() -> Page {
    Page::parse(PAGE.as_bytes(), PageOptions::default()).unwrap()
}

/// A translation as a translator would write it in a catalog, parsed.
fn parse_translation(id: &str, text: &str) -> Pattern {
    let mut ftl = format!("{id} =\n");
    for line in text.lines() {
        ftl.push_str("    ");
        // (A line starting with `[` must be escaped in Fluent.)
        match line.strip_prefix('[') {
            _ if line.is_empty() => ftl.push_str("{\"\"}"),
            Some(rest) => {
                ftl.push_str("{\"[\"}");
                ftl.push_str(rest);
            }
            None => ftl.push_str(line),
        }
        ftl.push('\n');
    }
    let catalog = Catalog::parse(&ftl);
    assert!(catalog.errors.is_empty(), "{ftl}: {:?}", catalog.errors);
    catalog.get(id).unwrap().pattern.clone().unwrap()
}

fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(
        &mut out,
        pulldown_cmark::Parser::new_ext(markdown, fluentmark::markdown::parser_options()),
    );
    out.to_ascii_lowercase()
}

/// What must never reach the built page, looked for in its real tags
/// (text shows `<` as `&lt;`, which is harmless).
fn injected(html: &str) -> Option<String> {
    let bad = [
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "vbscript:",
        "data:text",
        "<iframe",
        "<svg",
        "<style",
        "<form",
        "&#106;avascript",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        let tag = &rest[i..end];
        if let Some(b) = bad.iter().find(|b| tag.contains(*b)) {
            return Some(format!("{b} in {tag}"));
        }
        rest = &rest[end..];
    }
    None
}

#[test]
fn at_least_twenty_variants() {
    assert!(HOSTILE.len() >= 20);
}

#[test]
fn build_keeps_the_source_text_for_every_hostile_translation() {
    let page = page();
    assert_eq!(page.messages.len(), 1);
    let id = page.messages[0].id.clone();
    for hostile in HOSTILE {
        let t = parse_translation(&id, hostile);
        let translations = HashMap::from([(id.clone(), t)]);
        let out = localize(&page, |i| translations.get(i), LocalizeOptions::default());
        let rendered = html(&out.text);
        assert_eq!(
            injected(&rendered),
            None,
            "{hostile:?} got into the page:\n{}",
            out.text
        );
        // Either refused (source kept, reported) or neutralized by escaping.
        if out.text == PAGE {
            assert_eq!(out.problems.len(), 1, "{hostile:?} refused silently");
            assert!(out.problems[0].1.contains("raw HTML"), "{:?}", out.problems);
        }
    }
}

#[test]
fn trusted_teams_may_allow_html() {
    let page = page();
    let id = page.messages[0].id.clone();
    let t = parse_translation(
        &id,
        "Lisez le [guide]({ $link1 }) <kbd>vite</kbd> puis { $code1 }.",
    );
    let translations = HashMap::from([(id.clone(), t)]);
    let refused = localize(&page, |i| translations.get(i), LocalizeOptions::default());
    assert_eq!(refused.text, PAGE);
    let allowed = localize(
        &page,
        |i| translations.get(i),
        LocalizeOptions {
            allow_html: true,
            ..Default::default()
        },
    );
    assert_eq!(
        allowed.text,
        "Lisez le [guide](https://example.com/guide) <kbd>vite</kbd> puis `make`.\n"
    );
}

#[test]
fn html_the_source_has_may_move() {
    let page = Page::parse(b"Press <kbd>Enter</kbd> twice.\n", PageOptions::default()).unwrap();
    let id = page.messages[0].id.clone();
    let t = parse_translation(&id, "Appuyez deux fois sur <kbd>Entrée</kbd>.");
    let translations = HashMap::from([(id.clone(), t)]);
    let out = localize(&page, |i| translations.get(i), LocalizeOptions::default());
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.text, "Appuyez deux fois sur <kbd>Entrée</kbd>.\n");
}

#[test]
fn a_translation_cannot_change_a_link_target_or_code() {
    let page = page();
    let id = page.messages[0].id.clone();
    // The translator can only name the placeables; values come from the page.
    let t = parse_translation(&id, "Lisez le [guide]({ $link1 }) puis { $code1 }.");
    let translations = HashMap::from([(id.clone(), t)]);
    let out = localize(&page, |i| translations.get(i), LocalizeOptions::default());
    assert_eq!(
        out.text,
        "Lisez le [guide](https://example.com/guide) puis `make`.\n"
    );
    // A placeable the source does not have is refused, not invented.
    let t = parse_translation(&id, "Lisez le [guide]({ $link2 }) puis { $code1 }.");
    let translations = HashMap::from([(id.clone(), t)]);
    let out = localize(&page, |i| translations.get(i), LocalizeOptions::default());
    assert_eq!(out.text, PAGE);
    assert_eq!(out.problems.len(), 1);
}
