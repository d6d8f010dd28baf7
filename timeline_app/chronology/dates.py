"""Dates that remember how precisely they were written.

A chronology keeper writes "June 2014" when only the month is known; the
timeline must show that month as a whole interval, not pretend it was the 1st.
Dates are plain integers (year, month, day, hour, minute) with a precision, so
years before 1 AD work too: we never go through ``datetime`` for storage.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import warnings
from dataclasses import dataclass, field

import dateutil.parser

YEAR, MONTH, DAY, MINUTE = "year", "month", "day", "minute"
PRECISIONS = (YEAR, MONTH, DAY, MINUTE)
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


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to `precision`; finer fields are 1 / 0 and meaningless."""

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: str = DAY
    # the interval in seconds, computed once: 100k events ask for it on every load
    _start: float = field(init=False, repr=False, compare=False)
    _end: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_start", self._compute_start())
        object.__setattr__(self, "_end", self._compute_end())

    def iso(self) -> str:
        """ISO 8601 text cut to the precision: 2014, 2014-06, 2014-06-25, 2014-08-23T20:30."""
        year = f"{self.year:04d}" if self.year >= 0 else f"-{-self.year:04d}"
        if self.precision == YEAR:
            return year
        if self.precision == MONTH:
            return f"{year}-{self.month:02d}"
        if self.precision == DAY:
            return f"{year}-{self.month:02d}-{self.day:02d}"
        return f"{year}-{self.month:02d}-{self.day:02d}T{self.hour:02d}:{self.minute:02d}"

    def seconds(self) -> float:
        """Start of the interval this date means, in seconds since 1970-01-01."""
        return self._start

    def end_seconds(self) -> float:
        """Exclusive end of the interval this date means (a year covers all of it)."""
        return self._end

    def _compute_start(self) -> float:
        days = days_from_civil(self.year, self.month, self.day)
        return float(days * SECONDS_PER_DAY + self.hour * 3600 + self.minute * 60)

    def _compute_end(self) -> float:
        if self.precision == YEAR:
            return float(days_from_civil(self.year + 1, 1, 1) * SECONDS_PER_DAY)
        if self.precision == MONTH:
            year, month = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
            return float(days_from_civil(year, month, 1) * SECONDS_PER_DAY)
        if self.precision == DAY:
            return self._start + SECONDS_PER_DAY
        return self._start + 60

    def sort_key(self) -> tuple:
        return (self.year, self.month, self.day, self.hour, self.minute)


_ISO = re.compile(
    r"^(?P<year>[+-]?\d{1,6})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}(?:\.\d+)?))?)?)?)?$"
)
_ERA = re.compile(r"^(?P<year>\d{1,6})\s*(?P<era>BCE|BC|CE|AD)$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,4})([/.])(\d{1,2})\2(\d{1,4})(?:\s+(\d{1,2}):(\d{2}))?$")
_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTH_NUMBERS.update({name[:3].lower(): number for name, number in list(_MONTH_NUMBERS.items())})
_MONTH_NUMBERS["sept"] = 9
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WORDS = re.compile(
    rf"^(?:(?P<day1>\d{{1,2}})\s+{_MONTH}|{_MONTH.replace('month', 'month2')}(?:\s+(?P<day2>\d{{1,2}}),)?)"
    r"\s+(?P<year>\d{3,6})$"
)
_DEFAULT_A = _dt.datetime(1904, 1, 1, 0, 0)
_DEFAULT_B = _dt.datetime(1908, 2, 2, 1, 1)


def _checked(year: int, month: int, day: int, hour: int, minute: int, precision: str, text: str) -> PartialDate:
    if not 1 <= month <= 12:
        raise DateError(f"impossible date '{text}': there is no month {month}")
    if not 1 <= day <= days_in_month(year, month):
        raise DateError(
            f"impossible date '{text}': {MONTH_NAMES[month - 1]} {year} has {days_in_month(year, month)} days"
        )
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DateError(f"impossible time in '{text}'")
    return PartialDate(year, month, day, hour, minute, precision)


