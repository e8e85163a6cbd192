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
#![cfg(unix)]

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
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
fn symlinked_catalog_is_not_shown_by_check() {
    let p = project();
    p.link("locales/fr/page.ftl", "../../../outside/secret.ftl");
    for format in ["human", "json", "github"] {
        p.run(&["check", "--format", format])
            .expect_no_panic()
            .expect_no_secret();
    }
    p.run(&["status"]).expect_no_panic().expect_no_secret();
}

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
fn symlinked_catalog_is_an_error_naming_it() {
    let p = project();
    p.link("locales/fr/page.ftl", "../../../outside/valid.ftl");
    p.link("locales/de/orphan.ftl", "../../../outside/valid.ftl");
    for command in ["extract", "build"] {
        let run = p.run(&[command]);
        run.expect_code(2).expect_no_panic().expect_no_secret();
        run.line("locales/fr/page.ftl", &["symbolic link", "replace it"]);
    }
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(1).expect_no_secret();
    for file in ["locales/fr/page.ftl", "locales/de/orphan.ftl"] {
        assert!(
            run.diagnostics().iter().any(|d| d["severity"] == "error"
                && d["file"].as_str().is_some_and(|f| f.ends_with(file))
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("symbolic link"))),
            "no error about {file}: {}",
            run.stdout
        );
    }
    p.expect_link("locales/fr/page.ftl");
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

/// Every command refuses the project: exit 2, one error line naming
/// `link` and saying it is a link and what to do; nothing outside is read
/// or written.
fn expect_refused(p: &Project, link: &str) {
    let outside = p.outside_files();
    for command in ["extract", "build", "check", "status"] {
        let run = p.run(&[command]);
        run.expect_code(2).expect_no_panic().expect_no_secret();
        let line = run.line(link, &["symbolic link"]);
        assert!(line.starts_with("error: "), "{line}");
        assert!(
            line.contains("real folder") || line.contains("replace it"),
            "{line} does not say what to do"
        );
    }
    assert_eq!(p.outside_files(), outside, "nothing outside changed");
    p.expect_link(link);
}

#[test]
fn symlinked_locale_folder_is_refused() {
    let p = project();
    p.link("locales/fr", "../../outside/dir");
    expect_refused(&p, "locales/fr");
    // The source locale's folder too.
    let p = project();
    p.link("locales/en", "../../outside/dir");
    expect_refused(&p, "locales/en");
}

#[test]
fn symlinked_locales_dir_is_refused() {
    let p = project();
    p.link("locales", "../outside/dir");
    expect_refused(&p, "locales");
}

#[test]
fn symlinked_output_dir_and_output_locale_folder_are_refused() {
    let p = project();
    p.link("build", "../outside/dir");
    expect_refused(&p, "build");
    let p = project();
    p.link("build/de", "../../outside/dir");
    expect_refused(&p, "build/de");
}

#[test]
fn symlinked_parent_of_locales_dir_is_refused() {
    let p = project();
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}locales_dir = \"i18n/locales\"\n"),
    );
    p.link("i18n", "../outside/dir");
    expect_refused(&p, "i18n");
}

#[test]
fn symlinked_content_dir_is_refused() {
    let p = project();
    p.write("../outside/dir/page.md", format!("{SECRET}\n"));
    p.link("content", "../outside/dir");
    expect_refused(&p, "content");
}

