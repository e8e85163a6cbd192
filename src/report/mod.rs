//! Reporters: findings and coverage rendered as text. They return strings;
//! the binary prints them.

pub mod github;
pub mod human;
pub mod json;
pub mod status;

pub use crate::text::printable;

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
