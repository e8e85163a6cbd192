//! Hostile translations: a translator's catalog is untrusted input to the
//! site. `build` must never let a translation add script, event handlers,
//! script URLs or raw HTML that the source message does not have; it keeps
//! the source text for such a message and reports it. `check` flags every
//! one of them as `unsafe-html` (or `markup-mismatch`).

use crate::common;

use std::collections::HashMap;

use fluentmark::build::{LocalizeOptions, localize};
use fluentmark::catalog::Catalog;
use fluentmark::page::{Page, PageOptions};
use fluentmark::pattern::Pattern;

use common::binary::Project;

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

// ------------------------------------------------- issue #15: injections
//
// Each reproduction of issue #15 is a page, one message of it and its
// translation. `check` must report it as an error; `build` must keep the
// source text for that message, so that no parser of the dialect
// (pulldown-cmark, Python-Markdown with attr_list for MkDocs, kramdown,
// Liquid, Hugo) reads anything the source does not have. The built pages
// are also rendered by Python-Markdown when it is installed (see
// [`python_markdown`]).

/// One reproduction.
struct Repro {
    /// Lines added to `fluentmark.toml`.
    config: &'static str,
    /// The page, `content/page.md`.
    page: &'static str,
    /// The start of the message's source text (placeables as `{ $name }`).
    message: &'static str,
    /// Its translation; `{ $name }` is a placeable, any other brace text.
    translation: &'static str,
    /// The code `check` reports it with.
    code: &'static str,
}

const DEFINITION_PAGE: &str = "Read [the install guide][guide] before you start.\n\n\
    Another paragraph here.\n\n[guide]: https://example.com/guide\n";

/// Link reference definitions the page's own lose to.
const DEFINITION_SPLIT_LABEL: Repro = Repro {
    config: "",
    page: DEFINITION_PAGE,
    message: "Another paragraph",
    translation: "[\nguide]: javascript:alert(document.cookie)",
    code: "markup-mismatch",
};
const DEFINITION_ESCAPED_BRACKET: Repro = Repro {
    config: "",
    page: DEFINITION_PAGE,
    message: "Another paragraph",
    translation: "Un autre paragraphe.\n[gu\\]ide]: javascript:alert(1)",
    code: "markup-mismatch",
};

const SHORTCODE_PAGE: &str = "See the example below.\n";
const HUGO_SHORTCODE: Repro = Repro {
    config: "",
    page: SHORTCODE_PAGE,
    message: "See the example",
    translation: "Voir l’exemple {{< gist attacker id >}} ci-dessous.",
    code: "markup-mismatch",
};
const LIQUID_TAG: Repro = Repro {
    config: "",
    page: SHORTCODE_PAGE,
    message: "See the example",
    translation: "Voir l’exemple {% include_relative secrets.yml %} ci-dessous.",
    code: "markup-mismatch",
};
const LIQUID_OUTPUT: Repro = Repro {
    config: "",
    page: SHORTCODE_PAGE,
    message: "See the example",
    translation: "Voir l’exemple {{ site.github }} ci-dessous.",
    code: "markup-mismatch",
};

const EMPHASIS_PAGE: &str = "*One* and two.\n";
/// attr_list (Python-Markdown) and kramdown: `<em onmouseover>`.
const SPAN_ATTRIBUTES: Repro = Repro {
    config: "",
    page: EMPHASIS_PAGE,
    message: "*One* and",
    translation: "*Un*{: onmouseover=\"alert(1)\"} et deux.",
    code: "markup-mismatch",
};
/// attr_list and kramdown: `<p onmouseover>`.
const BLOCK_ATTRIBUTES: Repro = Repro {
    config: "",
    page: EMPHASIS_PAGE,
    message: "*One* and",
    translation: "*Un* et deux.\n{: onmouseover=\"alert(1)\"}",
    code: "markup-mismatch",
};
/// pulldown-cmark (mdBook) with `heading_ids = "off"`: `<h1 onclick>`.
const HEADING_ATTRIBUTES: Repro = Repro {
    config: "heading_ids = \"off\"\n",
    page: "# Introduction\n\nText.\n",
    message: "Introduction",
    translation: "Intro {onclick=alert(1) style=color:red}",
    code: "markup-mismatch",
};

