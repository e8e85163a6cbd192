//! A whole MkDocs site translated by the real binary and built by MkDocs
//! itself: `tests/fixtures/mkdocs-site/` (admonitions, tabs, a definition
//! list, abbreviations, a code block, links between pages) with the
//! mkdocs-static-i18n plugin reading French pages as `page.fr.md` beside
//! the English ones.
//!
//! MkDocs and the plugin live in the virtual environment that `.ci/run`
//! makes (`target/pyvenv`, or the folder of `FLUENTMARK_PYTHON`). Without
//! them the test that needs them prints why it skips, except under
//! `CI=true`, where a missing oracle fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::binary::{Project, text, translate_french};

/// The site's pages, under `docs/`.
const PAGES: &[&str] = &["guide/setup.md", "index.md"];

/// The Python with MkDocs and mkdocs-static-i18n, if there is one.
fn mkdocs_python() -> Option<PathBuf> {
    crate::common::python_with(
        "mkdocs, mkdocs_static_i18n",
        "mkdocs and mkdocs-static-i18n",
    )
}

/// A copy of the fixture site in a temporary folder.
fn site() -> Project {
    let p = Project::empty();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mkdocs-site"),
        &p.root,
    );
    p
}

/// Runs `python -m mkdocs build --strict` in the site; panics with its
/// output when it fails.
fn mkdocs_build(python: &Path, p: &Project) {
    let out = Command::new(python)
        .args(["-m", "mkdocs", "build", "--strict"])
        .current_dir(&p.root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mkdocs build --strict failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The part of `html` from the admonition `class` (`"note"`) to the end
/// of its `<div>`.
fn admonition<'a>(html: &'a str, class: &str) -> &'a str {
    let open = format!("<div class=\"admonition {class}\"");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {open} in:\n{html}"));
    let end = html[start..].find("</div>").expect("the admonition ends");
    &html[start..start + end]
}

/// Nobody translated anything yet: each French page is the English page,
/// byte for byte, where mkdocs-static-i18n reads it.
#[test]
fn an_untranslated_site_builds_each_page_byte_identical_beside_it() {
    let p = site();
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    for page in PAGES {
        let built = page.replace(".md", ".fr.md");
        assert_eq!(
            p.read_text(&format!("docs/{built}")),
            p.read_text(&format!("docs/{page}")),
            "docs/{built}"
        );
    }
}

/// extract, translate every message, build, and MkDocs renders the French
/// pages with the translations inside the admonitions, tabs and lists;
/// the French pages never become source pages.
#[test]
fn a_translated_mkdocs_site_builds_with_mkdocs_static_i18n() {
    let p = site();
    p.run(&["extract"]).expect_code(0);
    let catalogs = p.files("locales/en");
    assert_eq!(
        common::binary::keys(&catalogs),
        ["guide/setup.ftl", "index.ftl"],
        "one source catalog per page of docs_dir"
    );
    let index = text(&catalogs["index.ftl"]);
    for message in [
        "= Before you begin\n",
        "= Translated pages are written next to the English ones.\n",
        "= Install the package with conda from the community channel.\n",
    ] {
        assert!(
            index.contains(message),
            "admonition titles and bodies and tab bodies are messages: {message:?}\n{index}"
        );
    }
    assert!(
        !index.contains("!!!") && !index.contains("===") && !index.contains("pip install"),
        "markers and code are skeleton:\n{index}"
    );
    for page in PAGES {
        assert!(translate_french(&p, page) > 0, "{page} has messages");
    }

    p.run(&["build"]).expect_code(0);
    assert_eq!(
        common::binary::keys(&p.files("docs")),
        [
            "guide/setup.fr.md",
            "guide/setup.md",
            "index.fr.md",
            "index.md"
        ],
        "the French pages go beside the English ones, nowhere else"
    );
    assert!(!p.path("build").exists());
    let page = p.read_text("docs/index.fr.md");
    assert!(
        page.contains("!!! note \"FR Before you begin\"\n"),
        "{page}"
    );
    assert!(
        page.contains("    pip install demo-package\n"),
        "code is kept: {page}"
    );

    // A second extract reads only the English pages: the source catalogs
    // and the translations stay as they are.
    let locales = p.files("locales");
    p.run(&["extract"]).expect_code(0);
    let again = p.files("locales");
    assert_eq!(
        common::binary::keys(&again),
        common::binary::keys(&locales),
        "the *.fr.md pages are not source pages"
    );
    assert!(again == locales, "a second extract changed a catalog");

    let Some(python) = mkdocs_python() else {
        return;
    };
    mkdocs_build(&python, &p);
    let html = p.read_text("site/fr/index.html");
    // The anchors are the English ones (`heading_ids = "keep"`, the
    // default), so links to them from other pages still land.
    for wanted in [
        "<h1 id=\"welcome-to-the-demo\">FR Welcome to the demo<",
        "<h2 id=\"install\">FR Install<",
    ] {
        assert!(html.contains(wanted), "{wanted:?} in:\n{html}");
    }
    let note = admonition(&html, "note");
    assert!(
        note.contains("<p class=\"admonition-title\">FR Before you begin</p>"),
        "{note}"
    );
    assert!(
        note.contains("FR You need Python and a terminal."),
        "{note}"
    );
    let warning = admonition(&html, "warning");
    assert!(
        warning.contains("FR Translated pages are written next to the English ones."),
        "an admonition without a title: {warning}"
    );
    for wanted in [
        ">FR pip</label>",
        "FR Install the package with conda",
        "<dt>FR Catalog</dt>",
        "FR A file of messages for one page and one language.",
        "<abbr title=\"FR Hyper Text Markup Language\">HTML</abbr>",
        "pip install demo-package",
    ] {
        assert!(html.contains(wanted), "{wanted:?} in:\n{html}");
    }
    let setup = p.read_text("site/fr/guide/setup/index.html");
    for wanted in [
        "<p class=\"admonition-title\">FR Keep it short</p>",
        "<summary>FR Why a second file?</summary>",
        "id=\"configuration\"",
        "FR Extract the messages.",
    ] {
        assert!(setup.contains(wanted), "{wanted:?} in:\n{setup}");
    }
    let english = p.read_text("site/index.html");
    assert!(
        english.contains(">Before you begin<") && !english.contains("FR Before"),
        "the English site stays English:\n{english}"
    );
}
