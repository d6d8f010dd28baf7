"""The one compiled module, `_plain_yaml.c` (built by setup.py where the package is installed), or
None where it was not built (no C compiler there): then every caller takes its Python path, to
the same answers, only slower. Callers ask for each function with getattr: a module built from
older sources may lack a newer one. Imported by name: the layer checks (import-linter) find only
modules written in Python, and took `from ._plain_yaml import …` for an import of the package's top."""

from __future__ import annotations

from importlib import import_module

try:
    plain_yaml = import_module(f"{__package__}._plain_yaml")
except ImportError:
    plain_yaml = None
