"""Deleting an event: its lines go, every other byte stays (the CLI's --delete FILE ID)."""

import subprocess
import sys

import pytest
from conftest import BUNDLED, ROOT

from timeline_app.files.add_event import AddError
from timeline_app.files.delete_event import delete_event
from timeline_app.files.loader import load_file

FILE = (
    "# A chronology with comments everywhere\n"
    "title: t   # the title\n"
    "events:\n"
    "  # the first event\n"
    "  - id: a\n"
    "    title: First\n"
    "    start: 2014\n"
    "\n"
    "  - id: b   # the one to go\n"
    "    title: 'Second'\n"
    "    start: \"2014-06\"\n"
    "    description: |+\n"
    "      kept lines\n"
    "\n"
    "  - id: c\n"
    "    title: Third\n"
    "    start: 2015\n"
)


def test_only_the_events_lines_go(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(FILE)
    assert delete_event(str(path), "b") == "Second"
    lines = FILE.splitlines(keepends=True)
    assert path.read_text() == "".join(lines[:8] + lines[14:])
    assert [e.id for e in load_file(path).chronology.events] == ["a", "c"]


@pytest.mark.parametrize("ending, bom", [("\r\n", b""), ("\n", b"\xef\xbb\xbf")])
def test_line_endings_and_the_bom_stay(tmp_path, ending, bom):
    path = tmp_path / "events.yaml"
    path.write_bytes(bom + FILE.replace("\n", ending).encode())
    delete_event(str(path), "a")
    data = path.read_bytes()
    assert data.startswith(bom + b"# A chronology") and (b"\r\n" in data) == (ending == "\r\n")
    assert [e.id for e in load_file(path).chronology.events] == ["b", "c"]


def test_the_last_event_leaves_a_valid_empty_chronology(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text("title: t\nevents:\n  - {title: only, start: 2014, id: x}\n")
    delete_event(str(path), "x")
    result = load_file(path)
    assert result.ok and result.chronology.events == []


@pytest.mark.parametrize("text, event_id, fragment", [
    (FILE, "zzz", "no event with the id"),
    ("title: t\nevents:\n  - {title: a, start: 31 June 2014, id: a}\n", "a", "fix them first"),
    ("title: t\nshared: &e {title: x, start: 2014, id: x}\nevents:\n  - *e\n", "x", "editor"),
    ("title: t\nevents: [{title: x, start: 2014, id: x}]\n", "x", "flow"),
])
def test_refusals_leave_the_file_untouched(tmp_path, text, event_id, fragment):
    path = tmp_path / "events.yaml"
    path.write_text(text)
    with pytest.raises(AddError, match=fragment):
        delete_event(str(path), event_id)
    assert path.read_text() == text


def test_on_the_command_line(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(BUNDLED.read_bytes())
    run = lambda *args: subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True,
                                       cwd=ROOT, timeout=60)
    done = run("--delete", str(path), "hor-tobruk")
    assert done.returncode == 0 and "deleted 'hor-tobruk'" in done.stdout
    assert "hor-tobruk" not in path.read_text()
    refused = run("--delete", str(path), "hor-tobruk")
    assert refused.returncode == 1 and "no event with the id" in refused.stderr
    assert run("--delete", str(path)).returncode == 2
