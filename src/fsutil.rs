//! Reading and writing the project's files: never through a symbolic link,
//! never half-written.
//!
//! A repository and a translation are untrusted input. A catalog that is a
//! symbolic link (`locales/fr/page.ftl -> /proc/self/environ`), or a folder
//! that is one (`locales/fr -> /etc`), would let a pull request make
//! fluentmark show a file of the machine in a report, copy it into a
//! catalog, or write outside the project. A [`Tree`] is a folder whose
//! files fluentmark reads and writes: below its root it follows no link,
//! for reading or for writing, and says which link it refused
//! ([`LinkRefused`]).
//!
//! A file is written to a temporary file created exclusively (never through
//! a link) under an unpredictable name in its folder, then renamed over the
//! old one: a reader sees the old file or the new one, never a part, and a
//! link planted at a temporary file's name redirects nothing. Temporary
//! files left by a killed run are removed by the next run that writes in
//! their folder.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Read as _, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{LazyLock, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

/// How a temporary file's name starts: with [`TEMP_SUFFIX`], the name is
/// short (29 bytes), so that every name a folder can hold can be written.
const TEMP_PREFIX: &str = ".fluentmark-";
/// How a temporary file's name ends.
const TEMP_SUFFIX: &str = ".tmp";
/// Random characters in a temporary file's name.
const TEMP_RANDOM: usize = 12;
/// A temporary file older than this is a leftover of a killed run: a live
/// run holds one for the time it takes to write one file.
const LEFTOVER_AGE: Duration = Duration::from_secs(60);

/// A hash of a sequence of byte strings (files' bytes, settings), to tell
/// whether any of them changed since it was recorded. Each part is hashed
/// whole, then its length, so that parts cannot run into each other. Not
/// cryptographic: it notices edits, it does not resist forgery.
pub fn hash_parts<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for part in parts {
        h.write(part);
        h.write_usize(part.len());
    }
    h.finish()
}

/// A symbolic link met where fluentmark reads or writes, and refused.
/// (Inside the [`io::Error`]s of this module: see [`LinkRefused::of`].)
#[derive(Debug)]
pub struct LinkRefused {
    /// The link.
    pub link: PathBuf,
    /// Where it points.
    pub target: PathBuf,
    /// Whether the link is the file or folder asked for, not one of the
    /// folders on the way to it.
    pub itself: bool,
}

impl LinkRefused {
    /// The refused link an I/O error is about, if it is about one.
    pub fn of(e: &io::Error) -> Option<&LinkRefused> {
        e.get_ref()?.downcast_ref()
    }
}

impl fmt::Display for LinkRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.itself {
            write!(
                f,
                "symbolic link (to `{}`) not followed: replace it with the file or folder itself \
                 (fluentmark follows no link in the project)",
                self.target.display()
            )
        } else {
            write!(
                f,
                "`{}` is a symbolic link (to `{}`), not followed: replace it with a real folder \
                 (fluentmark follows no link in the project)",
                self.link.display(),
                self.target.display()
            )
        }
    }
}

impl std::error::Error for LinkRefused {}

/// The error for the link at `link`.
fn refused(link: &Path, itself: bool) -> io::Error {
    io::Error::other(LinkRefused {
        link: link.to_path_buf(),
        target: fs::read_link(link).unwrap_or_default(),
        itself,
    })
}

/// A folder tree whose files are read and written through no symbolic
/// link below its root. The root itself and the folders above it are
/// taken as the user gave them (`--project` may well be a link); so is a
/// path outside the root, of which only the file itself is checked.
///
/// A folder is checked once and remembered: a `Tree` is meant for one run.
#[derive(Debug)]
pub struct Tree {
    /// The root, as given.
    root: PathBuf,
    /// The root without a leading `./` (`""` for `.`): paths shown to
    /// users are spelled that way, and they are below the root too.
    shown_root: PathBuf,
    /// Folders found to be folders, reached through no link from the root.
    folders: RwLock<HashSet<PathBuf>>,
}

/// Files found by [`Tree::find`].
#[derive(Debug, Default)]
pub struct Found {
    /// The files, in sorted path order.
    pub files: Vec<PathBuf>,
    /// Links (not followed) and entries that could not be read.
    pub problems: Vec<(PathBuf, io::Error)>,
}

