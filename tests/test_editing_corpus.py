"""Every edit, on every event of every hand-kept-looking file, moves nothing outside that event.

tests/data/editing holds files with comments everywhere, CRLF, CR and BOM, odd indentation,
block scalars, ids and none. For each event: a changed title touches only the event's lines;
a duplicate then deleted gives back the exact bytes; a delete leaves every other line. A
refusal must leave the file untouched and say why; nothing may raise anything else.
"""

from pathlib import Path

import pytest

from timeline_app.files.add_event import AddError, find_event_in_file
from timeline_app.files.delete_event import delete_event
from timeline_app.files.duplicate_event import duplicate_event
from timeline_app.files.edit_event import edit_event
from timeline_app.files.loader import load_file

FILES = sorted((Path(__file__).parent / "data" / "editing").glob("*.yaml"))


def _cases():
    for path in FILES:
        for event in load_file(path).chronology.events:
            yield pytest.param(path, event.id, id=f"{path.stem}-{event.id}")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _outside(data: bytes, first: int, last: int) -> tuple[list[bytes], list[bytes]]:
    lines = _lines(data)
    return lines[: first - 1], lines[last:]


@pytest.mark.parametrize(("source", "event_id"), list(_cases()))
def test_a_title_change_touches_only_the_events_lines(tmp_path, source, event_id):
    path = tmp_path / source.name
    original = source.read_bytes()
    path.write_bytes(original)
    try:
        found = find_event_in_file(str(path), event_id, "edit")
        changed = edit_event(str(path), event_id, {"title": "Changed, with: punctuation"})
    except AddError as refusal:
        assert path.read_bytes() == original and str(refusal)
        return
    after = path.read_bytes()
    before_lines, after_lines = _outside(original, found.extent[0], found.extent[1])
    assert _lines(after)[: found.extent[0] - 1] == before_lines
    assert after.endswith(b"".join(after_lines))
    assert changed.title == "Changed, with: punctuation"


@pytest.mark.parametrize(("source", "event_id"), list(_cases()))
def test_a_duplicate_deleted_again_gives_back_the_exact_bytes(tmp_path, source, event_id):
    path = tmp_path / source.name
    original = source.read_bytes()
    path.write_bytes(original)
    try:
        copy_id = duplicate_event(str(path), event_id)
    except AddError as refusal:
        assert path.read_bytes() == original and str(refusal)
        return
    assert len(load_file(path).chronology.events) == len(load_file(source).chronology.events) + 1
    delete_event(str(path), copy_id)
    assert path.read_bytes() == original


@pytest.mark.parametrize(("source", "event_id"), list(_cases()))
def test_a_delete_leaves_every_other_line(tmp_path, source, event_id):
    path = tmp_path / source.name
    original = source.read_bytes()
    path.write_bytes(original)
    try:
        found = find_event_in_file(str(path), event_id, "delete")
        delete_event(str(path), event_id)
    except AddError as refusal:
        assert path.read_bytes() == original and str(refusal)
        return
    after = path.read_bytes()
    before = b"".join(_lines(original)[: found.extent[0] - 2]).rstrip(b"\r\n")  # (a final line break may go)
    assert after.startswith(before)
    assert event_id not in {e.id for e in load_file(path).chronology.events}
