//! Segmentation: a Markdown page body becomes a list of messages.
//!
//! pulldown-cmark's offset iterator gives each event's byte range. A message
//! is a maximal run of inline events inside one block; its text is the
//! source bytes of that run (so entities, escapes and emphasis stay as
//! written) with three kinds of replacement:
//!
//! - placeables for what translators must not change: code spans, link and
//!   image destinations, reference labels, autolinks, protected patterns;
//! - line breaks: a soft break and the next line's container prefix become
//!   one space (re-wrapping the source does not change the message), a hard
//!   break becomes `\` + newline;
//! - nothing else: every other byte is kept.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
use regex::Regex;

use std::collections::HashSet;

use super::{Block, HeadingSite, Occurrence, dialect_parser_options, find_eol, rfind_eol};
/// (Where callers have always found it: CommonMark's heading ids.)
pub use crate::dialect::commonmark::slug;
use crate::dialect::{Dialect, ExplicitIds, Extensions, OwnText, ProseParameters, TextInTag};
use crate::pattern::Pattern;

/// A message found in the page, before IDs are given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The message text with placeables.
    pub pattern: Pattern,
    /// Where it sits and the placeables' values there.
    pub occurrence: Occurrence,
    /// Notes for translators from `<!-- i18n:comment ... -->` directives.
    pub notes: Vec<String>,
}

/// Splits `body` (which starts at byte `base` of `page`) into messages,
/// as `dialect` reads it. Ranges in the result are positions in `page`.
pub fn segment(
    page: &str,
    base: usize,
    protect: Option<&Regex>,
    dialect: &'static Dialect,
) -> Vec<Segment> {
    segment_with(page, base, protect, dialect, Extensions::ALL)
}

/// [`segment`], with the generator's `extensions` that are on.
pub fn segment_with(
    page: &str,
    base: usize,
    protect: Option<&Regex>,
    dialect: &'static Dialect,
    extensions: Extensions,
) -> Vec<Segment> {
    segment_page(
        page,
        base,
        protect,
        dialect,
        extensions,
        &crate::dialect::NO_PROSE_PARAMETERS,
    )
    .0
}

/// [`segment_with`], with the page's headings (for dialects that make
/// ids unique page-wide; none otherwise).
pub fn segment_page(
    page: &str,
    base: usize,
    protect: Option<&Regex>,
    dialect: &'static Dialect,
    extensions: Extensions,
    prose: &ProseParameters,
) -> (Vec<Segment>, Vec<HeadingSite>) {
    let prepared = dialect
        .prepare
        .map(|prepare| prepare(page, base, extensions, prose))
        .unwrap_or_default();
    // The parser reads the page with the generator's own block markup
    // masked (the same length, so its offsets are the page's); messages are
    // cut from the page itself.
    let parsed = prepared.masked.as_deref().unwrap_or(page);
    let mut s = Segmenter::new(page, protect, dialect);
    s.breaks = prepared.breaks;
    s.extensions = extensions;
    s.prose = prose;
    let options = dialect_parser_options(dialect, extensions);
    for (event, range) in Parser::new_ext(&parsed[base..], options).into_offset_iter() {
        s.event(event, range.start + base..range.end + base);
    }
    s.finish_message();
    let sites = s.unique_heading_ids();
    let mut out = s.out;
    if !prepared.texts.is_empty() {
        // (Sorted ranges of the messages found: a text of the generator's
        // syntax inside one, a shortcode in a paragraph, is its text.)
        let ranges: Vec<Range<usize>> = out.iter().map(|s| s.occurrence.range.clone()).collect();
        for text in prepared.texts {
            let i = ranges.partition_point(|r| r.end <= text.range.start);
            if ranges
                .get(i)
                .is_some_and(|r| r.start <= text.range.start && text.range.end <= r.end)
            {
                continue;
            }
            own_text(page, protect, dialect, text, &mut out);
        }
        // (Stable: in page order, as the walk gave them.)
        out.sort_by_key(|seg| seg.occurrence.range.start);
    }
    (out, sites)
}

/// The message(s) of a text of the generator's syntax (a title): its
/// inline Markdown segmented as a paragraph's, written back on one line.
fn own_text(
    page: &str,
    protect: Option<&Regex>,
    dialect: &'static Dialect,
    text: OwnText,
    out: &mut Vec<Segment>,
) {
    if let Some(default) = text.default {
        let mut pattern = Pattern::new();
        pattern.push_text(&default.text);
        out.push(Segment {
            pattern,
            occurrence: Occurrence::new(
                text.range,
                Block::Title {
                    before: default.before,
                    after: default.after,
                },
                String::new(),
                Vec::new(),
            ),
            notes: Vec::new(),
        });
        return;
    }
    let mut s = Segmenter::new(page, protect, dialect);
    let start = text.range.start;
    let quote = text.quote;
    let html = text.html;
    for (event, range) in
        Parser::new_ext(&page[text.range], super::parser_options()).into_offset_iter()
    {
        s.event(event, range.start + start..range.end + start);
    }
    s.finish_message();
    for mut seg in s.out {
        seg.occurrence.block = match quote {
            Some(quote) => Block::Attribute { quote, html },
            None => Block::Title {
                before: "",
                after: "",
            },
        };
        seg.occurrence.prefix.clear();
        out.push(seg);
    }
}

