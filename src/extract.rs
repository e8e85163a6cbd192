//! `extract`: pages in, source catalogs out, translations' catalogs kept up
//! to date (see [`crate::catalog::merge`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::catalog::merge::{MergeOptions, MergeStats, Remembered, merge, prune};
use crate::catalog::written::{Kind, Unit, Written};
use crate::catalog::{Catalog, STAMP_TAIL, source_catalog, stamped_messages};
use crate::error::{Error, Result};
use crate::fsutil::{LinkRefused, Tree};
use crate::page::Page;
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::Project;
use rayon::prelude::*;

/// Options of `extract`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExtractOptions {
    /// Remove obsolete translations (the only way anything is deleted).
    pub prune: bool,
    /// Extract every page, even those whose fingerprint says unchanged
    /// (after upgrading fluentmark from a development build, say).
    pub force: bool,
}

/// What `extract` did for one target locale.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocaleExtract {
    /// Summed over pages.
    pub stats: MergeStats,
    /// Catalogs written.
    pub written: usize,
    /// Catalogs of pages that are gone (their translations are obsolete).
    pub orphans: usize,
}

/// What `extract` did.
#[derive(Debug, Default)]
pub struct ExtractReport {
    /// Pages read.
    pub pages: usize,
    /// Messages in all source catalogs.
    pub messages: usize,
    /// Source catalogs written (new or changed).
    pub written: usize,
    /// Source catalogs removed because their page is gone.
    pub removed: usize,
    /// Pages skipped because they did not change since the last extract.
    pub unchanged: usize,
    /// Per target locale.
    pub locales: BTreeMap<String, LocaleExtract>,
    /// Pages or catalogs that failed; the others were processed.
    pub errors: Vec<Error>,
    /// Problems that did not stop a page.
    pub warnings: Vec<Error>,
}

/// Reads a page from the content folder.
pub fn read_page(project: &Project, rel: &Path) -> Result<(Page, Vec<Error>)> {
    let path = project.content_dir().join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    parse_page(project, &path, &bytes)
}

/// Parses a page's bytes; errors and warnings name its path.
pub(crate) fn parse_page(
    project: &Project,
    path: &Path,
    bytes: &[u8],
) -> Result<(Page, Vec<Error>)> {
    let at = |e: crate::page::PageError| Error::At {
        path: path.to_path_buf(),
        line: e.line,
        column: None,
        message: e.message,
    };
    let page = Page::parse(bytes, project.page_options()).map_err(at)?;
    let warnings = page.warnings.iter().cloned().map(at).collect();
    Ok((page, warnings))
}

/// A page read for extraction.
struct Work {
    /// Catalog path relative to a locale folder (`_docs/x.ftl`).
    catalog: PathBuf,
    /// Page path relative to `content_dir`, for messages.
    name: String,
    /// The messages now (ID, text).
    source: Vec<(String, Pattern)>,
    /// The source catalog before this run.
    old_source: HashMap<String, Pattern>,
    /// Whether there was a source catalog before this run.
    source_existed: bool,
    /// The new source catalog text.
    catalog_text: String,
}

/// Runs `extract` over the whole project.
pub fn extract(project: &Project, options: ExtractOptions) -> Result<ExtractReport> {
    extract_with(project, options, &Silent)
}

