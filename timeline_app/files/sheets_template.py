"""The Google Sheets template of TimelineJS, in and out.

A sheet row is a TimelineJS slide written as cells (Year, Month, Day, Time, End …,
Headline, Text, Media …, Type, Group, Background); `Type` says `title` for the title
slide and `era` for an era. Rows are read into TimelineJS's shape with every cell
placed at its row and column, so `timelinejs_read` and the one validation do the rest;
the export is `to_timelinejs` laid out as rows, ready to paste into the template.
"""

from __future__ import annotations

import csv
import io

from ..chronology.model import Chronology
from ..chronology.problems import WARNING, Problem
from .timelinejs import to_timelinejs
from .timelinejs_media import is_colour
from .timelinejs_read import from_timelinejs
from .yaml_reader import Mapping, Sequence, located
from .yaml_reader import located_text as _text

SHEET_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
                 "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group",
                 "Background")
_MEDIA = {"media": "url", "media credit": "credit", "media caption": "caption", "media thumbnail": "thumbnail"}
_DATE_PARTS = ("year", "month", "day")
_KNOWN = {name.lower() for name in SHEET_COLUMNS}


def is_sheet_header(names: list[str]) -> bool:
    return {"year", "month", "day", "headline"} <= set(names)


def read_sheet(names: list[str], header_columns: list[int], rows) -> tuple[Mapping, list]:
    """Template rows (from `csv_format.placed_rows`) as events.yaml-shaped located values;
    what is not read (unknown or repeated columns, cells past the header, a second title row) is warned of at its cell."""
    problems = _header_warnings(names, header_columns)
    document = located(Mapping(), 1, 1)
    events, eras = located(Sequence(), 2, 1), located(Sequence(), 2, 1)
    for line, columns, row in rows:
        cells = {}
        for number, (name, cell) in enumerate(zip(names, row)):
            if cell.strip() and name in _KNOWN and name not in cells:
                cells[name] = (cell, *_place(columns, number, line))
        extra = [number for number in range(len(names), len(row)) if row[number].strip()]
        if extra:
            problems.append(Problem(*_place(columns, extra[0], line), f"{len(extra)} cell(s) past the header's last column are not read", WARNING))
        kind = cells.get("type", ("",))[0].strip().lower()
        slide = _slide(cells, line)
        if kind == "title" and "title" in document:
            problems.append(Problem(*cells["type"][1:], "a second title row is not read: the sheet has one title slide", WARNING))
        elif kind == "title":
            document[_text("title", line, 1)] = slide
        else:
            (eras if kind == "era" else events).append(slide)
    document[_text("events", 1, 1)] = events
    if eras:
        document[_text("eras", 1, 1)] = eras
    result, warnings = from_timelinejs(document)
    return result, problems + warnings


def _place(columns, number: int, line: int) -> tuple[int, int]:
    """Field `number`'s (line, column): a row over several lines has later fields on later lines."""
    return columns.place(number) if number < len(columns) else (line, 1)


def _column(columns: list[int], number: int) -> int:
    return columns[number] if number < len(columns) else 1


def _header_warnings(names: list[str], header_columns: list[int]) -> list[Problem]:
    """Columns the template does not have, and a column given twice: their cells are not read."""
    problems = []
    for number, name in enumerate(names):
        column = _column(header_columns, number)
        if name and name not in _KNOWN:
            problems.append(Problem(1, column, f"unknown column '{name}' in a TimelineJS sheet: its cells are not read "
                                               f"(columns: {', '.join(SHEET_COLUMNS)})", WARNING))
        elif name and name in names[:number]:
            problems.append(Problem(1, column, f"column '{name}' is given twice: only the first is read", WARNING))
    return problems


def _slide(cells: dict, line: int) -> Mapping:
    slide = located(Mapping(), line, 1)
    at = lambda name, value: _text(value, *cells[name][1:])  # a value placed at its cell
    for key, prefix in (("start_date", ""), ("end_date", "end ")):
        filled = [part for part in (*_DATE_PARTS, "time") if prefix + part in cells]
        if filled:
            first = cells[prefix + filled[0]]
            parts = located(Mapping(), first[1], first[2])
            for part in _DATE_PARTS:
                if prefix + part in cells:
                    parts[_text(part, *cells[prefix + part][1:])] = at(prefix + part, cells[prefix + part][0].strip())
            if prefix + "time" in cells:
                for part, value in zip(("hour", "minute", "second"), cells[prefix + "time"][0].strip().split(":")):
                    parts[_text(part, *cells[prefix + "time"][1:])] = at(prefix + "time", value)
            slide[_text(key, first[1], first[2])] = parts
    text = located(Mapping(), line, 1)
    for name, key in (("headline", "headline"), ("text", "text")):
        if name in cells:
            text[_text(key, *cells[name][1:])] = at(name, cells[name][0])
    slide[_text("text", line, 1)] = text
    media = located(Mapping(), line, 1)
    for name, key in _MEDIA.items():
        if name in cells:
            media[_text(key, *cells[name][1:])] = at(name, cells[name][0].strip())
    if media:
        slide[_text("media", line, 1)] = media
    for name, key in (("display date", "display_date"), ("group", "group")):
        if name in cells:
            slide[_text(key, *cells[name][1:])] = at(name, cells[name][0].strip())
    if "background" in cells:
        value = cells["background"][0].strip()
        background = located(Mapping(), *cells["background"][1:])
        background[_text("color" if is_colour(value) else "url", *cells["background"][1:])] = at("background", value)
        slide[_text("background", *cells["background"][1:])] = background
    return slide


def to_sheet(chronology: Chronology) -> str:
    """The template's rows: the title slide, the events, then the eras (CRLF rows, UTF-8)."""
    document = to_timelinejs(chronology)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    writer.writerow(_row(document["title"], "title"))
    writer.writerows(_row(slide, "") for slide in document["events"])
    writer.writerows(_row(era, "era") for era in document.get("eras", []))
    return buffer.getvalue()


def _row(slide: dict, kind: str) -> list[str]:
    start, end = slide.get("start_date", {}), slide.get("end_date", {})
    media, text, background = slide.get("media", {}), slide.get("text", {}), slide.get("background", {})
    return [
        *(str(start.get(part, "")) for part in _DATE_PARTS), _time(start),
        *(str(end.get(part, "")) for part in _DATE_PARTS), _time(end),
        slide.get("display_date", ""), text.get("headline", ""), text.get("text", ""),
        media.get("url", ""), media.get("credit", ""), media.get("caption", ""), media.get("thumbnail", ""),
        kind, slide.get("group", ""), background.get("color") or background.get("url", ""),
    ]


def _time(parts: dict) -> str:
    if "hour" not in parts:
        return ""
    return ":".join(f"{parts[unit]:02d}" for unit in ("hour", "minute", "second") if unit in parts)