impl Tree {
    /// The tree below `root`.
    pub fn new(root: impl Into<PathBuf>) -> Tree {
        let root = root.into();
        let shown_root = root.strip_prefix(".").unwrap_or(&root).to_path_buf();
        Tree {
            root,
            shown_root,
            folders: RwLock::default(),
        }
    }

    /// The root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The bytes of the file at `path`; `None` if there is none. A link
    /// (the file or a folder on its way below the root) is an error, and
    /// so is anything but a plain file (a folder, a FIFO, a device).
    pub fn read(&self, path: &Path) -> io::Result<Option<Vec<u8>>> {
        let Some((mut file, len)) = self.open_regular(path)? else {
            return Ok(None);
        };
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        file.read_to_end(&mut bytes)?;
        Ok(Some(bytes))
    }

    /// The file at `path`, opened for reading as [`Tree::read`] reads it
    /// (for a caller that reads only its head).
    pub fn open(&self, path: &Path) -> io::Result<Option<fs::File>> {
        Ok(self.open_regular(path)?.map(|(file, _)| file))
    }

    /// The file and its length.
    fn open_regular(&self, path: &Path) -> io::Result<Option<(fs::File, u64)>> {
        if !self.check(parent_of(path), false, path)? {
            return Ok(None);
        }
        let file = match open_no_follow(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                return Err(if link { refused(path, true) } else { e });
            }
        };
        let meta = file.metadata()?;
        if !meta.is_file() {
            let kind = if meta.is_dir() {
                io::ErrorKind::IsADirectory
            } else {
                io::ErrorKind::InvalidInput
            };
            return Err(io::Error::new(
                kind,
                "not a plain file: fluentmark reads only plain files here; replace it with one",
            ));
        }
        Ok(Some((file, meta.len())))
    }

    /// Writes `bytes` to `path` atomically, creating its folders (never
    /// through a link).
    pub fn write_atomic(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.write_with(path, |file| file.write_all(bytes))
    }

    /// Writes `bytes` unless the file already holds exactly them (so that a
    /// run with nothing new changes nothing, not even modification times).
    /// Returns whether it wrote.
    pub fn write_if_changed(&self, path: &Path, bytes: &[u8]) -> io::Result<bool> {
        if self.holds(path, bytes)? {
            return Ok(false);
        }
        self.write_atomic(path, bytes).map(|()| true)
    }

    /// [`Tree::write_atomic`] with the writing done by `write` (which tests
    /// use to fail half-way, as a full disk would).
    fn write_with(
        &self,
        path: &Path,
        write: impl FnOnce(&mut fs::File) -> io::Result<()>,
    ) -> io::Result<()> {
        let dir = parent_of(path);
        self.check(dir, true, path)?;
        remove_leftovers(dir);
        // (A rename would replace a link, not follow it; but whoever put
        // it there should know that it is not used.)
        match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => return Err(refused(path, true)),
            Ok(m) if m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "a folder stands where the file must be written: move it",
                ));
            }
            _ => {}
        }
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .rand_bytes(TEMP_RANDOM);
        #[cfg(unix)]
        {
            // As `File::create` would: what the umask allows, not 0600.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        // Created exclusively: a link or file planted at the name is an
        // error, never followed (and the name is not predictable). The
        // temporary file is removed on any failure.
        let mut tmp = builder.tempfile_in(dir)?;
        write(tmp.as_file_mut())?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Whether the file at `path` holds exactly `bytes` (read only when the
    /// sizes agree). A link on its way is an error.
    fn holds(&self, path: &Path, bytes: &[u8]) -> io::Result<bool> {
        let (mut file, len) = match self.open_regular(path) {
            Ok(Some(found)) => found,
            Ok(None) => return Ok(false),
            Err(e) if LinkRefused::of(&e).is_some() => return Err(e),
            // Unreadable or not a file: writing says what is wrong.
            Err(_) => return Ok(false),
        };
        if len != bytes.len() as u64 {
            return Ok(false);
        }
        let mut old = Vec::with_capacity(bytes.len());
        Ok(file.read_to_end(&mut old).is_ok() && old == bytes)
    }

    /// The files under `dir` whose extension is `extension`, in sorted path
    /// order (each folder's entries by name, depth first), and every link
    /// met on the way (each a [`LinkRefused`], not followed).
    pub fn find(&self, dir: &Path, extension: &str) -> Found {
        let mut found = Found::default();
        match self.folder(dir, false) {
            Ok(true) => {}
            Ok(false) => return found,
            Err(e) => {
                found.problems.push((dir.to_path_buf(), e));
                return found;
            }
        }
        let extension = OsStr::new(extension);
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .min_depth(1)
            .sort_by_file_name()
        {
            match entry {
                Ok(e) if e.path_is_symlink() => {
                    let e = e.into_path();
                    let error = refused(&e, true);
                    found.problems.push((e, error));
                }
                Ok(e) if e.file_type().is_file() && e.path().extension() == Some(extension) => {
                    found.files.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    found.problems.push((path, e.into()));
                }
            }
        }
        found
    }

    /// Checks that `dir` is a folder reached through no link from the
    /// root; with `create`, creates what is missing of it. `Ok(false)`:
    /// it does not exist (without `create`).
    pub fn folder(&self, dir: &Path, create: bool) -> io::Result<bool> {
        self.check(dir, create, dir)
    }

    /// [`Tree::folder`] for `asked`, a file in `dir` or `dir` itself (which
    /// a refused link is said to be, or to be on the way to).
    fn check(&self, dir: &Path, create: bool, asked: &Path) -> io::Result<bool> {
        if self.known(dir) {
            return Ok(true);
        }
        let Some((base, rel)) = self.below(dir) else {
            // Beside the root: taken as given.
            if create {
                create_dir_all(dir)?;
            }
            return Ok(true);
        };
        if create && !base.as_os_str().is_empty() && !self.known(base) {
            if !base.is_dir() {
                create_dir_all(base)?;
            }
            self.remember(base);
        }
        let mut path = base.to_path_buf();
        for c in rel.components() {
            match c {
                Component::Normal(name) => path.push(name),
                Component::CurDir => continue,
                _ => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("`{}` goes out of `{}`", dir.display(), base.display()),
                    ));
                }
            }
            if self.known(&path) {
                continue;
            }
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => return Err(refused(&path, path == asked)),
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(io::Error::new(
                        io::ErrorKind::NotADirectory,
                        format!("`{}` is not a folder", path.display()),
                    ));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound && create => {
                    match fs::create_dir(&path) {
                        Ok(()) => {}
                        // Made by another thread meanwhile: look again.
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                            return self.check(dir, create, asked);
                        }
                        Err(e) => return Err(cannot_create(&path, e)),
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(e),
            }
            self.remember(&path);
        }
        Ok(true)
    }

    fn remember(&self, dir: &Path) {
        self.folders
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.to_path_buf());
    }

    /// Whether `dir` was found to be a folder reached through no link.
    fn known(&self, dir: &Path) -> bool {
        self.folders
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(dir)
    }

    /// The root `path` is below (as given or as shown) and the rest of it.
    fn below<'p>(&'p self, path: &'p Path) -> Option<(&'p Path, &'p Path)> {
        [&self.root, &self.shown_root].into_iter().find_map(|base| {
            let rel = path.strip_prefix(base).ok()?;
            (!rel.has_root()).then_some((base.as_path(), rel))
        })
    }
}

