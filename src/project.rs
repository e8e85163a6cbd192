//! The project: `fluentmark.toml` and its folders. (The pages under
//! `content_dir` and the catalogs are found and read by [`crate::store`].)
//!
//! The configuration is checked before anything is read or written: it
//! comes with the repository, and must not make fluentmark read its own
//! output as pages, mix catalogs with built pages, or work outside the
//! project folder (unless `allow_outside_project = true`).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use regex::Regex;
use serde::{Deserialize, Deserializer};

use crate::dialect::{self, Dialect, Extensions};
use crate::error::{Error, Result};
use crate::fsutil::{LinkRefused, Tree};
use crate::page::PageOptions;

/// The configuration file's name.
pub const CONFIG_FILE: &str = "fluentmark.toml";

/// `fluentmark.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The locale pages are written in.
    pub source_locale: String,
    /// The locales to translate into.
    pub locales: Vec<String>,
    /// The site generator's dialect (`dialect = "mkdocs"`); when not set,
    /// detected from the generator's configuration file in the project
    /// folder or its parent (`mkdocs.yml`), else `commonmark`.
    #[serde(default, deserialize_with = "dialect_named")]
    pub dialect: Option<&'static Dialect>,
    /// Where the pages are (by default the generator's own folder, as its
    /// configuration says: MkDocs' `docs_dir`; else `content`).
    #[serde(default)]
    pub content_dir: Option<PathBuf>,
    /// Where the catalogs are (`<locales_dir>/<locale>/<page>.ftl`).
    #[serde(default = "default_locales")]
    pub locales_dir: PathBuf,
    /// Where `build` writes pages (by default where the generator reads
    /// translations: Docusaurus' `i18n` beside its configuration; else
    /// `build`).
    #[serde(default)]
    pub output_dir: Option<PathBuf>,
    /// Locales that are no ISO language on purpose (a constructed language,
    /// a house variant): not warned about.
    #[serde(default)]
    pub custom_locales: Vec<String>,
    /// Let the three folders above be outside the project folder (refused
    /// by default: a repository's configuration must not make fluentmark
    /// read or write elsewhere on the machine).
    #[serde(default)]
    pub allow_outside_project: bool,
    /// Keep source heading anchors in translated pages.
    #[serde(default)]
    pub heading_ids: HeadingIds,
    /// Extra regular expressions whose matches become placeables.
    #[serde(default)]
    pub protect: Vec<String>,
    /// Use translations marked `# fuzzy` in `build`.
    #[serde(default)]
    pub use_fuzzy: bool,
    /// Let translations add raw HTML in `build` (trusted translators only).
    #[serde(default)]
    pub allow_html: bool,
    /// How close (0 to 1, word-level) an edited text must stay to its old
    /// version for the old translation to be kept as fuzzy.
    #[serde(default = "default_threshold", deserialize_with = "fuzzy_threshold")]
    pub fuzzy_threshold: f64,
    /// Front matter settings.
    #[serde(default)]
    pub front_matter: FrontMatterConfig,
    /// `check` settings.
    #[serde(default)]
    pub check: CheckConfig,
    /// `build` settings.
    #[serde(default)]
    pub build: BuildConfig,
    /// `[mkdocs]`: the MkDocs dialect's settings.
    #[serde(default)]
    pub mkdocs: MkdocsConfig,
    /// `[output]`: where localized pages go.
    #[serde(default)]
    pub output: OutputConfig,
    /// `[hugo]`: the Hugo dialect's settings.
    #[serde(default)]
    pub hugo: HugoConfig,
    /// `[glossary]`: the Fluent terms shared by a locale's pages.
    #[serde(default)]
    pub glossary: GlossaryConfig,
}

/// `[glossary]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    /// The glossary's file name in each locale's folder
    /// (`locales/<locale>/<file>`), `_terms.ftl` by default.
    #[serde(default = "default_glossary_file", deserialize_with = "glossary_file")]
    pub file: String,
}

impl Default for GlossaryConfig {
    fn default() -> Self {
        GlossaryConfig {
            file: default_glossary_file(),
        }
    }
}

fn default_glossary_file() -> String {
    "_terms.ftl".to_string()
}

