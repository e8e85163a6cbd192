//! Writing PO text as gettext writes it: comments in gettext's order
//! (`#`, `#.`, `#:`, `#,`, `#|`), strings escaped, a string with line
//! breaks or longer than a line split after each `\n` and at spaces,
//! under an empty first string (`msgid ""`).

use super::{Entry, PoFile};

/// The width gettext wraps at.
const WIDTH: usize = 79;

/// The text of a PO file.
pub fn write(file: &PoFile) -> String {
    let mut out = String::new();
    for entry in file.header.iter().chain(&file.entries) {
        if !out.is_empty() {
            out.push('\n');
        }
        write_entry(&mut out, entry);
    }
    out
}

/// One entry, ending with a line break.
pub fn write_entry(out: &mut String, e: &Entry) {
    for c in &e.translator_comments {
        comment(out, "#", c);
    }
    for c in &e.extracted_comments {
        comment(out, "#.", c);
    }
    for r in &e.references {
        comment(out, "#:", r);
    }
    if !e.flags.is_empty() {
        comment(out, "#,", &e.flags.join(", "));
    }
    if let Some(previous) = &e.previous_msgid {
        string(out, "#| ", "msgid", previous);
    }
    if let Some(ctxt) = &e.msgctxt {
        string(out, "", "msgctxt", ctxt);
    }
    string(out, "", "msgid", &e.msgid);
    string(out, "", "msgstr", &e.msgstr);
}

/// A comment line (on one line: a line break is written `\n`).
fn comment(out: &mut String, mark: &str, text: &str) {
    out.push_str(mark);
    if !text.is_empty() {
        out.push(' ');
        out.push_str(&text.replace('\r', "\\r").replace('\n', "\\n"));
    }
    out.push('\n');
}

/// `keyword "text"`, each line prefixed with `prefix` (`#| `), on one line
/// if it fits and has no inner line break, else split.
fn string(out: &mut String, prefix: &str, keyword: &str, text: &str) {
    let escaped = escape(text);
    let inner_break = escaped.find("\\n").is_some_and(|i| i + 2 < escaped.len());
    if !inner_break && prefix.len() + keyword.len() + escaped.len() + 3 <= WIDTH {
        out.push_str(&format!("{prefix}{keyword} \"{escaped}\"\n"));
        return;
    }
    out.push_str(&format!("{prefix}{keyword} \"\"\n"));
    for line in split(&escaped, WIDTH - 2 - prefix.len()) {
        out.push_str(&format!("{prefix}\"{line}\"\n"));
    }
}

/// Escaped text in pieces: after each `\n`, and at spaces so that a piece
/// fits in `width` where it can.
fn split(escaped: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = escaped;
    while !rest.is_empty() {
        let line_end = rest.find("\\n").map_or(rest.len(), |i| i + 2);
        let line = &rest[..line_end];
        let cut = if line.len() <= width {
            line_end
        } else {
            // The last space within the width (kept on this piece), else
            // the first one after it, else the whole line.
            let within = line
                .char_indices()
                .take_while(|&(i, _)| i < width)
                .filter(|&(_, c)| c == ' ')
                .map(|(i, _)| i + 1)
                .last();
            within
                .or_else(|| {
                    line[width.min(line.len())..]
                        .find(' ')
                        .map(|i| width + i + 1)
                })
                .filter(|&c| c < line_end && line.is_char_boundary(c))
                .unwrap_or(line_end)
        };
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces
}

/// A string's text with PO's escapes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::read;
    use super::*;

    #[test]
    fn long_and_multi_line_strings_split_as_gettext_does() {
        let long = "word ".repeat(30);
        let e = Entry {
            flags: vec!["fuzzy".into()],
            previous_msgid: Some("old\nsource".into()),
            msgctxt: Some("id-1".into()),
            msgid: format!("one \"quoted\"\n{long}\n"),
            msgstr: "short\ttab\u{1}".into(),
            ..Entry::default()
        };
        let mut text = String::new();
        write_entry(&mut text, &e);
        assert!(text.starts_with("#, fuzzy\n#| msgid \"\"\n#| \"old\\n\"\n#| \"source\"\nmsgctxt \"id-1\"\nmsgid \"\"\n\"one \\\"quoted\\\"\\n\"\n\"word "), "{text}");
        assert!(text.ends_with("msgstr \"short\\ttab\\001\"\n"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        let back = read(&text).unwrap();
        let got = &back.entries[0];
        assert_eq!(
            (&got.msgid, &got.msgstr, &got.previous_msgid),
            (&e.msgid, &e.msgstr, &e.previous_msgid)
        );
    }
}
