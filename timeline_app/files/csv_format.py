"""CSV in and out: one row per event, with the same FILE:LINE:COL checks as YAML.

The reader turns a CSV into the located values the YAML reader makes, shaped like
an events.yaml, so one validator gives every format the same messages.
"""

from __future__ import annotations

import csv
import io

from ..chronology.edtf import edtf_of
from ..chronology.model import Chronology, Source
from ..chronology.problems import Problem
from .csv_events import CSV_COLUMNS, CsvEvents
from .sheets_template import is_sheet_header, read_sheet
from .yaml_reader import Mapping, ReadError, located
from .yaml_reader import located_text as _text

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
                if "".join(row).strip():  # not a blank row
                    yield line, _Columns(raw_lines[line - 1], delimiter) if line - 1 < len(raw_lines) else [1], row
        except csv.Error as error:
            raise ReadError([Problem(reader.line_num, 1, f"CSV error: {error}")]) from None

    return names, header_columns, rows()


class _Columns:
    """A row's field columns, worked out when a message or a located value first needs them
    (a Python loop over every character: 2 s of a 100,000-row file's 5 s, for nothing)."""

    __slots__ = ("line", "delimiter", "columns")

    def __init__(self, line: str, delimiter: str):
        self.line, self.delimiter, self.columns = line, delimiter, None

    def _found(self) -> list[int]:
        if self.columns is None:
            self.columns = field_columns(self.line, self.delimiter)
        return self.columns

    def __len__(self) -> int:
        return len(self._found())

    def __getitem__(self, number: int) -> int:
        return self._found()[number]


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
    root = located(Mapping(), 1, 1)
    root[_text("title", 1, 1)] = _text("", 1, 1)
    root[_text("events", 1, 1)] = CsvEvents(names, list(rows))  # checked a chunk at a time, like a large YAML file
    return root, problems
