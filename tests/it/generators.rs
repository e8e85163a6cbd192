//! Hugo, Jekyll and mdBook sites translated by the real binary and built
//! by the generators themselves, in the layout each one reads:
//!
//! - `tests/fixtures/hugo-site/`: English pages in `content/en`, French
//!   ones in `content/fr` (a `contentDir` per language in `hugo.toml`), a
//!   paired shortcode with a `title`, an image beside the pages, two
//!   headings with the same text, an explicit `{#id}`, links between pages;
//! - `tests/fixtures/jekyll-site/`: pages anywhere under the site root,
//!   French ones in `fr/`; Liquid, a kramdown attribute list `{: .class}`,
//!   an include, an image, the same headings;
//! - `tests/fixtures/mdbook-site/`: chapters in `src/`, French ones in
//!   the sibling `src-fr/` (so that `{{#include ../listings/hello.rs}}`
//!   resolves the same), built as a second book with `book.toml`'s `src`
//!   and `language` overridden from the environment.
//!
//! Each site: extract, translate every message (`FR ` before it), build,
//! then the generator renders the French pages with the translations, the
//! English heading anchors, and the images and includes found.
//!
//! The generators are where `.ci/run` installs them: `hugo` and `jekyll`
//! from the Debian packages (on `PATH`), `mdbook` from crates.io into
//! `target/cargo-tools/bin` (or on `PATH`); `FLUENTMARK_HUGO`,
//! `FLUENTMARK_JEKYLL` and `FLUENTMARK_MDBOOK` name another program.
//! Without one the part of the test that needs it prints why it skips,
//! except under `CI=true`, where a missing generator fails.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::binary::{Project, text, translate_french};

/// A copy of `tests/fixtures/<name>` in a temporary folder.
fn site(name: &str) -> Project {
    let p = Project::empty();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &p.root,
    );
    p
}

/// A copy of `tests/fixtures/<name>` without its `fluentmark.toml`, and
/// the one `fluentmark init --locales fr` writes from the generator's
/// configuration instead.
fn site_initialized(name: &str) -> Project {
    let p = site(name);
    std::fs::remove_file(p.path("fluentmark.toml")).unwrap();
    p.run(&["init", "--locales", "fr"]).expect_code(0);
    p
}

/// The generator program named by the variable `env`, or the first of
/// `candidates` that runs with `version` as its arguments. Without one,
/// prints why the test skips (a failure under `CI=true`).
fn generator(what: &str, env: &str, candidates: &[PathBuf], version: &[&str]) -> Option<PathBuf> {
    let candidates = match std::env::var_os(env) {
        Some(program) => vec![PathBuf::from(program)],
        None => candidates.to_vec(),
    };
    let found = candidates.into_iter().find(|program| {
        Command::new(program)
            .args(version)
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        let why = format!("{what} is missing (.ci/run installs it, or set {env})");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{why}; CI must build the site with it"
        );
        eprintln!("skipped: {why}");
    }
    found
}

/// Runs the generator in the site folder; panics with what it printed
/// when it fails, else returns what it printed (stdout, then stderr).
fn generate(p: &Project, program: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(&p.root)
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{} {args:?} failed:\n{printed}",
        program.display()
    );
    printed
}

/// The part of `html` between the first `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?} in:\n{html}"));
    &html[from..from + to]
}

/// The `id`s of the headings of `html`, in order.
fn heading_ids(html: &str) -> Vec<&str> {
    html.split("<h")
        .skip(1)
        .filter(|tag| tag.starts_with(|c: char| ('1'..='6').contains(&c)))
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let id = &tag[tag.find("id=\"")? + 4..];
            Some(&id[..id.find('"').unwrap_or(id.len())])
        })
        .collect()
}

/// Panics unless `html` contains each of `wanted`.
fn assert_contains(html: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(html.contains(w), "{w:?} in:\n{html}");
    }
}

