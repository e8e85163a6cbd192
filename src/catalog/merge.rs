//! Catalog maintenance: keep translators' work when the source changes.
//!
//! Like `msgmerge`, but for catalogs that hold translations only. For one
//! page and one locale, [`merge`] takes the page's new source messages,
//! the source catalog they replace, and the locale's catalog, and gives
//! the new catalog:
//!
//! - a message whose source is unchanged (same ID) keeps its entry as is;
//! - a message whose source changed gets the translation of the closest
//!   removed text, if close enough, marked fuzzy;
//! - a new text already translated elsewhere in the locale is pre-filled
//!   from there, marked fuzzy (translation memory);
//! - every other entry moves to the obsolete section at the end, where
//!   only `--prune` removes it.
//!
//! Nothing here deletes a translation unless `prune` is set. Nothing here
//! knows a catalog's syntax either: the decisions are made on the neutral
//! [`Written`] model, and the [`Format`] writes what changes.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Format, Kind, Unit, Written};
use crate::pattern::Pattern;

/// The comment that opens the obsolete section.
pub const OBSOLETE_GROUP: &str = "Obsolete: the source text of these is gone. Kept for reference; `fluentmark extract --prune` removes them.";

/// How a fuzzy mark starts that says what the source text was (the
/// source text follows).
pub const SOURCE_CHANGED: &str = "the source text changed; it was: ";

/// How to merge.
#[derive(Clone, Debug)]
pub struct MergeOptions {
    /// Minimum similarity (0 to 1) for a changed text to keep its
    /// translation as fuzzy.
    pub threshold: f64,
    /// Drop obsolete entries.
    pub prune: bool,
    /// Resource comment lines for a catalog created by this merge.
    pub header: Vec<String>,
}

/// What a merge did, for one page and locale.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeStats {
    /// Translations kept as they were.
    pub unchanged: usize,
    /// Translations carried to a changed text or pre-filled, marked fuzzy.
    pub fuzzy: usize,
    /// Source messages with no translation.
    pub missing: usize,
    /// Entries moved to the obsolete group by this merge.
    pub obsoleted: usize,
    /// Entries in the obsolete group after the merge.
    pub obsolete: usize,
    /// Obsolete entries removed by `prune`.
    pub pruned: usize,
    /// Entries moved to the obsolete group whose ID was no message (not
    /// now, not before) but is close to an untranslated message's: a
    /// mistyped ID, and the ID it was probably meant to be.
    pub mistyped: Vec<(String, String)>,
}

/// A translation known elsewhere in the locale, by source text.
#[derive(Clone, Debug)]
pub struct Remembered {
    /// The translated text.
    pub translation: Pattern,
    /// Where it comes from (a page path), for the fuzzy comment.
    pub origin: String,
}

/// Merges one page's catalog for one locale, in `format`.
///
/// - `source`: the page's messages now (ID, text), in page order;
/// - `old_source`: the source catalog before this extract (ID → text);
/// - `target`: the locale's catalog, read, if it exists;
/// - `moved`: entries of catalogs whose page is gone, with an ID of this
///   page (a renamed page): taken over as they are;
/// - `memory`: translations of the same locale by source text.
///
/// Entries keep their text as written (see [`Written`]): only an ID or a
/// comment that the merge changes is written anew.
///
/// Returns the new catalog's text (`None` if there is nothing to write
/// and no catalog existed) and the numbers.
pub fn merge(
    format: &dyn Format,
    source: &[(String, Pattern)],
    old_source: &HashMap<String, Pattern>,
    target: Option<Written>,
    moved: HashMap<String, Unit>,
    memory: &HashMap<Pattern, Remembered>,
    options: &MergeOptions,
) -> (Option<String>, MergeStats) {
    let existed = target.is_some();
    let (spaced, bom) = target.as_ref().map_or((true, false), |t| (t.spaced, t.bom));
    let Sorted {
        mut head,
        messages,
        obsolete_group,
    } = Sorted::of(target);
    if !existed && !options.header.is_empty() {
        head.push(format.comment(Kind::ResourceComment, options.header.clone()));
    }
    let mut m = Merge::new(format, source, messages);
    m.same_ids(moved);
    m.changed_texts(old_source, options.threshold);
    m.remembered(memory);
    let (live, obsolete, stats) = m.finish(old_source, options.prune);
    if !existed && live.is_empty() && obsolete.is_empty() {
        return (None, stats);
    }
    let mut units = head;
    units.extend(live);
    if !obsolete.is_empty() {
        units.push(obsolete_group.unwrap_or_else(|| {
            format.comment(Kind::ObsoleteGroup, vec![OBSOLETE_GROUP.to_string()])
        }));
        units.extend(obsolete);
    }
    let written = Written { units, spaced, bom };
    (Some(format.write(&written)), stats)
}

