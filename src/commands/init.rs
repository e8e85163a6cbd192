//! `fluentmark init`.

use std::path::Path;
use std::process::ExitCode;

use fluentmark::init::{InitOptions, init};

/// Writes `fluentmark.toml` in `root` and says what to do next.
pub fn run(
    root: &Path,
    locales: &[String],
    source_locale: &str,
    dialect: Option<&str>,
    quiet: bool,
) -> anyhow::Result<ExitCode> {
    let options = InitOptions {
        dialect: dialect.map(str::to_string),
        source_locale: source_locale.to_string(),
        locales: locales.to_vec(),
    };
    let text = init(root, &options)?;
    if !quiet {
        let dialect = text
            .lines()
            .find_map(|l| l.strip_prefix("dialect = "))
            .unwrap_or("?");
        super::print(&format!(
            "wrote {} (dialect {dialect}): check its folders, then run `fluentmark extract` \
             and translate the catalogs it writes under locales/\n",
            root.join(fluentmark::project::CONFIG_FILE).display()
        ));
    }
    Ok(ExitCode::SUCCESS)
}
