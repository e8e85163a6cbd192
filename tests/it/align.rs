//! `fluentmark align`: existing translated pages become catalog entries.
//!
//! Hand-made pairs cover each kind of drift a real translation has
//! (blocks added, removed, moved, merged or split; translated link texts
//! and localized link targets; translator notes; other front matter);
//! the corpus tests align every translated page of otel (10 languages)
//! and FastAPI (12) and measure what the README reports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluentmark::align::{AlignOptions, AlignReport, align, align_pages};
use fluentmark::catalog::Catalog;
use fluentmark::page::Page;
use fluentmark::project::Project;

use crate::common::binary::{Run, run_in};
use crate::common::corpus;

/// A project in a temporary folder: `fluentmark.toml`, the source pages
/// under `content/en`, the translated ones under `content/fr` (a Hugo
/// site, so `align` finds them by itself).
fn site(pages: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fluentmark.toml"),
        "dialect = \"hugo\"\nsource_locale = \"en\"\nlocales = [\"fr\"]\n\
         content_dir = \"content/en\"\noutput_dir = \"content\"\n\
         [front_matter]\ntranslate = [\"title\", \"description\"]\n",
    )
    .unwrap();
    for (path, en, fr) in pages {
        for (locale, text) in [("en", en), ("fr", fr)] {
            if text.is_empty() {
                continue;
            }
            let file = dir.path().join("content").join(locale).join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
    }
    dir
}

/// Runs the binary in the project's folder.
fn fluentmark(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, Path::new("."), args)
}

/// Runs `align --locale fr` in the project.
fn run_align(dir: &Path) -> AlignReport {
    let project = Project::load(dir).unwrap();
    align(
        &project,
        &AlignOptions {
            locale: "fr".into(),
            ..AlignOptions::default()
        },
    )
    .unwrap()
}

/// The catalog of `page` for `fr`: each message's text, and `(fuzzy)`
/// after a fuzzy one, in file order.
fn catalog(dir: &Path, page: &str) -> Vec<(String, bool)> {
    let path = dir
        .join("locales/fr")
        .join(Path::new(page).with_extension("ftl"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    Catalog::parse(&text)
        .translations
        .into_iter()
        .map(|t| (t.pattern.unwrap().to_string(), t.fuzzy))
        .collect()
}

fn certain(texts: &[(String, bool)]) -> Vec<&str> {
    texts
        .iter()
        .filter(|t| !t.1)
        .map(|t| t.0.as_str())
        .collect()
}

fn fuzzy(texts: &[(String, bool)]) -> Vec<&str> {
    texts.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect()
}

const EN: &str = "---\ntitle: Install\nweight: 2\n---\n\n# Install the collector\n\n\
Download it from [the releases page](https://example.com/releases) first.\n\n\
Then run `make install` as root.\n\n## Configure\n\nEdit the file in 3 places:\n\n\
- the receivers\n- the exporters\n- the pipelines\n\n```yaml\nreceivers: [otlp]\n```\n\n\
Restart it afterwards.\n";

const FR: &str = "---\ntitle: Installer\nweight: 2\ndefault_lang_commit: abc123\n---\n\n\
# Installer le collecteur\n\n\
Téléchargez-le d'abord depuis [la page des versions](https://example.com/releases).\n\n\
Puis lancez `make install` en tant que root.\n\n## Configurer\n\nModifiez le fichier à 3 endroits :\n\n\
- les récepteurs\n- les exportateurs\n- les pipelines\n\n```yaml\nreceivers: [otlp]\n```\n\n\
Redémarrez-le ensuite.\n";

#[test]
fn a_translation_of_the_current_page_is_aligned_whole_and_builds_the_same_text() {
    let dir = site(&[("install.md", EN, FR)]);
    let report = run_align(dir.path());
    let t = report.total();
    assert_eq!(
        (t.messages, t.aligned, t.fuzzy, t.unaligned),
        (10, 10, 0, 0)
    );
    let texts = catalog(dir.path(), "install.md");
    assert!(certain(&texts).contains(&"Installer"), "{texts:?}");
    assert!(
        certain(&texts)
            .contains(&"Téléchargez-le d'abord depuis [la page des versions]({ $link1 })."),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"Puis lancez { $code1 } en tant que root."));
    // Built, the page is the translated page, but for the front matter
    // keys fluentmark does not own.
    let project = Project::load(dir.path()).unwrap();
    fluentmark::build(&project, &["fr".to_string()]).unwrap();
    let built =
        std::fs::read_to_string(project.output_path("fr", Path::new("install.md"))).unwrap();
    assert_eq!(
        built
            .replace("{#install-the-collector}", "")
            .replace(" {#configure}", ""),
        FR.replace("default_lang_commit: abc123\n", "")
            .replace("# Installer le collecteur", "# Installer le collecteur ")
            .trim_end_matches('\n')
            .to_string()
            + "\n"
    );
}

#[test]
fn running_twice_changes_nothing_and_a_translation_is_never_overwritten() {
    let dir = site(&[("install.md", EN, FR)]);
    run_align(dir.path());
    let path = dir.path().join("locales/fr/install.ftl");
    let first = std::fs::read(&path).unwrap();
    run_align(dir.path());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "a second run changed the catalog"
    );
    // A translator's own translation is kept; `--overwrite` replaces it.
    let mine = String::from_utf8(first)
        .unwrap()
        .replace("Redémarrez-le ensuite.", "Redémarrez-le après.");
    std::fs::write(&path, &mine).unwrap();
    let report = run_align(dir.path());
    assert_eq!(report.total().kept, 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), mine);
    let project = Project::load(dir.path()).unwrap();
    align(
        &project,
        &AlignOptions {
            locale: "fr".into(),
            overwrite: true,
            ..AlignOptions::default()
        },
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Redémarrez-le ensuite.")
    );
}

