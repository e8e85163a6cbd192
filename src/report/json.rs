//! One JSON document: findings, coverage, summary. The schema is in the
//! README; `version` changes when it changes incompatibly.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::check::{CheckReport, Code, Coverage, Diagnostic, Severity};

/// The document, serialized straight from the report (nothing is copied
/// into a JSON tree first: a large site has many findings and pages).
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Diagnostics<'a>,
    coverage: BTreeMap<&'a str, LocaleJson<'a>>,
}

#[derive(Serialize)]
struct Summary {
    pages: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: bool,
}

/// The whole report as pretty JSON. (An error would be a bug: every
/// value has a JSON form, file names that are not UTF-8 included.)
pub fn render(report: &CheckReport) -> serde_json::Result<String> {
    let doc = Document {
        version: 1,
        summary: Summary {
            pages: report.pages,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            failed: report.failed(),
        },
        diagnostics: Diagnostics(&report.diagnostics),
        coverage: report
            .coverage
            .iter()
            .map(|(locale, lc)| {
                (
                    locale.as_str(),
                    LocaleJson {
                        pages: Pages(&lc.pages),
                        passes: !lc.fails(),
                        percent: round(lc.total.percent()),
                        required: lc.required,
                        total: CoverageJson(&lc.total),
                    },
                )
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc)?;
    s.push('\n');
    Ok(s)
}

/// The findings, their files as text: a path that is not UTF-8 (which
/// serde refuses) is written with U+FFFD for the bytes that are not.
struct Diagnostics<'a>(&'a [Diagnostic]);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// A finding as JSON: the fields in the order `Diagnostic` declares them.
        #[derive(Serialize)]
        struct Json<'a> {
            file: Cow<'a, str>,
            line: usize,
            column: usize,
            severity: Severity,
            code: Code,
            locale: &'a Option<String>,
            page: &'a Option<String>,
            message_id: &'a Option<String>,
            message: &'a str,
            hint: &'a str,
        }
        s.collect_seq(self.0.iter().map(|d| {
            // Every field named: one added to `Diagnostic` must be added here.
            let Diagnostic {
                file,
                line,
                column,
                severity,
                code,
                locale,
                page,
                message_id,
                message,
                hint,
            } = d;
            Json {
                file: file.to_string_lossy(),
                line: *line,
                column: *column,
                severity: *severity,
                code: *code,
                locale,
                page,
                message_id,
                message,
                hint,
            }
        }))
    }
}

/// A locale's coverage: totals, requirement, pages. (Keys in alphabetical
/// order, as the first version's JSON maps wrote them.)
#[derive(Serialize)]
struct LocaleJson<'a> {
    pages: Pages<'a>,
    passes: bool,
    percent: f64,
    required: Option<f64>,
    total: CoverageJson<'a>,
}

/// Each page's coverage, by page.
struct Pages<'a>(&'a BTreeMap<String, Coverage>);

impl Serialize for Pages<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(page, c)| (page, CoverageJson(c))))
    }
}

/// A page's or locale's numbers and percentage, keys in alphabetical order.
struct CoverageJson<'a>(&'a Coverage);

impl Serialize for CoverageJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut m = s.serialize_struct("Coverage", 9)?;
        m.serialize_field("broken", &c.broken)?;
        m.serialize_field("fuzzy", &c.fuzzy)?;
        m.serialize_field("messages", &c.messages)?;
        m.serialize_field("missing", &c.missing)?;
        m.serialize_field("obsolete", &c.obsolete)?;
        m.serialize_field("percent", &round(c.percent()))?;
        m.serialize_field("translated", &c.translated)?;
        m.serialize_field("words", &c.words)?;
        m.serialize_field("words_translated", &c.words_translated)?;
        m.end()
    }
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
