//! The glossary: Fluent terms (`-product = Caffe2`) that translations
//! refer to (`{ -product }`, `{ -product(case: "genitive") }`), so that a
//! product name or a term is translated the same way everywhere.
//!
//! Each locale may have one glossary, `locales/<locale>/_terms.ftl` (the
//! name is `[glossary] file`), never a page's catalog. A translation's
//! term is looked up in its locale's glossary, then along the locale's
//! fallback chain, then in the source locale's; it is resolved with the
//! `fluent` crate (fluent-bundle, isolation marks off) into text, which
//! is then escaped so that it stays text in the page: a term is a name,
//! never Markdown, HTML, a definition or template code.
//!
//! Nothing is read until a run asks ([`crate::project::Project::glossaries`]),
//! and a translation without a term costs one look at its pieces.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast::{
    CallArguments, Entry, Expression, Identifier, InlineExpression, NamedArgument, Pattern as Ast,
    PatternElement, VariantKey,
};
use rustc_hash::FxHashMap;

use crate::catalog::SyntaxError;
use crate::check::{Code, Severity};
use crate::page::line_col;
use crate::pattern::{Pattern, Piece, TermRef};
use crate::project::Project;

use crate::check::rules::Problem;

/// One term of a glossary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Its name, without the `-`.
    pub name: String,
    /// The 1-based line of its definition.
    pub line: usize,
    /// For each variable its value selects on (`$case`), the variants'
    /// keys (`nominative`, `genitive`).
    pub selectors: Vec<(String, Vec<String>)>,
    /// Its value when it is plain text (no placeable): what `extract`
    /// looks for in source texts.
    pub text: Option<String>,
}

/// One locale's glossary file.
pub struct Glossary {
    /// The locale.
    pub locale: String,
    /// The file (which may not exist).
    pub path: PathBuf,
    /// Whether the file exists.
    pub exists: bool,
    /// Its terms, in file order.
    pub terms: Vec<Term>,
    /// Its Fluent syntax errors (the terms that parse are kept).
    pub errors: Vec<SyntaxError>,
    /// Its messages that are no terms (`name = …` instead of `-name = …`):
    /// name and line.
    pub messages: Vec<(String, usize)>,
    /// A problem reading it (a link, an I/O error, not UTF-8).
    pub unreadable: Option<String>,
    /// The file's text, for the bundle.
    text: String,
}

impl Glossary {
    /// Reads the glossary of `locale` (an empty one when there is none).
    fn read(project: &Project, locale: &str) -> Glossary {
        let path = project.shown(&project.glossary_path(locale));
        let mut g = Glossary {
            locale: locale.to_string(),
            path,
            exists: false,
            terms: Vec::new(),
            errors: Vec::new(),
            messages: Vec::new(),
            unreadable: None,
            text: String::new(),
        };
        match project.files().read(&g.path) {
            Ok(None) => {}
            Ok(Some(bytes)) => {
                g.exists = true;
                match String::from_utf8(bytes) {
                    Ok(text) => g.parse(text),
                    Err(_) => {
                        g.unreadable =
                            Some("the glossary is not valid UTF-8: save it as UTF-8".into())
                    }
                }
            }
            Err(e) => {
                g.exists = true;
                g.unreadable = Some(format!("the glossary cannot be read ({e})"));
            }
        }
        g
    }

    /// Reads the terms of `text`.
    fn parse(&mut self, text: String) {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.replace("\r\n", "\n"),
            None => text.replace("\r\n", "\n"),
        };
        let read = crate::catalog::fluent::read_resource(&text, |resource, parsed| {
            let line_of = |name: &str| {
                let at = (name.as_ptr() as usize).wrapping_sub(parsed.as_ptr() as usize);
                line_col(parsed, at.min(parsed.len())).0
            };
            for entry in &resource.body {
                match entry {
                    Entry::Term(t) => self.terms.push(Term {
                        name: t.id.name.to_string(),
                        line: line_of(t.id.name),
                        selectors: selectors(&t.value),
                        text: plain_text(&t.value),
                    }),
                    Entry::Message(m) => self
                        .messages
                        .push((m.id.name.to_string(), line_of(m.id.name))),
                    _ => {}
                }
            }
            // (The bundle reads the text the parser could read.)
            parsed.to_string()
        });
        match read {
            Ok((parsed, errors)) => {
                self.text = parsed;
                self.errors = errors;
            }
            Err(e) => self.errors.push(e),
        }
    }

    /// The term `name`, if the glossary defines it.
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.name == name)
    }
}

