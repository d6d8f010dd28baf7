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
from dataclasses import dataclass, field

import yaml

from ..chronology.date_forms import parse_date, parse_when
from ..chronology.dates import DateError
from ..chronology.problems import ERROR, Problem, with_path
from .atomic_write import FileRefused, replace_user_file, write_atomically
from .loader import load_text, read_file_bytes
from .validation import check_url
from .validation.media import check_media_link
from .yaml_reader import (
    Mapping,
    Null,
    ReadError,
    Sequence,
    decode,
    editor_lines,
    placer,
    read_precise,
)
from .slugs import slug, unique
from .yaml_text import quote


class AddError(Exception):
    """Why the file was not changed (it is untouched). `problems` when the file itself is bad;
    `where` the (line, column) in the user's file the refusal is about (the event, say)."""

    def __init__(self, message: str, problems: list[Problem] | None = None, where: tuple[int, int] = (1, 1)):
        super().__init__(message)
        self.problems = problems or []
        self.where = where


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
    media: str | dict = ""  # a link or path, or {url, caption, credit, …}
    display_date: str = ""



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
    if event.media:
        pairs.append(("media", media_text(event.media)))
    if event.display_date:
        pairs.append(("display_date", quote(event.display_date)))
    lines = []
    for number, (key, value) in enumerate(pairs):
        prefix = " " * dash_indent + "- " + " " * (key_indent - dash_indent - 2) if number == 0 else " " * key_indent
        lines.append(f"{prefix}{key}: {value}")
    if event.sources:
        lines.append(" " * key_indent + "sources:")
        lines.extend(" " * (key_indent + 2) + "- " + quote(url) for url in event.sources)
    return lines


def media_text(media: str | dict) -> str:
    """`media` as one line of YAML: a quoted link, or a flow mapping of the fields given."""
    if isinstance(media, dict):
        return "{" + ", ".join(f"{key}: {quote(str(value))}" for key, value in media.items() if value) + "}"
    return quote(media)


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
    media = event.media.get("url", "") if isinstance(event.media, dict) else event.media
    if event.media and (not media.strip() or check_media_link(media.strip())):
        problems.append(f"--media: {check_media_link(media.strip()) or 'a picture needs its link or path'}")
    return problems


def add_event(path: str, event: NewEvent) -> str:
    """Add `event` to the file at `path` (made first when there is none); return the id written.
    Raises AddError, the file untouched."""
    if not os.path.lexists(path):
        problems = check_new_event(event)
        if problems:
            raise AddError("; ".join(problems))
        title = os.path.splitext(os.path.basename(path))[0].replace("-", " ").replace("_", " ").strip().capitalize()
        try:
            write_atomically(path, f"title: {quote(title or 'Chronology')}\nevents: []\n".encode("utf-8"))
        except OSError as error:
            raise AddError(f"cannot create {path}: {error.strerror or error}") from None
    try:
        original = read_file_bytes(path)
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
        event.id = unique(slug(event.title, "event", length=48), taken)  # (48: the ids --add has always made)

    new_text = _insert(text, original, event, chronology, parse_date(event.start, chronology.date_order))
    check = load_text(new_text, path)
    if not check.ok:  # the writer's own safety net: never write what --check would refuse
        raise AddError("the new event would make the file invalid", [p for p in check.problems if p.severity == ERROR])
    arrived = [e for e in check.chronology.events if e.id == event.id and e.title == event.title]
    if len(arrived) != 1 or len(check.chronology.events) != len(chronology.events) + 1:
        raise AddError("the new event would not land in `events` as one more event: add it in your editor")
    write_text_over(path, new_text, original)
    return event.id


def write_text_over(path: str, new_text: str, original: bytes) -> None:
    """Replace the file (read as `original`) by `new_text`, keeping its BOM; AddError says why not."""
    data = new_text.encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    try:
        replace_user_file(path, data, original)
    except FileRefused as error:
        raise AddError(str(error)) from None
    except OSError as error:
        raise AddError(f"cannot write {path}: {error.strerror or error}; the file is unchanged") from None


