//! Fluent catalogs for maintenance: each unit (message, term, comment)
//! with its own text, and what maintenance writes anew.
//!
//! Catalog maintenance moves units around (page order, the obsolete
//! group), renames a few and adds a comment line to some. It never writes
//! an entry again from a syntax tree: a serializer's idea of a value is not
//! always the parser's (fluent-syntax 0.12 puts a multi-line value whose
//! first line starts with `[` or `*` on a line of its own, where it is a
//! syntax error), and a translator's layout is theirs to keep. So each
//! unit keeps the bytes it had, and only what maintenance changes (an ID,
//! a comment) is written anew.

use fluent_syntax::ast::{Entry, Resource};

use super::escape::write_value;
use super::write::Writer;
use super::{
    is_fuzzy_mark, is_obsolete_group, normalized, offset_in, parse, syntax_errors, unreadable,
};
use crate::catalog::{Kind, SyntaxError, Unit, Written};
use crate::pattern::Pattern;

/// Reads a catalog's text; its syntax errors if it has any.
pub(super) fn read(text: &str) -> Result<Written, Vec<SyntaxError>> {
    let (bom, text) = normalized(text);
    let mut repaired = None;
    let resource = parse_strictly(&text, &mut repaired)?;
    let starts = unit_starts(&text, &resource)?;
    let mut units: Vec<Unit> = Vec::with_capacity(starts.len());
    // Gaps between consecutive messages: with a blank line or without.
    let (mut spaced, mut compact) = (0usize, 0usize);
    let mut prev_end: Option<(usize, bool)> = None;
    let mut obsolete = false;
    for (i, &(start, entry)) in starts.iter().enumerate() {
        let next = starts.get(i + 1).map_or(text.len(), |&(s, _)| s);
        let end = trim_blank_lines(&text, start, next);
        let mut unit = unit(&text, start, end, entry)?;
        match unit.kind {
            Kind::GroupComment | Kind::ObsoleteGroup => obsolete = unit.kind == Kind::ObsoleteGroup,
            Kind::Message => unit.obsolete = obsolete,
            _ => {}
        }
        if let Some((prev, true)) = prev_end
            && unit.is_entry()
        {
            if text[prev..start].contains('\n') {
                spaced += 1;
            } else {
                compact += 1;
            }
        }
        prev_end = Some((end, unit.is_entry()));
        units.push(unit);
    }
    Ok(Written {
        units,
        spaced: spaced >= compact,
        bom,
    })
}

/// The catalog's syntax tree, or its syntax errors.
fn parse_strictly<'t>(
    text: &'t str,
    repaired: &'t mut Option<String>,
) -> Result<Resource<&'t str>, Vec<SyntaxError>> {
    let parsed = parse(text, repaired).ok_or_else(|| vec![unreadable()])?;
    match parsed.result {
        Err((_, errors)) => Err(syntax_errors(text, &errors)),
        // (A text the parser panics on has an error; the repaired text
        // shows where, or this is another panic.)
        Ok(_) if parsed.repaired => Err(vec![unreadable()]),
        Ok(resource) => Ok(resource),
    }
}

/// Where each entry starts: the start of the line of its first comment
/// line or of its ID (the parser's slices point into `text`).
fn unit_starts<'r, 't>(
    text: &'t str,
    resource: &'r Resource<&'t str>,
) -> Result<Vec<(usize, &'r Entry<&'t str>)>, Vec<SyntaxError>> {
    let mut starts = Vec::with_capacity(resource.body.len());
    for entry in &resource.body {
        let first = match entry {
            Entry::Message(m) => m
                .comment
                .as_ref()
                .and_then(|c| c.content.first().copied())
                .unwrap_or(m.id.name),
            Entry::Term(t) => t
                .comment
                .as_ref()
                .and_then(|c| c.content.first().copied())
                .unwrap_or(t.id.name),
            Entry::Comment(c) | Entry::GroupComment(c) | Entry::ResourceComment(c) => {
                match c.content.first() {
                    Some(line) => line,
                    // `#` alone at the very end: nothing to keep.
                    None => continue,
                }
            }
            Entry::Junk { content } => content,
        };
        let Some(at) = offset_in(text, first) else {
            return Err(vec![unreadable()]);
        };
        starts.push((line_start(text, at), entry));
    }
    Ok(starts)
}

