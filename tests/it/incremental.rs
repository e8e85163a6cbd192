//! `build` skips a page whose inputs did not change since the last build
//! (issue 22): each input that can change makes it build the page again,
//! and what it builds then is right.

use crate::common;

use common::binary::{Project, Run};

/// A project with two pages and locales `fr` and `fr-CA` (whose fallback
/// chain goes through `fr`), extracted and built once.
fn built() -> Project {
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"fr-CA\"]\n",
    );
    p.write("content/a.md", "Hello.\n\nWorld.\n");
    p.write("content/b.md", "Other page.\n");
    p.run(&["extract"]).expect_code(0);
    p.write("locales/fr/.keep", "");
    p.write("locales/fr-CA/.keep", "");
    p.run(&["build"]).expect_code(0);
    p
}

/// The ID of the message of `locales/en/<page>.ftl` whose text is `text`.
fn id(p: &Project, page: &str, text: &str) -> String {
    let source = p.read_text(&format!("locales/en/{page}.ftl"));
    source
        .lines()
        .find_map(|l| l.strip_suffix(&format!(" = {text}")))
        .unwrap_or_else(|| panic!("no message `{text}` in\n{source}"))
        .to_string()
}

/// Pages of `locale` built and skipped by `run`, from its summary line
/// (`build fr: 2 page(s) -> ... (1 written, 1 unchanged (skipped))`).
fn counts(run: &Run, locale: &str) -> (usize, usize) {
    run.expect_code(0);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with(&format!("build {locale}: ")))
        .unwrap_or_else(|| panic!("no line for {locale}:\n{}", run.stdout));
    let number_before = |word: &str| -> usize {
        line.split(word)
            .next()
            .unwrap()
            .split([' ', '('])
            .next_back()
            .unwrap()
            .parse()
            .unwrap()
    };
    let pages = number_before(" page(s)");
    let unchanged = if line.contains(" unchanged (skipped)") {
        number_before(" unchanged (skipped)")
    } else {
        0
    };
    (pages - unchanged, unchanged)
}

#[test]
fn nothing_changed_skips_every_page_and_the_summary_counts_them() {
    let p = built();
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (0, 2), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (0, 2), "{}", run.stdout);
    assert!(
        run.stdout.contains("0 page(s) built, 4 unchanged (skipped"),
        "{}",
        run.stdout
    );
    // Skipped pages still count their messages.
    assert!(
        run.stdout.contains("0/3 message(s) translated"),
        "{}",
        run.stdout
    );
    assert_eq!(p.read_text("build/fr/a.md"), "Hello.\n\nWorld.\n");
}

#[test]
fn force_builds_every_page() {
    let p = built();
    let run = p.run(&["build", "--force"]);
    assert_eq!(counts(&run, "fr"), (2, 0), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (2, 0), "{}", run.stdout);
}

#[test]
fn a_changed_catalog_rebuilds_its_page_in_its_locale_and_where_it_is_the_fallback() {
    let p = built();
    let hello = id(&p, "a", "Hello.");
    p.write("locales/fr/a.ftl", format!("{hello} = Bonjour.\n"));
    let run = p.run(&["build"]);
    // fr-CA falls back to fr: its page changes too.
    assert_eq!(counts(&run, "fr"), (1, 1), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (1, 1), "{}", run.stdout);
    assert_eq!(p.read_text("build/fr/a.md"), "Bonjour.\n\nWorld.\n");
    assert_eq!(p.read_text("build/fr-CA/a.md"), "Bonjour.\n\nWorld.\n");
    // The locale's own catalog: only fr-CA.
    p.write("locales/fr-CA/a.ftl", format!("{hello} = Allô.\n"));
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (0, 2), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (1, 1), "{}", run.stdout);
    assert_eq!(p.read_text("build/fr-CA/a.md"), "Allô.\n\nWorld.\n");
    // A catalog removed is a change too.
    std::fs::remove_file(p.path("locales/fr/a.ftl")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (1, 1), "{}", run.stdout);
    assert_eq!(p.read_text("build/fr/a.md"), "Hello.\n\nWorld.\n");
}

#[test]
fn a_changed_page_rebuilds_it_in_every_locale() {
    let p = built();
    p.write("content/a.md", "Hello.\n\nWorld, again.\n");
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (1, 1), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (1, 1), "{}", run.stdout);
    assert_eq!(p.read_text("build/fr/a.md"), "Hello.\n\nWorld, again.\n");
}

#[test]
fn changed_settings_rebuild_every_page() {
    let p = built();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\", \"fr-CA\"]\n\
         [build]\nmin_coverage = 50\nbelow_min_coverage = \"notice\"\nnotice = \"Not translated yet.\"\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (2, 0), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (2, 0), "{}", run.stdout);
    assert!(
        p.read_text("build/fr/b.md")
            .starts_with("Not translated yet."),
        "{}",
        p.read_text("build/fr/b.md")
    );
}