impl<'a> Segmenter<'a> {
    fn new(page: &'a str, protect: Option<&'a Regex>, dialect: &'static Dialect) -> Self {
        Segmenter {
            page,
            protect,
            dialect,
            // With only the dialect's patterns, a text without the bytes they
            // start with has nothing to protect, and no search is started.
            protect_first_bytes: if protect
                .is_some_and(|re| re.as_str() == dialect.default_protect())
            {
                dialect.protect_first_bytes
            } else {
                &[]
            },
            out: Vec::new(),
            blocks: Vec::new(),
            current: None,
            pending_skip: false,
            skip_below: None,
            pending_notes: Vec::new(),
            html: String::new(),
            attrs_at: None,
            headings: Vec::new(),
            explicit_ids: HashSet::new(),
            breaks: Vec::new(),
            extensions: Extensions::ALL,
            prose: &crate::dialect::NO_PROSE_PARAMETERS,
            heading_start: 0,
            heading_explicit_id: None,
        }
    }

    /// Makes the headings' ids unique as the generator does (explicit ids
    /// reserved first, or passed by, as the dialect says), if it does;
    /// returns the headings.
    fn unique_heading_ids(&mut self) -> Vec<HeadingSite> {
        let Some(unique) = self.dialect.unique_id else {
            return Vec::new();
        };
        let mode = self.dialect.explicit_ids;
        let mut used = if mode == ExplicitIds::Reserved {
            std::mem::take(&mut self.explicit_ids)
        } else {
            HashSet::new()
        };
        let mut sites = Vec::with_capacity(self.headings.len());
        for mut site in std::mem::take(&mut self.headings) {
            if !site.explicit {
                site.id = unique(site.base.clone(), &mut used);
            } else if mode == ExplicitIds::InOrder {
                used.insert(site.id.clone());
            }
            if let Some(seg) = site.message_at.and_then(|i| self.out.get_mut(i)) {
                if let Block::Heading { slug, tail, .. } = &mut seg.occurrence.block {
                    if !site.explicit {
                        *slug = site.id.clone();
                    }
                    site.tail = tail.clone();
                }
                site.message_at = Some(seg.occurrence.range.start);
            }
            sites.push(site);
        }
        sites
    }
}

/// A block the walk is inside of.
struct Frame {
    kind: FrameKind,
    heading_text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Paragraph,
    Heading {
        has_id: bool,
    },
    TableCell,
    /// A definition list's term: each of its lines is a term of its own.
    Term,
    /// Item, block quote, footnote definition... inline text directly in one
    /// is treated like a paragraph.
    Other,
    /// Code blocks, HTML blocks, metadata: nothing to translate.
    Opaque,
}

struct Segmenter<'a> {
    page: &'a str,
    protect: Option<&'a Regex>,
    dialect: &'static Dialect,
    /// The bytes every protected pattern starts with, if known.
    protect_first_bytes: &'static [u8],
    out: Vec<Segment>,
    blocks: Vec<Frame>,
    current: Option<Builder>,
    /// An `i18n:skip` directive waits for the next block.
    pending_skip: bool,
    /// Skipping every message while the block stack is deeper than this.
    skip_below: Option<usize>,
    pending_notes: Vec<String>,
    /// The HTML block being read (it arrives line by line).
    html: String,
    /// In a heading with an attribute block, where its `{` is. (Headings
    /// hold no blocks: the heading's end clears it.)
    attrs_at: Option<usize>,
    /// Each heading, in order (`message_at`: its message's index in
    /// `out`, until the ids are made unique).
    headings: Vec<HeadingSite>,
    /// Where the heading being closed starts.
    heading_start: usize,
    /// The explicit id of the heading being read, if it has one.
    heading_explicit_id: Option<String>,
    /// The headings' explicit ids.
    explicit_ids: HashSet<String>,
    /// Where the generator starts a new paragraph that CommonMark would
    /// read as a continuation line (sorted; see [`crate::dialect::Prepared`]).
    breaks: Vec<usize>,
    /// The generator's extensions that are on.
    extensions: Extensions,
    /// The site's own prose parameters.
    prose: &'a ProseParameters,
}

/// A message being collected.
struct Builder {
    start: usize,
    end: usize,
    specials: Vec<Special>,
    links: Vec<LinkFrame>,
    block: FrameKind,
    /// Where the text of each line after a line break starts, as the parser
    /// says (after the container prefix and indentation). A `>` there is
    /// text, not a quote marker.
    line_starts: Vec<usize>,
    /// The last event was a line break: the next one starts a line.
    after_break: bool,
    /// Where the last soft line break starts.
    break_start: usize,
}

struct LinkFrame {
    range: Range<usize>,
    image: bool,
    link_type: LinkType,
    /// End of the last event inside the link text.
    inner_end: usize,
}

/// A source range replaced in the message text.
struct Special {
    range: Range<usize>,
    with: With,
}

