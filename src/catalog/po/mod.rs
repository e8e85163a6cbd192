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

/// A pattern as a PO string: placeables as `{ $name }`, terms as Fluent
/// writes them (`{ -name }`, `{ -name(case: "genitive") }`), `{` as
/// `{ "{" }`.
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
            Piece::Term(t) => out.push_str(&t.to_string()),
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
            Placed::Term(term) => out.push_term(term),
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
    Term(crate::pattern::TermRef),
    Text(String),
}

/// Reads a placeable's inside, `s` starting just after `{`: what it is and
/// how many bytes of `s` it takes, closing brace included.
fn placeable(s: &str) -> Result<(Placed<'_>, usize), String> {
    let bad = || {
        "`{` starts no placeable fluentmark knows: write a placeable of the source as \
         `{ $name }`, a term as `{ -name }` and a brace as `{ \"{\" }`"
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
    } else if let Some(term) = body.strip_prefix('-') {
        let (term, len) = term_ref(term).ok_or_else(bad)?;
        (Placed::Term(term), 1 + len)
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

/// The length of the Fluent identifier `s` starts with.
fn identifier(s: &str) -> usize {
    s.char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_alphabetic() || (i > 0 && (c.is_ascii_digit() || c == '-' || c == '_')))
        })
        .map_or(s.len(), |(i, _)| i)
}

/// A term reference, `s` starting after its `-`: `name` or
/// `name(key: "value", …)`; and its length. String values are kept as
/// written (escapes included), as the catalog model keeps them.
fn term_ref(s: &str) -> Option<(crate::pattern::TermRef, usize)> {
    let blanks = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    let len = identifier(s);
    if len == 0 {
        return None;
    }
    let mut term = crate::pattern::TermRef {
        name: s[..len].to_string(),
        args: Vec::new(),
    };
    let mut at = len;
    let after_name = at + blanks(&s[at..]);
    if !s[after_name..].starts_with('(') {
        return Some((term, len));
    }
    at = after_name + 1;
    loop {
        at += blanks(&s[at..]);
        if s[at..].starts_with(')') {
            return Some((term, at + 1));
        }
        let key = identifier(&s[at..]);
        if key == 0 {
            return None;
        }
        let name = s[at..at + key].to_string();
        at += key;
        at += blanks(&s[at..]);
        at += s[at..].starts_with(':').then_some(1)?;
        at += blanks(&s[at..]);
        at += s[at..].starts_with('"').then_some(1)?;
        let start = at;
        let mut escaped = false;
        let end = s[at..].char_indices().find_map(|(i, c)| {
            let end = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            end.then_some(at + i)
        })?;
        // (Checked as Fluent reads it: a bad escape is no reference.)
        string_literal(&s[start..=end]).ok()?;
        term.args.push((name, s[start..end].to_string()));
        at = end + 1;
        at += blanks(&s[at..]);
        if s[at..].starts_with(',') {
            at += 1;
        } else if !s[at..].starts_with(')') {
            return None;
        }
    }
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
        let mut t = Pattern::from("Use ");
        t.push_term(crate::pattern::TermRef {
            name: "product".into(),
            args: vec![("case".into(), "gen\\\"".into())],
        });
        t.push_text(" and ");
        t.push_term(crate::pattern::TermRef {
            name: "iot".into(),
            args: vec![],
        });
        let text = to_po(&t);
        assert_eq!(text, "Use { -product(case: \"gen\\\"\") } and { -iot }");
        assert_eq!(from_po(&text).unwrap(), t);
        assert_eq!(
            from_po("{-iot} {  -product( case :\"x\" ,  n: \"y\")  }")
                .unwrap()
                .terms()
                .count(),
            2
        );
        assert!(from_po("{ -product(case: x) }").is_err());
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
