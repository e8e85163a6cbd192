//! `build`: translated pages from the current pages and the catalogs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::catalog::{Catalog, SourceEntry};
use crate::check::Severity;
use crate::check::rules::{SourceFacts, Standing, judge, resolved};
use crate::error::{Error, Result};
use crate::frontmatter;
use crate::markdown::Block;
use crate::markdown::rebuild::{RenderOptions, render, splice};
use crate::page::{Message, Page};
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::{BelowMinCoverage, Fallback, HeadingIds, Project};
use crate::safety::{Context, Kind, added_structure};
use crate::store::{self, PageFile};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// How to write a localized page.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalizeOptions {
    /// Keep source heading anchors as `{#id}`.
    pub keep_heading_ids: bool,
    /// Accept translations that add raw HTML (trusted translators only).
    pub allow_html: bool,
    /// The translations passed `check`'s rules already (as in `build`):
    /// the guard against added HTML and structure need not run again.
    pub judged: bool,
}

/// A localized page and what happened on the way.
#[derive(Clone, Debug, Default)]
pub struct Localized {
    /// The page text, byte order mark included if the source had one.
    pub text: String,
    /// Messages that used a translation.
    pub translated: usize,
    /// Messages that kept the source text.
    pub untranslated: usize,
    /// Messages whose translation is the source text itself (a name).
    pub identical: usize,
    /// Translations that could not be used (1-based page line, reason);
    /// the source text was kept for them.
    pub problems: Vec<(usize, String)>,
}

/// Writes `page` with each message replaced by its translation, where
/// `translation(id)` has one. Every byte outside translated messages is
/// the source's.
pub fn localize<'t>(
    page: &Page,
    translation: impl Fn(&str) -> Option<&'t Pattern>,
    options: LocalizeOptions,
) -> Localized {
    localize_with(page, translation, options, &Rewrite::default())
}

/// Front matter values rewritten for a locale (`[front_matter.rewrite]`).
#[derive(Clone, Debug, Default)]
pub struct Rewrite<'a> {
    /// The locale, for `{locale}` in templates.
    pub locale: &'a str,
    /// Dotted key and template (`{locale}` and `{value}` are replaced).
    pub templates: Vec<(&'a str, &'a str)>,
    /// Shared by the locales of one page: the front matter rewrite is
    /// checked by a YAML parse once per set of keys rather than per locale.
    pub checked: Option<&'a frontmatter::Checked>,
}

/// [`localize`], with front matter values rewritten per templates.
pub fn localize_with<'t>(
    page: &Page,
    translation: impl Fn(&str) -> Option<&'t Pattern>,
    options: LocalizeOptions,
    rewrite: &Rewrite<'_>,
) -> Localized {
    let render_options = RenderOptions {
        eol: page.eol,
        dialect: page.dialect,
        extensions: page.extensions,
        keep_heading_ids: options.keep_heading_ids,
        ids_by_page: !page.headings.is_empty()
            && page.dialect.explicit_ids != crate::dialect::ExplicitIds::Reserved,
    };
    let mut out = Localized::default();
    let mut edits = Edits::default();
    for m in &page.messages {
        let Some(t) = translation(&m.id) else {
            out.untranslated += 1;
            continue;
        };
        if *t == m.pattern {
            out.identical += 1;
            continue;
        }
        if !options.judged
            && let Some(problem) = refused(page, m, t, options)
        {
            out.untranslated += 1;
            out.problems.push(problem);
            continue;
        }
        out.translated += 1;
        edits.translate(page, m, t, &render_options, &mut out.problems);
    }
    if render_options.ids_by_page && options.keep_heading_ids && out.translated > 0 {
        crate::markdown::rebuild::keep_heading_ids(
            &page.headings,
            &mut edits.text,
            &render_options,
        );
    }
    if page.yaml.is_some() && !rewrite.templates.is_empty() {
        edits.apply_templates(page, rewrite);
    }
    edits.rewrite_front_matter(page, rewrite.checked, &mut out.problems);
    let body = splice(&page.text, &mut edits.text);
    out.text = if page.bom {
        format!("\u{feff}{body}")
    } else {
        body
    };
    out
}

/// A translation is untrusted input to the site: one that adds raw HTML,
/// an event handler, a script URL, a link definition, an attribute list or
/// template code is not used. (`build` gives only translations `check`
/// accepts; this guards the library's callers.) The problem (page line,
/// reason) if `t` is refused.
fn refused(
    page: &Page,
    m: &Message,
    t: &Pattern,
    options: LocalizeOptions,
) -> Option<(usize, String)> {
    let first = m.occurrences.first()?;
    let ctx = Context::of_block(&first.block, false);
    let added: Vec<String> = added_structure(&m.pattern, t, &ctx)
        .into_iter()
        .filter(|a| !(options.allow_html && a.kind == Kind::Html))
        .map(|a| a.what)
        .collect();
    if added.is_empty() {
        return None;
    }
    Some((
        page.line_col(first.range.start).0,
        format!(
            "translation of `{}` adds raw HTML or structure the source does not have ({}); \
             the source text was kept: remove it from the translation",
            m.id,
            added.join(", ")
        ),
    ))
}

