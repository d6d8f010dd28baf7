"""Turning read YAML values into a Chronology, collecting every problem with its place.

Works on values from either reader. With positions (precise reader) it reports
all problems; without them (fast reader) a doubt raises `NeedsPrecise`: in the
events list only that chunk of events is read again precisely, anywhere else the
loader starts over precisely. Either way a message never lacks its line.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from ..chronology.dates import DATE_ORDERS, DateError, PartialDate, parse_date
from ..chronology.model import Category, Chronology, Era, Event, Source
from ..chronology.problems import ERROR, WARNING, Problem
from .yaml_reader import EventStream, Null, position

TOP_KEYS = ("title", "description", "date_order", "sources", "categories", "eras", "events")
EVENT_KEYS = ("id", "title", "start", "end", "category", "tags", "description", "sources", "location")
SOURCE_KEYS = ("url", "title", "publisher", "date")
ERA_KEYS = ("title", "start", "end", "color")
CATEGORY_KEYS = ("label", "color")
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7")


_KNOWN_SETS = {keys: frozenset(keys) for keys in (TOP_KEYS, EVENT_KEYS, SOURCE_KEYS, ERA_KEYS, CATEGORY_KEYS)}


class NeedsPrecise(Exception):
    """The fast reader's values cannot be judged without positions."""


_PLAIN_WEB_LINK = re.compile(r"^https?://[A-Za-z0-9.-]+(?:[:/?#][^\s]*)?$")


def check_url(text: str) -> str | None:
    """Why a link is refused, or None: only http(s) links with a host ever reach the UI."""
    if _PLAIN_WEB_LINK.match(text):
        return None
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "none"
        return f"link scheme '{scheme}' is not allowed in '{text}': only http and https links"
    if not parts.netloc:
        return f"link '{text}' has no host"
    return None


