//! The rules: what is wrong with one translation of one source message,
//! and where it stands. One definition for `check`, `status` and `build`,
//! which uses exactly the translations `check` accepts.

use crate::catalog::{SourceEntry, Translation, Unsupported};
use crate::dialect::Dialect;
use crate::markup::{Markup, pattern_markup};
use crate::pattern::Pattern;
use std::borrow::Cow;
use std::cell::OnceCell;

use crate::safety::{
    Context, Kind, SourceFeatures, added_against, added_html, may_add, source_features,
};

use super::{Code, Severity};

/// What every locale's check needs to know of a source message.
pub(crate) struct SourceFacts<'p> {
    markup: Option<Markup>,
    /// Its words, for coverage.
    pub(crate) words: usize,
    /// Its placeables' names, sorted, each once.
    vars: Vec<&'p str>,
    /// What the safety rules find in it, when a translation needs them
    /// (found once for all locales).
    features: OnceCell<SourceFeatures>,
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

impl<'p> SourceFacts<'p> {
    /// The facts of `m`.
    pub(crate) fn of(m: &'p SourceEntry) -> Self {
        SourceFacts {
            markup: pattern_markup(&m.pattern, |name| m.value(name)),
            words: m.pattern.word_count(),
            vars: sorted_vars(&m.pattern),
            features: OnceCell::new(),
        }
    }
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
/// Its terms (`{ -product }`) are resolved with `terms`, the glossaries
/// and the catalog's locale, and the text they give is judged like the
/// translator's own ([`resolved`]).
pub(crate) fn judge(
    m: &SourceEntry,
    facts: &SourceFacts<'_>,
    t: &Translation,
    config: &crate::project::Config,
    terms: Terms<'_>,
) -> (Standing, Vec<Problem>) {
    let ignored = |code: Code| ignores(t, code);
    let dialect = config.dialect.unwrap_or(&crate::dialect::COMMONMARK);
    let mut problems = match &t.pattern {
        Ok(p) if p.has_terms() => match resolved(m, t, terms) {
            (Some(p), mut term_problems) => {
                let mut problems = translation_problems(m, Ok(&p), facts, dialect);
                problems.append(&mut term_problems);
                problems
            }
            (None, term_problems) => term_problems,
        },
        pattern => translation_problems(m, pattern.as_ref(), facts, dialect),
    };
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

/// Where a translation's terms are looked up: the project's glossaries
/// and the locale of the translation's catalog.
pub(crate) type Terms<'g> = (&'g crate::glossary::Glossaries, &'g str);

/// The text of translation `t` with its terms resolved (borrowed when it
/// has none), and the problems with its terms; `None` when it has no
/// text or a term cannot be resolved.
pub(crate) fn resolved<'t>(
    m: &SourceEntry,
    t: &'t Translation,
    (glossaries, locale): Terms<'_>,
) -> (Option<Cow<'t, Pattern>>, Vec<Problem>) {
    match &t.pattern {
        Ok(p) if p.has_terms() => {
            let (p, problems) = glossaries.resolve(locale, &m.id, p);
            (p.map(Cow::Owned), problems)
        }
        Ok(p) => (Some(Cow::Borrowed(p)), Vec::new()),
        Err(_) => (None, Vec::new()),
    }
}

/// Whether a `# fluentmark-ignore` comment above the translation silences
/// findings of `code`.
pub(crate) fn ignores(t: &Translation, code: Code) -> bool {
    t.ignore.iter().any(|c| c == code.as_str())
}

/// Whether a text has letters (a number or a placeable alone is the same
/// in every language).
fn has_letters(pattern: &Pattern) -> bool {
    pattern.pieces().iter().any(|piece| match piece {
        crate::pattern::Piece::Text(t) => t.chars().any(char::is_alphabetic),
        crate::pattern::Piece::Var(_) => false,
        crate::pattern::Piece::Term(_) => true,
    })
}

/// What is wrong with a translation's text (its terms resolved).
fn translation_problems(
    m: &SourceEntry,
    pattern: Result<&Pattern, &Unsupported>,
    facts: &SourceFacts<'_>,
    dialect: &Dialect,
) -> Vec<Problem> {
    let pattern = match pattern {
        Ok(p) => p,
        Err(e) => return vec![unusable(m, e)],
    };
    let vars = sorted_vars(pattern);
    if vars != facts.vars {
        return placeable_problems(m, &vars, &facts.vars);
    }
    if pattern == &m.pattern {
        return Vec::new();
    }
    // What the generator's own parser would not read (checked whatever
    // the Markdown: a quote in a shortcode's parameter is plain text).
    let mut syntax = Vec::new();
    if let Some(syntax_error) = dialect.syntax_error
        && let Ok(text) = pattern.fill(|name| m.value(name))
        && let Some(why) = syntax_error(&text)
        && m.pattern
            .fill(|name| m.value(name))
            .is_ok_and(|source| syntax_error(&source).is_none())
    {
        let (code, hint) = if dialect.name == "docusaurus" {
            (
                Code::MdxSyntax,
                "keep the source's tags, in their order, each one closed",
            )
        } else {
            (Code::MarkupMismatch, "keep the source's syntax as it is")
        };
        syntax.push((
            Severity::Error,
            code,
            format!("`{}` would not compile: {why}", m.id),
            hint.to_string(),
        ));
    }
    let (Some(a), Some(b)) = (&facts.markup, pattern_markup(pattern, |name| m.value(name))) else {
        return syntax;
    };
    let mut out = markup_problems(m, a, &b);
    out.append(&mut syntax);
    // (Only a dialect with block syntax of its own has such lines.)
    if m.paragraph
        && dialect.prepare.is_some()
        && let Some(line) = generator_block(pattern, dialect)
        && generator_block(&m.pattern, dialect).is_none()
    {
        out.push((
            Severity::Error,
            Code::MarkupMismatch,
            format!(
                "`{}` changes the Markdown: a line starting `{line}` opens a {} block the source does not have",
                m.id, dialect.name
            ),
            format!("start no line with `{line}`: in the built page it would open a block"),
        ));
    }
    for mark in dialect.inline_marks {
        let (a, b) = (marks(&m.pattern, mark), marks(pattern, mark));
        if a != b && out.is_empty() {
            out.push((
                Severity::Warning,
                Code::MarkupMismatch,
                format!("`{}` has {b} `{mark}` where the source has {a}", m.id),
                format!("keep the source's `{mark}…{mark}` spans"),
            ));
        }
    }
    add_structure_problems(m, facts, pattern, &mut out);
    out
}

/// How many times `mark` is in `pattern`'s text.
fn marks(pattern: &Pattern, mark: &str) -> usize {
    pattern
        .pieces()
        .iter()
        .map(|p| match p {
            crate::pattern::Piece::Text(t) => t.matches(mark).count(),
            crate::pattern::Piece::Var(_) | crate::pattern::Piece::Term(_) => 0,
        })
        .sum()
}

/// The start of the first line of `pattern`'s text that would open one of
/// the generator's own blocks (`!!! note`, `/// tip`), if one does.
fn generator_block(pattern: &Pattern, dialect: &Dialect) -> Option<String> {
    let mut at_line_start = true;
    for piece in pattern.pieces() {
        let crate::pattern::Piece::Text(text) = piece else {
            at_line_start = false;
            continue;
        };
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 || at_line_start {
                let line = line.trim_start_matches([' ', '\t']);
                if (dialect.opens_block)(line) {
                    return Some(line.chars().take(3).collect());
                }
            }
        }
        at_line_start = text.ends_with('\n');
    }
    None
}

