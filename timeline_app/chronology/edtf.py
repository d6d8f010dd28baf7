"""Dates written in EDTF (Library of Congress Extended Date/Time Format, ISO 8601-2).

The `edtf` field of the JSON export, and the `edtf` column of CSV, say in one
standard string what a date means: `1500~`, `186X`, `2014-08?`, `2014-05-16/..`,
`[2014-07-13, 2014-08]`. Times carry seconds, as the standard wants them.
"""

from __future__ import annotations

from .dates import (
    CENTURY,
    DAY,
    DECADE,
    HOUR,
    MILLENNIUM,
    MINUTE,
    MONTH,
    SEASON,
    SECOND,
    YEAR,
    PartialDate,
    civil_from_days,
)


def edtf_date(date: PartialDate) -> str:
    """One date, its qualifiers included."""
    if date.note in ("early", "mid", "late"):
        return "/".join(_stretch(*date.span))
    if date.note == "between":
        return "[{}..{}]".format(*_stretch(*date.span))
    if date.note == "some year":
        return f"{date.year // 10:03d}X-{date.month:02d}-{date.day:02d}"
    mark = "%" if date.approximate and date.uncertain else "~" if date.approximate else "?" if date.uncertain else ""
    if date.note in ("before", "after"):  # EDTF allows no qualifier inside a set: "before" says it already
        return f"[..{_plain(date)}]" if date.note == "before" else f"[{_plain(date)}..]"
    if date.precision == SEASON and mark:  # nor on a season: its months, qualified
        first = (date.month - 21) * 3 + 3
        last_year, last = (date.year + 1, first + 2 - 12) if first + 2 > 12 else (date.year, first + 2)
        return f"{_year(date.year)}-{first:02d}{mark}/{_year(last_year)}-{last:02d}{mark}"
    return _plain(date) + mark


def edtf_of(event) -> str:
    """The whole of an event's date: a point, a span with open or unknown ends, or alternatives."""
    if event.alternatives:
        members = (edtf_date(alternative.date) for alternative in event.alternatives)
        return "[" + ", ".join(member[1:-1] if member.startswith("[") else member for member in members) + "]"
    start = ".." if event.start_open == "open" else "" if event.start_open else edtf_date(event.start)
    if event.start_open:
        return f"{start}/{edtf_date(event.start)}"
    if event.end is not None:
        return f"{_as_bound(event.start, start)}/{_as_bound(event.end, edtf_date(event.end), end=True)}"
    if event.end_open:
        return f"{start}/{'' if event.end_open == 'unknown' else '..'}"
    return start


def _as_bound(date: PartialDate, text: str, end: bool = False) -> str:
    """An interval's end cannot itself be an interval or a set: the day its stretch starts (or ends) then."""
    if date.note in ("early", "mid", "late", "between") or "/" in text:
        return _bound(date.end_seconds(), end=True) if end else _bound(date.seconds())
    return text


def _year(year: int) -> str:
    if -9999 <= year <= 9999:
        return f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    return f"Y{year}"


def _plain(date: PartialDate) -> str:
    year = _year(date.year)
    if date.precision == YEAR:
        return year
    if date.precision == DECADE:
        return year[:-1] + "X" if abs(date.year) < 10000 else year
    if date.precision in (CENTURY, MILLENNIUM):
        digits = 2 if date.precision == CENTURY else 3
        if date.year % (10**digits) == 0 and abs(date.year) < 10000:
            return year[:-digits] + "X" * digits
        last = date.year + (100 if date.precision == CENTURY else 1000) - 1
        return f"{year}/{_year(last)}"
    if date.precision == SEASON:
        return f"{year}-{date.month}"
    if date.precision == MONTH:
        return f"{year}-{date.month:02d}"
    if date.precision == DAY:
        return f"{year}-{date.month:02d}-{date.day:02d}"
    if date.precision in (HOUR, MINUTE, SECOND):
        return f"{year}-{date.month:02d}-{date.day:02d}T{date.hour:02d}:{date.minute:02d}:{date.second:02d}{date.zone}"
    return year


def _stretch(start: float, end: float) -> tuple[str, str]:
    """Both ends of a stretch, as coarsely as they are exact: 2014-01/2014-04, 0047/0050."""
    first, last = civil_from_days(int(start // 86400)), civil_from_days(int(end // 86400) - 1)
    if first[1:] == (1, 1) and last[1:] == (12, 31):
        return _year(first[0]), _year(last[0])
    from .dates import days_in_month

    if first[2] == 1 and last[2] == days_in_month(last[0], last[1]):
        return f"{_year(first[0])}-{first[1]:02d}", f"{_year(last[0])}-{last[1]:02d}"
    return _bound(start), _bound(end, end=True)


def _bound(seconds: float, end: bool = False) -> str:
    """A day from seconds since 1970 (an exclusive end: the day before)."""
    days = int(seconds // 86400) - (1 if end else 0)
    year, month, day = civil_from_days(days)
    return f"{_year(year)}-{month:02d}-{day:02d}"
