//! `status`: coverage per locale and page, as a terminal table or a
//! self-contained HTML page.

use std::fmt::Write;

use crate::check::CheckReport;

/// A table that fits an 80-column terminal: locales, then pages.
pub fn table(report: &CheckReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<8} {:>9} {:>7} {:>6} {:>8} {:>9} {:>13}",
        "locale", "messages", "done", "fuzzy", "missing", "obsolete", "words"
    );
    for (locale, lc) in &report.coverage {
        let t = &lc.total;
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>6.1}% {:>6} {:>8} {:>9} {:>13}",
            locale,
            format!("{}/{}", t.translated, t.messages),
            t.percent(),
            t.fuzzy,
            t.missing,
            t.obsolete,
            format!("{}/{}", t.words_translated, t.words)
        );
    }
    let locales: Vec<&String> = report.coverage.keys().collect();
    if locales.is_empty() {
        return out;
    }
    let width = 80usize.saturating_sub(7 * locales.len()).max(20);
    let _ = write!(out, "\n{:<width$}", "page");
    for l in &locales {
        let _ = write!(out, " {l:>6}");
    }
    out.push('\n');
    let pages = &report.coverage[locales[0]].pages;
    for page in pages.keys() {
        let name = if page.chars().count() > width {
            let tail: String = page
                .chars()
                .rev()
                .take(width - 1)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("…{tail}")
        } else {
            page.clone()
        };
        let _ = write!(out, "{name:<width$}");
        for l in &locales {
            let p = report.coverage[*l]
                .pages
                .get(page)
                .map_or(0.0, |c| c.percent());
            let _ = write!(out, " {:>5.0}%", p);
        }
        out.push('\n');
    }
    out
}

/// One HTML page, no external assets: a bar per locale, a sortable table
/// of pages with a bar per locale.
pub fn html(report: &CheckReport, title: &str) -> String {
    let mut out = String::new();
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let bar = |percent: f64| {
        format!(
            "<div class=\"bar\"><div style=\"width:{percent:.1}%\"></div><span>{percent:.0}%</span></div>"
        )
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>\n\
         body{{font:14px system-ui,sans-serif;margin:2em;color:#222}}\n\
         table{{border-collapse:collapse}}td,th{{padding:4px 10px;text-align:left;border-bottom:1px solid #ddd}}\n\
         th{{cursor:pointer;user-select:none}}th:hover{{background:#eee}}\n\
         .bar{{position:relative;width:140px;height:16px;background:#f3d6d6;border-radius:3px}}\n\
         .bar div{{height:100%;background:#4caf50;border-radius:3px}}\n\
         .bar span{{position:absolute;left:6px;top:0;font-size:12px;line-height:16px}}\n\
         </style></head><body>\n<h1>{}</h1>\n<h2>Locales</h2>\n<table id=\"locales\"><thead><tr>\
         <th>locale</th><th>translated</th><th>messages</th><th>fuzzy</th><th>missing</th><th>obsolete</th><th>words</th><th>required</th></tr></thead><tbody>\n",
        esc(title),
        esc(title)
    );
    for (locale, lc) in &report.coverage {
        let t = &lc.total;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td data-v=\"{:.3}\">{}</td><td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td></tr>",
            esc(locale),
            t.percent(),
            bar(t.percent()),
            t.translated,
            t.messages,
            t.fuzzy,
            t.missing,
            t.obsolete,
            t.words_translated,
            t.words,
            lc.required.map_or("-".to_string(), |r| format!("{r}%"))
        );
    }
    out.push_str("</tbody></table>\n<h2>Pages</h2>\n<p>Click a column to sort.</p>\n<table id=\"pages\"><thead><tr><th>page</th>");
    let locales: Vec<&String> = report.coverage.keys().collect();
    for l in &locales {
        let _ = write!(out, "<th>{}</th>", esc(l));
    }
    out.push_str("</tr></thead><tbody>\n");
    if let Some(first) = locales.first() {
        for page in report.coverage[*first].pages.keys() {
            let _ = write!(out, "<tr><td>{}</td>", esc(page));
            for l in &locales {
                let p = report.coverage[*l]
                    .pages
                    .get(page)
                    .map_or(0.0, |c| c.percent());
                let _ = write!(out, "<td data-v=\"{p:.3}\">{}</td>", bar(p));
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str(
        "</tbody></table>\n<script>\n\
         for (const table of document.querySelectorAll('table')) {\n\
           table.querySelectorAll('th').forEach((th, col) => th.addEventListener('click', () => {\n\
             const body = table.tBodies[0];\n\
             const asc = th.dataset.asc !== 'true'; th.dataset.asc = asc;\n\
             const key = r => { const c = r.cells[col]; return c.dataset.v !== undefined ? parseFloat(c.dataset.v) : c.textContent; };\n\
             [...body.rows].sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); })\n\
               .forEach(r => body.appendChild(r));\n\
           }));\n\
         }\n\
         </script>\n</body></html>\n",
    );
    out
}
