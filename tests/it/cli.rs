//! The `fluentmark` binary against fixture projects, as a user runs it.
//!
//! Each test copies a project from `tests/projects/<name>/` into a temporary
//! folder, runs the real binary with `--project <tmp>`, and looks at exit
//! codes, the files written and stable parts of the messages (file names,
//! line numbers, key names), never at the exact wording of summaries.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::binary::{Project, Run, keys, run_in, text};
use common::files;

/// The pages of the `basic` fixture (the `.hidden/` one excluded).
const BASIC_PAGES: &[&str] = &["_docs/guide.md", "index.md"];

// ---------------------------------------------------------------- extract

#[test]
fn extract_writes_one_source_catalog_per_page_and_skips_dot_folders() {
    let p = Project::from_fixture("basic");
    p.run(&["extract"]).expect_code(0);

    let catalogs = p.files("locales/en");
    assert_eq!(keys(&catalogs), ["_docs/guide.ftl", "index.ftl"]);
    assert!(
        !p.files("locales").keys().any(|k| k.contains("draft")),
        "pages in dot-folders are skipped: {:?}",
        keys(&p.files("locales"))
    );
    let index = text(&catalogs["index.ftl"]);
    assert!(index.contains("= Welcome\n"), "{index}");
    assert!(index.contains("= Getting started\n"), "{index}");
    assert!(
        index.contains("# $link1 = install.html\n"),
        "placeable values are shown to translators:\n{index}"
    );
    assert!(
        !index.contains("layout") && !index.contains("home"),
        "front matter keys not in `translate` are not messages:\n{index}"
    );
    assert!(
        !index.contains("```"),
        "code blocks are not messages:\n{index}"
    );
    let guide = text(&catalogs["_docs/guide.ftl"]);
    assert!(
        guide.contains("= A guide paragraph with **bold** text over two lines.\n"),
        "{guide}"
    );
    assert!(!p.path("build").exists(), "extract does not build pages");
}

#[test]
fn second_extract_changes_no_byte_and_no_modification_time() {
    let p = Project::from_fixture("basic");
    p.run(&["extract"]).expect_code(0);
    // A translator's catalog too: extract maintains those as well.
    let source = text(&p.read("locales/en/index.ftl")).to_string();
    let heading = source
        .lines()
        .find_map(|l| l.strip_suffix(" = Getting started"))
        .expect("the heading's message")
        .to_string();
    p.write(
        "locales/fr/index.ftl",
        format!("{heading} = Premiers pas\n"),
    );
    p.run(&["extract"]).expect_code(0);
    let before = p.files("locales");
    assert!(before.contains_key("en/index.ftl") && before.contains_key("fr/index.ftl"));

    // Back-date every catalog, so that a rewrite is visible whatever the
    // file system's timestamp resolution.
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for rel in before.keys() {
        let file = fs::File::options()
            .write(true)
            .open(p.path("locales").join(rel))
            .unwrap();
        file.set_modified(past).unwrap();
    }

    p.run(&["extract"]).expect_code(0);
    let after = p.files("locales");
    assert_eq!(keys(&before), keys(&after), "no catalog added or removed");
    for (rel, bytes) in &before {
        assert!(after[rel] == *bytes, "{rel} changed on the second extract");
        let modified = fs::metadata(p.path("locales").join(rel))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, past, "{rel} was rewritten on the second extract");
    }
    assert!(
        text(&after["fr/index.ftl"]).contains(&format!("{heading} = Premiers pas\n")),
        "the translation is kept:\n{}",
        text(&after["fr/index.ftl"])
    );
}

#[test]
fn extract_removes_the_source_catalog_of_a_deleted_page() {
    let p = Project::from_fixture("basic");
    p.run(&["extract"]).expect_code(0);
    assert!(p.path("locales/en/_docs/guide.ftl").is_file());
    // A translator's catalog for the same page: never silently dropped.
    p.write("locales/fr/_docs/guide.ftl", "guide-b21d = Guide\n");

    fs::remove_file(p.path("content/_docs/guide.md")).unwrap();
    p.run(&["extract"]).expect_code(0);

    assert!(
        !p.path("locales/en/_docs/guide.ftl").exists(),
        "the source catalog of a deleted page is removed"
    );
    assert!(
        p.path("locales/en/index.ftl").is_file(),
        "the other catalogs stay"
    );
    let kept = text(&p.read("locales/fr/_docs/guide.ftl")).to_string();
    assert!(
        kept.contains("guide-b21d = Guide\n"),
        "the translation of a deleted page is kept:\n{kept}"
    );
}

