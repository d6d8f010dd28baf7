"""The chronology as data: events, categories and eras, free of YAML and of Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PartialDate

UNCATEGORISED_COLOR = "#7f7f7f"  # the lane of events with no category


@dataclass(frozen=True, slots=True)
class Source:
    url: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""

    def as_dict(self) -> dict:
        return {"url": self.url, "title": self.title, "publisher": self.publisher, "date": self.date}


@dataclass(slots=True)
class Event:
    """One dated entry; `line` is where it starts in the file, for 'open in editor'."""

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

    @property
    def is_span(self) -> bool:
        return self.end is not None

    @property
    def precision(self) -> str:
        return self.start.precision

    def start_seconds(self) -> float:
        return self.start.seconds()

    def end_seconds(self) -> float:
        """Exclusive end of the whole interval the event covers, imprecision included."""
        return (self.end or self.start).end_seconds()

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "start": self.start.iso(),
            "end": self.end.iso() if self.end else None,
            "precision": self.start.precision,
            "category": self.category or None,
            "tags": list(self.tags),
            "description": self.description,
            "sources": [source.as_dict() for source in self.sources],
            "location": self.location or None,
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
    categories: dict[str, Category] = field(default_factory=dict)
    eras: list[Era] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "description": self.description,
            "categories": {c.id: {"label": c.label, "color": c.color} for c in self.categories.values()},
            "eras": [
                {"title": e.title, "start": e.start.iso(), "end": e.end.iso(), "color": e.color} for e in self.eras
            ],
            "events": [event.as_dict() for event in self.events],
        }
