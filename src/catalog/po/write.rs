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
    let inner_break = line_break_end(&escaped).is_some_and(|end| end < escaped.len());
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
        let line_end = line_break_end(rest).unwrap_or(rest.len());
        let line = &rest[..line_end];
        let cut = if line.len() <= width {
            line_end
        } else {
            // The last space within the width (kept on this piece), else
            // the first one after it, else the whole line.
            let spaces = || line.char_indices().filter(|&(_, c)| c == ' ');
            let within = spaces()
                .map(|(i, _)| i + 1)
                .take_while(|&c| c <= width)
                .last();
            within
                .or_else(|| spaces().map(|(i, _)| i + 1).find(|&c| c > width))
                .filter(|&c| c < line_end)
                .unwrap_or(line_end)
        };
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    pieces
}

/// Where the first escaped line break (`\\n`, not `\\\\n`) of escaped
/// text ends.
fn line_break_end(escaped: &str) -> Option<usize> {
    let bytes = escaped.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes[i + 1] == b'n' {
                return Some(i + 2);
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    None
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

    /// Found by `any_entry_reads_back`: a line of wide characters past
    /// the width was cut inside a character.
    #[test]
    fn a_long_line_of_wide_characters_splits_at_a_space() {
        let text = format!("{} {}", "ꪍ".repeat(40), "é".repeat(10));
        let mut out = String::new();
        string(&mut out, "", "msgid", &text);
        assert_eq!(
            out,
            format!(
                "msgid \"\"\n\"{} \"\n\"{}\"\n",
                "ꪍ".repeat(40),
                "é".repeat(10)
            )
        );
        let mut out = String::new();
        string(&mut out, "", "msgid", "a\\nb \\n");
        assert_eq!(
            out, "msgid \"a\\\\nb \\\\n\"\n",
            "an escaped backslash before n is no line break"
        );
    }

    proptest::proptest! {
        /// Any texts come back as written; any input reads without a panic.
        #[test]
        fn any_entry_reads_back(
            ctxt in "\\PC{0,20}",
            id in "(\\PC|[\n\t\r\\\\\"{} ]){1,200}",
            translation in "(\\PC|[\n\t\\\\\" ]){0,200}",
            previous in proptest::option::of("(\\PC|\n){0,100}"),
            junk in "(\\PC|[\n\"#\\\\])*",
        ) {
            let e = Entry {
                msgctxt: Some(ctxt),
                msgid: id,
                msgstr: translation,
                previous_msgid: previous,
                flags: vec!["fuzzy".into()],
                ..Entry::default()
            };
            let mut text = String::new();
            write_entry(&mut text, &e);
            let back = read(&text).unwrap();
            let got = &back.entries[0];
            proptest::prop_assert_eq!((&got.msgctxt, &got.msgid, &got.msgstr, &got.previous_msgid), (&e.msgctxt, &e.msgid, &e.msgstr, &e.previous_msgid));
            let _ = read(&junk);
            let _ = read(&format!("{text}{junk}"));
        }
    }
}
