//! A catalog as its translator (or their tool) wrote it: each entry with
//! its own text.
//!
//! Catalog maintenance moves entries around (page order, the obsolete
//! group), renames a few and adds a comment line to some. It never writes
//! an entry again from a syntax tree: a serializer's idea of a value is not
//! always the parser's (fluent-syntax 0.12 puts a multi-line value whose
//! first line starts with `[` or `*` on a line of its own, where it is a
//! syntax error), and a translator's layout is theirs to keep. So each
//! entry keeps the bytes it had, and only what maintenance changes (an ID,
//! a comment) is written anew.

use fluent_syntax::ast::Entry;

use super::{SyntaxError, is_obsolete_group, parse_fluent, repair, syntax_errors, unreadable};

/// What an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A message (`id = ...`).
    Message,
    /// A term (`-id = ...`).
    Term,
    /// A free comment (`#`), not attached to a message.
    Comment,
    /// A group comment (`##`).
    GroupComment,
    /// A resource comment (`###`).
    ResourceComment,
}

/// One entry of a catalog, with its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// What it is.
    pub kind: Kind,
    /// The message's or term's ID (without the `-` of a term); empty for
    /// comments.
    pub id: String,
    /// The lines of its comment (a message's or term's attached comment,
    /// or the comment itself), without `#` and the space after it.
    pub comment: Vec<String>,
    /// The comment as written, line breaks included (for a comment entry,
    /// the whole entry).
    comment_text: String,
    /// The rest, from the ID to the end of its last non-blank line, line
    /// break included.
    body: String,
}

impl Unit {
    /// A new message: `id = value`, the value already written as Fluent
    /// (starting with the space or line break that follows `=`).
    pub fn message(id: &str, comment: Vec<String>, value: &str) -> Unit {
        let mut unit = Unit {
            kind: Kind::Message,
            id: id.to_string(),
            comment: Vec::new(),
            comment_text: String::new(),
            body: format!("{id} ={value}\n"),
        };
        unit.set_comment(comment);
        unit
    }

    /// A new comment entry of `kind` (a free, group or resource comment).
    pub fn comment(kind: Kind, lines: Vec<String>) -> Unit {
        let mut unit = Unit {
            kind,
            id: String::new(),
            comment: Vec::new(),
            comment_text: String::new(),
            body: String::new(),
        };
        unit.set_comment(lines);
        unit
    }

    /// Gives a message another ID; the rest of its text stays as it is.
    pub fn rename(&mut self, id: &str) {
        debug_assert_eq!(self.kind, Kind::Message);
        self.body.replace_range(..self.id.len(), id);
        self.id = id.to_string();
    }

    /// Replaces the comment: written anew, as `# line` lines.
    pub fn set_comment(&mut self, lines: Vec<String>) {
        let prefix = match self.kind {
            Kind::Message | Kind::Term | Kind::Comment => "#",
            Kind::GroupComment => "##",
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
        self.comment = lines;
        self.comment_text = text;
    }

    /// Whether it is a message or a term (not a comment).
    fn is_entry(&self) -> bool {
        matches!(self.kind, Kind::Message | Kind::Term)
    }

    /// Whether this is a group comment that starts the obsolete section.
    pub fn is_obsolete_group(&self) -> bool {
        self.kind == Kind::GroupComment
            && is_obsolete_group(&fluent_syntax::ast::Comment {
                content: self.comment.clone(),
            })
    }
}

/// A catalog read for maintenance.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Its entries in file order.
    pub units: Vec<Unit>,
    /// Whether messages are separated by blank lines (fluentmark's way)
    /// rather than written one after the other (Python's serializer,
    /// translate-toolkit, so Pontoon and Weblate).
    pub spaced: bool,
    /// Whether the file started with a byte order mark.
    pub bom: bool,
}

