"""The compiled modules, `_plain_yaml.c` and `_plain_events.c` (built by setup.py where the package
is installed), each None where it was not built (no C compiler there): then every caller takes its
Python path, to the same answers, only slower. Callers ask for each function with getattr: a module
built from older sources may lack a newer one. Imported by name: the layer checks (import-linter)
find only modules written in Python, and took `from ._plain_yaml import …` for an import of the
package's top."""

from __future__ import annotations

from importlib import import_module


def _built(name: str):
    try:
        return import_module(f"{__package__}.{name}")
    except ImportError:
        return None


plain_yaml = _built("_plain_yaml")
plain_events = _built("_plain_events")
