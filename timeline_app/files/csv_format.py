"""CSV in and out: one row per event, with the same FILE:LINE:COL checks as YAML.

The reader turns a CSV into the located values the YAML reader makes, shaped like
an events.yaml, so one validator gives every format the same messages.
"""

from __future__ import annotations

import csv
import io
import re
from array import array
from itertools import accumulate, chain

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
    return [column for _, column in field_places(line, 1, delimiter)]


def field_places(text: str, first_line: int, delimiter: str = ",") -> list[tuple[int, int]]:
    """(line, column) where each field of a row starts; `text` is the row's physical lines,
    breaks included (a quoted cell may hold line breaks). A quote opens quoting only at a
    field's start, as the csv module reads it (`He said "hi,x` is two fields)."""
    places, line, column = [(first_line, 1)], first_line, 1
    in_quotes, at_field_start, position = False, True, 0
    while position < len(text):
        char = text[position]
        if char in "\r\n":  # a break inside a quoted cell (\r\n counts once)
            position += 2 if text[position : position + 2] == "\r\n" else 1
            line, column = line + 1, 1
            continue
        if in_quotes:
            if char == '"':
                if text[position + 1 : position + 2] == '"':
                    position, column = position + 1, column + 1  # a doubled quote: one quote inside the cell
                else:
                    in_quotes = False
        elif char == '"' and at_field_start:
            in_quotes = True
        elif char == delimiter:
            places.append((line, column + 1))
            at_field_start = True
            position, column = position + 1, column + 1
            continue
        at_field_start = False
        position, column = position + 1, column + 1
    return places


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # as io.StringIO(text, newline="") gives lines


_LINES_PIECE = 1 << 20


class _Lines:
    """The text's physical lines, handed to the csv reader a megabyte at a time (never all at
    once: a list of a 230 MB file's lines, or a StringIO of it, held the interpreter for 0.4 s
    and took a GB), remembering where each began so a row's places can be found when a
    message needs them."""

    def __init__(self, text: str):
        self.text = text
        self.starts = array("q")

    def __iter__(self):
        return chain.from_iterable(self._pieces())

    def _pieces(self):
        text, starts, offset = self.text, self.starts, 0
        while offset < len(text):
            end = text.find("\n", min(offset + _LINES_PIECE, len(text)))  # a piece ends after a line feed
            end = len(text) if end == -1 else end + 1
            piece = text[offset:end]
            lines = piece.splitlines(True)
            breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
            if len(lines) != breaks + (not piece.endswith(("\n", "\r"))):
                lines = _PHYSICAL_LINE.findall(piece)  # str.splitlines also broke at \x0b, \x85, U+2028…: CSV does not
            starts.extend(accumulate(map(len, lines[:-1]), initial=offset))
            yield lines
            offset = end

    def lines(self, first: int, last: int) -> str:
        """Lines `first` to `last` (1-based, already read), with their breaks."""
        end = _PHYSICAL_LINE.match(self.text, self.starts[last - 1]).end()
        return self.text[self.starts[first - 1] : end]


def placed_rows(text: str):
    """(header names, their columns, rows): each row as (line, columns, cells), blank rows skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line = _PHYSICAL_LINE.match(text)
    header_line = first_line.group().rstrip("\r\n") if first_line else ""
    delimiter = _delimiter(header_line)
    lines = _Lines(text)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError([Problem(1, 1, "CSV file is empty: expected a header row with title and start")]) from None
    except csv.Error as error:
        raise ReadError([Problem(1, 1, f"CSV error: {error}")]) from None
    names = [name.strip().lower() for name in header]
    header_columns = field_columns(header_line, delimiter) if first_line else [1]
    header_end = reader.line_num  # a quoted header name may span lines

    def rows():
        previous_end = header_end
        try:
            for row in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if "".join(row).strip():  # not a blank row
                    yield line, _Columns(lines, line, previous_end, delimiter), row
        except csv.Error as error:
            raise ReadError([Problem(reader.line_num, 1, f"CSV error: {error}")]) from None

    return names, header_columns, rows()


class _Columns:
    """Where a row's fields start, worked out when a message or a located value first needs it
    (a Python loop over every character: 2 s of a 100,000-row file's 5 s, for nothing).
    `place(n)` is field n's (line, column): a row over several lines has later fields on later lines."""

    __slots__ = ("lines", "first", "last", "delimiter", "places")

    def __init__(self, lines: _Lines, first: int, last: int, delimiter: str):
        self.lines, self.first, self.last, self.delimiter, self.places = lines, first, last, delimiter, None

    def _found(self) -> list[tuple[int, int]]:
        if self.places is None:
            self.places = field_places(self.lines.lines(self.first, self.last), self.first, self.delimiter)
        return self.places

    def __len__(self) -> int:
        return len(self._found())

    def place(self, number: int) -> tuple[int, int]:
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
