"""What a TimelineJS (or Google Sheets template) export cannot hold, said in one line.

An export never drops anything silently: the CLI prints this line as a warning.
"""

from __future__ import annotations

from ..chronology.model import Chronology
from .validation.values import PALETTE


def timelinejs_losses(chronology: Chronology, sheet: bool = False) -> str:
    """'' when TimelineJS keeps everything; else one sentence naming each loss and how often."""
    events = chronology.events
    counts = {
        "tags": sum(1 for e in events if e.tags),
        "qualified or disputed dates (written as display_date words)": sum(1 for e in events if not e.plain_dates and not e.display_date),
        "media alt text": sum(1 for e in events if e.media and e.media.alt) + bool(chronology.media and chronology.media.alt),
        "category colours": sum(1 for i, c in enumerate(chronology.categories.values()) if c.color != PALETTE[i % len(PALETTE)]),
        "era colours": sum(1 for era in chronology.eras if era.color),
    }
    if sheet:
        counts["ids"] = sum(1 for e in events if e.id)
        counts["locations and sources"] = sum(1 for e in events if e.location or e.sources)
        counts["media alt text"] = counts.pop("media alt text")
    lost = [f"{what} ({count})" for what, count in counts.items() if count]
    if not lost:
        return ""
    return f"{'the Google Sheets template' if sheet else 'TimelineJS'} cannot hold: {', '.join(lost)}"
