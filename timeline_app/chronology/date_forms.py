"""Reading the dates chronology keepers write, and refusing what would need a guess.

`parse_date` reads one date: ISO and EDTF forms (`2014-08?`, `2014-08~`, `201X`,
`2001-21`, `Y170000002`), words (`20 October 2011`, `Oct. 20, 2011`, `3pm 20 Oct
2011`, `c. 1500`, `1860s`, `19th century`, `early 2014`, `mid-July 2014`, `spring
1872`, `before 18 January 1928`, `between 47 and 50`), BC and deep time (`15 March
44 BC`, `66M BCE`, `4.5 billion years ago`). Numeric dates with `/`, `.`, `-` or
spaces between all-number parts (`03-04-2014`) are read only in the file's declared
`date_order`, and never with a two-digit year.

`parse_when` reads what an event's `start` may hold: one date, a range (`1914-1918`,
`2004-02-01/2005-02-08`, `16 May 2014 – present`, `since 2016`, `../2006`), or a
one-of set (`[1667, 1668, 1670..1672]`).

Every refusal says what it saw and what to write instead. Nothing is completed from
today's date, nothing is read in an order the file did not declare.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import NamedTuple

from .dates import (
    CENTURY,
    DATE_ORDERS,
    DAY,
    DECADE,
    HOUR,
    MILLENNIUM,
    MINUTE,
    MONTH,
    MONTH_NAMES,
    SEASON,
    SECOND,
    SECONDS_PER_DAY,
    YEAR,
    DateError,
    PartialDate,
    days_from_civil,
    days_in_month,
)

OPEN, UNKNOWN, PRESENT = "open", "unknown", "present"


class When(NamedTuple):
    """What an event's `start` says: a date, or a range with its end (or an open end),
    or alternatives, one of which is right (`start_open` for `../2006`). A named tuple:
    made once per distinct date of a large file, 4x faster than a frozen dataclass."""

    start: PartialDate
    end: PartialDate | None = None
    end_open: str = ""  # open, unknown, present
    start_open: str = ""  # open, unknown
    alternatives: tuple[PartialDate, ...] = ()

    @property
    def is_range(self) -> bool:
        return self.end is not None or bool(self.end_open or self.start_open)


def parse_date(value: object, date_order: str | None = None) -> PartialDate:
    """One date, as `_parse_single` reads it; cached because chronologies repeat dates a lot."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"expected a date such as 2014-06-25 or 'June 2014', got {value!r}")
    if isinstance(value, int) and abs(value) > 10**12:
        raise DateError(f"year {value} is beyond the range of time this timeline can show")
    return _parse_single(str(value), date_order)


def parse_when(value: object, date_order: str | None = None) -> When:
    """What an event's `start` holds: see the module's docstring."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"expected a date such as 2014-06-25 or 'June 2014', got {value!r}")
    if isinstance(value, int):
        return When(parse_date(value, date_order))
    return _parse_when(value, date_order)


_PLAIN_ISO = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)?)?")


_PLAIN_DAY = re.compile(r"(\d{4})-(0[1-9]|1[0-2])-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def plain_day(text: str) -> PartialDate | None:
    """`2014-06-25` or `2014-06-25 10:30` read straight (DateError for a day the month lacks, or
    an impossible time); None for any other form. The commonest dates of a large file: what
    the general reading gives, at half its cost."""
    match = _PLAIN_DAY.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute = match.groups()
    if hour is None:
        return _checked(int(year), int(month), int(day), 0, 0, 0, DAY, text)
    return _checked(int(year), int(month), int(day), int(hour), int(minute), 0, MINUTE, text)


@functools.lru_cache(maxsize=1 << 18)
def _parse_when(value: str, date_order: str | None) -> When:
    if _PLAIN_ISO.fullmatch(value):
        return When(_iso(value, date_order))  # the common case: no range, set or open end to look for
    text = _clean(value)
    if text.startswith("[") and text.endswith("]"):
        return _one_of(text, date_order)
    if text.startswith("{") and text.endswith("}"):
        raise DateError(f"'{text}' lists dates that all apply: write one event per date")
    interval = _EDTF_INTERVAL.fullmatch(text)
    if interval and _date_like(interval["first"]) and _date_like(interval["second"]):
        return _edtf_interval(interval["first"], interval["second"], text, date_order)
    since = re.match(r"(?i)since\s+(.+)$", text)
    if since:
        return When(_parse_single(since[1], date_order), end_open=PRESENT)
    for split in (_years_range, _worded_range):
        when = split(text, date_order)
        if when is not None:
            return when
    return When(_parse_single(text, date_order))


def parse_end(value: object, date_order: str | None = None) -> tuple[PartialDate | None, str]:
    """An event's `end`: a date, or an open end (`present`, `ongoing`, `..`) as (None, kind)."""
    if isinstance(value, str):
        text = _clean(value).lower()
        if text in _PRESENT_WORDS:
            return None, PRESENT
        if text == "..":
            return None, OPEN
    date = parse_date(value, date_order)
    return date, ""


