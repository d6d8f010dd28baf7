"""What a CSV export cannot hold, said in one line: a CSV has one row per event and no header of its own.

An export never drops anything silently: the CLI prints this line as a warning.
"""

from __future__ import annotations

from ..chronology.model import Chronology
from .timelinejs_losses import moved_categories
from .validation.values import PALETTE


def csv_losses(chronology: Chronology) -> str:
    """'' when the rows keep everything; else one sentence naming each loss and how often."""
    counts = {
        "the title": bool(chronology.title),
        "the description": bool(chronology.description),
        "the title's picture": bool(chronology.media),
        "the title's background": bool(chronology.background),
        "date_order": chronology.date_order != "YMD",
        "timezone": bool(chronology.timezone),
        "eras": len(chronology.eras),
        "category labels and colours": sum(1 for i, c in enumerate(chronology.categories.values())
                                           if c.label != c.id or c.color != PALETTE[i % len(PALETTE)]),
        "category order and unused categories (lanes come in order of first use)": moved_categories(chronology),
    }
    lost = [what if count is True else f"{what} ({count})" for what, count in counts.items() if count]
    return f"CSV cannot hold: {', '.join(lost)}" if lost else ""
