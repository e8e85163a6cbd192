//! The `fluentmark` binary against bad input, as a user meets it.
//!
//! Each test writes a small project into a temporary folder (binary, huge
//! and CRLF inputs are generated here, never committed), runs the real
//! binary with `--project <dir>` under a deadline, and checks what a user
//! would notice: the exit code, that stderr names the file (and line) and
//! says what to do, and that every other page was still processed.
//!
//! A test marked `#[ignore = "bug: ..."]` pins a known bug: it states the
//! expected behaviour and fails until the bug is fixed.
#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use common::binary::{Project, Run, keys, run_in, text};

/// The configuration most tests use: two locales, a translated front
/// matter key.
const CONFIG: &str = "source_locale = \"en\"\n\
                      locales = [\"fr\", \"de\"]\n\
                      \n\
                      [front_matter]\n\
                      translate = [\"title\"]\n";

/// The page every project has next to the bad input: it must always be
/// processed.
const GOOD: &str = "Good page.\n";
/// Its French translation.
const GOOD_FR: &str = "Bonne page.\n";

impl Project {
    /// A project with `config` as `fluentmark.toml` and the good page.
    fn new(config: &str) -> Project {
        let p = Project::empty();
        p.write("fluentmark.toml", config);
        p.write("content/good.md", GOOD);
        p
    }

    /// The ID of the message whose source text is `text` in the source
    /// catalog of `page` (run `extract` first).
    fn id_of(&self, page: &str, text: &str) -> String {
        let catalog = format!(
            "locales/en/{}",
            Path::new(page).with_extension("ftl").display()
        );
        let catalog = String::from_utf8(self.read(&catalog)).unwrap();
        let suffix = format!(" = {text}");
        catalog
            .lines()
            .find_map(|l| l.strip_suffix(suffix.as_str()))
            .unwrap_or_else(|| panic!("no message `{text}` in the catalog of {page}:\n{catalog}"))
            .to_string()
    }

    /// Writes `locale`'s catalog of `page` with `translations` (source text,
    /// translation), looking the IDs up in the source catalog.
    fn translate(&self, page: &str, locale: &str, translations: &[(&str, &str)]) {
        let mut ftl = String::new();
        for (source, translation) in translations {
            ftl.push_str(&format!("{} = {translation}\n", self.id_of(page, source)));
        }
        let rel = Path::new(page).with_extension("ftl");
        self.write(&format!("locales/{locale}/{}", rel.display()), ftl);
    }

    /// The good page was extracted.
    fn expect_good_extracted(&self) {
        let catalog = String::from_utf8(self.read("locales/en/good.ftl")).unwrap();
        assert!(
            catalog.contains(" = Good page.\n"),
            "the good page's catalog:\n{catalog}"
        );
    }

    /// Gives the good page a French translation (after `extract`).
    fn translate_good(&self) {
        self.translate("good.md", "fr", &[("Good page.", "Bonne page.")]);
    }

    /// The good page was built: translated in `fr` (when
    /// [`Project::translate_good`] was called), as is in the other locales.
    fn expect_good_built(&self, locales: &[&str]) {
        let fr_translated = self.path("locales/fr/good.ftl").exists();
        for locale in locales {
            let expected = if *locale == "fr" && fr_translated {
                GOOD_FR
            } else {
                GOOD
            };
            assert_eq!(
                text(&self.read(&format!("build/{locale}/good.md"))),
                expected,
                "the good page in {locale}"
            );
        }
    }
}

/// What a path is, for snapshots of a whole folder.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
}

/// Every entry under `dir` (folders and links too), not following links.
fn tree(dir: &Path) -> BTreeMap<String, Node> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Node>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                out.insert(name, Node::Link(fs::read_link(entry.path()).unwrap()));
            } else if kind.is_dir() {
                out.insert(name.clone(), Node::Dir);
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, Node::File(fs::read(entry.path()).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// A bad page next to the good one: `extract` and `build` report it once
/// at `content/<page>:<line>:` (the line also says each of `hints`), exit 2,
/// write nothing for it and process the good page; `check` reports it.
fn expect_bad_page(p: &Project, page: &str, line: Option<u64>, hints: &[&str]) -> (Run, Run) {
    let at = match line {
        Some(line) => format!("content/{page}:{line}:"),
        None => format!("content/{page}:"),
    };
    let stem = Path::new(page).with_extension("");
    let stem = stem.to_str().unwrap();
    let extract = p.run(&["extract"]);
    extract.expect_code(2).expect_no_panic();
    assert!(extract.line(&at, hints).starts_with("error: "));
    p.expect_good_extracted();
    assert!(
        !p.files("locales").keys().any(|k| k.contains(stem)),
        "no catalog for the bad page: {:?}",
        keys(&p.files("locales"))
    );

    p.translate_good();
    let build = p.run(&["build"]);
    build.expect_code(2).expect_no_panic();
    assert!(build.line(&at, hints).starts_with("error: "));
    p.expect_good_built(&["fr", "de"]);
    assert!(
        !p.files("build").keys().any(|k| k.contains(stem)),
        "no built page for the bad page: {:?}",
        keys(&p.files("build"))
    );

    let diagnostics = check_json(p, 1);
    let found = findings(&diagnostics, "page", &format!("content/{page}"));
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    if let Some(line) = line {
        assert_eq!(found[0]["line"].as_u64(), Some(line), "{:#?}", found[0]);
    }
    (extract, build)
}

/// `check --format json`, with its exit code checked.
fn check_json(p: &Project, code: i32) -> Vec<serde_json::Value> {
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(code).expect_no_panic();
    run.diagnostics()
}

/// The findings with `code` about a file whose path ends with `file`.
fn findings<'a>(
    diagnostics: &'a [serde_json::Value],
    code: &str,
    file: &str,
) -> Vec<&'a serde_json::Value> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code && d["file"].as_str().is_some_and(|f| f.ends_with(file)))
        .collect()
}

