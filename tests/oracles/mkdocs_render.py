"""Renders Markdown pages the way MkDocs does (Python-Markdown with the
extensions a mkdocs.yml lists), for tests/it/mkdocs.rs to compare a source
page with its built translation.

Usage: mkdocs_render.py MKDOCS_YML [PAGE...]
Without PAGE arguments, reads a JSON list of page paths on stdin: pass all
pages in one call (one Python start per page is slow).

Prints one JSON object: {page: {"ids": [...], "structure": [...],
"text": str, "html": str}} where
- ids: the heading ids (h1-h6 `id` attributes), in document order;
- structure: the element tree without text, one entry per start tag
  (`div.admonition.tip`, `a[href=x]`, `details.note[open=open]`) or end
  tag (`/div`): tag, classes and every attribute a translation must keep
  (all but `title` and `alt`; the headings' ids and permalinks are left
  out: `ids` covers them);
- lines: for each structure entry, its line (1-based) in html;
- text: the visible text outside code, pre, kbd, script, style, math,
  abbr (a term kept as written) and arithmatex and keys spans, one space
  between pieces;
- verbatim: the text of each outermost code, pre, script, style, math,
  arithmatex or pymdownx.keys element: a translation must not change it;
- html: what Python-Markdown wrote.
A page Python-Markdown fails on (a snippet not found...) gets
{"error": "..."} instead; the other pages are still rendered.

mkdocs.yml is read with a loader that tolerates `!!python/name:` and other
Python tags (resolved when importable, else null) and `!ENV`.
`markdown_extensions` may be a list (names or one-key maps) or a map.
An extension that cannot be loaded (zensical macros, mdx_include,
markdown_include_variants...) is dropped, and the script says which on
stderr. Include lines of the dropped mdx_include (`{! file !}`) and
markdown_include_variants (`{* file *}`) become a paragraph holding the
line as a code span, so that they neither render as prose nor vanish.

Only the standard library, markdown and pymdownx (and PyYAML, which
pymdownx needs) are used.
"""
import html.parser
import importlib
import json
import os
import re
import sys

import markdown
import yaml


class Loader(yaml.SafeLoader):
    """A safe loader that reads the tags mkdocs.yml files use."""


def _python_tag(loader, suffix, node):
    if suffix.startswith("name:"):
        dotted = suffix[len("name:"):]
        module, _, name = dotted.rpartition(".")
        try:
            return getattr(importlib.import_module(module), name)
        except Exception:  # noqa: BLE001 - a tag we cannot resolve is tolerated
            return None
    return None


def _other_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
Loader.add_multi_constructor("!", _other_tag)

INCLUDE_EXTENSIONS = {"mdx_include": "!", "markdown_include_variants": "*"}


def extensions(config_path):
    """The extensions and their configs from mkdocs.yml; drops (and names
    on stderr) those that do not load. Returns (names, configs, dropped)."""
    with open(config_path, encoding="utf-8") as f:
        config = yaml.load(f, Loader=Loader) or {}
    listed = config.get("markdown_extensions") or []
    pairs = []
    if isinstance(listed, dict):
        pairs = list(listed.items())
    else:
        for item in listed:
            if isinstance(item, dict):
                pairs.extend(item.items())
            else:
                pairs.append((item, None))
    names, configs, dropped = [], {}, []
    for name, cfg in pairs:
        cfg = cfg or {}
        try:
            markdown.Markdown(extensions=[name], extension_configs={name: cfg})
        except Exception as e:  # noqa: BLE001 - any failure drops it
            dropped.append(name)
            print(f"mkdocs_render: dropped extension {name}: {type(e).__name__}: {e}",
                  file=sys.stderr)
            continue
        names.append(name)
        configs[name] = cfg
    # MkDocs puts these first (pymdownx.superfences then replaces
    # fenced_code's preprocessor; after it, fenced_code would come back).
    builtins = [n for n in ("toc", "tables", "fenced_code") if n not in names]
    return builtins + names, configs, dropped


FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def page_markdown(text, include_marks):
    """The page as MkDocs hands it to Python-Markdown: no BOM, no front
    matter; include lines of dropped include extensions made code spans."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    m = FRONT_MATTER.match(text)
    if m:
        text = text[m.end():]
    if include_marks:
        marks = "".join(re.escape(c) for c in include_marks)
        line = re.compile(r"^([ \t]*)\{([" + marks + r"])(.*?)\2\}[ \t]*$", re.M)
        text = line.sub(lambda m: m.group(1) + "`` include" + m.group(3).replace("`", "'")
                        + " ``", text)
    return text


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
# Left out of the visible text; kbd and abbr may hold text a translator
# translates (`<kbd>Ctrl</kbd>` written as HTML), the others not.
HIDDEN = {"code", "pre", "kbd", "script", "style", "math", "abbr"}
VERBATIM = {"code", "pre", "script", "style", "math"}
VERBATIM_CLASSES = {"arithmatex", "keys"}
# Attributes whose value a translation changes.
TRANSLATED_ATTRIBUTES = {"title", "alt"}


class Shape(html.parser.HTMLParser):
    """Heading ids, tag structure and visible text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.structure, self.lines, self.text = [], [], [], []
        self.verbatim, self.buffer = [], []
        self.stack = []  # (tag, hidden, verbatim)

    def hidden(self):
        return any(h for _, h, _ in self.stack)

    def in_verbatim(self):
        return any(v for _, _, v in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if re.fullmatch(r"h[1-6]", tag) and "id" in attrs:
            self.ids.append(attrs["id"])
        entry = tag + "".join("." + c for c in classes)
        heading = re.fullmatch(r"h[1-6]", tag)
        for key in sorted(attrs):
            if key in TRANSLATED_ATTRIBUTES or key == "class":
                continue
            if (heading and key == "id") or (key == "href" and "headerlink" in classes):
                continue
            entry += f"[{key}={attrs[key]}]" if attrs[key] is not None else f"[{key}]"
        self.structure.append(entry)
        self.lines.append(self.getpos()[0])
        if tag not in VOID:
            verbatim = tag in VERBATIM or bool(VERBATIM_CLASSES.intersection(classes))
            self.stack.append((tag, verbatim or tag in HIDDEN, verbatim))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.structure.append("/" + tag)
        self.lines.append(self.getpos()[0])
        was_verbatim = self.in_verbatim()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if was_verbatim and not self.in_verbatim():
            self.verbatim.append("".join(self.buffer))
            self.buffer = []

    def handle_data(self, data):
        if self.in_verbatim():
            self.buffer.append(data)
        if not self.hidden() and data.strip():
            self.text.append(" ".join(data.split()))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    config_path = os.path.abspath(sys.argv[1])
    pages = sys.argv[2:] or json.load(sys.stdin)
    pages = [(p, os.path.abspath(p)) for p in pages]
    # MkDocs runs from the folder of mkdocs.yml: snippets' base paths are
    # relative to it.
    os.chdir(os.path.dirname(config_path))
    names, configs, dropped = extensions(config_path)
    include_marks = "".join(INCLUDE_EXTENSIONS[d] for d in dropped if d in INCLUDE_EXTENSIONS)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    out = {}
    for shown, path in pages:
        with open(path, encoding="utf-8") as f:
            text = page_markdown(f.read(), include_marks)
        md.reset()
        try:
            rendered = md.convert(text)
        except Exception as e:  # noqa: BLE001 - one bad page does not stop the others
            out[shown] = {"error": f"{type(e).__name__}: {e}"}
            continue
        shape = Shape()
        shape.feed(rendered)
        shape.close()
        out[shown] = {
            "ids": shape.ids,
            "structure": shape.structure,
            "lines": shape.lines,
            "text": " ".join(shape.text),
            "verbatim": shape.verbatim,
            "html": rendered,
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
