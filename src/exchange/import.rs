//! `import`: translations from PO files merged into a locale's catalogs.
//!
//! Each entry names its message (`msgctxt`). An empty `msgstr` changes
//! nothing. A translation is applied only if it passes the rules `check`
//! applies ([`judge`]); one that does not is a finding at its line in the
//! PO file, and the catalog keeps what it had. An entry whose `msgid` is
//! no longer the message's source text is applied as fuzzy, never as
//! translated. Only the entries that change are written anew (their
//! value, their fuzzy mark): the catalog's other entries keep their text,
//! and a catalog with nothing new is not written at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{PAGE_FIELD, export::chosen_units};
use crate::catalog::merge::SOURCE_CHANGED;
use crate::catalog::po::{self, Entry, from_po};
use crate::catalog::{Catalog, FORMAT, Kind, SourceEntry, Translation, Unit, Written};
use crate::check::rules::{SourceFacts, Standing, judge};
use crate::check::{Code, Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::pattern::Pattern;
use crate::project::Project;
use crate::store::{self, display_path};

/// What to import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The locale whose catalogs take the translations.
    pub locale: String,
    /// The PO files.
    pub files: Vec<PathBuf>,
}

/// What `import` did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Entries not applied (errors) and entries left aside (warnings),
    /// each at its line in its PO file.
    pub diagnostics: Vec<Diagnostic>,
    /// Translations applied (new or changed text, or fuzzy state).
    pub applied: usize,
    /// Of them, applied as fuzzy.
    pub fuzzy: usize,
    /// Entries whose translation the catalog already had.
    pub unchanged: usize,
    /// The catalogs written.
    pub catalogs: Vec<PathBuf>,
    /// Files that could not be read (nothing of them was imported), and
    /// pages or catalogs that could not be read or written.
    pub errors: Vec<Error>,
}

impl ImportReport {
    /// Whether an entry was refused.
    pub fn failed(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// A PO entry for a page's message.
struct Incoming {
    /// The PO file, as the user named it.
    file: PathBuf,
    /// The message ID.
    id: String,
    entry: Entry,
}

/// Imports the PO files into the locale's catalogs.
pub fn import(project: &Project, options: &ImportOptions) -> Result<ImportReport> {
    let locale = project
        .select_locales(std::slice::from_ref(&options.locale))?
        .remove(0);
    let mut report = ImportReport::default();
    let mut by_page: BTreeMap<String, Vec<Incoming>> = BTreeMap::new();
    for file in &options.files {
        match read_file(file, &locale, &mut report.diagnostics) {
            Ok(entries) => {
                for (page, incoming) in entries {
                    by_page.entry(page).or_default().push(incoming);
                }
            }
            Err(e) => report.errors.push(e),
        }
    }
    let walk = store::pages(project)?;
    let pages: FxHashSet<String> = walk.pages.iter().map(|p| display_path(p)).collect();
    for (page, incoming) in by_page {
        if !pages.contains(&page) {
            for inc in &incoming {
                report.diagnostics.push(finding(
                    &inc.file,
                    inc.entry.line,
                    &locale,
                    &page,
                    &inc.id,
                )(
                    Severity::Warning,
                    Code::Obsolete,
                    format!(
                        "`{page}` is no page of content_dir: `{}` not imported",
                        inc.id
                    ),
                    "export again: the page was renamed or removed",
                ));
            }
            continue;
        }
        let path = project.content_dir().join(&page);
        if let Err(e) = crate::error::guard(&path, || {
            import_page(project, &locale, &page, &incoming, &mut report)
        }) {
            report.errors.push(e);
        }
    }
    Ok(report)
}

/// A finding about an entry of a PO file, at `line`.
fn finding<'a>(
    file: &'a Path,
    line: usize,
    locale: &'a str,
    page: &'a str,
    id: &'a str,
) -> impl Fn(Severity, Code, String, &str) -> Diagnostic + 'a {
    move |severity, code, message, hint| {
        Diagnostic::new(file.to_path_buf(), severity, code, message, hint)
            .at(line, 1)
            .locale(locale)
            .page(page)
            .message_id(id)
    }
}