/// What replaces a special: one piece, or three (a reference label
/// written out). Not a Vec: one allocation per special showed in profiles.
enum With {
    One(Rep),
    Three([Rep; 3]),
}

impl With {
    fn reps(&self) -> &[Rep] {
        match self {
            With::One(rep) => std::slice::from_ref(rep),
            With::Three(reps) => reps,
        }
    }
}

enum Rep {
    Text(&'static str),
    /// Source text kept as it is, line breaks included.
    Raw(String),
    /// A placeable of a kind (`code`, `link`...) with where its value is.
    Var(&'static str, Range<usize>),
}

impl Segmenter<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        // pulldown-cmark 0.13 gives a setext heading whose attribute block
        // opens with `\{` the block as attributes and also the text after
        // the `{` as content (an ATX heading gets the attributes only).
        // That text is the attribute block: it stays skeleton.
        if let Some(p) = self.attrs_at
            && range.start >= p
        {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Html(html) => {
                self.finish_message();
                self.html.push_str(&html);
            }
            Event::Rule | Event::TaskListMarker(_) => self.finish_message(),
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_) => self.inline_event(event, range),
        }
    }

    /// A tag opens: an inline element, a link, or a block.
    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript => {
                self.inline(range);
            }
            Tag::Link {
                link_type,
                dest_url: _,
                title: _,
                id: _,
            } => self.open_link(range, link_type, false),
            Tag::Image { link_type, .. } => self.open_link(range, link_type, true),
            Tag::Paragraph => self.open_block(FrameKind::Paragraph),
            Tag::Heading {
                id, classes, attrs, ..
            } => {
                let has_attrs = id.is_some() || !classes.is_empty() || !attrs.is_empty();
                if let Some(id) = &id
                    && self.dialect.unique_id.is_some()
                {
                    self.explicit_ids.insert(id.to_string());
                    self.heading_explicit_id = Some(id.to_string());
                }
                self.open_block(FrameKind::Heading {
                    has_id: id.is_some(),
                });
                if has_attrs {
                    self.attrs_at = attribute_block_start(self.page, range);
                }
            }
            Tag::TableCell => self.open_block(FrameKind::TableCell),
            Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                self.open_block(FrameKind::Opaque)
            }
            Tag::DefinitionListTitle => self.open_block(FrameKind::Term),
            _ => self.open_block(FrameKind::Other),
        }
    }

    /// A tag closes: an inline element, a link, or a block.
    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.inline(range);
            }
            TagEnd::Link | TagEnd::Image => self.close_link(range),
            TagEnd::Heading(_) => {
                self.heading_start = range.start;
                self.close_block();
            }
            _ => self.close_block(),
        }
    }

    /// Text, code, math, inline HTML, breaks, footnote references: part of
    /// the message being collected.
    fn inline_event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Text(text) => {
                self.heading_text(&text);
                self.inline(range);
            }
            Event::Code(code) => {
                self.heading_text(&code);
                if let Some(b) = self.inline(range.clone()) {
                    b.var(range, "code");
                }
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some(b) = self.inline(range.clone()) {
                    b.var(range, "math");
                }
            }
            Event::InlineHtml(_) => {
                let page = self.page;
                if let Some(b) = self.inline(range.clone()) {
                    // A tag keeps its line breaks: joining its lines could
                    // turn it into an HTML block where it lands.
                    let raw = &page[range.clone()];
                    if find_eol(raw).is_some() {
                        b.specials.push(Special {
                            range,
                            with: With::One(Rep::Raw(normalize_value(raw, usize::MAX))),
                        });
                    }
                }
            }
            Event::SoftBreak
                if self
                    .blocks
                    .last()
                    .is_some_and(|f| f.kind == FrameKind::Term) =>
            {
                self.finish_message();
            }
            Event::SoftBreak => {
                self.heading_text(&CowStr::Borrowed(" "));
                let start = range.start;
                if let Some(b) = self.inline(range) {
                    b.after_break = true;
                    b.break_start = start;
                }
            }
            // A backslash before a line break is a backslash where the
            // generator breaks lines only at trailing spaces: text, then a
            // soft break.
            Event::HardBreak
                if self.dialect.hard_break.is_some()
                    && self.page.as_bytes().get(range.start) == Some(&b'\\') =>
            {
                self.heading_text(&CowStr::Borrowed(" "));
                let start = range.start;
                if let Some(b) = self.inline(range) {
                    b.after_break = true;
                    b.break_start = start;
                }
            }
            Event::HardBreak => {
                self.heading_text(&CowStr::Borrowed(" "));
                if let Some(b) = self.inline(range.clone()) {
                    b.specials.push(Special {
                        range,
                        with: With::One(Rep::Text(HARD_BREAK)),
                    });
                    b.after_break = true;
                }
            }
            Event::FootnoteReference(_) => {
                self.inline(range);
            }
            // Block events: `event` handles them, they never come here.
            _ => {}
        }
    }

    fn heading_text(&mut self, text: &CowStr<'_>) {
        if let Some(frame) = self.blocks.last_mut()
            && matches!(frame.kind, FrameKind::Heading { .. })
        {
            frame.heading_text.push_str(text);
        }
    }

    fn open_block(&mut self, kind: FrameKind) {
        self.finish_message();
        if self.pending_skip && kind != FrameKind::Opaque {
            self.pending_skip = false;
            if self.skip_below.is_none() {
                self.skip_below = Some(self.blocks.len());
            }
        }
        self.blocks.push(Frame {
            kind,
            heading_text: String::new(),
        });
    }

    fn close_block(&mut self) {
        let before = self.out.len();
        self.finish_message();
        if self.dialect.unique_id.is_some()
            && let Some(frame) = self.blocks.last()
            && let FrameKind::Heading { has_id } = frame.kind
        {
            let base = self
                .dialect
                .heading_id_with(&frame.heading_text, self.extensions);
            // Where an id can be added: after an ATX heading's line.
            let from = self.heading_start.min(self.page.len());
            let line_end = find_eol(&self.page[from..]).map_or(self.page.len(), |i| from + i);
            let line = &self.page[from..line_end];
            let insert_at = line
                .trim_start()
                .starts_with('#')
                .then_some(from + line.trim_end().len());
            let explicit_id = self.heading_explicit_id.take();
            self.headings.push(HeadingSite {
                id: explicit_id.unwrap_or_else(|| base.clone()),
                base,
                explicit: has_id,
                message_at: (self.out.len() > before).then_some(before),
                tail: String::new(),
                insert_at,
            });
        }
        if !self.html.is_empty() {
            let html = std::mem::take(&mut self.html);
            self.directives(&html);
        }
        self.blocks.pop();
        self.attrs_at = None;
        if self.skip_below == Some(self.blocks.len()) {
            self.skip_below = None;
        }
    }

    fn directives(&mut self, html: &str) {
        for comment in html.split("<!--").skip(1) {
            let inner = comment.split("-->").next().unwrap_or("").trim();
            if let Some(rest) = inner.strip_prefix("i18n:") {
                if rest.trim() == "skip" {
                    self.pending_skip = true;
                } else if let Some(note) = rest.strip_prefix("comment") {
                    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !note.is_empty() {
                        self.pending_notes.push(note);
                    }
                }
            }
        }
    }

    /// Notes an inline event; opens a message if none is open. Returns the
    /// open message, or `None` where text is not translatable.
    fn inline(&mut self, range: Range<usize>) -> Option<&mut Builder> {
        let block = self.blocks.last().map_or(FrameKind::Other, |f| f.kind);
        if block == FrameKind::Opaque || self.skip_below.is_some() {
            return None;
        }
        // A line the generator starts a new paragraph with ends the message
        // at the line break before it.
        if let Some(b) = self.current.as_mut()
            && b.after_break
            && b.links.is_empty()
            && !self.breaks.is_empty()
        {
            let i = self.breaks.partition_point(|&x| x <= b.break_start);
            if self.breaks.get(i).is_some_and(|&x| x <= range.start) {
                b.end = b.break_start;
                b.after_break = false;
                self.finish_message();
            }
        }
        let b = self.current.get_or_insert_with(|| Builder {
            start: range.start,
            end: range.end,
            specials: Vec::new(),
            links: Vec::new(),
            block,
            line_starts: Vec::new(),
            after_break: false,
            break_start: 0,
        });
        if std::mem::take(&mut b.after_break) {
            b.line_starts.push(range.start);
        }
        b.end = b.end.max(range.end);
        if let Some(link) = b.links.last_mut() {
            link.inner_end = link.inner_end.max(range.end);
        }
        Some(b)
    }

    fn open_link(&mut self, range: Range<usize>, link_type: LinkType, image: bool) {
        let start = range.start;
        if let Some(b) = self.inline(range.clone()) {
            let text_start = start + if image { 2 } else { 1 };
            b.links.push(LinkFrame {
                range,
                image,
                link_type,
                inner_end: text_start,
            });
        }
    }

    fn close_link(&mut self, range: Range<usize>) {
        let page = self.page;
        let Some(b) = self.current.as_mut() else {
            return;
        };
        if let Some(link) = b.links.pop() {
            b.link_specials(&link, page);
        }
        b.end = b.end.max(range.end);
        if let Some(parent) = b.links.last_mut() {
            parent.inner_end = parent.inner_end.max(range.end);
        }
    }

    fn finish_message(&mut self) {
        let Some(mut b) = self.current.take() else {
            return;
        };
        let frame = self.blocks.last();
        // (An inline element that opened before the attribute block may end
        // in it.)
        if let Some(p) = self.attrs_at {
            b.end = b.end.min(p);
        }
        let block = match b.block {
            FrameKind::Heading { has_id } => {
                let line_start = rfind_eol(&self.page[..b.start]).map_or(0, |i| i + 1);
                let setext = !self.page[line_start..b.start].trim_start().starts_with('#');
                // After a lone CR, pulldown-cmark reads the rest of an ATX
                // heading as its text, links and all, where CommonMark
                // starts a new line: its link targets would be text for
                // the translator to change. Not a message.
                if !setext && has_lone_cr(&self.page[b.start..b.end]) {
                    self.pending_notes.clear();
                    return;
                }
                Block::Heading {
                    setext,
                    has_id,
                    tail: String::new(),
                    slug: self.dialect.heading_id_with(
                        frame.map_or("", |f| f.heading_text.as_str()),
                        self.extensions,
                    ),
                    dialect: self.dialect,
                }
            }
            FrameKind::TableCell => Block::TableCell,
            _ => Block::Paragraph,
        };
        let page = self.page;
        let text = &page.as_bytes()[b.start..b.end];
        let protect = self.protect.filter(|_| match *self.protect_first_bytes {
            [first] => memchr::memchr(first, text).is_some(),
            [first, second] => memchr::memchr2(first, second, text).is_some(),
            _ => true,
        });
        let text_in_tag = self.dialect.text_in_tag.map(|f| (f, self.prose));
        if let Some(segment) = b.build(page, block, protect, text_in_tag) {
            let mut segment = segment;
            segment.notes = std::mem::take(&mut self.pending_notes);
            self.out.push(segment);
        }
    }
}

