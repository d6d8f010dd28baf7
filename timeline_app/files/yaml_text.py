"""Writing YAML scalars that read back exactly as written."""

from __future__ import annotations

import json
import re


def quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    for char, escape in (("\u2028", "\\L"), ("\u2029", "\\P"), ("\u0085", "\\N"), ("\ufeff", "\\uFEFF")):
        quoted = quoted.replace(char, escape)
    # YAML allows no DEL, C1 controls or U+FFFE/U+FFFF raw in a file; JSON leaves them be
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02X}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04X}", quoted)


_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
