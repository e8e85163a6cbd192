//! Exchange with CAT tools: a locale's catalogs out as gettext PO or
//! XLIFF 2.0 files ([`export()`]), translated files back into the
//! catalogs ([`import()`]). The catalogs stay the one place translations live; a PO
//! file is a copy made for a translator's tool (Poedit, Weblate, Crowdin,
//! OmegaT), and `import` merges only what a translator changed, under the
//! rules `check` applies.
//!
//! In a PO file, each entry is one message of a page: `msgctxt` its ID
//! (`page.md:ID` in a file of the whole locale, `--single`), `msgid` its
//! source text now and `msgstr` its translation, placeables written as in
//! the catalogs (`{ $link1 }`, see [`crate::catalog::po`]). The page's
//! path is in the header (`X-Fluentmark-Page`) of a file of one page.
//! XLIFF carries the same (see [`crate::catalog::xliff`]) and is read
//! into the same model. Nothing here prints; findings are [`Diagnostic`]s.
//!
//! [`Diagnostic`]: crate::check::Diagnostic

mod export;
pub(crate) use export::chosen_units;
mod import;
pub mod tbx;

pub use export::{ExportOptions, ExportReport, export};
pub use import::{ImportOptions, ImportReport, import};

/// The header field that names the page of a PO file of one page.
pub const PAGE_FIELD: &str = "X-Fluentmark-Page";

/// Where `export` writes by default, in the project folder.
pub const DEFAULT_OUT: &str = "exchange";

/// The exchange formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeFormat {
    /// gettext PO (`.po`).
    Po,
    /// XLIFF 2.0 (`.xlf`).
    Xliff,
}

impl ExchangeFormat {
    /// The files' extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExchangeFormat::Po => "po",
            ExchangeFormat::Xliff => "xlf",
        }
    }
}

/// The `msgctxt` of a message: its ID, prefixed with its page in a file
/// of the whole locale.
fn context(page: Option<&str>, id: &str) -> String {
    match page {
        Some(page) => format!("{page}:{id}"),
        None => id.to_string(),
    }
}
