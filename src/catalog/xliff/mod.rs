//! XLIFF 2.0, the OASIS exchange format of CAT tools (memoQ, Trados,
//! OmegaT, Crowdin): what `fluentmark export --format xliff` writes and
//! `fluentmark import` reads, beside PO (see [`crate::exchange`]).
//!
//! One `<file>` per page (`original` its path), one `<unit>` per message
//! (`id` its ID) with one `<segment>`: `<source>` the source text now,
//! `<target>` the translation. A placeable is an inline `<ph>` whose
//! `equiv` is `{ $name }` and whose `disp` shows its value, so that a CAT
//! tool protects it and shows what it stands for. A fuzzy translation is
//! `state="initial"` with `subState="fluentmark:fuzzy"`; a translated one
//! `state="translated"`. Notes: `location` (`page.md:LINE`),
//! `description` (the source catalog's comment), `translator` (the
//! translation's own comment), `previous-source`.
//!
//! Reading gives the same [`PoFile`](super::po::PoFile) model the PO reader gives (texts in
//! PO's notation, `{ $name }`), so that `import` has one path for both.

mod read;
mod write;

pub use read::read;
pub(crate) use write::attr;
pub use write::{Unit, write};

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The `subState` of a fuzzy translation.
pub const FUZZY: &str = "fluentmark:fuzzy";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::po::Entry;

    #[test]
    fn texts_and_placeables_read_back() {
        let entry = Entry {
            msgctxt: Some("read-the-1234".into()),
            msgid: "Run { $code1 } & <b>{ \"{\" }x} \"q\"\r\nnext\u{1}".into(),
            msgstr: "Lancez { $code1 } et { $code1 } <b>".into(),
            flags: vec!["fuzzy".into()],
            references: vec!["a.md:3".into()],
            ..Entry::default()
        };
        let values = [("code1".to_string(), "`make \"all\"`".to_string())];
        let text = write(
            "en",
            "fr",
            "x -- y",
            &[Unit {
                page: "dir/a b.md",
                entry: &entry,
                values: &values,
            }],
        );
        assert!(text.contains("<!-- x - - y -->"), "{text}");
        assert!(
            text.contains(
                "<ph id=\"code1\" disp=\"`make &quot;all&quot;`\" equiv=\"{ $code1 }\"/>"
            ),
            "{text}"
        );
        assert!(text.contains("<ph id=\"code1-2\""), "{text}");
        assert!(text.contains("&amp; &lt;b&gt;"), "{text}");
        assert!(text.contains("&#13;\nnext<cp hex=\"0001\"/>"), "{text}");
        assert!(
            text.contains("state=\"initial\" subState=\"fluentmark:fuzzy\""),
            "{text}"
        );
        let back = read(&text).unwrap();
        assert_eq!(back.header.unwrap().msgstr, "Language: fr\n");
        let e = &back.entries[0];
        assert_eq!(e.msgctxt.as_deref(), Some("dir/a b.md:read-the-1234"));
        assert_eq!((&e.msgid, &e.msgstr), (&entry.msgid, &entry.msgstr));
        assert!(e.is_fuzzy());
        assert_eq!(
            e.msgstr_line,
            text.lines().position(|l| l.contains("<target")).unwrap() + 1
        );
    }

    #[test]
    fn bad_xml_is_an_error_at_its_line() {
        for (text, line) in [
            (
                "<xliff version=\"2.0\">\n<file>\n<unit id=\"a\"><segment><source>x</sourc></segment></unit>",
                3,
            ),
            ("<xliff version=\"1.2\"/>", 1),
            ("<html/>", 1),
            (
                "<xliff version=\"2.0\"><file><unit id=\"a\"><segment>\n<source>a <b>x</b></source></segment></unit></file></xliff>",
                2,
            ),
            (
                "<xliff version=\"2.0\"><file><unit id=\"a\"><segment><source>&nbsp;</source></segment></unit></file></xliff>",
                1,
            ),
        ] {
            let e = read(text).unwrap_err();
            assert_eq!(e.line, line, "{text}: {}", e.message);
            assert!(e.message.contains(':'), "{}", e.message);
        }
    }
}
