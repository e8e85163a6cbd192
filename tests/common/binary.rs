//! Running the real binary on a project in a temporary folder, for the
//! suites that test what a user sees (cli, bad_input).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fluentmark::catalog::Catalog;
use fluentmark::pattern::{Pattern, Piece};
use tempfile::TempDir;

/// How long one run may take before it is killed and the test fails.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// A project in a temporary folder.
pub struct Project {
    /// Holds the temporary folder; the project is `root`.
    pub tmp: TempDir,
    /// The project folder (`<tmp>/project`).
    pub root: PathBuf,
}

impl Project {
    /// An empty project folder.
    pub fn empty() -> Project {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("project");
        fs::create_dir(&root).unwrap();
        Project { tmp, root }
    }

    /// A copy of `tests/projects/<name>`.
    pub fn from_fixture(name: &str) -> Project {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/projects")
            .join(name);
        assert!(src.is_dir(), "fixture {} is missing", src.display());
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("project");
        super::copy_dir(&src, &root);
        Project { tmp, root }
    }

    /// A path inside the project.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The bytes of a file of the project.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        let path = self.path(rel);
        fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The text of a file of the project.
    pub fn read_text(&self, rel: &str) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Writes a file of the project, creating its folder.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Runs `fluentmark --project project <args>` from the temporary
    /// folder, so that findings show paths as `project/...`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.tmp.path(), Path::new("project"), args)
    }

    /// Every file under `rel` (relative to it) with its bytes.
    pub fn files(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        super::files(&self.path(rel))
    }
}

/// What a run of the binary gave.
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Peak resident memory of the run, in KiB.
    pub peak_kib: i64,
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code {} instead of {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// The stderr lines that mention `needle`.
    pub fn stderr_lines(&self, needle: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(needle)).collect()
    }

    /// Panics unless stderr contains `needle`.
    pub fn expect_stderr(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    /// The one stderr line that mentions `needle`, which must also contain
    /// each of `hints` (what is wrong, what to do).
    pub fn line(&self, needle: &str, hints: &[&str]) -> &str {
        let lines: Vec<&str> = self.stderr.lines().filter(|l| l.contains(needle)).collect();
        assert_eq!(
            lines.len(),
            1,
            "one stderr line mentions {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        for hint in hints {
            assert!(
                lines[0].contains(hint),
                "the message about {needle:?} does not say {hint:?}: {}",
                lines[0]
            );
        }
        lines[0]
    }

    /// Panics if the user sees a panic or a crash.
    pub fn expect_no_panic(&self) -> &Run {
        for bad in ["panicked", "RUST_BACKTRACE", "stack overflow"] {
            assert!(
                !self.stderr.contains(bad),
                "the user sees {bad:?}:\n{}",
                self.stderr
            );
        }
        self
    }

    /// `check --format json`'s findings.
    pub fn diagnostics(&self) -> Vec<serde_json::Value> {
        let doc: serde_json::Value = serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("check's JSON: {e}\n{}", self.stdout));
        doc["diagnostics"].as_array().unwrap().clone()
    }
}

/// Runs the binary in `cwd` with `--project project`; kills it and fails
/// if it lasts longer than [`DEADLINE`] or dies of a signal.
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
pub fn run_in(cwd: &Path, project: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fluentmark"))
        .arg("--project")
        .arg(project)
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("fluentmark starts");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let start = Instant::now();
    let mut status = 0;
    // SAFETY: `rusage` is plain data; all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our child, not reaped yet (std only reaps in
        // `wait`, which is never called); the pointers are to live locals.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > DEADLINE {
            child.kill().unwrap();
            // SAFETY: as above; this reaps the killed child.
            unsafe { libc::waitpid(pid, &mut status, 0) };
            panic!("fluentmark {args:?} did not finish within {DEADLINE:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let stdout = stdout.join().unwrap();
    let stderr = stderr.join().unwrap();
    assert!(
        libc::WIFEXITED(status),
        "fluentmark {args:?} was killed by signal {}\n--- stderr\n{stderr}",
        libc::WTERMSIG(status)
    );
    Run {
        code: libc::WEXITSTATUS(status),
        stdout,
        stderr,
        peak_kib: usage.ru_maxrss,
    }
}

/// Reads a pipe to its end on a thread (so that a full pipe never blocks
/// the child).
fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        pipe.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The keys of a map, for comparing file lists.
pub fn keys<V>(map: &BTreeMap<String, V>) -> Vec<&str> {
    map.keys().map(String::as_str).collect()
}

/// Bytes that must be UTF-8 text.
pub fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

/// `FR ` before every message: a translation that differs from the
/// source and keeps every placeable.
pub fn french(source: &Pattern) -> Pattern {
    let mut out = Pattern::from("FR ");
    for piece in source.pieces() {
        match piece {
            Piece::Text(t) => out.push_text(t),
            Piece::Var(v) => out.push_var(v),
            Piece::Term(t) => out.push_term(t.clone()),
        }
    }
    out
}

/// Writes `locales/fr/<page>.ftl` translating every message of the page's
/// source catalog (`locales/en/<page>.ftl`, the page's extension replaced)
/// with [`french`]; returns how many messages it has.
pub fn translate_french(p: &Project, page: &str) -> usize {
    let rel = Path::new(page).with_extension("ftl");
    let source = p.read_text(&format!("locales/en/{}", rel.display()));
    let catalog = Catalog::parse(&source);
    assert!(catalog.errors.is_empty(), "{:?}\n{source}", catalog.errors);
    let mut ftl = String::new();
    for t in &catalog.translations {
        ftl.push_str(&super::hand_written(
            &t.id,
            &french(t.pattern.as_ref().unwrap()),
        ));
    }
    p.write(&format!("locales/fr/{}", rel.display()), ftl);
    catalog.translations.len()
}