#[test]
fn a_paragraph_the_source_added_since_stays_missing_and_the_rest_aligns() {
    let en = EN.replace(
        "## Configure\n",
        "Check the checksum of the download with `sha256sum`.\n\n## Configure\n",
    );
    let dir = site(&[("install.md", &en, FR)]);
    let report = run_align(dir.path());
    let t = report.total();
    assert_eq!(t.unaligned, 1, "{t:?}");
    let texts = catalog(dir.path(), "install.md");
    assert!(!texts.iter().any(|t| t.0.contains("sha256sum")));
    // The texts far from the change (past the code block, an anchor)
    // are certain.
    assert!(
        certain(&texts).contains(&"Redémarrez-le ensuite."),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"les récepteurs"), "{texts:?}");
}

#[test]
fn a_paragraph_the_source_removed_since_is_not_used_anywhere() {
    let en = EN.replace("Then run `make install` as root.\n\n", "");
    let dir = site(&[("install.md", &en, FR)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "install.md");
    assert!(
        !texts.iter().any(|t| t.0.contains("make install")),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"Configurer"), "{texts:?}");
}

#[test]
fn a_translator_s_note_is_left_out_and_its_neighbours_become_fuzzy_at_most() {
    let fr = FR.replace(
        "Redémarrez-le ensuite.\n",
        "Redémarrez-le ensuite.\n\nNote du traducteur : ce guide suit la version anglaise.\n",
    );
    let dir = site(&[("install.md", EN, &fr)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "install.md");
    assert!(
        !texts
            .iter()
            .any(|t| t.0.contains("Note du traducteur") && !t.1),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"Puis lancez { $code1 } en tant que root."));
}

#[test]
fn blocks_the_translator_moved_are_never_certain_in_the_wrong_place() {
    // Two paragraphs with code swapped in the translation: each may be
    // paired by its placeable, or left doubtful; never certain at the
    // other's place.
    let en = "Use `alpha` for the first case.\n\nUse `beta` for the second case.\n\n```\nx\n```\n";
    let fr = "Utilisez `beta` pour le second cas.\n\nUtilisez `alpha` pour le premier cas.\n\n```\nx\n```\n";
    let dir = site(&[("p.md", en, fr)]);
    run_align(dir.path());
    let ftl = std::fs::read_to_string(dir.path().join("locales/fr/p.ftl")).unwrap();
    for (id, text, is_fuzzy) in Catalog::parse(&ftl).translations.iter().map(|t| {
        (
            t.id.as_str(),
            t.pattern.clone().unwrap().to_string(),
            t.fuzzy,
        )
    }) {
        let right = (id.contains("first") && text.contains("premier"))
            || (id.contains("second") && text.contains("second"));
        assert!(
            right || is_fuzzy,
            "{id} = {text} is certain at a moved place: {ftl}"
        );
    }
}

