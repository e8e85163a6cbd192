//! Hard Markdown cases as data, one folder per case under `tests/fixtures/`:
//!
//! - `page.md`: the source page, hand-written;
//! - `page.ftl`: its source catalog (generated, reviewed);
//! - `fr.ftl`: a French catalog, hand-written, translating every message;
//! - `fr.md`: the page built with `fr.ftl` (generated, reviewed).
//!
//! `UPDATE_FIXTURES=1 cargo test --test it fixtures::` rewrites `page.ftl` and
//! `fr.md`; review the diff before committing it, never edit them by hand.
//! Cases of known bugs are the exception: their expected files are written
//! by hand to what the design asks for, and are never regenerated.
//!
//! Besides the byte comparisons, every case checks that
//! - the source catalog reads back to the very same messages, and building
//!   with it gives `page.md` byte for byte (identity);
//! - writing every message back from its own source text (as a translation
//!   identical to the source would be) renders to the same HTML;
//! - `fr.md` parses and renders with the same number of each kind of tag
//!   (and class), the same link targets, image sources and code as `page.md`,
//!   and its headings have the anchors of the source headings.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluentmark::build::{LocalizeOptions, Localized, localize};
use fluentmark::catalog::Catalog;
use fluentmark::catalog::fluent::source_catalog;
use fluentmark::markdown::Block;
use fluentmark::markdown::rebuild::{RenderOptions, render, splice};
use fluentmark::markdown::segment::slug;
use fluentmark::page::{Page, PageOptions};
use fluentmark::pattern::Pattern;
use regex::Regex;

/// Front matter keys translated in every case.
const TRANSLATE: &[&str] = &["title", "description", "params.summary"];

/// What a case produced, for checks particular to one case.
struct Case {
    name: String,
    page: Page,
    /// `page.md` as read (byte order mark included).
    source: String,
    /// The built French page.
    french: String,
}

fn fixture_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Compares `actual` with the expected file, or (re)writes the file when
/// `UPDATE_FIXTURES=1` (then review the diff).
fn expect_file(path: &Path, actual: &str) {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some_and(|v| v == "1");
    if update {
        if std::fs::read_to_string(path).ok().as_deref() != Some(actual) {
            std::fs::write(path, actual)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    let wanted = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run `UPDATE_FIXTURES=1 cargo test --test it fixtures::` and review it",
            path.display()
        )
    });
    assert!(
        wanted == actual,
        "{} differs from the output (if the change is intended, rerun with UPDATE_FIXTURES=1 and review the diff):\n{}",
        path.display(),
        first_difference(&wanted, actual)
    );
}

/// The first differing line of two texts, with a line of context, line
/// endings shown.
fn first_difference(wanted: &str, actual: &str) -> String {
    let a: Vec<&str> = wanted.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let show = |lines: &[&str]| {
        let from = at.saturating_sub(1);
        lines[from..(at + 2).min(lines.len())]
            .iter()
            .enumerate()
            .map(|(i, l)| format!("  {} {l:?}", if from + i == at { '>' } else { ' ' }))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "first difference at line {}:\n  expected:\n{}\n  actual:\n{}",
        at + 1,
        show(&a),
        show(&b)
    )
}

fn parse_page(name: &str, text: &str, translate: &[String], protect: &Regex) -> Page {
    Page::parse(
        text.as_bytes(),
        PageOptions {
            extensions: Default::default(),
            prose_parameters: None,
            translate,
            protect: Some(protect),
        },
    )
    .unwrap_or_else(|e| panic!("{name}: page does not parse: {e:?}"))
}

fn build_with<'t>(
    page: &Page,
    translation: impl Fn(&str) -> Option<&'t Pattern>,
    keep_heading_ids: bool,
) -> Localized {
    localize(
        page,
        translation,
        LocalizeOptions {
            keep_heading_ids,
            ..Default::default()
        },
    )
}

/// The Markdown after the front matter (and byte order mark).
fn body(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match fluentmark::frontmatter::split(text) {
        Ok(Some(split)) => &text[split.body_start..],
        _ => text,
    }
}

/// What must survive a translation in rendered HTML: the number of each
/// opening tag (with its class), and link targets, image sources and code
/// text, each as a sorted list.
#[derive(Debug, PartialEq, Eq)]
struct Structure {
    tags: BTreeMap<String, usize>,
    targets: Vec<String>,
    code: Vec<String>,
}

