//! Writing translations that come from outside the catalogs (`import`'s
//! PO and XLIFF entries, `align`'s existing translated pages) into one
//! page's catalog for a locale.
//!
//! Only the entries that change are written anew (their value, their
//! fuzzy mark): the catalog's other entries keep their text as the
//! translator wrote it, a new entry goes after the message that comes
//! before it in the page, and a catalog with nothing new is not written
//! at all. A catalog with a Fluent syntax error is never rewritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::{Catalog, FORMAT, Kind, SourceEntry, Translation, Unit, Written};
use crate::error::{Error, Result};
use crate::pattern::Pattern;
use crate::project::Project;
use crate::store;

/// A translation offered for a message.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// The translated text.
    pub pattern: Pattern,
    /// Marked for review, with the reason written in its fuzzy comment.
    pub fuzzy: Option<String>,
    /// Mark it fuzzy with this reason even if it is fuzzy already (the
    /// source it was made for changed again).
    pub refresh: bool,
    /// Replace a translation the catalog has (else it is kept).
    pub overwrite: bool,
    /// A finding to silence for it (`identical`: the source text, kept
    /// on purpose).
    pub ignore: Option<&'static str>,
}

/// What became of a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written (new text, or a new fuzzy state).
    Applied,
    /// The catalog has exactly this already.
    Unchanged,
    /// The catalog has another translation, which was kept.
    Kept,
}

/// What a catalog holds for a message now (proposals made in this run
/// included).
#[derive(Clone)]
struct Held {
    pattern: Option<Pattern>,
    fuzzy: bool,
}

/// One page's catalog for a locale, open for proposals.
pub struct Target {
    path: PathBuf,
    written: Written,
    catalog: Catalog,
    /// Each message's unit (the one `build` uses), by ID.
    index: FxHashMap<String, usize>,
    held: FxHashMap<String, Held>,
    /// New units, by the message's place in the page.
    added: BTreeMap<usize, Unit>,
    changed: bool,
}

impl Target {
    /// Opens `page`'s catalog for `locale` (a new one, with its header,
    /// if there is none). `Ok(Err(line))`: it has a Fluent syntax error at
    /// `line`, so nothing may be written into it.
    pub fn open(
        project: &Project,
        locale: &str,
        page: &str,
    ) -> Result<std::result::Result<Target, usize>> {
        let path = project.catalog_path(locale, Path::new(page));
        let text = store::read_catalog(project.files(), &path, str::to_string).map_err(|e| {
            e.into_error("the catalog is not valid UTF-8: save it as UTF-8, then run again")
        })?;
        let (written, catalog) = match text.as_deref() {
            Some(t) => match FORMAT.read_written(t) {
                Ok(w) => (w, Catalog::parse(t)),
                Err(errors) => return Ok(Err(errors.first().map_or(1, |e| e.line))),
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
            let chosen = crate::exchange::chosen_units(&written.units);
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
        Ok(Ok(Target {
            path,
            written,
            catalog,
            index,
            held: FxHashMap::default(),
            added: BTreeMap::new(),
            changed: false,
        }))
    }

    /// The catalog's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a proposal changed the catalog (it would be written).
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// The translation the catalog had for `id` when opened.
    pub fn current(&self, id: &str) -> Option<&Translation> {
        self.catalog.get(id)
    }

    /// Offers a translation of the message at `slot` of the page
    /// (`sources`, in page order).
    pub fn propose(&mut self, sources: &[SourceEntry], slot: usize, p: Proposal) -> Outcome {
        let id = &sources[slot].id;
        let now = self.held.get(id).cloned().unwrap_or_else(|| {
            let t = self.catalog.get(id);
            Held {
                pattern: t.and_then(|t| t.pattern.clone().ok()),
                fuzzy: t.is_some_and(|t| t.fuzzy),
            }
        });
        let fuzzy = p.fuzzy.is_some();
        if now.pattern.as_ref() == Some(&p.pattern) && now.fuzzy == fuzzy {
            return Outcome::Unchanged;
        }
        let has_one =
            now.pattern.is_some() || self.catalog.get(id).is_some_and(|t| t.pattern.is_err());
        if has_one && !p.overwrite {
            return Outcome::Kept;
        }
        let unit = match self.index.get(id) {
            Some(&i) => &mut self.written.units[i],
            None => self
                .added
                .entry(slot)
                .or_insert_with(|| FORMAT.message(id, &p.pattern)),
        };
        if now.pattern.as_ref() != Some(&p.pattern) {
            FORMAT.set_value(unit, &p.pattern);
        }
        if let Some(code) = p.ignore {
            FORMAT.ignore(unit, code);
        }
        match &p.fuzzy {
            Some(why) if !now.fuzzy || p.refresh => FORMAT.mark_fuzzy(unit, why),
            Some(_) => {}
            None => FORMAT.clear_fuzzy(unit),
        }
        self.held.insert(
            id.clone(),
            Held {
                pattern: Some(p.pattern),
                fuzzy,
            },
        );
        self.changed = true;
        Outcome::Applied
    }

    /// Writes the catalog if a proposal changed it; returns its path then.
    pub fn finish(mut self, project: &Project, sources: &[SourceEntry]) -> Result<Option<PathBuf>> {
        if !self.changed {
            return Ok(None);
        }
        place(
            &mut self.written,
            std::mem::take(&mut self.added),
            sources,
            &self.index,
        );
        let out = FORMAT.write(&self.written);
        project
            .files()
            .write_if_changed(&self.path, out.as_bytes())
            .map_err(|e| Error::io(&self.path, e))?;
        Ok(Some(project.shown(&self.path)))
    }
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
