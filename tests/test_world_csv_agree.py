"""One truth for real spreadsheets: CSV files of dated events from public repositories
(tests/data/world_csv, see its README), each read with its rows checked a chunk at a time
from plain cells and read again as located values, must get the same problems (`LINE:COL`,
severity, message) and the same model.

Few real sheets use our column names, so each is also read as a user would bring it in: its
header's names for a date, a title, a description… renamed to ours (every other byte kept),
and its rows repeated past several 1,000-row chunks, where the fast reader cuts a file in pieces.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from test_fast_precise_agree import _problems, _summary, forget_dates

from timeline_app.files import csv_events
from timeline_app.files.loader import load_text

WORLD = Path(__file__).parent / "data" / "world_csv"
FILES = sorted(WORLD.glob("*.csv"))
MANY = 2_500  # rows: past two chunk boundaries

# header names real sheets give their columns, and ours for them
_OUR_COLUMNS = {
    "date": "start", "event_date": "start", "start_date": "start", "startdate": "start", "year": "start",
    "from": "start", "begin": "start", "hdate": "start", "date_parsed": "start", "fecha": "start",
    "end_date": "end", "enddate": "end", "to": "end", "until": "end", "hdate_end": "end",
    "name": "title", "event": "title", "headline": "title", "label": "title", "summary": "title",
    "appointee": "title", "raw_guest_list": "title", "name_of_holiday": "title", "name_of_exposition": "title",
    "motivo": "title", "hometeam": "title",
    "notes": "description", "details": "description", "text": "description", "event_commemorated_and_notes": "description",
    "place": "location", "country": "location", "city": "location",
    "type": "category", "group": "category", "tipo": "category", "position": "category",
}


def _verdict(text: str, name: str = "file.csv", precise: bool = False):
    forget_dates()
    if precise:
        real = csv_events.CsvChunk.risky
        csv_events.CsvChunk.risky = lambda chunk: True  # every chunk read as located values
        try:
            result = load_text(text, name)
        finally:
            csv_events.CsvChunk.risky = real
    else:
        result = load_text(text, name)
    return _problems(result.problems), _summary(result.chronology)


def _header_end(text: str) -> int:
    """Where the header row ends (after its line break), quotes respected."""
    quoted = False
    for at, character in enumerate(text):
        if character == '"':
            quoted = not quoted
        elif character == "\n" and not quoted:
            return at + 1
    return len(text)


def _renamed(text: str) -> str | None:
    """The sheet with its header's column names renamed to ours, where it has such names and
    none of ours already (the first of several candidates for one of ours wins)."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    end = _header_end(text)
    header = text[len(bom) : end]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = next(csv.reader(io.StringIO(header), delimiter=delimiter))
    ours = {name.strip().lower() for name in names}
    taken = set(ours) & set(_OUR_COLUMNS.values())
    renamed = []
    for name in names:
        our = _OUR_COLUMNS.get(re.sub(r"[\s-]+", "_", name.strip().lower()))
        if our is not None and our not in taken:
            taken.add(our)
            renamed.append(our)
        else:
            renamed.append(name)
    if renamed == names:
        return None
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if header.endswith("\r\n") else "\n").writerow(renamed)
    return bom + out.getvalue() + text[end:]


def _repeated(text: str) -> str | None:
    """The rows written again and again after themselves, past `MANY` rows."""
    end = _header_end(text)
    body = text[end:]
    rows = sum(1 for _ in csv.reader(io.StringIO(body)))
    if not rows:
        return None
    if not body.endswith("\n"):
        body += "\r\n" if "\r\n" in text else "\n"
    return text[:end] + body * (MANY // rows + 1)


def _variants(path: Path):
    text = path.read_bytes().decode("utf-8")
    yield "as stored", text
    repeated = _repeated(text)
    if repeated is not None:
        yield "repeated", repeated
    renamed = _renamed(text)
    if renamed is None and re.match(r"\d{1,4}[/-]\d{1,2}[/-]\d{1,4},", text):
        renamed = "start,title\n" + text  # a sheet with no header, a date first: the header a user would add
    if renamed is not None:
        yield "renamed", renamed
        many = _repeated(renamed)
        if many is not None:
            yield "renamed and repeated", many


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_rows_read_fast_and_precisely_agree_on_real_sheets(path):
    for name, text in _variants(path):
        fast, precise = _verdict(text), _verdict(text, precise=True)
        assert fast[0] == precise[0], f"{path.name} ({name}): problems differ"
        assert fast[1] == precise[1], f"{path.name} ({name}): models differ"


def test_the_real_sheets_make_events(monkeypatch):
    """Renamed, most real sheets give events (valid or not): else this proves little."""
    assert len(FILES) >= 5
    with_events = 0
    for path in FILES:
        variants = dict(_variants(path))
        text = variants.get("renamed and repeated") or variants.get("repeated")
        result = load_text(text, "file.csv") if text else None
        with_events += bool(result and result.chronology and result.chronology.events)
    assert with_events >= len(FILES) // 2


def test_every_sheet_is_named_in_the_readme():
    readme = (WORLD / "README.md").read_text(encoding="utf-8")
    assert all(path.name in readme for path in FILES)
