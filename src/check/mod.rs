//! `check`: findings about catalogs, as data. Nothing here prints or writes.
//!
//! A [`Diagnostic`] names a file, a 1-based line and column, the locale,
//! page and message it is about, a severity, a stable code, what is wrong
//! and a hint. Reporters in the binary turn them into text, JSON or GitHub
//! annotations.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalog::{
    Catalog, SourceEntry, Translation, read_source_catalog, source_catalog, stamped_messages,
};
use crate::error::{Error, Result};
use crate::markup::{Markup, added_html, pattern_markup};
use crate::pattern::Pattern;
use crate::progress::{Progress, Silent};
use crate::project::Project;
use crate::store::{self, PageFile, Unreadable, display_path};
use rayon::prelude::*;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention; does not fail `check`.
    Warning,
    /// Fails `check`.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// What a finding is about; its `Display` is the stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// A page no longer matches its source catalog.
    SourceOutOfDate,
    /// A page cannot be read or parsed.
    Page,
    /// A catalog is not valid Fluent.
    Syntax,
    /// A translation drops a placeable of the source.
    PlaceableMissing,
    /// A translation uses a placeable the source does not have, or a
    /// reference or function.
    PlaceableUnknown,
    /// A translation's Markdown differs from the source's.
    MarkupMismatch,
    /// A translation adds raw HTML or a script URL.
    UnsafeHtml,
    /// No translation.
    Missing,
    /// Marked for review.
    Fuzzy,
    /// Kept from an older source.
    Obsolete,
    /// The translation equals the source text.
    Identical,
    /// The same ID twice in a catalog.
    DuplicateId,
    /// A locale is below its required coverage.
    Coverage,
}

impl Code {
    /// The code as written in reports and `fluentmark-ignore` comments.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SourceOutOfDate => "source-out-of-date",
            Code::Page => "page",
            Code::Syntax => "syntax",
            Code::PlaceableMissing => "placeable-missing",
            Code::PlaceableUnknown => "placeable-unknown",
            Code::MarkupMismatch => "markup-mismatch",
            Code::UnsafeHtml => "unsafe-html",
            Code::Missing => "missing",
            Code::Fuzzy => "fuzzy",
            Code::Obsolete => "obsolete",
            Code::Identical => "identical",
            Code::DuplicateId => "duplicate-id",
            Code::Coverage => "coverage",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file (page or catalog), as a path from where fluentmark runs.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// How bad it is.
    pub severity: Severity,
    /// What kind of finding.
    pub code: Code,
    /// The locale, if the finding is about one.
    pub locale: Option<String>,
    /// The page (relative to `content_dir`), if the finding is about one.
    pub page: Option<String>,
    /// The message ID, if the finding is about one.
    pub message_id: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// Translation numbers of a page or locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Source messages.
    pub messages: usize,
    /// Messages with a usable translation (not fuzzy, no error).
    pub translated: usize,
    /// Messages whose translation is marked fuzzy.
    pub fuzzy: usize,
    /// Messages with no translation.
    pub missing: usize,
    /// Messages whose translation has an error.
    pub broken: usize,
    /// Obsolete entries in the catalogs.
    pub obsolete: usize,
    /// Words of the source messages.
    pub words: usize,
    /// Words of the translated source messages.
    pub words_translated: usize,
}

impl Coverage {
    /// Translated messages in percent (100 when there is nothing to translate).
    pub fn percent(&self) -> f64 {
        if self.messages == 0 {
            100.0
        } else {
            100.0 * self.translated as f64 / self.messages as f64
        }
    }

    fn add(&mut self, o: &Coverage) {
        self.messages += o.messages;
        self.translated += o.translated;
        self.fuzzy += o.fuzzy;
        self.missing += o.missing;
        self.broken += o.broken;
        self.obsolete += o.obsolete;
        self.words += o.words;
        self.words_translated += o.words_translated;
    }
}

/// A locale's coverage, in total and per page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LocaleCoverage {
    /// All pages.
    pub total: Coverage,
    /// Per page (relative path).
    pub pages: BTreeMap<String, Coverage>,
    /// The required percentage, if any.
    pub required: Option<f64>,
}

