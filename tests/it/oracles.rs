//! Other Fluent tools as oracles: every catalog fluentmark writes must mean
//! the same to Python `fluent.syntax` (the parser Pontoon uses) and load in
//! translate-toolkit (what Weblate uses), and a catalog those tools wrote
//! must lose nothing in fluentmark.
//!
//! The Python tools live in a virtual environment that `.ci/run` makes
//! (`target/pyvenv`, or `FLUENTMARK_PYTHON`). Without it a test prints why
//! it skips, except under `CI=true`, where a missing oracle fails.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use fluentmark::catalog::Catalog;
use fluentmark::check::{CheckOptions, check};
use fluentmark::extract::{ExtractOptions, extract};
use fluentmark::pattern::{Pattern, Piece};
use fluentmark::project::Project;
use serde_json::Value;

/// The Python with fluent.syntax and translate-toolkit, if there is one.
fn python() -> Option<PathBuf> {
    crate::common::python_with(
        "fluent.syntax, translate.storage.fluent",
        "fluent.syntax and translate-toolkit",
    )
}

/// Runs a script of `tests/oracles/`.
fn script(python: &Path, name: &str, args: &[&str]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oracles")
        .join(name);
    let out = Command::new(python).arg(path).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What a pattern means, written as the Python script writes it.
fn meaning(pattern: &Pattern) -> String {
    pattern
        .pieces()
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Var(v) => format!("{{${v}}}"),
            Piece::Term(t) => t.to_string(),
        })
        .collect()
}

/// Every `.ftl` file under `dir`.
fn catalogs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    out.sort();
    out
}

/// Reads `files` with the Python tools and fluentmark, and panics unless
/// they agree: no junk, translate-toolkit loads each, no note shows
/// machine state, and every message means the same.
fn expect_same_meaning(python: &Path, files: &[PathBuf]) {
    let mut read: BTreeMap<String, Value> = BTreeMap::new();
    // (Command lines have a limit.)
    for chunk in files.chunks(400) {
        let args: Vec<&str> = chunk.iter().map(|p| p.to_str().unwrap()).collect();
        let json: BTreeMap<String, Value> =
            serde_json::from_str(&script(python, "fluent_meaning.py", &args)).unwrap();
        read.extend(json);
    }
    for path in files {
        let theirs = &read[path.to_str().unwrap()];
        assert_eq!(theirs["junk"], Value::Array(vec![]), "{}", path.display());
        assert_eq!(theirs["ttk_error"], Value::Null, "{}", path.display());
        for note in theirs["ttk_notes"].as_array().unwrap() {
            assert!(
                !note.as_str().unwrap().contains("fingerprint"),
                "translate-toolkit shows machine state in {}: {note}",
                path.display()
            );
        }
        let text = fs::read_to_string(path).unwrap();
        let ours = Catalog::parse(&text);
        assert!(
            ours.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            ours.errors
        );
        let mut seen = BTreeSet::new();
        for t in &ours.translations {
            if !seen.insert(&t.id) {
                continue;
            }
            let pattern = t.pattern.as_ref().unwrap();
            assert_eq!(
                theirs["messages"][&t.id].as_str(),
                Some(meaning(pattern).as_str()),
                "`{}` in {}",
                t.id,
                path.display()
            );
        }
        assert_eq!(
            theirs["messages"].as_object().unwrap().len(),
            seen.len(),
            "{}",
            path.display()
        );
    }
}

