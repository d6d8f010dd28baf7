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
from .compiled import csv_rows as csv_rows_module
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
_rows_in_c = getattr(csv_rows_module, "csv_rows", None)  # (None where `_csv_rows.c` was not built)
# rows read in C at one go, the interpreter held meanwhile: about 6 ms (a million rows read in
# one call held the window still for a second while a large file loaded on its thread)
ROWS_AT_ONCE = 4096


class _Lines:
    """The text's physical lines from `offset`, handed to the csv reader a megabyte at a time
    (never all at once: a list of a 230 MB file's lines, or a StringIO of it, held the
    interpreter for 0.4 s and took a GB), remembering where each began."""

    def __init__(self, text: str, offset: int = 0):
        self.text, self.offset = text, offset
        self.starts = array("q")

    def __iter__(self):
        return chain.from_iterable(self._pieces())

    def _pieces(self):
        text, starts, offset = self.text, self.starts, self.offset
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


class PlacedRows:
    """A CSV's rows: each one's cells and the line it starts on, and where its text lies, so
    its fields' columns can be found when a message needs them (`columns`)."""

    def __init__(self, text: str, delimiter: str):
        self.text, self.delimiter = text, delimiter
        self.cells: list[list[str]] = []
        self.lines: list[int] = []
        self.spans = array("q")  # each row's start and end in the text, and its last line

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self):
        """(line, columns, cells) of each row."""
        return ((line, self.columns(index), cells) for index, (line, cells) in enumerate(zip(self.lines, self.cells)))

    def last_line(self, index: int) -> int:
        return self.spans[3 * index + 2]

    def columns(self, index: int) -> _Columns:
        return _Columns(self, index)

    def read(self, offset: int, line: int, skip_blank: bool, most: int = -1) -> tuple[int, int]:
        """Rows from `offset`, the start of line `line`, as the csv module reads them (in C where
        `_csv_rows.c` was built: a third or more of a 100,000-row file's load in Python); the
        blank ones left out when `skip_blank`. Answers where it stopped; a csv.Error past the header
        is a ReadError at its line."""
        if _rows_in_c is not None:
            limit, end = csv.field_size_limit(), len(self.text)
            while offset < end and most:
                asked = ROWS_AT_ONCE if most < 0 else min(most, ROWS_AT_ONCE)
                cells, lines, spans, offset, line, failed = _rows_in_c(
                    self.text, offset, line, self.delimiter, limit, skip_blank, asked)
                self.cells += cells
                self.lines += lines
                self.spans.frombytes(spans)
                most -= len(lines) if most >= 0 else 0
                if failed:  # a cell too long: the csv module says so
                    return self._read_in_python(offset, line, skip_blank, most)
            return offset, line
        return self._read_in_python(offset, line, skip_blank, most)

    def _read_in_python(self, offset: int, line: int, skip_blank: bool, most: int) -> tuple[int, int]:
        if most == 0:
            return offset, line
        text, lines = self.text, _Lines(self.text, offset)
        reader = csv.reader(lines, delimiter=self.delimiter)
        before, previous_end, made = line - 1, 0, []
        try:
            for row in reader:
                first, previous_end = previous_end + 1, reader.line_num
                if not skip_blank or "".join(row).strip():
                    made.append((first, previous_end, row))
                    if len(made) == most:
                        break
        except csv.Error as error:
            raise ReadError([Problem(before + reader.line_num, 1, f"CSV error: {error}")]) from None
        for first, last, row in made:
            self.cells.append(row)
            self.lines.append(before + first)
            self.spans.extend((lines.starts[first - 1], _PHYSICAL_LINE.match(text, lines.starts[last - 1]).end(), before + last))
        if previous_end == 0:
            return offset, line
        return _PHYSICAL_LINE.match(text, lines.starts[previous_end - 1]).end(), line + previous_end


def placed_rows(text: str):
    """(header names, their columns, rows): `rows()` reads the rows below the header into a
    PlacedRows, blank rows skipped (a csv.Error is then a ReadError at its line)."""
    offset = 1 if text.startswith("\ufeff") else 0
    first_line = _PHYSICAL_LINE.match(text, offset)
    header_line = first_line.group().rstrip("\r\n") if first_line else ""
    delimiter = _delimiter(header_line)
    header_row = PlacedRows(text, delimiter)
    try:
        offset, line = header_row.read(offset, 1, skip_blank=False, most=1)
    except ReadError as error:
        raise ReadError([Problem(1, 1, error.problems[0].message)]) from None
    if not header_row.cells:
        raise ReadError([Problem(1, 1, "CSV file is empty: expected a header row with title and start")])
    names = [name.strip().lower() for name in header_row.cells[0]]
    header_columns = field_columns(header_line, delimiter) if first_line else [1]

    def rows() -> PlacedRows:
        placed = PlacedRows(text, delimiter)
        placed.read(offset, line, skip_blank=True)
        return placed

    return names, header_columns, rows


class _Columns:
    """Where a row's fields start, worked out when a message or a located value first needs it
    (a Python loop over every character: 2 s of a 100,000-row file's 5 s, for nothing).
    `place(n)` is field n's (line, column): a row over several lines has later fields on later lines."""

    __slots__ = ("rows", "index", "places")

    def __init__(self, rows: PlacedRows, index: int):
        self.rows, self.index, self.places = rows, index, None

    def _found(self) -> list[tuple[int, int]]:
        if self.places is None:
            rows, index = self.rows, self.index
            start, end = rows.spans[3 * index], rows.spans[3 * index + 1]
            self.places = field_places(rows.text[start:end], rows.lines[index], rows.delimiter)
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
        return read_sheet(names, header_columns, rows())
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
    root[_text("events", 1, 1)] = CsvEvents(names, rows())  # checked a chunk at a time, like a large YAML file
    return root, problems
