"""A CSV's rows as events: plain values for the fast check, located values where a chunk needs them.

One function reads a row's cells into an event (`event_of_row`); what it makes of each
value is the caller's: plain str, dict and list for the fast check, or `Text`,
`Mapping` and `Sequence` placed at the cell's line and column for the precise one.
So both see the same event, and only the rare chunk with a problem pays for places
(finding a row's columns is a Python loop over every character).
"""

from __future__ import annotations

import csv
import re
from collections import deque
from itertools import chain, compress, repeat
from operator import not_, sub

from .chunked_events import ChunkedEvents
from .compiled import plain_rows as plain_rows_module
from .fast_reader import CHUNK_ITEMS
from .yaml_reader import Mapping, Sequence, located, located_text

CSV_COLUMNS = ("id", "title", "start", "end", "precision", "category", "tags", "description", "sources", "edtf",
               "location", "display_date", "media", "media_caption", "media_credit", "media_thumbnail", "media_alt",
               "background")
_DERIVED = ("precision", "edtf")  # written for readers, worked out again from the dates
_READ = frozenset(CSV_COLUMNS) - set(_DERIVED)
_AS_WRITTEN = frozenset(("title", "description", "display_date", "location"))  # the rest are stripped


class _Plain:
    """Values as yaml-rs gives them: what the fast check reads."""

    @staticmethod
    def row_place() -> None:
        return None

    @staticmethod
    def place(number: int) -> None:
        return None

    @staticmethod
    def text(value: str, where) -> str:
        return value

    @staticmethod
    def mapping(where) -> dict:
        return {}

    @staticmethod
    def sequence(items, where) -> list:
        return list(items)


class _Located:
    """Values placed at their cell, as the YAML reader places its own: `place(n)` is field n's
    (line, column); a row over several lines (a quoted line break) has later fields on later lines."""

    def __init__(self, line: int, columns=()):
        self.line, self.columns = line, columns

    def row_place(self) -> tuple[int, int]:
        return self.line, 1

    def place(self, number: int) -> tuple[int, int]:
        return self.columns.place(number) if number < len(self.columns) else (self.line, 1)

    def text(self, value: str, where: tuple[int, int]):
        return located_text(value, *where)

    def mapping(self, where: tuple[int, int]):
        return located(Mapping(), *where)

    def sequence(self, items, where: tuple[int, int]):
        return located(Sequence(items), *where)


def event_of_row(names: list[str], row: list[str], make) -> dict:
    """The event a row holds, shaped like an events.yaml item; empty cells are left out."""
    event = make.mapping(make.row_place())
    for number, (name, cell) in enumerate(zip(names, row)):
        if name not in _READ or not cell or cell.isspace():
            continue
        where = make.place(number)
        at = lambda value: make.text(value, where)  # noqa: E731 - the cell's place, for every value made from it
        if name in _SHAPED:
            _shaped_cell(event, name, cell, at, make, where)
        else:
            event[at(name)] = at(cell if name in _AS_WRITTEN else cell.strip())
    return event


_SHAPED = frozenset(("tags", "sources", "background")) | {name for name in CSV_COLUMNS if name.startswith("media")}
_plain_rows_in_c = getattr(plain_rows_module, "plain_rows", None)  # (None where `_plain_rows.c` was not built)
_AS_WRITTEN_CELL, _STRIPPED, _TAG_LIST, _LINK_LIST, _SHAPED_CELL = (
    (plain_rows_module.AS_WRITTEN, plain_rows_module.STRIPPED, plain_rows_module.TAGS, plain_rows_module.LINKS,
     plain_rows_module.SHAPED) if _plain_rows_in_c is not None else range(5))
_HOW = {**dict.fromkeys(_AS_WRITTEN, _AS_WRITTEN_CELL), "tags": _TAG_LIST, "sources": _LINK_LIST}


def _shaped_cell(event, name: str, cell: str, at, make, where) -> None:
    """A cell that holds more than one text: tags, sources, media, background."""
    if name == "tags":
        event[at(name)] = make.sequence((at(tag) for tag in _tags(_one_line(cell))), where)
    elif name == "sources":
        event[at(name)] = make.sequence((_source(part, at, make, where) for part in _source_parts(cell)), where)
    elif name.startswith("media"):
        media = event.setdefault(at("media"), make.mapping(where))
        media[at(name.removeprefix("media_") if name != "media" else "url")] = at(cell.strip())
    else:
        event[at(name)] = _background(cell.strip(), at, make, where)


