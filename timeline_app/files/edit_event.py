"""Changing some fields of one event: only their text changes, every other byte stays.

A field that exists gets its value replaced where it stands (a comment after it stays);
a new field is added as a line at the end of the event; a cleared field loses its lines.
The result must load as valid with every other event unchanged, and is written
atomically, refused if the file changed meanwhile.
"""

from __future__ import annotations

import re

import yaml

from .add_event import (
    AddError,
    _last_line,
    event_last_line,
    find_event_in_file,
    media_text,
    write_text_over,
)
from .loader import load_text
from .yaml_reader import placer
from .yaml_text import quote

_KEY_LINE_COMMENT = re.compile(r"(?:^|\s)(#.*)$")
EDITABLE = ("id", "title", "start", "end", "category", "tags", "description", "location", "sources", "media",
            "display_date")


def edit_event(path: str, event_id: str, changes: dict[str, object]):
    """Set (or, with None, clear) the given fields of the event `event_id`; return the event as
    changed (None when the file already says all that). Raises AddError with the file untouched."""
    unknown = [field for field in changes if field not in EDITABLE]
    if unknown:
        raise AddError(f"cannot change {', '.join(unknown)}: the fields are {', '.join(EDITABLE)}")
    if changes.get("title", "") is None or changes.get("start", "") is None:
        raise AddError("an event keeps its title and start: give a new one instead of clearing it")
    found = find_event_in_file(path, event_id, "edit")
    text, lines, target = found.text, found.lines, found.target
    node = found.node
    here = (target.line, 1)
    if node.flow_style:
        raise AddError(f"the event '{event_id}' is written in flow style ({{…}}): edit it in your editor", where=here)
    changes = _effective(node, changes)
    if not changes:
        return None
    new_text = apply_changes(text, lines, node, found.extent, changes)
    check = load_text(new_text, path)
    others = [e.as_dict() for e in found.current.chronology.events if e is not target]
    # found by its place (the first event from its `- ` on), not its id: an event without one
    # gets a new id from its new date and title
    after_dash = [e for e in (check.chronology.events if check.chronology else []) if e.line >= found.extent[0]]
    changed = min(after_dash, key=lambda e: e.line, default=None)
    if not check.ok or changed is None or [e.as_dict() for e in check.chronology.events if e is not changed] != others:
        reasons = "; ".join(p.message for p in check.problems if p.severity == "error")
        raise AddError("the change would not leave a valid file with every other event as it was"
                       + (f" ({reasons})" if reasons else ""), where=here)
    write_text_over(path, new_text, found.original)
    return changed


def _effective(node: yaml.MappingNode, changes: dict[str, object]) -> dict[str, object]:
    """The changes that change something: clearing an absent field, or giving a one-line value
    the text it already has, leaves the file as it is (and its style with it)."""
    fields = {key.value: value for key, value in node.value}
    effective = {}
    for field, value in changes.items():
        old = fields.get(field)
        if value is None and old is None:
            continue
        if isinstance(old, yaml.ScalarNode) and isinstance(value, str) and old.value == value and "\n" not in value:
            continue
        effective[field] = value
    return effective


def _render(value: object) -> str:
    if isinstance(value, dict):
        return media_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(quote(str(item)) for item in value) + "]"
    return quote(str(value))


def apply_changes(text: str, lines: list[str], node: yaml.MappingNode, extent, changes: dict[str, object]) -> str:
    place = placer(text)
    newline = next((end for end in ("\r\n", "\r", "\n") if lines and lines[0].endswith(end)), "\n")
    fields = {key.value: (key, value) for key, value in node.value}
    first_key = node.value[0][0]
    key_indent = place(first_key.start_mark.line, first_key.start_mark.column)[1] - 1
    edits = []  # (first line, last line, new lines), 1-based, inclusive
    additions = []
    for field, value in changes.items():
        if field not in fields:
            if value is not None:
                additions.append(" " * key_indent + f"{field}: {_render(value)}")
            continue
        key, old = fields[field]
        key_line, _ = place(key.start_mark.line, key.start_mark.column)
        last, _ = _last_line(old, place)
        last = max(last, key_line)
        while last > key_line and not lines[last - 1].strip():  # blank lines after a block value separate
            last -= 1                                          # it from what follows: they stay
        if value is None:
            dash = lines[key_line - 1][: place(key.start_mark.line, key.start_mark.column)[1] - 1]
            if dash.strip():  # the key follows the item's `- `: keep the dash alone on its line
                edits.append((key_line, last, [dash.rstrip() + newline]))
            else:
                edits.append((key_line, last, []))
            continue
        start_line, start_column = place(old.start_mark.line, old.start_mark.column)
        end_line, end_column = place(old.end_mark.line, old.end_mark.column)
        if isinstance(old, yaml.ScalarNode) and old.style not in ("|", ">") and start_line == end_line == key_line:
            body = lines[key_line - 1]
            edits.append((key_line, key_line, [body[: start_column - 1] + _render(value) + body[end_column - 1 :]]))
        else:
            ending = lines[last - 1][len(lines[last - 1].rstrip("\r\n")):] or newline
            key_end = place(key.end_mark.line, key.end_mark.column)[1] - 1
            remark = _KEY_LINE_COMMENT.search(lines[key_line - 1].rstrip("\r\n")[key_end:])  # `key: |  # why`
            kept = f"  {remark[1]}" if remark else ""
            edits.append((key_line, last, [" " * key_indent + f"{field}: {_render(value)}{kept}" + ending]))
    if additions:
        after = event_last_line(lines, extent, blank_after=False)
        if not lines[after - 1].endswith(("\n", "\r")):  # the file's last line, with no line break
            lines[after - 1] += newline
        edits.append((after + 1, after, [line + newline for line in additions]))
    for first, last, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[first - 1 : last] = replacement
    return "".join(lines)
