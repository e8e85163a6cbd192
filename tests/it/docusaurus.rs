//! The docusaurus dialect judged by Docusaurus' own parser: the MDX
//! toolchain of Docusaurus 3.10 (`tests/oracles/mdx_parse.mjs`: its
//! preprocessor, then `@mdx-js/mdx` with remark-mdx, remark-frontmatter,
//! remark-directive and remark-gfm) compiles each source page and its built
//! translation, and they must both compile, with the same mdast tree and
//! the same heading ids, and with the text translated.
//!
//! Two projects: every page of react-native's docs (Docusaurus 3.10 with
//! `future.v4: true`, so `markdown.mdx1Compat` is off), and one small page
//! per construct under `tests/fixtures/docusaurus/`. For each: extract;
//! build with no translation (every page byte-identical); fill the French
//! catalogs with a pseudo-translation ([`pseudo`]); build; parse all pages
//! in one Node process; compare. Failures are collected and reported
//! together, per page.
//!
//! The npm packages live in `target/node/mdx` (made by `.ci/run` from
//! `tests/oracles/package-lock.json`) or `FLUENTMARK_NODE_MODULES`; without
//! them (or without `node`) a test prints why it skips, except under
//! `CI=true`, where a missing oracle fails.
//!
//! Run: `cargo test --test it docusaurus:: -- --include-ignored` (the
//! react-native test needs `../shared/corpus`); `FLUENTMARK_KEEP=1` keeps
//! the projects.

use crate::common;
use crate::common::oracle::{Visible, cyrillic, first_line_difference, markers, workdir};

use std::collections::BTreeMap;
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

/// `fluentmark.toml` of the test projects: the front matter keys
/// Docusaurus shows as text are translated.
const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\"]\ndialect = \"docusaurus\"\n\
                      heading_ids = \"keep\"\ncontent_dir = \"docs\"\n\n[front_matter]\n\
                      translate = [\"title\", \"description\", \"sidebar_label\"]\n";

/// `node` and the folder of `.ci/run`'s npm install (`FLUENTMARK_NODE_MODULES`,
/// or `target/node/mdx`), if both are there. Without them the test prints
/// why it skips, except under `CI=true`, where a missing oracle fails.
fn node() -> Option<(PathBuf, PathBuf)> {
    let modules = std::env::var_os("FLUENTMARK_NODE_MODULES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/node/mdx"),
        PathBuf::from,
    );
    let node = PathBuf::from(std::env::var_os("FLUENTMARK_NODE").unwrap_or_else(|| "node".into()));
    let runs = Command::new(&node)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let installed = modules
        .join("node_modules/@mdx-js/mdx/package.json")
        .is_file();
    if runs && installed {
        return Some((node, modules));
    }
    let why = if runs {
        format!(
            "{} has no @mdx-js/mdx (.ci/run installs tests/oracles/package-lock.json there)",
            modules.display()
        )
    } else {
        format!(
            "{} does not run (Node.js 20 or later is needed)",
            node.display()
        )
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}; CI must run the MDX oracle tests"
    );
    eprintln!("skipped: {why}");
    None
}

/// A page as Docusaurus' MDX toolchain reads it (see `mdx_parse.mjs`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Parsed {
    /// Whether the page compiles.
    ok: bool,
    /// Why it does not: `line:column: reason`.
    error: Option<String>,
    /// The mdast tree without text: `heading[depth=2]`, `jsx:TabItem[value=a][label]`, `/heading`.
    structure: Vec<String>,
    /// The source line of each entry of `structure`.
    lines: Vec<usize>,
    /// Heading ids in document order, as Docusaurus computes them.
    ids: Vec<String>,
    /// Visible prose outside code, expressions, ESM and front matter.
    text: String,
    /// Code blocks, inline code, expressions and ESM, in order.
    verbatim: Vec<String>,
    /// The front matter, as Docusaurus reads it (gray-matter).
    #[serde(rename = "frontMatter")]
    front_matter: serde_json::Map<String, serde_json::Value>,
}

