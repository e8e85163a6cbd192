//! The store: where pages and catalogs are on disk, and reading them.
//!
//! `extract`, `build` and `check` find and read pages and catalogs here
//! and nowhere else, so that a new site layout or catalog format has one
//! place to change. Catalogs are read through [`Project::files`] (a
//! [`Tree`], which follows no symbolic link in the project); pages are
//! read where [`pages`] found them, a walk that follows no link either.
//!
//! The store says what was wrong with a file, naming it (and the line);
//! each command decides what that means for it: `extract` leaves the
//! catalog alone, `build` keeps the source text, `check` reports a finding.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, STAMP_TAIL, SyntaxError};
use crate::error::{Error, Result};
use crate::fsutil::{LinkRefused, Tree};
use crate::page::{Page, PageError};
use crate::pattern::Pattern;
use crate::project::{CONFIG_FILE, Project};

pub use crate::catalog::{CATALOG_EXTENSION, catalog_name};

/// The page a catalog was for, once the page is gone (its extension is
/// no longer known: `.md`).
pub fn gone_page(catalog: &Path) -> PathBuf {
    catalog.with_extension("md")
}

/// A relative path with `/` separators, for catalogs and messages.
pub fn display_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The pages under `content_dir` (as the dialect tells them: `.md`,
/// `.markdown` in CommonMark), as paths relative
/// to it, sorted. Dot-folders are skipped, `_folders` are not; symbolic
/// links are not followed (each is a warning); unreadable entries and
/// pages whose path is not UTF-8 (catalogs, reports and JSON name pages
/// in UTF-8) are errors.
pub fn pages(project: &Project) -> Result<Walk> {
    let dir = project.content_dir();
    if !dir.is_dir() {
        return Err(Error::Config {
            path: project.root.join(CONFIG_FILE),
            message: format!(
                "content_dir `{}` is not a folder: create it or fix `content_dir`",
                dir.display()
            ),
        });
    }
    let dialect = project.dialect();
    let mut walk = Walk::default();
    // With `content_dir = "."` (a Jekyll site), the catalogs and the
    // built pages are inside it: they are not pages.
    // Compared as folders (device and inode), however they are spelled.
    let skip: Vec<FolderId> = project
        .written_dirs()
        .iter()
        .filter_map(|d| folder_id(d))
        .collect();
    let walker = walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || (e.file_type().is_dir()
                        && folder_id(e.path()).is_some_and(|id| skip.contains(&id))))
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && dialect.is_page(e.path()) => {
                let Ok(rel) = e.path().strip_prefix(&dir) else {
                    continue;
                };
                if rel.to_str().is_none() {
                    walk.errors.push(Error::Config {
                        path: e.path().to_path_buf(),
                        message: "the page's path is not valid UTF-8: rename it (catalogs, \
                                  reports and JSON name pages in UTF-8)"
                            .into(),
                    });
                    continue;
                }
                if project.is_localized_page(rel) {
                    continue;
                }
                walk.pages.push(rel.to_path_buf());
            }
            Ok(e) if e.file_type().is_file() => {
                if let Ok(rel) = e.path().strip_prefix(&dir)
                    && rel.to_str().is_some()
                    && !e.file_name().to_string_lossy().starts_with('.')
                {
                    walk.assets.push(rel.to_path_buf());
                }
            }
            Ok(e) if e.path_is_symlink() => {
                // Not followed: a link may point anywhere, even outside
                // the project, or into a loop.
                let target = std::fs::read_link(e.path())
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                walk.warnings.push(Error::Config {
                    path: e.path().to_path_buf(),
                    message: format!(
                        "symbolic link (to `{target}`) not followed: copy the page or folder into content_dir to translate it"
                    ),
                });
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.clone());
                walk.errors.push(Error::io(path, e.into()));
            }
        }
    }
    walk.pages.sort();
    Ok(walk)
}

/// What identifies a folder whatever its spelling.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

/// A folder's identity (device and inode on Unix, canonical path
/// elsewhere), if it exists.
fn folder_id(path: &Path) -> Option<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::symlink_metadata(path).ok()?;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok()
    }
}

/// The pages found under `content_dir`, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walk {
    /// Page paths relative to `content_dir`, sorted.
    pub pages: Vec<PathBuf>,
    /// The other files under `content_dir` (images, includes), relative to
    /// it, sorted; not dot-files.
    pub assets: Vec<PathBuf>,
    /// Folders or files that could not be read, pages whose path is not
    /// UTF-8.
    pub errors: Vec<Error>,
    /// Symbolic links that were not followed.
    pub warnings: Vec<Error>,
}

