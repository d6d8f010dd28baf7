"""Numpy arrays over the events, so culling and filtering 100k events takes microseconds.

Built once per load (off the GUI thread); knows nothing of Qt.
"""

from __future__ import annotations

import functools
from collections import Counter
from itertools import chain, repeat
from operator import attrgetter

import numpy as np

from .event_times import SLICE, times
from .model import UNCATEGORISED_COLOR, Chronology

UNCATEGORISED = ""
SHARED_LANE = "\0shared"  # the lane of categories past MAX_LANES
MAX_LANES = 60


class TimelineIndex:
    """Events in start order with their drawn interval, lane and a prefix maximum of ends.

    `ends` are exclusive and include imprecision: a year-precision event covers its year.
    """

    def __init__(self, chronology: Chronology):
        events = chronology.events
        count = len(events)
        self.events = events
        self.starts, self.ends, _, self.is_span, self.is_exact = times(events)
        self.max_end_before = np.maximum.accumulate(self.ends) if count else self.ends
        self.in_order = np.arange(count)  # positions in date order: the events' own (made here, off the GUI thread)
        self.in_order.flags.writeable = False  # (shared by whoever lists the events in that order)
        # each category read once, then counted and mapped to lanes at C speed; a slice at a time,
        # as one C call over a million events holds the interpreter (and the window) 0.1-0.3 s
        categories: list[str] = []
        used: Counter = Counter()
        for first in range(0, count, SLICE):
            piece = list(map(attrgetter("category"), events[first : first + SLICE]))
            categories += piece
            used.update(piece)
        lane_ids = [cid for cid in chronology.categories if cid in used]
        lane_ids += [cid for cid in used if cid not in chronology.categories and cid != UNCATEGORISED]  # built by hand
        if UNCATEGORISED in used:
            lane_ids.append(UNCATEGORISED)
        self.category_labels = {cid: cid for cid in used} | {cid: c.label for cid, c in chronology.categories.items()}
        self.category_labels[UNCATEGORISED] = "Other"
        self.category_colors = {cid: UNCATEGORISED_COLOR for cid in used} | {
            cid: c.color for cid, c in chronology.categories.items()
        }
        self.category_colors[UNCATEGORISED] = UNCATEGORISED_COLOR
        if len(lane_ids) > MAX_LANES:  # thousands of lanes help nobody: the busiest keep theirs, the rest share one
            busiest = set(sorted(lane_ids, key=lambda cid: -used[cid])[: MAX_LANES - 1])
            shared = len(lane_ids) - len(busiest)
            lane_ids = [cid for cid in lane_ids if cid in busiest] + [SHARED_LANE]
            self.category_labels[SHARED_LANE] = f"{shared:,} more categories"
            self.category_colors[SHARED_LANE] = UNCATEGORISED_COLOR
        self.lane_ids = lane_ids
        self.lane_labels = [self.category_labels[c] for c in lane_ids]
        self.lane_colors = [self.category_colors[c] for c in lane_ids]
        lane_number = {cid: number for number, cid in enumerate(lane_ids)}
        shared_lane = len(lane_ids) - 1
        self.lanes = np.concatenate([
            np.fromiter(map(lane_number.get, categories[first : first + SLICE], repeat(shared_lane)), np.int32)
            for first in range(0, count, SLICE)
        ]) if count else np.empty(0, np.int32)
        # per lane, the same arrays again, so a frame culls each lane with two binary searches
        by_lane = np.argsort(self.lanes, kind="stable")
        bounds = np.cumsum(np.bincount(self.lanes, minlength=len(lane_ids)))[:-1] if count else []
        self.lane_positions = np.split(by_lane, bounds) if count else [by_lane[:0] for _ in lane_ids]
        self.lane_starts = [self.starts[p] for p in self.lane_positions]
        self.lane_ends = [self.ends[p] for p in self.lane_positions]
        self.lane_max_end = [np.maximum.accumulate(e) if len(e) else e for e in self.lane_ends]

    @functools.cached_property
    def tag_counts(self) -> Counter:
        for _ in self.count_tags_steps(len(self.events) or 1):
            pass
        return self.tag_counts

    def count_tags_steps(self, batch: int = 5000):
        """Count tags `batch` events at a time (see SearchIndex.build_steps for why)."""
        counts: Counter = Counter()
        for first in range(0, len(self.events), batch):
            counts.update(chain.from_iterable(map(attrgetter("tags"), self.events[first : first + batch])))
            yield
        self.__dict__["tag_counts"] = counts

    @functools.cached_property
    def position_of_id(self) -> dict[str, int]:
        return {event.id: position for position, event in enumerate(self.events)}

    def __len__(self) -> int:
        return len(self.events)

    def extent(self) -> tuple[float, float]:
        if not len(self):
            return 0.0, 365.25 * 86400
        return float(self.starts[0]), float(self.max_end_before[-1])

    def lane_in_range(
        self, lane: int, start: float, end: float, mask: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Positions, starts and ends of `lane`'s events overlapping [start, end), in start order."""
        last = int(np.searchsorted(self.lane_starts[lane], end, side="left"))
        first = int(np.searchsorted(self.lane_max_end[lane], start, side="right"))
        positions = self.lane_positions[lane][first:last]
        starts, ends = self.lane_starts[lane][first:last], self.lane_ends[lane][first:last]
        keep = ends > start
        if mask is not None:
            keep &= mask[positions]
        if keep.all():
            return positions, starts, ends
        return positions[keep], starts[keep], ends[keep]

    def in_range(self, start: float, end: float, mask: np.ndarray | None = None) -> np.ndarray:
        """Positions of events that overlap [start, end) and pass `mask`, in start order."""
        last = int(np.searchsorted(self.starts, end, side="left"))
        first = int(np.searchsorted(self.max_end_before, start, side="right"))
        if first >= last:
            return np.empty(0, np.intp)
        positions = np.arange(first, last)
        keep = self.ends[first:last] > start
        if mask is not None:
            keep &= mask[first:last]
        return positions[keep]
