//! Dialects from the command line: detection from the generator's
//! configuration, where localized pages go, and what `check` says about a
//! translation that would open one of the generator's blocks. (Rendering
//! by the generators' own parsers is in `mkdocs.rs` and `mkdocs_site.rs`.)

use crate::common::binary::Project;

const MKDOCS_YML: &str = "site_name: T\ndocs_dir: pages\nmarkdown_extensions:\n  - admonition\n  - pymdownx.blocks.admonition\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n";

const PAGE: &str = "# Guide\n\n!!! note \"Before you begin\"\n    Install the tool first.\n\n/// tip\n\nTip body.\n\n///\n";

/// A MkDocs project: `mkdocs.yml` beside `fluentmark.toml`, pages in its
/// `docs_dir`.
fn mkdocs_project(toml_extra: &str) -> Project {
    let p = Project::empty();
    p.write("mkdocs.yml", MKDOCS_YML);
    p.write(
        "fluentmark.toml",
        format!("source_locale = \"en\"\nlocales = [\"fr\"]\n{toml_extra}"),
    );
    p.write("pages/guide.md", PAGE);
    p
}

/// The IDs and texts of a catalog, as `id = text` lines.
fn entries(catalog: &str) -> Vec<String> {
    catalog
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .map(str::to_string)
        .collect()
}

fn id_of(entries: &[String], text: &str) -> String {
    entries
        .iter()
        .find(|e| e.ends_with(&format!(" = {text}")))
        .unwrap_or_else(|| panic!("no message `{text}` in {entries:?}"))
        .split(" = ")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn mkdocs_is_detected_and_reads_its_docs_dir() {
    let p = mkdocs_project("");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/guide.ftl"));
    let texts: Vec<&str> = source
        .iter()
        .map(|e| e.split(" = ").nth(1).unwrap())
        .collect();
    // The admonition's title and body, the block's default title and body:
    // no marker, type or fence is text.
    assert_eq!(
        texts,
        [
            "Guide",
            "Before you begin",
            "Install the tool first.",
            "Tip",
            "Tip body."
        ]
    );
}

#[test]
fn translated_titles_land_in_the_syntax_and_pages_beside_the_source() {
    let p = mkdocs_project("output_dir = \"pages\"\n[mkdocs]\ndocs_structure = \"suffix\"\n");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/guide.ftl"));
    let fr = [
        ("Guide", "Guide"),
        ("Before you begin", "Avant de commencer"),
        ("Install the tool first.", "Installez d'abord l'outil."),
        ("Tip", "Astuce"),
        ("Tip body.", "Corps de l'astuce."),
    ]
    .iter()
    .map(|(en, fr)| format!("{} = {fr}\n", id_of(&source, en)))
    .collect::<String>();
    p.write("locales/fr/guide.ftl", fr);
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        p.read_text("pages/guide.fr.md"),
        "# Guide\n\n!!! note \"Avant de commencer\"\n    Installez d'abord l'outil.\n\n/// tip | Astuce\n\nCorps de l'astuce.\n\n///\n"
    );
    // The localized page is not read back as a source page.
    let before = p.read("locales/en/guide.ftl");
    p.run(&["extract"]).expect_code(0);
    assert!(!p.path("locales/en/guide.fr.ftl").exists());
    assert_eq!(p.read("locales/en/guide.ftl"), before);
}

#[test]
fn the_folder_layout_may_be_the_docs_folder_itself() {
    let p = mkdocs_project("output_dir = \"pages\"\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read_text("pages/fr/guide.md"), PAGE);
    p.run(&["extract"]).expect_code(0);
    assert!(
        !p.path("locales/en/fr").exists(),
        "built pages read as pages"
    );
}

#[test]
fn check_reports_a_translation_that_opens_a_block() {
    let p = mkdocs_project("");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/guide.ftl"));
    let id = id_of(&source, "Tip body.");
    p.write(
        "locales/fr/guide.ftl",
        format!("{id} =\n    Corps.\n    !!! danger \"Piège\"\n"),
    );
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let found: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "markup-mismatch")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("`!!!`"), "{}", found[0]);
    // build keeps the source text for it.
    p.run(&["build"]).expect_code(0);
    assert!(p.read_text("build/fr/guide.md").contains("\nTip body.\n"));
}

