//! File writes that never leave a half-written file.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to a temporary file in the same folder, then renames it
/// over `path`: a reader sees the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the writing done by `write` (which tests use to
/// fail half-way, as a full disk would).
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.fluentmark-{}.tmp", std::process::id()));
    // The folder usually exists: create it only when the file cannot be
    // (one system call per file instead of one per folder level). Any
    // failure goes through create_dir_all, which says what is wrong.
    let create = || match fs::File::create(&tmp) {
        Err(_) => {
            fs::create_dir_all(dir).map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot create the folder {}: {e}; check that it is a writable folder",
                        dir.display()
                    ),
                )
            })?;
            fs::File::create(&tmp)
        }
        created => created,
    };
    let result = (|| {
        let mut file = create()?;
        write(&mut file)?;
        file.flush()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` unless the file already holds exactly them (so that a run
/// with nothing new changes nothing, not even modification times). Returns
/// whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if holds(path, bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes).map(|()| true)
}

/// Whether the file at `path` holds exactly `bytes` (read only when the
/// sizes agree).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.ftl");
        fs::write(&path, "old = Old text\n").unwrap();
        let result = write_atomic_with(&path, |file| {
            file.write_all(b"new = Half of the")?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old = Old text\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["catalog.ftl"]);
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
}
