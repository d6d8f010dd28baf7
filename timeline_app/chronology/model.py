"""The chronology as data: events, categories and eras, free of YAML and of Qt."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

from .date_written import one_of_text
from .dates import PartialDate
from .edtf import edtf_of

UNCATEGORISED_COLOR = "#7f7f7f"  # the lane of events with no category


class Source(NamedTuple):
    """Where an event is told. A named tuple: a large file makes one per link, 3x faster than a frozen dataclass."""

    url: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""

    def as_dict(self) -> dict:
        return {"url": self.url, "title": self.title, "publisher": self.publisher, "date": self.date}


@dataclass(frozen=True, slots=True)
class Media:
    """A picture, video or page that goes with an event: a web link or a path beside the file."""

    url: str
    caption: str = ""
    credit: str = ""
    thumbnail: str = ""
    alt: str = ""

    @property
    def is_remote(self) -> bool:
        return self.url.lower().startswith(("http://", "https://"))

    def as_dict(self) -> dict:
        return {"url": self.url, "caption": self.caption, "credit": self.credit, "thumbnail": self.thumbnail, "alt": self.alt}


@dataclass(frozen=True, slots=True)
class Background:
    """What TimelineJS shows behind a slide: a colour, a picture, or both (kept for the round trip)."""

    color: str = ""
    url: str = ""

    def as_dict(self) -> dict:
        return {"color": self.color, "url": self.url}


@dataclass(frozen=True, slots=True)
class Alternative:
    """One of the dates sources give for a disputed event, with the source that gives it."""

    date: PartialDate
    source: str = ""  # as written: a name from the top-level `sources`, or a link
    label: str = ""  # how a reader knows the source: its publisher or title
    reference: Source | None = None  # the named source in full


@dataclass(slots=True)
class Event:
    """One dated entry; `line` is where it starts in the file, for 'open in editor'.

    `end_open` is "present", "open" or "unknown" for a span with no end date;
    `start_open` likewise for `../2006`; `alternatives` lists the dates sources
    disagree on (then `start` is the earliest of them).
    """

    id: str
    title: str
    start: PartialDate
    end: PartialDate | None = None
    category: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""
    sources: tuple[Source, ...] = ()
    location: str = ""
    line: int = 0
    end_open: str = ""
    start_open: str = ""
    alternatives: tuple[Alternative, ...] = ()
    written: str = ""  # `start` (and `end`) exactly as the file says them, for readers to compare with the meaning
    media: Media | None = None
    display_date: str = ""  # the date as another tool is told to show it, instead of our words
    background: Background | None = None

    @property
    def is_span(self) -> bool:
        return self.end is not None or bool(self.end_open)

    @property
    def precision(self) -> str:
        return self.start.precision

    def start_seconds(self) -> float:
        return self.start.seconds()

    def end_seconds(self) -> float:
        """Exclusive end of the whole interval the event covers, imprecision included
        (an event still going on runs to today; alternatives to the latest of them)."""
        if self.end_open == "present":
            return max(self.start.end_seconds(), _today_seconds())
        if self.alternatives:
            return max(alternative.date.end_seconds() for alternative in self.alternatives)
        return (self.end or self.start).end_seconds()

    @property
    def plain_dates(self) -> bool:
        """Exact dates only: `start` and `end` say all there is in ISO form."""
        return not (self.start.qualified or (self.end and self.end.qualified) or self.end_open or self.start_open
                    or self.alternatives or (self.written and " … " not in self.written and self.end is not None))

    def start_text(self) -> str:
        """`start` for a format that holds one text: ISO for exact dates, else as written (or EDTF)."""
        if self.plain_dates:
            return self.start.iso()
        if self.written:
            return self.written.split(" … ")[0]
        if self.alternatives:
            return one_of_text(alternative.date for alternative in self.alternatives)
        return edtf_of(self)

    def end_text(self) -> str:
        """`end` to go with `start_text` ('' when start_text already says it); an open end as written ("present")."""
        if self.plain_dates:
            return self.end.iso() if self.end else ""
        return self.written.partition(" … ")[2]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start.iso(),
            "edtf": edtf_of(self),
            "end": self.end.iso() if self.end else None,
            "precision": self.start.precision,
            "category": self.category or None,
            "tags": list(self.tags),
            "description": self.description,
            "sources": [source.as_dict() for source in self.sources],
            "location": self.location or None,
            "media": self.media.as_dict() if self.media else None,
            "display_date": self.display_date or None,
            "background": self.background.as_dict() if self.background else None,
        }


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    color: str


@dataclass(frozen=True, slots=True)
class Era:
    title: str
    start: PartialDate
    end: PartialDate
    color: str = ""


@dataclass(slots=True)
class Chronology:
    """Events sorted by start; categories in file order (they become lanes in that order)."""

    title: str = ""
    description: str = ""
    date_order: str = "YMD"
    timezone: str = ""  # the offset of times written without one ("" : as written, no offset)
    categories: dict[str, Category] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    media: Media | None = None  # the title's picture (TimelineJS's title slide)
    background: Background | None = None

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "description": self.description,
            "categories": {c.id: {"label": c.label, "color": c.color} for c in self.categories.values()},
            "eras": [
                {"title": e.title, "start": e.start.iso(), "end": e.end.iso(), "color": e.color} for e in self.eras
            ],
            "events": [event.as_dict() for event in self.events],
            "media": self.media.as_dict() if self.media else None,
            "background": self.background.as_dict() if self.background else None,
        }


def _today_seconds() -> float:
    return float(int(time.time()) // 86400 * 86400)
