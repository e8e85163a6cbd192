//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod binary;
pub mod oracle;

use std::collections::HashMap;
use std::path::PathBuf;

use fluentmark::build::{LocalizeOptions, localize};
use fluentmark::catalog::Catalog;
use fluentmark::catalog::fluent::source_catalog;
use fluentmark::page::{Page, PageOptions};
use fluentmark::pattern::Pattern;
use regex::Regex;

/// `../shared/corpus`; the corpus tests are `#[ignore]`d and must fail
/// loudly when run without it.
pub fn corpus() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "{} is missing: the corpus tests need ../shared/corpus",
        dir.display()
    );
    dir
}

/// The Python of `.ci/run`'s virtual environment (`FLUENTMARK_PYTHON`, or
/// `target/pyvenv/bin/python`) if it can import `modules` (`"markdown,
/// pymdownx"`). Without it a test prints why it skips (`what` is missing),
/// except under `CI=true`, where a missing oracle fails.
pub fn python_with(modules: &str, what: &str) -> Option<PathBuf> {
    let python = std::env::var_os("FLUENTMARK_PYTHON").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pyvenv/bin/python"),
        PathBuf::from,
    );
    let works = std::process::Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(python);
    }
    let why = format!(
        "{} with {what} is missing (.ci/run installs them)",
        python.display()
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}; CI must run the oracle tests"
    );
    eprintln!("skipped: {why}");
    None
}

/// The default protected patterns, as a project would compile them.
pub fn protect() -> Regex {
    let project = fluentmark::project::Project::from_toml(
        std::path::Path::new("."),
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    )
    .unwrap();
    project.protect
}

/// Parses a page with the defaults and the given front matter keys.
pub fn parse(text: &str, translate: &[String], protect: &Regex) -> Page {
    Page::parse(
        text.as_bytes(),
        PageOptions {
            extensions: Default::default(),
            prose_parameters: None,
            translate,
            protect: Some(protect),
        },
    )
    .unwrap_or_else(|e| panic!("page does not parse: {e:?}\n{text}"))
}

/// The page's messages after a trip through the Fluent source catalog:
/// serialized, parsed back, by ID.
pub fn through_catalog(page: &Page) -> HashMap<String, Pattern> {
    let text = source_catalog("page.md", page);
    let catalog = Catalog::parse(&text);
    assert!(catalog.errors.is_empty(), "{:?}\n{text}", catalog.errors);
    catalog
        .translations
        .into_iter()
        .map(|t| (t.id.clone(), t.pattern.unwrap()))
        .collect()
}

/// Builds the page with `translations`.
pub fn build(page: &Page, translations: &HashMap<String, Pattern>, keep_ids: bool) -> String {
    let out = localize(
        page,
        |id| translations.get(id),
        LocalizeOptions {
            keep_heading_ids: keep_ids,
            ..Default::default()
        },
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    out.text
}

/// Pseudo-translation: ASCII letters upper-cased, except inside HTML tags,
/// entities and footnote references, whose case matters.
pub fn shout(pattern: &Pattern) -> Pattern {
    let mut skip_until: Option<char> = None;
    let mut in_code = false;
    let entity = Regex::new(r"^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);").unwrap();
    pattern.map_text(|text| {
        let mut out = String::with_capacity(text.len());
        let mut entity_end = 0;
        for (i, c) in text.char_indices() {
            if i < entity_end {
                out.push(c);
                continue;
            }
            if let Some(end) = skip_until {
                out.push(c);
                if c == end {
                    skip_until = None;
                }
                continue;
            }
            match c {
                '<' => {
                    // Text inside raw `<code>` is code to the renderer.
                    let rest = text[i..].to_ascii_lowercase();
                    if rest.starts_with("<code") {
                        in_code = true;
                    } else if rest.starts_with("</code") {
                        in_code = false;
                    }
                    skip_until = Some('>');
                    out.push(c);
                }
                c if in_code => out.push(c),
                '&' => {
                    if let Some(m) = entity.find(&text[i..]) {
                        entity_end = i + m.end();
                    }
                    out.push(c);
                }
                '[' if text[i..].starts_with("[^") => {
                    skip_until = Some(']');
                    out.push(c);
                }
                c => out.push(c.to_ascii_uppercase()),
            }
        }
        out
    })
}

/// HTML by pulldown-cmark, with fluentmark's options.
pub fn html_pulldown(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, fluentmark::markdown::parser_options()),
    );
    html
}

/// HTML by comrak, an independent CommonMark + GFM implementation.
pub fn html_comrak(markdown: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.footnotes = true;
    options.extension.tasklist = true;
    options.render.r#unsafe = true;
    comrak::markdown_to_html(markdown, &options)
}

/// HTML reduced to what must survive a translation: tags and attributes
/// exactly (titles and alt texts case-folded), code text exactly, other
/// text case-folded; whitespace runs collapsed everywhere.
pub fn shape(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = 0usize;
    let mut rest = html;
    let attr = Regex::new(r#"(title|alt)="([^"]*)""#).unwrap();
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |i| i + 1);
            let tag = collapse(&rest[..end]);
            let tag = attr
                .replace_all(&tag, |c: &regex::Captures| {
                    format!("{}=\"{}\"", &c[1], c[2].to_uppercase())
                })
                .into_owned();
            if tag.starts_with("<code") {
                in_code += 1;
            } else if tag.starts_with("</code") {
                in_code = in_code.saturating_sub(1);
            }
            out.push(tag);
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            let text = if in_code > 0 {
                text.to_string()
            } else {
                collapse(&text.to_uppercase())
            };
            if !text.is_empty() {
                out.push(text);
            }
            rest = &rest[end..];
        }
    }
    out
}

