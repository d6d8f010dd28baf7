"""The Timeline Project's `.timeline` files (thetimelineproj), read as events.yaml-shaped values.

Two formats share the extension: XML (Timeline 0.10 to 2.x) and the older line format
(`EVENT:start;end;text;category`, Timeline 0.1 to 0.9); tests/data/interchange/
thetimelineproject/NOTES.md describes both. Every value keeps the line and column it
was read from, so the one validation (`build_chronology`) places every problem.

What our format has no place for is never dropped in silence: what fits in a tag
becomes one (`milestone`, `locked`, `progress 40%`, `container: Name`), and the rest
is named, with how many, in one warning per file.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..chronology.problems import WARNING, Problem
from .validation import check_url
from .yaml_reader import Mapping, ReadError, Sequence, Text, located, located_text

GREGORIAN = "gregoriantime"
TIME_TYPES = {
    "numtime": "plain numbers, which are not calendar dates",
    "dectime": "decimal numbers, which are not calendar dates",
    "bosparaniantime": "the Bosparanian calendar of The Dark Eye, which has no Gregorian dates",
    "coptic": "the Coptic calendar, which this app does not convert to Gregorian dates",
    "pharaonic": "the Egyptian pharaonic calendar, which this app does not convert to Gregorian dates",
}
EVENT_ELEMENTS = frozenset(
    ("start", "end", "text", "progress", "fuzzy", "fuzzy_start", "fuzzy_end", "locked", "ends_today",
     "category", "description", "alert", "hyperlink", "icon", "default_color", "milestone")
)
DEFAULT_EVENT_COLOR = "200,200,200"
CATEGORY_PATH = " › "
_TIME = re.compile(r"(-?\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)")  # fullmatch, as Timeline writes its times
_RGB = re.compile(r"(\d+),(\d+),(\d+)")  # fullmatch


def read_timeline_project(text: str) -> tuple[Mapping, list[Problem]]:
    """Either format as located values; ReadError when the file cannot be read at all."""
    if not text.strip():
        raise ReadError([Problem(1, 1, "file is empty: expected a Timeline file (<timeline> XML or '# Written by Timeline' lines)")])
    if text.lstrip().startswith("<"):
        return _from_xml(_parse_xml(text))
    return _from_lines(text)


# --- places and what is not kept -------------------------------------------------------


@dataclass(frozen=True)
class Place:
    line: int
    column: int


def _text(value: str, where: Place) -> Text:
    return located_text(value, where.line, where.column)


@dataclass
class Losses:
    """What the file holds that ours cannot, counted, for the one warning that names it all."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    first: Place | None = None

    def note(self, where: Place, what: str, example: str = "") -> None:
        self.counts[what] = self.counts.get(what, 0) + 1
        if example and example not in self.examples.setdefault(what, []):
            self.examples[what].append(example)
        if self.first is None or (where.line, where.column) < (self.first.line, self.first.column):
            self.first = where

    def warnings(self) -> list[Problem]:
        if self.first is None:
            return []
        parts = []
        for what, count in self.counts.items():
            named = ", ".join(repr(example) for example in self.examples.get(what, [])[:5])
            parts.append(f"{what} ×{count}" + (f" ({named})" if named else ""))
        message = "this format has no place for some of what this Timeline file holds; not kept: " + "; ".join(parts)
        return [Problem(self.first.line, self.first.column, message, WARNING)]


# --- XML -------------------------------------------------------------------------------