/// [`extract`], telling `progress` how far it got. Pages are processed in
/// parallel (rayon); the result does not depend on the number of threads.
pub fn extract_with(
    project: &Project,
    options: ExtractOptions,
    progress: &dyn Progress,
) -> Result<ExtractReport> {
    let walk = project.pages()?;
    let pages = walk.pages;
    let mut report = ExtractReport {
        errors: walk.errors,
        warnings: walk.warnings,
        ..ExtractReport::default()
    };
    let source_locale = &project.config.source_locale;
    let source_dir = project.locale_dir(source_locale);

    // 1. Read every page and the source catalog it had. A page whose
    // fingerprint matches its source catalog's is unchanged: nothing to do.
    progress.phase("reading pages", pages.len());
    let read: Vec<Result<Read>> = pages
        .par_iter()
        .map(|rel| {
            let r = crate::error::guard(&project.content_dir().join(rel), || {
                read_for_extract(project, rel, &source_dir, options.force)
            });
            progress.advance(1);
            r
        })
        .collect();
    let mut work: Vec<Work> = Vec::new();
    // (Hashed: ordered sets compare paths component by component, 2% of
    // extract; the list is sorted once below.)
    let mut live: rustc_hash::FxHashSet<PathBuf> = Default::default();
    let mut all_catalogs: Vec<PathBuf> = Vec::with_capacity(pages.len());
    let mut unchanged = 0;
    // Catalogs of unchanged pages, which `--prune` only prunes.
    let mut to_prune: Vec<PathBuf> = Vec::new();
    for (rel, r) in pages.iter().zip(read) {
        let catalog = rel.with_extension("ftl");
        if live.insert(catalog.clone()) {
            all_catalogs.push(catalog);
        } else {
            report.errors.push(Error::Config {
                path: project.content_dir().join(rel),
                message: format!(
                    "another page already uses the catalog {}: rename one of the two pages",
                    catalog.display()
                ),
            });
            continue;
        }
        // A page that cannot be read still exists: its catalogs are left
        // as they are, not taken for a deleted page's.
        match r {
            Ok(Read::Unchanged { messages }) => {
                report.pages += 1;
                report.messages += messages;
                unchanged += 1;
                if options.prune {
                    to_prune.push(rel.with_extension("ftl"));
                }
            }
            Ok(Read::Changed(w, warnings)) => {
                report.warnings.extend(warnings);
                report.pages += 1;
                report.messages += w.source.len();
                work.push(*w);
            }
            Err(e) => report.errors.push(e),
        }
    }
    report.unchanged = unchanged;
    // In path order (translation memory takes the first in that order).
    all_catalogs.sort();

    // 2. Each target locale's catalogs. A page whose merged catalog could
    // not be written in some locale keeps its old source catalog, whose
    // stamp then says "changed": the next run merges it again.
    let mut unmerged = vec![false; work.len()];
    let merge_options = |locale: &str, name: &str| MergeOptions {
        threshold: project.config.fuzzy_threshold,
        prune: options.prune,
        header: vec![
            format!("{locale} translations of `{name}`."),
            format!(
                "Source texts: {}/{source_locale}/{}.",
                project.config.locales_dir.display(),
                Path::new(name).with_extension("ftl").display()
            ),
        ],
    };
    for locale in &project.config.locales {
        let dir = project.locale_dir(locale);
        let mut stats = LocaleExtract::default();
        // Catalogs of live pages; a broken one is left alone.
        progress.phase(&format!("updating {locale} catalogs"), work.len() * 2);
        let mut targets: Vec<Option<Written>> = Vec::new();
        let mut broken: Vec<bool> = Vec::new();
        // (A locale without a folder yet has no catalogs to open.)
        let dir_exists = dir.is_dir();
        let read: Vec<_> = work
            .par_iter()
            .map(|w| {
                let r = if dir_exists {
                    read_catalog(project.files(), &dir.join(&w.catalog))
                } else {
                    Ok(None)
                };
                progress.advance(1);
                r
            })
            .collect();
        for (i, r) in read.into_iter().enumerate() {
            match r {
                Ok(r) => {
                    targets.push(r);
                    broken.push(false);
                }
                Err(e) => {
                    // The page keeps its old source catalog (if it had
                    // one), so that once the catalog is fixed, the next
                    // extract still knows the old texts and carries
                    // changed ones over as fuzzy.
                    report.errors.extend(e);
                    targets.push(None);
                    broken.push(true);
                    unmerged[i] |= work[i].source_existed;
                }
            }
        }
        // Catalogs whose page is gone.
        let mut orphans: Vec<(PathBuf, Written, HashMap<String, Pattern>)> = Vec::new();
        let (locale_catalogs, problems) = ftl_files(project.files(), &dir);
        report.errors.extend(problems);
        for path in &locale_catalogs {
            let Ok(rel) = path.strip_prefix(&dir) else {
                continue;
            };
            if live.contains(rel) {
                continue;
            }
            // Already all obsolete, and no changed page could claim from it.
            let source_gone = !source_dir.join(rel).exists();
            if source_gone && work.is_empty() && !options.prune {
                stats.orphans += 1;
                continue;
            }
            match read_catalog(project.files(), path) {
                Ok(Some(r)) => {
                    let old = read_source(project.files(), &source_dir.join(rel));
                    orphans.push((rel.to_path_buf(), r, old));
                }
                Ok(None) => {}
                Err(e) => report.errors.extend(e),
            }
        }
        // Each page's messages with no entry of that ID in its catalog
        // (none for a broken catalog, which is left alone).
        let untranslated: Vec<Vec<usize>> = work
            .par_iter()
            .zip(&targets)
            .zip(&broken)
            .map(|((w, t), broken)| {
                if *broken {
                    return Vec::new();
                }
                let ids: HashSet<&str> = t.iter().flat_map(message_ids).collect();
                (0..w.source.len())
                    .filter(|&i| !ids.contains(w.source[i].0.as_str()))
                    .collect()
            })
            .collect();
        // Translation memory, for the texts that may need it: new texts
        // with no translation by ID. (A locale without catalogs has nothing
        // to remember.)
        let wanted: HashSet<&Pattern> = if locale_catalogs.is_empty() {
            HashSet::new()
        } else {
            work.iter()
                .zip(&untranslated)
                .flat_map(|(w, missing)| missing.iter().map(|&i| &w.source[i].1))
                .collect()
        };
        let orphan_paths: Vec<PathBuf> = orphans.iter().map(|(rel, _, _)| rel.clone()).collect();
        let memory = memory_for(
            project.files(),
            &wanted,
            &all_catalogs,
            &orphan_paths,
            &source_dir,
            &dir,
        );
        // A page renamed: its translations move from the orphan catalog to
        // the first page (in path order) that has the same message ID.
        let mut claims: Vec<HashMap<String, Unit>> = vec![HashMap::new(); work.len()];
        let mut wanted: HashMap<&str, usize> = HashMap::new();
        if !orphans.is_empty() {
            for (i, (w, missing)) in work.iter().zip(&untranslated).enumerate().rev() {
                for &m in missing {
                    wanted.insert(w.source[m].0.as_str(), i);
                }
            }
        }
        for (_, written, _) in orphans.iter_mut() {
            written.units.retain(|unit| {
                if unit.kind == Kind::Message
                    && let Some(&i) = wanted.get(unit.id.as_str())
                    && !claims[i].contains_key(&unit.id)
                {
                    claims[i].insert(unit.id.clone(), unit.clone());
                    return false;
                }
                true
            });
        }
        // Merge and write.
        let jobs: Vec<_> = work
            .iter()
            .enumerate()
            .zip(targets)
            .zip(claims)
            .zip(&broken)
            .filter(|(_, broken)| !**broken)
            .map(|((job, claims), _)| (job, claims))
            .collect();
        let merged: Vec<(usize, MergeStats, Option<Result<bool>>)> = jobs
            .into_par_iter()
            .map(|(((i, w), target), claims)| {
                let (text, s) = merge(
                    &w.source,
                    &w.old_source,
                    target,
                    claims,
                    &memory,
                    &merge_options(locale, &crate::report::printable(&w.name)),
                );
                let written = text.map(|text| {
                    let path = dir.join(&w.catalog);
                    project
                        .files()
                        .write_if_changed(&path, text.as_bytes())
                        .map_err(|e| Error::io(&path, e))
                });
                progress.advance(1);
                (i, s, written)
            })
            .collect();
        for (i, s, written) in merged {
            add(&mut stats.stats, &s);
            match written {
                Some(Ok(true)) => stats.written += 1,
                Some(Err(e)) => {
                    report.errors.push(e);
                    unmerged[i] = true;
                }
                _ => {}
            }
        }
        for (rel, written, old) in orphans {
            let path = dir.join(&rel);
            let name = display_path(&rel.with_extension("md"));
            let (text, s) = merge(
                &[],
                &old,
                Some(written),
                HashMap::new(),
                &memory,
                &merge_options(locale, &crate::report::printable(&name)),
            );
            stats.stats.obsoleted += s.obsoleted;
            stats.stats.obsolete += s.obsolete;
            stats.stats.pruned += s.pruned;
            // (With no source message, every message left is obsolete.)
            if let Some(text) = text.filter(|_| s.obsolete > 0) {
                stats.orphans += 1;
                match project.files().write_if_changed(&path, text.as_bytes()) {
                    Ok(true) => stats.written += 1,
                    Ok(false) => {}
                    Err(e) => report.errors.push(Error::io(&path, e)),
                }
            } else if let Err(e) = std::fs::remove_file(&path) {
                // Every translation in it moved to a renamed page (or was pruned).
                report.errors.push(Error::io(&path, e));
            }
        }
        // `--prune` on a page that did not change: its obsolete entries
        // go, nothing else changes.
        let pruned: Vec<_> = to_prune
            .par_iter()
            .filter_map(|rel| prune_catalog(project.files(), &dir.join(rel), &source_dir.join(rel)))
            .collect();
        for r in pruned {
            match r {
                Ok(n) => {
                    stats.stats.pruned += n;
                    stats.written += 1;
                }
                Err(e) => report.errors.extend(e),
            }
        }
        report.locales.insert(locale.clone(), stats);
    }

    // 3. The source catalogs, last: step 2 needed the old ones, and a
    // source catalog's stamp says its page is done in every locale.
    let written: Vec<_> = work
        .par_iter()
        .zip(&unmerged)
        .filter(|(_, unmerged)| !**unmerged)
        .map(|(w, _)| {
            let path = source_dir.join(&w.catalog);
            let bytes = w.catalog_text.as_bytes();
            // A catalog that was not there is written without looking.
            let written = if w.source_existed {
                project.files().write_if_changed(&path, bytes)
            } else {
                project.files().write_atomic(&path, bytes).map(|()| true)
            };
            written.map_err(|e| Error::io(&path, e))
        })
        .collect();
    for w in written {
        match w {
            Ok(true) => report.written += 1,
            Ok(false) => {}
            Err(e) => report.errors.push(e),
        }
    }
    // Free the pages' data on all cores rather than on this thread alone.
    work.into_par_iter().for_each(drop);
    // A source catalog whose page is gone is generated state: remove it.
    let (source_catalogs, problems) = ftl_files(project.files(), &source_dir);
    report.errors.extend(problems);
    for path in source_catalogs {
        if path
            .strip_prefix(&source_dir)
            .is_ok_and(|rel| !live.contains(rel))
        {
            match std::fs::remove_file(&path) {
                Ok(()) => report.removed += 1,
                Err(e) => report.errors.push(Error::io(&path, e)),
            }
        }
    }
    Ok(report)
}

