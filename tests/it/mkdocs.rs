//! The mkdocs dialect judged by MkDocs' own parser: Python-Markdown with
//! pymdown-extensions (`tests/oracles/mkdocs_render.py`) renders each
//! source page and its built translation, and they must have the same
//! element tree and the same heading ids, with the text translated.
//!
//! Two projects: every page of fastapi's English docs (with its
//! `mkdocs.yml`), and one small page per construct under
//! `tests/fixtures/mkdocs/`. For each: extract; build with no translation
//! (every page byte-identical); fill the French catalogs with a
//! pseudo-translation ([`pseudo`]); build; render all pages in one Python
//! process; compare. Failures are collected and reported together, per page.
//!
//! The Python tools live in `target/pyvenv` (made by `.ci/run`) or
//! `FLUENTMARK_PYTHON`; without them a test prints why it skips, except
//! under `CI=true`, where a missing oracle fails.
//!
//! Run: `cargo test --test it mkdocs:: -- --include-ignored` (the fastapi
//! test needs `../shared/corpus`); `FLUENTMARK_KEEP=1` keeps the projects.

use crate::common;
use crate::common::oracle::{Visible, cyrillic, first_line_difference, markers, workdir};

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fluentmark::catalog::Catalog;
use fluentmark::extract::{ExtractOptions, extract};
use fluentmark::pattern::Pattern;
use fluentmark::project::Project;
use regex::Regex;
use serde::Deserialize;

/// `fluentmark.toml` of the test projects. `content_dir` is not set: the
/// dialect takes it from mkdocs.yml's `docs_dir`.
const CONFIG: &str =
    "source_locale = \"en\"\nlocales = [\"fr\"]\ndialect = \"mkdocs\"\nheading_ids = \"keep\"\n";

/// The Python with Python-Markdown and pymdown-extensions, if there is one.
fn python() -> Option<PathBuf> {
    crate::common::python_with(
        "markdown, pymdownx, yaml",
        "markdown 3.7 and pymdown-extensions 10.12",
    )
}

/// A page as MkDocs renders it (see `mkdocs_render.py`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Rendered {
    /// Why Python-Markdown failed on the page, if it did.
    error: Option<String>,
    /// Heading ids in document order.
    ids: Vec<String>,
    /// Start tags (`div.admonition.tip`, `a[href=…]`) and end tags (`/div`).
    structure: Vec<String>,
    /// The line of `html` of each entry of `structure`.
    lines: Vec<usize>,
    /// Visible text outside code, pre, kbd, math and abbr.
    text: String,
    /// The text of each code block or span, key, or math.
    verbatim: Vec<String>,
    /// The HTML, to show in failures.
    html: String,
}

impl Visible for Rendered {
    fn visible_text(&self) -> &str {
        &self.text
    }
}

/// What a round trip through Python-Markdown found.
type Judged = common::oracle::Judged<Rendered>;

/// Renders `pages` with the extensions of `mkdocs_yml`, in one process.
fn render(python: &Path, mkdocs_yml: &Path, pages: &[PathBuf]) -> BTreeMap<PathBuf, Rendered> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/mkdocs_render.py");
    let mut child = Command::new(python)
        .arg(script)
        .arg(mkdocs_yml)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let list: Vec<&str> = pages.iter().map(|p| p.to_str().unwrap()).collect();
    let input = serde_json::to_vec(&list).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mkdocs_render.py failed: {stderr}");
    // Which extensions it could not load (fastapi's include extensions).
    for line in stderr.lines() {
        eprintln!("{line}");
    }
    let by_name: BTreeMap<String, Rendered> = serde_json::from_slice(&out.stdout).unwrap();
    by_name
        .into_iter()
        .map(|(k, v)| (PathBuf::from(k), v))
        .collect()
}

