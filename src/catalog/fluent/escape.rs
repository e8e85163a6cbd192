//! Fluent escaping: any [`Pattern`] in, Fluent AST out, and back.
//!
//! Fluent gives meaning to `{` and `}`, to a line starting with `[`, `*` or
//! `.`, and drops leading and trailing blanks and blank first lines. Markdown
//! text uses all of these, so each such character goes into a string literal
//! placeable (`{"{"}`), which formats to the character itself.
//!
//! The fluent-syntax 0.12 serializer escapes nothing and indents only the
//! first line of a multi-line text element, so every line becomes its own
//! [`PatternElement::TextElement`].

use fluent_syntax::ast::{
    CallArguments, Expression, Identifier, InlineExpression, NamedArgument, PatternElement,
};
use fluent_syntax::unicode::unescape_unicode_to_string;

use super::write::Writer;
use crate::catalog::Unsupported;
use crate::pattern::{Pattern, Piece, TermRef};

/// Fluent AST of a pattern with owned strings.
pub type FluentPattern = fluent_syntax::ast::Pattern<String>;

/// Converts a pattern to Fluent syntax elements that serialize and parse
/// back to the very same pattern.
pub fn to_fluent(pattern: &Pattern) -> FluentPattern {
    let mut w = Escaper::new(Elements::default(), 0);
    w.pattern(pattern);
    FluentPattern { elements: w.sink.0 }
}

/// Writes `pattern` as the value of a message, right after `id =`, exactly
/// as the Fluent serializer writes [`to_fluent`]'s elements: one space and
/// the text, or a line break and the text indented when it has several
/// lines. No syntax tree in between: the source catalog of every page is
/// written this way.
pub(super) fn write_value(pattern: &Pattern, out: &mut Writer) {
    // `to_fluent` puts every line break in a text element and never starts
    // with a text element that starts with `.`, so the serializer puts the
    // value on its own lines exactly when the text has a line break.
    let multiline = pattern.pieces().iter().any(|p| match p {
        Piece::Text(t) => memchr::memchr(b'\n', t.as_bytes()).is_some(),
        Piece::Var(_) | Piece::Term(_) => false,
    });
    out.buffer.push(if multiline { '\n' } else { ' ' });
    out.indent = multiline;
    // The longest text element is at most all the text.
    let mut w = Escaper::new(Text(out), pattern.text_len());
    w.pattern(pattern);
    out.indent = false;
}

/// Where escaped pattern elements go.
trait Sink {
    /// A text element.
    fn text(&mut self, value: &str);
    /// A string literal placeable (`{ "raw" }`).
    fn literal(&mut self, raw: &str);
    /// A variable reference placeable (`{ $name }`).
    fn var(&mut self, name: &str);
    /// A term reference placeable (`{ -name }`).
    fn term(&mut self, term: &TermRef);
}

/// Elements of a syntax tree.
#[derive(Default)]
struct Elements(Vec<PatternElement<String>>);

impl Sink for Elements {
    fn text(&mut self, value: &str) {
        self.0.push(PatternElement::TextElement {
            value: value.to_string(),
        });
    }

    fn literal(&mut self, raw: &str) {
        self.0.push(PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::StringLiteral {
                value: raw.to_string(),
            }),
        });
    }

    fn var(&mut self, name: &str) {
        self.0.push(PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::VariableReference {
                id: Identifier {
                    name: name.to_string(),
                },
            }),
        });
    }

    fn term(&mut self, term: &TermRef) {
        let arguments = (!term.args.is_empty()).then(|| CallArguments {
            positional: Vec::new(),
            named: term
                .args
                .iter()
                .map(|(name, value)| NamedArgument {
                    name: Identifier { name: name.clone() },
                    value: InlineExpression::StringLiteral {
                        value: value.clone(),
                    },
                })
                .collect(),
        });
        self.0.push(PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::TermReference {
                id: Identifier {
                    name: term.name.clone(),
                },
                attribute: None,
                arguments,
            }),
        });
    }
}

/// Fluent text, written as the serializer writes the elements.
struct Text<'a>(&'a mut Writer);

impl Sink for Text<'_> {
    fn text(&mut self, value: &str) {
        self.0.literal(value);
    }

    fn literal(&mut self, raw: &str) {
        self.0.literal("{ \"");
        self.0.literal(raw);
        self.0.literal("\" }");
    }

    fn var(&mut self, name: &str) {
        self.0.literal("{ $");
        self.0.literal(name);
        self.0.literal(" }");
    }

    fn term(&mut self, term: &TermRef) {
        self.0.literal(&term.to_string());
    }
}

