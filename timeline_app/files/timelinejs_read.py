"""TimelineJS JSON in: slides, title slide, eras and groups as events.yaml-shaped located values.

Tolerant where the intent is plain (an all-empty date is no date, a missing headline
borrows the slide's display date or caption); everything else goes through the one
validation, so each problem keeps its FILE:LINE:COL. TimelineJS2 files are turned
into the TimelineJS3 shape first (`timelinejs2`); Google Sheets rows come here too.
"""

from __future__ import annotations

import functools
import re

from ..chronology.date_forms import parse_date
from ..chronology.dates import DateError
from ..chronology.problems import Problem
from .html_text import html_to_markdown, non_web_links
from .slide_notes import split_notes
from .slugs import slug, unique
from .timelinejs2 import as_timelinejs3, is_timelinejs2
from .timelinejs_dates import date_text, end_date_text, milliseconds_at
from .timelinejs_media import Refusals, background_value, media_value
from .yaml_reader import Mapping, Null, Sequence, located, position
from .yaml_reader import located_text as _located_text
from .yaml_reader import text_at as _at


_SPACES = re.compile(r"\s+")


def is_timelinejs(root: Mapping) -> bool:
    """Slides with a `start_date`, or a title slide (`title.text.headline`: our title is text), or TimelineJS2."""
    events = root.get("events")
    timelinejs3 = isinstance(events, list) and any(isinstance(e, dict) and "start_date" in e for e in events)
    title = root.get("title")
    title_slide = isinstance(title, dict) and isinstance(title.get("text"), dict) and "headline" in title["text"]
    return timelinejs3 or title_slide or is_timelinejs2(root)


def from_timelinejs(root: Mapping) -> tuple[Mapping, list[Problem]]:
    """The chronology a TimelineJS document describes, and the warnings its reading gave."""
    if is_timelinejs2(root):
        root = as_timelinejs3(root)
    refusals = Refusals()
    result = located(Mapping(), root.line, root.column)
    _read_title_slide(root, result, refusals)
    items = root.get("events") if isinstance(root.get("events"), list) else []
    taken = {str(item["unique_id"]) for item in items if isinstance(item, dict) and _filled(item.get("unique_id"))}
    groups = _groups_in_date_order(items)
    events = located(Sequence(), *position(root.get("events"), (root.line, root.column)))
    for item in items:
        events.append(_event(item, groups, taken, refusals) if isinstance(item, dict) else item)
    if groups:
        categories = located(Mapping(), root.line, root.column)
        for label, cid in groups.items():
            categories[_at(cid, root)] = located(Mapping(), root.line, root.column)
            categories[cid][_at("label", root)] = _at(label, root)
        result[_at("categories", root)] = categories
    if isinstance(root.get("eras"), list):
        result[_at("eras", root)] = _eras(root["eras"])
    result[_at("events", root)] = events
    return result, refusals.problems



def _filled(value: object) -> bool:
    return value is not None and not isinstance(value, Null) and bool(str(value).strip())


def _words(value: object) -> str:
    """A headline as one line of plain text; a list of pieces is joined."""
    if isinstance(value, list):
        return " ".join(_words(piece) for piece in value if _filled(piece))
    if not _filled(value) or isinstance(value, dict):
        return ""
    return _one_line(str(value))


@functools.lru_cache(maxsize=4096)
def _one_line(text: str) -> str:
    """A headline or group label as plain words; cached: every slide of a group names it again."""
    return _SPACES.sub(" ", html_to_markdown(text).replace("**", "")).strip()


def _text_of(item: dict) -> dict:
    return item.get("text") if isinstance(item.get("text"), dict) else {}


def _read_title_slide(root: Mapping, result: Mapping, refusals: Refusals) -> None:
    """The title slide: our title, description, picture and background."""
    title = root.get("title") if isinstance(root.get("title"), dict) else {}
    text = _text_of(title)
    result[_at("title", root)] = _at(_words(text.get("headline")) or _words(root.get("title")) or "Untitled", text.get("headline"), root)
    body = str(text.get("text", "")) if _filled(text.get("text")) else ""
    if body:
        _warn_of_links(text.get("text"), refusals)
        result[_at("description", root)] = _at(html_to_markdown(body), text.get("text"))
    media, _ = media_value(title.get("media"), refusals)
    if media is not None:
        result[_at("media", root)] = media
    background = background_value(title.get("background"), refusals)
    if background is not None:
        result[_at("background", root)] = background


