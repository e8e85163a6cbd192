//! `fluentmark align`.

use std::fmt::Write as _;
use std::process::ExitCode;

use fluentmark::align::{AlignOptions, AlignReport, PageAlignment, align};
use fluentmark::project::Project;
use fluentmark::report::{printable, thousands};

use crate::cli::AlignFormat;

/// How many pages the summary names as the ones to look at first.
const WORST: usize = 10;

/// Aligns, prints the summary (or JSON); exit 2 when a page or catalog
/// could not be read or written.
pub fn run(
    project: &Project,
    options: AlignOptions,
    format: AlignFormat,
    every_page: bool,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let report = align(project, &options)?;
    match format {
        AlignFormat::Json => super::print(&json(&report)),
        AlignFormat::Human if !quiet => {
            super::print(&human(&report, every_page, options.dry_run));
        }
        AlignFormat::Human => {}
    }
    Ok(super::finish(&report.errors, &report.warnings))
}

/// The summary for people.
fn human(report: &AlignReport, every_page: bool, dry_run: bool) -> String {
    let mut out = String::new();
    let paired: Vec<&PageAlignment> = report
        .pages
        .iter()
        .filter(|p| p.counterpart.is_some())
        .collect();
    let built = report.pages.iter().filter(|p| p.built).count();
    let lone = report.pages.len() - paired.len() - built;
    let _ = writeln!(
        out,
        "align {} from {}: {} page(s) paired with a translated page, {lone} without one, {} translated page(s) with no source page{}",
        report.locale,
        printable(&report.from.display().to_string()),
        paired.len(),
        report.orphans.len(),
        if built > 0 {
            format!("; {built} page(s) there are as `build` wrote them (nothing to align)")
        } else {
            String::new()
        }
    );
    let t = report.total();
    let _ = writeln!(
        out,
        "  {} message(s) in the paired pages: {} aligned, {} fuzzy (check them), {} as in the source (left untranslated), {} kept (the catalog's), {} unaligned (still missing), {} refused (check's rules: they add HTML, a link definition or template code)",
        thousands(t.messages),
        thousands(t.aligned),
        thousands(t.fuzzy),
        thousands(t.identical),
        thousands(t.kept),
        thousands(t.unaligned),
        thousands(t.refused)
    );
    let dated = paired.iter().filter(|p| p.commit.is_some()).count();
    if dated > 0 {
        let _ = writeln!(
            out,
            "  {dated} page(s) aligned with the source they were translated from (`default_lang_commit`, read from git); texts changed since are fuzzy, with their old text"
        );
    }
    for r in &report.rewrites {
        let _ = writeln!(
            out,
            "  links: {} target(s) localized, `{}` where the source has `{}` (e.g. `{}`): mapped to the source's; the built pages link the source's targets",
            r.count,
            printable(&r.to),
            printable(&r.from),
            printable(&r.example)
        );
    }
    let mut worst: Vec<&&PageAlignment> = paired
        .iter()
        .filter(|p| p.fuzzy + p.unaligned + p.refused > 0)
        .collect();
    worst.sort_by_key(|p| std::cmp::Reverse(p.fuzzy + p.unaligned + p.refused));
    if every_page {
        let _ = writeln!(
            out,
            "  {:>7} {:>7} {:>7} {:>7} {:>9} {:>7}  page",
            "aligned", "fuzzy", "same", "kept", "unaligned", "refused"
        );
        for p in &paired {
            let _ = writeln!(
                out,
                "  {:>7} {:>7} {:>7} {:>7} {:>9} {:>7}  {}",
                p.aligned,
                p.fuzzy,
                p.identical,
                p.kept,
                p.unaligned,
                p.refused,
                printable(&p.page)
            );
        }
    } else if !worst.is_empty() {
        let _ = writeln!(
            out,
            "  pages to look at first (fuzzy, unaligned, refused; `--pages` lists all):"
        );
        for p in worst.iter().take(WORST) {
            let _ = writeln!(
                out,
                "    {}: {} fuzzy, {} unaligned, {} refused",
                printable(&p.page),
                p.fuzzy,
                p.unaligned,
                p.refused
            );
        }
    }
    if !report.orphans.is_empty() {
        let shown: Vec<String> = report
            .orphans
            .iter()
            .take(WORST)
            .map(|p| printable(&p.display().to_string()).into_owned())
            .collect();
        let more = report.orphans.len().saturating_sub(WORST);
        let _ = writeln!(
            out,
            "  translated pages with no source page (renamed or removed since?): {}{}",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    if dry_run {
        let _ = writeln!(
            out,
            "  dry run: nothing written; {} catalog(s) would be",
            report.catalogs.len()
        );
        return out;
    }
    let _ = writeln!(
        out,
        "  {} catalog(s) written{}",
        report.catalogs.len(),
        if t.fuzzy > 0 {
            format!(
                "; next: review the fuzzy translations (`fluentmark check --locale {}` lists them), then `fluentmark build --locale {}`",
                report.locale, report.locale
            )
        } else {
            format!("; next: `fluentmark build --locale {}`", report.locale)
        }
    );
    out
}

/// The report as one JSON document.
fn json(report: &AlignReport) -> String {
    let page = |p: &PageAlignment| {
        serde_json::json!({
            "page": p.page,
            "counterpart": p.counterpart.as_ref().map(|c| c.display().to_string()),
            "messages": p.messages,
            "aligned": p.aligned,
            "fuzzy": p.fuzzy,
            "identical": p.identical,
            "kept": p.kept,
            "unaligned": p.unaligned,
            "refused": p.refused,
            "commit": p.commit,
            "built": p.built,
        })
    };
    let t = report.total();
    let doc = serde_json::json!({
        "locale": report.locale,
        "from": report.from.display().to_string(),
        "total": {
            "pages": report.pages.iter().filter(|p| p.counterpart.is_some()).count(),
            "messages": t.messages,
            "aligned": t.aligned,
            "fuzzy": t.fuzzy,
            "identical": t.identical,
            "kept": t.kept,
            "unaligned": t.unaligned,
            "refused": t.refused,
        },
        "pages": report.pages.iter().map(page).collect::<Vec<_>>(),
        "orphans": report.orphans.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "rewrites": report.rewrites.iter().map(|r| serde_json::json!({
            "from": r.from, "to": r.to, "count": r.count, "example": r.example,
        })).collect::<Vec<_>>(),
        "catalogs": report.catalogs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "errors": report.errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