/// The unit of `entry`, whose text is `text[start..end]`.
fn unit(
    text: &str,
    start: usize,
    end: usize,
    entry: &Entry<&str>,
) -> Result<Unit, Vec<SyntaxError>> {
    let mut own = text[start..end].to_string();
    if !own.ends_with('\n') {
        own.push('\n');
    }
    let (kind, id, comment) = match entry {
        Entry::Message(m) => (Kind::Message, m.id.name, m.comment.as_ref()),
        Entry::Term(t) => (Kind::Term, t.id.name, t.comment.as_ref()),
        Entry::Comment(c) => (Kind::Comment, "", Some(c)),
        Entry::GroupComment(c) if is_obsolete_group(c) => (Kind::ObsoleteGroup, "", Some(c)),
        Entry::GroupComment(c) => (Kind::GroupComment, "", Some(c)),
        Entry::ResourceComment(c) => (Kind::ResourceComment, "", Some(c)),
        // Never here: a catalog with junk has a syntax error.
        Entry::Junk { .. } => return Err(vec![unreadable()]),
    };
    let mut unit = Unit {
        kind,
        id: id.to_string(),
        obsolete: false,
        comment: comment
            .map(|c| c.content.iter().map(|l| l.to_string()).collect())
            .unwrap_or_default(),
        comment_text: own,
        body: String::new(),
    };
    if unit.is_entry() {
        // The entry's own line starts at its ID (a term's at `-`).
        let at = offset_in(text, id).map_or(start, |o| line_start(text, o));
        let split = (at - start).min(unit.comment_text.len());
        unit.body = unit.comment_text.split_off(split);
    }
    // A term's body is kept from its `-` on; only messages are renamed.
    if kind == Kind::Message && !unit.body.starts_with(id) {
        return Err(vec![unreadable()]);
    }
    Ok(unit)
}

/// The catalog's text: its units one after the other, with blank lines
/// between them if the catalog has them.
pub(super) fn write(catalog: &Written) -> String {
    let size: usize = catalog
        .units
        .iter()
        .map(|u| u.comment_text.len() + u.body.len() + 1)
        .sum();
    let mut out = String::with_capacity(size + 3);
    if catalog.bom {
        out.push('\u{feff}');
    }
    let mut prev: Option<&Unit> = None;
    for unit in &catalog.units {
        if let Some(prev) = prev {
            // A blank line before and after each comment (as every
            // serializer writes; a free comment right above a message
            // would become its comment); between messages, the
            // catalog's way.
            if catalog.spaced || !unit.is_entry() || !prev.is_entry() {
                out.push('\n');
            }
        }
        out.push_str(&unit.comment_text);
        out.push_str(&unit.body);
        prev = Some(unit);
    }
    out
}

/// A new message: `id = text`.
pub(super) fn message(id: &str, text: &Pattern) -> Unit {
    let mut value = Writer::with_capacity(text.text_len() + 16);
    write_value(text, &mut value);
    Unit {
        kind: Kind::Message,
        id: id.to_string(),
        obsolete: false,
        comment: Vec::new(),
        comment_text: String::new(),
        body: format!("{id} ={}\n", value.buffer),
    }
}

/// A new comment unit of `kind` (a free, group or resource comment).
pub(super) fn comment(kind: Kind, lines: Vec<String>) -> Unit {
    let mut unit = Unit {
        kind,
        id: String::new(),
        obsolete: false,
        comment: Vec::new(),
        comment_text: String::new(),
        body: String::new(),
    };
    set_comment(&mut unit, lines);
    unit
}

/// Gives a message another ID; the rest of its text stays as it is.
pub(super) fn rename(unit: &mut Unit, id: &str) {
    debug_assert_eq!(unit.kind, Kind::Message);
    unit.body.replace_range(..unit.id.len(), id);
    unit.id = id.to_string();
}

