//! Speed at docs-site scale, against the parser's own limit.
//!
//! `cargo bench` copies `../shared/corpus/otel` (1,812 pages) into a
//! temporary project with three target locales whose catalogs are full
//! (every source catalog transformed, no message left as its source), then
//! times, as medians:
//!
//! - the baseline: read every page, parse it with pulldown-cmark (offset
//!   iterator, fluentmark's options), write the same bytes to a new tree, on
//!   all cores like fluentmark;
//! - the check floor: read every page, its source catalog and its three
//!   catalogs, parse the catalogs (fluent-syntax), nothing else: what any
//!   `check` must do;
//! - `extract` from scratch, `extract` with nothing changed, `build` for
//!   three locales, `check`, `status`, run as the real binary;
//!
//! and prints MB/s, the ratio to the baseline (three baselines for
//! `build`) and each command's peak memory. It does it again on the corpus
//! copied four times, to show how time grows with size.
//!
//! The same measures run on FastAPI's English docs
//! (`../shared/corpus/fastapi/docs/en`: 155 pages and their `mkdocs.yml`)
//! as an MkDocs project (`dialect = "mkdocs"`), whose admonitions, `///`
//! blocks and tabs are segmented as Markdown, and on React Native's docs
//! (`../shared/corpus/react-native`: 239 pages, 9 of them `.mdx`, and
//! `website/docusaurus.config.ts`) as a Docusaurus project (`dialect =
//! "docusaurus"`), whose admonitions, JSX and imports are segmented as
//! MDX.
//!
//! Then it times the same commands on single pages that are wide or dense
//! rather than many (a table of 20,000 and 40,000 columns, a paragraph of
//! 40,000 and 80,000 links), each at two sizes, and prints how time grows
//! with the page: about 2 for twice the page when resource use is linear
//! (issue #15; there are no timings in the tests).
//!
//! The baseline and the check floor run inside this benchmark's process,
//! where the thread pool is up and the allocator's memory already mapped;
//! each fluentmark command is a new process, which pays for starting,
//! linking, its threads and first touching its memory. So both floors are
//! also timed as a process of their own (this benchmark run again with
//! `--floor`), and every command gets a second ratio, to that baseline.
//! The targets are read on the first ratio, as the issue set them.
//! Commands are started by a small launcher process (see [`LAUNCHER`]), so
//! that their peak memory is their own.
//!
//! `FLUENTMARK_BENCH_RUNS` sets the runs per measure (default 5). The
//! temporary project lives in `/dev/shm` where it exists, so that timings
//! measure fluentmark rather than the disk's write-back. Arguments after
//! `--` choose the parts: `cargo bench -- otel`, `cargo bench -- fastapi`,
//! `cargo bench -- react-native`, `cargo bench -- dense` or `cargo bench
//! -- align` (all by default).
//!
//! `align` times `fluentmark align` over otel's existing translations:
//! its 1,033 translated pages in 10 languages, each language a run of
//! the binary into empty catalogs (issue #20 asks for a few seconds at
//! most). Its quality figures are `tests/it/align.rs`'s.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use fluent_syntax::ast::{Entry, Identifier, Message, Resource};
use fluentmark::catalog::escape::to_fluent;
use fluentmark::catalog::{Catalog, serialize};
use fluentmark::markdown::parser_options;
use fluentmark::pattern::{Pattern, Piece};
use fluentmark::project::Project;
use fluentmark::report::thousands;
use rayon::prelude::*;

const LOCALES: [&str; 3] = ["fr", "de", "ja"];

