//! `export` and `import` with gettext PO, against the real tools
//! (gettext's `msgfmt` and `msgmerge`, Python's `polib`) where they are
//! installed; under `CI=true` a missing tool fails.

use crate::common;
use crate::common::binary::{Project, translate_french};

use fluentmark::catalog::Catalog;
use fluentmark::catalog::po;

const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n\n[front_matter]\ntranslate = [\"title\"]\n";

const PAGE: &str = "---\ntitle: The guide\n---\n\n# Install\n\nRead the [install guide](https://example.com/install) and run `make`.\n\n> A quote that breaks\\\n> here, with {braces} in it.\n\nThis paragraph will change a little.\n";

/// A site whose French catalog has a translated message of every kind,
/// one made fuzzy by a source edit (with the old text recorded), and one
/// new message with no translation.
fn site() -> Project {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/guide.md", PAGE);
    p.run(&["extract"]).expect_code(0);
    translate_french(&p, "guide.md");
    p.write(
        "content/guide.md",
        PAGE.replace("will change a little.", "will change a bit.")
            + "\nA new paragraph, not translated yet.\n",
    );
    p.run(&["extract"]).expect_code(0);
    let fr = p.read_text("locales/fr/guide.ftl");
    assert!(
        fr.contains("# fuzzy: the source text changed; it was: "),
        "{fr}"
    );
    p
}

/// The exported PO of the guide.
const GUIDE_PO: &str = "project/exchange/fr/guide.po";

#[test]
fn export_then_import_changes_no_byte() {
    let p = site();
    // Saved on Windows: any rewrite of the catalog would show.
    let crlf = p.read_text("locales/fr/guide.ftl").replace('\n', "\r\n");
    p.write("locales/fr/guide.ftl", crlf);
    let before = p.files("locales");
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    let po = p.read_text("exchange/fr/guide.po");
    for expected in [
        "\"Language: fr\\n\"",
        "\"X-Fluentmark-Page: guide.md\\n\"",
        "#. $link1 = https://example.com/install\n#. $code1 = `make`\n#: guide.md:7\nmsgctxt \"read-the-install-guide",
        "msgid \"Read the [install guide]({ $link1 }) and run { $code1 }.\"\nmsgstr \"FR Read the [install guide]({ $link1 }) and run { $code1 }.\"",
        "msgid \"\"\n\"A quote that breaks\\\\\\n\"\n\"here, with { \\\"{\\\" }braces} in it.\"",
        "#, fuzzy\n#| msgid \"This paragraph will change a little.\"\n",
        "msgid \"A new paragraph, not translated yet.\"\nmsgstr \"\"\n",
        "#. Front matter `title`.",
    ] {
        assert!(po.contains(expected), "no {expected:?} in\n{po}");
    }
    let run = p.run(&["import", "--locale", "fr", GUIDE_PO]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("0 translation(s) applied"),
        "{}",
        run.stdout
    );
    assert_eq!(
        p.files("locales"),
        before,
        "an import of what was exported changes nothing"
    );

    // The same with one file for the locale; and exporting again writes nothing.
    p.run(&["export", "--locale", "fr", "--single"])
        .expect_code(0);
    let single = p.read_text("exchange/fr.po");
    assert!(single.contains("msgctxt \"guide.md:title-"), "{single}");
    p.run(&["import", "--locale", "fr", "project/exchange/fr.po"])
        .expect_code(0);
    assert_eq!(p.files("locales"), before);
    let again = p.run(&["export", "--locale", "fr"]);
    assert!(again.stdout.contains("0 written"), "{}", again.stdout);
}

/// `tool` from gettext, if installed; outside CI its absence skips.
fn gettext(tool: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let why = format!("{tool} (gettext) is missing (.ci/run installs it)");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{why}; CI must run the oracle tests"
        );
        eprintln!("skipped: {why}");
    }
    found
}

#[test]
fn msgfmt_and_msgmerge_accept_every_exported_po() {
    if !gettext("msgfmt") || !gettext("msgmerge") {
        return;
    }
    let p = site();
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    p.run(&["export", "--locale", "fr", "--single"])
        .expect_code(0);
    p.run(&["export", "--locale", "de"]).expect_code(0);
    for po in [
        "exchange/fr/guide.po",
        "exchange/fr.po",
        "exchange/de/guide.po",
    ] {
        let path = p.path(po);
        let out = std::process::Command::new("msgfmt")
            .args(["--check", "-o", "/dev/null"])
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "msgfmt on {po}: {stderr}"
        );
        let out = std::process::Command::new("msgmerge")
            .args(["--quiet", "-o", "/dev/null"])
            .arg(&path)
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.is_empty(),
            "msgmerge on {po}: {stderr}"
        );
    }
}

