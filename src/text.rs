//! Edits and problems in a page's text, shared by the front matter and
//! the Markdown body (so neither imports the other).

use std::ops::Range;

/// A problem with a page at a 1-based line (the page itself, its front
/// matter or its body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// Replaces each range of `page` by its text. Ranges must not overlap.
pub fn splice(page: &str, edits: &mut [(Range<usize>, String)]) -> String {
    edits.sort_by_key(|(r, _)| r.start);
    let extra: usize = edits.iter().map(|(_, t)| t.len()).sum();
    let mut out = String::with_capacity(page.len() + extra);
    let mut pos = 0;
    for (range, text) in edits.iter() {
        out.push_str(&page[pos..range.start]);
        out.push_str(text);
        pos = range.end;
    }
    out.push_str(&page[pos..]);
    out
}

/// `text` safe to print on one terminal line: line breaks and other
/// control characters (which a file name may hold) written as escapes
/// (`\n`, `\u{1b}`), never sent to the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
