//! `export`: a locale's catalogs as PO files, one per page (or one for
//! the locale), each entry a message of the page now: its source text,
//! its translation (empty if it has none), whether it is fuzzy and, when
//! the catalog records it, the source text it was made for.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::{ExchangeFormat, PAGE_FIELD, context};
use crate::catalog::fluent::comment_lines;
use crate::catalog::po::{self, Entry, PoFile, to_po};
use crate::catalog::xliff;
use crate::catalog::{Catalog, FORMAT, Kind, Unit};
use crate::error::{Error, Result};
use crate::glossary::noted_term;
use crate::pattern::TermRef;
use crate::project::Project;
use crate::store::{self, display_path};

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The locale.
    pub locale: String,
    /// The format.
    pub format: ExchangeFormat,
    /// The folder to write into: `<out>/<locale>/<page>.po`, or
    /// `<out>/<locale>.po` with `single`.
    pub out: PathBuf,
    /// One file for the whole locale.
    pub single: bool,
    /// Also the locale's glossary as TBX, `<out>/<locale>.tbx`.
    pub tbx: bool,
}

/// What `export` did.
#[derive(Debug, Default)]
pub struct ExportReport {
    /// The files it wrote (or found up to date), in order.
    pub files: Vec<PathBuf>,
    /// How many of them it had to write.
    pub written: usize,
    /// Entries exported.
    pub entries: usize,
    /// Of them, with a translation.
    pub translated: usize,
    /// Of them, marked fuzzy.
    pub fuzzy: usize,
    /// Pages or files that failed (the others were exported).
    pub errors: Vec<Error>,
    /// Problems that did not stop a page.
    pub warnings: Vec<Error>,
}