/// What localizing a page changes.
#[derive(Default)]
struct Edits {
    /// Byte ranges of the page and their new text.
    text: Vec<(Range<usize>, String)>,
    /// Front matter keys (dotted) and their new values.
    yaml: Vec<(String, String)>,
}

impl Edits {
    /// Puts translation `t` of `m` at each of its occurrences; an
    /// occurrence whose values do not fill it keeps the source text, with a
    /// problem (page line, reason).
    fn translate(
        &mut self,
        page: &Page,
        m: &Message,
        t: &Pattern,
        render_options: &RenderOptions<'_>,
        problems: &mut Vec<(usize, String)>,
    ) {
        for occ in &m.occurrences {
            let unknown = |name: String| {
                (
                    page.line_col(occ.range.start).0,
                    format!(
                        "translation of `{}` uses {{ ${name} }}, which the source text does not have: \
                         the source text was kept; use only the placeables of the source catalog",
                        m.id
                    ),
                )
            };
            if let Block::FrontMatter { key } = &occ.block {
                match t.fill(|name| occ.value(name)) {
                    Ok(text) => self.yaml.push((key.clone(), text)),
                    Err(name) => problems.push(unknown(name)),
                }
                continue;
            }
            match render(occ, t, render_options) {
                Ok(text) => self.text.push((occ.range.clone(), text)),
                Err(name) => problems.push(unknown(name)),
            }
        }
    }

    /// Rewrites front matter values per `rewrite`'s templates, after their
    /// translation if they have one.
    fn apply_templates(&mut self, page: &Page, rewrite: &Rewrite<'_>) {
        for (key, template) in &rewrite.templates {
            let current = self
                .yaml
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    frontmatter::lookup(&page.front_matter, key)?
                        .as_str()
                        .map(str::to_string)
                });
            let Some(current) = current else { continue };
            let new = template
                .replace("{locale}", rewrite.locale)
                .replace("{value}", &current);
            self.yaml.retain(|(k, _)| k != key);
            self.yaml.push((key.to_string(), new));
        }
    }

    /// Turns the front matter edits into one edit of the page's front
    /// matter, every other byte of it kept; a problem if it cannot be done.
    fn rewrite_front_matter(
        &mut self,
        page: &Page,
        checked: Option<&frontmatter::Checked>,
        problems: &mut Vec<(usize, String)>,
    ) {
        let Some(yaml) = page.yaml.as_ref().filter(|_| !self.yaml.is_empty()) else {
            return;
        };
        match frontmatter::rewrite(&page.text[yaml.clone()], &page.front_matter, &self.yaml, checked) {
            Ok(new) => self.text.push((yaml.clone(), new)),
            Err(key) => problems.push((
                page.line_col(yaml.start).0,
                format!(
                    "front matter key `{key}` could not be rewritten in place; the source values were kept: \
                     write it as a plain `{key}: value` line"
                ),
            )),
        }
    }
}

/// Per-locale numbers of a build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocaleBuild {
    /// Pages written (new or changed).
    pub written: usize,
    /// Pages generated.
    pub pages: usize,
    /// Messages translated.
    pub translated: usize,
    /// Messages that kept the source text.
    pub untranslated: usize,
    /// Pages not emitted: below `[build] min_coverage`.
    pub skipped: usize,
    /// Pages emitted in the source language (`fallback = "page"`).
    pub whole_page_fallback: usize,
    /// Other files (images, includes) copied beside the pages (new or
    /// changed).
    pub assets_copied: usize,
    /// Files an earlier build wrote whose page (or file) is gone, removed.
    pub removed: usize,
    /// Pages not built again (counted in `pages`): their page, catalogs,
    /// glossary, settings and fluentmark's version are what the last build
    /// read, and the built page still holds what it wrote.
    pub unchanged: usize,
}

/// How to build.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildOptions {
    /// Build every page, even one whose inputs did not change since the
    /// last build (`--force`).
    pub force: bool,
}

/// The file, in each locale's output folder, listing what `build` wrote
/// there: what it may remove once its page is gone (and nothing else).
pub const MANIFEST: &str = ".fluentmark.manifest";

/// What `build` did.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Source pages read.
    pub pages: usize,
    /// Numbers per locale.
    pub locales: BTreeMap<String, LocaleBuild>,
    /// Pages or files that failed; the others were processed.
    pub errors: Vec<Error>,
    /// Translations that could not be used, broken catalogs.
    pub warnings: Vec<Error>,
    /// What this run wrote (or found written already), for the manifest.
    outputs: Vec<Output>,
}

/// A file `build` wrote (or found written already) in a locale's output
/// folder.
#[derive(Debug)]
struct Output {
    locale: String,
    path: PathBuf,
    /// A hash of its bytes ([`content_hash`]).
    hash: u64,
    /// For a page built without a problem: what it was built from.
    built: Option<Built>,
}

