//! `fluentmark status`.

use std::process::ExitCode;

use fluentmark::check::{CheckOptions, check};
use fluentmark::project::Project;
use fluentmark::report;

use crate::cli::StatusFormat;

/// Prints coverage per locale and page.
pub fn run(
    project: &Project,
    format: StatusFormat,
    locale: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let report = check(project, &CheckOptions::default())?;
    let text = match format {
        StatusFormat::Table => report::status::table(&report),
        StatusFormat::Json => report::json::render(&report)?,
        StatusFormat::Html => report::status::html(&report, &page_info(project)),
        StatusFormat::Svg => {
            let Some(locale) = locale else {
                anyhow::bail!("--format svg makes one locale's badge: add --locale L");
            };
            let Some(coverage) = report.coverage.get(locale) else {
                anyhow::bail!(
                    "--locale {locale} is not in `locales` ({}): add it there first",
                    project.config.locales.join(", ")
                );
            };
            report::status::svg_badge(locale, coverage.total.percent())
        }
    };
    super::print(&text);
    Ok(ExitCode::SUCCESS)
}

/// The project's name, source locale, today's date and catalog links for
/// the status page.
fn page_info(project: &Project) -> report::status::PageInfo {
    let name = std::path::absolute(&project.root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "the project".into());
    report::status::PageInfo {
        project: name,
        source_locale: project.config.source_locale.clone(),
        date: today(),
        catalog_link: Some(|dir, locale, page| {
            let catalog = fluentmark::catalog::catalog_name(std::path::Path::new(page));
            format!("{dir}/{locale}/{}", catalog.display())
        }),
        locales_dir: project.config.locales_dir.display().to_string(),
    }
}

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