/// The folder of a file (`.` for a bare name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Opens a file for reading; a symbolic link is an error, never followed.
/// (Nor does it wait on a FIFO: non-blocking, and refused as not a file.)
#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

/// Opens a file for reading; a symbolic link is an error, never followed.
#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(refused(path, true));
    }
    fs::File::open(path)
}

/// `fs::create_dir_all`, its error saying what to check.
fn create_dir_all(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir).map_err(|e| cannot_create(dir, e))
}

fn cannot_create(dir: &Path, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "cannot create the folder {}: {e}; check that it is a writable folder",
            dir.display()
        ),
    )
}

/// Whether a file name is one of fluentmark's temporary files: this
/// version's `.fluentmark-<random>.tmp`, or the `.<name>.fluentmark-<pid>.tmp`
/// of the first ones.
pub fn is_temporary(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.starts_with(b".")
        && name.ends_with(TEMP_SUFFIX.as_bytes())
        && memchr::memmem::find(name, &TEMP_PREFIX.as_bytes()[1..]).is_some()
}

/// Removes the temporary files a killed run left in `dir` (the first time
/// this process writes there). Only files older than [`LEFTOVER_AGE`]:
/// another run may be writing the younger ones.
fn remove_leftovers(dir: &Path) {
    static DONE: LazyLock<Mutex<HashSet<PathBuf>>> = LazyLock::new(Mutex::default);
    if !DONE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(dir.to_path_buf())
    {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        if !is_temporary(&entry.file_name()) {
            continue;
        }
        // (The entry itself, not what a link points to.)
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if old && !meta.is_dir() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `path` atomically. Only the file itself is checked
/// for a link: its folder is taken as given. Inside the project, use
/// [`Tree::write_atomic`] (`project.files()`), which checks every folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    Tree::new(parent_of(path)).write_atomic(path, bytes)
}

/// [`Tree::write_if_changed`], with only the file itself checked for a
/// link, as [`write_atomic`].
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    Tree::new(parent_of(path)).write_if_changed(path, bytes)
}

