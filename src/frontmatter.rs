//! YAML front matter: split it from the page, read the translatable values,
//! and replace them in place with every other byte kept.
//!
//! yaml_serde reads the values but does not say where they are, so a value
//! is located by its key's line in the block mapping, and every rewrite is
//! verified by parsing the result again: a rewrite that does not give back
//! exactly the translated value (and every other value unchanged) is
//! refused rather than written.

use std::ops::Range;

use serde_yaml::Value;

use crate::text::{PageError, splice};

/// Where the front matter sits in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// The YAML text between the delimiter lines (empty for TOML `+++`
    /// front matter, which is kept as it is).
    pub yaml: Range<usize>,
    /// Where the Markdown body starts.
    pub body_start: usize,
    /// Whether the front matter is YAML (`---`) rather than TOML (`+++`).
    pub is_yaml: bool,
}

/// Finds the front matter: `---` on the first line, up to a `---` or `...`
/// line (Jekyll, Hugo, Docusaurus), or Hugo's TOML `+++` block.
pub fn split(page: &str) -> Result<Option<Split>, PageError> {
    let first_end = page.find('\n').map_or(page.len(), |i| i + 1);
    let first = page[..first_end].trim_end();
    let (is_yaml, closers): (bool, &[&str]) = match first {
        "---" => (true, &["---", "..."]),
        "+++" => (false, &["+++"]),
        _ => return Ok(None),
    };
    let mut pos = first_end;
    while pos < page.len() {
        let end = page[pos..].find('\n').map_or(page.len(), |i| pos + i + 1);
        let line = page[pos..end].trim_end();
        if closers.contains(&line) {
            return Ok(Some(Split {
                yaml: if is_yaml { first_end..pos } else { pos..pos },
                body_start: end,
                is_yaml,
            }));
        }
        pos = end;
    }
    if !is_yaml {
        // `+++` alone is text (or a thematic break look-alike), not TOML.
        return Ok(None);
    }
    Err(PageError {
        line: 1,
        message: format!(
            "front matter opened by `{first}` on line 1 is never closed: add a `{}` line after it",
            closers[0]
        ),
    })
}

/// How deep flow collections (`[...]`, `{...}`) may nest in a front
/// matter: yaml_serde refuses anything nested deeper than 128 collections.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Parses the YAML of a front matter (starting at 1-based page line
/// `first_line`).
///
/// Flow collections nested deeper than [`MAX_FLOW_DEPTH`] are refused
/// before the parse: yaml_serde would refuse them too, but only after its
/// scanner read them, in time that grows with the square of the depth
/// (80 KB of `[` took 4 s).
pub fn parse(yaml: &str, first_line: usize) -> Result<Value, PageError> {
    if yaml.trim().is_empty() {
        return Ok(Value::Null);
    }
    if let Some(at) = too_deep(yaml, MAX_FLOW_DEPTH) {
        let line = first_line + memchr::memchr_iter(b'\n', &yaml.as_bytes()[..at]).count();
        return Err(PageError {
            line,
            message: format!(
                "the front matter nests lists or maps (`[`, `{{`) more than {MAX_FLOW_DEPTH} deep; \
                 YAML this deep is not read: flatten it, or quote the value if it is text"
            ),
        });
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        // The error's own text counts lines from the front matter's start:
        // keep only the page line.
        let text = e.to_string();
        let text = match text.find(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        PageError {
            line: first_line + e.location().map_or(0, |l| l.line().saturating_sub(1)),
            message: format!(
                "invalid YAML in the front matter: {text}; fix the YAML or quote the value"
            ),
        }
    })
}

/// Where (a byte offset in `yaml`) a flow collection opens more than
/// `limit` deep, if one does.
///
/// A reading of YAML's tokens just deep enough not to count a bracket
/// that is text: in a quoted scalar (one that starts a node), a comment, a
/// plain scalar of a block (`title: a [b`) and its continuation lines, a
/// block scalar (`|`, `>`). Inside a flow collection every bracket outside
/// quotes is one, as in YAML. One pass, no allocation.
fn too_deep(yaml: &str, limit: usize) -> Option<usize> {
    let b = yaml.as_bytes();
    // Nothing nests deeper than there are brackets: most front matters
    // are done with this count.
    memchr::memchr2_iter(b'[', b'{', b).nth(limit)?;
    let mut scan = Scan {
        b,
        i: 0,
        limit,
        text_from: None,
        value_of: Some(None),
    };
    while scan.i < b.len() {
        // A line of the block context starts at `scan.i`.
        let i = scan.i;
        let end = line_end(b, i);
        let indent = b[i..end].iter().take_while(|&&c| c == b' ').count();
        let blank = b[i + indent..end]
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\r'));
        if blank || scan.text_from.is_some_and(|t| indent >= t) {
            scan.i = end + 1;
            continue;
        }
        scan.text_from = None;
        if let Err(at) = scan.line(indent) {
            return Some(at);
        }
    }
    None
}

