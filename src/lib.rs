//! fluentmark: translate Markdown documentation with Fluent catalogs.
//!
//! Writers keep plain Markdown pages; translators work in Fluent (`.ftl`)
//! catalogs, one per page and locale. [`extract`](extract::extract) turns
//! pages into source catalogs, [`build`](build::build) splices translations
//! back into the pages without touching any other byte.
//!
//! ```
//! use std::collections::HashMap;
//! use fluentmark::build::{localize, LocalizeOptions};
//! use fluentmark::page::{Page, PageOptions};
//! use fluentmark::pattern::Pattern;
//!
//! let page = Page::parse(b"Run `make` now.\n", PageOptions::default()).unwrap();
//! let message = &page.messages[0];
//! assert_eq!(message.pattern.to_string(), "Run { $code1 } now.");
//!
//! // A translator moves the placeable; its value still comes from the page.
//! let mut french = Pattern::from("Lancez ");
//! french.push_var("code1");
//! french.push_text(" maintenant.");
//! let translations = HashMap::from([(message.id.clone(), french)]);
//! let out = localize(&page, |id| translations.get(id), LocalizeOptions { keep_heading_ids: true, ..Default::default() });
//! assert_eq!(out.text, "Lancez `make` maintenant.\n");
//! ```
//!
//! # The API
//!
//! The entry points are re-exported at the top: a [`Project`] (its
//! `fluentmark.toml` and folders), the three commands ([`extract()`],
//! [`build()`], [`check()`]) with their options and reports, findings as
//! data ([`Diagnostic`]), and for single pages [`Page`], [`Pattern`] and
//! [`localize`]. The modules below them are the layout the project grows
//! in (one per job: `store` reads and walks the disk, `dialect` holds a
//! site generator's syntax, `markdown` segments and rebuilds, `catalog`
//! is the neutral catalog model with `catalog::fluent` behind it (and
//! `catalog::po` for CAT tools), `exchange` exports and imports PO files,
//! `align` turns a site's existing translated pages into catalog entries,
//! `check` the rules, `report` the renderers). They are public for the command,
//! the integration tests and the benchmarks; those marked hidden in the
//! documentation are internals with no stability promise.
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub use build::{BuildReport, LocalizeOptions, Localized, build, localize};
pub use check::{CheckOptions, CheckReport, Code, Diagnostic, Severity, check};
pub use error::{Error, Result};
pub use extract::{ExtractOptions, ExtractReport, extract};
pub use page::{Page, PageOptions};
pub use pattern::Pattern;
pub use project::Project;

pub mod align;
pub mod build;
pub mod catalog;
pub mod check;
pub mod dialect;
pub mod error;
pub mod exchange;
pub mod extract;
#[doc(hidden)]
pub mod frontmatter;
#[doc(hidden)]
pub mod fsutil;
pub mod glossary;
pub mod init;
pub mod languages;
pub mod markdown;
#[doc(hidden)]
pub mod markup;
pub mod page;
pub mod pattern;
#[doc(hidden)]
pub mod progress;
pub mod project;
pub mod report;
#[doc(hidden)]
pub mod safety;
pub mod store;
pub mod suggest;
#[doc(hidden)]
pub mod text;