/// What phase 1 found for a page.
enum Read {
    /// The source catalog's fingerprint matches the page: nothing to do.
    Unchanged { messages: usize },
    /// The page changed (or `--prune` asks for every catalog).
    Changed(Box<Work>, Vec<Error>),
}

fn read_for_extract(
    project: &Project,
    rel: &Path,
    source_dir: &Path,
    every_page: bool,
) -> Result<Read> {
    let catalog = rel.with_extension("ftl");
    let catalog_path = source_dir.join(&catalog);
    let path = project.content_dir().join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    // The source catalog is opened once: its last line tells whether the
    // page changed, the whole holds the old texts.
    let mut old_file = match project.files().open(&catalog_path) {
        Ok(file) => file,
        Err(e) if LinkRefused::of(&e).is_some() => return Err(Error::io(&catalog_path, e)),
        Err(_) => None,
    };
    let source_existed = old_file.is_some();
    if !every_page
        && let Some(file) = old_file.as_mut()
        && let Some(tail) = read_tail_of(file)
    {
        let fingerprint = crate::page::fingerprint(&bytes, project.page_options());
        if let Some(messages) = stamped_messages(&tail, fingerprint) {
            return Ok(Read::Unchanged { messages });
        }
    }
    let (page, warnings) = parse_page(project, &path, &bytes)?;
    let name = display_path(rel);
    let catalog_text = source_catalog(&name, &page);
    let old_source = match old_file.as_mut() {
        Some(file) => {
            use std::io::{Read as _, Seek as _};
            let mut old = Vec::new();
            match file.rewind().and_then(|()| file.read_to_end(&mut old)) {
                Ok(_) => crate::error::utf8(&old).map_or_else(|_| HashMap::new(), source_texts),
                // Unreadable: no old texts.
                Err(_) => HashMap::new(),
            }
        }
        None => HashMap::new(),
    };
    let work = Work {
        old_source,
        source_existed,
        catalog_text,
        source: page
            .messages
            .into_iter()
            .map(|m| (m.id, m.pattern))
            .collect(),
        catalog,
        name,
    };
    Ok(Read::Changed(Box::new(work), warnings))
}