@dataclass
class EventInFile:
    """One event of a valid chronology file, and where its lines are: what --edit and --delete need."""

    original: bytes
    text: str
    lines: list[str]
    current: object  # the LoadResult
    target: object  # the Event
    number: int  # its place among the file's event items
    extents: list[tuple[int, int, bool]]  # where every item's lines are (see item_extents)
    node: yaml.MappingNode  # the event's composed node: where each key and value stands

    @property
    def extent(self) -> tuple[int, int, bool]:
        return self.extents[self.number]


def find_event_in_file(path: str, event_id: str, verb: str) -> EventInFile:
    """Read, check and locate the event `event_id`; AddError (saying to `verb` it in an editor) when unsafe."""
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
        raise AddError(f"`events` is written as a [flow, list]: {verb} the event in your editor")
    items = [item for item in events if isinstance(item, Mapping)]
    nodes = event_item_nodes(text)
    extents = _extents_of(text, nodes)
    number = next((k for k, item in enumerate(items) if item.line == target.line), None)
    if number is None or len(extents) != len(items) or len({id(item) for item in items}) != len(items):
        raise AddError(f"the events list holds aliases (`- *name`): {verb} the event in your editor")
    if "<<" in items[number]:
        raise AddError(f"the event takes fields from a merge key (`<<: *name`): {verb} it in your editor",
                       where=(target.line, 1))
    return EventInFile(original, text, lines, current, target, number, extents, nodes[number])



def _insert(text: str, original: bytes, event: NewEvent, chronology, start) -> str:
    """`text` with the entry's lines inserted; every original line kept as it was."""
    root, _ = read_precise(text)
    events = root["events"] if isinstance(root, Mapping) else None
    lines = editor_lines(text)
    newline = next((end for end in ("\r\n", "\r", "\n") if lines and lines[0].endswith(end)), "\n")
    if isinstance(events, Null) or events is None:
        return _splice(lines, _line_of_key(lines, "events"), [], entry_lines(event, 2, 4), newline)
    if isinstance(events, Sequence) and not events:  # `events: []`
        return _replace_empty_list(lines, events, entry_lines(event, 2, 4), newline)
    if not isinstance(events, Sequence) or not _is_block_list(lines, events):
        raise AddError("`events` is written as a [flow, list]; --add needs one event per '- ' item")
    items = [item for item in events if isinstance(item, Mapping)]
    extents = item_extents(text)
    if len(extents) != len(items) or len({id(item) for item in items}) != len(items):
        raise AddError("the events list holds aliases (`- *name`): add this event in your editor")
    dash_lines = [first for first, _, _ in extents]
    dash_line = lines[dash_lines[0] - 1]
    dash_indent = len(dash_line) - len(dash_line.lstrip(" "))
    key_indent = items[0].column - 1 if items[0].line == dash_lines[0] else dash_indent + 2
    starts = [_earliest(item["start"], chronology.date_order) for item in items]
    # in order, allowing for imprecision: "2014" may follow "August 2014"
    in_order = all(a.seconds() < b.end_seconds() for a, b in zip(starts, starts[1:]))
    later = next((k for k, s in enumerate(starts) if s.seconds() > start.seconds()), None) if in_order else None
    new_lines = entry_lines(event, dash_indent, key_indent)
    separated = blank_between_items(lines, extents)

    def end_of(k: int, limit: int) -> int:
        return max(extents[k][1], _last_content_line(lines, dash_lines[k], limit, dash_indent))

    def gap_after(k: int) -> list[str]:
        # a blank line after a keep-chomped (|+) value would become part of it
        return [""] if separated and not extents[k][2] else []

    if later is None:  # after the last event
        return _splice(lines, end_of(len(items) - 1, len(lines)), gap_after(len(items) - 1), new_lines, newline)
    # before event `later`: after the previous event's content, before comments that head `later`
    next_line = dash_lines[later]
    if later == 0:
        anchor = _first_line_of_item_block(lines, next_line, dash_indent) - 1
        return _splice(lines, anchor, [], new_lines + ([""] if separated else []), newline)
    return _splice(lines, end_of(later - 1, next_line - 1), gap_after(later - 1), new_lines, newline)


def _earliest(start: object, date_order: str | None):
    """The earliest possible moment of an item's `start`: a date, a range, or alternatives."""
    if isinstance(start, list):
        return min((_earliest(a.get("date") if isinstance(a, dict) else a, date_order) for a in start), key=lambda d: d.seconds())
    return parse_when(start, date_order).start


