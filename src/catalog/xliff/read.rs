//! Reading XLIFF 2.0 (with quick-xml) into the PO model: one entry per
//! unit, `msgctxt` `page:ID`, texts in PO's notation (a `<ph>` as
//! `{ $name }`, a `{` as `{ "{" }`). Never panics; an error names its
//! line and what to do.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::FUZZY;
use crate::catalog::po::{Entry, PoError, PoFile, from_po};
use crate::pattern::Piece;

/// The unit being read.
#[derive(Default)]
struct Reading {
    id: String,
    line: usize,
    source: String,
    target: Option<String>,
    target_line: usize,
    state: Option<String>,
    sub_state: Option<String>,
}

/// Which text inline content goes to.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Into {
    #[default]
    Nowhere,
    Source,
    Target,
}

/// Reads an XLIFF 2 document.
pub fn read(text: &str) -> Result<PoFile, PoError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let line_at = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..pos]).count()
    };
    let mut state = State::default();
    loop {
        let at = line_at(reader.buffer_position());
        let event = reader.read_event().map_err(|e| PoError {
            line: line_at(reader.error_position()),
            column: 1,
            message: format!("not well-formed XML ({e}): fix the file, or export again"),
        })?;
        let error = |message: String| PoError {
            line: at,
            column: 1,
            message,
        };
        match event {
            Event::Start(e) | Event::Empty(e) => state.start(&e, at)?,
            Event::End(e) => match e.local_name().into_inner() {
                "source" | "target" => state.into = Into::Nowhere,
                "unit" => {
                    if let Some(u) = state.unit.take() {
                        state.file.entries.push(entry(u, state.page.as_deref()));
                    }
                }
                _ => {}
            },
            Event::Text(t) if state.into != Into::Nowhere => {
                push_text(&mut state.unit, state.into, &t.xml10_content());
            }
            Event::CData(t) if state.into != Into::Nowhere => {
                push_text(&mut state.unit, state.into, &t.xml10_content());
            }
            Event::GeneralRef(r) if state.into != Into::Nowhere => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match &*r {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => {
                            return Err(error(format!(
                                "unknown entity `&{other};`: write the character itself"
                            )));
                        }
                    },
                };
                push_text(&mut state.unit, state.into, &c.to_string());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.root {
        return Err(PoError {
            line: 1,
            column: 1,
            message: "no `<xliff>` element: this is not an XLIFF file".into(),
        });
    }
    Ok(state.file)
}

/// What [`read`] has read so far.
#[derive(Default)]
struct State {
    file: PoFile,
    /// The page of the `<file>` being read.
    page: Option<String>,
    /// The unit being read.
    unit: Option<Reading>,
    /// Where text goes.
    into: Into,
    /// An `<xliff>` element was met.
    root: bool,
}

impl State {
    /// An element starts (or is empty) at line `at`.
    fn start(&mut self, e: &BytesStart<'_>, at: usize) -> Result<(), PoError> {
        let error = |message: String| PoError {
            line: at,
            column: 1,
            message,
        };
        let name = e.local_name().into_inner().to_string();
        match name.as_str() {
            "xliff" => {
                let version = attribute(e, "version", at)?.unwrap_or_default();
                if !version.starts_with("2.") {
                    return Err(error(format!(
                        "XLIFF version `{version}`: fluentmark reads XLIFF 2 (export again with --format xliff)"
                    )));
                }
                self.root = true;
                let language = attribute(e, "trgLang", at)?.unwrap_or_default();
                self.file.header = Some(Entry {
                    msgstr: format!("Language: {language}\n"),
                    line: at,
                    ..Entry::default()
                });
            }
            "file" => self.page = attribute(e, "original", at)?,
            "unit" => {
                let id = attribute(e, "id", at)?.ok_or_else(|| {
                    error("a `<unit>` without `id`: keep the exported ids".into())
                })?;
                self.unit = Some(Reading {
                    id,
                    line: at,
                    ..Reading::default()
                });
            }
            "segment" => {
                if let Some(u) = self.unit.as_mut() {
                    u.state = attribute(e, "state", at)?;
                    u.sub_state = attribute(e, "subState", at)?;
                }
            }
            "source" => self.into = Into::Source,
            "target" => {
                self.into = Into::Target;
                if let Some(u) = self.unit.as_mut() {
                    u.target.get_or_insert_default();
                    if u.target_line == 0 {
                        u.target_line = at;
                    }
                }
            }
            "ph" if self.into != Into::Nowhere => {
                let equiv = attribute(e, "equiv", at)?.unwrap_or_default();
                let var = match from_po(&equiv) {
                    Ok(p) if matches!(p.pieces(), [Piece::Var(_) | Piece::Term(_)]) => equiv,
                    _ => {
                        let id = attribute(e, "id", at)?.unwrap_or_default();
                        format!("{{ ${id} }}")
                    }
                };
                push(&mut self.unit, self.into, &var);
            }
            "cp" if self.into != Into::Nowhere => {
                let hex = attribute(e, "hex", at)?.unwrap_or_default();
                let c = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| error(format!("`<cp hex=\"{hex}\">` is no character")))?;
                push_text(&mut self.unit, self.into, &c.to_string());
            }
            // Markers and paired codes: their text is kept.
            "mrk" | "pc" | "sm" | "em" | "sc" | "ec" if self.into != Into::Nowhere => {}
            _ if self.into != Into::Nowhere => {
                return Err(error(format!(
                    "`<{name}>` inside a text: fluentmark's texts hold only text and `<ph>` placeables"
                )));
            }
            _ => {}
        }
        Ok(())
    }
}

/// A unit as a PO entry.
fn entry(u: Reading, page: Option<&str>) -> Entry {
    let fuzzy = u.sub_state.as_deref() == Some(FUZZY)
        || (u.state.as_deref().is_none_or(|s| s == "initial")
            && u.target.as_ref().is_some_and(|t| !t.is_empty()));
    Entry {
        msgctxt: Some(match page {
            Some(page) => format!("{page}:{}", u.id),
            None => u.id,
        }),
        msgid: u.source,
        msgstr: u.target.unwrap_or_default(),
        flags: if fuzzy { vec!["fuzzy".into()] } else { vec![] },
        line: u.line,
        msgstr_line: if u.target_line > 0 {
            u.target_line
        } else {
            u.line
        },
        ..Entry::default()
    }
}

/// Appends notation (`{ $name }`) to the text being read.
fn push(unit: &mut Option<Reading>, into: Into, notation: &str) {
    let Some(u) = unit.as_mut() else { return };
    match into {
        Into::Source => u.source.push_str(notation),
        Into::Target => u.target.get_or_insert_default().push_str(notation),
        Into::Nowhere => {}
    }
}

/// Appends text, its `{` in PO's notation.
fn push_text(unit: &mut Option<Reading>, into: Into, text: &str) {
    push(unit, into, &text.replace('{', "{ \"{\" }"));
}

/// An attribute's value, unescaped.
fn attribute(e: &BytesStart<'_>, name: &str, line: usize) -> Result<Option<String>, PoError> {
    let bad = |what: String| PoError {
        line,
        column: 1,
        message: format!("a bad `{name}` attribute ({what}): fix the file, or export again"),
    };
    match e.try_get_attribute(name) {
        Ok(Some(a)) => a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| Some(v.into_owned()))
            .map_err(|e| bad(e.to_string())),
        Ok(None) => Ok(None),
        Err(e) => Err(bad(e.to_string())),
    }
}