/// [`too_deep`]'s reading of the block context, line by line.
struct Scan<'a> {
    b: &'a [u8],
    /// Where the next line starts.
    i: usize,
    limit: usize,
    /// Lines indented at least this much continue a block or plain scalar.
    text_from: Option<usize>,
    /// The column of the key or `-` whose value starts on the next line
    /// (`None`: the document's own node, at the start).
    value_of: Option<Option<usize>>,
}

impl Scan<'_> {
    /// Reads the nodes of the line at `self.i`, indented `indent` (up to
    /// the end of a quoted scalar or a flow collection that goes on over
    /// the next lines); `Err` with where a flow collection opens too deep.
    fn line(&mut self, indent: usize) -> Result<(), usize> {
        let b = self.b;
        let limit = self.limit;
        let mut line_start = self.i;
        let mut i = self.i + indent;
        // The column of the key or `-` a node on this line belongs to, and
        // of the node last started.
        let mut parent = self.value_of.take().unwrap_or(Some(indent));
        let mut node = indent;
        let mut at_node = true;
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'\n' {
                // Nothing after an indicator: the value is on the next lines.
                if at_node {
                    self.value_of = Some(parent);
                }
                i += 1;
                break;
            }
            let c = b[i];
            let col = i - line_start;
            let from = i;
            match c {
                b'#' => i = line_end(b, i),
                b'-' | b'?' | b':' if blank_at(b, i + 1) => {
                    parent = Some(if c == b':' { node } else { col });
                    at_node = true;
                    i += 1;
                }
                // After a node, only an indicator or a comment.
                _ if !at_node => i = line_end(b, i),
                b'[' | b'{' => {
                    node = col;
                    i = flow_end(b, i, limit)?;
                    at_node = false;
                }
                b'\'' | b'"' => {
                    node = col;
                    i = quoted_end(b, i);
                    at_node = false;
                }
                b'|' | b'>' => {
                    self.text_from = Some(parent.map_or(0, |p| p + 1));
                    at_node = false;
                    i = line_end(b, i);
                }
                // An anchor or a tag: the node comes after it.
                b'&' | b'!' => {
                    while !blank_at(b, i) {
                        i += 1;
                    }
                }
                _ => {
                    // An alias or a plain scalar; more indented lines
                    // continue it if it goes to the line's end.
                    node = col;
                    at_node = false;
                    let continues;
                    (i, continues) = plain_end(b, i);
                    if continues {
                        self.text_from = Some(parent.map_or(0, |p| p + 1));
                    }
                }
            }
            // A quoted scalar or a flow collection may end on a later line.
            if let Some(j) = memchr::memrchr(b'\n', &b[from..i.min(b.len())]) {
                line_start = from + j + 1;
            }
        }
        self.i = i;
        Ok(())
    }
}

/// Where the line holding `i` ends (its `\n`, or the end of `b`).
fn line_end(b: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |j| i + j)
}