/// Panics unless the untranslated French `pages` (under `french`) are the
/// English ones (under `english`), byte for byte, and `french` holds
/// exactly `files` (the pages and the other files of the content folder).
fn assert_untranslated_copy(p: &Project, english: &str, french: &str, files: &[&str]) {
    assert_eq!(
        common::binary::keys(&p.files(french)),
        files,
        "{french} holds the localized pages and the content's other files, nothing else"
    );
    for file in files {
        assert_eq!(
            p.read(&format!("{french}/{file}")),
            p.read(&format!("{english}/{file}")),
            "{french}/{file}"
        );
    }
}

/// A second `extract` after `build` reads only the source pages: the
/// French pages (inside the site, where the generator reads them) never
/// become source pages, and no catalog changes.
fn assert_built_pages_are_not_pages(p: &Project) {
    let locales = p.files("locales");
    p.run(&["extract"]).expect_code(0);
    let again = p.files("locales");
    assert_eq!(
        common::binary::keys(&again),
        common::binary::keys(&locales),
        "the French pages are not source pages"
    );
    assert!(again == locales, "a second extract changed a catalog");
}

/// Hugo's pages, under `content/en`.
const HUGO_PAGES: &[&str] = &["_index.md", "docs/setup.md"];

/// Hugo, from the Debian package (or `FLUENTMARK_HUGO`).
fn hugo() -> Option<PathBuf> {
    generator("hugo", "FLUENTMARK_HUGO", &["hugo".into()], &["version"])
}

/// Nobody translated anything yet: `content/fr` is `content/en`, byte for
/// byte, image included.
#[test]
fn an_untranslated_hugo_site_builds_each_page_byte_identical_in_content_fr() {
    let p = site("hugo-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(
        &p,
        "content/en",
        "content/fr",
        &["_index.md", "docs/img.png", "docs/setup.md"],
    );
}

/// Without `fluentmark.toml`, `fluentmark init` reads `hugo.toml`: the
/// untranslated French pages land where Hugo reads them all the same.
#[test]
fn init_writes_a_config_that_builds_where_hugo_reads() {
    let p = site_initialized("hugo-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(
        &p,
        "content/en",
        "content/fr",
        &["_index.md", "docs/img.png", "docs/setup.md"],
    );
}

