//! GitHub Actions workflow commands: findings show up on pull requests.

use std::fmt::Write;

use crate::check::{CheckReport, Severity};

/// One `::error file=...,line=...,col=...,title=...::message` line per finding.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            property(&d.file.display().to_string()),
            d.line,
            d.column,
            property(&format!("fluentmark {}", d.code)),
            data(&format!("{} (hint: {})", d.message, d.hint)),
        );
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_github_reads_as_syntax() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
