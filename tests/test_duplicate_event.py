"""Duplicating an event: a copy of its lines just below it under a new id; every other byte stays."""

import subprocess
import sys

import pytest
from conftest import ROOT

from timeline_app.files.add_event import AddError
from timeline_app.files.duplicate_event import duplicate_event
from timeline_app.files.loader import load_file

FILE = (
    "# comments everywhere\n"
    "title: t\n"
    "events:\n"
    "  - id: a   # the first\n"
    "    title: 'First'\n"
    "    start: 2014   # a year\n"
    "    description: >-\n"
    "      folded\n"
    "      text\n"
    "\n"
    "  - title: Second, with no id\n"
    "    start: \"2014-06\"\n"
    "\n"
    "  - {id: c, title: Third, start: 2015}\n"
)


def test_the_copy_keeps_comments_and_styles_and_gets_a_new_id(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    assert duplicate_event(str(path), "a") == "a-2"
    lines = FILE.splitlines(keepends=True)
    copy = ['  - id: "a-2"   # the first\n'] + lines[4:9]
    assert path.read_text() == "".join(lines[:9] + ["\n"] + copy + lines[9:])
    first, second = load_file(path).chronology.events[:2]
    assert (second.title, second.start, second.description) == (first.title, first.start, first.description)


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_an_event_without_an_id_and_a_flow_event_are_copied_with_line_endings_and_bom(tmp_path, ending, bom):
    path = tmp_path / "events.yaml"
    original = bom + FILE.replace("\n", ending).encode()
    path.write_bytes(original)
    new_id = duplicate_event(str(path), "c")
    assert new_id == "c-2"
    assert path.read_bytes() == original + (ending + '  - {id: "c-2", title: Third, start: 2015}' + ending).encode()
    titles = [e.title for e in load_file(path).chronology.events]
    duplicate_event(str(path), load_file(path).chronology.events[1].id)
    assert [e.title for e in load_file(path).chronology.events] == titles[:2] + ["Second, with no id"] + titles[2:]


def test_refusals_leave_the_file_untouched(tmp_path):
    path = tmp_path / "events.yaml"
    keep = "title: t\nevents:\n  - id: a\n    title: A\n    start: 2014\n    description: |+\n      kept\n\n"
    path.write_text(keep)
    with pytest.raises(AddError, match="keeps its blank lines"):
        duplicate_event(str(path), "a")
    with pytest.raises(AddError, match="no event with the id"):
        duplicate_event(str(path), "zz")
    assert path.read_text() == keep


def test_on_the_command_line(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    done = subprocess.run([sys.executable, "-m", "timeline_app", "--duplicate", str(path), "a"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "a-2"
    assert [e.id for e in load_file(path).chronology.events].count("a-2") == 1


def test_an_event_holding_an_anchor_is_refused_at_its_line(tmp_path):
    path = tmp_path / "events.yaml"
    text = "title: t\nevents:\n  - id: a\n    title: &t A\n    start: 2014\n  - id: b\n    title: *t\n    start: 2015\n"
    path.write_text(text)
    with pytest.raises(AddError, match="anchor") as refused:
        duplicate_event(str(path), "a")
    assert refused.value.where == (3, 1)
    assert path.read_text() == text
