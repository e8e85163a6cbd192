//! `check`: findings about catalogs, as data. Nothing here prints or writes.
//!
//! A [`Diagnostic`] names a file, a 1-based line and column, the locale,
//! page and message it is about, a severity, a stable code, what is wrong
//! and a hint. The reporters in [`crate::report`] turn them into text,
//! JSON or GitHub annotations.
//!
//! The findings and coverage types are in `diagnostic`, what is wrong
//! with one translation in `rules` (shared with `build`), a page's source
//! messages in `source`; this module is the run over pages and locales.

mod diagnostic;
pub(crate) mod rules;
mod source;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::catalog::{Catalog, SourceEntry, Translation};
use crate::error::{Error, Result};
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::{CONFIG_FILE, Project};
use crate::store::{self, Unreadable, display_path};

pub use diagnostic::{Code, Coverage, Diagnostic, LocaleCoverage, Severity};
use rules::{SourceFacts, Standing, ignores, judge};
use source::PageSource;

/// Everything `check` found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckReport {
    /// Findings, sorted by file, line, column.
    pub diagnostics: Vec<Diagnostic>,
    /// Coverage per locale.
    pub coverage: BTreeMap<String, LocaleCoverage>,
    /// Pages read.
    pub pages: usize,
}

impl CheckReport {
    /// Whether any finding is an error (exit code 1).
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// What to check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Only these locales (all configured ones when empty).
    pub locales: Vec<String>,
    /// Coverage requirements in percent, over the configuration's.
    pub min_coverage: BTreeMap<String, f64>,
}

/// Checks the project's catalogs against its pages.
pub fn check(project: &Project, options: &CheckOptions) -> Result<CheckReport> {
    check_with(project, options, &Silent)
}

/// [`check`], telling `progress` how far it got; pages in parallel.
pub fn check_with(
    project: &Project,
    options: &CheckOptions,
    progress: &dyn Progress,
) -> Result<CheckReport> {
    let locales = project.select_locales(&options.locales)?;
    let required = requirements(project, options)?;
    let walk = store::pages(project)?;
    let mut out = Findings::new(project);
    for e in &walk.errors {
        out.error_as_finding(e);
    }
    for w in &walk.warnings {
        out.link_not_followed(w);
    }
    let mut report = CheckReport {
        coverage: locales
            .iter()
            .map(|l| {
                let required = required.get(l).copied();
                (
                    l.clone(),
                    LocaleCoverage {
                        required,
                        ..LocaleCoverage::default()
                    },
                )
            })
            .collect(),
        ..CheckReport::default()
    };
    let live = check_pages(
        project,
        &walk.pages,
        &locales,
        progress,
        &mut out,
        &mut report,
    );
    orphan_catalogs(project, &locales, &live, &mut out, &mut report.coverage);
    glossary_findings(project, &locales, &mut out);
    apply_requirements(project, options, &mut out.list, &report.coverage);
    report.diagnostics = out.list;
    sort_by_place(&mut report.diagnostics);
    Ok(report)
}

/// The coverage requirements, the options' over the configuration's; each
/// must name a configured locale.
fn requirements(project: &Project, options: &CheckOptions) -> Result<BTreeMap<String, f64>> {
    let mut required = project.config.check.min_coverage.clone();
    required.extend(options.min_coverage.clone());
    if let Some(l) = required
        .keys()
        .find(|l| !project.config.locales.contains(l))
    {
        return Err(Error::Config {
            path: project.root.join(CONFIG_FILE),
            message: format!(
                "a coverage requirement (min_coverage or --min-coverage) names `{l}`, which is not in `locales`"
            ),
        });
    }
    Ok(required)
}