class PlainRows:
    """`event_of_row(names, row, _Plain)` for many rows of one header, at C speed for the
    plain columns (a dict comprehension per row instead of a Python step per cell)."""

    def __init__(self, names: list[str]):
        self.names = names
        read = [(number, name) for number, name in enumerate(names) if name in _READ]
        self.as_written = [(number, name) for number, name in read if name in _AS_WRITTEN]
        self.stripped = [(number, name) for number, name in read if name not in _AS_WRITTEN and name not in _SHAPED]
        self.shaped = [(number, name) for number, name in read if name in _SHAPED]
        self.order_matters = len({name for _, name in read}) < len(read)  # a column named twice: the last one wins
        self._plan = [(number, name, _HOW.get(name, _STRIPPED if name not in _SHAPED else _SHAPED_CELL))
                      for number, name in self.as_written + self.stripped + self.shaped]

    def events(self, rows: list[list[str]]) -> list[dict]:
        """`[self.event(row) for row in rows]`, each row's event made at once in C where
        `_plain_rows.c` was built (a fifth of a million rows' load, a column at a time below),
        else a column at a time at C speed (a Python step per row cost 100,000 rows 0.4 s).
        Rows it cannot be sure of (a short row, a column named twice, a media or background cell,
        a quoted tag, a structured source) go row by row."""
        if _plain_rows_in_c is not None and not self.order_matters and type(rows) is list:
            made = _plain_rows_in_c(rows, self._plan, len(self.names))
            if made is not None:
                return made
        return self.events_in_python(rows)

    def events_in_python(self, rows: list[list[str]]) -> list[dict]:
        count = len(self.names)
        if self.order_matters or not rows or min(map(len, rows)) < count:
            return list(map(self.event, rows))
        columns = list(zip(*rows))
        keys, values, blanks = [], [], []
        for number, name in self.as_written + self.stripped + self.shaped:
            cells = columns[number]
            stripped = list(map(str.strip, cells))  # (a blank cell, `isspace`, strips to "": same whitespace)
            blank = "" in stripped
            if all(map(not_, stripped)):
                continue  # (an empty column: no event has the key)
            if name == "tags":
                made = _tag_lists(cells)
            elif name == "sources":
                made = _source_lists(cells)
            else:
                made = cells if name in _AS_WRITTEN else stripped if name not in _SHAPED else None
            if made is None:
                return list(map(self.event, rows))
            keys.append(name)
            values.append(made)
            blanks.append(stripped if blank else None)
        events = list(map(dict, map(zip, repeat(keys), zip(*values)))) if keys else [{} for _ in rows]
        for name, stripped in zip(keys, blanks):
            if stripped is not None:  # the blank cells' keys taken out again
                deque(map(dict.__delitem__, compress(events, map(not_, stripped)), repeat(name)), maxlen=0)
        return events

    def event(self, row: list[str]) -> dict:
        if len(row) < len(self.names) or self.order_matters:
            return event_of_row(self.names, row, _Plain)
        event = {name: cell for number, name in self.as_written if (cell := row[number]) and not cell.isspace()}
        event.update({name: cell.strip() for number, name in self.stripped if (cell := row[number]) and not cell.isspace()})
        for number, name in self.shaped:
            cell = row[number]
            if not cell or cell.isspace():
                continue
            if name == "tags":  # the two common shaped cells, without a call per value
                event["tags"] = _tags(_one_line(cell))
            elif name == "sources":
                event["sources"] = [part if "|" not in part else _source(part, _same, _Plain, None)
                                    for part in _source_parts(cell)]
            else:
                _shaped_cell(event, name, cell, _same, _Plain, None)
        return event


def _same(value: str) -> str:
    return value


def _one_line(cell: str) -> str:
    return cell.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")  # a tag never holds a line break


def _tag_lists(cells: tuple[str, ...]) -> list | None:
    """`_tags(_one_line(cell))` for each cell, at C speed; None when a cell holds a quote."""
    joined = "".join(cells)
    if '"' in joined:
        return None
    if "\r" in joined or "\n" in joined:
        cells = list(map(_one_line, cells))
    return list(map(list, map(filter, repeat(None), map(map, repeat(str.strip), map(str.split, cells, repeat(";"))))))


