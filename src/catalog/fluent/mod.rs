//! The Fluent format (`.ftl`): reading catalogs with fluent-syntax's
//! parser, escaping any text into Fluent, writing what fluentmark writes,
//! and source catalogs. Everything that knows Fluent's syntax is here;
//! [`Fluent`] provides it to the neutral model (see [`crate::catalog`]).
//!
//! - `mod.rs`: reading a [`Catalog`], with the parser's panics caught and
//!   its one known panic repaired into a syntax error;
//! - [`escape`]: a [`Pattern`] to Fluent and back;
//! - [`write`](mod@write): the serializer's text, written directly;
//! - `written.rs`: a catalog's units with their text, for maintenance;
//! - [`source`]: the source catalog of a page, its read-back and stamp.
//!
//! Fluent's conventions for what the model calls fuzzy, obsolete and
//! ignored: a `# fuzzy` comment line, the `## Obsolete` group comment (and
//! every message below it until the next group comment), a
//! `# fluentmark-ignore: code, code` comment line.

pub mod escape;
pub mod source;
pub mod write;
mod written;

use std::borrow::Cow;

use fluent_syntax::ast::{Comment, Entry, Message, Resource};

use super::{
    Catalog, Format, Kind, SourceEntry, SyntaxError, Translation, Unit, Unsupported, Written,
};
use crate::page::{Page, line_col};
use crate::pattern::Pattern;
use escape::from_fluent;

pub(crate) use source::comment_lines;
pub use source::{read_source_catalog, source_catalog, source_resource, stamp, stamped_messages};
pub use write::serialize;

/// The Fluent format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fluent;

impl Format for Fluent {
    fn read(&self, text: &str) -> Catalog {
        read(text)
    }

    fn read_written(&self, text: &str) -> Result<Written, Vec<SyntaxError>> {
        written::read(text)
    }

    fn write(&self, catalog: &Written) -> String {
        written::write(catalog)
    }

    fn message(&self, id: &str, text: &Pattern) -> Unit {
        written::message(id, text)
    }

    fn comment(&self, kind: Kind, lines: Vec<String>) -> Unit {
        written::comment(kind, lines)
    }

    fn rename(&self, unit: &mut Unit, id: &str) {
        written::rename(unit, id);
    }

    fn mark_fuzzy(&self, unit: &mut Unit, why: &str) {
        written::mark_fuzzy(unit, why);
    }

    fn record_source(&self, unit: &mut Unit, source: &str) {
        written::record_source(unit, source);
    }

    fn recorded_source(&self, unit: &Unit) -> Option<String> {
        written::recorded_source(unit)
    }

    fn set_value(&self, unit: &mut Unit, text: &Pattern) {
        written::set_value(unit, text);
    }

    fn clear_fuzzy(&self, unit: &mut Unit) {
        written::clear_fuzzy(unit);
    }

    fn ignore(&self, unit: &mut Unit, code: &str) {
        written::ignore(unit, code);
    }

    fn fuzzy_source(&self, unit: &Unit) -> Option<String> {
        written::fuzzy_source(unit)
    }

    fn notes(&self, unit: &Unit) -> Vec<String> {
        written::notes(unit)
    }

    fn source_catalog(&self, page_path: &str, page: &Page) -> String {
        source_catalog(page_path, page)
    }

    fn read_source_catalog(&self, text: &str, fingerprint: u64) -> Option<Vec<SourceEntry>> {
        read_source_catalog(text, fingerprint)
    }

    fn stamped_messages(&self, tail: &[u8], fingerprint: u64) -> Option<usize> {
        stamped_messages(tail, fingerprint)
    }
}

