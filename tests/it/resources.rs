//! Resource use grows linearly with the input (issue #15, "Resource use"):
//! a table 40,000 columns wide, a paragraph of 80,000 links or shortcodes,
//! front matter nested thousands deep.
//!
//! No timings here: the benchmark's rows (`cargo bench`, "wide table" and
//! "link-dense paragraph") show how time grows. Each test asserts a bound
//! that the fix gives and the quadratic version broke: the memory a page
//! holds while it is read, a run's peak memory, a refusal before the YAML
//! parser starts. The inputs are also sized so that a quadratic version
//! overruns the suite's deadline ([`common::binary::DEADLINE`]), after
//! which the run is killed and its test fails, rather than hanging.

use crate::common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::binary::{Project, Run};
use fluentmark::page::{Page, PageOptions};

/// Counts the bytes each thread holds, and their peak (see [`peak_heap`]).
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn shrank(bytes: usize) {
    // (Memory freed on another thread than its own counts against that
    // one's: never below zero.)
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

// SAFETY: every call goes to the system allocator as it came; the counting
// touches only constant-initialized thread locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` on this thread; returns its result and the most heap memory
/// it held at once, in bytes (what it returns included).
fn peak_heap<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    (out, PEAK.with(Cell::get) - before)
}

/// A page with a table `columns` wide: a header, its delimiter row and
/// one row of cells, every cell a different message.
fn wide_table(columns: usize) -> String {
    let mut page = String::from("# Wide\n\n");
    for row in ["h", "-", "c"] {
        for i in 0..columns {
            page.push_str("| ");
            match row {
                "-" => page.push_str("---"),
                _ => {
                    page.push_str(row);
                    page.push_str(&i.to_string());
                }
            }
            page.push(' ');
        }
        page.push_str("|\n");
    }
    page
}

/// A page with one paragraph of `n` items, `item(i)` each, separated by
/// spaces.
fn dense_paragraph(n: usize, item: impl Fn(usize) -> String) -> String {
    let items: Vec<String> = (0..n).map(item).collect();
    format!("# Dense\n\n{}\n", items.join(" "))
}

const CONFIG: &str = "source_locale = \"en\"\nlocales = [\"fr\"]\n";

/// A project with `page` as `content/page.md`, extracted, and a French
/// catalog translating every message (`» ` and the source text); and the
/// run of `extract`.
fn translated(page: &str) -> (Project, Run) {
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    p.write("content/page.md", page);
    let extract = p.run(&["extract"]);
    extract.expect_code(0).expect_no_panic();
    let source = p.read_text("locales/en/page.ftl");
    let mut french = String::new();
    // A value that starts on the line after its ID gets the mark there.
    let mut mark_next = false;
    for line in source.lines().filter(|l| !l.starts_with('#')) {
        let indent = line.len() - line.trim_start().len();
        match line.split_once(" =") {
            Some((id, text)) if indent == 0 => {
                french.push_str(id);
                french.push_str(" =");
                mark_next = text.is_empty();
                if !mark_next {
                    french.push_str(" »");
                    french.push_str(text);
                }
            }
            _ if std::mem::take(&mut mark_next) => {
                french.push_str(&line[..indent]);
                french.push_str("» ");
                french.push_str(&line[indent..]);
            }
            _ => french.push_str(line),
        }
        french.push('\n');
    }
    p.write("locales/fr/page.ftl", french);
    (p, extract)
}

/// Most a run may hold at its peak, in KiB: what a small page takes
/// (about 30 MiB) and a generous allowance for a page of one or two
/// megabytes. The quadratic versions took gigabytes.
const PEAK_KIB: i64 = 512 * 1024;

/// Builds and checks a translated project; asserts that every message of
/// `page` was translated, that nothing was found wrong, and that no run
/// held more than [`PEAK_KIB`].
fn build_and_check(p: &Project, messages: usize) {
    let build = p.run(&["build"]);
    build.expect_code(0).expect_no_panic();
    let built = p.read_text("build/fr/page.md");
    assert_eq!(
        built.matches("» ").count(),
        messages,
        "every message is translated"
    );
    let check = p.run(&["check", "--format", "json"]);
    check.expect_code(0).expect_no_panic();
    assert_eq!(check.diagnostics(), Vec::<serde_json::Value>::new());
    for (run, what) in [(&build, "build"), (&check, "check")] {
        assert!(
            run.peak_kib < PEAK_KIB,
            "{what} held {} MiB",
            run.peak_kib / 1024
        );
    }
}

#[test]
fn wide_table_cells_hold_no_copy_of_their_row() {
    // Each cell's message held its row up to the cell, as blanks (the
    // prefix of a continuation line, which a cell never has): memory grew
    // with the square of the width, 40,000 columns took 11 GB.
    let read = |columns: usize| {
        let page = wide_table(columns);
        let (parsed, peak) = peak_heap(|| Page::parse(page.as_bytes(), PageOptions::default()));
        assert_eq!(parsed.unwrap().messages.len(), 1 + 2 * columns);
        peak
    };
    let (narrow, wide) = (read(1_000), read(8_000));
    // Eight times the width: about eight times the memory (up to twice
    // that where vectors have just doubled), not 64 times.
    assert!(
        wide < 20 * narrow,
        "1,000 columns held {} KB, 8,000 columns {} KB",
        narrow / 1000,
        wide / 1000
    );
}