impl Visible for Parsed {
    fn visible_text(&self) -> &str {
        &self.text
    }
}

/// What a round trip through the MDX toolchain found.
type Judged = common::oracle::Judged<Parsed>;

/// Front matter keys the test projects translate (see [`CONFIG`]).
const TRANSLATED_KEYS: [&str; 3] = ["title", "description", "sidebar_label"];

/// Where two front matters differ other than in a translated value.
fn front_matter_difference(want: &Parsed, got: &Parsed) -> Option<String> {
    let keys = |p: &Parsed| p.front_matter.keys().cloned().collect::<Vec<_>>();
    if keys(want) != keys(got) {
        return Some(format!("keys {:?}, built {:?}", keys(want), keys(got)));
    }
    want.front_matter
        .iter()
        .filter(|(k, _)| !TRANSLATED_KEYS.contains(&k.as_str()))
        .find(|(k, v)| got.front_matter.get(*k) != Some(v))
        .map(|(k, v)| format!("`{k}`: source {v}, built {}", got.front_matter[k]))
}

/// Parses and compiles `pages` in one Node process; `mdx1_compat` turns
/// on Docusaurus 3's default `markdown.mdx1Compat` (off with `future.v4`).
fn parse(
    (node, modules): &(PathBuf, PathBuf),
    pages: &[PathBuf],
    mdx1_compat: bool,
) -> BTreeMap<PathBuf, Parsed> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/mdx_parse.mjs");
    let mut command = Command::new(node);
    command.arg(script);
    if mdx1_compat {
        command.arg("--mdx1-compat");
    }
    let mut child = command
        .env("FLUENTMARK_NODE_MODULES", modules)
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
    assert!(out.status.success(), "mdx_parse.mjs failed: {stderr}");
    let by_name: BTreeMap<String, Parsed> = serde_json::from_slice(&out.stdout).unwrap();
    by_name
        .into_iter()
        .map(|(k, v)| (PathBuf::from(k), v))
        .collect()
}