/// A pseudo-translation of `pattern` that uses what Fluent gives meaning
/// to: by `n`, a first line starting with `[`, `*` or `.`, braces, leading
/// blanks, CJK, right-to-left marks, several lines.
fn pseudo(pattern: &Pattern, n: usize) -> Pattern {
    let lead = [
        "[Traduit] ",
        "*x ",
        ".",
        "{x} y ",
        "  ",
        "翻訳 ",
        "\u{200f}ترجمة ",
        "« ",
    ][n % 8];
    let mut out = Pattern::new();
    out.push_text(lead);
    for (i, p) in pattern.pieces().iter().enumerate() {
        match p {
            Piece::Text(t) => {
                let upper = t.to_uppercase();
                if i == 0 && n.is_multiple_of(3) {
                    // A line break the translator chose.
                    out.push_text("\n[suite] ");
                }
                out.push_text(&upper);
            }
            Piece::Var(v) => out.push_var(v),
            Piece::Term(t) => out.push_term(t.clone()),
        }
    }
    out
}

/// A project of `pages` of the otel corpus.
fn otel_project(dir: &Path, pages: usize) -> Project {
    let corpus = common::corpus().join("otel/content/en");
    let mut copied = 0;
    for entry in walkdir::WalkDir::new(&corpus)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .take(pages)
    {
        let rel = entry.path().strip_prefix(&corpus).unwrap();
        let to = dir.join("content").join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(entry.path(), to).unwrap();
        copied += 1;
    }
    assert!(copied > 0);
    fs::write(
        dir.join("fluentmark.toml"),
        "source_locale = \"en\"\nlocales = [\"fr\"]\n[front_matter]\ntranslate = [\"title\", \"description\", \"linkTitle\"]\n",
    )
    .unwrap();
    Project::load(dir).unwrap()
}

