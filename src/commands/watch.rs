//! The watch loop of `build --watch` and `extract --watch`: watch folders
//! and `fluentmark.toml`, and hand each burst of saved files to the
//! command, until interrupted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Instant, SystemTime};

use fluentmark::project::{CONFIG_FILE, Project};

/// What changed in one burst of saves.
pub enum Change {
    /// `fluentmark.toml`: the project is loaded again (the command's
    /// `project` is the new one).
    Settings,
    /// Files under the watched folders (as the watcher names them).
    Files(Vec<PathBuf>),
}

/// Watches `folders` (recursively) and the project's `fluentmark.toml`,
/// and calls `on_change` with the project, what changed and when the
/// burst arrived, for each burst of saves (50 ms apart at most). A file
/// that is only read (as a rebuild reads its inputs) or written again
/// with what it held is no change. `fluentmark.toml` that no longer
/// loads is reported, and the last good settings are kept. Runs until
/// interrupted; an error of `on_change` stops it.
pub fn watch(
    root: &Path,
    project: Project,
    folders: &[PathBuf],
    mut on_change: impl FnMut(&Project, Change, Instant) -> anyhow::Result<()>,
) -> anyhow::Result<ExitCode> {
    use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(std::time::Duration::from_millis(50), tx)
        .map_err(|e| anyhow::anyhow!("cannot watch the project: {e}"))?;
    let config = root.join(CONFIG_FILE);
    for path in folders.iter().chain([&config]) {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer
            .watcher()
            .watch(path, mode)
            .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", path.display()))?;
    }
    let shown: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    super::print(&format!(
        "watching {} and {CONFIG_FILE} (Ctrl-C to stop)\n",
        shown.join(", ")
    ));
    let mut project = project;
    // What each file was when last acted on: reading a file (as a rebuild
    // does) is an event too, and must not start another rebuild.
    let mut seen: HashMap<PathBuf, Option<(SystemTime, u64)>> = HashMap::new();
    for events in rx {
        let Ok(events) = events else { continue };
        let start = Instant::now();
        let paths: Vec<PathBuf> = events
            .into_iter()
            .map(|e| e.path)
            .filter(|p| {
                let now = std::fs::symlink_metadata(p)
                    .ok()
                    .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
                seen.insert(p.clone(), now) != Some(now)
            })
            .collect();
        if paths.iter().any(|p| p.ends_with(CONFIG_FILE)) {
            let Some(p) = reload(root) else { continue };
            project = p;
            on_change(&project, Change::Settings, start)?;
        } else if !paths.is_empty() {
            // A saved glossary: the project reads the glossaries once, so
            // it is loaded anew before the rebuild uses them.
            let glossary = project.config.glossary.file.as_str();
            if paths
                .iter()
                .any(|p| p.file_name().is_some_and(|n| n == glossary))
            {
                let Some(p) = reload(root) else { continue };
                project = p;
            }
            on_change(&project, Change::Files(paths), start)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The project loaded anew; `None` (the error printed) if its
/// configuration is broken: the watch goes on with the one it had.
fn reload(root: &Path) -> Option<Project> {
    Project::load(root)
        .map_err(|e| {
            super::eprint(&format!(
                "error: {}\n",
                fluentmark::report::printable(&e.to_string())
            ));
        })
        .ok()
}

/// `path` as an absolute path (as the watcher reports them), or as it is.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The problems of a rerun, one indented line each, after its line.
pub fn problems(
    errors: &[fluentmark::error::Error],
    warnings: &[fluentmark::error::Error],
) -> String {
    let mut text = String::new();
    for e in errors.iter().chain(warnings) {
        text.push_str(&format!(
            "  {}\n",
            fluentmark::report::printable(&e.to_string())
        ));
    }
    text
}
