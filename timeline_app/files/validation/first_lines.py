"""Where each event id was first written, for the duplicate-id message, in tables of bounded size.

One dict of a million ids grows by rebuilding its whole table in one C call: at the last
doubling (700,000 ids) that held the interpreter, and so the window, 100 to 160 ms. Here a
full table is set aside and a new one begun, so the largest rebuild is a quarter-million
ids' (a few ms alone, ~25 ms in a loading window); a lookup asks each table in turn (four
at a million ids).
"""

from __future__ import annotations

from typing import Iterable

SEGMENT = 1 << 18  # ids in a table before the next is begun


class FirstLines:
    """id -> the line it was first written on, or ~index of an item read fast (its line is
    found only if a duplicate needs it). Each id is set once: callers ask before they set."""

    def __init__(self, segment: int | None = None) -> None:
        self._segment = segment or SEGMENT
        self._tables: list[dict[str, int]] = [{}]

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

    def __delitem__(self, event_id: str) -> None:
        for table in reversed(self._tables):  # (an undo removes what was just set: the newest table)
            if event_id in table:
                del table[event_id]
                return
        raise KeyError(event_id)

    def __len__(self) -> int:
        return sum(map(len, self._tables))

    def update(self, pairs: Iterable[tuple[str, int]]) -> None:
        """Record many (id, line) pairs at C speed (a chunk's: the newest table may run a chunk past its size)."""
        self._tables[-1].update(pairs)
        self._begin_another_if_full()

    def isdisjoint(self, event_ids: Iterable[str]) -> bool:
        """Whether none of `event_ids` is recorded yet."""
        event_ids = event_ids if isinstance(event_ids, (list, tuple, set, frozenset)) else list(event_ids)
        return all(table.keys().isdisjoint(event_ids) for table in self._tables)

    def let_go(self) -> None:
        """Forget every id, a table at a time (one C call each, not one for a million)."""
        while self._tables:
            self._tables.pop()
        self._tables.append({})

    def __copy__(self) -> FirstLines:
        copied = FirstLines(self._segment)
        copied._tables = [dict(table) for table in self._tables]
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
            self._tables.append({})
