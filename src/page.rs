//! A page: its text, front matter and messages with stable IDs.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::dialect::{COMMONMARK, Dialect, Extensions};
use crate::frontmatter;
use crate::markdown::segment::{Segment, segment_page};
use crate::markdown::{Block, HeadingSite, Occurrence};
use crate::pattern::{Pattern, stable_hash};
pub use crate::text::PageError;

/// What extraction needs to know from the configuration.
#[derive(Clone, Copy, Debug, Default)]
pub struct PageOptions<'a> {
    /// Front matter keys (dotted paths) whose values are translated.
    pub translate: &'a [String],
    /// Text matching this becomes a placeable.
    pub protect: Option<&'a Regex>,
    /// The generator's syntax extensions that are on.
    pub extensions: Extensions,
    /// The site's own prose parameters of shortcodes (`[hugo.shortcodes]`).
    pub prose_parameters: Option<&'a crate::dialect::ProseParameters>,
}

/// A parsed page.
#[derive(Clone, Debug)]
pub struct Page {
    /// The text, without a byte order mark.
    pub text: String,
    /// Whether the file started with a UTF-8 byte order mark.
    pub bom: bool,
    /// The line ending the page uses (`\r\n` if its first line ends so).
    pub eol: &'static str,
    /// The YAML front matter's range in `text`, if any.
    pub yaml: Option<Range<usize>>,
    /// The front matter, parsed (`Null` when there is none).
    pub front_matter: serde_yaml::Value,
    /// The messages, in order of first appearance.
    pub messages: Vec<Message>,
    /// The dialect the page was read in.
    pub dialect: &'static Dialect,
    /// The generator's extensions and settings it was read with.
    pub extensions: Extensions,
    /// Its headings, where the dialect makes ids unique page-wide.
    pub headings: Vec<HeadingSite>,
    /// Problems that did not stop the page (1-based line, text).
    pub warnings: Vec<PageError>,
    /// Identifies the page's bytes and the extraction settings.
    pub fingerprint: u64,
    /// Byte offset of each line's start, for line numbers; computed on
    /// first use (most runs report no line of most pages).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A message: one text a translator translates once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// A Fluent identifier: a few words of the text and a short hash.
    pub id: String,
    /// The text with placeables.
    pub pattern: Pattern,
    /// Notes for translators from `i18n:comment` directives.
    pub notes: Vec<String>,
    /// The source glossary's terms whose text it holds
    /// (`"IoT" is { -iot }`), for translators.
    pub glossary: Vec<String>,
    /// Every place the text occurs, in page order.
    pub occurrences: Vec<Occurrence>,
}

impl Page {
    /// Reads a CommonMark page from its bytes.
    pub fn parse(bytes: &[u8], options: PageOptions<'_>) -> Result<Page, PageError> {
        Page::parse_in(bytes, options, &COMMONMARK)
    }

    /// Reads a page of `dialect` from its bytes.
    pub fn parse_in(
        bytes: &[u8],
        options: PageOptions<'_>,
        dialect: &'static Dialect,
    ) -> Result<Page, PageError> {
        let text = match crate::error::utf8(bytes) {
            Ok(t) => t,
            Err(line) => {
                return Err(PageError {
                    line,
                    message: "the page is not valid UTF-8: save it as UTF-8".into(),
                });
            }
        };
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let first_line = text.find('\n').map_or(text, |i| &text[..=i]);
        let eol = if first_line.ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let split = frontmatter::split(text)?;
        let mut warnings = Vec::new();
        let mut segments = Vec::new();
        let mut yaml = None;
        let mut front_matter = serde_yaml::Value::Null;
        if let Some(split) = &split
            && split.is_yaml
        {
            yaml = Some(split.yaml.clone());
            front_matter = front_matter_segments(
                text,
                split.yaml.clone(),
                options,
                dialect,
                &mut segments,
                &mut warnings,
            )?;
        }
        let body_start = split.as_ref().map_or(0, |s| s.body_start);
        let body = crate::error::guarded(|| {
            segment_page(
                text,
                body_start,
                options.protect,
                dialect,
                options.extensions,
                options
                    .prose_parameters
                    .unwrap_or(&crate::dialect::NO_PROSE_PARAMETERS),
            )
        })
            .map_err(|panic| {
                let what = crate::error::panic_message(&*panic);
                // One line, short: a slicing panic quotes the page's text.
                let mut what: String = what.lines().next().unwrap_or("").chars().take(80).collect();
                if what.ends_with(char::is_whitespace) || what.ends_with('`') {
                    what = what.trim_end_matches([' ', '`']).to_string();
                }
                PageError {
                    line: 1,
                    message: format!(
                        "the Markdown parser crashed somewhere in this page ({what}); \
                         simplify the construct it chokes on (heading attributes in block quotes are a known case) \
                         or mark it with <!-- i18n:skip -->"
                    ),
                }
            })?;
        let (body, headings) = body;
        segments.extend(body);
        Ok(Page {
            dialect,
            extensions: options.extensions,
            headings,
            line_starts: std::sync::OnceLock::new(),
            fingerprint: fingerprint(bytes, options),
            text: text.to_string(),
            bom,
            eol,
            yaml,
            front_matter,
            messages: group(segments),
            warnings,
        })
    }

