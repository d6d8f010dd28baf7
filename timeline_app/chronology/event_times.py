"""Each event's times as arrays: where it starts and ends in seconds, its line, whether it is a
span and whether its dates are exact. The timeline's index keeps them; the loader sorts by them.

Read in C where `_event_times.c` is built (one pass over the events' slots), else a column at
a time with C-level attribute getters; a slice of events at a time either way, so the
interpreter (and the window) is never held for a whole million.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

import numpy as np

from .compiled import event_times as _compiled
from .dates import DAY, MINUTE, PartialDate
from .model import Event

SLICE = 50_000  # events a call: a few ms each
_read_in_c = getattr(_compiled, "event_times", None)


class Times(NamedTuple):
    starts: np.ndarray  # float64: the start's first second
    ends: np.ndarray  # float64: exclusive end, imprecision included (`Event.end_seconds`)
    lines: np.ndarray  # int64
    is_span: np.ndarray  # bool
    is_exact: np.ndarray  # bool: day or minute precision


def times(events: list[Event]) -> Times:
    columns = _in_c(events)
    if columns is None:
        columns = _in_python(events)
    starts, ends, lines, is_span, is_exact, unusual = columns
    for position in unusual:  # an open end runs to today, disputed dates to the latest claimed
        ends[position] = events[position].end_seconds()
    return Times(starts, ends, lines, is_span, is_exact)


def starts_and_lines(events: list[Event]) -> tuple[np.ndarray, np.ndarray]:
    """Each event's first second and its line: what the loader sorts a large file's events by."""
    columns = _in_c(events)
    if columns is None:
        return _column(events, _START), _column(events, _LINE, kind=np.int64)
    return columns[0], columns[2]


def _in_c(events: list[Event]):
    """The columns read in C, and the positions whose end `end_seconds` must tell; None where the
    module is not built, or some event is not one it reads."""
    if _read_in_c is None:
        return None
    try:
        pieces = [_read_in_c(events, first, min(first + SLICE, len(events)), Event, PartialDate, DAY, MINUTE)
                  for first in range(0, len(events), SLICE)]
    except TypeError:  # an event built by hand, say: read in Python
        return None
    kinds = (np.float64, np.float64, np.int64, np.bool_, np.bool_)
    columns = [np.concatenate([np.frombuffer(piece[number], kind) for piece in pieces]) if pieces else np.empty(0, kind)
               for number, kind in enumerate(kinds)]
    return (*columns, [position for piece in pieces for position in piece[5]])


_START, _START_END, _END, _END_END, _LINE, _PRECISION, _END_OPEN, _ALTERNATIVES = map(attrgetter, (
    "start._start", "start._end", "end", "end._end", "line", "start.precision", "end_open", "alternatives"))
_EXACT = frozenset((DAY, MINUTE)).__contains__


def _in_python(events: list[Event]):
    is_span = _column(events, _END, bool, kind=np.bool_)  # (a date is true, None false)
    ends = _column(events, _START_END)
    spans = np.flatnonzero(is_span).tolist()
    if spans:
        ends[spans] = np.fromiter(map(_END_END, map(events.__getitem__, spans)), np.float64, len(spans))
    unusual = _column(events, _END_OPEN, bool, kind=np.bool_) | _column(events, _ALTERNATIVES, bool, kind=np.bool_)
    return (_column(events, _START), ends, _column(events, _LINE, kind=np.int64), is_span,
            _column(events, _PRECISION, _EXACT, kind=np.bool_), np.flatnonzero(unusual).tolist())


def _column(events: list, *values, kind=np.float64) -> np.ndarray:
    """`values` applied in turn to every event (`_column(events, _END, bool)`: whether it has an
    end), as an array made at C speed, a slice at a time."""
    if not events:
        return np.empty(0, kind)

    def piece(first: int) -> np.ndarray:
        mapped = events[first : first + SLICE]
        for value in values:
            mapped = map(value, mapped)
        return np.fromiter(mapped, kind)

    return np.concatenate([piece(first) for first in range(0, len(events), SLICE)])