/// A catalog's units, sorted for the merge.
#[derive(Default)]
struct Sorted {
    /// What is no message, in file order: it stays at the top.
    head: Vec<Unit>,
    /// Messages, live and obsolete, in file order.
    messages: Vec<Unit>,
    /// The catalog's (first) obsolete group comment, kept as written.
    obsolete_group: Option<Unit>,
}

impl Sorted {
    fn of(target: Option<Written>) -> Sorted {
        let mut sorted = Sorted::default();
        for unit in target.into_iter().flat_map(|t| t.units) {
            match unit.kind {
                Kind::ObsoleteGroup => {
                    if sorted.obsolete_group.is_none() {
                        sorted.obsolete_group = Some(unit);
                    }
                }
                Kind::Message => sorted.messages.push(unit),
                _ => sorted.head.push(unit),
            }
        }
        sorted
    }
}

/// A merge under way: the source messages, each given a unit step by
/// step, from the catalog's messages.
struct Merge<'a> {
    format: &'a dyn Format,
    source: &'a [(String, Pattern)],
    /// The catalog's messages, live and obsolete, in file order.
    messages: Vec<Unit>,
    /// Which of `messages` found a place.
    used: FxHashSet<usize>,
    /// Each source message's unit, once found.
    live: Vec<Option<Unit>>,
    stats: MergeStats,
}

impl<'a> Merge<'a> {
    fn new(format: &'a dyn Format, source: &'a [(String, Pattern)], messages: Vec<Unit>) -> Self {
        Merge {
            format,
            source,
            messages,
            used: FxHashSet::default(),
            live: vec![None; source.len()],
            stats: MergeStats::default(),
        }
    }