    /// 1-based line and column of byte `pos` of the page text.
    pub fn line_col(&self, pos: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&start| start <= pos);
        let start = starts[line - 1];
        let end = pos.min(self.text.len());
        (
            line,
            1 + self.text.get(start..end).map_or(0, |s| s.chars().count()),
        )
    }
}

/// A 64-bit FNV-1a hash of a page's bytes and of what else decides its
/// messages (the settings and fluentmark's version): while it is the same,
/// extraction would give the same source catalog.
pub fn fingerprint(bytes: &[u8], options: PageOptions<'_>) -> u64 {
    // Eight bytes at a time (multiply-rotate, as FxHash): a page is hashed
    // on every extract, so this is on the no-change path.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |data: &[u8]| {
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        // The length separates the parts.
        h = (h.rotate_left(5) ^ data.len() as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    };
    eat(env!("CARGO_PKG_VERSION").as_bytes());
    for key in options.translate {
        eat(key.as_bytes());
    }
    eat(options.protect.map_or("", |r| r.as_str()).as_bytes());
    // (All on, the default, adds nothing: fingerprints made before
    // extensions were read stay valid.)
    if options.extensions != Extensions::ALL {
        eat(&options.extensions.0.to_le_bytes());
    }
    if let Some(prose) = options.prose_parameters.filter(|p| !p.is_empty()) {
        eat(format!("{prose:?}").as_bytes());
    }
    eat(bytes);
    h
}

/// 1-based line and column (in characters) of byte `pos` of `text`.
pub fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos.min(text.len())];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + before[line_start..].chars().count())
}

fn front_matter_segments(
    text: &str,
    yaml_range: Range<usize>,
    options: PageOptions<'_>,
    dialect: &Dialect,
    out: &mut Vec<Segment>,
    warnings: &mut Vec<PageError>,
) -> Result<serde_yaml::Value, PageError> {
    let yaml = &text[yaml_range.clone()];
    let value = frontmatter::parse(yaml, 2)?;
    // The configured keys, then the dialect's own (none in CommonMark).
    let dialect_keys: Vec<String> = dialect
        .front_matter_keys
        .iter()
        .filter(|k| !options.translate.iter().any(|t| t == *k))
        .map(|k| k.to_string())
        .collect();
    for key in options.translate.iter().chain(&dialect_keys) {
        let Some(v) = frontmatter::lookup(&value, key) else {
            continue;
        };
        // The key's line, for messages.
        let key_line = frontmatter::locate(yaml, key).map_or(2, |r| {
            1 + text[..yaml_range.start + r.start].matches('\n').count()
        });
        let Some(s) = v.as_str() else {
            if v.is_mapping() || v.is_sequence() {
                warnings.push(PageError {
                    line: key_line,
                    message: format!(
                        "front matter key `{key}` holds a map or a list, not text: \
                         list its text keys in `translate` instead (e.g. `{key}.name`)"
                    ),
                });
            }
            continue;
        };
        let Some(range) = frontmatter::locate(yaml, key) else {
            warnings.push(PageError {
                line: 2,
                message: format!(
                    "front matter key `{key}` is not on a line of its own (flow mapping?), \
                     so it cannot be replaced in place: write it as `{key}: value`"
                ),
            });
            continue;
        };
        let (pattern, values) = text_pattern(s, options.protect);
        if !pattern.has_translatable_text() {
            continue;
        }
        let range = yaml_range.start + range.start..yaml_range.start + range.end;
        out.push(Segment {
            pattern,
            occurrence: Occurrence::new(
                range,
                Block::FrontMatter { key: key.clone() },
                String::new(),
                values,
            ),
            notes: Vec::new(),
        });
    }
    Ok(value)
}