fn main() {
    // A floor timed as a process of its own: `--floor baseline|check ROOT`.
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, which, root] = args.as_slice()
        && flag == "--floor"
    {
        let project = Project::load(Path::new(root)).unwrap();
        let pages = fluentmark::store::pages(&project).unwrap().pages;
        match which.as_str() {
            "baseline" => baseline_pass(&project, &pages, &project.root.join("baseline")),
            _ => check_floor_pass(&project, &pages),
        }
        return;
    }
    if args.get(1).is_some_and(|a| a == "--launcher") {
        launcher();
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing
    // we use. Only run when asked for.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    // The parts named after `--`, or all.
    let parts: Vec<String> = args[1..]
        .iter()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .collect();
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|p| part.contains(p.as_str()));
    start_launcher();
    let runs: usize = std::env::var("FLUENTMARK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    println!(
        "fluentmark benchmark, {} cores, medians of {runs} runs\n",
        rayon::current_num_threads()
    );
    if wanted("otel") {
        let corpus = Corpus {
            name: "otel",
            pages: shared_corpus("otel/content"),
            content_dir: "content",
            beside: vec![],
            output_dir: "build",
            config: "source_locale = \"en\"\nlocales = [\"fr\", \"de\", \"ja\"]\n\
                     [front_matter]\ntranslate = [\"title\", \"linkTitle\", \"description\"]\n",
        };
        let one = bench(&corpus, 1, runs);
        let four = bench(&corpus, 4, runs.min(3));
        println!("\ngrowth, 4x corpus / 1x corpus (target: at most 4.4):");
        for ((name, a), (_, b)) in one.iter().zip(&four) {
            println!("  {name:<18} {:.2}", b.as_secs_f64() / a.as_secs_f64());
        }
    }
    if wanted("fastapi") {
        // The pages under `docs/`, mkdocs.yml's `docs_dir` (its default),
        // which is where the dialect looks for them.
        let corpus = Corpus {
            name: "fastapi",
            pages: shared_corpus("fastapi/docs/en/docs"),
            content_dir: "docs",
            beside: vec![(shared_corpus("fastapi/docs/en/mkdocs.yml"), "mkdocs.yml")],
            output_dir: "build",
            config: "dialect = \"mkdocs\"\nsource_locale = \"en\"\n\
                     locales = [\"fr\", \"de\", \"ja\"]\n",
        };
        println!();
        bench(&corpus, 1, runs);
    }
    if wanted("react-native") {
        // As in React Native's repository: the config in `website/`, whose
        // docs plugin reads `path: '../docs'`, so the pages go to `docs/`
        // and the localized ones to `website/i18n/<locale>/...`, beside
        // the config.
        let corpus = Corpus {
            name: "react-native",
            pages: shared_corpus("react-native/docs"),
            content_dir: "docs",
            beside: vec![(
                shared_corpus("react-native/website/docusaurus.config.ts"),
                "website/docusaurus.config.ts",
            )],
            output_dir: "website/i18n",
            config: "dialect = \"docusaurus\"\nsource_locale = \"en\"\n\
                     locales = [\"fr\", \"de\", \"ja\"]\n",
        };
        println!();
        bench(&corpus, 1, runs);
    }
    if wanted("dense") {
        bench_dense(runs.min(3));
    }
    if wanted("align") {
        bench_align(runs.min(3));
    }
}

/// `align` over every language of otel, from empty catalogs each time.
fn bench_align(runs: usize) {
    const LANGUAGES: [&str; 10] = ["bn", "es", "fr", "ja", "ko", "pl", "pt", "ro", "uk", "zh"];
    let otel = shared_corpus("otel/content");
    let dir = temp_project_dir();
    // The pages stay in the corpus (read there, never written).
    let quoted: Vec<String> = LANGUAGES.iter().map(|l| format!("\"{l}\"")).collect();
    fs::write(
        dir.path().join("fluentmark.toml"),
        format!(
            "dialect = \"hugo\"\nsource_locale = \"en\"\nlocales = [{}]\n\
             content_dir = \"{}\"\noutput_dir = \"build\"\nallow_outside_project = true\n\
             [front_matter]\ntranslate = [\"title\", \"linkTitle\", \"description\"]\n",
            quoted.join(", "),
            otel.join("en").display()
        ),
    )
    .unwrap();
    let (time, peak) = median(runs, || {
        let _ = fs::remove_dir_all(dir.path().join("locales"));
        let mut total = Duration::ZERO;
        let mut peak = 0;
        for l in LANGUAGES {
            let from = otel.join(l);
            let (t, p) = run(
                dir.path(),
                &["align", "--locale", l, "--from", &from.to_string_lossy()],
            );
            total += t;
            peak = peak.max(p);
        }
        (total, peak)
    });
    println!(
        "\nalign, otel's 10 languages (1,033 translated pages): {:.3} s in all, peak {} MB",
        time.as_secs_f64(),
        peak / 1024
    );
}