// ---------------------------------------------------------------- build

#[test]
fn build_without_translations_copies_every_page_byte_for_byte() {
    let p = Project::from_fixture("basic");
    p.run(&["build"]).expect_code(0);

    let built = p.files("build");
    let expected: Vec<String> = ["de", "fr"]
        .iter()
        .flat_map(|l| BASIC_PAGES.iter().map(move |page| format!("{l}/{page}")))
        .collect();
    assert_eq!(
        keys(&built),
        expected,
        "every page, every locale, no hidden page"
    );
    for (rel, bytes) in &built {
        let page = rel.split_once('/').unwrap().1;
        assert!(
            *bytes == p.read(&format!("content/{page}")),
            "build/{rel} differs from content/{page}"
        );
    }
}

#[test]
fn build_with_locale_builds_only_that_locale() {
    let p = Project::from_fixture("basic");
    p.run(&["build", "--locale", "fr"]).expect_code(0);

    let built = p.files("build");
    assert_eq!(keys(&built), ["fr/_docs/guide.md", "fr/index.md"]);
    assert!(!p.path("build/de").exists());
}

#[test]
fn build_with_an_unconfigured_locale_fails_naming_it() {
    let p = Project::from_fixture("basic");
    let run = p.run(&["build", "--locale", "xx"]);
    run.expect_code(2).expect_stderr("xx");
    assert!(
        !p.path("build").exists(),
        "nothing is built when a locale is wrong"
    );

    // One wrong locale among right ones still fails before writing.
    let run = p.run(&["build", "--locale", "fr", "--locale", "xx"]);
    run.expect_code(2).expect_stderr("xx");
    assert!(!p.path("build").exists());
}

const TRANSLATED_FR: &str = "\
---
title: Bienvenue
layout: home
---

# Premiers pas {#getting-started}

Lancez `pip install caffe2` après avoir lu le [guide d’installation](install.html).

```sh
pip install caffe2
```

> Une note citée
> sur deux lignes.

- Premier élément
- Second item

| Name | Meaning |
|------|---------|
| fr   | Français  |
";

#[test]
fn build_replaces_exactly_the_translated_messages() {
    let p = Project::from_fixture("translated");
    p.run(&["build"]).expect_code(0);

    assert_eq!(text(&p.read("build/fr/index.md")), TRANSLATED_FR);
    assert_eq!(
        p.read("build/de/index.md"),
        p.read("content/index.md"),
        "a locale without a catalog is the source page"
    );
}

#[test]
fn build_takes_link_targets_and_code_from_the_current_source_page() {
    let p = Project::from_fixture("translated");
    // The writer fixes the link and the command; the translator does nothing.
    let source = text(&p.read("content/index.md"))
        .replace("(install.html)", "(docs/install.html)")
        .replace("`pip install caffe2`", "`pip install caffe2==1.0`");
    p.write("content/index.md", &source);
    p.run(&["build", "--locale", "fr"]).expect_code(0);

    let expected = TRANSLATED_FR
        .replace("(install.html)", "(docs/install.html)")
        .replace("`pip install caffe2`", "`pip install caffe2==1.0`");
    assert_eq!(text(&p.read("build/fr/index.md")), expected);
}

