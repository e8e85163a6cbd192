//! The site a project belongs to: its dialect, as `fluentmark.toml` names
//! it or as the generator's configuration file beside it reveals it, and
//! what that configuration says about syntax and folders (MkDocs'
//! `docs_dir` and `markdown_extensions`).

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::{COMMONMARK, DOCUSAURUS, Dialect, Extensions, HUGO, JEKYLL, MDBOOK, MKDOCS, mkdocs};
use crate::project::Config;

/// MkDocs' configuration file names.
const MKDOCS_FILES: &[&str] = &["mkdocs.yml", "mkdocs.yaml"];
/// Hugo's configuration file names (`config.*` only with a `baseURL`).
const HUGO_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.json",
];
/// Docusaurus' configuration file names.
const DOCUSAURUS_FILES: &[&str] = &[
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// What the project's site generator says.
#[derive(Clone, Debug)]
pub struct Site {
    /// The dialect.
    pub dialect: &'static Dialect,
    /// Its syntax extensions that are on.
    pub extensions: Extensions,
    /// The content folder, relative to the project folder.
    pub content_dir: PathBuf,
    /// Where built pages go, relative to the project folder.
    pub output_dir: PathBuf,
    /// The generator's configuration file that was read, relative to the
    /// project folder.
    pub config_file: Option<PathBuf>,
}

/// The site of the project at `root` with `config`; `Err` says what is
/// wrong with the generator's configuration and what to do.
pub fn detect(root: &Path, config: &Config) -> Result<Site, String> {
    // The generator's configuration file: as `[mkdocs] config` names it,
    // or found beside the project for the dialect named, or for any.
    let found = match (config.dialect, &config.mkdocs.config) {
        (Some(d), _) if *d == COMMONMARK => None,
        (d, Some(path)) if d.is_none_or(|d| *d == MKDOCS) => Some((&MKDOCS, path.clone())),
        (Some(d), _) => find_config(root, d).map(|f| (d, f)),
        (None, _) => [&MKDOCS, &DOCUSAURUS, &MDBOOK, &HUGO, &JEKYLL]
            .into_iter()
            .find_map(|d| find_config(root, d).map(|f| (d, f))),
    };
    let dialect = config
        .dialect
        .or(found.as_ref().map(|(d, _)| *d))
        .unwrap_or(&COMMONMARK);
    let config_file = found.as_ref().map(|(_, file)| file.clone());
    let (extensions, content, output) = match found {
        Some((d, file)) if *d == MKDOCS => {
            let (docs_dir, extensions) = read_mkdocs(&root.join(&file))?;
            (
                extensions,
                beside(&file).join(docs_dir),
                PathBuf::from("build"),
            )
        }
        Some((d, file)) if *d == DOCUSAURUS => {
            let (docs, extensions) = read_docusaurus(&root.join(&file))?;
            (
                extensions,
                beside(&file).join(docs),
                beside(&file).join("i18n"),
            )
        }
        Some((d, file)) if *d == MDBOOK => {
            let text = read_config(&root.join(&file))?;
            let src = beside(&file).join(toml_string(&text, "src").unwrap_or_else(|| "src".into()));
            (Extensions::ALL, src.clone(), src)
        }
        Some((d, file)) if *d == HUGO => {
            let text = read_config(&root.join(&file))?;
            let (content, output) = hugo_folders(&text, &config.source_locale, &file, root);
            let mut extensions = Extensions::ALL;
            static ID_TYPE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(r#"(?i)autoHeadingIDType['"]?\s*[=:]\s*['"]?([\w-]+)"#)
                    .expect("id type")
            });
            match ID_TYPE.captures(&text).map(|c| c[1].to_ascii_lowercase()) {
                Some(t) if t == "github-ascii" => extensions.0 |= super::generators::HUGO_IDS_ASCII,
                Some(t) if t == "blackfriday" => {
                    extensions.0 |= super::generators::HUGO_IDS_BLACKFRIDAY;
                }
                _ => {}
            }
            (extensions, content, output)
        }
        Some((d, file)) if *d == JEKYLL => {
            let text = read_config(&root.join(&file))?;
            let mut extensions = Extensions::ALL;
            // `kramdown: input: kramdown` (Jekyll's default is GFM).
            static INPUT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
                regex::Regex::new(
                    r"(?m)^kramdown:\s*\n(?:[ \t]+.*\n)*?[ \t]+input:\s*['\x22]?kramdown\b",
                )
                .expect("kramdown input")
            });
            if INPUT.is_match(&text) {
                extensions.0 |= super::generators::KRAMDOWN_IDS;
            }
            (extensions, beside(&file), beside(&file))
        }
        _ if *dialect == MKDOCS => (Extensions::ALL, "docs".into(), "build".into()),
        _ if *dialect == MDBOOK => (Extensions::ALL, "src".into(), "src".into()),
        _ if *dialect == HUGO => (Extensions::ALL, "content".into(), "content".into()),
        _ if *dialect == JEKYLL => (Extensions::ALL, ".".into(), ".".into()),
        _ if *dialect == DOCUSAURUS => (Extensions::ALL, "docs".into(), "i18n".into()),
        _ => (Extensions::ALL, "content".into(), "build".into()),
    };
    Ok(Site {
        dialect,
        extensions,
        content_dir: config.content_dir.clone().unwrap_or(content),
        output_dir: config.output_dir.clone().unwrap_or(output),
        config_file,
    })
}