/// A pseudo-translation of `pattern`: every ASCII letter of its text made
/// Cyrillic, except in what a translator keeps as written: HTML and JSX
/// tags (also when a placeable splits one, as `<a href={ $x }>`), raw
/// `<code>`, entities, footnote references (`[^1]`) and emoji shortcodes
/// (`:smile:`). With `specials`, each message also ends with characters
/// MDX reads as syntax (`{`, `}`, `<` before a digit), which the build must
/// escape.
fn pseudo(pattern: &Pattern, specials: bool) -> Pattern {
    let kept = Regex::new(concat!(
        r"^(?:&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", // an entity
        r"|\[\^[^\]]*\]",                                            // a footnote reference
        r"|:[a-z0-9_+-]+:",                                          // an emoji
        r")"
    ))
    .unwrap();
    let tag = Regex::new(r"^</?[A-Za-z!?>]").unwrap();
    let word = Regex::new(r"^[A-Za-z0-9]+").unwrap();
    // Across text pieces: inside a tag, inside raw `<code>`.
    let mut in_tag = false;
    let mut in_code = false;
    let mut out = pattern.map_text(|text| {
        let mut out = String::with_capacity(text.len() * 2);
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let c = rest.chars().next().unwrap();
            if in_tag {
                in_tag = c != '>';
            } else if tag.is_match(rest) {
                let lower: String = rest
                    .chars()
                    .take(6)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if lower.starts_with("<code") {
                    in_code = true;
                } else if lower.starts_with("</code") {
                    in_code = false;
                }
                in_tag = !rest.starts_with("<>") && !rest.starts_with("</>");
            } else if let Some(m) = kept.find(rest) {
                out.push_str(m.as_str());
                i += m.end();
                continue;
            } else if let Some(m) = word.find(rest) {
                let w = m.as_str();
                if in_code {
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
    });
    if specials && pattern.has_translatable_text() {
        out.push_text(" {0} 1<2 }");
    }
    out
}

/// Where two mdast trees first differ: a few entries around, and the
/// line of each page there.
fn first_structure_difference(
    want: &Parsed,
    want_text: &str,
    got: &Parsed,
    got_text: &str,
) -> Option<String> {
    let (a, b) = (&want.structure, &got.structure);
    let at = match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(at) => at,
        None if a.len() == b.len() => return None,
        None => a.len().min(b.len()),
    };
    let around = |r: &Parsed, page: &str| {
        let s = &r.structure;
        let from = at.saturating_sub(3);
        let to = (at + 4).min(s.len());
        let n = r
            .lines
            .get(at.min(s.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0);
        let line: String = page
            .lines()
            .nth(n.saturating_sub(1))
            .unwrap_or("")
            .chars()
            .take(160)
            .collect();
        format!(
            "{} >>> {}\n      line {n}: {line}",
            s[from.min(at)..at.min(s.len())].join(" "),
            s[at.min(s.len())..to].join(" ")
        )
    };
    Some(format!(
        "entry {at}:\n    source: {}\n    built:  {}",
        around(want, want_text),
        around(got, got_text)
    ))
}

/// A Docusaurus project in `dir`: `fluentmark.toml` and the pages under
/// `docs/`.
struct Site {
    project: Project,
    /// Pages, relative to `docs/`.
    pages: Vec<PathBuf>,
}

impl Site {
    /// Copies every `.md` and `.mdx` page under `docs` into `dir/docs`,
    /// and `files` (paths relative to `from`) into `dir`; `config` is
    /// added to [`CONFIG`].
    fn new(dir: &Path, config: &str, docs: &Path, from: &Path, files: &[&str]) -> Site {
        let config = format!("{CONFIG}{config}");
        fs::write(dir.join("fluentmark.toml"), &config).unwrap();
        for name in files {
            let to = dir.join(name);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(from.join(name), to).unwrap();
        }
        let mut pages = Vec::new();
        for entry in walkdir::WalkDir::new(docs)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file()
                    && e.path()
                        .extension()
                        .is_some_and(|x| x == "md" || x == "mdx")
            })
        {
            let rel = entry.path().strip_prefix(docs).unwrap().to_path_buf();
            let to = dir.join("docs").join(&rel);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::copy(entry.path(), to).unwrap();
            pages.push(rel);
        }
        assert!(!pages.is_empty(), "no pages under {}", docs.display());
        let project = Project::load(dir).unwrap_or_else(|e| {
            panic!("the project does not load (is the docusaurus dialect there?): {e}\n{config}")
        });
        Site { project, pages }
    }

    fn source(&self, page: &Path) -> PathBuf {
        self.project.root.join("docs").join(page)
    }

    fn built(&self, page: &Path) -> PathBuf {
        self.project.output_path("fr", page)
    }
}

