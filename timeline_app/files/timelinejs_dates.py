"""TimelineJS date objects ({year, month, day, hour, minute, second}) and our date texts.

TimelineJS ends an era's band at an instant: `{year: 1946}` is 1 January 1946, where
our `end: 1945` runs to the end of 1945. An era's year- or month-only end is therefore
read as the year (month) before and written as the one after, so adjacent eras touch
without overlapping. A slide's end is read as written: TimelineJS shows it to readers
("1943 – 1946"), and that is what they mean.
"""

from __future__ import annotations

from ..chronology.date_forms import parse_date
from ..chronology.dates import HOUR, MINUTE, MONTH, SECOND, YEAR, DateError, PartialDate
from .yaml_reader import Null, Text, position
from .yaml_reader import located_text as _located_text

_PARTS = ("year", "month", "day", "hour", "minute", "second")  # our dates stop at the second


def _part(parts: dict, key: str) -> str:
    value = parts.get(key)
    return "" if value is None or isinstance(value, (Null, dict, list)) else str(value).strip()


def date_text(parts: object) -> object:
    """Date parts as one of our date texts placed where the parts were; None when all are empty."""
    if not isinstance(parts, dict):
        return None if parts is None or isinstance(parts, Null) or not str(parts).strip() else parts
    year, month, day, hour, minute, second = (_part(parts, key) for key in _PARTS)
    if not any((year, month, day, hour, minute, second)):
        return None
    text = _padded_year(year) if month else year
    if month:
        text += f"-{_two(month)}"
        if day:
            text += f"-{_two(day)}"
            if hour:
                text += f" {_two(hour)}:{_two(minute or '0')}"
                if second:
                    text += f":{_two(second)}"
    return _located_text(text, *position(parts))


def _padded_year(year: str) -> str:
    """-43 as -0043: our reader takes a year with its month only when it has four digits."""
    if not year.lstrip("+-").isdigit():
        return year
    number = int(year)
    return f"{number:04d}" if number >= 0 else f"-{-number:04d}"


def _two(number: str) -> str:
    return f"{int(number):02d}" if number.isdigit() else number


def end_date_text(parts: object, start: object) -> object:
    """An era's end as a date text, a year- or month-only end read as the unit before (see above)."""
    text = date_text(parts)
    if not isinstance(text, Text) or not isinstance(parts, dict) or _part(parts, "day"):
        return text
    try:
        end = parse_date(str(text))
        first = parse_date(str(start)) if start else None
    except DateError:
        return text
    if end.precision == YEAR:
        before = f"{end.year - 1}"
    elif end.precision == MONTH:
        before = PartialDate(end.year - (end.month == 1), (end.month - 2) % 12 + 1, precision=MONTH).iso()
    else:
        return text
    if first is not None and parse_date(before).end_seconds() <= first.seconds():
        return text  # "from 1946 to 1946": the end is the year itself
    return _located_text(before, text.line, text.column)


def date_parts(date: PartialDate) -> dict:
    """A start date's TimelineJS parts, to its precision."""
    parts = {"year": date.year}
    if date.precision != YEAR:
        parts["month"] = date.month
    if date.precision not in (YEAR, MONTH):
        parts["day"] = date.day
    if date.precision in (HOUR, MINUTE, SECOND):
        parts["hour"], parts["minute"] = date.hour, date.minute
    if date.precision == SECOND:
        parts["second"] = date.second
    return parts


def end_date_parts(date: PartialDate) -> dict:
    """An era's end date parts: a year or month end as the instant it ends at (see above)."""
    if date.precision == YEAR:
        return {"year": date.year + 1}
    if date.precision == MONTH:
        return {"year": date.year + (date.month == 12), "month": date.month % 12 + 1}
    return date_parts(date)
