//! What the generator-oracle tests (`mkdocs.rs`, `docusaurus.rs`) share:
//! the pseudo-translation's letters, the English left, failures page by
//! page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Letters for the pseudo-translation: Cyrillic, which Python-Markdown's
/// `toc` slugify drops (an NFKD form with no ASCII), so that a translated
/// heading gets another id unless the source id is kept. (Fullwidth or
/// accented Latin letters would decompose back to ASCII and hide that.)
pub const LOWER: [char; 26] = [
    'а', 'б', 'ц', 'д', 'е', 'ф', 'г', 'х', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'я', 'р', 'с',
    'т', 'у', 'в', 'ш', 'ж', 'ы', 'з',
];

/// `c` as the pseudo-translation writes it: an ASCII letter made Cyrillic.
pub fn cyrillic(c: char) -> char {
    match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        'A'..='Z' => LOWER[(c as u8 - b'A') as usize]
            .to_uppercase()
            .next()
            .unwrap(),
        c => c,
    }
}

/// ASCII letters of visible text, emoji shortcodes left out (an unknown
/// one, `:material-check:` without Material, stays text and is kept).
pub fn ascii_letters(text: &str) -> usize {
    let emoji = Regex::new(r":[a-z0-9_+-]+:").unwrap();
    emoji
        .replace_all(text, "")
        .chars()
        .filter(char::is_ascii_alphabetic)
        .count()
}

/// Words of ASCII letters in `text`, for failure messages.
pub fn ascii_words(text: &str, n: usize) -> Vec<String> {
    let re = Regex::new(r"[A-Za-z]{2,}").unwrap();
    let mut seen = BTreeSet::new();
    re.find_iter(text)
        .map(|m| m.as_str().to_string())
        .filter(|w| seen.insert(w.clone()))
        .take(n)
        .collect()
}

/// The first line where two texts differ, with its number.
pub fn first_line_difference(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.split_inclusive('\n').collect();
    let b: Vec<&str> = got.split_inclusive('\n').collect();
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    format!(
        "line {}: source {:?}, built {:?}",
        at + 1,
        a.get(at).copied().unwrap_or("<end>"),
        b.get(at).copied().unwrap_or("<end>")
    )
}

/// Marker words in the fixture pages (`zzbody1`): each is in prose that
/// must reach a catalog.
pub fn markers(text: &str) -> BTreeSet<String> {
    let re = Regex::new(r"\bzz[a-z0-9]+\b").unwrap();
    re.find_iter(text).map(|m| m.as_str().to_string()).collect()
}

/// A temporary folder for a test project, left in place (and named on
/// stderr) with `FLUENTMARK_KEEP=1`, to look at the catalogs and built pages
/// of a failure.
pub fn workdir(prefix: &str) -> tempfile::TempDir {
    let mut tmp = tempfile::Builder::new().prefix(prefix).tempdir().unwrap();
    if std::env::var_os("FLUENTMARK_KEEP").is_some_and(|v| v == "1") {
        tmp.disable_cleanup(true);
        eprintln!("project kept in {}", tmp.path().display());
    }
    tmp
}

/// A page as an oracle read it: what of it is visible text.
pub trait Visible {
    /// The visible text, outside code.
    fn visible_text(&self) -> &str;
}

/// What a round trip of a site found.
pub struct Judged<R> {
    /// Per page, what went wrong.
    pub failures: BTreeMap<PathBuf, Vec<String>>,
    /// Source and built page of each page, as the oracle read them.
    pub source: BTreeMap<PathBuf, R>,
    pub built: BTreeMap<PathBuf, R>,
}

impl<R: Visible> Judged<R> {
    /// Nothing found yet.
    pub fn new() -> Self {
        Judged {
            failures: BTreeMap::new(),
            source: BTreeMap::new(),
            built: BTreeMap::new(),
        }
    }

    pub fn fail(&mut self, page: &Path, what: String) {
        self.failures
            .entry(page.to_path_buf())
            .or_default()
            .push(what);
    }

    /// Panics with every failure, page by page, and with the English
    /// left in the translated text when it is `max_percent` or more of the
    /// source's ASCII letters (`None`: not checked).
    pub fn assert_clean(&self, what: &str, max_percent: Option<f64>) {
        let mut report = String::new();
        for (page, failures) in &self.failures {
            report.push_str(&format!("\n{}:\n", page.display()));
            for f in failures {
                report.push_str(&format!("  - {f}\n"));
            }
        }
        let untranslated = max_percent.and_then(|max| self.untranslated(max));
        if report.is_empty() && untranslated.is_none() {
            return;
        }
        panic!(
            "{what}: {} page(s) failed\n{report}\n{}",
            self.failures.len(),
            untranslated.unwrap_or_default()
        );
    }

    /// ASCII letters left in the built pages' text, against the source's:
    /// at `max_percent` or more, what to report, naming the worst pages
    /// with examples.
    fn untranslated(&self, max_percent: f64) -> Option<String> {
        let source: usize = self
            .source
            .values()
            .map(|r| ascii_letters(r.visible_text()))
            .sum();
        let mut left: Vec<(usize, &PathBuf)> = self
            .built
            .iter()
            .map(|(p, r)| (ascii_letters(r.visible_text()), p))
            .collect();
        let total: usize = left.iter().map(|(n, _)| n).sum();
        let percent = 100.0 * total as f64 / source.max(1) as f64;
        eprintln!("ASCII letters left in the translated text: {total} of {source} ({percent:.2}%)");
        if percent < max_percent {
            return None;
        }
        left.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        let mut report = format!(
            "{percent:.2}% of the source's ASCII letters are left in the translated pages' \
             visible text ({total} of {source}; at most {max_percent}% allowed). Worst pages:\n"
        );
        for (n, page) in left.iter().take(10) {
            report.push_str(&format!(
                "  {} ({n} letters): {:?}\n",
                page.display(),
                ascii_words(self.built[*page].visible_text(), 12)
            ));
        }
        Some(report)
    }
}
