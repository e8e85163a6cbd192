//! What `check` finds, as data: a [`Diagnostic`] names a file, a 1-based
//! line and column, the locale, page and message it is about, a
//! [`Severity`], a stable [`Code`], what is wrong and a hint; [`Coverage`]
//! counts translated messages and words.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention; does not fail `check`.
    Warning,
    /// Fails `check`.
    Error,
}

impl Severity {
    /// The severity as written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a finding is about; its `Display` (and JSON) is the stable code,
/// from the one table in [`Code::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A page no longer matches its source catalog.
    SourceOutOfDate,
    /// A page cannot be read or parsed.
    Page,
    /// A catalog is not valid Fluent.
    Syntax,
    /// A translation drops a placeable of the source.
    PlaceableMissing,
    /// A translation uses a placeable the source does not have, or a
    /// reference or function.
    PlaceableUnknown,
    /// A translation's Markdown differs from the source's.
    MarkupMismatch,
    /// A translation adds raw HTML or a script URL.
    UnsafeHtml,
    /// No translation.
    Missing,
    /// Marked for review.
    Fuzzy,
    /// Kept from an older source.
    Obsolete,
    /// The translation equals the source text.
    Identical,
    /// The same ID twice in a catalog.
    DuplicateId,
    /// A locale is below its required coverage.
    Coverage,
    /// A translation the generator's parser would not read (MDX: its
    /// tags out of order or not closed).
    MdxSyntax,
    /// A translation uses a term no glossary along its locale's fallback
    /// chain defines (or one that cannot be resolved).
    UnknownTerm,
    /// A translation selects a variant the term does not have: the
    /// default variant is used.
    TermVariant,
    /// A term of the source glossary is missing from a locale's glossary,
    /// or a translation uses a term its locale's glossary lacks.
    TermMissing,
}

impl Code {
    /// The code as written in reports and `fluentmark-ignore` comments.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SourceOutOfDate => "source-out-of-date",
            Code::Page => "page",
            Code::Syntax => "syntax",
            Code::PlaceableMissing => "placeable-missing",
            Code::PlaceableUnknown => "placeable-unknown",
            Code::MarkupMismatch => "markup-mismatch",
            Code::UnsafeHtml => "unsafe-html",
            Code::Missing => "missing",
            Code::Fuzzy => "fuzzy",
            Code::Obsolete => "obsolete",
            Code::Identical => "identical",
            Code::DuplicateId => "duplicate-id",
            Code::Coverage => "coverage",
            Code::MdxSyntax => "mdx-syntax",
            Code::UnknownTerm => "unknown-term",
            Code::TermVariant => "term-variant",
            Code::TermMissing => "term-missing",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file (page or catalog), as a path from where fluentmark runs.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// How bad it is.
    pub severity: Severity,
    /// What kind of finding.
    pub code: Code,
    /// The locale, if the finding is about one.
    pub locale: Option<String>,
    /// The page (relative to `content_dir`), if the finding is about one.
    pub page: Option<String>,
    /// The message ID, if the finding is about one.
    pub message_id: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

impl Diagnostic {
    /// A finding about `file`, at its line 1, column 1, about no locale,
    /// page or message: the methods below say where and about what.
    pub fn new(
        file: PathBuf,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file,
            line: 1,
            column: 1,
            severity,
            code,
            locale: None,
            page: None,
            message_id: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// At a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column;
        self
    }

    /// About a locale.
    pub fn locale(mut self, locale: &str) -> Diagnostic {
        self.locale = Some(locale.to_string());
        self
    }

    /// About a page (relative to `content_dir`), if there is one.
    pub fn page<'a>(mut self, page: impl Into<Option<&'a str>>) -> Diagnostic {
        self.page = page.into().map(str::to_string);
        self
    }

    /// About a message.
    pub fn message_id(mut self, id: &str) -> Diagnostic {
        self.message_id = Some(id.to_string());
        self
    }
}

/// Translation numbers of a page or locale.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Source messages.
    pub messages: usize,
    /// Messages with a usable translation (not fuzzy, no error).
    pub translated: usize,
    /// Messages whose translation is marked fuzzy.
    pub fuzzy: usize,
    /// Messages with no translation.
    pub missing: usize,
    /// Messages whose translation has an error.
    pub broken: usize,
    /// Obsolete entries in the catalogs.
    pub obsolete: usize,
    /// Words of the source messages.
    pub words: usize,
    /// Words of the translated source messages.
    pub words_translated: usize,
}

impl Coverage {
    /// Translated messages in percent (100 when there is nothing to translate).
    pub fn percent(&self) -> f64 {
        if self.messages == 0 {
            100.0
        } else {
            100.0 * self.translated as f64 / self.messages as f64
        }
    }

    /// Adds another page's numbers.
    pub(super) fn add(&mut self, o: &Coverage) {
        self.messages += o.messages;
        self.translated += o.translated;
        self.fuzzy += o.fuzzy;
        self.missing += o.missing;
        self.broken += o.broken;
        self.obsolete += o.obsolete;
        self.words += o.words;
        self.words_translated += o.words_translated;
    }
}

/// A locale's coverage, in total and per page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LocaleCoverage {
    /// All pages.
    pub total: Coverage,
    /// Per page (relative path).
    pub pages: BTreeMap<String, Coverage>,
    /// The required percentage, if any.
    pub required: Option<f64>,
}

impl LocaleCoverage {
    /// Whether a requirement is set and not met.
    pub fn fails(&self) -> bool {
        self.required
            .is_some_and(|r| self.total.percent() + 1e-9 < r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_severities_serialize_as_they_display() {
        for (code, text) in [
            (Code::SourceOutOfDate, "source-out-of-date"),
            (Code::DuplicateId, "duplicate-id"),
            (Code::Missing, "missing"),
        ] {
            assert_eq!(code.to_string(), text);
            assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{text}\""));
        }
        assert_eq!(
            serde_json::to_string(&Severity::Warning).unwrap(),
            "\"warning\""
        );
    }

    #[test]
    fn a_diagnostic_built_says_where_and_about_what() {
        let d = Diagnostic::new(
            "a.ftl".into(),
            Severity::Error,
            Code::Syntax,
            "bad",
            "fix it",
        )
        .at(3, 4)
        .locale("fr")
        .page(None)
        .message_id("x");
        assert_eq!((d.line, d.column), (3, 4));
        assert_eq!(d.locale.as_deref(), Some("fr"));
        assert_eq!(d.page, None);
        assert_eq!(d.message_id.as_deref(), Some("x"));
        assert_eq!((d.message.as_str(), d.hint.as_str()), ("bad", "fix it"));
    }
}
