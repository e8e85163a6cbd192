//! Reading PO text. Line by line, as gettext's grammar goes: comments,
//! then keywords with their strings and continuation strings, entries
//! apart. Whatever the input, it never panics: an error names its line and
//! column, says what is wrong and what to write, and the file is not used.

use super::{Entry, PoError, PoFile};

/// Which string a continuation line (`"..."`) adds to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Msgctxt,
    Msgid,
    MsgidPlural,
    Msgstr,
    /// `msgstr[N]` with N > 0: read, not kept.
    OtherForm,
    PreviousMsgctxt,
    PreviousMsgid,
}

/// An entry being read.
#[derive(Default)]
struct Building {
    entry: Entry,
    /// Whether a keyword was seen (else only comments so far).
    keywords: bool,
    msgid_seen: bool,
    msgstr_seen: bool,
    plural: bool,
    /// An obsolete `#~` entry: read, not kept.
    obsolete: bool,
    last: Option<Field>,
    /// The line of its first keyword.
    first_line: usize,
}

/// Reads PO text (a byte order mark and CRLF line breaks are fine).
pub fn read(text: &str) -> Result<PoFile, PoError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut file = PoFile::default();
    let mut cur = Building::default();
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line = line.trim_start_matches([' ', '\t']);
        if line.trim_end().is_empty() {
            finish(&mut file, &mut cur, n)?;
            continue;
        }
        if line.starts_with("#~") {
            // An obsolete entry (`#~ msgid`, `#~| msgid`): not kept.
            if cur.msgstr_seen && !cur.obsolete {
                finish(&mut file, &mut cur, n)?;
            }
            cur.obsolete = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            // A comment after a whole entry starts the next one.
            if cur.msgstr_seen {
                finish(&mut file, &mut cur, n)?;
            }
            comment(&mut cur, rest, n)?;
            continue;
        }
        if line.starts_with('"') {
            let value = string(line, n, 1 + raw.len() - line.len())?;
            let field = cur.last.ok_or_else(|| PoError {
                line: n,
                column: 1,
                message: "a string that continues nothing: put it under `msgid` or `msgstr`, \
                          or delete it"
                    .into(),
            })?;
            push(&mut cur.entry, field, &value);
            continue;
        }
        keyword(&mut file, &mut cur, line, n, raw.len() - line.len())?;
    }
    finish(&mut file, &mut cur, text.split('\n').count() + 1)?;
    Ok(file)
}

/// A comment line, `rest` following its `#`.
fn comment(cur: &mut Building, rest: &str, n: usize) -> Result<(), PoError> {
    let text = |s: &str| s.strip_prefix(' ').unwrap_or(s).trim_end().to_string();
    match rest.chars().next() {
        Some(',') => cur.entry.flags.extend(
            rest[1..]
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from),
        ),
        Some('.') => cur.entry.extracted_comments.push(text(&rest[1..])),
        Some(':') => cur
            .entry
            .references
            .extend(rest[1..].split_whitespace().map(String::from)),
        Some('|') => {
            let body = rest[1..].trim_start();
            let column = 3 + rest[1..].len() - body.len();
            if body.starts_with('"') {
                let value = string(body, n, column)?;
                match cur.last {
                    Some(f @ (Field::PreviousMsgctxt | Field::PreviousMsgid)) => {
                        push(&mut cur.entry, f, &value);
                    }
                    _ => return Err(unexpected(n, "a `#|` string that continues nothing")),
                }
            } else if let Some(s) = body
                .strip_prefix("msgctxt")
                .or_else(|| body.strip_prefix("msgid_plural"))
            {
                // (Read, not kept: fluentmark writes neither.)
                let _ = string(s.trim_start(), n, column + body.len() - s.len())?;
                cur.last = Some(Field::PreviousMsgctxt);
            } else if let Some(s) = body.strip_prefix("msgid") {
                let value = string(s.trim_start(), n, column + 5)?;
                cur.entry.previous_msgid = Some(value);
                cur.last = Some(Field::PreviousMsgid);
            } else {
                return Err(unexpected(n, "a `#|` line that is no `msgid`"));
            }
        }
        _ => cur.entry.translator_comments.push(text(rest)),
    }
    if !rest.starts_with('|') {
        cur.last = None;
    }
    Ok(())
}

