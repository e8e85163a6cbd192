//! Catalog maintenance: translations survive source changes.

use crate::common;

use std::fs;
use std::path::Path;

use fluentmark::catalog::Catalog;
use fluentmark::extract::{ExtractOptions, ExtractReport, extract};
use fluentmark::project::Project;
use proptest::prelude::*;

const CONFIG: &str =
    "source_locale = \"en\"\nlocales = [\"fr\"]\n[front_matter]\ntranslate = [\"title\"]\n";

fn project(dir: &Path) -> Project {
    fs::create_dir_all(dir.join("content")).unwrap();
    fs::write(dir.join("fluentmark.toml"), CONFIG).unwrap();
    Project::load(dir).unwrap()
}

fn run(p: &Project, prune: bool) -> ExtractReport {
    let r = extract(
        p,
        ExtractOptions {
            prune,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    r
}

/// Plays a translator: every source message without a French translation
/// gets `FR <text>`, added before the obsolete group; nothing else changes.
fn translate_all(p: &Project, page: &str) {
    let src = fs::read_to_string(p.catalog_path("en", Path::new(page))).unwrap();
    let path = p.catalog_path("fr", Path::new(page));
    let existing = fs::read_to_string(&path).unwrap_or_default();
    let have = Catalog::parse(&existing);
    let (live, obsolete) = match existing.find("\n## Obsolete") {
        Some(i) => existing.split_at(i + 1),
        None => (existing.as_str(), ""),
    };
    let mut out = live.to_string();
    for l in src.lines() {
        if let Some((id, text)) = l.split_once(" = ")
            && !l.starts_with('#')
            && !l.starts_with(' ')
            && have.get(id).is_none_or(|t| t.obsolete)
        {
            out.push_str(&format!("\n{id} = FR {text}\n"));
        }
    }
    out.push_str(obsolete);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, out).unwrap();
}

/// `page`'s French catalog holds `text`'s translation, pre-filled from the
/// translation memory (page `from`) and marked fuzzy.
fn assert_prefilled(p: &Project, page: &str, from: &str, text: &str) {
    let catalog = fs::read_to_string(p.catalog_path("fr", Path::new(page))).unwrap();
    assert!(
        catalog.contains(&format!(
            "# fuzzy: pre-filled from the translation in {from}\n"
        )),
        "{catalog}"
    );
    assert!(catalog.contains(&format!("= FR {text}\n")), "{catalog}");
}

fn catalog(p: &Project, locale: &str, page: &str) -> Catalog {
    Catalog::parse(&fs::read_to_string(p.catalog_path(locale, Path::new(page))).unwrap())
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn caffe2_page_revision_keeps_translations() {
    let old =
        fs::read_to_string(common::corpus().join("../seeds/applications-of-deep-learning.md"))
            .unwrap();
    let new =
        fs::read_to_string(common::corpus().join("caffe2/_docs/applications-of-deep-learning.md"))
            .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let page = "applications-of-deep-learning.md";
    fs::write(tmp.path().join("content").join(page), old).unwrap();
    run(&p, false);
    translate_all(&p, page);
    let before = catalog(&p, "fr", page);
    assert_eq!(before.translations.len(), 26);

    fs::write(tmp.path().join("content").join(page), new).unwrap();
    let report = run(&p, false);
    let s = &report.locales["fr"].stats;
    // 18 texts unchanged; 6 headings gained an icon (one renamed from
    // "Audio" to "Speech Recognition"); the Advertising section is gone.
    assert_eq!(
        (s.unchanged, s.fuzzy, s.missing, s.obsoleted),
        (18, 6, 0, 2)
    );

    let after = catalog(&p, "fr", page);
    let live: Vec<_> = after.translations.iter().filter(|t| !t.obsolete).collect();
    assert_eq!(live.len(), 24);
    assert_eq!(live.iter().filter(|t| t.fuzzy).count(), 6);
    let obsolete: Vec<_> = after.translations.iter().filter(|t| t.obsolete).collect();
    assert_eq!(obsolete.len(), 2);
    assert!(obsolete.iter().any(|t| t.id.starts_with("advertising-")));
    // Unchanged translations are exactly as they were.
    for t in live.iter().filter(|t| !t.fuzzy) {
        let old = before.get(&t.id).expect("unchanged text keeps its ID");
        assert_eq!(old.pattern, t.pattern);
    }
    let text = fs::read_to_string(p.catalog_path("fr", Path::new(page))).unwrap();
    assert!(text.contains("# fuzzy: the source text changed; it was: Computer Vision\n"));
    assert!(text.contains("= FR Computer Vision\n"));

    // Idempotent.
    let snap = common::files(tmp.path());
    run(&p, false);
    assert_eq!(snap, common::files(tmp.path()));

    // Only --prune removes the obsolete ones.
    let report = run(&p, true);
    assert_eq!(report.locales["fr"].stats.pruned, 2);
    assert_eq!(catalog(&p, "fr", page).translations.len(), 24);
}

#[test]
fn broken_catalog_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(
        tmp.path().join("content/a.md"),
        "Hello world.\n\nSecond paragraph.\n",
    )
    .unwrap();
    run(&p, false);
    let path = p.catalog_path("fr", Path::new("a.md"));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = "hello-world = Bonjour { le monde.\n";
    fs::write(&path, broken).unwrap();
    fs::write(
        tmp.path().join("content/a.md"),
        "Hello world!\n\nSecond paragraph.\n",
    )
    .unwrap();
    let r = extract(&p, ExtractOptions::default()).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert_eq!(r.errors.len(), 1);
    let msg = r.errors[0].to_string();
    assert!(msg.contains("a.ftl:1:"), "{msg}");
    assert!(msg.contains("left as it is"), "{msg}");
}

#[test]
fn deleted_page_keeps_its_translations_as_obsolete() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(tmp.path().join("content/a.md"), "Hello world.\n").unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    fs::remove_file(tmp.path().join("content/a.md")).unwrap();
    let r = run(&p, false);
    assert_eq!(r.removed, 1, "the source catalog is generated state");
    assert_eq!(r.locales["fr"].orphans, 1);
    let c = catalog(&p, "fr", "a.md");
    assert_eq!(c.translations.len(), 1);
    assert!(c.translations[0].obsolete);
    let text = fs::read_to_string(p.catalog_path("fr", Path::new("a.md"))).unwrap();
    assert!(text.contains("# source was: Hello world."), "{text}");
}