#[test]
fn build_keeps_crlf_and_byte_order_mark_of_untranslated_pages() {
    let p = Project::from_fixture("line-endings");
    let lf = text(&p.read("content/page.md")).to_string();
    let crlf = lf.replace('\n', "\r\n");
    p.write("content/crlf.md", &crlf);
    p.write("content/bom.md", format!("\u{feff}{lf}"));
    p.write("content/bom-crlf.md", format!("\u{feff}{crlf}"));

    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    for page in ["page.md", "crlf.md", "bom.md", "bom-crlf.md"] {
        assert!(
            p.read(&format!("build/fr/{page}")) == p.read(&format!("content/{page}")),
            "build/fr/{page} differs from its source:\n{:?}",
            text(&p.read(&format!("build/fr/{page}")))
        );
    }
    // Same messages; only the fingerprint of the page's bytes differs.
    let messages = |catalog: &str| -> String {
        catalog
            .lines()
            .filter(|l| !l.starts_with("# Page fingerprint"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let catalog = text(&p.read("locales/en/crlf.ftl")).replace("\r\n", "\n");
    assert_eq!(
        messages(&catalog.replace("crlf.md", "page.md")),
        messages(text(&p.read("locales/en/page.ftl"))),
        "a CRLF page has the same messages as its LF twin"
    );
}

#[test]
fn build_keeps_crlf_and_byte_order_mark_of_translated_pages() {
    let p = Project::from_fixture("line-endings");
    let lf = text(&p.read("content/page.md")).to_string();
    p.write(
        "content/page.md",
        format!("\u{feff}{}", lf.replace('\n', "\r\n")),
    );
    p.run(&["extract"]).expect_code(0);
    let source = text(&p.read("locales/en/page.ftl")).to_string();
    // Translate every message by its source text, found in the catalog.
    let id = |text: &str| {
        source
            .lines()
            .find_map(|l| l.strip_suffix(&format!(" = {text}")))
            .unwrap_or_else(|| panic!("no message {text:?} in\n{source}"))
            .to_string()
    };
    p.write(
        "locales/fr/page.ftl",
        format!(
            "{} = Fins de ligne\n{} = Titre\n{} =\n    Un paragraphe\n    sur deux lignes.\n{} =\n    cité\n    texte\n",
            id("Line endings"),
            id("Heading"),
            id("A paragraph over two lines."),
            id("quoted text"),
        ),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "\u{feff}---\r\ntitle: Fins de ligne\r\n---\r\n\r\n# Titre {#heading}\r\n\r\n\
         Un paragraphe\r\nsur deux lignes.\r\n\r\n> cité\r\n> texte\r\n\r\n```\r\ncode\r\n```\r\n"
    );
}

// ---------------------------------------------------------------- bad pages

/// The `broken` fixture plus a page that is not UTF-8 (made here: no
/// binary fixtures in the repository).
fn broken_project() -> Project {
    let p = Project::from_fixture("broken");
    p.write("content/latin1.md", b"# Caf\xc3\xa9\n\nCaf\xe9 au lait.\n");
    p
}

/// Each bad page with the `path:line` its error must name.
const BAD_PAGES: &[(&str, &str)] = &[
    ("bad-yaml.md", "bad-yaml.md:4:"),
    ("crash.md", "crash.md:1:"),
    ("latin1.md", "latin1.md:3:"),
    ("unterminated.md", "unterminated.md:1:"),
];

#[test]
fn extract_reports_each_bad_page_and_extracts_the_others() {
    let p = broken_project();
    let run = p.run(&["extract"]);
    run.expect_code(2);
    for (page, at) in BAD_PAGES {
        let lines = run.stderr_lines(at);
        assert_eq!(
            lines.len(),
            1,
            "{page}: one error naming {at:?}\n--- stderr\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr_lines("bad-yaml.md")[0].contains("YAML"),
        "{}",
        run.stderr
    );
    assert_eq!(
        keys(&p.files("locales/en")),
        ["_docs/also-good.ftl", "good.ftl"],
        "the good pages are extracted, the bad ones get no catalog"
    );
}

#[test]
fn build_reports_each_bad_page_and_builds_the_others() {
    let p = broken_project();
    let run = p.run(&["build"]);
    run.expect_code(2);
    for (page, at) in BAD_PAGES {
        assert_eq!(
            run.stderr_lines(at).len(),
            1,
            "{page}: one error naming {at:?}\n--- stderr\n{}",
            run.stderr
        );
    }
    assert_eq!(
        keys(&p.files("build")),
        [
            "de/_docs/also-good.md",
            "de/good.md",
            "fr/_docs/also-good.md",
            "fr/good.md"
        ]
    );
    assert_eq!(p.read("build/fr/good.md"), p.read("content/good.md"));
}

#[test]

fn parser_crash_is_reported_as_an_error_not_a_panic() {
    let p = Project::from_fixture("broken");
    let run = p.run(&["extract"]);
    run.expect_code(2).expect_stderr("crash.md:1:");
    assert!(
        !run.stderr.contains("panicked"),
        "the user sees a panic message:\n{}",
        run.stderr
    );
}

#[test]

fn yaml_error_names_only_the_page_line() {
    let p = Project::from_fixture("broken");
    let run = p.run(&["extract"]);
    let line = run.stderr_lines("bad-yaml.md")[0];
    // The bad value `@oops` is on page line 4 (YAML line 3).
    assert!(line.contains("bad-yaml.md:4:"), "{line}");
    assert!(
        !line.contains("line 3"),
        "one error, two different line numbers: {line}"
    );
}

// ---------------------------------------------------------------- catalogs

#[test]
fn catalog_syntax_error_warns_with_file_and_line_and_builds_the_rest() {
    let p = Project::from_fixture("bad-catalog");
    let run = p.run(&["build"]);
    run.expect_code(0);
    // Line 4 of locales/fr/page.ftl lacks its `=`.
    let warnings = run.stderr_lines("page.ftl:4");
    assert_eq!(warnings.len(), 1, "--- stderr\n{}", run.stderr);
    assert!(
        warnings[0].contains(&format!("locales{}fr", std::path::MAIN_SEPARATOR)),
        "{}",
        warnings[0]
    );
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "# Titre {#title}\n\nFirst paragraph.\n\nDeuxième paragraphe.\n",
        "the good messages are used, the broken one keeps the source text"
    );
}

#[test]

fn catalog_syntax_error_names_the_line_of_the_broken_message() {
    let p = Project::from_fixture("bad-catalog");
    p.write(
        "locales/fr/page.ftl",
        "title-066a = Titre\n\
         first-paragraph-99f7 = Premier { paragraphe\n\
         second-paragraph-d2f4 = Deuxième paragraphe.\n",
    );
    let run = p.run(&["build"]);
    run.expect_code(0);
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "# Titre {#title}\n\nFirst paragraph.\n\nDeuxième paragraphe.\n"
    );
    // The broken message is on line 2; line 3 is a good message that is used.
    let warnings = run.stderr_lines("page.ftl:");
    assert_eq!(warnings.len(), 1, "--- stderr\n{}", run.stderr);
    assert!(warnings[0].contains("page.ftl:2:"), "{}", warnings[0]);
}

// ---------------------------------------------------------------- config

/// Runs `command` on the `basic` project with `config` as its configuration.
fn with_config(config: Option<&str>, command: &str) -> Run {
    let p = Project::from_fixture("basic");
    match config {
        Some(c) => p.write("fluentmark.toml", c),
        None => fs::remove_file(p.path("fluentmark.toml")).unwrap(),
    }
    let run = p.run(&[command]);
    assert!(
        !p.path("locales").exists() && !p.path("build").exists(),
        "nothing is written when the configuration is wrong"
    );
    run
}

#[test]
fn missing_config_file_is_an_error_naming_it() {
    for command in ["extract", "build"] {
        with_config(None, command)
            .expect_code(2)
            .expect_stderr("fluentmark.toml");
    }
}

#[test]
fn unknown_config_key_is_an_error_naming_the_key() {
    let run = with_config(
        Some("source_locale = \"en\"\nlocales = [\"fr\"]\ncolour = \"blue\"\n"),
        "extract",
    );
    run.expect_code(2)
        .expect_stderr("fluentmark.toml:3")
        .expect_stderr("colour");

    let run = with_config(
        Some(
            "source_locale = \"en\"\nlocales = [\"fr\"]\n\n[front_matter]\ntranslate = []\nkeys = 1\n",
        ),
        "build",
    );
    run.expect_code(2)
        .expect_stderr("fluentmark.toml:6")
        .expect_stderr("keys");
}

#[test]
fn source_locale_in_locales_is_an_error() {
    let run = with_config(
        Some("source_locale = \"en\"\nlocales = [\"fr\", \"en\"]\n"),
        "build",
    );
    run.expect_code(2)
        .expect_stderr("fluentmark.toml")
        .expect_stderr("`locales`")
        .expect_stderr("`en`");
}

#[test]
fn missing_content_dir_is_an_error_naming_it() {
    let run = with_config(
        Some("source_locale = \"en\"\nlocales = [\"fr\"]\ncontent_dir = \"docs\"\n"),
        "extract",
    );
    run.expect_code(2).expect_stderr("docs");

    // The default `content` folder, absent.
    let p = Project::from_fixture("basic");
    fs::rename(p.path("content"), p.path("pages")).unwrap();
    for command in ["extract", "build"] {
        p.run(&[command]).expect_code(2).expect_stderr("content");
    }
    assert!(!p.path("locales").exists() && !p.path("build").exists());
}

// ---------------------------------------------------------------- usage

#[test]
fn quiet_prints_nothing_but_problems() {
    let p = broken_project();
    for command in ["extract", "build"] {
        let run = p.run(&["--quiet", command]);
        run.expect_code(2).expect_stderr("crash.md:1:");
        assert_eq!(run.stdout, "", "{command} --quiet");
    }
    let p = Project::from_fixture("basic");
    for command in ["extract", "build"] {
        let run = p.run(&["-q", command]);
        run.expect_code(0);
        assert_eq!(run.stdout, "", "{command} -q");
        assert_eq!(run.stderr, "", "{command} -q");
    }
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::from_fixture("basic");
    p.run(&["translate"])
        .expect_code(2)
        .expect_stderr("translate");
    p.run(&["build", "--colour"])
        .expect_code(2)
        .expect_stderr("--colour");
    p.run(&["build", "--locale"]).expect_code(2);
    assert!(!p.path("locales").exists() && !p.path("build").exists());
}

// ---------------------------------------------------------------- --project

#[test]
fn project_option_works_from_any_working_directory() {
    let p = Project::from_fixture("basic");
    let elsewhere = p.tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();

    // Absolute path.
    run_in(&elsewhere, &p.root, &["extract"]).expect_code(0);
    // Relative to the working directory, not to anything else.
    run_in(&elsewhere, Path::new("../project"), &["build"]).expect_code(0);

    assert!(
        files(&elsewhere).is_empty(),
        "nothing is written in the working directory"
    );
    assert_eq!(
        keys(&p.files("locales/en")),
        ["_docs/guide.ftl", "index.ftl"]
    );
    assert_eq!(keys(&p.files("build")).len(), 4);

    // Without --project, the working directory is the project.
    let output = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .arg("extract")
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("fluentmark.toml"));
}

// ---------------------------------------------------------------- writes

#[test]
fn extract_and_build_write_only_in_locales_dir_and_output_dir() {
    let p = Project::from_fixture("custom-dirs");
    let before = p.files("");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    p.run(&["extract"]).expect_code(0);
    let after = p.files("");

    let inside = |rel: &str| rel.starts_with("i18n/") || rel.starts_with("site/out/");
    let outside = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        m.iter()
            .filter(|(rel, _)| !inside(rel))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    assert!(
        outside(&before) == outside(&after),
        "files outside i18n/ and site/out/ changed: before {:?}, after {:?}",
        keys(&outside(&before)),
        keys(&outside(&after))
    );
    let new: Vec<&str> = after
        .keys()
        .filter(|k| !before.contains_key(*k))
        .map(String::as_str)
        .collect();
    for expected in [
        "i18n/en/index.ftl",
        "i18n/en/notes.ftl",
        "site/out/fr/index.md",
        "site/out/fr/notes.md",
        "site/out/pt-BR/index.md",
        "site/out/pt-BR/notes.md",
    ] {
        assert!(new.contains(&expected), "{expected} not written: {new:?}");
    }
    for rel in &new {
        let name = rel.rsplit('/').next().unwrap();
        assert!(
            !name.starts_with('.') && (name.ends_with(".ftl") || name.ends_with(".md")),
            "{rel}: a temporary or unexpected file is left behind"
        );
        assert!(
            rel.starts_with("site/out/") == name.ends_with(".md"),
            "{rel}: catalogs in i18n/, pages in site/out/"
        );
    }
    assert!(
        keys(&after)
            .iter()
            .filter(|k| k.starts_with("site/out/"))
            .count()
            == 4,
        "only pages are built, in the configured locales: {:?}",
        keys(&after)
    );
    // The configured folders are really used: pt-BR falls back to pt.
    assert_eq!(text(&after["site/out/pt-BR/index.md"]), "# Home\n\nOlá.\n");
    assert_eq!(
        text(&after["site/out/fr/index.md"]),
        "# Accueil {#home}\n\nHello.\n"
    );
}

#[test]
fn content_dir_at_project_root_ignores_output_and_locales() {
    let p = Project::from_fixture("root-content");
    for _ in 0..2 {
        p.run(&["extract"]).expect_code(0);
        p.run(&["build"]).expect_code(0);
    }
    assert_eq!(
        keys(&p.files("locales/en")),
        ["_docs/guide.ftl", "index.ftl"],
        "built pages are not source pages"
    );
    assert_eq!(
        keys(&p.files("build")),
        ["fr/_docs/guide.md", "fr/index.md"],
        "built pages are not built again"
    );
}

#[test]
fn completions_and_manual_page_come_from_the_cli_definitions() {
    let p = Project::empty();
    let run = p.run(&["completions", "bash"]);
    run.expect_code(0);
    for word in [
        "extract", "build", "check", "status", "init", "export", "import",
    ] {
        assert!(run.stdout.contains(word), "{word} not completed");
    }
    // The script is valid bash.
    let script = p.tmp.path().join("fluentmark.bash");
    std::fs::write(&script, &run.stdout).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let man = p.run(&["man"]);
    man.expect_code(0);
    assert!(
        man.stdout.contains(".SH NAME") && man.stdout.contains("extract"),
        "{}",
        man.stdout
    );
}

#[test]
fn the_fuzzy_warning_shows_the_source_text_now_and_before() {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "content/a.md",
        "Install the tool with your package manager.\n",
    );
    p.run(&["extract"]).expect_code(0);
    let id = source_id(&p, "a", "Install");
    p.write(
        "locales/fr/a.ftl",
        format!("{id} = Installez l'outil avec votre gestionnaire de paquets.\n"),
    );
    p.write(
        "content/a.md",
        "Install the tool with your system's package manager.\n",
    );
    p.run(&["extract"]).expect_code(0);
    let run = p.run(&["check", "--format", "json"]);
    let fuzzy: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "fuzzy")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fuzzy.len(), 1, "{}", run.stdout);
    assert!(
        fuzzy[0].contains("now `Install the tool with your system's package manager.`")
            && fuzzy[0].contains("it was `Install the tool with your package manager.`"),
        "{}",
        fuzzy[0]
    );
}