/// Text to pulldown-cmark, HTML to Python-Markdown and browsers.
const SVG_ONLOAD: Repro = Repro {
    config: "",
    page: "Press the button.\n",
    message: "Press the",
    translation: "Appuyez <svg/onload=alert(2)> sur le bouton.",
    code: "unsafe-html",
};
const IMG_ONERROR: Repro = Repro {
    config: "",
    page: "Press the button.\n",
    message: "Press the",
    translation: "Appuyez <img/src/onerror=alert(1)> sur le bouton.",
    code: "unsafe-html",
};

const LINK_PAGE: &str = "Read the [guide](https://example.com/guide).\n";
/// Past build's old pre-filter, which looked for a literal `script:`.
const ESCAPED_JAVASCRIPT: Repro = Repro {
    config: "",
    page: LINK_PAGE,
    message: "Read the",
    translation: "Lisez le [guide](javascript\\:alert(1)) ({ $link1 }).",
    code: "unsafe-html",
};
const ESCAPED_DATA: Repro = Repro {
    config: "",
    page: LINK_PAGE,
    message: "Read the",
    translation: "Lisez le [guide](data\\:text/html;base64,PHNjcmlwdD4=) ({ $link1 }).",
    code: "unsafe-html",
};

/// A delimiter row makes a paragraph a table.
const TABLE_IN_PARAGRAPH: Repro = Repro {
    config: "",
    page: "A plain paragraph.\n",
    message: "A plain",
    translation: "Un | paragraphe\n--- | ---\nsimple | oui",
    code: "markup-mismatch",
};

/// The page written by `build` for French, and `check`'s findings, for
/// `repro` in a new project.
struct Built {
    project: Project,
    id: String,
    /// The source message's text, as it is in the page.
    source_text: String,
    page: String,
    diagnostics: Vec<serde_json::Value>,
}

fn run(repro: &Repro) -> Built {
    let project = Project::empty();
    project.write(
        "fluentmark.toml",
        format!(
            "source_locale = \"en\"\nlocales = [\"fr\"]\n{}",
            repro.config
        ),
    );
    project.write("content/page.md", repro.page);
    project.run(&["extract"]).expect_code(0);
    let page = common::parse(repro.page, &[], &common::protect());
    let m = page
        .messages
        .iter()
        .find(|m| m.pattern.to_string().starts_with(repro.message))
        .unwrap_or_else(|| panic!("no message starts with {:?}", repro.message));
    let occurrence = &m.occurrences[0];
    let source_text = repro.page[occurrence.range.clone()].to_string();
    project.write(
        "locales/fr/page.ftl",
        catalog_entry(&m.id, &placeables(repro.translation)),
    );
    let check = project.run(&["check", "--locale", "fr", "--format", "json"]);
    check.expect_no_panic();
    let diagnostics = check.diagnostics();
    project.run(&["build", "--locale", "fr"]).expect_no_panic();
    let built = project.read_text("build/fr/page.md");
    Built {
        id: m.id.clone(),
        source_text,
        page: built,
        diagnostics,
        project,
    }
}

/// A pattern from text where `{ $name }` is a placeable.
fn placeables(text: &str) -> Pattern {
    let mut p = Pattern::new();
    let mut rest = text;
    while let Some(i) = rest.find("{ $") {
        let end = rest[i..].find(" }").expect("a closed placeable") + i;
        p.push_text(&rest[..i]);
        p.push_var(&rest[i + 3..end]);
        rest = &rest[end + 2..];
    }
    p.push_text(rest);
    p
}