    /// Step 1, same ID: the same source text. From the catalog (a live
    /// entry wins over an obsolete one with the same ID), else from a
    /// renamed page's catalog.
    fn same_ids(&mut self, mut moved: HashMap<String, Unit>) {
        let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, m) in self.messages.iter().enumerate() {
            match by_id.get(m.id.as_str()) {
                Some(&j) if !self.messages[j].obsolete || m.obsolete => {}
                _ => {
                    by_id.insert(m.id.as_str(), i);
                }
            }
        }
        for (slot, (id, _)) in self.source.iter().enumerate() {
            if let Some(&i) = by_id.get(id.as_str()) {
                self.used.insert(i);
                self.live[slot] = Some(self.messages[i].clone());
                self.stats.unchanged += 1;
            } else if !moved.is_empty()
                && let Some(m) = moved.remove(id)
            {
                // (`remove` hashes the key even in an empty map: that was 3%
                // of `extract`, for the rare renamed page.)
                self.live[slot] = Some(m);
                self.stats.unchanged += 1;
            }
        }
    }

    /// Step 2, changed texts: pair each untranslated message with the
    /// closest text that is gone from the source and had a translation,
    /// closest pairs first; the translation moves to the new ID, marked
    /// fuzzy.
    fn changed_texts(&mut self, old_source: &HashMap<String, Pattern>, threshold: f64) {
        let gone = self.gone(old_source);
        let pairs = self.pairs(&gone, threshold);
        for (_, slot, g) in pairs {
            let (i, was, _) = &gone[g];
            if self.live[slot].is_some() || self.used.contains(i) {
                continue;
            }
            self.used.insert(*i);
            let mut m = self.messages[*i].clone();
            self.format.rename(&mut m, &self.source[slot].0);
            let why = format!("{SOURCE_CHANGED}{was}");
            self.format.mark_fuzzy(&mut m, &why);
            self.live[slot] = Some(m);
            self.stats.fuzzy += 1;
        }
    }

    /// The messages whose text is gone from the source, each with that
    /// text and its words: one that left the source catalog now, or an
    /// obsolete one that records its source text (a paragraph deleted,
    /// then restored edited).
    fn gone(&self, old_source: &HashMap<String, Pattern>) -> Vec<(usize, String, Vec<String>)> {
        let live_ids: FxHashSet<&str> = if self.messages.is_empty() {
            FxHashSet::default()
        } else {
            self.source.iter().map(|(id, _)| id.as_str()).collect()
        };
        self.messages
            .iter()
            .enumerate()
            .filter(|(i, m)| !self.used.contains(i) && !live_ids.contains(m.id.as_str()))
            .filter_map(|(i, m)| {
                let was = match old_source.get(&m.id) {
                    Some(p) => p.to_string(),
                    None if m.obsolete => self.format.recorded_source(m)?,
                    None => return None,
                };
                let words = tokens(&was);
                Some((i, was, words))
            })
            .collect()
    }

    /// Each untranslated source message and gone text at least
    /// `threshold` alike: (similarity, slot, index in `gone`), the most
    /// alike first.
    fn pairs(
        &self,
        gone: &[(usize, String, Vec<String>)],
        threshold: f64,
    ) -> Vec<(f64, usize, usize)> {
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (slot, (_, pattern)) in self.source.iter().enumerate() {
            if self.live[slot].is_some() || gone.is_empty() {
                continue;
            }
            let words = tokens(&pattern.to_string());
            for (g, (_, _, old)) in gone.iter().enumerate() {
                let sim = similarity(&words, old);
                if sim >= threshold {
                    pairs.push((sim, slot, g));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        pairs
    }

    /// Step 3, translation memory: a text still untranslated that the
    /// locale translates elsewhere is pre-filled, marked fuzzy.
    fn remembered(&mut self, memory: &HashMap<Pattern, Remembered>) {
        for (slot, (id, pattern)) in self.source.iter().enumerate() {
            if self.live[slot].is_some() {
                continue;
            }
            if let Some(r) = memory.get(pattern) {
                let mut m = self.format.message(id, &r.translation);
                let why = format!("pre-filled from the translation in {}", r.origin);
                self.format.mark_fuzzy(&mut m, &why);
                self.live[slot] = Some(m);
                self.stats.fuzzy += 1;
            } else {
                self.stats.missing += 1;
            }
        }
    }

    /// Step 4: everything else is obsolete (or pruned), its source text
    /// recorded. The live units in page order, the obsolete ones in file
    /// order, and the numbers.
    fn finish(
        self,
        old_source: &HashMap<String, Pattern>,
        prune: bool,
    ) -> (Vec<Unit>, Vec<Unit>, MergeStats) {
        let mut stats = self.stats;
        let mut obsolete: Vec<Unit> = Vec::new();
        // The messages still untranslated, which a mistyped ID was
        // probably meant for.
        let untranslated: Vec<&str> = (self.source.iter().zip(&self.live))
            .filter(|(_, unit)| unit.is_none())
            .map(|((id, _), _)| id.as_str())
            .collect();
        for (i, mut m) in self.messages.into_iter().enumerate() {
            // A second entry with a live ID is kept too, as obsolete.
            if self.used.contains(&i) {
                continue;
            }
            if prune {
                stats.pruned += 1;
                continue;
            }
            if !m.obsolete {
                stats.obsoleted += 1;
                if !old_source.contains_key(&m.id)
                    && !self.source.iter().any(|(id, _)| *id == m.id)
                    && let Some(id) =
                        crate::suggest::closest_id(&m.id, untranslated.iter().copied())
                {
                    stats.mistyped.push((m.id.clone(), id.to_string()));
                }
            }
            if let Some(old) = old_source.get(&m.id) {
                self.format.record_source(&mut m, &old.to_string());
            }
            m.obsolete = true;
            obsolete.push(m);
        }
        stats.obsolete = obsolete.len();
        let live = self
            .live
            .into_iter()
            .flatten()
            .map(|mut m| {
                m.obsolete = false;
                m
            })
            .collect();
        (live, obsolete, stats)
    }
}

/// `catalog` without its obsolete entries: those in the obsolete section
/// whose ID is not one of `live` (a live ID is live wherever it stands).
/// `None` if there were none. What `extract --prune` does to the catalog
/// of a page that did not change.
pub fn prune(
    format: &dyn Format,
    catalog: Written,
    live: &FxHashSet<&str>,
) -> Option<(String, usize)> {
    let Written { units, spaced, bom } = catalog;
    let before = units.len();
    let units: Vec<Unit> = units
        .into_iter()
        .filter(|u| !(u.kind == Kind::Message && u.obsolete && !live.contains(u.id.as_str())))
        .collect();
    let pruned = before - units.len();
    if pruned == 0 {
        return None;
    }
    // An obsolete group left with no message under it goes too.
    let ends_group = |u: &Unit| matches!(u.kind, Kind::GroupComment | Kind::ObsoleteGroup);
    let empty_group = |i: usize| {
        units[i].kind == Kind::ObsoleteGroup
            && !units[i + 1..]
                .iter()
                .take_while(|u| !ends_group(u))
                .any(|u| u.kind == Kind::Message)
    };
    let drop: Vec<bool> = (0..units.len()).map(empty_group).collect();
    let kept: Vec<Unit> = units
        .into_iter()
        .zip(drop)
        .filter_map(|(u, drop)| (!drop).then_some(u))
        .collect();
    let written = Written {
        units: kept,
        spaced,
        bom,
    };
    Some((format.write(&written), pruned))
}

/// Words and placeables (`$name`), the units similarity is measured in,
/// read from a text as a catalog shows it (placeables as `{ $name }`).
pub(crate) fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '$')
        .filter(|w| !w.is_empty() && *w != "$")
        .map(str::to_lowercase)
        .collect()
}