_PRESENT_WORDS = {"present", "now", "today", "ongoing", "the present", "present day", "present-day"}


# --- one date ------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 18)
def _parse_single(value: str, date_order: str | None) -> PartialDate:
    if _PLAIN_ISO.fullmatch(value):
        return _iso(value, date_order)  # the common case, without looking for qualifiers or words
    text = _clean(value)
    if not text:
        raise DateError("empty date")
    approximate, uncertain, text = _qualifiers(text)
    date = _unqualified(text, date_order)
    if approximate or uncertain:
        date = replace(date, approximate=date.approximate or approximate, uncertain=date.uncertain or uncertain)
    return date


def _clean(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").split())


_LEADING_APPROXIMATE = re.compile(r"(?i)^(?:c\.|ca\.|c(?=\s*\d)|ca(?=\s*\d)|circa|about|around|approx\.?|approximately|~)\s*")
_TRAILING_APPROXIMATE = re.compile(r"(?i)\s*(?:\(?approx(?:\.|imately)?\)?|\(?circa\)?)$")
_LEADING_UNCERTAIN = re.compile(r"(?i)^(?:maybe|perhaps|possibly|probably|uncertain:?)\s+")
_TRAILING_UNCERTAIN = re.compile(r"(?i)\s*(?:\(uncertain\)|\(\?\)|maybe|perhaps)$")


def _qualifiers(text: str) -> tuple[bool, bool, str]:
    """EDTF's trailing `?` (uncertain), `~` (approximate), `%` (both), and the words for them
    (c. 1500, ca1860, about, approx; maybe, perhaps, (uncertain))."""
    approximate = uncertain = False
    for pattern, is_approximate in ((_LEADING_UNCERTAIN, False), (_LEADING_APPROXIMATE, True),
                                    (_TRAILING_APPROXIMATE, True), (_TRAILING_UNCERTAIN, False)):
        match = pattern.search(text)
        if match and 0 < len(match[0]) < len(text):
            text = (text[: match.start()] + text[match.end() :]).strip()
            approximate, uncertain = approximate or is_approximate, uncertain or not is_approximate
    while text and text[-1] in "?~%" and len(text) > 1:
        mark, text = text[-1], text[:-1].rstrip()
        approximate = approximate or mark in "~%"
        uncertain = uncertain or mark in "?%"
    if re.search(r"\d[?~%]|-[?~%]\d", text):
        raise DateError(f"a qualifier inside a date ('{text}') is not read: put ?, ~ or % at its end, e.g. 2004-06?")
    return approximate, uncertain, text


def _unqualified(text: str, date_order: str | None) -> PartialDate:
    for read in _READERS:
        date = read(text, date_order)
        if date is not None:
            return date
    raise DateError(_unrecognised(text))


def _unrecognised(text: str) -> str:
    if re.search(r"(?i)\b(?:[A-Z]{3,4}|[a-z]+/[a-z_]+)$", text) and re.search(r"\d:\d", text):
        return (f"time zone names are not read in '{text}': write the offset (2014-06-25T10:00+02:00, or Z for UTC), "
                "or declare `timezone:` at the top of the file")
    if text.lower() in _WEEKDAYS:
        return f"date '{text}' has no year: write the year in full, e.g. '20 October 2011'"
    if re.search(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$", text) and re.search(r"\d:\d", text):
        return f"time zones are not supported in '{text}': write the local time"
    if re.search(r"\d\d:\d\d", text) and not re.search(r"\d{3,}", text.split(":")[0] + " " + text):
        return f"'{text}' has no year: write the year in full, e.g. '20 October 2011 12:30'"
    if _MONTH_WORD.search(text) and not re.search(r"\d{3,}", text):
        if re.search(r"\b\d{1,2}\b", text) and re.search(r"'?\b\d{2}\b", text) and re.search(r",\s*'?\d{2}\b", text):
            return f"ambiguous year in '{text}': write the year in full"
        return f"date '{text}' has no year: write the year in full, e.g. '20 October 2011'"
    return f"unrecognised date '{text}': write 2014-06-25, 'June 2014', '20 October 2011', 'c. 1500' or '1860s'"


# ISO 8601 and EDTF level 0: years of three digits or more (or a sign), then month, day, time
_ISO = re.compile(
    r"(?P<year>[+-]?\d+)(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[T ](?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?)?)?)?)?"
)


_ZONE_SUFFIX = re.compile(r"(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$")


def _iso(text: str, date_order: str | None) -> PartialDate | None:
    match = _ISO.fullmatch(text)
    if match is None:
        zone = _ZONE_SUFFIX.search(text)
        timed = _ISO.fullmatch(text[: zone.start()].rstrip()) if zone else None
        if timed is None or timed["minute"] is None:
            return None  # an offset is read after a time: 2014-06-25T10:00Z, 2014-06-25 10:00 +02:00
        date = _iso(text[: zone.start()].rstrip(), date_order)
        written = zone[0] if zone[0] == "Z" else f"{zone[0][:3]}:{zone[0][3:].lstrip(':') or '00'}"
        return replace(date, zone=written)
    digits = match["year"].lstrip("+-")
    if match["month"] is None:
        if len(digits) > 12:
            raise DateError(f"year '{text}' is beyond the range of time this timeline can show")
        return PartialDate(int(match["year"]), precision=YEAR)
    if len(digits) < 3:
        return None  # "10-09-03", "03-04-2014": numbers in an order only the file can declare
    year, month = int(match["year"]), int(match["month"])
    if match["day"] is None:
        if 21 <= month <= 24:
            return PartialDate(year, month, precision=SEASON)
        if month > 12 and len(match["month"]) == 2 and len(digits) == 4 and int(digits[:2] + match["month"]) > int(digits):
            raise DateError(f"there is no month {month} in '{text}': for the years {digits} to {digits[:2]}{match['month']}, "
                            f"write {digits}-{digits[:2]}{match['month']}")
        return _checked(year, month, 1, 0, 0, 0, MONTH, text)
    day = int(match["day"])
    if match["hour"] is None:
        return _checked(year, month, day, 0, 0, 0, DAY, text)
    hour = int(match["hour"])
    if match["minute"] is None:
        return _checked(year, month, day, hour, 0, 0, HOUR, text)
    if match["second"] is None:
        return _checked(year, month, day, hour, int(match["minute"]), 0, MINUTE, text)
    return _checked(year, month, day, hour, int(match["minute"]), int(match["second"]), SECOND, text)


def _checked(year, month, day, hour, minute, second, precision, text) -> PartialDate:
    if not 1 <= month <= 12:
        raise DateError(f"impossible date '{text}': there is no month {month}")
    if not 1 <= day <= days_in_month(year, month):
        raise DateError(
            f"impossible date '{text}': {MONTH_NAMES[month - 1]} {year} has {days_in_month(year, month)} days"
        )
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= second <= 59):
        raise DateError(f"impossible time in '{text}'")
    return PartialDate(year, month, day, hour, minute, precision, second)


def _long_year(text: str, date_order: str | None) -> PartialDate | None:
    match = re.fullmatch(r"Y(-?\d{5,12})", text)
    return PartialDate(int(match[1]), precision=YEAR) if match else None


def _unspecified_digits(text: str, date_order: str | None) -> PartialDate | None:
    """EDTF's X for unknown digits: 201X (a decade), 19XX (a century), 1XXX, 156X-12-25,
    1999-XX (some month of 1999: the year), 1999-01-XX (some day: the month)."""
    known_year = re.fullmatch(r"(-?\d{4})-(XX|\d{2})(?:-XX)?", text)
    if known_year and "X" in text:
        if known_year[2] == "XX" and text.count("-") - text.startswith("-") == 2 and not text.endswith("-XX-XX"):
            raise DateError(f"'{text}': a known day in an unknown month is not read")
        if known_year[2] == "XX":
            return PartialDate(int(known_year[1]), precision=YEAR)
        return _checked(int(known_year[1]), int(known_year[2]), 1, 0, 0, 0, MONTH, text)
    match = re.fullmatch(r"(-?)(\d{1,3})(X{1,3})(?:-(\d{2})-(\d{2}))?", text)
    if match is None:
        if re.search(r"\dX|X\d|XX", text) and re.fullmatch(r"[-\dX]+", text):
            raise DateError(f"unknown digits only at the end of the year are read ('201X', '19XX'), not '{text}'")
        return None
    known, unknown = match[2], len(match[3])
    if len(known) + unknown != 4:
        raise DateError(f"'{text}': EDTF writes a year with four digits, unknown ones as X (201X, 19XX)")
    first = int(known) * 10**unknown * (-1 if match[1] else 1)
    precision = {1: DECADE, 2: CENTURY, 3: MILLENNIUM}[unknown]
    if match[4] is None:
        return PartialDate(first, precision=precision)
    if precision != DECADE:
        raise DateError(f"'{text}': a day in an unknown year is read within a decade only (156X-12-25)")
    month, day = int(match[4]), int(match[5])
    date = _checked(first, month, day, 0, 0, 0, DAY, text)
    last = _checked(first + 9, month, min(day, days_in_month(first + 9, month)), 0, 0, 0, DAY, text)
    return replace(date, note="some year", span=(date.seconds(), last.end_seconds()))


_NUMERIC = re.compile(r"(\d{1,4})([/.\- ])(\d{1,2})\2(\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _numeric(text: str, date_order: str | None) -> PartialDate | None:
    """03/04/2014, 3-4-2014, 03 04 2014: only in the order the file declares; never two-digit years."""
    match = _NUMERIC.fullmatch(text)
    if match is None:
        if re.fullmatch(r"\d{5,8}(?:\s+\d{4,6})?", text):
            raise DateError(f"'{text}' is digits without separators: write it as 2014-06-25 (and a time as 12:22)")
        return None
    if date_order not in DATE_ORDERS:
        raise DateError(
            f"ambiguous date '{text}': add `date_order: DMY` (or MDY, YMD) at the top of the file, "
            "or write it as 2014-06-25 or '25 June 2014'"
        )
    first, _, second, third = match.group(1, 2, 3, 4)
    parts = {"YMD": (first, second, third), "DMY": (third, second, first), "MDY": (third, first, second)}
    year_text, month_text, day_text = parts[date_order]
    if len(year_text) < 3:
        raise DateError(f"two-digit year in '{text}': write the year in full (19{year_text} or 20{year_text}?)")
    hour, minute, second_ = match.group(5, 6, 7)
    if hour is None:
        return _checked(int(year_text), int(month_text), int(day_text), 0, 0, 0, DAY, text)
    return _checked(int(year_text), int(month_text), int(day_text), int(hour), int(minute), int(second_ or 0),
                    SECOND if second_ else MINUTE, text)


_ERA = re.compile(
    r"(?i)^(?:(?P<pre>AD|A\.D\.)(?![a-z])\s*)?(?P<body>.+?)\s*(?<![a-z])(?P<era>BCE|B\.C\.E\.|BC|B\.C\.|CE|C\.E\.|AD|A\.D\.)?$"
)


def _with_era(text: str, date_order: str | None) -> PartialDate | None:
    """44 BC, 15 March 44 BC, 44 B.C., AD 44, 1500 CE: years counted as written (1 BC is year 0)."""
    match = _ERA.match(text)
    if match is None or not (match["pre"] or match["era"]):
        return None
    body = match["body"]
    before = (match["era"] or "").upper().startswith("B")
    date = _deep_time(body, before) or _bare_year(body) or _words(body, date_order, years_as_written=True)
    if date is None:
        raise DateError(f"unrecognised date '{text}': write '44 BC' or '15 March 44 BC'")
    if date.year <= 0:
        raise DateError(f"impossible date '{text}': there is no year 0 BC or AD" if date.year == 0 else
                        f"'{text}' counts years twice: write '44 BC' or '-0043'")
    if not before:
        return date
    return _shift_years(date, 1 - date.year - date.year)


def _bare_year(text: str) -> PartialDate | None:
    """44, 1500, 10,000 (thousands may be grouped with commas)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    return PartialDate(int(text), precision=YEAR) if re.fullmatch(r"\d{1,12}", text) else None


def _shift_years(date: PartialDate, delta: int) -> PartialDate:
    """The same date `delta` years later (BC years: written 44, stored -43)."""
    if date.precision in (DAY, HOUR, MINUTE, SECOND) and date.month == 2 and date.day == 29:
        raise DateError("29 February in a year before the common era: check the year")
    return replace(date, year=date.year + delta)


_DEEP = re.compile(
    r"(?i)(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>M|million|billion|bn|thousand|k)?\s*(?P<ago>years?\s+ago|BP)?"
)
_UNITS = {"m": 10**6, "million": 10**6, "billion": 10**9, "bn": 10**9, "thousand": 10**3, "k": 10**3}


def _deep_time(text: str, before: bool) -> PartialDate | None:
    """66M BCE, 4.5 billion years ago, 10,000 BC: years at year precision."""
    match = _DEEP.fullmatch(text.replace(",", ""))
    if match is None or not (match["unit"] or match["ago"]):
        return None
    years = round(float(match["number"]) * _UNITS.get((match["unit"] or "").lower(), 1))
    if match["ago"]:  # years before present count from 1950, as dating does; deep time in round figures
        return PartialDate(1950 - years if years < 100_000 else -years, precision=YEAR)
    return PartialDate(years, precision=YEAR)


def _years_ago(text: str, date_order: str | None) -> PartialDate | None:
    match = _DEEP.fullmatch(text.replace(",", ""))
    if match is None or not match["ago"]:
        return None
    return _deep_time(text, True)


_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_WORD = re.compile(r"(?i)\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?")
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
_TIME = re.compile(r"(?i)(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?\s*(am|pm|a\.m\.|p\.m\.)?")


def _words(text: str, date_order: str | None, years_as_written: bool = False) -> PartialDate | None:
    """Dates with the month in words, in any of the orders people write them."""
    if not _MONTH_WORD.search(text):
        return None
    lowered = re.sub(r"(?i)(\d)(st|nd|rd|th)\b", r"\1", text)
    time_match = re.search(r"(?i)(?:\bat\s+)?\b(\d{1,2}(?::\d{2}(?::\d{2})?)?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}(?::\d{2})?)(?=\s|,|$)", lowered)
    clock = None
    if time_match:
        clock = _TIME.fullmatch(time_match[1].replace(" ", ""))
        lowered = (lowered[: time_match.start()] + " " + lowered[time_match.end() :]).strip()
    tokens = [token for token in re.split(r"[\s,/\-]+", lowered.replace(".", " ")) if token]
    month = year = day = None
    for token in tokens:
        word = token.lower()
        if word in ("of", "the", "at", "on"):
            continue
        if word in _WEEKDAYS:
            continue
        if word in _MONTHS:
            if month is not None:
                return None
            month = _MONTHS[word]
        elif token.isdigit():
            if len(token) >= 3 or (years_as_written and day is not None and year is None) or (years_as_written and month is not None and len(tokens) == 2):
                if year is not None:
                    return None
                year = int(token)
            elif day is None:
                day = int(token)
            elif year is None and years_as_written:
                year = int(token)
            else:
                raise DateError(f"ambiguous year in '{text}': write the year in full")
        else:
            return None
    if month is None:
        return None
    if year is None:
        if day is not None and not years_as_written and re.search(r",\s*\d{1,2}$", text.strip()):
            raise DateError(f"ambiguous year in '{text}': write the year in full")
        raise DateError(f"date '{text}' has no year: write the year in full, e.g. '20 October 2011'")
    if day is None:
        if clock:
            raise DateError(f"a time after a month without its day ('{text}'): write the day, e.g. '20 June 2014 20:30'")
        return _checked(year, month, 1, 0, 0, 0, MONTH, text)
    if clock is None:
        return _checked(year, month, day, 0, 0, 0, DAY, text)
    hour, minute, second = int(clock[1]), int(clock[2] or 0), int(clock[3] or 0)
    meridiem = (clock[4] or "").replace(".", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise DateError(f"impossible time in '{text}'")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    precision = SECOND if clock[3] else MINUTE
    return _checked(year, month, day, hour, minute, second, precision, text)


def _words_reader(text: str, date_order: str | None) -> PartialDate | None:
    return _words(text, date_order)


def _decade(text: str, date_order: str | None) -> PartialDate | None:
    match = re.fullmatch(r"(?i)(?:the\s+)?(\d{2,3})0'?s", text)
    if match and len(match[1]) == 3 and match[1].endswith("0"):
        first = int(match[1]) * 10
        raise DateError(f"'{text}' may mean the decade {first}–{first + 9} or the century {first}–{first + 99}: "
                        f"write '{first}–{first + 9}' or '{match[1][:2]}XX'")
    if match is None:
        if re.fullmatch(r"(?i)(?:the\s+)?'?\d0'?s", text):
            raise DateError(f"decade '{text}' needs its century: write '1990s' or '1860s'")
        return None
    if len(match[1]) < 3:
        raise DateError(f"decade '{text}' needs its century: write '1990s' or '1860s'")
    return PartialDate(int(match[1]) * 10, precision=DECADE)


_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)"


def _century(text: str, date_order: str | None) -> PartialDate | None:
    """19th century (1801–1900), 2nd century BC, 1st millennium."""
    match = re.fullmatch(rf"(?i){_ORDINAL}\s+(century|millennium)(?:\s+(BCE|BC|B\.C\.|CE|AD))?", text)
    if match is None:
        return None
    number, size = int(match[1]), 100 if match[2].lower() == "century" else 1000
    if number == 0:
        raise DateError(f"there is no '{text}'")
    precision = CENTURY if size == 100 else MILLENNIUM
    if (match[3] or "").upper().startswith("B"):
        first = 1 - number * size  # 2nd century BC: 200 BC (year -199) to 101 BC
    else:
        first = (number - 1) * size + 1
    return PartialDate(first, precision=precision)


_SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}


def _season(text: str, date_order: str | None) -> PartialDate | None:
    match = re.fullmatch(r"(?i)(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{3,})", text)
    if match is None:
        return None
    return PartialDate(int(match[2]), _SEASON_WORDS[match[1].lower()], precision=SEASON)


def _part(text: str, date_order: str | None) -> PartialDate | None:
    """early 2014, mid-July 2014, late 1990s, early 19th century: the first, middle or last third."""
    match = re.fullmatch(r"(?i)(early|mid|late)[-\s]+(.+)", text)
    if match is None:
        return None
    whole = _parse_single(match[2], date_order)
    if whole.note or whole.precision not in (YEAR, MONTH, DECADE, CENTURY, MILLENNIUM):
        raise DateError(f"'{text}': early, mid and late are read before a year, a month, a decade or a century")
    start, end = whole.seconds(), whole.end_seconds()
    third = {"early": 0, "mid": 1, "late": 2}[match[1].lower()]
    if whole.precision == MONTH:  # days 1–10, 11–20, 21–end
        cuts = [start, start + 10 * SECONDS_PER_DAY, start + 20 * SECONDS_PER_DAY, end]
    elif whole.precision == YEAR:  # January–April, May–August, September–December
        cuts = [start] + [float(days_from_civil(whole.year, month, 1) * SECONDS_PER_DAY) for month in (5, 9)] + [end]
    else:  # a decade, century or millennium in thirds of its years
        years = {DECADE: 10, CENTURY: 100, MILLENNIUM: 1000}[whole.precision]
        edges = [whole.year, whole.year + round(years / 3), whole.year + round(2 * years / 3), whole.year + years]
        cuts = [float(days_from_civil(year, 1, 1) * SECONDS_PER_DAY) for year in edges]
    return replace(whole, note=match[1].lower(), span=(cuts[third], cuts[third + 1]))


def _before_after(text: str, date_order: str | None) -> PartialDate | None:
    match = re.fullmatch(r"(?i)(before|after|earlier than|later than)\s+(.+)", text)
    if match is None:
        return None
    date = _parse_single(match[2], date_order)
    return replace(date, note="before" if match[1].lower() in ("before", "earlier than") else "after")


def _month_year(text: str, date_order: str | None) -> PartialDate | None:
    """7/2008, 07.2008, 2008/07: a month and a year written in full cannot be read two ways."""
    match = re.fullmatch(r"(\d{1,2})[/.](\d{4})|(\d{4})/(\d{1,2})", text)
    if match is None:
        return None
    month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
    return _checked(int(year), int(month), 1, 0, 0, 0, MONTH, text)


def _between(text: str, date_order: str | None) -> PartialDate | None:
    match = re.fullmatch(r"(?i)between\s+(.+?)\s+and\s+(.+)", text)
    if match is None:
        return None
    first, last = _range_ends(match[1], match[2], date_order)
    if last.end_seconds() <= first.seconds():
        raise DateError(f"'{text}': the second date comes before the first")
    return replace(first, note="between", span=(first.seconds(), last.end_seconds()))


def _range_ends(first_text: str, last_text: str, date_order: str | None) -> tuple[PartialDate, PartialDate]:
    """Both ends of a range; a BC/BCE (or AD) written once after the second applies to both."""
    era = re.search(r"(?i)\s*(BCE|B\.C\.E\.|BC|B\.C\.|CE|AD)$", last_text)
    if era and not re.search(r"(?i)(BCE|BC|B\.C\.|CE|AD)$", first_text):
        first_text = f"{first_text} {era[1]}"
    return _parse_single(first_text, date_order), _parse_single(last_text, date_order)


_READERS = (_iso, _long_year, _unspecified_digits, _decade, _century, _season, _part, _before_after, _between,
            _years_ago, _with_era, _month_year, _numeric, _words_reader)


# --- ranges, open ends, alternatives ---------------------------------------------------

_EDTF_INTERVAL = re.compile(r"(?P<first>[^/\s]*)/(?P<second>[^/\s]*)")


def _date_like(side: str) -> bool:
    """An end of an EDTF interval: open (..), unknown (nothing), or an ISO/EDTF date with its year in full."""
    core = side.rstrip("?~%")
    return side in ("", "..") or bool(re.fullmatch(r"-?\d{3,}(?:-\d{2}){0,2}(?:T[\d:]+)?|-?\d{1,3}X{1,3}|Y-?\d{5,12}", core))


def _edtf_interval(first: str, second: str, text: str, date_order: str | None) -> When:
    """2004-02-01/2005-02-08; `..` is an open end, nothing an unknown one (EDTF)."""
    start, end = (None if side in ("", "..") else _parse_single(side, date_order) for side in (first, second))
    if start is None and end is None:
        raise DateError(f"'{text}' has neither a start nor an end")
    if start is None:
        return When(end, start_open=OPEN if first == ".." else UNKNOWN)
    if end is None:
        return When(start, end_open=OPEN if second == ".." else UNKNOWN)
    return _span(start, end, text)


def _span(start: PartialDate, end: PartialDate, text: str) -> When:
    if end.end_seconds() <= start.seconds():
        raise DateError(f"'{text}': the range ends before it starts")
    return When(start, end)


_RANGE_WORDS = re.compile(r"\s*(?:–|—|\bto\b|\buntil\b|\btill\b)\s*|\s+-\s+")


def _worded_range(text: str, date_order: str | None) -> When | None:
    """13 July – 23 August 2014, 1939–1945, 16 May 2014 – present, 1914 to 1918."""
    parts = _RANGE_WORDS.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return None
    first_text, last_text = parts
    if last_text.lower() in _PRESENT_WORDS:
        return When(_parse_single(first_text, date_order), end_open=PRESENT)
    try:
        first, last = _range_ends(first_text, last_text, date_order)
    except DateError:
        first = _completed_from(first_text, last_text, date_order)  # "13 July – 23 August 2014"
        if first is None:
            raise
        last = _parse_single(last_text, date_order)
    return _span(first, last, text)


def _completed_from(first_text: str, last_text: str, date_order: str | None) -> PartialDate | None:
    """The first end of '13 July – 23 August 2014' or '13–23 August 2014' takes what it lacks from the second."""
    last = _parse_single(last_text, date_order)
    if re.fullmatch(r"\d{1,2}", first_text) and last.precision == DAY:
        return _checked(last.year, last.month, int(first_text), 0, 0, 0, DAY, first_text)
    if _MONTH_WORD.search(first_text) and not re.search(r"\d{3,}", first_text) and last.precision in (DAY, MONTH):
        return _parse_single(f"{first_text} {last.year}", date_order)
    return None


def _years_range(text: str, date_order: str | None) -> When | None:
    """1914-1918, 2584-2561 BCE: two years joined by a hyphen (both written in full)."""
    match = re.fullmatch(r"(?i)(\d{3,})\s*-\s*(\d{1,})(\s*(?:BCE|B\.C\.E\.|BC|B\.C\.|CE|AD))?", text)
    if match is None:
        return None
    if len(match[2]) == 2 and 25 <= int(match[2]) <= 41 and len(match[1]) == 4 and not match[3]:
        raise DateError(f"'{text}': EDTF's seasons 25–41 (hemispheres, quarters, halves) are not read: "
                        "write spring … winter (21–24), or the months")
    if len(match[2]) < 3:
        completed = int(match[1][: -len(match[2])] + match[2])
        if (len(match[2]) == 2 and (int(match[2]) <= 12 or 21 <= int(match[2]) <= 24) or completed <= int(match[1])) and not match[3]:
            return None  # 2011-12 is December 2011 and 2001-21 spring 2001 (ISO, EDTF): the detail pane says which
        raise DateError(f"'{text}' looks like a range of years: write both in full, e.g. {match[1]}-{match[1][:-len(match[2])]}{match[2]}")
    era = match[3] or ""
    first, last = _parse_single(match[1] + era, date_order), _parse_single(match[2] + era, date_order)
    return _span(first, last, text)


def _one_of(text: str, date_order: str | None) -> When:
    """[1667, 1668, 1670..1672]: EDTF's one-of set; each member an alternative."""
    members = [member.strip() for member in text[1:-1].split(",") if member.strip()]
    if len(members) == 1 and members[0].startswith(".."):  # [..1760-12-03]: on or before
        return When(replace(_parse_single(members[0][2:], date_order), note="before"))
    if len(members) == 1 and members[0].endswith(".."):  # [1760-12..]: on or after
        return When(replace(_parse_single(members[0][:-2], date_order), note="after"))
    if len(members) < 2 and not any(".." in member for member in members):
        raise DateError(f"'{text}' lists fewer than two dates: write the date itself")
    dates = []
    for member in members:
        if ".." in member:
            low, _, high = member.partition("..")
            if not low or not high:
                raise DateError(f"'{text}': write both ends of '{member}' (earlier and later dates)")
            first, last = _parse_single(low, date_order), _parse_single(high, date_order)
            dates.append(replace(first, note="between", span=(first.seconds(), last.end_seconds())))
        else:
            dates.append(_parse_single(member, date_order))
    return When(min(dates, key=PartialDate.seconds), alternatives=tuple(dates))