/// A catalog with one message, written as fluentmark writes Fluent (so
/// that any text, `{`, `[` at a line start and all, is what the
/// translator meant).
fn catalog_entry(id: &str, pattern: &Pattern) -> String {
    use fluent_syntax::ast::{Entry, Identifier, Message, Resource};
    let resource = Resource {
        body: vec![Entry::Message(Message {
            id: Identifier {
                name: id.to_string(),
            },
            value: Some(fluentmark::catalog::fluent::escape::to_fluent(pattern)),
            attributes: vec![],
            comment: None,
        })],
    };
    let text = fluentmark::catalog::fluent::serialize(&resource);
    let parsed = Catalog::parse(&text);
    assert_eq!(
        parsed.get(id).and_then(|t| t.pattern.clone().ok()).as_ref(),
        Some(pattern),
        "{text}"
    );
    text
}

/// `check` reports the translation with `repro.code`, as an error.
fn check_errors(repro: &Repro) {
    let built = run(repro);
    let found = built.diagnostics.iter().any(|d| {
        d["code"] == repro.code && d["severity"] == "error" && d["message_id"] == built.id.as_str()
    });
    assert!(
        found,
        "check does not report {:?} as {}: {:#?}",
        repro.translation, repro.code, built.diagnostics
    );
    let _ = &built.project;
}

/// `build` keeps the source text of the message, and nothing hostile
/// reaches the page for pulldown-cmark or Python-Markdown.
fn build_keeps_source(repro: &Repro) {
    let built = run(repro);
    assert!(
        built.page.contains(&built.source_text),
        "build used {:?}:\n{}",
        repro.translation,
        built.page
    );
    assert_eq!(injected(&html(&built.page)), None, "{}", built.page);
    if let Some(rendered) = python_markdown(&built.page) {
        assert_eq!(rendered.dangers, Vec::<String>::new(), "{}", rendered.html);
    }
}

