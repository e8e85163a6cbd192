//! Catalogs a translator can trust: what they wrote is never corrupted,
//! wherever their tool put it, and every command agrees on what is
//! translated. One test per defect of the catalog-integrity issue, named
//! after it.

use crate::common;

use common::binary::Project;

const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\"]\n";

const PAGE: &str = "# Start\n\nReady to start? [Install](getting-started) it, or read the [Intro](intro) or the [Demo](demo).\n\nSecond paragraph.\n";

/// A project with one page, extracted.
fn project() -> Project {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/page.md", PAGE);
    p.run(&["extract"]).expect_code(0);
    p
}

/// The ID of the message of `page.md` whose source text starts with
/// `start`.
fn id_of(p: &Project, start: &str) -> String {
    id_of_in(p, "page", start)
}

#[test]
fn a_multi_line_translation_starting_with_a_bracket_survives_extract() {
    let p = project();
    let ready = id_of(&p, "Ready to start?");
    let start = id_of(&p, "Start");
    let catalog = format!(
        "{start} = Début\n\n{ready} = [Installez-le]({{ $link1 }}) ou passez directement\n    au [tutoriel]({{ $link2 }}) ou à la [démo]({{ $link3 }}).\n"
    );
    p.write("locales/fr/page.ftl", &catalog);
    p.run(&["check"]).expect_code(0);
    // Any edit of the page makes extract rewrite the catalog.
    p.write("content/page.md", PAGE.replace("# Start", "# Starting"));
    p.run(&["extract"]).expect_code(0);
    let after = p.read_text("locales/fr/page.ftl");
    assert!(
        after.contains(&format!(
            "{ready} = [Installez-le]({{ $link1 }}) ou passez directement\n    au [tutoriel]"
        )),
        "the value is kept as the translator wrote it:\n{after}"
    );
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    let built = p.read_text("build/fr/page.md");
    assert!(
        built.contains(
            "[Installez-le](getting-started) ou passez directement\nau [tutoriel](intro)"
        ),
        "{built}"
    );
}

#[test]
fn a_syntax_error_in_a_catalog_keeps_the_old_source_texts_for_fuzzy_matching() {
    let p = project();
    let second = id_of(&p, "Second paragraph.");
    let start = id_of(&p, "Start");
    p.write(
        "locales/fr/page.ftl",
        format!("{start} = Début\n\n{second} = Deuxième {{ oops\n"),
    );
    // The paragraph is edited while the catalog is broken.
    p.write(
        "content/page.md",
        PAGE.replace("Second paragraph.", "Second paragraph, edited."),
    );
    p.run(&["extract"])
        .expect_code(2)
        .line("locales/fr/page.ftl:3:1:", &["left as it is"]);
    // The translator fixes the syntax error; extract, as the error said.
    p.write(
        "locales/fr/page.ftl",
        format!("{start} = Début\n\n{second} = Deuxième paragraphe.\n"),
    );
    p.run(&["extract"]).expect_code(0);
    let after = p.read_text("locales/fr/page.ftl");
    let edited = id_of(&p, "Second paragraph, edited.");
    assert!(
        after.contains(&format!(
            "# fuzzy: the source text changed; it was: Second paragraph.\n{edited} = Deuxième paragraphe.\n"
        )),
        "the translation moves to the new ID as fuzzy:\n{after}"
    );
}

#[test]
fn prune_removes_obsolete_entries_and_does_nothing_else() {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/a.md", "Shared text.\n\nOnly in a.\n");
    p.write("content/b.md", "Shared text.\n\nOnly in b.\n");
    p.run(&["extract"]).expect_code(0);
    let shared = id_of_in(&p, "a", "Shared text.");
    let only_b = id_of_in(&p, "b", "Only in b.");
    p.write(
        "locales/fr/a.ftl",
        format!("{shared} = Texte partagé.\n\n## Obsolete\n\ngone = Parti\n"),
    );
    p.write(
        "locales/fr/b.ftl",
        format!("{only_b} = Seulement dans b.\n"),
    );
    p.run(&["extract"]).expect_code(0);
    let b_before = p.read_text("locales/fr/b.ftl");
    p.run(&["extract", "--prune"]).expect_code(0);
    assert_eq!(
        p.read_text("locales/fr/a.ftl"),
        format!("{shared} = Texte partagé.\n"),
        "the obsolete entry and its group are gone"
    );
    assert_eq!(
        p.read_text("locales/fr/b.ftl"),
        b_before,
        "no translation is pre-filled by --prune"
    );
}

/// The ID of the message of `page` whose text starts with `start`.
fn id_of_in(p: &Project, page: &str, start: &str) -> String {
    let source = p.read_text(&format!("locales/en/{page}.ftl"));
    source
        .lines()
        .find_map(|l| {
            let (id, text) = l.split_once(" = ")?;
            text.starts_with(start).then(|| id.to_string())
        })
        .unwrap_or_else(|| panic!("no message starts with {start:?} in\n{source}"))
}

