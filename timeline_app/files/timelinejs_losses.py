"""What a TimelineJS (or Google Sheets template) export cannot hold, said in one line.

An export never drops anything silently: the CLI prints this line as a warning.
"""

from __future__ import annotations

from ..chronology.model import Chronology
from .timelinejs_dates import is_wider_than_parts
from .validation.values import PALETTE


def timelinejs_losses(chronology: Chronology, sheet: bool = False) -> str:
    """'' when TimelineJS keeps everything; else one sentence naming each loss and how often."""
    events = chronology.events
    counts = {
        "tags": sum(1 for e in events if e.tags),
        "qualified or disputed dates (written as display_date words)": sum(1 for e in events if not e.plain_dates and not e.display_date),
        "season, decade, century and millennium precision (written as months or years)": _stretches(chronology),
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
