//! `fluentmark init`: a commented `fluentmark.toml` for the site found in
//! a folder, with its generator's dialect, folders and defaults.

use std::path::Path;

use crate::dialect::site::{Site, detect};
use crate::dialect::{self, Dialect};
use crate::error::{Error, Result};
use crate::project::{CONFIG_FILE, Config, Project};

/// What `init` is told.
#[derive(Clone, Debug, Default)]
pub struct InitOptions {
    /// The dialect (`None`: detected from the generator's configuration).
    pub dialect: Option<String>,
    /// The pages' locale.
    pub source_locale: String,
    /// The locales to translate into.
    pub locales: Vec<String>,
}

/// Writes `fluentmark.toml` in `root` (refused if there is one); returns
/// its text. The text is checked as `load` will read it before it is
/// written.
pub fn init(root: &Path, options: &InitOptions) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    let config_error = |message: String| Error::Config {
        path: path.clone(),
        message,
    };
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(config_error(
            "there is one already: edit it, or remove it to start again".into(),
        ));
    }
    if options.locales.is_empty() {
        return Err(config_error(
            "name the locales to translate into: fluentmark init --locales fr,de".into(),
        ));
    }
    let named = match &options.dialect {
        Some(name) => Some(Dialect::by_name(name).ok_or_else(|| {
            let known: Vec<&str> = dialect::ALL.iter().map(|d| d.name).collect();
            config_error(format!(
                "unknown dialect `{name}`: write one of {}",
                known.join(", ")
            ))
        })?),
        None => None,
    };
    let quoted: Vec<String> = options.locales.iter().map(|l| format!("{l:?}")).collect();
    let mut base = format!(
        "source_locale = {:?}\nlocales = [{}]\n",
        options.source_locale,
        quoted.join(", ")
    );
    if let Some(d) = named {
        base.push_str(&format!("dialect = {:?}\n", d.name));
    }
    let config: Config =
        toml::from_str(&base).map_err(|e| config_error(e.message().to_string()))?;
    let site = detect(root, &config).map_err(config_error)?;
    let text = config_text(options, &site, named.is_some());
    // As `load` will read it: locales, folders.
    Project::from_toml(root, &text)?;
    crate::fsutil::Tree::new(root)
        .write_atomic(&path, text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(text)
}

/// The commented configuration for `site`.
fn config_text(options: &InitOptions, site: &Site, named: bool) -> String {
    let d = site.dialect;
    let quoted: Vec<String> = options.locales.iter().map(|l| format!("{l:?}")).collect();
    let how = if named {
        "as asked".to_string()
    } else if d.name == "commonmark" {
        "no site generator's configuration found here".to_string()
    } else {
        "detected from the site generator's configuration".to_string()
    };
    let layout = d.output_path(
        &site.output_dir,
        options.locales.first().map_or("fr", String::as_str),
        Path::new("page.md"),
    );
    format!(
        "# fluentmark's settings (see its README, \"Configuration\").\n\
         source_locale = {source:?}  # the pages' language\n\
         # The locales to translate into. To add one, add it here and run\n\
         # `fluentmark extract`: it lists every message as new for it.\n\
         locales = [{locales}]\n\
         # The site generator's syntax, heading ids and layout ({how}).\n\
         dialect = {dialect:?}\n\
         content_dir = {content:?}  # where the pages are\n\
         output_dir = {output:?}  # where build writes them (e.g. {layout})\n\
         locales_dir = \"locales\"  # where the catalogs are: commit them\n\
         heading_ids = \"keep\"  # a translated heading keeps the source's anchor\n\
         \n\
         [front_matter]\n\
         # Front matter keys whose values are translated{own}.\n\
         translate = [{keys}]\n",
        source = options.source_locale,
        locales = quoted.join(", "),
        dialect = d.name,
        content = slashed(&site.content_dir),
        output = slashed(&site.output_dir),
        layout = slashed(&layout),
        keys = if d.front_matter_keys.is_empty() {
            "\"title\"".to_string()
        } else {
            String::new()
        },
        own = if d.front_matter_keys.is_empty() {
            String::new()
        } else {
            format!(
                " (besides {}, which {} sites translate)",
                d.front_matter_keys.join(", "),
                d.name
            )
        },
    )
}

/// A relative path as written in TOML (`/` between components; `.` for
/// the project folder itself).
fn slashed(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}
