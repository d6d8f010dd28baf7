"""`_plain_rows.c` makes a chunk of CSV rows' plain events at once; `PlainRows.events_in_python`
makes them a column at a time, `PlainRows.event` a row at a time. All three must give the same
events, key order included, for every header and every cell: fed random headers (every known
column, unknown ones, a column named twice, media and background) and cells made of what each
column's reading turns on (blanks of every kind, `;`, `|`, quotes, line breaks, text of every
width), and the real CSV files under tests/data."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from timeline_app.files import csv_events
from timeline_app.files.csv_events import CSV_COLUMNS, PlainRows

DATA = Path(__file__).parent / "data"
PIECES = ["Tripoli", "2014-07-13", " ", "\t", "\u00a0", "\u3000", "\x1c", "\x85", ";", "; ", "a;b", "|", " | ", '"',
          "\n", "\r\n", "\r", "https://example.org/a", "  https://example.org/b\u2003c  ", "Miṣrātah", "طرابلس",
          "\U0001f600", "x", "", "oil; port;", ";;", "#102030 bg.png"]
pytestmark = pytest.mark.skipif(csv_events._plain_rows_in_c is None, reason="_plain_rows.c was not built")


def _cell(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5])))


def _items(events: list[dict] | None):
    return None if events is None else [list(event.items()) for event in events]


def all_three_agree(names: list[str], rows: list[list[str]]) -> bool:
    """Whether C answered (else the Python ways alone did); fails the test where the three differ."""
    plain = PlainRows(names)
    in_c = csv_events._plain_rows_in_c(rows, plain._plan, len(names)) if not plain.order_matters else None
    by_columns = _items(plain.events_in_python(rows))
    assert by_columns == _items([plain.event(row) for row in rows])
    if in_c is not None:
        assert _items(in_c) == by_columns, (names, rows)
    assert _items(plain.events(rows)) == by_columns
    return in_c is not None


def test_the_three_ways_agree_on_random_headers_and_cells():
    rng = random.Random(4)
    answered = 0
    for _ in range(3000):
        names = rng.sample(CSV_COLUMNS, rng.randint(1, 8)) + (["notes"] if rng.random() < 0.2 else [])
        if rng.random() < 0.05:
            names.append(rng.choice(names))  # a column named twice
        rng.shuffle(names)
        plain_only = rng.random() < 0.5  # (most chunks: no quote, no `|`, no line break anywhere)
        rows = []
        for _ in range(rng.randint(0, 6)):
            row = [_cell(rng) for _ in range(len(names) + rng.choice([0, 0, 0, 1, -1]))]
            if plain_only:
                row = [cell.translate({ord(c): None for c in '"|\r\n'}) for cell in row]
            rows.append(row)
        answered += all_three_agree(names, rows)
    assert answered > 500  # (C answered a quarter of the chunks: the rest hold a short row, a media cell…)


def test_the_three_ways_agree_on_real_csv_files():
    files = sorted(DATA.rglob("*.csv"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        names = [name.strip().lower() for name in next(reader)]
        all_three_agree(names, list(reader))


def test_each_row_it_leaves_to_python_is_read_as_python_reads_it():
    names = ["title", "start", "tags", "sources", "media"]
    for odd in (['"a"; b', "", "", ""], ["a\nb", "", "", ""], ["", "Title | AFP |  | https://example.org", "", ""],
                ["", "", "https://example.org/p.jpg", ""]):
        row = ["A title", "2014", *odd[:3]]
        assert not all_three_agree(names, [["T", "2014", "a", "", ""], row])
    assert not all_three_agree(names, [["T", "2014"]])  # (a short row)
    assert all_three_agree(names, [["T", "2014", " a ;; b ", "  l1 \u2003 l2 ", "   "]])
    assert PlainRows(names).events([["T", "2014", " a ;; b ", "  l1 \u2003 l2 ", "   "]]) == [
        {"title": "T", "start": "2014", "tags": ["a", "b"], "sources": ["l1", "l2"]}]


def test_a_plan_it_cannot_follow_is_refused_or_left_to_python():
    """(A review's cases.) A `how` it does not know is an error, never a wrong event; a key read from
    two columns (the last one wins) is Python's to make."""
    with pytest.raises((ValueError, OverflowError)):
        csv_events._plain_rows_in_c([["x"]], [(0, "id", 2**70)], 1)
    with pytest.raises(ValueError):
        csv_events._plain_rows_in_c([["x"]], [(0, "id", 7)], 1)
    assert csv_events._plain_rows_in_c([["a", "b", "c"]], [(0, "id", 1), (1, "title", 0), (2, "id", 1)], 3) is None