/// A corpus as a project to benchmark.
struct Corpus {
    /// Its name in the report.
    name: &'static str,
    /// The folder of its pages.
    pages: PathBuf,
    /// Where the pages go in the project (its content folder).
    content_dir: &'static str,
    /// Files copied into the project (to the path given, from its
    /// folder): the site generator's config.
    beside: Vec<(PathBuf, &'static str)>,
    /// Where `build` writes the localized pages (from the project's
    /// folder), removed before each timed build.
    output_dir: &'static str,
    /// The project's `fluentmark.toml`.
    config: &'static str,
}

/// A path under `../shared/corpus`, which must exist.
fn shared_corpus(rel: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel);
    assert!(path.exists(), "{} is missing", path.display());
    path
}

/// A temporary folder for a project, in memory where there is a tmpfs:
/// the disk's write-back makes file system timings noisy, and the point is
/// fluentmark's own work.
fn temp_project_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    }
    .unwrap()
}

/// Runs every measure on `copies` copies of the corpus; returns the medians.
fn bench(corpus: &Corpus, copies: usize, runs: usize) -> Vec<(&'static str, Duration)> {
    let tmp = temp_project_dir();
    let root = tmp.path();
    let content = root.join(corpus.content_dir);
    let mut bytes = 0u64;
    for copy in 0..copies {
        let into = if copies == 1 {
            content.clone()
        } else {
            content.join(format!("copy{copy}"))
        };
        bytes += copy_tree(&corpus.pages, &into);
    }
    for (file, to) in &corpus.beside {
        let to = root.join(to);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(file, to).unwrap();
    }
    fs::write(root.join("fluentmark.toml"), corpus.config).unwrap();
    let project = Project::load(root).unwrap();
    let pages = fluentmark::store::pages(&project).unwrap().pages;
    let mb = bytes as f64 / 1e6;
    println!(
        "{} x{copies}: {} pages, {mb:.1} MB",
        corpus.name,
        pages.len()
    );

    // Full catalogs for three locales.
    run(root, &["extract"]);
    fill_catalogs(&project, &LOCALES);

    let baseline = median(runs, || {
        let out = root.join("baseline");
        let _ = fs::remove_dir_all(&out);
        let t = Instant::now();
        baseline_pass(&project, &pages, &out);
        (t.elapsed(), 0)
    });
    let check_floor = median(runs, || {
        let t = Instant::now();
        check_floor_pass(&project, &pages);
        (t.elapsed(), 0)
    });
    let baseline_process = median(runs, || {
        let _ = fs::remove_dir_all(root.join("baseline"));
        floor_process("baseline", root)
    });
    let check_floor_process = median(runs, || floor_process("check", root));
    let locales = project.root.join("locales");
    let extract_scratch = median(runs, || {
        fs::rename(&locales, root.join("locales.full")).unwrap();
        let r = run(root, &["extract"]);
        fs::remove_dir_all(&locales).unwrap();
        fs::rename(root.join("locales.full"), &locales).unwrap();
        r
    });
    let extract_same = median(runs, || run(root, &["extract"]));
    let build = median(runs, || {
        let _ = fs::remove_dir_all(root.join(corpus.output_dir));
        run(root, &["build"])
    });
    // The output and manifest of the last build are there: every page is
    // skipped.
    let build_same = median(runs, || run(root, &["build"]));
    let check = median(runs, || run(root, &["check", "--format", "json"]));
    let status = median(runs, || run(root, &["status"]));

    let rows = [
        ("baseline", baseline, 1.0, "floor"),
        ("baseline, process", baseline_process, 1.0, "-"),
        ("check floor", check_floor, 1.0, "-"),
        ("check floor, process", check_floor_process, 1.0, "-"),
        ("extract (scratch)", extract_scratch, 1.0, "2.0"),
        ("extract (no change)", extract_same, 1.0, "1.2"),
        ("build (3 locales)", build, 3.0, "2.0"),
        ("build (no change)", build_same, 3.0, "-"),
        ("check", check, 1.0, "1.5"),
        ("status", status, 1.0, "-"),
    ];
    println!(
        "  {:<21} {:>8} {:>8} {:>11} {:>10} {:>7} {:>8}",
        "measure", "seconds", "MB/s", "x baseline", "x process", "target", "peak MB"
    );
    for (name, (time, peak), baselines, target) in rows {
        let secs = time.as_secs_f64();
        println!(
            "  {name:<21} {secs:>8.3} {:>8.1} {:>11} {:>10} {target:>7} {:>8}",
            mb / secs,
            format!("{:.2}", secs / (baseline.0.as_secs_f64() * baselines)),
            format!(
                "{:.2}",
                secs / (baseline_process.0.as_secs_f64() * baselines)
            ),
            if peak > 0 {
                format!("{:.0}", peak as f64 / 1024.0)
            } else {
                "-".into()
            },
        );
    }
    if copies == 1 {
        let (watched, in_process) = watch_rebuild(root, &project, &pages, runs);
        println!(
            "  one page saved, built for 3 locales (target: 0.100 s after the first build):\n  \
             {:<40} {:>8.3}\n  {:<40} {:>8.3}",
            "build --watch, saved -> 3 pages written",
            watched.as_secs_f64(),
            "build_pages (what watch calls)",
            in_process.as_secs_f64()
        );
    }
    vec![
        ("baseline", baseline.0),
        ("extract (scratch)", extract_scratch.0),
        ("extract (no change)", extract_same.0),
        ("build (3 locales)", build.0),
        ("build (no change)", build_same.0),
        ("check", check.0),
        ("status", status.0),
    ]
}

