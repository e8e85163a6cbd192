//! The library's one error type: every variant names the file it is about.
//! And the one place that catches panics: [`guard`] for a bug while a page
//! is processed, `guarded` for a parser's panic on hostile input.

use std::cell::Cell;
use std::path::PathBuf;

/// An error that stops one file (or the whole run, for configuration).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}{}", path.display(), io_hint(source))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The configuration is invalid.
    #[error("{}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// A page or catalog has a problem at a line (and maybe a column).
    #[error("{}:{line}{}: {message}", path.display(), column.map(|c| format!(":{c}")).unwrap_or_default())]
    At {
        /// The page or catalog.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column, where known.
        column: Option<usize>,
        /// What is wrong and what to do.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it is about.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Runs the work on one page, turning a panic (a bug in fluentmark) into
/// an error for that page, so that the other pages are still processed.
/// The panic hook still prints the panic (where it happened helps the bug
/// report); `guarded` is the quiet catch for a parser's known panics.
pub fn guard<T>(path: &std::path::Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    catch(false, work).unwrap_or_else(|panic| {
        let what = panic_message(&*panic);
        Err(Error::At {
            path: path.to_path_buf(),
            line: 1,
            column: None,
            message: format!(
                "internal error while processing this page ({what}); the other pages were processed. \
                 Please report it with the page attached"
            ),
        })
    })
}

/// Runs `f`, catching a panic (a parser's, on hostile input) for the
/// caller to report as an error about its page or catalog; the panic hook
/// ([`install_panic_hook`]) stays quiet. The one catch of a panic that is
/// no bug of fluentmark's.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    catch(true, f)
}

thread_local! {
    /// Set while [`guarded`] runs: the panic hook prints nothing.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic; `quiet` while it runs.
fn catch<T>(quiet: bool, f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let outer = QUIET.with(|q| q.replace(quiet));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(outer));
    result
}

/// What a caught panic said, if it said it in text (empty otherwise).
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Installs a panic hook that stays quiet for the panics `guarded`
/// catches (they are reported as errors for their page or catalog) and
/// otherwise calls the hook in place before (the default one, or another
/// that this one wraps). For binaries.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !QUIET.with(Cell::get) {
            previous(info);
        }
    }));
}

/// `bytes` as text, or the 1-based line of the first byte that is not
/// valid UTF-8. (SIMD validation: pages and catalogs are tens of megabytes
/// on a large site, much of it outside ASCII.)
pub fn utf8(bytes: &[u8]) -> std::result::Result<&str, usize> {
    simdutf8::basic::from_utf8(bytes).map_err(|_| invalid_utf8_line(bytes))
}

/// The 1-based line of the first byte that is not valid UTF-8.
pub fn invalid_utf8_line(bytes: &[u8]) -> usize {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
    1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count()
}

/// What to do about an I/O error, by its kind.
fn io_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied => "; check the permissions of the file and its folder",
        NotFound => "; check the path in fluentmark.toml",
        StorageFull => "; free some disk space and run again (nothing was half-written)",
        ReadOnlyFilesystem => "; write to a folder on a writable disk",
        AlreadyExists | NotADirectory | IsADirectory => {
            "; a file stands where a folder is needed, or the reverse: move it"
        }
        InvalidFilename => {
            "; shorten the page's name (its catalog's name, with `.ftl`, must fit in 255 bytes)"
        }
        _ => "",
    }
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