/// `[glossary] file`: a file name, no folder in it.
fn glossary_file<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let name = String::deserialize(d)?;
    let plain = !name.is_empty()
        && !name.contains(['/', '\\'])
        && name != "."
        && name != ".."
        && !name.chars().any(char::is_control);
    if plain {
        Ok(name)
    } else {
        Err(serde::de::Error::custom(format!(
            "`[glossary] file = {name:?}`: write a file name without a folder, like `_terms.ftl`"
        )))
    }
}

/// `[hugo]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HugoConfig {
    /// Per shortcode, parameters whose values are prose, besides `title`,
    /// `header`, `caption`, `alt`, `description`, `placeholder`,
    /// `imageAlt` and `linkTitle` (`[hugo.shortcodes] alert = ["summary"]`).
    #[serde(default)]
    pub shortcodes: crate::dialect::ProseParameters,
}

/// `[output]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// `"folder"` (the dialect's own layout, the default), `"suffix"`
    /// (`page.fr.md` beside the page, in `output_dir`) or a template of a
    /// localized page's path in `output_dir`, with `{locale}` in a folder
    /// and `{path}` (`"{locale}/docs/{path}"`).
    #[serde(default)]
    pub layout: Option<String>,
}

/// Where localized pages go, as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Layout {
    /// The dialect's own.
    Dialect,
    /// `page.<locale>.md` in `output_dir`, at the page's path.
    Suffix,
    /// A template with `{locale}` and `{path}`.
    Template(String),
}

impl Layout {
    /// The layout `config` asks for; `Err` says why a template is refused.
    fn of(config: &Config) -> std::result::Result<Layout, String> {
        match config.output.layout.as_deref() {
            None | Some("folder") if config.mkdocs.docs_structure == DocsStructure::Suffix => {
                Ok(Layout::Suffix)
            }
            None | Some("folder") => Ok(Layout::Dialect),
            Some("suffix") => Ok(Layout::Suffix),
            Some(t) => {
                let folder = t.split("{path}").next().unwrap_or("");
                if !t.ends_with("{path}") || !folder.contains("{locale}") || !folder.ends_with('/')
                {
                    return Err(format!(
                        "[output] layout `{t}`: write \"folder\", \"suffix\" or a path template \
                         ending in `{{path}}` with `{{locale}}` in a folder before it, such as \
                         \"{{locale}}/{{path}}\""
                    ));
                }
                if t.split('/').any(|part| part == "..") {
                    return Err(format!(
                        "[output] layout `{t}` may not leave output_dir (`..`)"
                    ));
                }
                Ok(Layout::Template(t.to_string()))
            }
        }
    }
}

/// `[mkdocs]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MkdocsConfig {
    /// Where localized pages go, as mkdocs-static-i18n reads them.
    #[serde(default)]
    pub docs_structure: DocsStructure,
    /// The site's `mkdocs.yml` (by default found in the project folder or
    /// its parent).
    #[serde(default)]
    pub config: Option<PathBuf>,
}

/// mkdocs-static-i18n's `docs_structure`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DocsStructure {
    /// `<output_dir>/<locale>/<page>` (`docs/fr/page.md`).
    #[default]
    Folder,
    /// `<output_dir>/<dir>/<stem>.<locale>.md` beside the page.
    Suffix,
}

/// `[build]`: what to do with pages that are not fully translated.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// Per-message fallback (default) or whole-page fallback.
    #[serde(default)]
    pub fallback: Fallback,
    /// A page whose translated share (percent) is below this...
    #[serde(default, deserialize_with = "percent")]
    pub min_coverage: f64,
    /// ...is not emitted (`skip`) or emitted with `notice` on top.
    #[serde(default)]
    pub below_min_coverage: BelowMinCoverage,
    /// Markdown put at the top of a page below `min_coverage` with
    /// `below_min_coverage = "notice"`; `{percent}` and `{locale}` are filled.
    #[serde(default = "default_notice")]
    pub notice: String,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            fallback: Fallback::default(),
            min_coverage: 0.0,
            below_min_coverage: BelowMinCoverage::default(),
            notice: default_notice(),
        }
    }
}

fn default_notice() -> String {
    "> This page is {percent}% translated; the rest is shown in the original language.".to_string()
}