/// extract, translate, build, and Hugo renders `/fr/` with the
/// translations (front matter, shortcode title and body, alt text), the
/// English anchors (Goldmark's `-1` for the second "Running the build"),
/// the French home page from `relref`, and the image beside the page.
#[test]
fn a_translated_hugo_site_builds_with_hugo() {
    let p = site("hugo-site");
    p.run(&["extract"]).expect_code(0);
    let catalogs = p.files("locales/en");
    assert_eq!(
        common::binary::keys(&catalogs),
        ["_index.ftl", "docs/setup.ftl"],
        "one source catalog per page of content/en"
    );
    let setup = text(&catalogs["docs/setup.ftl"]);
    for message in [
        "= Setting up the project\n",
        "= Warning\n",
        "= Do not edit the **built** pages: your changes would be lost.\n",
        "= ![The build pipeline]({ $img1 })\n",
        "= Running the build\n",
    ] {
        assert!(
            setup.contains(message),
            "front matter, shortcode titles and bodies, alt texts are messages: {message:?}\n{setup}"
        );
    }
    for skeleton in ["alert", "relref", "source_locale", "custom-anchor"] {
        assert!(
            !setup.contains(&format!("= {skeleton}")) && !setup.contains(&format!(" {skeleton} =")),
            "shortcode names, code and ids are skeleton: {skeleton:?}\n{setup}"
        );
    }
    for page in HUGO_PAGES {
        assert!(translate_french(&p, page) > 0, "{page} has messages");
    }
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        common::binary::keys(&p.files("content/fr")),
        ["_index.md", "docs/img.png", "docs/setup.md"],
        "the French pages go to Hugo's contentDir for French, with the image"
    );
    assert!(!p.path("build").exists());
    let page = p.read_text("content/fr/docs/setup.md");
    assert_contains(
        &page,
        &[
            "{{% alert title=\"FR Warning\" %}}\n",
            "{{% /alert %}}\n",
            "```toml\nsource_locale = \"en\"\nlocales = [\"fr\"]\n```\n",
            "({{< relref \"/_index.md\" >}})",
        ],
    );

    assert_built_pages_are_not_pages(&p);

    let Some(hugo) = hugo() else {
        return;
    };
    let cache = p.tmp.path().join("hugo-cache");
    let printed = generate(
        &p,
        &hugo,
        &["--quiet", "--cacheDir", cache.to_str().unwrap()],
        &[],
    );
    assert!(
        !printed.contains("ERROR") && !printed.contains("WARN"),
        "hugo printed:\n{printed}"
    );
    let english = p.read_text("public/docs/setup/index.html");
    let french = p.read_text("public/fr/docs/setup/index.html");
    assert_contains(
        &french,
        &[
            "<html lang=\"fr\">",
            "<h1 class=\"title\">FR Setting up the project</h1>",
            "FR Go back to the <a href=\"/fr/\">home page</a> at any time.",
            "FR Write the configuration file in the project folder:",
            "<span style=\"color:#a6e22e\">source_locale</span>",
            "<p class=\"alert-title\">FR Warning</p>",
            "FR Do not edit the <strong>built</strong>",
            "<p>FR <img src=\"../img.png\" alt=\"The build pipeline\"></p>",
            "FR See <a href=\"#configuration\">the configuration</a> again.",
        ],
    );
    let ids = heading_ids(between(&english, "<article>", "</article>"));
    assert_eq!(
        ids,
        [
            "configuration",
            "running-the-build",
            "running-the-build-1",
            "custom-anchor"
        ],
        "Goldmark's ids for the English page"
    );
    assert_eq!(
        heading_ids(between(&french, "<article>", "</article>")),
        ids,
        "the French headings keep the English anchors:\n{french}"
    );
    assert_eq!(
        p.read("public/fr/docs/img.png"),
        p.read("content/en/docs/img.png"),
        "the image the French page shows is published beside it"
    );
    let home = p.read_text("public/fr/index.html");
    assert_contains(
        &home,
        &[
            "<h1 class=\"title\">FR Welcome to the demo</h1>",
            "<h2 id=\"getting-started\">FR Getting started</h2>",
            "FR Read the <a href=\"docs/setup/\">setup guide</a>",
            "<a href=\"/fr/docs/\">",
        ],
    );
    assert!(
        !english.contains("FR ") && english.contains("<p class=\"alert-title\">Warning</p>"),
        "the English site stays English:\n{english}"
    );
}

/// Jekyll's pages, under the site root.
const JEKYLL_PAGES: &[&str] = &["docs/setup.md", "index.md"];

/// Jekyll, from the Debian package (or `FLUENTMARK_JEKYLL`).
fn jekyll() -> Option<PathBuf> {
    generator(
        "jekyll",
        "FLUENTMARK_JEKYLL",
        &["jekyll".into()],
        &["--version"],
    )
}

/// Nobody translated anything yet: `fr/` holds the pages and the image,
/// byte for byte, and none of Jekyll's own files (`_config.yml`,
/// `_layouts`, `_includes`) nor fluentmark's.
#[test]
fn an_untranslated_jekyll_site_builds_each_page_byte_identical_in_fr() {
    let p = site("jekyll-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(
        &p,
        ".",
        "fr",
        &["docs/img.png", "docs/setup.md", "index.md"],
    );
}

/// Without `fluentmark.toml`, `fluentmark init` reads `_config.yml`'s site: the
/// untranslated French pages land where Jekyll reads them all the same.
#[test]
fn init_writes_a_config_that_builds_where_jekyll_reads() {
    let p = site_initialized("jekyll-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(
        &p,
        ".",
        "fr",
        &["docs/img.png", "docs/setup.md", "index.md"],
    );
}