/// Decides what of a pattern's text must be escaped, and how.
struct Escaper<S> {
    sink: S,
    /// The text element being built.
    text: String,
    /// True at the start of the pattern and right after a line break.
    line_start: bool,
    started: bool,
    /// Whether an element went to the sink.
    emitted: bool,
}

impl<S: Sink> Escaper<S> {
    fn new(sink: S, capacity: usize) -> Self {
        Escaper {
            sink,
            text: String::with_capacity(capacity),
            line_start: false,
            started: false,
            emitted: false,
        }
    }

    fn pattern(&mut self, pattern: &Pattern) {
        for piece in pattern.pieces() {
            match piece {
                Piece::Text(t) => self.text(t),
                Piece::Var(v) => self.var(v),
                Piece::Term(t) => self.term(t),
            }
        }
        self.finish();
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.sink.text(&self.text);
            self.text.clear();
            self.emitted = true;
        }
    }

    fn literal(&mut self, raw: &str) {
        self.flush();
        self.sink.literal(raw);
        self.emitted = true;
        self.line_start = false;
    }

    /// Ends the text element before its trailing blanks, which become a
    /// literal: Fluent would drop them, an editor would hide them.
    fn escape_trailing_blanks(&mut self) {
        let trimmed = self.text.trim_end_matches(is_blank).len();
        if trimmed < self.text.len() {
            if trimmed > 0 {
                self.sink.text(&self.text[..trimmed]);
            }
            self.sink.literal(&self.text[trimmed..]);
            self.text.clear();
            self.emitted = true;
            self.line_start = false;
        }
    }

    fn var(&mut self, name: &str) {
        self.started = true;
        self.flush();
        self.sink.var(name);
        self.emitted = true;
        self.line_start = false;
    }

    fn term(&mut self, term: &TermRef) {
        self.started = true;
        self.flush();
        self.sink.term(term);
        self.emitted = true;
        self.line_start = false;
    }

    fn text(&mut self, text: &str) {
        if !self.started {
            self.started = true;
            self.line_start = true;
        }
        // Fast path: nothing in the text that Fluent gives meaning to.
        let plain = !needs_escape(text);
        let safe_start = !self.line_start || !text.starts_with([' ', '\t', '[', '*', '.']);
        if plain && safe_start && !text.is_empty() {
            self.text.push_str(text);
            self.line_start = false;
            return;
        }
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if !self.line_start {
                // Up to the next byte that may need care, as it is.
                let run = rest
                    .bytes()
                    .position(|b| b < 0x20 || matches!(b, b'{' | b'}' | 0x7f | 0xc2))
                    .unwrap_or(rest.len());
                if run > 0 {
                    self.text.push_str(&rest[..run]);
                    rest = &rest[run..];
                    continue;
                }
            }
            if self.line_start {
                // Leading blanks would be taken as indentation.
                let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                if blanks > 0 {
                    self.literal(&rest[..blanks]);
                    rest = &rest[blanks..];
                    continue;
                }
                match c {
                    '[' | '*' | '.' => {
                        self.literal(&rest[..1]);
                        rest = &rest[1..];
                        continue;
                    }
                    // An empty line would be dropped (first line) or kept
                    // only by accident: make it explicit.
                    '\n' => self.literal(""),
                    _ => {}
                }
                self.line_start = false;
            }
            match c {
                '\n' => {
                    // Trailing blanks before a line break would be invisible
                    // in an editor and lost by many: escape them.
                    self.escape_trailing_blanks();
                    self.text.push('\n');
                    self.flush();
                    self.line_start = true;
                }
                '{' | '}' => self.literal(&rest[..1]),
                '"' | '\\' => self.text.push(c),
                c if c.is_control() && c != '\t' => {
                    self.literal(&format!("\\U{:06X}", c as u32));
                }
                c => self.text.push(c),
            }
            rest = &rest[c.len_utf8()..];
        }
    }

    fn finish(&mut self) {
        if self.line_start && self.started {
            // The pattern ends with a line break: keep it visible.
            self.literal("");
        }
        self.escape_trailing_blanks();
        self.flush();
        if !self.emitted {
            self.sink.literal("");
        }
    }
}