#[test]
fn a_catalog_without_blank_lines_stays_without_them() {
    let p = project();
    let start = id_of(&p, "Start");
    let second = id_of(&p, "Second paragraph.");
    // As Python's serializer (Pontoon) and translate-toolkit (Weblate)
    // write it.
    let catalog = format!(
        "### fr translations\n\n{start} = Début\n# Note.\n{second} = Deuxième paragraphe.\n"
    );
    p.write("locales/fr/page.ftl", &catalog);
    p.write("content/page.md", format!("{PAGE}\nThird paragraph.\n"));
    p.run(&["extract"]).expect_code(0);
    assert_eq!(
        p.read_text("locales/fr/page.ftl"),
        catalog,
        "a new message adds nothing to the catalog, and nothing else changes"
    );
}

#[test]
fn an_entry_appended_below_the_obsolete_group_is_live() {
    let p = project();
    let start = id_of(&p, "Start");
    let second = id_of(&p, "Second paragraph.");
    // Weblate, or a translator in an editor, adds the new entry at the end.
    p.write(
        "locales/fr/page.ftl",
        format!(
            "{start} = Début\n\n## Obsolete: the source text of these is gone.\n\ngone = Parti\n{second} = Deuxième paragraphe.\n"
        ),
    );
    let run = p.run(&["check", "--format", "json", "--locale", "fr"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let total = &json["coverage"]["fr"]["total"];
    assert_eq!(
        (&total["translated"], &total["missing"], &total["obsolete"]),
        (
            &serde_json::Value::from(2),
            &serde_json::Value::from(1),
            &serde_json::Value::from(1)
        ),
        "{json:#}"
    );
    p.run(&["build", "--locale", "fr"]).expect_code(0);
    assert!(
        p.read_text("build/fr/page.md")
            .contains("\nDeuxième paragraphe.\n")
    );
    // extract puts it back in page order, above the group.
    p.run(&["extract", "--force"]).expect_code(0);
    let after = p.read_text("locales/fr/page.ftl");
    let at = |needle: &str| after.find(needle).unwrap_or_else(|| panic!("{after}"));
    assert!(at(&format!("{second} = ")) < at("## Obsolete"), "{after}");
}

#[test]
fn a_copied_source_catalog_is_not_translated() {
    let p = project();
    p.write("locales/fr/page.ftl", p.read("locales/en/page.ftl"));
    let run = p.run(&["check", "--locale", "fr", "--min-coverage", "fr=100"]);
    run.expect_code(1);
    let build = p.run(&["build", "--locale", "fr"]);
    assert!(
        build.stdout.contains("0/3 message(s) translated"),
        "{}",
        build.stdout
    );
    let status = p.run(&["status"]);
    let fr = status
        .stdout
        .lines()
        .find(|l| l.starts_with("fr "))
        .unwrap();
    assert!(fr.contains("0/3"), "{fr}");
}

#[test]
fn build_does_not_use_a_translation_check_calls_an_error() {
    let p = project();
    let ready = id_of(&p, "Ready to start?");
    // An unclosed link: check says markup-mismatch.
    p.write(
        "locales/fr/page.ftl",
        format!(
            "{ready} = Prêt ? [Installez-le]({{ $link1 }} ou lisez [l'intro]({{ $link2 }}) ou la [démo]({{ $link3 }}).\n"
        ),
    );
    let check = p.run(&["check", "--locale", "fr"]);
    check.expect_code(1);
    assert!(
        check.stdout.contains("1:1: error[markup-mismatch]"),
        "{}",
        check.stdout
    );
    let build = p.run(&["build", "--locale", "fr"]);
    build.expect_code(0);
    build.line("locales/fr/page.ftl:1", &["source text was kept"]);
    assert_eq!(p.read_text("build/fr/page.md"), PAGE);
}

mod edits {
    //! Arbitrary translations survive any sequence of source edits and
    //! extract runs, meaning for meaning.

    use std::fs;
    use std::path::Path;

    use fluentmark::catalog::Catalog;
    use fluentmark::extract::{ExtractOptions, extract};
    use fluentmark::pattern::Pattern;
    use proptest::prelude::*;

    use super::common;

    /// A page edit: insert a paragraph, delete one, change a word of one,
    /// move one to the end.
    #[derive(Clone, Debug)]
    enum Edit {
        Insert(usize),
        Delete(usize),
        Change(usize),
        Move(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..8usize).prop_map(Edit::Insert),
            (0..8usize).prop_map(Edit::Delete),
            (0..8usize).prop_map(Edit::Change),
            (0..8usize).prop_map(Edit::Move),
        ]
    }

    /// Translations as a translator may write them: several lines, a
    /// first character Fluent gives meaning to, braces, blanks, CJK,
    /// right-to-left marks.
    fn translation() -> impl Strategy<Value = String> {
        "[\\[*.{}  a-zé翻訳\u{200f}ت]{0,3}[a-z翻訳 ]{1,12}(\n[\\[*.{} a-z訳]{1,10}){0,2}"
    }

    fn run(root: &Path) {
        let p = fluentmark::project::Project::load(root).unwrap();
        let r = extract(&p, ExtractOptions::default()).unwrap();
        assert!(r.errors.is_empty(), "{:?}", r.errors);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn translations_survive_edits(
            translations in proptest::collection::vec(translation(), 6),
            edits in proptest::collection::vec(edit(), 1..6),
        ) {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path();
            fs::create_dir_all(root.join("content")).unwrap();
            fs::write(root.join("fluentmark.toml"), "source_locale = \"en\"\nlocales = [\"fr\"]\n").unwrap();
            let mut page: Vec<String> = (0..6)
                .map(|i| format!("Paragraph number {i} says something about the tool."))
                .collect();
            fs::write(root.join("content/p.md"), page.join("\n\n")).unwrap();
            run(root);
            // The translator's catalog, hand laid out.
            let source = Catalog::parse(&fs::read_to_string(root.join("locales/en/p.ftl")).unwrap());
            let mut text = String::new();
            let mut written: Vec<Pattern> = Vec::new();
            for (t, wanted) in source.translations.iter().zip(&translations) {
                let pattern = Pattern::from(wanted.as_str());
                text.push_str(&common::hand_written(&t.id, &pattern));
                written.push(pattern);
            }
            fs::create_dir_all(root.join("locales/fr")).unwrap();
            fs::write(root.join("locales/fr/p.ftl"), &text).unwrap();
            let read = Catalog::parse(&text);
            prop_assert!(read.errors.is_empty(), "{:?}\n{}", read.errors, text);
            let meant: Vec<Pattern> = read.translations.into_iter().map(|t| t.pattern.unwrap()).collect();
            prop_assert_eq!(&meant, &written, "the hand layout means what was written");

            let mut added = 0;
            for e in &edits {
                match *e {
                    Edit::Insert(i) => {
                        added += 1;
                        page.insert(i.min(page.len()), format!("A new paragraph {added} appears."));
                    }
                    Edit::Delete(i) if !page.is_empty() => {
                        page.remove(i % page.len());
                    }
                    Edit::Change(i) if !page.is_empty() => {
                        let n = i % page.len();
                        page[n] = page[n].replacen("about", "on", 1);
                    }
                    Edit::Move(i) if !page.is_empty() => {
                        let p = page.remove(i % page.len());
                        page.push(p);
                    }
                    _ => {}
                }
                fs::write(root.join("content/p.md"), page.join("\n\n")).unwrap();
                run(root);
            }
            run(root);
            let after = fs::read_to_string(root.join("locales/fr/p.ftl")).unwrap();
            let kept = Catalog::parse(&after);
            prop_assert!(kept.errors.is_empty(), "{:?}\n{}", kept.errors, after);
            let kept: Vec<Pattern> = kept.translations.into_iter().map(|t| t.pattern.unwrap()).collect();
            for w in &written {
                prop_assert!(kept.contains(w), "lost {:?}:\n{}", w, after);
            }
        }
    }
}

#[test]
fn a_catalog_starting_with_a_byte_order_mark_is_read() {
    let p = project();
    let start = id_of(&p, "Start");
    let catalog = format!("\u{feff}{start} = Début\n");
    p.write("locales/fr/page.ftl", &catalog);
    let check = p.run(&["check", "--locale", "fr"]);
    check.expect_code(0);
    assert!(!check.stdout.contains("error["), "{}", check.stdout);
    p.run(&["build", "--locale", "fr"]).expect_code(0);
    assert!(p.read_text("build/fr/page.md").starts_with("# Début"));
    // extract keeps the mark and the translation.
    p.write("content/page.md", format!("{PAGE}\nMore.\n"));
    p.run(&["extract"]).expect_code(0);
    assert_eq!(p.read_text("locales/fr/page.ftl"), catalog);
}

#[test]
fn allow_html_lets_check_and_build_accept_added_html() {
    let p = project();
    let second = id_of(&p, "Second paragraph.");
    p.write(
        "locales/fr/page.ftl",
        format!("{second} = <b>Deuxième</b> paragraphe.\n"),
    );
    let check = p.run(&["check", "--locale", "fr"]);
    check.expect_code(1);
    assert!(
        check.stdout.contains("error[unsafe-html]"),
        "{}",
        check.stdout
    );
    p.write("fluentmark.toml", format!("{CONFIG}allow_html = true\n"));
    p.run(&["check", "--locale", "fr"]).expect_code(0);
    p.run(&["build", "--locale", "fr"]).expect_code(0);
    assert!(
        p.read_text("build/fr/page.md")
            .contains("\n<b>Deuxième</b> paragraphe.\n"),
        "trusted translators' HTML is used"
    );
}