/// extract, translate, build, and Jekyll renders `/fr/` with the
/// translations, Liquid evaluated as in English, the kramdown attribute
/// list applied, the include found, the English anchors (kramdown's `-1`)
/// and the image beside the page.
#[test]
fn a_translated_jekyll_site_builds_with_jekyll() {
    let p = site("jekyll-site");
    p.run(&["extract"]).expect_code(0);
    let catalogs = p.files("locales/en");
    assert_eq!(
        common::binary::keys(&catalogs),
        ["docs/setup.ftl", "index.ftl"],
        "one source catalog per page of the site"
    );
    let setup = text(&catalogs["docs/setup.ftl"]);
    assert!(
        setup.contains("= Do not edit the **built** pages: your changes would be lost.\n"),
        "{setup}"
    );
    for skeleton in ["{: .warning}", "include note.html", "source_locale"] {
        assert!(
            !setup.contains(skeleton),
            "attribute lists, Liquid lines and code are skeleton: {skeleton:?}\n{setup}"
        );
    }
    for page in JEKYLL_PAGES {
        assert!(translate_french(&p, page) > 0, "{page} has messages");
    }
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        common::binary::keys(&p.files("fr")),
        ["docs/img.png", "docs/setup.md", "index.md"],
        "the French pages go to fr/, with the image"
    );
    let page = p.read_text("fr/docs/setup.md");
    assert_contains(
        &page,
        &[
            "\n{: .warning}\n",
            "\n{% include note.html %}\n",
            "{{ site.title }}",
        ],
    );

    assert_built_pages_are_not_pages(&p);

    let Some(jekyll) = jekyll() else {
        return;
    };
    let printed = generate(
        &p,
        &jekyll,
        &["build", "--quiet", "--disable-disk-cache"],
        &[],
    );
    assert!(
        !printed.contains("Error") && !printed.contains("Warning"),
        "jekyll printed:\n{printed}"
    );
    let english = p.read_text("_site/docs/setup.html");
    let french = p.read_text("_site/fr/docs/setup.html");
    assert_contains(
        &french,
        &[
            "<h1 class=\"title\">FR Setting up the project</h1>",
            "FR Go back to the <a href=\"../index.html\">home page</a> at any time.",
            "FR Write the configuration file in the Fluentmark Demo project folder:",
            "<span class=\"py\">source_locale</span>",
            "<p class=\"warning\">FR Do not edit the <strong>built</strong>",
            "<div class=\"note\">Built by Jekyll",
            "<p>FR <img src=\"img.png\" alt=\"The build pipeline\" /></p>",
            "FR See <a href=\"#configuration\">the configuration</a> again.",
        ],
    );
    let ids = heading_ids(between(&english, "<article>", "</article>"));
    assert_eq!(
        ids,
        [
            "configuration",
            "running-the-build",
            "running-the-build-1",
            "custom-anchor"
        ],
        "kramdown's ids for the English page"
    );
    assert_eq!(
        heading_ids(between(&french, "<article>", "</article>")),
        ids,
        "the French headings keep the English anchors:\n{french}"
    );
    assert_eq!(
        p.read("_site/fr/docs/img.png"),
        p.read("docs/img.png"),
        "the image the French page shows is published beside it"
    );
    let home = p.read_text("_site/fr/index.html");
    assert_contains(
        &home,
        &[
            "<h1 class=\"title\">FR Welcome to the demo</h1>",
            "<h2 id=\"getting-started\">FR Getting started</h2>",
            "FR Read the <a href=\"docs/setup.html\">setup guide</a>",
        ],
    );
    assert!(
        !english.contains("FR "),
        "the English site stays English:\n{english}"
    );
    assert!(
        !p.path("_site/fr/_config.yml").exists() && !p.path("_site/fr/locales").exists(),
        "nothing but pages and assets under _site/fr"
    );
}

