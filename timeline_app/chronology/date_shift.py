"""Moving a date by whole steps of its own precision: what dragging an event means.

A month-precision date moves by months and stays a month; a day by days. Dates
that say more than one exact stretch (approximate, "early 2014", a decade, a
season, a time zone) are not moved: a drag would silently drop what they say.
"""

from __future__ import annotations

from dataclasses import replace

from .dates import (
    DAY,
    HOUR,
    MINUTE,
    MONTH,
    SECOND,
    SECONDS_PER_DAY,
    YEAR,
    DateError,
    PartialDate,
    civil_from_days,
    days_from_civil,
)
from .model import Event

MOVABLE = (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)
_STEP_SECONDS = {YEAR: 365.2425 * SECONDS_PER_DAY, MONTH: 30.436875 * SECONDS_PER_DAY, DAY: SECONDS_PER_DAY,
                 HOUR: 3600, MINUTE: 60, SECOND: 1}


def why_not_movable(date: PartialDate) -> str | None:
    """Why a drag may not move this date, in words for the status bar; None when it may."""
    if date.precision not in MOVABLE:
        return f"a {date.precision} is not moved by dragging: change it in the Edit dialog (F2)"
    if date.approximate or date.uncertain or date.note or date.zone or date.span:
        return "a date with a qualifier (about, ?, early, a time zone…) is not moved by dragging: use the Edit dialog (F2)"
    return None


def steps_for(date: PartialDate, seconds: float) -> int:
    """The whole steps of the date's precision nearest to a move of `seconds`."""
    return round(seconds / _STEP_SECONDS[date.precision])


def shifted(date: PartialDate, steps: int) -> PartialDate:
    """`date` moved by `steps` of its precision."""
    reason = why_not_movable(date)
    if reason:
        raise DateError(reason)
    if date.precision == YEAR:
        return replace(date, year=date.year + steps)
    if date.precision == MONTH:
        months = date.year * 12 + date.month - 1 + steps
        return replace(date, year=months // 12, month=months % 12 + 1)
    if date.precision == DAY:
        year, month, day = civil_from_days(days_from_civil(date.year, date.month, date.day) + steps)
        return replace(date, year=year, month=month, day=day)
    unit = {HOUR: 3600, MINUTE: 60, SECOND: 1}[date.precision]
    total = days_from_civil(date.year, date.month, date.day) * SECONDS_PER_DAY + date.hour * 3600 + date.minute * 60 + date.second
    total += steps * unit
    days, rest = divmod(total, SECONDS_PER_DAY)
    year, month, day = civil_from_days(days)
    return replace(date, year=year, month=month, day=day, hour=rest // 3600, minute=rest % 3600 // 60, second=rest % 60)


MOVE, START, END = "move", "start", "end"


def why_not_draggable(event: Event) -> str | None:
    """Why an event's dates cannot be dragged (disputed, open-ended, qualified); None when they can."""
    if event.alternatives or event.end_open or event.start_open:
        return "disputed or open-ended dates are changed in the Edit dialog (F2), not by dragging"
    return why_not_movable(event.start) or (why_not_movable(event.end) if event.end else None)


def why_not_moved_whole(event: Event) -> str | None:
    """Why a span cannot be moved as one piece: its start and end must step by the same unit,
    or the move would quietly change its length."""
    if event.end is not None and event.end.precision != event.start.precision:
        return (f"its start is a {event.start.precision} and its end a {event.end.precision}: drag either end, "
                "or move it in the Edit dialog (F2)")
    return None


def dragged_dates(event: Event, part: str, seconds: float) -> tuple[PartialDate, PartialDate | None]:
    """The event's (start, end) after dragging `part` (MOVE, START or END) by `seconds`, each date
    snapped to whole steps of its own precision."""
    end_steps = steps_for(event.end, seconds) if event.end is not None else 0
    return stepped_dates(event, part, steps_for(event.start, seconds), end_steps)


def stepped_dates(event: Event, part: str, start_steps: int, end_steps: int) -> tuple[PartialDate, PartialDate | None]:
    """(start, end) with `part` moved by whole steps; a resize that would put the end before
    the start leaves the dates as they are."""
    start, end = event.start, event.end
    if part in (MOVE, START):
        start = shifted(start, start_steps)
    if end is not None and part in (MOVE, END):
        end = shifted(end, end_steps)
    if end is not None and part != MOVE and end.end_seconds() <= start.seconds():
        return event.start, event.end
    return start, end
