//! `fluentmark check` and `fluentmark status` against fixture projects, the
//! way CI runs them.
//!
//! Each test copies a project from `tests/projects/check-*/` into a
//! temporary folder and runs the real binary from that folder with
//! `--project project`, so that reported paths are the stable
//! `project/...`. Most tests run `extract` first (the source catalogs are
//! current), break one translation, run `check --format json` and compare
//! the findings (code, severity, file, line, locale, message ID) with the
//! exact expected list: the finding must come out, and nothing else.
//!
//! `check-basic` has two pages, `content/page.md` and
//! `content/guide/links.md`. French is fully translated; German has two
//! translations and one marked fuzzy. The committed catalogs are byte for
//! byte what `extract` writes (every test checks it), so their message IDs
//! and line numbers below are current.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::binary::Project;
use common::files;
use serde_json::Value;

// ---------------------------------------------------------------- fixture

/// Paths as `check` reports them (run from the temporary folder).
const PAGE: &str = "project/content/page.md";
const LINKS_PAGE: &str = "project/content/guide/links.md";
const CONFIG: &str = "project/fluentmark.toml";
const EN: &str = "project/locales/en/page.ftl";
const FR: &str = "project/locales/fr/page.ftl";
const FR_LINKS: &str = "project/locales/fr/guide/links.ftl";
const DE: &str = "project/locales/de/page.ftl";

/// The same catalogs relative to the project, for editing.
const FR_FILE: &str = "locales/fr/page.ftl";
const FR_LINKS_FILE: &str = "locales/fr/guide/links.ftl";
const DE_FILE: &str = "locales/de/page.ftl";

// Message IDs of `page.md`, with their line in `locales/fr/page.ftl` and
// (line, column) in the page.
/// Front matter `title`: fr line 4, page 2:7.
const TITLE: &str = "title-7e58";
/// `# Getting started`: fr line 6, page 6:3.
const HEADING: &str = "getting-started-acbf";
/// A link and a code span: fr line 8, page 8:1.
const INSTALL: &str = "read-the-install-guide-fcfb";
/// An image: fr line 10, page 10:1.
const LOGO: &str = "see-the-logo-for-c76a";
/// A footnote reference: fr line 12, page 12:1.
const FOOTNOTE_REF: &str = "a-sentence-with-a-3ed6";
/// Inline HTML `<b>`: fr line 14, page 14:1.
const KBD: &str = "press-b-ctrl-b-2170";
/// fr line 16, page 16:1.
const ONE: &str = "plain-paragraph-one-5e85";
/// fr line 18, page 18:1.
const TWO: &str = "plain-paragraph-two-c9e5";
/// `Caffe2`, kept as is under `# fluentmark-ignore: identical`: fr line 21, page 20:1.
const CAFFE2: &str = "caffe2-b784";
/// The footnote definition's text: fr line 23, page 22:7.
const FOOTNOTE: &str = "the-footnote-text-b35e";

// Message IDs of `guide/links.md`, with their line in
// `locales/fr/guide/links.ftl` and in the page.
/// `# Links`: fr line 4, page 1.
const LINKS_HEADING: &str = "links-1843";
/// Two reference links: fr line 6, page 3.
const REFS: &str = "see-the-full-guide-b915";
/// Inline `<a href>`: fr line 8, page 5.
const VISIT: &str = "visit-a-href-https-0f64";

impl Project {
    /// Copies the fixture and runs `extract`, which must only add the
    /// source catalogs: the committed translations are what extract
    /// writes, so their IDs and lines are those of the current pages.
    fn extracted(name: &str) -> Project {
        let p = Project::from_fixture(name);
        let before = p.files("locales");
        p.run(&["extract"]).expect_code(0);
        let after = p.files("locales");
        for (rel, bytes) in &before {
            assert!(
                after.get(rel) == Some(bytes),
                "extract changed the committed catalog {rel}: the fixture is stale"
            );
        }
        p
    }

    /// Replaces the one occurrence of `from` in a file of the project.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read_text(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} is not in {rel} exactly once:\n{text}"
        );
        self.write(rel, text.replacen(from, to, 1));
    }

    /// Runs `check --format json <args>` and parses the report.
    fn check(&self, args: &[&str]) -> Report {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "check {args:?} exited {}\n--- stdout\n{}\n--- stderr\n{}",
            run.code,
            run.stdout,
            run.stderr
        );
        let json: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("check {args:?}: not JSON ({e}):\n{}", run.stdout));
        let report = Report {
            code: run.code,
            json,
        };
        assert_eq!(
            report.json["summary"]["failed"],
            Value::Bool(run.code == 1),
            "exit code {} and summary disagree:\n{}",
            run.code,
            run.stdout
        );
        report
    }

    /// Every file under the temporary folder with its bytes.
    fn all_files(&self) -> BTreeMap<String, Vec<u8>> {
        files(self.tmp.path())
    }

    /// The message IDs of a source catalog (`locales/en/...`), in order.
    fn source_ids(&self, rel: &str) -> Vec<String> {
        self.read_text(rel)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with(' '))
            .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.to_string()))
            .collect()
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/projects")
        .join(name)
}

/// A parsed `check --format json` report and the exit code.
struct Report {
    code: i32,
    json: Value,
}

/// The parts of a finding the tests compare.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Finding {
    code: String,
    severity: String,
    file: String,
    line: u64,
    locale: Option<String>,
    message_id: Option<String>,
}

/// A finding about a message.
fn finding(code: &str, severity: &str, file: &str, line: u64, locale: &str, id: &str) -> Finding {
    Finding {
        code: code.into(),
        severity: severity.into(),
        file: file.into(),
        line,
        locale: Some(locale.into()),
        message_id: Some(id.into()),
    }
}

/// A finding about a whole file (no message ID).
fn file_finding(code: &str, severity: &str, file: &str, line: u64, locale: &str) -> Finding {
    Finding {
        message_id: None,
        ..finding(code, severity, file, line, locale, "")
    }
}

impl Report {
    fn diagnostics(&self) -> &[Value] {
        self.json["diagnostics"]
            .as_array()
            .expect("diagnostics is an array")
    }

    fn findings(&self) -> Vec<Finding> {
        self.diagnostics()
            .iter()
            .map(|d| {
                let text = |key: &str| d[key].as_str().map(str::to_string);
                Finding {
                    code: text("code").expect("code"),
                    severity: text("severity").expect("severity"),
                    file: text("file").expect("file"),
                    line: d["line"].as_u64().expect("line"),
                    locale: text("locale"),
                    message_id: text("message_id"),
                }
            })
            .collect()
    }