// ------------------------------------------------------------ front matter

#[test]
fn front_matter_unterminated() {
    let p = Project::new(CONFIG);
    p.write("content/open.md", "---\ntitle: Hello\n\nBody text.\n");
    expect_bad_page(&p, "open.md", Some(1), &["never closed", "add a `---`"]);
}

#[test]
fn front_matter_invalid_yaml() {
    let p = Project::new(CONFIG);
    // `bad: key: value` is page line 3.
    p.write(
        "content/yaml.md",
        "---\ntitle: Hello\nbad: key: value\nlayout: x\n---\nBody text.\n",
    );
    expect_bad_page(&p, "yaml.md", Some(3), &["YAML", "fix"]);
}

#[test]
fn front_matter_yaml_alias_bomb() {
    // Billion laughs: 9 levels, each referencing the previous one 9 times
    // (9^9 = 387 million strings once expanded).
    let mut yaml = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..=9 {
        let refs = vec![format!("*a{}", level - 1); 9].join(",");
        yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
    }
    let p = Project::new(CONFIG);
    p.write(
        "content/bomb.md",
        format!("---\ntitle: Boom\n{yaml}---\nBody text.\n"),
    );
    let (extract, build) = expect_bad_page(&p, "bomb.md", None, &["YAML"]);
    for run in [extract, build] {
        assert!(run.peak_kib > 0, "the peak memory is measured");
        assert!(
            run.peak_kib < 256 * 1024,
            "the alias bomb took {} MiB",
            run.peak_kib / 1024
        );
    }
}

#[test]
fn front_matter_translated_key_holding_a_map_or_a_list() {
    let config = CONFIG.replace("[\"title\"]", "[\"title\", \"tags\", \"params\"]");
    let p = Project::new(&config);
    p.write(
        "content/keys.md",
        "---\ntitle: Hello\ntags:\n  - a\n  - b\nparams:\n  x: 1\n---\nBody text.\n",
    );
    let extract = p.run(&["extract"]);
    extract.expect_code(0).expect_no_panic();
    for key in ["`tags`", "`params`"] {
        let warning = extract.line(key, &["content/keys.md:", "`translate`"]);
        assert!(warning.starts_with("warning: "), "{warning}");
    }
    let catalog = text(&p.read("locales/en/keys.ftl")).to_string();
    assert!(catalog.contains(" = Hello\n"), "{catalog}");
    assert!(catalog.contains(" = Body text.\n"), "{catalog}");
    assert!(!catalog.contains(" = a\n"), "{catalog}");
    p.expect_good_extracted();

    p.translate(
        "keys.md",
        "fr",
        &[("Hello", "Bonjour"), ("Body text.", "Corps.")],
    );
    p.translate_good();
    let build = p.run(&["build"]);
    build.expect_code(0);
    build.line("`tags`", &["keys.md:"]);
    assert_eq!(
        text(&p.read("build/fr/keys.md")),
        "---\ntitle: Bonjour\ntags:\n  - a\n  - b\nparams:\n  x: 1\n---\nCorps.\n"
    );
    p.expect_good_built(&["fr", "de"]);
}

#[test]
fn front_matter_translated_key_holding_a_map_or_a_list_names_its_line() {
    let config = CONFIG.replace("[\"title\"]", "[\"title\", \"tags\", \"params\"]");
    let p = Project::new(&config);
    p.write(
        "content/keys.md",
        "---\ntitle: Hello\ntags:\n  - a\n  - b\nparams:\n  x: 1\n---\nBody text.\n",
    );
    let run = p.run(&["extract"]);
    run.expect_code(0);
    run.line("`tags`", &["keys.md:3:"]);
    run.line("`params`", &["keys.md:6:"]);
}

#[test]
fn front_matter_tabs_in_yaml_indentation() {
    let p = Project::new(CONFIG);
    // The tab-indented list item is page line 5.
    p.write(
        "content/tabs.md",
        "---\ntitle: Hello\nlist:\n  - a\n\t- b\n---\nBody text.\n",
    );
    expect_bad_page(&p, "tabs.md", Some(5), &["YAML", "tab"]);
}

#[test]
fn front_matter_after_a_utf8_bom() {
    let p = Project::new(CONFIG);
    let page = "\u{feff}---\ntitle: Hello\n---\nBody text.\n";
    p.write("content/bom.md", page);
    p.run(&["extract"]).expect_code(0);
    let catalog = text(&p.read("locales/en/bom.ftl")).to_string();
    assert!(
        catalog.contains(" = Hello\n") && !catalog.contains("---") && !catalog.contains("title:"),
        "the front matter is recognized behind the BOM:\n{catalog}"
    );
    assert!(!catalog.contains('\u{feff}'), "{catalog}");

    p.translate(
        "bom.md",
        "fr",
        &[("Hello", "Bonjour"), ("Body text.", "Corps.")],
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        text(&p.read("build/fr/bom.md")),
        "\u{feff}---\ntitle: Bonjour\n---\nCorps.\n"
    );
    assert_eq!(p.read("build/de/bom.md"), page.as_bytes());
    p.expect_good_built(&["fr", "de"]);
}