/// Every Markdown page under a corpus folder.
pub fn corpus_pages(name: &str) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(corpus().join(name))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && matches!(
                    e.path().extension().and_then(|x| x.to_str()),
                    Some("md" | "markdown")
                )
        })
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    pages
}

/// Checks the round trips on one page; `Err` describes the failure.
/// The page's source catalog reads back as its messages (what `check`
/// relies on), or not at all; `Ok(true)` when it reads back.
pub fn reads_back(page: &Page) -> Result<bool, String> {
    let written = source_catalog("page.md", page);
    if let Some(entries) =
        fluentmark::catalog::fluent::read_source_catalog(&written, page.fingerprint)
    {
        let expected: Vec<_> = page
            .messages
            .iter()
            .map(fluentmark::catalog::SourceEntry::of)
            .collect();
        if entries != expected {
            return Err(format!(
                "the source catalog reads back as {entries:?}, not {expected:?}"
            ));
        }
        return Ok(true);
    }
    Ok(false)
}

/// The shape `check` knows without a parse is the parser's, for every
/// message of the page, as it is and upper-cased.
pub fn markup_known_right(page: &Page) -> Result<(), String> {
    for m in &page.messages {
        for (what, pattern) in [
            ("source", m.pattern.clone()),
            ("shouted", shout(&m.pattern)),
        ] {
            let o = &m.occurrences[0];
            let fast = fluentmark::markup::pattern_markup(&pattern, |n| o.value(n));
            let slow = pattern
                .fill(|n| o.value(n))
                .ok()
                .map(|t| fluentmark::markup::markup(&t));
            if fast != slow {
                return Err(format!(
                    "message {} ({what}): the markup shortcut gives {fast:?}, the parser {slow:?}",
                    m.id
                ));
            }
        }
    }
    Ok(())
}

pub fn round_trips(text: &str) -> Result<(), String> {
    let translate = vec!["title".to_string()];
    let protect = protect();
    let page = match Page::parse(
        text.as_bytes(),
        PageOptions {
            extensions: Default::default(),
            prose_parameters: None,
            translate: &translate,
            protect: Some(&protect),
        },
    ) {
        Ok(p) => p,
        // A page may be refused (bad YAML...), never crash.
        Err(_) => return Ok(()),
    };
    let catalog = through_catalog(&page);
    for m in &page.messages {
        if catalog.get(&m.id) != Some(&m.pattern) {
            return Err(format!("{} does not survive Fluent: {:?}", m.id, m.pattern));
        }
    }
    reads_back(&page)?;
    markup_known_right(&page)?;
    if build(&page, &catalog, true) != text {
        return Err("the identity build differs".into());
    }
    let shouted: HashMap<_, _> = catalog
        .iter()
        .map(|(id, p)| (id.clone(), shout(p)))
        .collect();
    let out = localize(
        &page,
        |id| shouted.get(id),
        LocalizeOptions {
            allow_html: true,
            ..Default::default()
        },
    );
    let body = |t: &str| -> Option<String> {
        let p = Page::parse(t.as_bytes(), PageOptions::default()).ok()?;
        Some(p.text[p.yaml.map_or(0, |y| y.end)..].to_string())
    };
    let (Some(a), Some(b)) = (body(text), body(&out.text)) else {
        return Err("the built page does not parse".into());
    };
    if shape(&html_pulldown(&a)) != shape(&html_pulldown(&b)) {
        return Err(format!(
            "the pseudo-translation renders differently:\n{}",
            out.text
        ));
    }
    Ok(())
}

/// Copies a folder tree.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes;
/// empty when `dir` does not exist. Symbolic links are not followed.
pub fn files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(
        dir: &std::path::Path,
        prefix: &str,
        out: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            // The list of what build wrote (build.rs `MANIFEST`): its own
            // state, not a page; `manifest_removes_only_what_build_wrote`
            // tests it.
            if entry.file_name() == ".fluentmark.manifest" {
                continue;
            }
            if kind.is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else if kind.is_file() {
                out.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// A translator's Fluent for `pattern`, laid out as a person writes it:
/// the first line right after `=`, even when there are more, with a `[`,
/// `*` or `.` there written as is (valid on that line only).
pub fn hand_written(id: &str, pattern: &Pattern) -> String {
    let mut out = format!("{id} = ");
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let elements = fluentmark::catalog::fluent::escape::to_fluent(pattern).elements;
    let mut first_line = true;
    for (i, e) in elements.iter().enumerate() {
        match e {
            PatternElement::TextElement { value } => {
                for (j, line) in value.split('\n').enumerate() {
                    if j > 0 {
                        out.push_str("\n    ");
                        first_line = false;
                    }
                    out.push_str(line);
                }
            }
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } if i == 0 && first_line && matches!(value.as_str(), "[" | "*" | ".") => {
                out.push_str(value);
            }
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => out.push_str(&format!("{{ \"{value}\" }}")),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => out.push_str(&format!("{{ ${} }}", id.name)),
            other => panic!("unexpected {other:?}"),
        }
    }
    out.push('\n');
    out
}