    /// The findings of one code.
    fn with_code(&self, code: &str) -> Vec<Finding> {
        self.findings()
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    /// The JSON of the only diagnostic with this code.
    fn only(&self, code: &str) -> &Value {
        let found: Vec<&Value> = self
            .diagnostics()
            .iter()
            .filter(|d| d["code"] == code)
            .collect();
        assert_eq!(found.len(), 1, "one {code} finding: {:#?}", self.json);
        found[0]
    }

    /// A locale's total coverage numbers.
    fn total(&self, locale: &str) -> &Value {
        &self.json["coverage"][locale]["total"]
    }

    /// Panics unless the findings are exactly `expected` (in report order).
    fn expect(&self, expected: &[Finding]) {
        assert_eq!(
            self.findings(),
            expected,
            "findings differ; the report:\n{:#}",
            self.json
        );
    }
}

/// `check-basic` after `extract`, with one line of a French catalog
/// replaced: the usual start of a test.
fn basic_with(rel: &str, from: &str, to: &str) -> Project {
    let p = Project::extracted("check-basic");
    p.edit(rel, from, to);
    p
}

// ---------------------------------------------------------------- baseline

#[test]
fn fixture_ids_are_those_of_the_source_catalogs() {
    let p = Project::extracted("check-basic");
    assert_eq!(
        p.source_ids("locales/en/page.ftl"),
        [
            TITLE,
            HEADING,
            INSTALL,
            LOGO,
            FOOTNOTE_REF,
            KBD,
            ONE,
            TWO,
            CAFFE2,
            FOOTNOTE
        ]
    );
    assert_eq!(
        p.source_ids("locales/en/guide/links.ftl"),
        [LINKS_HEADING, REFS, VISIT]
    );
    // And the line numbers the tests rely on.
    let fr = p.read_text(FR_FILE);
    for (id, line) in [
        (TITLE, 4),
        (INSTALL, 8),
        (ONE, 16),
        (CAFFE2, 21),
        (FOOTNOTE, 23),
    ] {
        assert!(
            fr.lines()
                .nth(line - 1)
                .unwrap()
                .starts_with(&format!("{id} = ")),
            "{id} is not on line {line} of {FR_FILE}:\n{fr}"
        );
    }
}

#[test]
fn complete_french_translation_has_no_finding_and_exits_0() {
    let p = Project::extracted("check-basic");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
    let summary = &report.json["summary"];
    assert_eq!(summary["pages"], 2);
    assert_eq!(summary["errors"], 0);
    assert_eq!(summary["warnings"], 0);
    assert_eq!(summary["infos"], 0);
    let fr = report.total("fr");
    assert_eq!(fr["messages"], 13);
    assert_eq!(fr["translated"], 13);
    assert_eq!(fr["percent"], 100.0);
    assert_eq!(report.json["coverage"]["fr"]["passes"], true);
    assert_eq!(report.json["coverage"]["fr"]["required"], Value::Null);
}

#[test]
fn german_findings_are_missing_and_fuzzy_warnings_and_exit_0() {
    let p = Project::extracted("check-basic");
    let report = p.check(&[]);
    assert_eq!(report.code, 0, "warnings do not fail check");
    let missing =
        |file: &str, line: u64, id: &str| finding("missing", "warning", file, line, "de", id);
    report.expect(&[
        missing(LINKS_PAGE, 1, LINKS_HEADING),
        missing(LINKS_PAGE, 3, REFS),
        missing(LINKS_PAGE, 5, VISIT),
        missing(PAGE, 8, INSTALL),
        missing(PAGE, 10, LOGO),
        missing(PAGE, 12, FOOTNOTE_REF),
        missing(PAGE, 14, KBD),
        missing(PAGE, 18, TWO),
        missing(PAGE, 20, CAFFE2),
        missing(PAGE, 22, FOOTNOTE),
        finding("fuzzy", "warning", DE, 9, "de", ONE),
    ]);
    assert_eq!(report.json["summary"]["warnings"], 11);
}

// ---------------------------------------------------------------- source-out-of-date

#[test]
fn source_out_of_date_when_extract_was_not_run() {
    let p = Project::from_fixture("check-basic");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    report.expect(&[
        file_finding(
            "source-out-of-date",
            "error",
            "project/locales/en/guide/links.ftl",
            1,
            "en",
        ),
        file_finding("source-out-of-date", "error", EN, 1, "en"),
    ]);
}

#[test]
fn source_out_of_date_when_a_page_changed_after_extract() {
    let p = Project::extracted("check-basic");
    p.edit(
        "content/page.md",
        "Plain paragraph two.",
        "Plain paragraph 2.",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    let out_of_date = report.with_code("source-out-of-date");
    assert_eq!(
        out_of_date,
        [file_finding("source-out-of-date", "error", EN, 1, "en")]
    );
    assert_eq!(report.only("source-out-of-date")["page"], "page.md");
}

#[test]
fn source_out_of_date_when_a_page_was_deleted_after_extract() {
    let p = Project::extracted("check-basic");
    fs::remove_file(p.path("content/guide/links.md")).unwrap();
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    let obsolete = |line: u64, id: &str| finding("obsolete", "warning", FR_LINKS, line, "fr", id);
    report.expect(&[
        file_finding(
            "source-out-of-date",
            "error",
            "project/locales/en/guide/links.ftl",
            1,
            "en",
        ),
        obsolete(4, LINKS_HEADING),
        obsolete(6, REFS),
        obsolete(8, VISIT),
    ]);
    assert_eq!(report.json["summary"]["pages"], 1);
    assert_eq!(report.total("fr")["obsolete"], 3);
}

#[test]
fn no_source_out_of_date_after_extract_even_when_translations_change() {
    let p = basic_with(FR_FILE, "Paragraphe simple un.", "Un paragraphe simple.");
    let report = p.check(&[]);
    assert_eq!(report.with_code("source-out-of-date"), []);
}

/// `check` reads the source texts back from a current source catalog; when
/// a line in it is not one `extract` writes, it parses the page instead.
/// The report is the same either way, page lines of missing translations
/// included.
#[test]
fn the_report_is_the_same_when_the_source_catalog_does_not_read_back() {
    let p = basic_with(FR_FILE, "Paragraphe simple un.", "Paragraphe *simple* un.");
    let read_back = p.check(&[]);
    assert!(!read_back.with_code("missing").is_empty());
    assert!(!read_back.with_code("markup-mismatch").is_empty());
    p.edit(
        "locales/en/page.ftl",
        "# Front matter `title`.",
        "# A note written by hand.\n# Front matter `title`.",
    );
    let parsed = p.check(&[]);
    assert_eq!(parsed.json, read_back.json);
}

/// `extract` skips a page whose source catalog ends with its stamp,
/// whatever comes before; `check` agrees that the catalog is current.
#[test]
fn a_bad_byte_before_the_stamp_does_not_make_the_source_out_of_date() {
    let p = Project::extracted("check-basic");
    let mut bytes = p.read("locales/en/page.ftl");
    let head = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.splice(head..head, b"\n# \xff\n".iter().copied());
    p.write("locales/en/page.ftl", &bytes);
    assert_eq!(p.check(&[]).with_code("source-out-of-date"), []);
    p.run(&["extract"]).expect_code(0);
    assert_eq!(
        p.read("locales/en/page.ftl"),
        bytes,
        "extract skipped the page"
    );
}

// ---------------------------------------------------------------- syntax

#[test]
fn syntax_error_names_the_line_and_the_message_becomes_missing() {
    let p = basic_with(
        FR_FILE,
        "plain-paragraph-one-5e85 = Paragraphe",
        "plain-paragraph-one-5e85 Paragraphe",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    report.expect(&[
        finding("missing", "warning", PAGE, 16, "fr", ONE),
        file_finding("syntax", "error", FR, 16, "fr"),
    ]);
    let syntax = report.only("syntax");
    assert_eq!(syntax["column"], 1);
    assert_eq!(syntax["page"], "page.md");
    assert_eq!(report.total("fr")["missing"], 1);
}

#[test]
fn multi_line_and_escaped_fluent_is_no_syntax_error() {
    let p = basic_with(
        FR_FILE,
        "plain-paragraph-one-5e85 = Paragraphe simple un.",
        "plain-paragraph-one-5e85 =\n    Paragraphe { \"{\" }simple{ \"}\" }\n    un.",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
}

// ---------------------------------------------------------------- placeables

#[test]
fn placeable_missing_when_a_translation_drops_one() {
    let p = basic_with(FR_FILE, "et lancez { $code1 }.", "et lancez la commande.");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    report.expect(&[finding("placeable-missing", "error", FR, 8, "fr", INSTALL)]);
    assert!(
        report.only("placeable-missing")["message"]
            .as_str()
            .unwrap()
            .contains("$code1"),
        "the finding names the placeable"
    );
    let fr = report.total("fr");
    assert_eq!((&fr["translated"], &fr["broken"]), (&12.into(), &1.into()));
}

#[test]
fn no_placeable_missing_when_placeables_move() {
    let p = basic_with(
        FR_FILE,
        "Lisez le [guide d’installation]({ $link1 }) et lancez { $code1 }.",
        "Lancez { $code1 } après avoir lu le [guide d’installation]({ $link1 }).",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
}

#[test]
fn placeable_unknown_for_a_variable_the_source_does_not_have() {
    let p = basic_with(
        FR_FILE,
        "et lancez { $code1 }.",
        "et lancez { $code1 } puis { $code2 }.",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    report.expect(&[finding("placeable-unknown", "error", FR, 8, "fr", INSTALL)]);
    assert!(
        report.only("placeable-unknown")["message"]
            .as_str()
            .unwrap()
            .contains("$code2")
    );
}

#[test]
fn placeable_unknown_for_references_and_functions() {
    for (what, placeable, code) in [
        (
            "message reference",
            "{ other-message }",
            "placeable-unknown",
        ),
        // (A term is the glossary's: with none, it is unknown.)
        ("term reference", "{ -brand }", "unknown-term"),
        ("function", "{ NUMBER(1) }", "placeable-unknown"),
    ] {
        let p = basic_with(
            FR_FILE,
            "et lancez { $code1 }.",
            &format!("et lancez {{ $code1 }} {placeable}."),
        );
        let report = p.check(&["--locale", "fr"]);
        assert_eq!(report.code, 1, "{what}");
        report.expect(&[finding(code, "error", FR, 8, "fr", INSTALL)]);
    }
}

#[test]
fn no_placeable_unknown_for_string_literals_and_a_repeated_placeable() {
    let p = basic_with(
        FR_FILE,
        "et lancez { $code1 }.",
        "et lancez { $code1 }{ \"!\" } Oui, { $code1 }.",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
}

// ---------------------------------------------------------------- markup-mismatch

/// Replaces `from` by `to` in a French catalog and expects exactly one
/// markup-mismatch at `line` for `id`.
fn expect_markup_mismatch(file: &str, shown: &str, from: &str, to: &str, line: u64, id: &str) {
    let p = basic_with(file, from, to);
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1, "{to}");
    report.expect(&[finding("markup-mismatch", "error", shown, line, "fr", id)]);
}

#[test]
fn markup_mismatch_when_a_link_is_dropped_or_added() {
    expect_markup_mismatch(
        FR_FILE,
        FR,
        "[guide d’installation]({ $link1 })",
        "guide d’installation ({ $link1 })",
        8,
        INSTALL,
    );
    expect_markup_mismatch(
        FR_FILE,
        FR,
        "Lisez le [guide",
        "Lisez [ceci](https://example.com) et le [guide",
        8,
        INSTALL,
    );
}

#[test]
fn markup_mismatch_when_an_image_is_dropped() {
    expect_markup_mismatch(
        FR_FILE,
        FR,
        "![le logo]({ $img1 })",
        "le logo ({ $img1 })",
        10,
        LOGO,
    );
}

#[test]
fn markup_mismatch_when_inline_html_tags_are_dropped() {
    expect_markup_mismatch(FR_FILE, FR, "<b>Ctrl</b>", "Ctrl", 14, KBD);
}

#[test]
fn markup_mismatch_when_a_translation_starts_a_block() {
    for (what, start) in [
        ("list", "- "),
        ("ordered list", "1. "),
        ("heading", "# "),
        ("code fence", "```"),
    ] {
        let p = basic_with(
            FR_FILE,
            "= Paragraphe simple un.",
            &format!("= {start}Paragraphe simple un."),
        );
        let report = p.check(&["--locale", "fr"]);
        assert_eq!(report.code, 1, "{what}");
        report.expect(&[finding("markup-mismatch", "error", FR, 16, "fr", ONE)]);
    }
}

#[test]
fn markup_mismatch_when_a_footnote_reference_is_dropped() {
    expect_markup_mismatch(FR_FILE, FR, "une note[^1].", "une note.", 12, FOOTNOTE_REF);
    expect_markup_mismatch(
        FR_FILE,
        FR,
        "une note[^1].",
        "une note[^2].",
        12,
        FOOTNOTE_REF,
    );
}

#[test]
fn markup_mismatch_when_reference_links_are_dropped() {
    expect_markup_mismatch(
        FR_LINKS_FILE,
        FR_LINKS,
        "Voir le [guide complet][{ $ref1 }] et la [FAQ][{ $ref2 }].",
        "Voir le guide complet { $ref1 } et la FAQ { $ref2 }.",
        6,
        REFS,
    );
}

#[test]
fn no_markup_mismatch_when_links_images_footnotes_and_tags_are_kept() {
    let p = Project::extracted("check-basic");
    p.edit(
        FR_FILE,
        "Lisez le [guide d’installation]({ $link1 }) et lancez { $code1 }.",
        "Lancez { $code1 }, mais lisez d’abord [le guide]({ $link1 }).",
    );
    p.edit(
        FR_FILE,
        "Voir ![le logo]({ $img1 }) pour les détails.",
        "Détails : ![logo]({ $img1 })",
    );
    p.edit(
        FR_FILE,
        "Une phrase avec une note[^1].",
        "Une note[^1] dans une phrase.",
    );
    p.edit(
        FR_FILE,
        "Appuyez sur <b>Ctrl</b> pour continuer.",
        "Pour continuer, appuyez sur <b>Ctrl</b>.",
    );
    // A paragraph that merely contains `-`, `#` and backquotes.
    p.edit(
        FR_FILE,
        "Paragraphe simple un.",
        "Paragraphe - simple # un ``` fin.",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
}

#[test]
fn no_markup_mismatch_for_a_numbered_heading_or_title() {
    let p = Project::extracted("check-basic");
    p.edit(
        DE_FILE,
        "getting-started-acbf = Erste Schritte",
        "getting-started-acbf = 1. Schritt: loslegen",
    );
    p.edit(
        DE_FILE,
        "title-7e58 = Willkommen",
        "title-7e58 = 1. Mai: Willkommen",
    );
    p.run(&["build", "--locale", "de"]).expect_code(0);
    let built = p.read_text("build/de/page.md");
    assert!(
        built.contains("\n# 1. Schritt: loslegen"),
        "the heading stays a heading:\n{built}"
    );
    let report = p.check(&["--locale", "de"]);
    assert_eq!(report.with_code("markup-mismatch"), []);
}

#[test]
fn markup_mismatch_when_emphasis_is_dropped() {
    let p = Project::extracted("check-basic");
    p.write("content/bold.md", "Some **bold** words.\n");
    p.run(&["extract"]).expect_code(0);
    let ids = p.source_ids("locales/en/bold.ftl");
    assert_eq!(ids.len(), 1);
    p.write(
        "locales/fr/bold.ftl",
        format!("{} = Des mots gras.\n", ids[0]),
    );
    let report = p.check(&["--locale", "fr"]);
    // Emphasis alone is a warning: some languages have no use for it.
    assert_eq!(report.code, 0);
    report.expect(&[finding(
        "markup-mismatch",
        "warning",
        "project/locales/fr/bold.ftl",
        1,
        "fr",
        &ids[0],
    )]);
}

// ---------------------------------------------------------------- unsafe-html

/// Replaces `from` by `to` in a French catalog and expects exactly one
/// unsafe-html finding at `line` for `id`, whose message names `named`.
fn expect_unsafe(file: &str, shown: &str, from: &str, to: &str, line: u64, id: &str, named: &str) {
    let p = basic_with(file, from, to);
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1, "{to}");
    report.expect(&[finding("unsafe-html", "error", shown, line, "fr", id)]);
    let message = report.only("unsafe-html")["message"].as_str().unwrap();
    assert!(message.contains(named), "{message:?} names {named:?}");
}

#[test]
fn unsafe_html_for_a_script_tag() {
    expect_unsafe(
        FR_FILE,
        FR,
        "pour continuer.",
        "pour continuer.<script>alert(1)</script>",
        14,
        KBD,
        "<script>",
    );
}

#[test]
fn unsafe_html_for_an_event_handler_attribute() {
    // On a new tag...
    expect_unsafe(
        FR_FILE,
        FR,
        "pour continuer.",
        "pour continuer. <img src=x onerror=alert(1)>",
        14,
        KBD,
        "onerror",
    );
    // ...and on a tag the source has.
    expect_unsafe(
        FR_FILE,
        FR,
        "<b>Ctrl</b>",
        "<b onerror=alert(1)>Ctrl</b>",
        14,
        KBD,
        "onerror",
    );
}

#[test]
fn unsafe_html_for_a_javascript_link_in_any_case() {
    for scheme in ["javascript:", "JaVaScRiPt:"] {
        // The placeable stays (as text), so only the link is wrong.
        expect_unsafe(
            FR_FILE,
            FR,
            "[guide d’installation]({ $link1 })",
            &format!("[guide d’installation]({scheme}alert(1)) ({{ $link1 }})"),
            8,
            INSTALL,
            "javascript:",
        );
    }
    // In an HTML attribute of a tag the source has.
    expect_unsafe(
        FR_LINKS_FILE,
        FR_LINKS,
        "href=\"https://example.com\"",
        "href=\"JaVaScRiPt:alert(1)\"",
        8,
        VISIT,
        "javascript:",
    );
}

#[test]
fn unsafe_html_for_an_entity_encoded_javascript_attribute() {
    expect_unsafe(
        FR_LINKS_FILE,
        FR_LINKS,
        "href=\"https://example.com\"",
        "href=\"&#106;avascript:alert(1)\"",
        8,
        VISIT,
        "javascript:",
    );
}

#[test]
fn unsafe_html_for_an_event_handler_after_a_quoted_gt() {
    expect_unsafe(
        FR_FILE,
        FR,
        "<b>Ctrl</b>",
        "<b title=\"x>y\" onmouseover=alert(1)>Ctrl</b>",
        14,
        KBD,
        "onmouseover",
    );
}

#[test]
fn no_unsafe_html_for_the_source_tags_and_script_words_in_text() {
    let p = Project::extracted("check-basic");
    p.edit(
        FR_FILE,
        "Appuyez sur <b>Ctrl</b> pour continuer.",
        "Appuyez sur <B>Ctrl</B> (onerror=1, javascript: non, <script> non plus).",
    );
    let report = p.check(&["--locale", "fr"]);
    // `<script>` in text is still HTML to Markdown: it must be reported,
    // and only it (the other words are text).
    let unsafe_html = report.only("unsafe-html")["message"].as_str().unwrap();
    assert!(unsafe_html.contains("<script>"), "{unsafe_html}");
    assert!(!unsafe_html.contains("onerror") && !unsafe_html.contains("javascript"));

    p.edit(FR_FILE, ", <script> non plus", "");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
}

// ---------------------------------------------------------------- missing

#[test]
fn missing_translation_points_at_the_page() {
    let p = basic_with(
        FR_FILE,
        "\n\nthe-footnote-text-b35e = Le texte de la note.\n",
        "\n",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0, "missing is a warning without a requirement");
    report.expect(&[finding("missing", "warning", PAGE, 22, "fr", FOOTNOTE)]);
    let missing = report.only("missing");
    assert_eq!(missing["column"], 7, "after `[^1]: `");
    assert_eq!(missing["page"], "page.md");
    assert!(
        missing["hint"].as_str().unwrap().contains(FR),
        "the hint names the catalog: {}",
        missing["hint"]
    );
    let fr = report.total("fr");
    assert_eq!((&fr["missing"], &fr["translated"]), (&1.into(), &12.into()));
}

#[test]
fn missing_catalog_makes_every_message_missing() {
    let p = Project::extracted("check-basic");
    fs::remove_file(p.path(FR_LINKS_FILE)).unwrap();
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    let missing = |line: u64, id: &str| finding("missing", "warning", LINKS_PAGE, line, "fr", id);
    report.expect(&[
        missing(1, LINKS_HEADING),
        missing(3, REFS),
        missing(5, VISIT),
    ]);
    assert_eq!(
        report.json["coverage"]["fr"]["pages"]["guide/links.md"]["percent"],
        0.0
    );
}

// ---------------------------------------------------------------- fuzzy

#[test]
fn fuzzy_translation_is_a_warning_and_not_counted_as_translated() {
    let p = Project::extracted("check-basic");
    let report = p.check(&["--locale", "de"]);
    let fuzzy = finding("fuzzy", "warning", DE, 9, "de", ONE);
    assert_eq!(report.with_code("fuzzy"), [fuzzy]);
    let de = report.total("de");
    assert_eq!((&de["fuzzy"], &de["translated"]), (&1.into(), &2.into()));
}

#[test]
fn no_fuzzy_once_the_reviewer_deletes_the_mark() {
    let p = basic_with(DE_FILE, "# fuzzy\n", "");
    let report = p.check(&["--locale", "de"]);
    assert_eq!(report.with_code("fuzzy"), []);
    let de = report.total("de");
    assert_eq!((&de["fuzzy"], &de["translated"]), (&0.into(), &3.into()));
}

#[test]
fn edited_source_text_makes_the_translation_fuzzy_after_extract() {
    let p = Project::extracted("check-basic");
    p.edit(
        "content/page.md",
        "Plain paragraph two.",
        "Plain paragraph number two.",
    );
    p.run(&["extract"]).expect_code(0);
    let new_id = p.source_ids("locales/en/page.ftl")[7].clone();
    assert_ne!(new_id, TWO);
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0);
    let fuzzy = report.only("fuzzy");
    assert_eq!(fuzzy["message_id"], new_id.as_str());
    assert_eq!(fuzzy["file"], FR);
    let line = fuzzy["line"].as_u64().unwrap() as usize;
    assert!(
        p.read_text(FR_FILE)
            .lines()
            .nth(line - 1)
            .unwrap()
            .starts_with(&format!("{new_id} = Paragraphe simple deux.")),
        "the fuzzy finding's line is the translation's"
    );
    assert_eq!(report.findings().len(), 1, "{:#}", report.json);
}

// ---------------------------------------------------------------- obsolete

#[test]
fn obsolete_entries_under_the_obsolete_group_and_unknown_ids() {
    let p = Project::extracted("check-basic");
    let catalog = p.read_text(FR_FILE);
    p.write(
        FR_FILE,
        format!(
            "{catalog}\nstray-text-1234 = Égaré\n\n## Obsolete\n\n# source was: Old text\nold-text-abcd = Vieux texte\n"
        ),
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0, "obsolete is a warning");
    report.expect(&[
        finding("obsolete", "warning", FR, 25, "fr", "stray-text-1234"),
        finding("obsolete", "warning", FR, 30, "fr", "old-text-abcd"),
    ]);
    assert_eq!(report.total("fr")["obsolete"], 2);
    assert_eq!(report.total("fr")["translated"], 13);
}

#[test]
fn obsolete_can_be_silenced_for_one_entry() {
    let p = Project::extracted("check-basic");
    let catalog = p.read_text(FR_FILE);
    p.write(
        FR_FILE,
        format!(
            "{catalog}\n## Obsolete\n\n# fluentmark-ignore: obsolete\nkept-abcd = Gardé\n\nother-abcd = Autre\n"
        ),
    );
    let report = p.check(&["--locale", "fr"]);
    report.expect(&[finding("obsolete", "warning", FR, 30, "fr", "other-abcd")]);
}

#[test]
fn no_obsolete_for_current_translations() {
    let p = Project::extracted("check-basic");
    let report = p.check(&[]);
    assert_eq!(report.with_code("obsolete"), []);
    assert_eq!(report.total("fr")["obsolete"], 0);
    assert_eq!(report.total("de")["obsolete"], 0);
}

// ---------------------------------------------------------------- identical

#[test]
fn identical_translation_is_a_warning_and_counts_as_untranslated() {
    let p = basic_with(FR_FILE, "Paragraphe simple deux.", "Plain paragraph two.");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 0, "a warning does not fail check");
    report.expect(&[finding("identical", "warning", FR, 18, "fr", TWO)]);
    assert_eq!(report.json["summary"]["warnings"], 1);
    assert_eq!(
        (
            &report.total("fr")["translated"],
            &report.total("fr")["missing"]
        ),
        (&Value::from(12), &Value::from(1)),
        "a copy of the source text is untranslated"
    );
    // With a requirement, it fails like a missing translation.
    let report = p.check(&["--locale", "fr", "--min-coverage", "fr=100"]);
    assert_eq!(report.code, 1);
    // build agrees: the source text, not counted as translated.
    let run = p.run(&["build", "--locale", "fr"]);
    assert!(
        run.stdout.contains("12/13 message(s) translated"),
        "{}",
        run.stdout
    );
}

#[test]
fn ignore_comment_silences_identical_for_that_message_only() {
    // Caffe2 is kept as is under `# fluentmark-ignore: identical` (line 20);
    // another message identical to its source is still reported.
    let p = basic_with(FR_FILE, "Paragraphe simple deux.", "Plain paragraph two.");
    assert!(
        p.read_text(FR_FILE)
            .contains("# fluentmark-ignore: identical\ncaffe2-b784 = Caffe2\n")
    );
    let report = p.check(&["--locale", "fr"]);
    report.expect(&[finding("identical", "warning", FR, 18, "fr", TWO)]);

    // Without the comment, Caffe2 is reported too.
    p.edit(FR_FILE, "# fluentmark-ignore: identical\n", "");
    let report = p.check(&["--locale", "fr"]);
    report.expect(&[
        finding("identical", "warning", FR, 18, "fr", TWO),
        finding("identical", "warning", FR, 20, "fr", CAFFE2),
    ]);

    // A comment silencing another code does not silence identical; a list
    // of codes does.
    p.edit(
        FR_FILE,
        "caffe2-b784 =",
        "# fluentmark-ignore: fuzzy\ncaffe2-b784 =",
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.with_code("identical").len(), 2);
    p.edit(
        FR_FILE,
        "# fluentmark-ignore: fuzzy\n",
        "# fluentmark-ignore: fuzzy, identical\n",
    );
    let report = p.check(&["--locale", "fr"]);
    report.expect(&[finding("identical", "warning", FR, 18, "fr", TWO)]);
}

#[test]
fn no_identical_for_a_translation_that_differs() {
    let p = basic_with(FR_FILE, "Paragraphe simple deux.", "Plain paragraph two!");
    let report = p.check(&["--locale", "fr"]);
    report.expect(&[]);
}

// ---------------------------------------------------------------- duplicate-id

#[test]
fn duplicate_id_is_an_error_on_the_second_definition() {
    let p = Project::extracted("check-basic");
    let catalog = p.read_text(FR_FILE);
    p.write(
        FR_FILE,
        format!("{catalog}\nplain-paragraph-one-5e85 = Encore un paragraphe.\n"),
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    report.expect(&[finding("duplicate-id", "error", FR, 25, "fr", ONE)]);
    let message = report.only("duplicate-id")["message"].as_str().unwrap();
    assert!(
        message.contains("line 16"),
        "names the first definition: {message}"
    );
}

#[test]
fn no_duplicate_id_for_the_same_text_under_two_ids_or_in_two_catalogs() {
    let p = basic_with(FR_FILE, "Paragraphe simple deux.", "Paragraphe simple un.");
    // The same ID in the German catalog and the French one is no duplicate.
    let report = p.check(&[]);
    assert_eq!(report.with_code("duplicate-id"), []);
    assert_eq!(report.code, 0);
}

// ---------------------------------------------------------------- coverage

#[test]
fn min_coverage_flag_makes_missing_an_error_and_adds_a_coverage_finding() {
    let p = basic_with(
        FR_FILE,
        "\n\nthe-footnote-text-b35e = Le texte de la note.\n",
        "\n",
    );
    let report = p.check(&["--min-coverage", "fr=100"]);
    assert_eq!(report.code, 1);
    let fr: Vec<Finding> = report
        .findings()
        .into_iter()
        .filter(|f| f.locale.as_deref() == Some("fr"))
        .collect();
    assert_eq!(
        fr,
        [
            finding("missing", "error", PAGE, 22, "fr", FOOTNOTE),
            file_finding("coverage", "error", CONFIG, 1, "fr"),
        ]
    );
    // German has no requirement: its missing translations stay warnings.
    let de_missing = report
        .findings()
        .into_iter()
        .filter(|f| f.locale.as_deref() == Some("de") && f.code == "missing");
    for f in de_missing {
        assert_eq!(f.severity, "warning", "{f:?}");
    }
    let coverage = &report.json["coverage"]["fr"];
    assert_eq!(coverage["required"], 100.0);
    assert_eq!(coverage["passes"], false);
    assert_eq!(coverage["percent"], 92.3);
    assert_eq!(report.json["coverage"]["de"]["passes"], true);
}

#[test]
fn min_coverage_in_the_config_does_the_same() {
    let p = basic_with(
        FR_FILE,
        "\n\nthe-footnote-text-b35e = Le texte de la note.\n",
        "\n",
    );
    let config = p.read_text("fluentmark.toml");
    p.write(
        "fluentmark.toml",
        format!("{config}\n[check]\nmin_coverage = {{ fr = 100 }}\n"),
    );
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    // The coverage finding points at the requirement's line.
    let line = p
        .read_text("fluentmark.toml")
        .lines()
        .position(|l| l.starts_with("min_coverage"))
        .unwrap() as u64
        + 1;
    report.expect(&[
        finding("missing", "error", PAGE, 22, "fr", FOOTNOTE),
        file_finding("coverage", "error", CONFIG, line, "fr"),
    ]);
    assert_eq!(report.json["coverage"]["fr"]["required"], 100.0);

    // The flag overrides the configuration.
    let report = p.check(&["--locale", "fr", "--min-coverage", "fr=90"]);
    assert_eq!(report.code, 0);
    report.expect(&[finding("missing", "warning", PAGE, 22, "fr", FOOTNOTE)]);
    assert_eq!(report.json["coverage"]["fr"]["required"], 90.0);
    assert_eq!(report.json["coverage"]["fr"]["passes"], true);
}

#[test]
fn fuzzy_translations_count_against_min_coverage() {
    let p = Project::extracted("check-basic");
    let report = p.check(&["--locale", "de", "--min-coverage", "de=15"]);
    assert_eq!(report.code, 0, "2 of 13 is 15.4%");
    let report = p.check(&["--locale", "de", "--min-coverage", "de=16"]);
    assert_eq!(report.code, 1);
    assert_eq!(
        report.with_code("coverage"),
        [file_finding("coverage", "error", CONFIG, 1, "de")]
    );
    assert_eq!(report.with_code("fuzzy")[0].severity, "warning");
}

#[test]
fn no_coverage_finding_when_the_requirement_is_met() {
    let p = Project::extracted("check-basic");
    let report = p.check(&["--min-coverage", "fr=100", "--locale", "fr"]);
    assert_eq!(report.code, 0);
    report.expect(&[]);
    assert_eq!(report.json["coverage"]["fr"]["passes"], true);
}

#[test]
fn coverage_hint_counts_broken_translations() {
    let p = basic_with(FR_FILE, "et lancez { $code1 }.", "et lancez la commande.");
    let report = p.check(&["--locale", "fr", "--min-coverage", "fr=100"]);
    let hint = report.only("coverage")["hint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !hint.contains("0 missing and 0 fuzzy"),
        "the hint must point at the broken translation: {hint}"
    );
}

#[test]
fn min_coverage_for_an_unconfigured_locale_exits_2() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["check", "--min-coverage", "xx=100"]);
    run.expect_code(2);
    assert!(run.stderr.contains("xx"), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n\n[check]\nmin_coverage = { xx = 100 }\n",
    );
    let run = p.run(&["check"]);
    run.expect_code(2);
    assert!(run.stderr.contains("xx"), "{}", run.stderr);
}

#[test]
fn bad_requirements_and_locales_are_usage_errors() {
    let p = Project::extracted("check-basic");
    for args in [
        ["check", "--min-coverage", "fr"],
        ["check", "--min-coverage", "fr=101"],
        ["check", "--min-coverage", "fr=lots"],
        ["check", "--locale", "xx"],
        ["check", "--format", "xml"],
    ] {
        let run = p.run(&args);
        run.expect_code(2);
        assert_eq!(run.stdout, "", "{args:?}");
    }
}

// ---------------------------------------------------------------- exit codes, --locale

#[test]
fn exit_1_only_when_an_error_is_present() {
    let p = Project::extracted("check-basic");
    // Warnings (German, and an identical French one).
    p.edit(FR_FILE, "Paragraphe simple deux.", "Plain paragraph two.");
    let report = p.check(&[]);
    assert_eq!(report.code, 0);
    assert_eq!(report.json["summary"]["errors"], 0);
    assert_eq!(report.json["summary"]["infos"], 0);
    assert_eq!(report.json["summary"]["warnings"], 12);

    // One error among them.
    p.edit(FR_FILE, "lancez { $code1 }.", "lancez.");
    let report = p.check(&[]);
    assert_eq!(report.code, 1);
    assert_eq!(report.json["summary"]["errors"], 1);
    // Every format exits the same way.
    for format in ["human", "github"] {
        p.run(&["check", "--format", format]).expect_code(1);
    }
}

#[test]
fn locale_option_limits_findings_and_coverage_to_that_locale() {
    let p = basic_with(FR_FILE, "lancez { $code1 }.", "lancez.");
    let all = p.check(&[]);
    let locales = |r: &Report| -> Vec<String> {
        let mut l: Vec<String> = r.findings().into_iter().filter_map(|f| f.locale).collect();
        l.sort();
        l.dedup();
        l
    };
    assert_eq!(locales(&all), ["de", "fr"]);

    let fr = p.check(&["--locale", "fr"]);
    fr.expect(&[finding("placeable-missing", "error", FR, 8, "fr", INSTALL)]);
    let covered: Vec<&String> = fr.json["coverage"].as_object().unwrap().keys().collect();
    assert_eq!(covered, ["fr"]);

    let de = p.check(&["--locale", "de"]);
    assert_eq!(de.code, 0, "the French error is not checked");
    assert_eq!(locales(&de), ["de"]);
}

#[test]
fn repeated_locale_option_checks_the_locale_once() {
    let p = basic_with(FR_FILE, "lancez { $code1 }.", "lancez.");
    let report = p.check(&["--locale", "fr", "--locale", "fr"]);
    report.expect(&[finding("placeable-missing", "error", FR, 8, "fr", INSTALL)]);
    assert_eq!(report.total("fr")["messages"], 13);
}

#[test]
fn a_broken_page_does_not_make_its_catalogs_orphans() {
    let p = Project::extracted("check-basic");
    p.edit("content/page.md", "title: Welcome", "title: [unclosed");
    let report = p.check(&["--locale", "fr"]);
    assert_eq!(report.code, 1);
    assert_eq!(report.with_code("page").len(), 1, "{:#}", report.json);
    assert_eq!(report.with_code("source-out-of-date"), []);
    assert_eq!(report.with_code("obsolete"), []);
}

// ---------------------------------------------------------------- formats

#[test]
fn github_format_prints_one_annotation_per_finding() {
    let p = Project::extracted("check-basic");
    p.edit(FR_FILE, "Paragraphe simple un.", "Plain paragraph one.");
    p.edit(
        FR_FILE,
        "plain-paragraph-two-c9e5 =",
        "# fuzzy\nplain-paragraph-two-c9e5 =",
    );
    p.edit(
        FR_FILE,
        "\n\nthe-footnote-text-b35e = Le texte de la note.\n",
        "\n",
    );
    let run = p.run(&[
        "check",
        "--format",
        "github",
        "--locale",
        "fr",
        "--min-coverage",
        "fr=100",
    ]);
    run.expect_code(1);
    let expected = [
        "::error file=project/content/page.md,line=22,col=7,title=fluentmark missing::no fr translation for `the-footnote-text-b35e`: The footnote text. (hint: add `the-footnote-text-b35e` to project/locales/fr/page.ftl)",
        "::error file=project/fluentmark.toml,line=1,col=1,title=fluentmark coverage::fr is 76.9%25 translated, below the required 100%25 (hint: translate the 2 missing, review the 1 fuzzy and fix the 0 broken message(s), or lower min_coverage for fr)",
        "::warning file=project/locales/fr/page.ftl,line=16,col=1,title=fluentmark identical::`plain-paragraph-one-5e85` is the same as the source text, so it counts as untranslated (hint: translate it, or add `# fluentmark-ignore: identical` above it if it is right as it is)",
        "::warning file=project/locales/fr/page.ftl,line=19,col=1,title=fluentmark fuzzy::`plain-paragraph-two-c9e5` is marked fuzzy: its source text changed or it was pre-filled (hint: review the translation against the source, then delete the `# fuzzy` line)",
    ];
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
    assert!(run.stdout.ends_with('\n'));
}

#[test]
fn github_format_prints_nothing_when_clean() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["check", "--format", "github", "--locale", "fr"]);
    run.expect_code(0);
    assert_eq!(run.stdout, "");
}

/// `tests/projects/check-snapshot/expected.txt`: the reviewed human output.
/// `UPDATE_SNAPSHOTS=1 cargo test --test it check::` rewrites it; review the diff.
#[test]
fn human_format_matches_the_reviewed_snapshot() {
    let p = Project::extracted("check-snapshot");
    let run = p.run(&["check"]);
    run.expect_code(1);
    assert!(
        !run.stdout.contains('\x1b'),
        "no ANSI escapes when stdout is not a terminal:\n{}",
        run.stdout
    );
    let expected_path = fixture("check-snapshot").join("expected.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        fs::write(&expected_path, &run.stdout).unwrap();
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it",
            expected_path.display()
        )
    });
    assert!(
        run.stdout == expected,
        "human output differs from {} (UPDATE_SNAPSHOTS=1 to update, then review):\n{}",
        expected_path.display(),
        run.stdout
    );
}

