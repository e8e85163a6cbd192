//! What a translation must keep of its source's Markdown: links, images,
//! footnote references, inline HTML tags, and no new block structure.
//! Also what it must never bring: raw HTML the source does not have,
//! `javascript:` links.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::parser_options;

/// The Markdown shape of a message's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markup {
    /// Links.
    pub links: usize,
    /// Images.
    pub images: usize,
    /// Footnote references, by label.
    pub footnotes: BTreeMap<String, usize>,
    /// Inline HTML tags by (lower-case) name, closing tags as `/name`.
    pub html_tags: BTreeMap<String, usize>,
    /// Blocks other than one paragraph (lists, headings, quotes, code...).
    pub blocks: Vec<String>,
    /// Dangerous things: script or event-handler HTML, script URLs.
    pub dangers: Vec<String>,
}

/// Reads the shape of `text` (placeables already filled in).
pub fn markup(text: &str) -> Markup {
    let mut m = Markup::default();
    for event in Parser::new_ext(text, parser_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                m.links += 1;
                check_url(&dest_url, &mut m.dangers);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                m.images += 1;
                check_url(&dest_url, &mut m.dangers);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            ) => {}
            Event::Start(other) => {
                let name = block_name(&other);
                if !m.blocks.iter().any(|b| b == name) {
                    m.blocks.push(name.to_string());
                }
            }
            Event::FootnoteReference(label) => {
                *m.footnotes.entry(label.to_string()).or_default() += 1
            }
            Event::InlineHtml(html) | Event::Html(html) => html_tags(&html, &mut m),
            Event::Rule => m.blocks.push("thematic break".into()),
            _ => {}
        }
    }
    m
}

fn block_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "heading",
        Tag::BlockQuote(_) => "block quote",
        Tag::CodeBlock(_) => "code block",
        Tag::HtmlBlock => "HTML block",
        Tag::List(_) | Tag::Item => "list",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "table",
        Tag::FootnoteDefinition(_) => "footnote definition",
        _ => "block",
    }
}

/// Counts the tags of an HTML fragment and notes dangerous ones.
fn html_tags(html: &str, m: &mut Markup) {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!--") {
            *m.html_tags.entry("!--".into()).or_default() += 1;
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.is_empty() {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inside = &rest[..end];
        if !closing {
            if matches!(
                name.as_str(),
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "style"
                    | "base"
                    | "form"
                    | "meta"
                    | "link"
            ) {
                m.dangers.push(format!("<{name}>"));
            }
            for attr in inside.split(|c: char| c.is_whitespace() || c == '/') {
                if attr.starts_with("on") && attr.contains('=') {
                    m.dangers.push(format!(
                        "event handler `{}`",
                        attr.split('=').next().unwrap_or(attr)
                    ));
                }
            }
            let compact: String = inside.chars().filter(|c| !c.is_whitespace()).collect();
            for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                if compact.contains(scheme) {
                    m.dangers.push(format!("`{scheme}` URL"));
                }
            }
        }
        let key = if closing { format!("/{name}") } else { name };
        *m.html_tags.entry(key).or_default() += 1;
    }
}

fn check_url(url: &str, dangers: &mut Vec<String>) {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:"] {
        if compact.starts_with(scheme) {
            dangers.push(format!("`{scheme}` link"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_dangers() {
        let m = markup("See [a](/x) and ![b](/y)[^1] <kbd>K</kbd>.");
        assert_eq!((m.links, m.images), (1, 1));
        assert_eq!(m.html_tags.get("kbd"), Some(&1));
        assert!(m.blocks.is_empty() && m.dangers.is_empty());
        assert_eq!(markup("- a list").blocks, vec!["list"]);
        assert!(!markup("[x](JaVaScRiPt:alert(1))").dangers.is_empty());
        assert!(!markup("<img src=x OnError=alert(1)>").dangers.is_empty());
        assert!(!markup("<a href=\"java\nscript:x\">").dangers.is_empty());
    }
}