impl LocaleCoverage {
    /// Whether a requirement is set and not met.
    pub fn fails(&self) -> bool {
        self.required
            .is_some_and(|r| self.total.percent() + 1e-9 < r)
    }
}

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
    let mut required = project.config.check.min_coverage.clone();
    required.extend(options.min_coverage.clone());
    for l in required.keys() {
        if !project.config.locales.contains(l) {
            return Err(Error::Config {
                path: project.root.join(crate::project::CONFIG_FILE),
                message: format!(
                    "a coverage requirement (min_coverage or --min-coverage) names `{l}`, which is not in `locales`"
                ),
            });
        }
    }
    let walk = store::pages(project)?;
    let pages = walk.pages;
    let mut report = CheckReport::default();
    let mut out = Findings {
        list: Vec::new(),
        project,
    };
    for e in walk.errors {
        out.error_as_finding(&e);
    }
    for w in walk.warnings {
        out.error_as_finding(&w);
        if let Some(d) = out.list.last_mut() {
            d.severity = Severity::Warning;
            d.hint =
                "copy what the link points to into content_dir, or leave it untranslated".into();
        }
    }
    let source = &project.config.source_locale;
    // (Hashed: ordered sets compare paths component by component.)
    let mut live: rustc_hash::FxHashSet<PathBuf> = Default::default();
    let mut per_locale: BTreeMap<String, LocaleCoverage> = locales
        .iter()
        .map(|l| {
            (
                l.clone(),
                LocaleCoverage {
                    required: required.get(l).copied(),
                    ..LocaleCoverage::default()
                },
            )
        })
        .collect();
    progress.phase("checking pages", pages.len());
    let per_page: Vec<(Vec<Diagnostic>, Option<Vec<Coverage>>)> = pages
        .par_iter()
        .map(|rel| {
            let mut out = Findings {
                list: Vec::new(),
                project,
            };
            let path = project.content_dir().join(rel);
            let covs = crate::error::guard(&path, || {
                Ok(check_page_all(project, &mut out, rel, &locales))
            })
            .unwrap_or_else(|e| {
                out.error_as_finding(&e);
                None
            });
            progress.advance(1);
            (out.list, covs)
        })
        .collect();
    for (rel, (list, covs)) in pages.iter().zip(per_page) {
        out.list.extend(list);
        // A page that cannot be read still exists: its catalogs are not orphans.
        live.insert(store::catalog_name(rel));
        let Some(covs) = covs else { continue };
        report.pages += 1;
        let name = display_path(rel);
        for (locale, cov) in locales.iter().zip(covs) {
            let lc = per_locale
                .get_mut(locale)
                .expect("every locale has an entry");
            lc.total.add(&cov);
            lc.pages.insert(name.clone(), cov);
        }
    }
    // Catalogs whose page is gone: all obsolete.
    for locale in locales.iter().chain(std::iter::once(source)) {
        let dir = project.locale_dir(locale);
        let (catalogs, problems) = store::ftl_files(project.files(), &dir);
        for e in &problems {
            out.error_as_finding(e);
        }
        for path in catalogs {
            let Ok(rel) = path.strip_prefix(&dir) else {
                continue;
            };
            if live.contains(rel) {
                continue;
            }
            if locale == source {
                out.push(Diagnostic {
                    file: project.shown(&path),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    code: Code::SourceOutOfDate,
                    locale: Some(source.clone()),
                    page: None,
                    message_id: None,
                    message: "source catalog of a page that no longer exists".into(),
                    hint: "run `fluentmark extract`, which removes it".into(),
                });
                continue;
            }
            let Some(catalog) = out.read_catalog(&path, locale, None) else {
                continue;
            };
            let lc = per_locale
                .get_mut(locale)
                .expect("every locale has an entry");
            for t in &catalog.translations {
                lc.total.obsolete += 1;
                out.push(Diagnostic {
                    file: project.shown(&path),
                    line: t.line,
                    column: 1,
                    severity: Severity::Warning,
                    code: Code::Obsolete,
                    locale: Some(locale.clone()),
                    page: None,
                    message_id: Some(t.id.clone()),
                    message: format!("`{}` belongs to a page that no longer exists", t.id),
                    hint: "reuse what you need, then run `fluentmark extract --prune`".into(),
                });
            }
        }
    }
    // Requirements decide whether missing translations fail the check.
    let config_path = project.root.join(crate::project::CONFIG_FILE);
    let requirement_line = std::fs::read_to_string(&config_path)
        .ok()
        .and_then(|t| t.lines().position(|l| l.contains("min_coverage")))
        .map_or(1, |i| i + 1);
    for (locale, lc) in &per_locale {
        if lc.fails() {
            for d in out.list.iter_mut() {
                if d.code == Code::Missing && d.locale.as_deref() == Some(locale) {
                    d.severity = Severity::Error;
                }
            }
            out.list.push(Diagnostic {
                file: project.shown(&config_path),
                line: if options.min_coverage.contains_key(locale) { 1 } else { requirement_line },
                column: 1,
                severity: Severity::Error,
                code: Code::Coverage,
                locale: Some(locale.clone()),
                page: None,
                message_id: None,
                message: format!(
                    "{locale} is {:.1}% translated, below the required {}%",
                    lc.total.percent(),
                    lc.required.unwrap_or_default()
                ),
                hint: format!(
                    "translate the {} missing, review the {} fuzzy and fix the {} broken message(s), \
                     or lower min_coverage for {locale}",
                    lc.total.missing, lc.total.fuzzy, lc.total.broken
                ),
            });
        }
    }
    let mut list = out.list;
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
    report.diagnostics = list;
    report.coverage = per_locale;
    Ok(report)
}

