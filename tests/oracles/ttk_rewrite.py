"""Rewrites a Fluent catalog as Weblate does: translate-toolkit loads it,
appends a new unit at the end (ID and value from argv), and serializes it.

Usage: ttk_rewrite.py FILE ID VALUE
"""
import sys

from translate.storage.fluent import FluentFile, FluentUnit


def main():
    path, new_id, new_value = sys.argv[1:4]
    with open(path, "rb") as f:
        store = FluentFile()
        store.parse(f.read())
    unit = FluentUnit(source=new_value)
    unit.setid(new_id)
    store.addunit(unit)
    with open(path, "wb") as f:
        store.serialize(f)


if __name__ == "__main__":
    main()
