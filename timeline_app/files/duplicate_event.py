"""Duplicating one event: its lines, comments and styles copied just below it, under a new id.

The same guarantees as `add_event`: the file must be valid first; the copy must load
as the same event (only its id differs) with every other event unchanged; the write
is atomic, refused if the file changed meanwhile.
"""

from __future__ import annotations

import yaml

from .add_event import (
    AddError,
    blank_between_items,
    event_item_nodes,
    event_last_line,
    find_event_in_file,
    write_text_over,
)
from .edit_event import apply_changes
from .loader import load_text
from .slugs import unique


def duplicate_event(path: str, event_id: str) -> str:
    """Copy the event `event_id` below itself; return the copy's id. Raises AddError, file untouched."""
    found = find_event_in_file(path, event_id, "duplicate")
    lines, (first, _, keeps) = found.lines, found.extent
    if keeps:
        raise AddError("the event ends with a `|+` block that keeps its blank lines: duplicate it in your editor",
                       where=(found.target.line, 1))
    extents = found.extents
    last = event_last_line(lines, found.extent, blank_after=False)
    newline = next((end for end in ("\r\n", "\r", "\n") if lines[0].endswith(end)), "\n")
    copy = lines[first - 1 : last]
    if not copy[-1].endswith(("\n", "\r")) and last < len(lines):
        copy[-1] += newline  # (at the end of a file without a final line break, the copy ends the same way)
    gap = [newline] if blank_between_items(lines, extents) else []
    ending = [] if lines[last - 1].endswith(("\n", "\r")) else [newline]
    new_text = "".join(lines[:last] + ending + gap + copy + lines[last:])
    new_id = _free_id(event_id, found.current.chronology.events)
    try:
        node = event_item_nodes(new_text)[found.number + 1]
    except yaml.YAMLError:  # a copy of an anchor (&name) is a second anchor of that name
        raise AddError("the event holds an anchor (&name), which a copy would repeat: duplicate it in your editor",
                       where=(found.target.line, 1)) from None
    if any(key.value == "id" for key, _ in node.value):
        new_text = apply_changes(new_text, new_text.splitlines(keepends=True), node, None, {"id": new_id})
    return _checked_write(path, found, new_text)


def _free_id(event_id: str, events) -> str:
    taken = {event.id for event in events} | {event_id}
    return unique(event_id, taken)


def _checked_write(path: str, found, new_text: str) -> str:
    check = load_text(new_text, path)
    before = [e.as_dict() for e in found.current.chronology.events]
    after = [e.as_dict() for e in check.chronology.events] if check.chronology else []
    copies = [e for e in after if e["id"] not in {b["id"] for b in before}]
    original = found.target.as_dict()
    if (not check.ok or len(after) != len(before) + 1 or len(copies) != 1
            or [e for e in after if e is not copies[0]] != before
            or {**copies[0], "id": original["id"]} != original):
        raise AddError("a copy of these lines would not read as the same event: duplicate it in your editor",
                       where=(found.target.line, 1))
    write_text_over(path, new_text, found.original)
    return copies[0]["id"]
