//! Findings for people: grouped by file, the offending line shown, a hint.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use rayon::prelude::*;

use super::printable;
use crate::check::{CheckReport, Code, Diagnostic, Severity};
use crate::fsutil::Tree;

/// Missing translations listed per page and locale before the rest are counted.
const MISSING_SHOWN: usize = 3;

/// Renders the report; `color` adds ANSI colours (only on a terminal).
/// The offending lines are read from `files` (the project's), through no
/// symbolic link: a catalog that is a link to `/proc/self/environ` is
/// reported, never shown.
pub fn render(report: &CheckReport, files: &Tree, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for d in &report.diagnostics {
        by_file.entry(d.file.as_path()).or_default().push(d);
    }
    // Each file is read for its lines: files in parallel, joined in order.
    let by_file: Vec<(&Path, Vec<&Diagnostic>)> = by_file.into_iter().collect();
    let parts: Vec<String> = by_file
        .par_iter()
        .map(|(file, diags)| render_file(file, diags, files, &paint))
        .collect();
    let mut out = parts.concat();
    let _ = writeln!(
        out,
        "{} page(s): {} error(s), {} warning(s), {} info",
        report.pages,
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    for (locale, lc) in &report.coverage {
        let req = match lc.required {
            Some(r) if lc.fails() => paint("31;1", &format!(" (required {r}%: FAILS)")),
            Some(r) => format!(" (required {r}%: ok)"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "  {locale}: {:.1}% translated ({}/{} messages, {} fuzzy, {} missing, {} obsolete){req}",
            lc.total.percent(),
            lc.total.translated,
            lc.total.messages,
            lc.total.fuzzy,
            lc.total.missing,
            lc.total.obsolete
        );
    }
    out
}

/// The findings of one file, with its offending lines.
fn render_file(
    file: &Path,
    diags: &[&Diagnostic],
    files: &Tree,
    paint: &(dyn Fn(&str, &str) -> String + Sync),
) -> String {
    let mut out = String::new();
    let text = files
        .read(file)
        .ok()
        .flatten()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let name = file.display().to_string();
    let _ = writeln!(out, "{}", paint("1", &printable(&name)));
    // A page far from translated would list every paragraph: show the
    // first few missing translations per locale, count the rest.
    let mut missing_shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut missing_hidden: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diags {
        if d.code == Code::Missing {
            let locale = d.locale.as_deref().unwrap_or("");
            let shown = missing_shown.entry(locale).or_default();
            if *shown >= MISSING_SHOWN {
                *missing_hidden.entry(locale).or_default() += 1;
                continue;
            }
            *shown += 1;
        }
        let (sev, colour) = match d.severity {
            Severity::Error => ("error", "31;1"),
            Severity::Warning => ("warning", "33;1"),
            Severity::Info => ("info", "36"),
        };
        let locale = d
            .locale
            .as_deref()
            .map(|l| format!(" [{l}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}:{}: {}{} {}",
            d.line,
            d.column,
            paint(colour, &format!("{sev}[{}]", d.code)),
            locale,
            printable(&d.message)
        );
        if let Some(line) = lines.get(d.line.saturating_sub(1)).filter(|_| d.line > 0) {
            // Control characters (a NUL byte...) shown, not sent to the terminal.
            let shown: String = line
                .chars()
                .take(100)
                .map(|c| {
                    if c.is_control() && c != '\t' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let more = if shown.len() < line.len() { "…" } else { "" };
            let _ = writeln!(out, "     | {shown}{more}");
        }
        let _ = writeln!(
            out,
            "     = {}",
            paint("2", &format!("hint: {}", printable(&d.hint)))
        );
    }
    for (locale, n) in missing_hidden {
        let _ = writeln!(
            out,
            "  … and {n} more missing [{locale}] translation(s) in this page (`--format json` lists them all)"
        );
    }
    out.push('\n');
    out
}