/// The folder a configuration file is in (relative to the project).
fn beside(file: &Path) -> PathBuf {
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The configuration file of `dialect`'s generator beside the project
/// (in its folder, for Docusaurus its `website/` folder, or its parent),
/// relative to the project folder. A regular file: a link is not followed.
fn find_config(root: &Path, dialect: &Dialect) -> Option<PathBuf> {
    let (dirs, names): (&[&str], &[&str]) = if *dialect == MKDOCS {
        (&["", ".."], MKDOCS_FILES)
    } else if *dialect == DOCUSAURUS {
        (&["", "website", ".."], DOCUSAURUS_FILES)
    } else if *dialect == MDBOOK {
        (&["", ".."], &["book.toml"])
    } else if *dialect == HUGO {
        (&["", ".."], HUGO_FILES)
    } else if *dialect == JEKYLL {
        (&["", ".."], &["_config.yml", "_config.yaml"])
    } else {
        return None;
    };
    for dir in dirs {
        for name in names {
            let rel = Path::new(dir).join(name);
            let path = root.join(&rel);
            if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                continue;
            }
            // `config.*` is any tool's name: Hugo's has a `baseURL`.
            if name.starts_with("config.")
                && !std::fs::read_to_string(&path)
                    .is_ok_and(|t| t.to_ascii_lowercase().contains("baseurl"))
            {
                continue;
            }
            return Some(rel);
        }
    }
    None
}

/// Hugo's content folder for the source language and the folder the
/// localized ones go in: by folder (`[languages.en] contentDir =
/// "content/en"`, or `content/en/` existing) `content/<locale>` beside
/// it; else the one `contentDir`.
fn hugo_folders(text: &str, source: &str, file: &Path, root: &Path) -> (PathBuf, PathBuf) {
    let site = beside(file);
    let value: Option<serde_json::Value> = match file.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str(text).ok(),
        Some("yaml" | "yml") => serde_yaml::from_str(text).ok(),
        Some("json") => serde_json::from_str(text).ok(),
        _ => None,
    };
    let get = |v: &serde_json::Value, key: &str| -> Option<String> {
        let lower = key.to_ascii_lowercase();
        v.as_object()?
            .iter()
            .find(|(k, _)| k.to_ascii_lowercase() == lower)
            .and_then(|(_, v)| v.as_str().map(str::to_string))
    };
    let top = value
        .as_ref()
        .and_then(|v| get(v, "contentDir"))
        .unwrap_or_else(|| "content".into());
    let language = value.as_ref().and_then(|v| {
        let languages = v
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("languages"))?
            .1;
        get(languages.get(source)?, "contentDir")
    });
    if let Some(dir) = language {
        let dir = site.join(dir);
        let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
        return (dir, parent);
    }
    let content = site.join(top);
    let by_language = content.join(source);
    if root.join(&by_language).is_dir() {
        (by_language, content)
    } else {
        (content.clone(), content)
    }
}