/// A page's bytes, as read from `content_dir`.
pub struct PageFile {
    /// The page's path (`content_dir` joined with the page).
    pub path: PathBuf,
    /// What the file holds.
    pub bytes: Vec<u8>,
}

impl PageFile {
    /// Reads the page `rel` (relative to `content_dir`).
    pub fn read(project: &Project, rel: &Path) -> Result<PageFile> {
        let path = project.content_dir().join(rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        Ok(PageFile { path, bytes })
    }

    /// Parses the page; errors and warnings name its path and line.
    pub fn parse(&self, project: &Project) -> Result<(Page, Vec<Error>)> {
        let at = |e: PageError| Error::At {
            path: self.path.clone(),
            line: e.line,
            column: None,
            message: e.message,
        };
        let mut page =
            Page::parse_in(&self.bytes, project.page_options(), project.dialect()).map_err(at)?;
        let glossary = project.glossaries();
        if glossary.fingerprint() != 0 {
            glossary.annotate(&mut page);
            page.fingerprint = with_glossary(page.fingerprint, project);
        }
        let warnings = page.warnings.iter().cloned().map(at).collect();
        Ok((page, warnings))
    }

    /// The page's fingerprint, as source catalogs are stamped with it
    /// (the source glossary's terms, which the catalog notes, included).
    pub fn fingerprint(&self, project: &Project) -> u64 {
        let page = crate::page::fingerprint(&self.bytes, project.page_options());
        with_glossary(page, project)
    }
}

/// A page's fingerprint with the source glossary's terms (none: the
/// page's own, so a project without a glossary keeps its stamps).
fn with_glossary(page: u64, project: &Project) -> u64 {
    match project.glossaries().fingerprint() {
        0 => page,
        glossary => (page.rotate_left(5) ^ glossary).wrapping_mul(0x517c_c1b7_2722_0a95),
    }
}

/// Reads and parses a page from the content folder; also its warnings.
pub fn read_page(project: &Project, rel: &Path) -> Result<(Page, Vec<Error>)> {
    PageFile::read(project, rel)?.parse(project)
}

/// The `.ftl` files under a folder, sorted, and the links met there
/// (refused, as errors).
pub fn ftl_files(files: &Tree, dir: &Path) -> (Vec<PathBuf>, Vec<Error>) {
    let found = files.find(dir, CATALOG_EXTENSION);
    let problems = found
        .problems
        .into_iter()
        .map(|(path, e)| Error::io(path, e))
        .collect();
    (found.files, problems)
}

/// The page catalogs in a locale's folder `dir`: its `.ftl` files but
/// its glossary (`[glossary] file`, which is no page's catalog: never
/// obsolete, never pruned or removed), sorted; and the links met there.
pub fn page_catalogs(project: &Project, dir: &Path) -> (Vec<PathBuf>, Vec<Error>) {
    let (mut found, problems) = ftl_files(project.files(), dir);
    found.retain(|path| !project.is_glossary(dir, path));
    (found, problems)
}

/// Why a catalog file could not be read as text.
#[derive(Debug)]
pub enum Unreadable {
    /// Reading failed, or the file is (or is reached through) a link.
    Io(Error),
    /// The file is not UTF-8.
    NotUtf8 {
        /// The catalog.
        path: PathBuf,
        /// The 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
}

impl Unreadable {
    /// The error to report; `not_utf8` says, for a catalog that is not
    /// UTF-8, what is wrong, what became of the file and what to do.
    pub fn into_error(self, not_utf8: &str) -> Error {
        match self {
            Unreadable::Io(e) => e,
            Unreadable::NotUtf8 { path, line } => Error::At {
                path,
                line,
                column: None,
                message: not_utf8.into(),
            },
        }
    }
}

/// Reads the catalog at `path` and gives its text to `parse`: `Ok(None)`
/// if there is none.
pub fn read_catalog<T>(
    files: &Tree,
    path: &Path,
    parse: impl FnOnce(&str) -> T,
) -> std::result::Result<Option<T>, Unreadable> {
    parse_catalog(path, files.read(path), parse)
}

/// Gives the text of the catalog at `path`, as `read` from it (by
/// [`Tree::read`]), to `parse`: `Ok(None)` if there is none.
pub fn parse_catalog<T>(
    path: &Path,
    read: std::io::Result<Option<Vec<u8>>>,
    parse: impl FnOnce(&str) -> T,
) -> std::result::Result<Option<T>, Unreadable> {
    let bytes = match read {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(e) => return Err(Unreadable::Io(Error::io(path, e))),
    };
    match crate::error::utf8(&bytes) {
        Ok(text) => Ok(Some(parse(text))),
        Err(line) => Err(Unreadable::NotUtf8 {
            path: path.to_path_buf(),
            line,
        }),
    }
}

/// A syntax error of the catalog at `path`, as an error;
/// `consequence` says what became of the entry or file and what to do.
pub fn syntax_error(path: &Path, e: &SyntaxError, consequence: &str) -> Error {
    Error::At {
        path: path.to_path_buf(),
        line: e.line,
        column: Some(e.column),
        message: format!("{}; {consequence}", e.message),
    }
}

/// A source catalog's texts by ID (empty if there is none, or it cannot
/// be read).
pub fn read_source_texts(files: &Tree, path: &Path) -> HashMap<String, Pattern> {
    read_catalog(files, path, source_texts)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A source catalog's texts by ID, from its text.
pub fn source_texts(text: &str) -> HashMap<String, Pattern> {
    Catalog::parse(text)
        .translations
        .into_iter()
        .filter_map(|t| Some((t.id, t.pattern.ok()?)))
        .collect()
}

/// A source catalog is generated: one that cannot be read is as good as
/// none (the next `extract` writes it again), but a link is refused.
fn generated<T>(path: &Path, read: std::io::Result<Option<T>>) -> Result<Option<T>> {
    match read {
        Ok(found) => Ok(found),
        Err(e) if LinkRefused::of(&e).is_some() => Err(Error::io(path, e)),
        Err(_) => Ok(None),
    }
}

/// The bytes of the source catalog at `path`: `None` if there is none or
/// it cannot be read, an error if it is a link.
pub fn read_source_catalog_bytes(files: &Tree, path: &Path) -> Result<Option<Vec<u8>>> {
    generated(path, files.read(path))
}

/// Whether the file at `path` ends with a source catalog's stamp, of any
/// page: `extract` wrote it (a file it did not write, such as a glossary
/// of another name, is never removed as generated state).
pub fn is_stamped(files: &Tree, path: &Path) -> bool {
    let Ok(Some(mut file)) = SourceCatalogFile::open(files, path) else {
        return false;
    };
    file.tail().is_some_and(|tail| {
        let tail = tail.trim_ascii_end();
        let start = memchr::memrchr(b'\n', tail).map_or(0, |i| i + 1);
        tail[start..].starts_with(b"# Page fingerprint ")
    })
}

/// A source catalog opened once to read its stamp (the last
/// [`STAMP_TAIL`] bytes) and, if needed, the whole of it.
pub struct SourceCatalogFile(File);

impl SourceCatalogFile {
    /// Opens the source catalog at `path`: `None` if there is none or it
    /// cannot be read, an error if it is a link.
    pub fn open(files: &Tree, path: &Path) -> Result<Option<SourceCatalogFile>> {
        Ok(generated(path, files.open(path))?.map(SourceCatalogFile))
    }

    /// The last [`STAMP_TAIL`] bytes (all of it if it is shorter).
    pub fn tail(&mut self) -> Option<Vec<u8>> {
        let file = &mut self.0;
        let len = file.metadata().ok()?.len();
        let start = len.saturating_sub(STAMP_TAIL as u64);
        file.seek(SeekFrom::Start(start)).ok()?;
        let mut tail = Vec::with_capacity(STAMP_TAIL);
        file.take(STAMP_TAIL as u64).read_to_end(&mut tail).ok()?;
        Some(tail)
    }

    /// The catalog's texts by ID (none if it cannot be read or is not UTF-8).
    pub fn texts(&mut self) -> HashMap<String, Pattern> {
        let file = &mut self.0;
        let mut old = Vec::new();
        match file.rewind().and_then(|()| file.read_to_end(&mut old)) {
            Ok(_) => crate::error::utf8(&old).map_or_else(|_| HashMap::new(), source_texts),
            Err(_) => HashMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftl_files_come_in_sorted_path_order() {
        let tmp = tempfile::tempdir().unwrap();
        for f in [
            "a.ftl",
            "a/b.ftl",
            "a/z/c.ftl",
            "a-b.ftl",
            "a-b/x.ftl",
            "B.ftl",
            "é.ftl",
            "a.b/x.ftl",
            "a/skip.md",
            "ab.ftl",
        ] {
            let path = tmp.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let (files, _) = ftl_files(&Tree::new(tmp.path()), tmp.path());
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted);
        assert_eq!(files.len(), 9);
    }
}
