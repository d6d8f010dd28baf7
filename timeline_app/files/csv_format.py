"""CSV in and out: one row per event, with the same FILE:LINE:COL checks as YAML.

The reader turns a CSV into the located values the YAML reader makes, shaped like
an events.yaml, so one validator gives every format the same messages.
"""

from __future__ import annotations

import csv
import io
import re

from ..chronology.edtf import edtf_of
from ..chronology.model import Chronology, Source
from ..chronology.problems import Problem
from .sheets_template import is_sheet_header, read_sheet
from .yaml_reader import Mapping, ReadError, Sequence, located
from .yaml_reader import located_text as _text

CSV_COLUMNS = ("id", "title", "start", "end", "precision", "category", "tags", "description", "sources", "edtf",
               "location", "display_date", "media", "media_caption", "media_credit", "media_thumbnail", "media_alt",
               "background")
_DERIVED = ("precision", "edtf")  # written for readers, worked out again from the dates
_MEDIA_PARTS = ("caption", "credit", "thumbnail", "alt")


def to_csv(chronology: Chronology) -> str:
    """One row per event; UTF-8 with a BOM and CRLF rows so Excel and LibreOffice read it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology.events:
        media = event.media
        background = event.background
        writer.writerow(
            [
                event.id,
                event.title,
                event.start_text(),
                event.end_text(),
                event.start.precision,
                event.category,
                tags_cell(event.tags),
                event.description,
                "\n".join(map(_source_line, event.sources)),
                edtf_of(event),
                event.location,
                event.display_date,
                media.url if media else "",
                *(getattr(media, part) if media else "" for part in _MEDIA_PARTS),
                " ".join(part for part in (background.color, background.url) if part) if background else "",
            ]
        )
    return "\ufeff" + buffer.getvalue()


def tags_cell(tags: tuple[str, ...]) -> str:
    """Tags joined by `; `, a tag holding `;` (or starting with a quote) in double quotes."""
    return "; ".join(f'"{tag.replace(chr(34), chr(34) * 2)}"' if ";" in tag or tag.startswith('"') else tag for tag in tags)


def _tags(cell: str) -> list[str]:
    """The tags of a cell written by `tags_cell` (or by hand: `a; b`)."""
    return [tag.strip() for tag in next(csv.reader([cell], delimiter=";", skipinitialspace=True), []) if tag.strip()]


def _source_line(source: Source) -> str:
    """A bare link, or `title | publisher | date | link` when there is more to say."""
    if not (source.title or source.publisher or source.date):
        return source.url
    return " | ".join((source.title, source.publisher, source.date, source.url))


def field_columns(line: str, delimiter: str = ",") -> list[int]:
    """1-based columns where each CSV field of a (single) physical line starts."""
    columns, in_quotes, position = [1], False, 0
    while position < len(line):
        char = line[position]
        if char == '"':
            in_quotes = not in_quotes
        elif char == delimiter and not in_quotes:
            columns.append(position + 2)
        position += 1
    return columns


def placed_rows(text: str):
    """(header names, their columns, rows): each row as (line, columns, cells), blank rows skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = text.splitlines()
    delimiter = _delimiter(raw_lines[0] if raw_lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError([Problem(1, 1, "CSV file is empty: expected a header row with title and start")]) from None
    except csv.Error as error:
        raise ReadError([Problem(1, 1, f"CSV error: {error}")]) from None
    names = [name.strip().lower() for name in header]
    header_columns = field_columns(raw_lines[0], delimiter) if raw_lines else [1]

    def rows():
        previous_end = 1
        try:
            for row in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if any(cell.strip() for cell in row):
                    yield line, field_columns(raw_lines[line - 1], delimiter) if line - 1 < len(raw_lines) else [1], row
        except csv.Error as error:
            raise ReadError([Problem(reader.line_num, 1, f"CSV error: {error}")]) from None

    return names, header_columns, rows()


def _delimiter(header: str) -> str:
    """`,`, or the `;` or tab the header row is separated by (Excel writes `;` where the decimal mark is a comma)."""
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_csv(text: str) -> object:
    """A CSV with a header row (title and start required) as events.yaml-shaped located values;
    a Google Sheets TimelineJS template is recognised by its header and read as such."""
    names, header_columns, rows = placed_rows(text)
    if is_sheet_header(names):
        return read_sheet(names, header_columns, rows)
    problems = []
    for required in ("title", "start"):
        if required not in names:
            problems.append(Problem(1, 1, f"CSV header has no `{required}` column (columns: {', '.join(names)})"))
    for number, name in enumerate(names):
        if name and name not in CSV_COLUMNS:
            where = header_columns[number] if number < len(header_columns) else 1
            problems.append(Problem(1, where, f"unknown CSV column '{name}' (known: {', '.join(CSV_COLUMNS)})", "warning"))
    if any(p.severity == "error" for p in problems):
        raise ReadError(problems)
    events = located(Sequence(), 2, 1)
    root = located(Mapping(), 1, 1)
    root[_text("title", 1, 1)] = _text("", 1, 1)
    for line, columns, row in rows:
        event = located(Mapping(), line, 1)
        for number, (name, cell) in enumerate(zip(names, row)):
            if name not in CSV_COLUMNS or name in _DERIVED or not cell.strip():
                continue
            column = columns[number] if number < len(columns) else 1
            _read_cell(event, name, cell, line, column)
        events.append(event)
    root[_text("events", 1, 1)] = events
    return root, problems


def _read_cell(event: Mapping, name: str, cell: str, line: int, column: int) -> None:
    """One cell into the event, placed at its row and column."""
    at = lambda value: _text(value, line, column)
    if name == "tags":
        event[at(name)] = located(Sequence(at(tag) for tag in _tags(cell.replace("\n", " "))), line, column)
    elif name == "sources":
        event[at(name)] = located(Sequence(_source(part, line, column) for part in _source_parts(cell)), line, column)
    elif name.startswith("media"):
        media = event.setdefault(at("media"), located(Mapping(), line, column))
        media[at(name.removeprefix("media_") if name != "media" else "url")] = at(cell.strip())
    elif name == "background":
        event[at(name)] = _background(cell.strip(), at, line, column)
    else:
        event[at(name)] = at(cell if name in ("title", "description", "display_date", "location") else cell.strip())


def _background(cell: str, at, line: int, column: int) -> Mapping:
    """`#102030`, a picture's path or link (spaces and all), or a colour then the picture."""
    color, _, url = cell.partition(" ") if cell.startswith("#") else ("", "", cell)
    background = located(Mapping(), line, column)
    for key, value in (("color", color), ("url", url.strip())):
        if value:
            background[at(key)] = at(value)
    return background


def _source_parts(cell: str) -> list[str]:
    """The sources in a cell: one per line (`title | publisher | date | link`), or bare links."""
    parts = []
    for line in cell.splitlines():
        parts.extend([line.strip()] if " | " in line else line.split())
    return [part for part in parts if part]


def _source(part: str, line: int, column: int) -> object:
    fields = re.split(r"(?:^|\s)\|(?:\s|$)", part)  # "title | publisher |  |": the empty date and link too
    if len(fields) < 4:
        return _text(part, line, column)
    *title, publisher, date, url = fields
    source = located(Mapping(), line, column)
    for key, value in (("title", " | ".join(title)), ("publisher", publisher), ("date", date), ("url", url)):
        if value.strip():
            source[_text(key, line, column)] = _text(value.strip(), line, column)
    return source