/// The time from saving one page to its three localized pages written by
/// a running `build --watch` (the watcher's 50 ms debounce included: the
/// wait a writer sees), and the time of the library call the watcher
/// makes for it, [`fluentmark::build::build_pages`], in this process.
/// Medians of `runs` saves of a page from the middle of the site, each
/// adding a paragraph.
fn watch_rebuild(
    root: &Path,
    project: &Project,
    pages: &[PathBuf],
    runs: usize,
) -> (Duration, Duration) {
    let rel = &pages[pages.len() / 2];
    let page = project.content_dir().join(rel);
    let original = fs::read_to_string(&page).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .arg("--project")
        .arg(root)
        .args(["build", "--watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap().starts_with("watching") {
            break;
        }
    }
    let outputs: Vec<PathBuf> = LOCALES
        .iter()
        .map(|l| project.output_path(l, rel))
        .collect();
    let mut times = Vec::new();
    for i in 0..runs.max(1) {
        let added = format!("A paragraph added by the benchmark, {i}.");
        let text = format!("{original}\n\n{added}\n");
        let t = Instant::now();
        fs::write(&page, &text).unwrap();
        for out in &outputs {
            while !fs::read_to_string(out).is_ok_and(|o| o.contains(&added)) {
                assert!(t.elapsed() < Duration::from_secs(30), "not rebuilt");
                std::thread::sleep(Duration::from_micros(500));
            }
        }
        times.push(t.elapsed());
    }
    child.kill().ok();
    child.wait().ok();
    let locales: Vec<String> = LOCALES.iter().map(|l| l.to_string()).collect();
    let mut direct = Vec::new();
    for i in 0..runs.max(1) {
        let added = format!("Another paragraph added by the benchmark, {i}.");
        fs::write(&page, format!("{original}\n\n{added}\n")).unwrap();
        let t = Instant::now();
        let report =
            fluentmark::build::build_pages(project, &locales, std::slice::from_ref(rel)).unwrap();
        direct.push(t.elapsed());
        assert_eq!(report.locales.values().map(|s| s.written).sum::<usize>(), 3);
    }
    fs::write(&page, original).unwrap();
    times.sort();
    direct.sort();
    (times[times.len() / 2], direct[direct.len() / 2])
}

