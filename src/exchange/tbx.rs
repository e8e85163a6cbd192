//! The glossary as TBX-Basic (TBX 2, `martif`), the term base Weblate
//! (translate-toolkit), memoQ, Trados and OmegaT import: one `termEntry`
//! per term (the source glossary's, then those only the locale's
//! glossaries have), with its text in the source locale and, when a
//! glossary of the locale defines it, in the locale; a note says how a
//! translation refers to it (`{ -product }`).

use crate::catalog::xliff::attr;
use crate::pattern::TermRef;
use crate::project::Project;

/// The TBX document of `locale`'s glossary, or `None` when no glossary
/// it reads has a term.
pub fn tbx(project: &Project, locale: &str) -> Option<String> {
    let glossaries = project.glossaries();
    let source = &project.config.source_locale;
    let mut names: Vec<&str> = Vec::new();
    let own = project
        .fallback_chain(locale)
        .into_iter()
        .filter_map(|l| glossaries.get(&l));
    for g in glossaries.source().into_iter().chain(own) {
        for t in &g.terms {
            if !names.contains(&t.name.as_str()) {
                names.push(&t.name);
            }
        }
    }
    if names.is_empty() {
        return None;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<martif type=\"TBX-Basic-V1\" xml:lang=\"{}\">\n",
        attr(source)
    ));
    out.push_str(&format!(
        " <martifHeader>\n  <fileDesc>\n   <sourceDesc>\n    <p>The {} glossary of {} (Fluent terms), exported by fluentmark: \
         a translation refers to a term as its note says.</p>\n   </sourceDesc>\n  </fileDesc>\n  \
         <encodingDesc>\n   <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n  </encodingDesc>\n </martifHeader>\n",
        attr(locale),
        attr(&crate::store::display_path(&project.glossary_path(locale)))
    ));
    out.push_str(" <text>\n  <body>\n");
    for name in names {
        let term = TermRef {
            name: name.to_string(),
            args: Vec::new(),
        };
        out.push_str(&format!("   <termEntry id=\"{}\">\n", attr(name)));
        out.push_str(&format!("    <note>{}</note>\n", attr(&term.to_string())));
        for l in [source.as_str(), locale] {
            if let Some(text) = glossaries
                .text(l, &term)
                .filter(|_| glossaries.defines(l, name))
            {
                out.push_str(&format!(
                    "    <langSet xml:lang=\"{}\">\n     <tig>\n      <term>{}</term>\n     </tig>\n    </langSet>\n",
                    attr(l),
                    attr(&text)
                ));
            }
        }
        out.push_str("   </termEntry>\n");
    }
    out.push_str("  </body>\n </text>\n</martif>\n");
    Some(out)
}
