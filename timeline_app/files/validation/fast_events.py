"""The fast reader's common case: an event of plain text fields built in a few microseconds.

Anything unusual raises NeedsPrecise, and the chunk is read again precisely.
"""

from __future__ import annotations

from ...chronology.model import Category, Event, Source
from .event_dates import DateProblem, event_dates
from .media import read_background, read_media
from .values import (
    EVENT_KEY_SET,
    PALETTE,
    SOURCE_KEY_SET,
    Checker,
    NeedsPrecise,
    check_url,
)


def plain_event(
    data: object, line: int, check: Checker, categories: dict[str, Category], explicit: bool
) -> Event:
    """The fast reader's common case at a few microseconds an event: plain text fields,
    known keys, valid dates and links. Anything else goes back to the precise check."""
    if type(data) is not dict or not data.keys() <= EVENT_KEY_SET:
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
    start, end = get("start"), get("end")
    if type(start) is not str and type(start) is not int or end is not None and type(end) is not str and type(end) is not int:
        raise NeedsPrecise("date")  # (a bool would hit the cache of the equal int: True is 1)
    try:
        dates = event_dates(start, end, "end" in data, check.date_order, check.timezone)
    except DateProblem:
        raise NeedsPrecise("date") from None
    if dates.alternatives:
        raise NeedsPrecise("date")
    if category and category not in categories:
        if explicit:
            raise NeedsPrecise("category")
        categories[category] = Category(category, category, PALETTE[len(categories) % len(PALETTE)])
    tags = get("tags", ())
    if type(tags) is list and str in only_types(tags):
        tags = tuple(tags)
    elif tags != ():
        raise NeedsPrecise("tags")
    if "sources" in data:
        sources = data["sources"]
        if type(sources) is not list:
            raise NeedsPrecise("sources")
        named = check.named_sources
        sources = tuple([named[s] if type(s) is str and s in named else plain_source(s) for s in sources])
    else:
        sources = ()  # most events of a safe_dump'ed file: no key at all
    if "id" in data and not event_id.strip():
        raise NeedsPrecise("id")
    event = Event(
        event_id, title, dates.start, dates.end, category, tags, description, sources, location, line,
        dates.end_open, dates.start_open, (), dates.written,
    )
    if "media" in data or "background" in data or "display_date" in data:  # the checks themselves raise NeedsPrecise
        event.media, event.background, event.display_date = plain_extras(check, data)
    return event


def plain_extras(check: Checker, data: dict) -> tuple:
    """An event's media, background and display date from plain values. A null there may have
    been written `null`, which the precise reader keeps as the word: only it can tell."""
    media, background = data.get("media", 0), data.get("background", 0)
    if None in (media, background, data.get("display_date", 0)):
        raise NeedsPrecise("null")
    if type(media) is dict and None in media.values() or type(background) is dict and None in background.values():
        raise NeedsPrecise("null")  # (`caption: null` inside: the word, to the precise reader)
    return (read_media(check, data.get("media")), read_background(check, data.get("background")),
            check.text(data.get("display_date"), data, "display_date"))


def plain_source(source: object) -> Source:
    if type(source) is str:
        url = source
        result = Source(url.strip())
    elif type(source) is dict and source.keys() <= SOURCE_KEY_SET and set(map(type, source.values())) <= {str}:
        # (an empty title, publisher or date is no title, as the precise check reads it: our JSON export writes them)
        url = source.get("url", "")
        result = Source(url.strip(), source.get("title", ""), source.get("publisher", ""), source.get("date", ""))
        if not url and not result.title:
            raise NeedsPrecise("source")
    else:
        raise NeedsPrecise("source")
    if url and check_url(url) is not None:
        raise NeedsPrecise("link")
    return result


def only_types(values: list) -> set:
    """{str} when every item is text (the common case, checked at C speed)."""
    kinds = set(map(type, values))
    return kinds if len(kinds) == 1 and "" not in values else set()
