//! `align`: a site's existing translated pages become catalog entries.
//!
//! Most sites that need fluentmark have translations already, as whole
//! translated copies of their pages. `align` pairs each source page with
//! its translated copy (by path, in the dialect's layout or a folder
//! given), pairs their texts ([`matcher`]: by structure, placeables and
//! numbers, tolerating blocks added, removed, moved, merged or split),
//! and offers each paired text to the locale's catalog as the message's
//! translation ([`crate::catalog::apply`]):
//!
//! - a certain pair is a translation; a doubtful one is fuzzy (`# fuzzy:
//!   aligned from <file>:<line>, check it`); a text with no pair stays
//!   missing;
//! - the translated text's placeables (code, link targets) are mapped to
//!   the source's by value; a link target the translator localized
//!   (`/fr/docs/x` for `/docs/x`) is mapped too, and the rewrite is
//!   reported, never applied silently;
//! - a text the translator left as the source's is not written (it would
//!   be a copy of the source: untranslated);
//! - what the catalog has is never overwritten (unless asked), so a
//!   second run changes nothing;
//! - every translation passes `check`'s rules before it is written.

pub(crate) mod matcher;
pub(crate) mod units;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::catalog::SourceEntry;
use crate::catalog::Translation;
use crate::catalog::apply::{Outcome, Proposal, Target};
use crate::catalog::merge::{SOURCE_CHANGED, similarity, tokens};
use crate::check::rules::{SourceFacts, Standing, judge};
use crate::error::{Error, Result};
use crate::fsutil::Tree;
use crate::page::Page;
use crate::pattern::{Pattern, Piece};
use crate::project::Project;
use crate::store::{self, display_path};
use matcher::Values;
use units::Unit;

/// What to align.
#[derive(Clone, Debug, Default)]
pub struct AlignOptions {
    /// The locale whose catalogs take the translations.
    pub locale: String,
    /// The folder of the translated pages, mirroring the source pages'
    /// paths; `None`: where the dialect keeps the locale's pages.
    pub from: Option<PathBuf>,
    /// Replace translations the catalogs have.
    pub overwrite: bool,
    /// Write nothing: report what would be done.
    pub dry_run: bool,
}

/// What `align` did with one source page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageAlignment {
    /// The source page, relative to `content_dir`.
    pub page: String,
    /// Its translated page, if there is one.
    pub counterpart: Option<PathBuf>,
    /// Its messages.
    pub messages: usize,
    /// Messages given a certain translation (or that had it already).
    pub aligned: usize,
    /// Messages given a fuzzy translation.
    pub fuzzy: usize,
    /// Messages the translated page has as in the source (untranslated
    /// there): not written.
    pub identical: usize,
    /// Messages whose catalog translation was kept (it differs from the
    /// translated page's).
    pub kept: usize,
    /// Messages with no pair.
    pub unaligned: usize,
    /// Messages whose pair `check` would refuse (it adds HTML, a link
    /// definition, template code…): not written.
    pub refused: usize,
    /// Its translated page is one `build` wrote, unchanged since: nothing
    /// to align (it is not counted as paired).
    pub built: bool,
    /// The source's commit the translated page says it was made from
    /// (`default_lang_commit`), where git had the page then: the page was
    /// aligned with that source, and its translations carried to what
    /// changed since as fuzzy.
    pub commit: Option<String>,
}

/// A localized link target: the translated pages link `to` where the
/// source links `from` (e.g. `/fr/` for `/`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rewrite {
    /// What the source's targets have.
    pub from: String,
    /// What the translated pages' targets have instead.
    pub to: String,
    /// How many placeables were mapped through it.
    pub count: usize,
    /// One of them, as the translated page has it.
    pub example: String,
}

/// A localized link target met: `((what the source's has, what the
/// translation's has), the translation's target)`.
pub type LinkMet = ((String, String), String);

/// What `align` did.
#[derive(Debug, Default)]
pub struct AlignReport {
    /// The locale.
    pub locale: String,
    /// Where the translated pages were read.
    pub from: PathBuf,
    /// Each source page, in path order.
    pub pages: Vec<PageAlignment>,
    /// Translated pages with no source page (relative to `from`).
    pub orphans: Vec<PathBuf>,
    /// Localized link targets met, by how they differ.
    pub rewrites: Vec<Rewrite>,
    /// Catalogs written.
    pub catalogs: Vec<PathBuf>,
    /// Pages or catalogs that could not be read or written.
    pub errors: Vec<Error>,
    /// Problems that did not stop a page.
    pub warnings: Vec<Error>,
}