struct Findings<'p> {
    list: Vec<Diagnostic>,
    project: &'p Project,
}

impl Findings<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    /// A file that could not be read at all.
    fn error_as_finding(&mut self, e: &Error) {
        let (file, line, column, message) = match e {
            Error::At {
                path,
                line,
                column,
                message,
            } => (path.clone(), *line, column.unwrap_or(1), message.clone()),
            Error::Io { path, source } => (path.clone(), 1, 1, source.to_string()),
            Error::Config { path, message } => (path.clone(), 1, 1, message.clone()),
        };
        self.list.push(Diagnostic {
            file: self.project.shown(&file),
            line,
            column,
            severity: Severity::Error,
            code: Code::Page,
            locale: None,
            page: None,
            message_id: None,
            message,
            hint: "fix the page; the other pages were checked".into(),
        });
    }

    /// Reads a catalog, reporting syntax errors and duplicate IDs.
    fn read_catalog(&mut self, path: &Path, locale: &str, page: Option<&str>) -> Option<Catalog> {
        let shown = self.project.shown(path);
        let catalog = match store::read_catalog(self.project.files(), path, Catalog::parse) {
            Ok(catalog) => catalog?,
            Err(Unreadable::Io(e)) => {
                self.error_as_finding(&e);
                return None;
            }
            Err(Unreadable::NotUtf8 { line, .. }) => {
                self.push(Diagnostic {
                    file: shown,
                    line,
                    column: 1,
                    severity: Severity::Error,
                    code: Code::Syntax,
                    locale: Some(locale.to_string()),
                    page: page.map(str::to_string),
                    message_id: None,
                    message: "the catalog is not valid UTF-8".into(),
                    hint: "save the catalog as UTF-8".into(),
                });
                return None;
            }
        };
        for e in &catalog.errors {
            self.push(Diagnostic {
                file: shown.clone(),
                line: e.line,
                column: e.column,
                severity: Severity::Error,
                code: Code::Syntax,
                locale: Some(locale.to_string()),
                page: page.map(str::to_string),
                message_id: None,
                message: format!("Fluent syntax error: {}", e.message),
                hint: "fix the entry; until then it is ignored (and extract leaves the file alone)"
                    .into(),
            });
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
                self.push(Diagnostic {
                    file: shown.clone(),
                    line: t.line,
                    column: 1,
                    severity: Severity::Error,
                    code: Code::DuplicateId,
                    locale: Some(locale.to_string()),
                    page: page.map(str::to_string),
                    message_id: Some(t.id.clone()),
                    message: format!("`{}` is defined again (first on line {first})", t.id),
                    hint: "keep one of the two entries".into(),
                });
            }
        }
        Some(catalog)
    }
}

