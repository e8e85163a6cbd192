//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Translate Markdown documentation with Fluent catalogs.
#[derive(Debug, Parser)]
#[command(name = "fluentmark", version, about)]
pub struct Cli {
    /// The project folder (where fluentmark.toml is).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub project: PathBuf,
    /// Print nothing but errors (no progress bar, no summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Pages processed in parallel (default: all cores).
    #[arg(long, short, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse every page, rewrite the source catalogs and update each
    /// locale's catalogs (new, fuzzy, obsolete).
    Extract {
        /// Remove obsolete translations (nothing else ever deletes one).
        #[arg(long)]
        prune: bool,
        /// Extract every page, even the ones unchanged since the last run.
        #[arg(long)]
        force: bool,
        /// After extracting, watch the pages and settings and extract
        /// again when one is saved, until interrupted.
        #[arg(long)]
        watch: bool,
    },
    /// Write a localized copy of every page for each locale.
    Build {
        /// Only these locales (repeatable); all configured ones by default.
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
        /// After the build, watch the pages, catalogs and settings and
        /// rebuild what a saved file changes (next to `hugo server`,
        /// `mkdocs serve`, `docusaurus start`), until interrupted.
        #[arg(long)]
        watch: bool,
        /// Build every page, even the ones whose page, catalogs, glossary,
        /// settings and fluentmark version did not change since the last
        /// build.
        #[arg(long)]
        force: bool,
    },
    /// Report missing, fuzzy, obsolete and broken translations (for CI).
    Check {
        /// Only these locales (repeatable); all configured ones by default.
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Required translated share, e.g. `fr=100` (repeatable; overrides
        /// `[check] min_coverage`).
        #[arg(long = "min-coverage", value_name = "LOCALE=PERCENT", value_parser = parse_requirement)]
        min_coverage: Vec<(String, f64)>,
    },
    /// Show translation coverage per locale and page.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
        format: StatusFormat,
        /// The locale of `--format svg`'s badge.
        #[arg(long, value_name = "LOCALE")]
        locale: Option<String>,
    },
    /// Write a commented fluentmark.toml for the site here (its generator
    /// detected from its configuration); never over an existing one.
    Init {
        /// The locales to translate into, e.g. `fr,de`.
        #[arg(long, value_delimiter = ',', required = true, value_name = "LOCALES")]
        locales: Vec<String>,
        /// The pages' locale.
        #[arg(long, default_value = "en", value_name = "LOCALE")]
        source_locale: String,
        /// The site generator's dialect (default: detected).
        #[arg(long, value_name = "DIALECT")]
        dialect: Option<String>,
    },
    /// Print a shell completion script (e.g. `fluentmark completions bash
    /// > /etc/bash_completion.d/fluentmark`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff; `fluentmark man > fluentmark.1`).
    Man,
    /// Write a locale's catalogs as files for CAT tools (gettext PO or
    /// XLIFF 2.0): one per page, `<out>/<locale>/<page>.po`.
    Export {
        /// The locale to export.
        #[arg(long, value_name = "LOCALE")]
        locale: String,
        /// The exchange format.
        #[arg(long, value_enum, default_value_t = ExchangeFormat::Po)]
        format: ExchangeFormat,
        /// Where to write (default: `exchange` in the project folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// One file for the whole locale, `<out>/<locale>.po` (`.xlf`).
        #[arg(long)]
        single: bool,
        /// Also write the locale's glossary (Fluent terms) as a term
        /// base, `<out>/<locale>.tbx`.
        #[arg(long, value_enum, value_name = "FORMAT")]
        glossary: Option<GlossaryFormat>,
    },
    /// Merge translated PO or XLIFF files back into a locale's catalogs.
    Import {
        /// The locale whose catalogs take the translations.
        #[arg(long, value_name = "LOCALE")]
        locale: String,
        /// The PO or XLIFF files (as `export` wrote them, translated).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Fill a locale's catalogs from the site's existing translated
    /// pages: certain alignments as translations, doubtful ones fuzzy;
    /// what the catalogs have is kept.
    Align {
        /// The locale whose catalogs take the translations.
        #[arg(long, value_name = "LOCALE")]
        locale: String,
        /// The folder of the translated pages, mirroring the source
        /// pages' paths (default: where the site keeps the locale's pages,
        /// e.g. Hugo's `content/fr`).
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// Replace translations the catalogs have.
        #[arg(long)]
        overwrite: bool,
        /// Write nothing: report what would be aligned.
        #[arg(long)]
        dry_run: bool,
        /// Output format of the summary.
        #[arg(long, value_enum, default_value_t = AlignFormat::Human)]
        format: AlignFormat,
        /// List every page, not only the totals and the pages to look at.
        #[arg(long)]
        pages: bool,
    },
}

/// `align --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AlignFormat {
    /// A summary for people.
    Human,
    /// Every page's figures as one JSON document.
    Json,
}

/// `export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExchangeFormat {
    /// gettext PO (Poedit, Weblate, Crowdin, OmegaT...).
    Po,
    /// XLIFF 2.0 (memoQ, Trados, OmegaT, Crowdin...).
    Xliff,
}

/// `export --glossary`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GlossaryFormat {
    /// TBX-Basic (Weblate, memoQ, Trados, OmegaT).
    Tbx,
}

/// `check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Grouped by file, with the offending line and a hint.
    Human,
    /// One JSON document (schema in the README).
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// `status --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table for the terminal.
    Table,
    /// The same numbers as JSON.
    Json,
    /// A self-contained HTML page.
    Html,
    /// A badge (`fr 87%`) for one locale (`--locale`), as SVG.
    Svg,
}

fn parse_requirement(s: &str) -> Result<(String, f64), String> {
    let (locale, n) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not LOCALE=PERCENT (e.g. fr=100)"))?;
    let n: f64 = n
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("`{n}` is not a number from 0 to 100"))?;
    if !(0.0..=100.0).contains(&n) {
        return Err(format!("`{n}` is not a number from 0 to 100"));
    }
    Ok((locale.to_string(), n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