#[test]
fn human_format_has_no_ansi_escapes_when_piped_even_with_color_settings() {
    let p = Project::extracted("check-snapshot");
    for (key, value) in [
        ("NO_COLOR", ""),
        ("CLICOLOR_FORCE", "1"),
        ("TERM", "xterm-256color"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
            .args(["--project", "project", "check"])
            .current_dir(p.tmp.path())
            .env(key, value)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(
            !output.stdout.contains(&0x1b),
            "{key}={value}: ANSI escape in piped output"
        );
    }
}

#[test]
fn json_format_has_the_documented_shape() {
    let p = Project::extracted("check-snapshot");
    let report = p.check(&[]);
    assert_eq!(report.json["version"], 1);
    let d = report.only("placeable-missing");
    for key in [
        "file",
        "line",
        "column",
        "severity",
        "code",
        "locale",
        "page",
        "message_id",
        "message",
        "hint",
    ] {
        assert!(d.get(key).is_some(), "diagnostic has `{key}`: {d:#}");
    }
    assert_eq!(d["page"], "index.md");
    let summary = &report.json["summary"];
    assert_eq!(summary["errors"], 4);
    assert_eq!(summary["warnings"], 3);
    assert_eq!(summary["infos"], 0);
    assert_eq!(summary["failed"], true);
}

// ---------------------------------------------------------------- no writes

#[test]
fn check_and_status_never_write() {
    for (name, extract) in [
        ("check-basic", true),
        ("check-basic", false),
        ("check-snapshot", true),
    ] {
        let p = if extract {
            Project::extracted(name)
        } else {
            Project::from_fixture(name)
        };
        let before = p.all_files();
        for args in [
            &["check"][..],
            &["check", "--format", "json"],
            &["check", "--format", "github"],
            &["check", "--locale", "fr", "--min-coverage", "fr=100"],
            &["status"],
            &["status", "--format", "json"],
            &["status", "--format", "html"],
        ] {
            let run = p.run(args);
            assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
            let after = p.all_files();
            assert_eq!(
                before.keys().collect::<Vec<_>>(),
                after.keys().collect::<Vec<_>>(),
                "{name}: `{}` added or removed files",
                args.join(" ")
            );
            for (rel, bytes) in &before {
                assert!(
                    after[rel] == *bytes,
                    "{name}: `{}` changed {rel}",
                    args.join(" ")
                );
            }
        }
    }
}

// ---------------------------------------------------------------- status

/// `status` of `check-basic` after extract:
/// fr: 13/13 messages, 47/47 words; de: title and heading translated
/// (1 + 2 words), one fuzzy, 10 missing, so 2/13 (15.4%) and 3/47 words.
/// Pages: de page.md 2/10 = 20%, guide/links.md 0%; fr 100% each.
#[test]
fn status_table_shows_each_locale_and_page() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["status"]);
    run.expect_code(0);
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec![
                "locale", "messages", "done", "fuzzy", "missing", "obsolete", "words"
            ],
            vec!["de", "2/13", "15.4%", "1", "10", "0", "3/47"],
            vec!["fr", "13/13", "100.0%", "0", "0", "0", "47/47"],
            vec![],
            vec!["page", "de", "fr"],
            vec!["guide/links.md", "0%", "100%"],
            vec!["page.md", "20%", "100%"],
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.lines().all(|l| l.chars().count() <= 80),
        "fits 80 columns:\n{}",
        run.stdout
    );
}