#[test]
fn front_matter_closed_by_dots() {
    let p = Project::new(CONFIG);
    let page = "---\ntitle: Hello\n...\nBody text.\n";
    p.write("content/dots.md", page);
    p.run(&["extract"]).expect_code(0);
    let catalog = text(&p.read("locales/en/dots.ftl")).to_string();
    assert!(catalog.contains(" = Hello\n"), "{catalog}");
    assert!(catalog.contains(" = Body text.\n"), "{catalog}");
    assert!(!catalog.contains("..."), "{catalog}");

    p.translate(
        "dots.md",
        "fr",
        &[("Hello", "Bonjour"), ("Body text.", "Corps.")],
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        text(&p.read("build/fr/dots.md")),
        "---\ntitle: Bonjour\n...\nCorps.\n"
    );
    assert_eq!(p.read("build/de/dots.md"), page.as_bytes());
}

// ------------------------------------------------------------------ pages

#[test]
fn page_invalid_utf8() {
    let p = Project::new(CONFIG);
    // Latin-1 `é` on line 3.
    p.write("content/latin1.md", b"Line one.\n\nCaf\xe9 au lait.\n");
    expect_bad_page(&p, "latin1.md", Some(3), &["UTF-8", "save it as UTF-8"]);
}

#[test]
fn page_empty() {
    let p = Project::new(CONFIG);
    p.write("content/empty.md", "");
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    let catalog = text(&p.read("locales/en/empty.ftl")).to_string();
    assert!(
        catalog.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "an empty catalog:\n{catalog}"
    );
    p.expect_good_extracted();
    p.translate_good();
    p.run(&["build"]).expect_code(0);
    assert_eq!(p.read("build/fr/empty.md"), b"");
    assert_eq!(p.read("build/de/empty.md"), b"");
    p.expect_good_built(&["fr", "de"]);
    p.run(&["check"]).expect_code(0);
}

#[test]
fn page_of_20_mb() {
    // Mostly one code block (skeleton), with a few thousand messages.
    let mut page = String::with_capacity(21 << 20);
    for i in 0..5000 {
        page.push_str(&format!(
            "Paragraph {i} with **bold** text and a [link](https://example.com/{i}).\n\n"
        ));
    }
    page.push_str("```rust\n");
    let line = "let x = compute(\"some value\"); // one line of a very long block\n";
    while page.len() < 20 << 20 {
        page.push_str(line);
    }
    page.push_str("```\n\nLast paragraph.\n");

    let p = Project::new(CONFIG);
    p.write("content/huge.md", &page);
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    let catalog = text(&p.read("locales/en/huge.ftl")).to_string();
    assert_eq!(catalog.matches("\nparagraph-").count(), 5000);
    assert!(!catalog.contains("compute"), "code is not a message");

    p.translate(
        "huge.md",
        "fr",
        &[("Last paragraph.", "Dernier paragraphe.")],
    );
    p.translate_good();
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert!(p.read("build/de/huge.md") == page.as_bytes());
    let fr = p.read("build/fr/huge.md");
    let expected = page.replace("\nLast paragraph.\n", "\nDernier paragraphe.\n");
    assert!(fr == expected.as_bytes(), "only the last paragraph changes");
    p.expect_good_built(&["fr", "de"]);
}

/// A deeply nested page extracts to one message `deep` and builds with
/// its translation in place, everything else kept.
fn expect_deep_page(prefix: &str) {
    let p = Project::new(CONFIG);
    let page = format!("{prefix}deep\n");
    p.write("content/nested.md", &page);
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    let catalog = text(&p.read("locales/en/nested.ftl")).to_string();
    assert!(catalog.contains(" = deep\n"), "{catalog}");
    p.translate("nested.md", "fr", &[("deep", "profond")]);
    p.translate_good();
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert!(p.read("build/fr/nested.md") == format!("{prefix}profond\n").as_bytes());
    assert!(p.read("build/de/nested.md") == page.as_bytes());
    p.expect_good_built(&["fr", "de"]);
}

#[test]
fn page_10000_nested_block_quotes() {
    expect_deep_page(&">".repeat(10_000));
    expect_deep_page(&"> ".repeat(10_000));
}

#[test]
fn page_10000_nested_lists() {
    expect_deep_page(&"- ".repeat(10_000));
    expect_deep_page(&"1. ".repeat(10_000));
    expect_deep_page(&"> - ".repeat(5_000));
}

#[test]
fn page_crlf_and_mixed_line_endings() {
    let p = Project::new(CONFIG);
    let crlf = "---\r\ntitle: Hello\r\n---\r\n# Heading\r\n\r\nPara one\r\nsecond line.\r\n\r\n> Quote one\r\n> quote two.\r\n";
    // LF first, then CRLF, then a lone CR inside a paragraph.
    let mixed = "# Heading\n\nPara one\r\nsecond line.\r\n\r\nLast\rline.\n";
    p.write("content/crlf.md", crlf);
    p.write("content/mixed.md", mixed);
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    for page in ["crlf", "mixed"] {
        let catalog = text(&p.read(&format!("locales/en/{page}.ftl"))).to_string();
        assert!(!catalog.contains('\r'), "no CR in catalogs:\n{catalog:?}");
        assert!(catalog.contains(" = Para one second line.\n"), "{catalog}");
    }
    assert!(text(&p.read("locales/en/mixed.ftl")).contains(" = Last line.\n"));

    p.translate(
        "crlf.md",
        "fr",
        &[
            ("Hello", "Bonjour"),
            ("Heading", "Titre"),
            ("Para one second line.", "Para un\n    deuxième ligne."),
            ("Quote one quote two.", "Citation un\n    citation deux."),
        ],
    );
    p.translate(
        "mixed.md",
        "fr",
        &[
            ("Para one second line.", "Para un\n    deuxième ligne."),
            ("Last line.", "Dernière ligne."),
        ],
    );
    p.translate_good();
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(p.read("build/de/crlf.md"), crlf.as_bytes());
    assert_eq!(p.read("build/de/mixed.md"), mixed.as_bytes());
    assert_eq!(
        text(&p.read("build/fr/crlf.md")),
        "---\r\ntitle: Bonjour\r\n---\r\n# Titre {#heading}\r\n\r\nPara un\r\ndeuxième ligne.\r\n\r\n> Citation un\r\n> citation deux.\r\n"
    );
    let fr = text(&p.read("build/fr/mixed.md")).to_string();
    assert!(
        fr.starts_with("# Heading\n\nPara un")
            && fr.contains("deuxième ligne.\r\n\r\nDernière ligne.\n"),
        "the source's line endings are kept around the translations: {fr:?}"
    );
    p.expect_good_built(&["fr", "de"]);
}