/// Exports a locale's catalogs of every page.
pub fn export(project: &Project, options: &ExportOptions) -> Result<ExportReport> {
    let locale = project
        .select_locales(std::slice::from_ref(&options.locale))?
        .remove(0);
    let walk = store::pages(project)?;
    let mut report = ExportReport {
        errors: walk.errors,
        warnings: walk.warnings,
        ..ExportReport::default()
    };
    let extension = options.format.extension();
    let mut all: Vec<(String, Vec<Exported>)> = Vec::new();
    for rel in &walk.pages {
        let name = display_path(rel);
        let page_path = project.content_dir().join(rel);
        let entries = crate::error::guard(&page_path, || {
            page_entries(project, &locale, rel, &name, options.single)
        });
        let (entries, warnings) = match entries {
            Ok(found) => found,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(warnings);
        report.entries += entries.len();
        report.translated += entries
            .iter()
            .filter(|e| !e.entry.msgstr.is_empty())
            .count();
        report.fuzzy += entries.iter().filter(|e| e.entry.is_fuzzy()).count();
        if entries.is_empty() {
            continue;
        }
        if options.single {
            all.push((name, entries));
        } else {
            let path = options
                .out
                .join(&locale)
                .join(rel.with_extension(extension));
            let pages = [(name, entries)];
            let text = document(project, options.format, &locale, &pages, false);
            write(project, &path, &text, &mut report);
        }
    }
    if options.single {
        let path = options.out.join(format!("{locale}.{extension}"));
        let text = document(project, options.format, &locale, &all, true);
        write(project, &path, &text, &mut report);
    }
    if options.tbx {
        let path = options.out.join(format!("{locale}.tbx"));
        match super::tbx::tbx(project, &locale) {
            Some(text) => write(project, &path, &text, &mut report),
            None => report.warnings.push(Error::Config {
                path: project.glossary_path(&project.config.source_locale),
                message: format!(
                    "no glossary has a term: no TBX written; write terms (`-product = …`) \
                     in this file or in {}",
                    project.shown(&project.glossary_path(&locale)).display()
                ),
            }),
        }
    }
    Ok(report)
}

/// A message's entry and its placeables' values.
struct Exported {
    entry: Entry,
    values: Vec<(String, String)>,
}

/// The text of one exchange file holding `pages`.
fn document(
    project: &Project,
    format: ExchangeFormat,
    locale: &str,
    pages: &[(String, Vec<Exported>)],
    single: bool,
) -> String {
    let page = (!single)
        .then(|| pages.first().map(|(name, _)| name.as_str()))
        .flatten();
    let header = header(project, locale, page);
    match format {
        ExchangeFormat::Po => po::write(&PoFile {
            header: Some(header),
            entries: pages
                .iter()
                .flat_map(|(_, entries)| entries.iter().map(|e| e.entry.clone()))
                .collect(),
        }),
        ExchangeFormat::Xliff => {
            let units: Vec<xliff::Unit> = pages
                .iter()
                .flat_map(|(name, entries)| {
                    entries.iter().map(move |e| xliff::Unit {
                        page: name,
                        entry: &e.entry,
                        values: &e.values,
                    })
                })
                .collect();
            // (An XML comment cannot hold `--`: no `--locale` in it.)
            let comment = format!(
                "{} Bring them back with `fluentmark import`, naming this locale.",
                header.translator_comments[0]
            );
            xliff::write(&project.config.source_locale, locale, &comment, &units)
        }
    }
}

/// Writes one file (if it changed).
fn write(project: &Project, path: &Path, text: &str, report: &mut ExportReport) {
    match project.files().write_if_changed(path, text.as_bytes()) {
        Ok(wrote) => {
            report.written += usize::from(wrote);
            report.files.push(project.shown(path));
        }
        Err(e) => report.errors.push(Error::io(path, e)),
    }
}

/// The header entry: what the file is and how to bring it back.
fn header(project: &Project, locale: &str, page: Option<&str>) -> Entry {
    let what = match page {
        Some(page) => format!("`{}`", crate::text::printable(page)),
        None => "every page".to_string(),
    };
    let mut fields = vec![
        format!(
            "Project-Id-Version: {}",
            page.map_or_else(|| "fluentmark".to_string(), |p| p.to_string())
        ),
        // (Empty, as no date can be deterministic: gettext then says nothing.)
        "PO-Revision-Date: ".to_string(),
        "Last-Translator: ".to_string(),
        "Language-Team: ".to_string(),
        format!("Language: {locale}"),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=UTF-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
        "X-Generator: fluentmark".to_string(),
    ];
    if let Some(page) = page {
        fields.push(format!("{PAGE_FIELD}: {page}"));
    }
    let mut msgstr = String::new();
    for f in fields {
        msgstr.push_str(&f);
        msgstr.push('\n');
    }
    Entry {
        translator_comments: vec![
            format!(
                "{locale} translations of {what}, exported from {} by fluentmark.",
                project.shown(&project.locale_dir(locale)).display()
            ),
            format!("Bring them back with: fluentmark import --locale {locale} FILE"),
        ],
        msgstr,
        ..Entry::default()
    }
}

/// The entries of one page, and the problems that did not stop it.
fn page_entries(
    project: &Project,
    locale: &str,
    rel: &Path,
    name: &str,
    single: bool,
) -> Result<(Vec<Exported>, Vec<Error>)> {
    let (page, _) = store::read_page(project, rel)?;
    let path = project.catalog_path(locale, rel);
    let text = store::read_catalog(project.files(), &path, str::to_string).map_err(|e| {
        e.into_error("the catalog is not valid UTF-8: save it as UTF-8, then export again")
    })?;
    let mut warnings = Vec::new();
    let catalog = text.as_deref().map(Catalog::parse).unwrap_or_default();
    for e in &catalog.errors {
        warnings.push(store::syntax_error(
            &project.shown(&path),
            e,
            "what it spoils is exported as untranslated; fix it before you import",
        ));
    }
    let written = text.as_deref().and_then(|t| FORMAT.read_written(t).ok());
    let units = chosen_units(written.as_ref().map_or(&[], |w| &w.units));
    let mut entries = Vec::with_capacity(page.messages.len());
    let mut buf = String::new();
    let glossaries = project.glossaries();
    for m in &page.messages {
        let mut e = Entry {
            msgctxt: Some(context(single.then_some(name), &m.id)),
            msgid: to_po(&m.pattern),
            ..Entry::default()
        };
        let unit = units.get(m.id.as_str()).copied();
        if let Some(u) = unit {
            e.translator_comments = FORMAT.notes(u);
        }
        comment_lines(m, &mut buf, |l| e.extracted_comments.push(l.to_string()));
        // The locale's text of each term the source text holds.
        for name in m.glossary.iter().filter_map(|n| noted_term(n)) {
            let term = TermRef {
                name: name.to_string(),
                args: Vec::new(),
            };
            if let Some(text) = glossaries
                .text(locale, &term)
                .filter(|_| glossaries.defines(locale, name))
            {
                e.extracted_comments
                    .push(format!("glossary, {locale}: {term} is \"{text}\""));
            }
        }
        // (A catalog made by copying the source catalog repeats its comment.)
        e.translator_comments
            .retain(|c| !e.extracted_comments.contains(c));
        if let Some(o) = m.occurrences.first() {
            let (line, _) = page.line_col(o.range.start);
            e.references.push(format!("{name}:{line}"));
        }
        let mut values = m
            .occurrences
            .first()
            .map(|o| o.values.clone())
            .unwrap_or_default();
        if let Some(t) = catalog.get(&m.id) {
            match &t.pattern {
                Ok(p) => {
                    e.msgstr = to_po(p);
                    // Each term's text, for a CAT tool to show (XLIFF).
                    for term in p.terms() {
                        let key = format!("-{}", term.name);
                        if !values.iter().any(|(k, _)| *k == key)
                            && let Some(text) = glossaries.text(locale, term)
                        {
                            values.push((key, text));
                        }
                    }
                    if t.fuzzy {
                        e.flags.push("fuzzy".into());
                        e.previous_msgid = unit.and_then(|u| FORMAT.fuzzy_source(u));
                    }
                }
                Err(why) => e.extracted_comments.push(format!(
                    "Not exported: the catalog's translation cannot be written in PO ({}); \
                     edit it in {}",
                    why.0,
                    project.shown(&path).display()
                )),
            }
        }
        entries.push(Exported { entry: e, values });
    }
    Ok((entries, warnings))
}

/// Each message ID's unit, the one a catalog's reader chooses: the first
/// live one, else the first obsolete one.
pub(crate) fn chosen_units(units: &[Unit]) -> FxHashMap<&str, &Unit> {
    let mut chosen: FxHashMap<&str, &Unit> = FxHashMap::default();
    for u in units.iter().filter(|u| u.kind == Kind::Message) {
        match chosen.get(u.id.as_str()) {
            Some(held) if !held.obsolete || u.obsolete => {}
            _ => {
                chosen.insert(&u.id, u);
            }
        }
    }
    chosen
}