/// Whether `text` has a CR that is not followed by a LF.
fn has_lone_cr(text: &str) -> bool {
    memchr::memchr_iter(b'\r', text.as_bytes()).any(|i| text.as_bytes().get(i + 1) != Some(&b'\n'))
}

/// Where the attribute block of the heading at `range` opens (its `{`), by
/// pulldown-cmark's rule: the last line of the heading's text ends with
/// `}`, and scanning back from it over anything but `{}<>\` and line
/// breaks meets `{`. (A setext heading's text is the lines above its
/// underline.)
fn attribute_block_start(page: &str, range: Range<usize>) -> Option<usize> {
    let heading = &page[range.clone()];
    let trimmed = heading.trim_end_matches(['\n', '\r', ' ', '\t']);
    let atx = heading.trim_start_matches([' ', '\t']).starts_with('#');
    let text = if atx {
        trimmed
    } else {
        // Without the underline's line.
        &trimmed[..rfind_eol(trimmed)?]
    };
    let text = text.trim_end_matches(['\n', '\r', ' ', '\t']);
    let inner = text.strip_suffix('}')?;
    let open = inner.rfind(['{', '}', '<', '>', '\\', '\n', '\r'])?;
    (inner.as_bytes()[open] == b'{').then_some(range.start + open)
}