/// Checks one page for every locale; `None` if the page cannot be read.
fn check_page_all(
    project: &Project,
    out: &mut Findings<'_>,
    rel: &Path,
    locales: &[String],
) -> Option<Vec<Coverage>> {
    let source = &project.config.source_locale;
    let file = match PageFile::read(project, rel) {
        Ok(file) => file,
        Err(e) => {
            out.error_as_finding(&e);
            return None;
        }
    };
    let name = display_path(rel);
    // The source catalog must be what extract would write now: it is when
    // its stamp is the page's fingerprint (what extract checks). Its
    // messages are then the page's, and reading them back spares
    // segmenting the page, a third of `check`; the page is parsed only
    // when the catalog is stale or does not read back without doubt.
    let catalog_path = project.catalog_path(source, rel);
    let catalog_bytes = store::read_source_catalog_bytes(project.files(), &catalog_path)
        .unwrap_or_else(|e| {
            out.error_as_finding(&e);
            None
        });
    let catalog = catalog_bytes
        .as_deref()
        .and_then(|b| crate::error::utf8(b).ok());
    let fingerprint = file.fingerprint(project);
    let from_catalog = catalog.and_then(|c| read_source_catalog(c, fingerprint));
    let parsed = OnceCell::new();
    let entries = match from_catalog {
        Some(entries) => entries,
        None => {
            let page = match file.parse(project) {
                Ok((page, _)) => page,
                Err(e) => {
                    out.error_as_finding(&e);
                    return None;
                }
            };
            // (The stamp alone, as extract reads it, even if the rest is
            // not UTF-8: extract would skip the page.)
            let up_to_date = catalog_bytes
                .as_deref()
                .is_some_and(|b| stamped_messages(b, fingerprint).is_some())
                || catalog.is_some_and(|c| c == source_catalog(&name, &page));
            if !up_to_date {
                out.push(Diagnostic {
                    file: project.shown(&catalog_path),
                    line: 1,
                    column: 1,
                    severity: Severity::Error,
                    code: Code::SourceOutOfDate,
                    locale: Some(source.clone()),
                    page: Some(name.clone()),
                    message_id: None,
                    message: format!("the source catalog does not match {name}"),
                    hint: "run `fluentmark extract` and commit the catalogs".into(),
                });
            }
            let entries = page.messages.iter().map(SourceEntry::of).collect();
            let _ = parsed.set(Some(page));
            entries
        }
    };
    // Where a message first occurs in the page, for findings about it:
    // from the page, parsed on first use if the catalog gave the messages.
    let position = |id: &str| {
        parsed
            .get_or_init(|| file.parse(project).ok().map(|(p, _)| p))
            .as_ref()
            .and_then(|page| {
                let m = page.messages.iter().find(|m| m.id == id)?;
                Some(page.line_col(m.occurrences.first()?.range.start))
            })
            .unwrap_or((1, 1))
    };
    // The source texts' Markdown, words and placeables, read once for all
    // locales.
    let facts: Vec<SourceFacts> = entries.iter().map(SourceFacts::of).collect();
    let source = Source {
        entries: &entries,
        facts: &facts,
        position: &position,
    };
    Some(
        locales
            .iter()
            .map(|locale| check_page(project, out, &source, rel, &name, locale))
            .collect(),
    )
}

impl<'p> SourceFacts<'p> {
    /// The facts of `m`.
    pub(crate) fn of(m: &'p SourceEntry) -> Self {
        SourceFacts {
            markup: pattern_markup(&m.pattern, |name| m.value(name)),
            words: m.pattern.word_count(),
            vars: sorted_vars(&m.pattern),
        }
    }
}

