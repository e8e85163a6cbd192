//! Reporters: findings and coverage rendered as text. They return strings;
//! the binary prints them.

pub mod github;
pub mod human;
pub mod json;
pub mod status;

use std::borrow::Cow;

/// `text` safe to print on one terminal line: line breaks and other
/// control characters (which a file name may hold) written as escapes
/// (`\n`, `\u{1b}`), never sent to the terminal.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(text);
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
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(super::printable("a\tb"), "a\tb");
        assert_eq!(
            super::printable("two\nlines\r\x1b[31m"),
            "two\\nlines\\r\\u{1b}[31m"
        );
    }
}