/// How much of a text survives in another, from 0 to 1, in words and
/// placeables: the better of
/// - 1 minus the edit distance over the longer length (a few words
///   changed anywhere), and
/// - the longest common subsequence over the shorter length, when the
///   longer is at most four times as long plus two (words added around a kept text,
///   like an icon before a heading, or a sentence cut from a paragraph).
pub fn similarity(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.is_empty() {
        return 1.0;
    }
    if short.is_empty() {
        return 0.0;
    }
    let mut prev_edit: Vec<usize> = (0..=long.len()).collect();
    let mut cur_edit = vec![0; long.len() + 1];
    let mut prev_lcs = vec![0usize; long.len() + 1];
    let mut cur_lcs = vec![0usize; long.len() + 1];
    for (i, ws) in short.iter().enumerate() {
        cur_edit[0] = i + 1;
        cur_lcs[0] = 0;
        for (j, wl) in long.iter().enumerate() {
            let same = ws == wl;
            cur_edit[j + 1] = (prev_edit[j] + usize::from(!same))
                .min(prev_edit[j + 1] + 1)
                .min(cur_edit[j] + 1);
            cur_lcs[j + 1] = if same {
                prev_lcs[j] + 1
            } else {
                prev_lcs[j + 1].max(cur_lcs[j])
            };
        }
        std::mem::swap(&mut prev_edit, &mut cur_edit);
        std::mem::swap(&mut prev_lcs, &mut cur_lcs);
    }
    let edit = 1.0 - prev_edit[long.len()] as f64 / long.len() as f64;
    let kept = if long.len() <= 4 * short.len() + 2 {
        prev_lcs[long.len()] as f64 / short.len() as f64
    } else {
        0.0
    };
    edit.max(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        tokens(s)
    }

    #[test]
    fn similarity_measures_word_edits() {
        assert_eq!(similarity(&words("a b c d"), &words("a b c d")), 1.0);
        assert_eq!(similarity(&words("a b c d"), &words("a b x d")), 0.75);
        assert_eq!(similarity(&words("a b"), &words("c d")), 0.0);
        // An icon before a heading keeps the heading's words.
        assert_eq!(
            similarity(
                &words("Computer Vision"),
                &words("![computer vision icon](x) Computer Vision")
            ),
            1.0
        );
        // But one word is not a paragraph.
        assert!(
            similarity(
                &words("Overview"),
                &words("This overview explains the system in a few words")
            ) < 0.2
        );
        assert_eq!(
            similarity(&words("IoT"), &words("![iot network icon](x) IoT")),
            1.0
        );
        assert_eq!(similarity(&words(""), &words("")), 1.0);
    }
}