/// What a page was built from and what it gave, as the manifest records
/// it: enough to skip the page next time and still count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Built {
    /// A hash of the page's inputs (see [`Prior::inputs`]).
    inputs: u64,
    /// Messages translated (or meant to be identical).
    translated: usize,
    /// Messages that kept the source text.
    untranslated: usize,
    /// Emitted whole in the source language (`fallback = "page"`).
    whole_page: bool,
}

impl Built {
    /// `.<inputs>.<translated>.<untranslated>.<p|m>`, after the file's hash.
    fn write(&self, out: &mut String) {
        let whole = if self.whole_page { 'p' } else { 'm' };
        let _ = write!(
            out,
            ".{:016x}.{}.{}.{whole}",
            self.inputs, self.translated, self.untranslated
        );
    }

    /// Reads what [`Built::write`] wrote (without the leading dot, split
    /// at dots); `None` for anything else.
    fn read<'a>(mut fields: impl Iterator<Item = &'a str>) -> Option<Built> {
        let inputs = u64::from_str_radix(fields.next()?, 16).ok()?;
        let translated = fields.next()?.parse().ok()?;
        let untranslated = fields.next()?.parse().ok()?;
        let whole_page = match fields.next()? {
            "p" => true,
            "m" => false,
            _ => return None,
        };
        fields.next().is_none().then_some(Built {
            inputs,
            translated,
            untranslated,
            whole_page,
        })
    }
}

/// A locale's manifest, as read: what `build` wrote in its output folder.
///
/// One line per file, `<hash> <path>`: the hash of the bytes build wrote
/// (16 hexadecimal digits) and the path in the folder, `/`-separated. A
/// page built without a problem has its [`Built`] record in the same
/// token, `<hash>.<inputs>.<translated>.<untranslated>.<p|m> <path>`. A
/// manifest of an older fluentmark has no records, so every page is built
/// again; a record that does not read is no record (the file's line still
/// counts, the page is built again). An older fluentmark reading this
/// one ignores the lines with records.
#[derive(Debug, Default)]
struct Manifest {
    /// The locale's output folder.
    root: PathBuf,
    /// Path in the folder -> hash of the bytes build wrote there.
    files: BTreeMap<String, u64>,
    /// Path in the folder -> how its page was built.
    pages: FxHashMap<String, Built>,
    /// The file as read (empty if there was none).
    text: String,
}

