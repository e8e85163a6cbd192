//! Command-line definitions (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Translate Markdown documentation with Fluent catalogs.
#[derive(Debug, Parser)]
#[command(name = "fluentmark", version, about)]
pub struct Cli {
    /// The project folder (where fluentmark.toml is).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub project: PathBuf,
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
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
    },
    /// Write a localized copy of every page for each locale.
    Build {
        /// Only these locales (repeatable); all configured ones by default.
        #[arg(long = "locale", value_name = "LOCALE")]
        locales: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
