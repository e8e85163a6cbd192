//! Writing XLIFF 2.0.

use super::{FUZZY, NAMESPACE};
use crate::catalog::po::{Entry, from_po};
use crate::pattern::Piece;

/// A message to write: its PO entry (texts in PO's notation) and its
/// placeables' values.
pub struct Unit<'a> {
    /// The page.
    pub page: &'a str,
    /// The entry as `export` made it for PO (`msgctxt` is the ID, with or
    /// without the page).
    pub entry: &'a Entry,
    /// Its placeables' values.
    pub values: &'a [(String, String)],
}

/// An XLIFF document of `units` (grouped by page, in order), from
/// `source` to `target`; `comment` goes above the root element.
pub fn write(source: &str, target: &str, comment: &str, units: &[Unit<'_>]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<!-- {} -->\n", comment.replace("--", "- -")));
    out.push_str(&format!(
        "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        attr(source),
        attr(target)
    ));
    let mut page: Option<&str> = None;
    let mut files = 0;
    for u in units {
        if page != Some(u.page) {
            if page.is_some() {
                out.push_str(" </file>\n");
            }
            files += 1;
            out.push_str(&format!(
                " <file id=\"f{files}\" original=\"{}\">\n",
                attr(u.page)
            ));
            page = Some(u.page);
        }
        unit(&mut out, u);
    }
    if page.is_some() {
        out.push_str(" </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// One `<unit>`.
fn unit(out: &mut String, u: &Unit<'_>) {
    let e = u.entry;
    let id = e.msgctxt.as_deref().unwrap_or_default();
    let id = id.rsplit_once(':').map_or(id, |(_, id)| id);
    out.push_str(&format!("  <unit id=\"{}\">\n", attr(id)));
    let mut notes: Vec<(&str, &str)> = Vec::new();
    notes.extend(e.references.iter().map(|r| ("location", r.as_str())));
    notes.extend(
        e.extracted_comments
            .iter()
            .map(|c| ("description", c.as_str())),
    );
    notes.extend(
        e.translator_comments
            .iter()
            .map(|c| ("translator", c.as_str())),
    );
    if let Some(p) = &e.previous_msgid {
        notes.push(("previous-source", p));
    }
    if !notes.is_empty() {
        out.push_str("   <notes>\n");
        for (category, text) in notes {
            out.push_str(&format!(
                "    <note category=\"{category}\">{}</note>\n",
                content(text)
            ));
        }
        out.push_str("   </notes>\n");
    }
    let state = match (e.msgstr.is_empty(), e.is_fuzzy()) {
        (true, _) => "state=\"initial\"".to_string(),
        (false, true) => format!("state=\"initial\" subState=\"{FUZZY}\""),
        (false, false) => "state=\"translated\"".to_string(),
    };
    out.push_str(&format!("   <segment {state}>\n"));
    out.push_str("    <source xml:space=\"preserve\">");
    inline(out, &e.msgid, u.values);
    out.push_str("</source>\n");
    if !e.msgstr.is_empty() {
        out.push_str("    <target xml:space=\"preserve\">");
        inline(out, &e.msgstr, u.values);
        out.push_str("</target>\n");
    }
    out.push_str("   </segment>\n  </unit>\n");
}

/// A text in PO's notation as XLIFF inline content: text escaped,
/// placeables as `<ph>`, terms too (their value, when `values` has it as
/// `-name`, shown).
fn inline(out: &mut String, text: &str, values: &[(String, String)]) {
    let Ok(pattern) = from_po(text) else {
        // (Never: export writes what reads back.)
        out.push_str(&content(text));
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut terms = 0;
    for piece in pattern.pieces() {
        match piece {
            Piece::Text(t) => out.push_str(&content(t)),
            Piece::Var(name) => {
                let n = seen.iter().filter(|s| **s == name).count();
                seen.push(name);
                let id = if n == 0 {
                    name.clone()
                } else {
                    format!("{name}-{}", n + 1)
                };
                let value = values
                    .iter()
                    .find(|(v, _)| v == name)
                    .map_or("", |(_, value)| value.as_str());
                out.push_str(&format!(
                    "<ph id=\"{}\" disp=\"{}\" equiv=\"{{ ${} }}\"/>",
                    attr(&id),
                    attr(value),
                    attr(name)
                ));
            }
            Piece::Term(term) => {
                let key = format!("-{}", term.name);
                let value = values
                    .iter()
                    .find(|(v, _)| *v == key)
                    .map_or("", |(_, value)| value.as_str());
                let written = term.to_string();
                terms += 1;
                out.push_str(&format!(
                    "<ph id=\"term{terms}\" disp=\"{}\" equiv=\"{}\"/>",
                    attr(value),
                    attr(&written)
                ));
            }
        }
    }
}

/// Element content: `&`, `<`, `>` escaped, `\r` as a reference (a parser
/// would make a line break of it), characters XML cannot hold as `<cp>`.
fn content(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if is_forbidden(c) => out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value: also `"` escaped, and line breaks and tabs as
/// references (a parser would make spaces of them). (Any XML text can be
/// written so: the TBX glossary is.)
pub(crate) fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if is_forbidden(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 cannot hold the character (XLIFF writes it as `<cp>`).
pub(super) fn is_forbidden(c: char) -> bool {
    // (A `char` is never a surrogate.)
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}
