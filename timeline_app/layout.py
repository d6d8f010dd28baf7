"""Where each visible event goes: clusters for dense stretches, stacked rows for the rest.

A pure function of (visible events, view, lane sizes, label widths) so it is tested
without pixels, as pyqtgraph does with `generateDrawSpecs`. Stacking is first-fit
over a bounded number of rows: O(n * rows) for n visible events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .timeline_index import TimelineIndex
from .viewport import Viewport

MARKER_WIDTH = 10.0
LABEL_GAP = 4.0
ROW_GAP = 6.0
CLUSTER_PIXELS = 36.0
MAX_DETAILED_PER_ROW = 60


@dataclass(slots=True)
class PlacedEvent:
    position: int  # index into TimelineIndex.events
    lane: int
    row: int
    x0: float
    x1: float  # the drawn interval; x1 - x0 < MARKER_WIDTH means a point marker
    label_x: float
    label_width: float  # 0 when the label does not fit and is not drawn


@dataclass(slots=True)
class Cluster:
    lane: int
    x0: float
    x1: float
    count: int
    start: float  # time range the cluster covers, for zooming into it
    end: float


@dataclass(slots=True)
class TimelineLayout:
    placed: list[PlacedEvent] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


def stack_rows(
    x0: list[float], marker_end: list[float], label_x: list[float], label_width: list[float], rows: int
) -> tuple[list[int], list[bool]]:
    """First-fit rows for items sorted by x0: a row per item, and whether its label fits.

    An item wants [x0, max(marker end, label end)]; failing that, just its marker;
    failing that it shares the row that frees up first, label hidden. Labels never overlap.
    """
    row_free_at = [-1e300] * rows
    assigned, labelled = [], []
    for start, marker, label_start, width in zip(x0, marker_end, label_x, label_width):
        label_end = max(marker, label_start + width)
        chosen, with_label = -1, False
        if width > 0:
            for row in range(rows):
                if row_free_at[row] <= start:
                    chosen, with_label = row, True
                    break
        if chosen < 0:
            for row in range(rows):
                if row_free_at[row] <= start:
                    chosen = row
                    break
        if chosen < 0:
            chosen = min(range(rows), key=row_free_at.__getitem__)
            row_free_at[chosen] = max(row_free_at[chosen], marker + ROW_GAP)
        else:
            row_free_at[chosen] = (label_end if with_label else marker) + ROW_GAP
        assigned.append(chosen)
        labelled.append(with_label)
    return assigned, labelled


def lay_out(
    index: TimelineIndex,
    view: Viewport,
    width: float,
    lane_rows: list[int],
    label_width: Callable[[int], float],
    mask: np.ndarray | None = None,
) -> TimelineLayout:
    """Place the events visible in `view` (and passing `mask`) lane by lane.

    Events in a stretch of time denser than the lane can show become one cluster
    with a count; clusters are aligned to absolute time so they do not shimmer
    while panning.
    """
    layout = TimelineLayout()
    spp = view.seconds_per_pixel
    left, right = view.left, view.right(width)
    bucket_seconds = CLUSTER_PIXELS * spp
    for lane, rows in enumerate(lane_rows):
        if rows <= 0:
            continue
        members, member_starts, member_ends = index.lane_in_range(lane, left, right, mask)
        if not len(members):
            continue
        # starts are sorted, so buckets are too: runs give counts without a sort
        buckets = np.floor(member_starts / bucket_seconds).astype(np.int64)
        steps = np.diff(buckets, prepend=buckets[0] - 1) != 0
        run_starts = np.flatnonzero(steps)
        counts = np.diff(np.append(run_starts, len(buckets)))
        dense = (counts > max(1, rows - 1))[np.cumsum(steps) - 1]
        if len(members) - int(dense.sum()) > rows * MAX_DETAILED_PER_ROW:
            dense[:] = True
        if dense.any():
            _add_clusters(layout, lane, buckets[run_starts], counts, dense[run_starts], bucket_seconds, view)
        detail = np.flatnonzero(~dense)
        if not len(detail):
            continue
        starts = ((member_starts[detail] - left) / spp).tolist()
        ends = ((member_ends[detail] - left) / spp).tolist()
        marker_end = [max(e, s + MARKER_WIDTH) for s, e in zip(starts, ends)]
        # a bar carries its label inside, from its visible start; a point has it on its right
        label_x = [max(s, 0.0) + LABEL_GAP if e - s >= MARKER_WIDTH else m + LABEL_GAP
                   for s, e, m in zip(starts, ends, marker_end)]
        positions = members[detail].tolist()
        widths = [label_width(p) for p in positions]
        rows_of, labelled = stack_rows(starts, marker_end, label_x, widths, rows)
        for p, s, e, lx, w, r, shown in zip(positions, starts, ends, label_x, widths, rows_of, labelled):
            layout.placed.append(PlacedEvent(p, lane, r, s, e, lx, w if shown else 0.0))
    return layout


def _add_clusters(layout, lane, bucket_ids, counts, dense, bucket_seconds, view) -> None:
    for bucket, count in zip(bucket_ids[dense].tolist(), counts[dense].tolist()):
        start = bucket * bucket_seconds
        end = start + bucket_seconds
        layout.clusters.append(Cluster(lane, view.x_of(start), view.x_of(end), count, start, end))
