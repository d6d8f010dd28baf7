"""Dates that remember how precisely they were written; `date_forms` reads them.

A chronology keeper writes "June 2014" when only the month is known; the
timeline must show that month as a whole interval, not pretend it was the 1st.
Dates are plain integers (year, month, day, hour, minute) with a precision, so
years before 1 AD work too: we never go through ``datetime`` for storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

YEAR, MONTH, DAY, HOUR, MINUTE, SECOND = "year", "month", "day", "hour", "minute", "second"
MILLENNIUM, CENTURY, DECADE, SEASON = "millennium", "century", "decade", "season"
PRECISIONS = (MILLENNIUM, CENTURY, DECADE, YEAR, SEASON, MONTH, DAY, HOUR, MINUTE, SECOND)
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}  # EDTF's codes
DATE_ORDERS = ("YMD", "DMY", "MDY")
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()

SECONDS_PER_DAY = 86400


class DateError(ValueError):
    """A date the user wrote that we will not guess about."""


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, any year (H. Hinnant)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day count since 1970-01-01, any year (H. Hinnant)."""
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


@dataclass(frozen=True, slots=True, init=False)
class PartialDate:
    """A calendar date known to `precision`; finer fields are 1 / 0 and meaningless.

    Wider precisions name their stretch from `year` (a decade's first year, a
    century's: 1801 for "19th century", 1900 for "19XX") or `month` (a season, 21-24).
    A form that names a stretch of its own ("early 2014", "between 47 and 50") keeps
    it in `span` (seconds) with the word in `note`: early, mid, late, between,
    before, after, or "some year" for an unspecified year ("156X-12-25").
    `approximate` (~, c., about) and `uncertain` (?) qualify the whole date.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: str = DAY
    second: int = 0
    approximate: bool = False
    uncertain: bool = False
    note: str = ""
    span: tuple[float, float] | None = None
    zone: str = ""  # a time's UTC offset as written ("Z", "+02:00"); placed at that instant
    # the interval in seconds, computed once: 100k events ask for it on every load
    _start: float = field(init=False, repr=False, compare=False)
    _end: float = field(init=False, repr=False, compare=False)

    def __init__(self, year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, precision: str = DAY,
                 second: int = 0, approximate: bool = False, uncertain: bool = False, note: str = "",
                 span: tuple[float, float] | None = None, zone: str = "") -> None:
        """The dataclass's own `__init__`, written out with each field set through its slot: the one
        a frozen dataclass makes calls `object.__setattr__` for each field, and a large file makes
        a date for each distinct day (25,000 among 100,000 events): 3.9 µs a date, now 1.9."""
        _set_year(self, year)
        _set_month(self, month)
        _set_day(self, day)
        _set_hour(self, hour)
        _set_minute(self, minute)
        _set_precision(self, precision)
        _set_second(self, second)
        _set_approximate(self, approximate)
        _set_uncertain(self, uncertain)
        _set_note(self, note)
        _set_span(self, span)
        _set_zone(self, zone)
        if span:
            start, end = span
        else:
            start = self._compute_start()
            end = self._compute_end(start)
        if zone:
            shift = zone_minutes(zone) * 60.0
            start, end = start - shift, end - shift
        _set_start(self, start)
        _set_end(self, end)

    @property
    def qualified(self) -> bool:
        """Anything short of "exactly this day/month/year": a reader must be told."""
        return self.approximate or self.uncertain or bool(self.note) or self.precision in (DECADE, CENTURY, MILLENNIUM, SEASON)

    def iso(self) -> str:
        """ISO 8601 text cut to the precision: 2014, 2014-06, 2014-06-25, 2014-08-23T20:30.

        Wider stretches give their first year or month (a decade 1860, a season its first month)."""
        year = f"{self.year:04d}" if self.year >= 0 else f"-{-self.year:04d}"
        if self.precision in (YEAR, DECADE, CENTURY, MILLENNIUM):
            return year
        if self.precision == SEASON:
            return f"{year}-{(self.month - 21) * 3 + 3:02d}"
        if self.precision == MONTH:
            return f"{year}-{self.month:02d}"
        if self.precision == DAY:
            return f"{year}-{self.month:02d}-{self.day:02d}"
        if self.precision == HOUR:
            return f"{year}-{self.month:02d}-{self.day:02d}T{self.hour:02d}"
        if self.precision == SECOND:
            return f"{year}-{self.month:02d}-{self.day:02d}T{self.hour:02d}:{self.minute:02d}:{self.second:02d}{self.zone}"
        return f"{year}-{self.month:02d}-{self.day:02d}T{self.hour:02d}:{self.minute:02d}{self.zone}"

    def seconds(self) -> float:
        """Start of the interval this date means, in seconds since 1970-01-01."""
        return self._start

    def end_seconds(self) -> float:
        """Exclusive end of the interval this date means (a year covers all of it)."""
        return self._end

    def _compute_start(self) -> float:
        if self.precision == SEASON:
            return _month_start(self.year, (self.month - 21) * 3 + 3)
        days = days_from_civil(self.year, 1 if self.precision in _YEARS else self.month, self.day)
        return float(days * SECONDS_PER_DAY + self.hour * 3600 + self.minute * 60 + self.second)

    def _compute_end(self, start: float) -> float:
        if self.precision in _UNIT_SECONDS:
            return start + _UNIT_SECONDS[self.precision]
        if self.precision in _YEARS:
            return _month_start(self.year + _YEARS[self.precision], 1)
        if self.precision == SEASON:
            return _month_start(self.year, (self.month - 21) * 3 + 6)
        return _month_start(self.year, self.month + 1)  # MONTH

    def sort_key(self) -> float:
        """The earliest possible moment: chronologies sort by it (ties keep file order)."""
        return self._start


(_set_year, _set_month, _set_day, _set_hour, _set_minute, _set_precision, _set_second, _set_approximate, _set_uncertain,
 _set_note, _set_span, _set_zone, _set_start, _set_end) = (
    PartialDate.__dict__[name].__set__ for name in ("year", "month", "day", "hour", "minute", "precision", "second",
                                                    "approximate", "uncertain", "note", "span", "zone", "_start", "_end"))
assert list(PartialDate.__slots__) == ["year", "month", "day", "hour", "minute", "precision", "second", "approximate",
                                     "uncertain", "note", "span", "zone", "_start", "_end"]  # (a new field: set it in __init__)

_YEARS = {YEAR: 1, DECADE: 10, CENTURY: 100, MILLENNIUM: 1000}
_UNIT_SECONDS = {DAY: SECONDS_PER_DAY, HOUR: 3600, MINUTE: 60, SECOND: 1}


def _month_start(year: int, month: int) -> float:
    """Seconds at the start of a month; months past 12 run into the next years."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return float(days_from_civil(year, month, 1) * SECONDS_PER_DAY)


def zone_minutes(zone: str) -> int:
    """Minutes east of UTC of "Z", "+02:00", "-0330", "+05"."""
    if zone in ("Z", "UTC", "+00:00"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4] or 0))