#[test]
fn wide_table_extracts_builds_and_checks_in_linear_memory() {
    // 40,000 columns (850 KB): extract took 11 GB for 48 s.
    let (p, extract) = translated(&wide_table(40_000));
    assert!(
        extract.peak_kib < PEAK_KIB,
        "extract held {} MiB",
        extract.peak_kib / 1024
    );
    build_and_check(&p, 1 + 2 * 40_000);
}

#[test]
fn link_dense_paragraph_checks() {
    // check read each value back from the source catalog with a search
    // over the placeables (33 s for 80,000 links).
    let (p, _) = translated(&dense_paragraph(80_000, |i| format!("[t{i}](u{i})")));
    build_and_check(&p, 2);
}

#[test]
fn untranslated_wide_table_checks() {
    // Each missing cell's page position was found by a search over the
    // page's messages (2 s for 20,000 columns, quadratic).
    let p = Project::empty();
    p.write(
        "fluentmark.toml",
        "source_locale = \"en\"\nlocales = [\"fr\"]\n",
    );
    p.write("content/page.md", wide_table(40_000));
    p.run(&["extract"]).expect_code(0).expect_no_panic();
    let check = p.run(&["check", "--format", "json"]);
    check.expect_code(0).expect_no_panic();
    let missing = check.diagnostics();
    assert_eq!(missing.len(), 1 + 2 * 40_000);
    assert_eq!(missing.last().unwrap()["line"], 5);
}

#[test]
fn link_dense_paragraph_builds() {
    // 80,000 links in one paragraph: build looked each placeable's value
    // up by a scan of all of them (24 s).
    let (p, _) = translated(&dense_paragraph(80_000, |i| format!("[t{i}](u{i})")));
    let build = p.run(&["build"]);
    build.expect_code(0).expect_no_panic();
    let built = p.read_text("build/fr/page.md");
    assert!(built.contains("» [t0](u0) [t1](u1) "), "{}", &built[..100]);
    assert!(built.ends_with(" [t79999](u79999)\n"));
}

#[test]
fn shortcode_dense_paragraph_extracts_and_builds() {
    // 80,000 shortcodes on one line: each one looked for its line's start
    // and end through the whole line. 40,000 on lines of their own in one
    // paragraph: each line break was looked for among all those kept.
    let own_lines: String = (0..40_000)
        .map(|i| format!("{{{{< s{i} >}}}}\nline {i}\n"))
        .collect();
    for page in [
        dense_paragraph(80_000, |i| format!("w {{{{< s{i} >}}}}")),
        format!("# Dense\n\nStart\n{own_lines}"),
    ] {
        let (p, _) = translated(&page);
        let build = p.run(&["build"]);
        build.expect_code(0).expect_no_panic();
        let built = p.read_text("build/fr/page.md");
        assert_eq!(built.matches("» ").count(), 2, "{}", &built[..100]);
        assert!(built.contains("{{< s39999 >}}"));
    }
}

#[test]
fn footnote_dense_paragraph_checks() {
    // 80,000 footnote references in one message: check compared each
    // label with all the others before the parse.
    let mut page = dense_paragraph(80_000, |i| format!("w[^{i}]"));
    for i in 0..80_000 {
        page.push_str(&format!("\n[^{i}]: Note {i}.\n"));
    }
    let (p, _) = translated(&page);
    build_and_check(&p, 2 + 80_000);
}

#[test]
fn unclosed_footnote_references_check() {
    // 160,000 `[^` never closed: each one read the rest of the message in
    // search of a `]`. (The emphasis has check parse the message.)
    let (p, _) = translated(&dense_paragraph(160_000, |i| format!("w *e* [^a{i}")));
    build_and_check(&p, 2);
}

#[test]
fn deep_flow_front_matter_is_refused_before_it_is_parsed() {
    // A megabyte of `[`: the YAML parser refused it too, but after reading
    // it, in time that grows with the square of the depth (80 KB: 4 s).
    let p = Project::empty();
    p.write("fluentmark.toml", CONFIG);
    let deep = "[".repeat(1 << 20);
    p.write(
        "content/deep.md",
        format!("---\ntitle: Deep\nlist:\n  - {deep}\n---\n\nText.\n"),
    );
    // As deep as the parser reads: a page like any other.
    let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    p.write(
        "content/ok.md",
        format!("---\ntitle: Fine\nlist: {ok}\n---\n\nText.\n"),
    );
    let extract = p.run(&["extract"]);
    extract.expect_code(2).expect_no_panic();
    extract.line(
        "content/deep.md:4:",
        &["front matter", "more than 128 deep", "flatten it"],
    );
    assert!(!extract.stderr.contains("ok.md"), "{}", extract.stderr);
    assert!(p.read_text("locales/en/ok.ftl").contains(" = Text.\n"));
}
