"""Deleting one event from a chronology file: its lines go, every other byte stays.

The same guarantees as `add_event`: the file must be valid first, the result is
checked like `--check` (one event fewer, every other event unchanged), and the
write is atomic, refused if the file changed meanwhile.
"""

from __future__ import annotations

from .add_event import AddError, _is_block_list, _last_content_line, item_extents
from .atomic_write import FileRefused, replace_user_file
from .loader import load_text, read_file_bytes
from .yaml_reader import Mapping, ReadError, Sequence, decode, editor_lines, read_precise


def delete_event(path: str, event_id: str) -> str:
    """Remove the event with `event_id` from the file; return its title. Raises AddError, file untouched."""
    try:
        original = read_file_bytes(path)
        text = decode(original)
    except ReadError as error:
        raise AddError("the file cannot be read", error.problems) from None
    current = load_text(text, path)
    if not current.ok:
        raise AddError("the file has problems; fix them first", current.problems)
    target = next((event for event in current.chronology.events if event.id == event_id), None)
    if target is None:
        raise AddError(f"there is no event with the id '{event_id}'")
    root, _ = read_precise(text)
    events = root.get("events") if isinstance(root, Mapping) else None
    lines = editor_lines(text)
    if not isinstance(events, Sequence) or not events or not _is_block_list(lines, events):
        raise AddError("`events` is written as a [flow, list]: delete the event in your editor")
    items = [item for item in events if isinstance(item, Mapping)]
    extents = item_extents(text)
    if len(extents) != len(items) or len({id(item) for item in items}) != len(items):
        raise AddError("the events list holds aliases (`- *name`): delete the event in your editor")
    number = next((k for k, item in enumerate(items) if item.line == target.line), None)
    if number is None:
        raise AddError(f"the event '{event_id}' could not be found in the file's lines: delete it in your editor")
    dash_line = lines[extents[number][0] - 1]
    dash_indent = len(dash_line) - len(dash_line.lstrip(" "))
    first = extents[number][0]
    limit = extents[number + 1][0] - 1 if number + 1 < len(extents) else len(lines)
    last = max(extents[number][1], _last_content_line(lines, first, limit, dash_indent))
    # a blank line that separated it from the next event goes with it, so the spacing stays even
    if first >= 2 and not lines[first - 2].strip() and last < len(lines) and not lines[last].strip():
        last += 1
    new_text = "".join(lines[: first - 1] + lines[last:])
    check = load_text(new_text, path)
    others = [e.as_dict() for e in current.chronology.events if e is not target]
    if not check.ok or [e.as_dict() for e in check.chronology.events] != others:
        raise AddError("deleting these lines would change more than this event: delete it in your editor",
                       [p for p in check.problems if p.severity == "error"])
    data = new_text.encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    try:
        replace_user_file(path, data, original)
    except FileRefused as error:
        raise AddError(str(error)) from None
    except OSError as error:
        raise AddError(f"cannot write {path}: {error.strerror or error}; the file is unchanged") from None
    return target.title
