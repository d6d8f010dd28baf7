"""Dates written in words, as a reader expects them: "June 2014", "13 July – 23 August 2014"."""

from __future__ import annotations

from .dates import (
    CENTURY,
    DAY,
    DECADE,
    HOUR,
    MILLENNIUM,
    MINUTE,
    MONTH,
    MONTH_NAMES,
    SEASON,
    SEASONS,
    SECOND,
    YEAR,
    PartialDate,
)


def year_text(year: int) -> str:
    if year <= -100_000:
        return _deep(1 - year) + " BC"
    return str(year) if year > 0 else f"{1 - year} BC"


def _deep(years: int) -> str:
    for size, word in ((10**9, "billion"), (10**6, "million")):
        if years >= size:
            return f"{years / size:.3g} {word} years"
    return f"{years:,}"


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _month(number: int, short: bool) -> str:
    name = MONTH_NAMES[number - 1]
    return name[:3] if short else name


def describe_date(date: PartialDate, short: bool = False) -> str:
    """The date in words, qualifiers included: '2014', 'June 2014', 'about 1500', 'the 1860s'.
    `short`: months in three letters ('15 Feb 2011'), for a list's narrow column."""
    text = _plain_words(date, short)
    if date.note in ("early", "mid", "late"):
        text = f"{date.note} {text}"
    elif date.note == "between":
        text = f"some time between {text} and {describe_date(_last_of_span(date), short)}"
    elif date.note in ("before", "after"):
        text = f"{date.note} {text}"
    elif date.note == "some year":
        text = f"{date.day} {_month(date.month, short)}, some year from {date.year} to {date.year + 9}"
    if date.approximate:
        text = f"about {text}"
    if date.uncertain:
        text = f"{text} (uncertain)"
    return text


def _plain_words(date: PartialDate, short: bool = False) -> str:
    if date.precision == YEAR:
        return year_text(date.year)
    if date.precision == DECADE:
        return f"the {year_text(date.year)}s" if date.year > 0 else f"the decade from {year_text(date.year)}"
    if date.precision in (CENTURY, MILLENNIUM):
        size = 100 if date.precision == CENTURY else 1000
        span = f"{year_text(date.year)}–{year_text(date.year + size - 1)}"
        if date.year > 0 and date.year % size == 1:
            return f"the {_ordinal(date.year // size + 1)} {date.precision} ({span})"
        if date.year <= 0 and (1 - date.year) % size == 0:
            return f"the {_ordinal((1 - date.year) // size)} {date.precision} BC ({span})"
        return f"the years {span}"
    if date.precision == SEASON:
        return f"{SEASONS[date.month]} {year_text(date.year)}"
    month = _month(date.month, short)
    if date.precision == MONTH:
        return f"{month} {year_text(date.year)}"
    text = f"{date.day} {month} {year_text(date.year)}"
    if date.precision == HOUR:
        text += f", {date.hour:02d}:00–{date.hour:02d}:59"
    elif date.precision == MINUTE:
        text += f", {date.hour:02d}:{date.minute:02d}"
    elif date.precision == SECOND:
        text += f", {date.hour:02d}:{date.minute:02d}:{date.second:02d}"
    if date.zone:
        text += " UTC" if date.zone == "Z" else f" (UTC{date.zone})"
    return text


def _last_of_span(date: PartialDate) -> PartialDate:
    """The last date of a 'between' stretch, at the first date's precision."""
    from .dates import civil_from_days

    year, month, day = civil_from_days(int(date.span[1] // 86400) - 1)
    return PartialDate(year, month, day, precision=date.precision if date.precision in (YEAR, MONTH, DAY) else DAY)


def describe_event_date(event, short: bool = False) -> str:
    """An event's whole date in words: a point, a span, an open end, or the alternatives sources give.
    `short`: months in three letters ('20–28 Aug 2011')."""
    if event.alternatives:  # (short: without the sources, which the tooltip and the detail pane name)
        return " or ".join(dict.fromkeys(  # (two sources giving one date: it is said once)
            describe_date(alternative.date, short)
            + (f" ({alternative.label or alternative.source})" if alternative.source and not short else "")
            for alternative in event.alternatives
        ))
    if event.start_open:
        return f"until {describe_date(event.start, short)} (start {'not known' if event.start_open == 'unknown' else 'open'})"
    if event.end_open:
        ending = {"present": "present", "open": "open end", "unknown": "end not known"}[event.end_open]
        return f"{describe_date(event.start, short)} – {ending}"
    return describe_range(event.start, event.end, short)


def describe_range(start: PartialDate, end: PartialDate | None, short: bool = False) -> str:
    """A span written once, sharing what both ends share: '13 July – 23 August 2014'
    (short: '13 Jul–23 Aug 2014', the dash closed up as well)."""
    if end is None or end == start:
        return describe_date(start, short)
    dash = "–" if short else " – "
    if start.qualified or end.qualified:
        return f"{describe_date(start, short)}{dash}{describe_date(end, short)}"
    same_year = start.year == end.year
    if start.precision == end.precision == DAY and same_year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {_month(end.month, short)} {year_text(end.year)}"
        return f"{start.day} {_month(start.month, short)}{dash}{describe_date(end, short)}"
    if start.precision == end.precision == MONTH and same_year:
        return f"{_month(start.month, short)}{dash}{describe_date(end, short)}"
    if {start.precision, end.precision} <= _CLOCK and start.zone == end.zone and (
            (start.year, start.month, start.day) == (end.year, end.month, end.day)):  # one day: '25 Jun 2014, 08:00–09:30'
        day = f"{start.day} {_month(start.month, short)} {year_text(start.year)}"
        zone = describe_date(end, short).partition(_clock(end, last=True))[2]  # ('', ' UTC' or ' (UTC+02:00)')
        return f"{day}, {_clock(start, last=False)}{dash}{_clock(end, last=True)}{zone}"
    return f"{describe_date(start, short)}{dash}{describe_date(end, short)}"


_CLOCK = frozenset((HOUR, MINUTE, SECOND))


def _clock(date: PartialDate, last: bool) -> str:
    """The time of day as `describe_date` says it; an hour as its first or last minute."""
    if date.precision == HOUR:
        return f"{date.hour:02d}:{59 if last else 0:02d}"
    if date.precision == MINUTE:
        return f"{date.hour:02d}:{date.minute:02d}"
    return f"{date.hour:02d}:{date.minute:02d}:{date.second:02d}"


def describe_duration(start: PartialDate, end: PartialDate | None) -> str:
    """How long a span lasted, counted inclusively at the coarser precision ('42 days')."""
    if end is None or start.qualified or end.qualified or start.precision not in _COUNTED or end.precision not in _COUNTED:
        return ""
    seconds = end.end_seconds() - start.seconds()
    if MINUTE in (start.precision, end.precision) and seconds < 2 * 86400:
        minutes = round((end.seconds() - start.seconds()) / 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
    days = round(seconds / 86400)
    if YEAR in (start.precision, end.precision):
        years = end.year - start.year + 1
        return f"{years} years" if years != 1 else "1 year"
    if MONTH in (start.precision, end.precision):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return f"{months} months" if months != 1 else "1 month"
    if days >= 365 * 2:
        return f"{days} days (about {days / 365.25:.1f} years)"
    if days >= 60:
        return f"{days} days (about {round(days / 30.44)} months)"
    return f"{days} days" if days != 1 else "1 day"


_COUNTED = (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)


def describe_precision(date: PartialDate) -> str:
    return f"{describe_date(date)} ({'time' if date.precision == MINUTE else date.precision})"