#[test]
fn a_broken_mkdocs_yml_is_named() {
    let p = Project::empty();
    p.write("mkdocs.yml", "site_name: [\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.run(&["extract"])
        .expect_code(2)
        .expect_no_panic()
        .expect_stderr("mkdocs.yml");
}

#[test]
fn check_counts_mark_and_insert_spans() {
    let p = mkdocs_project("");
    p.write("pages/guide.md", "Some ==marked== and ^^inserted^^ text.\n");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/guide.ftl"));
    let id = id_of(&source, "Some ==marked== and ^^inserted^^ text.");
    p.write(
        "locales/fr/guide.ftl",
        format!("{id} = Du texte marqué et ^^inséré^^.\n"),
    );
    let run = p.run(&["check", "--format", "json"]);
    let found: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "markup-mismatch")
        .map(|d| format!("{} {}", d["severity"], d["message"]))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("warning") && found[0].contains("`==`"),
        "{}",
        found[0]
    );
}

const DOCUSAURUS_CONFIG: &str = "export default {\n  future: {v4: true},\n  presets: [['classic', {docs: {path: 'guides', sidebarPath: './sidebars.js'}}]],\n};\n";

const MDX_PAGE: &str = "---\ntitle: Setup\nsidebar_label: Set up\n---\n\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Setup\n\n:::tip[Before you start]\n\nPress <b>Ctrl</b> now.\n\n:::\n\n<Tabs>\n<TabItem value=\"npm\" label=\"With npm\">\n\nInstall it with npm.\n\n</TabItem>\n</Tabs>\n";

/// A Docusaurus site: the configuration in `website/`, pages in the docs
/// plugin's `path`.
fn docusaurus_project() -> Project {
    let p = Project::empty();
    p.write("website/docusaurus.config.js", DOCUSAURUS_CONFIG);
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("website/guides/setup.mdx", MDX_PAGE);
    p
}

#[test]
fn docusaurus_is_detected_and_mdx_syntax_is_skeleton() {
    let p = docusaurus_project();
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/setup.ftl"));
    let texts: Vec<&str> = source
        .iter()
        .map(|e| e.split(" = ").nth(1).unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Setup",
            "Set up",
            "Before you start",
            "Press { $tag1 }Ctrl{ $tag2 } now.",
            "With npm",
            "Install it with npm."
        ]
    );
}

#[test]
fn docusaurus_pages_land_in_i18n_and_translations_are_escaped_for_mdx() {
    let p = docusaurus_project();
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/setup.ftl"));
    let fr = [
        ("Setup", "Installation"),
        ("Set up", "Installer"),
        ("Before you start", "Avant de \"commencer\""),
        (
            "Press { $tag1 }Ctrl{ $tag2 } now.",
            "Appuyez sur { $tag1 }Ctrl{ $tag2 } { \"{\" }maintenant{ \"}\" } < 1 s.",
        ),
        ("With npm", "Avec \"npm\""),
        ("Install it with npm.", "Installez-le avec npm."),
    ]
    .iter()
    .map(|(en, fr)| format!("{} = {fr}\n", id_of(&source, en)))
    .collect::<String>();
    p.write("locales/fr/setup.ftl", fr);
    p.run(&["build"]).expect_code(0);
    let built = p.read_text("website/i18n/fr/docusaurus-plugin-content-docs/current/setup.mdx");
    assert!(
        built.contains("title: Installation\nsidebar_label: Installer\n"),
        "{built}"
    );
    assert!(built.contains("# Installation {/* #setup */}\n"), "{built}");
    assert!(
        built.contains(":::tip[Avant de \"commencer\"]\n"),
        "{built}"
    );
    assert!(
        built.contains("Appuyez sur <b>Ctrl</b> \\{maintenant\\} \\< 1 s.\n"),
        "{built}"
    );
    assert!(built.contains("label=\"Avec &quot;npm&quot;\""), "{built}");
    assert!(built.starts_with("---\ntitle: Installation"), "{built}");
    assert!(built.contains("import Tabs from '@theme/Tabs';\n"));
}

