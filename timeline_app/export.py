"""One entry point for every export format, shared by the command line and the window."""

from __future__ import annotations

import dataclasses
import json
import os

from .dates import PartialDate
from .model import Chronology

TEXT_FORMATS = ("json", "csv", "timelinejs", "yaml", "svg")
IMAGE_FORMATS = ("png", "svg", "pdf")
FORMATS = ("json", "csv", "timelinejs", "yaml", "png", "svg", "pdf")
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


def render(chronology: Chronology, fmt: str, start: PartialDate | None = None, end: PartialDate | None = None,
           width: int = 1600, page: str = "A4", **picture_options) -> bytes:
    """The bytes of `chronology` in `fmt`, over [start, end] when given."""
    if fmt in IMAGE_FORMATS:
        from .export_image import TimelinePicture

        chosen = within(chronology, start, end)
        return picture_bytes(lambda w: TimelinePicture(chosen, w, start, end, **picture_options), width, fmt, page)
    from . import interchange

    chosen = within(chronology, start, end)
    if fmt == "json":
        return interchange.to_json(chosen).encode("utf-8")
    if fmt == "csv":
        return interchange.to_csv(chosen).encode("utf-8")
    if fmt == "timelinejs":
        return (json.dumps(interchange.to_timelinejs(chosen), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return interchange.to_yaml(chosen).encode("utf-8")


def picture_bytes(make, width: int, fmt: str, page: str = "A4") -> bytes:
    """Encode the picture `make(width)` draws as png, svg or pdf (a PDF re-laid out to fill its page)."""
    picture = make(width)
    if fmt == "pdf":
        picture = _fit_to_page(picture, make)
    return {"png": picture.png, "svg": picture.svg, "pdf": lambda: picture.pdf(page)}[fmt]()


PAGE_ASPECT = 277 / 190  # A4 and Letter landscape, inside 10 mm margins, near enough


def _fit_to_page(picture, make):
    """A wide, short timeline printed on a landscape page leaves most of it empty and its
    text tiny: lay it out narrower so it fills the page (never below 1100 px)."""
    width, height = picture.size.width(), picture.size.height()
    if width / height <= PAGE_ASPECT * 1.1:
        return picture
    return make(max(1100, int(height * PAGE_ASPECT)))


def write_export(out: str, data: bytes, source_path: str) -> None:
    """Write atomically, never over the file the export was made from."""
    from .atomic_write import write_atomically

    if os.path.exists(out) and os.path.exists(source_path) and os.path.samefile(out, source_path):
        raise ExportError(f"refusing to overwrite the input file '{source_path}'", usage=True)
    try:
        write_atomically(out, data)
    except OSError as error:
        raise ExportError(f"cannot write '{out}': {error.strerror or error}") from None