impl AlignReport {
    /// The sums over the pages that have a counterpart.
    pub fn total(&self) -> PageAlignment {
        let mut t = PageAlignment::default();
        for p in self.pages.iter().filter(|p| p.counterpart.is_some()) {
            t.messages += p.messages;
            t.aligned += p.aligned;
            t.fuzzy += p.fuzzy;
            t.identical += p.identical;
            t.kept += p.kept;
            t.unaligned += p.unaligned;
            t.refused += p.refused;
        }
        t
    }
}

/// Where the locale's translated pages are when `--from` is not given: the
/// content folder with its source-locale part swapped for the locale
/// (`content/en` → `content/fr`, FastAPI's `docs/en/docs` →
/// `docs/fr/docs`), else where the dialect puts the locale's pages
/// (Hugo's `content/fr/`, Docusaurus' `i18n/fr/…`).
pub fn default_from(project: &Project, locale: &str) -> Option<PathBuf> {
    let content = project.content_dir();
    let source = &project.config.source_locale;
    let parts: Vec<_> = content.components().collect();
    if let Some(k) = parts.iter().rposition(|c| c.as_os_str() == source.as_str()) {
        let mut swapped = PathBuf::new();
        for (i, c) in parts.iter().enumerate() {
            if i == k {
                swapped.push(locale);
            } else {
                swapped.push(c);
            }
        }
        if swapped.is_dir() {
            return Some(swapped);
        }
    }
    let out = project.output_dir(locale);
    (out.is_dir() && (out != content || project.suffix_layout())).then_some(out)
}

/// Fills the locale's catalogs from its existing translated pages.
pub fn align(project: &Project, options: &AlignOptions) -> Result<AlignReport> {
    let locale = project
        .select_locales(std::slice::from_ref(&options.locale))?
        .remove(0);
    let (from, layout) = match &options.from {
        Some(dir) => (dir.clone(), false),
        None => match default_from(project, &locale) {
            Some(dir) => {
                let layout = dir == project.output_dir(&locale);
                (dir, layout)
            }
            None => {
                return Err(Error::Config {
                    path: project.root.join(crate::project::CONFIG_FILE),
                    message: format!(
                        "no translated pages for `{locale}` where the site keeps them ({}): name their folder with `--from DIR`",
                        project.output_dir(&locale).display()
                    ),
                });
            }
        },
    };
    if !from.is_dir() {
        return Err(Error::Config {
            path: from.clone(),
            message: "`--from` is not a folder: name the folder of the translated pages".into(),
        });
    }
    let walk = store::pages(project)?;
    let tree = Tree::new(&from);
    let counterpart = |rel: &Path| -> Option<PathBuf> {
        if layout {
            let p = project.output_path(&locale, rel);
            return p.is_file().then_some(p);
        }
        let plain = from.join(rel);
        if plain.is_file() && from != project.content_dir() {
            return Some(plain);
        }
        let suffixed = from.join(crate::project::suffixed(rel, &locale));
        suffixed.is_file().then_some(suffixed)
    };
    let written = crate::build::Written::read(project, &locale);
    let results: Vec<PageResult> = walk
        .pages
        .par_iter()
        .map(|rel| {
            let name = display_path(rel);
            let Some(other) = counterpart(rel) else {
                return PageResult::lone(name);
            };
            // A page `build` wrote, as it wrote it: its text came from the
            // catalogs (and from the fallback where they had none, which
            // must not become this locale's translation).
            if written.as_built(project, &other) {
                let mut r = PageResult::lone(name);
                r.alignment.built = true;
                return r;
            }
            let path = project.content_dir().join(rel);
            crate::error::guard(&path, || {
                let mut r = align_page(project, &locale, rel, &other, &tree, options)?;
                // Read where `build` writes the page: adopted, so that
                // `build` may write over it (its text is in the catalog).
                let out = project.output_path(&locale, rel);
                if std::fs::canonicalize(&other)
                    .is_ok_and(|a| std::fs::canonicalize(&out).is_ok_and(|b| a == b))
                {
                    r.adopt = Some(out);
                }
                Ok(r)
            })
            .unwrap_or_else(|e| {
                let mut r = PageResult::lone(name);
                r.alignment.counterpart = Some(project.shown(&other));
                r.errors.push(e);
                r
            })
        })
        .collect();
    let mut report = AlignReport {
        locale: locale.clone(),
        from: project.shown(&from),
        errors: walk.errors,
        warnings: walk.warnings,
        ..AlignReport::default()
    };
    let mut rewrites: FxHashMap<(String, String), (usize, String)> = FxHashMap::default();
    let mut adopted = Vec::new();
    for r in results {
        adopted.extend(r.adopt);
        report.pages.push(r.alignment);
        report.catalogs.extend(r.catalog);
        report.errors.extend(r.errors);
        report.warnings.extend(r.warnings);
        for (key, example) in r.rewrites {
            let e = rewrites.entry(key).or_insert((0, example));
            e.0 += 1;
        }
    }
    report.rewrites = rewrites
        .into_iter()
        .map(|((from, to), (count, example))| Rewrite {
            from,
            to,
            count,
            example,
        })
        .collect();
    report.rewrites.sort();
    report.orphans = orphans(project, &from, &locale, &walk.pages);
    if !adopted.is_empty()
        && !options.dry_run
        && let Err(e) = crate::build::adopt(project, &locale, &adopted)
    {
        report.errors.push(e);
    }
    Ok(report)
}