/// A page's source messages, as `check` compares translations with them.
struct Source<'a> {
    entries: &'a [SourceEntry],
    facts: &'a [SourceFacts<'a>],
    /// Line and column of a message's first occurrence in the page, by ID.
    position: &'a dyn Fn(&str) -> (usize, usize),
}

/// What every locale's check needs to know of a source message.
pub(crate) struct SourceFacts<'p> {
    markup: Option<Markup>,
    words: usize,
    /// Its placeables' names, sorted, each once.
    vars: Vec<&'p str>,
}

/// A pattern's placeable names, sorted, each once. (A sorted vector: a
/// message has a few placeables, and a set per translation was a twentieth
/// of `check`.)
fn sorted_vars(pattern: &Pattern) -> Vec<&str> {
    let mut vars: Vec<&str> = pattern.vars().collect();
    vars.sort_unstable();
    vars.dedup();
    vars
}

/// Checks one page's catalog for one locale; returns its coverage.
#[allow(clippy::too_many_arguments)]
fn check_page(
    project: &Project,
    out: &mut Findings<'_>,
    source: &Source<'_>,
    rel: &Path,
    name: &str,
    locale: &str,
) -> Coverage {
    let path = project.catalog_path(locale, rel);
    let catalog = out
        .read_catalog(&path, locale, Some(name))
        .unwrap_or_default();
    let shown = project.shown(&path);
    let page_file = project.shown(&project.content_dir().join(rel));
    let mut cov = Coverage::default();
    let ids: rustc_hash::FxHashSet<&str> = source.entries.iter().map(|m| m.id.as_str()).collect();
    for (m, facts) in source.entries.iter().zip(source.facts) {
        let words = facts.words;
        cov.messages += 1;
        cov.words += words;
        let at = |line: usize,
                  column: usize,
                  severity: Severity,
                  code: Code,
                  message: String,
                  hint: &str| Diagnostic {
            file: shown.clone(),
            line,
            column,
            severity,
            code,
            locale: Some(locale.to_string()),
            page: Some(name.to_string()),
            message_id: Some(m.id.clone()),
            message,
            hint: hint.to_string(),
        };
        let Some(t) = catalog.get(&m.id) else {
            cov.missing += 1;
            let (line, column) = (source.position)(&m.id);
            out.push(Diagnostic {
                file: page_file.clone(),
                line,
                column,
                severity: Severity::Warning,
                code: Code::Missing,
                locale: Some(locale.to_string()),
                page: Some(name.to_string()),
                message_id: Some(m.id.clone()),
                message: format!(
                    "no {locale} translation for `{}`: {}",
                    m.id,
                    excerpt(&m.pattern)
                ),
                hint: format!("add `{}` to {}", m.id, shown.display()),
            });
            continue;
        };
        let ignored = |code: Code| t.ignore.iter().any(|c| c == code.as_str());
        let (standing, problems) = judge(m, facts, t, &project.config);
        for (severity, code, message, hint) in problems {
            out.push(at(t.line, 1, severity, code, message, &hint));
        }
        match standing {
            Standing::Broken => cov.broken += 1,
            Standing::Fuzzy => {
                cov.fuzzy += 1;
                if !ignored(Code::Fuzzy) {
                    out.push(at(
                        t.line,
                        1,
                        Severity::Warning,
                        Code::Fuzzy,
                        format!(
                            "`{}` is marked fuzzy: its source text changed or it was pre-filled",
                            m.id
                        ),
                        "review the translation against the source, then delete the `# fuzzy` line",
                    ));
                }
            }
            Standing::Identical => {
                cov.missing += 1;
                out.push(at(
                    t.line,
                    1,
                    Severity::Warning,
                    Code::Identical,
                    format!(
                        "`{}` is the same as the source text, so it counts as untranslated",
                        m.id
                    ),
                    "translate it, or add `# fluentmark-ignore: identical` above it if it is right as it is",
                ));
            }
            Standing::Translated => {
                cov.translated += 1;
                cov.words_translated += words;
            }
        }
    }
    for t in &catalog.translations {
        // A live ID's entry is live wherever it stands; another entry of
        // the same ID above the group is a duplicate (reported as such).
        let live_id = ids.contains(t.id.as_str());
        if live_id && (!t.obsolete || catalog.is_chosen(t)) {
            continue;
        }
        cov.obsolete += 1;
        if t.ignore.iter().any(|c| c == "obsolete") {
            continue;
        }
        let (message, hint) = if t.obsolete {
            (
                format!("`{}` is obsolete: its source text is gone", t.id),
                "reuse what you need, then run `fluentmark extract --prune`",
            )
        } else {
            (
                format!("`{}` is not a message of {name}", t.id),
                "run `fluentmark extract`, which keeps it as obsolete",
            )
        };
        out.push(Diagnostic {
            file: shown.clone(),
            line: t.line,
            column: 1,
            severity: Severity::Warning,
            code: Code::Obsolete,
            locale: Some(locale.to_string()),
            page: Some(name.to_string()),
            message_id: Some(t.id.clone()),
            message,
            hint: hint.to_string(),
        });
    }
    cov
}