/// Reads a catalog: each message's translation, at its line, obsolete
/// below the obsolete group; the syntax errors.
fn read(text: &str) -> Catalog {
    let (_, text) = normalized(text);
    let mut repaired = None;
    let Some(parsed) = parse(&text, &mut repaired) else {
        return Catalog::with_capacity(0, vec![unreadable()]);
    };
    let (resource, errors) = match parsed.result {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e),
    };
    let messages = resource
        .body
        .iter()
        .filter(|e| matches!(e, Entry::Message(_)))
        .count();
    let mut catalog = Catalog::with_capacity(messages, syntax_errors(&text, &errors));
    let mut lines = Lines::new(parsed.text);
    let mut obsolete = false;
    for entry in &resource.body {
        match entry {
            Entry::GroupComment(c) => obsolete = is_obsolete_group(c),
            Entry::Message(m) => catalog.push(translation(m, obsolete, lines.of(m.id.name))),
            _ => {}
        }
    }
    catalog
}

/// A message as a [`Translation`].
fn translation(m: &Message<&str>, obsolete: bool, line: usize) -> Translation {
    let comment = m.comment.iter().flat_map(|c| c.content.iter());
    let pattern = match &m.value {
        Some(v) => from_fluent(v),
        None => Err(Unsupported(
            "the message has attributes but no value: write its text after `=`".into(),
        )),
    };
    Translation {
        id: m.id.name.to_string(),
        pattern,
        fuzzy: comment.clone().any(|l| is_fuzzy_mark(l)),
        obsolete,
        line,
        was: comment.clone().find_map(|l| {
            let why = l.trim().strip_prefix("fuzzy:")?.trim_start();
            let was = why.strip_prefix(crate::catalog::merge::SOURCE_CHANGED)?;
            Some(was.replace("\\n", "\n").replace("\\r", "\r"))
        }),
        ignore: comment
            .filter_map(|l| l.trim().strip_prefix("fluentmark-ignore:"))
            .flat_map(|codes| codes.split(',').map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
            .collect(),
    }
}

/// The 1-based line of places in a text, met in order: each message's
/// line, from where its ID lies in the text (the parser borrows it from
/// there), counting line breaks as it goes.
struct Lines<'t> {
    text: &'t str,
    line: usize,
    counted: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            line: 1,
            counted: 0,
        }
    }

    /// The line where `part`, a slice of the text, starts.
    fn of(&mut self, part: &str) -> usize {
        // (Not a slice of the text: no line.)
        let at = offset_in(self.text, part).unwrap_or(0).max(self.counted);
        self.line += memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.counted..at]).count();
        self.counted = at;
        self.line
    }
}

/// `text` without a byte order mark (no part of the first entry) and with
/// CRLF line breaks as LF; and whether it had the mark.
fn normalized(text: &str) -> (bool, Cow<'_, str>) {
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    // (memchr: `str::contains` looks at one byte at a time.)
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        (bom, Cow::Owned(text.replace("\r\n", "\n")))
    } else {
        (bom, Cow::Borrowed(text))
    }
}

type Parsed<S> = Result<Resource<S>, (Resource<S>, Vec<fluent_syntax::parser::ParserError>)>;

/// fluent-syntax's parser, with its panics caught (see [`repair`]).
fn parse_fluent<'s, S: fluent_syntax::parser::Slice<'s>>(text: S) -> Result<Parsed<S>, ()> {
    crate::error::guarded(|| fluent_syntax::parser::parse(text)).map_err(|_| ())
}

/// What the parser made of a catalog's text.
struct Parse<'t> {
    /// The text parsed: the catalog's, or what [`repair`] made of it (with
    /// the same byte offsets).
    text: &'t str,
    /// Whether it is the repaired text.
    repaired: bool,
    result: Parsed<&'t str>,
}

/// Parses `text`, or, if the parser panics on it, what [`repair`] makes
/// of it (kept in `repaired`); `None` if that fails too.
fn parse<'t>(text: &'t str, repaired: &'t mut Option<String>) -> Option<Parse<'t>> {
    if let Ok(result) = parse_fluent(text) {
        return Some(Parse {
            text,
            repaired: false,
            result,
        });
    }
    let text: &'t str = repaired.insert(repair(text)?);
    Some(Parse {
        text,
        repaired: true,
        result: parse_fluent(text).ok()?,
    })
}