#[test]
fn page_with_nul_bytes() {
    let p = Project::new(CONFIG);
    let page = b"Para \0 with nul.\n\nOther \0\0.\n\n```\ncode \0\n```\n";
    p.write("content/nul.md", page);
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    let catalog = text(&p.read("locales/en/nul.ftl")).to_string();
    assert!(
        !catalog.contains('\0'),
        "NUL is escaped in catalogs:\n{catalog:?}"
    );
    let id = p.id_of("nul.md", "Para { \"\\U000000\" } with nul.");
    p.write(
        "locales/fr/nul.ftl",
        format!("{id} = Para {{ \"\\U000000\" }} avec nul.\n"),
    );
    p.translate_good();
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(p.read("build/de/nul.md"), page);
    assert_eq!(
        p.read("build/fr/nul.md"),
        b"Para \0 avec nul.\n\nOther \0\0.\n\n```\ncode \0\n```\n"
    );
    p.expect_good_built(&["fr", "de"]);
}

#[test]
fn page_file_name_with_spaces_and_non_ascii() {
    let p = Project::new(CONFIG);
    p.write("content/été à Paris.md", "Il fait beau.\n");
    p.write("content/日本 語/ページ 1.md", "Konnichiwa.\n");
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    assert_eq!(
        keys(&p.files("locales/en")),
        ["good.ftl", "été à Paris.ftl", "日本 語/ページ 1.ftl"]
    );
    assert!(text(&p.read("locales/en/été à Paris.ftl")).contains("été à Paris.md"));
    p.translate("été à Paris.md", "fr", &[("Il fait beau.", "Beau temps.")]);
    p.translate("日本 語/ページ 1.md", "fr", &[("Konnichiwa.", "Bonjour.")]);
    p.translate_good();
    p.run(&["build"]).expect_code(0);
    assert_eq!(text(&p.read("build/fr/été à Paris.md")), "Beau temps.\n");
    assert_eq!(text(&p.read("build/fr/日本 語/ページ 1.md")), "Bonjour.\n");
    assert_eq!(text(&p.read("build/de/été à Paris.md")), "Il fait beau.\n");
    p.expect_good_built(&["fr", "de"]);
    p.run(&["check"]).expect_code(0);
}

#[test]
fn page_that_crashes_the_markdown_parser() {
    // pulldown-cmark 0.13.6 panics on this with heading attributes on.
    let p = Project::new(CONFIG);
    p.write("content/crash.md", "> foo\n>  {.class}\n> ===\n");
    expect_bad_page(&p, "crash.md", Some(1), &["i18n:skip"]);
    for jobs in ["1", "2"] {
        let run = p.run(&["--jobs", jobs, "build"]);
        run.expect_code(2).expect_no_panic();
        run.line("crash.md", &[]);
    }
    let run = p.run(&["status"]);
    run.expect_code(0).expect_no_panic();
    assert!(run.stdout.contains("good.md"), "{}", run.stdout);
}

// --------------------------------------------------------------- catalogs

/// A page of three paragraphs (and the good page), extracted.
fn three_paragraphs() -> Project {
    let p = Project::new(CONFIG);
    p.write(
        "content/page.md",
        "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n",
    );
    p.run(&["extract"]).expect_code(0);
    p.translate_good();
    p
}

#[test]
fn catalog_with_fluent_syntax_errors() {
    let p = three_paragraphs();
    let [first, second, third] = ["First paragraph.", "Second paragraph.", "Third paragraph."]
        .map(|t| p.id_of("page.md", t));
    // Line 3 is broken; lines 1 and 5 are good.
    let broken = format!(
        "{first} = Premier paragraphe.\n\n{second} = Deuxième {{ oops\n\n{third} = Troisième paragraphe.\n"
    );
    p.write("locales/fr/page.ftl", &broken);

    let build = p.run(&["build"]);
    build.expect_code(0).expect_no_panic();
    let warning = build.line("locales/fr/page.ftl:3:1:", &["ignored"]);
    assert!(warning.starts_with("warning: "), "{warning}");
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "Premier paragraphe.\n\nSecond paragraph.\n\nTroisième paragraphe.\n",
        "the good entries are used, the broken one keeps the source text"
    );
    p.expect_good_built(&["fr", "de"]);

    // The page changes: extract must update catalogs, but leaves the broken one alone.
    p.write(
        "content/page.md",
        "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n",
    );
    let extract = p.run(&["extract"]);
    extract.expect_code(2).expect_no_panic();
    extract.line("locales/fr/page.ftl:3:1:", &["left as it is", "fix"]);
    assert_eq!(text(&p.read("locales/fr/page.ftl")), broken);
    assert!(
        !text(&p.read("locales/en/page.ftl")).contains(" = Fourth paragraph.\n"),
        "the page keeps its old source catalog until every catalog of it merges"
    );
    p.expect_good_extracted();

    let diagnostics = check_json(&p, 1);
    let syntax = findings(&diagnostics, "syntax", "locales/fr/page.ftl");
    assert_eq!(syntax.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        (syntax[0]["line"].as_u64(), syntax[0]["column"].as_u64()),
        (Some(3), Some(1))
    );
}