macro_rules! reproductions {
    ($( $(#[$attr:meta])* $repro:ident: $check:ident, $build:ident; )*) => {
        $(
            #[test]
            fn $check() {
                check_errors(&$repro);
            }

            #[test]
            $(#[$attr])*
            fn $build() {
                build_keeps_source(&$repro);
            }
        )*
    };
}

// The build halves pass once `build` uses only the translations `check`
// accepts.
reproductions! {
        DEFINITION_SPLIT_LABEL: check_definition_split_label, build_definition_split_label;
        DEFINITION_ESCAPED_BRACKET: check_definition_escaped_bracket, build_definition_escaped_bracket;
        HUGO_SHORTCODE: check_hugo_shortcode, build_hugo_shortcode;
        LIQUID_TAG: check_liquid_tag, build_liquid_tag;
        LIQUID_OUTPUT: check_liquid_output, build_liquid_output;
        SPAN_ATTRIBUTES: check_span_attributes, build_span_attributes;
        BLOCK_ATTRIBUTES: check_block_attributes, build_block_attributes;
        HEADING_ATTRIBUTES: check_heading_attributes, build_heading_attributes;
        SVG_ONLOAD: check_svg_onload, build_svg_onload;
        IMG_ONERROR: check_img_onerror, build_img_onerror;
        ESCAPED_JAVASCRIPT: check_escaped_javascript, build_escaped_javascript;
        ESCAPED_DATA: check_escaped_data, build_escaped_data;
        TABLE_IN_PARAGRAPH: check_table_in_paragraph, build_table_in_paragraph;
}

/// `check` reports each of the hostile translations above as an error:
/// `build` will refuse exactly those.
#[test]
fn check_reports_every_hostile_translation() {
    for hostile in HOSTILE {
        let built = translated(PAGE, "Read the", hostile);
        let codes: Vec<&str> = errors(&built)
            .iter()
            .filter(|d| d["message_id"] == built.id.as_str())
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert!(
            codes
                .iter()
                .any(|c| matches!(*c, "unsafe-html" | "markup-mismatch")),
            "{hostile:?}: {:#?}",
            built.diagnostics
        );
    }
}

// ------------------------------------------------- escaping in build
//
// Whatever `check` says, the rebuild escapes what would open a block where
// the translation lands: these pass with the translation used.

/// The `href`s of a rendered page's links.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap_or(s.len())].to_string())
        .collect()
}

#[test]
fn a_definition_whose_label_spans_lines_is_escaped() {
    for repro in [&DEFINITION_SPLIT_LABEL, &DEFINITION_ESCAPED_BRACKET] {
        let built = run(repro);
        let rendered = html(&built.page);
        assert_eq!(
            hrefs(&rendered),
            ["https://example.com/guide"],
            "{}\n{rendered}",
            built.page
        );
        if let Some(py) = python_markdown(&built.page) {
            assert_eq!(py.dangers, Vec::<String>::new(), "{}", py.html);
            assert_eq!(
                hrefs(&py.html),
                ["https://example.com/guide"],
                "{}",
                py.html
            );
        }
    }
}

#[test]
fn an_attribute_list_line_is_escaped() {
    let built = run(&BLOCK_ATTRIBUTES);
    // (build refuses the translation, as check does; were it used, the
    // line would be escaped.)
    assert!(
        !built.page.lines().any(|l| l.trim_start().starts_with("{:")),
        "{}",
        built.page
    );
    if let Some(py) = python_markdown(&built.page) {
        assert_eq!(py.dangers, Vec::<String>::new(), "{}", py.html);
    }
}

#[test]
fn a_delimiter_row_in_a_paragraph_makes_no_table() {
    let built = run(&TABLE_IN_PARAGRAPH);
    assert!(!html(&built.page).contains("<table"), "{}", built.page);
    if let Some(py) = python_markdown(&built.page) {
        assert!(!py.html.contains("<table"), "{}", py.html);
    }
}

/// A project with `page`, whose message starting with `message` is
/// translated as `translation`: the built French page and `check`'s
/// errors.
fn translated(page: &'static str, message: &'static str, translation: &'static str) -> Built {
    run(&Repro {
        config: "",
        page,
        message,
        translation,
        code: "",
    })
}

fn errors(built: &Built) -> Vec<&serde_json::Value> {
    built
        .diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect()
}

#[test]
fn a_cells_last_backslash_does_not_join_two_cells() {
    let built = translated("| a | b |\n|---|---|\n| one| two |\n", "one", "C:\\");
    assert_eq!(errors(&built), Vec::<&serde_json::Value>::new());
    let rendered = html(&built.page);
    assert!(
        rendered.contains("<td>c:\\</td><td>two</td>"),
        "{}\n{rendered}",
        built.page
    );
}

#[test]
fn a_lone_cr_in_a_heading_leaves_no_link_target_to_the_translator() {
    let page = common::parse(
        "## Intro\r[link](https://example.com/x) b\n\nText [here](https://example.com/y).\n",
        &[],
        &common::protect(),
    );
    for m in &page.messages {
        assert!(
            !m.pattern.to_string().contains("example.com"),
            "{:?} has a link target as text",
            m.pattern.to_string()
        );
    }
    // A CR in a heading's translation is a space, not a line break that
    // one parser ignores and another does not.
    let built = translated("# Title\n\nText.\n", "Title", "Titre\r- point");
    assert!(built.page.starts_with("# Titre - point"), "{}", built.page);
}

#[test]
fn a_lone_br_on_a_continuation_line_stays_a_line_break() {
    let built = translated(
        "First line\n<br>\nsecond line.\n",
        "First line",
        "Première ligne\n<br>\ndeuxième ligne.",
    );
    assert_eq!(errors(&built), Vec::<&serde_json::Value>::new());
    assert!(
        built.page.contains("Première ligne\n<br>\ndeuxième"),
        "{}",
        built.page
    );
    assert!(html(&built.page).contains("<br>"), "{}", built.page);
}

#[test]
fn a_no_break_space_after_a_hard_break_is_kept() {
    let built = translated(
        "Line one\\\nline two.\n",
        "Line one",
        "Ligne un\\\n\u{a0}ligne deux.",
    );
    assert!(
        built.page.contains("Ligne un\\\n\u{a0}ligne deux."),
        "{:?}",
        built.page
    );
    // A no-break space alone keeps the hard break from ending the
    // paragraph (where it would be a backslash).
    let built = translated("Line one\\\nline two.\n", "Line one", "Ligne un\\\n\u{a0}");
    assert!(html(&built.page).contains("<br />"), "{:?}", built.page);
}

// ------------------------------------------------- Python-Markdown

/// A page as Python-Markdown renders it for MkDocs (with `attr_list`,
/// `tables`, `footnotes`, `md_in_html`), and what in it runs script: an
/// `on*` attribute, a `javascript:`/`vbscript:`/`data:` URL, a script-like
/// element.
struct Rendered {
    html: String,
    dangers: Vec<String>,
}

const RENDER_PY: &str = r#"
import html.parser, json, sys
import markdown
page = sys.stdin.read()
out = markdown.markdown(page, extensions=["attr_list", "tables", "footnotes", "md_in_html"])
dangers = []
class Tags(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "svg", "math", "object", "embed", "style", "form", "base"):
            dangers.append("<%s>" % tag)
        for name, value in attrs:
            v = "".join((value or "").split()).lower()
            if name.startswith("on") or v.startswith(("javascript:", "vbscript:", "data:")):
                dangers.append("<%s %s=%r>" % (tag, name, value))
Tags().feed(out)
print(json.dumps({"html": out, "dangers": dangers}))
"#;

/// The Python with Python-Markdown: `$FLUENTMARK_PYTHON`, else the venv
/// `target/pyvenv` that `.ci/run` makes (markdown 3.7,
/// pymdown-extensions 10.12).
fn python() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("FLUENTMARK_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyvenv/bin/python")
        });
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "Python-Markdown is missing under CI: {} does not exist",
        path.display()
    );
    eprintln!(
        "skipped: no Python-Markdown oracle at {} (set FLUENTMARK_PYTHON or create the venv)",
        path.display()
    );
    None
}

