"""Calendar-aware tick marks from millennia to minutes, in two levels of labels.

Like pyqtgraph's AxisItem this only works out what goes where; the canvas draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chronology.date_text import year_text
from ..chronology.dates import SECONDS_PER_DAY, civil_from_days, days_from_civil

MONTH_ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

# (unit, step) from finest to coarsest; a step is chosen so ticks are >= min spacing apart
_STEPS = (
    [("minute", n) for n in (1, 5, 10, 15, 30)]
    + [("hour", n) for n in (1, 3, 6, 12)]
    + [("day", n) for n in (1, 2, 7, 14)]
    + [("month", n) for n in (1, 3, 6)]
    + [("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)]
)
_APPROX_SECONDS = {"minute": 60, "hour": 3600, "day": 86400, "month": 30.44 * 86400, "year": 365.25 * 86400}
_PARENT = {"minute": "day", "hour": "day", "day": "month", "month": "year", "year": None}


@dataclass(frozen=True, slots=True)
class Tick:
    seconds: float
    label: str


@dataclass(frozen=True, slots=True)
class AxisLayout:
    minor: list[Tick]
    major: list[Tick]


def choose_step(seconds_per_pixel: float, min_spacing_px: float = 70) -> tuple[str, int]:
    for unit, step in _STEPS:
        if step * _APPROX_SECONDS[unit] / seconds_per_pixel >= min_spacing_px:
            return unit, step
    return _STEPS[-1]


def _floor_to(unit: str, step: int, seconds: float) -> tuple[int, int, int, int, int]:
    days = int(seconds // SECONDS_PER_DAY)
    year, month, day = civil_from_days(days)
    if unit == "year":
        if year <= 0 and step > 1:  # before the common era, round in BC years: 2000 BC is year -1999
            return 1 - -(-(1 - year) // step) * step, 1, 1, 0, 0
        return (year // step) * step, 1, 1, 0, 0
    if unit == "month":
        return year, ((month - 1) // step) * step + 1, 1, 0, 0
    if unit == "day":
        if step == 1:
            return year, month, day, 0, 0
        return year, month, 1, 0, 0  # 2/7/14-day steps restart each month so labels read 1, 8, 15, 22
    rest = int(seconds - days * SECONDS_PER_DAY)
    hour, minute = rest // 3600, (rest % 3600) // 60
    if unit == "hour":
        return year, month, day, (hour // step) * step, 0
    return year, month, day, hour, (minute // step) * step


def _seconds(year: int, month: int, day: int, hour: int, minute: int) -> float:
    return float(days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60)


def _advance(unit: str, step: int, parts: tuple[int, int, int, int, int]) -> tuple[int, int, int, int, int]:
    year, month, day, hour, minute = parts
    if unit == "year":
        if year == 1 and step > 1:  # AD 1 follows 1 BC-aligned ticks; then back to round years
            return step, 1, 1, 0, 0
        return year + step, 1, 1, 0, 0
    if unit == "month":
        month += step
        return year + (month - 1) // 12, (month - 1) % 12 + 1, 1, 0, 0
    if unit == "day":
        if step > 1:  # 1, 8, 15, 22, then the 1st of the next month
            if day + step > 28:
                return year + month // 12, month % 12 + 1, 1, 0, 0
            return year, month, day + step, 0, 0
        nyear, nmonth, nday = civil_from_days(days_from_civil(year, month, day) + 1)
        return nyear, nmonth, nday, 0, 0
    seconds = _seconds(*parts) + step * (3600 if unit == "hour" else 60)
    days = int(seconds // SECONDS_PER_DAY)
    nyear, nmonth, nday = civil_from_days(days)
    rest = int(seconds - days * SECONDS_PER_DAY)
    return nyear, nmonth, nday, rest // 3600, (rest % 3600) // 60


def _label(unit: str, parts: tuple[int, int, int, int, int], minor: bool) -> str:
    year, month, day, hour, minute = parts
    if unit == "year":
        return "AD 1" if year == 1 else year_text(year)
    if unit == "month":
        return MONTH_ABBR[month - 1] if minor else f"{MONTH_ABBR[month - 1]} {year_text(year)}"
    if unit == "day":
        return str(day) if minor else f"{day} {MONTH_ABBR[month - 1]} {year_text(year)}"
    return f"{hour:02d}:{minute:02d}"


def ticks(unit: str, step: int, start: float, end: float, minor: bool = True, limit: int = 2000) -> list[Tick]:
    parts = _floor_to(unit, step, start)
    result = []
    while len(result) < limit:
        seconds = _seconds(*parts)
        if seconds > end:
            break
        result.append(Tick(seconds, _label(unit, parts, minor)))
        parts = _advance(unit, step, parts)
    return result


def _span_label(label: str, size: int) -> str:
    """A decade is "2010s"; a century or more says its years ("2000–2099"): "2000s" would read as a decade."""
    if label.endswith("BC") or label == "AD 1" or not label.lstrip("-").isdigit():
        return label
    if size == 10:
        return f"{label}s"
    return f"{label}–{int(label) + size - 1}"


def axis_layout(start: float, end: float, seconds_per_pixel: float) -> AxisLayout:
    """Minor ticks at a readable spacing and, above them, the enclosing larger unit."""
    unit, step = choose_step(seconds_per_pixel)
    minor = ticks(unit, step, start, end)
    parent = _PARENT[unit]
    if parent is None:  # years: group them by decade, century or millennium ("2010s")
        major_step = next(size for size in (10, 100, 1000, 10000, 100000) if size > step)
        major = [
            Tick(tick.seconds, _span_label(tick.label, major_step))
            for tick in ticks("year", major_step, start, end, minor=False)
        ]
    else:
        major = ticks(parent, 1, start, end, minor=False)
    return AxisLayout(minor, major)


def minor_labels(ticks_: list[Tick], x_of, width: float, measure) -> list[tuple[float, str]]:
    """(x, text) of each minor label that fits before the next tick, or before the canvas's right
    edge for the last one; none for a tick left of the canvas (a label cut by an edge, "Ja" or
    "ul", reads as nothing)."""
    placed = []
    for tick, following in zip(ticks_, ticks_[1:] + [None]):
        x = x_of(tick.seconds)
        next_x = x_of(following.seconds) if following else width
        if x >= -3 and measure(tick.label) < next_x - x - 4:
            placed.append((x + 3, tick.label))
    return placed


def major_labels(ticks_: list[Tick], x_of, width: float, measure) -> list[tuple[float, str]]:
    """(x, text) of each major label that fits its stretch; the stretch that starts off-screen
    keeps its label at the left edge, pushed aside by the next one."""
    placed = []
    for number, tick in enumerate(ticks_):
        x = x_of(tick.seconds)
        next_x = x_of(ticks_[number + 1].seconds) if number + 1 < len(ticks_) else width
        text_width = measure(tick.label)
        text_x = min(max(x, 0.0) + 4, next_x - text_width - 6)
        if text_x + text_width < next_x and next_x - max(x, 0) > text_width + 8:
            placed.append((text_x, tick.label))
    return placed
