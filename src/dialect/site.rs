//! The site a project belongs to: its dialect, as `fluentmark.toml` names
//! it or as the generator's configuration file beside it reveals it, and
//! what that configuration says about syntax and folders (MkDocs'
//! `docs_dir` and `markdown_extensions`).

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::{COMMONMARK, Dialect, Extensions, MKDOCS, mkdocs};
use crate::project::Config;

/// MkDocs' configuration file names.
const MKDOCS_FILES: &[&str] = &["mkdocs.yml", "mkdocs.yaml"];

/// What the project's site generator says.
#[derive(Clone, Debug)]
pub struct Site {
    /// The dialect.
    pub dialect: &'static Dialect,
    /// Its syntax extensions that are on.
    pub extensions: Extensions,
    /// The content folder, relative to the project folder.
    pub content_dir: PathBuf,
}

/// The site of the project at `root` with `config`; `Err` says what is
/// wrong with the generator's configuration and what to do.
pub fn detect(root: &Path, config: &Config) -> Result<Site, String> {
    let mkdocs_file = match (&config.mkdocs.config, config.dialect) {
        (Some(path), _) => Some(path.clone()),
        (None, Some(d)) if *d != MKDOCS => None,
        (None, _) => find_mkdocs(root),
    };
    let dialect = config.dialect.unwrap_or(if mkdocs_file.is_some() {
        &MKDOCS
    } else {
        &COMMONMARK
    });
    if *dialect != MKDOCS {
        return Ok(Site {
            dialect,
            extensions: Extensions::ALL,
            content_dir: config
                .content_dir
                .clone()
                .unwrap_or_else(|| "content".into()),
        });
    }
    let Some(file) = mkdocs_file else {
        return Ok(Site {
            dialect,
            extensions: Extensions::ALL,
            content_dir: config.content_dir.clone().unwrap_or_else(|| "docs".into()),
        });
    };
    let (docs_dir, extensions) = read_mkdocs(&root.join(&file))?;
    let beside = file.parent().unwrap_or(Path::new(""));
    Ok(Site {
        dialect,
        extensions,
        content_dir: config
            .content_dir
            .clone()
            .unwrap_or_else(|| beside.join(docs_dir)),
    })
}

/// `mkdocs.yml` in the project folder or its parent, relative to the
/// project folder (a regular file: a link is not followed).
fn find_mkdocs(root: &Path) -> Option<PathBuf> {
    for dir in ["", ".."] {
        for name in MKDOCS_FILES {
            let rel = Path::new(dir).join(name);
            if std::fs::symlink_metadata(root.join(&rel)).is_ok_and(|m| m.is_file()) {
                return Some(rel);
            }
        }
    }
    None
}

/// `docs_dir` and the syntax `markdown_extensions` turns on, from
/// `mkdocs.yml` (its `!!python/name:` tags are read as plain values).
fn read_mkdocs(path: &Path) -> Result<(String, Extensions), String> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!(
            "{} is a symbolic link, not followed: make it a file",
            path.display()
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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