/// The bytes of the plain file at `path`, read through no link below
/// `root` (see [`Tree::read`]); `None` if there is none.
pub fn read_regular(path: &Path, root: &Path) -> io::Result<Option<Vec<u8>>> {
    Tree::new(root).read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.ftl");
        fs::write(&path, "old = Old text\n").unwrap();
        let result = Tree::new(dir.path()).write_with(&path, |file| {
            file.write_all(b"new = Half of the")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old = Old text\n");
        assert_eq!(names(dir.path()), ["catalog.ftl"]);
    }

    #[test]
    fn unchanged_content_is_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/page.md");
        assert!(write_if_changed(&path, b"text").unwrap());
        assert!(!write_if_changed(&path, b"text").unwrap());
        assert!(write_if_changed(&path, b"other").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"other");
    }

    #[cfg(unix)]
    #[test]
    fn links_below_the_root_are_refused_for_reading_and_writing() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("project");
        let outside = tmp.path().join("outside");
        fs::create_dir_all(root.join("locales/fr")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("p.ftl"), "secret\n").unwrap();
        symlink(&outside, root.join("locales/de")).unwrap();
        symlink(outside.join("p.ftl"), root.join("locales/fr/p.ftl")).unwrap();
        let tree = Tree::new(&root);

        let e = tree.read(&root.join("locales/fr/p.ftl")).unwrap_err();
        let link = LinkRefused::of(&e).expect("a refused link");
        assert!(link.itself);
        assert_eq!(link.target, outside.join("p.ftl"));
        let e = tree.read(&root.join("locales/de/p.ftl")).unwrap_err();
        let link = LinkRefused::of(&e).expect("a refused link");
        assert_eq!(
            (link.link.as_path(), link.itself),
            (root.join("locales/de").as_path(), false)
        );
        assert!(e.to_string().contains("real folder"), "{e}");

        for path in [
            "locales/de/p.ftl",
            "locales/de/new/q.ftl",
            "locales/fr/p.ftl",
        ] {
            let e = tree
                .write_if_changed(&root.join(path), b"x = y\n")
                .unwrap_err();
            assert!(LinkRefused::of(&e).is_some(), "{path}: {e}");
        }
        assert_eq!(names(&outside), ["p.ftl"]);
        assert_eq!(fs::read(outside.join("p.ftl")).unwrap(), b"secret\n");

        // What is not a link is read and written; a missing file is none.
        assert_eq!(tree.read(&root.join("locales/fr/none.ftl")).unwrap(), None);
        assert_eq!(tree.read(&root.join("locales/it/none.ftl")).unwrap(), None);
        assert!(
            tree.write_if_changed(&root.join("locales/it/a/b.ftl"), b"b = B\n")
                .unwrap()
        );
        assert_eq!(
            tree.read(&root.join("locales/it/a/b.ftl"))
                .unwrap()
                .unwrap(),
            b"b = B\n"
        );

        let found = tree.find(&root.join("locales"), "ftl");
        assert_eq!(found.files, [root.join("locales/it/a/b.ftl")]);
        let links: Vec<_> = found.problems.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(
            links,
            [root.join("locales/de"), root.join("locales/fr/p.ftl")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_read() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("p.ftl");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = Tree::new(tmp.path()).read(&path).unwrap_err();
        assert!(e.to_string().contains("not a plain file"), "{e}");
    }

    #[test]
    fn temporary_file_names_are_recognised() {
        for name in [
            ".fluentmark-aB3dE5gH7jK9.tmp",
            ".page.ftl.fluentmark-4242.tmp",
        ] {
            assert!(is_temporary(OsStr::new(name)), "{name}");
        }
        for name in [
            "fluentmark-1.tmp",
            ".notes.tmp",
            ".fluentmark-1.tmp.ftl",
            "page.ftl",
        ] {
            assert!(!is_temporary(OsStr::new(name)), "{name}");
        }
    }
}