/// fluent-syntax 0.12 panics on an unfinished escape before a wide
/// character; the catalog parser catches that panic quietly and reports a
/// syntax error, in every command.
#[test]
fn catalog_that_panics_the_fluent_parser() {
    let p = three_paragraphs();
    let first = p.id_of("page.md", "First paragraph.");
    let broken = format!("{first} = Premier.\nbad = {{\"\\U𑛀\" }}\n");
    p.write("locales/fr/page.ftl", &broken);
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "Premier.\n\nSecond paragraph.\n\nThird paragraph.\n"
    );
    p.run(&["check"]).expect_code(1).expect_no_panic();
    let diagnostics = check_json(&p, 1);
    let syntax = findings(&diagnostics, "syntax", "locales/fr/page.ftl");
    assert_eq!(syntax.len(), 1, "{diagnostics:#?}");
    assert_eq!(syntax[0]["line"].as_u64(), Some(2));
    let extract = p.run(&["extract", "--force"]);
    extract.expect_code(2).expect_no_panic();
    extract.line("locales/fr/page.ftl:2:1:", &["left as it is"]);
    assert_eq!(text(&p.read("locales/fr/page.ftl")), broken);
}

/// extract skips a page whose fingerprint is unchanged without opening
/// its translations' catalogs (that is what makes a no-change run cheap);
/// it never rewrites a broken one, `check` reports it, and `extract
/// --force` (or any change to the page) does too.
#[test]
fn catalog_with_fluent_syntax_errors_is_left_alone_and_reported_by_check() {
    let p = three_paragraphs();
    let second = p.id_of("page.md", "Second paragraph.");
    let broken = format!("{second} = Deuxième {{ oops\n");
    p.write("locales/fr/page.ftl", &broken);
    p.run(&["extract"]).expect_code(0);
    assert_eq!(text(&p.read("locales/fr/page.ftl")), broken);
    let diagnostics = check_json(&p, 1);
    assert_eq!(
        findings(&diagnostics, "syntax", "locales/fr/page.ftl").len(),
        1
    );
    let run = p.run(&["extract", "--force"]);
    assert_eq!(text(&p.read("locales/fr/page.ftl")), broken);
    run.expect_code(2);
    run.line("locales/fr/page.ftl:1:1:", &["fix"]);
}

#[test]
fn catalog_with_duplicate_ids() {
    let p = three_paragraphs();
    let [first, third] = ["First paragraph.", "Third paragraph."].map(|t| p.id_of("page.md", t));
    p.write(
        "locales/fr/page.ftl",
        format!("{first} = Premier A.\n{first} = Premier B.\n{third} = Troisième.\n"),
    );
    let diagnostics = check_json(&p, 1);
    let dup = findings(&diagnostics, "duplicate-id", "locales/fr/page.ftl");
    assert_eq!(dup.len(), 1, "{diagnostics:#?}");
    assert_eq!(dup[0]["line"].as_u64(), Some(2));
    assert_eq!(dup[0]["message_id"].as_str(), Some(first.as_str()));

    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "Premier A.\n\nSecond paragraph.\n\nTroisième.\n",
        "the first definition wins, as in Fluent"
    );
    p.expect_good_built(&["fr", "de"]);

    // extract keeps both translations: nothing is silently dropped.
    p.write("content/page.md", "First paragraph.\n\nThird paragraph.\n");
    p.run(&["extract"]).expect_code(0);
    let catalog = text(&p.read("locales/fr/page.ftl")).to_string();
    assert!(
        catalog.contains("Premier A.") && catalog.contains("Premier B."),
        "{catalog}"
    );
}

#[test]
fn catalog_message_with_only_attributes() {
    let p = three_paragraphs();
    let [first, third] = ["First paragraph.", "Third paragraph."].map(|t| p.id_of("page.md", t));
    let catalog = format!("{first} =\n    .attr = x\n{third} = Troisième.\n");
    p.write("locales/fr/page.ftl", &catalog);
    let build = p.run(&["build"]);
    build.expect_code(0).expect_no_panic();
    let warning = build.line(&first, &["locales/fr/page.ftl:1:", "no value"]);
    assert!(warning.starts_with("warning: "), "{warning}");
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "First paragraph.\n\nSecond paragraph.\n\nTroisième.\n"
    );
    p.expect_good_built(&["fr", "de"]);

    let diagnostics = check_json(&p, 1);
    let found: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["message_id"] == first.as_str() && d["severity"] == "error")
        .collect();
    assert_eq!(found.len(), 1, "{diagnostics:#?}");
    assert_eq!(found[0]["line"].as_u64(), Some(1));

    // extract keeps it for the translator to fix.
    p.write("content/page.md", "First paragraph.\n\nThird paragraph.\n");
    p.run(&["extract"]).expect_code(0);
    assert!(text(&p.read("locales/fr/page.ftl")).contains(".attr = x"));
}