#[test]
fn a_mistyped_id_gets_a_did_you_mean() {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/a.md", "Install the tool.\n\nRun it.\n");
    p.run(&["extract"]).expect_code(0);
    let id = source_id(&p, "a", "Install");
    // One character of the hash mistyped.
    let typo = format!("{}x", &id[..id.len() - 1]);
    p.write("locales/fr/a.ftl", format!("{typo} = Installez l'outil.\n"));
    let run = p.run(&["check", "--format", "json"]);
    let hints: Vec<String> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "obsolete")
        .map(|d| d["hint"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(hints.len(), 1, "{}", run.stdout);
    assert!(
        hints[0].contains(&format!("did you mean `{id}`?")),
        "{}",
        hints[0]
    );
}

#[test]
fn extract_says_did_you_mean_when_it_moves_a_mistyped_id_to_obsolete() {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/a.md", "Install the tool.\n\nRun it.\n");
    p.run(&["extract"]).expect_code(0);
    let install = source_id(&p, "a", "Install");
    let run_it = source_id(&p, "a", "Run it.");
    // One character of the hash mistyped, and an entry nothing like any
    // message.
    let typo = format!("{}x", &install[..install.len() - 1]);
    p.write(
        "locales/fr/a.ftl",
        format!("{run_it} = Lancez-le.\n{typo} = Installez l'outil.\nzzz = Rien.\n"),
    );
    // The writer edits the page: extract merges its catalogs.
    p.write("content/a.md", "Install the tool.\n\nRun it.\n\nDone.\n");
    let run = p.run(&["extract"]);
    run.expect_code(0);
    let catalog = p.read_text("locales/fr/a.ftl");
    let line = 1 + catalog
        .lines()
        .position(|l| l.starts_with(&format!("{typo} =")))
        .unwrap_or_else(|| panic!("{typo} kept:\n{catalog}"));
    assert!(
        catalog[..catalog.find(&typo).unwrap()].contains("## Obsolete"),
        "{catalog}"
    );
    run.line(
        &format!("locales/fr/a.ftl:{line}:"),
        &[
            &format!("`{typo}`"),
            &format!("did you mean `{install}`?"),
            "rename",
        ],
    );
    // The entry that is close to nothing gets no guess.
    assert!(run.stderr_lines("zzz").is_empty(), "{}", run.stderr);
    assert_eq!(run.stderr_lines("did you mean").len(), 1, "{}", run.stderr);
}

#[test]
fn a_locale_that_is_no_language_is_a_warning_naming_the_code() {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"french\", \"xx\", \"qaa\"]\n",
    );
    p.write("content/a.md", "Text.\n");
    let run = p.run(&["extract"]);
    run.expect_code(0);
    run.line("`french`", &["French is `fr`", "custom_locales"]);
    run.line("`xx`", &["not a known language code"]);
    assert!(run.stderr_lines("`qaa`").is_empty(), "{}", run.stderr);
    // Listed as meant: no warning.
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"xx\"]\ncustom_locales = [\"xx\"]\n",
    );
    let run = p.run(&["extract"]);
    assert!(run.stderr_lines("warning").is_empty(), "{}", run.stderr);
}