/// The floor: read, parse with the same options, write the same bytes.
fn baseline_pass(project: &Project, pages: &[PathBuf], out: &Path) {
    let content = project.content_dir();
    pages.par_iter().for_each(|rel| {
        let bytes = fs::read(content.join(rel)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let mut n = 0usize;
        for (event, range) in
            pulldown_cmark::Parser::new_ext(&text, parser_options()).into_offset_iter()
        {
            n += range.len();
            std::hint::black_box(&event);
        }
        std::hint::black_box(n);
        let path = out.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &bytes).unwrap();
    });
}

/// What any `check` must do at least: read every page (its bytes tell
/// whether its source catalog is current), read its source catalog and its
/// three catalogs and parse them with fluent-syntax (no comparison, no
/// markup, no findings). The source texts come from the source catalog,
/// as in `check`, which parses the page only when that catalog is stale.
fn check_floor_pass(project: &Project, pages: &[PathBuf]) {
    let content = project.content_dir();
    pages.par_iter().for_each(|rel| {
        let page = fs::read(content.join(rel)).unwrap();
        let mut n = page.len();
        for l in std::iter::once("en").chain(LOCALES) {
            let ftl = fs::read_to_string(project.catalog_path(l, rel)).unwrap();
            let resource = match fluent_syntax::parser::parse(ftl.as_str()) {
                Ok(r) | Err((r, _)) => r,
            };
            n += resource.body.len();
        }
        std::hint::black_box(n);
    });
}

/// Every source catalog translated for `locales`: `» ` and the text
/// upper-cased, placeables kept.
fn fill_catalogs(project: &Project, locales: &[&str]) {
    let source = project.locale_dir("en");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&source)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.par_iter().for_each(|path| {
        let catalog = Catalog::parse(&fs::read_to_string(path).unwrap());
        let body: Vec<Entry<String>> = catalog
            .translations
            .iter()
            .map(|t| {
                // Like a real translation, never the source text: scripts
                // without case (Chinese, Japanese...) get a marker too.
                let mut p = Pattern::from("» ");
                for piece in t.pattern.as_ref().unwrap().pieces() {
                    match piece {
                        Piece::Text(s) => p.push_text(&s.to_uppercase()),
                        Piece::Var(v) => p.push_var(v),
                        Piece::Term(t) => p.push_term(t.clone()),
                    }
                }
                Entry::Message(Message {
                    id: Identifier { name: t.id.clone() },
                    value: Some(to_fluent(&p)),
                    attributes: vec![],
                    comment: None,
                })
            })
            .collect();
        let text = serialize(&Resource { body });
        let rel = path.strip_prefix(&source).unwrap();
        for l in locales {
            let to = project.locale_dir(l).join(rel);
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::write(to, &text).unwrap();
        }
    });
}