/// Writes a French catalog for every source catalog, hand laid out.
fn translate_all(p: &Project) -> BTreeMap<PathBuf, BTreeMap<String, Pattern>> {
    let en = p.locale_dir("en");
    let fr = p.locale_dir("fr");
    let mut written = BTreeMap::new();
    for (k, path) in catalogs(&en).into_iter().enumerate() {
        let rel = path.strip_prefix(&en).unwrap().to_path_buf();
        let source = Catalog::parse(&fs::read_to_string(&path).unwrap());
        let mut text = String::new();
        let mut translations = BTreeMap::new();
        for (i, t) in source.translations.iter().enumerate() {
            let translation = pseudo(t.pattern.as_ref().unwrap(), k + i);
            text.push_str(&common::hand_written(&t.id, &translation));
            translations.insert(t.id.clone(), translation);
        }
        let to = fr.join(&rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::write(to, text).unwrap();
        written.insert(rel, translations);
    }
    written
}

/// Every translation text in the French catalogs, by catalog.
fn french(p: &Project) -> BTreeMap<PathBuf, Vec<Pattern>> {
    let fr = p.locale_dir("fr");
    catalogs(&fr)
        .into_iter()
        .map(|path| {
            let c = Catalog::parse(&fs::read_to_string(&path).unwrap());
            assert!(c.errors.is_empty(), "{}: {:?}", path.display(), c.errors);
            let patterns = c
                .translations
                .into_iter()
                .map(|t| t.pattern.unwrap())
                .collect();
            (path.strip_prefix(&fr).unwrap().to_path_buf(), patterns)
        })
        .collect()
}

/// extract, translate, edit the pages, extract, check, build over part of
/// otel, with translations that use everything Fluent gives meaning to:
/// every catalog means the same to Python's parser and loads in
/// translate-toolkit at each step, and no translation is lost.
#[test]
#[ignore = "needs ../shared/corpus"]
fn otel_translations_survive_edits_and_read_the_same_everywhere() {
    let Some(python) = python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let p = otel_project(tmp.path(), usize::MAX);
    let r = extract(&p, ExtractOptions::default()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let written = translate_all(&p);
    let before = check(&p, &CheckOptions::default()).unwrap();
    assert_eq!(
        before.coverage["fr"].total.translated,
        before.coverage["fr"].total.messages,
        "every pseudo-translation is valid: {:?}",
        before
            .diagnostics
            .iter()
            .filter(|d| d.severity == fluentmark::check::Severity::Error)
            .take(3)
            .collect::<Vec<_>>()
    );

    // Edit every page: a paragraph added, and a word changed (which makes
    // translations fuzzy under new IDs).
    for path in walkdir::WalkDir::new(p.content_dir())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = fs::read_to_string(path.path()).unwrap();
        let edited = text.replacen(" the ", " this ", 1) + "\nA paragraph added at the end.\n";
        fs::write(path.path(), edited).unwrap();
    }
    let r = extract(&p, ExtractOptions::default()).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    expect_same_meaning(&python, &catalogs(&p.root.join("locales")));

    // Nothing lost: every translation is still there, as written.
    let after = french(&p);
    for (rel, translations) in &written {
        let kept = &after[rel];
        for (id, t) in translations {
            assert!(kept.contains(t), "{id} in {} was lost", rel.display());
        }
    }
    let report = check(&p, &CheckOptions::default()).unwrap();
    assert!(
        !report.failed(),
        "{:?}",
        report
            .diagnostics
            .iter()
            .find(|d| d.severity == fluentmark::check::Severity::Error)
    );
    let built = fluentmark::build::build(&p, &[]).unwrap();
    assert!(built.errors.is_empty(), "{:?}", built.errors);
    assert!(built.warnings.is_empty(), "{:?}", built.warnings.first());
}

/// A catalog that translate-toolkit rewrote (as Weblate saves it: no
/// blank lines, a new entry appended at the end, below the obsolete
/// group) is read by fluentmark with nothing lost, and extract changes
/// only what it must.
#[test]
fn a_catalog_weblate_rewrote_loses_nothing() {
    let Some(python) = python() else { return };
    let p = common::binary::Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write(
        "content/page.md",
        "# Start\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n",
    );
    p.run(&["extract"]).expect_code(0);
    let source = p.read_text("locales/en/page.ftl");
    let ids: Vec<&str> = source
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
        .map(|l| l.split(" = ").next().unwrap())
        .collect();
    p.write(
        "locales/fr/page.ftl",
        format!(
            "{} = Début\n\n{} = [Premier]\n    paragraphe.\n\n## Obsolete\n\nold = Vieux\n",
            ids[0], ids[1]
        ),
    );
    let path = p.path("locales/fr/page.ftl");
    script(
        &python,
        "ttk_rewrite.py",
        &[path.to_str().unwrap(), ids[2], "Deuxième paragraphe."],
    );
    let rewritten = p.read_text("locales/fr/page.ftl");
    assert!(
        rewritten.ends_with(&format!("old = Vieux\n{} = Deuxième paragraphe.\n", ids[2])),
        "translate-toolkit appends below the group: {rewritten}"
    );
    let json = p.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        report["coverage"]["fr"]["total"]["translated"], 3,
        "{report:#}"
    );
    // extract moves the appended entry into page order and keeps the rest.
    p.run(&["extract", "--force"]).expect_code(0);
    let after = p.read_text("locales/fr/page.ftl");
    let appended = format!("{} = Deuxième paragraphe.\n", ids[2]);
    let expected = rewritten
        .strip_suffix(&appended)
        .unwrap()
        .replace("\n## Obsolete", &format!("{appended}\n## Obsolete"));
    assert_eq!(after, expected, "nothing but the move changes");
    expect_same_meaning(&python, &[path]);
}

/// Catalogs a translator writes by hand, in every layout Fluent allows
/// for what fluentmark reads, mean the same in Python.
#[test]
fn hand_written_catalogs_mean_the_same_in_python() {
    let Some(python) = python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut source = Pattern::new();
    source.push_text("Read the ");
    source.push_var("link1");
    source.push_text(" now.\nSecond line { with } braces.");
    for n in 0..16 {
        let path = tmp.path().join(format!("c{n}.ftl"));
        fs::write(&path, common::hand_written("m", &pseudo(&source, n))).unwrap();
        files.push(path);
    }
    expect_same_meaning(&python, &files);
}