/// A plain-text value (front matter) as a pattern: only protected
/// patterns become placeables.
fn text_pattern(text: &str, protect: Option<&Regex>) -> (Pattern, Vec<(String, String)>) {
    let mut pattern = Pattern::new();
    let mut values = Vec::new();
    let mut pos = 0;
    if let Some(re) = protect {
        for m in re.find_iter(text) {
            pattern.push_text(&text[pos..m.start()]);
            let name = format!("tag{}", values.len() + 1);
            pattern.push_var(&name);
            values.push((name, m.as_str().to_string()));
            pos = m.end();
        }
    }
    pattern.push_text(&text[pos..]);
    (pattern, values)
}

/// Groups identical texts into one message and gives each message its ID.
fn group(segments: Vec<Segment>) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::with_capacity(segments.len());
    // By the texts' stable hash (computed once, for the ID too); equal
    // hashes are told apart by comparing the texts.
    // (The first message of each hash, and from each message the next one
    // with its hash: no vector per message.)
    let mut index: HashMap<u64, usize, BuildHasherDefault<U64Hasher>> =
        HashMap::with_capacity_and_hasher(segments.len(), Default::default());
    let mut next_same: Vec<Option<usize>> = Vec::with_capacity(segments.len());
    let mut hashes: Vec<u64> = Vec::with_capacity(segments.len());
    for s in segments {
        let h = stable_hash(&s.pattern);
        let mut found = None;
        let mut last = None;
        let mut at = index.get(&h).copied();
        while let Some(i) = at {
            if messages[i].pattern == s.pattern {
                found = Some(i);
                break;
            }
            last = Some(i);
            at = next_same[i];
        }
        match found {
            Some(i) => {
                let m = &mut messages[i];
                for note in s.notes {
                    if !m.notes.contains(&note) {
                        m.notes.push(note);
                    }
                }
                m.occurrences.push(s.occurrence);
            }
            None => {
                let key = match &s.occurrence.block {
                    Block::FrontMatter { key } => Some(key.as_str()),
                    _ => None,
                };
                let i = messages.len();
                match last {
                    Some(l) => next_same[l] = Some(i),
                    None => {
                        index.insert(h, i);
                    }
                }
                next_same.push(None);
                hashes.push(h);
                messages.push(Message {
                    id: id_from_hash(&s.pattern, key, h),
                    pattern: s.pattern,
                    notes: s.notes,
                    glossary: Vec::new(),
                    occurrences: vec![s.occurrence],
                });
            }
        }
    }
    number_clashes(&mut messages, &hashes);
    messages
}

/// Two texts with the same words and the same short hash: numbers them in
/// the order of their full hash (`hashes`, one per message), so the result
/// does not depend on page order.
fn number_clashes(messages: &mut [Message], hashes: &[u64]) {
    // (Rare: first collect the IDs seen twice, then their messages.)
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    let mut clashes: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, m) in messages.iter().enumerate() {
        if let Some(&j) = first.get(m.id.as_str()) {
            clashes
                .entry(m.id.as_str())
                .or_insert_with(|| vec![j])
                .push(i);
        } else {
            first.insert(m.id.as_str(), i);
        }
    }
    let mut renames: Vec<(usize, String)> = Vec::new();
    // (The order of the clashes does not matter: each gets its own names.)
    for (_, mut same) in clashes {
        same.sort_by_key(|&i| (hashes[i], messages[i].pattern.to_string()));
        for (n, i) in same.into_iter().enumerate().skip(1) {
            renames.push((i, format!("{}-{}", messages[i].id, n + 1)));
        }
    }
    for (i, id) in renames {
        messages[i].id = id;
    }
}

