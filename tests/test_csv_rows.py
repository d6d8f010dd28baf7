"""A CSV's rows read in C (`_csv_rows.c`) are the csv module's rows: the same cells, the same
lines, the same errors, so a spreadsheet gets the same verdict whether or not the module was built.

Texts are drawn from the characters that steer the csv module's reader (quotes, the three
delimiters, every line break and the characters Python's str.splitlines breaks at but CSV
does not, NUL, whitespace, and text of one, two and four bytes a character), and real
spreadsheets from tests/data/world_csv are read both ways, mutated.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from test_fast_precise_agree import _problems, _summary, forget_dates

from timeline_app.files import csv_format
from timeline_app.files.loader import load_text
from timeline_app.files.yaml_reader import ReadError

_in_c = csv_format._rows_in_c
needs_c = pytest.mark.skipif(_in_c is None, reason="_csv_rows.c was not built")

WORLD = sorted((Path(__file__).parent / "data" / "world_csv").glob("*.csv"))
PIECES = ["a", "b", "x y", " ", "\t", '"', '"', '""', ",", ",", ";", "\r", "\n", "\r\n", "\n\n", "é", "ü", "\u0101",
          "\u2028", "\x85", "\x0b", "\x0c", "\x00", "𝄞", "\u3000", "\xa0"]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 40)))


def _module_rows(text: str, offset: int, delimiter: str, limit: int):
    """The csv module's rows from `offset`: (first line, last line, cells) each, counted from 1
    at `offset`, and the error that stopped it with the line it was raised at."""
    old = csv.field_size_limit(limit)
    reader = csv.reader(io.StringIO(text[offset:], newline=""), delimiter=delimiter)
    rows, previous_end, error = [], 0, None
    try:
        for row in reader:
            rows.append((previous_end + 1, reader.line_num, row))
            previous_end = reader.line_num
    except csv.Error as raised:
        error = (str(raised), reader.line_num)
    finally:
        csv.field_size_limit(old)
    return rows, error


def _line_starts(text: str) -> list[int]:
    return [match.start() for match in csv_format._PHYSICAL_LINE.finditer(text)]


@needs_c
def test_rows_read_in_c_are_the_csv_modules_rows_lines_and_spans():
    rng = random.Random(12)
    for case in range(6000):
        text = _random_text(rng)
        starts = _line_starts(text)
        first = rng.randrange(len(starts)) if starts and rng.random() < 0.3 else 0
        offset = starts[first] if starts else 0
        delimiter, limit = rng.choice(",;\t"), rng.choice([2, 4, 131072])
        skip_blank, most = rng.random() < 0.5, rng.choice([-1, -1, 1, 2])
        expected, error = _module_rows(text, offset, delimiter, limit)
        cells, lines, spans, stop, stop_line, failed = _in_c(text, offset, first + 1, delimiter, limit, skip_blank, most)
        spans = memoryview(bytes(spans)).cast("q")

        read = expected if most < 0 else expected[:most]  # (`most` rows read, blank ones too)
        kept = [(a, b, row) for a, b, row in read if not skip_blank or "".join(row).strip()]
        if failed:  # stopped before the row the csv module raised at
            assert error is not None and error[0].startswith("field larger than field limit"), (text, error)
            stop_relative = stop_line - first
            assert kept[: len(cells)] == [row for row in kept if row[1] < stop_relative]
            assert len(cells) == len([row for row in kept if row[1] < stop_relative])
            assert stop_relative <= error[1]
            assert stop == (starts[first + stop_relative - 1] if first + stop_relative - 1 < len(starts) else len(text))
        else:
            assert error is None or (most >= 0 and len(read) == most), (text, error)
            assert cells == [row for _, _, row in kept], (text, delimiter)
        assert lines == [first + a for a, _, _ in kept[: len(cells)]]
        for index, (a, b, row) in enumerate(kept[: len(cells)]):
            start, end, last = spans[3 * index : 3 * index + 3]
            assert last == first + b
            assert start == starts[first + a - 1]
            assert end == (starts[first + b] if first + b < len(starts) else len(text))
            assert list(csv.reader(io.StringIO(text[start:end], newline=""), delimiter=delimiter)) in ([row], [[]]) or row == []
        if not failed and most < 0:
            assert (stop, stop_line) == (len(text), first + 1 + (expected[-1][1] if expected else 0))


def _placed(text: str, delimiter: str, skip_blank: bool, most: int, offset: int = 0, line: int = 1):
    placed = csv_format.PlacedRows(text, delimiter)
    try:
        stop = placed.read(offset, line, skip_blank, most)
    except ReadError as error:
        return "error", _problems(error.problems)  # (what was placed before it is let go with it)
    return stop, placed.cells, placed.lines, list(placed.spans)


def _both_ways(monkeypatch, text, delimiter, skip_blank, most, offset=0, line=1):
    in_c = _placed(text, delimiter, skip_blank, most, offset, line)
    with monkeypatch.context() as patch:
        patch.setattr(csv_format, "_rows_in_c", None)
        in_python = _placed(text, delimiter, skip_blank, most, offset, line)
    return in_c, in_python


@needs_c
@pytest.mark.parametrize("rows_at_once", [1, 2, 4096])
def test_placed_rows_are_the_same_read_in_c_or_by_the_csv_module(monkeypatch, rows_at_once):
    """Read in C a few rows a call (`ROWS_AT_ONCE`), or by the csv module, the rows are the same."""
    monkeypatch.setattr(csv_format, "ROWS_AT_ONCE", rows_at_once)
    rng = random.Random(5 + rows_at_once)
    errors = 0
    for case in range(1500):
        text = _random_text(rng)
        if rng.random() < 0.2:
            text = text.replace("b", "b" * 40)  # past a lowered field limit
        old = csv.field_size_limit(30)  # (the csv module's own limit: the C reader is given it, the module raises past it)
        try:
            in_c, in_python = _both_ways(monkeypatch, text, rng.choice(",;\t"), rng.random() < 0.5, rng.choice([-1, 1, 3]))
        finally:
            csv.field_size_limit(old)
        errors += in_c[0] == "error"
        assert in_c == in_python, text
    assert errors > 50  # (a cell past the limit, worded by the csv module both ways)


@needs_c
@pytest.mark.parametrize("path", WORLD, ids=[path.name for path in WORLD])
def test_real_spreadsheets_are_placed_alike_in_c_and_by_the_csv_module(monkeypatch, path):
    text = path.read_text(encoding="utf-8-sig")
    delimiter = csv_format._delimiter(text.partition("\n")[0])
    in_c, in_python = _both_ways(monkeypatch, text, delimiter, True, -1)
    assert in_c == in_python
    assert len(in_c[1]) > 10


def _verdict(text: str):
    forget_dates()
    result = load_text(text, "sheet.csv")
    return _problems(result.problems), _summary(result.chronology)


def _mutated(text: str, rng: random.Random) -> str:
    """A real sheet as a person's editing leaves it: a quote opened and never closed, a cell
    past the csv module's limit, a blank or whitespace row, a bare carriage return, a BOM."""
    lines = text.splitlines(keepends=True)
    for _ in range(rng.choice([1, 2, 4])):
        at = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        choice = rng.randrange(6)
        if choice == 0:
            lines[at] = '"' + lines[at]
        elif choice == 1:
            lines[at] = lines[at].rstrip("\r\n") + "," + "w" * (csv.field_size_limit() + 1) + "\n"
        elif choice == 2:
            lines.insert(at, rng.choice(["\n", " , \n", "\r\n", ",,\n"]))
        elif choice == 3:
            lines[at] = lines[at].replace("\n", "\r").replace("\r\r", "\r")
        elif choice == 4:
            lines[at] = lines[at].replace(",", ',"x""y"z,', 1)
        else:
            lines = lines[:at]
    return rng.choice(["", "\ufeff"]) + "".join(lines)