/// Whether `b[i]` is a blank or a line break, or past the end.
fn blank_at(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_none_or(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Where an alias or a plain scalar whose first byte is at `i` ends: at
/// `: ` (a key), ` #` (a comment) or the line's end; `true` if at the
/// line's end (more indented lines continue it).
fn plain_end(b: &[u8], mut i: usize) -> (usize, bool) {
    loop {
        i = match memchr::memchr3(b':', b'#', b'\n', &b[i + 1..]) {
            Some(j) => i + 1 + j,
            None => b.len(),
        };
        if i >= b.len() || b[i] == b'\n' {
            return (i, true);
        }
        if (b[i] == b':' && blank_at(b, i + 1))
            || (b[i] == b'#' && matches!(b[i - 1], b' ' | b'\t'))
        {
            return (i, false);
        }
    }
}

/// Where the flow collection opening at `open` ends (after its closing
/// bracket, or the end of `b`); `Err` with the offset of a bracket that
/// opens more than `limit` deep.
fn flow_end(b: &[u8], open: usize, limit: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut at_node = true;
    let mut i = open;
    while i < b.len() {
        let c = b[i];
        let next_ends = ends_flow_token(b, i + 1);
        match c {
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Err(i);
                }
                at_node = true;
            }
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
                at_node = false;
            }
            b',' => at_node = true,
            b':' | b'?' if next_ends => at_node = true,
            b'\'' | b'"' if at_node => {
                i = quoted_end(b, i);
                at_node = false;
                continue;
            }
            b'#' if matches!(b[i - 1], b' ' | b'\t' | b'\r' | b'\n') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |j| i + j);
                continue;
            }
            // An anchor or a tag: the node comes after it.
            b'&' | b'!' if at_node => {
                while !ends_flow_token(b, i + 1) {
                    i += 1;
                }
            }
            b' ' | b'\t' | b'\r' | b'\n' => {}
            _ => at_node = false,
        }
        i += 1;
    }
    Ok(b.len())
}

/// Whether a token in a flow collection ends before `b[i]` (a blank, a
/// flow indicator, the end).
fn ends_flow_token(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|c| {
        matches!(
            c,
            b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}'
        )
    })
}

/// Where the quoted scalar opening at `open` ends (after its closing
/// quote, or the end of `b`).
fn quoted_end(b: &[u8], open: usize) -> usize {
    let quote = b[open];
    // Only a backslash escapes, and only in double quotes.
    let escape = if quote == b'"' { b'\\' } else { quote };
    let mut i = open + 1;
    while let Some(j) = memchr::memchr2(quote, escape, &b[i.min(b.len())..]) {
        i += j;
        match b[i] {
            b'\\' if quote == b'"' => i += 2,
            // `''` is a quote inside single quotes.
            b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            _ => return i + 1,
        }
    }
    b.len()
}

/// Looks up a dotted key (`params.description`) in parsed YAML.
pub fn lookup<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    let mut v = value;
    for part in key.split('.') {
        v = v.as_mapping()?.get(part)?;
    }
    Some(v)
}

/// The byte range (in `yaml`) of the value of dotted key `key`, from just
/// after its `:` to the end of its last line (line ending excluded).
///
/// Only block mappings are located; a key inside a flow mapping gives `None`.
pub fn locate(yaml: &str, key: &str) -> Option<Range<usize>> {
    let mut scope = 0..yaml.len();
    let mut min_indent = 0;
    let mut found = None;
    for part in key.split('.') {
        let (value, indent) = locate_in(yaml, scope.clone(), part, min_indent)?;
        found = Some(value.clone());
        scope = value;
        min_indent = indent + 1;
    }
    found
}

