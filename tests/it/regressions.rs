//! One named test per bug found by the round-trip, property and corpus
//! tests: the input that broke, and the invariant it broke.

use crate::common;

use common::round_trips;
use fluentmark::page::{Page, PageOptions};

fn holds(text: &str) {
    if let Err(e) = round_trips(text) {
        panic!("{e}\n--- page:\n{text:?}");
    }
}

#[test]
fn pulldown_cmark_panic_on_heading_attributes_in_a_quote_is_a_page_error() {
    // pulldown-cmark 0.13.6 panics on this with heading attributes on.
    let err = Page::parse(b"> foo\n>  {.class}\n> ===\n", PageOptions::default()).unwrap_err();
    assert!(err.message.contains("parser crashed"), "{}", err.message);
}

#[test]
fn collapsed_reference_keeps_its_brackets() {
    // pulldown-cmark's range of `[foo][]` stops before `[]`.
    holds("[foo][]\n\n[foo]: /url \"title\"\n");
    holds("![foo][]\n\n[foo]: /url \"title\"\n");
}

#[test]
fn inline_html_keeps_its_line_breaks() {
    // Joining the lines of a tag made a complete tag, an HTML block.
    holds("<a foo=\"bar\" bam = 'baz <em>\"</em>'\n_boolean zoop:33=zoop:33 />\n");
}

#[test]
fn unclosed_angle_bracket_keeps_its_line_break() {
    // `<foo\nbar>` is not a link destination; `<foo bar>` is.
    holds("[link](<foo\nbar>)\n");
}

#[test]
fn fence_with_backticks_in_its_info_string_is_not_escaped() {
    holds("```foo``\n");
}

#[test]
fn strong_code_at_line_start_is_not_a_thematic_break() {
    holds("- **`as`** - keyword\n");
}

#[test]
fn ideographic_space_at_the_end_survives_fluent() {
    holds("デフォルト値\u{3000}\u{3000}\n");
}

#[test]
fn shortcode_lines_around_text_stay_skeleton() {
    holds("{{< alert >}}\nRead this first.\n{{< /alert >}}\n");
    holds("{% include note.md %}\nRead the guide.\n");
}

#[test]
fn setext_heading_over_two_lines() {
    holds("Set up metrics\nand logs\n---\n");
}

#[test]
fn code_span_keeps_indentation_past_the_container() {
    // A code span across lines keeps the blanks past the list item's
    // indentation: pulldown-cmark renders them as code. They were dropped
    // with the container prefix.
    holds("- - `   \n     `a`\n");
    holds("> `a\n>    b` c\n");
}

#[test]
fn hard_break_after_a_literal_backslash_stays_a_break() {
    // `\` before trailing spaces is a literal backslash; the hard break
    // after it, written `\` + line break in the message, was escaped by
    // it and lost.
    holds("1.   [a](/a) \\     \n   ===\n");
    holds("a \\  \nb\n");
    holds("a \\\\\\\nb\n");
}

#[test]
fn indented_angle_bracket_after_a_break_stays_text() {
    // Indented four columns past the item's text, `>` opens no quote: it
    // is text, and the message lost it (the container prefix was taken to
    // be any run of blanks and `>`). Built, it must not open a quote
    // either.
    holds("- - a   \n     \t >\n");
    holds("- a\n      > b\n");
    holds("> a  \n>      > b\n");
}

#[test]
fn escaped_character_at_a_line_start_keeps_its_backslash() {
    // The parser's text event starts after the `\`; the line's text starts
    // at it.
    holds("a\n\\_b\n");
    holds("> a\n> \\*b\n");
}

#[test]
fn setext_heading_attribute_block_after_an_escaped_brace_stays_skeleton() {
    // pulldown-cmark takes `{ [a](/a) }` for the attribute block (an
    // escaped `{` still opens one) but, in a setext heading only, also
    // gives the link and ` }` as the heading's text. Translated, the link
    // changed the attribute, and the rendered heading with it.
    holds("> \\* \\[ \\{ [a](/a) }\n> ===\n");
    holds("Hi *there \\{ [a](/a) }\n---\n");
    holds("a \\{ [b](/b) } c }\nd \\{ .x }\n===\n");
}

#[test]
fn catalog_with_an_unfinished_escape_before_a_wide_character_reads() {
    // fluent-syntax 0.12 panics on it (it cuts its error's quote inside
    // the character).
    let c = fluentmark::catalog::Catalog::parse("a = {\"\\U𑛀\n\nb = B\n");
    assert_eq!(c.errors.len(), 1, "{:?}", c.errors);
    assert_eq!(c.errors[0].line, 1);
    assert!(c.get("b").is_some());
}
