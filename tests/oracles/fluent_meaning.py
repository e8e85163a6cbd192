"""Reads Fluent catalogs the way Pontoon (Python fluent.syntax) and Weblate
(translate-toolkit) do, and prints what they mean as JSON, for
tests/it/oracles.rs to compare with fluentmark's own reading.

Usage: fluent_meaning.py FILE...
Prints one JSON object: {file: {"junk": [...], "messages": {id: value},
"ttk_error": str|null, "ttk_notes": [notes of each unit]}}.
A value is its text with each string literal placeable replaced by its
value and each variable reference written {$name}; any other placeable
is written {?}.
"""
import json
import sys

from fluent.syntax import ast, parse
from translate.storage.fluent import FluentFile


def unescape(raw):
    # Fluent string literal escapes: \\ \" \uXXXX \UXXXXXX
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            n = raw[i + 1]
            if n in "\\\"":
                out.append(n)
                i += 2
                continue
            if n == "u":
                out.append(chr(int(raw[i + 2:i + 6], 16)))
                i += 6
                continue
            if n == "U":
                out.append(chr(int(raw[i + 2:i + 8], 16)))
                i += 8
                continue
        out.append(c)
        i += 1
    return "".join(out)


def value(pattern):
    if pattern is None:
        return None
    parts = []
    for el in pattern.elements:
        if isinstance(el, ast.TextElement):
            parts.append(el.value)
        elif isinstance(el.expression, ast.StringLiteral):
            parts.append(unescape(el.expression.value))
        elif isinstance(el.expression, ast.VariableReference):
            parts.append("{$" + el.expression.id.name + "}")
        else:
            parts.append("{?}")
    return "".join(parts)


def main():
    result = {}
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        resource = parse(text)
        junk = [e.content for e in resource.body if isinstance(e, ast.Junk)]
        messages = {}
        for e in resource.body:
            if isinstance(e, ast.Message) and e.id.name not in messages:
                messages[e.id.name] = value(e.value)
        ttk_error, notes = None, []
        try:
            store = FluentFile()
            store.parse(data)
            notes = [u.getnotes() or "" for u in store.units if not u.isheader()]
        except Exception as exc:  # noqa: BLE001 - reported to the test
            ttk_error = str(exc)
        result[path] = {
            "junk": junk,
            "messages": messages,
            "ttk_error": ttk_error,
            "ttk_notes": notes,
        }
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