/// `[build] fallback`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    /// Each untranslated message falls back to the source text.
    #[default]
    Message,
    /// A page with any untranslated message is emitted in the source language.
    Page,
}

/// `[build] below_min_coverage`.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BelowMinCoverage {
    /// The page is not emitted.
    #[default]
    Skip,
    /// The page is emitted with the notice on top.
    Notice,
}

/// `[check]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Required translated share per locale, in percent (`fr = 100`).
    #[serde(default, deserialize_with = "percents")]
    pub min_coverage: BTreeMap<String, f64>,
}

/// `[build] min_coverage`: a number from 0 to 100 (NaN, the infinities
/// and numbers out of range are refused, as TOML errors at their line).
fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let x = f64::deserialize(d)?;
    in_range(x, 100.0, || format!("`min_coverage = {x}`"))
}

/// `[check] min_coverage`: a number from 0 to 100 per locale.
fn percents<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    let map = BTreeMap::<String, f64>::deserialize(d)?;
    for (locale, &x) in &map {
        in_range(x, 100.0, || {
            format!("`min_coverage` for `{locale}` (`{x}`)")
        })?;
    }
    Ok(map)
}

/// `fuzzy_threshold`: a number from 0 to 1.
fn fuzzy_threshold<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let x = f64::deserialize(d)?;
    in_range(x, 1.0, || format!("`fuzzy_threshold = {x}`"))
}

/// `x` if it is a number from 0 to `max`; else an error saying `what` is
/// not, and what to write.
fn in_range<E: serde::de::Error>(
    x: f64,
    max: f64,
    what: impl FnOnce() -> String,
) -> Result<f64, E> {
    if (0.0..=max).contains(&x) {
        Ok(x)
    } else {
        Err(E::custom(format!(
            "{}: write a number from 0 to {max}",
            what()
        )))
    }
}

/// `heading_ids`: what to do with heading anchors.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    /// Add `{#source-slug}` to a translated heading whose anchor would change.
    #[default]
    Keep,
    /// Leave headings as translated.
    Off,
}

/// `[front_matter]`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterConfig {
    /// Keys (dotted for nested maps) whose values are translated.
    #[serde(default)]
    pub translate: Vec<String>,
    /// Per-key templates for localized pages: `permalink = "/{locale}{value}"`.
    #[serde(default)]
    pub rewrite: BTreeMap<String, String>,
}

fn dialect_named<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static Dialect>, D::Error> {
    let name = String::deserialize(d)?;
    Dialect::by_name(&name).map(Some).ok_or_else(|| {
        let known: Vec<&str> = dialect::ALL.iter().map(|d| d.name).collect();
        serde::de::Error::custom(format!(
            "unknown dialect `{name}`: write one of {} (more dialects come: \
             docusaurus, hugo, jekyll, mdbook)",
            known.join(", ")
        ))
    })
}

fn default_threshold() -> f64 {
    0.5
}
fn default_locales() -> PathBuf {
    "locales".into()
}

/// A loaded project: configuration, resolved folders, compiled patterns.
#[derive(Clone, Debug)]
pub struct Project {
    /// The project folder.
    pub root: PathBuf,
    /// The configuration as written.
    pub config: Config,
    /// Protected patterns, the dialect's and `protect`, as one expression.
    pub protect: Regex,
    /// Where localized pages go.
    layout: Layout,
    /// The site generator's dialect, as configured or detected.
    dialect: &'static Dialect,
    /// Its syntax extensions that are on (from the generator's
    /// configuration; all it knows when there is none).
    extensions: Extensions,
    /// The three folders, resolved.
    folders: Folders,
    /// The project's files, read and written through no link.
    files: Arc<Tree>,
    /// A hash of everything that decides how pages are built, besides the
    /// pages and catalogs: fluentmark's version, `fluentmark.toml` and
    /// the generator's configuration file, as read.
    settings: u64,
    /// The locales' glossaries, read when first asked for.
    glossaries: Arc<std::sync::OnceLock<crate::glossary::Glossaries>>,
}

/// Where the pages, the catalogs and the built pages are: inside the
/// project, `<root>/<path without . or ..>`; outside it (when allowed), the
/// absolute path without `.` or `..`.
#[derive(Clone, Debug)]
struct Folders {
    content: PathBuf,
    locales: PathBuf,
    output: PathBuf,
}

