//! The integration tests: one binary, one module per subject (a test
//! binary per file linked the crate and its dependencies sixteen times).
//! Run one subject with `cargo test --test it <module>::`, e.g.
//! `cargo test --test it properties::`.

#[path = "../common/mod.rs"]
mod common;

mod align;
mod bad_input;
mod build_policies;
mod catalogs;
mod check;
mod cli;
mod determinism;
mod dialects;
mod docusaurus;
mod docusaurus_site;
mod exchange;
mod filesystem;
mod fixtures;
mod generators;
mod glossary;
mod hostile;
mod incremental;
mod maintenance;
mod mkdocs;
mod mkdocs_site;
mod oracles;
mod properties;
mod regressions;
mod resources;
mod roundtrip;
mod sample;