/// A translation that is no text and placeables: a message with
/// attributes only (a syntax problem for us), a reference or a function.
fn unusable(m: &SourceEntry, e: &Unsupported) -> Problem {
    let code = if e.0.contains("no value") {
        Code::Syntax
    } else {
        Code::PlaceableUnknown
    };
    (
        Severity::Error,
        code,
        format!("`{}`: {}", m.id, e.0),
        "use only text and the placeables of the source message".to_string(),
    )
}

/// The placeables a translation drops, then those it adds (`vars` and
/// `source` sorted).
fn placeable_problems(m: &SourceEntry, vars: &[&str], source: &[&str]) -> Vec<Problem> {
    let mut out = Vec::new();
    for v in source.iter().filter(|v| vars.binary_search(v).is_err()) {
        out.push((
            Severity::Error,
            Code::PlaceableMissing,
            format!("`{}` drops {{ ${v} }} of the source", m.id),
            format!("put {{ ${v} }} back where it belongs in the sentence"),
        ));
    }
    for v in vars.iter().filter(|v| source.binary_search(v).is_err()) {
        out.push((
            Severity::Error,
            Code::PlaceableUnknown,
            format!(
                "`{}` uses {{ ${v} }}, which the source message does not have",
                m.id
            ),
            "use only the placeables listed in the source catalog's comment".to_string(),
        ));
    }
    out
}