/// `page` rendered by Python-Markdown; `None` (with the reason printed)
/// when it is not installed, outside CI.
fn python_markdown(page: &str) -> Option<Rendered> {
    use std::io::Write;
    let python = python()?;
    let mut child = std::process::Command::new(&python)
        .arg("-c")
        .arg(RENDER_PY)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", python.display()));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "Python-Markdown failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(Rendered {
        html: json["html"].as_str().unwrap().to_string(),
        dangers: json["dangers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().to_string())
            .collect(),
    })
}

/// The oracle sees what the issue says, so the tests above can fail: the
/// hostile Markdown, spliced into a page as it is, runs script in
/// Python-Markdown (and the heading's in pulldown-cmark).
#[test]
fn python_markdown_reads_the_reproductions_as_the_issue_says() {
    assert!(
        injected(&html("# Intro {onclick=alert(1) style=color:red}\n")).is_some(),
        "pulldown-cmark reads a heading's attributes"
    );
    for raw in [
        "*Un*{: onmouseover=\"alert(1)\"} et deux.\n",
        "*Un* et deux.\n{: onmouseover=\"alert(1)\"}\n",
        "Appuyez <svg/onload=alert(2)> sur le bouton.\n",
        "Appuyez <img/src/onerror=alert(1)> sur le bouton.\n",
        "Un [autre][guide].\n\n[guide]: javascript:alert(1)\n",
    ] {
        let Some(py) = python_markdown(raw) else {
            return;
        };
        assert!(!py.dangers.is_empty(), "{raw:?} is harmless: {}", py.html);
        // pulldown-cmark calls the tags text.
        if raw.contains("/on") {
            assert_eq!(injected(&html(raw)), None, "{raw}");
        }
    }
}
