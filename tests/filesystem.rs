//! The `fluentmark` binary against a hostile file system (issue #15: a
//! translation and a repository are untrusted input).
//!
//! A repository can hold symbolic links, odd file names, leftovers of a
//! killed run and a configuration that points anywhere. Each test builds
//! such a project in a temporary folder, with a folder `outside/` next to
//! it standing for the rest of the machine, runs the real binary and checks
//! what a user (or an attacker) would notice: nothing read or written
//! outside the project, an error that names the path and says what to do,
//! the right exit code.
//!
//! A test marked `#[ignore = "needs wiring"]` states behaviour that needs
//! `extract`, `check` and `build` to read and write through
//! `Project::files()` (see the README); it fails until they do.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::binary::{Project, Run, keys, text};

/// Two locales, pages in `content/`, catalogs in `locales/`, built pages
/// in `build/`.
const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n";

/// What stands for a secret of the machine: it must never show up in the
/// project or in fluentmark's output.
const SECRET: &str = "hunter2";

/// A project with one page, `content/page.md`, extracted, and a folder
/// `outside/` next to the project holding a secret file and a folder.
fn project() -> Project {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/page.md", "A page.\n\nAnother paragraph.\n");
    p.write("content/sub/deep.md", "A deep page.\n");
    p.run(&["extract"]).expect_code(0);
    p.write(
        "../outside/secret.ftl",
        format!("{SECRET} is the password\n"),
    );
    p.write("../outside/valid.ftl", format!("secret-id = {SECRET}\n"));
    p.write("../outside/dir/keep.txt", "Not part of the project.\n");
    p
}

impl Project {
    /// The folder next to the project that stands for the rest of the
    /// machine.
    fn outside(&self) -> PathBuf {
        self.tmp.path().join("outside")
    }

    /// Every file next to the project, with its bytes.
    fn outside_files(&self) -> BTreeMap<String, Vec<u8>> {
        common::files(&self.outside())
    }

    /// Replaces a file or folder of the project with a symbolic link.
    fn link(&self, rel: &str, target: impl AsRef<Path>) {
        let path = self.path(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap();
        } else if path.symlink_metadata().is_ok() {
            fs::remove_file(&path).unwrap();
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, &path).unwrap();
    }

    /// Panics unless `rel` is still a symbolic link.
    fn expect_link(&self, rel: &str) {
        let meta = fs::symlink_metadata(self.path(rel)).unwrap();
        assert!(meta.file_type().is_symlink(), "{rel} is no longer a link");
    }

    /// Panics if any file of the project holds the secret.
    fn expect_no_secret(&self) {
        for (name, bytes) in common::files(&self.root) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{name} holds the secret"
            );
        }
    }
}

impl Run {
    /// Panics if the output shows the secret.
    fn expect_no_secret(&self) -> &Run {
        assert!(
            !self.stdout.contains(SECRET) && !self.stderr.contains(SECRET),
            "the output shows the secret\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

// ------------------------------------------- symbolic links (#15, item 7)

#[test]
fn symlinked_catalog_is_not_replaced_by_extract() {
    let p = project();
    let outside = p.outside_files();
    p.write("content/page.md", "A page, edited.\n\nAnother paragraph.\n");
    p.link("locales/fr/page.ftl", "../../../outside/valid.ftl");
    p.link("locales/en/sub/deep.ftl", "../../../../outside/valid.ftl");
    let run = p.run(&["extract", "--force"]);
    run.expect_no_panic().expect_no_secret();
    p.expect_link("locales/fr/page.ftl");
    p.expect_no_secret();
    assert_eq!(p.outside_files(), outside, "nothing outside changed");
}

#[test]
fn symlinked_built_page_is_refused() {
    let p = project();
    p.write("../outside/page.md", "Outside page.\n");
    p.link("build/fr/page.md", "../../../outside/page.md");
    let outside = p.outside_files();
    let run = p.run(&["build"]);
    run.expect_code(2).expect_no_panic();
    let line = run.line("build/fr/page.md", &["symbolic link", "replace it"]);
    assert!(line.starts_with("error: "), "{line}");
    p.expect_link("build/fr/page.md");
    assert_eq!(p.outside_files(), outside, "nothing outside changed");
    // The other pages and locales are built.
    assert_eq!(
        text(&p.read("build/de/page.md")),
        "A page.\n\nAnother paragraph.\n"
    );
    assert_eq!(text(&p.read("build/fr/sub/deep.md")), "A deep page.\n");
}

// ------------------------------------------ temporary files (#15, item 8)

#[test]
fn planted_link_at_a_temporary_file_name_does_not_redirect_a_write() {
    // The temporary file names of the first versions: the page's name and
    // the process ID, both known to whoever prepares the repository.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("locales/fr");
    fs::create_dir_all(&dir).unwrap();
    let target = tmp.path().join("victim.txt");
    fs::write(&target, "precious\n").unwrap();
    let planted = dir.join(format!(".page.ftl.fluentmark-{}.tmp", std::process::id()));
    symlink(&target, &planted).unwrap();

    let path = dir.join("page.ftl");
    fluentmark::fsutil::write_atomic(&path, b"page = Page\n").unwrap();
    assert_eq!(
        fs::read(&target).unwrap(),
        b"precious\n",
        "the write went through the link"
    );
    assert_eq!(fs::read(&path).unwrap(), b"page = Page\n");
    assert!(
        !fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the catalog is a file"
    );
}

#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next_one() {
    let p = project();
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let leftovers = [
        "locales/en/.page.ftl.fluentmark-4242.tmp",
        "locales/en/.fluentmark-Xk2mQ9zT1b.tmp",
        "locales/en/sub/.deep.ftl.fluentmark-17.tmp",
    ];
    for rel in leftovers {
        p.write(rel, "half of a catalog");
        let file = fs::File::options().write(true).open(p.path(rel)).unwrap();
        file.set_modified(an_hour_ago).unwrap();
    }
    // Not ours, or too young to be a leftover (another run may be writing it).
    p.write("locales/en/.notes.tmp", "mine");
    p.write("locales/en/.fluentmark-young.tmp", "being written");
    p.write("content/page.md", "A page, edited.\n");
    p.write("content/sub/deep.md", "A deep page, edited.\n");
    p.run(&["extract"]).expect_code(0);
    let files = keys(&p.files("locales/en"))
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>();
    assert_eq!(
        files,
        [
            ".fluentmark-young.tmp",
            ".notes.tmp",
            "page.ftl",
            "sub/deep.ftl"
        ],
        "leftovers of a killed run are removed where fluentmark writes"
    );
}

// ---------------------------------------------- configuration (#15, item 9)

// --------------------------------------------- page file names (#15, 13, 17)

#[test]
fn page_name_of_250_bytes_is_extracted_and_built() {
    let p = project();
    // 250 bytes as a catalog (`.ftl`): the longest names leave no room for
    // a temporary file name built from them.
    let stem = "a".repeat(246);
    p.write(&format!("content/{stem}.md"), "A long name.\n");
    p.run(&["extract"]).expect_code(0);
    p.run(&["build"]).expect_code(0);
    assert!(p.path(&format!("locales/en/{stem}.ftl")).is_file());
    assert_eq!(
        text(&p.read(&format!("build/fr/{stem}.md"))),
        "A long name.\n"
    );
}

// ------------------------------------------------ numbers (#15, item 14)

// ------------------------------------------------- closed pipes (#15, 16)