/// What the parser says when it cannot read a catalog at all.
fn unreadable() -> SyntaxError {
    SyntaxError {
        line: 1,
        column: 1,
        message: "the Fluent parser failed on this catalog; check its syntax, \
                  or report it with the catalog attached"
            .into(),
    }
}

/// Text that fluent-syntax reads without panicking, for a text on which it
/// panicked (`None` if the cause is not the one known).
///
/// fluent-syntax 0.12 panics on an unfinished `\u`/`\U` escape in a string
/// literal that a non-ASCII character follows: quoting the escape in its
/// error, it cuts one byte past it, inside that character. Here the
/// smallest run of whole lines that makes it panic is found (by halves),
/// and on its last line each character right after an unfinished escape
/// becomes as many `?` as it has bytes, so that every position stays. The
/// parser then reports that escape as invalid at its place, as it meant to;
/// the message it is in was junk anyway. Repeated for each such line.
fn repair(text: &str) -> Option<String> {
    let mut fixed = text.to_string();
    let panics = |t: &str| parse_fluent(t).is_err();
    for _ in 0..64 {
        if !panics(&fixed) {
            return Some(fixed);
        }
        // Line ends (after each `\n`, and the end); the whole text panics.
        let ends: Vec<usize> = memchr::memchr_iter(b'\n', fixed.as_bytes())
            .map(|i| i + 1)
            .filter(|&e| e < fixed.len())
            .chain(std::iter::once(fixed.len()))
            .collect();
        let last = ends.partition_point(|&e| !panics(&fixed[..e]));
        let end = *ends.get(last)?;
        let start = if last == 0 { 0 } else { ends[last - 1] };
        let mut changed = false;
        let mut i = start;
        while let Some(j) = memchr::memchr(b'\\', &fixed.as_bytes()[i..end]) {
            let at = i + j;
            i = at + 1;
            let digits = match fixed.as_bytes().get(at + 1) {
                Some(b'u') => 4,
                Some(b'U') => 6,
                _ => continue,
            };
            let hex = fixed.as_bytes()[at + 2..]
                .iter()
                .take(digits)
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            let next = at + 2 + hex;
            if hex < digits && fixed.as_bytes().get(next).is_some_and(|&b| b >= 0x80) {
                let len = fixed[next..].chars().next().map_or(1, char::len_utf8);
                fixed.replace_range(next..next + len, &"?".repeat(len));
                changed = true;
            }
        }
        if !changed {
            return None;
        }
    }
    None
}

/// Parses catalog text into an owned Fluent AST, or the syntax errors.
pub fn parse_resource(text: &str) -> Result<Resource<String>, Vec<SyntaxError>> {
    let text = text.replace("\r\n", "\n");
    let parsed = match parse_fluent(text.clone()) {
        Ok(parsed) => parsed,
        Err(()) => {
            let repaired = repair(&text).ok_or_else(|| vec![unreadable()])?;
            parse_fluent(repaired).map_err(|()| vec![unreadable()])?
        }
    };
    match parsed {
        Ok(r) => Ok(r),
        // (Byte offsets are the same in a repaired text; columns count the
        // characters of the text as written.)
        Err((_, errors)) => Err(syntax_errors(&text, &errors)),
    }
}

/// Parses `text` (LF line breaks, no byte order mark) as Fluent, as a
/// catalog is read (what makes the parser panic repaired), and gives
/// `read` the resource (what parsed) and the text it was parsed from
/// (with the same byte offsets); also the syntax errors. `Err` when the
/// parser cannot read it at all.
pub(crate) fn read_resource<R>(
    text: &str,
    read: impl FnOnce(&Resource<&str>, &str) -> R,
) -> Result<(R, Vec<SyntaxError>), SyntaxError> {
    let mut repaired = None;
    let parsed = parse(text, &mut repaired).ok_or_else(unreadable)?;
    let (resource, errors) = match parsed.result {
        Ok(r) => (r, Vec::new()),
        Err((r, e)) => (r, e),
    };
    Ok((read(&resource, parsed.text), syntax_errors(text, &errors)))
}