#[test]
fn a_changed_generator_configuration_rebuilds_every_page() {
    let p = Project::empty();
    p.write("book.toml", "[book]\ntitle = \"T\"\n");
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("src/a.md", "Hello.\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert_eq!(counts(&p.run(&["build"]), "fr"), (0, 1));
    p.write("book.toml", "[book]\ntitle = \"Another\"\n");
    assert_eq!(counts(&p.run(&["build"]), "fr"), (1, 0));
}

#[test]
fn a_changed_glossary_rebuilds_its_locale() {
    let p = built();
    p.write("locales/fr/_terms.ftl", "-product = Produit\n");
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (2, 0), "{}", run.stdout);
    // fr-CA falls back to fr's terms.
    assert_eq!(counts(&run, "fr-CA"), (2, 0), "{}", run.stdout);
    p.write("locales/fr-CA/_terms.ftl", "-product = Produit\n");
    let run = p.run(&["build"]);
    assert_eq!(counts(&run, "fr"), (0, 2), "{}", run.stdout);
    assert_eq!(counts(&run, "fr-CA"), (2, 0), "{}", run.stdout);
}

#[test]
fn a_deleted_output_is_built_again_and_an_edited_one_kept_until_aligned() {
    let p = built();
    std::fs::remove_file(p.path("build/fr/a.md")).unwrap();
    p.write("build/fr-CA/b.md", "Edité à la main.\n");
    let run = p.run(&["build"]);
    // The deleted page is built again; the edited one is a translator's
    // work: kept, named, and the rest built.
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("build/fr-CA/b.md:1: this page was edited since fluentmark built it"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read_text("build/fr/a.md"), "Hello.\n\nWorld.\n");
    assert_eq!(p.read_text("build/fr-CA/b.md"), "Edité à la main.\n");
    // `align` brings the edit into the catalog and adopts the page: the
    // next build builds it from the catalog, the same text.
    let run = p.run(&["align", "--locale", "fr-CA"]);
    run.expect_code(0);
    assert!(
        p.read_text("locales/fr-CA/b.ftl")
            .contains(" = Edité à la main.\n")
    );
    // The page build wrote and nobody edited is not aligned: its text is
    // the fallback's, which must not become fr-CA's own.
    assert!(
        run.stdout
            .contains("1 page(s) there are as `build` wrote them"),
        "{}",
        run.stdout
    );
    assert!(
        !p.path("locales/fr-CA/a.ftl").exists()
            || !p.read_text("locales/fr-CA/a.ftl").contains(" = Hello.")
    );
    let run = p.run(&["build"]);
    run.expect_code(0);
    assert_eq!(p.read_text("build/fr-CA/b.md"), "Edité à la main.\n");
}

#[test]
fn a_manifest_from_another_version_or_an_older_format_rebuilds_everything() {
    let p = built();
    let manifest = p.path("build/fr/.fluentmark.manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    // Each line: `<output hash>.<inputs hash>.<counts> <path>`. Another
    // fluentmark version hashes other inputs.
    let other: String = text
        .lines()
        .map(|l| {
            let (token, path) = l.split_once(' ').unwrap();
            let mut fields: Vec<String> = token.split('.').map(str::to_string).collect();
            assert_eq!(fields.len(), 5, "{l}");
            fields[1] = "0123456789abcdef".into();
            format!("{} {path}\n", fields.join("."))
        })
        .collect();
    std::fs::write(&manifest, other).unwrap();
    assert_eq!(counts(&p.run(&["build"]), "fr"), (2, 0));
    // Recorded again: the next build skips.
    assert_eq!(counts(&p.run(&["build"]), "fr"), (0, 2));
    // The manifest of an older fluentmark: `<hash> <path>`.
    let old: String = text
        .lines()
        .map(|l| {
            let (token, path) = l.split_once(' ').unwrap();
            format!("{} {path}\n", token.split('.').next().unwrap())
        })
        .collect();
    std::fs::write(&manifest, old).unwrap();
    assert_eq!(counts(&p.run(&["build"]), "fr"), (2, 0));
    assert_eq!(counts(&p.run(&["build"]), "fr"), (0, 2));
}

#[test]
fn a_page_with_a_problem_is_built_and_reported_every_time() {
    let p = built();
    let hello = id(&p, "a", "Hello.");
    // A placeable the source does not have: refused, reported.
    p.write(
        "locales/fr/a.ftl",
        format!("{hello} = Bonjour {{ $nope }}.\n"),
    );
    for _ in 0..2 {
        let run = p.run(&["build", "--locale", "fr"]);
        assert_eq!(counts(&run, "fr"), (1, 1), "{}", run.stdout);
        assert!(run.stderr.contains("a.ftl"), "{}", run.stderr);
    }
}
