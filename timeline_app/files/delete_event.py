"""Deleting one event from a chronology file: its lines go, every other byte stays.

The same guarantees as `add_event`: the file must be valid first, the result is
checked like `--check` (one event fewer, every other event unchanged), and the
write is atomic, refused if the file changed meanwhile.
"""

from __future__ import annotations

from .add_event import (
    AddError,
    event_last_line,
    find_event_in_file,
    write_text_over,
)
from .loader import load_text


def delete_event(path: str, event_id: str) -> str:
    """Remove the event with `event_id` from the file; return its title. Raises AddError, file untouched."""
    found = find_event_in_file(path, event_id, "delete")
    lines, first = found.lines, found.extent[0]
    extents = found.extents
    last = event_last_line(lines, found.extent)
    # a blank line that separated it from the next event goes with it, so the spacing stays even;
    # the last event takes the blank line before it (unless a `|+` value above owns that line)
    if first >= 2 and not lines[first - 2].strip():
        if last < len(lines) and not lines[last].strip():
            last += 1
        elif last == len(lines) and not (found.number and extents[found.number - 1][2]):
            first -= 1
    kept = lines[: first - 1] + lines[last:]
    if last == len(lines) and kept and not lines[-1].endswith(("\n", "\r")):
        kept[-1] = kept[-1].rstrip("\r\n")  # the file ended without a line break: so it still does
    new_text = "".join(kept)
    check = load_text(new_text, path)
    others = [e.as_dict() for e in found.current.chronology.events if e is not found.target]
    if not check.ok or [e.as_dict() for e in check.chronology.events] != others:
        raise AddError("deleting these lines would change more than this event: delete it in your editor",
                       where=(found.target.line, 1))
    write_text_over(path, new_text, found.original)
    return found.target.title
