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

/// What the status page says about the project beside the numbers.
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// The project's name (its folder's).
    pub project: String,
    /// The source locale.
    pub source_locale: String,
    /// When the page was made (`2026-11-29`).
    pub date: String,
    /// Where a page's catalog of a locale is, as a link from the status
    /// page (`locales/fr/docs/a.ftl`), by locale and page.
    pub catalog_link: Option<fn(&str, &str, &str) -> String>,
    /// The catalogs folder as written in the configuration (`locales`).
    pub locales_dir: String,
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One HTML page, no external assets: a title saying what and when, a bar
/// per locale, and a table of pages with each locale's numbers and a link
/// to its catalog. Columns sort (numbers as numbers); the page fits a
/// phone and follows the browser's dark mode.
pub fn html(report: &CheckReport, info: &PageInfo) -> String {
    let mut out = String::new();
    let bar = |percent: f64| {
        format!(
            "<div class=\"bar\"><div style=\"width:{percent:.1}%\"></div><span>{percent:.0}%</span></div>"
        )
    };
    let title = format!("Translation status of {}", info.project);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\"><title>{t}</title>\n<style>\n\
         :root{{--fg:#222;--bg:#fff;--line:#ddd;--hover:#eee;--todo:#f3d6d6;--done:#4caf50}}\n\
         @media (prefers-color-scheme: dark){{:root{{--fg:#e8e8e8;--bg:#16181c;--line:#3a3d44;--hover:#2a2d33;--todo:#5a2f2f;--done:#3f9a43}}}}\n\
         body{{font:14px system-ui,sans-serif;margin:1em;color:var(--fg);background:var(--bg)}}\n\
         .scroll{{overflow-x:auto}}table{{border-collapse:collapse}}\n\
         td,th{{padding:4px 8px;text-align:left;border-bottom:1px solid var(--line);white-space:nowrap}}\n\
         td.n{{text-align:right}}th{{cursor:pointer;user-select:none}}th:hover{{background:var(--hover)}}\n\
         a{{color:inherit}}\n\
         .bar{{position:relative;width:120px;height:16px;background:var(--todo);border-radius:3px}}\n\
         .bar div{{height:100%;background:var(--done);border-radius:3px}}\n\
         .bar span{{position:absolute;left:6px;top:0;font-size:12px;line-height:16px}}\n\
         </style></head><body>\n<h1>{t}</h1>\n<p>Source locale <b>{src}</b> · {date} · fluentmark {version}</p>\n\
         <h2>Locales</h2>\n<div class=\"scroll\"><table><thead><tr>\
         <th>locale</th><th>translated</th><th>messages</th><th>fuzzy</th><th>missing</th><th>obsolete</th><th>words</th><th>required</th></tr></thead><tbody>\n",
        t = esc(&title),
        src = esc(&info.source_locale),
        date = esc(&info.date),
        version = env!("CARGO_PKG_VERSION"),
    );
    for (locale, lc) in &report.coverage {
        let t = &lc.total;
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td data-v=\"{:.3}\">{}</td><td class=\"n\" data-v=\"{}\">{}/{}</td>\
             <td class=\"n\" data-v=\"{f}\">{f}</td><td class=\"n\" data-v=\"{m}\">{m}</td>\
             <td class=\"n\" data-v=\"{o}\">{o}</td><td class=\"n\" data-v=\"{}\">{}/{}</td><td>{}</td></tr>",
            esc(locale),
            t.percent(),
            bar(t.percent()),
            t.translated,
            t.translated,
            t.messages,
            t.words_translated,
            t.words_translated,
            t.words,
            lc.required.map_or("-".to_string(), |r| format!("{r}%")),
            f = t.fuzzy,
            m = t.missing,
            o = t.obsolete,
        );
    }
    out.push_str(
        "</tbody></table></div>\n<h2>Pages</h2>\n<p>Click a column to sort.</p>\n<div class=\"scroll\"><table><thead><tr><th>page</th>",
    );
    let locales: Vec<&String> = report.coverage.keys().collect();
    for l in &locales {
        let l = esc(l);
        let _ = write!(
            out,
            "<th>{l}</th><th>{l} fuzzy</th><th>{l} missing</th><th>{l} obsolete</th><th>{l} words</th>"
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    if let Some(first) = locales.first() {
        for page in report.coverage[*first].pages.keys() {
            let _ = write!(out, "<tr><td>{}</td>", esc(page));
            for l in &locales {
                let c = report.coverage[*l]
                    .pages
                    .get(page)
                    .cloned()
                    .unwrap_or_default();
                let p = c.percent();
                let cell = match info.catalog_link {
                    Some(link) => format!(
                        "<a href=\"{}\">{}</a>",
                        esc(&link(&info.locales_dir, l, page)),
                        bar(p)
                    ),
                    None => bar(p),
                };
                let _ = write!(
                    out,
                    "<td data-v=\"{p:.3}\">{cell}</td><td class=\"n\" data-v=\"{f}\">{f}</td>\
                     <td class=\"n\" data-v=\"{m}\">{m}</td><td class=\"n\" data-v=\"{o}\">{o}</td>\
                     <td class=\"n\" data-v=\"{w}\">{w}</td>",
                    f = c.fuzzy,
                    m = c.missing,
                    o = c.obsolete,
                    w = c.words,
                );
            }
            out.push_str("</tr>\n");
        }
    }
    out.push_str(
        "</tbody></table></div>\n<script>\n\
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

/// A small SVG badge for a README: `fr 87%`, red below 50%, orange below
/// 90%, green above.
pub fn svg_badge(locale: &str, percent: f64) -> String {
    let color = if percent >= 90.0 {
        "#4c1"
    } else if percent >= 50.0 {
        "#fe7d37"
    } else {
        "#e05d44"
    };
    let label = esc(locale);
    let value = format!("{percent:.0}%");
    // Text widths at 11px Verdana, about 7px a character.
    let lw = 10 + 7 * label.chars().count();
    let vw = 10 + 7 * value.chars().count();
    let w = lw + vw;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}: {value}\">\
<title>{label}: {value}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"{color}\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{lx}\" y=\"14\">{label}</text><text x=\"{vx}\" y=\"14\">{value}</text></g></svg>\n",
        lx = lw / 2,
        vx = lw + vw / 2,
    )
}
