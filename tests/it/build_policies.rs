//! `[build]` policies for pages that are not fully translated: whole-page
//! fallback (Docusaurus' model) and a minimum coverage (po4a's keep
//! threshold), on a copy of the sample project (fr and de complete, ja
//! about half done).

use std::fs;
use std::path::{Path, PathBuf};

use fluentmark::build::build;
use fluentmark::project::Project;

const PAGE: &str = "applications-of-deep-learning.md";

/// The sample project copied to a temporary folder, with `extra` appended
/// to its configuration.
fn sample(extra: &str) -> (tempfile::TempDir, Project) {
    let tmp = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        "content",
        "locales/en",
        "locales/fr",
        "locales/de",
        "locales/ja",
    ] {
        fs::create_dir_all(tmp.path().join(dir)).unwrap();
        for e in fs::read_dir(root.join(dir)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), tmp.path().join(dir).join(e.file_name())).unwrap();
        }
    }
    let config = fs::read_to_string(root.join("fluentmark.toml")).unwrap();
    fs::write(
        tmp.path().join("fluentmark.toml"),
        format!("{config}\n{extra}"),
    )
    .unwrap();
    let project = Project::load(tmp.path()).unwrap();
    (tmp, project)
}

fn built(p: &Project, locale: &str) -> Option<String> {
    fs::read_to_string(p.output_path(locale, Path::new(PAGE))).ok()
}

fn source() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(PAGE),
    )
    .unwrap()
}

#[test]
fn message_fallback_is_the_default() {
    let (_tmp, p) = sample("");
    let report = build(&p, &[]).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let ja = built(&p, "ja").unwrap();
    assert!(ja.contains("## 音声認識 {#audio-recognition}"));
    assert!(ja.contains("Deep learning and neural networks can be applied to ANY problem."));
}

#[test]
fn page_fallback_emits_a_partly_translated_page_in_the_source_language() {
    let (_tmp, p) = sample("[build]\nfallback = \"page\"\n");
    let report = build(&p, &[]).unwrap();
    assert_eq!(report.locales["ja"].whole_page_fallback, 1);
    assert_eq!(report.locales["fr"].whole_page_fallback, 0);
    let ja = built(&p, "ja").unwrap();
    // The English page, with only the permalink rewritten for the locale.
    let expected = source().replace("permalink: /docs/", "permalink: /ja/docs/");
    assert_eq!(ja, expected);
    assert!(built(&p, "fr").unwrap().contains("Autres applications"));
}

#[test]
fn pages_below_min_coverage_are_not_emitted() {
    let (_tmp, p) = sample("");
    build(&p, &[]).unwrap();
    assert!(built(&p, "ja").is_some());
    // A stale build of the page goes away once it falls below the threshold.
    let (tmp2, p2) = sample("[build]\nmin_coverage = 60\n");
    fs::create_dir_all(p2.output_path("ja", Path::new(PAGE)).parent().unwrap()).unwrap();
    fs::write(p2.output_path("ja", Path::new(PAGE)), "stale").unwrap();
    let report = build(&p2, &[]).unwrap();
    assert_eq!(report.locales["ja"].skipped, 1);
    assert!(built(&p2, "ja").is_none());
    assert!(built(&p2, "fr").is_some() && built(&p2, "de").is_some());
    drop(tmp2);
}

#[test]
fn pages_below_min_coverage_can_carry_a_notice() {
    let (_tmp, p) = sample(
        "[build]\nmin_coverage = 60\nbelow_min_coverage = \"notice\"\nnotice = \"> Page {percent}% traduite ({locale}).\"\n",
    );
    build(&p, &[]).unwrap();
    let ja = built(&p, "ja").unwrap();
    let after_front_matter = ja.split("---\n").nth(2).unwrap();
    assert!(
        after_front_matter.starts_with("> Page 54% traduite (ja).\n\n"),
        "{ja}"
    );
    assert!(after_front_matter.contains("## 音声認識 {#audio-recognition}"));
    assert!(!built(&p, "fr").unwrap().contains("traduite"));
}
