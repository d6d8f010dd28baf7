"""One truth for CSV too: rows checked a chunk at a time from plain cells give exactly
the answer of the same rows read as located values and checked precisely.

CSV files are made from generated chronologies (`chronology_files.generate`, many
date forms, sources, media, categories) written by our own CSV export, then
mutated cell by cell: wrong dates, blank and whitespace cells, duplicate ids,
quoted tags, structured and broken links, short rows, blank rows, a column named
twice, an unknown column. Problems (LINE:COL and message) and the model must match.
"""

from __future__ import annotations

import csv
import io
import os
import random

from chronology_files import generate
from test_fast_precise_agree import _problems, _summary, forget_dates

from timeline_app.files import csv_events
from timeline_app.files.csv_format import to_csv
from timeline_app.files.loader import load_text

CELLS = {
    "start": ["2014-02-30", "June 2014", "~2014", "[2013, 2014]", "2014/2015", "", "  ", "c. 1990", "2014-06-25T10:00Z",
              "1914-1918", "16 May 2014 – present", "0x7DE", "-44", "2014-13-01", "xyz"],
    "end": ["present", "..", "2013", "2014-06-24", "", "June 2015", "bad"],
    "id": ["e1", "dup", "dup", " ", "x y", "42"],
    "title": ["", "  ", "A title", " padded ", "Two\nlines"],
    "tags": ['a; b', '"a;b"; c', ";;", "x", '"unclosed; y', "a\rb"],
    "sources": ["https://example.org/a", "ftp://example.org", "not a link", "Title | Pub | 2014 | https://a.org/x",
                "T | P | | ", "https://a.org\nhttps://b.org", "javascript:alert(1)", "| | |"],
    "category": ["politics", "Politics", "new-one", " ", "x" * 80],
    "media": ["https://example.org/p.jpg", "pics/a.png", "ftp://x", " "],
    "media_caption": ["A caption", ""],
    "background": ["#102030", "#102030 pics/a.png", "#zzz", "https://example.org/b.jpg"],
    "description": ["", "Some text", "\u00a0"],
    "location": ["Tripoli", " "],
    "precision": ["day", "bogus"],
}


def _csv_of(seed: int, rng: random.Random) -> str | None:
    result = load_text(generate(seed, mutations=[], style="block")[0], "")  # (the events matter, not the YAML's layout)
    if result.chronology is None or not result.chronology.events:
        return None
    rows = list(csv.reader(io.StringIO(to_csv(result.chronology).lstrip("\ufeff"), newline="")))
    header, body = rows[0], rows[1:]
    for _ in range(rng.choice([0, 1, 3, 10])):
        row = rng.choice(body)
        name = rng.choice(list(CELLS))
        if name in header:
            row[header.index(name)] = rng.choice(CELLS[name])
    if rng.random() < 0.1:
        body.insert(rng.randrange(len(body) + 1), [""] * len(header))  # a blank row
    if rng.random() < 0.1:
        rng.choice(body)[:] = rng.choice(body)[: rng.randrange(1, len(header))]  # a short row
    if rng.random() < 0.05:
        header = header + ["title"]  # a column named twice
        body = [row + [rng.choice(["", "Other title"])] for row in body]
    if rng.random() < 0.05:
        header = header + ["mood"]
        body = [row + ["calm"] for row in body]
    if rng.random() < 0.2 and "id" in header:  # the id after cells that may hold line breaks
        order = sorted(range(len(header)), key=lambda number: header[number] == "id")
        header = [header[number] for number in order]
        body = [[row[number] for number in order if number < len(row)] for row in body]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=rng.choice(["\r\n", "\n"])).writerows([header, *body])
    return buffer.getvalue()


def _verdict(text: str):
    forget_dates()
    result = load_text(text, "file.csv")
    return _problems(result.problems), _summary(result.chronology)


def test_csv_rows_checked_fast_and_precisely_agree(monkeypatch):
    rng = random.Random(11)
    compared = differing = with_problems = 0
    failures = []
    for seed in range(int(os.environ.get("AGREE_SEEDS", "300"))):
        text = _csv_of(seed, rng)
        if text is None:
            continue
        fast = _verdict(text)
        with monkeypatch.context() as patched:
            patched.setattr(csv_events.CsvChunk, "risky", lambda chunk: True)  # every chunk read as located values
            precise = _verdict(text)
        compared += 1
        with_problems += bool(fast[0])
        differing += fast != precise
        if fast != precise:
            failures.append(f"seed {seed}:\n  precise {precise[0][:3]}\n  fast    {fast[0][:3]}")
    assert compared > 100 and 30 < with_problems < compared - 30  # valid and invalid files both compared
    assert not failures, f"{differing} of {compared} differ; first:\n" + failures[0]


