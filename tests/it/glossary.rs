//! The glossary: Fluent terms in `locales/<locale>/_terms.ftl`, used by
//! translations as `{ -product }`, resolved by `build`, checked by
//! `check`, noted by `extract`, carried by `export`.

use crate::common::binary::Project;

use fluentmark::catalog::Catalog;

const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\", \"de\"]\n";

const PAGE: &str = "# Caffe2 on IoT\n\nCaffe2 runs on IoT devices and on phones.\n\nRead the [guide](https://example.com/guide) before you install Caffe2Go.\n";

const EN_TERMS: &str = "-product = Caffe2\n-iot = IoT\n";

const FR: [&str; 3] = [
    "{ -product } sur { -iot }",
    "{ -product } fonctionne sur les appareils { -iot(case: \"genitive\") } et les téléphones.",
    "Lisez le [guide]({ $link1 }) avant d'installer Caffe2Go.",
];

const FR_TERMS: &str = "# Glossaire français.\n-product = Caffe2\n-iot =\n    { $case ->\n       *[nominative] l'IdO\n        [genitive] de l'IdO\n    }\n";

/// The IDs of the page's messages, in page order.
fn ids(p: &Project) -> Vec<String> {
    let source = p.read_text("locales/en/guide.ftl");
    let c = Catalog::parse(&source);
    assert!(c.errors.is_empty(), "{source}");
    c.translations.into_iter().map(|t| t.id).collect()
}

/// A catalog of `ids` translated as `texts`, one message a line.
fn catalog(ids: &[String], texts: &[&str]) -> String {
    ids.iter()
        .zip(texts)
        .map(|(id, text)| format!("{id} = {text}\n"))
        .collect()
}

/// A project with glossaries in English and French (none in German),
/// extracted, and a French catalog whose translations use terms.
fn site() -> (Project, Vec<String>) {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/guide.md", PAGE);
    p.write("locales/en/_terms.ftl", EN_TERMS);
    p.write("locales/fr/_terms.ftl", FR_TERMS);
    p.run(&["extract"]).expect_code(0);
    let ids = ids(&p);
    p.write("locales/fr/guide.ftl", catalog(&ids, &FR));
    (p, ids)
}

#[test]
fn build_resolves_terms_and_their_variants_without_isolation_marks() {
    let (p, _) = site();
    p.run(&["build"]).expect_code(0);
    let fr = p.read_text("build/fr/guide.md");
    assert_eq!(
        fr,
        "# Caffe2 sur l'IdO {#caffe2-on-iot}\n\nCaffe2 fonctionne sur les appareils de l'IdO et les téléphones.\n\nLisez le [guide](https://example.com/guide) avant d'installer Caffe2Go.\n"
    );
    assert!(!fr.contains(['\u{2068}', '\u{2069}']), "{fr:?}");
    let run = p.run(&["check", "--locale", "fr", "--format", "json"]);
    let findings = run.diagnostics();
    assert!(
        findings
            .iter()
            .all(|d| d["code"] != "unknown-term" && d["severity"] != "error"),
        "{findings:#?}"
    );
}

#[test]
fn a_term_falls_back_to_the_source_glossary_with_a_warning() {
    let (p, ids) = site();
    p.write(
        "locales/de/guide.ftl",
        catalog(&ids, &["{ -product } auf { -iot }"]),
    );
    p.run(&["build", "--locale", "de"]).expect_code(0);
    assert!(
        p.read_text("build/de/guide.md")
            .starts_with("# Caffe2 auf IoT {#caffe2-on-iot}\n"),
        "the English glossary's text"
    );
    let run = p.run(&["check", "--locale", "de", "--format", "json"]);
    let missing: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d["code"] == "term-missing")
        .collect();
    // Each term of the source glossary, at de's glossary; then each use.
    assert_eq!(missing.len(), 4, "{missing:#?}");
    assert!(missing.iter().all(|d| d["severity"] == "warning"));
    let at_use: Vec<_> = missing
        .iter()
        .filter(|d| d["file"] == "project/locales/de/guide.ftl")
        .collect();
    assert_eq!(at_use.len(), 2, "{missing:#?}");
    assert_eq!(at_use[0]["line"], 1);
    assert_eq!(at_use[0]["message_id"], ids[0].as_str());
    assert!(
        at_use[0]["hint"]
            .as_str()
            .unwrap()
            .contains("locales/de/_terms.ftl")
    );
}

