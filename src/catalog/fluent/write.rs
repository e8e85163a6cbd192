//! A direct writer for the catalogs fluentmark writes.
//!
//! Writing through fluent-syntax's serializer formats each piece with
//! `write!`, a tenth of `extract`'s time. The catalogs fluentmark writes use
//! a small part of Fluent: comments, and messages without attributes whose
//! values hold text, string and number literals and variable references.
//! `write()` writes that part itself and gives `None` for anything else, so
//! the caller falls back to the serializer. It follows the serializer step
//! by step, quirks included; tests compare the two byte for byte.
//! [`serialize`] writes a catalog with it, a blank line between entries.

use fluent_syntax::ast::{
    Comment, Entry, Expression, InlineExpression, Message, Pattern, PatternElement, Resource,
};

/// `resource` as fluent-syntax's serializer writes it, or `None` when it
/// uses more of Fluent than this writer knows.
pub(crate) fn write(resource: &Resource<String>) -> Option<String> {
    if !resource.body.iter().all(simple) {
        return None;
    }
    let mut w = Writer::with_capacity(capacity(resource));
    let mut wrote_non_junk_entry = false;
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => w.message(m),
            Entry::Comment(c) => w.free_comment(c, "#", wrote_non_junk_entry),
            Entry::GroupComment(c) => w.free_comment(c, "##", wrote_non_junk_entry),
            Entry::ResourceComment(c) => w.free_comment(c, "###", wrote_non_junk_entry),
            // The serializer leaves junk out by default.
            Entry::Junk { .. } => {}
            Entry::Term(_) => return None,
        }
        wrote_non_junk_entry = !matches!(entry, Entry::Junk { .. });
    }
    Some(w.buffer)
}

/// Whether this writer knows everything in `entry`.
fn simple(entry: &Entry<String>) -> bool {
    match entry {
        Entry::Message(m) => {
            m.attributes.is_empty()
                && m.value.as_ref().is_none_or(|v| {
                    v.elements.iter().all(|e| match e {
                        PatternElement::TextElement { .. } => true,
                        PatternElement::Placeable { expression } => matches!(
                            expression,
                            Expression::Inline(
                                InlineExpression::StringLiteral { .. }
                                    | InlineExpression::NumberLiteral { .. }
                                    | InlineExpression::VariableReference { .. }
                            )
                        ),
                    })
                })
        }
        Entry::Term(_) => false,
        _ => true,
    }
}

/// A guess at the output's size, so the buffer grows once or not at all.
fn capacity(resource: &Resource<String>) -> usize {
    let comment = |c: &Comment<String>| c.content.iter().map(|l| l.len() + 4).sum::<usize>();
    resource
        .body
        .iter()
        .map(|e| match e {
            Entry::Message(m) => {
                m.id.name.len()
                    + 8
                    + m.comment.as_ref().map_or(0, comment)
                    + m.value.as_ref().map_or(0, |v| {
                        v.elements
                            .iter()
                            .map(|e| match e {
                                PatternElement::TextElement { value } => value.len() + 4,
                                PatternElement::Placeable { .. } => 16,
                            })
                            .sum()
                    })
            }
            Entry::Comment(c) | Entry::GroupComment(c) | Entry::ResourceComment(c) => {
                comment(c) + 1
            }
            _ => 0,
        })
        .sum()
}

/// The serializer's text writer: four spaces of indentation after each
/// line break while a multi-line value is written. Also what the source
/// catalog and [`super::escape::write_value`] write with.
pub(super) struct Writer {
    pub(super) buffer: String,
    /// Inside a value that starts on its own line.
    pub(super) indent: bool,
}

impl Writer {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Writer {
            buffer: String::with_capacity(capacity),
            indent: false,
        }
    }

    fn newline(&mut self) {
        if self.buffer.ends_with('\r') {
            self.buffer.push('\r');
        }
        self.buffer.push('\n');
    }

    /// Text, indented first if it starts a line of an indented value.
    pub(super) fn literal(&mut self, item: &str) {
        if self.indent && self.buffer.ends_with('\n') {
            self.buffer.push_str("    ");
        }
        self.buffer.push_str(item);
    }

    /// One comment line without its line break: the prefix (`#`, `##`,
    /// `###`), then a space and the line unless it is blank.
    pub(super) fn comment_line(&mut self, prefix: &str, line: &str) {
        self.literal(prefix);
        if !line.trim_matches([' ', '\r', '\n']).is_empty() {
            self.literal(" ");
            self.literal(line);
        }
    }

    fn free_comment(&mut self, c: &Comment<String>, prefix: &str, after_entry: bool) {
        if after_entry {
            self.newline();
        }
        self.comment(c, prefix);
        self.newline();
    }

    fn comment(&mut self, c: &Comment<String>, prefix: &str) {
        for line in &c.content {
            self.comment_line(prefix, line);
            self.newline();
        }
    }

    fn message(&mut self, m: &Message<String>) {
        if let Some(c) = &m.comment {
            self.comment(c, "#");
        }
        self.literal(&m.id.name);
        self.literal(" =");
        if let Some(value) = &m.value {
            self.pattern(value);
        }
        self.newline();
    }

    fn pattern(&mut self, p: &Pattern<String>) {
        let leading_dot = matches!(
            p.elements.first(),
            Some(PatternElement::TextElement { value }) if value.starts_with('.')
        );
        let multiline = p
            .elements
            .iter()
            .any(|e| matches!(e, PatternElement::TextElement { value } if value.contains('\n')));
        let on_new_line = !leading_dot && multiline;
        if on_new_line {
            self.newline();
            self.indent = true;
        } else {
            self.literal(" ");
        }
        for e in &p.elements {
            match e {
                PatternElement::TextElement { value } => self.literal(value),
                PatternElement::Placeable {
                    expression: Expression::Inline(inline),
                } => {
                    self.literal("{ ");
                    match inline {
                        InlineExpression::StringLiteral { value } => {
                            self.literal("\"");
                            self.literal(value);
                            self.literal("\"");
                        }
                        InlineExpression::NumberLiteral { value } => self.literal(value),
                        InlineExpression::VariableReference { id } => {
                            self.literal("$");
                            self.literal(&id.name);
                        }
                        // `simple` let nothing else through.
                        _ => {}
                    }
                    self.literal(" }");
                }
                PatternElement::Placeable { .. } => {}
            }
        }
        self.indent = false;
    }
}