/// Checks every page for every locale (in parallel), adding findings to
/// `out` and coverage to `report`; returns the catalogs of the pages, as
/// paths relative to a locale's folder.
fn check_pages(
    project: &Project,
    pages: &[PathBuf],
    locales: &[String],
    progress: &dyn Progress,
    out: &mut Findings<'_>,
    report: &mut CheckReport,
) -> FxHashSet<PathBuf> {
    progress.phase("checking pages", pages.len());
    let per_page: Vec<(Vec<Diagnostic>, Option<Vec<Coverage>>)> = pages
        .par_iter()
        .map(|rel| {
            let mut out = Findings::new(project);
            let path = project.content_dir().join(rel);
            let covs =
                crate::error::guard(&path, || Ok(check_page(project, &mut out, rel, locales)))
                    .unwrap_or_else(|e| {
                        out.error_as_finding(&e);
                        None
                    });
            progress.advance(1);
            (out.list, covs)
        })
        .collect();
    // (Hashed: ordered sets compare paths component by component.)
    let mut live = FxHashSet::default();
    for (rel, (list, covs)) in pages.iter().zip(per_page) {
        out.list.extend(list);
        // A page that cannot be read still exists: its catalogs are not orphans.
        live.insert(store::catalog_name(rel));
        let Some(covs) = covs else { continue };
        report.pages += 1;
        let name = display_path(rel);
        for (locale, cov) in locales.iter().zip(covs) {
            let lc = report
                .coverage
                .get_mut(locale)
                .expect("every locale has an entry");
            lc.total.add(&cov);
            lc.pages.insert(name.clone(), cov);
        }
    }
    live
}

/// Catalogs whose page is gone (not in `live`): a source catalog is out
/// of date, a translation catalog all obsolete.
fn orphan_catalogs(
    project: &Project,
    locales: &[String],
    live: &FxHashSet<PathBuf>,
    out: &mut Findings<'_>,
    coverage: &mut BTreeMap<String, LocaleCoverage>,
) {
    let source = &project.config.source_locale;
    for locale in locales.iter().chain(std::iter::once(source)) {
        let dir = project.locale_dir(locale);
        let (catalogs, problems) = store::page_catalogs(project, &dir);
        for e in &problems {
            out.error_as_finding(e);
        }
        for path in catalogs {
            if path
                .strip_prefix(&dir)
                .map_or(true, |rel| live.contains(rel))
            {
                continue;
            }
            let file = project.shown(&path);
            if locale == source && !store::is_stamped(project.files(), &path) {
                out.push(
                    Diagnostic::new(
                        file,
                        Severity::Warning,
                        Code::SourceOutOfDate,
                        "a catalog of no page, which `fluentmark extract` did not write",
                        "remove it; if it is a glossary, name it in `[glossary] file`",
                    )
                    .locale(source),
                );
                continue;
            }
            if locale == source {
                out.push(
                    Diagnostic::new(
                        file,
                        Severity::Error,
                        Code::SourceOutOfDate,
                        "source catalog of a page that no longer exists",
                        "run `fluentmark extract`, which removes it",
                    )
                    .locale(source),
                );
                continue;
            }
            let Some(catalog) = out.read_catalog(&path, locale, None) else {
                continue;
            };
            let lc = coverage.get_mut(locale).expect("every locale has an entry");
            for t in &catalog.translations {
                lc.total.obsolete += 1;
                out.push(
                    Diagnostic::new(
                        file.clone(),
                        Severity::Warning,
                        Code::Obsolete,
                        format!("`{}` belongs to a page that no longer exists", t.id),
                        "reuse what you need, then run `fluentmark extract --prune`",
                    )
                    .at(t.line, 1)
                    .locale(locale)
                    .message_id(&t.id),
                );
            }
        }
    }
}

/// What is wrong with the glossaries of `locales` and the source's: a
/// file that does not read or parse, a message where a term belongs, a
/// term of the source glossary that a locale's glossaries lack.
fn glossary_findings(project: &Project, locales: &[String], out: &mut Findings<'_>) {
    let glossaries = project.glossaries();
    let source = &project.config.source_locale;
    for locale in std::iter::once(source).chain(locales) {
        let Some(g) = glossaries.get(locale) else {
            continue;
        };
        let file = project.shown(&g.path);
        if let Some(why) = &g.unreadable {
            out.push(
                Diagnostic::new(
                    file.clone(),
                    Severity::Error,
                    Code::Syntax,
                    why.clone(),
                    "fix the glossary; until then its terms are unknown",
                )
                .locale(locale),
            );
        }
        for e in &g.errors {
            out.push(
                Diagnostic::new(
                    file.clone(),
                    Severity::Error,
                    Code::Syntax,
                    format!("Fluent syntax error in the glossary: {}", e.message),
                    "fix the entry; until then the term is unknown",
                )
                .at(e.line, e.column)
                .locale(locale),
            );
        }
        for (name, line) in &g.messages {
            out.push(
                Diagnostic::new(
                    file.clone(),
                    Severity::Warning,
                    Code::Syntax,
                    format!("`{name}` is a message, not a term: translations cannot use it"),
                    format!("write it as a term, `-{name} = …`, and use it as `{{ -{name} }}`"),
                )
                .at(*line, 1)
                .locale(locale)
                .message_id(name),
            );
        }
        if locale == source {
            continue;
        }
        let chain = project.fallback_chain(locale);
        let Some(source_glossary) = glossaries.source() else {
            continue;
        };
        for term in &source_glossary.terms {
            let defined = chain
                .iter()
                .filter_map(|l| glossaries.get(l))
                .any(|g| g.term(&term.name).is_some());
            if defined {
                continue;
            }
            out.push(
                Diagnostic::new(
                    file.clone(),
                    Severity::Warning,
                    Code::TermMissing,
                    format!(
                        "the {locale} glossary lacks `-{}` of the {source} glossary (line {}): \
                         translations that use it get the {source} text",
                        term.name, term.line
                    ),
                    format!("add `-{} = …` with its {locale} translation", term.name),
                )
                .locale(locale)
                .message_id(&format!("-{}", term.name)),
            );
        }
    }
}