#[test]
fn renamed_page_keeps_its_translations() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(tmp.path().join("content/a.md"), "# Title\n\nHello world.\n").unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    fs::create_dir_all(tmp.path().join("content/guide")).unwrap();
    fs::rename(
        tmp.path().join("content/a.md"),
        tmp.path().join("content/guide/b.md"),
    )
    .unwrap();
    let r = run(&p, false);
    assert_eq!(r.locales["fr"].stats.unchanged, 2);
    assert!(
        !p.catalog_path("fr", Path::new("a.md")).exists(),
        "everything moved"
    );
    let c = catalog(&p, "fr", "guide/b.md");
    assert_eq!(c.translations.len(), 2);
    assert!(c.translations.iter().all(|t| !t.fuzzy && !t.obsolete));
}

#[test]
fn translation_memory_prefills_as_fuzzy() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(tmp.path().join("content/a.md"), "Shared sentence here.\n").unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    fs::write(
        tmp.path().join("content/b.md"),
        "Other text.\n\nShared sentence here.\n",
    )
    .unwrap();
    let r = run(&p, false);
    assert_eq!(r.locales["fr"].stats.fuzzy, 1);
    assert_prefilled(&p, "b.md", "a", "Shared sentence here.");
}

/// The memory pairs each translation with the source text it was made
/// for: a page reworded in the same run still lends its old sentence's
/// translation, though its new source catalog no longer holds that text.
#[test]
fn translation_memory_remembers_a_text_reworded_in_the_same_run() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let a = tmp.path().join("content/a.md");
    fs::write(&a, "Shared sentence here.\n").unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    fs::write(&a, "Shared sentence there.\n").unwrap();
    fs::write(
        tmp.path().join("content/b.md"),
        "Other text.\n\nShared sentence here.\n",
    )
    .unwrap();
    let r = run(&p, false);
    assert_eq!(r.written, 2, "a's and b's source catalogs");
    let new_a = fs::read_to_string(p.catalog_path("en", Path::new("a.md"))).unwrap();
    assert!(!new_a.contains("Shared sentence here."), "{new_a}");
    assert_prefilled(&p, "b.md", "a", "Shared sentence here.");
}