/// Finds `key:` at the shallowest indentation (at least `min_indent`) in
/// `scope`; returns the value's range and the key's indentation.
fn locate_in(
    yaml: &str,
    scope: Range<usize>,
    key: &str,
    min_indent: usize,
) -> Option<(Range<usize>, usize)> {
    let bytes = &yaml.as_bytes()[..scope.end];
    let mut lines = Vec::with_capacity(16);
    let mut pos = scope.start;
    // The scope may start mid-line (just after a parent's `:`).
    if pos > 0 && bytes[pos - 1] != b'\n' {
        pos += memchr::memchr(b'\n', &bytes[pos..])? + 1;
    }
    while pos < scope.end {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(scope.end, |i| pos + i + 1);
        lines.push(pos..end);
        pos = end;
    }
    let indent_of = |r: &Range<usize>| {
        let l = &yaml[r.clone()];
        l.len() - l.trim_start_matches(' ').len()
    };
    let content = |r: &Range<usize>| {
        let t = yaml[r.clone()].trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let level = lines
        .iter()
        .filter(|r| content(r))
        .map(indent_of)
        .filter(|&i| i >= min_indent)
        .min()?;
    for (i, line) in lines.iter().enumerate() {
        if !content(line) || indent_of(line) != level {
            continue;
        }
        let text = &yaml[line.start + level..line.end];
        let Some(after) = key_colon(text, key) else {
            continue;
        };
        let value_start = line.start + level + after;
        let mut value_end = yaml[line.clone()].trim_end().len() + line.start;
        // A one-line scalar keeps its trailing `# comment`.
        let on_line = &yaml[value_start..value_end];
        if let Some(scalar) = scalar_end(on_line) {
            value_end = value_start + scalar;
        }
        for next in &lines[i + 1..] {
            if !content(next) {
                continue;
            }
            if indent_of(next) <= level {
                break;
            }
            value_end = next.start + yaml[next.clone()].trim_end().len();
        }
        return Some((value_start..value_end.max(value_start), level));
    }
    None
}

/// Where a one-line scalar value (after the key's colon) ends, if a
/// comment follows it; `None` when there is none or the value is not a
/// plain or quoted scalar.
fn scalar_end(value: &str) -> Option<usize> {
    let start = value.len() - value.trim_start().len();
    let v = &value[start..];
    let end = match v.chars().next()? {
        '"' => {
            let mut escaped = false;
            let close = v[1..].char_indices().find(|&(_, c)| {
                let hit = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                hit
            })?;
            start + 1 + close.0 + 1
        }
        '\'' => {
            let b = v.as_bytes();
            let mut i = 1;
            loop {
                match b.get(i)? {
                    b'\'' if b.get(i + 1) == Some(&b'\'') => i += 2,
                    b'\'' => break start + i + 1,
                    _ => i += 1,
                }
            }
        }
        '|' | '>' | '[' | '{' | '&' | '*' | '!' | '#' => return None,
        _ => {
            let hash = v.find(" #").or_else(|| v.find("\t#"))?;
            start + v[..hash].trim_end().len()
        }
    };
    let rest = &value[end..];
    rest.trim_start().starts_with('#').then_some(end)
}

/// If `line` is `key:` (plain or quoted key), the offset just after the colon.
fn key_colon(line: &str, key: &str) -> Option<usize> {
    // The key plain, in double quotes or in single quotes.
    let unquoted = |q: &str| {
        line.strip_prefix(q)
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix(q))
    };
    for rest in [unquoted(""), unquoted("\""), unquoted("'")]
        .into_iter()
        .flatten()
    {
        let trimmed = rest.trim_start_matches(' ');
        if trimmed.starts_with(':')
            && trimmed[1..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace())
        {
            return Some(line.len() - trimmed.len() + 1);
        }
    }
    None
}

/// Writes `text` as a YAML scalar for a value position: plain where YAML
/// reads it back as the same string, double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    if plain_as_is(text) {
        return text.to_string();
    }
    if !text.contains(['\n', '\r'])
        && let Ok(s) = serde_yaml::to_string(&Value::String(text.to_string()))
    {
        let s = s.strip_suffix('\n').unwrap_or(&s);
        if !s.contains('\n') {
            return s.to_string();
        }
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // YAML reads the line and paragraph separators as line breaks,
            // which fold; a byte order mark is not allowed inside.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether the YAML emitter certainly writes `text` plain, as it is: a
/// letter or a guillemet first (French titles open with `«`), then letters,
/// digits, single spaces and punctuation that means nothing inside a plain
/// scalar, and not a word YAML reads as something else (`yes`, `null`...:
/// all short and without a blank). Most
/// titles and descriptions are so; the emitter (a fifth of a localized
/// page's front matter rewrite) runs for the rest. Conservative: a property
/// test compares it with the emitter.
fn plain_as_is(text: &str) -> bool {
    let mut chars = text.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '«' | '»'));
    first_ok
        && !text.ends_with(' ')
        && !text.contains("  ")
        && (text.len() > 5 || text.contains(' '))
        && chars.all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '.' | ',' | '(' | ')' | '»' | '«' | '\'' | '?' | '!' | ';' | '/' | '-'
                )
        })
}

/// The sets of keys whose in-place rewrite of one page's front matter was
/// checked by parsing the result (see [`rewrite`]).
#[derive(Debug, Default)]
pub struct Checked(std::cell::RefCell<Vec<Vec<String>>>);