/// A pseudo-translation of `pattern`: every ASCII letter of its text made
/// Cyrillic, except in what a translator keeps as written: inline HTML
/// tags and comments (also when a placeable splits one, as
/// `<a href={{url}}>`), raw `<code>`, entities, footnote references
/// (`[^1]`), emoji and icon shortcodes (`:smile:`), and the words in
/// `keep` (abbreviations the page defines, which must stay to be expanded).
fn pseudo(pattern: &Pattern, keep: &BTreeSet<String>) -> Pattern {
    let kept = Regex::new(concat!(
        r"^(?:&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", // an entity
        r"|\[\^[^\]]*\]",                                            // a footnote reference
        r"|:[a-z0-9_+-]+:",                                          // an emoji
        r")"
    ))
    .unwrap();
    let tag = Regex::new(r"^</?[A-Za-z!?]").unwrap();
    let word = Regex::new(r"^[A-Za-z0-9]+").unwrap();
    // Across text pieces: inside a tag, inside raw `<code>`.
    let mut in_tag = false;
    let mut in_code = false;
    pattern.map_text(|text| {
        let mut out = String::with_capacity(text.len() * 2);
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let c = rest.chars().next().unwrap();
            if in_tag {
                in_tag = c != '>';
            } else if tag.is_match(rest) {
                let lower = rest[..rest.len().min(6)].to_ascii_lowercase();
                if lower.starts_with("<code") {
                    in_code = true;
                } else if lower.starts_with("</code") {
                    in_code = false;
                }
                in_tag = true;
            } else if let Some(m) = kept.find(rest) {
                out.push_str(m.as_str());
                i += m.end();
                continue;
            } else if let Some(m) = word.find(rest) {
                let w = m.as_str();
                let at_word_start = !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
                if in_code || (at_word_start && keep.contains(w)) {
                    out.push_str(w);
                } else {
                    out.extend(w.chars().map(cyrillic));
                }
                i += m.end();
                continue;
            }
            out.push(c);
            i += c.len_utf8();
        }
        out
    })
}

/// The abbreviations a page defines (`*[HTML]: …`).
fn abbreviations(page: &str) -> BTreeSet<String> {
    let re = Regex::new(r"(?m)^\*\[([^\]]+)\]:").unwrap();
    re.captures_iter(page).map(|c| c[1].to_string()).collect()
}

/// Where two element trees first differ: a few entries around, and the
/// line of HTML each side has there.
fn first_structure_difference(want: &Rendered, got: &Rendered) -> Option<String> {
    let (a, b) = (&want.structure, &got.structure);
    let at = match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(at) => at,
        None if a.len() == b.len() => return None,
        None => a.len().min(b.len()),
    };
    let around = |r: &Rendered| {
        let s = &r.structure;
        let from = at.saturating_sub(3);
        let to = (at + 4).min(s.len());
        let line = r
            .lines
            .get(at.min(s.len().saturating_sub(1)))
            .and_then(|n| r.html.lines().nth(n.saturating_sub(1)))
            .unwrap_or("");
        let line: String = line.chars().take(160).collect();
        format!(
            "{} >>> {}\n      html: {line}",
            s[from..at].join(" "),
            s[at..to].join(" ")
        )
    };
    Some(format!(
        "element {at}:\n    source: {}\n    built:  {}",
        around(want),
        around(got)
    ))
}

/// A MkDocs project in `dir`: `fluentmark.toml`, `mkdocs.yml` and the
/// pages under `docs/`.
struct Site {
    project: Project,
    mkdocs_yml: PathBuf,
    /// Pages, relative to `docs/`.
    pages: Vec<PathBuf>,
}

impl Site {
    /// Copies `mkdocs_yml` and every page under `docs` into `dir`, and
    /// the other files in `extra` (relative to `mkdocs_yml`'s folder);
    /// `config` is added to [`CONFIG`].
    fn new(dir: &Path, config: &str, mkdocs_yml: &Path, docs: &Path, extra: &[&str]) -> Site {
        let config = format!("{CONFIG}{config}");
        fs::write(dir.join("fluentmark.toml"), &config).unwrap();
        fs::copy(mkdocs_yml, dir.join("mkdocs.yml")).unwrap();
        for name in extra {
            let from = mkdocs_yml.parent().unwrap().join(name);
            if from.is_dir() {
                common::copy_dir(&from, &dir.join(name));
            } else {
                fs::copy(&from, dir.join(name)).unwrap();
            }
        }
        let mut pages = Vec::new();
        for entry in walkdir::WalkDir::new(docs)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        {
            let rel = entry.path().strip_prefix(docs).unwrap().to_path_buf();
            let to = dir.join("docs").join(&rel);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(entry.path(), to).unwrap();
            pages.push(rel);
        }
        assert!(!pages.is_empty(), "no pages under {}", docs.display());
        let project = Project::load(dir).unwrap_or_else(|e| {
            panic!("the project does not load (is the mkdocs dialect there?): {e}\n{config}")
        });
        Site {
            project,
            mkdocs_yml: dir.join("mkdocs.yml"),
            pages,
        }
    }