#[test]
fn build_watch_rebuilds_a_saved_page_a_saved_catalog_and_a_saved_glossary() {
    use std::io::{BufRead, BufReader};
    use std::time::{Duration, Instant};
    let p = Project::empty();
    // fr-CA falls back to fr.
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"fr-CA\"]\n",
    );
    p.write("content/a.md", "Hello.\n");
    p.run(&["extract"]).expect_code(0);
    let id = source_id(&p, "a", "Hello.");
    p.write("locales/fr/.keep", "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .args(["--project", "project", "build", "--watch"])
        .current_dir(p.tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // The first build, then the watcher says it is watching.
    for line in lines.by_ref() {
        if line.unwrap().starts_with("watching") {
            break;
        }
    }
    // Waits (at most 20 s, a bound, not a timing) until the built page of
    // `locale` is `want`.
    let wait = |child: &mut std::process::Child, locale: &str, want: &str| {
        let built = p.path(&format!("build/{locale}/a.md"));
        let start = Instant::now();
        while fs::read_to_string(&built).ok().as_deref() != Some(want) {
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().ok();
                panic!(
                    "not rebuilt as {want:?} in 20 s: {:?}",
                    fs::read_to_string(&built)
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    // A translator saves the catalog: the page is rebuilt for fr, and for
    // fr-CA, which falls back to it.
    p.write("locales/fr/a.ftl", format!("{id} = Bonjour.\n"));
    wait(&mut child, "fr", "Bonjour.\n");
    wait(&mut child, "fr-CA", "Bonjour.\n");
    // A writer saves the page: rebuilt, the translation still used.
    p.write("content/a.md", "Hello.\n\nMore.\n");
    wait(&mut child, "fr", "Bonjour.\n\nMore.\n");
    wait(&mut child, "fr-CA", "Bonjour.\n\nMore.\n");
    // A translator saves the glossary a translation uses: rebuilt with the
    // term's new text (the project reads glossaries once: it is reloaded).
    p.write("locales/fr/_terms.ftl", "-greeting = Salut\n");
    p.write("locales/fr/a.ftl", format!("{id} = {{ -greeting }}.\n"));
    wait(&mut child, "fr", "Salut.\n\nMore.\n");
    p.write("locales/fr/_terms.ftl", "-greeting = Coucou\n");
    wait(&mut child, "fr", "Coucou.\n\nMore.\n");
    child.kill().ok();
    child.wait().ok();
}

#[test]
fn extract_watch_extracts_a_saved_page_and_its_own_catalogs_do_not_loop() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    let p = Project::empty();
    // The catalogs inside the watched folder: extract's own writes are
    // events there.
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\ncontent_dir = \".\"\n",
    );
    p.write("a.md", "Hello.\n");
    p.write("locales/fr/.keep", "");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .args(["--project", "project", "extract", "--watch"])
        .current_dir(p.tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // The next line that starts with `start` (at most 20 s: a bound, not
    // a timing).
    let next = |child: &mut std::process::Child, start: &str| -> String {
        loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(line) if line.starts_with(start) => return line,
                Ok(_) => {}
                Err(e) => {
                    child.kill().ok();
                    panic!("no line starting with {start:?}: {e}");
                }
            }
        }
    };
    next(&mut child, "watching");
    assert!(p.read_text("locales/en/a.ftl").contains(" = Hello.\n"));
    // A writer saves the page: one line, naming it; the source catalog
    // has the new message, and the French catalog lists it to translate.
    p.write("a.md", "Hello.\n\nA new paragraph.\n");
    let line = next(&mut child, "extracted");
    assert!(
        line.contains("a.md") && line.contains("1 page(s) changed"),
        "{line}"
    );
    assert!(
        p.read_text("locales/en/a.ftl")
            .contains(" = A new paragraph.\n")
    );
    // Saved again: the next line is this save's, not one started by the
    // catalogs the last extraction wrote.
    p.write("a.md", "Hello.\n\nAnother paragraph.\n");
    let line = next(&mut child, "extracted");
    assert!(
        line.contains("a.md") && line.contains("1 page(s) changed"),
        "{line}"
    );
    assert!(
        p.read_text("locales/en/a.ftl")
            .contains(" = Another paragraph.\n")
    );
    child.kill().ok();
    child.wait().ok();
}

/// The ID of the message of page `<page>.md` whose text starts with
/// `text`, from its source catalog.
fn source_id(p: &Project, page: &str, text: &str) -> String {
    let source = p.read_text(&format!("locales/en/{page}.ftl"));
    source
        .lines()
        .find(|l| l.contains(&format!(" = {text}")))
        .unwrap_or_else(|| panic!("no message `{text}` in\n{source}"))
        .split(" = ")
        .next()
        .unwrap()
        .to_string()
}

/// Debian's Chromium, if there is one (`.ci/run` installs it); `None`
/// with a printed reason, except under `CI=true`, where it fails.
fn chromium() -> Option<std::path::PathBuf> {
    let path = std::path::PathBuf::from("/usr/bin/chromium");
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "chromium is missing (.ci/run installs it); CI must render the status page"
    );
    eprintln!("skipped: chromium is missing (.ci/run installs it)");
    None
}