/// The variables a term's value selects on, with their variants' keys.
fn selectors(value: &Ast<&str>) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for element in &value.elements {
        let PatternElement::Placeable {
            expression: Expression::Select { selector, variants },
        } = element
        else {
            continue;
        };
        let InlineExpression::VariableReference { id } = selector else {
            continue;
        };
        let keys = variants.iter().map(|v| match &v.key {
            VariantKey::Identifier { name } => name.to_string(),
            VariantKey::NumberLiteral { value } => value.to_string(),
        });
        match out.iter_mut().find(|(n, _)| n == id.name) {
            Some((_, known)) => known.extend(keys),
            None => out.push((id.name.to_string(), keys.collect())),
        }
    }
    out
}

/// A term's value when it is text only.
fn plain_text(value: &Ast<&str>) -> Option<String> {
    let mut out = String::new();
    for element in &value.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable { .. } => return None,
        }
    }
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

/// The glossaries of a project's locales, and a Fluent bundle per locale
/// made when a translation first uses a term.
pub struct Glossaries {
    source: String,
    by_locale: FxHashMap<String, Glossary>,
    /// Each locale's lookup order: itself, its fallbacks, the source.
    chains: FxHashMap<String, Vec<String>>,
    bundles: FxHashMap<String, OnceLock<Option<FluentBundle<FluentResource>>>>,
    /// The source glossary's plain terms, found in source texts.
    finder: OnceLock<Option<Finder>>,
}

/// Finds the source glossary's plain terms' texts in a message: one pass
/// of an Aho-Corasick automaton over its text.
struct Finder {
    automaton: aho_corasick::AhoCorasick,
    /// Per pattern of the automaton: the note (`"IoT" is { -iot }`).
    notes: Vec<String>,
    /// A hash of the notes, for pages' fingerprints.
    hash: u64,
}