#[test]
fn symlinked_folder_inside_a_locale_folder_is_refused() {
    let p = project();
    p.write("../outside/dir/deep.ftl", format!("secret-id = {SECRET}\n"));
    p.link("locales/fr/sub", "../../../outside/dir");
    p.link("build/de/sub", "../../../outside/dir");
    let outside = p.outside_files();
    for (command, link) in [
        (&["extract", "--force"][..], "locales/fr/sub/deep.ftl"),
        (&["build"], "locales/fr/sub/deep.ftl"),
        (&["build"], "build/de/sub/deep.md"),
    ] {
        let run = p.run(command);
        run.expect_code(2).expect_no_panic().expect_no_secret();
        run.line(link, &["`project/", "symbolic link", "real folder"]);
    }
    assert_eq!(p.outside_files(), outside, "nothing outside changed");
    p.expect_no_secret();
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

/// Runs every command with `config`: each exits 2 with one line naming
/// `fluentmark.toml` that also says each of `hints`; nothing is written.
fn expect_config_refused(config: &str, hints: &[&str]) {
    let p = Project::empty();
    p.write("fluentmark.toml", config);
    p.write("content/page.md", "A page.\n");
    p.write("page.md", "A page at the root.\n");
    fs::create_dir_all(p.tmp.path().join("outside")).unwrap();
    let before = common::files(p.tmp.path());
    for command in ["extract", "build", "check", "status"] {
        let run = p.run(&[command]);
        run.expect_code(2).expect_no_panic();
        run.line("fluentmark.toml", hints);
    }
    assert_eq!(
        keys(&common::files(p.tmp.path())),
        keys(&before),
        "nothing is written:\n{config}"
    );
}

#[test]
fn config_folders_that_are_the_same_are_refused() {
    for (folders, a, b) in [
        ("output_dir = \"content\"\n", "content_dir", "output_dir"),
        (
            "content_dir = \".\"\noutput_dir = \".\"\n",
            "content_dir",
            "output_dir",
        ),
        ("output_dir = \"./content/\"\n", "content_dir", "output_dir"),
        ("locales_dir = \"content\"\n", "content_dir", "locales_dir"),
        (
            "locales_dir = \"out\"\noutput_dir = \"out\"\n",
            "locales_dir",
            "output_dir",
        ),
    ] {
        let config = format!("{CONFIG}{folders}");
        expect_config_refused(&config, &[a, b, "same folder"]);
    }
}

#[test]
fn config_folders_nested_the_wrong_way_are_refused() {
    for (folders, inner, outer) in [
        ("content_dir = \"build/src\"\n", "content_dir", "output_dir"),
        (
            "content_dir = \"content\"\noutput_dir = \".\"\n",
            "content_dir",
            "output_dir",
        ),
        (
            "content_dir = \"locales/pages\"\n",
            "content_dir",
            "locales_dir",
        ),
        (
            "locales_dir = \"build/locales\"\n",
            "locales_dir",
            "output_dir",
        ),
        (
            "output_dir = \"locales/out\"\n",
            "output_dir",
            "locales_dir",
        ),
    ] {
        let config = format!("{CONFIG}{folders}");
        expect_config_refused(&config, &[inner, outer, "inside"]);
    }
}

#[test]
fn config_folders_outside_the_project_are_refused() {
    let p = Project::empty();
    let absolute = p.tmp.path().join("outside/out");
    for folders in [
        "output_dir = \"..\"\n".to_string(),
        "output_dir = \"../outside\"\n".to_string(),
        "output_dir = \"build/../../outside\"\n".to_string(),
        format!("output_dir = {:?}\n", absolute.to_str().unwrap()),
        "locales_dir = \"../outside\"\n".to_string(),
        "content_dir = \"../outside\"\n".to_string(),
    ] {
        let config = format!("{CONFIG}{folders}");
        expect_config_refused(&config, &["outside the project", "allow_outside_project"]);
    }
}

#[test]
fn config_allow_outside_project_lets_build_write_outside() {
    let p = project();
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}output_dir = \"../outside/site\"\nallow_outside_project = true\n"),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(
        text(&fs::read(p.outside().join("site/fr/page.md")).unwrap()),
        "A page.\n\nAnother paragraph.\n"
    );
    // Still refused: folders that overlap.
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}output_dir = \"..\"\nallow_outside_project = true\n"),
    );
    p.run(&["build"])
        .expect_code(2)
        .line("fluentmark.toml", &["content_dir", "output_dir", "inside"]);
}

#[test]
fn config_allow_outside_project_folders_are_written_through_project_files() {
    // What `build` does once it writes through `Project::files()`.
    let p = project();
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}output_dir = \"../outside/site\"\nallow_outside_project = true\n"),
    );
    let project = fluentmark::project::Project::load(&p.root).unwrap();
    let path = project.output_path("fr", Path::new("sub/page.md"));
    project.files().write_if_changed(&path, b"Page.\n").unwrap();
    assert_eq!(
        text(&fs::read(p.outside().join("site/fr/sub/page.md")).unwrap()),
        "Page.\n"
    );
}

#[test]
fn config_absolute_folders_inside_the_project_are_accepted() {
    let p = project();
    let build = p.root.join("site");
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}output_dir = {:?}\n", build.to_str().unwrap()),
    );
    p.run(&["build"]).expect_code(0);
    assert_eq!(keys(&p.files("site/fr")), ["page.md", "sub/deep.md"]);
}

// --------------------------------------------- page file names (#15, 13, 17)

#[test]
fn page_name_not_utf8_is_an_error_and_json_stays_valid() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let p = project();
    let name = OsStr::from_bytes(b"caf\xe9.md");
    if fs::write(p.path("content").join(name), "Latin-1 name.\n").is_err() {
        eprintln!("this file system refuses names that are not UTF-8; skipped");
        return;
    }
    for command in ["extract", "build"] {
        let run = p.run(&[command]);
        run.expect_code(2).expect_no_panic();
        run.line("caf\u{fffd}.md", &["UTF-8", "rename"]);
    }
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(1).expect_no_panic();
    let found: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "page" && d["file"] == "project/content/caf\u{fffd}.md")
        .collect();
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["severity"], "error");

    let run = p.run(&["status", "--format", "json"]);
    run.expect_code(0).expect_no_panic();
    let doc: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("status's JSON: {e}\n{}", run.stdout));
    assert!(
        doc["coverage"]["fr"]["pages"]["page.md"].is_object(),
        "{doc}"
    );
}