def item_extents(text: str) -> list[tuple[int, int, bool]]:
    """Each event item's first line (its '-'), the last line its values reach, and whether
    it ends with a keep-chomped block scalar (`|+`), which owns the blank lines after it:
    the new event must go after them, or the description would lose its final newlines.
    """
    return _extents_of(text, event_item_nodes(text))


def event_item_nodes(text: str) -> list[yaml.Node]:
    """The composed node of each item of the file's `events` list, in file order."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return next(value for key, value in root.value if key.value == "events").value


def _extents_of(text: str, nodes: list[yaml.Node]) -> list[tuple[int, int, bool]]:
    place = placer(text)
    lines = [line.rstrip("\r\n") for line in editor_lines(text)]
    extents = []
    for node in nodes:
        line, column = place(node.start_mark.line, node.start_mark.column)
        last, scalar = _last_line(node, place)
        keeps = scalar is not None and scalar.style in ("|", ">") and _KEEP.search(_header_of(lines, scalar, place))
        extents.append((_dash_line(lines, line - 1, column - 1), last, bool(keeps)))
    return extents


_KEEP = re.compile(r"^[|>][0-9]?\+")


def _header_of(lines: list[str], scalar: yaml.ScalarNode, place) -> str:
    line, column = place(scalar.start_mark.line, scalar.start_mark.column)
    return lines[line - 1][column - 1 :]


def _dash_line(lines: list[str], line: int, column: int) -> int:
    """1-based line of the '-' that opens the item starting at 0-based (line, column)."""
    while line >= 0:
        before = _COMMENT.sub("", lines[line][:column]).rstrip()
        if before.endswith("-"):
            return line + 1
        line -= 1
        column = len(lines[line]) if line >= 0 else 0
    return 1


_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$")


def _last_line(node: yaml.Node, place) -> tuple[int, yaml.ScalarNode | None]:
    """The last 1-based line a node's own text reaches, and the scalar that reaches it
    (block mappings end where the next token starts, so only their leaves count)."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        end_line, end_column = place(node.end_mark.line, node.end_mark.column)
        start_line = place(node.start_mark.line, node.start_mark.column)[0]
        last = end_line - 1 if end_column == 1 and end_line > start_line else end_line
        return last, node if isinstance(node, yaml.ScalarNode) else None
    children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
    ends = [_last_line(child, place) for child in children]
    return max(ends, key=lambda end: end[0], default=(place(node.start_mark.line, 0)[0], None))


def _replace_empty_list(lines: list[str], events: Sequence, new: list[str], newline: str) -> str:
    """`events: []` becomes `events:` with the new item under it; the rest of the line (a comment) stays."""
    number = events.line
    line = lines[number - 1]
    body = line.rstrip("\r\n")
    ending = line[len(body):] or newline
    bracket = events.column - 1
    close = body.find("]", bracket)
    if close == -1:
        raise AddError("`events: [` opens a list that closes on a later line: write `events: []` on one line, "
                       "or put the first event in yourself")
    rest = body[close + 1 :]
    head = body[:bracket].rstrip()
    replaced = [head + rest.rstrip() + ending] + [item + newline for item in new]
    return "".join(lines[: number - 1] + replaced + lines[number:])


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


def event_last_line(lines: list[str], extent: tuple[int, int, bool], blank_after: bool = True) -> int:
    """The last line (1-based) of the event item at `extent`: its values and comments; without
    `blank_after`, not the blank lines a block value's end reaches (they separate it from the next)."""
    first, end_line, keeps = extent
    dash_indent = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
    last = max(end_line, _last_content_line(lines, first, len(lines), dash_indent))
    while not blank_after and not keeps and last > first and not lines[last - 1].strip():
        last -= 1
    return last


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


def blank_between_items(lines: list[str], extents: list[tuple[int, int, bool]]) -> bool:
    """Whether the file separates events with blank lines (so the new one should be too)."""
    if len(extents) < 2:
        return False
    (_, _, first_keeps), (second_dash, _, _) = extents[0], extents[1]
    if first_keeps:  # the blank lines after a `|+` value are part of it
        return False
    above = second_dash - 1  # 1-based line above the second item, past the comments that head it
    while above > 1 and lines[above - 1].lstrip().startswith("#"):
        above -= 1
    return above >= 1 and not lines[above - 1].strip()