/// How a translation's Markdown (`b`) differs from the source's (`a`):
/// added HTML, then changed links, images, footnotes, tags or blocks (or,
/// only when nothing else changed, emphasis).
fn markup_problems(m: &SourceEntry, a: &Markup, b: &Markup) -> Vec<Problem> {
    let mut out = Vec::new();
    let what = added_html(a.passed_html(), b.passed_html());
    let new_tags = what.iter().any(|w| w.starts_with('<'));
    if !what.is_empty() {
        out.push((
            Severity::Error,
            Code::UnsafeHtml,
            format!(
                "`{}` adds raw HTML the source does not have: {}",
                m.id,
                what.join(", ")
            ),
            "remove the HTML; a translation may only move the source's markup".to_string(),
        ));
    }
    let diffs = markup_differences(m, a, b, new_tags);
    if !diffs.is_empty() {
        out.push((
            Severity::Error,
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
    out
}

/// What changed between the source's Markdown (`a`) and a translation's
/// (`b`), emphasis aside; tags only when no new tag was reported as HTML.
fn markup_differences(m: &SourceEntry, a: &Markup, b: &Markup, new_tags: bool) -> Vec<String> {
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
    diffs
}

/// What any parser of the dialect reads as HTML, structure, attributes,
/// definitions or template code (crate::safety), added to the finding of
/// its code in `out` when there is one.
fn add_structure_problems(
    m: &SourceEntry,
    facts: &SourceFacts<'_>,
    pattern: &Pattern,
    out: &mut Vec<Problem>,
) {
    let ctx = Context::of_source(m, false);
    if !may_add(pattern, &ctx) {
        return;
    }
    let had = facts
        .features
        .get_or_init(|| source_features(&m.pattern, &ctx));
    for added in added_against(had, pattern, &ctx) {
        let (code, verb, join, hint) = match added.kind {
            Kind::Html => (
                Code::UnsafeHtml,
                "adds raw HTML the source does not have",
                ", ",
                "remove the HTML; a translation may only move the source's markup",
            ),
            Kind::Structure => (
                Code::MarkupMismatch,
                "changes the Markdown",
                "; ",
                "keep the source's markup; write no definition, attribute list or template code",
            ),
        };
        match out
            .iter_mut()
            .find(|p| p.0 == Severity::Error && p.1 == code)
        {
            Some(p) if p.2.contains(&added.what) => {}
            Some(p) => p.2 = format!("{}{join}{}", p.2, added.what),
            None => out.push((
                Severity::Error,
                code,
                format!("`{}` {verb}: {}", m.id, added.what),
                hint.into(),
            )),
        }
    }
}