/// Extract; build untranslated (every page byte-identical); pseudo-
/// translate every message; build; parse source and built pages with the
/// MDX toolchain; compare their structure, code and heading ids.
fn judge(site: &Site, oracle: &(PathBuf, PathBuf), mdx1_compat: bool, specials: bool) -> Judged {
    let mut judged = Judged::new();
    let p = &site.project;
    let r = extract(p, ExtractOptions::default()).unwrap();
    assert!(r.errors.is_empty(), "extract: {:?}", r.errors);
    assert_eq!(
        r.pages,
        site.pages.len(),
        "extract read {} pages of {} under docs/ (are .mdx pages read?)",
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
            let pattern = pseudo(t.pattern.as_ref().unwrap(), specials);
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

    // One Node process parses every source and built page.
    let mut files: Vec<PathBuf> = site.pages.iter().map(|p| site.source(p)).collect();
    files.extend(
        site.pages
            .iter()
            .map(|p| site.built(p))
            .filter(|p| p.is_file()),
    );
    let mut parsed = parse(oracle, &files, mdx1_compat);
    for page in &site.pages {
        let Some(source) = parsed.remove(&site.source(page)) else {
            continue;
        };
        if !source.ok {
            judged.fail(
                page,
                format!(
                    "the source page does not compile: {}",
                    source.error.unwrap_or_default()
                ),
            );
            continue;
        }
        let Some(built) = parsed.remove(&site.built(page)) else {
            judged.fail(page, "no translated page was built".into());
            continue;
        };
        let built_text = fs::read_to_string(site.built(page)).unwrap();
        if !built.ok {
            let error = built.error.unwrap_or_default();
            let n: usize = error
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let line = built_text.lines().nth(n.saturating_sub(1)).unwrap_or("");
            judged.fail(
                page,
                format!("the built page does not compile: {error}\n      line {n}: {line}"),
            );
            continue;
        }
        let source_text = fs::read_to_string(site.source(page)).unwrap();
        if let Some(d) = first_structure_difference(&source, &source_text, &built, &built_text) {
            judged.fail(page, format!("the translation's mdast differs at {d}"));
        }
        if let Some(d) = front_matter_difference(&source, &built) {
            judged.fail(page, format!("the front matter changed: {d}"));
        }
        if let Some((a, b)) = source
            .verbatim
            .iter()
            .zip(&built.verbatim)
            .find(|(a, b)| a != b)
        {
            judged.fail(
                page,
                format!("code or an expression changed: source {a:?}, built {b:?}"),
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

/// Every page of react-native's docs (239, 9 of them `.mdx`), with its
/// `docusaurus.config.ts`: untranslated it builds byte-identical;
/// pseudo-translated it compiles, keeps its mdast and heading ids in
/// Docusaurus' MDX toolchain, and almost no English is left.
#[test]
#[ignore = "needs ../shared/corpus"]
fn react_native_pages_keep_their_structure_in_mdx() {
    let Some(oracle) = node() else { return };
    let corpus = common::corpus().join("react-native");
    let tmp = workdir("fluentmark-docusaurus-");
    let site = Site::new(
        tmp.path(),
        "",
        &corpus.join("docs"),
        &corpus,
        &["website/docusaurus.config.ts"],
    );
    assert_eq!(site.pages.len(), 239, "react-native's pages");
    // react-native's config has `future: {v4: true}`: mdx1Compat is off.
    let judged = judge(&site, &oracle, false, false);
    judged.assert_clean("react-native round trip through MDX", Some(1.0));
}

/// The fixture site of `tests/fixtures/docusaurus/`.
fn fixture_site(dir: &Path) -> Site {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docusaurus");
    Site::new(
        dir,
        "",
        &fixtures.join("docs"),
        &fixtures,
        &["docusaurus.config.js"],
    )
}

/// The checks of [`judge`] on the fixture pages, and every marker word
/// (`zzbody1`) of a page reaches its source catalog and is translated in
/// the built page.
fn judge_fixtures(mdx1_compat: bool, specials: bool) -> Judged {
    let oracle = node().expect("checked by the caller");
    let tmp = workdir("fluentmark-docusaurus-");
    let site = fixture_site(tmp.path());
    let mut judged = judge(&site, &oracle, mdx1_compat, specials);
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
    judged
}

/// One page per Docusaurus construct (`tests/fixtures/docusaurus/docs/`):
/// the same round trips as react-native's, with every marker word in a
/// catalog and translated.
#[test]
fn docusaurus_constructs_keep_their_structure_in_mdx() {
    if node().is_none() {
        return;
    }
    judge_fixtures(false, false).assert_clean("Docusaurus constructs through MDX", Some(1.0));
}

/// Translations that hold `{`, `}` and `<` before a digit, which MDX reads
/// as an expression or a tag: the build escapes them, and every built page
/// still compiles to the source's tree.
#[test]
fn mdx_syntax_in_translations_is_escaped() {
    if node().is_none() {
        return;
    }
    let judged = judge_fixtures(false, true);
    for (page, parsed) in &judged.built {
        assert!(
            parsed.text.contains("{0} 1<2 }"),
            "{}: the translation's `{{0}} 1<2 }}` is not in the text: {}",
            page.display(),
            parsed.text
        );
    }
    judged.assert_clean("MDX syntax in translations", Some(1.0));
}

/// Docusaurus 3 without `future.v4` (`markdown.mdx1Compat` on: `{#id}`
/// headings and `:::note Title` admonitions): the fixtures that are valid
/// there round trip too.
#[test]
fn docusaurus_constructs_keep_their_structure_with_mdx1_compat() {
    if node().is_none() {
        return;
    }
    judge_fixtures(true, false).assert_clean("Docusaurus constructs with mdx1Compat", Some(1.0));
}

/// The oracle sees what Docusaurus sees: directives with their names,
/// admonition titles as labels, JSX elements with their attributes,
/// github-slugger's `-1` duplicates and explicit ids, `{#id}` refused
/// under `future.v4`, `:::note Title` an admonition only with
/// mdx1Compat. (If this fails, the other tests here judge nothing.)
#[test]
fn the_oracle_reads_mdx_as_docusaurus_does() {
    let Some(oracle) = node() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        path
    };
    let headings = page(
        "headings.mdx",
        "# Title\n\n## Hello `code` world\n\n## Hello `code` world\n\n\
         ## Custom {/* #my-id */}\n\n## Escaped \\{#old-id}\n\n## Sum {1 + 1}\n",
    );
    let classic = page("classic.md", "## Classic {#classic-id}\n");
    let admonitions = page(
        "admonitions.md",
        ":::warning Legacy title\n\nzzone\n\n:::\n\n::::danger[Label *em*]\n\n\
         :::note\n\nzztwo\n\n:::\n\n::::\n",
    );
    let jsx = page(
        "jsx.mdx",
        "import Tabs from '@theme/Tabs';\n\n<Tabs groupId=\"os\">\n<TabItem value=\"mac\" \
         label=\"macOS\">\n\nSee a:b and {props.x}.\n\n</TabItem>\n</Tabs>\n",
    );
    let yaml = page("yaml.md", "---\ntitle: Colons: twice\n---\n\nText.\n");
    let all = [&headings, &classic, &admonitions, &jsx, &yaml].map(|p| p.to_path_buf());
    let v4 = parse(&oracle, &all, false);
    assert_eq!(
        v4[&headings].ids,
        [
            "title",
            "hello-code-world",
            "hello-code-world-1",
            "my-id",
            "old-id",
            "sum-1--1"
        ]
    );
    assert!(!v4[&classic].ok);
    assert!(
        v4[&classic].error.as_deref().unwrap().contains("acorn"),
        "{:?}",
        v4[&classic].error
    );
    let s = &v4[&admonitions].structure;
    assert!(
        !s.iter().any(|e| e == "containerDirective:warning"),
        "{s:?}"
    );
    assert!(s.iter().any(|e| e == "containerDirective:danger"), "{s:?}");
    assert!(s.iter().any(|e| e == "containerDirective:note"), "{s:?}");
    assert!(s.iter().any(|e| e == "paragraph[directiveLabel]"), "{s:?}");
    let j = &v4[&jsx];
    assert!(
        j.structure
            .iter()
            .any(|e| e == "jsx:TabItem[value=mac][label]"),
        "{:?}",
        j.structure
    );
    assert!(j.text.contains("macOS"), "{}", j.text);
    assert_eq!(j.verbatim, ["import Tabs from '@theme/Tabs';", "props.x"]);
    assert!(!j.structure.iter().any(|e| e.starts_with("textDirective")));

    assert!(
        v4[&yaml]
            .error
            .as_deref()
            .unwrap()
            .starts_with("front matter: "),
        "{:?}",
        v4[&yaml].error
    );
    assert_eq!(v4[&jsx].front_matter.len(), 0);

    let compat = parse(&oracle, &all, true);
    assert_eq!(compat[&classic].ids, ["classic-id"]);
    let s = &compat[&admonitions].structure;
    assert!(s.iter().any(|e| e == "containerDirective:warning"), "{s:?}");
}