/// Requirements decide whether missing translations fail the check: in a
/// locale below its requirement they are errors, and so is the locale.
fn apply_requirements(
    project: &Project,
    options: &CheckOptions,
    list: &mut Vec<Diagnostic>,
    coverage: &BTreeMap<String, LocaleCoverage>,
) {
    let config_path = project.root.join(CONFIG_FILE);
    let requirement_line = std::fs::read_to_string(&config_path)
        .ok()
        .and_then(|t| t.lines().position(|l| l.contains("min_coverage")))
        .map_or(1, |i| i + 1);
    for (locale, lc) in coverage.iter().filter(|(_, lc)| lc.fails()) {
        for d in list.iter_mut() {
            if d.code == Code::Missing && d.locale.as_deref() == Some(locale) {
                d.severity = Severity::Error;
            }
        }
        let line = if options.min_coverage.contains_key(locale) {
            1
        } else {
            requirement_line
        };
        list.push(
            Diagnostic::new(
                project.shown(&config_path),
                Severity::Error,
                Code::Coverage,
                format!(
                    "{locale} is {:.1}% translated, below the required {}%",
                    lc.total.percent(),
                    lc.required.unwrap_or_default()
                ),
                format!(
                    "translate the {} missing, review the {} fuzzy and fix the {} broken message(s), \
                     or lower min_coverage for {locale}",
                    lc.total.missing, lc.total.fuzzy, lc.total.broken
                ),
            )
            .at(line, 1)
            .locale(locale),
        );
    }
}

/// Sorts findings by file, line, column, code and locale.
fn sort_by_place(list: &mut [Diagnostic]) {
    // Paths compared as bytes: component-wise comparison is much slower
    // on the hundreds of thousands of findings a large site can have.
    list.par_sort_by(|a, b| {
        (
            a.file.as_os_str().as_encoded_bytes(),
            a.line,
            a.column,
            a.code,
            &a.locale,
        )
            .cmp(&(
                b.file.as_os_str().as_encoded_bytes(),
                b.line,
                b.column,
                b.code,
                &b.locale,
            ))
    });
}

/// Findings as they are found (of the whole run, or of one page when
/// pages are checked in parallel).
struct Findings<'p> {
    list: Vec<Diagnostic>,
    project: &'p Project,
}

impl<'p> Findings<'p> {
    fn new(project: &'p Project) -> Self {
        Findings {
            list: Vec::new(),
            project,
        }
    }

    fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    /// A file that could not be read at all.
    fn error_as_finding(&mut self, e: &Error) {
        let d = self.file_error(e);
        self.push(d);
    }

    /// A symbolic link the walk of the pages did not follow.
    fn link_not_followed(&mut self, e: &Error) {
        let mut d = self.file_error(e);
        d.severity = Severity::Warning;
        d.hint = "copy what the link points to into content_dir, or leave it untranslated".into();
        self.push(d);
    }

    /// The finding for an error about a file.
    fn file_error(&self, e: &Error) -> Diagnostic {
        let (file, line, column, message) = match e {
            Error::At {
                path,
                line,
                column,
                message,
            } => (path, *line, column.unwrap_or(1), message.clone()),
            Error::Io { path, source } => (path, 1, 1, source.to_string()),
            Error::Config { path, message } => (path, 1, 1, message.clone()),
        };
        let hint = "fix the page; the other pages were checked";
        Diagnostic::new(
            self.project.shown(file),
            Severity::Error,
            Code::Page,
            message,
            hint,
        )
        .at(line, column)
    }

