//! `build`: translated pages from the current pages and the catalogs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::catalog::{Catalog, SourceEntry};
use crate::check::Severity;
use crate::check::rules::{SourceFacts, Standing, judge};
use crate::error::{Error, Result};
use crate::frontmatter;
use crate::markdown::Block;
use crate::markdown::rebuild::{RenderOptions, render, splice};
use crate::page::Page;
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::{BelowMinCoverage, Fallback, HeadingIds, Project};
use crate::safety::{Context, Kind, added_structure};
use crate::store::{self, read_page};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// How to write a localized page.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocalizeOptions {
    /// Keep source heading anchors as `{#id}`.
    pub keep_heading_ids: bool,
    /// Accept translations that add raw HTML (trusted translators only).
    pub allow_html: bool,
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
        keep_heading_ids: options.keep_heading_ids,
    };
    let mut out = Localized::default();
    let mut edits = Vec::new();
    let mut yaml_edits: Vec<(String, String)> = Vec::new();
    for m in &page.messages {
        let Some(t) = translation(&m.id) else {
            out.untranslated += 1;
            continue;
        };
        if *t == m.pattern {
            out.identical += 1;
            continue;
        }
        // A translation is untrusted input to the site: one that adds raw
        // HTML, an event handler, a script URL, a link definition, an
        // attribute list or template code is not used. (`build` gives only
        // translations `check` accepts; this guards the library's callers.)
        if let Some(first) = m.occurrences.first() {
            let ctx = Context::of_block(&first.block, false);
            let added: Vec<String> = added_structure(&m.pattern, t, &ctx)
                .into_iter()
                .filter(|a| !(options.allow_html && a.kind == Kind::Html))
                .map(|a| a.what)
                .collect();
            if !added.is_empty() {
                out.untranslated += 1;
                out.problems.push((
                    page.line_col(first.range.start).0,
                    format!(
                        "translation of `{}` adds raw HTML or structure the source does not have ({}); \
                         the source text was kept: remove it from the translation",
                        m.id,
                        added.join(", ")
                    ),
                ));
                continue;
            }
        }
        out.translated += 1;
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
                    Ok(text) => yaml_edits.push((key.clone(), text)),
                    Err(name) => out.problems.push(unknown(name)),
                }
                continue;
            }
            match render(occ, t, &render_options) {
                Ok(text) => edits.push((occ.range.clone(), text)),
                Err(name) => out.problems.push(unknown(name)),
            }
        }
    }
    if page.yaml.is_some() && !rewrite.templates.is_empty() {
        let value = &page.front_matter;
        for (key, template) in &rewrite.templates {
            let current = yaml_edits
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    frontmatter::lookup(value, key)?
                        .as_str()
                        .map(str::to_string)
                });
            let Some(current) = current else { continue };
            let new = template
                .replace("{locale}", rewrite.locale)
                .replace("{value}", &current);
            yaml_edits.retain(|(k, _)| k != key);
            yaml_edits.push((key.to_string(), new));
        }
    }
    if let (Some(yaml), false) = (&page.yaml, yaml_edits.is_empty()) {
        match frontmatter::rewrite(
            &page.text[yaml.clone()],
            &page.front_matter,
            &yaml_edits,
            rewrite.checked,
        ) {
            Ok(new) => edits.push((yaml.clone(), new)),
            Err(key) => out.problems.push((
                page.line_col(yaml.start).0,
                format!(
                    "front matter key `{key}` could not be rewritten in place; the source values were kept: \
                     write it as a plain `{key}: value` line"
                ),
            )),
        }
    }
    let body = splice(&page.text, &mut edits);
    out.text = if page.bom {
        format!("\u{feff}{body}")
    } else {
        body
    };
    out
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
}

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
}

/// Runs `build` for `locales` (all configured locales when empty).
pub fn build(project: &Project, locales: &[String]) -> Result<BuildReport> {
    build_with(project, locales, &Silent)
}

/// [`build`], telling `progress` how far it got. Pages are built in
/// parallel; the result does not depend on the number of threads.
pub fn build_with(
    project: &Project,
    locales: &[String],
    progress: &dyn Progress,
) -> Result<BuildReport> {
    let locales = project.select_locales(locales)?;
    let walk = store::pages(project)?;
    let pages = walk.pages;
    progress.phase("building pages", pages.len());
    let per_page: Vec<BuildReport> = pages
        .par_iter()
        .map(|rel| {
            let path = project.content_dir().join(rel);
            let r = crate::error::guard(&path, || Ok(build_page(project, &locales, rel)))
                .unwrap_or_else(|e| BuildReport {
                    errors: vec![e],
                    ..BuildReport::default()
                });
            progress.advance(1);
            r
        })
        .collect();
    let mut report = BuildReport {
        errors: walk.errors,
        warnings: walk.warnings,
        ..BuildReport::default()
    };
    for r in per_page {
        report.pages += r.pages;
        report.errors.extend(r.errors);
        report.warnings.extend(r.warnings);
        for (locale, s) in r.locales {
            let total = report.locales.entry(locale).or_default();
            total.pages += s.pages;
            total.written += s.written;
            total.translated += s.translated;
            total.untranslated += s.untranslated;
            total.skipped += s.skipped;
            total.whole_page_fallback += s.whole_page_fallback;
        }
    }
    Ok(report)
}