#[test]
fn the_status_page_renders_in_a_browser_on_a_phone_and_in_dark_mode() {
    let Some(chromium) = chromium() else { return };
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n",
    );
    p.write("content/a.md", "One.\n\nTwo.\n");
    p.write("content/b.md", "Three.\n");
    p.run(&["extract"]).expect_code(0);
    let run = p.run(&["status", "--format", "html"]);
    run.expect_code(0);
    let page = p.tmp.path().join("status.html");
    fs::write(&page, &run.stdout).unwrap();
    let shot = |name: &str, args: &[&str]| {
        let png = p.tmp.path().join(name);
        let out = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
            ])
            .args(args)
            .arg(format!("--screenshot={}", png.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        fs::read(&png).unwrap()
    };
    // A phone's width, light and dark: both render, and differ.
    let light = shot("light.png", &["--window-size=390,844"]);
    let dark = shot(
        "dark.png",
        &[
            "--window-size=390,844",
            "--force-dark-mode",
            "--blink-settings=preferredColorScheme=0",
        ],
    );
    assert!(light.starts_with(b"\x89PNG") && light.len() > 5_000);
    assert!(dark.starts_with(b"\x89PNG") && dark.len() > 5_000);
    assert_ne!(light, dark, "dark mode changes nothing");
}