impl Manifest {
    /// Reads the manifest of `locale`'s output folder (empty if there is
    /// none).
    fn read(project: &Project, locale: &str) -> Result<Manifest> {
        let root = project.output_dir(locale);
        let path = root.join(MANIFEST);
        let text = match project.files().read(&path) {
            Ok(Some(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
            Ok(None) => String::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut manifest = Manifest {
            root,
            ..Manifest::default()
        };
        for line in text.lines() {
            let Some((token, entry)) = line.split_once(' ') else {
                continue;
            };
            let mut fields = token.split('.');
            let Some(hash) = fields.next().and_then(|h| u64::from_str_radix(h, 16).ok()) else {
                continue;
            };
            manifest.files.insert(entry.to_string(), hash);
            if let Some(built) = Built::read(fields) {
                manifest.pages.insert(entry.to_string(), built);
            }
        }
        manifest.text = text;
        Ok(manifest)
    }

    /// A path of the output folder as the manifest writes it; `None` if
    /// it is not in the folder.
    fn entry(&self, path: &Path) -> Option<String> {
        Some(
            path.strip_prefix(&self.root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/"),
        )
    }

    /// Writes the manifest anew with `entries`: for each, what this run
    /// wrote there (`fresh`), else what the manifest said.
    fn write<'e>(
        &self,
        project: &Project,
        entries: impl Iterator<Item = &'e String>,
        fresh: &BTreeMap<String, (u64, Option<Built>)>,
        report: &mut BuildReport,
    ) {
        let mut text = String::new();
        for e in entries {
            let (hash, built) = match fresh.get(e) {
                Some(&(hash, built)) => (hash, built),
                None => match self.files.get(e) {
                    Some(&hash) => (hash, self.pages.get(e).copied()),
                    None => continue,
                },
            };
            let _ = write!(text, "{hash:016x}");
            if let Some(built) = built {
                built.write(&mut text);
            }
            let _ = writeln!(text, " {e}");
        }
        let path = self.root.join(MANIFEST);
        if (!text.is_empty() || !self.text.is_empty())
            && let Err(e) = project.files().write_if_changed(&path, text.as_bytes())
        {
            report.errors.push(Error::io(&path, e));
        }
    }

    /// What this run wrote in the folder, by entry.
    fn fresh(&self, locale: &str, report: &BuildReport) -> BTreeMap<String, (u64, Option<Built>)> {
        report
            .outputs
            .iter()
            .filter(|o| o.locale == locale)
            .filter_map(|o| Some((self.entry(&o.path)?, (o.hash, o.built))))
            .collect()
    }
}

/// What the last build left, to skip the pages whose inputs did not
/// change: each locale's manifest and a hash of the glossaries it reads.
struct Prior {
    /// Each locale's manifest; `None` if it could not be read (reported).
    manifests: BTreeMap<String, Option<Manifest>>,
    /// A hash of the glossaries each locale's pages read (its fallback
    /// chain's and the source locale's); `None` if one could not be read.
    glossaries: BTreeMap<String, Option<u64>>,
    /// Skip nothing (`--force`).
    force: bool,
}

impl Prior {
    /// Reads the manifests and glossaries of `locales`; an unreadable
    /// manifest is an error in `report` (its locale is then built whole
    /// and its manifest left as it is).
    fn read(project: &Project, locales: &[String], force: bool, report: &mut BuildReport) -> Prior {
        let mut prior = Prior {
            manifests: BTreeMap::new(),
            glossaries: BTreeMap::new(),
            force,
        };
        // Each locale's glossary, hashed; `None` if it cannot be read.
        let mut glossary: BTreeMap<String, Option<u64>> = BTreeMap::new();
        for locale in locales {
            let manifest = Manifest::read(project, locale)
                .map_err(|e| report.errors.push(e))
                .ok();
            prior.manifests.insert(locale.clone(), manifest);
            let mut chain = project.fallback_chain(locale);
            chain.push(project.config.source_locale.clone());
            let hashes: Option<Vec<u8>> = chain
                .iter()
                .map(|l| {
                    let hash = glossary.entry(l.clone()).or_insert_with(|| {
                        match project.files().read(&project.glossary_path(l)) {
                            Ok(Some(bytes)) => {
                                Some(crate::fsutil::hash_parts([b"glossary", &bytes[..]]))
                            }
                            Ok(None) => {
                                Some(crate::fsutil::hash_parts([b"no glossary".as_slice()]))
                            }
                            Err(_) => None,
                        }
                    });
                    hash.map(u64::to_le_bytes)
                })
                .collect::<Option<Vec<_>>>()
                .map(|h| h.concat());
            let hash = hashes.map(|h| crate::fsutil::hash_parts([h.as_slice()]));
            prior.glossaries.insert(locale.clone(), hash);
        }
        prior
    }

    /// A hash of what the page (`bytes`) is built from in `locale`
    /// (fallback `chain`): the settings and fluentmark's version, the page,
    /// the chain's catalogs of the page (as read in `catalogs`) and the
    /// glossaries. `None` if one of them could not be read.
    fn inputs(
        &self,
        project: &Project,
        locale: &str,
        bytes: &[u8],
        chain: &[String],
        catalogs: &BTreeMap<String, std::io::Result<Option<Vec<u8>>>>,
    ) -> Option<u64> {
        let settings = project.settings_fingerprint().to_le_bytes();
        let glossaries = (*self.glossaries.get(locale)?)?.to_le_bytes();
        let mut parts: Vec<&[u8]> = vec![&settings, &glossaries, bytes];
        for l in chain {
            match catalogs.get(l)?.as_ref().ok()? {
                Some(catalog) => parts.extend([b"catalog".as_slice(), catalog]),
                None => parts.push(b"no catalog"),
            }
        }
        Some(crate::fsutil::hash_parts(parts))
    }

    /// Why the page `rel` must not be written in `locale`: a file is there
    /// that is not what `build` would write, and that fluentmark did not
    /// write (its manifest does not list it: a translated page of the
    /// site's own) or that was edited since it did. Either is a
    /// translator's work, kept until `align` adopts it.
    fn foreign(&self, project: &Project, locale: &str, rel: &Path, text: &str) -> Option<Error> {
        let manifest = self.manifests.get(locale)?.as_ref()?;
        let out = project.output_path(locale, rel);
        let entry = manifest.entry(&out)?;
        let bytes = project.files().read(&out).ok()??;
        if bytes == text.as_bytes() {
            return None;
        }
        let what = match manifest.files.get(&entry) {
            Some(&hash) if hash == content_hash(&bytes) => return None,
            Some(_) => "this page was edited since fluentmark built it",
            None => "a page is here that fluentmark did not write (the site's own translation?)",
        };
        Some(Error::At {
            path: project.shown(&out),
            line: 1,
            column: None,
            message: format!(
                "{what}: kept, not built over; bring its text into the catalogs with \
                 `fluentmark align --locale {locale}`, which lets `build` replace it, or remove it"
            ),
        })
    }

    /// How the page `rel` was built in `locale`, and where and what its
    /// output is, if the last build recorded the same `inputs` and the
    /// output still holds what it wrote.
    fn unchanged(
        &self,
        project: &Project,
        locale: &str,
        rel: &Path,
        inputs: u64,
    ) -> Option<(Built, PathBuf, u64)> {
        if self.force {
            return None;
        }
        let manifest = self.manifests.get(locale)?.as_ref()?;
        let out = project.output_path(locale, rel);
        let entry = manifest.entry(&out)?;
        let built = *manifest.pages.get(&entry).filter(|b| b.inputs == inputs)?;
        let hash = *manifest.files.get(&entry)?;
        let bytes = project.files().read(&out).ok()??;
        (content_hash(&bytes) == hash).then_some((built, out, hash))
    }
}

impl BuildReport {
    /// Adds a page's report to this one.
    fn add(&mut self, r: BuildReport) {
        self.pages += r.pages;
        self.errors.extend(r.errors);
        self.warnings.extend(r.warnings);
        for (locale, s) in r.locales {
            let total = self.locales.entry(locale).or_default();
            total.pages += s.pages;
            total.written += s.written;
            total.translated += s.translated;
            total.untranslated += s.untranslated;
            total.skipped += s.skipped;
            total.whole_page_fallback += s.whole_page_fallback;
            total.assets_copied += s.assets_copied;
            total.removed += s.removed;
            total.unchanged += s.unchanged;
        }
        self.outputs.extend(r.outputs);
    }
}

/// What `build` wrote for a locale, as its manifest says.
pub(crate) struct Written(Option<Manifest>);

impl Written {
    /// Reads `locale`'s manifest (none if it cannot be read).
    pub(crate) fn read(project: &Project, locale: &str) -> Written {
        Written(Manifest::read(project, locale).ok())
    }

    /// Whether the file at `path` is as `build` built it (the manifest has
    /// its build's record, and its bytes): its text came from the
    /// catalogs, nothing in it is a translator's. (A page `align` adopted
    /// has no record until it is built.)
    pub(crate) fn as_built(&self, project: &Project, path: &Path) -> bool {
        let Some(manifest) = &self.0 else {
            return false;
        };
        // (Read only a page the manifest has a build record of.)
        let Some(&hash) = manifest
            .entry(path)
            .filter(|e| manifest.pages.contains_key(e))
            .and_then(|e| manifest.files.get(&e))
        else {
            return false;
        };
        project
            .files()
            .read(path)
            .is_ok_and(|b| b.is_some_and(|b| content_hash(&b) == hash))
    }
}

/// Records pages of `locale` that the site had, or that were edited
/// since `build` wrote them (translated pages `align` read, at the paths
/// `build` writes), in its manifest as they are now, so that `build` may
/// replace them: their translations are in the catalogs.
pub fn adopt(project: &Project, locale: &str, pages: &[PathBuf]) -> Result<()> {
    let mut manifest = Manifest::read(project, locale)?;
    for page in pages {
        let (Some(entry), Ok(Some(bytes))) = (manifest.entry(page), project.files().read(page))
        else {
            continue;
        };
        // (Its bytes as they are now, and no record of a build: the next
        // build builds it from the catalogs.)
        manifest.pages.remove(&entry);
        manifest.files.insert(entry, content_hash(&bytes));
    }
    let mut report = BuildReport::default();
    let entries: Vec<String> = manifest.files.keys().cloned().collect();
    manifest.write(project, entries.iter(), &BTreeMap::new(), &mut report);
    report.errors.into_iter().next().map_or(Ok(()), Err)
}

/// A hash of a file's bytes for the manifest: a file whose bytes changed
/// since build wrote it (a translator's edit) is never removed.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Runs `build` for `locales` (all configured locales when empty).
pub fn build(project: &Project, locales: &[String]) -> Result<BuildReport> {
    build_with(project, locales, BuildOptions::default(), &Silent)
}

/// [`build`] with `options`, telling `progress` how far it got. Pages
/// are built in parallel; the result does not depend on the number of
/// threads. A page whose inputs are what the last build read, and whose
/// output still holds what it wrote, is not built again (unless
/// `options.force`); a page whose build reported a problem is built
/// every time, so that the problem is reported every time.
pub fn build_with(
    project: &Project,
    locales: &[String],
    options: BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport> {
    let locales = project.select_locales(locales)?;
    let walk = store::pages(project)?;
    let pages = walk.pages;
    let assets = walk.assets;
    let mut report = BuildReport {
        errors: walk.errors,
        warnings: walk.warnings,
        ..BuildReport::default()
    };
    let mut prior = Prior::read(project, &locales, options.force, &mut report);
    progress.phase("building pages", pages.len());
    let per_page = build_each(project, &locales, &pages, &prior, progress);
    copy_assets(project, &locales, &assets, &mut report);
    for r in per_page {
        report.add(r);
    }
    for locale in &locales {
        if let Some(Some(manifest)) = prior.manifests.remove(locale) {
            remove_gone(project, locale, &pages, &assets, &manifest, &mut report);
        }
    }
    Ok(report)
}

/// Builds `pages` for `locales` in parallel, each page on its own: a page
/// that fails (even by a panic) is an error of its own report.
fn build_each(
    project: &Project,
    locales: &[String],
    pages: &[PathBuf],
    prior: &Prior,
    progress: &dyn Progress,
) -> Vec<BuildReport> {
    pages
        .par_iter()
        .map(|rel| {
            let path = project.content_dir().join(rel);
            let r = crate::error::guard(&path, || Ok(build_page(project, locales, rel, prior)))
                .unwrap_or_else(|e| BuildReport {
                    errors: vec![e],
                    ..BuildReport::default()
                });
            progress.advance(1);
            r
        })
        .collect()
}

/// Removes what an earlier build wrote for `locale` (as its manifest says)
/// whose page or file is no longer there, and writes the manifest anew.
/// A file is removed only if its bytes are still those build wrote (a
/// translator's edit is never deleted); the manifest comes with the
/// repository, so an entry that is not a plain relative path, or a file
/// that is not a regular file where it says (a link, a folder, behind a
/// link), is left alone too.
fn remove_gone(
    project: &Project,
    locale: &str,
    pages: &[std::path::PathBuf],
    assets: &[std::path::PathBuf],
    manifest: &Manifest,
    report: &mut BuildReport,
) {
    let root = &manifest.root;
    let copied = project.copies_assets();
    let expected: std::collections::BTreeSet<String> = pages
        .iter()
        .chain(assets.iter().filter(|a| copied && !project.is_site_file(a)))
        .filter_map(|rel| manifest.entry(&project.output_path(locale, rel)))
        .collect();
    let fresh = manifest.fresh(locale, report);
    let stats = report.locales.entry(locale.to_string()).or_default();
    for (entry, hash) in manifest
        .files
        .iter()
        .filter(|(e, _)| !expected.contains(*e))
    {
        let rel = Path::new(entry);
        let plain = rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        let path = root.join(rel);
        let behind_no_link = path
            .parent()
            .is_some_and(|dir| project.files().folder(dir, false).unwrap_or(false));
        let ours = plain
            && behind_no_link
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file())
            && project
                .files()
                .read(&path)
                .is_ok_and(|b| b.is_some_and(|b| content_hash(&b) == *hash));
        if ours {
            match std::fs::remove_file(&path) {
                Ok(()) => stats.removed += 1,
                Err(e) => report.errors.push(Error::io(&path, e)),
            }
        }
    }
    manifest.write(project, expected.iter(), &fresh, report);
}

/// Copies the content folder's other files (images, includes) to each
/// locale's pages, where the generator resolves a localized page's
/// relative paths; an unchanged copy is not written again. (Not for a
/// layout that writes localized pages beside the source pages: they see
/// the same files.)
fn copy_assets(
    project: &Project,
    locales: &[String],
    assets: &[std::path::PathBuf],
    report: &mut BuildReport,
) {
    if !project.copies_assets() || assets.is_empty() {
        return;
    }
    let content = project.content_dir();
    for rel in assets.iter().filter(|rel| !project.is_site_file(rel)) {
        let from = content.join(rel);
        let bytes = match project.files().read(&from) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => continue,
            Err(e) => {
                report.errors.push(Error::io(&from, e));
                continue;
            }
        };
        for locale in locales {
            let to = project.output_path(locale, rel);
            match project.files().write_if_changed(&to, &bytes) {
                Ok(written) => {
                    if written {
                        report
                            .locales
                            .entry(locale.clone())
                            .or_default()
                            .assets_copied += 1;
                    }
                    report.outputs.push(Output {
                        locale: locale.clone(),
                        path: to,
                        hash: content_hash(&bytes),
                        built: None,
                    });
                }
                Err(e) => report.errors.push(Error::io(&to, e)),
            }
        }
    }
}

/// Builds `pages` (relative to `content_dir`) for `locales` (all when
/// empty): what a watcher does when a page or a catalog is saved. As in
/// [`build_with`], a page whose inputs did not change is not built again;
/// the manifest records the pages built. Files are not copied and
/// nothing is removed (a full `build` does that).
pub fn build_pages(
    project: &Project,
    locales: &[String],
    pages: &[PathBuf],
) -> Result<BuildReport> {
    let locales = project.select_locales(locales)?;
    let mut report = BuildReport::default();
    let prior = Prior::read(project, &locales, false, &mut report);
    for r in build_each(project, &locales, pages, &prior, &Silent) {
        report.add(r);
    }
    for (locale, manifest) in &prior.manifests {
        if let Some(manifest) = manifest {
            let fresh = manifest.fresh(locale, &report);
            let entries: std::collections::BTreeSet<&String> =
                manifest.files.keys().chain(fresh.keys()).collect();
            manifest.write(project, entries.into_iter(), &fresh, &mut report);
        }
    }
    Ok(report)
}

/// Builds one page for every locale, but for the locales where its
/// inputs did not change since the last build.
fn build_page(project: &Project, locales: &[String], rel: &Path, prior: &Prior) -> BuildReport {
    let mut report = BuildReport::default();
    let file = match PageFile::read(project, rel) {
        Ok(file) => file,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    // The catalogs every locale's chain reads, each read once: hashed
    // first, parsed only for the locales built.
    let chains: Vec<Vec<String>> = locales.iter().map(|l| project.fallback_chain(l)).collect();
    let mut read: BTreeMap<String, std::io::Result<Option<Vec<u8>>>> = BTreeMap::new();
    for l in chains.iter().flatten() {
        if !read.contains_key(l) {
            let bytes = project.files().read(&project.catalog_path(l, rel));
            read.insert(l.clone(), bytes);
        }
    }
    let mut todo = Vec::new();
    for (locale, chain) in locales.iter().zip(&chains) {
        let inputs = prior.inputs(project, locale, &file.bytes, chain, &read);
        match inputs.and_then(|h| prior.unchanged(project, locale, rel, h)) {
            Some((built, path, hash)) => {
                let stats = report.locales.entry(locale.clone()).or_default();
                stats.pages += 1;
                stats.unchanged += 1;
                stats.translated += built.translated;
                stats.untranslated += built.untranslated;
                stats.whole_page_fallback += usize::from(built.whole_page);
                report.outputs.push(Output {
                    locale: locale.clone(),
                    path,
                    hash,
                    built: Some(built),
                });
            }
            None => todo.push((locale, chain, inputs)),
        }
    }
    if todo.is_empty() {
        report.pages += 1;
        return report;
    }
    let (page, warnings) = match file.parse(project) {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    report.warnings.extend(warnings);
    report.pages += 1;
    let job = PageBuild {
        project,
        rel,
        page: &page,
        options: LocalizeOptions {
            keep_heading_ids: project.config.heading_ids == HeadingIds::Keep,
            allow_html: project.config.allow_html,
            judged: true,
        },
    };
    let templates: Vec<(&str, &str)> = project
        .config
        .front_matter
        .rewrite
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let checked = frontmatter::Checked::default();
    // The source messages as `check` judges translations against them.
    let entries: Vec<SourceEntry> = page.messages.iter().map(SourceEntry::of).collect();
    let facts: Vec<SourceFacts> = entries.iter().map(SourceFacts::of).collect();
    let mut catalogs: BTreeMap<String, Option<Catalog>> = BTreeMap::new();
    for (locale, chain, inputs) in todo {
        for l in chain {
            if !catalogs.contains_key(l) {
                let bytes = read.remove(l).unwrap_or(Ok(None));
                let c = load_catalog(project, l, rel, bytes, &mut report);
                catalogs.insert(l.clone(), c);
            }
        }
        let source = (entries.as_slice(), facts.as_slice());
        let chosen = job.choose(source, locale, chain, &catalogs, &mut report);
        let rewrite = Rewrite {
            locale,
            templates: templates.clone(),
            checked: Some(&checked),
        };
        let localized = localize_with(
            &page,
            |id| chosen.get(id).map(|p| &**p),
            job.options,
            &rewrite,
        );
        if let Some((localized, whole_page)) = job.apply_policies(localized, &rewrite, &mut report)
        {
            if let Some(e) = prior.foreign(project, locale, rel, &localized.text) {
                report.errors.push(e);
                continue;
            }
            job.emit(locale, &localized, (inputs, whole_page), &mut report);
        }
    }
    // A problem is reported again by the next build: the page is not
    // recorded as built from its inputs.
    if !report.errors.is_empty() || !report.warnings.is_empty() {
        for output in &mut report.outputs {
            output.built = None;
        }
    }
    report
}

/// One page being built, for each locale in turn.
struct PageBuild<'a> {
    project: &'a Project,
    /// The page, relative to `content_dir`.
    rel: &'a Path,
    page: &'a Page,
    options: LocalizeOptions,
}

impl<'a> PageBuild<'a> {
    /// The translation `build` uses for each message of the page in
    /// `locale`: the first along the fallback chain that `check` calls
    /// translated (or fuzzy, with `use_fuzzy`). A translation of the
    /// locale's own catalog that `check` calls an error is reported, and
    /// the chain goes on. Terms are resolved with the glossary of the
    /// catalog's locale.
    fn choose<'c>(
        &self,
        (entries, facts): (&[SourceEntry], &[SourceFacts<'_>]),
        locale: &str,
        chain: &[String],
        catalogs: &'c BTreeMap<String, Option<Catalog>>,
        report: &mut BuildReport,
    ) -> FxHashMap<&'a str, std::borrow::Cow<'c, Pattern>> {
        let mut chosen = FxHashMap::default();
        let config = &self.project.config;
        let glossaries = self.project.glossaries();
        for ((m, entry), facts) in self.page.messages.iter().zip(entries).zip(facts) {
            for l in chain {
                let Some(t) = catalogs
                    .get(l)
                    .and_then(Option::as_ref)
                    .and_then(|c| c.get(&m.id))
                else {
                    continue;
                };
                let (standing, problems) = judge(entry, facts, t, config, (glossaries, l));
                match standing {
                    Standing::Translated => {}
                    Standing::Fuzzy if config.use_fuzzy => {}
                    Standing::Fuzzy | Standing::Identical => continue,
                    Standing::Broken => {
                        if l == locale {
                            let errors = problems.iter().filter(|p| p.0 == Severity::Error);
                            for (_, _, message, hint) in errors {
                                report.warnings.push(Error::At {
                                    path: self.project.catalog_path(l, self.rel),
                                    line: t.line,
                                    column: None,
                                    message: format!(
                                        "{message}; the source text was kept (`fluentmark check` reports it too): {hint}"
                                    ),
                                });
                            }
                        }
                        continue;
                    }
                }
                let p = match &t.pattern {
                    Ok(p) if !p.has_terms() => Some(std::borrow::Cow::Borrowed(p)),
                    _ => resolved(entry, t, (glossaries, l)).0,
                };
                if let Some(p) = p {
                    chosen.insert(m.id.as_str(), p);
                }
                break;
            }
        }
        chosen
    }

    /// The page-level policies. A page below `[build] min_coverage` is not
    /// emitted (`None`; an older build of it would be stale and is
    /// removed) or gets a notice, per `below_min_coverage`; with
    /// `fallback = "page"`, a page not wholly translated is emitted in the
    /// source language (Docusaurus' model), and says so (`true`).
    fn apply_policies(
        &self,
        mut localized: Localized,
        rewrite: &Rewrite<'_>,
        report: &mut BuildReport,
    ) -> Option<(Localized, bool)> {
        let locale = rewrite.locale;
        let total = localized.translated + localized.untranslated + localized.identical;
        let percent = if total == 0 {
            100.0
        } else {
            100.0 * (localized.translated + localized.identical) as f64 / total as f64
        };
        let policy = &self.project.config.build;
        let stats = report.locales.entry(locale.to_string()).or_default();
        if percent + 1e-9 < policy.min_coverage {
            match policy.below_min_coverage {
                BelowMinCoverage::Skip => {
                    let out_path = self.project.output_path(locale, self.rel);
                    if out_path.exists()
                        && let Err(e) = std::fs::remove_file(&out_path)
                    {
                        report.errors.push(Error::io(&out_path, e));
                    }
                    stats.skipped += 1;
                    return None;
                }
                BelowMinCoverage::Notice => {
                    let notice = policy
                        .notice
                        .replace("{percent}", &format!("{percent:.0}"))
                        .replace("{locale}", locale);
                    localized.text = insert_notice(&localized.text, self.page, &notice);
                }
            }
        } else if policy.fallback == Fallback::Page && percent < 100.0 {
            localized = localize_with(self.page, |_| None, self.options, rewrite);
            stats.whole_page_fallback += 1;
            return Some((localized, true));
        }
        Some((localized, false))
    }

    /// Reports the translations that could not be used, counts the page
    /// and writes it (if it changed). `inputs` (hashed, if they could all
    /// be read) and whether it is emitted whole in the source language go
    /// to the manifest.
    fn emit(
        &self,
        locale: &str,
        localized: &Localized,
        (inputs, whole_page): (Option<u64>, bool),
        report: &mut BuildReport,
    ) {
        for (line, message) in &localized.problems {
            report.warnings.push(Error::At {
                path: self.project.catalog_path(locale, self.rel),
                line: *line,
                column: None,
                message: format!("{message} (page line {line})"),
            });
        }
        let stats = report.locales.entry(locale.to_string()).or_default();
        stats.pages += 1;
        // (A translation equal to the source is used only when it is meant
        // to be: a name marked `fluentmark-ignore: identical`, a number.)
        stats.translated += localized.translated + localized.identical;
        stats.untranslated += localized.untranslated;
        let out_path = self.project.output_path(locale, self.rel);
        match self
            .project
            .files()
            .write_if_changed(&out_path, localized.text.as_bytes())
        {
            Ok(written) => {
                stats.written += usize::from(written);
                let built = inputs.map(|inputs| Built {
                    inputs,
                    translated: localized.translated + localized.identical,
                    untranslated: localized.untranslated,
                    whole_page,
                });
                report.outputs.push(Output {
                    locale: locale.to_string(),
                    path: out_path,
                    hash: content_hash(localized.text.as_bytes()),
                    built,
                });
            }
            Err(e) => report.errors.push(Error::io(&out_path, e)),
        }
    }
}

/// The page with `notice` (Markdown) at the start of its body, after the
/// front matter, followed by a blank line.
fn insert_notice(text: &str, page: &Page, notice: &str) -> String {
    // Translated front matter changes length: find the body again by its
    // closing delimiter line.
    let bom = if page.bom { "\u{feff}" } else { "" };
    let rest = &text[bom.len()..];
    let body = match page.yaml {
        Some(_) => crate::frontmatter::split(rest)
            .ok()
            .flatten()
            .map_or(0, |s| s.body_start),
        None => 0,
    };
    let eol = page.eol;
    let notice = notice.replace('\n', eol);
    format!("{bom}{}{notice}{eol}{eol}{}", &rest[..body], &rest[body..])
}

/// Parses a locale's catalog of a page, as `read`; `None` when there is
/// none yet.
fn load_catalog(
    project: &Project,
    locale: &str,
    rel: &Path,
    read: std::io::Result<Option<Vec<u8>>>,
    report: &mut BuildReport,
) -> Option<Catalog> {
    let path = project.catalog_path(locale, rel);
    let catalog = match store::parse_catalog(&path, read, Catalog::parse) {
        Ok(catalog) => catalog?,
        Err(e) => {
            let e = e.into_error("the catalog is not valid UTF-8: save it as UTF-8");
            report.errors.push(e);
            return None;
        }
    };
    report.warnings.extend(
        catalog
            .errors
            .iter()
            .map(|e| store::syntax_error(&path, e, "this entry is ignored until it is fixed")),
    );
    Some(catalog)
}