    fn source(&self, page: &Path) -> PathBuf {
        self.project.root.join("docs").join(page)
    }

    fn built(&self, page: &Path) -> PathBuf {
        self.project.output_path("fr", page)
    }
}

/// Extract; build untranslated (every page byte-identical); pseudo-
/// translate every message; build; render source and built pages with
/// Python-Markdown; compare their structure and heading ids.
fn judge(site: &Site, python: &Path) -> Judged {
    let mut judged = Judged::new();
    let p = &site.project;
    let r = extract(p, ExtractOptions::default()).unwrap();
    assert!(r.errors.is_empty(), "extract: {:?}", r.errors);
    assert_eq!(
        r.pages,
        site.pages.len(),
        "extract read {} pages of {} under docs/ (is docs_dir read from mkdocs.yml?)",
        r.pages,
        site.pages.len()
    );

    // (i) Identity.
    let built = fluentmark::build::build(p, &[]).unwrap();
    assert!(built.errors.is_empty(), "build: {:?}", built.errors);
    for page in &site.pages {
        let source = fs::read_to_string(site.source(page)).unwrap();
        match fs::read_to_string(site.built(page)) {
            Ok(out) if out == source => {}
            Ok(out) => judged.fail(
                page,
                format!(
                    "untranslated build differs: {}",
                    first_line_difference(&source, &out)
                ),
            ),
            Err(e) => judged.fail(
                page,
                format!("not built at {}: {e}", site.built(page).display()),
            ),
        }
    }

    // (ii) Pseudo-translation of every message.
    for page in &site.pages {
        let keep = abbreviations(&fs::read_to_string(site.source(page)).unwrap());
        let en = p.catalog_path("en", page);
        let Ok(text) = fs::read_to_string(&en) else {
            continue; // A page with no message.
        };
        let catalog = Catalog::parse(&text);
        assert!(
            catalog.errors.is_empty(),
            "{}: {:?}",
            en.display(),
            catalog.errors
        );
        let mut fr = String::new();
        for t in &catalog.translations {
            let pattern = pseudo(t.pattern.as_ref().unwrap(), &keep);
            fr.push_str(&common::hand_written(&t.id, &pattern));
        }
        let to = p.catalog_path("fr", page);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, fr).unwrap();
    }
    let built = fluentmark::build::build(p, &[]).unwrap();
    assert!(built.errors.is_empty(), "build: {:?}", built.errors);
    for w in &built.warnings {
        let shown = w.to_string();
        let page = site
            .pages
            .iter()
            .find(|page| {
                shown.contains(p.catalog_path("fr", page).to_str().unwrap())
                    || shown.contains(site.source(page).to_str().unwrap())
            })
            .cloned()
            .unwrap_or_else(|| PathBuf::from("(build)"));
        judged.fail(&page, format!("build refused a translation: {w}"));
    }

    // One Python process renders every source and built page.
    let mut files: Vec<PathBuf> = site.pages.iter().map(|p| site.source(p)).collect();
    files.extend(
        site.pages
            .iter()
            .map(|p| site.built(p))
            .filter(|p| p.is_file()),
    );
    let mut rendered = render(python, &site.mkdocs_yml, &files);
    for page in &site.pages {
        let Some(source) = rendered.remove(&site.source(page)) else {
            continue;
        };
        if let Some(e) = &source.error {
            judged.fail(
                page,
                format!("Python-Markdown fails on the source page: {e}"),
            );
            continue;
        }
        let Some(built) = rendered.remove(&site.built(page)) else {
            judged.fail(page, "no translated page was built".into());
            continue;
        };
        if let Some(e) = &built.error {
            judged.fail(
                page,
                format!("Python-Markdown fails on the built page: {e}"),
            );
            continue;
        }
        if let Some(d) = first_structure_difference(&source, &built) {
            judged.fail(
                page,
                format!("the translation's element tree differs at {d}"),
            );
        }
        if let Some((a, b)) = source
            .verbatim
            .iter()
            .zip(&built.verbatim)
            .find(|(a, b)| a != b)
        {
            judged.fail(
                page,
                format!("code, keys or math changed: source {a:?}, built {b:?}"),
            );
        }
        if source.ids != built.ids {
            let at = source
                .ids
                .iter()
                .zip(&built.ids)
                .position(|(a, b)| a != b)
                .unwrap_or(source.ids.len().min(built.ids.len()));
            judged.fail(
                page,
                format!(
                    "heading ids differ at heading {}: source {:?}, built {:?}",
                    at + 1,
                    source.ids.get(at),
                    built.ids.get(at)
                ),
            );
        }
        judged.source.insert(page.clone(), source);
        judged.built.insert(page.clone(), built);
    }
    judged
}