#[test]
fn the_status_page_sorts_numbers_as_numbers_when_a_column_is_clicked() {
    let Some(chromium) = chromium() else { return };
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    // Pages with 100, 12 and 9 messages, all missing in fr: sorted as
    // text they would come 100, 12, 9.
    for (name, n) in [("a.md", 12), ("b.md", 100), ("c.md", 9)] {
        let text: String = (0..n).map(|i| format!("Paragraph {i} here.\n\n")).collect();
        p.write(&format!("content/{name}"), text);
    }
    p.run(&["extract"]).expect_code(0);
    let run = p.run(&["status", "--format", "html"]);
    run.expect_code(0);
    // The browser clicks the pages table's `fr missing` header once
    // (ascending), then again (descending), and writes the order of the
    // pages' first cells after each click where `--dump-dom` shows it.
    let click = "<script>\n\
        const pages = [...document.querySelectorAll('table')].pop();\n\
        const th = [...pages.querySelectorAll('th')].find(t => t.textContent === 'fr missing');\n\
        const order = () => [...pages.tBodies[0].rows].map(r => r.cells[0].textContent).join(',');\n\
        th.click(); const up = order(); th.click(); const down = order();\n\
        document.body.insertAdjacentHTML('beforeend', `<pre id=\"sorted\">${up}|${down}</pre>`);\n\
        </script>\n";
    let html = run.stdout.replace("</body>", &format!("{click}</body>"));
    let page = p.tmp.path().join("status.html");
    fs::write(&page, html).unwrap();
    let out = Command::new(&chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    // (The last one: the script's own text holds the tag too.)
    let sorted = dom
        .rsplit("<pre id=\"sorted\">")
        .next()
        .filter(|_| dom.matches("<pre id=\"sorted\">").count() == 2)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("the click script did not run: {dom}"));
    assert_eq!(sorted, "c.md,a.md,b.md|b.md,a.md,c.md");
}
