"""Writing YAML scalars that read back exactly as written."""

from __future__ import annotations

import json


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in (("\u2028", "\\L"), ("\u2029", "\\P"), ("\u0085", "\\N"), ("\ufeff", "\\uFEFF")):
        quoted = quoted.replace(char, escape)
    return quoted