#[test]
fn status_counts_obsolete_and_exits_0_when_check_would_fail() {
    let p = Project::extracted("check-snapshot");
    let run = p.run(&["status"]);
    run.expect_code(0);
    let fr: Vec<&str> = run
        .stdout
        .lines()
        .find(|l| l.starts_with("fr "))
        .expect("a fr row")
        .split_whitespace()
        .collect();
    // 7 messages: 2 translated (title, and the heading written
    // `# Installer`, which is still a heading), 1 fuzzy, 2 missing (one
    // identical to the source: Fluentmark), 2 broken; 1 obsolete entry.
    assert_eq!(fr, ["fr", "2/7", "28.6%", "1", "2", "1", "2/18"]);
}

#[test]
fn status_json_numbers_match_check() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["status", "--format", "json"]);
    run.expect_code(0);
    let status: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let check = p.check(&[]);
    assert_eq!(status["coverage"], check.json["coverage"]);
    let de = &status["coverage"]["de"];
    assert_eq!(de["percent"], 15.4);
    let total = &de["total"];
    for (key, n) in [
        ("messages", 13),
        ("translated", 2),
        ("fuzzy", 1),
        ("missing", 10),
        ("broken", 0),
        ("obsolete", 0),
        ("words", 47),
        ("words_translated", 3),
    ] {
        assert_eq!(total[key], n, "de {key}");
    }
    assert_eq!(de["pages"]["page.md"]["percent"], 20.0);
    assert_eq!(de["pages"]["guide/links.md"]["percent"], 0.0);
    assert_eq!(status["coverage"]["fr"]["total"]["words_translated"], 47);
}