impl Builder {
    fn var(&mut self, range: Range<usize>, kind: &'static str) {
        self.specials.push(Special {
            range: range.clone(),
            with: With::One(Rep::Var(kind, range)),
        });
    }

    /// Placeables for a link's destination or reference label.
    fn link_specials(&mut self, link: &LinkFrame, page: &str) {
        let bytes = page.as_bytes();
        let end = link.range.end;
        if matches!(link.link_type, LinkType::Autolink | LinkType::Email) {
            self.var(link.range.clone(), "url");
            return;
        }
        let Some(close) = closing_bracket(bytes, link.inner_end, end) else {
            return;
        };
        let kind = if link.image { "img" } else { "link" };
        let text_start = link.range.start + if link.image { 2 } else { 1 };
        match link.link_type {
            LinkType::Inline => {
                if bytes.get(close + 1) != Some(&b'(') {
                    return;
                }
                let start = skip_blank(bytes, close + 2, end);
                let dest_end = destination_end(bytes, start, end);
                if dest_end > start {
                    self.var(start..dest_end, kind);
                }
            }
            LinkType::Reference if end >= close + 3 => {
                self.var(close + 2..end - 1, "ref");
            }
            LinkType::Collapsed | LinkType::Shortcut => {
                // `[text][]` and `[text]` name their definition by their
                // text: once the text is translated, the label must be
                // written out (`[texte][text]`). pulldown-cmark's range of
                // a collapsed reference stops before its `[]`.
                let tail_end = if page[close + 1..].starts_with("[]") {
                    close + 3
                } else {
                    close + 1
                };
                self.end = self.end.max(tail_end);
                self.specials.push(Special {
                    range: close + 1..tail_end,
                    with: With::Three([
                        Rep::Text("["),
                        Rep::Var("ref", text_start..close),
                        Rep::Text("]"),
                    ]),
                });
            }
            _ => {}
        }
    }

