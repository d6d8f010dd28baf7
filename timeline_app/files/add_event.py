"""Adding one event to a chronology file without touching a byte of what is there.

The new entry is inserted as whole lines: in date order when the file's events are
in date order, otherwise at the end of the events list. Every scalar is written
double-quoted (JSON escaping is valid YAML), so any title survives exactly. The
result is validated like `--check` before an atomic write; nothing is written when
the file or the new entry has a problem.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field

from ..chronology.dates import DateError, parse_date
from ..chronology.problems import ERROR, Problem, with_path
from .atomic_write import write_atomically
from .loader import load_text
from .validation import check_url
from .yaml_reader import Mapping, Null, ReadError, Sequence, decode, read_precise
from .yaml_text import quote


class AddError(Exception):
    """Why the event was not added; the file is untouched. `problems` when the file itself is bad."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class NewEvent:
    title: str
    start: str
    end: str = ""
    id: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    description: str = ""
    location: str = ""
    sources: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")[:48] or "event"


def entry_lines(event: NewEvent, dash_indent: int, key_indent: int) -> list[str]:
    """The new list item as lines without line endings."""
    pairs: list[tuple[str, str]] = [("id", quote(event.id)), ("title", quote(event.title)), ("start", quote(event.start))]
    if event.end:
        pairs.append(("end", quote(event.end)))
    if event.category:
        pairs.append(("category", quote(event.category)))
    if event.location:
        pairs.append(("location", quote(event.location)))
    if event.tags:
        pairs.append(("tags", "[" + ", ".join(quote(tag) for tag in event.tags) + "]"))
    if event.description:
        pairs.append(("description", quote(event.description)))
    lines = []
    for number, (key, value) in enumerate(pairs):
        prefix = " " * dash_indent + "- " + " " * (key_indent - dash_indent - 2) if number == 0 else " " * key_indent
        lines.append(f"{prefix}{key}: {value}")
    if event.sources:
        lines.append(" " * key_indent + "sources:")
        lines.extend(" " * (key_indent + 2) + "- " + quote(url) for url in event.sources)
    return lines


def check_new_event(event: NewEvent, date_order: str | None = None) -> list[str]:
    """Problems with the new event's own fields, in the user's terms (for the dialog and CLI)."""
    problems = []
    if not event.title.strip():
        problems.append("--title is empty")
    dates = {}
    for name, text in (("start", event.start), ("end", event.end)):
        if name == "start" or text:
            try:
                dates[name] = parse_date(text, date_order)
            except DateError as error:
                problems.append(f"--{name}: {error}")
    if "start" in dates and "end" in dates and dates["end"].end_seconds() <= dates["start"].seconds():
        problems.append(f"--end ({dates['end'].iso()}) is before --start ({dates['start'].iso()})")
    for url in event.sources:
        reason = check_url(url)
        if reason:
            problems.append(f"--source: {reason}")
    return problems


def add_event(path: str, event: NewEvent) -> str:
    """Add `event` to the file at `path`; return the id written. Raises AddError, file untouched."""
    try:
        with open(path, "rb") as handle:
            original = handle.read()
        before = os.stat(path)
    except OSError as error:
        raise AddError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = decode(original)
    except ReadError as error:
        raise AddError("the file has problems; fix them first", with_path(error.problems, path)) from None
    current = load_text(text, path)
    if not current.ok:
        raise AddError("the file has problems; fix them first", current.problems)
    chronology = current.chronology
    problems = check_new_event(event, chronology.date_order)
    if event.category and chronology.categories and event.category not in chronology.categories:
        known = ", ".join(chronology.categories)
        problems.append(f"--category: unknown category '{event.category}' (declared: {known})")
    taken = {e.id for e in chronology.events}
    if event.id and event.id in taken:
        problems.append(f"--id: '{event.id}' is already used")
    if problems:
        raise AddError("; ".join(problems))
    if not event.id:
        base = _slug(event.title)
        event.id, suffix = base, 2
        while event.id in taken:
            event.id, suffix = f"{base}-{suffix}", suffix + 1

    new_text = _insert(text, original, event, chronology, parse_date(event.start, chronology.date_order))
    check = load_text(new_text, path)
    if not check.ok:  # the writer's own safety net: never write what --check would refuse
        raise AddError("the new event would make the file invalid", [p for p in check.problems if p.severity == ERROR])
    data = new_text.encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    try:
        after = os.stat(path)
    except OSError as error:
        raise AddError(f"cannot read {path}: {error.strerror or error}") from None
    if (after.st_mtime_ns, after.st_size) != (before.st_mtime_ns, before.st_size):
        raise AddError(f"{path} changed on disk while adding; nothing was written, try again")
    try:
        write_atomically(path, data)
    except OSError as error:
        raise AddError(f"cannot write {path}: {error.strerror or error}; the file is unchanged") from None
    return event.id