#[test]
fn polib_edits_are_imported_and_nothing_else_changes() {
    let Some(python) = common::python_with("polib", "polib") else {
        return;
    };
    let p = site();
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    let before = p.read_text("locales/fr/guide.ftl");
    // A translator in a CAT tool: translates the new message, reviews the
    // fuzzy one.
    let script = r#"
import sys, polib
po = polib.pofile(sys.argv[1])
for e in po:
    if e.msgstr == "":
        e.msgstr = "Un nouveau paragraphe, pas encore traduit."
    if "fuzzy" in e.flags:
        e.flags.remove("fuzzy")
        e.previous_msgid = None
        e.msgstr = "Ce paragraphe va changer un peu."
po.save(sys.argv[1])
"#;
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(p.path("exchange/fr/guide.po"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = p.run(&["import", "--locale", "fr", GUIDE_PO]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("2 translation(s) applied (0 fuzzy)"),
        "{}",
        run.stdout
    );
    let after = p.read_text("locales/fr/guide.ftl");
    let catalog = Catalog::parse(&after);
    assert!(catalog.errors.is_empty(), "{after}");
    assert!(catalog.translations.iter().all(|t| !t.fuzzy), "{after}");
    assert!(
        after.contains("= Un nouveau paragraphe, pas encore traduit.\n"),
        "{after}"
    );
    assert!(
        after.contains("= Ce paragraphe va changer un peu.\n"),
        "{after}"
    );
    assert!(!after.contains("fuzzy"), "{after}");
    // Every other entry keeps its text.
    for block in before
        .split("\n\n")
        .filter(|b| !b.contains("fuzzy") && !b.contains("## Obsolete"))
    {
        assert!(
            after.contains(block.trim_end()),
            "lost {block:?} in\n{after}"
        );
    }
    // And `check` now finds the page's French complete.
    let check = p.run(&["check", "--locale", "fr", "--format", "json"]);
    let left: Vec<_> = check
        .diagnostics()
        .into_iter()
        .filter(|d| ["missing", "fuzzy"].contains(&d["code"].as_str().unwrap()))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Edits the exported PO of the guide: `edit` changes its entries.
fn edit_po(p: &Project, edit: impl FnOnce(&mut po::PoFile)) -> po::PoFile {
    let mut file = po::read(&p.read_text("exchange/fr/guide.po")).unwrap();
    edit(&mut file);
    let text = po::write(&file);
    p.write("exchange/fr/guide.po", &text);
    po::read(&text).unwrap()
}

fn entry<'f>(file: &'f mut po::PoFile, start: &str) -> &'f mut po::Entry {
    file.entries
        .iter_mut()
        .find(|e| e.msgid.starts_with(start))
        .unwrap()
}

#[test]
fn a_stale_source_text_makes_the_translation_fuzzy() {
    let p = site();
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    // The translator worked on an older source text of the heading.
    edit_po(&p, |f| {
        let e = entry(f, "Install");
        e.msgid = "Installation".into();
        e.msgstr = "Mise en place".into();
    });
    let run = p.run(&["import", "--locale", "fr", GUIDE_PO]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("1 translation(s) applied (1 fuzzy)"),
        "{}",
        run.stdout
    );
    let fr = p.read_text("locales/fr/guide.ftl");
    assert!(
        fr.contains("# fuzzy: the source text changed; it was: Installation\ninstall-"),
        "{fr}"
    );
    let t = Catalog::parse(&fr);
    let t = t
        .translations
        .iter()
        .find(|t| t.id.starts_with("install-"))
        .unwrap();
    assert!(t.fuzzy);
    assert_eq!(t.pattern.as_ref().unwrap().to_string(), "Mise en place");
    // Exported again, it says so, with the old source.
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    let po = p.read_text("exchange/fr/guide.po");
    assert!(
        po.contains("#, fuzzy\n#| msgid \"Installation\"\nmsgctxt \"install-"),
        "{po}"
    );
}

#[test]
fn a_dropped_placeable_is_reported_at_its_po_line_and_not_applied() {
    let p = site();
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    let before = p.files("locales");
    let file = edit_po(&p, |f| {
        entry(f, "Read the").msgstr =
            "Lisez le [guide](https://ailleurs.example) et lancez { $code1 }.".into();
        entry(f, "A new paragraph").msgstr = "Un { nouveau paragraphe.".into();
    });
    let line = |start: &str| {
        file.entries
            .iter()
            .find(|e| e.msgid.starts_with(start))
            .unwrap()
            .msgstr_line
    };
    let run = p.run(&["import", "--locale", "fr", GUIDE_PO]);
    run.expect_code(1).expect_no_panic();
    run.line(
        &format!("exchange/fr/guide.po:{}:", line("Read the")),
        &["drops { $link1 }", "not imported", "placeable-missing"],
    );
    run.line(
        &format!("exchange/fr/guide.po:{}:", line("A new paragraph")),
        &["column 4", "{ $name }"],
    );
    let hints: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("  hint: "))
        .collect();
    assert_eq!(
        hints.len(),
        2,
        "each finding has its hint on a line of its own:\n{}",
        run.stderr
    );
    assert_eq!(p.files("locales"), before, "nothing was applied");
}