impl Project {
    /// Reads `fluentmark.toml` from `root` and checks that none of the
    /// folders fluentmark reads or writes is, or is inside, a symbolic link.
    pub fn load(root: &Path) -> Result<Project> {
        let path = root.join(CONFIG_FILE);
        if !root.is_dir() {
            return Err(Error::Config {
                path: root.to_path_buf(),
                message: "this project folder does not exist: pass the folder that holds \
                          fluentmark.toml (--project DIR), or run `fluentmark init` in your site's folder"
                    .into(),
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Config {
                path: path.clone(),
                message: format!(
                    "no {CONFIG_FILE} here: run `fluentmark init --locales fr,de` to write one \
                     for your site, or pass --project DIR"
                ),
            },
            _ => Error::io(&path, e),
        })?;
        let project = Self::from_toml(root, &text)?;
        project.check_folders()?;
        Ok(project)
    }

    /// Refuses a symbolic link at or above `content_dir`, `locales_dir`,
    /// `output_dir` or a locale's folder in them, below the project folder
    /// (`locales/fr -> /etc`): fluentmark would read or write through it.
    /// Other problems (a file where a folder should be) are left to the
    /// pages or locales they concern.
    pub fn check_folders(&self) -> Result<()> {
        let source = std::iter::once(&self.config.source_locale);
        let mut folders = vec![
            ("content_dir", self.folders.content.clone()),
            ("locales_dir", self.folders.locales.clone()),
            ("output_dir", self.folders.output.clone()),
        ];
        for locale in source.chain(&self.config.locales) {
            folders.push(("locales_dir", self.locale_dir(locale)));
        }
        for locale in &self.config.locales {
            folders.push(("output_dir", self.output_dir(locale)));
        }
        for (key, dir) in folders {
            if let Err(e) = self.files.folder(&dir, false)
                && let Some(link) = LinkRefused::of(&e)
            {
                return Err(Error::Config {
                    path: link.link.clone(),
                    message: format!(
                        "symbolic link (to `{}`) not followed: make it a real folder, or set \
                         {key} to the folder it points to (with allow_outside_project = true \
                         if that is outside the project)",
                        link.target.display()
                    ),
                });
            }
        }
        Ok(())
    }

    /// Builds a project from configuration text.
    pub fn from_toml(root: &Path, text: &str) -> Result<Project> {
        let path = root.join(CONFIG_FILE);
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
            let message = e.message().trim().to_string();
            match line {
                Some(line) => Error::At {
                    path: path.clone(),
                    line,
                    column: None,
                    message,
                },
                None => Error::Config {
                    path: path.clone(),
                    message,
                },
            }
        })?;
        let config_error = |message: String| Error::Config {
            path: path.clone(),
            message,
        };
        for locale in std::iter::once(&config.source_locale).chain(&config.locales) {
            let parsed: Result<unic_langid::LanguageIdentifier, _> = locale.parse();
            match parsed {
                Ok(id) if id.to_string() == *locale => {}
                Ok(id) => {
                    return Err(config_error(format!(
                        "locale `{locale}` is not written the BCP 47 way: write `{id}`"
                    )));
                }
                Err(_) => {
                    return Err(config_error(format!(
                        "`{locale}` is not a BCP 47 locale code: use a language tag like `fr`, `pt-BR` or `zh-Hans`"
                    )));
                }
            }
        }
        if config.locales.contains(&config.source_locale) {
            return Err(config_error(format!(
                "`locales` contains the source locale `{}`: list only the locales to translate into",
                config.source_locale
            )));
        }
        for p in &config.protect {
            Regex::new(p).map_err(|e| {
                config_error(format!(
                    "`protect` pattern `{p}` is not a valid regular expression: {e}"
                ))
            })?;
        }
        let mut config = config;
        let site = crate::dialect::site::detect(root, &config).map_err(config_error)?;
        let dialect = site.dialect;
        config.dialect = Some(dialect);
        let all: Vec<String> = std::iter::once(dialect.default_protect().to_string())
            .chain(config.protect.iter().map(|p| format!("(?:{p})")))
            .collect();
        let protect = Regex::new(&all.join("|"))
            .map_err(|e| config_error(format!("`protect` patterns do not combine: {e}")))?;
        let layout = Layout::of(&config).map_err(|message| match key_line(text, "layout") {
            Some(line) => Error::At {
                path: path.clone(),
                line,
                column: None,
                message,
            },
            None => config_error(message),
        })?;
        let folders = Folders::resolve(root, &config, &site).map_err(|(key, message)| {
            match key_line(text, key) {
                Some(line) => Error::At {
                    path: path.clone(),
                    line,
                    column: None,
                    message,
                },
                None => config_error(message),
            }
        })?;
        let generator = site.config_file.as_ref().map(|f| {
            let bytes = std::fs::read(root.join(f)).unwrap_or_default();
            (f.to_string_lossy().into_owned(), bytes)
        });
        let settings = settings_hash(env!("CARGO_PKG_VERSION"), text, generator.as_ref());
        Ok(Project {
            root: root.to_path_buf(),
            config,
            protect,
            layout,
            dialect,
            extensions: site.extensions,
            folders,
            files: Arc::new(Tree::new(root)),
            settings,
            glossaries: Arc::default(),
        })
    }

    /// The project's files: read and write catalogs and built pages through
    /// this, which follows no symbolic link in the project.
    pub fn files(&self) -> &Tree {
        &self.files
    }

    /// A hash of the settings that decide how pages are built (not the
    /// pages and catalogs): fluentmark's version, `fluentmark.toml` and
    /// the generator's configuration file. `build` skips a page only if
    /// these are what they were.
    pub fn settings_fingerprint(&self) -> u64 {
        self.settings
    }

    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.folders.content.clone()
    }

    /// The catalog folder of a locale.
    pub fn locale_dir(&self, locale: &str) -> PathBuf {
        self.folders.locales.join(locale)
    }

    /// Where `build` writes a locale's pages.
    pub fn output_dir(&self, locale: &str) -> PathBuf {
        match &self.layout {
            Layout::Suffix => self.folders.output.clone(),
            Layout::Template(t) => {
                let folder = t.split("{path}").next().unwrap_or("");
                self.folders
                    .output
                    .join(folder.replace("{locale}", locale).trim_end_matches('/'))
            }
            Layout::Dialect => (self.dialect.locale_root)(&self.folders.output, locale),
        }
    }

    /// Where a locale's glossary (its Fluent terms) is:
    /// `<locales_dir>/<locale>/<[glossary] file>`. Never a page's catalog.
    pub fn glossary_path(&self, locale: &str) -> PathBuf {
        self.locale_dir(locale).join(&self.config.glossary.file)
    }

    /// Whether `path` is a locale's glossary (in `dir`, the locale's
    /// folder), not a page's catalog.
    pub(crate) fn is_glossary(&self, dir: &Path, path: &Path) -> bool {
        path.parent() == Some(dir)
            && path.file_name() == Some(std::ffi::OsStr::new(&self.config.glossary.file))
    }

    /// The glossaries of the project's locales, read on the first call.
    pub fn glossaries(&self) -> &crate::glossary::Glossaries {
        self.glossaries
            .get_or_init(|| crate::glossary::Glossaries::load(self))
    }

    /// Where a page's catalog for a locale is.
    pub fn catalog_path(&self, locale: &str, page: &Path) -> PathBuf {
        self.locale_dir(locale)
            .join(crate::catalog::catalog_name(page))
    }

    /// Where `build` writes a page for a locale, as the dialect lays
    /// localized pages out.
    pub fn output_path(&self, locale: &str, page: &Path) -> PathBuf {
        match &self.layout {
            Layout::Suffix => self.folders.output.join(suffixed(page, locale)),
            Layout::Template(t) => {
                let path: Vec<String> = page
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                self.folders.output.join(
                    t.replace("{locale}", locale)
                        .replace("{path}", &path.join("/")),
                )
            }
            Layout::Dialect => self.dialect.output_path(&self.folders.output, locale, page),
        }
    }

    /// Whether `build` copies the content folder's other files to each
    /// locale's pages (not where localized pages sit beside the source's).
    pub fn copies_assets(&self) -> bool {
        self.dialect.copy_assets && !self.suffix_layout()
    }

    /// Whether `rel` (under `content_dir`) is a file of the site itself,
    /// not of its pages: never copied to a locale's pages. fluentmark's
    /// configuration; in Jekyll's site root, `_` folders and files
    /// (layouts, includes, `_config.yml`) and the root's own files
    /// (`Gemfile`, `*.yml`…).
    pub fn is_site_file(&self, rel: &Path) -> bool {
        if rel == Path::new(CONFIG_FILE) {
            return true;
        }
        if *self.dialect != dialect::JEKYLL {
            return false;
        }
        let underscore = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('_'));
        let root_file = rel.parent().is_none_or(|p| p.as_os_str().is_empty())
            && !rel
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf"].contains(&e));
        underscore || root_file
    }

    /// Localized pages go beside the source pages, as `page.fr.md`.
    pub fn suffix_layout(&self) -> bool {
        self.layout == Layout::Suffix
    }

    /// What in the configuration looks like a mistake but is not refused:
    /// a locale that is no known language (`french`, `xx`), unless listed
    /// in `custom_locales`.
    pub fn config_warnings(&self) -> Vec<Error> {
        let path = self.root.join(CONFIG_FILE);
        std::iter::once(&self.config.source_locale)
            .chain(&self.config.locales)
            .filter(|l| !self.config.custom_locales.contains(l))
            .filter_map(|l| crate::languages::doubt(l))
            .map(|why| Error::Config {
                path: path.clone(),
                message: format!(
                    "{why}: use an ISO 639 code, or list it in `custom_locales` if you mean it"
                ),
            })
            .collect()
    }

    /// The site generator's dialect.
    pub fn dialect(&self) -> &'static Dialect {
        self.dialect
    }

    /// The generator's syntax extensions that are on.
    pub fn extensions(&self) -> Extensions {
        self.extensions
    }

    /// What page parsing needs from the configuration.
    pub fn page_options(&self) -> PageOptions<'_> {
        PageOptions {
            translate: &self.config.front_matter.translate,
            protect: Some(&self.protect),
            extensions: self.extensions,
            prose_parameters: Some(&self.config.hugo.shortcodes),
        }
    }

    /// The folders fluentmark writes, catalogs and built pages: never
    /// pages, even inside `content_dir`. (Where built pages go into the
    /// content folder itself, the localized ones are told apart by
    /// [`Project::is_localized_page`].)
    pub(crate) fn written_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.folders.locales.clone()];
        if self.folders.output != self.folders.content {
            dirs.push(self.folders.output.clone());
        } else if !self.suffix_layout() {
            dirs.extend(self.config.locales.iter().map(|l| self.output_dir(l)));
        }
        dirs
    }

    /// Whether `page` (relative to `content_dir`) is a page `build` wrote
    /// beside the source pages (`page.fr.md`), not a source page.
    pub fn is_localized_page(&self, page: &Path) -> bool {
        self.suffix_layout()
            && self.folders.output == self.folders.content
            && page
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.rsplit_once('.'))
                .is_some_and(|(_, l)| self.config.locales.iter().any(|x| x == l))
    }

    /// The locales a command works on: `wanted` if given (each must be
    /// configured), all configured locales otherwise.
    pub fn select_locales(&self, wanted: &[String]) -> Result<Vec<String>> {
        if wanted.is_empty() {
            return Ok(self.config.locales.clone());
        }
        for l in wanted {
            if !self.config.locales.contains(l) {
                return Err(Error::Config {
                    path: self.root.join(CONFIG_FILE),
                    message: format!(
                        "--locale {l} is not in `locales` ({}): add it there first",
                        self.config.locales.join(", ")
                    ),
                });
            }
        }
        let mut out: Vec<String> = Vec::new();
        for l in wanted {
            if !out.contains(l) {
                out.push(l.clone());
            }
        }
        Ok(out)
    }

    /// A path as users should see it: relative to where fluentmark runs,
    /// without a leading `./`.
    pub fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(".").unwrap_or(path).to_path_buf()
    }

    /// The fallback chain of a locale: `pt-BR` → `pt` (source last, implied).
    pub fn fallback_chain(&self, locale: &str) -> Vec<String> {
        let mut chain = vec![locale.to_string()];
        let mut l = locale;
        while let Some(i) = l.rfind('-') {
            l = &l[..i];
            if l != self.config.source_locale {
                chain.push(l.to_string());
            }
        }
        chain
    }
}

