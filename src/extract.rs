//! `extract`: pages in, source catalogs out, translations' catalogs kept up
//! to date (see [`crate::catalog::merge`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::catalog::merge::{MergeOptions, MergeStats, Remembered, merge, prune};
use crate::catalog::written::{Kind, Unit, Written};
use crate::catalog::{Catalog, source_catalog, stamped_messages};
use crate::error::{Error, Result};
use crate::fsutil::Tree;
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::Project;
use crate::store::{self, PageFile, SourceCatalogFile};
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
    let walk = store::pages(project)?;
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
        let catalog = store::catalog_name(rel);
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
                    to_prune.push(store::catalog_name(rel));
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
                store::catalog_name(Path::new(name)).display()
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
        let (locale_catalogs, problems) = store::ftl_files(project.files(), &dir);
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
                    let old = store::read_source_texts(project.files(), &source_dir.join(rel));
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
            let name = store::display_path(&store::gone_page(&rel));
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
    let (source_catalogs, problems) = store::ftl_files(project.files(), &source_dir);
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
    let catalog = store::catalog_name(rel);
    let file = PageFile::read(project, rel)?;
    // The source catalog is opened once: its last line tells whether the
    // page changed, the whole holds the old texts.
    let mut old_file = SourceCatalogFile::open(project.files(), &source_dir.join(&catalog))?;
    let source_existed = old_file.is_some();
    if !every_page
        && let Some(tail) = old_file.as_mut().and_then(SourceCatalogFile::tail)
        && let Some(messages) = stamped_messages(&tail, file.fingerprint(project))
    {
        return Ok(Read::Unchanged { messages });
    }
    let (page, warnings) = file.parse(project)?;
    let name = store::display_path(rel);
    let catalog_text = source_catalog(&name, &page);
    let old_source = old_file
        .as_mut()
        .map_or_else(HashMap::new, SourceCatalogFile::texts);
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
            let old = store::read_source_texts(files, &source_dir.join(rel));
            let hits: Vec<(&String, &Pattern)> =
                old.iter().filter(|(_, p)| wanted.contains(p)).collect();
            if hits.is_empty() {
                return Vec::new();
            }
            let Some(text) = store::read_text(files, &locale_dir.join(rel)) else {
                return Vec::new();
            };
            let target = Catalog::parse(&text);
            let origin = crate::report::printable(&store::display_path(&rel.with_extension("")))
                .into_owned();
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
    let ids = store::read_source_texts(files, source);
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

/// A translations catalog: `Ok(None)` if there is none, errors (with
/// line and column) if it does not parse, so that it is left untouched.
fn read_catalog(files: &Tree, path: &Path) -> std::result::Result<Option<Written>, Vec<Error>> {
    let parsed = store::read_catalog(files, path, Written::parse).map_err(|e| {
        vec![e.into_error("the catalog is not valid UTF-8 and was left as it is: save it as UTF-8")]
    })?;
    parsed.transpose().map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                store::syntax_error(
                    path,
                    e,
                    "the catalog was left as it is: fix the Fluent syntax and run extract again",
                )
            })
            .collect()
    })
}