/// A configuration file's text (not through a symbolic link).
fn read_config(path: &Path) -> Result<String, String> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!(
            "{} is a symbolic link, not followed: make it a file",
            path.display()
        ));
    }
    std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read {} ({e}): make it a readable UTF-8 file, or set `dialect` in \
             fluentmark.toml to one that does not read it",
            path.display()
        )
    })
}

/// The first `key = "value"` (TOML) or `key: value` (YAML) string setting
/// of a configuration's text.
fn toml_string(text: &str, key: &str) -> Option<String> {
    let re = regex::Regex::new(&format!(
        r#"(?m)^\s*{key}\s*[=:]\s*['"]?([^'"\n#]+?)['"]?\s*(?:#.*)?$"#
    ))
    .ok()?;
    re.captures(text).map(|c| c[1].trim().to_string())
}

/// The docs plugin's `path` (default `docs`) and settings, read from a
/// Docusaurus configuration's text: it is JavaScript, so only what is
/// written literally is known (`fluentmark.toml`'s `content_dir` and
/// `output_dir` win).
fn read_docusaurus(path: &Path) -> Result<(String, Extensions), String> {
    let text = read_config(path)?;
    static DOCS_PATH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\bdocs\s*:\s*\{[^}]*?\bpath\s*:\s*['"]([^'"]+)['"]"#)
            .expect("docs path")
    });
    let docs = DOCS_PATH
        .captures(&text)
        .map_or("docs".to_string(), |c| c[1].to_string());
    // `{#id}` compiles with `markdown.mdx1Compat.headingIds`, on unless
    // `future.v4` turns it off.
    let setting = |name: &str| {
        regex::Regex::new(&format!(r"\b{name}\s*:\s*(true|false)\b"))
            .expect("setting")
            .captures(&text)
            .map(|c| &c[1] == "true")
    };
    let comments = match setting("headingIds") {
        Some(classic) => !classic,
        None => setting("v4").unwrap_or(false),
    };
    let mut extensions = Extensions::ALL;
    if comments {
        extensions.0 |= super::docusaurus::HEADING_ID_COMMENT;
    }
    Ok((docs, extensions))
}