#[test]
fn check_reports_unknown_terms_missing_variants_and_broken_glossaries() {
    let (p, ids) = site();
    let fr = catalog(
        &ids,
        &[
            FR[0],
            "{ -produit } fonctionne sur les appareils { -iot(case: \"dative\") } et les téléphones.",
            "Lisez le [guide]({ $link1 }) de { -product(case: \"genitive\") }.",
        ],
    );
    // (A blank line after the first: the lines are the catalog's.)
    p.write("locales/fr/guide.ftl", fr.replacen('\n', "\n\n", 1));
    p.write(
        "locales/fr/_terms.ftl",
        format!("{FR_TERMS}brand = Caffe2\n-broken = {{\n"),
    );
    let run = p.run(&["check", "--locale", "fr", "--format", "json"]);
    run.expect_code(1).expect_no_panic();
    let found: Vec<(String, String, u64, String)> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] != "missing")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let at = |file: &str, code: &str, line: u64, severity: &str| {
        (
            format!("project/locales/fr/{file}"),
            code.to_string(),
            line,
            severity.to_string(),
        )
    };
    assert_eq!(
        found,
        [
            at("_terms.ftl", "syntax", 8, "warning"),
            at("_terms.ftl", "syntax", 9, "error"),
            at("guide.ftl", "unknown-term", 3, "error"),
            at("guide.ftl", "term-variant", 3, "warning"),
            at("guide.ftl", "term-variant", 4, "warning"),
        ],
        "{}",
        run.stdout
    );
    let human = p.run(&["check", "--locale", "fr"]);
    human.expect_code(1);
    for said in [
        "`{ -produit }`, a term no glossary defines",
        "add `-produit = …` to project/locales/fr/_terms.ftl",
        "has no `[dative]` variant (it has `[nominative]`, `[genitive]`): the default variant is used",
        "`-product` has no variants by `case`",
    ] {
        assert!(
            human.stdout.contains(said) || human.stderr.contains(said),
            "check does not say {said:?}:\n{}{}",
            human.stdout,
            human.stderr
        );
    }
    // build uses what check accepts: the broken message keeps its source.
    p.run(&["build", "--locale", "fr"])
        .expect_code(0)
        .line("-produit", &["guide.ftl:3", "the source text was kept"]);
    let fr = p.read_text("build/fr/guide.md");
    assert!(
        fr.contains("\nCaffe2 runs on IoT devices and on phones.\n") && fr.contains("de Caffe2."),
        "{fr}"
    );
}

#[test]
fn a_term_is_text_in_the_page_never_markup() {
    let (p, ids) = site();
    p.write(
        "locales/fr/_terms.ftl",
        "-product = <script>alert(1)</script> *Caffe2* { \"{{\" } site.x { \"}}\" }\n-iot = [IdO]: https://evil.example\n",
    );
    p.run(&["check", "--locale", "fr"]).expect_code(0);
    p.run(&["build", "--locale", "fr"]).expect_code(0);
    let fr = p.read_text("build/fr/guide.md");
    assert!(!fr.contains("<script"), "{fr}");
    assert!(!fr.contains("{{"), "{fr}");
    assert!(!fr.contains("[IdO]"), "{fr}");
    let html = crate::common::html_pulldown(&fr);
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *Caffe2* {{ site.x }} fonctionne"),
        "the term's characters, as text: {html}"
    );
    assert!(!html.contains("<em>"), "{html}");
    assert!(
        html.contains("\">&lt;script&gt;alert(1)&lt;/script&gt;"),
        "in the heading too: {html}"
    );
    let _ = ids;
}