@dataclass
class Element:
    """An XML element with the places of its tag and of its text."""

    tag: str
    place: Place
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    text_place: Place | None = None

    def child(self, tag: str) -> Element | None:
        return next((child for child in self.children if child.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [child for child in self.children if child.tag == tag]

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def value(self, tag: str) -> str:
        """The stripped text of the first child named `tag`; '' when there is none."""
        child = self.child(tag)
        return child.text.strip() if child is not None else ""

    def flag(self, tag: str) -> bool:
        """Timeline writes booleans as True/False; its 2.x reader ignores case, so does this."""
        return self.value(tag).lower() == "true"

    def located(self) -> Text:
        """The stripped text, placed where its first non-blank character stands."""
        text = self.text
        where = self.text_place or self.place
        leading = text[: len(text) - len(text.lstrip())]
        if "\n" in leading:
            where = Place(where.line + leading.count("\n"), len(leading) - leading.rfind("\n"))
        else:
            where = Place(where.line, where.column + len(leading))
        return _text(text.strip(), where)


class _Refused(Exception):
    """An entity declaration: Timeline never writes one, and expanding them is a known attack."""


def _parse_xml(text: str) -> Element:
    """The element tree, every element placed; ReadError at the place expat names."""
    data = text.encode("utf-8")
    place = _byte_placer(data)
    parser = expat.ParserCreate("utf-8")
    stack: list[Element] = []
    top: list[Element] = []

    def start(tag, _attributes):
        element = Element(tag, place(parser.CurrentByteIndex))
        (stack[-1].children if stack else top).append(element)
        stack.append(element)

    def characters(chunk):
        if stack:
            if stack[-1].text_place is None:
                stack[-1].text_place = place(parser.CurrentByteIndex)
            stack[-1].parts.append(chunk)

    def refuse(*_):
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _tag: stack.pop()
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        where = place(parser.ErrorByteIndex) if parser.ErrorByteIndex >= 0 else Place(error.lineno, error.offset + 1)
        raise ReadError([Problem(where.line, where.column, f"this XML is malformed: {expat.ErrorString(error.code)}")]) from None
    except _Refused:
        where = place(parser.CurrentByteIndex)
        raise ReadError([Problem(where.line, where.column, "XML entity declarations are not read (Timeline never writes them)")]) from None
    return top[0]


def _byte_placer(data: bytes):
    """Line and 1-based character column of a byte offset: expat counts bytes, people count characters."""
    starts = [0] + [match.end() for match in re.finditer(b"\n", data)]

    def place(offset: int) -> Place:
        offset = max(0, min(offset, len(data)))
        index = bisect.bisect_right(starts, offset) - 1
        column = len(data[starts[index]:offset].decode("utf-8", errors="replace")) + 1
        return Place(index + 1, column)

    return place


def _from_xml(root: Element) -> tuple[Mapping, list[Problem]]:
    if root.tag != "timeline":
        raise ReadError([Problem(root.place.line, root.place.column, f"expected a Timeline file's <timeline> element, found <{root.tag}>")])
    _refuse_other_time_types(root)
    losses, problems = Losses(), []
    result = located(Mapping(), root.place.line, root.place.column)
    result[_text("title", root.place)] = _text("", root.place)
    categories_element = root.child("categories")
    if categories_element is not None:
        result[_text("categories", categories_element.place)] = _xml_categories(categories_element, losses, problems)
    _note_hidden_categories(root.child("view"), losses)
    eras_element = root.child("eras")
    if eras_element is not None:
        result[_text("eras", eras_element.place)] = _xml_eras(eras_element, losses, problems)
    events_element = root.child("events")
    events_element = root if events_element is None else events_element
    result[_text("events", events_element.place)] = _xml_events(events_element, losses, problems)
    return result, problems + losses.warnings()


def _refuse_other_time_types(root: Element) -> None:
    """Only Gregorian times are dates we can hold; the other time types would need a
    conversion Timeline itself does not define (numtime is plain numbers)."""
    element = root.child("timetype")
    name = element.text.strip() if element is not None else GREGORIAN
    if name == GREGORIAN:
        return
    what = TIME_TYPES.get(name, "a time type this app does not know")
    message = f"this file counts time in '{name}' ({what}); only {GREGORIAN} files are read"
    raise ReadError([Problem(element.place.line, element.place.column, message)])


def _xml_categories(parent: Element, losses: Losses, problems: list[Problem]) -> Mapping:
    """Timeline's category tree, flat: each category is its own lane, named by its path.

    Our categories are lanes with no parent; a child keeps its own lane (events name it),
    and its label reads "Parent › Child" so the legend still shows the tree and two
    children of the same name under different parents stay apart. Timeline's names are
    unique, so a name is its category's id.
    """
    categories = located(Mapping(), parent.place.line, parent.place.column)
    labels: dict[str, str] = {}
    for element in parent.all("category"):
        name = element.value("name")
        if name in labels:
            losses.note(element.place, "category named twice (the first is kept)", name)
            continue
        labels[name] = _category_label(element, name, labels, losses)
        spec = located(Mapping(), element.place.line, element.place.column)
        spec[_text("label", element.place)] = _text(labels[name], element.place)
        color = _color(element.child("color"), problems)
        if color is not None:
            spec[_text("color", element.child("color").place)] = color
        _note_category_colors(element, losses)
        categories[_text(name, element.place)] = spec
    return categories


def _category_label(element: Element, name: str, labels: dict[str, str], losses: Losses) -> str:
    parent = element.value("parent")
    if not parent:
        return name
    if parent not in labels:
        losses.note(element.place, "parent category not found before its child", parent)
        return name
    return f"{labels[parent]}{CATEGORY_PATH}{name}"


def _note_category_colors(element: Element, losses: Losses) -> None:
    """Text colour other than Timeline's default black, and the colours of progress bars."""
    font = element.child("font_color")
    if font is not None and font.text.strip() not in ("", "0,0,0"):
        losses.note(font.place, "category text colour (font_color)")
    for tag in ("progress_color", "done_color"):
        colour = element.child(tag)
        if colour is not None and colour.text.strip():
            losses.note(colour.place, f"category {tag}")


def _color(element: Element | None, problems: list[Problem]) -> Text | None:
    """An element's colour (see `_hex_color`); None when it has none."""
    if element is None or not element.text.strip():
        return None
    return _hex_color(element.located(), problems)


def _hex_color(value: Text, problems: list[Problem]) -> Text | None:
    """Timeline's `r,g,b` as our `#rrggbb`; a problem where it is something else."""
    match = _RGB.fullmatch(value)
    if match is None or any(int(part) > 255 for part in match.groups()):
        problems.append(Problem(value.line, value.column, f"colour '{value}' is not r,g,b with each 0 to 255, e.g. 255,0,0"))
        return None
    return located_text("#" + "".join(f"{int(part):02x}" for part in match.groups()), value.line, value.column)


def _note_hidden_categories(view: Element | None, losses: Losses) -> None:
    hidden = view.child("hidden_categories") if view is not None else None
    for name in hidden.all("name") if hidden is not None else ():
        losses.note(name.place, "hidden category (shown here)", name.text.strip())


def _xml_eras(parent: Element, losses: Losses, problems: list[Problem]) -> Sequence:
    eras = located(Sequence(), parent.place.line, parent.place.column)
    for element in parent.all("era"):
        era = located(Mapping(), element.place.line, element.place.column)
        era[_text("title", element.place)] = _text(element.value("name"), element.place)
        dates = _dates(element, problems)
        if dates is None:
            continue
        start, end = dates
        era[_text("start", start)] = start
        if element.flag("ends_today"):
            losses.note(element.place, "era ending today (given today's date; it will not move on)", element.value("name"))
            end = located_text(datetime.date.today().isoformat(), end.line, end.column)
        era[_text("end", end)] = end
        color = _color(element.child("color"), problems)
        if color is not None:
            era[_text("color", color)] = color
        eras.append(era)
    return eras


def _dates(element: Element, problems: list[Problem]) -> tuple[Text, Text] | None:
    """`start` and `end` as our date texts; None (with a problem) if either is not a Timeline time."""
    texts = [element.child(tag) for tag in ("start", "end")]
    if texts[0] is None or texts[1] is None:
        missing = "start" if texts[0] is None else "end"
        problems.append(Problem(element.place.line, element.place.column, f"<{element.tag}> has no <{missing}>"))
        return None
    values = [child.located() for child in texts]
    times = [_TIME.fullmatch(value) for value in values]
    for value, time in zip(values, times):
        if time is None:
            problems.append(Problem(value.line, value.column, f"time '{value}' is not written as Timeline writes times, e.g. 2011-12-10 12:00:00"))
    if None in times:
        return None
    start, end = _date_texts(*[tuple(int(part) for part in time.groups()) for time in times])
    return located_text(start, values[0].line, values[0].column), located_text(end, values[1].line, values[1].column)


def _date_texts(start: tuple[int, ...], end: tuple[int, ...]) -> tuple[str, str]:
    """Both dates at one precision: the day when both are at midnight (Timeline saves
    midnight when its "show time" is off), else the minute, which is all Timeline's
    editor and balloons show (seconds only come from dragging with the mouse).
    Negative years are astronomical, as Timeline counts them: -43 is 44 BC."""
    with_time = any(start[3:]) or any(end[3:])
    return _date_text(start, with_time), _date_text(end, with_time)


def _date_text(parts: tuple[int, ...], with_time: bool) -> str:
    year, month, day, hour, minute, _second = parts
    text = f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"
    return f"{text} {hour:02d}:{minute:02d}" if with_time else text


def _xml_events(parent: Element, losses: Losses, problems: list[Problem]) -> Sequence:
    events = located(Sequence(), parent.place.line, parent.place.column)
    containers: dict[str, str] = {}
    for element in parent.all("event"):
        event = _xml_event(element, containers, losses, problems)
        if event is not None:
            events.append(event)
    return events


def _xml_event(element: Element, containers: dict[str, str], losses: Losses, problems: list[Problem]) -> Mapping | None:
    dates = _dates(element, problems)
    if dates is None:
        return None
    event = located(Mapping(), element.place.line, element.place.column)
    text = element.child("text")
    title, tags = _title_and_container(text if text is not None else element, containers, losses)
    event[_text("title", title)] = title
    _event_dates(element, event, *dates)
    category = element.child("category")
    if category is not None and category.text.strip():
        event[_text("category", category.place)] = category.located()
    description = element.child("description")
    if description is not None and description.text.strip():
        event[_text("description", description.place)] = description.located()
    tags += _event_tags(element)
    if tags:
        event[_text("tags", tags[0])] = located(Sequence(tags), tags[0].line, tags[0].column)
    _hyperlinks(element.child("hyperlink"), event, losses)
    _note_event_losses(element, losses)
    return event


def _title_and_container(text: Element, containers: dict[str, str], losses: Losses) -> tuple[Text, list[Text]]:
    """Timeline writes containers as `[cid]Name` and their subevents as `(cid)Name`.

    A container becomes an event of its own (it has its span, category and description),
    tagged `container`; each subevent is tagged `container: Name`, so the group can be
    found again by its tag. A title that really begins with ( or [ is written with a space
    before it, which is dropped.
    """
    title = text.located() if text.tag == "text" else _text("", text.place)
    where = Place(title.line, title.column)
    if text.text.startswith((" (", " [")):
        return title, []  # `located` has dropped the space
    closing = {"[": "]", "(": ")"}.get(title[:1], "")
    end = title.find(closing) if closing else -1
    if end < 0:
        return title, []
    cid, name = title[1:end], _text(title[end + 1:], where)
    if closing == "]":
        containers[cid] = name
        return name, [_text("container", where)]
    if cid not in containers:
        losses.note(where, "subevent of a container not in the file", str(title))
        return name, []
    return name, [_text(f"container: {containers[cid]}", where)]


def _event_dates(element: Element, event: Mapping, start: Text, end: Text) -> None:
    """Start and end, `~` where Timeline marks them fuzzy, `present` for "ends today";
    one date when start and end are the same (a point, as a milestone is)."""
    fuzzy = element.flag("fuzzy")
    if fuzzy or element.flag("fuzzy_start"):
        start = located_text(start + "~", start.line, start.column)
    event[_text("start", start)] = start
    if element.flag("ends_today"):
        end = located_text("present", end.line, end.column)
    elif end == start.rstrip("~") or element.flag("milestone"):
        return
    elif fuzzy or element.flag("fuzzy_end"):
        end = located_text(end + "~", end.line, end.column)
    event[_text("end", end)] = end


def _event_tags(element: Element) -> list[Text]:
    """What fits in a tag: a milestone, a lock, a progress other than Timeline's 0%."""
    tags = [_text(tag, element.child(tag).place) for tag in ("milestone", "locked") if element.flag(tag)]
    progress = element.child("progress")
    if progress is not None and progress.text.strip() not in ("", "0"):
        tags.append(_text(f"progress {progress.text.strip()}%", progress.place))
    return tags


def _hyperlinks(element: Element | None, event: Mapping, losses: Losses) -> None:
    """Timeline joins an event's links with `;`: the web ones become sources, the rest are named."""
    if element is None:
        return
    value = element.located()
    links = [link.strip() for link in value.split(";") if link.strip()]
    web = [link for link in links if check_url(link) is None]
    for link in links:
        if link not in web:
            losses.note(element.place, "link that is not a web link", link)
    if web:
        event[_text("sources", element.place)] = located(Sequence(_text(link, value) for link in web), value.line, value.column)


def _note_event_losses(element: Element, losses: Losses) -> None:
    """Alerts, icons, an uncategorised event's own colour, and elements Timeline did not write when this was made."""
    for tag, what in (("alert", "alert"), ("icon", "icon (a base64 picture: this format holds no pictures)")):
        child = element.child(tag)
        if child is not None and child.text.strip():
            losses.note(child.place, what)
    colour = element.child("default_color")
    if colour is not None and not element.value("category") and colour.text.strip() not in ("", DEFAULT_EVENT_COLOR):
        losses.note(colour.place, "colour of an event with no category (default_color)")
    for child in element.children:
        if child.tag not in EVENT_ELEMENTS:
            losses.note(child.place, f"<{child.tag}> element", child.text.strip()[:40])


# --- the line format of Timeline 0.x -----------------------------------------------------

_FIELD_SEPARATOR = re.compile(r"(?<!\\);")


def _from_lines(text: str) -> tuple[Mapping, list[Problem]]:
    """`CATEGORY:` and `EVENT:` lines, each value placed on its line and column.

    `PREFERRED-PERIOD:` is the view Timeline last showed, not data, and is skipped.
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    losses, problems = Losses(), []
    if not lines[0].startswith("# Written by Timeline"):
        header = Problem(1, 1, "not a Timeline file: its first line should be '# Written by Timeline x.y.z' (or it should be <timeline> XML)")
        if not any(line.startswith(("CATEGORY:", "EVENT:")) for line in lines):
            raise ReadError([header])  # some other text: one message, not one per line
        problems.append(header)
    root = located(Mapping(), 1, 1)
    categories = located(Mapping(), 1, 1)
    events = located(Sequence(), 1, 1)
    for number, line in enumerate(lines, 1):
        if line.startswith("CATEGORY:"):
            _line_category(_fields(line, number, len("CATEGORY:")), categories, losses, problems)
        elif line.startswith("EVENT:"):
            event = _line_event(_fields(line, number, len("EVENT:")), losses, problems)
            if event is not None:
                events.append(event)
        elif line.strip() and not line.startswith(("#", "PREFERRED-PERIOD:")):
            problems.append(Problem(number, 1, "unknown line: Timeline 0.x files hold CATEGORY:, EVENT: and PREFERRED-PERIOD: lines"))
    root[_text("title", Place(1, 1))] = _text("", Place(1, 1))
    root[_text("categories", Place(1, 1))] = categories
    root[_text("events", Place(1, 1))] = events
    return root, problems + losses.warnings()


def _fields(line: str, number: int, offset: int) -> list[Text]:
    """The `;`-separated fields after the prefix, unquoted (`\\;`, `\\n`, `\\\\`), each placed."""
    fields, start = [], offset
    for separator in [*_FIELD_SEPARATOR.finditer(line, offset), None]:
        stop = separator.start() if separator else len(line)
        fields.append(located_text(_unquote(line[start:stop]), number, start + 1))
        start = stop + 1
    return fields


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "r": "\r"}.get(match[1], match[1]), text)


def _line_category(fields: list[Text], categories: Mapping, losses: Losses, problems: list[Problem]) -> None:
    """`CATEGORY:name;r,g,b[;visible]`."""
    name = fields[0]
    where = Place(name.line, name.column)
    if name in categories:
        losses.note(where, "category named twice (the first is kept)", str(name))
        return
    spec = located(Mapping(), name.line, name.column)
    spec[_text("label", where)] = _text(str(name), where)
    if len(fields) > 1:
        color = _hex_color(fields[1], problems)
        if color is not None:
            spec[_text("color", color)] = color
    if len(fields) > 2 and fields[2].strip() == "False":
        losses.note(where, "hidden category (shown here)", str(name))
    categories[name] = spec


def _line_event(fields: list[Text], losses: Losses, problems: list[Problem]) -> Mapping | None:
    """`EVENT:start;end;text;category[;description:…][;icon:…]`; an empty category means none."""
    first = fields[0]
    if len(fields) < 3:
        problems.append(Problem(first.line, first.column, "an EVENT line needs start;end;text"))
        return None
    times = [_TIME.fullmatch(value) for value in fields[:2]]
    for value, time in zip(fields[:2], times):
        if time is None:
            problems.append(Problem(value.line, value.column, f"time '{value}' is not written as Timeline writes times, e.g. 2009-7-4 11:2:39"))
    if None in times:
        return None
    start, end = _date_texts(*[tuple(int(part) for part in time.groups()) for time in times])
    event = located(Mapping(), first.line, first.column - len("EVENT:"))
    event[_text("title", Place(fields[2].line, fields[2].column))] = fields[2]
    event[_text("start", Place(first.line, first.column))] = located_text(start, first.line, first.column)
    if end != start:
        event[_text("end", Place(fields[1].line, fields[1].column))] = located_text(end, fields[1].line, fields[1].column)
    if len(fields) > 3 and fields[3]:
        event[_text("category", Place(fields[3].line, fields[3].column))] = fields[3]
    for data in fields[4:]:
        _line_data(data, event, losses, problems)
    return event


def _line_data(data: Text, event: Mapping, losses: Losses, problems: list[Problem]) -> None:
    """An event's extra `id:data` field: a description, or an icon we cannot hold."""
    key, _, value = data.partition(":")
    where = Place(data.line, data.column)
    if key == "description":
        event[_text("description", where)] = located_text(value, data.line, data.column + len("description:"))
    elif key == "icon":
        losses.note(where, "icon (a base64 picture: this format holds no pictures)")
    else:
        problems.append(Problem(data.line, data.column, f"unknown event field '{data[:40]}': Timeline 0.x writes description: and icon: here"))