/// Replaces the values of `edits` (dotted key, new text) in `yaml`, whose
/// parsed value is `original`.
/// Returns the new YAML, or the key that could not be rewritten safely.
///
/// The result is parsed again and compared with what was meant, which
/// catches a value whose place was misread. With `checked`, that is done
/// once per set of keys: the places do not depend on the new texts, and
/// [`scalar`] always writes a one-line scalar that reads back as its text
/// (a property test checks both).
pub fn rewrite(
    yaml: &str,
    original: &Value,
    edits: &[(String, String)],
    checked: Option<&Checked>,
) -> Result<String, String> {
    let mut ranges = Vec::new();
    for (key, text) in edits {
        let range = locate(yaml, key).ok_or_else(|| key.clone())?;
        ranges.push((range, format!(" {}", scalar(text))));
    }
    let out = splice(yaml, &mut ranges);
    let keys = || edits.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    if checked.is_some_and(|c| c.0.borrow().contains(&keys())) {
        return Ok(out);
    }
    let mut expected = original.clone();
    for (key, text) in edits {
        set(&mut expected, key, Value::String(text.clone()));
    }
    let check: Value = serde_yaml::from_str(&out).map_err(|_| edits[0].0.clone())?;
    if check != expected {
        return Err(edits[0].0.clone());
    }
    if let Some(c) = checked {
        c.0.borrow_mut().push(keys());
    }
    Ok(out)
}

fn set(value: &mut Value, key: &str, new: Value) {
    let mut v = value;
    for part in key.split('.') {
        match v.as_mapping_mut().and_then(|m| m.get_mut(part)) {
            Some(next) => v = next,
            None => return,
        }
    }
    *v = new;
}

#[cfg(test)]
mod tests {
    use super::*;

    const FM: &str = "title: Old title # note\nparams:\n  description: >-\n    folded\n    text\n  other: x\nlist: [a, b]\n";

    #[test]
    fn locates_top_level_and_nested_values() {
        let r = locate(FM, "title").unwrap();
        assert_eq!(&FM[r], " Old title", "the comment stays");
        let r = locate(FM, "params.description").unwrap();
        assert_eq!(&FM[r], " >-\n    folded\n    text");
        assert!(locate(FM, "missing").is_none());
        assert!(
            locate(FM, "other").is_none(),
            "nested keys are not top-level"
        );
    }

    #[test]
    fn rewrites_only_the_edited_values() {
        let original = serde_yaml::from_str(FM).unwrap();
        let out = rewrite(
            FM,
            &original,
            &[
                ("title".into(), "Titre: neuf".into()),
                ("params.description".into(), "plié\nen deux".into()),
            ],
            None,
        )
        .unwrap();
        assert_eq!(
            out,
            "title: 'Titre: neuf' # note\nparams:\n  description: \"plié\\nen deux\"\n  other: x\nlist: [a, b]\n"
        );
    }

    /// [`scalar`] as the emitter writes it, without the plain shortcut.
    fn emitted(text: &str) -> String {
        let s = serde_yaml::to_string(&Value::String(text.to_string())).unwrap();
        s.strip_suffix('\n').unwrap_or(&s).to_string()
    }

    #[test]
    fn plain_shortcut_takes_titles_and_leaves_yaml_words() {
        for text in [
            "Getting started",
            "» 培训资源",
            "« Bonjour » en trois lignes",
            "Überblick",
            "What's new (2024)?",
        ] {
            assert!(plain_as_is(text), "{text}");
            assert_eq!(emitted(text), text);
        }
        for text in [
            "yes", "No", "null", "true", "e", "Title ", "a: b", "#x", "1st", "- a",
        ] {
            assert!(!plain_as_is(text), "{text}");
        }
    }