/// Runs the binary; returns its wall time and peak resident memory (KiB).
fn run(root: &Path, args: &[&str]) -> (Duration, i64) {
    let mut argv: Vec<OsString> = vec![
        env!("CARGO_BIN_EXE_fluentmark").into(),
        "--project".into(),
        root.into(),
        "--quiet".into(),
    ];
    argv.extend(args.iter().map(OsString::from));
    let (elapsed, code, peak) = launch(&argv);
    assert!(
        code == 0 || (args[0] == "check" && code == 1),
        "{args:?} exited {code}"
    );
    (elapsed, peak)
}

/// Runs a floor as a process of its own; returns its wall time.
fn floor_process(which: &str, root: &Path) -> (Duration, i64) {
    let argv: Vec<OsString> = vec![
        std::env::current_exe().unwrap().into(),
        "--floor".into(),
        which.into(),
        root.into(),
    ];
    let (elapsed, code, _) = launch(&argv);
    assert_eq!(code, 0, "the {which} floor failed");
    // (Its memory is this benchmark's own code, not shown.)
    (elapsed, 0)
}

/// Linux carries a process's peak memory across `exec`, so a command
/// started from this process, which holds the corpus, would report this
/// process's peak when its own is lower. Commands are started by a small
/// process of their own, started first: this benchmark again, with
/// `--launcher`. It reads one command per line (arguments separated by
/// NUL) and answers `nanoseconds exit-code peak-KiB`.
static LAUNCHER: OnceLock<Mutex<(ChildStdin, BufReader<ChildStdout>)>> = OnceLock::new();

// It ends when this process ends and its input closes; nothing waits for it.
#[allow(clippy::zombie_processes)]
fn start_launcher() {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg("--launcher")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let io = (
        child.stdin.take().unwrap(),
        BufReader::new(child.stdout.take().unwrap()),
    );
    assert!(LAUNCHER.set(Mutex::new(io)).is_ok());
}

/// Runs `argv` through the launcher: wall time, exit code, peak KiB.
fn launch(argv: &[OsString]) -> (Duration, i32, i64) {
    use std::os::unix::ffi::OsStrExt;
    let mut io = LAUNCHER.get().expect("launcher started").lock().unwrap();
    let mut line = Vec::new();
    for (i, a) in argv.iter().enumerate() {
        if i > 0 {
            line.push(0);
        }
        line.extend_from_slice(a.as_bytes());
    }
    line.push(b'\n');
    io.0.write_all(&line).unwrap();
    io.0.flush().unwrap();
    let mut answer = String::new();
    io.1.read_line(&mut answer).unwrap();
    let mut parts = answer.split_whitespace().map(|p| p.parse::<i64>().unwrap());
    let (nanos, code, peak) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    assert!(code >= 0, "{argv:?} crashed");
    (Duration::from_nanos(nanos as u64), code as i32, peak)
}

/// The launcher's loop (see [`LAUNCHER`]); a crash answers exit code -1.
fn launcher() {
    use std::os::unix::ffi::OsStrExt;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    for line in stdin.lock().split(b'\n') {
        let line = line.unwrap();
        let mut argv = line.split(|&b| b == 0).map(OsStr::from_bytes);
        let mut command = Command::new(argv.next().unwrap());
        command.args(argv);
        let (elapsed, code, peak) = spawn(command);
        writeln!(out, "{} {code} {peak}", elapsed.as_nanos()).unwrap();
        out.flush().unwrap();
    }
}

/// Runs `command` to its end: wall time, exit code (-1 if it crashed),
/// peak resident memory (KiB).
#[allow(clippy::zombie_processes)] // reaped by wait4, which also gives its rusage
fn spawn(mut command: Command) -> (Duration, i32, i64) {
    let t = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = t.elapsed();
    assert_eq!(r, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (elapsed, code, usage.ru_maxrss)
}

/// The median time of `runs` runs, and the largest peak memory.
fn median(runs: usize, mut f: impl FnMut() -> (Duration, i64)) -> (Duration, i64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs.max(1) {
        let (t, p) = f();
        times.push(t);
        peak = peak.max(p);
    }
    times.sort();
    (times[times.len() / 2], peak)
}

/// Copies the Markdown and MDX pages of a tree; returns their bytes.
fn copy_tree(from: &Path, to: &Path) -> u64 {
    let mut bytes = 0;
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file()
            || e.path()
                .extension()
                .is_none_or(|x| x != "md" && x != "markdown" && x != "mdx")
        {
            continue;
        }
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        bytes += fs::copy(e.path(), dest).unwrap();
    }
    bytes
}