def parse_date(value: object, date_order: str | None = None) -> PartialDate:
    """See `_parse_date`; cached because chronologies repeat the same dates a lot."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"expected a date such as 2014-06-25 or 'June 2014', got {value!r}")
    return _parse_date(str(value), date_order)


@functools.lru_cache(maxsize=65536)
def _parse_date(value: str, date_order: str | None) -> PartialDate:
    """Parse what a user wrote for a date, keeping its precision; raise DateError otherwise.

    Numeric slash/dot forms (03/04/2014) are ambiguous, so they are accepted only when
    the file declares its `date_order`. Text without a year is refused rather than
    completed from today's date, which is what dateutil would silently do.
    """
    text = value.strip()
    if not text:
        raise DateError("empty date")
    match = _ISO.match(text)
    if match:
        return _from_iso(match, text)
    match = _ERA.match(text)
    if match:
        year = int(match["year"])
        if year == 0:
            raise DateError(f"impossible date '{text}': there is no year 0 BC or AD")
        return PartialDate(1 - year if match["era"].upper().startswith("B") else year, precision=YEAR)
    match = _NUMERIC.match(text)
    if match:
        return _from_numeric(match, text, date_order)
    if _ZONE.search(text) and re.search(r"\d:\d", text):
        raise DateError(f"time zones are not supported in '{text}': write the local time")
    match = _WORDS.match(text)
    if match:
        return _from_named_month(match, text)
    return _from_words(text)


def _from_iso(match: re.Match, text: str) -> PartialDate:
    year = int(match["year"])
    if match["month"] is None:
        return PartialDate(year, precision=YEAR)
    month = int(match["month"])
    if match["day"] is None:
        return _checked(year, month, 1, 0, 0, MONTH, text)
    day = int(match["day"])
    if match["hour"] is None:
        return _checked(year, month, day, 0, 0, DAY, text)
    return _checked(year, month, day, int(match["hour"]), int(match["minute"]), MINUTE, text)


def _from_numeric(match: re.Match, text: str, date_order: str | None) -> PartialDate:
    if date_order not in DATE_ORDERS:
        raise DateError(
            f"ambiguous date '{text}': add `date_order: DMY` (or MDY, YMD) at the top of the file, "
            "or write it as 2014-06-25 or '25 June 2014'"
        )
    first, _, second, third = match.group(1, 2, 3, 4)
    parts = {"YMD": (first, second, third), "DMY": (third, second, first), "MDY": (third, first, second)}
    year_text, month_text, day_text = parts[date_order]
    if len(year_text) < 3:
        raise DateError(f"ambiguous year in '{text}': write the year in full")
    hour, minute = match.group(5, 6)
    if hour is None:
        return _checked(int(year_text), int(month_text), int(day_text), 0, 0, DAY, text)
    return _checked(int(year_text), int(month_text), int(day_text), int(hour), int(minute), MINUTE, text)


def _from_named_month(match: re.Match, text: str) -> PartialDate:
    """'June 2014', '20 October 2011', 'Oct. 20, 2011' without dateutil's cost."""
    name = (match["month"] or match["month2"]).lower()
    month = _MONTH_NUMBERS.get(name)
    if month is None:
        return _from_words(text)
    day = match["day1"] or match["day2"]
    if day is None:
        return _checked(int(match["year"]), month, 1, 0, 0, MONTH, text)
    return _checked(int(match["year"]), month, int(day), 0, 0, DAY, text)


def _from_words(text: str) -> PartialDate:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", dateutil.parser.UnknownTimezoneWarning)  # "PST": refused below
            first = dateutil.parser.parse(text, default=_DEFAULT_A)
            second = dateutil.parser.parse(text, default=_DEFAULT_B)
    except dateutil.parser.UnknownTimezoneWarning:
        raise DateError(f"time zones are not supported in '{text}': write the local time") from None
    except (ValueError, OverflowError) as error:
        reason = str(error).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise DateError(f"impossible date '{text}': {reason}") from None
        raise DateError(f"unrecognised date '{text}': write 2014-06-25, 'June 2014' or '20 October 2011'") from None
    if first.tzinfo is not None:
        raise DateError(f"time zones are not supported in '{text}': write the local time")
    if first.year != second.year:
        raise DateError(f"date '{text}' has no year: write the year in full, e.g. '20 October 2011'")
    if not re.search(r"\d{3,}", text):
        raise DateError(f"ambiguous year in '{text}': write the year in full")
    if first.month != second.month:
        return PartialDate(first.year, precision=YEAR)
    if first.day != second.day:
        return PartialDate(first.year, first.month, precision=MONTH)
    if first.hour != second.hour:
        return PartialDate(first.year, first.month, first.day, precision=DAY)
    return PartialDate(first.year, first.month, first.day, first.hour, first.minute, MINUTE)