    #[test]
    fn quoted_scalars_escape_unicode_line_breaks() {
        // Found by `checked_places_take_any_text`: a raw U+2028 folded with
        // the blank after it.
        for text in ["\n\u{2028} ", "a\n\u{2029} b", "\n\u{feff}x"] {
            let yaml = format!("title: {}\n", scalar(text));
            let back: Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back["title"], Value::String(text.into()), "{yaml}");
        }
    }

    proptest::proptest! {
        /// Whatever the plain shortcut takes, the emitter writes as it is.
        #[test]
        fn plain_shortcut_agrees_with_the_emitter(
            text in "([a-zA-Z]|[yYnN]|[oO][nN]|[oO]ff|true|false|null|[éß中»«İı]|[0-9]|[ .,()'?!;/:#&*-]|\\PC){0,12}",
        ) {
            if plain_as_is(&text) {
                proptest::prop_assert_eq!(emitted(&text), text);
            }
        }

        /// Once a set of keys is checked, any other texts written in the
        /// same places read back as those texts, structure unchanged.
        #[test]
        fn checked_places_take_any_text(
            first in "\\PC{0,20}",
            title in "(\\PC|[\n\t\r#:'\"&*!|>{}\\[\\],%@`-]){0,30}",
            description in "(\\PC|[\n\t#:'\"&*!|>{}-]){0,30}",
        ) {
            let original: Value = serde_yaml::from_str(FM).unwrap();
            let checked = Checked::default();
            let edits = |t: &str, d: &str| {
                vec![("title".to_string(), t.to_string()), ("params.description".to_string(), d.to_string())]
            };
            rewrite(FM, &original, &edits(&first, &first), Some(&checked)).unwrap();
            let out = rewrite(FM, &original, &edits(&title, &description), Some(&checked)).unwrap();
            let mut expected = original.clone();
            set(&mut expected, "title", Value::String(title.clone()));
            set(&mut expected, "params.description", Value::String(description.clone()));
            let back: Value = serde_yaml::from_str(&out).unwrap();
            proptest::prop_assert_eq!(back, expected, "{}", out);
        }
    }

    /// The flow depth [`too_deep`] reads, by the smallest limit it
    /// passes.
    fn flow_depth(yaml: &str) -> usize {
        (0..)
            .find(|&limit| too_deep(yaml, limit).is_none())
            .unwrap()
    }

    #[test]
    fn flow_depth_counts_the_brackets_yaml_reads() {
        for (yaml, depth) in [
            ("a: [[b], {c: [d]}]\n", 3),
            ("a:\n  - [[b]]\n", 2),
            ("a: &x !t [[b]]\n", 2),
            ("? [[a]]\n: b\n", 2),
            ("'k': {a: [\n  b, [c]]}\n", 3),
            ("a: [b, 'it''s', \"[\\\"\", [c]]\n", 2),
            ("a: [it's [b]]\n", 2),
            ("a: [b # [[[\n  , c]\n", 1),
            ("a: [!t '[', &x [b]]\n", 2),
            ("a: b\nc: [[d]] # [[[\n", 2),
        ] {
            assert_eq!(flow_depth(yaml), depth, "{yaml}");
        }
    }

    #[test]
    fn flow_depth_leaves_out_brackets_in_text() {
        for yaml in [
            "a: '[[['\n",
            "a: \"[[[\\\"[\"\n",
            "# [[[\na: b\n",
            "a: b [[[ c\n",
            "a: b\n  [[[ continued\n",
            "- b\n  [[[ continued\n",
            "a: |\n  [[[\n  [[[\nb: c\n",
            "- key: >-\n    [[[\n",
            "a: 'multi\n  [[[ line'\n",
            "a: b#[[[\n",
        ] {
            assert_eq!(flow_depth(yaml), 0, "{yaml}");
            parse(yaml, 2).unwrap();
        }
        // A line less indented than a block scalar's ends it.
        assert_eq!(flow_depth("a: |\n  text\nb: [[c]]\n"), 2);
        assert_eq!(flow_depth("- k: |\n  [[c]]\n"), 2);
    }

    #[test]
    fn deep_flow_is_refused_at_its_line() {
        let deep = format!("title: x\nlist: {}\n", "[".repeat(10_000));
        let e = parse(&deep, 2).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("more than 128 deep"), "{}", e.message);
        let limit = format!("list: {}{}\n", "[".repeat(127), "]".repeat(127));
        assert!(parse(&limit, 2).is_ok(), "as deep as yaml_serde reads");
    }

    /// Collections nested in a parsed value, keys included.
    fn value_depth(v: &Value) -> usize {
        match v {
            Value::Sequence(s) => 1 + s.iter().map(value_depth).max().unwrap_or(0),
            Value::Mapping(m) => {
                1 + m
                    .iter()
                    .map(|(k, v)| value_depth(k).max(value_depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            Value::Tagged(t) => value_depth(&t.value),
            _ => 0,
        }
    }

    /// A flow node and its depth: collections (with anchors, tags, line
    /// breaks and comments between items) of scalars with brackets and
    /// quotes inside.
    fn flow_node() -> impl proptest::strategy::Strategy<Value = (String, usize)> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just("a"),
            Just("it's"),
            Just("b c"),
            Just("'[it''s {'"),
            Just("\"]{\\\" ['\""),
            Just("!t '['"),
            Just("&x \"{\""),
        ]
        .prop_map(|s| (s.to_string(), 0));
        leaf.prop_recursive(5, 24, 4, |inner| {
            let separator = prop_oneof![Just(", "), Just(",\n  "), Just(", # [{\n  ")];
            (
                proptest::collection::vec((inner, separator), 0..4),
                any::<bool>(),
                prop_oneof![Just(""), Just("&y "), Just("!t ")],
            )
                .prop_map(|(items, map, before)| {
                    let depth = 1 + items.iter().map(|((_, d), _)| *d).max().unwrap_or(0);
                    let mut s = String::from(before);
                    s.push(if map { '{' } else { '[' });
                    for (i, ((item, _), separator)) in items.iter().enumerate() {
                        if i > 0 {
                            s.push_str(separator);
                        }
                        if map {
                            s.push_str(&format!("k{i}: "));
                        }
                        s.push_str(item);
                    }
                    s.push(if map { '}' } else { ']' });
                    (s, depth)
                })
        })
    }

    /// A front matter of keys whose values are flow nodes, block scalars
    /// and plain scalars with brackets, and its flow depth.
    fn front_matter() -> impl proptest::strategy::Strategy<Value = (String, usize)> {
        use proptest::prelude::*;
        // Some nested deeper: each node wrapped in up to 6 collections.
        let deeper = (flow_node(), 0usize..6).prop_map(|((mut s, d), wraps)| {
            for w in 0..wraps {
                s = if w % 2 == 0 {
                    format!("[a, {s}]")
                } else {
                    format!("{{k: {s},\n  'l': b}}")
                };
            }
            (s, d + wraps)
        });
        let value = prop_oneof![
            deeper.prop_map(|(s, d)| (format!(" {s}"), d)),
            flow_node().prop_map(|(s, d)| (format!("\n  - {s}"), d)),
            Just((" |\n  [[ text {\n  ]] more".to_string(), 0)),
            Just(("\n  >-\n  [[ folded".to_string(), 0)),
            Just((" a [[ plain\n  [[ continued".to_string(), 0)),
            Just((" '[[ quoted\n  [[ on'".to_string(), 0)),
            Just((" # [[ comment\n  plain".to_string(), 0)),
        ];
        proptest::collection::vec(value, 1..4).prop_map(|values| {
            let depth = values.iter().map(|(_, d)| *d).max().unwrap_or(0);
            let yaml: String = values
                .iter()
                .enumerate()
                .map(|(i, (v, _))| format!("key{i}:{v}\n"))
                .collect();
            (yaml, depth)
        })
    }

    proptest::proptest! {
        /// The flow depth read before the parse is the depth YAML reads.
        #[test]
        fn flow_depth_is_the_depth_of_flow_collections((yaml, depth) in front_matter()) {
            if serde_yaml::from_str::<Value>(&yaml).is_ok() {
                proptest::prop_assert_eq!(flow_depth(&yaml), depth, "{}", yaml);
            }
        }

        /// Never more than YAML reads: whatever yaml_serde parses nests
        /// collections at least as deep as the flow depth read before.
        #[test]
        fn flow_depth_is_never_more_than_yaml_reads(
            yaml in "((k: |- |  |    |\"k\": |\\? )([\\[\\]{},'\"#a |>&!]|: |\n  ){0,14}\n){1,5}",
        ) {
            if let Ok(value) = serde_yaml::from_str::<Value>(&yaml) {
                proptest::prop_assert!(
                    flow_depth(&yaml) <= value_depth(&value),
                    "{} deep, yaml_serde: {}", flow_depth(&yaml), value_depth(&value)
                );
            }
        }
    }

    #[test]
    fn splits_yaml_and_toml() {
        let page = "---\na: 1\n---\nbody";
        let s = split(page).unwrap().unwrap();
        assert_eq!(&page[s.yaml], "a: 1\n");
        assert_eq!(&page[s.body_start..], "body");
        assert!(split("---\na: 1\n").is_err());
        assert!(!split("+++\na = 1\n+++\n").unwrap().unwrap().is_yaml);
        assert_eq!(split("no front matter\n").unwrap(), None);
    }
}