#[test]
fn list_items_the_translator_merged_or_split_give_no_wrong_translation_and_split_ones_are_joined() {
    let en = "Steps:\n\n- Install `a`\n- Then configure `b`\n- Run `c`\n\nDone in 5 minutes.\n";
    let merged =
        "Étapes :\n\n- Installez `a` puis configurez `b`\n- Lancez `c`\n\nFini en 5 minutes.\n";
    let dir = site(&[("m.md", en, merged)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "m.md");
    assert!(
        !texts.iter().any(|t| t.0.contains("puis configurez")),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"Lancez { $code1 }"), "{texts:?}");
    assert!(certain(&texts).contains(&"Fini en 5 minutes."), "{texts:?}");
    let split = "Étapes :\n\n- Installez `a`\n- Ensuite\n- configurez `b`\n- Lancez `c`\n\nFini en 5 minutes.\n";
    let dir = site(&[("m.md", en, split)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "m.md");
    assert!(
        certain(&texts).contains(&"Installez { $code1 }"),
        "{texts:?}"
    );
    assert!(certain(&texts).contains(&"Lancez { $code1 }"), "{texts:?}");
    assert!(
        !certain(&texts).iter().any(|t| t.contains("Ensuite")),
        "{texts:?}"
    );
    // The item split in two is translated by the two joined, for review.
    assert_eq!(
        fuzzy(&texts),
        ["Ensuite configurez { $code1 }"],
        "{texts:?}"
    );
}

#[test]
fn a_localized_link_target_is_mapped_to_the_source_s_and_reported() {
    let en = "See [the concepts](/docs/concepts/) and [the spec](https://opentelemetry.io/docs/specs/).\n";
    let fr = "Voir [les concepts](/fr/docs/concepts/) et [la spécification](https://opentelemetry.io/docs/specs/).\n";
    let dir = site(&[("l.md", en, fr)]);
    let report = run_align(dir.path());
    assert_eq!(report.rewrites.len(), 1, "{:?}", report.rewrites);
    assert_eq!(report.rewrites[0].from, "/");
    assert_eq!(report.rewrites[0].to, "/fr/");
    let texts = catalog(dir.path(), "l.md");
    assert_eq!(
        certain(&texts),
        ["Voir [les concepts]({ $link1 }) et [la spécification]({ $link2 })."]
    );
    // The command says so.
    let out = fluentmark(dir.path(), &["align", "--locale", "fr"]);
    assert!(
        out.stdout.contains("`/fr/` where the source has `/`"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_changed_code_span_makes_the_translation_fuzzy_never_wrong_code() {
    let en = "Run `make all` now.\n";
    let fr = "Lancez `make` maintenant.\n";
    let dir = site(&[("c.md", en, fr)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "c.md");
    assert_eq!(fuzzy(&texts), ["Lancez { $code1 } maintenant."]);
    let ftl = std::fs::read_to_string(dir.path().join("locales/fr/c.ftl")).unwrap();
    assert!(
        ftl.contains("# fuzzy: aligned from content/fr/c.md:1, check it"),
        "{ftl}"
    );
}

#[test]
fn front_matter_is_aligned_by_key_whatever_else_the_translation_has() {
    let en = "---\ntitle: Hello\ndescription: A page\nweight: 1\n---\n\nText.\n";
    let fr = "---\ndescription: Une page\ntitle: Bonjour\nweight: 1\ndefault_lang_commit: abc\n---\n\nTexte.\n";
    let dir = site(&[("f.md", en, fr)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "f.md");
    assert_eq!(certain(&texts), ["Bonjour", "Une page", "Texte."]);
}

#[test]
fn texts_left_in_the_source_language_are_not_written() {
    let en = "# OpenTelemetry\n\nSome text.\n";
    let fr = "# OpenTelemetry\n\nUn texte.\n";
    let dir = site(&[("s.md", en, fr)]);
    let report = run_align(dir.path());
    assert_eq!(report.total().identical, 1);
    assert_eq!(certain(&catalog(dir.path(), "s.md")), ["Un texte."]);
}

#[test]
fn pages_without_a_counterpart_are_counted_on_both_sides() {
    let dir = site(&[
        ("a.md", "Text a.\n", "Texte a.\n"),
        ("b.md", "Text b.\n", ""),
        ("gone.md", "", "Page retirée.\n"),
    ]);
    let report = run_align(dir.path());
    let lone: Vec<&str> = report
        .pages
        .iter()
        .filter(|p| p.counterpart.is_none())
        .map(|p| p.page.as_str())
        .collect();
    assert_eq!(lone, ["b.md"]);
    assert_eq!(report.orphans, [PathBuf::from("gone.md")]);
    let out = fluentmark(dir.path(), &["align", "--locale", "fr", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["total"]["pages"], 1);
    assert_eq!(doc["total"]["aligned"], 1);
    assert_eq!(doc["orphans"][0], "gone.md");
    assert_eq!(doc["pages"][1]["counterpart"], serde_json::Value::Null);
}

#[test]
fn a_translation_check_would_refuse_is_not_written() {
    // The translated page adds raw HTML with script: check refuses it,
    // so align leaves the message missing.
    let en = "Read the guide.\n\nThen stop.\n";
    let fr = "Lisez le guide <img src=x onerror=alert(1)>.\n\nPuis arrêtez.\n";
    let dir = site(&[("h.md", en, fr)]);
    let report = run_align(dir.path());
    assert_eq!(report.total().refused, 1);
    let texts = catalog(dir.path(), "h.md");
    assert!(!texts.iter().any(|t| t.0.contains("onerror")), "{texts:?}");
}

/// Runs git in `dir`; `false` if there is no git (a printed reason,
/// except under `CI=true`, where it fails).
fn git(dir: &Path, args: &[&str]) -> bool {
    match std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
    {
        Ok(out) => {
            assert!(
                out.status.success(),
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            true
        }
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "git is missing: {e}"
            );
            eprintln!("skipped: git is missing ({e})");
            false
        }
    }
}

#[test]
fn a_translation_of_an_older_source_is_aligned_with_it_and_carried_to_the_changes() {
    // The source as the translator saw it, committed; then edited: one
    // paragraph reworded, one added, one removed.
    let old_en = "# Install\n\nDownload the archive from the releases page.\n\n\
                  Unpack it in your home folder and run the installer.\n\n\
                  Old advice nobody needs.\n";
    let dir = site(&[("p.md", old_en, "")]);
    if !git(dir.path(), &["init", "-q"])
        || !git(dir.path(), &["add", "."])
        || !git(dir.path(), &["commit", "-q", "-m", "v1"])
    {
        return;
    }
    let head = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let commit = String::from_utf8(head.stdout).unwrap().trim().to_string();
    let fr = format!(
        "---\ndefault_lang_commit: {commit}\n---\n\n# Installer\n\n\
         Téléchargez l'archive depuis la page des versions.\n\n\
         Décompressez-la dans votre dossier personnel et lancez l'installateur.\n\n\
         Un vieux conseil dont personne n'a besoin.\n"
    );
    std::fs::create_dir_all(dir.path().join("content/fr")).unwrap();
    std::fs::write(dir.path().join("content/fr/p.md"), fr).unwrap();
    std::fs::write(
        dir.path().join("content/en/p.md"),
        "# Install\n\nDownload the archive from the releases page.\n\n\
         Unpack it in your home folder, then run the installer.\n\n\
         Check the checksum first.\n",
    )
    .unwrap();
    let report = run_align(dir.path());
    assert_eq!(report.pages[0].commit.as_deref(), Some(commit.as_str()));
    let ftl = std::fs::read_to_string(dir.path().join("locales/fr/p.ftl")).unwrap();
    let texts = catalog(dir.path(), "p.md");
    // Unchanged texts: certain. The reworded one: carried, fuzzy, with
    // the text it translated. The new one: missing. The removed one:
    // nowhere.
    assert_eq!(
        certain(&texts),
        [
            "Installer",
            "Téléchargez l'archive depuis la page des versions."
        ]
    );
    assert_eq!(
        fuzzy(&texts),
        ["Décompressez-la dans votre dossier personnel et lancez l'installateur."]
    );
    assert!(
        ftl.contains("# fuzzy: the source text changed; it was: Unpack it in your home folder and run the installer."),
        "{ftl}"
    );
    assert!(!ftl.contains("vieux conseil"), "{ftl}");
    // Without the history (a commit git does not have), the reworded
    // paragraph would be taken as certain at its place: the point of
    // reading it.
    let fr = std::fs::read_to_string(dir.path().join("content/fr/p.md"))
        .unwrap()
        .replace(&commit, "0123456789abcdef");
    std::fs::write(dir.path().join("content/fr/p.md"), fr).unwrap();
    std::fs::remove_dir_all(dir.path().join("locales/fr")).unwrap();
    let report = run_align(dir.path());
    assert_eq!(report.pages[0].commit, None);
}

#[test]
fn translated_pages_beside_the_source_pages_are_found_by_their_suffix() {
    // Hugo's translation by file name: `page.fr.md` beside `page.md`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fluentmark.toml"),
        "dialect = \"hugo\"\nsource_locale = \"en\"\nlocales = [\"fr\"]\n\
         content_dir = \"content\"\noutput_dir = \"content\"\n[output]\nlayout = \"suffix\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content/docs")).unwrap();
    for (name, text) in [
        ("docs/a.md", "Text a.\n"),
        ("docs/a.fr.md", "Texte a.\n"),
        ("docs/b.md", "Text b.\n"),
        ("docs/gone.fr.md", "Page retirée.\n"),
    ] {
        std::fs::write(dir.path().join("content").join(name), text).unwrap();
    }
    let report = run_align(dir.path());
    assert_eq!(report.total().aligned, 1, "{report:?}");
    assert_eq!(certain(&catalog(dir.path(), "docs/a.md")), ["Texte a."]);
    assert_eq!(report.orphans, [PathBuf::from("docs/gone.fr.md")]);
}

#[test]
fn another_page_s_translation_gives_nothing_certain() {
    // A file renamed over another: the translated page at this path is
    // another page's translation. Its front matter has the same keys and
    // its paragraphs the same kinds, but hardly anything pairs for
    // certain, so nothing of it is taken as certain.
    let other = "---\ntitle: Glossaire\n---\n\nCe glossaire définit les termes.\n\n\
                 ## Agrégation\n\nLe fait de combiner des données.\n\n\
                 ## Attribut\n\nUne paire clé-valeur, voir [la spécification](/docs/specs/).\n\n\
                 ## Bagage\n\nUn mécanisme de propagation.\n";
    let dir = site(&[("install.md", EN, other)]);
    run_align(dir.path());
    let texts = catalog(dir.path(), "install.md");
    assert!(certain(&texts).is_empty(), "{texts:?}");
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_would_do() {
    let dir = site(&[("install.md", EN, FR)]);
    let out = fluentmark(dir.path(), &["align", "--locale", "fr", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("10 aligned"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("dry run: nothing written; 1 catalog(s) would be"),
        "{}",
        out.stdout
    );
    assert!(!dir.path().join("locales").exists());
    // Nor adopted: build still keeps the site's page.
    let out = fluentmark(dir.path(), &["build", "--locale", "fr"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn a_from_folder_mirrors_the_source_paths() {
    let dir = site(&[("a.md", "Text a.\n", "")]);
    let other = dir.path().join("old-fr");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("a.md"), "Texte a.\n").unwrap();
    let out = fluentmark(dir.path(), &["align", "--locale", "fr", "--from", "old-fr"]);
    assert!(out.code == 0, "{}", out.stderr);
    assert_eq!(certain(&catalog(dir.path(), "a.md")), ["Texte a."]);
    let out = fluentmark(
        dir.path(),
        &["align", "--locale", "fr", "--from", "nowhere"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
    let out = fluentmark(dir.path(), &["align", "--locale", "de"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("not in `locales`"), "{}", out.stderr);
}

// ---------------------------------------------------------------------
// The corpora: every translated page of otel and FastAPI.

/// The words a reader sees on a page (front matter left out): text and
/// code, as pulldown-cmark reads it. (An MkDocs block's title that is
/// the one the site shows anyway, `/// danger | Danger`, is left out.)
fn visible_words(markdown: &str) -> Vec<String> {
    let body = match fluentmark::frontmatter::split(markdown) {
        Ok(Some(split)) => &markdown[split.body_start..],
        _ => markdown,
    };
    let shown_anyway = regex::Regex::new(r"(?m)^(\s*/// *(\w)(\w*)) *\| *(\w+) *$").unwrap();
    let body = shown_anyway.replace_all(body, |c: &regex::Captures| {
        let default = format!("{}{}", c[2].to_uppercase(), &c[3]);
        if c[4] == default {
            c[1].to_string()
        } else {
            c[0].to_string()
        }
    });
    let body = body.as_ref();
    let mut words = Vec::new();
    for event in pulldown_cmark::Parser::new_ext(body, fluentmark::markdown::parser_options()) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
            words.extend(t.split_whitespace().map(str::to_string));
        }
    }
    words
}

/// How alike two word lists are: Dice's coefficient over the words as
/// multisets (1: the same words).
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut count: BTreeMap<&str, i64> = BTreeMap::new();
    for w in a {
        *count.entry(w).or_default() += 1;
    }
    let mut common = 0;
    for w in b {
        if let Some(c) = count.get_mut(w.as_str())
            && *c > 0
        {
            *c -= 1;
            common += 1;
        }
    }
    2.0 * f64::from(common) / (a.len() + b.len()) as f64
}

/// The figures for one corpus and locale.
#[derive(Default, Debug)]
struct Figures {
    pages: usize,
    same_text: usize,
    similarity: f64,
    messages: usize,
    aligned: usize,
    fuzzy: usize,
    identical: usize,
    /// Pages of the same structure as their source, and of them those
    /// aligned whole and built to the same text.
    same_structure: usize,
    same_structure_whole: usize,
    /// Synthetic drift: certain alignments, and the wrong ones.
    drift_certain: usize,
    drift_wrong: usize,
    /// Pages of the same structure with a translation `check` refuses.
    same_structure_refused: usize,
    refused: usize,
}

/// Aligns and builds `locale` of a project, and measures.
fn measure(project: &Project, locale: &str, from: &Path) -> Figures {
    let report = align(
        project,
        &AlignOptions {
            locale: locale.into(),
            from: Some(from.to_path_buf()),
            ..AlignOptions::default()
        },
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    fluentmark::build(project, &[locale.to_string()]).unwrap();
    let mut f = Figures::default();
    let t = report.total();
    f.messages = t.messages;
    f.aligned = t.aligned;
    f.fuzzy = t.fuzzy;
    f.identical = t.identical;
    f.refused = t.refused;
    for p in report.pages.iter().filter(|p| p.counterpart.is_some()) {
        let rel = Path::new(&p.page);
        let existing = std::fs::read_to_string(from.join(rel)).unwrap();
        let built = std::fs::read_to_string(project.output_path(locale, rel)).unwrap();
        let (a, b) = (visible_words(&existing), visible_words(&built));
        f.pages += 1;
        f.same_text += usize::from(a == b);
        f.similarity += similarity(&a, &b);
        let source = fluentmark::store::read_page(project, rel).unwrap().0;
        let translated = Page::parse_in(
            existing.as_bytes(),
            project.page_options(),
            project.dialect(),
        )
        .unwrap();
        if fluentmark::align::same_structure(&source, &translated, locale, "en") {
            let whole = p.unaligned == 0 && p.fuzzy == 0 && p.kept == 0;
            if p.refused > 0 {
                // (A translation check refuses keeps the source's text:
                // FastAPI's German pages add `<abbr title>`.)
                f.same_structure_refused += 1;
                continue;
            }
            f.same_structure += 1;
            f.same_structure_whole += usize::from(whole && a == b);
            if std::env::var_os("ALIGN_DEBUG").is_some() && !(whole && a == b) {
                let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(0);
                println!(
                    "NOT WHOLE {locale} {}: fuzzy {} unaligned {} kept {} same text {} at word {first}: {:?} / {:?}",
                    p.page,
                    p.fuzzy,
                    p.unaligned,
                    p.kept,
                    a == b,
                    a.get(first..first + 8),
                    b.get(first..first + 8)
                );
            }
            drift(project, locale, &source, &existing, &mut f);
        }
    }
    f
}

/// Synthetic drift on a page whose translation has the source's
/// structure (so each text's right translation is known: the one at its
/// place): remove a block of the translation, add a note, swap two
/// blocks; then count the certain alignments that differ from the right
/// ones.
fn drift(project: &Project, locale: &str, source: &Page, existing: &str, f: &mut Figures) {
    let truth: BTreeMap<usize, String> = {
        let translated = Page::parse_in(
            existing.as_bytes(),
            project.page_options(),
            project.dialect(),
        )
        .unwrap();
        align_pages(source, &translated, locale, "en")
            .0
            .into_iter()
            .map(|a| (a.message, a.pattern.to_string()))
            .collect()
    };
    let (head, body) = match fluentmark::frontmatter::split(existing) {
        Ok(Some(split)) => existing.split_at(split.body_start),
        _ => ("", existing),
    };
    let blocks: Vec<&str> = body.split("\n\n").collect();
    if blocks.len() < 4 {
        return;
    }
    // (Places chosen from the page's length: deterministic, spread.)
    let k = blocks.len() * 2 / 3;
    let variants: [Vec<String>; 3] = [
        blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k)
            .map(|(_, b)| b.to_string())
            .collect(),
        {
            let mut v: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
            v.insert(k, "Note du traducteur : ce paragraphe a été ajouté.".into());
            v
        },
        {
            let mut v: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
            v.swap(k - 1, k);
            v
        },
    ];
    for v in variants {
        let text = format!("{head}{}", v.join("\n\n"));
        let Ok(translated) =
            Page::parse_in(text.as_bytes(), project.page_options(), project.dialect())
        else {
            continue;
        };
        for a in align_pages(source, &translated, locale, "en").0 {
            if a.certain {
                f.drift_certain += 1;
                if truth.get(&a.message) != Some(&a.pattern.to_string()) {
                    f.drift_wrong += 1;
                }
            }
        }
    }
}

/// Aligns and builds each of `languages` (locale, family) of a corpus in
/// a project whose configuration is `config` (its `locales` added),
/// the catalogs and built pages in a temporary folder, the translated
/// pages read from `from(locale)`; prints the figures and checks the
/// goals.
fn corpus_figures(
    name: &str,
    languages: &[(&str, &'static str)],
    config: &str,
    from: impl Fn(&str) -> PathBuf,
) {
    let dir = tempfile::tempdir().unwrap();
    let locales: Vec<String> = languages.iter().map(|(l, _)| format!("\"{l}\"")).collect();
    std::fs::write(
        dir.path().join("fluentmark.toml"),
        format!("locales = [{}]\n{config}", locales.join(", ")),
    )
    .unwrap();
    let project = Project::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, &'static str, Figures)> = languages
        .iter()
        .map(|(l, family)| (l.to_string(), *family, measure(&project, l, &from(l))))
        .collect();
    print_and_check(name, &rows);
    let total: usize = rows.iter().map(|r| r.2.messages).sum();
    let filled: usize = rows
        .iter()
        .map(|r| r.2.aligned + r.2.fuzzy + r.2.identical)
        .sum();
    assert!(
        filled * 10 >= total * 9,
        "{name}: {filled} of {total} messages filled"
    );
}

fn print_and_check(name: &str, rows: &[(String, &'static str, Figures)]) {
    println!(
        "\n{name}: language, family, pages, same text, mean similarity, filled, fuzzy, refused, same structure (whole; refused), drift certain / wrong"
    );
    let mut total = Figures::default();
    for (locale, family, f) in rows {
        println!(
            "  {locale:<8} {family:<10} {:>4} {:>5.1}% {:>6.3} {:>5.1}% {:>5.1}% {:>5.1}% {:>4} ({:>4}; {:>3}) {:>6} / {}",
            f.pages,
            100.0 * f.same_text as f64 / f.pages.max(1) as f64,
            f.similarity / f.pages.max(1) as f64,
            100.0 * (f.aligned + f.fuzzy + f.identical) as f64 / f.messages.max(1) as f64,
            100.0 * f.fuzzy as f64 / f.messages.max(1) as f64,
            100.0 * f.refused as f64 / f.messages.max(1) as f64,
            f.same_structure,
            f.same_structure_whole,
            f.same_structure_refused,
            f.drift_certain,
            f.drift_wrong
        );
        total.pages += f.pages;
        total.same_text += f.same_text;
        total.similarity += f.similarity;
        total.messages += f.messages;
        total.aligned += f.aligned;
        total.fuzzy += f.fuzzy;
        total.identical += f.identical;
        total.refused += f.refused;
        total.same_structure_refused += f.same_structure_refused;
        total.same_structure += f.same_structure;
        total.same_structure_whole += f.same_structure_whole;
        total.drift_certain += f.drift_certain;
        total.drift_wrong += f.drift_wrong;
    }
    // By language family.
    let mut families: BTreeMap<&str, Figures> = BTreeMap::new();
    for (_, family, f) in rows {
        let e = families.entry(family).or_default();
        e.pages += f.pages;
        e.same_text += f.same_text;
        e.similarity += f.similarity;
        e.messages += f.messages;
        e.aligned += f.aligned + f.fuzzy + f.identical;
        e.drift_certain += f.drift_certain;
        e.drift_wrong += f.drift_wrong;
    }
    for (family, f) in &families {
        println!(
            "  family {family:<10} {:>4} pages, {:.1}% same text, similarity {:.3}, {:.1}% filled, {} of {} certain wrong under drift",
            f.pages,
            100.0 * f.same_text as f64 / f.pages.max(1) as f64,
            f.similarity / f.pages.max(1) as f64,
            100.0 * f.aligned as f64 / f.messages.max(1) as f64,
            f.drift_wrong,
            f.drift_certain
        );
    }
    let filled = (total.aligned + total.fuzzy + total.identical) as f64 / total.messages as f64;
    let wrong = total.drift_wrong as f64 / total.drift_certain.max(1) as f64;
    println!(
        "  all: {} pages, {:.1}% same text, mean similarity {:.3}, {:.1}% of messages filled ({:.1}% fuzzy, {:.1}% refused), {} of {} same-structure pages whole ({} more with a refused translation), {:.2}% of {} certain alignments wrong under drift",
        total.pages,
        100.0 * total.same_text as f64 / total.pages as f64,
        total.similarity / total.pages as f64,
        100.0 * filled,
        100.0 * total.fuzzy as f64 / total.messages as f64,
        100.0 * total.refused as f64 / total.messages as f64,
        total.same_structure_whole,
        total.same_structure,
        total.same_structure_refused,
        100.0 * wrong,
        total.drift_certain
    );
    assert!(
        wrong < 0.005,
        "{name}: {:.2}% of certain alignments wrong",
        100.0 * wrong
    );
    assert_eq!(
        total.same_structure_whole, total.same_structure,
        "{name}: a page of the source's structure was not aligned whole"
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn otel_every_language() {
    let otel = corpus().join("otel/content");
    let languages = [
        ("bn", "Bengali"),
        ("es", "Latin"),
        ("fr", "Latin"),
        ("ja", "CJK"),
        ("ko", "CJK"),
        ("pl", "Latin"),
        ("pt", "Latin"),
        ("ro", "Latin"),
        ("uk", "Cyrillic"),
        ("zh", "CJK"),
    ];
    let config = format!(
        "dialect = \"hugo\"\nsource_locale = \"en\"\n\
         content_dir = \"{}\"\noutput_dir = \"build\"\nallow_outside_project = true\n\
         [front_matter]\ntranslate = [\"title\", \"linkTitle\", \"description\"]\n",
        otel.join("en").display()
    );
    corpus_figures("otel", &languages, &config, |l| otel.join(l));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn fastapi_every_language() {
    let docs = corpus().join("fastapi/docs");
    let languages = [
        ("de", "Latin"),
        ("es", "Latin"),
        ("fr", "Latin"),
        ("hi", "Devanagari"),
        ("ja", "CJK"),
        ("ko", "CJK"),
        ("pt", "Latin"),
        ("ru", "Cyrillic"),
        ("tr", "Latin"),
        ("uk", "Cyrillic"),
        ("zh", "CJK"),
        ("zh-Hant", "CJK"),
    ];
    // (FastAPI's folders are lower-case: `zh-hant`.)
    let config = format!(
        "dialect = \"mkdocs\"\nsource_locale = \"en\"\n\
         content_dir = \"{}\"\noutput_dir = \"build\"\nallow_outside_project = true\n\
         [mkdocs]\nconfig = \"{}\"\n",
        docs.join("en/docs").display(),
        docs.join("en/mkdocs.yml").display()
    );
    corpus_figures("fastapi", &languages, &config, |l| {
        docs.join(l.to_lowercase()).join("docs")
    });
}

#[test]
fn each_generator_s_own_layout_is_where_align_looks_by_default() {
    // Docusaurus: the French pages Docusaurus reads, under `i18n/`.
    let p = crate::common::binary::Project::empty();
    crate::common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docusaurus-site"),
        &p.root,
    );
    let intro = p.read_text("docs/intro.md");
    let fr = intro
        .replace(
            "title: Welcome to the demo",
            "title: Bienvenue dans la démo",
        )
        .replace("# Welcome to the demo", "# Bienvenue dans la démo")
        .replace(
            "Install the site's packages with npm:",
            "Installez les paquets du site avec npm :",
        );
    p.write(
        "i18n/fr/docusaurus-plugin-content-docs/current/intro.md",
        &fr,
    );
    let run = p.run(&["align", "--locale", "fr", "--format", "json"]);
    run.expect_code(0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["total"]["pages"], 1, "{}", run.stdout);
    // (The title and the heading are one message: the same text.)
    assert_eq!(doc["total"]["aligned"], 2, "{}", run.stdout);
    assert_eq!(doc["total"]["fuzzy"], 0, "{}", run.stdout);
    let ftl = p.read_text("locales/fr/intro.ftl");
    assert!(
        ftl.contains("= Installez les paquets du site avec npm :"),
        "{ftl}"
    );

    // FastAPI's layout: one site per language, `docs/<lang>/docs/`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fluentmark.toml"),
        "source_locale = \"en\"\nlocales = [\"fr\"]\ncontent_dir = \"docs/en/docs\"\n",
    )
    .unwrap();
    for (lang, text) in [("en", "Some text.\n"), ("fr", "Un texte.\n")] {
        let folder = dir.path().join("docs").join(lang).join("docs");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("index.md"), text).unwrap();
    }
    let report = run_align(dir.path());
    assert_eq!(report.from, dir.path().join("docs/fr/docs"));
    assert_eq!(certain(&catalog(dir.path(), "index.md")), ["Un texte."]);
}

#[test]
fn a_bad_translated_page_is_named_and_the_others_are_aligned() {
    let dir = site(&[
        ("a.md", "Text a.\n", ""),
        ("b.md", "Text b.\n", "Texte b.\n"),
        ("c.md", "Text c.\n", ""),
    ]);
    std::fs::write(dir.path().join("content/fr/a.md"), b"Texte \xff a.\n").unwrap();
    let outside = dir.path().join("secret.md");
    std::fs::write(&outside, "Secret.\n").unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("content/fr/c.md")).unwrap();
    let out = fluentmark(dir.path(), &["align", "--locale", "fr"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/fr/a.md:1: the page is not valid UTF-8"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("content/fr/c.md: symbolic link"),
        "{}",
        out.stderr
    );
    assert_eq!(certain(&catalog(dir.path(), "b.md")), ["Texte b."]);
    assert!(
        catalog(dir.path(), "c.md").is_empty(),
        "read through a link"
    );
}

#[test]
fn build_keeps_a_translated_page_it_did_not_write_until_align_adopts_it() {
    // A Hugo site with its own French pages where `build` writes them.
    let dir = site(&[("install.md", EN, FR), ("other.md", "Other text.\n", "")]);
    let page = dir.path().join("content/fr/install.md");
    let out = fluentmark(dir.path(), &["build", "--locale", "fr"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("content/fr/install.md:1: a page is here that fluentmark did not write"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("fluentmark align --locale fr"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        FR,
        "a translator's page was built over"
    );
    // The other page had none: built.
    assert!(dir.path().join("content/fr/other.md").is_file());
    // Adopted by align: build replaces it, with the translations it had.
    fluentmark(dir.path(), &["align", "--locale", "fr"]);
    let out = fluentmark(dir.path(), &["build", "--locale", "fr"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let built = std::fs::read_to_string(&page).unwrap();
    assert!(
        built.contains("Puis lancez `make install` en tant que root."),
        "{built}"
    );
    assert!(!built.contains("default_lang_commit"), "{built}");
}
