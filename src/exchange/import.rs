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

use super::PAGE_FIELD;
use crate::catalog::apply::{Outcome, Proposal, Target};
use crate::catalog::merge::SOURCE_CHANGED;
use crate::catalog::po::{self, Entry, from_po};
use crate::catalog::{SourceEntry, Translation};
use crate::check::rules::{SourceFacts, Standing, judge};
use crate::check::{Code, Diagnostic, Severity};
use crate::error::{Error, Result};
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
    let mut target = match Target::open(project, locale, page)? {
        Ok(t) => t,
        Err(line) => {
            let path = project.catalog_path(locale, rel);
            for inc in incoming {
                report
                    .diagnostics
                    .push(finding(&inc.file, inc.entry.line, locale, page, &inc.id)(
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
    };
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
        let t = Translation {
            id: inc.id.clone(),
            pattern: Ok(pattern.clone()),
            // Judged as if used: a fuzzy translation must pass the rules too.
            fuzzy: false,
            obsolete: false,
            line: e.msgstr_line,
            was: None,
            ignore: target
                .current(&inc.id)
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
        let why = fuzzy.then(|| {
            if stale {
                let was = was.map_or_else(|| e.msgid.clone(), |p| p.to_string());
                format!("{SOURCE_CHANGED}{was}")
            } else {
                let name = inc.file.file_name().unwrap_or_default().to_string_lossy();
                format!("marked fuzzy in {name}")
            }
        });
        let proposal = Proposal {
            pattern,
            fuzzy: why,
            refresh: stale,
            overwrite: true,
            ignore: None,
        };
        match target.propose(&sources, slot, proposal) {
            Outcome::Applied => {
                report.applied += 1;
                report.fuzzy += usize::from(fuzzy);
            }
            Outcome::Unchanged | Outcome::Kept => report.unchanged += 1,
        }
    }
    match target.finish(project, &sources) {
        Ok(Some(path)) => report.catalogs.push(path),
        Ok(None) => {}
        Err(e) => report.errors.push(e),
    }
    Ok(())
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