def _source_lists(cells: tuple[str, ...]) -> list | None:
    """The bare links of each cell (`_source_parts`: with no `|`, every line's words are all its
    links), at C speed; None when a cell may hold a structured source."""
    if "|" in "".join(cells):
        return None
    return list(map(str.split, cells))


def _tags(cell: str) -> list[str]:
    """The tags of a cell written by `tags_cell` (or by hand: `a; b`)."""
    if '"' not in cell:  # nothing quoted: the csv module would split at each `;` too
        return [tag.strip() for tag in cell.split(";") if tag.strip()]
    return [tag.strip() for tag in next(csv.reader([cell], delimiter=";", skipinitialspace=True), []) if tag.strip()]


def _background(cell: str, at, make, where):
    """`#102030`, a picture's path or link (spaces and all), or a colour then the picture."""
    color, _, url = cell.partition(" ") if cell.startswith("#") else ("", "", cell)
    background = make.mapping(where)
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


def _source(part: str, at, make, where):
    if "|" not in part:
        return at(part)
    fields = re.split(r"(?:^|\s)\|(?:\s|$)", part)  # "title | publisher |  |": the empty date and link too
    if len(fields) < 4:
        return at(part)
    *title, publisher, date, url = fields
    source = make.mapping(where)
    for key, value in (("title", " | ".join(title)), ("publisher", publisher), ("date", date), ("url", url)):
        if value.strip():
            source[at(key)] = at(value.strip())
    return source


class CsvEvents(ChunkedEvents):
    """A CSV's rows (`csv_format.PlacedRows`), checked a chunk at a time."""

    def __init__(self, names: list[str], placed):
        self.names, self.placed, self.plain = names, placed, PlainRows(names)
        self.rows, self.lines = placed.cells, placed.lines
        self.count = len(placed)
        self.id_lines: dict[int, int] = {}  # the id's line in a row over several lines, kept past its chunk

    def __len__(self) -> int:
        return self.count

    def chunks(self):
        """Each chunk's rows are let go once the validator is done with them: a million rows'
        cells freed at once, at the end, held the window 170 ms."""
        for first in range(0, len(self.rows), CHUNK_ITEMS):
            last = min(first + CHUNK_ITEMS, len(self.rows))
            self._keep_id_lines(first, last)
            yield CsvChunk(self, first, last)
            self.rows[first:last] = [None] * (last - first)

    def _keep_id_lines(self, first: int, last: int) -> None:
        """For the rows of a chunk that spread over several lines (a quoted line break), the line
        their id stands on, which may be below the row's first: a later duplicate names it.
        Only rows the next row starts more than a line after are looked at."""
        lines = self.lines
        followed = compress(range(first, last - 1), map((1).__lt__, map(sub, lines[first + 1 : last], lines[first:last])))
        for index in chain(followed, [last - 1]):
            if self.placed.last_line(index) > lines[index]:
                self.id_lines[index] = lines[index] + _breaks_before(self.names, self.rows[index], "id")

    def value_line(self, index: int, key: str) -> int:
        """The line of row `index`'s id (the only key asked for: "first used at line N")."""
        return self.id_lines.get(index, self.lines[index])


def _breaks_before(names: list[str], cells: list[str], key: str) -> int:
    """The line breaks inside the cells before the one `event_of_row` reads for `key` (a column's
    last non-blank cell of that name): only a quoted cell holds one, as written in the file."""
    for number in reversed(range(min(len(names), len(cells)))):
        if names[number] == key and cells[number] and not cells[number].isspace():
            return sum(cell.count("\n") + cell.count("\r") - cell.count("\r\n") for cell in cells[:number])
    return 0


class CsvChunk:
    def __init__(self, stream: CsvEvents, first: int, last: int, plain: bool = True):
        self.stream, self.first, self.last = stream, first, last
        self.items = stream.plain.events(stream.rows[first:last]) if plain else None

    def piece(self, first: int, last: int) -> CsvChunk:
        """Rows `first` to `last` of this chunk, to be read precisely on their own."""
        return CsvChunk(self.stream, first, last, plain=False)

    def risky(self) -> bool:
        return False  # the cells are exactly what the precise check would read: no parser to disagree with

    def read_precise(self) -> tuple[list, list]:
        stream = self.stream
        return [event_of_row(stream.names, stream.rows[index], _Located(stream.lines[index], stream.placed.columns(index)))
                for index in range(self.first, self.last)], []