#[test]
fn catalog_id_not_in_the_source() {
    let p = three_paragraphs();
    let third = p.id_of("page.md", "Third paragraph.");
    p.write(
        "locales/fr/page.ftl",
        format!("no-such-message-1234 = Rien.\n{third} = Troisième.\n"),
    );
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(
        text(&p.read("build/fr/page.md")),
        "First paragraph.\n\nSecond paragraph.\n\nTroisième.\n"
    );
    p.expect_good_built(&["fr", "de"]);

    let diagnostics = check_json(&p, 0);
    let obsolete = findings(&diagnostics, "obsolete", "locales/fr/page.ftl");
    assert_eq!(obsolete.len(), 1, "{diagnostics:#?}");
    assert_eq!(obsolete[0]["message_id"], "no-such-message-1234");
    assert_eq!(obsolete[0]["line"].as_u64(), Some(1));

    // extract keeps it, as obsolete.
    p.write("content/page.md", "Second paragraph.\n\nThird paragraph.\n");
    p.run(&["extract"]).expect_code(0);
    let catalog = text(&p.read("locales/fr/page.ftl")).to_string();
    let obsolete_at = catalog.find("## Obsolete").expect("an obsolete group");
    assert!(
        catalog[obsolete_at..].contains("no-such-message-1234 = Rien."),
        "{catalog}"
    );
}

#[test]
fn catalog_of_a_page_that_does_not_exist() {
    let p = three_paragraphs();
    let ghost = "ghost-1234 = Fantôme.\n";
    p.write("locales/fr/ghost.ftl", ghost);
    p.write("locales/fr/gone/deep.ftl", ghost);
    p.run(&["build"]).expect_code(0).expect_no_panic();
    assert_eq!(
        keys(&p.files("build/fr")),
        ["good.md", "page.md"],
        "no page is built from a catalog alone"
    );
    p.expect_good_built(&["fr", "de"]);

    let diagnostics = check_json(&p, 0);
    for file in ["locales/fr/ghost.ftl", "locales/fr/gone/deep.ftl"] {
        let obsolete = findings(&diagnostics, "obsolete", file);
        assert_eq!(obsolete.len(), 1, "{file}: {diagnostics:#?}");
    }

    // extract keeps the translation (obsolete), and writes no page.
    p.write("content/page.md", "First paragraph.\n");
    p.run(&["extract"]).expect_code(0);
    assert!(text(&p.read("locales/fr/ghost.ftl")).contains("ghost-1234 = Fantôme."));
    assert!(!p.path("content/ghost.md").exists());
    assert!(!p.path("locales/en/ghost.ftl").exists());
}

#[test]
fn catalog_empty_file() {
    let p = three_paragraphs();
    p.write("locales/fr/page.ftl", "");
    let build = p.run(&["build"]);
    build.expect_code(0).expect_no_panic();
    assert_eq!(build.stderr, "", "an empty catalog is no problem");
    assert_eq!(p.read("build/fr/page.md"), p.read("content/page.md"));
    p.expect_good_built(&["fr", "de"]);
    let diagnostics = check_json(&p, 0);
    assert_eq!(findings(&diagnostics, "missing", "page.md").len(), 6);

    p.write("content/page.md", "First paragraph.\n");
    p.run(&["extract"]).expect_code(0);
    let catalog = text(&p.read("locales/fr/page.ftl")).to_string();
    assert!(
        catalog.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "{catalog}"
    );
}

/// A page with a French catalog that is not UTF-8 (Latin-1 `è` on line 3).
fn latin1_catalog() -> Project {
    let p = Project::new(CONFIG);
    p.write("content/page.md", "First paragraph.\n\nSecond paragraph.\n");
    p.write(
        "locales/fr/page.ftl",
        b"first-paragraph-99f7 = Premier.\n\nsecond-paragraph-d2f4 = Deuxi\xe8me.\n",
    );
    p
}

#[test]
fn catalog_invalid_utf8() {
    let p = latin1_catalog();
    let before = p.read("locales/fr/page.ftl");
    let extract = p.run(&["extract"]);
    extract.expect_code(2).expect_no_panic();
    extract.line("locales/fr/page.ftl", &["UTF-8", "save it as UTF-8"]);
    assert_eq!(p.read("locales/fr/page.ftl"), before, "left as it is");
    assert!(text(&p.read("locales/en/page.ftl")).contains(" = Second paragraph.\n"));
    p.expect_good_extracted();

    p.translate_good();
    let build = p.run(&["build"]);
    build.expect_code(2).expect_no_panic();
    build.line("locales/fr/page.ftl", &["UTF-8", "save it as UTF-8"]);
    assert_eq!(
        p.read("build/fr/page.md"),
        p.read("content/page.md"),
        "the page is still built, with the source text"
    );
    assert_eq!(p.read("build/de/page.md"), p.read("content/page.md"));
    p.expect_good_built(&["fr", "de"]);
    assert_eq!(p.read("locales/fr/page.ftl"), before);
}

#[test]
fn catalog_invalid_utf8_names_the_line() {
    let p = latin1_catalog();
    p.run(&["extract"]).line("locales/fr/page.ftl:3", &[]);
    p.run(&["build"]).line("locales/fr/page.ftl:3", &[]);
}

// ----------------------------------------------------------------- config

/// Runs extract and build with `config`; nothing may be written.
fn with_bad_config(config: Option<&str>) -> Vec<Run> {
    let p = Project::new("");
    match config {
        Some(c) => p.write("fluentmark.toml", c),
        None => fs::remove_file(p.path("fluentmark.toml")).unwrap(),
    }
    let runs = ["extract", "build", "check", "status"].map(|c| p.run(&[c]));
    assert!(
        !p.path("locales").exists() && !p.path("build").exists(),
        "nothing is written when the configuration is wrong"
    );
    runs.into_iter()
        .inspect(|r| {
            r.expect_code(2).expect_no_panic();
        })
        .collect()
}

#[test]
fn config_missing_file() {
    for run in with_bad_config(None) {
        run.line("fluentmark.toml", &["fluentmark init"]);
    }
}