@needs_c
def test_a_spreadsheet_gets_the_same_verdict_with_or_without_the_c_reader(monkeypatch):
    rng = random.Random(3)
    texts = []
    for path in WORLD:
        text = path.read_text(encoding="utf-8-sig")
        header, _, body = text.partition("\n")
        texts.append("title,start,description\n" + "\n".join(f"Row {n},{1990 + n % 30},{line}"
                                                             for n, line in enumerate(body.splitlines()[:300])))
        texts.append(text)
    for text in list(texts):
        texts.extend(_mutated(text, rng) for _ in range(3))
    for text in texts:
        in_c = _verdict(text)
        with monkeypatch.context() as patch:
            patch.setattr(csv_format, "_rows_in_c", None)
            in_python = _verdict(text)
        assert in_c == in_python


def test_a_cell_past_the_csv_modules_limit_is_reported_at_its_line(monkeypatch):
    """Both ways: the C reader stops before the row and the csv module words the error."""
    text = "title,start\nFirst,2011\n" + 'Second,"2012\n' + "x" * (csv.field_size_limit() + 5) + '"\nThird,2013\n'
    for reader in ([] if _in_c is None else [_in_c]) + [None]:
        with monkeypatch.context() as patch:
            patch.setattr(csv_format, "_rows_in_c", reader)
            result = load_text(text, "sheet.csv")
        assert result.chronology is None
        assert [(p.line, p.column, p.message) for p in result.problems] == [
            (4, 1, f"CSV error: field larger than field limit ({csv.field_size_limit()})")]


@needs_c
def test_a_large_sheet_is_read_a_few_thousand_rows_a_call(monkeypatch):
    """The C reader holds the interpreter while it reads: a million rows read in one call held
    the window still for a second while the file loaded on its thread."""
    asked = []

    def counted(*arguments):
        asked.append(arguments[6])
        return _in_c(*arguments)

    monkeypatch.setattr(csv_format, "_rows_in_c", counted)
    rows = "".join(f"Event {n},{1900 + n % 100}\n" for n in range(3 * csv_format.ROWS_AT_ONCE + 5))
    blank = ",\n" * (3 * csv_format.ROWS_AT_ONCE)  # (blank rows are read too: they count)
    result = load_text("title,start\n" + rows + blank + rows, "sheet.csv")
    assert len(result.chronology.events) == 2 * (3 * csv_format.ROWS_AT_ONCE + 5)
    assert len(asked) >= 10 and all(0 < most <= csv_format.ROWS_AT_ONCE for most in asked)
