//! The Fluent format: reading catalogs (with fluent-syntax's parser, its
//! panics caught), escaping, writing, and source catalogs.

pub mod escape;
pub mod source;
pub mod write;
pub mod written;

use fluent_syntax::ast::{Comment, Entry, Resource};
use rustc_hash::FxHashMap;

use super::{Catalog, SyntaxError, Translation, id_hash};
use crate::page::line_col;
use escape::{Unsupported, from_fluent};

type Parsed<S> = Result<Resource<S>, (Resource<S>, Vec<fluent_syntax::parser::ParserError>)>;

/// fluent-syntax's parser, with its panics caught (see [`repair`]).
fn parse_fluent<'s, S: fluent_syntax::parser::Slice<'s>>(text: S) -> Result<Parsed<S>, ()> {
    crate::error::guarded(|| fluent_syntax::parser::parse(text)).map_err(|_| ())
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

/// Whether a group comment starts the obsolete section (`## Obsolete...`).
pub fn is_obsolete_group<S: AsRef<str>>(comment: &Comment<S>) -> bool {
    comment.content.first().is_some_and(|l| {
        l.as_ref()
            .trim()
            .to_ascii_lowercase()
            .starts_with("obsolete")
    })
}

/// Whether a comment line marks its message for review (`# fuzzy`,
/// `# fuzzy: why`).
pub fn is_fuzzy_mark(line: &str) -> bool {
    let l = line.trim();
    l == "fuzzy" || l.starts_with("fuzzy:") || l.starts_with("fuzzy ")
}

impl Catalog {
    /// Parses catalog text.
    pub fn parse(text: &str) -> Catalog {
        // A byte order mark is no part of the first entry.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let normalized;
        let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            normalized = text.replace("\r\n", "\n");
            normalized.as_str()
        } else {
            text
        };
        let written = text;
        let repaired;
        let (text, parsed) = match parse_fluent(text) {
            Ok(parsed) => (text, Ok(parsed)),
            Err(()) => match repair(text) {
                Some(r) => {
                    repaired = r;
                    (repaired.as_str(), parse_fluent(repaired.as_str()))
                }
                None => (text, Err(())),
            },
        };
        let Ok(parsed) = parsed else {
            return Catalog {
                errors: vec![unreadable()],
                ..Catalog::default()
            };
        };
        let (resource, errors) = match parsed {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        let message_count = resource
            .body
            .iter()
            .filter(|e| matches!(e, Entry::Message(_)))
            .count();
        // Each message's line, from where its ID lies in the text (the
        // parser borrows it from there), counting line breaks as we go.
        let mut line = 1;
        let mut counted = 0;
        let mut catalog = Catalog {
            translations: Vec::with_capacity(message_count),
            index: FxHashMap::with_capacity_and_hasher(message_count, Default::default()),
            errors: syntax_errors(written, &errors),
        };
        let mut obsolete = false;
        for entry in &resource.body {
            match entry {
                Entry::GroupComment(c) => obsolete = is_obsolete_group(c),
                Entry::Message(m) => {
                    let fuzzy = m
                        .comment
                        .as_ref()
                        .is_some_and(|c| c.content.iter().any(|l| is_fuzzy_mark(l)));
                    let pattern = match &m.value {
                        Some(v) => from_fluent(v),
                        None => Err(Unsupported(
                            "the message has attributes but no value: write its text after `=`"
                                .into(),
                        )),
                    };
                    let ignore = m
                        .comment
                        .iter()
                        .flat_map(|c| c.content.iter())
                        .filter_map(|l| l.trim().strip_prefix("fluentmark-ignore:"))
                        .flat_map(|codes| codes.split(',').map(|c| c.trim().to_string()))
                        .filter(|c| !c.is_empty())
                        .collect();
                    let id = m.id.name.to_string();
                    let at = offset_in(text, m.id.name).max(counted);
                    line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted..at]).count();
                    counted = at;
                    let i = catalog.translations.len();
                    match catalog.index.entry(id_hash(&id)) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(i);
                        }
                        std::collections::hash_map::Entry::Occupied(mut o) => {
                            // (Another ID with the same hash keeps its
                            // place: `get` searches then.)
                            let held = &catalog.translations[*o.get()];
                            if held.id == id && held.obsolete && !obsolete {
                                o.insert(i);
                            }
                        }
                    }
                    catalog.translations.push(Translation {
                        id,
                        pattern,
                        fuzzy,
                        obsolete,
                        line,
                        ignore,
                    });
                }
                _ => {}
            }
        }
        catalog
    }
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

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if offset <= text.len() && text.get(offset..offset + part.len()) == Some(part) {
        offset
    } else {
        // Not a slice of `text` (never, with a borrowing parser): no line.
        0
    }
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
