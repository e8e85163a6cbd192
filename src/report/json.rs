//! One JSON document: findings, coverage, summary. The schema is in the
//! README; `version` changes when it changes incompatibly.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::check::{CheckReport, Coverage, Diagnostic, LocaleCoverage, Severity};

/// The document, serialized straight from the report (findings are not
/// copied into a JSON tree first: a large site has many).
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
    coverage: BTreeMap<&'a str, Value>,
}

#[derive(Serialize)]
struct Summary {
    pages: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: bool,
}

/// The whole report as pretty JSON.
pub fn render(report: &CheckReport) -> String {
    let doc = Document {
        version: 1,
        summary: Summary {
            pages: report.pages,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            failed: report.failed(),
        },
        diagnostics: &report.diagnostics,
        coverage: report
            .coverage
            .iter()
            .map(|(locale, lc)| (locale.as_str(), locale_json(lc)))
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A locale's coverage: totals, requirement, pages.
pub fn locale_json(lc: &LocaleCoverage) -> Value {
    let pages: serde_json::Map<String, Value> = lc
        .pages
        .iter()
        .map(|(page, c)| (page.clone(), coverage_json(c)))
        .collect();
    json!({
        "percent": round(lc.total.percent()),
        "required": lc.required,
        "passes": !lc.fails(),
        "total": coverage_json(&lc.total),
        "pages": pages,
    })
}

fn coverage_json(c: &Coverage) -> Value {
    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("percent".into(), json!(round(c.percent())));
    }
    v
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