#[test]
fn check_reports_mdx_that_would_not_compile() {
    let p = docusaurus_project();
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/setup.ftl"));
    let id = id_of(&source, "Press { $tag1 }Ctrl{ $tag2 } now.");
    p.write(
        "locales/fr/setup.ftl",
        format!("{id} = Appuyez sur {{ $tag2 }}Ctrl{{ $tag1 }} maintenant.\n"),
    );
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let found: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "mdx-syntax")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("</b>"), "{}", found[0]);
}

#[test]
fn generators_are_detected_and_lay_out_their_locales() {
    // mdBook: `src-fr/` beside `src/`, images copied, includes resolve alike.
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\nsrc = \"book\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("book/SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n");
    p.write(
        "book/intro.md",
        "# Intro\n\n![Logo](img/logo.png)\n\n```rust\n{{#include ../listings/a.rs}}\n```\n",
    );
    p.write("book/img/logo.png", "PNG");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        p.read_text("book-fr/intro.md"),
        p.read_text("book/intro.md")
    );
    assert_eq!(p.read("book-fr/img/logo.png"), b"PNG");
    p.run(&["extract"]).expect_code(0);
    assert!(!p.path("locales/en/book-fr").exists());

    // Hugo, multilingual by folder: `content/en/` → `content/fr/`.
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/en/docs/page/index.md", "# Page\n\nText.\n");
    p.write("content/en/docs/page/shot.png", "PNG");
    p.run(&["extract"]).expect_code(0);
    assert!(p.path("locales/en/docs/page/index.ftl").exists());
    p.run(&["build"]).expect_code(0);
    assert!(p.path("content/fr/docs/page/index.md").exists());
    assert_eq!(p.read("content/fr/docs/page/shot.png"), b"PNG");

    // Jekyll: `<locale>/` under the site root; the site's files stay.
    let p = Project::empty();
    p.write("_config.yml", "title: T\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("docs/page.md", "# Page\n\nText {: .lead}\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert!(p.path("fr/docs/page.md").exists());
    assert!(!p.path("fr/_config.yml").exists());
    assert!(!p.path("fr/fluentmark.toml").exists());
    let source = entries(&p.read_text("locales/en/docs/page.ftl"));
    assert!(
        source.iter().any(|e| e.ends_with(" = Text { $tag1 }")),
        "{source:?}"
    );
}

#[test]
fn ids_stay_when_a_translated_heading_takes_a_later_ones_id() {
    // Hugo counts explicit ids in page order: once `## Setup` (setup) is
    // translated to `## Install`, written `{#setup}`, a later `## Install`
    // (install) keeps its id, and a `## Setup` after it stays `setup-1`.
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/page.md", "## Setup\n\n## `code`\n\n## Setup\n");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/page.ftl"));
    p.write(
        "locales/fr/page.ftl",
        format!("{} = Installation\n", id_of(&source, "Setup")),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        p.read_text("content/fr/page.md"),
        "## Installation {#setup}\n\n## `code`\n\n## Installation {#setup-1}\n"
    );
}

#[test]
fn init_writes_a_config_for_the_detected_generator_and_never_over_one() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\n");
    p.write("src/SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n");
    p.write("src/intro.md", "# Intro\n\nText.\n");
    p.run(&["init", "--locales", "fr,de"]).expect_code(0);
    let config = p.read_text("fluentmark.toml");
    for line in [
        "dialect = \"mdbook\"",
        "locales = [\"fr\", \"de\"]",
        "content_dir = \"src\"",
        "output_dir = \"src\"",
    ] {
        assert!(config.contains(line), "{line} not in\n{config}");
    }
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert!(p.path("src-fr/intro.md").exists());
    // Never over an existing configuration.
    let run = p.run(&["init", "--locales", "ja"]);
    run.expect_code(2).expect_stderr("there is one already");
    assert_eq!(p.read_text("fluentmark.toml"), config);
}

