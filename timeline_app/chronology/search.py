"""Search over title, description, tags, location and sources, fast enough per keystroke at 100k.

Each event's searchable text is lower-cased once; a query checks `word in text`
(C speed, ~20 ms over 100k events), and a query that extends the previous one,
as typing does, only re-checks the events that already matched.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import attrgetter

import numpy as np

from .compiled import search_text
from .model import Event

_casefolded = getattr(search_text, "casefolded", None)  # (None where it was not built)


def searchable_text(event: Event) -> str:
    """What a search looks in. Empty parts leave a double space: a query word holds no space,
    so it matches the same events either way."""
    return " ".join((event.title, event.description, event.location, " ".join(event.tags), _sources_text(event.sources)))


_SOURCE_PARTS = attrgetter("title", "publisher", "url")  # (what of a source is searched: both ways below)


def _sources_text(sources: tuple) -> str:
    return " ".join([part for source in sources for part in _SOURCE_PARTS(source)]) if sources else ""


def _searchable_texts(events: list[Event]):
    """`searchable_text` of each event, casefolded, field by field at C speed (a million events: 1 s, not 2);
    casefolded in C where `_search_text.c` was built (text that is not ASCII: twice as fast)."""
    texts = map(" ".join, zip(
        map(attrgetter("title"), events), map(attrgetter("description"), events), map(attrgetter("location"), events),
        map(" ".join, map(attrgetter("tags"), events)),
        map(" ".join, map(chain.from_iterable, map(map, repeat(_SOURCE_PARTS), map(attrgetter("sources"), events)))),
    ))  # (the sources' parts as `_sources_text` joins them, without a Python call an event: 0.1 s per 100,000)
    return _casefolded(list(texts)) if _casefolded is not None else map(str.casefold, texts)


class SearchIndex:
    """Build it whole (`SearchIndex(events)`) or in slices (`build=False`, then `build_steps()`)
    so a GUI can spread the work over idle moments instead of freezing."""

    def __init__(self, events: list[Event], build: bool = True):
        self.events = events
        self.texts: list[str] = []
        self._text_array = np.empty(0, dtype=object)
        self._last_words: list[str] = []
        self._last_mask: np.ndarray | None = None
        if build:
            for _ in self.build_steps(len(events) or 1):
                pass

    @property
    def ready(self) -> bool:
        return len(self._text_array) == len(self.events)

    def build_steps(self, batch: int = 4000):
        """Index `batch` events per step; yields the fraction done."""
        texts, events = self.texts, self.events
        array = np.empty(len(events), dtype=object)  # filled a batch at a time: one np.array over a million
        for first in range(0, len(events), batch):  # texts held the window ~80 ms
            texts.extend(_searchable_texts(events[first : first + batch]))
            array[first : len(texts)] = texts[first:]
            yield len(texts) / len(events)
        self._text_array = array

    def matches(self, query: str) -> np.ndarray | None:
        """Boolean mask of events containing every word of `query`; None for an empty query."""
        words = query.casefold().split()
        if not words:
            return None
        previous = self._last_mask
        narrowing = (
            previous is not None
            and len(words) >= len(self._last_words)
            and all(new.find(old) >= 0 for new, old in zip(words, self._last_words))
        )
        candidates = np.flatnonzero(previous) if narrowing else None
        texts = self.texts if candidates is None else self._text_array[candidates]
        found = np.ones(len(texts), np.bool_)
        for word in words:
            found &= np.fromiter((word in text for text in texts), np.bool_, len(texts))
        if candidates is None:
            mask = found
        else:
            mask = np.zeros(len(self.texts), np.bool_)
            mask[candidates[found]] = True
        self._last_words, self._last_mask = words, mask
        return mask