/// `docs_dir` and the syntax `markdown_extensions` turns on, from
/// `mkdocs.yml` (its `!!python/name:` tags are read as plain values).
fn read_mkdocs(path: &Path) -> Result<(String, Extensions), String> {
    let text = read_config(path)?;
    let yaml: Value = serde_yaml::from_str(&text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        format!(
            "{}{at}: not valid YAML ({e}); fix it, or set `dialect` and `content_dir` in \
             fluentmark.toml and [mkdocs] config to another file",
            path.display()
        )
    })?;
    let docs_dir = yaml
        .get("docs_dir")
        .and_then(Value::as_str)
        .unwrap_or("docs")
        .to_string();
    let mut flags = 0;
    let mut add = |name: &str, settings: &Value| {
        flags |= mkdocs::extension_flag(name);
        if (name == "toc" || name == "markdown.extensions.toc") && settings.get("slugify").is_some()
        {
            flags |= slug_setting(&text);
        }
    };
    match yaml.get("markdown_extensions") {
        Some(Value::Sequence(items)) => {
            for item in items {
                match item {
                    Value::String(name) => add(name, &Value::Null),
                    Value::Mapping(map) => {
                        for (key, settings) in map {
                            if let Some(name) = key.as_str() {
                                add(name, settings);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Some(Value::Mapping(map)) => {
            for (key, settings) in map {
                if let Some(name) = key.as_str() {
                    add(name, settings);
                }
            }
        }
        _ => {}
    }
    Ok((docs_dir, Extensions(flags)))
}

/// The slug function `toc: slugify:` names in `mkdocs.yml`'s `text`, as
/// flags. It is a Python object written as a YAML tag
/// (`!!python/name:pymdownx.slugs.uslugify`,
/// `!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}`),
/// which the YAML reader drops: it is read from the text. An unknown one
/// is toc's default.
fn slug_setting(text: &str) -> u32 {
    static SLUGIFY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"slugify:\s*!!python/(?:name|object/apply):([\w.]+)(?:(?s:.){0,80}?\bcase:\s*['\x22]?([\w-]+))?",
        )
        .expect("slugify")
    });
    let Some(c) = SLUGIFY.captures(text) else {
        return 0;
    };
    match &c[1] {
        "markdown.extensions.toc.slugify_unicode" => mkdocs::SLUG_UNICODE,
        "pymdownx.slugs.uslugify" => mkdocs::SLUG_PYMDOWNX | mkdocs::SLUG_LOWER,
        "pymdownx.slugs.uslugify_cased" => mkdocs::SLUG_PYMDOWNX,
        "pymdownx.slugs.slugify" => {
            mkdocs::SLUG_PYMDOWNX
                | match c.get(2).map(|m| m.as_str()) {
                    Some("lower" | "fold") => mkdocs::SLUG_LOWER,
                    Some("lower-ascii") => mkdocs::SLUG_LOWER_ASCII,
                    _ => 0,
                }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mkdocs_yml_is_read_with_its_python_tags() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mkdocs.yml"),
            "site_name: x\ndocs_dir: pages\nmarkdown_extensions:\n  - admonition\n  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n          format: !!python/name:pymdownx.superfences.fence_code_format\n  - pymdownx.blocks.admonition:\n      types: [tip]\n",
        )
        .unwrap();
        let config: Config =
            toml::from_str("source_locale = \"en\"\nlocales = [\"fr\"]\n").unwrap();
        let site = detect(dir.path(), &config).unwrap();
        assert_eq!(site.dialect.name, "mkdocs");
        assert_eq!(site.content_dir, Path::new("pages"));
        assert!(site.extensions.has(mkdocs::ADMONITION));
        assert!(site.extensions.has(mkdocs::BLOCKS));
        assert!(!site.extensions.has(mkdocs::TABBED));
    }

    #[test]
    fn the_slug_function_is_read_from_its_python_tag() {
        let read = |toc: &str| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("mkdocs.yml");
            std::fs::write(
                &path,
                format!("markdown_extensions:\n  - toc:\n      slugify: {toc}\n"),
            )
            .unwrap();
            read_mkdocs(&path).unwrap().1
        };
        let lower = read("!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}");
        assert!(lower.has(mkdocs::SLUG_PYMDOWNX) && lower.has(mkdocs::SLUG_LOWER));
        assert!(
            read("!!python/name:markdown.extensions.toc.slugify_unicode").has(mkdocs::SLUG_UNICODE)
        );
        let block = read(
            "!!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower-ascii",
        );
        assert!(block.has(mkdocs::SLUG_LOWER_ASCII), "{block:?}");
        assert_eq!(read("!!python/name:my.own.slugify").0 & 0xFFFF_0000, 0);
        assert_eq!(
            MKDOCS.heading_id_with("Ünïcode Title", lower),
            "ünïcode-title"
        );
        assert_eq!(
            MKDOCS.heading_id_with("Ünïcode Title", Extensions::ALL),
            "unicode-title"
        );
    }

    #[test]
    fn the_dialect_named_wins_over_detection() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mkdocs.yml"), "site_name: x\n").unwrap();
        let config: Config = toml::from_str(
            "source_locale = \"en\"\nlocales = [\"fr\"]\ndialect = \"commonmark\"\n",
        )
        .unwrap();
        let site = detect(dir.path(), &config).unwrap();
        assert_eq!(site.dialect.name, "commonmark");
        assert_eq!(site.content_dir, Path::new("content"));
    }
}