/// Replaces the comment: written anew, as `# line` lines.
fn set_comment(unit: &mut Unit, lines: Vec<String>) {
    let prefix = match unit.kind {
        Kind::Message | Kind::Term | Kind::Comment => "#",
        Kind::GroupComment | Kind::ObsoleteGroup => "##",
        Kind::ResourceComment => "###",
    };
    let mut text = String::new();
    for line in &lines {
        text.push_str(prefix);
        if !line.is_empty() {
            text.push(' ');
            text.push_str(line);
        }
        text.push('\n');
    }
    unit.comment = lines;
    unit.comment_text = text;
}

/// The comment line that keeps an obsolete message's source text.
const SOURCE_WAS: &str = "source was:";

/// Puts `# fuzzy: why` first in the message's comment, in place of an
/// older fuzzy mark and of the obsolete message's `source was:`.
pub(super) fn mark_fuzzy(unit: &mut Unit, why: &str) {
    let mut comment: Vec<String> = unit
        .comment
        .iter()
        .filter(|l| !is_fuzzy_mark(l) && !l.starts_with(SOURCE_WAS))
        .cloned()
        .collect();
    comment.insert(0, format!("fuzzy: {}", one_line(why)));
    set_comment(unit, comment);
}

/// Adds `# fluentmark-ignore: code` to a message's comment, unless a
/// `fluentmark-ignore:` line names the code already.
pub(super) fn ignore(unit: &mut Unit, code: &str) {
    let named = unit.comment.iter().any(|l| {
        l.trim()
            .strip_prefix("fluentmark-ignore:")
            .is_some_and(|codes| codes.split(',').any(|c| c.trim() == code))
    });
    if !named {
        let mut comment = unit.comment.clone();
        comment.push(format!("fluentmark-ignore: {code}"));
        set_comment(unit, comment);
    }
}

/// Adds `# source was: ...` to an obsolete message's comment, unless it
/// has one.
pub(super) fn record_source(unit: &mut Unit, source: &str) {
    if unit.comment.iter().any(|l| l.starts_with(SOURCE_WAS)) {
        return;
    }
    let mut comment = unit.comment.clone();
    comment.push(format!("{SOURCE_WAS} {}", one_line(source)));
    set_comment(unit, comment);
}

/// The source text an obsolete message's comment records, if any.
pub(super) fn recorded_source(unit: &Unit) -> Option<String> {
    let line = unit
        .comment
        .iter()
        .find_map(|l| l.strip_prefix(SOURCE_WAS))?;
    Some(from_one_line(line.trim()))
}

/// Gives a message a new value: `id = text`, written anew; its comment
/// stays as written.
pub(super) fn set_value(unit: &mut Unit, text: &Pattern) {
    debug_assert_eq!(unit.kind, Kind::Message);
    unit.body = message(&unit.id, text).body;
}

/// Removes the message's fuzzy marks (its other comment lines stay).
pub(super) fn clear_fuzzy(unit: &mut Unit) {
    if !unit.comment.iter().any(|l| is_fuzzy_mark(l)) {
        return;
    }
    let comment = unit
        .comment
        .iter()
        .filter(|l| !is_fuzzy_mark(l))
        .cloned()
        .collect();
    set_comment(unit, comment);
}

/// The source text a fuzzy mark records: `# fuzzy: the source text
/// changed; it was: ...`.
pub(super) fn fuzzy_source(unit: &Unit) -> Option<String> {
    let was = unit.comment.iter().find_map(|l| {
        let why = l.trim().strip_prefix("fuzzy:")?.trim_start();
        why.strip_prefix(crate::catalog::merge::SOURCE_CHANGED)
    })?;
    Some(from_one_line(was))
}

