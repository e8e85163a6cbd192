//! A whole Docusaurus 3 site translated by the real binary and built by
//! Docusaurus itself: `tests/fixtures/docusaurus-site/`, a fresh
//! `create-docusaurus@3 classic` site trimmed to its docs (`future: {v4:
//! true}`, locales `en` and `fr`), whose two pages have admonitions with
//! and without titles, tabs with `label` attributes, imports, a code
//! block, an inline `{expression}`, two headings with the same text and
//! links between the pages, one to a heading's anchor
//! (`onBrokenAnchors: 'throw'`, so a French page that lost its English
//! anchors fails the build). fluentmark finds the pages in `docs/` and
//! writes the French ones to `i18n/fr/docusaurus-plugin-content-docs/current/`,
//! where Docusaurus reads them, from the defaults alone.
//!
//! Docusaurus lives where `.ci/run` installs it, from the fixture's
//! `package-lock.json`: `target/docusaurus/node_modules`, or the
//! `node_modules` folder named by `FLUENTMARK_DOCUSAURUS`. The site gets
//! it as a symbolic link `node_modules`. Without it (or without `node`)
//! the test that needs it prints why it skips, except under `CI=true`,
//! where a missing oracle fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::binary::{Project, text, translate_french};

/// The site's pages, under `docs/`.
const PAGES: &[&str] = &["guide.mdx", "intro.md"];

/// Where Docusaurus reads the French pages.
const FRENCH_DOCS: &str = "i18n/fr/docusaurus-plugin-content-docs/current";

/// The `node_modules` folder with Docusaurus, if there is one and `node`
/// runs.
fn docusaurus_modules() -> Option<PathBuf> {
    let modules = std::env::var_os("FLUENTMARK_DOCUSAURUS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/docusaurus/node_modules"),
        PathBuf::from,
    );
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let cli = modules.join("@docusaurus/core/bin/docusaurus.mjs");
    if node && cli.is_file() {
        return Some(modules);
    }
    let why = if node {
        format!("{} is missing (.ci/run installs it)", cli.display())
    } else {
        "node is missing".to_string()
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{why}; CI must run the Docusaurus build"
    );
    eprintln!("skipped: {why}");
    None
}

/// A copy of the fixture site in a temporary folder.
fn site() -> Project {
    let p = Project::empty();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docusaurus-site"),
        &p.root,
    );
    p
}

