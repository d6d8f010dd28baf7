"""Where each event id was first written, for the duplicate-id message, in tables of bounded size.

One dict of a million ids grows by rebuilding its whole table in one C call: at the last
doubling (700,000 ids) that held the interpreter, and so the window, 100 to 160 ms. Here a
full table is set aside and a new one begun, so the largest rebuild is a quarter-million
ids' (a few ms alone, ~25 ms in a loading window); a lookup asks each table in turn (four
at a million ids). A chunk's thousand new ids are asked of the tables set aside only if a
filter of their hashes says they may be there: asking four large tables for each id cost a
million events 0.7 s of cache misses.
"""

from __future__ import annotations

from typing import Iterable

SEGMENT = 1 << 18  # ids in a table before the next is begun
FILTER_SLOTS = 1 << 24  # 16 MB, made once a table is set aside: a "maybe" for 5% of new ids at a million


class _SetAside:
    """A one-hash Bloom filter of the ids in the tables set aside: "no" is certain, "maybe" is
    asked of the tables."""

    def __init__(self) -> None:
        import numpy as np  # here: a small file never needs it

        self._np = np
        self._slots = np.zeros(FILTER_SLOTS, np.bool_)

    def add(self, event_ids: list) -> None:
        self._slots[self._places(event_ids)] = True

    def maybe(self, event_ids: list) -> list:
        """Those of `event_ids` that may have been added."""
        return [event_ids[index] for index in self._np.flatnonzero(self._slots[self._places(event_ids)]).tolist()]

    def _places(self, event_ids: list):
        return self._np.fromiter(map(hash, event_ids), self._np.int64, len(event_ids)) & (FILTER_SLOTS - 1)

    def copy(self) -> _SetAside:
        copied = _SetAside.__new__(_SetAside)
        copied._np, copied._slots = self._np, self._slots.copy()
        return copied


class FirstLines:
    """id -> the line it was first written on, or ~index of an item read fast (its line is
    found only if a duplicate needs it). Each id is set once: callers ask before they set."""

    def __init__(self, segment: int | None = None) -> None:
        self._segment = segment or SEGMENT
        self._tables: list[dict[str, int]] = [{}]
        self._set_aside: _SetAside | None = None  # (once a table is full)

    def __contains__(self, event_id: object) -> bool:
        return any(event_id in table for table in self._tables)

    def __getitem__(self, event_id: str) -> int:
        for table in self._tables:
            if event_id in table:
                return table[event_id]
        raise KeyError(event_id)

    def __setitem__(self, event_id: str, line: int) -> None:
        self._tables[-1][event_id] = line
        self._begin_another_if_full()

    def __len__(self) -> int:
        return sum(map(len, self._tables))

    def update(self, pairs: Iterable[tuple[str, int]]) -> None:
        """Record many (id, line) pairs at C speed (a chunk's: the newest table may run a chunk past its size)."""
        self._tables[-1].update(pairs)
        self._begin_another_if_full()

    def isdisjoint(self, event_ids: Iterable[str]) -> bool:
        """Whether none of `event_ids` is recorded yet."""
        event_ids = event_ids if isinstance(event_ids, (list, tuple)) else list(event_ids)
        *set_aside, newest = self._tables
        if not newest.keys().isdisjoint(event_ids):
            return False
        maybe = self._set_aside.maybe(event_ids) if set_aside and len(event_ids) > 16 else event_ids
        return all(table.keys().isdisjoint(maybe) for table in set_aside)

    def let_go(self) -> None:
        """Forget every id, a table at a time (one C call each, not one for a million)."""
        while self._tables:
            self._tables.pop()
        self._tables.append({})
        self._set_aside = None

    def __copy__(self) -> FirstLines:
        copied = FirstLines(self._segment)
        copied._tables = [dict(table) for table in self._tables]
        copied._set_aside = self._set_aside.copy() if self._set_aside is not None else None
        return copied

    def __eq__(self, other: object) -> bool:
        """Equal when they record the same ids at the same lines, however the tables fall."""
        if not isinstance(other, FirstLines):
            return NotImplemented
        return self._merged() == other._merged()

    __hash__ = None  # type: ignore[assignment]  (mutable)

    def _merged(self) -> dict[str, int]:
        merged: dict[str, int] = {}
        for table in self._tables:
            merged.update(table)
        return merged

    def _begin_another_if_full(self) -> None:
        if len(self._tables[-1]) >= self._segment:
            if self._set_aside is None:
                self._set_aside = _SetAside()
            self._set_aside.add(list(self._tables[-1]))
            self._tables.append({})