/// The last [`STAMP_TAIL`] bytes of `file` (all of it if it is shorter).
fn read_tail_of(file: &mut std::fs::File) -> Option<Vec<u8>> {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let len = file.metadata().ok()?.len();
    let start = len.saturating_sub(STAMP_TAIL as u64);
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut tail = Vec::with_capacity(STAMP_TAIL);
    file.take(STAMP_TAIL as u64).read_to_end(&mut tail).ok()?;
    Some(tail)
}

/// Translations of `wanted` source texts found in the locale's catalogs:
/// every page's (source catalog, translation catalog) pair, then the
/// catalogs of deleted pages; the first in path order wins.
fn memory_for(
    files: &Tree,
    wanted: &HashSet<&Pattern>,
    catalogs: &[PathBuf],
    orphans: &[PathBuf],
    source_dir: &Path,
    locale_dir: &Path,
) -> HashMap<Pattern, Remembered> {
    let mut memory = HashMap::new();
    if wanted.is_empty() {
        return memory;
    }
    let found: Vec<Vec<(Pattern, Remembered)>> = catalogs
        .par_iter()
        .chain(orphans.par_iter())
        .map(|rel| {
            let old = read_source(files, &source_dir.join(rel));
            let hits: Vec<(&String, &Pattern)> =
                old.iter().filter(|(_, p)| wanted.contains(p)).collect();
            if hits.is_empty() {
                return Vec::new();
            }
            let Some(text) = read_text(files, &locale_dir.join(rel)) else {
                return Vec::new();
            };
            let target = Catalog::parse(&text);
            let origin =
                crate::report::printable(&display_path(&rel.with_extension(""))).into_owned();
            hits.into_iter()
                .filter_map(|(id, source)| {
                    let t = target.get(id).filter(|t| !t.fuzzy && !t.obsolete)?;
                    Some((
                        source.clone(),
                        Remembered {
                            translation: t.pattern.clone().ok()?,
                            origin: origin.clone(),
                        },
                    ))
                })
                .collect()
        })
        .collect();
    for (source, r) in found.into_iter().flatten() {
        memory.entry(source).or_insert(r);
    }
    memory
}