#[test]
fn extract_notes_terms_and_never_takes_a_glossary_for_a_catalog() {
    let (p, _) = site();
    let en = p.read_text("locales/en/guide.ftl");
    assert!(
        en.contains(
            "# Heading.\n# glossary: \"Caffe2\" is { -product }\n# glossary: \"IoT\" is { -iot }\ncaffe2-on-iot"
        ),
        "{en}"
    );
    assert!(
        !en.contains("# $link1 = https://example.com/guide\n# glossary:"),
        "Caffe2Go is no word Caffe2: {en}"
    );
    // Twice the same, and the glossaries untouched, even by --prune.
    let before = p.files("locales");
    p.run(&["extract"]).expect_code(0);
    p.run(&["extract", "--prune"]).expect_code(0);
    assert_eq!(p.files("locales"), before);
    assert_eq!(p.read_text("locales/en/_terms.ftl"), EN_TERMS);
    let run = p.run(&["check", "--format", "json"]);
    let about_glossary: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| {
            d["file"].as_str().unwrap().ends_with("_terms.ftl") && d["code"] != "term-missing"
        })
        .collect();
    assert!(about_glossary.is_empty(), "{about_glossary:#?}");
    // A changed glossary is a changed source: its notes follow.
    p.write(
        "locales/en/_terms.ftl",
        "-product = Caffe2\n-phones = phones\n",
    );
    let run = p.run(&["check", "--locale", "fr", "--format", "json"]);
    run.expect_code(1);
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d["code"] == "source-out-of-date"),
        "{}",
        run.stdout
    );
    p.run(&["extract"]).expect_code(0);
    let en = p.read_text("locales/en/guide.ftl");
    assert!(en.contains("# glossary: \"phones\" is { -phones }"), "{en}");
    assert!(!en.contains("{ -iot }"), "{en}");
    // The configured name; the file of the old name is no catalog
    // `extract` wrote (it has no stamp), so it stays.
    p.write(
        "fluentmark.toml",
        format!("{CONFIG}\n[glossary]\nfile = \"glossary.ftl\"\n"),
    );
    p.write("locales/en/glossary.ftl", "-iot = IoT\n");
    p.run(&["extract"]).expect_code(0);
    assert!(p.path("locales/en/_terms.ftl").exists());
    let en = p.read_text("locales/en/guide.ftl");
    assert!(en.contains("# glossary: \"IoT\" is { -iot }"), "{en}");
    assert!(!en.contains("{ -phones }"), "{en}");
}

#[test]
fn export_carries_terms_and_the_glossary_as_notes() {
    let (p, ids) = site();
    let before = p.files("locales");
    p.run(&["export", "--locale", "fr"]).expect_code(0);
    let po = p.read_text("exchange/fr/guide.po");
    for expected in [
        "#. glossary: \"Caffe2\" is { -product }\n#. glossary: \"IoT\" is { -iot }\n#. glossary, fr: { -product } is \"Caffe2\"\n#. glossary, fr: { -iot } is \"l'IdO\"\n",
        "msgstr \"\"\n\"{ -product } fonctionne sur les appareils { -iot(case: \\\"genitive\\\") } et \"\n",
    ] {
        assert!(po.contains(expected), "no {expected:?} in\n{po}");
    }
    p.run(&["import", "--locale", "fr", "project/exchange/fr/guide.po"])
        .expect_code(0);
    assert_eq!(p.files("locales"), before, "a round trip changes no byte");
    p.run(&["export", "--locale", "fr", "--format", "xliff"])
        .expect_code(0);
    let xlf = p.read_text("exchange/fr/guide.xlf");
    for expected in [
        "<note category=\"description\">glossary: \"IoT\" is { -iot }</note>",
        "<ph id=\"term1\" disp=\"Caffe2\" equiv=\"{ -product }\"/> sur <ph id=\"term2\" disp=\"l'IdO\" equiv=\"{ -iot }\"/>",
        "equiv=\"{ -iot(case: &quot;genitive&quot;) }\"",
    ] {
        assert!(xlf.contains(expected), "no {expected:?} in\n{xlf}");
    }
    p.run(&["import", "--locale", "fr", "project/exchange/fr/guide.xlf"])
        .expect_code(0);
    assert_eq!(p.files("locales"), before, "a round trip changes no byte");
    let _ = ids;
}