/// A problem with a translation: severity, code, what, hint.
pub(crate) type Problem = (Severity, Code, String, String);

/// Where a translation stands. One definition for `check`, `status` and
/// `build`: `build` uses a translation exactly when it is
/// [`Standing::Translated`] (or [`Standing::Fuzzy`] with `use_fuzzy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Usable: no error, not fuzzy, not a copy of the source.
    Translated,
    /// Marked `# fuzzy` for review.
    Fuzzy,
    /// The source text itself, with letters in it, and no
    /// `# fluentmark-ignore: identical`: untranslated.
    Identical,
    /// It has an error-level finding: not used.
    Broken,
}

/// Judges a translation of source message `m`: its standing and its
/// findings (those its `fluentmark-ignore` comment silences left out).
/// A fuzzy translation is not used unless `use_fuzzy` is set, so its
/// problems are then warnings: a source edit that makes translations
/// fuzzy does not fail CI before the translators could review them.
/// With `allow_html`, added HTML is no finding (trusted translators).
pub(crate) fn judge(
    m: &SourceEntry,
    facts: &SourceFacts<'_>,
    t: &Translation,
    config: &crate::project::Config,
) -> (Standing, Vec<Problem>) {
    let ignored = |code: Code| t.ignore.iter().any(|c| c == code.as_str());
    let mut problems = translation_problems(m, t, facts);
    // (With `allow_html`, added HTML is the translator's right.)
    let allowed = |code: Code| config.allow_html && code == Code::UnsafeHtml;
    problems.retain(|p| !ignored(p.1) && !allowed(p.1));
    if t.fuzzy && !config.use_fuzzy {
        for p in &mut problems {
            p.0 = p.0.min(Severity::Warning);
        }
    }
    let standing = if problems.iter().any(|p| p.0 == Severity::Error) {
        Standing::Broken
    } else if t.fuzzy {
        Standing::Fuzzy
    } else if t.pattern.as_ref().is_ok_and(|p| *p == m.pattern)
        && !ignored(Code::Identical)
        && has_letters(&m.pattern)
    {
        Standing::Identical
    } else {
        Standing::Translated
    };
    (standing, problems)
}

/// Whether a text has letters (a number or a placeable alone is the same
/// in every language).
fn has_letters(pattern: &Pattern) -> bool {
    pattern.pieces().iter().any(|piece| match piece {
        crate::pattern::Piece::Text(t) => t.chars().any(char::is_alphabetic),
        crate::pattern::Piece::Var(_) => false,
    })
}

