//! Pairing the units of a source page with those of its translation.
//!
//! A global alignment (dynamic programming, as for sentence alignment in
//! parallel texts) over the two unit sequences: a pair scores by what a
//! translation keeps (the unit's kind, its placeables' values, its
//! numbers, a length in proportion to the page's), a unit left out costs
//! a little, and two units of one side may pair with one of the other (a
//! list item split or merged by the translator: no translation comes of
//! that, but the rest stays in step).
//!
//! Then certainty. An *anchor* is a pair that could hardly be wrong: the
//! same skeleton block (the same code), or texts of the same kind whose
//! placeables and numbers all match and are not none. Between two anchors
//! (or an anchor and the page's end), if both pages have the same number
//! of units of the same kinds in the same order, and each pair's
//! placeables, numbers and length agree, the pairs are *certain*: the
//! translation is the corresponding block's. Any other pair is doubtful
//! (fuzzy): a unit added, removed or moved nearby, or a placeable that
//! changed.

use super::units::{Shape, Unit};

/// How two units were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Source unit `.0` with translated unit `.1`.
    Pair(usize, usize),
    /// A source unit with no counterpart.
    Source(usize),
    /// A translated unit with no counterpart.
    Translated(usize),
    /// Two source units (`.0`, `.0 + 1`) with one translated unit.
    Merged(usize, usize),
    /// One source unit with two translated units (`.1`, `.1 + 1`).
    Split(usize, usize),
}

/// A pair of texts and whether it is certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Paired {
    pub source: usize,
    pub translated: usize,
    /// A second translated unit whose text continues the first's (the
    /// translator split the source's text in two): never certain.
    pub joined: Option<usize>,
    pub certain: bool,
}

/// The largest `n × m` aligned in full; beyond it, pages are aligned in
/// bands (the table would not fit in memory reasonably).
const MAX_CELLS: usize = 16_000_000;

/// What a unit left out costs.
const GAP: f32 = -0.6;
/// What two units paired with one cost, beyond their score.
const MERGE: f32 = -0.8;
/// A length this far from the page's proportion (as `ln` of the ratio)
/// makes a pair doubtful.
const LENGTH_DOUBT: f32 = 0.9;

/// Compares placeable values: equal, or equal once the translation's
/// localized link (`/fr/docs/x`) is read as the source's (`/docs/x`).
pub(crate) trait Values {
    /// Whether translated value `t` stands for source value `s`.
    fn same(&self, s: &str, t: &str) -> bool;
}

/// The pairs of texts of `source` and `translated`, each certain or not.
pub(crate) fn align(source: &[Unit], translated: &[Unit], values: &impl Values) -> Vec<Paired> {
    let ratio = length_ratio(source, translated);
    let steps = if source.len() * translated.len() <= MAX_CELLS {
        path(source, translated, values, ratio)
    } else {
        banded(source, translated, values, ratio)
    };
    certainty(&steps, source, translated, values, ratio)
}

/// The translation's length in proportion to the source's (its texts'
/// characters), within reason.
fn length_ratio(source: &[Unit], translated: &[Unit]) -> f32 {
    let total = |units: &[Unit]| units.iter().map(|u| u.chars).sum::<usize>() as f32;
    let (s, t) = (total(source), total(translated));
    if s < 1.0 || t < 1.0 {
        return 1.0;
    }
    (t / s).clamp(0.2, 5.0)
}

/// How far a pair's length is from the page's proportion (`ln` of the
/// ratio of ratios; short texts are given some slack).
fn length_gap(s_chars: usize, t_chars: usize, ratio: f32) -> f32 {
    ((t_chars as f32 + 8.0) / (s_chars as f32 * ratio + 8.0))
        .ln()
        .abs()
}

/// How many of the placeables match one to one, and how many there are
/// on the larger side.
fn var_overlap(
    s: &[(String, String)],
    t: &[(String, String)],
    values: &impl Values,
) -> (usize, usize) {
    let mut used = vec![false; s.len()];
    let mut same = 0;
    for (tk, tv) in t {
        if let Some(i) =
            (0..s.len()).find(|&i| !used[i] && s[i].0 == *tk && values.same(&s[i].1, tv))
        {
            used[i] = true;
            same += 1;
        }
    }
    (same, s.len().max(t.len()))
}

