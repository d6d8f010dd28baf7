"""The compiled modules of a package, each None where it was not built (no C compiler there):
then every caller takes its Python path, to the same answers, only slower. Callers ask for each
function with getattr: a module built from older sources may lack a newer one. Imported by name:
the layer checks (import-linter) find only modules written in Python, and took `from ._x import …`
for an import of the package's top."""

from __future__ import annotations

from importlib import import_module


def built(package: str, name: str):
    """`package.name` where it was built, else None."""
    try:
        return import_module(f"{package}.{name}")
    except ImportError:
        return None


event_times = built(__package__, "_event_times")
search_text = built(__package__, "_search_text")