#[test]
fn fluent_syntax_reads_glossaries_and_catalogs_with_terms() {
    let Some(python) = crate::common::python_with("fluent.syntax", "fluent.syntax") else {
        return;
    };
    let (p, _) = site();
    let script = "import sys\nfrom fluent.syntax import FluentParser, ast\nfor path in sys.argv[1:]:\n    res = FluentParser().parse(open(path, encoding='utf-8').read())\n    junk = [e for e in res.body if isinstance(e, ast.Junk)]\n    assert not junk, (path, [j.content for j in junk])\n    terms = [e.id.name for e in res.body if isinstance(e, ast.Term)]\n    print(path.rsplit('/', 1)[-1], len(terms))\n";
    let files = [
        "locales/en/_terms.ftl",
        "locales/fr/_terms.ftl",
        "locales/en/guide.ftl",
        "locales/fr/guide.ftl",
    ];
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .args(files.iter().map(|f| p.path(f)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "_terms.ftl 2\n_terms.ftl 2\nguide.ftl 0\nguide.ftl 0\n"
    );
}

#[test]
fn export_writes_the_glossary_as_tbx_that_translate_toolkit_reads() {
    let (p, _) = site();
    p.run(&["export", "--locale", "fr", "--glossary", "tbx"])
        .expect_code(0);
    let tbx = p.read_text("exchange/fr.tbx");
    for expected in [
        "<martif type=\"TBX-Basic-V1\" xml:lang=\"en\">",
        "<termEntry id=\"iot\">\n    <note>{ -iot }</note>\n    <langSet xml:lang=\"en\">\n     <tig>\n      <term>IoT</term>",
        "<langSet xml:lang=\"fr\">\n     <tig>\n      <term>l'IdO</term>",
    ] {
        assert!(tbx.contains(expected), "no {expected:?} in\n{tbx}");
    }
    // German has no glossary: its TBX has the English terms only.
    p.run(&["export", "--locale", "de", "--glossary", "tbx"])
        .expect_code(0);
    assert!(!p.read_text("exchange/de.tbx").contains("xml:lang=\"de\""));
    let Some(python) = crate::common::python_with("translate.storage.tbx", "translate-toolkit")
    else {
        return;
    };
    let script = "import sys\nfrom translate.storage import tbx\nstore = tbx.tbxfile.parsefile(sys.argv[1])\nfor u in store.units:\n    print(u.getid(), '|', u.source, '|', u.gettarget('fr'), '|', ' '.join(u.getnotes().split()))\n";
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(p.path("exchange/fr.tbx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "product | Caffe2 | Caffe2 | { -product }\niot | IoT | l'IdO | { -iot }\n"
    );
}

#[test]
fn a_hostile_glossary_is_an_error_never_a_crash_or_a_hang() {
    let (p, ids) = site();
    // A cycle, a term that grows tenfold per level, a message reference,
    // an unfinished escape before a wide character (fluent-syntax's panic).
    let mut terms = String::from("-product = { -iot }\n-iot = { -product }\n");
    terms.push_str("-l0 = ha\n");
    for i in 1..12 {
        let prev = format!("{{ -l{} }}", i - 1);
        terms.push_str(&format!("-l{i} = {}\n", prev.repeat(10)));
    }
    terms.push_str("-msg = { message }\n-bad = { \"\\U𑛀\" }\n");
    p.write("locales/fr/_terms.ftl", terms);
    p.write(
        "locales/fr/guide.ftl",
        catalog(&ids, &["{ -product }", "{ -l11 } { -msg }", "{ -bad }"]),
    );
    let run = p.run(&["check", "--locale", "fr", "--format", "json"]);
    run.expect_code(1).expect_no_panic();
    let unknown: Vec<u64> = run
        .diagnostics()
        .iter()
        .filter(|d| d["code"] == "unknown-term")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(unknown, [1, 2, 2, 3], "{}", run.stdout);
    p.run(&["build", "--locale", "fr"])
        .expect_code(0)
        .expect_no_panic();
    assert_eq!(
        p.read_text("build/fr/guide.md"),
        PAGE,
        "no translation could be used"
    );
}