#[test]
fn page_name_with_line_breaks_stays_in_its_comment() {
    let p = project();
    let name = "two\nbogus = Injected\r\nlines.md";
    p.write(&format!("content/{name}"), "Text of the page.\n");
    // A French catalog for it, so that extract writes its header too.
    p.run(&["extract"]).expect_code(0);
    let catalog = format!("locales/en/{}", name.replace(".md", ".ftl"));
    let source = text(&p.read(&catalog)).to_string();
    let id = source
        .lines()
        .find_map(|l| l.strip_suffix(" = Text of the page."))
        .unwrap_or_else(|| panic!("{source}"))
        .to_string();
    let french = catalog.replace("locales/en/", "locales/fr/");
    p.write(&french, format!("{id} = Texte de la page.\n"));
    p.write(&format!("content/{name}"), "Text of the page.\n\nMore.\n");
    p.run(&["extract"]).expect_code(0);
    for file in [&catalog, &french] {
        let ftl = text(&p.read(file)).to_string();
        assert!(
            !ftl.lines()
                .any(|l| l.starts_with("bogus") || l.starts_with("lines.md")),
            "the page name breaks out of its comment in {file}:\n{ftl}"
        );
        // (A translator's catalog keeps the header it has: none here.)
        assert!(
            file == &french || ftl.contains("two\\nbogus = Injected\\r\\nlines.md"),
            "{ftl}"
        );
    }
    let run = p.run(&["check", "--format", "json"]);
    run.expect_code(0);
    assert!(
        !run.diagnostics()
            .iter()
            .any(|d| d["code"] == "syntax" || d["message_id"] == "bogus"),
        "{}",
        run.stdout
    );
}

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
    // One byte more than a catalog's name can hold: an error saying so.
    let stem = "b".repeat(252);
    p.write(&format!("content/{stem}.md"), "Too long a name.\n");
    let run = p.run(&["extract"]);
    run.expect_code(2).expect_no_panic();
    run.line(&format!("{stem}.ftl"), &["shorten the page's name"]);
}

// ------------------------------------------------ numbers (#15, item 14)

#[test]
fn config_percentages_and_threshold_must_be_numbers_in_range() {
    for (setting, line, key) in [
        ("[check]\nmin_coverage = { fr = nan }\n", 4, "min_coverage"),
        ("[check]\nmin_coverage = { fr = inf }\n", 4, "min_coverage"),
        ("[check]\nmin_coverage = { fr = 101 }\n", 4, "min_coverage"),
        ("[check]\nmin_coverage = { de = -1 }\n", 4, "min_coverage"),
        ("[build]\nmin_coverage = nan\n", 4, "min_coverage"),
        ("[build]\nmin_coverage = 100.5\n", 4, "min_coverage"),
        ("fuzzy_threshold = nan\n", 3, "fuzzy_threshold"),
        ("fuzzy_threshold = -inf\n", 3, "fuzzy_threshold"),
    ] {
        let config = format!("{CONFIG}{setting}");
        let hint = if key == "fuzzy_threshold" {
            "0 to 1"
        } else {
            "0 to 100"
        };
        expect_config_refused(&config, &[&format!("fluentmark.toml:{line}"), key, hint]);
    }
    let p = project();
    for bad in ["fr=nan", "fr=inf", "fr=-0.5"] {
        p.run(&["check", "--min-coverage", bad])
            .expect_code(2)
            .expect_stderr("from 0 to 100");
    }
}

// ------------------------------------------------- closed pipes (#15, 16)

/// Runs the binary with standard output (and standard error too, with
/// `stderr_closed`) into a pipe whose reading end is already closed, as
/// `fluentmark ... | head -1` becomes once `head` has its line.
fn run_into_closed_pipe(p: &Project, args: &[&str], stderr_closed: bool) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let stderr = if stderr_closed {
        Stdio::from(writer.try_clone().unwrap())
    } else {
        Stdio::piped()
    };
    let out = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .arg("--project")
        .arg(&p.root)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(stderr)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn closed_pipe_is_no_crash() {
    let p = project();
    // Something for every stream: a warning on stderr, findings on stdout.
    symlink("../../outside/dir", p.path("content/linked")).unwrap();
    for args in [
        &["extract", "--force"][..],
        &["build"],
        &["check"],
        &["check", "--format", "json"],
        &["check", "--format", "github"],
        &["check", "--min-coverage", "fr=100"],
        &["status"],
        &["status", "--format", "json"],
        &["status", "--format", "html"],
    ] {
        let expected = p.run(args).code;
        let (code, stderr) = run_into_closed_pipe(&p, args, false);
        assert_eq!(code, expected, "{args:?} into a closed pipe\n{stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let (code, _) = run_into_closed_pipe(&p, args, true);
        assert_eq!(
            code, expected,
            "{args:?} with stdout and stderr into a closed pipe"
        );
    }
}