/// The comment lines that are no mark: fuzzy, `fluentmark-ignore:`,
/// `source was:`.
pub(super) fn notes(unit: &Unit) -> Vec<String> {
    unit.comment
        .iter()
        .filter(|l| {
            !is_fuzzy_mark(l)
                && !l.trim().starts_with("fluentmark-ignore:")
                && !l.starts_with(SOURCE_WAS)
        })
        .cloned()
        .collect()
}

/// The text that [`one_line`] wrote.
fn from_one_line(line: &str) -> String {
    line.replace("\\n", "\n").replace("\\r", "\r")
}

/// A text on one comment line: line breaks as `\n`, `\r`.
fn one_line(text: &str) -> String {
    text.replace('\r', "\\r").replace('\n', "\\n")
}

/// The start of the line that holds byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// The end of `text[start..end]` without its trailing blank lines (lines
/// of blanks only): just after the last line break that ends a non-blank
/// line, or `end` if the text does not end in a line break.
fn trim_blank_lines(text: &str, start: usize, end: usize) -> usize {
    let mut end = end;
    loop {
        let s = &text[start..end];
        let without_break = s.strip_suffix('\n').unwrap_or(s);
        let last_start = without_break.rfind('\n').map_or(0, |i| i + 1);
        let last = &without_break[last_start..];
        if last_start > 0 && last.trim_matches([' ', '\t']).is_empty() {
            end = start + last_start;
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_text() {
        let text = "### Head\n\na = [Un]({ $link1 }) lien\n    sur [deux]({ $link2 }) lignes.\n# c\nb =\n    B\n-t = T\n    .attr = x\n\n\n## Obsolete\nold = O\n";
        let w = read(text).unwrap();
        let kinds: Vec<Kind> = w.units.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::ResourceComment,
                Kind::Message,
                Kind::Message,
                Kind::Term,
                Kind::ObsoleteGroup,
                Kind::Message
            ]
        );
        assert_eq!(w.units[2].comment, ["c"]);
        let obsolete: Vec<bool> = w.units.iter().map(|u| u.obsolete).collect();
        assert_eq!(obsolete, [false, false, false, false, false, true]);
        assert!(!w.spaced, "no blank line between messages");
        assert_eq!(
            write(&w),
            "### Head\n\na = [Un]({ $link1 }) lien\n    sur [deux]({ $link2 }) lignes.\n# c\nb =\n    B\n-t = T\n    .attr = x\n\n## Obsolete\n\nold = O\n"
        );
    }

    #[test]
    fn a_renamed_message_keeps_its_value_as_written() {
        let text = "a = [Installez-le]({ $link1 }) ou passez\n    au [tutoriel]({ $link2 }).\n";
        let mut w = read(text).unwrap();
        rename(&mut w.units[0], "new-id");
        mark_fuzzy(&mut w.units[0], "it was:\nx");
        let out = write(&w);
        assert_eq!(
            out,
            "# fuzzy: it was:\\nx\nnew-id = [Installez-le]({ $link1 }) ou passez\n    au [tutoriel]({ $link2 }).\n"
        );
        assert!(read(&out).is_ok());
    }

    #[test]
    fn an_obsolete_message_records_its_source_once() {
        let mut w = read("# note\na = A\n").unwrap();
        let unit = &mut w.units[0];
        record_source(unit, "two\nlines");
        record_source(unit, "another");
        assert_eq!(unit.comment, ["note", "source was: two\\nlines"]);
        assert_eq!(recorded_source(unit).as_deref(), Some("two\nlines"));
        mark_fuzzy(unit, "back");
        assert_eq!(unit.comment, ["fuzzy: back", "note"]);
        assert_eq!(write(&w), "# fuzzy: back\n# note\na = A\n");
    }

    #[test]
    fn a_bom_and_crlf_are_read() {
        let w = read("\u{feff}a = A\r\n\r\nb = B\r\n").unwrap();
        assert!(w.bom && w.spaced);
        assert_eq!(write(&w), "\u{feff}a = A\n\nb = B\n");
    }

    #[test]
    fn errors_are_reported_not_rewritten() {
        let errors = read("a = A\nb =\n    [x] y\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
    }
}