#[test]
fn a_malformed_po_is_a_clear_error() {
    let p = site();
    let before = p.files("locales");
    p.write(
        "bad.po",
        "msgctxt \"install-x\"\nmsgid \"Install\"\nmsgstr \"Installer\n",
    );
    let run = p.run(&["import", "--locale", "fr", "project/bad.po"]);
    run.expect_code(2).expect_no_panic();
    run.line(
        "bad.po:3:",
        &["not closed", "nothing of this file was imported"],
    );
    // A file for another language, and a file that is no PO.
    p.run(&["export", "--locale", "de"]).expect_code(0);
    p.run(&["import", "--locale", "fr", "project/exchange/de/guide.po"])
        .expect_code(2)
        .line("guide.po", &["for `de`", "--locale de"]);
    p.write("notes.txt", "hello");
    p.run(&["import", "--locale", "fr", "project/notes.txt"])
        .expect_code(2)
        .line("notes.txt", &["not a PO file"]);
    p.run(&["import", "--locale", "fr", "project/missing.po"])
        .expect_code(2)
        .line("missing.po", &["No such file"]);
    // A file of the whole locale naming a page outside content_dir.
    p.write(
        "outside.po",
        "msgctxt \"../fluentmark.toml:install-x\"\nmsgid \"Install\"\nmsgstr \"Installer\"\n",
    );
    p.run(&["import", "--locale", "fr", "project/outside.po"])
        .expect_code(0)
        .line("outside.po:2:", &["no page of content_dir", "not imported"]);
    assert_eq!(p.files("locales"), before);
    assert_eq!(p.read_text("fluentmark.toml"), CONFIG);
}

#[test]
fn a_locale_without_a_catalog_gets_one() {
    let p = site();
    p.run(&["export", "--locale", "de"]).expect_code(0);
    let file = po::read(&p.read_text("exchange/de/guide.po")).unwrap();
    let mut edited = file.clone();
    for e in &mut edited.entries {
        if e.msgid.starts_with("Install") {
            e.msgstr = "Installieren".into();
        }
        if e.msgid.starts_with("Read the") {
            e.msgstr = "Lesen Sie die [Anleitung]({ $link1 }) und starten Sie { $code1 }.".into();
        }
    }
    p.write("exchange/de/guide.po", po::write(&edited));
    p.run(&["import", "--locale", "de", "project/exchange/de/guide.po"])
        .expect_code(0);
    let de = p.read_text("locales/de/guide.ftl");
    let catalog = Catalog::parse(&de);
    let ids: Vec<&str> = catalog.translations.iter().map(|t| &t.id[..4]).collect();
    assert_eq!(ids, ["inst", "read"], "in page order\n{de}");
    assert!(de.starts_with("### de translations of `guide.md`."), "{de}");
    // `extract` leaves it as it is.
    p.run(&["extract"]).expect_code(0);
    assert_eq!(p.read_text("locales/de/guide.ftl"), de);
}

#[test]
fn xliff_export_then_import_changes_no_byte() {
    let p = site();
    let crlf = p.read_text("locales/fr/guide.ftl").replace('\n', "\r\n");
    p.write("locales/fr/guide.ftl", crlf);
    let before = p.files("locales");
    p.run(&["export", "--locale", "fr", "--format", "xliff"])
        .expect_code(0);
    p.run(&["export", "--locale", "fr", "--format", "xliff", "--single"])
        .expect_code(0);
    let xlf = p.read_text("exchange/fr/guide.xlf");
    for expected in [
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">",
        "<file id=\"f1\" original=\"guide.md\">",
        "<source xml:space=\"preserve\">Read the [install guide](<ph id=\"link1\" disp=\"https://example.com/install\" equiv=\"{ $link1 }\"/>) and run <ph id=\"code1\" disp=\"`make`\" equiv=\"{ $code1 }\"/>.</source>",
        "<segment state=\"initial\" subState=\"fluentmark:fuzzy\">",
        "<note category=\"previous-source\">This paragraph will change a little.</note>",
        "<note category=\"location\">guide.md:7</note>",
    ] {
        assert!(xlf.contains(expected), "no {expected:?} in\n{xlf}");
    }
    for file in ["project/exchange/fr/guide.xlf", "project/exchange/fr.xlf"] {
        p.run(&["import", "--locale", "fr", file]).expect_code(0);
        assert_eq!(p.files("locales"), before, "{file}");
    }
}