/// The hash of the settings that decide how pages are built: the
/// version of fluentmark, the text of `fluentmark.toml` and the
/// generator's configuration file (its path and bytes), if one was read.
fn settings_hash(version: &str, toml: &str, generator: Option<&(String, Vec<u8>)>) -> u64 {
    let generator = generator
        .into_iter()
        .flat_map(|(file, bytes)| [file.as_bytes(), bytes.as_slice()]);
    crate::fsutil::hash_parts(
        [version.as_bytes(), toml.as_bytes()]
            .into_iter()
            .chain(generator),
    )
}

/// A folder refused: the configuration key at fault, what is wrong and
/// what to do.
type Refused = (&'static str, String);

/// The configuration keys of the three folders.
const KEYS: [&str; 3] = ["content_dir", "locales_dir", "output_dir"];

impl Folders {
    /// Resolves the configured folders against the project folder `root`;
    /// `Err` names the key at fault and says what is wrong and what to do.
    ///
    /// Paths are compared as written, `.` and `..` resolved without the
    /// file system (a link in the project is refused when it is met), and
    /// also through the project folder's real path, so that an absolute
    /// path to a folder inside the project is inside.
    fn resolve(
        root: &Path,
        config: &Config,
        site: &crate::dialect::site::Site,
    ) -> std::result::Result<Folders, Refused> {
        let written = [&site.content_dir, &config.locales_dir, &site.output_dir];
        let (paths, abs) = Self::locate(root, config, written)?;
        Self::refuse_overlaps(written, &abs, site.dialect)?;
        let [content, locales, output] = <[PathBuf; 3]>::try_from(paths).expect("three folders");
        Ok(Folders {
            content,
            locales,
            output,
        })
    }

    /// Each folder as fluentmark spells it (below `root` when inside the
    /// project) and as an absolute path; a folder outside the project is
    /// refused unless `allow_outside_project` is set.
    fn locate(
        root: &Path,
        config: &Config,
        written: [&PathBuf; 3],
    ) -> std::result::Result<(Vec<PathBuf>, Vec<PathBuf>), Refused> {
        let root_abs = normal(&std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
        let root_real = std::fs::canonicalize(root).ok();
        // Each folder as an absolute path, and whether it is inside.
        let mut abs: Vec<PathBuf> = Vec::new();
        let mut paths: Vec<PathBuf> = Vec::new();
        for (key, dir) in KEYS.into_iter().zip(written) {
            let a = normal(&root_abs.join(dir));
            let inside = a
                .strip_prefix(&root_abs)
                .map(Path::to_path_buf)
                .ok()
                .or_else(|| {
                    let real = root_real.as_ref()?;
                    real_path(&a).strip_prefix(real).map(Path::to_path_buf).ok()
                });
            match inside {
                Some(rel) => {
                    paths.push(if rel.as_os_str().is_empty() {
                        root.to_path_buf()
                    } else {
                        root.join(&rel)
                    });
                    abs.push(root_abs.join(rel));
                }
                None if config.allow_outside_project => {
                    paths.push(a.clone());
                    abs.push(a);
                }
                None => {
                    return Err((
                        key,
                        format!(
                            "{key} `{}` is outside the project folder (`{}`): fluentmark reads \
                             and writes only inside it; use a folder inside it, or set \
                             `allow_outside_project = true` if you trust this configuration",
                            dir.display(),
                            root_abs.display()
                        ),
                    ));
                }
            }
        }
        Ok((paths, abs))
    }

    /// Refuses two folders in one, or one inside another where that would
    /// mix pages, catalogs and built pages (`abs`: the folders' absolute
    /// paths, in the order of `KEYS`).
    fn refuse_overlaps(
        written: [&PathBuf; 3],
        abs: &[PathBuf],
        dialect: &Dialect,
    ) -> std::result::Result<(), Refused> {
        // Two folders in one: refused. (Catalogs and built pages inside
        // the content folder are fine, as with a Jekyll site's
        // `content_dir = "."`: the page walk skips them.)
        const SAME: [(usize, usize, &str); 3] = [
            (0, 2, "built pages would be read back as pages"),
            (0, 1, "catalogs and pages would be mixed"),
            (1, 2, "built pages would be mixed with the catalogs"),
        ];
        const NESTED: [(usize, usize, &str); 4] = [
            (
                0,
                2,
                "the pages would be among the built pages, which site generators delete",
            ),
            (
                0,
                1,
                "the pages would be among the catalogs, which extract rewrites and removes",
            ),
            (
                1,
                2,
                "the catalogs would be among the built pages, which site generators delete",
            ),
            (2, 1, "built pages would be mixed with the catalogs"),
        ];
        for (a, b, why) in SAME {
            // MkDocs' i18n plugin reads localized pages from the docs
            // folder itself (`page.fr.md`, `docs/fr/`): the page walk
            // tells them apart.
            let beside = dialect.locales_beside_pages() && (a, b) == (0, 2);
            if abs[a] == abs[b] && !beside {
                return Err((
                    KEYS[b],
                    format!(
                        "{} and {} are the same folder (`{}`): {why}; give each its own folder",
                        KEYS[a],
                        KEYS[b],
                        written[b].display()
                    ),
                ));
            }
        }
        for (inner, outer, why) in NESTED {
            // (Such a generator's output folder is the site's own: only
            // each locale's folder in it holds built pages.)
            let beside =
                dialect.locales_beside_pages() && matches!((inner, outer), (0, 2) | (1, 2));
            if abs[inner].starts_with(&abs[outer]) && !beside {
                return Err((
                    KEYS[inner],
                    format!(
                        "{} (`{}`) is inside {} (`{}`): {why}; move it out",
                        KEYS[inner],
                        written[inner].display(),
                        KEYS[outer],
                        written[outer].display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// `page` with `.<locale>` before its extension (`a/b.md` → `a/b.fr.md`).
pub(crate) fn suffixed(page: &Path, locale: &str) -> PathBuf {
    let stem = page
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let name = match page.extension() {
        Some(ext) => format!("{stem}.{locale}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{locale}"),
    };
    page.with_file_name(name)
}

/// `path` with `.` and `..` resolved as written (`..` at the root stays
/// there).
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            c => out.push(c),
        }
    }
    out
}

/// An absolute path with its longest existing part resolved by the file
/// system (links followed): where it really is.
fn real_path(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The 1-based line where a top-level `key = ...` is set, if it is.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_hash_changes_with_the_version_and_every_file() {
        let toml = "source_locale = \"en\"\n";
        let book = ("book.toml".to_string(), b"[book]\n".to_vec());
        let other_book = ("book.toml".to_string(), b"[book]\ntitle = \"T\"\n".to_vec());
        let base = settings_hash("0.1.0", toml, Some(&book));
        assert_eq!(base, settings_hash("0.1.0", toml, Some(&book)));
        // A new fluentmark builds pages anew: its output may differ.
        assert_ne!(base, settings_hash("0.1.1", toml, Some(&book)));
        assert_ne!(
            base,
            settings_hash("0.1.0", "source_locale = \"de\"\n", Some(&book))
        );
        assert_ne!(base, settings_hash("0.1.0", toml, Some(&other_book)));
        assert_ne!(base, settings_hash("0.1.0", toml, None));
    }

    #[test]
    fn the_dialect_is_commonmark_unless_configured() {
        let toml = "source_locale = \"en\"\nlocales = [\"fr\"]\n";
        let project = Project::from_toml(Path::new("."), toml).unwrap();
        assert_eq!(project.dialect().name, "commonmark");
        let toml = "source_locale = \"en\"\nlocales = [\"fr\"]\ndialect = \"commonmark\"\n";
        let project = Project::from_toml(Path::new("."), toml).unwrap();
        assert_eq!(project.dialect().name, "commonmark");
    }

    #[test]
    fn an_unknown_dialect_is_refused_at_its_line() {
        let toml = "source_locale = \"en\"\nlocales = [\"fr\"]\ndialect = \"gitbook\"\n";
        match Project::from_toml(Path::new("."), toml) {
            Err(Error::At { line, message, .. }) => {
                assert_eq!(line, 3);
                assert!(message.contains("unknown dialect `gitbook`"), "{message}");
                assert!(message.contains("commonmark"), "{message}");
            }
            other => panic!("expected an error at line 3, got {other:?}"),
        }
    }
}