    /// Reads a catalog, reporting syntax errors and duplicate IDs.
    fn read_catalog(&mut self, path: &Path, locale: &str, page: Option<&str>) -> Option<Catalog> {
        let shown = self.project.shown(path);
        let about = |d: Diagnostic| d.locale(locale).page(page);
        let error = |message, hint| {
            Diagnostic::new(shown.clone(), Severity::Error, Code::Syntax, message, hint)
        };
        let catalog = match store::read_catalog(self.project.files(), path, Catalog::parse) {
            Ok(catalog) => catalog?,
            Err(Unreadable::Io(e)) => {
                self.error_as_finding(&e);
                return None;
            }
            Err(Unreadable::NotUtf8 { line, .. }) => {
                let d = error(
                    "the catalog is not valid UTF-8".into(),
                    "save the catalog as UTF-8",
                );
                self.push(about(d.at(line, 1)));
                return None;
            }
        };
        for e in &catalog.errors {
            let d = error(
                format!("Fluent syntax error: {}", e.message),
                "fix the entry; until then it is ignored (and extract leaves the file alone)",
            );
            self.push(about(d.at(e.line, e.column)));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        // (An obsolete entry may share its ID with a live one: extract puts
        // a duplicate's second copy there rather than lose it.)
        let duplicates = catalog.has_duplicate_ids();
        for t in catalog
            .translations
            .iter()
            .filter(|t| duplicates && !t.obsolete)
        {
            if let Some(first) = seen.insert(&t.id, t.line) {
                let d = Diagnostic::new(
                    shown.clone(),
                    Severity::Error,
                    Code::DuplicateId,
                    format!("`{}` is defined again (first on line {first})", t.id),
                    "keep one of the two entries",
                );
                self.push(about(d.at(t.line, 1).message_id(&t.id)));
            }
        }
        Some(catalog)
    }
}

/// Checks one page for every locale; `None` if the page cannot be read.
fn check_page(
    project: &Project,
    out: &mut Findings<'_>,
    rel: &Path,
    locales: &[String],
) -> Option<Vec<Coverage>> {
    let name = display_path(rel);
    let source = PageSource::read(project, out, rel, &name)?;
    // The source texts' Markdown, words and placeables, read once for all
    // locales.
    let facts: Vec<SourceFacts> = source.entries.iter().map(SourceFacts::of).collect();
    let page = PageCheck {
        project,
        source: &source,
        facts: &facts,
        rel,
        name: &name,
        file: project.shown(&project.content_dir().join(rel)),
        ids: source.entries.iter().map(|m| m.id.as_str()).collect(),
    };
    Some(locales.iter().map(|l| page.locale(out, l)).collect())
}

/// One page's source messages, checked against each locale's catalog.
struct PageCheck<'a> {
    project: &'a Project,
    source: &'a PageSource<'a>,
    facts: &'a [SourceFacts<'a>],
    /// The page, relative to `content_dir`.
    rel: &'a Path,
    /// The page as findings name it.
    name: &'a str,
    /// The page's file as findings show it.
    file: PathBuf,
    /// The IDs of its messages.
    ids: FxHashSet<&'a str>,
}