/// A translations' catalog that cannot be written leaves its page's source
/// catalog as it was: its stamp still says "changed", so the next extract,
/// once the cause is gone, merges that catalog.
#[test]
fn a_failed_catalog_write_is_retried_by_the_next_extract() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let page = tmp.path().join("content/a.md");
    fs::write(&page, "Keep this one.\n\nThe quick brown fox jumps.\n").unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    let source = p.catalog_path("en", Path::new("a.md"));
    let before = fs::read_to_string(&source).unwrap();
    fs::write(&page, "Keep this one.\n").unwrap();
    // The catalog cannot be replaced: its write fails.
    let fr = p.catalog_path("fr", Path::new("a.md"));
    let Some(unblock) = block_writes(&fr) else {
        eprintln!("no way to make a file unwritable here (root, no chattr); skipped");
        return;
    };
    let r = extract(&p, ExtractOptions::default()).unwrap();
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    assert!(r.errors[0].to_string().contains("a.ftl"), "{}", r.errors[0]);
    assert_eq!(
        r.written, 0,
        "the source catalog waits for its translations"
    );
    assert_eq!(fs::read_to_string(&source).unwrap(), before);
    unblock();
    let r = run(&p, false);
    assert_eq!((r.written, r.unchanged), (1, 0));
    assert_eq!(r.locales["fr"].stats.obsoleted, 1);
    let text = fs::read_to_string(&fr).unwrap();
    assert!(text.contains("## Obsolete"), "{text}");
    assert!(text.contains("= FR The quick brown fox jumps.\n"), "{text}");
}

/// Makes the file at `path` impossible to replace while it stays readable:
/// its folder read-only, or (for root, whom permissions do not stop) the
/// file immutable. Returns what undoes it; `None` when neither works here.
fn block_writes(path: &Path) -> Option<impl FnOnce() + use<>> {
    use std::os::unix::fs::PermissionsExt;
    let file = path.to_path_buf();
    let dir = file.parent().unwrap().to_path_buf();
    let mode = move |m| fs::set_permissions(&dir, fs::Permissions::from_mode(m)).unwrap();
    mode(0o555);
    let probe = file.with_file_name("probe");
    let enforced = fs::write(&probe, "").is_err();
    if !enforced {
        fs::remove_file(&probe).unwrap();
        mode(0o755);
    }
    let chattr = move |flag: &str| {
        std::process::Command::new("chattr")
            .arg(flag)
            .arg(&file)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let immutable = !enforced && chattr("+i");
    (enforced || immutable).then_some(move || {
        if immutable {
            chattr("-i");
        } else {
            mode(0o755);
        }
    })
}

/// `a.md` and `a.markdown` would share `a.ftl`: the second in path order
/// gets an error and writes nothing; the first is extracted as usual.
#[test]
fn two_pages_with_one_catalog_name_leave_the_second_unextracted() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    fs::write(tmp.path().join("content/a.markdown"), "From markdown.\n").unwrap();
    fs::write(tmp.path().join("content/a.md"), "From md.\n").unwrap();
    let r = extract(&p, ExtractOptions::default()).unwrap();
    assert_eq!((r.pages, r.written), (1, 1));
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    let e = r.errors[0].to_string();
    assert!(
        e.contains("a.md") && e.contains("rename one of the two pages"),
        "{e}"
    );
    let text = fs::read_to_string(p.catalog_path("en", Path::new("a.md"))).unwrap();
    assert!(text.contains("From markdown."), "{text}");
    assert!(!text.contains("From md."), "{text}");
}