/// Builds one page for every locale.
fn build_page(project: &Project, locales: &[String], rel: &Path) -> BuildReport {
    let mut report = BuildReport::default();
    let options = LocalizeOptions {
        keep_heading_ids: project.config.heading_ids == HeadingIds::Keep,
        allow_html: project.config.allow_html,
    };
    let (page, warnings) = match read_page(project, rel) {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(e);
            return report;
        }
    };
    report.warnings.extend(warnings);
    report.pages += 1;
    let mut catalogs: BTreeMap<String, Option<Catalog>> = BTreeMap::new();
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
    let source = (entries.as_slice(), facts.as_slice());
    for locale in locales {
        let chain = project.fallback_chain(locale);
        for l in &chain {
            if !catalogs.contains_key(l) {
                let c = load_catalog(project, l, rel, &mut report);
                catalogs.insert(l.clone(), c);
            }
        }
        let chosen = choose(
            project,
            &page,
            source,
            locale,
            &chain,
            &catalogs,
            rel,
            &mut report,
        );
        let lookup = |id: &str| chosen.get(id).copied();
        let rewrite = Rewrite {
            locale,
            templates: templates.clone(),
            checked: Some(&checked),
        };
        let mut localized = localize_with(&page, lookup, options, &rewrite);
        let out_path = project.output_path(locale, rel);
        let stats = report.locales.entry(locale.clone()).or_default();
        // Page-level policies: whole-page fallback, minimum coverage.
        let total = localized.translated + localized.untranslated + localized.identical;
        let percent = if total == 0 {
            100.0
        } else {
            100.0 * (localized.translated + localized.identical) as f64 / total as f64
        };
        let policy = &project.config.build;
        if percent + 1e-9 < policy.min_coverage {
            match policy.below_min_coverage {
                BelowMinCoverage::Skip => {
                    // Not emitted; an older build of it would be stale.
                    if out_path.exists()
                        && let Err(e) = std::fs::remove_file(&out_path)
                    {
                        report.errors.push(Error::io(&out_path, e));
                    }
                    stats.skipped += 1;
                    continue;
                }
                BelowMinCoverage::Notice => {
                    let notice = policy
                        .notice
                        .replace("{percent}", &format!("{percent:.0}"))
                        .replace("{locale}", locale);
                    localized.text = insert_notice(&localized.text, &page, &notice);
                }
            }
        } else if policy.fallback == Fallback::Page && percent < 100.0 {
            // Docusaurus' model: a page is translated whole or not at all.
            localized = localize_with(&page, |_| None, options, &rewrite);
            stats.whole_page_fallback += 1;
        }
        for (line, message) in &localized.problems {
            report.warnings.push(Error::At {
                path: project.catalog_path(locale, rel),
                line: *line,
                column: None,
                message: format!("{message} (page line {line})"),
            });
        }
        stats.pages += 1;
        // (A translation equal to the source is used only when it is meant
        // to be: a name marked `fluentmark-ignore: identical`, a number.)
        stats.translated += localized.translated + localized.identical;
        stats.untranslated += localized.untranslated;
        match project
            .files()
            .write_if_changed(&out_path, localized.text.as_bytes())
        {
            Ok(true) => stats.written += 1,
            Ok(false) => {}
            Err(e) => report.errors.push(Error::io(&out_path, e)),
        }
    }
    report
}

/// The translation `build` uses for each message of `page` in `locale`:
/// the first along the fallback chain that `check` calls translated (or
/// fuzzy, with `use_fuzzy`). A translation of the locale's own catalog
/// that `check` calls an error is reported, and the chain goes on.
#[allow(clippy::too_many_arguments)]
fn choose<'c>(
    project: &Project,
    page: &'c Page,
    (entries, facts): (&[SourceEntry], &[SourceFacts<'_>]),
    locale: &str,
    chain: &[String],
    catalogs: &'c BTreeMap<String, Option<Catalog>>,
    rel: &Path,
    report: &mut BuildReport,
) -> FxHashMap<&'c str, &'c Pattern> {
    let mut chosen = FxHashMap::default();
    let use_fuzzy = project.config.use_fuzzy;
    for ((m, entry), facts) in page.messages.iter().zip(entries).zip(facts) {
        for l in chain {
            let Some(t) = catalogs
                .get(l)
                .and_then(Option::as_ref)
                .and_then(|c| c.get(&m.id))
            else {
                continue;
            };
            let (standing, problems) = judge(entry, facts, t, &project.config);
            match standing {
                Standing::Translated => {}
                Standing::Fuzzy if use_fuzzy => {}
                Standing::Fuzzy | Standing::Identical => continue,
                Standing::Broken => {
                    if l == locale {
                        for (_, _, message, hint) in
                            problems.iter().filter(|p| p.0 == Severity::Error)
                        {
                            report.warnings.push(Error::At {
                                path: project.catalog_path(l, rel),
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
            if let Ok(p) = &t.pattern {
                chosen.insert(m.id.as_str(), p);
            }
            break;
        }
    }
    chosen
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

/// Reads a locale's catalog of a page; `None` when there is none yet.
fn load_catalog(
    project: &Project,
    locale: &str,
    rel: &Path,
    report: &mut BuildReport,
) -> Option<Catalog> {
    let path = project.catalog_path(locale, rel);
    let catalog = match store::read_catalog(project.files(), &path, Catalog::parse) {
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
