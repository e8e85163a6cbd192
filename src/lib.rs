//! fluentmark: translate Markdown documentation with Fluent catalogs.
#![warn(clippy::print_stdout, clippy::print_stderr)]
pub mod catalog;
pub mod pattern;
pub mod markdown;
pub mod frontmatter;
pub mod error;
pub mod page;
pub mod project;
pub mod extract;
pub mod fsutil;
pub mod build;