/// Every page of fastapi's English docs, with its mkdocs.yml: untranslated
/// it builds byte-identical; pseudo-translated it keeps its element tree
/// and heading ids in Python-Markdown, and almost no English is left.
#[test]
#[ignore = "needs ../shared/corpus"]
fn fastapi_pages_keep_their_structure_in_python_markdown() {
    let Some(python) = python() else { return };
    let corpus = common::corpus().join("fastapi/docs/en");
    let tmp = workdir("fluentmark-mkdocs-");
    let site = Site::new(
        tmp.path(),
        "",
        &corpus.join("mkdocs.yml"),
        &corpus.join("docs"),
        &[],
    );
    assert_eq!(site.pages.len(), 155, "fastapi's English pages");
    let judged = judge(&site, &python);
    judged.assert_clean("fastapi round trip through Python-Markdown", Some(1.0));
}

/// The fixture site of `tests/fixtures/mkdocs/`, with `config` added.
fn fixture_site(dir: &Path, config: &str) -> Site {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mkdocs");
    Site::new(
        dir,
        config,
        &fixtures.join("mkdocs.yml"),
        &fixtures.join("docs"),
        &["snippets"],
    )
}

/// One page per MkDocs construct (`tests/fixtures/mkdocs/docs/`): the
/// same round trips as fastapi's, and every marker word (`zzbody1`) of
/// the page reaches its source catalog and is translated in the built page.
#[test]
fn mkdocs_constructs_keep_their_structure_in_python_markdown() {
    let Some(python) = python() else { return };
    let tmp = workdir("fluentmark-mkdocs-");
    let site = fixture_site(tmp.path(), "");
    let mut judged = judge(&site, &python);
    for page in &site.pages {
        let source = fs::read_to_string(site.source(page)).unwrap();
        let catalog = fs::read_to_string(site.project.catalog_path("en", page)).unwrap_or_default();
        let built = judged.built.get(page).map(|r| r.text.clone());
        for marker in markers(&source) {
            if !catalog.contains(&marker) {
                judged.fail(page, format!("`{marker}` is in no message of the catalog"));
            }
            if let Some(built) = &built
                && markers(built).contains(&marker)
            {
                judged.fail(
                    page,
                    format!("`{marker}` is left untranslated in the built page"),
                );
            }
        }
    }
    judged.assert_clean("MkDocs constructs through Python-Markdown", Some(1.0));
}

/// The oracle sees what MkDocs sees: admonitions, `///` blocks and tabs
/// are elements with their classes, toc gives duplicate headings `_1`
/// suffixes, and code, keys and abbreviations are not visible text. (If
/// this fails, the other tests here judge nothing.)
#[test]
fn the_oracle_renders_mkdocs_constructs() {
    let Some(python) = python() else { return };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mkdocs");
    let docs = fixtures.join("docs");
    let pages: Vec<PathBuf> = [
        "admonitions.md",
        "blocks.md",
        "tabs.md",
        "duplicate-headings.md",
        "keys-emoji.md",
        "abbreviations.md",
    ]
    .iter()
    .map(|n| docs.join(n))
    .collect();
    let r = render(&python, &fixtures.join("mkdocs.yml"), &pages);
    // An entry with these classes, whatever its other attributes.
    let has = |page: &str, entry: &str| {
        r[&docs.join(page)]
            .structure
            .iter()
            .any(|s| s == entry || s.starts_with(&format!("{entry}[")))
    };
    assert!(has("admonitions.md", "div.admonition.note"));
    assert!(has("admonitions.md", "p.admonition-title"));
    assert!(has("blocks.md", "div.admonition.warning.special"));
    assert!(has("blocks.md", "details.tip"));
    assert!(has("blocks.md", "details[open=open]"));
    assert!(has("tabs.md", "div.tabbed-set.tabbed-alternate"));
    assert_eq!(
        r[&docs.join("duplicate-headings.md")].ids,
        [
            "duplicate-headings",
            "a",
            "a_1",
            "a_2",
            "details",
            "details_1"
        ]
    );
    let keys = &r[&docs.join("keys-emoji.md")];
    assert!(!keys.text.contains("Ctrl"), "{}", keys.text);
    assert!(keys.html.contains("class=\"twemoji\""), "{}", keys.html);
    assert!(!r[&docs.join("abbreviations.md")].text.contains("HTML"));
    assert!(r[&docs.join("admonitions.md")].text.contains("zzbody6"));
}

