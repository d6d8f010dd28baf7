"""An event's `start` and `end` read together, the same way on both readers' paths.

A range written in `start` ("1914-1918", "16 May 2014 – present") is the event's span;
a second `end` is then an error that says why. `start` may also list alternative
dates, each with the source that gives it (see `read_alternatives`).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import NamedTuple

from ...chronology.date_forms import parse_end, parse_when, plain_day
from ...chronology.dates import HOUR, MINUTE, SECOND, DateError, PartialDate
from ...chronology.model import Alternative


class DateProblem(Exception):
    """What is wrong with the dates, and in which field (`start` or `end`)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class EventDates(NamedTuple):
    """(A named tuple: a large file makes one per distinct pair of dates, and a tuple is made 4x faster.)"""

    start: PartialDate
    end: PartialDate | None = None
    end_open: str = ""
    start_open: str = ""
    alternatives: tuple[Alternative, ...] = ()
    written: str = ""


@functools.lru_cache(maxsize=1 << 18)
def event_dates(start_value: object, end_value: object, has_end: bool, date_order: str | None,
                timezone: str = "") -> EventDates:
    """The dates of one event from what `start` and `end` hold; DateProblem when they say no.
    Cached: a large chronology repeats its dates (17,000 distinct among 100,000 events, 180,000
    among a million: the cache holds them all)."""
    if type(start_value) is str and not timezone:
        plain = _plain_dates(start_value, end_value, has_end)
        if plain is not None:
            return plain
    try:
        when = parse_when(start_value, date_order)
    except DateError as error:
        raise DateProblem("start", f"bad `start`: {error}") from None
    if when.is_range and has_end:
        raise DateProblem("end", f"`start` already gives the whole span ('{start_value}'): remove `end`, "
                                 "or write only the first date in `start`")
    alternatives = tuple(Alternative(date, "") for date in when.alternatives)
    written = str(start_value).strip()
    if not has_end:
        return _in_zone(EventDates(when.start, when.end, when.end_open, when.start_open, alternatives, written), timezone)
    if alternatives:
        raise DateProblem("end", "an event with alternative dates has no `end`: give each alternative as a range")
    try:
        end, end_open = parse_end(end_value, date_order)
    except DateError as error:
        raise DateProblem("end", f"bad `end`: {error}") from None
    if end is not None and end.end_seconds() <= when.start.seconds():
        raise DateProblem("end", f"`end` ({end.iso()}) is before `start` ({when.start.iso()})")
    return _in_zone(EventDates(when.start, end, end_open, written=f"{written} … {str(end_value).strip()}"), timezone)


def _plain_dates(start_value: str, end_value: object, has_end: bool) -> EventDates | None:
    """`event_dates` for plain days and minutes (`plain_day`), None for any other form."""
    start = _plain_date(start_value, "start")
    if start is None:
        return None
    if not has_end:
        return _new_dates((start, None, "", "", (), start_value))
    end = _plain_date(end_value, "end") if type(end_value) is str else None
    if end is None:
        return None
    if end._end <= start._start:
        raise DateProblem("end", f"`end` ({end.iso()}) is before `start` ({start.iso()})")
    return _new_dates((start, end, "", "", (), f"{start_value} … {end_value}"))


_new_dates = functools.partial(tuple.__new__, EventDates)  # EventDates(...) without a Python call


def _plain_date(value: str, field: str) -> PartialDate | None:
    try:
        return _plain_day(value)
    except DateError as error:
        raise DateProblem(field, f"bad `{field}`: {error}") from None


# One date string is read once: a file's pairs of dates are many more than its dates (100,000
# hand-written events: 29,000 distinct pairs of 21,000 distinct dates), and a PartialDate
# (a frozen dataclass, shared by every event that names the day) costs 2 µs to make.
_plain_day = functools.lru_cache(maxsize=1 << 18)(plain_day)


def _in_zone(dates: EventDates, timezone: str) -> EventDates:
    """Times written without an offset are in the file's declared `timezone`, if it has one."""
    if not timezone:
        return dates

    def zoned(date: PartialDate | None) -> PartialDate | None:
        if date is None or date.zone or date.precision not in (HOUR, MINUTE, SECOND):
            return date
        return replace(date, zone=timezone)

    alternatives = tuple(replace(a, date=zoned(a.date)) for a in dates.alternatives)
    return dates._replace(start=zoned(dates.start), end=zoned(dates.end), alternatives=alternatives)