/// How many of the numbers match, and how many there are on the larger
/// side (both sorted).
fn number_overlap(s: &[u64], t: &[u64]) -> (usize, usize) {
    let (mut i, mut j, mut same) = (0, 0, 0);
    while i < s.len() && j < t.len() {
        match s[i].cmp(&t[j]) {
            std::cmp::Ordering::Equal => {
                same += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (same, s.len().max(t.len()))
}

/// The features a pair is scored on (a unit's, or two units' together).
struct Features<'u> {
    shape: Shape,
    vars: Vec<&'u (String, String)>,
    numbers: Vec<u64>,
    chars: usize,
}

impl<'u> Features<'u> {
    fn of(units: &[&'u Unit]) -> Option<Features<'u>> {
        let shape = units[0].shape;
        if units.iter().any(|u| u.shape != shape) {
            return None;
        }
        let mut numbers: Vec<u64> = units
            .iter()
            .flat_map(|u| u.numbers.iter().copied())
            .collect();
        numbers.sort_unstable();
        Some(Features {
            shape,
            vars: units.iter().flat_map(|u| u.vars.iter()).collect(),
            numbers,
            chars: units.iter().map(|u| u.chars).sum(),
        })
    }
}

/// A pair's score; `None`: they cannot pair (a heading with a paragraph,
/// different skeleton).
fn score(s: &Features<'_>, t: &Features<'_>, values: &impl Values, ratio: f32) -> Option<f32> {
    let mut score = match (s.shape, t.shape) {
        (Shape::Skeleton(a), Shape::Skeleton(b)) => return (a == b).then_some(3.0),
        (Shape::Skeleton(_), _) | (_, Shape::Skeleton(_)) => return None,
        (a, b) if a == b => 1.0,
        (Shape::Heading(_), Shape::Heading(_)) | (Shape::Paragraph(_), Shape::Paragraph(_)) => -1.0,
        _ => return None,
    };
    let sv: Vec<(String, String)> = s.vars.iter().map(|v| (*v).clone()).collect();
    let tv: Vec<(String, String)> = t.vars.iter().map(|v| (*v).clone()).collect();
    let (same, total) = var_overlap(&sv, &tv, values);
    if total > 0 {
        let j = same as f32 / total as f32;
        score += 3.0 * j - 1.5 * (1.0 - j);
    }
    let (same, total) = number_overlap(&s.numbers, &t.numbers);
    if total > 0 {
        let j = same as f32 / total as f32;
        score += 1.5 * j - 1.0 * (1.0 - j);
    }
    score -= 1.2 * length_gap(s.chars, t.chars, ratio);
    Some(score)
}

fn pair_score(s: &Unit, t: &Unit, values: &impl Values, ratio: f32) -> Option<f32> {
    score(&Features::of(&[s])?, &Features::of(&[t])?, values, ratio)
}

/// The best path through the whole table.
fn path(source: &[Unit], translated: &[Unit], values: &impl Values, ratio: f32) -> Vec<Step> {
    let (n, m) = (source.len(), translated.len());
    let width = m + 1;
    let mut best = vec![f32::NEG_INFINITY; (n + 1) * width];
    // 0: start, 1: pair, 2: source left out, 3: translated left out,
    // 4: merged, 5: split.
    let mut from = vec![0u8; (n + 1) * width];
    best[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = i * width + j;
            if i == 0 && j == 0 {
                continue;
            }
            let mut b = f32::NEG_INFINITY;
            let mut f = 0u8;
            let mut consider = |value: f32, step: u8| {
                if value > b {
                    b = value;
                    f = step;
                }
            };
            if i > 0 && j > 0 {
                let prev = best[(i - 1) * width + j - 1];
                if prev > f32::NEG_INFINITY
                    && let Some(s) = pair_score(&source[i - 1], &translated[j - 1], values, ratio)
                {
                    consider(prev + s, 1);
                }
            }
            if i > 0 {
                consider(best[(i - 1) * width + j] + GAP, 2);
            }
            if j > 0 {
                consider(best[i * width + j - 1] + GAP, 3);
            }
            if i > 1 && j > 0 && source[i - 1].is_text() {
                let prev = best[(i - 2) * width + j - 1];
                if prev > f32::NEG_INFINITY
                    && let (Some(a), Some(b2)) = (
                        Features::of(&[&source[i - 2], &source[i - 1]]),
                        Features::of(&[&translated[j - 1]]),
                    )
                    && let Some(s) = score(&a, &b2, values, ratio)
                {
                    consider(prev + s + MERGE, 4);
                }
            }
            if i > 0 && j > 1 && translated[j - 1].is_text() {
                let prev = best[(i - 1) * width + j - 2];
                if prev > f32::NEG_INFINITY
                    && let (Some(a), Some(b2)) = (
                        Features::of(&[&source[i - 1]]),
                        Features::of(&[&translated[j - 2], &translated[j - 1]]),
                    )
                    && let Some(s) = score(&a, &b2, values, ratio)
                {
                    consider(prev + s + MERGE, 5);
                }
            }
            best[here] = b;
            from[here] = f;
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match from[i * width + j] {
            1 => {
                steps.push(Step::Pair(i - 1, j - 1));
                i -= 1;
                j -= 1;
            }
            2 => {
                steps.push(Step::Source(i - 1));
                i -= 1;
            }
            3 => {
                steps.push(Step::Translated(j - 1));
                j -= 1;
            }
            4 => {
                steps.push(Step::Merged(i - 2, j - 1));
                i -= 2;
                j -= 1;
            }
            5 => {
                steps.push(Step::Split(i - 1, j - 2));
                i -= 1;
                j -= 2;
            }
            _ => break,
        }
    }
    steps.reverse();
    steps
}

/// A very large page: aligned a slice at a time (slices of the two pages
/// in proportion), each slice in full. Coarser, never wrong by more than
/// a slice's edge, whose pairs are then doubtful.
fn banded(source: &[Unit], translated: &[Unit], values: &impl Values, ratio: f32) -> Vec<Step> {
    let (n, m) = (source.len(), translated.len());
    let slices = (n * m).div_ceil(MAX_CELLS / 4).max(1);
    let mut steps = Vec::new();
    for k in 0..slices {
        let (s0, s1) = (n * k / slices, n * (k + 1) / slices);
        let (t0, t1) = (m * k / slices, m * (k + 1) / slices);
        for step in path(&source[s0..s1], &translated[t0..t1], values, ratio) {
            steps.push(match step {
                Step::Pair(a, b) => Step::Pair(a + s0, b + t0),
                Step::Source(a) => Step::Source(a + s0),
                Step::Translated(b) => Step::Translated(b + t0),
                Step::Merged(a, b) => Step::Merged(a + s0, b + t0),
                Step::Split(a, b) => Step::Split(a + s0, b + t0),
            });
        }
        if k + 1 < slices {
            // (A slice's edge: the pairs around it are doubtful.)
            steps.push(Step::Source(usize::MAX));
        }
    }
    steps
}

/// Whether a pair of texts keeps what a translation must keep: the same
/// kind, every placeable matched.
fn kept(s: &Unit, t: &Unit, values: &impl Values) -> bool {
    s.shape == t.shape
        && s.vars.len() == t.vars.len()
        && var_overlap(&s.vars, &t.vars, values).0 == s.vars.len()
}

/// Whether a pair of texts keeps everything a translation usually keeps:
/// [`kept`], and every number, and a length in proportion (what makes a
/// pair an anchor; numbers are written differently in some languages,
/// `2023年1月26日`, so in lockstep they are not asked for).
fn exact(s: &Unit, t: &Unit, values: &impl Values, ratio: f32) -> bool {
    kept(s, t, values)
        && s.numbers == t.numbers
        && length_gap(s.chars, t.chars, ratio) < LENGTH_DOUBT
}

/// The pairs of texts on the path, certain or doubtful (see the module's
/// documentation).
fn certainty(
    steps: &[Step],
    source: &[Unit],
    translated: &[Unit],
    values: &impl Values,
    ratio: f32,
) -> Vec<Paired> {
    let anchor = |step: &Step| match *step {
        Step::Pair(i, j) => {
            let (s, t) = (&source[i], &translated[j]);
            match (s.shape, t.shape) {
                (Shape::Skeleton(a), Shape::Skeleton(b)) => a == b,
                _ => exact(s, t, values, ratio) && !(s.vars.is_empty() && s.numbers.is_empty()),
            }
        }
        _ => false,
    };
    let mut anchors: Vec<bool> = steps.iter().map(anchor).collect();
    // In a segment whose two sides differ (a unit added, removed or
    // merged), a pair whose kind occurs once on each side of the segment
    // (the one level-2 heading, the one table cell) cannot be mistaken:
    // it anchors too, splitting the segment, until nothing changes.
    loop {
        let mut found = false;
        let mut start = 0;
        for end in 0..=steps.len() {
            if end < steps.len() && !anchors[end] {
                continue;
            }
            let segment = &steps[start..end];
            if !segment.iter().all(|s| matches!(s, Step::Pair(..))) {
                let shape_of = |step: &Step, source_side: bool| -> Vec<Shape> {
                    let (units, at): (&[Unit], Vec<usize>) = match (*step, source_side) {
                        (Step::Pair(i, _), true) | (Step::Source(i), true) => (source, vec![i]),
                        (Step::Merged(i, _), true) => (source, vec![i, i + 1]),
                        (Step::Split(i, _), true) => (source, vec![i]),
                        (Step::Pair(_, j), false) | (Step::Translated(j), false) => {
                            (translated, vec![j])
                        }
                        (Step::Merged(_, j), false) => (translated, vec![j]),
                        (Step::Split(_, j), false) => (translated, vec![j, j + 1]),
                        _ => (source, vec![]),
                    };
                    at.into_iter()
                        .filter_map(|k| units.get(k).map(|u| u.shape))
                        .collect()
                };
                let count = |shape: Shape, source_side: bool| {
                    segment
                        .iter()
                        .flat_map(|s| shape_of(s, source_side))
                        .filter(|x| *x == shape)
                        .count()
                };
                for (k, step) in segment.iter().enumerate() {
                    if let Step::Pair(i, j) = *step
                        && source[i].shape == translated[j].shape
                        && count(source[i].shape, true) == 1
                        && count(source[i].shape, false) == 1
                        && exact(&source[i], &translated[j], values, ratio)
                    {
                        anchors[start + k] = true;
                        found = true;
                    }
                }
            }
            start = end + 1;
        }
        if !found {
            break;
        }
    }
    let mut out = Vec::new();
    let mut segment_start = 0;
    for end in 0..=steps.len() {
        if end < steps.len() && !anchors[end] {
            continue;
        }
        // Steps segment_start..end lie between two anchors (or an end).
        let segment = &steps[segment_start..end];
        let clean = segment.iter().all(|s| matches!(s, Step::Pair(..)));
        let pairs = segment
            .iter()
            .map(|s| (s, clean))
            .chain(steps.get(end).map(|s| (s, true)));
        for (step, clean) in pairs {
            match *step {
                Step::Pair(i, j) if source[i].is_text() && translated[j].is_text() => {
                    out.push(Paired {
                        source: i,
                        translated: j,
                        joined: None,
                        certain: clean && kept(&source[i], &translated[j], values),
                    });
                }
                Step::Split(i, j) if source[i].is_text() => out.push(Paired {
                    source: i,
                    translated: j,
                    joined: Some(j + 1),
                    certain: false,
                }),
                _ => {}
            }
        }
        segment_start = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::units::units;
    use crate::page::{Page, PageOptions};

    struct Exact;
    impl Values for Exact {
        fn same(&self, s: &str, t: &str) -> bool {
            s == t
        }
    }

    fn pairs(source: &str, translated: &str) -> Vec<(usize, usize, bool)> {
        let s = Page::parse(source.as_bytes(), PageOptions::default()).unwrap();
        let t = Page::parse(translated.as_bytes(), PageOptions::default()).unwrap();
        let (su, tu) = (units(&s).0, units(&t).0);
        // (Units' indices as texts' indices: count texts before each.)
        let text_no = |units: &[Unit], i: usize| units[..i].iter().filter(|u| u.is_text()).count();
        align(&su, &tu, &Exact)
            .into_iter()
            .map(|p| {
                (
                    text_no(&su, p.source),
                    text_no(&tu, p.translated),
                    p.certain,
                )
            })
            .collect()
    }

    #[test]
    fn the_same_structure_pairs_every_text_for_certain() {
        let p = pairs(
            "# Install\n\nRun `make`.\n\nThen rest.\n\n- one\n- two\n",
            "# Installer\n\nLancez `make`.\n\nPuis reposez-vous.\n\n- un\n- deux\n",
        );
        assert_eq!(
            p,
            [
                (0, 0, true),
                (1, 1, true),
                (2, 2, true),
                (3, 3, true),
                (4, 4, true)
            ]
        );
    }

    #[test]
    fn a_paragraph_added_by_the_translator_makes_its_neighbours_doubtful_only() {
        let p = pairs(
            "# A\n\nRun `make`.\n\nText one.\n\nText two.\n\n## B\n\nSee [x](x.md).\n",
            "# A\n\nLancez `make`.\n\nTexte un.\n\nNote du traducteur.\n\nTexte deux.\n\n## B\n\nVoir [x](x.md).\n",
        );
        // Between the two anchors (`make`, `x.md`) the counts differ: the
        // pairs there are doubtful; the anchors stay certain.
        assert!(p.contains(&(1, 1, true)));
        assert!(p.contains(&(5, 6, true)));
        assert!(p.iter().filter(|x| x.0 == 2 || x.0 == 3).all(|x| !x.2));
    }

    #[test]
    fn a_moved_block_is_never_certain() {
        let p = pairs(
            "Run `a`.\n\nFirst words here.\n\nSecond words here.\n\nRun `b`.\n",
            "Lancez `a`.\n\nDeuxièmes mots ici.\n\nPremiers mots ici.\n\nLancez `b`.\n",
        );
        // Same counts: the pairs are by place, which the alignment cannot
        // tell from a translation; both texts are plain, so nothing marks
        // them. (This is the limit the README states.)
        assert_eq!(p.len(), 4);
        let p = pairs(
            "Run `a`.\n\nUse `x` here.\n\nUse `y` there.\n\nRun `b`.\n",
            "Lancez `a`.\n\nUtilisez `y` là.\n\nUtilisez `x` ici.\n\nLancez `b`.\n",
        );
        assert!(p.contains(&(1, 2, true)) || !p.iter().any(|x| x.0 == 1 && x.1 == 1 && x.2));
        assert!(!p.contains(&(1, 1, true)), "{p:?}");
    }

    #[test]
    fn merged_list_items_give_no_pair_but_keep_the_rest_in_step() {
        let p = pairs(
            "- Run `a` now\n- and `b` after\n\nSee [the guide](g.md).\n",
            "- Lancez `a` puis `b` ensuite\n\nVoir [le guide](g.md).\n",
        );
        assert_eq!(p, [(2, 1, true)]);
    }

    #[test]
    fn a_page_too_large_for_one_table_is_aligned_in_slices() {
        // 700 sections of a heading, a paragraph with code and a plain one
        // (2,100 texts a side: two slices):
        // aligned in slices (as a page past MAX_CELLS is), every pair is
        // found, and only pairs next to a slice's edge may be doubtful.
        let section = |i: usize, fr: bool| {
            if fr {
                format!("## Partie {i}\n\nLancez `cmd{i}`.\n\nUn texte simple.\n\n")
            } else {
                format!("## Part {i}\n\nRun `cmd{i}`.\n\nSome plain text.\n\n")
            }
        };
        let en: String = (0..700).map(|i| section(i, false)).collect();
        let fr: String = (0..700).map(|i| section(i, true)).collect();
        let s = Page::parse(en.as_bytes(), PageOptions::default()).unwrap();
        let t = Page::parse(fr.as_bytes(), PageOptions::default()).unwrap();
        let (su, tu) = (units(&s).0, units(&t).0);
        assert!(su.len() * tu.len() > MAX_CELLS / 4, "one slice only");
        let steps = banded(&su, &tu, &Exact, 1.0);
        let paired = certainty(&steps, &su, &tu, &Exact, 1.0);
        assert_eq!(paired.len(), 2_100);
        assert!(paired.iter().all(|p| p.source == p.translated));
        let doubtful = paired.iter().filter(|p| !p.certain).count();
        assert!(doubtful <= 6, "{doubtful} doubtful pairs");
    }

    #[test]
    fn a_heading_never_pairs_with_a_paragraph() {
        let p = pairs("# Title\n", "Titre\n");
        assert!(p.is_empty());
    }
}
