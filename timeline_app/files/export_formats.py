"""Choosing an export format and writing data exports; pictures are drawn by `gui.picture`."""

from __future__ import annotations

import dataclasses
import json
import os

from ..chronology.dates import PartialDate
from ..chronology.model import Chronology
from .atomic_write import write_atomically
from .csv_format import to_csv
from .csv_losses import csv_losses
from .json_format import to_json
from .sheets_template import to_sheet
from .timelinejs import to_timelinejs
from .timelinejs_losses import timelinejs_losses
from .yaml_export import to_yaml

IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = ("json", "csv", "timelinejs", "timelinejs-sheet", "yaml", "png", "svg", "pdf")
_BY_EXTENSION = {".json": "json", ".csv": "csv", ".yaml": "yaml", ".yml": "yaml", ".png": "png", ".svg": "svg", ".pdf": "pdf"}


class ExportError(Exception):
    """Why nothing was exported; `usage` when the request itself was wrong (exit 2)."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def format_for(out: str, requested: str | None) -> str:
    """The format asked for, else the one OUT's extension names (`-` means JSON)."""
    if requested:
        if requested.lower() not in FORMATS:
            raise ExportError(f"unknown format '{requested}' (choose from {', '.join(FORMATS)})", usage=True)
        return requested.lower()
    if out == "-":
        return "json"
    if out.lower().endswith((".timeline.json", ".timelinejs.json")):
        return "timelinejs"
    extension = os.path.splitext(out)[1].lower()
    if extension not in _BY_EXTENSION:
        raise ExportError(f"cannot tell the format of '{out}': use --format ({', '.join(FORMATS)})", usage=True)
    return _BY_EXTENSION[extension]


def within(chronology: Chronology, start: PartialDate | None, end: PartialDate | None) -> Chronology:
    """The chronology with only the events that overlap [start, end]."""
    if start is None and end is None:
        return chronology
    low = start.seconds() if start else float("-inf")
    high = end.end_seconds() if end else float("inf")
    events = [e for e in chronology.events if e.end_seconds() > low and e.start_seconds() < high]
    return dataclasses.replace(chronology, events=events)


def render_data(chronology: Chronology, fmt: str, start: PartialDate | None = None,
                end: PartialDate | None = None) -> bytes:
    """The bytes of `chronology` in a data format (json, csv, timelinejs, timelinejs-sheet, yaml), over [start, end]."""
    chosen = within(chronology, start, end)
    if fmt == "json":
        return to_json(chosen).encode("utf-8")
    if fmt == "csv":
        return to_csv(chosen).encode("utf-8")
    if fmt == "timelinejs":
        return (json.dumps(to_timelinejs(chosen), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "timelinejs-sheet":
        return to_sheet(chosen).encode("utf-8")
    if fmt == "yaml":
        return to_yaml(chosen).encode("utf-8")
    raise ExportError(f"'{fmt}' is a picture format: the window's picture module draws it", usage=True)


def export_warnings(chronology: Chronology, fmt: str) -> list[str]:
    """What the chosen format cannot hold, one line per format, for the user to read."""
    if fmt in ("timelinejs", "timelinejs-sheet"):
        lost = timelinejs_losses(chronology, sheet=fmt == "timelinejs-sheet")
        return [lost] if lost else []
    if fmt == "csv":
        lost = csv_losses(chronology)
        return [lost] if lost else []
    return []


def write_export(out: str, data: bytes, source_path: str) -> None:
    """Write atomically, never over the file the export was made from."""
    if os.path.exists(out) and os.path.exists(source_path) and os.path.samefile(out, source_path):
        raise ExportError(f"refusing to overwrite the input file '{source_path}'", usage=True)
    try:
        if os.path.exists(out) and not os.path.isfile(out):
            _write_into(out, data)  # a pipe or a device (/dev/stdout): write into it, never replace it
        else:
            write_atomically(out, data)
    except OSError as error:
        raise ExportError(f"cannot write '{out}': {error.strerror or error}") from None


def _write_into(out: str, data: bytes) -> None:
    if os.path.isdir(out):
        raise ExportError(f"'{out}' is a directory: name a file to export to", usage=True)
    with open(out, "wb") as stream:
        stream.write(data)