impl fmt::Debug for Glossaries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Glossaries")
            .field("source", &self.source)
            .field("locales", &self.chains.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Glossaries {
    /// Reads the glossary of every configured locale and of the source.
    pub fn load(project: &Project) -> Glossaries {
        let source = project.config.source_locale.clone();
        let mut chains = FxHashMap::default();
        let mut by_locale = FxHashMap::default();
        for locale in project.config.locales.iter().chain([&source]) {
            let mut chain = project.fallback_chain(locale);
            if !chain.contains(&source) {
                chain.push(source.clone());
            }
            for l in &chain {
                by_locale
                    .entry(l.clone())
                    .or_insert_with(|| Glossary::read(project, l));
            }
            chains.insert(locale.clone(), chain);
        }
        let bundles = chains
            .keys()
            .map(|l| (l.clone(), OnceLock::new()))
            .collect();
        Glossaries {
            source,
            by_locale,
            chains,
            bundles,
            finder: OnceLock::new(),
        }
    }

    /// The finder of the source glossary's plain terms, if it has any.
    fn finder(&self) -> Option<&Finder> {
        self.finder
            .get_or_init(|| {
                let mut terms: Vec<(&str, &str)> = self
                    .source()?
                    .terms
                    .iter()
                    .filter_map(|t| Some((t.text.as_deref()?, t.name.as_str())))
                    .collect();
                if terms.is_empty() {
                    return None;
                }
                // The longest text first, so that of two overlapping
                // terms the longer is found ("Caffe2 Go" before "Caffe2").
                terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.cmp(b)));
                terms.dedup_by(|a, b| a.0 == b.0);
                let automaton = aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    .build(terms.iter().map(|(text, _)| text))
                    .ok()?;
                let notes: Vec<String> =
                    terms.iter().map(|(text, name)| note(text, name)).collect();
                let hash = notes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, n| {
                    n.bytes().chain([0]).fold(h, |h, b| {
                        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
                    })
                });
                Some(Finder {
                    automaton,
                    notes,
                    hash,
                })
            })
            .as_ref()
    }

    /// What the source glossary adds to a page's fingerprint: a change of
    /// its terms changes the source catalogs' notes (0 without terms, so
    /// that a project without a glossary keeps its fingerprints).
    pub fn fingerprint(&self) -> u64 {
        self.finder().map_or(0, |f| f.hash)
    }

    /// Notes on each message of `page` the source glossary's terms whose
    /// text it holds, as whole words (case-sensitive), in order of first
    /// appearance.
    pub fn annotate(&self, page: &mut crate::page::Page) {
        let Some(finder) = self.finder() else {
            return;
        };
        for m in &mut page.messages {
            let mut found: Vec<usize> = Vec::new();
            for piece in m.pattern.pieces() {
                let Piece::Text(text) = piece else { continue };
                for hit in finder.automaton.find_iter(text) {
                    let before = text[..hit.start()].chars().next_back();
                    let after = text[hit.end()..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    let i = hit.pattern().as_usize();
                    if !word(before) && !word(after) && !found.contains(&i) {
                        found.push(i);
                    }
                }
            }
            m.glossary = found.into_iter().map(|i| finder.notes[i].clone()).collect();
        }
    }

    /// The glossary of `locale`, if it is a locale of the project.
    pub fn get(&self, locale: &str) -> Option<&Glossary> {
        self.by_locale.get(locale)
    }

    /// The source locale's glossary.
    pub fn source(&self) -> Option<&Glossary> {
        self.get(&self.source)
    }

    /// Every glossary, sorted by locale.
    pub fn all(&self) -> Vec<&Glossary> {
        let mut all: Vec<&Glossary> = self.by_locale.values().collect();
        all.sort_by(|a, b| a.locale.cmp(&b.locale));
        all
    }

    /// Whether no glossary has a term.
    pub fn is_empty(&self) -> bool {
        self.by_locale.values().all(|g| g.terms.is_empty())
    }

    /// The glossaries `locale` looks terms up in, in order.
    fn chain(&self, locale: &str) -> impl Iterator<Item = &Glossary> {
        self.chains
            .get(locale)
            .into_iter()
            .flatten()
            .filter_map(|l| self.by_locale.get(l))
    }

    /// The bundle of `locale`'s terms (its glossary's first, then its
    /// fallbacks'), made on first use.
    fn bundle(&self, locale: &str) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .get(locale)?
            .get_or_init(|| {
                let langid = locale.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                bundle.set_use_isolating(false);
                for g in self.chain(locale) {
                    if g.terms.is_empty() {
                        continue;
                    }
                    let text = g.text.clone();
                    let Ok(resource) = crate::error::guarded(|| FluentResource::try_new(text))
                    else {
                        continue;
                    };
                    let resource = resource.unwrap_or_else(|(r, _)| r);
                    // (A term defined again further along the chain is
                    // refused: the first one stays.)
                    let _ = bundle.add_resource(resource);
                }
                Some(bundle)
            })
            .as_ref()
    }

    /// `pattern`, a translation of message `id` in `locale`, with its terms
    /// resolved into text (escaped: see [`escape_term`]), and the problems
    /// with its terms. `None` when a term cannot be resolved (an error
    /// among the problems says why).
    pub(crate) fn resolve(
        &self,
        locale: &str,
        id: &str,
        pattern: &Pattern,
    ) -> (Option<Pattern>, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut out = Pattern::with_capacity(pattern.pieces().len());
        let mut failed = false;
        let own = self.get(locale);
        for piece in pattern.pieces() {
            let term = match piece {
                Piece::Text(t) => {
                    out.push_text(t);
                    continue;
                }
                Piece::Var(v) => {
                    out.push_var(v);
                    continue;
                }
                Piece::Term(term) => term,
            };
            let Some((glossary, def)) = self
                .chain(locale)
                .find_map(|g| Some((g, g.term(&term.name)?)))
            else {
                failed = true;
                problems.push(self.unknown(locale, id, term));
                continue;
            };
            if glossary.locale != locale
                && let Some(own) = own
            {
                problems.push((
                    Severity::Warning,
                    Code::TermMissing,
                    format!(
                        "`{id}` uses `{{ -{} }}`, which the {locale} glossary lacks: \
                         the {} glossary's is used",
                        term.name, glossary.locale
                    ),
                    format!(
                        "add `-{} = …` to {}",
                        term.name,
                        crate::store::display_path(&own.path)
                    ),
                ));
            }
            variant_problems(id, term, def, glossary, &mut problems);
            match self.format(locale, term) {
                Ok(text) => out.push_text(&escape_term(&text)),
                Err(why) => {
                    failed = true;
                    problems.push((
                        Severity::Error,
                        Code::UnknownTerm,
                        format!("`{id}`: `{{ -{} }}` cannot be resolved: {why}", term.name),
                        format!(
                            "fix `-{}` in {} (line {})",
                            term.name,
                            crate::store::display_path(&glossary.path),
                            def.line
                        ),
                    ));
                }
            }
        }
        ((!failed).then_some(out), problems)
    }

    /// The finding for a term no glossary of the chain defines.
    fn unknown(&self, locale: &str, id: &str, term: &TermRef) -> Problem {
        let looked: Vec<String> = self
            .chain(locale)
            .map(|g| crate::store::display_path(&g.path))
            .collect();
        let own = self
            .get(locale)
            .map_or_else(String::new, |g| crate::store::display_path(&g.path));
        (
            Severity::Error,
            Code::UnknownTerm,
            format!(
                "`{id}` uses `{{ -{} }}`, a term no glossary defines (looked in {})",
                term.name,
                looked.join(", ")
            ),
            format!(
                "add `-{} = …` to {own}, or write a term the glossary has",
                term.name
            ),
        )
    }

    /// The text a term reference gives in `locale` (as written in the
    /// glossary, not escaped), if it resolves.
    pub fn text(&self, locale: &str, term: &TermRef) -> Option<String> {
        self.chain(locale).find(|g| g.term(&term.name).is_some())?;
        self.format(locale, term).ok()
    }

    /// Whether a glossary of `locale` (itself or a fallback, not the
    /// source's unless it is the source) defines the term `name`.
    pub fn defines(&self, locale: &str, name: &str) -> bool {
        self.chain(locale)
            .filter(|g| g.locale == locale || g.locale != self.source)
            .any(|g| g.term(name).is_some())
    }

    /// The text of a term reference, by the locale's bundle.
    fn format(&self, locale: &str, term: &TermRef) -> Result<String, String> {
        let bundle = self
            .bundle(locale)
            .ok_or_else(|| "no glossary for this locale".to_string())?;
        let arguments = (!term.args.is_empty()).then(|| CallArguments {
            positional: Vec::new(),
            named: term
                .args
                .iter()
                .map(|(name, value)| NamedArgument {
                    name: Identifier {
                        name: name.as_str(),
                    },
                    value: InlineExpression::StringLiteral {
                        value: value.as_str(),
                    },
                })
                .collect(),
        });
        let ast = Ast {
            elements: vec![PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::TermReference {
                    id: Identifier {
                        name: term.name.as_str(),
                    },
                    attribute: None,
                    arguments,
                }),
            }],
        };
        let mut errors = Vec::new();
        let text =
            crate::error::guarded(|| bundle.format_pattern(&ast, None, &mut errors).into_owned())
                .map_err(|_| "the Fluent resolver failed on it".to_string())?;
        match errors.first() {
            Some(e) => Err(e.to_string()),
            None => Ok(text),
        }
    }
}