/// A page with a table `columns` wide: a header, its delimiter row and
/// one row, every cell a different message.
fn wide_table(columns: usize) -> String {
    let mut page = String::from("# Wide\n\n");
    for row in ["h", "-", "c"] {
        for i in 0..columns {
            page.push_str(&match row {
                "-" => "| --- ".to_string(),
                _ => format!("| {row}{i} "),
            });
        }
        page.push_str("|\n");
    }
    page
}

/// A page with one paragraph of `links` inline links.
fn link_paragraph(links: usize) -> String {
    let links: Vec<String> = (0..links).map(|i| format!("[t{i}](u{i})")).collect();
    format!("# Dense\n\n{}\n", links.join(" "))
}

/// Times extract (from scratch), build and check of single wide or dense
/// pages, each at two sizes, in a project with one target locale whose
/// catalog is full; prints the times and how they grow with the page.
fn bench_dense(runs: usize) {
    type Page = fn(usize) -> String;
    let kinds: [(&str, Page, [usize; 2]); 2] = [
        ("columns", wide_table, [20_000, 40_000]),
        ("links", link_paragraph, [40_000, 80_000]),
    ];
    println!("\nwide and dense pages, one page each, medians of {runs} runs");
    println!(
        "  {:<22} {:>6} {:>9} {:>9} {:>9} {:>8}",
        "page", "MB", "extract", "build", "check", "peak MB"
    );
    let mut growth = Vec::new();
    for (kind, page, sizes) in kinds {
        let mut times = Vec::new();
        for n in sizes {
            let tmp = temp_project_dir();
            let root = tmp.path();
            let text = page(n);
            fs::create_dir_all(root.join("content")).unwrap();
            fs::write(root.join("content/page.md"), &text).unwrap();
            fs::write(
                root.join("fluentmark.toml"),
                "source_locale = \"en\"\nlocales = [\"fr\"]\n",
            )
            .unwrap();
            let project = Project::load(root).unwrap();
            let extract = median(runs, || {
                let _ = fs::remove_dir_all(root.join("locales"));
                run(root, &["extract"])
            });
            fill_catalogs(&project, &["fr"]);
            let build = median(runs, || {
                let _ = fs::remove_dir_all(root.join("build"));
                run(root, &["build"])
            });
            let check = median(runs, || run(root, &["check", "--format", "json"]));
            let peak = extract.1.max(build.1).max(check.1);
            println!(
                "  {:<22} {:>6.2} {:>9.3} {:>9.3} {:>9.3} {:>8.0}",
                format!("{} {kind}", thousands(n)),
                text.len() as f64 / 1e6,
                extract.0.as_secs_f64(),
                build.0.as_secs_f64(),
                check.0.as_secs_f64(),
                peak as f64 / 1024.0,
            );
            times.push([extract.0, build.0, check.0]);
        }
        growth.push((kind, times));
    }
    println!("\ngrowth, twice the page (linear: about 2):");
    println!(
        "  {:<22} {:>9} {:>9} {:>9}",
        "", "extract", "build", "check"
    );
    for (kind, times) in growth {
        let ratio = |c: usize| times[1][c].as_secs_f64() / times[0][c].as_secs_f64();
        println!(
            "  {kind:<22} {:>9.2} {:>9.2} {:>9.2}",
            ratio(0),
            ratio(1),
            ratio(2)
        );
    }
}