def _start_key(item: object) -> float:
    try:
        return parse_date(date_text(item.get("start_date"))).seconds()
    except (DateError, AttributeError, TypeError, ValueError):
        return float("inf")


def _groups_in_date_order(items: list) -> dict[str, str]:
    """Group label -> category id, in the order the events show them once sorted by date,
    so a file written back from the model (events by date) gives the same order and colours."""
    groups: dict[str, str] = {}
    taken: set[str] = set()
    slides = [item for item in items if isinstance(item, dict)]
    for _, _, item in sorted((_start_key(item), index, item) for index, item in enumerate(slides)):
        label = _words(item.get("group"))
        if label and label not in groups:
            groups[label] = unique(slug(label, "group"), taken)
    return groups


def _event(item: dict, groups: dict[str, str], taken: set[str], refusals: Refusals) -> Mapping:
    event = located(Mapping(), item.line, item.column)
    text = _text_of(item)
    put = lambda key, value, where: event.__setitem__(_at(key, where, item), _at(value, where, item))
    start = date_text(item.get("start_date")) if "start_date" in item else None
    display = _words(item.get("display_date"))
    media, quote = media_value(item.get("media"), refusals)
    title = _words(text.get("headline"))
    if not title:
        caption = str(media.get("caption", "")) if isinstance(media, dict) else ""
        title = display or caption.strip() or str(start or "")
        if title:
            refusals.warn(item, f"slide has no headline: titled '{title}' from its {'display date' if display else 'caption' if caption.strip() else 'date'}")
    if _filled(item.get("unique_id")):
        put("id", str(item["unique_id"]), item["unique_id"])
    elif start and title:
        put("id", unique(f"{str(start).replace(' ', 'T')}-{slug(title, 'event')}", taken), item)
    put("title", title, text.get("headline"))
    if start is not None:
        event[_at("start", item)] = start
    _warn_of_milliseconds(item, refusals)
    end = date_text(item.get("end_date"))  # a slide shows its end as written: "1943 – 1946" is read so
    if end is not None:
        event[_at("end", item)] = end
    label = _words(item.get("group"))
    if label:
        put("category", groups[label], item.get("group"))
    if display:
        put("display_date", display, item.get("display_date"))
    body, location, sources = split_notes(str(text.get("text", "")) if _filled(text.get("text")) else "")
    _warn_of_links(text.get("text"), refusals)
    description = html_to_markdown(body)
    if quote:
        description = f"{description}\n\n> {quote}".strip()
    if description:
        put("description", description, text.get("text"))
    if location:
        put("location", location, text.get("text"))
    if sources:
        event[_at("sources", text.get("text"), item)] = _sources(sources, text.get("text") or item)
    if media is not None:
        event[_at("media", item)] = media
    background = background_value(item.get("background"), refusals)
    if background is not None:
        event[_at("background", item)] = background
    return event


def _warn_of_links(value: object, refusals: Refusals) -> None:
    for href in non_web_links(str(value)) if _filled(value) else ():
        refusals.warn(value, f"link '{href}' is not kept (only http and https links are): its words stay as plain text")


def _warn_of_milliseconds(item: dict, refusals: Refusals) -> None:
    for key in ("start_date", "end_date"):
        where = milliseconds_at(item.get(key))
        if where is not None:
            refusals.warn(_located_text("", *where), "milliseconds are not kept: the time is read to the second")


def _sources(sources: list[dict[str, str]], where: object) -> Sequence:
    found = located(Sequence(), *position(where))
    for source in sources:
        entry = located(Mapping(), *position(where))
        for key, value in source.items():
            if value:
                entry[_at(key, where)] = _at(value, where)
        found.append(entry)
    return found


def _eras(items: list) -> Sequence:
    eras = located(Sequence(), items.line, items.column)
    for item in items:
        if not isinstance(item, dict):
            continue
        era = located(Mapping(), item.line, item.column)
        headline = _text_of(item).get("headline")
        era[_at("title", item)] = _at(_words(headline) or "Era", headline, item)
        start = date_text(item.get("start_date")) if "start_date" in item else None
        end = end_date_text(item.get("end_date"), start) if "end_date" in item else None
        for key, value in (("start", start), ("end", end)):
            if value is not None:
                era[_at(key, item)] = value
        eras.append(era)
    return eras