/// The entries of a PO file, each with its page; a file that cannot be
/// read, or is for another locale, is an error (nothing of it is used).
fn read_file(
    path: &Path,
    locale: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, Incoming)>> {
    let at = |line: usize, column: Option<usize>, message: String| Error::At {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let reader: fn(&str) -> std::result::Result<po::PoFile, po::PoError> = match path
        .extension()
        .and_then(|e| e.to_str())
    {
        Some("po") => po::read,
        Some("xlf" | "xliff") => crate::catalog::xliff::read,
        _ => {
            return Err(at(
                    1,
                    None,
                    "not a PO file (`.po`) or an XLIFF file (`.xlf`, `.xliff`): fluentmark imports those".into(),
                ));
        }
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = crate::error::utf8(&bytes).map_err(|line| {
        at(
            line,
            None,
            "not valid UTF-8: save the file as UTF-8 (`msgconv --to-code=UTF-8`); nothing of it was imported".into(),
        )
    })?;
    let file = reader(text).map_err(|e| {
        at(
            e.line,
            Some(e.column),
            format!("{}; nothing of this file was imported", e.message),
        )
    })?;
    if let Some(language) = file.header_field("Language").filter(|l| !l.is_empty())
        && !same_locale(language, locale)
    {
        let line = file.header.as_ref().map_or(1, |h| h.line);
        return Err(at(
            line,
            None,
            format!(
                "this file is for `{language}` (its `Language` header), not `{locale}`: import it with `--locale {language}`, or fix the header"
            ),
        ));
    }
    let page = file.header_field(PAGE_FIELD).map(str::to_string);
    let mut out = Vec::with_capacity(file.entries.len());
    for entry in file.entries {
        let named = entry.msgctxt.as_deref().and_then(|c| match &page {
            Some(page) => Some((page.clone(), c.to_string())),
            None => c
                .rsplit_once(':')
                .map(|(p, id)| (p.to_string(), id.to_string())),
        });
        let Some((page, id)) = named else {
            diagnostics.push(
                Diagnostic::new(
                    path.to_path_buf(),
                    Severity::Warning,
                    Code::Obsolete,
                    "this entry names no message (its `msgctxt` is missing or has no page): not imported",
                    "keep the `msgctxt` of the exported entry; fluentmark finds the message by it",
                )
                .at(entry.line, 1)
                .locale(locale),
            );
            continue;
        };
        out.push((
            page,
            Incoming {
                file: path.to_path_buf(),
                id,
                entry,
            },
        ));
    }
    Ok(out)
}

/// Whether a PO file's `Language` (`fr_FR`, as a CAT tool may set it) is
/// for the locale (`fr`): the same language, whatever the region.
fn same_locale(language: &str, locale: &str) -> bool {
    let primary = |l: &str| {
        l.split(['_', '-', '@', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    primary(language) == primary(locale)
}

/// What a page's catalog holds for a message now.
#[derive(Clone)]
struct Held {
    pattern: Option<Pattern>,
    fuzzy: bool,
}

/// Merges one page's entries into its catalog.
fn import_page(
    project: &Project,
    locale: &str,
    page: &str,
    incoming: &[Incoming],
    report: &mut ImportReport,
) -> Result<()> {
    let rel = Path::new(page);
    let (parsed, _) = store::read_page(project, rel)?;
    let sources: Vec<SourceEntry> = parsed.messages.iter().map(SourceEntry::of).collect();
    let slots: FxHashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let path = project.catalog_path(locale, rel);
    let text = store::read_catalog(project.files(), &path, str::to_string).map_err(|e| {
        e.into_error("the catalog is not valid UTF-8: save it as UTF-8, then import again")
    })?;
    let (mut written, catalog) = match text.as_deref() {
        Some(t) => match FORMAT.read_written(t) {
            Ok(w) => (w, Catalog::parse(t)),
            Err(errors) => {
                let line = errors.first().map_or(1, |e| e.line);
                for inc in incoming {
                    report.diagnostics.push(finding(
                        &inc.file,
                        inc.entry.line,
                        locale,
                        page,
                        &inc.id,
                    )(
                        Severity::Error,
                        Code::Syntax,
                        format!(
                            "{}:{line} has a Fluent syntax error, so `{}` was not imported",
                            project.shown(&path).display(),
                            inc.id
                        ),
                        "fix the catalog (`fluentmark check` shows the error), then import again",
                    ));
                }
                return Ok(());
            }
        },
        None => (
            Written {
                units: vec![FORMAT.comment(
                    Kind::ResourceComment,
                    crate::extract::catalog_header(project, locale, page),
                )],
                spaced: true,
                bom: false,
            },
            Catalog::default(),
        ),
    };
    let index: FxHashMap<String, usize> = {
        let chosen = chosen_units(&written.units);
        written
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| {
                chosen
                    .get(u.id.as_str())
                    .is_some_and(|c| std::ptr::eq(*c, *u))
            })
            .map(|(i, u)| (u.id.clone(), i))
            .collect()
    };
    let mut held: FxHashMap<String, Held> = FxHashMap::default();
    let mut added: BTreeMap<usize, Unit> = BTreeMap::new();
    let mut changed = false;
    for inc in incoming {
        let e = &inc.entry;
        let say = finding(&inc.file, e.msgstr_line.max(e.line), locale, page, &inc.id);
        let Some(&slot) = slots.get(inc.id.as_str()) else {
            report.diagnostics.push(say(
                Severity::Warning,
                Code::Obsolete,
                format!("`{}` is no longer a message of {page}: not imported", inc.id),
                "run `fluentmark extract`, export again, and carry the translation over to the new entry",
            ));
            continue;
        };
        if e.msgid_plural.is_some() {
            report.diagnostics.push(say(
                Severity::Error,
                Code::Syntax,
                format!(
                    "`{}` is a plural entry: a page's message has no plural forms",
                    inc.id
                ),
                "keep the exported entry as it was (`msgid`, `msgstr`)",
            ));
            continue;
        }
        if e.msgstr.is_empty() {
            continue;
        }
        let m = &sources[slot];
        let pattern = match from_po(&e.msgstr) {
            Ok(p) => p,
            Err((column, why)) => {
                report.diagnostics.push(say(
                    Severity::Error,
                    Code::Syntax,
                    format!("`{}`, column {column} of the translation: {why}", inc.id),
                    "fix the translation in the PO file and import it again",
                ));
                continue;
            }
        };
        let was = from_po(&e.msgid).ok();
        let stale = was.as_ref() != Some(&m.pattern);
        let fuzzy = e.is_fuzzy() || stale;
        let now = held.get(&inc.id).cloned().unwrap_or_else(|| {
            let t = catalog.get(&inc.id);
            Held {
                pattern: t.and_then(|t| t.pattern.clone().ok()),
                fuzzy: t.is_some_and(|t| t.fuzzy),
            }
        });
        if now.pattern.as_ref() == Some(&pattern) && now.fuzzy == fuzzy {
            report.unchanged += 1;
            continue;
        }
        let t = Translation {
            id: inc.id.clone(),
            pattern: Ok(pattern.clone()),
            // Judged as if used: a fuzzy translation must pass the rules too.
            fuzzy: false,
            obsolete: false,
            line: e.msgstr_line,
            was: None,
            ignore: catalog
                .get(&inc.id)
                .map(|t| t.ignore.clone())
                .unwrap_or_default(),
        };
        let terms = (project.glossaries(), locale);
        let (standing, problems) = judge(m, &SourceFacts::of(m), &t, &project.config, terms);
        if standing == Standing::Broken {
            for (severity, code, message, hint) in problems {
                if severity == Severity::Error {
                    report.diagnostics.push(say(
                        severity,
                        code,
                        format!("{message}; not imported"),
                        &hint,
                    ));
                }
            }
            continue;
        }
        let why = if stale {
            let was = was.map_or_else(|| e.msgid.clone(), |p| p.to_string());
            format!("{SOURCE_CHANGED}{was}")
        } else {
            let name = inc.file.file_name().unwrap_or_default().to_string_lossy();
            format!("marked fuzzy in {name}")
        };
        let unit = match index.get(&inc.id) {
            Some(&i) => &mut written.units[i],
            None => added
                .entry(slot)
                .or_insert_with(|| FORMAT.message(&inc.id, &pattern)),
        };
        if now.pattern.as_ref() != Some(&pattern) {
            FORMAT.set_value(unit, &pattern);
        }
        if fuzzy && (!now.fuzzy || stale) {
            FORMAT.mark_fuzzy(unit, &why);
        } else if !fuzzy {
            FORMAT.clear_fuzzy(unit);
        }
        held.insert(
            inc.id.clone(),
            Held {
                pattern: Some(pattern),
                fuzzy,
            },
        );
        report.applied += 1;
        report.fuzzy += usize::from(fuzzy);
        changed = true;
    }
    if !changed {
        return Ok(());
    }
    place(&mut written, added, &sources, &index);
    let out = FORMAT.write(&written);
    match project.files().write_if_changed(&path, out.as_bytes()) {
        Ok(_) => report.catalogs.push(project.shown(&path)),
        Err(e) => report.errors.push(Error::io(&path, e)),
    }
    Ok(())
}

/// Puts the new messages (by page slot) into the catalog: each after the
/// live message that comes before it in the page, else before the first
/// live message (or the obsolete group, or at the end).
fn place(
    written: &mut Written,
    added: BTreeMap<usize, Unit>,
    sources: &[SourceEntry],
    index: &FxHashMap<String, usize>,
) {
    if added.is_empty() {
        return;
    }
    let live = |slot: usize| {
        index
            .get(&sources[slot].id)
            .copied()
            .filter(|&i| !written.units[i].obsolete)
    };
    let mut after: BTreeMap<Option<usize>, Vec<Unit>> = BTreeMap::new();
    for (slot, unit) in added {
        let anchor = (0..slot).rev().find_map(live);
        after.entry(anchor).or_default().push(unit);
    }
    let first = after.remove(&None).unwrap_or_default();
    let start = written
        .units
        .iter()
        .position(|u| (u.kind == Kind::Message && !u.obsolete) || u.kind == Kind::ObsoleteGroup)
        .unwrap_or(written.units.len());
    let old = std::mem::take(&mut written.units);
    let mut first = Some(first);
    for (i, unit) in old.into_iter().enumerate() {
        if i == start {
            written.units.extend(first.take().into_iter().flatten());
        }
        written.units.push(unit);
        if let Some(units) = after.remove(&Some(i)) {
            written.units.extend(units);
        }
    }
    written.units.extend(first.into_iter().flatten());
}

#[cfg(test)]
mod tests {
    use super::same_locale;

    #[test]
    fn a_language_matches_its_locale_whatever_the_region() {
        assert!(same_locale("fr", "fr"));
        assert!(same_locale("fr_FR", "fr"));
        assert!(same_locale("pt_BR", "pt-BR"));
        assert!(!same_locale("de", "fr"));
        assert!(!same_locale("", "fr"));
    }
}
