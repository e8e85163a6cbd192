//! Catalog maintenance: keep translators' work when the source changes.
//!
//! Like `msgmerge`, but for Fluent catalogs that hold translations only.
//! For one page and one locale, [`merge`] takes the page's new source
//! messages, the source catalog they replace, and the locale's catalog, and
//! gives the new catalog:
//!
//! - a message whose source is unchanged (same ID) keeps its entry as is;
//! - a message whose source changed gets the translation of the closest
//!   removed text, if close enough, marked `# fuzzy: ...`;
//! - a new text already translated elsewhere in the locale is pre-filled
//!   from there, marked fuzzy (translation memory);
//! - every other entry moves to the `## Obsolete` group at the end, where
//!   only `--prune` removes it.
//!
//! Nothing here deletes a translation unless `prune` is set.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::escape::write_value;
use super::fluent::write::Writer;
use super::is_fuzzy_mark;
use super::written::{Kind, Unit, Written};
use crate::pattern::Pattern;

/// The group comment that starts the obsolete section.
pub const OBSOLETE_GROUP: &str = "Obsolete: the source text of these is gone. Kept for reference; `fluentmark extract --prune` removes them.";

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
}

/// A translation known elsewhere in the locale, by source text.
#[derive(Clone, Debug)]
pub struct Remembered {
    /// The translated text.
    pub translation: Pattern,
    /// Where it comes from (a page path), for the fuzzy comment.
    pub origin: String,
}