#[test]
fn a_new_locale_counts_every_message_as_new() {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/a.md", "One.\n\nTwo.\n");
    p.run(&["extract"]).expect_code(0);
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n",
    );
    let run = p.run(&["extract"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("extract de: 2 new message(s) to translate in project/locales/de/"),
        "{}",
        run.stdout
    );
    // Its catalogs are there, a header each, for Pontoon or Weblate.
    assert_eq!(
        p.read_text("locales/de/a.ftl"),
        "### de translations of `a.md`.\n### Source texts: locales/en/a.ftl.\n"
    );
    p.run(&["check", "--locale", "de"]).expect_code(0);
    let run = p.run(&["extract"]);
    assert!(
        run.stdout.contains("extract de: nothing new to translate"),
        "{}",
        run.stdout
    );
}

#[test]
fn hugo_shortcode_parameters_and_html_block_prose_are_messages() {
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "content/page.md",
        "{{% alert title=\"Warning\" color=\"red\" %}}\nBe careful.\n{{% /alert %}}\n\nSee {{< figure src=\"a.png\" caption=\"A cat\" >}} here.\n\n<details>\n<summary>More details</summary>\n\nHidden.\n\n</details>\n",
    );
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/page.ftl"));
    let texts: Vec<&str> = source
        .iter()
        .map(|e| e.split(" = ").nth(1).unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Warning",
            "Be careful.",
            "See { $tag1 }A cat{ $tag2 } here.",
            "More details",
            "Hidden."
        ]
    );
    let fr = [
        ("Warning", "Attention \"danger\""),
        (
            "See { $tag1 }A cat{ $tag2 } here.",
            "Voir { $tag1 }Un chat{ $tag2 } ici.",
        ),
        ("More details", "Plus de détails"),
    ]
    .iter()
    .map(|(en, fr)| format!("{} = {fr}\n", id_of(&source, en)))
    .collect::<String>();
    p.write("locales/fr/page.ftl", fr);
    p.run(&["build"]).expect_code(0);
    let built = p.read_text("content/fr/page.md");
    assert!(
        built.starts_with("{{% alert title=\"Attention \\\"danger\\\"\" color=\"red\" %}}\n"),
        "{built}"
    );
    assert!(
        built.contains("Voir {{< figure src=\"a.png\" caption=\"Un chat\" >}} ici."),
        "{built}"
    );
    assert!(
        built.contains("<summary>Plus de détails</summary>"),
        "{built}"
    );
    // A quote typed inside an inline parameter does not end it (nor can
    // it add a parameter): it is written escaped.
    let id = id_of(&source, "See { $tag1 }A cat{ $tag2 } here.");
    p.write(
        "locales/fr/page.ftl",
        format!("{id} = Voir {{ $tag1 }}Un \"chat\" color=\"red{{ $tag2 }} ici.\n"),
    );
    p.run(&["check", "--locale", "fr"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert!(
        p.read_text("content/fr/page.md")
            .contains("caption=\"Un \\\"chat\\\" color=\\\"red\" >}} ici."),
        "{}",
        p.read_text("content/fr/page.md")
    );
}

#[test]
fn output_layouts_suffix_and_template() {
    // Hugo's translation by file name: `page.fr.md` beside `page.md`.
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n[output]\nlayout = \"suffix\"\n",
    );
    p.write("content/docs/page.md", "Text.\n");
    p.write("content/docs/shot.png", "PNG");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read_text("content/docs/page.fr.md"), "Text.\n");
    assert!(!p.path("content/docs/shot.fr.png").exists());
    p.run(&["extract"]).expect_code(0);
    assert!(!p.path("locales/en/docs/page.fr.ftl").exists());

    // A template: `{locale}` in a folder, `{path}` at the end.
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\noutput_dir = \"site\"\n[output]\nlayout = \"i18n/{locale}/docs/{path}\"\n",
    );
    p.write("content/a/b.md", "Text.\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read_text("site/i18n/fr/docs/a/b.md"), "Text.\n");

    // A template that would not separate the locales is refused.
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n[output]\nlayout = \"{path}\"\n",
    );
    p.write("content/a.md", "Text.\n");
    p.run(&["extract"])
        .expect_code(2)
        .expect_stderr("fluentmark.toml:4: [output] layout `{path}`");
}