/// Removes the obsolete entries of the catalog at `path`, whose page's
/// source catalog is `source`: the number removed, if any were.
fn prune_catalog(
    files: &Tree,
    path: &Path,
    source: &Path,
) -> Option<std::result::Result<usize, Vec<Error>>> {
    let written = match read_catalog(files, path) {
        Ok(w) => w?,
        Err(e) => return Some(Err(e)),
    };
    let ids = read_source(files, source);
    let live: rustc_hash::FxHashSet<&str> = ids.keys().map(String::as_str).collect();
    let (text, n) = prune(written, &live)?;
    Some(
        files
            .write_if_changed(path, text.as_bytes())
            .map(|_| n)
            .map_err(|e| vec![Error::io(path, e)]),
    )
}

fn add(total: &mut MergeStats, s: &MergeStats) {
    total.unchanged += s.unchanged;
    total.fuzzy += s.fuzzy;
    total.missing += s.missing;
    total.obsoleted += s.obsoleted;
    total.obsolete += s.obsolete;
    total.pruned += s.pruned;
}

/// The IDs of a catalog's messages.
fn message_ids(written: &Written) -> impl Iterator<Item = &str> {
    written
        .units
        .iter()
        .filter(|u| u.kind == Kind::Message)
        .map(|u| u.id.as_str())
}

/// The `.ftl` files under a folder, sorted, and the links met there
/// (refused, as errors).
pub(crate) fn ftl_files(files: &Tree, dir: &Path) -> (Vec<PathBuf>, Vec<Error>) {
    let found = files.find(dir, "ftl");
    let problems = found
        .problems
        .into_iter()
        .map(|(path, e)| Error::io(path, e))
        .collect();
    (found.files, problems)
}

/// A file's text, if it is there and UTF-8.
fn read_text(files: &Tree, path: &Path) -> Option<String> {
    String::from_utf8(files.read(path).ok()??).ok()
}

/// A source catalog's texts by ID (empty if there is none).
fn read_source(files: &Tree, path: &Path) -> HashMap<String, Pattern> {
    read_text(files, path).map_or_else(HashMap::new, |text| source_texts(&text))
}

/// A source catalog's texts by ID, from its text.
fn source_texts(text: &str) -> HashMap<String, Pattern> {
    Catalog::parse(text)
        .translations
        .into_iter()
        .filter_map(|t| Some((t.id, t.pattern.ok()?)))
        .collect()
}

/// A translations catalog: `Ok(None)` if there is none, errors (with
/// line and column) if it does not parse, so that it is left untouched.
fn read_catalog(files: &Tree, path: &Path) -> std::result::Result<Option<Written>, Vec<Error>> {
    let bytes = match files.read(path) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(None),
        Err(e) => return Err(vec![Error::io(path, e)]),
    };
    let text = match crate::error::utf8(&bytes) {
        Ok(text) => text,
        Err(line) => {
            return Err(vec![Error::At {
                path: path.to_path_buf(),
                line,
                column: None,
                message: "the catalog is not valid UTF-8 and was left as it is: save it as UTF-8"
                    .into(),
            }]);
        }
    };
    Written::parse(text).map(Some).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| Error::At {
                path: path.to_path_buf(),
                line: e.line,
                column: Some(e.column),
                message: format!(
                    "{}; the catalog was left as it is: fix the Fluent syntax and run extract again",
                    e.message
                ),
            })
            .collect()
    })
}

/// A relative path with `/` separators, for catalogs and messages.
pub fn display_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