impl Written {
    /// Reads a catalog's text; its syntax errors if it has any (a catalog
    /// with an error is not rewritten).
    pub fn parse(text: &str) -> Result<Written, Vec<SyntaxError>> {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let normalized;
        let text = if text.contains('\r') {
            normalized = text.replace("\r\n", "\n");
            normalized.as_str()
        } else {
            text
        };
        let parsed = match parse_fluent(text) {
            Ok(parsed) => parsed,
            Err(()) => {
                // (A text the parser panics on has an error; `repair` finds
                // where.)
                let repaired = repair(text).ok_or_else(|| vec![unreadable()])?;
                let errors = match parse_fluent(repaired.as_str()) {
                    Ok(Err((_, errors))) => syntax_errors(text, &errors),
                    _ => vec![unreadable()],
                };
                return Err(errors);
            }
        };
        let resource = parsed.map_err(|(_, errors)| syntax_errors(text, &errors))?;
        // Where each entry starts: the line of its first comment line or of
        // its ID (the parser's slices point into `text`).
        let mut starts: Vec<(usize, &Entry<&str>)> = Vec::with_capacity(resource.body.len());
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
        let mut units = Vec::with_capacity(starts.len());
        // Gaps between consecutive messages: with a blank line or without.
        let (mut spaced, mut compact) = (0usize, 0usize);
        let mut prev_end: Option<(usize, bool)> = None;
        for (i, &(start, entry)) in starts.iter().enumerate() {
            let next = starts.get(i + 1).map_or(text.len(), |&(s, _)| s);
            let end = trim_blank_lines(text, start, next);
            let mut own = text[start..end].to_string();
            if !own.ends_with('\n') {
                own.push('\n');
            }
            let (kind, id, comment, id_at) = match entry {
                Entry::Message(m) => (Kind::Message, m.id.name, m.comment.as_ref(), m.id.name),
                Entry::Term(t) => (Kind::Term, t.id.name, t.comment.as_ref(), t.id.name),
                Entry::Comment(c) => (Kind::Comment, "", Some(c), ""),
                Entry::GroupComment(c) => (Kind::GroupComment, "", Some(c), ""),
                Entry::ResourceComment(c) => (Kind::ResourceComment, "", Some(c), ""),
                // Never here: a catalog with junk has a syntax error.
                Entry::Junk { .. } => return Err(vec![unreadable()]),
            };
            let is_entry = matches!(kind, Kind::Message | Kind::Term);
            if let Some((prev, true)) = prev_end
                && is_entry
            {
                if text[prev..start].contains('\n') {
                    spaced += 1;
                } else {
                    compact += 1;
                }
            }
            prev_end = Some((end, is_entry));
            let lines: Vec<String> = comment
                .map(|c| c.content.iter().map(|l| l.to_string()).collect())
                .unwrap_or_default();
            let (comment_text, body) = if is_entry {
                // The entry's own line starts at its ID (a term's at `-`).
                let at = offset_in(text, id_at).map_or(start, |o| line_start(text, o));
                let split = (at - start).min(own.len());
                (own[..split].to_string(), own[split..].to_string())
            } else {
                (own, String::new())
            };
            let body = match kind {
                // A term's body is kept from its `-` on; only messages are
                // renamed.
                Kind::Message if !body.starts_with(id) => {
                    return Err(vec![unreadable()]);
                }
                _ => body,
            };
            units.push(Unit {
                kind,
                id: id.to_string(),
                comment: lines,
                comment_text,
                body,
            });
        }
        Ok(Written {
            units,
            spaced: spaced >= compact,
            bom,
        })
    }

    /// The catalog's text: its entries one after the other, with blank
    /// lines between them if the catalog has them.
    pub fn text(&self) -> String {
        let size: usize = self
            .units
            .iter()
            .map(|u| u.comment_text.len() + u.body.len() + 1)
            .sum();
        let mut out = String::with_capacity(size + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        let mut prev: Option<&Unit> = None;
        for unit in &self.units {
            if let Some(prev) = prev {
                // A blank line before and after each comment (as every
                // serializer writes; a free comment right above a message
                // would become its comment); between messages, the
                // catalog's way.
                if self.spaced || !unit.is_entry() || !prev.is_entry() {
                    out.push('\n');
                }
            }
            out.push_str(&unit.comment_text);
            out.push_str(&unit.body);
            prev = Some(unit);
        }
        out
    }
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    (offset <= text.len() && text.get(offset..offset + part.len()) == Some(part)).then_some(offset)
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
        let w = Written::parse(text).unwrap();
        let kinds: Vec<Kind> = w.units.iter().map(|u| u.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::ResourceComment,
                Kind::Message,
                Kind::Message,
                Kind::Term,
                Kind::GroupComment,
                Kind::Message
            ]
        );
        assert_eq!(w.units[2].comment, ["c"]);
        assert!(w.units[4].is_obsolete_group());
        assert!(!w.spaced, "no blank line between messages");
        assert_eq!(
            w.text(),
            "### Head\n\na = [Un]({ $link1 }) lien\n    sur [deux]({ $link2 }) lignes.\n# c\nb =\n    B\n-t = T\n    .attr = x\n\n## Obsolete\n\nold = O\n"
        );
    }

    #[test]
    fn a_renamed_message_keeps_its_value_as_written() {
        let text = "a = [Installez-le]({ $link1 }) ou passez\n    au [tutoriel]({ $link2 }).\n";
        let mut w = Written::parse(text).unwrap();
        w.units[0].rename("new-id");
        w.units[0].set_comment(vec!["fuzzy: it was: x".into()]);
        let out = w.text();
        assert_eq!(
            out,
            "# fuzzy: it was: x\nnew-id = [Installez-le]({ $link1 }) ou passez\n    au [tutoriel]({ $link2 }).\n"
        );
        assert!(Written::parse(&out).is_ok());
    }

    #[test]
    fn a_bom_and_crlf_are_read() {
        let w = Written::parse("\u{feff}a = A\r\n\r\nb = B\r\n").unwrap();
        assert!(w.bom && w.spaced);
        assert_eq!(w.text(), "\u{feff}a = A\n\nb = B\n");
    }

    #[test]
    fn errors_are_reported_not_rewritten() {
        let errors = Written::parse("a = A\nb =\n    [x] y\n").unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
    }
}
