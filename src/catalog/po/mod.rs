//! gettext PO, the format CAT tools speak (Poedit, Weblate, Crowdin,
//! OmegaT): what `fluentmark export` writes and `fluentmark import` reads
//! (see [`crate::exchange`]). Catalogs stay in Fluent; a PO file is a
//! copy for a translator's tool.
//!
//! - `mod.rs`: the model ([`PoFile`], [`Entry`]) and how a [`Pattern`] is
//!   written in a PO string ([`to_po`], [`from_po`]);
//! - [`read`](mod@read): a reader that never panics and places each error
//!   at its line and column;
//! - [`write`](mod@write): PO text laid out as gettext lays it out.
//!
//! A pattern in a PO string is its text as a catalog shows it: a
//! placeable is `{ $name }`, a literal `{` is `{ "{" }` (Fluent's string
//! literal), everything else is the text itself, line breaks included.

pub mod read;
pub mod write;

use crate::pattern::Pattern;

pub use read::read;
pub use write::write;

/// A PO file: its header entry (`msgid ""`), if any, and its entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoFile {
    /// The header entry.
    pub header: Option<Entry>,
    /// The other entries, in file order (obsolete `#~` ones left out).
    pub entries: Vec<Entry>,
}

impl PoFile {
    /// The value of a header field (`Language`), if the header has it.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header
            .as_ref()?
            .msgstr
            .lines()
            .find_map(|l| {
                let (key, value) = l.split_once(':')?;
                key.trim().eq_ignore_ascii_case(name).then_some(value)
            })
            .map(str::trim)
    }
}

/// One PO entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// Translator comments (`# text`).
    pub translator_comments: Vec<String>,
    /// Extracted comments (`#. text`): notes for the translator.
    pub extracted_comments: Vec<String>,
    /// References (`#: page.md:12`).
    pub references: Vec<String>,
    /// Flags (`#, fuzzy`).
    pub flags: Vec<String>,
    /// The previous source text (`#| msgid`), of a fuzzy entry.
    pub previous_msgid: Option<String>,
    /// The context: which message this is.
    pub msgctxt: Option<String>,
    /// The source text.
    pub msgid: String,
    /// A plural entry's plural source (fluentmark writes none).
    pub msgid_plural: Option<String>,
    /// The translation (a plural entry's first form).
    pub msgstr: String,
    /// 1-based line of `msgid` (or of the entry's first keyword).
    pub line: usize,
    /// 1-based line of `msgstr`.
    pub msgstr_line: usize,
}

impl Entry {
    /// Whether it is marked for review.
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }
}

/// Why a PO file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong and what to do.
    pub message: String,
}

/// A pattern as a PO string: placeables as `{ $name }`, `{` as `{ "{" }`.
pub fn to_po(pattern: &Pattern) -> String {
    use crate::pattern::Piece;
    let mut out = String::with_capacity(pattern.text_len() + 16);
    for piece in pattern.pieces() {
        match piece {
            Piece::Text(t) => {
                for (i, part) in t.split('{').enumerate() {
                    if i > 0 {
                        out.push_str("{ \"{\" }");
                    }
                    out.push_str(part);
                }
            }
            Piece::Var(v) => {
                out.push_str("{ $");
                out.push_str(v);
                out.push_str(" }");
            }
        }
    }
    out
}

/// Reads a PO string written as [`to_po`] writes it (blanks inside the
/// braces as the translator likes; a `}` alone is text). The error says
/// where (a character offset) and what to write instead.
pub fn from_po(text: &str) -> Result<Pattern, (usize, String)> {
    let mut out = Pattern::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_text(&rest[..open]);
        let at = text.len() - rest.len() + open;
        let inner = &rest[open + 1..];
        let column = text[..at].chars().count() + 1;
        let (piece, used) = placeable(inner).map_err(|why| (column, why))?;
        match piece {
            Placed::Var(name) => out.push_var(name),
            Placed::Text(t) => out.push_text(&t),
        }
        rest = &inner[used..];
    }
    out.push_text(rest);
    Ok(out)
}

/// What is between braces.
enum Placed<'a> {
    Var(&'a str),
    Text(String),
}

/// Reads a placeable's inside, `s` starting just after `{`: what it is and
/// how many bytes of `s` it takes, closing brace included.
fn placeable(s: &str) -> Result<(Placed<'_>, usize), String> {
    let bad = || {
        "`{` starts no placeable fluentmark knows: write a placeable of the source as \
         `{ $name }` and a brace as `{ \"{\" }`"
            .to_string()
    };
    let body = s.trim_start_matches([' ', '\t']);
    let skipped = s.len() - body.len();
    let (piece, len) = if let Some(name) = body.strip_prefix('$') {
        let len = name
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_alphabetic()
                    || (i > 0 && (c.is_ascii_digit() || c == '-' || c == '_')))
            })
            .map_or(name.len(), |(i, _)| i);
        if len == 0 {
            return Err(bad());
        }
        (Placed::Var(&name[..len]), 1 + len)
    } else if let Some(literal) = body.strip_prefix('"') {
        let (value, len) = string_literal(literal)?;
        (Placed::Text(value), 1 + len)
    } else {
        return Err(bad());
    };
    let after = &body[len..];
    let tail = after.trim_start_matches([' ', '\t']);
    if !tail.starts_with('}') {
        return Err(format!(
            "a placeable is not closed: end it with ` }}` ({})",
            bad()
        ));
    }
    Ok((piece, skipped + len + (after.len() - tail.len()) + 1))
}

/// A Fluent string literal's value, `s` starting after its opening quote;
/// and its length, closing quote included.
fn string_literal(s: &str) -> Result<(String, usize), String> {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, i + 1)),
            '\n' => break,
            '\\' => match chars.next() {
                Some((_, '\\')) => value.push('\\'),
                Some((_, '"')) => value.push('"'),
                Some((_, u @ ('u' | 'U'))) => {
                    let n = if u == 'u' { 4 } else { 6 };
                    let hex: String = chars.by_ref().take(n).map(|(_, c)| c).collect();
                    let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|_| hex.len() == n)
                        .and_then(char::from_u32)
                        .ok_or_else(|| {
                            format!("`\\{u}{hex}` is no character: `\\{u}` takes {n} hex digits")
                        })?;
                    value.push(c);
                }
                _ => {
                    return Err(
                        "in `{ \"…\" }`, only `\\\\`, `\\\"`, `\\u` and `\\U` escape".into(),
                    );
                }
            },
            c => value.push(c),
        }
    }
    Err("a string literal `{ \"…` is not closed: end it with `\" }`".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_survive_po_text() {
        let mut p = Pattern::from("Run {x} and ");
        p.push_var("code1");
        p.push_text(" }\nnow {");
        let text = to_po(&p);
        assert_eq!(text, "Run { \"{\" }x} and { $code1 } }\nnow { \"{\" }");
        assert_eq!(from_po(&text).unwrap(), p);
        assert_eq!(
            from_po("a {$code1} {  \"\\u00e9\\\"\" } b")
                .unwrap()
                .to_string(),
            "a { $code1 } é\" b"
        );
    }

    #[test]
    fn a_broken_placeable_is_an_error_with_its_column() {
        for (text, column) in [
            ("é { $ } x", 3),
            ("ab {link1}", 4),
            ("{ $a", 1),
            ("x { \"unclosed }", 3),
            ("{ \"\\q\" }", 1),
        ] {
            let (col, why) = from_po(text).unwrap_err();
            assert_eq!(col, column, "{text}: {why}");
            assert!(why.contains('`'), "{why}");
        }
    }
}