    fn build(
        mut self,
        page: &str,
        block: Block,
        protect: Option<&Regex>,
        text_in_tag: Option<(TextInTag, &ProseParameters)>,
    ) -> Option<Segment> {
        let bytes = page.as_bytes();
        // A backslash escape at the very start is not covered by the text
        // event that follows it.
        if self.start > 0 && bytes[self.start - 1] == b'\\' {
            self.start -= 1;
        }
        let line_breaks = match protect {
            Some(re) => self.protected(page, re, text_in_tag)?,
            None => Vec::new(),
        };
        // Outermost first; a special inside or across an earlier one loses.
        self.specials.sort_by_key(|s| {
            (
                s.range.start,
                !s.range.is_empty(),
                std::cmp::Reverse(s.range.end),
            )
        });
        // A table cell is one line: a translation never continues it. (Its
        // prefix would be the row up to the cell, as blanks: a row of 40,000
        // cells held 40,000 of them, quadratic in the width.)
        let prefix = if matches!(block, Block::TableCell) {
            String::new()
        } else {
            continuation_prefix(page, self.start)
        };
        let (pattern, values) = self.pattern(page, &line_breaks, prefix.len());
        if !pattern.has_translatable_text() {
            return None;
        }
        let mut block = block;
        let mut end = self.end;
        if let Block::Heading { tail, .. } = &mut block {
            // A closing `##` and an attribute block are kept, after the text.
            let line_end = find_eol(&page[end..]).map_or(page.len(), |i| end + i);
            *tail = page[end..line_end].trim_end().to_string();
            end += tail.len();
        }
        Some(Segment {
            pattern,
            occurrence: Occurrence::new(self.start..end, block, prefix, values),
            notes: Vec::new(),
        })
    }

    /// Protected patterns become placeables; one alone on its line (a Hugo
    /// shortcode or a Liquid tag wrapping the text) is skeleton at the
    /// edges of the message and keeps its line breaks inside it. Returns
    /// those line breaks, sorted, or `None` if nothing but such tags is
    /// left of the message.
    fn protected(
        &mut self,
        page: &str,
        re: &Regex,
        text_in_tag: Option<(TextInTag, &ProseParameters)>,
    ) -> Option<Vec<usize>> {
        // A match whose first character is escaped (`\{`) is text.
        let bytes = page.as_bytes();
        let escaped = |at: usize| {
            bytes[..at]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count()
                % 2
                == 1
        };
        let mut tags: Vec<Range<usize>> = re
            .find_iter(&page[self.start..self.end])
            .map(|m| self.start + m.start()..self.start + m.end())
            .filter(|t| !escaped(t.start))
            .collect();
        // (Taken from the front by an index: one shortcode per line for
        // thousands of lines made `remove(0)` quadratic.)
        let mut skipped = 0;
        while let Some(first) = tags
            .get(skipped)
            .filter(|t| t.start == self.start && ends_line(page, t.end))
        {
            let next = next_line_content(page, first.end);
            if next >= self.end {
                return None;
            }
            self.start = next;
            skipped += 1;
        }
        tags.drain(..skipped);
        while let Some(last) = tags
            .last()
            .filter(|t| t.end == self.end && starts_line(page, t.start))
        {
            let prev = prev_line_content_end(page, last.start)?;
            if prev <= self.start {
                return None;
            }
            self.end = prev;
            tags.pop();
        }
        let mut line_breaks: Vec<usize> = Vec::new();
        for t in tags {
            if starts_line(page, t.start) && ends_line(page, t.end) {
                if let Some(i) = page[..t.start].rfind('\n') {
                    line_breaks.push(i);
                }
                if let Some(i) = page[t.end..].find('\n') {
                    line_breaks.push(t.end + i);
                }
            }
            // Prose inside a protected tag (a JSX `title="…"`) is text:
            // the tag is cut into placeables around it.
            let mut from = t.start;
            for inner in text_in_tag
                .map(|(f, prose)| f(&page[t.clone()], prose))
                .unwrap_or_default()
            {
                self.var(from..t.start + inner.start, "tag");
                from = t.start + inner.end;
            }
            self.var(from..t.end, "tag");
        }
        // Sorted already (tags come in order), unless a line ends in a lone
        // `\r`; `push_gap` looks them up by halves.
        line_breaks.sort_unstable();
        Some(line_breaks)
    }