fn structure(markdown: &str) -> Structure {
    let html = common::html_pulldown(markdown);
    let tag = Regex::new(r#"<([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"#).unwrap();
    let class = Regex::new(r#"\bclass="([^"]*)""#).unwrap();
    let target = Regex::new(r#"\b(href|src)="([^"]*)""#).unwrap();
    let code = Regex::new(r"(?s)<code[^>]*>(.*?)</code>").unwrap();
    let mut tags = BTreeMap::new();
    let mut targets = Vec::new();
    for c in tag.captures_iter(&html) {
        let mut kind = c[1].to_ascii_lowercase();
        if let Some(cl) = class.captures(&c[2]) {
            kind.push('.');
            kind.push_str(&cl[1]);
        }
        *tags.entry(kind).or_insert(0) += 1;
        for t in target.captures_iter(&c[2]) {
            targets.push(format!("{}={}", &t[1], &t[2]));
        }
    }
    targets.sort();
    let mut code: Vec<String> = code.captures_iter(&html).map(|c| c[1].into()).collect();
    code.sort();
    Structure {
        tags,
        targets,
        code,
    }
}

/// Each heading's anchor: its explicit `{#id}`, or else the slug that
/// site generators derive from its text.
fn heading_anchors(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut anchors = Vec::new();
    let mut heading: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(markdown, fluentmark::markdown::parser_options()) {
        match (event, &mut heading) {
            (Event::Start(Tag::Heading { id, .. }), _) => {
                heading = Some((id.map(|id| id.to_string()), String::new()));
            }
            (Event::Text(t) | Event::Code(t), Some((_, text))) => text.push_str(&t),
            (Event::SoftBreak | Event::HardBreak, Some((_, text))) => text.push(' '),
            (Event::End(TagEnd::Heading(_)), Some((id, text))) => {
                anchors.push(id.take().unwrap_or_else(|| slug(text)));
                heading = None;
            }
            _ => {}
        }
    }
    anchors
}

/// HTML with every run of white space made one space.
fn collapsed_html(markdown: &str) -> String {
    common::html_pulldown(markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that a French page keeps the source page's shape: byte order
/// mark, line endings, rendered structure and heading anchors.
fn check_french_page(name: &str, source: &str, french: &str) {
    let translate = translate_keys();
    let protect = common::protect();
    let page = parse_page(name, source, &translate, &protect);
    let built = parse_page(name, french, &translate, &protect);
    assert_eq!(built.bom, page.bom, "{name}: byte order mark");
    assert_eq!(built.eol, page.eol, "{name}: line endings");
    assert_eq!(
        structure(body(french)),
        structure(body(source)),
        "{name}: fr.md renders to another structure than page.md"
    );
    assert_eq!(
        heading_anchors(body(french)),
        heading_anchors(body(source)),
        "{name}: fr.md's headings have other anchors than page.md's"
    );
}

/// The front matter keys to translate, as `PageOptions` wants them.
fn translate_keys() -> Vec<String> {
    TRANSLATE.iter().map(ToString::to_string).collect()
}

/// Runs every check on one case folder.
fn fixture(name: &str) -> Case {
    let dir = fixture_dir(name);
    let translate = translate_keys();
    let protect = common::protect();
    let source = read(&dir.join("page.md"));
    let page = parse_page(name, &source, &translate, &protect);
    assert!(
        page.warnings.is_empty(),
        "{name}: page warnings: {:?}",
        page.warnings
    );
    assert!(!page.messages.is_empty(), "{name}: no messages");

    let catalog_text = source_catalog("page.md", &page);
    expect_file(&dir.join("page.ftl"), &catalog_text);
    check_identity(name, &page, &source, &catalog_text);
    check_written_back(name, &page);

    let fr = french_catalog(name, &dir, &page);
    let out = build_with(
        &page,
        |id| fr.get(id).and_then(|t| t.pattern.as_ref().ok()),
        true,
    );
    assert!(out.problems.is_empty(), "{name}: {:?}", out.problems);
    assert_eq!(out.translated, page.messages.len(), "{name}");
    expect_file(&dir.join("fr.md"), &out.text);
    check_french_page(name, &source, &out.text);
    Case {
        name: name.to_string(),
        page,
        source,
        french: out.text,
    }
}

/// The source catalog reads back to the very same messages, and building
/// with it gives the page back byte for byte.
fn check_identity(name: &str, page: &Page, source: &str, catalog_text: &str) {
    let catalog = Catalog::parse(catalog_text);
    assert!(
        catalog.errors.is_empty(),
        "{name}: source catalog does not parse: {:?}",
        catalog.errors
    );
    assert_eq!(catalog.translations.len(), page.messages.len(), "{name}");
    for m in &page.messages {
        let t = catalog
            .get(&m.id)
            .unwrap_or_else(|| panic!("{name}: {} is not in the source catalog", m.id));
        assert_eq!(
            t.pattern.as_ref(),
            Ok(&m.pattern),
            "{name}: {} does not survive Fluent",
            m.id
        );
    }
    for keep in [true, false] {
        let out = build_with(
            page,
            |id| catalog.get(id).and_then(|t| t.pattern.as_ref().ok()),
            keep,
        );
        assert!(out.problems.is_empty(), "{name}: {:?}", out.problems);
        assert_eq!(out.translated, 0, "{name}");
        assert!(
            out.text == source,
            "{name}: identity build (keep_heading_ids: {keep}) differs from page.md:\n{}",
            first_difference(source, &out.text)
        );
    }
}

/// Every message written back from its own source text, as a translation
/// identical to the source would be, renders to the same HTML.
fn check_written_back(name: &str, page: &Page) {
    let options = RenderOptions {
        eol: page.eol,
        dialect: page.dialect,
        extensions: page.extensions,
        keep_heading_ids: true,
        ids_by_page: false,
    };
    let mut edits = Vec::new();
    for m in &page.messages {
        for occ in &m.occurrences {
            if matches!(occ.block, Block::FrontMatter { .. }) {
                continue;
            }
            let text = render(occ, &m.pattern, &options)
                .unwrap_or_else(|v| panic!("{name}: {} has no value for ${v}", m.id));
            edits.push((occ.range.clone(), text));
        }
    }
    let rewritten = splice(&page.text, &mut edits);
    assert_eq!(
        collapsed_html(body(&rewritten)),
        collapsed_html(body(&page.text)),
        "{name}: messages written back from their source text render differently:\n{rewritten}"
    );
}

/// Reads `fr.ftl`: clean, complete, every message translated with the
/// source's placeables, nothing else.
fn french_catalog(name: &str, dir: &Path, page: &Page) -> Catalog {
    let path = dir.join("fr.ftl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{name}: write {}, a translation of every message of page.ftl",
            path.display()
        )
    });
    let fr = Catalog::parse(&text);
    assert!(
        fr.errors.is_empty(),
        "{name}: fr.ftl has syntax errors: {:?}",
        fr.errors
    );
    for t in &fr.translations {
        assert!(
            page.messages.iter().any(|m| m.id == t.id),
            "{name}: fr.ftl line {}: {} is not a message of the page",
            t.line,
            t.id
        );
        assert!(!t.fuzzy && !t.obsolete, "{name}: fr.ftl: {}", t.id);
        assert!(
            t.pattern.is_ok(),
            "{name}: fr.ftl: {}: {:?}",
            t.id,
            t.pattern
        );
    }
    for m in &page.messages {
        let t = fr
            .get(&m.id)
            .unwrap_or_else(|| panic!("{name}: fr.ftl does not translate {}", m.id));
        let p = t.pattern.as_ref().unwrap();
        assert_ne!(p, &m.pattern, "{name}: fr.ftl: {} is not translated", m.id);
        let mut a: Vec<&str> = m.pattern.vars().collect();
        let mut b: Vec<&str> = p.vars().collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{name}: fr.ftl: {} has other placeables", m.id);
    }
    fr
}

/// A case whose expected files are generated and reviewed.
fn case(name: &str) -> Case {
    fixture(name)
}

#[test]
fn nested_containers() {
    case("nested-containers");
}

#[test]
fn tables() {
    case("tables");
}

#[test]
fn hard_breaks() {
    case("hard-breaks");
}

#[test]
fn reference_links() {
    let case = case("reference-links");
    let definitions: Vec<&str> = case
        .source
        .lines()
        .filter(|l| l.starts_with('[') && l.contains("]: "))
        .collect();
    assert_eq!(definitions.len(), 3);
    for line in definitions {
        assert!(
            case.french.lines().any(|l| l == line),
            "{}: the definition {line:?} changed",
            case.name
        );
    }
}

#[test]
fn footnotes() {
    case("footnotes");
}

#[test]
fn html() {
    case("html");
}

#[test]
fn gfm_alerts() {
    case("gfm-alerts");
}

#[test]
fn headings() {
    case("headings");
}

#[test]
fn hugo_shortcodes() {
    case("hugo-shortcodes");
}

#[test]
fn liquid() {
    case("liquid");
}

#[test]
fn crlf() {
    let case = case("crlf");
    // Also guards against a checkout that converted the fixture.
    for (file, text) in [("page.md", &case.source), ("fr.md", &case.french)] {
        assert!(
            text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
            "{}: {file} has a line not ended by CR LF",
            case.name
        );
    }
}

#[test]
fn bom() {
    let case = case("bom");
    for (file, text) in [("page.md", &case.source), ("fr.md", &case.french)] {
        assert!(
            text.starts_with("\u{feff}---\n") && text.matches('\u{feff}').count() == 1,
            "{}: {file} must start with one byte order mark",
            case.name
        );
    }
}

#[test]
fn front_matter() {
    let case = case("front-matter");
    // Every byte of the front matter but the translated values is kept.
    let without_values = |text: &str| {
        let page = Page::parse(text.as_bytes(), PageOptions::default()).unwrap();
        let yaml = &page.text[page.yaml.clone().unwrap()];
        let mut edits: Vec<_> = TRANSLATE
            .iter()
            .map(|key| {
                let range = fluentmark::frontmatter::locate(yaml, key)
                    .unwrap_or_else(|| panic!("{}: {key} not found", case.name));
                (range, " <translated>".to_string())
            })
            .collect();
        splice(yaml, &mut edits)
    };
    assert_eq!(
        without_values(&case.french),
        without_values(&case.source),
        "{}: the front matter changed outside the translated values",
        case.name
    );
}

#[test]
fn directives() {
    let case = case("directives");
    for skipped in [
        "## Legal notice\n",
        "This paragraph is a legal notice and stays in English.\n",
        "- This whole list is skipped,\n- item by item.\n",
        "> A skipped quote.\n>\n> Its second paragraph is skipped too.\n",
    ] {
        assert!(case.source.contains(skipped), "{skipped:?}");
        assert!(
            case.french.contains(skipped),
            "{}: {skipped:?} was not kept as it is",
            case.name
        );
    }
    let repeated = case
        .page
        .messages
        .iter()
        .find(|m| m.pattern.to_string() == "The collector accepts the commands below.")
        .unwrap();
    assert_eq!(repeated.occurrences.len(), 2, "{}", case.name);
}

#[test]
fn block_start_escapes() {
    case("block-start-escapes");
}

#[test]
fn images() {
    case("images");
}

#[test]
fn entities_and_escapes() {
    case("entities-and-escapes");
}

#[test]
fn code_blocks() {
    case("code-blocks");
}

#[test]
fn multi_line_inlines() {
    case("multi-line-inlines");
}

#[test]
fn repeated_messages() {
    case("repeated-messages");
}

/// The checks above can fail: each of these pages breaks what they guard.
#[test]
fn checks_see_broken_pages() {
    let source = "> [!NOTE]\n> Text: not a list.\n\n## Title\n\n[link](/a) `code`\n";
    for broken in [
        "> Texte : pas une liste.\n\n## Titre {#title}\n\n[lien](/a) `code`\n",
        "> [!NOTE]\n> Texte :\n> - pas une liste.\n\n## Titre {#title}\n\n[lien](/a) `code`\n",
        "> [!NOTE]\n> Texte : pas une liste.\n\n## Titre {#title}\n\n[lien](/b) `code`\n",
        "> [!NOTE]\n> Texte : pas une liste.\n\n## Titre {#title}\n\n[lien](/a) `cod`\n",
    ] {
        assert_ne!(structure(broken), structure(source), "{broken}");
    }
    assert_eq!(
        structure("> [!NOTE]\n> Texte :\n> \\- pas une liste.\n\n## Titre\n\n[lien](/a) `code`\n"),
        structure(source)
    );
    assert_eq!(heading_anchors(source), ["title"]);
    assert_eq!(heading_anchors("## Titre {#title}\n"), ["title"]);
    assert_eq!(heading_anchors("## Titre\n"), ["titre"]);
    assert_eq!(
        heading_anchors("Set up\nmetrics\n---\n"),
        ["set-up-metrics"]
    );
}

// Former bugs, each found by its case: the expected files were first
// written by hand to what DESIGN.md asks for, and the fixed code now
// generates exactly them.

#[test]
fn placeable_at_line_start() {
    case("placeable-at-line-start");
}

#[test]
fn heading_closing_hashes() {
    case("heading-closing-hashes");
}

#[test]
fn heading_class_only() {
    case("heading-class-only");
}

#[test]
fn setext_heading_wrapped() {
    case("setext-heading-wrapped");
}

#[test]
fn template_tag_lines() {
    case("template-tag-lines");
}

#[test]
fn multi_line_comment_directive() {
    case("multi-line-comment-directive");
}

#[test]
fn stacked_comment_directives() {
    case("stacked-comment-directives");
}

#[test]
fn front_matter_trailing_comment() {
    case("front-matter-trailing-comment");
}

#[test]
fn task_marker_in_translation() {
    case("task-marker-in-translation");
}
