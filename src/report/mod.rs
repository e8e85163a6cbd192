//! Reporters: findings and coverage rendered as text. They return strings;
//! the binary prints them.

pub mod github;
pub mod human;
pub mod json;
pub mod status;

pub use crate::text::printable;

/// `n` with a comma every three digits (`1,800`), as summaries write
/// counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_get_a_comma_every_three_digits() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_800), "1,800");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(super::printable("a\tb"), "a\tb");
        assert_eq!(
            super::printable("two\nlines\r\x1b[31m"),
            "two\\nlines\\r\\u{1b}[31m"
        );
    }
}
