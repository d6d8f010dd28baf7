"""TimelineJS date objects ({year, month, day, hour, minute, second}) and our date texts.

TimelineJS ends an era's band at an instant: `{year: 1946}` is 1 January 1946, where
our `end: 1945` runs to the end of 1945. An era's year- or month-only end is therefore
read as the year (month) before and written as the one after, so adjacent eras touch
without overlapping. A slide's end is read as written: TimelineJS shows it to readers
("1943 – 1946"), and that is what they mean.
"""

from __future__ import annotations

from ..chronology.date_forms import parse_date
from ..chronology.dates import (
    CENTURY,
    DECADE,
    HOUR,
    MILLENNIUM,
    MINUTE,
    MONTH,
    SEASON,
    SECOND,
    YEAR,
    DateError,
    PartialDate,
)
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
            if hour and not (minute or second):
                text += f" {_two(hour)}"  # an hour alone is that hour, as TimelineJS shows it
            elif hour:
                text += f" {_two(hour)}:{_two(minute or '0')}"
                if second:
                    text += f":{_two(second)}"
    return _located_text(text, *position(parts))


def milliseconds_at(parts: object) -> tuple[int, int] | None:
    """Where date parts give a fraction of a second (our dates stop at the second), or None."""
    if not isinstance(parts, dict):
        return None
    if _part(parts, "millisecond").strip("0"):
        return position(parts.get("millisecond"), position(parts))
    if "." in _part(parts, "second"):
        return position(parts.get("second"), position(parts))
    return None


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


_STRETCH_YEARS = {DECADE: 10, CENTURY: 100, MILLENNIUM: 1000}  # TimelineJS has no parts for these


def is_wider_than_parts(date: PartialDate) -> bool:
    """A season, decade, century or millennium: TimelineJS can only say its months or years."""
    return date.precision == SEASON or date.precision in _STRETCH_YEARS


def date_parts(date: PartialDate) -> dict:
    """A start date's TimelineJS parts, to its precision (a season from its first month, a decade or wider from its first year)."""
    if date.precision in _STRETCH_YEARS:
        return {"year": date.year}
    if date.precision == SEASON:
        return _month_parts(date.year, _first_month(date))
    parts = {"year": date.year}
    if date.precision != YEAR:
        parts["month"] = date.month
    if date.precision not in (YEAR, MONTH):
        parts["day"] = date.day
    if date.precision in (HOUR, MINUTE, SECOND):
        parts["hour"] = date.hour
    if date.precision in (MINUTE, SECOND):
        parts["minute"] = date.minute
    if date.precision == SECOND:
        parts["second"] = date.second
    return parts


def last_date_parts(date: PartialDate) -> dict:
    """A slide's end parts: a season to its last month, a decade or wider to its last year (slides end as written)."""
    if date.precision in _STRETCH_YEARS:
        return {"year": date.year + _STRETCH_YEARS[date.precision] - 1}
    if date.precision == SEASON:
        return _month_parts(date.year, _first_month(date) + 2)
    return date_parts(date)


def end_date_parts(date: PartialDate) -> dict:
    """An era's end date parts: a year, month or wider end as the instant it ends at (see above)."""
    if date.precision in _STRETCH_YEARS:
        return {"year": date.year + _STRETCH_YEARS[date.precision]}
    if date.precision == YEAR:
        return {"year": date.year + 1}
    if date.precision == SEASON:
        return _month_parts(date.year, _first_month(date) + 3)
    if date.precision == MONTH:
        return _month_parts(date.year, date.month + 1)
    return date_parts(date)


def _first_month(season: PartialDate) -> int:
    return (season.month - 21) * 3 + 3  # EDTF's 21 (spring) starts in March; winter runs into the next year


def _month_parts(year: int, month: int) -> dict:
    """Parts of a month counted on from January of `year` (month 14 is February of the next year)."""
    return {"year": year + (month - 1) // 12, "month": (month - 1) % 12 + 1}