/// The translated pages under `from` that are no source page's
/// counterpart. In the content folder itself (localized pages beside
/// the source's), only `*.<locale>.md` pages are translated pages.
fn orphans(project: &Project, from: &Path, locale: &str, pages: &[PathBuf]) -> Vec<PathBuf> {
    let tree = Tree::new(from);
    let known: rustc_hash::FxHashSet<&Path> = pages.iter().map(PathBuf::as_path).collect();
    let beside = from == project.content_dir();
    let mut out = Vec::new();
    for ext in project.dialect().page_extensions {
        for file in tree.find(from, ext).files {
            let Ok(rel) = file.strip_prefix(from) else {
                continue;
            };
            let source = if beside {
                let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                match stem.strip_suffix(&format!(".{locale}")) {
                    Some(base) => rel.with_file_name(format!("{base}.{ext}")),
                    None => continue,
                }
            } else {
                rel.to_path_buf()
            };
            if !known.contains(source.as_path()) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// One page's outcome.
struct PageResult {
    alignment: PageAlignment,
    /// The translated page, where `build` writes the page: to adopt.
    adopt: Option<PathBuf>,
    catalog: Option<PathBuf>,
    rewrites: Vec<LinkMet>,
    errors: Vec<Error>,
    warnings: Vec<Error>,
}

impl PageResult {
    fn lone(page: String) -> PageResult {
        PageResult {
            alignment: PageAlignment {
                page,
                ..PageAlignment::default()
            },
            adopt: None,
            catalog: None,
            rewrites: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Placeable values compared as a translated page may localize them.
struct Localized<'a> {
    locale: &'a str,
    source: &'a str,
}

impl Values for Localized<'_> {
    fn same(&self, s: &str, t: &str) -> bool {
        s == t || self.rewrite(s, t).is_some()
    }
}

impl Localized<'_> {
    /// How `t` is `s` localized: a path segment that is the locale
    /// (`/fr/docs/x` for `/docs/x`), or the locale for the source's
    /// (`/en/docs/x`): `(what s has, what t has)` around it.
    fn rewrite(&self, s: &str, t: &str) -> Option<(String, String)> {
        if t.len() <= s.len().saturating_sub(8) || !t.contains('/') {
            return None;
        }
        let is_locale = |seg: &str| {
            seg.eq_ignore_ascii_case(self.locale)
                || seg
                    .split(['-', '_'])
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(self.locale))
                    && seg.len() <= 6
        };
        let mut at = 0;
        for seg in t.split('/') {
            let end = at + seg.len();
            if !seg.is_empty() && is_locale(seg) {
                // Removed: `/fr/docs` → `/docs`.
                let removed = format!("{}{}", &t[..at], t.get(end + 1..).unwrap_or(""));
                if removed == s {
                    return Some((t[..at].to_string(), format!("{}{seg}/", &t[..at])));
                }
                // Swapped: `/fr/docs` → `/en/docs`.
                let swapped = format!("{}{}{}", &t[..at], self.source, &t[end..]);
                if swapped == s {
                    return Some((format!("{}{}", &t[..at], self.source), t[..end].to_string()));
                }
            }
            at = end + 1;
        }
        None
    }
}

/// Below this many texts on its shorter side, a page pair is not doubted
/// as a whole (a short page has little to go by).
const MIN_TEXTS_TO_DOUBT: usize = 4;
/// The share (in tenths) of the shorter side's texts that must be in
/// certain pairs for a page pair to correspond.
const CORRESPONDS_TENTHS: usize = 3;

/// What a source message was offered, from one place in the page.
struct Candidate {
    pattern: Pattern,
    certain: bool,
    /// Where in the translated page (1-based line).
    line: usize,
}

/// A translation found for a source message of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aligned {
    /// The message's index in the source page's messages.
    pub message: usize,
    /// The translated text, its placeables named as the source's.
    pub pattern: Pattern,
    /// Certain (else doubtful: fuzzy).
    pub certain: bool,
    /// Its line in the translated page.
    pub line: usize,
    /// The source text it translated, where the page changed since
    /// (carried to the message's new text, fuzzy).
    pub was: Option<String>,
}

/// The translations `translated` (a translated copy of `source`) gives
/// the source page's messages, one per message that has one, in message
/// order; and the localized link targets met (`(what the source has,
/// what the translation has)`, an example).
#[doc(hidden)]
pub fn align_pages(
    source: &Page,
    translated: &Page,
    locale: &str,
    source_locale: &str,
) -> (Vec<Aligned>, Vec<LinkMet>) {
    let values = Localized {
        locale,
        source: source_locale,
    };
    let (su, sfront) = units::units(source);
    let (tu, tfront) = units::units(translated);
    let mut candidates: FxHashMap<usize, Vec<Candidate>> = FxHashMap::default();
    let mut rewrites = Vec::new();
    let offer = |candidates: &mut FxHashMap<usize, Vec<Candidate>>,
                 s: &Unit,
                 t: &Unit,
                 certain: bool,
                 rewrites: &mut Vec<_>| {
        let (Some((sm, so)), Some((tm, to))) = (s.text, t.text) else {
            return;
        };
        let Some((pattern, exact)) = map_placeables(
            &source.messages[sm].occurrences[so].values,
            &translated.messages[tm].pattern,
            &translated.messages[tm].occurrences[to].values,
            &values,
            rewrites,
        ) else {
            return;
        };
        candidates.entry(sm).or_default().push(Candidate {
            pattern,
            certain: certain && exact,
            line: translated.line_col(t.at).0,
        });
    };
    let pairs = matcher::align(&su, &tu, &values);
    // Whether the translated page is this page's translation at all: a
    // page that is (however old) has most texts of its shorter side in
    // certain pairs; another page (a file renamed over another) has few,
    // and then nothing of it is certain, its front matter included.
    let texts = |units: &[Unit]| units.iter().filter(|u| u.is_text()).count();
    let shorter = texts(&su).min(texts(&tu));
    let certain = pairs.iter().filter(|p| p.certain).count();
    let corresponds = shorter < MIN_TEXTS_TO_DOUBT || certain * 10 >= shorter * CORRESPONDS_TENTHS;
    for p in pairs {
        match p.joined {
            None => offer(
                &mut candidates,
                &su[p.source],
                &tu[p.translated],
                p.certain && corresponds,
                &mut rewrites,
            ),
            Some(k) => {
                // The source's text split in two by the translator: the
                // two texts joined are its translation (doubtful).
                let (Some((sm, so)), Some(first), Some(second)) =
                    (su[p.source].text, tu[p.translated].text, tu[k].text)
                else {
                    continue;
                };
                let (pattern, values_t) = joined(translated, first, second);
                if let Some((pattern, _)) = map_placeables(
                    &source.messages[sm].occurrences[so].values,
                    &pattern,
                    &values_t,
                    &values,
                    &mut rewrites,
                ) {
                    candidates.entry(sm).or_default().push(Candidate {
                        pattern,
                        certain: false,
                        line: translated.line_col(tu[p.translated].at).0,
                    });
                }
            }
        }
    }
    // Front matter: by key.
    for (key, sm, so) in &sfront {
        if let Some((_, tm, to)) = tfront.iter().find(|(k, ..)| k == key) {
            let s = front_unit(source, *sm, *so);
            let t = front_unit(translated, *tm, *to);
            offer(&mut candidates, &s, &t, corresponds, &mut rewrites);
        }
    }
    let mut out: Vec<Aligned> = candidates
        .into_iter()
        .map(|(message, offers)| {
            // A certain offer, if the certain ones agree; else the first.
            let certain: Vec<&Candidate> = offers.iter().filter(|c| c.certain).collect();
            let (chosen, sure) = match certain.first() {
                Some(c) if certain.iter().all(|o| o.pattern == c.pattern) => (*c, true),
                Some(c) => (*c, false),
                None => (&offers[0], false),
            };
            Aligned {
                message,
                pattern: chosen.pattern.clone(),
                certain: sure,
                line: chosen.line,
                was: None,
            }
        })
        .collect();
    out.sort_unstable_by_key(|a| a.message);
    (out, rewrites)
}

/// Whether a translated page was made from the current source page: the
/// same texts of the same kinds, the same skeleton (code, shortcodes) in
/// the same order, the same placeables in each text (link targets, code
/// spans; a localized link as the source's), every translated front
/// matter key, and one translation for each text the source repeats
/// (the page has one message for it). `align` translates such a page
/// whole, all certain.
#[doc(hidden)]
pub fn same_structure(source: &Page, translated: &Page, locale: &str, source_locale: &str) -> bool {
    let values = Localized {
        locale,
        source: source_locale,
    };
    let ((su, sfront), (tu, tfront)) = (units::units(source), units::units(translated));
    su.len() == tu.len()
        && su.iter().zip(&tu).all(|(s, t)| {
            s.shape == t.shape
                && s.vars.len() == t.vars.len()
                && s.vars
                    .iter()
                    .zip(&t.vars)
                    .all(|(a, b)| a.0 == b.0 && values.same(&a.1, &b.1))
        })
        && sfront
            .iter()
            .all(|(key, ..)| tfront.iter().any(|(k, ..)| k == key))
        && {
            let mut translation_of: FxHashMap<usize, usize> = FxHashMap::default();
            let front = sfront.iter().filter_map(|(key, sm, _)| {
                let (_, tm, _) = tfront.iter().find(|(k, ..)| k == key)?;
                Some((*sm, *tm))
            });
            su.iter()
                .zip(&tu)
                .filter_map(|(s, t)| Some((s.text?.0, t.text?.0)))
                .chain(front)
                .all(|(sm, tm)| *translation_of.entry(sm).or_insert(tm) == tm)
        }
}

/// Aligns one page with its translated copy and writes its catalog.
fn align_page(
    project: &Project,
    locale: &str,
    rel: &Path,
    other: &Path,
    tree: &Tree,
    options: &AlignOptions,
) -> Result<PageResult> {
    let overwrite = options.overwrite;
    let name = display_path(rel);
    let mut result = PageResult::lone(name.clone());
    result.alignment.counterpart = Some(project.shown(other));
    let (source, warnings) = store::read_page(project, rel)?;
    result.warnings.extend(warnings);
    let bytes = tree
        .read(other)
        .map_err(|e| Error::io(project.shown(other), e))?
        .unwrap_or_default();
    let translated =
        Page::parse_in(&bytes, project.page_options(), project.dialect()).map_err(|e| {
            Error::At {
                path: project.shown(other),
                line: e.line,
                column: None,
                message: format!("{}; the page was not aligned", e.message),
            }
        })?;
    let source_locale = &project.config.source_locale;
    let then = translated_from(&translated).and_then(|commit| {
        let bytes = source_at(project, rel, commit)?;
        let page = Page::parse_in(&bytes, project.page_options(), project.dialect()).ok()?;
        Some((commit.to_string(), page))
    });
    let (found, rewrites) = match &then {
        Some((commit, old)) => {
            result.alignment.commit = Some(commit.clone());
            let (found, rewrites) = align_pages(old, &translated, locale, source_locale);
            let found = carry(old, &source, found, project.config.fuzzy_threshold);
            (found, rewrites)
        }
        None => align_pages(&source, &translated, locale, source_locale),
    };
    result.rewrites = rewrites;
    let sources: Vec<SourceEntry> = source.messages.iter().map(SourceEntry::of).collect();
    let a = &mut result.alignment;
    a.messages = sources.len();
    a.unaligned = sources.len() - found.len();
    let mut target = match Target::open(project, locale, &name)? {
        Ok(t) => t,
        Err(line) => {
            let path = project.catalog_path(locale, rel);
            return Err(Error::At {
                path: project.shown(&path),
                line,
                column: None,
                message: "Fluent syntax error: nothing was aligned into this catalog; fix it (`fluentmark check` shows it), then align again".into(),
            });
        }
    };
    // (Named from the project's folder where it is inside: a catalog does
    // not depend on where the project is.)
    let shown_other = other
        .strip_prefix(&project.root)
        .map_or_else(|_| project.shown(other), Path::to_path_buf);
    // Where the locale falls back to another (`pt-BR` to `pt`), a text
    // left as the source's must be written, or the other locale's
    // translation would be used in its place: as the source's text, its
    // `identical` finding silenced.
    let falls_back = project.fallback_chain(locale).len() > 1;
    for found in found {
        let slot = found.message;
        let m = &sources[slot];
        if found.pattern == m.pattern {
            a.identical += 1;
            if falls_back {
                let proposal = Proposal {
                    pattern: found.pattern,
                    fuzzy: None,
                    refresh: false,
                    overwrite,
                    ignore: Some("identical"),
                };
                target.propose(&sources, slot, proposal);
            }
            continue;
        }
        let t = Translation {
            id: m.id.clone(),
            pattern: Ok(found.pattern.clone()),
            fuzzy: false,
            obsolete: false,
            line: found.line,
            was: None,
            ignore: target
                .current(&m.id)
                .map(|t| t.ignore.clone())
                .unwrap_or_default(),
        };
        let terms = (project.glossaries(), locale);
        let (standing, _) = judge(m, &SourceFacts::of(m), &t, &project.config, terms);
        if standing == Standing::Broken {
            a.refused += 1;
            continue;
        }
        let fuzzy = match &found.was {
            Some(was) => Some(format!("{SOURCE_CHANGED}{was}")),
            None => (!found.certain).then(|| {
                format!(
                    "aligned from {}:{}, check it",
                    shown_other.display(),
                    found.line
                )
            }),
        };
        let proposal = Proposal {
            pattern: found.pattern,
            fuzzy: fuzzy.clone(),
            refresh: false,
            overwrite,
            ignore: None,
        };
        match target.propose(&sources, slot, proposal) {
            Outcome::Applied | Outcome::Unchanged if fuzzy.is_some() => a.fuzzy += 1,
            Outcome::Applied | Outcome::Unchanged => a.aligned += 1,
            Outcome::Kept => a.kept += 1,
        }
    }
    result.catalog = if options.dry_run {
        target.changed().then(|| project.shown(target.path()))
    } else {
        target.finish(project, &sources)?
    };
    Ok(result)
}

/// Two texts of a page as one, and their placeables' values: the
/// second's placeables renamed apart (`code1` → `code1_2`), a space
/// between them (none after a CJK character).
fn joined(
    page: &Page,
    (m1, o1): (usize, usize),
    (m2, o2): (usize, usize),
) -> (Pattern, Vec<(String, String)>) {
    let (a, b) = (&page.messages[m1], &page.messages[m2]);
    let mut pattern = a.pattern.clone();
    let mut values = a.occurrences[o1].values.clone();
    let wide = pattern.pieces().last().is_some_and(|p| match p {
        Piece::Text(t) => t.chars().last().is_some_and(|c| {
            matches!(c as u32, 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
        }),
        _ => false,
    });
    if !wide {
        pattern.push_text(" ");
    }
    for piece in b.pattern.pieces() {
        match piece {
            Piece::Text(t) => pattern.push_text(t),
            Piece::Var(v) => pattern.push_var(&format!("{v}_2")),
            Piece::Term(t) => pattern.push_term(t.clone()),
        }
    }
    values.extend(
        b.occurrences[o2]
            .values
            .iter()
            .map(|(n, v)| (format!("{n}_2"), v.clone())),
    );
    (pattern, values)
}

/// The front matter key in which a translated page names the source's
/// commit it was translated from (Docsy's, otel's convention).
pub const COMMIT_KEY: &str = "default_lang_commit";

/// The commit a translated page says it was made from, if it says one
/// that can be a commit (7 to 40 hexadecimal digits: the value is the
/// repository's, untrusted, and goes to git).
fn translated_from(translated: &Page) -> Option<&str> {
    translated
        .front_matter
        .get(COMMIT_KEY)?
        .as_str()
        .filter(|c| (7..=40).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The source page as it was at `commit`, from git (`None`: not a git
/// work tree, no git, or no such commit or page).
fn source_at(project: &Project, rel: &Path, commit: &str) -> Option<Vec<u8>> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(project.content_dir())
        .arg("show")
        .arg(format!("{commit}:./{}", display_path(rel)))
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Translations found for the source page as it was (`old`) given to the
/// page as it is (`now`): a message whose text did not change keeps its
/// translation as found; one whose text changed gets the translation of
/// the old text closest to it (as `extract` carries translations, at
/// least `threshold` alike), fuzzy, with the old text; a new one none.
fn carry(old: &Page, now: &Page, found: Vec<Aligned>, threshold: f64) -> Vec<Aligned> {
    let now_ids: FxHashMap<&str, usize> = now
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut out = Vec::with_capacity(found.len());
    let mut changed: Vec<(Aligned, Vec<String>)> = Vec::new();
    for mut a in found {
        let m = &old.messages[a.message];
        match now_ids.get(m.id.as_str()) {
            Some(&i) => {
                a.message = i;
                out.push(a);
            }
            None => changed.push((a, tokens(&m.pattern.to_string()))),
        }
    }
    let old_ids: rustc_hash::FxHashSet<&str> = old.messages.iter().map(|m| m.id.as_str()).collect();
    for (i, m) in now.messages.iter().enumerate() {
        if old_ids.contains(m.id.as_str()) || changed.is_empty() {
            continue;
        }
        let words = tokens(&m.pattern.to_string());
        let best = changed
            .iter()
            .enumerate()
            .map(|(k, (_, w))| (k, similarity(&words, w)))
            .filter(|(_, s)| *s >= threshold)
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((k, _)) = best {
            let (a, _) = changed.swap_remove(k);
            let was = old.messages[a.message].pattern.to_string();
            let values = |page: &Page, m: usize| {
                page.messages[m]
                    .occurrences
                    .first()
                    .map(|o| o.values.clone())
                    .unwrap_or_default()
            };
            out.push(Aligned {
                message: i,
                pattern: rename_by_value(&a.pattern, &values(old, a.message), &values(now, i)),
                certain: false,
                line: a.line,
                was: Some(was),
            });
        }
    }
    out.sort_unstable_by_key(|a| a.message);
    out
}

/// `pattern`'s placeables (named as in `old`'s values) named as in
/// `now`'s where a value is the same (a placeable whose value changed
/// keeps its name: `check` judges it).
fn rename_by_value(
    pattern: &Pattern,
    old: &[(String, String)],
    now: &[(String, String)],
) -> Pattern {
    let mut out = Pattern::with_capacity(pattern.pieces().len());
    for piece in pattern.pieces() {
        match piece {
            Piece::Var(v) => {
                let value = old.iter().find(|(n, _)| n == v).map(|(_, x)| x);
                let name = value
                    .and_then(|x| now.iter().find(|(_, y)| y == x))
                    .map_or(v.as_str(), |(n, _)| n.as_str());
                out.push_var(name);
            }
            Piece::Text(t) => out.push_text(t),
            Piece::Term(t) => out.push_term(t.clone()),
        }
    }
    out
}

/// A front matter text as a unit (its placeables, for mapping).
fn front_unit(page: &Page, m: usize, o: usize) -> Unit {
    Unit {
        shape: units::Shape::Attribute,
        text: Some((m, o)),
        vars: Vec::new(),
        numbers: Vec::new(),
        chars: 0,
        at: page.messages[m].occurrences[o].range.start,
    }
}

/// What a translated placeable becomes.
enum Literal<'a> {
    /// The source's placeable of this name.
    Var(&'a str),
    /// This text.
    Text(&'a str),
}

/// The translated text with its placeables named as the source's, and
/// whether the mapping is exact (each by its value, every source
/// placeable used). A placeable of the translation with no counterpart
/// of its kind becomes its text. `None`: the pattern names a placeable
/// the occurrence has no value for (never, for a parsed page).
fn map_placeables(
    source: &[(String, String)],
    translated: &Pattern,
    values: &[(String, String)],
    localized: &Localized<'_>,
    rewrites: &mut Vec<LinkMet>,
) -> Option<(Pattern, bool)> {
    let kind = |name: &str| {
        name.trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string()
    };
    let values_match = |s: &str, t: &str| localized.same(s, t);
    let mut used = vec![false; source.len()];
    let mut names: FxHashMap<&str, Literal<'_>> = FxHashMap::default();
    let mut exact = true;
    for (name, value) in values {
        let k = kind(name);
        let free = |i: usize, used: &[bool]| !used[i];
        let found = (0..source.len())
            .find(|&i| free(i, &used) && source[i].1 == *value && kind(&source[i].0) == k)
            .or_else(|| (0..source.len()).find(|&i| free(i, &used) && source[i].1 == *value))
            .or_else(|| {
                (0..source.len()).find(|&i| {
                    free(i, &used) && kind(&source[i].0) == k && {
                        match localized.rewrite(&source[i].1, value) {
                            Some(r) => {
                                rewrites.push((r, value.clone()));
                                true
                            }
                            None => false,
                        }
                    }
                })
            })
            .or_else(|| (0..source.len()).find(|&i| source[i].1 == *value))
            .or_else(|| (0..source.len()).find(|&i| free(i, &used) && kind(&source[i].0) == k));
        exact &= found.is_some_and(|i| values_match(&source[i].1, value));
        match found {
            Some(i) => {
                used[i] = true;
                names.insert(name.as_str(), Literal::Var(source[i].0.as_str()));
            }
            // A placeable the translator added (a code span around a
            // word): its text, as the page has it (`check`'s rules then
            // judge it like any text).
            None => {
                names.insert(name.as_str(), Literal::Text(value.as_str()));
            }
        }
    }
    if used.iter().any(|u| !u) {
        exact = false;
    }
    let mut out = Pattern::with_capacity(translated.pieces().len());
    for piece in translated.pieces() {
        match piece {
            Piece::Text(t) => out.push_text(t),
            Piece::Var(v) => match names.get(v.as_str())? {
                Literal::Var(name) => out.push_var(name),
                Literal::Text(text) => out.push_text(text),
            },
            // (A page's text has no terms; a pattern may.)
            Piece::Term(term) => out.push_term(term.clone()),
        }
    }
    Some((out, exact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_localized_link_is_read_as_the_source_s() {
        let l = Localized {
            locale: "fr",
            source: "en",
        };
        assert_eq!(
            l.rewrite("/docs/concepts/", "/fr/docs/concepts/"),
            Some(("/".into(), "/fr/".into()))
        );
        assert_eq!(
            l.rewrite(
                "https://developer.mozilla.org/en-US/docs/Web",
                "https://developer.mozilla.org/fr/docs/Web"
            ),
            None,
            "en-US is not the source locale `en`"
        );
        assert_eq!(
            l.rewrite("https://example.com/en/x", "https://example.com/fr/x"),
            Some((
                "https://example.com/en".into(),
                "https://example.com/fr".into()
            ))
        );
        assert_eq!(l.rewrite("/docs/a/", "/docs/b/"), None);
        assert_eq!(l.rewrite("/docs/", "/fresh/docs/"), None);
    }

    #[test]
    fn placeables_are_mapped_by_value_whatever_their_order() {
        let source = vec![
            ("code1".to_string(), "make".to_string()),
            ("link1".to_string(), "guide.md".to_string()),
        ];
        let mut t = Pattern::from("Voir ");
        t.push_var("link1");
        t.push_text(" puis ");
        t.push_var("code1");
        let values = vec![
            ("link1".to_string(), "guide.md".to_string()),
            ("code1".to_string(), "make".to_string()),
        ];
        let l = Localized {
            locale: "fr",
            source: "en",
        };
        let mut rw = Vec::new();
        let (p, exact) = map_placeables(&source, &t, &values, &l, &mut rw).unwrap();
        assert!(exact);
        assert_eq!(p.to_string(), "Voir { $link1 } puis { $code1 }");
        // A code span the translator changed maps by kind, not exactly.
        let values = vec![
            ("link1".to_string(), "guide.md".to_string()),
            ("code1".to_string(), "make all".to_string()),
        ];
        let (_, exact) = map_placeables(&source, &t, &values, &l, &mut rw).unwrap();
        assert!(!exact);
    }
}