/// Hashes a `u64` that is already a hash: as it is.
#[derive(Default)]
struct U64Hasher(u64);

impl std::hash::Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A readable, stable Fluent identifier: up to four words of the text (or
/// the front matter key) and 16 bits of the text's hash.
pub fn message_id(pattern: &Pattern, front_matter_key: Option<&str>) -> String {
    id_from_hash(pattern, front_matter_key, stable_hash(pattern))
}

/// Where the next ASCII letter or digit is in `bytes` from `i` (else the
/// end). Text in other scripts has none, and was scanned byte by byte: 32
/// bytes are now looked at together, without a branch.
fn next_alphanumeric(bytes: &[u8], mut i: usize) -> usize {
    let alnum = |b: u8| (b.wrapping_sub(b'0') < 10) | ((b | 0x20).wrapping_sub(b'a') < 26);
    while i + 32 <= bytes.len() && !bytes[i..i + 32].iter().fold(false, |a, &b| a | alnum(b)) {
        i += 32;
    }
    while i < bytes.len() && !alnum(bytes[i]) {
        i += 1;
    }
    i
}

/// [`message_id`] with the pattern's stable hash already computed.
fn id_from_hash(pattern: &Pattern, front_matter_key: Option<&str>, h: u64) -> String {
    // The words of the key, or of the text pieces read as one string (a
    // placeable between two letters does not split a word). Only ASCII
    // letters and digits make words: every byte of any other character is
    // a separator.
    // Bytes, all ASCII: a String checked each pushed char for UTF-8.
    let mut id: Vec<u8> = Vec::with_capacity(40);
    let mut words = 0;
    // Where the word being read starts in `id`.
    let mut word_start = None;
    let mut full = false;
    let end_word = |id: &mut Vec<u8>, word_start: &mut Option<usize>, words: &mut usize| {
        if let Some(start) = word_start.take() {
            // Up to four words, and 32 bytes of words and dashes.
            if *words == 4 || id.len() > 32 {
                id.truncate(start.saturating_sub(usize::from(*words > 0)));
                return true;
            }
            *words += 1;
        }
        false
    };
    let mut feed = |bytes: &[u8], id: &mut Vec<u8>| {
        let mut i = 0;
        while i < bytes.len() && !full {
            let b = bytes[i];
            i += 1;
            if b.is_ascii_alphanumeric() {
                if word_start.is_none() {
                    if words > 0 {
                        id.push(b'-');
                    }
                    word_start = Some(id.len());
                }
                id.push(b.to_ascii_lowercase());
            } else {
                full = end_word(id, &mut word_start, &mut words);
                // Then straight to the next letter or digit (text in other
                // scripts is all separators).
                i = next_alphanumeric(bytes, i);
            }
        }
    };
    match front_matter_key {
        Some(key) => feed(key.as_bytes(), &mut id),
        None => {
            for piece in pattern.pieces() {
                if let crate::pattern::Piece::Text(t) = piece {
                    feed(t.as_bytes(), &mut id);
                }
            }
        }
    }
    feed(b" ", &mut id);
    if id.is_empty() {
        id.extend_from_slice(b"text");
    } else if !id[0].is_ascii_alphabetic() {
        id.insert(0, b'n');
    }
    let short = (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) & 0xffff;
    // (Written by hand: `format!` with `{:04x}` cost more than the rest of
    // the ID.)
    id.push(b'-');
    for shift in [12, 8, 4, 0] {
        id.push(b"0123456789abcdef"[((short >> shift) & 0xf) as usize]);
    }
    String::from_utf8(id).expect("an ID is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The chunked search finds the byte the plain loop finds.
        #[test]
        fn next_alphanumeric_is_the_plain_loop(
            text in "[中é .,:/@\\[`{~-]{0,40}[a-zA-Z0-9]?[^a-zA-Z0-9]{0,40}",
            from in 0usize..100,
        ) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let plain = (from..bytes.len())
                .find(|&i| bytes[i].is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            prop_assert_eq!(next_alphanumeric(bytes, from), plain);
        }
    }
}
