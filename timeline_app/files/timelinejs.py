"""TimelineJS3 JSON out: slides with date parts, text, media, background and groups; eras.

Read back by `timelinejs_read`, it gives the same model: location and sources ride in
the slide text (`slide_notes`), a year or month end is written as the instant it ends
at (`timelinejs_dates`). What TimelineJS cannot hold is named by `timelinejs_losses`.
"""

from __future__ import annotations

import html

from ..chronology.date_text import describe_event_date
from ..chronology.model import Background, Chronology, Event, Media
from .html_text import markdown_to_html
from .slide_notes import notes_html
from .timelinejs_dates import date_parts, end_date_parts, is_wider_than_parts, last_date_parts


def to_timelinejs(chronology: Chronology) -> dict:
    """TimelineJS3's JSON document for `chronology`."""
    labels = {cid: category.label for cid, category in chronology.categories.items()}
    title = {"text": {"headline": _escape(chronology.title), "text": markdown_to_html(chronology.description)}}
    _add_pictures(title, chronology.media, chronology.background)
    document = {"title": title, "events": [_slide(event, labels) for event in chronology.events]}
    if chronology.eras:
        document["eras"] = [
            {"start_date": date_parts(era.start), "end_date": end_date_parts(era.end), "text": {"headline": _escape(era.title)}}
            for era in chronology.eras
        ]
    return document


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _slide(event: Event, labels: dict[str, str]) -> dict:
    slide = {
        "unique_id": event.id,
        "start_date": date_parts(event.start),
        "text": {"headline": _escape(event.title),
                 "text": markdown_to_html(event.description) + notes_html(event.location, event.sources)},
    }
    if event.end:
        slide["end_date"] = last_date_parts(event.end)
    elif not event.is_span and not event.alternatives and is_wider_than_parts(event.start):
        slide["end_date"] = last_date_parts(event.start)  # "the 19th century" as 1801 – 1900
    if event.display_date:
        slide["display_date"] = event.display_date
    elif not event.plain_dates:  # TimelineJS has no words for "about", "1860s" or "13 July or August": say them
        slide["display_date"] = describe_event_date(event)
    if event.category:
        slide["group"] = labels.get(event.category, event.category)
    _add_pictures(slide, event.media, event.background)
    return slide


def _add_pictures(slide: dict, media: Media | None, background: Background | None) -> None:
    if media:
        slide["media"] = {"url": media.url}
        for key in ("caption", "credit"):
            if getattr(media, key):
                slide["media"][key] = markdown_to_html(getattr(media, key), paragraphs=False)
        for key in ("thumbnail", "alt"):
            if getattr(media, key):
                slide["media"][key] = getattr(media, key)
    if background:
        slide["background"] = {key: value for key, value in (("color", background.color), ("url", background.url)) if value}