/// mdBook's pages, under `src`.
const MDBOOK_PAGES: &[&str] = &["SUMMARY.md", "chapter_1.md", "introduction.md"];

/// mdBook, from crates.io into `target/cargo-tools` (or on `PATH`, or
/// `FLUENTMARK_MDBOOK`).
fn mdbook() -> Option<PathBuf> {
    generator(
        "mdbook",
        "FLUENTMARK_MDBOOK",
        &[
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/cargo-tools/bin/mdbook"),
            "mdbook".into(),
        ],
        &["--version"],
    )
}

/// Nobody translated anything yet: `src-fr` is `src`, byte for byte.
#[test]
fn an_untranslated_mdbook_builds_each_chapter_byte_identical_in_src_fr() {
    let p = site("mdbook-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(&p, "src", "src-fr", MDBOOK_PAGES);
}

/// Without `fluentmark.toml`, `fluentmark init` reads `book.toml`: the
/// untranslated French pages land where mdBook reads them all the same.
#[test]
fn init_writes_a_config_that_builds_where_mdbook_reads() {
    let p = site_initialized("mdbook-site");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_untranslated_copy(&p, "src", "src-fr", MDBOOK_PAGES);
}

/// extract, translate, build, and mdBook builds the French book from
/// `src-fr` with the translations (the summary's entries too), the
/// include found from the French chapter, and the English anchors
/// (mdBook's `-1` for the second "Running it").
#[test]
fn a_translated_mdbook_builds_with_mdbook() {
    let p = site("mdbook-site");
    p.run(&["extract"]).expect_code(0);
    let catalogs = p.files("locales/en");
    assert_eq!(
        common::binary::keys(&catalogs),
        ["SUMMARY.ftl", "chapter_1.ftl", "introduction.ftl"],
        "one source catalog per page of src"
    );
    let chapter = text(&catalogs["chapter_1.ftl"]);
    assert!(chapter.contains("= Running it\n"), "{chapter}");
    assert!(
        !chapter.contains("#include") && !chapter.contains("println"),
        "includes and code are skeleton:\n{chapter}"
    );
    assert!(
        text(&catalogs["SUMMARY.ftl"]).contains("Getting started]({ $link1 })\n"),
        "the summary's entries are messages"
    );
    for page in MDBOOK_PAGES {
        assert!(translate_french(&p, page) > 0, "{page} has messages");
    }
    // A summary entry is a link and nothing else: the translator
    // translates the link's text (`FR ` inside the brackets).
    let summary = p
        .read_text("locales/fr/SUMMARY.ftl")
        .replace("= FR [", "= [FR ");
    p.write("locales/fr/SUMMARY.ftl", summary);
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        common::binary::keys(&p.files("src-fr")),
        MDBOOK_PAGES,
        "the French chapters go to src-fr, beside src"
    );
    assert!(!p.path("build").exists() && !p.path("fr").exists());
    assert_contains(
        &p.read_text("src-fr/chapter_1.md"),
        &["```rust\n{{#include ../listings/hello.rs}}\n```\n"],
    );

    assert_built_pages_are_not_pages(&p);

    let Some(mdbook) = mdbook() else {
        return;
    };
    let english_printed = generate(&p, &mdbook, &["build", "-d", "book/en"], &[]);
    let printed = generate(
        &p,
        &mdbook,
        &["build", "-d", "book/fr"],
        &[
            ("MDBOOK_BOOK__SRC", "src-fr"),
            ("MDBOOK_BOOK__LANGUAGE", "fr"),
        ],
    );
    for printed in [&english_printed, &printed] {
        assert!(
            !printed.contains("ERROR") && !printed.contains("WARN"),
            "mdbook printed:\n{printed}"
        );
    }
    let english = p.read_text("book/en/chapter_1.html");
    let french = p.read_text("book/fr/chapter_1.html");
    assert_contains(
        &french,
        &[
            "<html lang=\"fr\"",
            "FR The program below prints a greeting:",
            "<code class=\"language-rust\">fn main() {\n    println!(\"Hello, world!\");\n}</code>",
            "go back to the <a href=\"introduction.html\">introduction</a>.",
        ],
    );
    assert!(
        !french.contains("#include"),
        "the include is resolved:\n{french}"
    );
    let ids = heading_ids(between(&english, "<main>", "</main>"));
    assert_eq!(
        ids,
        [
            "getting-started",
            "installing-the-tool",
            "running-it",
            "running-it-1"
        ],
        "mdBook's ids for the English chapter"
    );
    assert_eq!(
        heading_ids(between(&french, "<main>", "</main>")),
        ids,
        "the French headings keep the English anchors:\n{french}"
    );
    let intro = p.read_text("book/fr/introduction.html");
    assert_contains(
        &intro,
        &["FR Start with <a href=\"chapter_1.html#installing-the-tool\">the first chapter</a>."],
    );
    // The sidebar: in every page before mdBook 0.4.41, in toc.js since.
    let toc = ["book/fr/toc.js", "book/fr/chapter_1.html"]
        .iter()
        .find(|f| p.path(f).is_file())
        .map(|f| p.read_text(f))
        .unwrap();
    assert!(
        toc.contains("FR Getting started"),
        "the summary's entries are French in the sidebar:\n{toc}"
    );
    assert!(!english.contains("FR "), "the English book stays English");
}

