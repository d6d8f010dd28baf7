"""Files made with other tools (tests/data/interchange): each loads, or says at FILE:LINE:COL why not.

All 12 TimelineJS files (TimelineJS2 and 3) and all 3 Google Sheets template CSVs load.
The Timeline Project's `.timeline` files load (its XML and its 0.x line format), except the
one counting time in plain numbers and the project's own file of deliberate errors
(tests/test_timeline_project.py has the details).
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


def test_the_timeline_project_files_load_but_its_error_file_and_its_numtime_file():
    loaded = {p.name for p in FILES if p.parent.name == "thetimelineproject" and load_file(p).ok}
    assert loaded == {
        "pre1_DataIndicatorTest.timeline", "pre1_demo.timeline", "pre1_readonly.timeline",
        "xml_v1.0.0_example.timeline", "xml_v2.5_gregorian_features_EXTRACTED_from_js.timeline",
    }


@pytest.mark.parametrize(("suffix", "words"), [(".timeline", "a Timeline file"), (".csv", "a header row"),
                                               (".json", "a JSON object"), (".yaml", "`title` and `events`")])
def test_an_empty_file_is_told_what_its_kind_should_hold(tmp_path, suffix, words):
    path = tmp_path / f"empty{suffix}"
    path.write_text("\n")
    (problem,) = load_file(path).problems
    assert (problem.line, problem.column) == (1, 1) and problem.message.startswith("file is empty") and words in problem.message


@pytest.mark.parametrize("folder, count", [("timelinejs", 12), ("sheets", 3)])
def test_every_timelinejs_and_sheets_file_loads(folder, count):
    loaded = [p.name for p in FILES if p.parent.name == folder and load_file(p).ok]
    assert len(loaded) == count, loaded