/// `[mkdocs] docs_structure = "suffix"` (mkdocs-static-i18n's other
/// layout): each built page is `<output_dir>/<dir>/<stem>.fr.md`, and
/// judged like the folder layout's.
#[test]
fn the_suffix_layout_builds_page_fr_md_that_python_markdown_reads_alike() {
    let Some(python) = python() else { return };
    let tmp = workdir("fluentmark-mkdocs-");
    let site = fixture_site(tmp.path(), "[mkdocs]\ndocs_structure = \"suffix\"\n");
    let judged = judge(&site, &python);
    for page in &site.pages {
        let stem = page.file_stem().unwrap().to_str().unwrap();
        let wanted = tmp
            .path()
            .join("build")
            .join(page.parent().unwrap())
            .join(format!("{stem}.fr.md"));
        assert_eq!(site.built(page), wanted);
        assert!(wanted.is_file(), "{} was not built", wanted.display());
    }
    judged.assert_clean("the suffix layout through Python-Markdown", None);
}

/// FastAPI's French pages aligned into catalogs (`fluentmark align`), then
/// built: every built page keeps the English page's blocks (its element
/// tree without inline elements, which translators may add or drop, as
/// `check` allows with a warning) and heading ids in Python-Markdown,
/// the real judge of what a translation taken from a translated page may
/// change.
#[test]
#[ignore = "needs ../shared/corpus"]
fn fastapi_pages_built_from_aligned_translations_keep_their_structure() {
    let Some(python) = python() else { return };
    let corpus = common::corpus().join("fastapi/docs");
    let tmp = workdir("fluentmark-mkdocs-align-");
    let site = Site::new(
        tmp.path(),
        "",
        &corpus.join("en/mkdocs.yml"),
        &corpus.join("en/docs"),
        &[],
    );
    let report = fluentmark::align::align(
        &site.project,
        &fluentmark::align::AlignOptions {
            locale: "fr".into(),
            from: Some(corpus.join("fr/docs")),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.total().aligned > 5_000, "{:?}", report.total());
    let built = fluentmark::build::build(&site.project, &[]).unwrap();
    assert!(built.errors.is_empty(), "build: {:?}", built.errors);
    let sources: Vec<PathBuf> = site.pages.iter().map(|p| site.source(p)).collect();
    let outputs: Vec<PathBuf> = site.pages.iter().map(|p| site.built(p)).collect();
    let source = render(&python, &site.mkdocs_yml, &sources);
    let output = render(&python, &site.mkdocs_yml, &outputs);
    // Inline elements, by tag name (`a[href=…]`, `/em`).
    let inline = Regex::new(
        r"^/?(a|abbr|b|br|code|dfn|em|i|img|kbd|mark|ins|del|s|small|span|strong|sub|sup|u)\b",
    )
    .unwrap();
    let blocks = |r: &Rendered| -> Vec<String> {
        r.structure
            .iter()
            .filter(|e| !inline.is_match(e))
            .cloned()
            .collect()
    };
    let mut failures = Vec::new();
    for (page, (s, o)) in site.pages.iter().zip(sources.iter().zip(&outputs)) {
        let (s, o) = (&source[s], &output[o]);
        let (sb, ob) = (blocks(s), blocks(o));
        if o.error.is_some() || sb != ob || s.ids != o.ids {
            let at = sb.iter().zip(&ob).position(|(a, b)| a != b);
            failures.push(format!(
                "{}: {:?}; first differing block {at:?}: {:?} / {:?}; ids equal: {}",
                page.display(),
                o.error,
                at.and_then(|i| sb.get(i)),
                at.and_then(|i| ob.get(i)),
                s.ids == o.ids
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} page(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