/// A keyword line: `msgctxt`, `msgid`, `msgid_plural`, `msgstr`, `msgstr[N]`.
fn keyword(
    file: &mut PoFile,
    cur: &mut Building,
    line: &str,
    n: usize,
    indent: usize,
) -> Result<(), PoError> {
    let word_end = line.find([' ', '\t', '"']).unwrap_or(line.len());
    let (word, rest) = line.split_at(word_end);
    let rest_trimmed = rest.trim_start();
    let column = indent + word_end + (rest.len() - rest_trimmed.len()) + 1;
    let starts_entry = matches!(word, "msgctxt" | "msgid");
    if starts_entry && cur.msgstr_seen {
        finish(file, cur, n)?;
    }
    if !cur.keywords {
        cur.first_line = n;
    }
    cur.keywords = true;
    let value = string(rest_trimmed, n, column)?;
    let twice = |what: &str| PoError {
        line: n,
        column: indent + 1,
        message: format!(
            "a second `{what}` in one entry: start a new entry (a blank line, then `msgid`) or delete it"
        ),
    };
    let field = match word {
        "msgctxt" => {
            if cur.msgid_seen || cur.entry.msgctxt.is_some() {
                return Err(twice("msgctxt"));
            }
            cur.entry.msgctxt = Some(String::new());
            Field::Msgctxt
        }
        "msgid" => {
            if cur.msgid_seen {
                return Err(twice("msgid"));
            }
            cur.msgid_seen = true;
            cur.entry.line = n;
            Field::Msgid
        }
        "msgid_plural" => {
            if !cur.msgid_seen || cur.msgstr_seen || cur.plural {
                return Err(unexpected(n, "`msgid_plural` not right after `msgid`"));
            }
            cur.plural = true;
            cur.entry.msgid_plural = Some(String::new());
            Field::MsgidPlural
        }
        "msgstr" => {
            if !cur.msgid_seen || cur.msgstr_seen || cur.plural {
                return Err(if cur.msgstr_seen {
                    twice("msgstr")
                } else {
                    unexpected(
                        n,
                        "`msgstr` without a `msgid` before it (or after `msgid_plural`, which takes `msgstr[0]`)",
                    )
                });
            }
            cur.msgstr_seen = true;
            cur.entry.msgstr_line = n;
            Field::Msgstr
        }
        w if w.starts_with("msgstr[") && w.ends_with(']') => {
            let index: usize = w[7..w.len() - 1]
                .parse()
                .map_err(|_| unexpected(n, "a `msgstr[N]` whose N is no number"))?;
            if !cur.plural {
                return Err(unexpected(
                    n,
                    "`msgstr[N]` in an entry without `msgid_plural`",
                ));
            }
            if index == 0 {
                cur.msgstr_seen = true;
                cur.entry.msgstr_line = n;
                Field::Msgstr
            } else {
                Field::OtherForm
            }
        }
        _ => {
            return Err(PoError {
                line: n,
                column: indent + 1,
                message: format!(
                    "`{}` is no PO keyword: a line is a `#` comment, `msgctxt`, `msgid`, \
                     `msgid_plural`, `msgstr`, `msgstr[N]` or a `\"…\"` string",
                    crate::text::printable(&word.chars().take(30).collect::<String>())
                ),
            });
        }
    };
    push(&mut cur.entry, field, &value);
    cur.last = Some(field);
    Ok(())
}

/// Adds a string to a field.
fn push(entry: &mut Entry, field: Field, value: &str) {
    let target = match field {
        Field::Msgctxt => entry.msgctxt.get_or_insert_default(),
        Field::Msgid => &mut entry.msgid,
        Field::MsgidPlural => entry.msgid_plural.get_or_insert_default(),
        Field::Msgstr => &mut entry.msgstr,
        Field::PreviousMsgid => entry.previous_msgid.get_or_insert_default(),
        Field::OtherForm | Field::PreviousMsgctxt => return,
    };
    target.push_str(value);
}

/// Ends the entry being read (at a blank line, the next entry or the end,
/// on line `n`), keeping it unless it is obsolete or only comments.
fn finish(file: &mut PoFile, cur: &mut Building, n: usize) -> Result<(), PoError> {
    let done = std::mem::take(cur);
    if done.obsolete || !done.keywords {
        return Ok(());
    }
    if !done.msgid_seen || !done.msgstr_seen {
        let missing = if done.msgid_seen { "msgstr" } else { "msgid" };
        return Err(PoError {
            line: done.first_line,
            column: 1,
            message: format!(
                "this entry has no `{missing}` (it ends before line {n}): add `{missing} \"\"` to it"
            ),
        });
    }
    let mut entry = done.entry;
    if entry.msgid.is_empty() && entry.msgctxt.is_none() && file.header.is_none() {
        file.header = Some(entry);
    } else {
        if entry.line == 0 {
            entry.line = done.first_line;
        }
        file.entries.push(entry);
    }
    Ok(())
}

/// An error about what a line does.
fn unexpected(n: usize, what: &str) -> PoError {
    PoError {
        line: n,
        column: 1,
        message: format!("{what}: fix the entry as gettext writes them (see `man msgfmt`)"),
    }
}

