"""Files made with other tools (tests/data/interchange): each loads, or says at FILE:LINE:COL why not.

All 12 TimelineJS files (TimelineJS2 and 3) and all 3 Google Sheets template CSVs load;
The Timeline Project's files are refused with a message (their importer is another branch).
"""

from pathlib import Path

import pytest

from timeline_app.files.loader import load_file

DATA = Path(__file__).parent / "data" / "interchange"
FILES = sorted(p for p in DATA.rglob("*") if p.suffix in (".json", ".csv", ".timeline"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_file_from_another_tool_loads_or_says_where_it_cannot(path):
    result = load_file(path)
    assert result.ok or result.problems
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and "internal error" not in problem.message


@pytest.mark.parametrize("folder, count", [("timelinejs", 12), ("sheets", 3)])
def test_every_timelinejs_and_sheets_file_loads(folder, count):
    loaded = [p.name for p in FILES if p.parent.name == folder and load_file(p).ok]
    assert len(loaded) == count, loaded