/// Whether `text` holds `{`, `}`, a line break or a control character
/// other than a tab (C0, DEL or C1). Bytes, not characters: most text is
/// plain, much of it outside ASCII, and decoding it was the cost.
fn needs_escape(text: &str) -> bool {
    let b = text.as_bytes();
    // Most texts have none of those bytes: 32 bytes at a time, compared
    // without a branch (vector instructions), up to the first chunk that
    // may have one.
    let mut from = 0;
    while from + 32 <= b.len() {
        let hit = b[from..from + 32].iter().fold(false, |hit, &c| {
            hit | ((c < 0x20) & (c != 0x09)) | (c == b'{') | (c == b'}') | (c == 0x7f) | (c == 0xc2)
        });
        if hit {
            break;
        }
        from += 32;
    }
    // Then a table look-up per byte; a C1 lead byte is looked at closely.
    b.iter().enumerate().skip(from).any(|(i, &c)| {
        MAY_NEED_ESCAPE[usize::from(c)]
            // U+0080..U+009F are 0xC2 0x80..0x9F in UTF-8.
            && (c != 0xc2 || b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// The bytes [`needs_escape`] stops at: C0 controls but the tab, `{`, `}`,
/// DEL, and 0xC2 (which starts the C1 controls and more).
static MAY_NEED_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09;
        b += 1;
    }
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// Whitespace Fluent would trim at the end of a pattern (any Unicode
/// white space but the line break).
fn is_blank(c: char) -> bool {
    c.is_whitespace() && c != '\n'
}

/// Converts a parsed Fluent pattern back to a [`Pattern`].
///
/// String literals and number literals become text; variable references
/// become placeables; term references (`{ -product }`, with named string
/// arguments) stay references, for the glossary. Message references,
/// functions and select expressions have no meaning in a Markdown page
/// and are refused.
pub fn from_fluent<S: AsRef<str>>(
    pattern: &fluent_syntax::ast::Pattern<S>,
) -> Result<Pattern, Unsupported> {
    // At most one piece per element (texts merge): sized once.
    let mut out = Pattern::with_capacity(pattern.elements.len());
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_text(value.as_ref()),
            PatternElement::Placeable { expression } => inline(expression, &mut out)?,
        }
    }
    Ok(out)
}

fn inline<S: AsRef<str>>(expression: &Expression<S>, out: &mut Pattern) -> Result<(), Unsupported> {
    let Expression::Inline(expr) = expression else {
        return Err(Unsupported(
            "a select expression has no meaning in a Markdown page".into(),
        ));
    };
    match expr {
        InlineExpression::StringLiteral { value } => {
            let value = value.as_ref();
            if value.contains('\\') {
                out.push_text(&unescape_unicode_to_string(value));
            } else {
                out.push_text(value);
            }
        }
        InlineExpression::NumberLiteral { value } => out.push_text(value.as_ref()),
        InlineExpression::VariableReference { id } => out.push_var(id.name.as_ref()),
        InlineExpression::Placeable { expression } => inline(expression, out)?,
        InlineExpression::MessageReference { id, .. } => {
            return Err(Unsupported(format!(
                "message reference `{{ {} }}` is not allowed in a page's message",
                id.name.as_ref()
            )));
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => out.push_term(term_ref(id.name.as_ref(), attribute, arguments)?),
        InlineExpression::FunctionReference { id, .. } => {
            return Err(Unsupported(format!(
                "function `{}()` is not allowed in a page's message",
                id.name.as_ref()
            )));
        }
    }
    Ok(())
}

/// A term reference as the model keeps it: a name and named string
/// arguments (what a term's variants are selected by). An attribute or
/// positional or numeric argument is refused with what to write.
fn term_ref<S: AsRef<str>>(
    name: &str,
    attribute: &Option<Identifier<S>>,
    arguments: &Option<CallArguments<S>>,
) -> Result<TermRef, Unsupported> {
    if let Some(attribute) = attribute {
        return Err(Unsupported(format!(
            "`{{ -{name}.{} }}`: a term's attribute is only for selecting variants; \
             write `{{ -{name} }}`",
            attribute.name.as_ref()
        )));
    }
    let mut args = Vec::new();
    if let Some(arguments) = arguments {
        if !arguments.positional.is_empty() {
            return Err(Unsupported(format!(
                "`-{name}(…)` has a positional argument, which a term ignores: \
                 name it, as in `{{ -{name}(case: \"genitive\") }}`"
            )));
        }
        for named in &arguments.named {
            let InlineExpression::StringLiteral { value } = &named.value else {
                return Err(Unsupported(format!(
                    "`-{name}({}: …)`: write the argument's value in quotes, \
                     as in `{{ -{name}(case: \"genitive\") }}`",
                    named.name.name.as_ref()
                )));
            };
            args.push((
                named.name.name.as_ref().to_string(),
                value.as_ref().to_string(),
            ));
        }
    }
    Ok(TermRef {
        name: name.to_string(),
        args,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{Entry, Message, Resource};

    fn round_trip(pattern: &Pattern) -> Pattern {
        let resource = Resource {
            body: vec![Entry::Message(Message {
                id: Identifier {
                    name: "m".to_string(),
                },
                value: Some(to_fluent(pattern)),
                attributes: vec![],
                comment: None,
            })],
        };
        let text = fluent_syntax::serializer::serialize(&resource);
        let parsed = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, e)| panic!("{text:?} does not parse: {e:?}"));
        let Entry::Message(m) = &parsed.body[0] else {
            panic!("{text:?} parsed as {:?}", parsed.body)
        };
        from_fluent(m.value.as_ref().unwrap()).unwrap()
    }

    #[test]
    fn markdown_specials_survive() {
        for s in [
            "",
            " ",
            "\n",
            "a\n",
            "\na",
            "a\n\nb",
            "  lead and trail  ",
            "{ $x } and {braces}",
            "[link]\n*star\n.dot\n}close",
            "line\\\n    indented\n\tTab",
            "crlf\r\nline",
            "quote \" and backslash \\",
            "nul \u{0} bell \u{7}",
        ] {
            let p = Pattern::from(s);
            assert_eq!(round_trip(&p), p, "{s:?}");
        }
    }

    #[test]
    fn placeables_survive_next_to_text() {
        let mut p = Pattern::new();
        p.push_var("code1");
        p.push_text(" run it\n");
        p.push_var("link1");
        p.push_text(" ");
        assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn refuses_message_references_and_functions() {
        for text in [
            "m = { other }\n",
            "m = { F() }\n",
            "m = { -t(1) }\n",
            "m = { -t(c: 1) }\n",
        ] {
            let res = fluent_syntax::parser::parse(text).unwrap();
            let Entry::Message(m) = &res.body[0] else {
                panic!()
            };
            assert!(from_fluent(m.value.as_ref().unwrap()).is_err(), "{text}");
        }
    }

    #[test]
    fn term_references_survive() {
        let text = "m = Use { -product } or { -product(case: \"gen\\\"x\", n: \"one\") }.\n";
        let res = fluent_syntax::parser::parse(text).unwrap();
        let Entry::Message(m) = &res.body[0] else {
            panic!()
        };
        let p = from_fluent(m.value.as_ref().unwrap()).unwrap();
        assert_eq!(p.terms().count(), 2);
        assert_eq!(
            p.to_string(),
            "Use { -product } or { -product(case: \"gen\\\"x\", n: \"one\") }."
        );
        assert_eq!(round_trip(&p), p);
        let mut out = super::super::write::Writer::with_capacity(0);
        write_value(&p, &mut out);
        assert_eq!(
            format!("m ={}\n", out.buffer),
            text,
            "written as the serializer writes it"
        );
    }

    proptest::proptest! {
        #[test]
        fn needs_escape_is_the_char_rule(
            s in "\\PC*|[{}\n\t\r\u{0}-\u{1f}\u{7f}-\u{a0}a中é]*|[a-z \t]{0,90}[{}\n\u{1}\u{7f}\u{80}\u{9f}\u{a0}¢]?[a-z]{0,40}",
        ) {
            let by_char = s.contains(|c: char| matches!(c, '{' | '}' | '\n') || (c.is_control() && c != '\t'));
            proptest::prop_assert_eq!(needs_escape(&s), by_char);
        }

        #[test]
        fn any_text_survives(s in "\\PC*|[ \\t\\n\\r{}\\[\\]*.a\"\\\\\u{3000}\u{a0}]*") {
            let p = Pattern::from(s.as_str());
            proptest::prop_assert_eq!(round_trip(&p), p);
        }

        #[test]
        fn any_mix_survives(parts in proptest::collection::vec(("[ \\t\\n{}\\[*.a-z\\\\]{0,6}", proptest::bool::ANY), 0..8)) {
            let mut p = Pattern::new();
            for (text, var) in &parts {
                p.push_text(text);
                if *var { p.push_var("v1"); }
            }
            proptest::prop_assert_eq!(round_trip(&p), p);
        }
    }
}