impl PageCheck<'_> {
    /// Checks the page's catalog for `locale`; returns its coverage.
    fn locale(&self, out: &mut Findings<'_>, locale: &str) -> Coverage {
        let path = self.project.catalog_path(locale, self.rel);
        let catalog = out
            .read_catalog(&path, locale, Some(self.name))
            .unwrap_or_default();
        let at = InCatalog {
            file: self.project.shown(&path),
            locale,
            page: self.name,
        };
        let mut cov = Coverage::default();
        for (m, facts) in self.source.entries.iter().zip(self.facts) {
            cov.messages += 1;
            cov.words += facts.words;
            let Some(t) = catalog.get(&m.id) else {
                cov.missing += 1;
                out.push(self.missing(&at, m));
                continue;
            };
            match self.translation(out, &at, m, facts, t) {
                Standing::Broken => cov.broken += 1,
                Standing::Fuzzy => cov.fuzzy += 1,
                Standing::Identical => cov.missing += 1,
                Standing::Translated => {
                    cov.translated += 1;
                    cov.words_translated += facts.words;
                }
            }
        }
        self.leftovers(out, &at, &catalog, &mut cov);
        cov
    }

    /// The finding for a message with no translation, at the message in
    /// the page.
    fn missing(&self, at: &InCatalog<'_>, m: &SourceEntry) -> Diagnostic {
        let (line, column) = self.source.position(&m.id);
        Diagnostic::new(
            self.file.clone(),
            Severity::Warning,
            Code::Missing,
            format!(
                "no {} translation for `{}`: {}",
                at.locale,
                m.id,
                excerpt(&m.pattern)
            ),
            format!("add `{}` to {}", m.id, at.file.display()),
        )
        .at(line, column)
        .locale(at.locale)
        .page(at.page)
        .message_id(&m.id)
    }

    /// Judges the translation `t` of `m` and reports what is wrong with
    /// it; returns where it stands.
    fn translation(
        &self,
        out: &mut Findings<'_>,
        at: &InCatalog<'_>,
        m: &SourceEntry,
        facts: &SourceFacts<'_>,
        t: &Translation,
    ) -> Standing {
        let terms = (self.project.glossaries(), at.locale);
        let (standing, problems) = judge(m, facts, t, &self.project.config, terms);
        for (severity, code, message, hint) in problems {
            out.push(at.entry(t.line, &m.id, severity, code, message, hint));
        }
        match standing {
            Standing::Fuzzy if !ignores(t, Code::Fuzzy) => out.push(at.entry(
                t.line,
                &m.id,
                Severity::Warning,
                Code::Fuzzy,
                match &t.was {
                    Some(was) => format!(
                        "`{}` is marked fuzzy: its source text is now `{}`, it was `{}`",
                        m.id,
                        crate::text::printable(&m.pattern.to_string()),
                        crate::text::printable(was)
                    ),
                    None => format!(
                        "`{}` is marked fuzzy: its source text changed or it was pre-filled",
                        m.id
                    ),
                },
                "review the translation against the source, then delete the `# fuzzy` line",
            )),
            Standing::Identical => out.push(at.entry(
                t.line,
                &m.id,
                Severity::Warning,
                Code::Identical,
                format!(
                    "`{}` is the same as the source text, so it counts as untranslated",
                    m.id
                ),
                "translate it, or add `# fluentmark-ignore: identical` above it if it is right as it is",
            )),
            _ => {}
        }
        standing
    }

    /// The catalog's entries that are no message of the page: obsolete.
    fn leftovers(
        &self,
        out: &mut Findings<'_>,
        at: &InCatalog<'_>,
        catalog: &Catalog,
        cov: &mut Coverage,
    ) {
        for t in &catalog.translations {
            // A live ID's entry is live wherever it stands; another entry of
            // the same ID above the group is a duplicate (reported as such).
            let live_id = self.ids.contains(t.id.as_str());
            if live_id && (!t.obsolete || catalog.is_chosen(t)) {
                continue;
            }
            cov.obsolete += 1;
            if ignores(t, Code::Obsolete) {
                continue;
            }
            let (message, hint) = if t.obsolete {
                (
                    format!("`{}` is obsolete: its source text is gone", t.id),
                    "reuse what you need, then run `fluentmark extract --prune`".to_string(),
                )
            } else {
                // An ID a translator mistyped: the untranslated message
                // whose ID is closest, if it is close.
                let untranslated = self.ids.iter().copied();
                let untranslated = untranslated.filter(|id| catalog.get(id).is_none());
                let close = crate::suggest::closest_id(&t.id, untranslated);
                (
                    format!("`{}` is not a message of {}", t.id, self.name),
                    match close {
                        Some(id) => format!(
                            "did you mean `{id}`? rename the entry; otherwise run \
                             `fluentmark extract`, which keeps it as obsolete"
                        ),
                        None => "run `fluentmark extract`, which keeps it as obsolete".to_string(),
                    },
                )
            };
            let code = Code::Obsolete;
            out.push(at.entry(t.line, &t.id, Severity::Warning, code, message, hint));
        }
    }
}

/// A page's catalog for one locale, as findings name it.
struct InCatalog<'a> {
    /// The catalog as findings show it.
    file: PathBuf,
    locale: &'a str,
    /// The page as findings name it.
    page: &'a str,
}

impl InCatalog<'_> {
    /// A finding about the catalog's entry `id`, on `line`.
    fn entry(
        &self,
        line: usize,
        id: &str,
        severity: Severity,
        code: Code,
        message: String,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(self.file.clone(), severity, code, message, hint)
            .at(line, 1)
            .locale(self.locale)
            .page(self.page)
            .message_id(id)
    }
}

/// The start of a message, for findings.
fn excerpt(pattern: &Pattern) -> String {
    let text = pattern.to_string();
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}