#[test]
fn config_unknown_key() {
    for run in with_bad_config(Some(&format!("colour = \"blue\"\n{CONFIG}"))) {
        run.line("fluentmark.toml:1", &["`colour`"]);
    }
    let config =
        "source_locale = \"en\"\nlocales = [\"fr\"]\n[front_matter]\ntranslat = [\"title\"]\n";
    for run in with_bad_config(Some(config)) {
        run.line("fluentmark.toml:4", &["`translat`", "`translate`"]);
    }
}

#[test]
fn config_invalid_locale_code() {
    for bad in ["xx_YY!!", "not a locale"] {
        let config = format!("source_locale = \"en\"\nlocales = [\"fr\", \"{bad}\"]\n");
        for run in with_bad_config(Some(&config)) {
            run.line("fluentmark.toml", &[&format!("`{bad}`"), "BCP 47"]);
        }
    }
    for run in with_bad_config(Some("source_locale = \"e n\"\nlocales = [\"fr\"]\n")) {
        run.line("fluentmark.toml", &["`e n`", "BCP 47"]);
    }
    // A near miss gets its right spelling as the fix.
    for run in with_bad_config(Some("source_locale = \"en\"\nlocales = [\"pt_BR\"]\n")) {
        run.line("fluentmark.toml", &["`pt_BR`", "`pt-BR`"]);
    }
}

#[test]
fn config_locale_with_path_parts_writes_nothing_outside() {
    for bad in ["../escaped", "fr/../../escaped", "/tmp"] {
        let config = format!("source_locale = \"en\"\nlocales = [\"{bad}\"]\n");
        for run in with_bad_config(Some(&config)) {
            run.line("fluentmark.toml", &[&format!("`{bad}`")]);
        }
    }
    let p = Project::new("source_locale = \"en\"\nlocales = [\"../escaped\"]\n");
    let before = tree(p.tmp.path());
    for command in ["extract", "build"] {
        p.run(&[command]).expect_code(2);
    }
    assert_eq!(tree(p.tmp.path()), before, "nothing is written");
}

#[test]
fn config_locales_contains_the_source_locale() {
    let config = "source_locale = \"en\"\nlocales = [\"fr\", \"en\"]\n";
    for run in with_bad_config(Some(config)) {
        run.line("fluentmark.toml", &["`locales`", "`en`"]);
    }
}

#[test]
fn config_content_dir_missing() {
    let config = "source_locale = \"en\"\nlocales = [\"fr\"]\ncontent_dir = \"docs\"\n";
    for run in with_bad_config(Some(config)) {
        run.line("docs", &["fluentmark.toml", "not a folder", "create it"]);
    }
}

/// A Jekyll-style project: the pages are at the root, next to `locales/`
/// and `build/`.
fn root_content(p: &Project, output_dir: &str) {
    p.write(
        "fluentmark.toml",
        format!(
            "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\ncontent_dir = \".\"\noutput_dir = {output_dir:?}\n"
        ),
    );
    p.write("index.md", "Home.\n");
    p.write("docs/page.md", "A page.\n");
}

/// The root-content project was extracted and built as two pages, never
/// reading its own output.
fn expect_root_content_once(p: &Project) {
    assert_eq!(
        keys(&p.files("locales")),
        // (de, never translated, got its catalogs once the project had
        // source catalogs: a header each.)
        [
            "de/docs/page.ftl",
            "de/index.ftl",
            "en/docs/page.ftl",
            "en/index.ftl",
            "fr/docs/page.ftl"
        ],
        "built pages are not source pages"
    );
    assert_eq!(
        keys(&p.files("build")),
        [
            "de/docs/page.md",
            "de/index.md",
            "fr/docs/page.md",
            "fr/index.md"
        ],
        "built pages are not built again"
    );
    assert_eq!(text(&p.read("build/fr/docs/page.md")), "Une page.\n");
}

#[test]
fn config_output_dir_inside_content_dir() {
    for output_dir in ["build", "./build/"] {
        let p = Project::empty();
        root_content(&p, output_dir);
        p.run(&["extract"]).expect_code(0);
        p.translate("docs/page.md", "fr", &[("A page.", "Une page.")]);
        for _ in 0..2 {
            p.run(&["extract"]).expect_code(0);
            p.run(&["build"]).expect_code(0);
        }
        expect_root_content_once(&p);
    }
}

#[test]
fn config_output_dir_inside_content_dir_spelled_otherwise() {
    // As users run it, from the project folder, with an absolute output_dir.
    let p = Project::empty();
    root_content(&p, p.root.join("build").to_str().unwrap());
    let run = |command| run_in(&p.root, Path::new("."), &[command]);
    run("extract").expect_code(0);
    p.translate("docs/page.md", "fr", &[("A page.", "Une page.")]);
    for _ in 0..2 {
        run("extract").expect_code(0);
        run("build").expect_code(0);
    }
    expect_root_content_once(&p);

    // The same folder, through another one.
    let p = Project::empty();
    root_content(&p, "out/../build");
    p.run(&["extract"]).expect_code(0);
    p.translate("docs/page.md", "fr", &[("A page.", "Une page.")]);
    for _ in 0..2 {
        p.run(&["extract"]).expect_code(0);
        p.run(&["build"]).expect_code(0);
    }
    expect_root_content_once(&p);
}

// ------------------------------------------------------------ file system