#[test]
fn manifest_removes_only_what_build_wrote() {
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/en/a.md", "A.\n");
    p.write("content/en/b.md", "B.\n");
    p.write("content/en/b.png", "PNG");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    // A page the French team wrote by hand, and a manifest entry that
    // tries to leave the folder: never removed.
    p.write("content/fr/own.md", "Page à nous.\n");
    p.write("keep.md", "Outside.\n");
    let manifest = p.path("content/fr/.fluentmark.manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let paths: Vec<&str> = text.lines().map(|l| l.split_once(' ').unwrap().1).collect();
    assert_eq!(paths, ["a.md", "b.md", "b.png"]);
    let hash = |path: &str| {
        text.lines()
            .find(|l| l.ends_with(path))
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string()
    };
    // Listed with another file's hash: not what build wrote there.
    std::fs::write(
        &manifest,
        format!(
            "{text}{} ../../keep.md\n{} own.md\n",
            hash("a.md"),
            hash("a.md")
        ),
    )
    .unwrap();
    // A translator's edit of a built page whose source is gone: kept.
    p.write("content/en/c.md", "C.\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    p.write("content/fr/c.md", "C, edited by hand.\n");
    std::fs::remove_file(p.path("content/en/c.md")).unwrap();
    std::fs::remove_file(p.path("content/en/b.md")).unwrap();
    std::fs::remove_file(p.path("content/en/b.png")).unwrap();
    p.run(&["extract"]).expect_code(0);
    let run = p.run(&["build"]);
    run.expect_code(0);
    assert!(!p.path("content/fr/b.md").exists());
    assert!(!p.path("content/fr/b.png").exists());
    assert!(p.path("content/fr/a.md").exists());
    assert!(p.path("keep.md").exists());
    assert!(p.path("content/fr/own.md").exists());
    assert_eq!(p.read_text("content/fr/c.md"), "C, edited by hand.\n");
    assert!(
        run.stdout.contains("2 removed (their page is gone)"),
        "{}",
        run.stdout
    );
    let after = std::fs::read_to_string(&manifest).unwrap();
    assert_eq!(
        after
            .lines()
            .map(|l| l.split_once(' ').unwrap().1)
            .collect::<Vec<_>>(),
        ["a.md"]
    );
}

#[test]
fn an_mdbook_summary_entry_stays_a_link_alone() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "src/SUMMARY.md",
        "# Summary\n\n- [Getting started](intro.md)\n",
    );
    p.write("src/intro.md", "# Intro\n");
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/SUMMARY.ftl"));
    // (A Fluent value starting with `[` is written `{ "[" }`.)
    let id = id_of(&source, "{ \"[\" }Getting started]({ $link1 })");
    p.write(
        "locales/fr/SUMMARY.ftl",
        format!("{id} = Pour [commencer]({{ $link1 }})\n"),
    );
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(1);
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("must stay one")),
        "{}",
        run.stdout
    );
    p.write(
        "locales/fr/SUMMARY.ftl",
        format!("{id} = {{ \"[\" }}Pour commencer]({{ $link1 }})\n"),
    );
    p.run(&["check", "--locale", "fr"]).expect_code(0);
}