    /// The message text: the source between the specials, each special
    /// replaced (placeables numbered by kind, their values with the
    /// continuation prefix of `prefix_len` bytes taken out).
    fn pattern(
        &self,
        page: &str,
        line_breaks: &[usize],
        prefix_len: usize,
    ) -> (Pattern, Vec<(String, String)>) {
        // Sized once: texts merge, so at most a placeable and a text per
        // special, and a text at the end.
        let mut pattern = Pattern::with_capacity(2 * self.specials.len() + 1);
        let mut values: Vec<(String, String)> = Vec::with_capacity(self.specials.len());
        let mut counters: Vec<(&'static str, usize)> = Vec::new();
        let mut pos = self.start;
        for special in &self.specials {
            if special.range.start < pos || special.range.end > self.end {
                continue;
            }
            push_gap(
                &mut pattern,
                page,
                pos,
                special.range.start,
                line_breaks,
                &self.line_starts,
            );
            for rep in special.with.reps() {
                match rep {
                    Rep::Text(t) => {
                        // A hard break is written `\` + line break. After a
                        // literal backslash (`a \` and trailing spaces in the
                        // source) that backslash would escape ours and the
                        // break would be lost: escape it first.
                        if *t == HARD_BREAK && ends_with_odd_backslashes(&pattern) {
                            pattern.push_text("\\");
                        }
                        pattern.push_text(t)
                    }
                    Rep::Raw(t) => pattern.push_text(t),
                    Rep::Var(kind, value) => {
                        let name = next_name(&mut counters, kind);
                        pattern.push_var(&name);
                        values.push((name, normalize_value(&page[value.clone()], prefix_len)));
                    }
                }
            }
            pos = special.range.end;
        }
        push_gap(
            &mut pattern,
            page,
            pos,
            self.end,
            line_breaks,
            &self.line_starts,
        );
        (pattern, values)
    }
}

/// The next placeable name of a kind: `code1`, `code2`…
fn next_name(counters: &mut Vec<(&'static str, usize)>, kind: &'static str) -> String {
    let n = match counters.iter_mut().find(|(k, _)| *k == kind) {
        Some((_, n)) => {
            *n += 1;
            *n
        }
        None => {
            counters.push((kind, 1));
            1
        }
    };
    let mut name = String::with_capacity(kind.len() + 2);
    name.push_str(kind);
    push_number(&mut name, n);
    name
}

/// How a message writes a hard line break.
const HARD_BREAK: &str = "\\\n";

/// Whether the text at the end of `pattern` ends with an odd run of
/// backslashes: its last backslash escapes whatever comes next.
fn ends_with_odd_backslashes(pattern: &Pattern) -> bool {
    match pattern.pieces().last() {
        Some(crate::pattern::Piece::Text(t)) => {
            t.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
        }
        _ => false,
    }
}

/// Whether only blanks follow `pos` on its line. (It looks no further than
/// the first character that is not blank: asked for each of thousands of
/// shortcodes on one line, reading to the line's end was quadratic.)
fn ends_line(page: &str, pos: usize) -> bool {
    page[pos..]
        .chars()
        .find(|&c| !c.is_whitespace() || matches!(c, '\n' | '\r'))
        .is_none_or(|c| matches!(c, '\n' | '\r'))
}

/// Whether only the container prefix precedes `pos` on its line. (Read
/// backwards, up to the first byte that is not: see [`ends_line`].)
fn starts_line(page: &str, pos: usize) -> bool {
    page.as_bytes()[..pos]
        .iter()
        .rev()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'>'))
        .is_none_or(|&b| matches!(b, b'\n' | b'\r'))
}

/// The first content byte of the line after the one holding `pos`.
fn next_line_content(page: &str, pos: usize) -> usize {
    let Some(i) = page[pos..].find('\n') else {
        return page.len();
    };
    let start = pos + i + 1;
    start + (page[start..].len() - page[start..].trim_start_matches([' ', '\t', '>']).len())
}

/// The end of the content of the line before the one holding `pos`.
fn prev_line_content_end(page: &str, pos: usize) -> Option<usize> {
    let line_start = page[..pos].rfind('\n')?;
    Some(page[..line_start].trim_end_matches([' ', '\t', '\r']).len())
}

/// Copies source bytes into the pattern, turning each line break (with the
/// blanks before it and the container prefix after it) into one space, or
/// into a line break at the positions in `keep` (sorted). `starts` are
/// where the parser says lines' text starts (see [`text_start`]).
fn push_gap(
    pattern: &mut Pattern,
    page: &str,
    from: usize,
    to: usize,
    keep: &[usize],
    starts: &[usize],
) {
    if from >= to {
        return;
    }
    let text = &page[from..to];
    let starts_line = from > 0 && matches!(page.as_bytes()[from - 1], b'\n' | b'\r');
    // Most gaps are one line's text: copied as they are.
    if find_eol(text).is_none() && !starts_line {
        pattern.push_text(text);
        return;
    }
    let mut rest = text;
    // A gap that starts a line begins with the container prefix.
    if starts_line {
        rest = &page[text_start(page, from, to, starts)..to];
    }
    let mut out = String::with_capacity(rest.len());
    while let Some(i) = find_eol(rest) {
        let line = &rest[..i];
        out.push_str(line.trim_end_matches([' ', '\t']));
        // A `<` still open at the line's end (`<foo` + newline + `bar>`) is
        // not a destination or a tag; a space would make it one.
        let open_angle = memchr::memrchr(b'<', line.as_bytes())
            .is_some_and(|j| memchr::memchr(b'>', &line.as_bytes()[j..]).is_none());
        let at = to - rest.len() + i;
        let newline_at = if page[at..].starts_with("\r\n") {
            at + 1
        } else {
            at
        };
        out.push(if open_angle || keep.binary_search(&newline_at).is_ok() {
            '\n'
        } else {
            ' '
        });
        let next_line = to - rest[i..].trim_start_matches(['\n', '\r']).len();
        rest = &page[text_start(page, next_line, to, starts)..to];
    }
    out.push_str(rest);
    pattern.push_text(&out);
}

/// Where the text of the line that starts at `line_start` begins (at most
/// `to`): after the container prefix and indentation (blanks and `>`), but
/// not past where the parser's first event on that line starts, if one is
/// known (`starts`, sorted). A `>` that indentation keeps from opening a
/// quote is text; an escaping `\` before the event is text too.
fn text_start(page: &str, line_start: usize, to: usize, starts: &[usize]) -> usize {
    let line = &page[line_start..to];
    let trimmed = to - line.trim_start_matches([' ', '\t', '>']).len();
    let i = starts.partition_point(|&s| s < line_start);
    match starts.get(i) {
        Some(&s) if s < trimmed && find_eol(&page[line_start..s]).is_none() => s,
        _ => trimmed,
    }
}