/// Whether a group comment starts the obsolete section (`## Obsolete...`).
pub(crate) fn is_obsolete_group<S: AsRef<str>>(comment: &Comment<S>) -> bool {
    comment.content.first().is_some_and(|l| {
        l.as_ref()
            .trim()
            .to_ascii_lowercase()
            .starts_with("obsolete")
    })
}

/// Whether a comment line marks its message for review (`# fuzzy`,
/// `# fuzzy: why`).
pub(crate) fn is_fuzzy_mark(line: &str) -> bool {
    let l = line.trim();
    l == "fuzzy" || l.starts_with("fuzzy:") || l.starts_with("fuzzy ")
}

/// The parser's errors, placed in `text` as written (a text that
/// [`repair`] changed has the same byte offsets).
fn syntax_errors(text: &str, errors: &[fluent_syntax::parser::ParserError]) -> Vec<SyntaxError> {
    use fluent_syntax::parser::ErrorKind;
    errors
        .iter()
        .map(|e| {
            let (line, column) = line_col(text, error_start(e));
            let message = match &e.kind {
                // Its quote may end in a `?` that [`repair`] wrote.
                ErrorKind::InvalidUnicodeEscapeSequence(_) => {
                    "Invalid unicode escape sequence: `\\u` takes 4 hex digits, `\\U` 6".into()
                }
                kind => kind.to_string(),
            };
            SyntaxError {
                line,
                column,
                message,
            }
        })
        .collect()
}

/// Where a syntax error is reported: the start of the entry the parser
/// skipped (where the translator has to look), else where it noticed.
fn error_start(e: &fluent_syntax::parser::ParserError) -> usize {
    e.slice
        .as_ref()
        .map_or(e.pos.start, |s| s.start.min(e.pos.start))
}

/// Where `part`, a slice of `text`, starts in it (`None` if it is not a
/// slice of it: never, with a borrowing parser).
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    (offset <= text.len() && text.get(offset..offset + part.len()) == Some(part)).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_know_their_lines_around_junk_and_crlf() {
        let text = "### Head\r\n\r\na = A\r\n\r\nbroken = { $\r\n\r\n# fuzzy\r\nb = B\r\n    continued\r\nc = C\r\n## Obsolete\r\na = old A\r\n";
        let c = Catalog::parse(text);
        assert_eq!(c.errors.len(), 1);
        let lines: Vec<(&str, usize, bool)> = c
            .translations
            .iter()
            .map(|t| (t.id.as_str(), t.line, t.obsolete))
            .collect();
        assert_eq!(
            lines,
            [
                ("a", 3, false),
                ("b", 8, false),
                ("c", 10, false),
                ("a", 12, true)
            ]
        );
        assert!(c.get("b").unwrap().fuzzy);
        assert_eq!(c.get("a").unwrap().line, 3, "the first of a duplicate ID");
    }

    /// fluent-syntax 0.12 panics on these: an unfinished escape in a string
    /// literal, then a character of more than one byte.
    #[test]
    fn an_unfinished_escape_before_a_wide_character_is_a_syntax_error() {
        let text = "a = A \\U𑛀 in text\nbad = { \"\\U𑛀\" }\nb = B\nworse = x { \"\\u12é\" } { \"\\Uἤ\" }\nc = C\n";
        let c = Catalog::parse(text);
        let errors: Vec<(usize, usize)> = c.errors.iter().map(|e| (e.line, e.column)).collect();
        // (A syntax error is placed at the start of its entry.)
        assert_eq!(errors, [(2, 1), (4, 1)], "{:?}", c.errors);
        assert!(
            c.errors[0]
                .message
                .contains("Invalid unicode escape sequence"),
            "{:?}",
            c.errors
        );
        let ids: Vec<&str> = c.translations.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(
            c.get("a").unwrap().pattern.as_ref().unwrap().to_string(),
            "A \\U𑛀 in text",
            "outside a string literal, the same characters are text"
        );
        let errors = parse_resource(text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[1].line, errors[1].column), (4, 1));
    }
}
