//! `extract`: pages in, source catalogs out, translations' catalogs kept up
//! to date (see [`crate::catalog::merge`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::catalog::merge::{MergeOptions, MergeStats, Remembered, merge, prune};
use crate::catalog::{Catalog, FORMAT, Kind, Unit, Written};
use crate::error::{Error, Result};
use crate::fsutil::Tree;
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::Project;
use crate::store::{self, PageFile, SourceCatalogFile};
use rayon::prelude::*;
use rustc_hash::FxHashSet;

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

/// The longest file name most file systems take, in bytes.
const MAX_NAME: usize = 255;

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
    let mut report = ExtractReport {
        errors: walk.errors,
        warnings: walk.warnings,
        ..ExtractReport::default()
    };
    // A locale without a folder yet (added to the configuration, nothing
    // translated): the messages of the unchanged pages are untranslated
    // in it too, and counted so.
    let new_locales: Vec<PathBuf> = project
        .config
        .locales
        .iter()
        .map(|l| project.locale_dir(l))
        .filter(|d| std::fs::symlink_metadata(d).is_err())
        .collect();
    // A locale added to a project extracted before gets a catalog per
    // page at once (a header, no entry), for Pontoon or Weblate to fill.
    let added_later = std::fs::symlink_metadata(project.locale_dir(&project.config.source_locale))
        .is_ok_and(|m| m.is_dir());
    let run = Run {
        project,
        options,
        progress,
        source_dir: project.locale_dir(&project.config.source_locale),
    };
    // 1. Read every page and the source catalog it had. A page whose
    // fingerprint matches its source catalog's is unchanged: nothing to do.
    let pages = run.read_pages(&walk.pages, &mut report);
    // 2. Each target locale's catalogs. A page whose merged catalog could
    // not be written in some locale keeps its old source catalog, whose
    // stamp then says "changed": the next run merges it again.
    let mut unmerged = vec![false; pages.work.len()];
    for locale in &project.config.locales {
        let problems = (&mut report.errors, &mut report.warnings);
        let mut stats = run.update_locale(locale, &pages, &mut unmerged, problems);
        if new_locales.contains(&project.locale_dir(locale)) {
            stats.stats.missing += pages.unchanged_messages;
        }
        report.locales.insert(locale.clone(), stats);
    }
    // 3. The source catalogs, last: step 2 needed the old ones, and a
    // source catalog's stamp says its page is done in every locale.
    run.write_source_catalogs(&pages.work, &unmerged, &mut report);
    if added_later {
        for dir in &new_locales {
            let Some(locale) = project
                .config
                .locales
                .iter()
                .find(|l| project.locale_dir(l) == *dir)
            else {
                continue;
            };
            let written = run.start_catalogs(locale, &pages.all_pages, &mut report.errors);
            if let Some(stats) = report.locales.get_mut(locale) {
                stats.written += written;
            }
        }
    }
    // Free the pages' data on all cores rather than on this thread alone.
    pages.work.into_par_iter().for_each(drop);
    run.remove_gone_source_catalogs(&pages.live, &mut report);
    Ok(report)
}

/// What a run of `extract` works with.
struct Run<'a> {
    project: &'a Project,
    options: ExtractOptions,
    progress: &'a dyn Progress,
    /// The source locale's catalog folder.
    source_dir: PathBuf,
}

/// The pages, as phase 1 read them.
#[derive(Default)]
struct Pages {
    /// The pages that changed.
    work: Vec<Work>,
    /// The catalog of every page, readable or not (relative to a locale
    /// folder). (Hashed: ordered sets compare paths component by
    /// component, 2% of extract; `all_catalogs` is sorted once.)
    live: FxHashSet<PathBuf>,
    /// The same, in path order (translation memory takes the first in
    /// that order).
    all_catalogs: Vec<PathBuf>,
    /// Catalogs of unchanged pages, which `--prune` only prunes.
    to_prune: Vec<PathBuf>,
    /// The messages of the unchanged pages.
    unchanged_messages: usize,
    /// Every page read (relative to `content_dir`), in path order.
    all_pages: Vec<PathBuf>,
}