/// Runs `docusaurus build` (every locale: English in `build/`, French in
/// `build/fr/`) in the site with `modules` as its `node_modules`; panics
/// with its output when it fails.
fn docusaurus_build(modules: &Path, p: &Project) {
    std::os::unix::fs::symlink(modules, p.path("node_modules")).unwrap();
    let out = Command::new("node")
        .arg(modules.join("@docusaurus/core/bin/docusaurus.mjs"))
        .arg("build")
        // Its rspack cache would go to the shared `node_modules/.cache`,
        // one more for each temporary site.
        .env("DOCUSAURUS_NO_PERSISTENT_CACHE", "true")
        .current_dir(&p.root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "docusaurus build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A built page without its `"` characters: the minifier quotes
/// attribute values only where it must (`id=install`, `class="a b"`).
fn built(p: &Project, rel: &str) -> String {
    p.read_text(rel).replace('"', "")
}

/// The rendered Markdown of a built page: from the doc's `markdown`
/// container to the end of its `<article>`.
fn content(html: &str) -> &str {
    let start = html
        .find("theme-doc-markdown")
        .unwrap_or_else(|| panic!("no doc content in:\n{html}"));
    let end = html[start..].find("</article>").expect("the article ends");
    &html[start..start + end]
}

/// The admonitions of rendered content, in order: each from its `<div>`
/// with the `theme-admonition-<type>` class to the next admonition or
/// the end.
fn admonitions(content: &str) -> Vec<&str> {
    let starts: Vec<usize> = content
        .match_indices("theme-admonition-")
        .map(|(i, _)| i)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| &content[s..starts.get(n + 1).copied().unwrap_or(content.len())])
        .collect()
}

/// The `id`s of the headings of rendered content (unquoted), in order.
fn heading_ids(content: &str) -> Vec<&str> {
    content
        .split("<h")
        .skip(1)
        .filter(|tag| tag.starts_with(|c: char| ('1'..='6').contains(&c)))
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let at = tag.find("id=")? + 3;
            let id = &tag[at..];
            Some(&id[..id.find(' ').unwrap_or(id.len())])
        })
        .collect()
}

/// Nobody translated anything yet: each French page is the English page,
/// byte for byte, where Docusaurus reads it.
#[test]
fn an_untranslated_site_builds_each_page_byte_identical_where_docusaurus_reads_it() {
    let p = site();
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    for page in PAGES {
        assert_eq!(
            p.read_text(&format!("{FRENCH_DOCS}/{page}")),
            p.read_text(&format!("docs/{page}")),
            "{FRENCH_DOCS}/{page}"
        );
    }
}

/// extract, translate every message, build, and Docusaurus renders the
/// French pages with the translations inside the admonitions and tabs, the
/// code as it was, the English heading anchors, and the French front
/// matter in the page's title, description and sidebar.
#[test]
fn a_translated_docusaurus_site_builds_with_docusaurus() {
    let p = site();
    p.run(&["extract"]).expect_code(0);
    let catalogs = p.files("locales/en");
    assert_eq!(
        common::binary::keys(&catalogs),
        ["guide.ftl", "intro.ftl"],
        "one source catalog per page of the docs plugin's folder"
    );
    let intro = text(&catalogs["intro.ftl"]);
    for message in [
        "= Welcome to the demo\n",
        "= Introduction\n",
        "= A small site translated with fluentmark.\n",
        "= Before you begin\n",
        "= Translations live in Fluent catalogs, one per page and language.\n",
    ] {
        assert!(
            intro.contains(message),
            "front matter, admonition titles and bodies are messages: {message:?}\n{intro}"
        );
    }
    let guide = text(&catalogs["guide.ftl"]);
    for message in [
        "= With npm\n",
        "= With Yarn\n",
        "= Run the build script from the site folder.\n",
        "= Long titles make the sidebar hard to read.\n",
    ] {
        assert!(
            guide.contains(message),
            "tab labels and the tabs' children are messages: {message:?}\n{guide}"
        );
    }
    for skeleton in [":::", "import ", "TabItem", "npm install", "npm run build"] {
        assert!(
            !intro.contains(skeleton) && !guide.contains(skeleton),
            "markers, imports, tags and code are skeleton: {skeleton:?}\n{intro}\n{guide}"
        );
    }
    for page in PAGES {
        assert!(translate_french(&p, page) > 0, "{page} has messages");
    }

    p.run(&["build"]).expect_code(0);
    assert_eq!(
        common::binary::keys(&p.files("i18n")),
        [
            "fr/docusaurus-plugin-content-docs/current/guide.mdx",
            "fr/docusaurus-plugin-content-docs/current/intro.md",
        ],
        "the French pages go where Docusaurus reads them, nowhere else"
    );
    assert!(!p.path("build").exists());
    let page = p.read_text(&format!("{FRENCH_DOCS}/intro.md"));
    for wanted in [
        ":::note[FR Before you begin]\n",
        "\n:::tip\n",
        "```bash\nnpm install\nnpm run build -- --locale fr\n```\n",
        "slug: /\n",
    ] {
        assert!(page.contains(wanted), "{wanted:?} in:\n{page}");
    }
    let page = p.read_text(&format!("{FRENCH_DOCS}/guide.mdx"));
    for wanted in [
        "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n",
        "<TabItem value=\"npm\" label=\"FR With npm\" default>",
        "{new Date(2026, 0, 1).getFullYear()}",
    ] {
        assert!(page.contains(wanted), "{wanted:?} in:\n{page}");
    }

    let Some(modules) = docusaurus_modules() else {
        return;
    };
    docusaurus_build(&modules, &p);
    let english = built(&p, "build/index.html");
    let french = built(&p, "build/fr/index.html");
    assert!(french.contains("<html lang=fr "), "{french}");
    for wanted in [
        "<title data-rh=true>FR Welcome to the demo | Fluentmark Demo</title>",
        "name=description content=FR A small site translated with fluentmark./>",
        ">FR Introduction</span></a>",
        ">FR User guide</span></a>",
    ] {
        assert!(
            french.contains(wanted),
            "front matter: {wanted:?} in:\n{french}"
        );
    }
    let (en, fr) = (content(&english), content(&french));
    assert_eq!(
        heading_ids(fr),
        heading_ids(en),
        "the English anchors, so links to them still land:\n{fr}"
    );
    let notes = admonitions(fr);
    assert_eq!(notes.len(), admonitions(en).len(), "{fr}");
    assert!(
        notes[0].starts_with("theme-admonition-tip")
            && notes[0].contains("FR Translations live in Fluent catalogs"),
        "{}",
        notes[0]
    );
    assert!(
        notes[1].starts_with("theme-admonition-note")
            && notes[1].contains("FR Before you begin</div>")
            && notes[1].contains("FR You need Node.js 20 or newer and a terminal."),
        "the title and the body: {}",
        notes[1]
    );
    for wanted in [
        ">FR Welcome to the demo</h1>",
        "npm run build -- --locale fr",
        "FR Open the <a class= href=/fr/guide#configure>second page</a>",
    ] {
        assert!(fr.contains(wanted), "{wanted:?} in:\n{fr}");
    }
    assert!(
        en.contains("Translations live in Fluent catalogs") && !english.contains("FR "),
        "the English site stays English:\n{en}"
    );

    let english = built(&p, "build/guide/index.html");
    let french = built(&p, "build/fr/guide/index.html");
    let (en, fr) = (content(&english), content(&french));
    assert_eq!(heading_ids(fr), heading_ids(en), "{fr}");
    assert_eq!(
        heading_ids(en),
        ["configure", "examples", "details", "reference", "details-1"],
        "the second `Details` is `details-1`"
    );
    assert_eq!(admonitions(fr).len(), admonitions(en).len(), "{fr}");
    for wanted in [
        "tabs__item--active>FR With npm<",
        ">FR With Yarn<",
        "FR Run the build script from the site folder.",
        "FR Yarn runs the same script.",
        ">npm run build</span>",
        ">yarn build</span>",
        "FR Long titles make the sidebar hard to read.",
        "FR The page was built in <!-- -->2026<!-- --> with <em>Docusaurus</em>.",
        "FR Options are checked when the site is built. Go back to the \
         <a class= href=/fr/>introduction</a>.",
    ] {
        assert!(fr.contains(wanted), "{wanted:?} in:\n{fr}");
    }
}