def _insert(text: str, original: bytes, event: NewEvent, chronology, start) -> str:
    """`text` with the entry's lines inserted; every original line kept as it was."""
    root, _ = read_precise(text)
    events = root["events"] if isinstance(root, Mapping) else None
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if isinstance(events, Null) or events is None:
        return _splice(lines, _line_of_key(lines, "events"), [], entry_lines(event, 2, 4), newline)
    if not isinstance(events, Sequence) or not _is_block_list(lines, events):
        raise AddError("`events` is written as a [flow, list]; --add needs one event per '- ' item")
    items = [item for item in events if isinstance(item, Mapping)]
    dash_line = lines[items[0].line - 1] if items else ""
    dash_indent = len(dash_line) - len(dash_line.lstrip(" "))
    key_indent = items[0].column - 1 if items else dash_indent + 2
    starts = [parse_date(item["start"], chronology.date_order) for item in items]
    # in order, allowing for imprecision: "2014" may follow "August 2014"
    in_order = all(a.seconds() < b.end_seconds() for a, b in zip(starts, starts[1:]))
    later = next((k for k, s in enumerate(starts) if s.seconds() > start.seconds()), None) if in_order else None
    new_lines = entry_lines(event, dash_indent, key_indent)
    separated = _blank_between_items(lines, items)
    if later is None:  # after the last event
        last_line = _last_content_line(lines, items[-1].line, len(lines), dash_indent)
        return _splice(lines, last_line, [""] if separated else [], new_lines, newline)
    # before event `later`: after the previous event's content, before comments that head `later`
    next_line = items[later].line
    if later == 0:
        anchor = _first_line_of_item_block(lines, next_line, dash_indent) - 1
        return _splice(lines, anchor, [], new_lines + ([""] if separated else []), newline)
    anchor = _last_content_line(lines, items[later - 1].line, next_line - 1, dash_indent)
    return _splice(lines, anchor, [""] if separated else [], new_lines, newline)


def _splice(lines: list[str], after_line: int, before: list[str], new: list[str], newline: str) -> str:
    """Insert `before + new` after 1-based line `after_line` (0: at the top)."""
    head, tail = lines[:after_line], lines[after_line:]
    if head and not head[-1].endswith(("\n", "\r")):
        head[-1] += newline  # the file had no final newline: the new lines need one before them
    added = [line + newline for line in before + new]
    return "".join(head + added + tail)


def _line_of_key(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, 1):
        if line.startswith(key + ":"):
            return number
    return len(lines)


def _is_block_list(lines: list[str], events: Sequence) -> bool:
    line = lines[events.line - 1]
    return line[events.column - 1 : events.column] == "-"


def _is_content(line: str, dash_indent: int) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    indent = len(line) - len(line.lstrip(" "))
    return not (stripped.startswith("#") and indent <= dash_indent)


def _last_content_line(lines: list[str], first: int, limit: int, dash_indent: int) -> int:
    """The last line belonging to the item starting at `first`, before line `limit` (1-based)."""
    last = first
    for number in range(first + 1, min(limit, len(lines)) + 1):
        line = lines[number - 1]
        if not _is_content(line, dash_indent):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent <= dash_indent:
            break
        last = number
    return last


def _first_line_of_item_block(lines: list[str], item_line: int, dash_indent: int) -> int:
    """The first of the comment lines directly above an item (they head it), or the item."""
    first = item_line
    while first > 1:
        line = lines[first - 2]
        if line.strip().startswith("#") and len(line) - len(line.lstrip(" ")) <= dash_indent:
            first -= 1
        else:
            break
    return first


def _blank_between_items(lines: list[str], items: list) -> bool:
    """Whether the file separates events with blank lines (so the new one should be too)."""
    if len(items) < 2:
        return False
    line = lines[items[1].line - 2] if items[1].line >= 2 else ""
    return not line.strip()


def run_add(args, parser) -> int:
    """`timeline-app --add FILE ...`: exit 0 added, 1 refused (file untouched), 2 usage."""
    if args.title is None or args.start is None:
        parser.error("--add needs --title and --start")
    event = NewEvent(
        title=args.title,
        start=args.start,
        end=args.end or "",
        id=args.id or "",
        category=args.category or "",
        tags=list(args.tag),
        description=args.description or "",
        location=args.location or "",
        sources=list(args.source),
    )
    try:
        new_id = add_event(args.add, event)
    except AddError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print(f"timeline-app: error: not added: {error}", file=sys.stderr)
        return 1
    print(f"added '{new_id}' to {args.add}")
    return 0