/// Merges one page's catalog for one locale.
///
/// - `source`: the page's messages now (ID, text), in page order;
/// - `old_source`: the source catalog before this extract (ID → text);
/// - `target`: the locale's catalog, parsed, if it exists;
/// - `moved`: entries of catalogs whose page is gone, with an ID of this
///   page (a renamed page): taken over as they are;
/// - `memory`: translations of the same locale by source text.
///
/// Entries keep their text as written (see [`super::written`]): only an ID
/// or a comment that the merge changes is written anew.
///
/// Returns the new catalog's text (`None` if there is nothing to write
/// and no catalog existed) and the numbers.
pub fn merge(
    source: &[(String, Pattern)],
    old_source: &HashMap<String, Pattern>,
    target: Option<Written>,
    moved: HashMap<String, Unit>,
    memory: &HashMap<Pattern, Remembered>,
    options: &MergeOptions,
) -> (Option<String>, MergeStats) {
    let existed = target.is_some();
    let (spaced, bom) = target.as_ref().map_or((true, false), |t| (t.spaced, t.bom));
    let mut stats = MergeStats::default();
    let mut head: Vec<Unit> = Vec::new();
    // Messages, live and obsolete, in file order.
    let mut entries: Vec<(Unit, bool)> = Vec::new();
    // The catalog's obsolete group comment, kept as written.
    let mut obsolete_group: Option<Unit> = None;
    if let Some(written) = target {
        let mut obsolete = false;
        for unit in written.units {
            match unit.kind {
                Kind::GroupComment => {
                    obsolete = unit.is_obsolete_group();
                    if !obsolete {
                        head.push(unit);
                    } else if obsolete_group.is_none() {
                        obsolete_group = Some(unit);
                    }
                }
                Kind::Message => entries.push((unit, obsolete)),
                _ => head.push(unit),
            }
        }
    }
    if !existed && !options.header.is_empty() {
        head.push(Unit::comment(Kind::ResourceComment, options.header.clone()));
    }
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    // A live entry wins over an obsolete one with the same ID.
    for (i, (m, obsolete)) in entries.iter().enumerate() {
        match by_id.get(m.id.as_str()) {
            Some(&j) if !entries[j].1 || *obsolete => {}
            _ => {
                by_id.insert(m.id.as_str(), i);
            }
        }
    }
    let mut used: FxHashSet<usize> = FxHashSet::default();
    let mut live: Vec<Option<Unit>> = vec![None; source.len()];
    let live_ids: FxHashSet<&str> = if entries.is_empty() {
        FxHashSet::default()
    } else {
        source.iter().map(|(id, _)| id.as_str()).collect()
    };

    // 1. Same ID: the same source text.
    let mut moved = moved;
    for (slot, (id, _)) in source.iter().enumerate() {
        if let Some(&i) = by_id.get(id.as_str()) {
            used.insert(i);
            live[slot] = Some(entries[i].0.clone());
            stats.unchanged += 1;
        } else if !moved.is_empty()
            && let Some(m) = moved.remove(id)
        {
            // (`remove` hashes the key even in an empty map: that was 3%
            // of `extract`, for the rare renamed page.)
            live[slot] = Some(m);
            stats.unchanged += 1;
        }
    }

    // 2. Changed texts: pair each untranslated message with the closest
    // text that is gone from the source and had a translation: one that
    // left the source catalog now, or an obsolete entry whose comment says
    // what its source was (a paragraph deleted, then restored edited).
    let gone: Vec<(usize, String, Vec<String>)> = entries
        .iter()
        .enumerate()
        .filter(|(i, (m, _))| !used.contains(i) && !live_ids.contains(m.id.as_str()))
        .filter_map(|(i, (m, obsolete))| {
            let was = match old_source.get(&m.id) {
                Some(p) => p.to_string(),
                None if *obsolete => source_was(m)?,
                None => return None,
            };
            let words = tokens(&was);
            Some((i, was, words))
        })
        .collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (slot, (_, pattern)) in source.iter().enumerate() {
        if live[slot].is_some() || gone.is_empty() {
            continue;
        }
        let words = tokens(&pattern.to_string());
        for (g, (_, _, old)) in gone.iter().enumerate() {
            let sim = similarity(&words, old);
            if sim >= options.threshold {
                pairs.push((sim, slot, g));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, slot, g) in pairs {
        let (i, was, _) = &gone[g];
        if live[slot].is_some() || used.contains(i) {
            continue;
        }
        used.insert(*i);
        let mut m = entries[*i].0.clone();
        m.rename(&source[slot].0);
        mark_fuzzy(
            &mut m,
            format!("fuzzy: the source text changed; it was: {}", one_line(was)),
        );
        live[slot] = Some(m);
        stats.fuzzy += 1;
    }

    // 3. Translation memory.
    for (slot, (id, pattern)) in source.iter().enumerate() {
        if live[slot].is_some() {
            continue;
        }
        if let Some(r) = memory.get(pattern) {
            let mut value = Writer::with_capacity(r.translation.text_len() + 16);
            write_value(&r.translation, &mut value);
            let comment = vec![format!(
                "fuzzy: pre-filled from the translation in {}",
                r.origin
            )];
            live[slot] = Some(Unit::message(id, comment, &value.buffer));
            stats.fuzzy += 1;
        } else {
            stats.missing += 1;
        }
    }

    // 4. Everything else is obsolete.
    let mut obsolete: Vec<Unit> = Vec::new();
    for (i, (m, was_obsolete)) in entries.into_iter().enumerate() {
        // A second entry with a live ID is kept too, as obsolete.
        if used.contains(&i) {
            continue;
        }
        if options.prune {
            stats.pruned += 1;
            continue;
        }
        if !was_obsolete {
            stats.obsoleted += 1;
        }
        let mut m = m;
        if let Some(old) = old_source.get(&m.id)
            && !m.comment.iter().any(|l| l.starts_with(SOURCE_WAS))
        {
            let mut comment = m.comment.clone();
            comment.push(format!("{SOURCE_WAS} {}", one_line(&old.to_string())));
            m.set_comment(comment);
        }
        obsolete.push(m);
    }
    stats.obsolete = obsolete.len();

    let live: Vec<Unit> = live.into_iter().flatten().collect();
    if !existed && live.is_empty() && obsolete.is_empty() {
        return (None, stats);
    }
    let mut units = head;
    units.extend(live);
    if !obsolete.is_empty() {
        units.push(obsolete_group.unwrap_or_else(|| {
            Unit::comment(Kind::GroupComment, vec![OBSOLETE_GROUP.to_string()])
        }));
        units.extend(obsolete);
    }
    let written = Written { units, spaced, bom };
    (Some(written.text()), stats)
}

/// `catalog` without its obsolete entries: those under the obsolete group
/// whose ID is not one of `live` (a live ID is live wherever it stands).
/// `None` if there were none. What `extract --prune` does to the catalog
/// of a page that did not change.
pub fn prune(catalog: Written, live: &FxHashSet<&str>) -> Option<(String, usize)> {
    let mut obsolete = false;
    let mut pruned = 0;
    let mut units = Vec::with_capacity(catalog.units.len());
    for unit in catalog.units {
        if unit.kind == Kind::GroupComment {
            obsolete = unit.is_obsolete_group();
        }
        if obsolete && unit.kind == Kind::Message && !live.contains(unit.id.as_str()) {
            pruned += 1;
            continue;
        }
        units.push(unit);
    }
    if pruned == 0 {
        return None;
    }
    // An obsolete group left with no message under it goes too.
    let empty_group = |i: usize| {
        units[i].is_obsolete_group()
            && !units[i + 1..]
                .iter()
                .take_while(|u| u.kind != Kind::GroupComment)
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
        ..catalog
    };
    Some((written.text(), pruned))
}

/// The comment that keeps an obsolete entry's source text.
const SOURCE_WAS: &str = "source was:";

/// The source text an obsolete entry's comment records, if any.
fn source_was(m: &Unit) -> Option<String> {
    let line = m.comment.iter().find_map(|l| l.strip_prefix(SOURCE_WAS))?;
    Some(line.trim().replace("\\n", "\n").replace("\\r", "\r"))
}

/// Puts `line` first in the message's comment, replacing an older fuzzy
/// mark and the obsolete entry's `source was:`.
fn mark_fuzzy(m: &mut Unit, line: String) {
    let mut comment: Vec<String> = m
        .comment
        .iter()
        .filter(|l| !is_fuzzy_mark(l) && !l.starts_with(SOURCE_WAS))
        .cloned()
        .collect();
    comment.insert(0, line);
    m.set_comment(comment);
}

fn one_line(text: &str) -> String {
    text.replace('\r', "\\r").replace('\n', "\\n")
}

/// Words and placeables (`$name`), the units similarity is measured in,
/// read from a text as a catalog shows it (placeables as `{ $name }`).
fn tokens(text: &str) -> Vec<String> {
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