def test_a_row_after_a_line_separator_inside_a_cell_is_placed_at_its_own_column():
    """U+2028 inside a quoted cell is no line break for CSV; the columns of later rows were
    once read from the wrong line (1 instead of 14)."""
    text = 'title,description,start\nFirst,"a line\u2028sep",2014-01-01\nSecond,plain,2014-02-30\n'
    assert _problems(load_text(text, "file.csv").problems) == [
        "3:14: error: bad `start`: impossible date '2014-02-30': February 2014 has 28 days"]


def test_odd_csv_cells_are_placed_where_they_stand():
    """A quote inside an unquoted cell is text; a header name may hold a line break; a tags
    cell may hold one too (it used to stop the reading with an internal error)."""
    assert _problems(load_text('title,start\nHe said "hi,2014-02-30\n', "x.csv").problems) == [
        "2:13: error: bad `start`: impossible date '2014-02-30': February 2014 has 28 days"]
    assert _problems(load_text('"title\n",start\nA,2014-02-30\n', "x.csv").problems) == [
        "3:3: error: bad `start`: impossible date '2014-02-30': February 2014 has 28 days"]
    result = load_text('title,start,tags\nA,2014,"a\r\nb; c"\n', "x.csv")
    assert result.ok and result.chronology.events[0].tags == ("a b", "c")


def test_a_cell_after_a_line_break_inside_a_quoted_cell_is_placed_on_its_own_line():
    text = 'title,description,start\nA,"two\nlines, here",2014-02-30\nB,"x\r\ny\r\nz",2014-13-01\n'
    assert _problems(load_text(text, "x.csv").problems) == [
        "3:14: error: bad `start`: impossible date '2014-02-30': February 2014 has 28 days",
        "6:4: error: bad `start`: impossible date '2014-13-01': there is no month 13",
    ]


def test_rows_made_a_column_at_a_time_are_the_rows_made_one_by_one():
    """`PlainRows.events` builds a chunk's plain events column by column; it must give the very
    dicts `PlainRows.event` gives row by row (keys in the same order), whatever the cells:
    blank and whitespace-only cells, quoted tags, line breaks in tags, structured sources,
    media, short rows, a column named twice."""
    rng = random.Random(5)
    compared = by_columns = 0
    for seed in range(int(os.environ.get("AGREE_SEEDS", "300")) // 2):
        text = _csv_of(seed, rng)
        if text is None:
            continue
        header, *body = csv.reader(io.StringIO(text, newline=""))
        plain = csv_events.PlainRows([name.strip().lower() for name in header])
        start = 0
        while start < len(body):
            rows = body[start : start + rng.choice([1, 3, 17, 1000])]
            start += len(rows)
            one_by_one = [plain.event(row) for row in rows]
            rows_made_alone = []
            plain.event = lambda row: rows_made_alone.append(row) or csv_events.PlainRows.event(plain, row)
            made = plain.events(rows)
            del plain.event
            assert [list(event.items()) for event in made] == [list(event.items()) for event in one_by_one], seed
            compared += 1
            by_columns += not rows_made_alone
    assert compared > 200 and by_columns > 50  # (many went the column way; media and structured sources go row by row)


def test_a_duplicate_id_names_the_line_its_first_use_stands_on_in_a_row_over_several_lines():
    """Found by an adversarial run: a quoted line break before the id cell put the id on the
    row's second line, and the fast check named the row's first ("first used at line 2")."""
    text = 'title,description,id,start\nA,"x\ny",d,2014\nB,,d,2015\n'
    assert _problems(load_text(text, "x.csv").problems) == ["4:4: error: duplicate id 'd' (first used at line 3)"]
    rows = ["title,description,id,start", 'A,"two\nlines",e2,2014', 'B,"three\nmore\nlines",id,2014']
    rows += [f"Row {n},,r{n},2014" for n in range(2500)] + ['C,,e2,2015', 'D,"x\ny",id,2015']
    text = "\n".join(rows) + "\n"
    fast = _verdict(text)
    assert fast[0] == [
        "2507:4: error: duplicate id 'e2' (first used at line 3)",
        "2509:4: error: duplicate id 'id' (first used at line 6)",
    ]
    for numbered_twice in (True, False):  # a column named twice: the last non-blank cell is the id
        header = "title,id,description,id,start" if numbered_twice else "title,id,description,start"
        cells = 'A,,"x\ny",z,2014' if numbered_twice else 'A,z,"x\ny",2014'
        text = "\n".join([header, cells] + [f"R{n},r{n},,{'r,' if numbered_twice else ''}2014" for n in range(1500)]
                         + [f"B,z,,{'z,' if numbered_twice else ''}2015"]) + "\n"
        assert _verdict(text) == _precise_verdict_of_csv(text)


def _precise_verdict_of_csv(text: str):
    import pytest

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(csv_events.CsvChunk, "risky", lambda chunk: True)
        return _verdict(text)