/// What is wrong with a translation.
fn translation_problems(m: &SourceEntry, t: &Translation, facts: &SourceFacts<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    let error = Severity::Error;
    let pattern = match &t.pattern {
        Ok(p) => p,
        Err(e) => {
            // A message with attributes only is a syntax problem for us.
            let code = if e.0.contains("no value") {
                Code::Syntax
            } else {
                Code::PlaceableUnknown
            };
            out.push((
                error,
                code,
                format!("`{}`: {}", m.id, e.0),
                "use only text and the placeables of the source message".to_string(),
            ));
            return out;
        }
    };
    let vars = sorted_vars(pattern);
    if vars != facts.vars {
        for v in facts.vars.iter().filter(|v| vars.binary_search(v).is_err()) {
            out.push((
                error,
                Code::PlaceableMissing,
                format!("`{}` drops {{ ${v} }} of the source", m.id),
                format!("put {{ ${v} }} back where it belongs in the sentence"),
            ));
        }
        for v in vars.iter().filter(|v| facts.vars.binary_search(v).is_err()) {
            out.push((
                error,
                Code::PlaceableUnknown,
                format!(
                    "`{}` uses {{ ${v} }}, which the source message does not have",
                    m.id
                ),
                "use only the placeables listed in the source catalog's comment".to_string(),
            ));
        }
        return out;
    }
    if pattern == &m.pattern {
        return out;
    }
    let (Some(a), Some(b)) = (&facts.markup, pattern_markup(pattern, |name| m.value(name))) else {
        return out;
    };
    let what = added_html(a, &b);
    let new_tags = what.iter().any(|w| w.starts_with('<'));
    if !what.is_empty() {
        out.push((
            error,
            Code::UnsafeHtml,
            format!(
                "`{}` adds raw HTML the source does not have: {}",
                m.id,
                what.join(", ")
            ),
            "remove the HTML; a translation may only move the source's markup".to_string(),
        ));
    }
    let mut diffs = Vec::new();
    if a.links != b.links {
        diffs.push(format!("{} link(s) instead of {}", b.links, a.links));
    }
    if a.images != b.images {
        diffs.push(format!("{} image(s) instead of {}", b.images, a.images));
    }
    if a.footnotes != b.footnotes {
        diffs.push("different footnote references".to_string());
    }
    if !new_tags && a.html_tags != b.html_tags {
        diffs.push("different inline HTML tags".to_string());
    }
    // Only a paragraph's text can open a block where it lands: a heading's
    // follows `#`, a cell's stays in its row, front matter is not Markdown.
    if m.paragraph {
        let new_blocks: Vec<&String> = b.blocks.iter().filter(|x| !a.blocks.contains(x)).collect();
        if !new_blocks.is_empty() {
            diffs.push(format!(
                "block structure the source does not have ({})",
                new_blocks
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if !diffs.is_empty() {
        out.push((
            error,
            Code::MarkupMismatch,
            format!("`{}` changes the Markdown: {}", m.id, diffs.join("; ")),
            "keep the source's links, images, footnotes and tags; start no list, heading or code block".to_string(),
        ));
    } else if a.emphasis != b.emphasis {
        out.push((
            Severity::Warning,
            Code::MarkupMismatch,
            format!(
                "`{}` has {} emphasis span(s) where the source has {}",
                m.id, b.emphasis, a.emphasis
            ),
            "keep the source's emphasis (`*`, `**`, `~~`) unless the language has no use for it"
                .to_string(),
        ));
    }
    // What any parser of the dialect reads as HTML, structure, attributes,
    // definitions or template code (crate::safety), added to the finding
    // above of its code when there is one.
    let ctx = crate::safety::Context::of_source(m, false);
    for added in crate::safety::added_structure(&m.pattern, pattern, &ctx) {
        let (code, verb, join, hint) = match added.kind {
            crate::safety::Kind::Html => (
                Code::UnsafeHtml,
                "adds raw HTML the source does not have",
                ", ",
                "remove the HTML; a translation may only move the source's markup",
            ),
            crate::safety::Kind::Structure => (
                Code::MarkupMismatch,
                "changes the Markdown",
                "; ",
                "keep the source's markup; write no definition, attribute list or template code",
            ),
        };
        match out.iter_mut().find(|p| p.0 == error && p.1 == code) {
            Some(p) if p.2.contains(&added.what) => {}
            Some(p) => p.2 = format!("{}{join}{}", p.2, added.what),
            None => out.push((
                error,
                code,
                format!("`{}` {verb}: {}", m.id, added.what),
                hint.into(),
            )),
        }
    }
    out
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
