"""Files shipped with the package: the sample chronology and the JSON Schema.

In a checkout they are links to the top-level `events.yaml` and `resources/`;
a wheel carries copies, so `timeline-app` finds them after any kind of install.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _bundled(name: str) -> Path:
    return Path(str(resources.files("timeline_app") / "bundled" / name))


def bundled_chronology_path() -> Path:
    return _bundled("events.yaml")


def schema_text() -> str:
    return _bundled("events.schema.json").read_text(encoding="utf-8")