/// The note on a message that holds a term's text:
/// `"IoT" is { -iot }` (read back by [`noted_term`]).
fn note(text: &str, name: &str) -> String {
    format!("\"{}\" is {{ -{name} }}", text.replace('\n', " "))
}

/// The term a note of [`note`]'s names.
pub(crate) fn noted_term(note: &str) -> Option<&str> {
    note.strip_suffix(" }")?
        .rsplit_once(" is { -")
        .map(|(_, name)| name)
}

/// The variants `term` asks for that `def` does not have.
fn variant_problems(
    id: &str,
    term: &TermRef,
    def: &Term,
    glossary: &Glossary,
    problems: &mut Vec<Problem>,
) {
    for (name, value) in &term.args {
        let why = match def.selectors.iter().find(|(n, _)| n == name) {
            None => format!("`-{}` has no variants by `{name}`", term.name),
            Some((_, keys)) if !keys.iter().any(|k| k == value) => format!(
                "`-{}` has no `[{value}]` variant (it has {})",
                term.name,
                keys.iter()
                    .map(|k| format!("`[{k}]`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(_) => continue,
        };
        problems.push((
            Severity::Warning,
            Code::TermVariant,
            format!(
                "`{id}` asks for `{name}: \"{value}\"`, but {why}: the default variant is used"
            ),
            format!(
                "add a `[{value}]` variant to `-{}` in {} (line {}), or ask for one it has",
                term.name,
                crate::store::display_path(&glossary.path),
                def.line
            ),
        ));
    }
}

/// A term's text as text in a page: what Markdown, HTML, attribute lists
/// or template code would read is written as a character reference
/// (`&lt;`, `&#42;`), which every generator's parser shows as the
/// character; line breaks and other control characters become spaces.
/// A plain name comes back as it is.
pub fn escape_term(text: &str) -> Cow<'_, str> {
    let special = |c: char| {
        matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '&'
                | '|'
                | '~'
                | '#'
                | '!'
                | '='
                | '^'
        ) || c.is_control()
    };
    if !text.contains(special) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => out.push(' '),
            c if special(c) => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_is_kept_and_markup_is_referenced() {
        assert!(matches!(escape_term("Caffe2 Go"), Cow::Borrowed(_)));
        assert_eq!(
            escape_term("<b>*x*</b> {{ y }}\n"),
            "&lt;b&gt;&#42;x&#42;&lt;/b&gt; &#123;&#123; y &#125;&#125; "
        );
    }

    #[test]
    fn a_note_names_its_term() {
        assert_eq!(noted_term(&note("Caffe2 Go", "go")), Some("go"));
        assert_eq!(noted_term(&note("a \" is { -b }", "c-d")), Some("c-d"));
        assert_eq!(noted_term("Note: something else"), None);
    }

    #[test]
    fn selectors_and_plain_values_are_read() {
        let mut g = Glossary {
            locale: "de".into(),
            path: PathBuf::from("locales/de/_terms.ftl"),
            exists: true,
            terms: Vec::new(),
            errors: Vec::new(),
            messages: Vec::new(),
            unreadable: None,
            text: String::new(),
        };
        g.parse(
            "-iot = IoT\n\n-product =\n    { $case ->\n       *[nominative] Kaffee\n        [genitive] Kaffees\n    }\nmsg = x\n-broken = {\n"
                .into(),
        );
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.term("iot").unwrap().text.as_deref(), Some("IoT"));
        let p = g.term("product").unwrap();
        assert_eq!(p.line, 3);
        assert_eq!(
            p.selectors,
            [(
                "case".to_string(),
                vec!["nominative".to_string(), "genitive".to_string()]
            )]
        );
        assert_eq!(g.messages, [("msg".to_string(), 8)]);
        assert_eq!(g.errors.len(), 1);
        assert_eq!(g.errors[0].line, 9);
    }
}