class _Builder:
    def __init__(self, precise: bool, lines: list[int] | None):
        self.precise = precise
        self.lines = lines
        self.problems: list[Problem] = []
        self.date_order: str | None = None
        self.named_sources: dict[str, Source] = {}

    def report(self, where: object, message: str, severity: str = ERROR, fallback=(1, 1)) -> None:
        if not self.precise:
            raise NeedsPrecise(message)
        line, column = position(where, fallback)
        self.problems.append(Problem(line, column, message, severity))

    def text(self, value: object, where: object, field: str, required: bool = False) -> str:
        """The exact text of a scalar field; '' when absent."""
        if value is None or isinstance(value, Null):
            if required:
                self.report(where, f"`{field}` is empty")
            return ""
        if isinstance(value, str):
            if required and not value.strip():
                self.report(value, f"`{field}` is empty")
            return str(value)
        if not self.precise:
            raise NeedsPrecise(field)  # a number or boolean: only the precise reader knows the typed text
        self.report(value, f"`{field}` must be text, not a list or mapping")
        return ""

    def mapping(self, value: object, what: str) -> dict | None:
        if isinstance(value, dict):
            return value
        self.report(value, f"{what} must be a mapping (key: value lines)")
        return None

    def unknown_keys(self, mapping: dict, known: tuple[str, ...], what: str) -> None:
        if mapping.keys() <= _KNOWN_SETS[known]:
            return
        for key in mapping:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f"; did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(known)})"
                self.report(key, f"unknown key '{key}' in {what}{hint}", WARNING)

    def date(self, value: object, field: str) -> PartialDate | None:
        if isinstance(value, Null) or value is None:
            self.report(value, f"`{field}` is empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            if not self.precise:
                raise NeedsPrecise(field)
            self.report(value, f"`{field}` must be a date such as 2014-06-25, 'June 2014' or '20 October 2011'")
            return None
        try:
            return parse_date(value, self.date_order)
        except DateError as error:
            self.report(value, f"bad `{field}`: {error}")
            return None

    def color(self, value: object, where: object) -> str:
        text = self.text(value, where, "color")
        if text and not COLOR.match(text):
            self.report(value, f"invalid colour '{text}': write it as #rrggbb, e.g. '#d62728'")
            return ""
        return text.lower()

    # --- the whole file ---------------------------------------------------------------

    def build(self, root: object) -> Chronology:
        chronology = Chronology()
        if not isinstance(root, dict):
            self.report(root, "top level must be a mapping with `title` and `events`")
            return chronology
        self.unknown_keys(root, TOP_KEYS, "the top level")
        chronology.title = self.text(root.get("title"), root, "title")
        if "title" not in root:
            self.report(root, "missing `title` at the top level", WARNING)
        chronology.description = self.text(root.get("description"), root, "description")
        order = root.get("date_order")
        if order is not None and not isinstance(order, Null):
            text = self.text(order, root, "date_order")
            if text.upper() not in DATE_ORDERS:
                self.report(order, f"`date_order` must be one of {', '.join(DATE_ORDERS)}, not '{text}'")
            else:
                self.date_order = chronology.date_order = text.upper()
        self.named_sources = self.shared_sources(root.get("sources"))
        explicit = "categories" in root
        chronology.categories = self.categories(root.get("categories")) if explicit else {}
        chronology.eras = self.eras(root.get("eras"))
        if "events" not in root:
            self.report(root, "missing `events`: a list of events, each with `title` and `start`")
            return chronology
        events = root["events"]
        if isinstance(events, Null):
            return chronology
        if not isinstance(events, (list, EventStream)):
            self.report(events, "`events` must be a list (each event starts with '- ')")
            return chronology
        chronology.events = self.events(events, chronology.categories, explicit)
        return chronology

    def categories(self, value: object) -> dict[str, Category]:
        result: dict[str, Category] = {}
        if isinstance(value, Null) or value is None:
            return result
        mapping = self.mapping(value, "`categories`")
        for index, (key, spec) in enumerate((mapping or {}).items()):
            label, color = str(key), PALETTE[index % len(PALETTE)]
            if isinstance(spec, dict):
                self.unknown_keys(spec, CATEGORY_KEYS, f"category '{key}'")
                label = self.text(spec.get("label"), spec, "label") or label
                color = self.color(spec.get("color"), spec) or color
            elif isinstance(spec, str):
                label = str(spec)
            elif not isinstance(spec, Null):
                self.report(spec, f"category '{key}' must be a mapping with `label` and `color`")
            result[str(key)] = Category(str(key), label, color)
        return result

    def shared_sources(self, value: object) -> dict[str, Source]:
        """Top-level sources that events cite by name, so a much-used article is written once."""
        if value is None or isinstance(value, Null):
            return {}
        mapping = self.mapping(value, "top-level `sources` (name: {title, url, publisher, date})")
        named = {}
        for name, spec in (mapping or {}).items():
            found = self.sources(spec if isinstance(spec, dict) else [spec])
            if found:
                named[str(name)] = found[0]
        return named

    def eras(self, value: object) -> list[Era]:
        if value is None or isinstance(value, Null):
            return []
        if not isinstance(value, list):
            self.report(value, "`eras` must be a list of {title, start, end, color}")
            return []
        eras = []
        for item in value:
            era = self.mapping(item, "an era")
            if era is None:
                continue
            self.unknown_keys(era, ERA_KEYS, "an era")
            title = self.text(era.get("title"), era, "title", required=True)
            missing = [key for key in ("title", "start", "end") if key not in era]
            for key in missing:
                self.report(era, f"era is missing `{key}`")
            if missing:
                continue
            start, end = self.date(era["start"], "start"), self.date(era["end"], "end")
            color = self.color(era.get("color"), era)
            if start and end:
                if end.end_seconds() <= start.seconds():
                    self.report(era["end"], f"era ends ({end.iso()}) before it starts ({start.iso()})")
                    continue
                eras.append(Era(title, start, end, color))
        return eras

    def events(self, items, categories: dict[str, Category], explicit: bool) -> list[Event]:
        events: list[Event] = []
        first_line_of_id: dict[str, int] = {}
        if isinstance(items, EventStream) and not self.precise:
            for chunk in items.chunks():
                events.extend(self._chunk_events(chunk, categories, explicit, first_line_of_id))
        else:
            events = self._events_of(items, 0, categories, explicit, first_line_of_id)
        _give_unique_ids(events, first_line_of_id)
        events.sort(key=lambda event: (event.start.sort_key(), event.line))
        return events

    def _chunk_events(self, chunk, categories: dict, explicit: bool, ids: dict[str, int]) -> list[Event]:
        """A chunk fast; if anything in it needs a closer look, the chunk again, precisely."""
        known_categories = len(categories)
        try:
            return self._events_of(chunk.items, chunk.first, categories, explicit, ids, undo := [])
        except NeedsPrecise:
            for event_id in undo:
                del ids[event_id]
            for category in list(categories)[known_categories:]:
                del categories[category]
        items, problems = chunk.read_precise(self.lines[chunk.first])
        self.problems.extend(problems)
        self.precise = True
        try:
            return self._events_of(items, chunk.first, categories, explicit, ids)
        finally:
            self.precise = False

    def _events_of(self, items, offset: int, categories, explicit, ids: dict[str, int], undo=None) -> list[Event]:
        events = []
        for index, item in enumerate(items, offset):
            written_id = item.get("id") if isinstance(item, dict) else None
            duplicate = False
            if isinstance(written_id, (str, int)) and not isinstance(written_id, bool):
                duplicate = str(written_id) in ids
                if duplicate:
                    self.report(written_id, f"duplicate id '{written_id}' (first used at line {ids[str(written_id)]})")
                else:
                    ids[str(written_id)] = position(written_id)[0] if self.precise else self.lines[index]
                    if undo is not None:
                        undo.append(str(written_id))
            event = self.event(item, index, categories, explicit)
            if event is not None and not duplicate:
                events.append(event)
        return events

    def event(self, item: object, index: int, categories: dict[str, Category], explicit: bool) -> Event | None:
        if not self.precise:
            return _plain_event(item, self.lines[index], self, categories, explicit)
        data = self.mapping(item, "an event")
        if data is None:
            return None
        self.unknown_keys(data, EVENT_KEYS, "an event")
        line = position(data)[0]
        ok = "title" in data
        if not ok:
            self.report(data, "event is missing `title`")
        title = self.text(data.get("title"), data, "title", required=ok)
        if "start" not in data:
            if "end" in data:
                self.report(data["end"], "event has an `end` but no `start`")
            else:
                self.report(data, "event is missing `start`")
            return None
        start = self.date(data["start"], "start")
        end = None
        if "end" in data and not isinstance(data["end"], Null):
            end = self.date(data["end"], "end")
            if start and end and end.end_seconds() <= start.seconds():
                self.report(data["end"], f"`end` ({end.iso()}) is before `start` ({start.iso()})")
                end = None
                ok = False
        category = self.text(data.get("category"), data, "category")
        if category and category not in categories:
            if explicit:
                close = difflib.get_close_matches(category, list(categories), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f" (declared: {', '.join(categories) or 'none'})"
                self.report(data.get("category"), f"unknown category '{category}'{hint}")
                ok = False
            else:
                categories[category] = Category(category, category, PALETTE[len(categories) % len(PALETTE)])
        tags = self.tags(data.get("tags"))
        sources = self.sources(data.get("sources"))
        description = self.text(data.get("description"), data, "description")
        location = self.text(data.get("location"), data, "location")
        event_id = self.text(data.get("id"), data, "id", required="id" in data)
        if start is None or not title.strip() or not ok:
            return None
        return Event(
            id=event_id,
            title=title,
            start=start,
            end=end,
            category=category,
            tags=tags,
            description=description,
            sources=sources,
            location=location,
            line=line,
        )

    def tags(self, value: object) -> tuple[str, ...]:
        if value is None or isinstance(value, Null):
            return ()
        if isinstance(value, str):
            return (str(value),)
        if type(value) is list and str in _only_types(value):
            return tuple(value)
        if not isinstance(value, list):
            self.report(value, "`tags` must be a list, e.g. tags: [oil, Tripoli]")
            return ()
        return tuple(tag for tag in (self.text(item, item, "tag") for item in value) if tag)

    def sources(self, value: object) -> tuple[Source, ...]:
        if value is None or isinstance(value, Null):
            return ()
        items = [value] if isinstance(value, (str, dict)) else value
        if not isinstance(items, list):
            self.report(value, "`sources` must be a list of links or {title, url, publisher, date}")
            return ()
        sources = []
        for item in items:
            if isinstance(item, dict):
                self.unknown_keys(item, SOURCE_KEYS, "a source")
                url = self.text(item.get("url"), item, "url")
                source = Source(
                    url=url.strip(),
                    title=self.text(item.get("title"), item, "title"),
                    publisher=self.text(item.get("publisher"), item, "publisher"),
                    date=self.text(item.get("date"), item, "date"),
                )
                if not url and not source.title:
                    self.report(item, "a source needs a `url` or a `title`")
                    continue
                where = item.get("url")
            else:
                url = self.text(item, item, "source")
                if url in self.named_sources:
                    sources.append(self.named_sources[url])
                    continue
                source, where = Source(url=url.strip()), item
                if url and "://" not in url and ":" not in url:
                    known = ", ".join(self.named_sources) or "none declared"
                    self.report(item, f"unknown source '{url}': write a http(s) link, or a name from the top-level `sources` ({known})")
                    continue
            if url:
                reason = check_url(url)
                if reason:
                    self.report(where, reason)
                    continue
            sources.append(source)
        return tuple(sources)


_EVENT_KEY_SET = frozenset(EVENT_KEYS)


def _plain_event(
    data: object, line: int, builder: _Builder, categories: dict[str, Category], explicit: bool
) -> Event:
    """The fast reader's common case at a few microseconds an event: plain text fields,
    known keys, valid dates and links. Anything else goes back to the precise builder."""
    if type(data) is not dict or not data.keys() <= _EVENT_KEY_SET:
        raise NeedsPrecise("event shape")
    get = data.get
    title, event_id, category = get("title"), get("id", ""), get("category", "")
    description, location = get("description", ""), get("location", "")
    if not (type(title) is str and title.strip()):
        raise NeedsPrecise("title")
    if type(event_id) is not str or type(category) is not str or type(description) is not str:
        raise NeedsPrecise("text field")
    if type(location) is not str or "end" in data and get("end") is None:
        raise NeedsPrecise("text field")
    try:
        start = parse_date(data["start"], builder.date_order)
        end = parse_date(data["end"], builder.date_order) if "end" in data else None
    except (KeyError, DateError):
        raise NeedsPrecise("date") from None
    if end is not None and end.end_seconds() <= start.seconds():
        raise NeedsPrecise("end before start")
    if category and category not in categories:
        if explicit:
            raise NeedsPrecise("category")
        categories[category] = Category(category, category, PALETTE[len(categories) % len(PALETTE)])
    tags = get("tags", ())
    if type(tags) is list and str in _only_types(tags):
        tags = tuple(tags)
    elif tags != ():
        raise NeedsPrecise("tags")
    sources = get("sources", ())
    if type(sources) is not list:
        raise NeedsPrecise("sources")
    named = builder.named_sources
    sources = tuple([named[s] if type(s) is str and s in named else _plain_source(s) for s in sources])
    if event_id == "" and "id" in data:
        raise NeedsPrecise("id")
    return Event(
        event_id,
        title, start, end, category, tags, description, sources, location, line,
    )


_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)


def _plain_source(source: object) -> Source:
    if type(source) is str:
        url = source
        result = Source(url.strip())
    elif type(source) is dict and source.keys() <= _SOURCE_KEY_SET and str in _only_types(list(source.values())):
        url = source.get("url", "")
        result = Source(url.strip(), source.get("title", ""), source.get("publisher", ""), source.get("date", ""))
        if not url and not result.title:
            raise NeedsPrecise("source")
    else:
        raise NeedsPrecise("source")
    if url and not _PLAIN_WEB_LINK.match(url):
        raise NeedsPrecise("link")
    return result


def _only_types(values: list) -> set:
    """{str} when every item is text (the common case, checked at C speed)."""
    kinds = set(map(type, values))
    return kinds if len(kinds) == 1 and "" not in values else set()


def _give_unique_ids(events: list[Event], taken: dict) -> None:
    """Events without an id get one from their date and title, so a selection survives reloads."""
    for event in events:
        if event.id:
            continue
        base = f"{event.start.iso()}-{_slug(event.title)}"
        candidate, suffix = base, 2
        while candidate in taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        taken[candidate] = event.line
        event.id = candidate


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")[:40] or "event"


def build_chronology(
    root: object, precise: bool = True, lines: list[int] | None = None
) -> tuple[Chronology, list[Problem]]:
    """The chronology in `root` and every problem found (all of them when precise)."""
    builder = _Builder(precise, lines)
    chronology = builder.build(root)
    problems = list(dict.fromkeys(builder.problems))
    return chronology, sorted(problems, key=lambda p: (p.line, p.column, p.severity != ERROR))