/// Serializes a catalog, a blank line between entries.
pub fn serialize(resource: &Resource<String>) -> String {
    // The serializer separates free comments but not messages: add a blank
    // line where a message starts right after the previous one.
    let text = write(resource).unwrap_or_else(|| fluent_syntax::serializer::serialize(resource));
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut prev_in_message = false;
    for line in text.lines() {
        let starts_entry = !line.is_empty() && !line.starts_with(' ');
        if starts_entry && prev_in_message {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        prev_in_message = !line.is_empty() && !line.starts_with('#');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::parser::parse;

    fn same_as_serializer(ftl: &str) {
        let resource = match parse(ftl.to_string()) {
            Ok(r) | Err((r, _)) => r,
        };
        let expected = fluent_syntax::serializer::serialize(&resource);
        match write(&resource) {
            Some(ours) => assert_eq!(ours, expected, "for {ftl:?}"),
            None => panic!("not simple: {ftl:?}"),
        }
    }

    #[test]
    fn writes_what_the_serializer_writes() {
        for ftl in [
            "",
            "a = A\n",
            "### Head\n\n## Group\n# free\n\na = A\n# c\n#\n# d\nb = B { $x } { \"{\" } { 42 }\n",
            "a =\n    line one\n    { \"\" }\n    { \" \" }line two\n",
            "a = .dot\n    next\n",
            "broken = {\n\nb = B\n",
            "a = x\r\n# c\r\nb = y\r\n",
            "a = { $x }\n    tail\n",
            "a = { \"\" }\n",
        ] {
            same_as_serializer(ftl);
        }
    }

    #[test]
    fn leaves_the_rest_to_the_serializer() {
        for ftl in [
            "-term = T\n",
            "a = A\n    .attr = B\n",
            "a = { $n ->\n    *[one] One\n}\n",
            "a = { b }\n",
            "a = { NUMBER($n) }\n",
        ] {
            let resource = match parse(ftl.to_string()) {
                Ok(r) | Err((r, _)) => r,
            };
            assert_eq!(write(&resource), None, "{ftl:?}");
        }
    }

    fn comment(lines: &[String]) -> Comment<String> {
        Comment {
            content: lines.to_vec(),
        }
    }

    proptest::proptest! {
        /// Catalogs as fluentmark builds them: escaped patterns, comments
        /// of every kind with any lines.
        #[test]
        fn any_built_catalog_is_written_as_the_serializer_does(
            entries in proptest::collection::vec((
                0..4u8,
                proptest::collection::vec("[ \\r\\n#a-z]{0,5}|\\PC{0,8}", 0..3),
                proptest::collection::vec(("[ \\t\\r\\n{}\\[*.a-z\"\\\\é]{0,6}", proptest::bool::ANY), 0..6),
            ), 0..6)
        ) {
            use crate::catalog::fluent::escape::to_fluent;
            use crate::pattern::Pattern;
            use fluent_syntax::ast::Identifier;
            let body = entries.iter().enumerate().map(|(i, (kind, lines, parts))| match kind {
                0 => Entry::Comment(comment(lines)),
                1 => Entry::GroupComment(comment(lines)),
                2 => Entry::ResourceComment(comment(lines)),
                _ => {
                    let mut p = Pattern::new();
                    for (text, var) in parts {
                        p.push_text(text);
                        if *var { p.push_var("v1"); }
                    }
                    Entry::Message(Message {
                        id: Identifier { name: format!("m{i}") },
                        value: Some(to_fluent(&p)),
                        attributes: vec![],
                        comment: (!lines.is_empty()).then(|| comment(lines)),
                    })
                }
            }).collect();
            let resource = Resource { body };
            proptest::prop_assert_eq!(
                write(&resource),
                Some(fluent_syntax::serializer::serialize(&resource))
            );
        }

        /// Whatever a translator may write: parsed, then written back.
        #[test]
        fn any_parsed_catalog_is_written_as_the_serializer_does(
            ftl in "([a-c]{1,2} ?= ?|#{1,3} ?|    |\\.|\\{ ?|\\$|\"|\\} ?|[a-z ]{1,4}|\r?\n){0,24}"
        ) {
            let resource = match parse(ftl) {
                Ok(r) | Err((r, _)) => r,
            };
            if let Some(ours) = write(&resource) {
                proptest::prop_assert_eq!(ours, fluent_syntax::serializer::serialize(&resource));
            }
        }
    }
}