#[test]
fn a_paragraph_deleted_then_restored_edited_gets_its_translation_back_as_fuzzy() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let page = tmp.path().join("content/a.md");
    fs::write(
        &page,
        "Keep this one.\n\nThe quick brown fox jumps over the lazy dog.\n",
    )
    .unwrap();
    run(&p, false);
    translate_all(&p, "a.md");
    fs::write(&page, "Keep this one.\n").unwrap();
    assert_eq!(run(&p, false).locales["fr"].stats.obsoleted, 1);
    fs::write(
        &page,
        "Keep this one.\n\nThe quick brown fox jumps over the lazy cat.\n",
    )
    .unwrap();
    let r = run(&p, false);
    assert_eq!(
        (r.locales["fr"].stats.fuzzy, r.locales["fr"].stats.obsolete),
        (1, 0)
    );
    let text = fs::read_to_string(p.catalog_path("fr", Path::new("a.md"))).unwrap();
    assert!(
        text.contains("# fuzzy: the source text changed; it was: The quick brown fox jumps over the lazy dog.\n"),
        "{text}"
    );
    assert!(
        text.contains("= FR The quick brown fox jumps over the lazy dog.\n"),
        "{text}"
    );
    assert!(!text.contains("source was:"), "{text}");
}

/// One edit of a page made of numbered paragraphs.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, String),
    Delete(usize),
    Move(usize, usize),
    Reword(usize, usize, String),
    Rename,
    Translate,
}

fn edit() -> impl Strategy<Value = Edit> {
    let words = "[a-z]{3,8}( [a-z]{3,8}){3,9}";
    prop_oneof![
        (0..8usize, words).prop_map(|(i, w)| Edit::Insert(i, w)),
        (0..8usize).prop_map(Edit::Delete),
        (0..8usize, 0..8usize).prop_map(|(a, b)| Edit::Move(a, b)),
        (0..8usize, 0..6usize, "[a-z]{3,8}").prop_map(|(i, w, s)| Edit::Reword(i, w, s)),
        Just(Edit::Rename),
        Just(Edit::Translate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the edits, every translation ever written is still in a
    /// catalog of the locale (live, fuzzy or obsolete) until --prune.
    #[test]
    fn no_translation_is_ever_lost(
        start in proptest::collection::vec("[a-z]{3,8}( [a-z]{3,8}){3,9}", 1..6),
        edits in proptest::collection::vec(edit(), 1..10),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let p = project(tmp.path());
        let mut paragraphs: Vec<String> = start;
        let mut name = 0;
        let page = |n: usize| format!("page{n}.md");
        let write = |paragraphs: &[String], n: usize| {
            fs::write(tmp.path().join("content").join(page(n)), paragraphs.join("\n\n") + "\n").unwrap();
        };
        write(&paragraphs, name);
        run(&p, false);
        let mut written: Vec<String> = Vec::new();
        for e in edits {
            match e {
                Edit::Insert(i, w) => paragraphs.insert(i.min(paragraphs.len()), w),
                Edit::Delete(i) if !paragraphs.is_empty() => { paragraphs.remove(i % paragraphs.len()); }
                Edit::Move(a, b) if !paragraphs.is_empty() => {
                    let x = paragraphs.remove(a % paragraphs.len());
                    paragraphs.insert(b.min(paragraphs.len()), x);
                }
                Edit::Reword(i, w, s) if !paragraphs.is_empty() => {
                    let n = i % paragraphs.len();
                    let mut words: Vec<&str> = paragraphs[n].split(' ').collect();
                    let k = w % words.len();
                    words[k] = &s;
                    paragraphs[n] = words.join(" ");
                }
                Edit::Rename => {
                    fs::remove_file(tmp.path().join("content").join(page(name))).unwrap();
                    name += 1;
                }
                Edit::Translate => {
                    translate_all(&p, &page(name));
                    let c = catalog(&p, "fr", &page(name));
                    written.extend(c.translations.iter().filter_map(|t| t.pattern.as_ref().ok()).map(|p| p.to_string()));
                }
                _ => {}
            }
            write(&paragraphs, name);
            run(&p, false);
            let mut kept: Vec<String> = Vec::new();
            for f in common::files(&p.locale_dir("fr")).values() {
                let c = Catalog::parse(std::str::from_utf8(f).unwrap());
                prop_assert!(c.errors.is_empty());
                kept.extend(c.translations.iter().filter_map(|t| t.pattern.as_ref().ok()).map(|p| p.to_string()));
            }
            for t in &written {
                prop_assert!(kept.contains(t), "lost translation {t:?}");
            }
        }
        // Idempotent at the end of any sequence.
        let snap = common::files(tmp.path());
        run(&p, false);
        prop_assert_eq!(snap, common::files(tmp.path()));
    }
}