/// A placeable's value with each line break and the container prefix after
/// it (up to `prefix` bytes of blanks and `>`) reduced to `\n`, so that it
/// can be written back under any prefix. Indentation past the prefix is
/// kept: inside a code span it is part of the code.
fn normalize_value(raw: &str, prefix: usize) -> String {
    if find_eol(raw).is_none() {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = find_eol(rest) {
        out.push_str(&rest[..i]);
        out.push('\n');
        let after = if rest[i..].starts_with("\r\n") {
            i + 2
        } else {
            i + 1
        };
        rest = &rest[after..];
        let strip = rest
            .bytes()
            .take(prefix)
            .take_while(|b| matches!(b, b' ' | b'\t' | b'>'))
            .count();
        rest = &rest[strip..];
    }
    out.push_str(rest);
    out
}

/// What a continuation line of the block starting at `start` begins with:
/// the first line up to `start`, list markers turned to spaces.
pub fn continuation_prefix(page: &str, start: usize) -> String {
    let line_start = rfind_eol(&page[..start]).map_or(0, |i| i + 1);
    page[line_start..start]
        .chars()
        .map(|c| {
            if matches!(c, '>' | ' ' | '\t') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// The first unescaped `]` at or after `from`.
fn closing_bracket(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let mut i = from;
    while i < end {
        match bytes[i] {
            b'\\' => i += 2,
            b']' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Skips blanks and line breaks (with the next line's container prefix).
fn skip_blank(bytes: &[u8], mut i: usize, end: usize) -> usize {
    let mut line_start = false;
    while i < end {
        match bytes[i] {
            b' ' | b'\t' => {}
            b'\n' | b'\r' => line_start = true,
            b'>' if line_start => {}
            _ => break,
        }
        i += 1;
    }
    i
}

/// End of a link destination starting at `start` (CommonMark's rules:
/// `<...>`, or a run without blanks with balanced parentheses).
fn destination_end(bytes: &[u8], start: usize, end: usize) -> usize {
    if bytes.get(start) == Some(&b'<') {
        let mut i = start + 1;
        while i < end {
            match bytes[i] {
                b'\\' => i += 2,
                b'>' => return i + 1,
                b'\n' | b'\r' => return start,
                _ => i += 1,
            }
        }
        return start;
    }
    let mut depth = 0usize;
    let mut i = start;
    while i < end {
        match bytes[i] {
            b'\\' if i + 1 < end => i += 2,
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                i += 1;
            }
            b if b <= b' ' => break,
            _ => i += 1,
        }
    }
    i.min(end)
}

/// Appends `n` in decimal, without the formatting machinery (one name per
/// placeable).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::COMMONMARK;

    #[test]
    fn placeables_are_numbered_past_nine() {
        let page: String = (1..=12).map(|i| format!("see `c{i}` ")).collect();
        let segments = segment(&page, 0, None, &COMMONMARK);
        let names: Vec<&str> = segments[0].pattern.vars().collect();
        assert_eq!(names.len(), 12);
        assert_eq!(names[9], "code10");
        assert_eq!(names[11], "code12");
        assert_eq!(push_number_str(0), "0");
        assert_eq!(push_number_str(407), "407");
    }

    fn placeables(toml: &str, page: &str) -> Vec<(String, String)> {
        let project = crate::project::Project::from_toml(std::path::Path::new("."), toml).unwrap();
        segment(page, 0, Some(&project.protect), project.dialect())
            .into_iter()
            .flat_map(|s| s.occurrence.values)
            .collect()
    }

    #[test]
    fn protected_patterns_with_and_without_braces() {
        let defaults = "source_locale = \"en\"\nlocales = [\"fr\"]\n";
        assert_eq!(
            placeables(defaults, "Run {{< cmd >}} now, @x@.\n"),
            [("tag1".to_string(), "{{< cmd >}}".to_string())]
        );
        assert!(placeables(defaults, "Run @x@ now.\n").is_empty());
        // A pattern of the project's own, without a brace, is still found.
        let own = "source_locale = \"en\"\nlocales = [\"fr\"]\nprotect = [\"@[a-z]+@\"]\n";
        assert_eq!(
            placeables(own, "Run @x@ now.\n"),
            [("tag1".to_string(), "@x@".to_string())]
        );
    }

    #[test]
    fn an_atx_heading_with_a_lone_cr_is_not_a_message() {
        // pulldown-cmark: one heading whose text is all of it, link
        // included; CommonMark: a heading, then a paragraph with a link.
        let page = "## a\r[x](https://a.example) b\n\npara\r[y](https://b.example)\n";
        let texts: Vec<String> = segment(page, 0, None, &COMMONMARK)
            .iter()
            .map(|s| s.pattern.to_string())
            .collect();
        assert_eq!(texts, ["para [y]({ $link1 })"]);
    }

    fn push_number_str(n: usize) -> String {
        let mut s = String::new();
        push_number(&mut s, n);
        s
    }
}
