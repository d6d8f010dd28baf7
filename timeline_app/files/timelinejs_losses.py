"""What a TimelineJS (or Google Sheets template) export cannot hold, said in one line.

An export never drops anything silently: the CLI prints this line as a warning.
"""

from __future__ import annotations

from ..chronology.dates import PartialDate
from ..chronology.model import Chronology
from .slugs import slug
from .timelinejs_dates import is_wider_than_parts
from .validation.values import PALETTE


def timelinejs_losses(chronology: Chronology, sheet: bool = False) -> str:
    """'' when TimelineJS keeps everything; else one sentence naming each loss and how often."""
    events = chronology.events
    counts = {
        "tags": sum(1 for e in events if e.tags),
        "qualified or disputed dates (written as display_date words)": sum(1 for e in events if not e.plain_dates and not e.display_date),
        "season, decade, century and millennium precision (written as months or years)": _stretches(chronology),
        "qualifiers of dates shown by their own display_date": sum(1 for e in events if not e.plain_dates and e.display_date),
        "time zones (times written as their local time)": sum(1 for e in events if _zoned(e.start) or _zoned(e.end)),
        "category ids (groups are read back by their label)": sum(
            1 for c in chronology.categories.values() if c.id != slug(c.label, "group")),
        "categories sharing a label (one group each label)": _shared_labels(chronology),
        "media alt text": sum(1 for e in events if e.media and e.media.alt) + bool(chronology.media and chronology.media.alt),
        "category colours": sum(1 for i, c in enumerate(chronology.categories.values()) if c.color != PALETTE[i % len(PALETTE)]),
        "era colours": sum(1 for era in chronology.eras if era.color),
        "category order and unused categories (groups come in order of first use)": moved_categories(chronology),
    }
    if sheet:  # the template has no id column, and one Background cell
        counts["ids"] = len(events)
        counts["backgrounds with both a colour and a picture"] = sum(
            1 for b in [e.background for e in events] + [chronology.background] if b and b.color and b.url)
    lost = [f"{what} ({count})" for what, count in counts.items() if count]
    if not lost:
        return ""
    return f"{'the Google Sheets template' if sheet else 'TimelineJS'} cannot hold: {', '.join(lost)}"


def moved_categories(chronology: Chronology) -> int:
    """How many categories a reader of the groups would not give back in the same place."""
    in_use = list(dict.fromkeys(event.category for event in chronology.events if event.category))
    declared = list(chronology.categories)
    return sum(1 for index, cid in enumerate(declared) if index >= len(in_use) or in_use[index] != cid)


def _stretches(chronology: Chronology) -> int:
    """Events and eras with a date TimelineJS can only write as the months or years it covers."""
    dated = [(e.start, e.end) for e in chronology.events] + [(era.start, era.end) for era in chronology.eras]
    return sum(1 for start, end in dated if is_wider_than_parts(start) or (end is not None and is_wider_than_parts(end)))


def _zoned(date: PartialDate | None) -> bool:
    return date is not None and bool(date.zone)


def _shared_labels(chronology: Chronology) -> int:
    """Categories whose label an earlier category already has: TimelineJS groups by label."""
    labels = [category.label for category in chronology.categories.values()]
    return len(labels) - len(set(labels))