#[test]
fn fs_symlink_loop_in_content() {
    let p = Project::new(CONFIG);
    p.write("content/sub/page.md", "Sub page.\n");
    symlink("..", p.path("content/sub/loop")).unwrap();
    symlink("loop2.md", p.path("content/loop1.md")).unwrap();
    symlink("loop1.md", p.path("content/loop2.md")).unwrap();
    for command in ["extract", "build"] {
        let run = p.run(&[command]);
        run.expect_no_panic();
        // Skipped (exit 0) or reported (exit 2, naming it).
        if run.code != 0 {
            run.expect_code(2).expect_stderr("loop");
        }
        for link in ["sub/loop", "loop1.md", "loop2.md"] {
            for line in run.stderr.lines().filter(|l| l.contains(link)) {
                assert!(
                    line.contains("not followed"),
                    "a link is reported as not followed, or not at all: {line}"
                );
            }
        }
    }
    assert_eq!(keys(&p.files("locales/en")), ["good.ftl", "sub/page.ftl"]);
    assert_eq!(keys(&p.files("build/fr")), ["good.md", "sub/page.md"]);
}

#[test]
fn fs_symlink_outside_the_project() {
    let p = Project::new(CONFIG);
    p.write("../outside/secret.md", "Secret outside.\n");
    p.write("../outside/dir/page.md", "Secret folder page.\n");
    symlink("../../outside/secret.md", p.path("content/secret.md")).unwrap();
    symlink("../../outside/dir", p.path("content/outdir")).unwrap();
    let outside = tree(&p.tmp.path().join("outside"));
    for command in ["extract", "build"] {
        let run = p.run(&[command]);
        run.expect_code(0).expect_no_panic();
        for link in ["content/secret.md", "content/outdir"] {
            let line = run.line(link, &["not followed"]);
            assert!(line.starts_with("warning: "), "{line}");
        }
    }
    assert_eq!(keys(&p.files("locales")), ["en/good.ftl"]);
    assert_eq!(keys(&p.files("build")), ["de/good.md", "fr/good.md"]);
    assert_eq!(tree(&p.tmp.path().join("outside")), outside);
}

#[test]
fn fs_unreadable_page() {
    let p = Project::new(CONFIG);
    p.write("content/locked.md", "Locked.\n");
    let path = p.path("content/locked.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Root reads anything: there is no unreadable file to test with.
        eprintln!("fs_unreadable_page: running as root, the file stays readable; skipped");
        return;
    }
    expect_bad_page(&p, "locked.md", None, &["ermission"]);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn fs_output_folder_cannot_be_created() {
    let p = Project::new(CONFIG);
    p.write("content/other.md", "Other page.\n");
    p.run(&["extract"]).expect_code(0);
    p.translate_good();
    // A file where the fr output folder must go (works as root too).
    p.write("build/fr", "not a folder\n");
    let run = p.run(&["build"]);
    run.expect_code(2).expect_no_panic();
    for page in ["good.md", "other.md"] {
        let line = run.line(&format!("build/fr/{page}"), &[]);
        assert!(line.starts_with("error: "), "{line}");
    }
    assert_eq!(p.read("build/fr"), b"not a folder\n");
    assert_eq!(keys(&p.files("build/de")), ["good.md", "other.md"]);
    p.expect_good_built(&["de"]);

    // A read-only output folder, where permissions are enforced.
    fs::remove_file(p.path("build/fr")).unwrap();
    fs::create_dir(p.path("build/fr")).unwrap();
    fs::set_permissions(p.path("build/fr"), fs::Permissions::from_mode(0o555)).unwrap();
    let enforced = fs::write(p.path("build/fr/probe"), "").is_err();
    if enforced {
        let run = p.run(&["build"]);
        run.expect_code(2).expect_no_panic();
        run.line("build/fr/good.md", &[]);
        p.expect_good_built(&["de"]);
    } else {
        eprintln!("fs_output_folder_cannot_be_created: running as root, read-only part skipped");
    }
    fs::set_permissions(p.path("build/fr"), fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn writes_nothing_outside_locales_dir_and_output_dir() {
    let p = Project::new(CONFIG);
    p.write("../outside/keep.md", "Not a page of the project.\n");
    for page in [
        "..md",
        ".../page.md",
        "a..b.md",
        "x../y.md",
        " ..md",
        "….md",
        "%2e%2e/page.md",
        "page.ftl.md",
        "_docs/.. .md",
    ] {
        p.write(&format!("content/{page}"), format!("Page {page}.\n"));
    }
    let before = tree(p.tmp.path());
    for _ in 0..2 {
        p.run(&["extract"]).expect_code(0).expect_no_panic();
        p.run(&["build"]).expect_code(0).expect_no_panic();
    }
    let after = tree(p.tmp.path());

    let allowed = |k: &str| k.starts_with("project/locales") || k.starts_with("project/build");
    for (k, v) in &before {
        assert_eq!(after.get(k), Some(v), "{k} changed or disappeared");
    }
    let new: Vec<&str> = after
        .keys()
        .filter(|k| !before.contains_key(*k))
        .map(String::as_str)
        .collect();
    for k in &new {
        assert!(allowed(k), "{k} written outside locales/ and build/");
        let name = k.rsplit('/').next().unwrap();
        assert!(
            !name.ends_with(".tmp") && !name.contains("fluentmark-"),
            "{k}: a temporary file is left behind"
        );
    }
    // The visible pages are extracted and built under their own names; the
    // dot-named ones (hidden, like `.git`) are skipped.
    let built = keys(&p.files("build/fr"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(
        built,
        [
            " ..md",
            "%2e%2e/page.md",
            "a..b.md",
            "good.md",
            "page.ftl.md",
            "x../y.md",
            "….md"
        ]
    );
    assert_eq!(
        keys(&p.files("locales/en")),
        [
            " ..ftl",
            "%2e%2e/page.ftl",
            "a..b.ftl",
            "good.ftl",
            "page.ftl.ftl",
            "x../y.ftl",
            "….ftl"
        ]
    );
    assert_eq!(text(&p.read("build/de/x../y.md")), "Page x../y.md.\n");
}