#[test]
fn a_site_names_more_prose_parameters_per_shortcode() {
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n[hugo.shortcodes]\nalert = [\"summary\"]\n",
    );
    p.write(
        "content/page.md",
        "{{% alert summary=\"Read this\" color=\"red\" %}}\nBody.\n{{% /alert %}}\n\n{{% note summary=\"Not prose here\" %}}\nMore.\n{{% /note %}}\n",
    );
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/page.ftl"));
    let texts: Vec<&str> = source
        .iter()
        .map(|e| e.split(" = ").nth(1).unwrap())
        .collect();
    assert_eq!(texts, ["Read this", "Body.", "More."]);
}

#[test]
fn generator_id_settings_are_read_from_their_configuration() {
    for (config_file, config, page, id) in [
        (
            "hugo.toml",
            "baseURL = \"https://example.org/\"\n[markup.goldmark.parser]\nautoHeadingIDType = \"blackfriday\"\n",
            "content/page.md",
            "über-das-ding",
        ),
        (
            "hugo.toml",
            "baseURL = \"https://example.org/\"\n[markup.goldmark.parser]\nautoHeadingIDType = \"github-ascii\"\n",
            "content/page.md",
            "uber-das----ding",
        ),
        (
            "_config.yml",
            "title: T\nkramdown:\n  input: kramdown\n",
            "page.md",
            "ber-das----ding",
        ),
    ] {
        let p = Project::empty();
        p.write(config_file, config);
        p.write(
            "fluentmark.toml",
            "source_locale = \"en\"\nlocales = [\"fr\"]\n",
        );
        p.write(page, "## Über das -- Ding!\n");
        p.run(&["extract"]).expect_code(0);
        let catalog = format!(
            "locales/en/{}",
            page.rsplit('/').next().unwrap().replace(".md", ".ftl")
        );
        let source = entries(&p.read_text(&catalog));
        p.write(
            &catalog.replace("/en/", "/fr/"),
            format!("{} = Autre\n", id_of(&source, "Über das -- Ding!")),
        );
        p.run(&["build"]).expect_code(0);
        let built = if config_file == "hugo.toml" {
            "content/fr/page.md"
        } else {
            "fr/page.md"
        };
        assert_eq!(
            p.read_text(built),
            format!("## Autre {{#{id}}}\n"),
            "{config}"
        );
    }
}

#[test]
fn hugo_html_block_attributes_are_messages_with_html_quotes() {
    let p = Project::empty();
    p.write("hugo.toml", "baseURL = \"https://example.org/\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "content/page.md",
        "<figure>\n  <img src=\"a.png\" alt=\"A cat\">\n</figure>\n",
    );
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/page.ftl"));
    p.write(
        "locales/fr/page.ftl",
        format!("{} = Un \"chat\"\n", id_of(&source, "A cat")),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        p.read_text("content/fr/page.md"),
        "<figure>\n  <img src=\"a.png\" alt=\"Un &quot;chat&quot;\">\n</figure>\n"
    );
}

#[test]
fn a_project_folder_that_does_not_exist_is_named_so() {
    let p = Project::empty();
    let run =
        crate::common::binary::run_in(p.tmp.path(), std::path::Path::new("nowhere"), &["check"]);
    run.expect_code(2)
        .expect_stderr("nowhere: this project folder does not exist");
}

#[test]
fn a_quote_in_an_inline_tags_title_cannot_add_an_attribute() {
    let p = Project::empty();
    p.write("docusaurus.config.js", "export default {};\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "docs/a.mdx",
        "See <a href=\"/x\" title=\"Help page\">it</a> now.\n",
    );
    p.run(&["extract"]).expect_code(0);
    let source = entries(&p.read_text("locales/en/a.ftl"));
    let id = id_of(&source, "See { $tag1 }Help page{ $tag2 }it{ $tag3 } now.");
    p.write(
        "locales/fr/a.ftl",
        format!(
            "{id} = Voir {{ $tag1 }}Aide\" className=\"big{{ $tag2 }}ça{{ $tag3 }} maintenant.\n"
        ),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        p.read_text("i18n/fr/docusaurus-plugin-content-docs/current/a.mdx"),
        "Voir <a href=\"/x\" title=\"Aide&quot; className=&quot;big\">ça</a> maintenant.\n"
    );
}