/// Headings whose ids each id setting writes differently: accents,
/// dashes, underscores, duplicates.
const ID_HEADINGS: &str =
    "## Über das -- Ding!\n\nText.\n\n## A  b_c\n\nText.\n\n## Über das -- Ding!\n\nText.\n";

/// With each of the generator's id settings, a translated page keeps the
/// ids the generator gave the source page: the generator itself judges.
#[test]
fn heading_id_settings_are_kept_as_hugo_and_jekyll_compute_them() {
    if let Some(hugo) = hugo() {
        for id_type in ["github", "github-ascii", "blackfriday"] {
            let p = site("hugo-site");
            let config = p.read_text("hugo.toml");
            p.write(
                "hugo.toml",
                format!("{config}\n[markup.goldmark.parser]\nautoHeadingIDType = \"{id_type}\"\n"),
            );
            p.write(
                "content/en/ids.md",
                format!("---\ntitle: Ids\n---\n{ID_HEADINGS}"),
            );
            p.run(&["extract"]).expect_code(0);
            translate_french(&p, "ids.md");
            p.run(&["build"]).expect_code(0);
            let cache = p.tmp.path().join("hugo-cache");
            generate(
                &p,
                &hugo,
                &["--quiet", "--cacheDir", cache.to_str().unwrap()],
                &[],
            );
            let english = p.read_text("public/ids/index.html");
            let french = p.read_text("public/fr/ids/index.html");
            assert_eq!(
                heading_ids(&french),
                heading_ids(&english),
                "{id_type}:\n{french}"
            );
        }
    }
    if let Some(jekyll) = jekyll() {
        for input in ["GFM", "kramdown"] {
            let p = site("jekyll-site");
            let config = p.read_text("_config.yml");
            assert!(config.contains("  input: GFM\n"), "{config}");
            p.write(
                "_config.yml",
                config.replace("  input: GFM\n", &format!("  input: {input}\n")),
            );
            p.write("ids.md", format!("---\ntitle: Ids\n---\n{ID_HEADINGS}"));
            p.run(&["extract"]).expect_code(0);
            translate_french(&p, "ids.md");
            p.run(&["build"]).expect_code(0);
            generate(
                &p,
                &jekyll,
                &["build", "--quiet", "--disable-disk-cache"],
                &[],
            );
            let english = p.read_text("_site/ids.html");
            let french = p.read_text("_site/fr/ids.html");
            assert_eq!(
                heading_ids(&french),
                heading_ids(&english),
                "{input}:\n{french}"
            );
        }
    }
}