#[test]
fn status_html_is_one_self_contained_document() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["status", "--format", "html"]);
    run.expect_code(0);
    let html = &run.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("</body>").count(), 1);
    for external in ["http", "src=", "<link", "@import", "url("] {
        assert!(
            !html.contains(external),
            "external reference `{external}`:\n{html}"
        );
    }
    for row in [
        "<tr><td>de</td>",
        "<tr><td>fr</td>",
        "<tr><td>page.md</td>",
        "<tr><td>guide/links.md</td>",
    ] {
        assert_eq!(html.matches(row).count(), 1, "{row}:\n{html}");
    }
    assert_eq!(html.matches("<tr><td>").count(), 4, "2 locales, 2 pages");
    // Numbers sort as numbers (each cell carries its value).
    for numbers in [
        "<td class=\"n\" data-v=\"2\">2/13</td>",
        "<td class=\"n\" data-v=\"3\">3/47</td>",
        "<td class=\"n\" data-v=\"13\">13/13</td>",
        "<td class=\"n\" data-v=\"47\">47/47</td>",
    ] {
        assert!(html.contains(numbers), "{numbers}:\n{html}");
    }
    // Says what and when, fits a phone, follows dark mode, links catalogs.
    for part in [
        "<title>Translation status of project</title>",
        "Source locale <b>en</b>",
        concat!("fluentmark ", env!("CARGO_PKG_VERSION")),
        "name=\"viewport\"",
        "prefers-color-scheme: dark",
        "<a href=\"locales/fr/guide/links.ftl\">",
        "<th>fr missing</th>",
    ] {
        assert!(html.contains(part), "{part}:\n{html}");
    }
}

#[test]
fn status_svg_is_a_badge_of_one_locale() {
    let p = Project::extracted("check-basic");
    let run = p.run(&["status", "--format", "svg", "--locale", "de"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("<svg "), "{}", run.stdout);
    assert!(run.stdout.contains(">de</text>") && run.stdout.contains("%</text>"));
    p.run(&["status", "--format", "svg"])
        .expect_code(2)
        .expect_stderr("--locale");
}
