"""CSV in and out: one row per event, with the same FILE:LINE:COL checks as YAML.

The reader turns a CSV into the located values the YAML reader makes, shaped like
an events.yaml, so one validator gives every format the same messages.
"""

from __future__ import annotations

import csv
import io

from ..chronology.edtf import edtf_of
from ..chronology.model import Chronology
from ..chronology.problems import Problem
from .yaml_reader import Mapping, ReadError, Sequence, located
from .yaml_reader import located_text as _text

CSV_COLUMNS = ("id", "title", "start", "end", "precision", "category", "tags", "description", "sources", "edtf")

def to_csv(chronology: Chronology) -> str:
    """One row per event; UTF-8 with a BOM and CRLF rows so Excel and LibreOffice read it right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology.events:
        writer.writerow(
            [
                event.id,
                event.title,
                event.start_text(),
                event.end_text(),
                event.start.precision,
                event.category,
                "; ".join(event.tags),
                event.description,
                "\n".join(source.url or source.title for source in event.sources),
                edtf_of(event),
            ]
        )
    return "\ufeff" + buffer.getvalue()


def _field_columns(line: str) -> list[int]:
    """1-based columns where each CSV field of a (single) physical line starts."""
    columns, in_quotes, position = [1], False, 0
    while position < len(line):
        char = line[position]
        if char == '"':
            in_quotes = not in_quotes
        elif char == "," and not in_quotes:
            columns.append(position + 2)
        position += 1
    return columns


def read_csv(text: str) -> object:
    """A CSV with a header row (title and start required) as events.yaml-shaped located values."""
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError([Problem(1, 1, "CSV file is empty: expected a header row with title and start")]) from None
    except csv.Error as error:
        raise ReadError([Problem(1, 1, f"CSV error: {error}")]) from None
    names = [name.strip().lower() for name in header]
    header_columns = _field_columns(raw_lines[0]) if raw_lines else [1]
    problems = []
    for required in ("title", "start"):
        if required not in names:
            problems.append(Problem(1, 1, f"CSV header has no `{required}` column (columns: {', '.join(names)})"))
    for number, name in enumerate(names):
        if name and name not in CSV_COLUMNS and name != "location":
            where = header_columns[number] if number < len(header_columns) else 1
            problems.append(Problem(1, where, f"unknown CSV column '{name}' (known: {', '.join(CSV_COLUMNS)}, location)", "warning"))
    if any(p.severity == "error" for p in problems):
        raise ReadError(problems)
    events = located(Sequence(), 2, 1)
    root = located(Mapping(), 1, 1)
    root[_text("title", 1, 1)] = _text("", 1, 1)
    previous_end = 1
    try:
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            columns = _field_columns(raw_lines[line - 1]) if line - 1 < len(raw_lines) else [1]
            event = located(Mapping(), line, 1)
            for number, (name, cell) in enumerate(zip(names, row)):
                if name not in CSV_COLUMNS and name != "location" or name in ("precision", "edtf") or not cell.strip():
                    continue
                column = columns[number] if number < len(columns) else 1
                key = _text(name, line, column)
                if name == "tags":
                    tags = located(Sequence(), line, column)
                    tags.extend(_text(tag.strip(), line, column) for tag in cell.split(";") if tag.strip())
                    event[key] = tags
                elif name == "sources":
                    sources = located(Sequence(), line, column)
                    sources.extend(_text(url, line, column) for url in cell.split())
                    event[key] = sources
                else:
                    event[key] = _text(cell if name in ("title", "description") else cell.strip(), line, column)
            events.append(event)
    except csv.Error as error:
        raise ReadError([Problem(reader.line_num, 1, f"CSV error: {error}")]) from None
    root[_text("events", 1, 1)] = events
    return root, problems
