"""Dates written in words, as a reader expects them: "June 2014", "13 July – 23 August 2014"."""

from __future__ import annotations

from .dates import DAY, MINUTE, MONTH, MONTH_NAMES, YEAR, PartialDate


def year_text(year: int) -> str:
    return str(year) if year > 0 else f"{1 - year} BC"


def describe_date(date: PartialDate) -> str:
    """The date written by its precision, e.g. '2014', 'June 2014', '20 October 2011'."""
    if date.precision == YEAR:
        return year_text(date.year)
    month = MONTH_NAMES[date.month - 1]
    if date.precision == MONTH:
        return f"{month} {year_text(date.year)}"
    text = f"{date.day} {month} {year_text(date.year)}"
    if date.precision == MINUTE:
        text += f", {date.hour:02d}:{date.minute:02d}"
    return text


def describe_range(start: PartialDate, end: PartialDate | None) -> str:
    """A span written once, sharing what both ends share: '13 July – 23 August 2014'."""
    if end is None or end == start:
        return describe_date(start)
    same_year = start.year == end.year
    if start.precision == end.precision == DAY and same_year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTH_NAMES[end.month - 1]} {year_text(end.year)}"
        return f"{start.day} {MONTH_NAMES[start.month - 1]} – {describe_date(end)}"
    if start.precision == end.precision == MONTH and same_year:
        return f"{MONTH_NAMES[start.month - 1]} – {describe_date(end)}"
    return f"{describe_date(start)} – {describe_date(end)}"


def describe_duration(start: PartialDate, end: PartialDate | None) -> str:
    """How long a span lasted, counted inclusively at the coarser precision ('42 days')."""
    if end is None:
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


def describe_precision(date: PartialDate) -> str:
    return f"{describe_date(date)} ({'time' if date.precision == MINUTE else date.precision})"