/// A quoted PO string (`s` starts at its `"`, at `column` of line `n`),
/// its escapes decoded; only blanks may follow it.
fn string(s: &str, n: usize, column: usize) -> Result<String, PoError> {
    let error = |offset: usize, message: &str| PoError {
        line: n,
        column: column + s[..offset.min(s.len())].chars().count(),
        message: message.to_string(),
    };
    let Some(body) = s.strip_prefix('"') else {
        return Err(error(
            0,
            "a string is expected here, in double quotes: `\"…\"`",
        ));
    };
    let mut value = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let after = &body[i + 1..];
                if !after.trim().is_empty() {
                    return Err(error(
                        i + 2,
                        "text after the closing quote: write a `\"` inside a string as `\\\"`",
                    ));
                }
                return Ok(value);
            }
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    'a' => value.push('\u{7}'),
                    'b' => value.push('\u{8}'),
                    'f' => value.push('\u{c}'),
                    'v' => value.push('\u{b}'),
                    '\\' | '"' | '\'' | '?' => value.push(e),
                    '0'..='7' => {
                        let mut code = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                                Some(d) => {
                                    code = code * 8 + d;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        value.push(byte_char(code).ok_or_else(|| {
                            error(i + 1, "an octal escape above `\\177`: write the character itself (PO files are UTF-8)")
                        })?);
                    }
                    'x' => {
                        let mut code = 0u32;
                        let mut digits = 0;
                        while let Some(d) = chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                            code = code.saturating_mul(16).saturating_add(d);
                            digits += 1;
                            chars.next();
                        }
                        value.push(byte_char(code).filter(|_| digits > 0).ok_or_else(|| {
                            error(i + 1, "a `\\x` escape that is no ASCII character: write the character itself (PO files are UTF-8)")
                        })?);
                    }
                    _ => {
                        return Err(error(
                            i + 1,
                            "unknown escape: write a backslash as `\\\\` (PO knows `\\n`, `\\t`, `\\\"`, `\\\\`)",
                        ));
                    }
                }
            }
            c => value.push(c),
        }
    }
    Err(error(
        s.len(),
        "the string is not closed: end it with `\"` on the same line",
    ))
}

/// An escaped byte as a character: ASCII only (a byte above would be
/// half a UTF-8 character).
fn byte_char(code: u32) -> Option<char> {
    (code < 0x80).then(|| char::from_u32(code)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_comments_and_strings_are_read() {
        let text = "\u{feff}# head\nmsgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n# translator\n#. note\n#: a.md:3 b.md:4\n#, fuzzy, c-format\n#| msgid \"old\"\n#| \" text\"\nmsgctxt \"id-1\"\nmsgid \"\"\n\"two\\n\"\n\"lines \\\"q\\\" \\101\"\nmsgstr \"deux\"\r\nmsgctxt \"id-2\"\nmsgid \"x\"\nmsgid_plural \"xs\"\nmsgstr[0] \"y\"\nmsgstr[1] \"ys\"\n\n#~ msgid \"gone\"\n#~ msgstr \"parti\"\n";
        let f = read(text).unwrap();
        assert_eq!(f.header_field("language"), Some("fr"));
        assert_eq!(f.entries.len(), 2);
        let e = &f.entries[0];
        assert_eq!(e.translator_comments, ["translator"]);
        assert_eq!(e.extracted_comments, ["note"]);
        assert_eq!(e.references, ["a.md:3", "b.md:4"]);
        assert!(e.is_fuzzy());
        assert_eq!(e.previous_msgid.as_deref(), Some("old text"));
        assert_eq!(e.msgctxt.as_deref(), Some("id-1"));
        assert_eq!(e.msgid, "two\nlines \"q\" A");
        assert_eq!(e.msgstr, "deux");
        assert_eq!((e.line, e.msgstr_line), (13, 16));
        let p = &f.entries[1];
        assert_eq!(
            (p.msgid_plural.as_deref(), p.msgstr.as_str()),
            (Some("xs"), "y")
        );
    }

    #[test]
    fn malformed_text_is_an_error_at_its_line() {
        for (text, line, column) in [
            ("msgid \"a\"\nmsgstr \"b\n", 2, 10),
            ("msgid \"a\"\nmsgstr \"b\" x\n", 2, 11),
            ("msgid \"a\"\nmsgtsr \"b\"\n", 2, 1),
            ("\"x\"\n", 1, 1),
            ("msgid \"a\"\n\nmsgstr \"b\"\n", 1, 1),
            ("msgid \"a\\q\"\nmsgstr \"\"\n", 1, 9),
            ("msgid \"a\"\nmsgstr \"\"\nmsgstr \"\"\n", 3, 1),
            ("msgid a\nmsgstr \"\"\n", 1, 7),
            ("msgid \"\\777\"\nmsgstr \"\"\n", 1, 8),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!(
                (e.line, e.column),
                (line, column),
                "{text:?}: {}",
                e.message
            );
            assert!(e.message.contains('`'), "{}", e.message);
        }
    }

    #[test]
    fn any_bytes_read_without_panic() {
        let samples = [
            "msgid",
            "\"",
            "#|",
            "#| msgid \"",
            "msgstr[",
            "msgstr[x] \"\"",
            "msgid \"\\x\"",
            "msgid \"é\\",
            "#~",
        ];
        for a in samples {
            for b in samples {
                let _ = read(&format!("{a}\n{b}"));
                let _ = read(&format!("{a} {b}"));
            }
        }
    }
}
