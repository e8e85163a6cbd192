//! The output does not depend on the number of threads: `extract` and
//! `build` with `--jobs 1` and `--jobs 2` write the very same files, and a
//! second `extract` changes nothing.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

fn run(root: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .arg("--project")
        .arg(root)
        .arg("--quiet")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A project with the given pages, extracted, French catalogs made by
/// upper-casing half of the source catalogs' lines, built.
fn project_run(pages: &Path, jobs: &str) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(
        root.join("fluentmark.toml"),
        format!(
            "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\ncontent_dir = \"{}\"\n\
             allow_outside_project = true\n\
             [front_matter]\ntranslate = [\"title\", \"description\"]\n",
            pages.display()
        ),
    )
    .unwrap();
    run(root, &["--jobs", jobs, "extract"]);
    for (name, bytes) in common::files(&root.join("locales/en")) {
        let text = String::from_utf8(bytes).unwrap();
        let fr: String = text
            .lines()
            .enumerate()
            .filter(|(i, l)| i % 2 == 0 && !l.starts_with('#') && l.contains(" = "))
            .map(|(_, l)| {
                let (id, value) = l.split_once(" = ").unwrap();
                format!("{id} = FR {value}\n")
            })
            .collect();
        let path = root.join("locales/fr").join(&name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, fr).unwrap();
    }
    run(root, &["--jobs", jobs, "extract"]);
    let before = common::files(root);
    run(root, &["--jobs", jobs, "extract"]);
    assert_eq!(
        before,
        common::files(root),
        "a second extract changed something"
    );
    run(root, &["--jobs", jobs, "build"]);
    common::files(root)
}

#[test]
fn sample_output_is_the_same_whatever_the_thread_count() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    assert_eq!(project_run(&content, "1"), project_run(&content, "2"));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_output_is_the_same_whatever_the_thread_count() {
    let content = common::corpus().join("rustbook/src");
    let one = project_run(&content, "1");
    assert!(one.len() > 200, "{} files", one.len());
    assert_eq!(one, project_run(&content, "2"));
}
