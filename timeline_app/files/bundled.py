"""Files shipped with the package: the sample chronology and the JSON Schema.

In a checkout they are links to the top-level `events.yaml` and `resources/`;
a wheel carries copies, so `timeline-app` finds them after any kind of install.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def _bundled(name: str) -> Path:
    return Path(str(resources.files("timeline_app") / "bundled" / name))


def bundled_chronology_path() -> Path:
    return _bundled("events.yaml")


def schema_text() -> str:
    return _bundled("events.schema.json").read_text(encoding="utf-8")


def is_bundled(path: str | os.PathLike) -> bool:
    """Whether `path` is the sample shipped inside the package: it opens read-only (an edit
    there would be lost at the next reinstall); "Save a copy to edit" gives the user their own."""
    try:
        return os.path.samefile(path, bundled_chronology_path())
    except OSError:
        return False
