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
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod build;
pub mod catalog;
pub mod check;
pub mod dialect;
pub mod error;
pub mod extract;
pub mod frontmatter;
pub mod fsutil;
pub mod markdown;
pub mod markup;
pub mod page;
pub mod pattern;
pub mod progress;
pub mod project;
pub mod report;
pub mod safety;
pub mod store;
pub mod text;