#[test]
fn an_xliff_edited_by_a_tool_is_imported_under_the_rules() {
    let Some(python) = common::python_with(
        "lxml, translate.storage.xliff2",
        "translate-toolkit (and its lxml)",
    ) else {
        return;
    };
    let p = site();
    p.run(&["export", "--locale", "fr", "--format", "xliff"])
        .expect_code(0);
    // XLIFF 2.0's structural rules (no schema ships in a registry
    // package), translate-toolkit's reader, then a translator's edits: the new message translated,
    // the fuzzy one reviewed, a placeable dropped from another.
    let script = r#"
import sys
from lxml import etree
NS = "urn:oasis:names:tc:xliff:document:2.0"
q = lambda n: "{%s}%s" % (NS, n)
path = sys.argv[1]
tree = etree.parse(path)
root = tree.getroot()
assert root.tag == q("xliff") and root.get("version") == "2.0", root.tag
assert root.get("srcLang") == "en" and root.get("trgLang") == "fr"
for f in root.iter(q("file")):
    assert f.get("id") and f.get("original")
    ids = [u.get("id") for u in f.iter(q("unit"))]
    assert len(ids) == len(set(ids)) and all(ids), ids
    for u in f.iter(q("unit")):
        segs = u.findall(q("segment"))
        assert len(segs) == 1, u.get("id")
        s = segs[0]
        assert s.get("state") in ("initial", "translated", "reviewed", "final")
        assert s.get("subState") is None or ":" in s.get("subState")
        src = s.find(q("source"))
        phs = [ph.get("id") for ph in src.iter(q("ph"))]
        assert len(phs) == len(set(phs)), phs
        tgt = s.find(q("target"))
        if tgt is not None:
            assert all(ph.get("id") in phs for ph in tgt.iter(q("ph")))
        for child in s:
            assert child.tag in (q("source"), q("target")), child.tag
# translate-toolkit's XLIFF 2 reader (Weblate's) sees every unit, by ID,
# and the translated ones as translated.
from translate.storage import xliff2
units = [u for u in xliff2.Xliff2File.parsefile(path).units if not u.isheader()]
xml_units = list(root.iter(q("unit")))
assert [u.getid() for u in units] == [u.get("id") for u in xml_units], [u.getid() for u in units]
for tt, x in zip(units, xml_units):
    translated = x.find(q("segment")).get("state") == "translated"
    assert tt.istranslated() == translated, (x.get("id"), tt.istranslated())
for u in root.iter(q("unit")):
    s = u.find(q("segment"))
    src = s.find(q("source"))
    tgt = s.find(q("target"))
    text = "".join(src.itertext())
    if text.startswith("A new paragraph"):
        tgt = etree.SubElement(s, q("target"))
        tgt.text = "Un nouveau paragraphe, pas encore traduit."
        s.set("state", "translated")
    elif s.get("subState"):
        del s.attrib["subState"]
        s.set("state", "translated")
        for c in list(tgt):
            tgt.remove(c)
        tgt.text = "Ce paragraphe va changer un peu."
    elif text.startswith("Read the"):
        for c in list(tgt):
            tgt.remove(c)
        tgt.text = "Lisez le guide."
        s.set("state", "translated")
tree.write(path, xml_declaration=True, encoding="UTF-8")
"#;
    let out = std::process::Command::new(&python)
        .args(["-c", script])
        .arg(p.path("exchange/fr/guide.xlf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = p.read_text("locales/fr/guide.ftl");
    let run = p.run(&["import", "--locale", "fr", "project/exchange/fr/guide.xlf"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("2 translation(s) applied (0 fuzzy)"),
        "{}",
        run.stdout
    );
    let xlf = p.read_text("exchange/fr/guide.xlf");
    let line = xlf
        .lines()
        .position(|l| l.contains("Lisez le guide."))
        .unwrap()
        + 1;
    let refused = run.stderr_lines(&format!("guide.xlf:{line}:"));
    assert!(
        refused
            .iter()
            .any(|l| l.contains("drops { $link1 }") && l.contains("not imported")),
        "{}",
        run.stderr
    );
    let after = p.read_text("locales/fr/guide.ftl");
    assert!(
        after.contains("= Un nouveau paragraphe, pas encore traduit.\n"),
        "{after}"
    );
    assert!(
        after.contains("= Ce paragraphe va changer un peu.\n"),
        "{after}"
    );
    assert!(
        !after.contains("fuzzy") && !after.contains("Lisez"),
        "{after}"
    );
    for block in before
        .split("\n\n")
        .filter(|b| !b.contains("fuzzy") && !b.contains("## Obsolete"))
    {
        assert!(
            after.contains(block.trim_end()),
            "lost {block:?} in\n{after}"
        );
    }
}