impl Run<'_> {
    /// Writes a catalog with only its header for each of `pages` in
    /// `locale` that has none (and has a source catalog); returns how many
    /// it wrote.
    fn start_catalogs(&self, locale: &str, pages: &[PathBuf], errors: &mut Vec<Error>) -> usize {
        let dir = self.project.locale_dir(locale);
        let mut written = 0;
        for rel in pages {
            let catalog = store::catalog_name(rel);
            let path = dir.join(&catalog);
            if std::fs::symlink_metadata(&path).is_ok() || !self.source_dir.join(&catalog).is_file()
            {
                continue;
            }
            let name = store::display_path(rel);
            let text: String = catalog_header(self.project, locale, &name)
                .iter()
                .map(|line| format!("### {line}\n"))
                .collect();
            match self.project.files().write_atomic(&path, text.as_bytes()) {
                Ok(()) => written += 1,
                Err(e) => errors.push(Error::io(&path, e)),
            }
        }
        written
    }

    /// Phase 1: reads every page (in parallel) and counts it in `report`.
    fn read_pages(&self, pages: &[PathBuf], report: &mut ExtractReport) -> Pages {
        self.progress.phase("reading pages", pages.len());
        let read: Vec<Result<Read>> = pages
            .par_iter()
            .map(|rel| {
                let r = crate::error::guard(&self.project.content_dir().join(rel), || {
                    read_for_extract(self.project, rel, &self.source_dir, self.options.force)
                });
                self.progress.advance(1);
                r
            })
            .collect();
        let mut out = Pages {
            all_catalogs: Vec::with_capacity(pages.len()),
            ..Pages::default()
        };
        for (rel, r) in pages.iter().zip(read) {
            let catalog = store::catalog_name(rel);
            if !out.live.insert(catalog.clone()) {
                report.errors.push(Error::Config {
                    path: self.project.content_dir().join(rel),
                    message: format!(
                        "another page already uses the catalog {}: rename one of the two pages",
                        catalog.display()
                    ),
                });
                continue;
            }
            out.all_catalogs.push(catalog);
            out.all_pages.push(rel.clone());
            // A page that cannot be read still exists: its catalogs are left
            // as they are, not taken for a deleted page's.
            match r {
                Ok(Read::Unchanged { messages }) => {
                    report.pages += 1;
                    report.messages += messages;
                    out.unchanged_messages += messages;
                    report.unchanged += 1;
                    if self.options.prune {
                        out.to_prune.push(store::catalog_name(rel));
                    }
                }
                Ok(Read::Changed(w, warnings)) => {
                    report.warnings.extend(warnings);
                    report.pages += 1;
                    report.messages += w.source.len();
                    out.work.push(*w);
                }
                Err(e) => report.errors.push(e),
            }
        }
        out.all_catalogs.sort();
        out
    }

    /// Phase 2 for one target locale: merges the changed pages' catalogs,
    /// keeps the translations of deleted pages as obsolete (or moves them
    /// to a renamed page), prunes with `--prune`. Marks in `unmerged` the
    /// pages whose catalog was broken or could not be written. Adds to
    /// `errors` and `warnings`.
    fn update_locale(
        &self,
        locale: &str,
        pages: &Pages,
        unmerged: &mut [bool],
        (errors, warnings): (&mut Vec<Error>, &mut Vec<Error>),
    ) -> LocaleExtract {
        self.progress
            .phase(&format!("updating {locale} catalogs"), pages.work.len() * 2);
        let mut l = Locale {
            run: self,
            locale,
            dir: self.project.locale_dir(locale),
            stats: LocaleExtract::default(),
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let targets = l.read_targets(&pages.work, unmerged);
        let (has_catalogs, mut orphans) = l.read_orphans(pages);
        let untranslated = untranslated(&pages.work, &targets);
        let memory = l.memory(pages, &untranslated, has_catalogs, &orphans);
        let claims = claim_renamed(&pages.work, &untranslated, &mut orphans);
        l.merge_pages(&pages.work, targets, claims, &memory, unmerged);
        l.merge_orphans(orphans, &memory);
        l.prune_unchanged(&pages.to_prune);
        errors.append(&mut l.errors);
        warnings.append(&mut l.warnings);
        l.stats
    }

    /// Phase 3: writes the source catalogs of the changed pages whose
    /// catalogs were merged in every locale.
    fn write_source_catalogs(&self, work: &[Work], unmerged: &[bool], report: &mut ExtractReport) {
        let files = self.project.files();
        let written: Vec<_> = work
            .par_iter()
            .zip(unmerged)
            .filter(|(_, unmerged)| !**unmerged)
            .map(|(w, _)| {
                let path = self.source_dir.join(&w.catalog);
                let bytes = w.catalog_text.as_bytes();
                // A catalog that was not there is written without looking.
                let written = if w.source_existed {
                    files.write_if_changed(&path, bytes)
                } else {
                    files.write_atomic(&path, bytes).map(|()| true)
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
    }

    /// A source catalog whose page is gone is generated state: removes it
    /// (if it has the stamp `extract` writes: a file of its own making).
    fn remove_gone_source_catalogs(&self, live: &FxHashSet<PathBuf>, report: &mut ExtractReport) {
        let (source_catalogs, problems) = store::page_catalogs(self.project, &self.source_dir);
        report.errors.extend(problems);
        for path in source_catalogs {
            if path
                .strip_prefix(&self.source_dir)
                .is_ok_and(|rel| !live.contains(rel))
                && store::is_stamped(self.project.files(), &path)
            {
                match std::fs::remove_file(&path) {
                    Ok(()) => report.removed += 1,
                    Err(e) => report.errors.push(Error::io(&path, e)),
                }
            }
        }
    }
}

/// A target locale's catalogs, being updated.
struct Locale<'a> {
    run: &'a Run<'a>,
    locale: &'a str,
    /// The locale's catalog folder.
    dir: PathBuf,
    stats: LocaleExtract,
    /// Catalogs that failed, in the order met.
    errors: Vec<Error>,
    /// Entries whose ID looks mistyped, in the order met.
    warnings: Vec<Error>,
}

/// A changed page's catalog in a target locale, as read.
enum Target {
    /// It does not read or parse: left alone.
    Broken,
    /// Read (`None`: there is none yet).
    Read(Option<Written>),
}

/// The catalog of a page that is gone.
struct Orphan {
    /// Relative to the locale folder.
    rel: PathBuf,
    written: Written,
    /// The texts of its source catalog, if that is still there.
    old: HashMap<String, Pattern>,
}

impl Locale<'_> {
    /// The catalogs of the changed pages. A broken one is left alone, and
    /// its page keeps its old source catalog (if it had one), so that once
    /// the catalog is fixed, the next extract still knows the old texts
    /// and carries changed ones over as fuzzy.
    fn read_targets(&mut self, work: &[Work], unmerged: &mut [bool]) -> Vec<Target> {
        let files = self.run.project.files();
        // (A locale without a folder yet has no catalogs to open.)
        let dir_exists = self.dir.is_dir();
        let read: Vec<_> = work
            .par_iter()
            .map(|w| {
                // (A name too long for a file cannot be a catalog: the
                // source catalog's write says so, once.)
                let possible = w.catalog.file_name().is_some_and(|n| n.len() <= MAX_NAME);
                let r = if dir_exists && possible {
                    read_catalog(files, &self.dir.join(&w.catalog))
                } else {
                    Ok(None)
                };
                self.run.progress.advance(1);
                r
            })
            .collect();
        let mut targets = Vec::with_capacity(work.len());
        for (i, r) in read.into_iter().enumerate() {
            match r {
                Ok(r) => targets.push(Target::Read(r)),
                Err(e) => {
                    self.errors.extend(e);
                    targets.push(Target::Broken);
                    unmerged[i] |= work[i].source_existed;
                }
            }
        }
        targets
    }

    /// The locale's catalogs whose page is gone, with their source
    /// catalogs' texts; and whether the locale has any catalog at all.
    fn read_orphans(&mut self, pages: &Pages) -> (bool, Vec<Orphan>) {
        let files = self.run.project.files();
        let source_dir = &self.run.source_dir;
        let (locale_catalogs, problems) = store::page_catalogs(self.run.project, &self.dir);
        self.errors.extend(problems);
        let mut orphans = Vec::new();
        for path in &locale_catalogs {
            let Ok(rel) = path.strip_prefix(&self.dir) else {
                continue;
            };
            if pages.live.contains(rel) {
                continue;
            }
            // Already all obsolete, and no changed page could claim from it.
            let source_gone = !source_dir.join(rel).exists();
            if source_gone && pages.work.is_empty() && !self.run.options.prune {
                self.stats.orphans += 1;
                continue;
            }
            match read_catalog(files, path) {
                Ok(Some(written)) => orphans.push(Orphan {
                    rel: rel.to_path_buf(),
                    written,
                    old: store::read_source_texts(files, &source_dir.join(rel)),
                }),
                Ok(None) => {}
                Err(e) => self.errors.extend(e),
            }
        }
        (!locale_catalogs.is_empty(), orphans)
    }

    /// Translation memory, for the texts that may need it: new texts with
    /// no translation by ID. (A locale without catalogs has nothing to
    /// remember.)
    fn memory(
        &self,
        pages: &Pages,
        untranslated: &[Vec<usize>],
        has_catalogs: bool,
        orphans: &[Orphan],
    ) -> HashMap<Pattern, Remembered> {
        let wanted: HashSet<&Pattern> = if has_catalogs {
            pages
                .work
                .iter()
                .zip(untranslated)
                .flat_map(|(w, missing)| missing.iter().map(|&i| &w.source[i].1))
                .collect()
        } else {
            HashSet::new()
        };
        let orphan_paths: Vec<PathBuf> = orphans.iter().map(|o| o.rel.clone()).collect();
        memory_for(
            self.run.project.files(),
            &wanted,
            &pages.all_catalogs,
            &orphan_paths,
            &self.run.source_dir,
            &self.dir,
        )
    }

    /// How to merge the catalog of the page `name`.
    fn merge_options(&self, name: &str) -> MergeOptions {
        MergeOptions {
            threshold: self.run.project.config.fuzzy_threshold,
            prune: self.run.options.prune,
            header: catalog_header(self.run.project, self.locale, name),
        }
    }

    /// Merges and writes the changed pages' catalogs (in parallel), but
    /// not the broken ones.
    fn merge_pages(
        &mut self,
        work: &[Work],
        targets: Vec<Target>,
        claims: Vec<HashMap<String, Unit>>,
        memory: &HashMap<Pattern, Remembered>,
        unmerged: &mut [bool],
    ) {
        let jobs: Vec<_> = work
            .iter()
            .enumerate()
            .zip(targets)
            .zip(claims)
            .filter_map(|(((i, w), target), claims)| match target {
                Target::Read(target) => Some((i, w, target, claims)),
                Target::Broken => None,
            })
            .collect();
        let files = self.run.project.files();
        let this = &*self;
        type Merged = (usize, MergeStats, Option<Result<bool>>, Vec<Error>);
        let merged: Vec<Merged> = jobs
            .into_par_iter()
            .map(|(i, w, target, claims)| {
                let options = this.merge_options(&w.name);
                let (text, s) = merge(
                    FORMAT,
                    &w.source,
                    &w.old_source,
                    target,
                    claims,
                    memory,
                    &options,
                );
                let path = this.dir.join(&w.catalog);
                let mistyped = text
                    .as_deref()
                    .map(|text| mistyped(&path, &w.name, text, &s.mistyped))
                    .unwrap_or_default();
                let written = text.map(|text| {
                    files
                        .write_if_changed(&path, text.as_bytes())
                        .map_err(|e| Error::io(&path, e))
                });
                this.run.progress.advance(1);
                (i, s, written, mistyped)
            })
            .collect();
        for (i, s, written, mistyped) in merged {
            self.warnings.extend(mistyped);
            add(&mut self.stats.stats, &s);
            match written {
                Some(Ok(true)) => self.stats.written += 1,
                Some(Err(e)) => {
                    self.errors.push(e);
                    unmerged[i] = true;
                }
                _ => {}
            }
        }
    }

    /// The catalogs of pages that are gone: what no renamed page claimed
    /// stays, obsolete; a catalog left with nothing is removed.
    fn merge_orphans(&mut self, orphans: Vec<Orphan>, memory: &HashMap<Pattern, Remembered>) {
        for Orphan { rel, written, old } in orphans {
            let path = self.dir.join(&rel);
            let name = store::display_path(&store::gone_page(&rel));
            let options = self.merge_options(&name);
            let (text, s) = merge(
                FORMAT,
                &[],
                &old,
                Some(written),
                HashMap::new(),
                memory,
                &options,
            );
            let stats = &mut self.stats;
            stats.stats.obsoleted += s.obsoleted;
            stats.stats.obsolete += s.obsolete;
            stats.stats.pruned += s.pruned;
            // (With no source message, every message left is obsolete.)
            if let Some(text) = text.filter(|_| s.obsolete > 0) {
                stats.orphans += 1;
                match self
                    .run
                    .project
                    .files()
                    .write_if_changed(&path, text.as_bytes())
                {
                    Ok(true) => stats.written += 1,
                    Ok(false) => {}
                    Err(e) => self.errors.push(Error::io(&path, e)),
                }
            } else if let Err(e) = std::fs::remove_file(&path) {
                // Every translation in it moved to a renamed page (or was pruned).
                self.errors.push(Error::io(&path, e));
            }
        }
    }

    /// `--prune` on a page that did not change: its obsolete entries go,
    /// nothing else changes.
    fn prune_unchanged(&mut self, to_prune: &[PathBuf]) {
        let files = self.run.project.files();
        let source_dir = &self.run.source_dir;
        let dir = &self.dir;
        let pruned: Vec<_> = to_prune
            .par_iter()
            .filter_map(|rel| prune_catalog(files, &dir.join(rel), &source_dir.join(rel)))
            .collect();
        for r in pruned {
            match r {
                Ok(n) => {
                    self.stats.stats.pruned += n;
                    self.stats.written += 1;
                }
                Err(e) => self.errors.extend(e),
            }
        }
    }
}

/// Each changed page's messages with no entry of that ID in its catalog
/// (none for a broken catalog, which is left alone).
fn untranslated(work: &[Work], targets: &[Target]) -> Vec<Vec<usize>> {
    work.par_iter()
        .zip(targets)
        .map(|(w, t)| {
            let Target::Read(t) = t else {
                return Vec::new();
            };
            let ids: HashSet<&str> = t.iter().flat_map(message_ids).collect();
            (0..w.source.len())
                .filter(|&i| !ids.contains(w.source[i].0.as_str()))
                .collect()
        })
        .collect()
}

/// A page renamed: its translations move from the orphan catalog to the
/// first page (in path order) that has the same message ID untranslated.
/// Returns what each changed page claimed.
fn claim_renamed(
    work: &[Work],
    untranslated: &[Vec<usize>],
    orphans: &mut [Orphan],
) -> Vec<HashMap<String, Unit>> {
    let mut claims: Vec<HashMap<String, Unit>> = vec![HashMap::new(); work.len()];
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    if !orphans.is_empty() {
        for (i, (w, missing)) in work.iter().zip(untranslated).enumerate().rev() {
            for &m in missing {
                wanted.insert(w.source[m].0.as_str(), i);
            }
        }
    }
    for orphan in orphans.iter_mut() {
        orphan.written.units.retain(|unit| {
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
    claims
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
        && let Some(messages) = FORMAT.stamped_messages(&tail, file.fingerprint(project))
    {
        return Ok(Read::Unchanged { messages });
    }
    let (page, warnings) = file.parse(project)?;
    let name = store::display_path(rel);
    let catalog_text = FORMAT.source_catalog(&name, &page);
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
            let read = store::read_catalog(files, &locale_dir.join(rel), Catalog::parse);
            let Ok(Some(target)) = read else {
                return Vec::new();
            };
            let origin =
                crate::text::printable(&store::display_path(&rel.with_extension(""))).into_owned();
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
    // (The source catalog is read only for a catalog with something to
    // prune: most have nothing.)
    if !written.units.iter().any(|u| u.obsolete) {
        return None;
    }
    let ids = store::read_source_texts(files, source);
    let live: rustc_hash::FxHashSet<&str> = ids.keys().map(String::as_str).collect();
    let (text, n) = prune(FORMAT, written, &live)?;
    Some(
        files
            .write_if_changed(path, text.as_bytes())
            .map(|_| n)
            .map_err(|e| vec![Error::io(path, e)]),
    )
}

/// The warnings for entries of the catalog at `path` (of page `page`,
/// now `text`) that the merge moved under `## Obsolete` although their
/// ID is probably a mistyped one: each at its line, with the ID meant.
fn mistyped(path: &Path, page: &str, text: &str, mistyped: &[(String, String)]) -> Vec<Error> {
    mistyped
        .iter()
        .map(|(id, meant)| {
            // The entry's line in the obsolete group, at the end.
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    l.strip_prefix(id.as_str())
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .last()
                .map_or(1, |(i, _)| i + 1);
            Error::At {
                path: path.to_path_buf(),
                line,
                column: None,
                message: format!(
                    "`{id}` is not a message of {page}, so it was moved under `## Obsolete`, \
                     where it is not used: did you mean `{meant}`? rename the entry to \
                     `{meant}` and move it above the `## Obsolete` group"
                ),
            }
        })
        .collect()
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
    let parsed =
        store::read_catalog(files, path, |text| FORMAT.read_written(text)).map_err(|e| {
            vec![e.into_error(
                "the catalog is not valid UTF-8 and was left as it is: save it as UTF-8",
            )]
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

/// The resource comment of a new catalog of `locale` for the page `name`.
pub(crate) fn catalog_header(project: &Project, locale: &str, name: &str) -> Vec<String> {
    let name = crate::text::printable(name);
    let config = &project.config;
    vec![
        format!("{locale} translations of `{name}`."),
        format!(
            "Source texts: {}/{}/{}.",
            config.locales_dir.display(),
            config.source_locale,
            store::catalog_name(Path::new(name.as_ref())).display()
        ),
    ]
}
