"""`lay_out` as it was first written, one event at a time in Python, with its clustering's first
form (`lane_clusters`: every visible start divided, floored and compared): kept as the reference
that tests/test_layout_agrees.py and tests/test_bucket_runs.py hold `geometry.layout` to."""

from __future__ import annotations

from typing import Callable

import numpy as np

from timeline_app.chronology.timeline_index import TimelineIndex
from timeline_app.geometry.layout import (
    LABEL_GAP,
    MARKER_WIDTH,
    ROW_GAP,
    NOTE_ARROW_ROOM,
    Cluster,
    PlacedEvent,
    CLUSTER_MIN_WIDTH,
    CLUSTER_PIXELS,
    MAX_DETAILED_PER_ROW,
    TimelineLayout,
)
from timeline_app.geometry.viewport import Viewport


def stack_rows(
    x0: list[float], marker_end: list[float], label_x: list[float], label_width: list[float], rows: int,
    lines: list[int] | None = None,
) -> tuple[list[int], list[bool], list[int]]:
    """First-fit rows for items sorted by x0: a row per item, whether its label fits, and on how
    many rows (a wrapped title, `lines` 2, takes its row and the next, else it is cut to one).

    An item wants [x0, max(marker end, label end)]; failing that, just its marker;
    failing that it gets row -1: the lane's overflow rail, drawn small below the rows,
    so neither labels nor markers ever overlap.
    """
    row_free_at = [-1e300] * rows
    assigned, labelled, used_lines = [], [], []
    for number, (start, marker, label_start, width) in enumerate(zip(x0, marker_end, label_x, label_width)):
        label_end = max(marker, label_start + width)
        chosen, with_label, tall = -1, False, 1
        if width > 0 and lines is not None and lines[number] == 2:
            for row in range(rows - 1):
                if row_free_at[row] <= start and row_free_at[row + 1] <= start:
                    chosen, with_label, tall = row, True, 2
                    row_free_at[row + 1] = label_end + ROW_GAP
                    break
        if width > 0 and chosen < 0:
            for row in range(rows):
                if row_free_at[row] <= start:
                    chosen, with_label = row, True
                    break
        if chosen < 0:
            for row in range(rows):
                if row_free_at[row] <= start:
                    chosen = row
                    break
        if chosen >= 0:
            row_free_at[chosen] = (label_end if with_label else marker) + ROW_GAP
        assigned.append(chosen)
        labelled.append(with_label)
        used_lines.append(tall)
    return assigned, labelled, used_lines


def lay_out(
    index: TimelineIndex,
    view: Viewport,
    width: float,
    lane_rows: list[int],
    label_width: Callable[[int], float],
    mask: np.ndarray | None = None,
    summary_lanes: frozenset[int] = frozenset(),
    wrapped_width: Callable[[int], float] | None = None,
    long_label: float = float("inf"),
) -> TimelineLayout:
    """Place the events visible in `view` (and passing `mask`) lane by lane.

    Events in a stretch of time denser than the lane can show become one cluster
    with a count; clusters are aligned to absolute time so they do not shimmer
    while panning. A lane in `summary_lanes` (collapsed by the reader) is one row of
    markers and clusters on its rail, without titles. A title that one line would cut (at
    the right edge, or at `long_label` wide) wraps onto two rows when `wrapped_width` gives
    its two-line width and two rows are free.
    """
    layout = TimelineLayout()
    events = index.events
    spp = view.seconds_per_pixel
    left, right = view.left, view.right(width)
    for lane, rows in enumerate(lane_rows):
        summary = lane in summary_lanes
        if summary:
            rows = 1
        if rows <= 0:
            continue
        members, member_starts, member_ends = index.lane_in_range(lane, left, right, mask)
        if not len(members):
            continue
        # (clustering is unchanged and shared: what is compared is the placing of single events)
        items, dense = lane_clusters(lane, rows, member_starts, member_ends, left, spp)
        detail = np.flatnonzero(~dense)
        if len(detail):
            starts = ((member_starts[detail] - left) / spp).tolist()
            ends = ((member_ends[detail] - left) / spp).tolist()
            positions = members[detail].tolist()
            for p, s, e in zip(positions, starts, ends):
                marker = max(e, s + MARKER_WIDTH)
                # a "before"/"after" arrow stands beside the marker, so it gets room as the marker does
                note = events[p].start.note
                lead = NOTE_ARROW_ROOM if note == "before" else 0.0
                trail = NOTE_ARROW_ROOM if note == "after" else 0.0
                # a bar carries its label inside, from its visible start; a point has it on its right,
                # or on its left when the right edge would cut it
                wanted = label_width(p)
                reach = s - lead  # where the event's marks and label begin
                label_x = max(s, 0.0) + LABEL_GAP if e - s >= MARKER_WIDTH else marker + trail + LABEL_GAP
                lines = 1
                fits = lambda w: label_x + w <= width or reach - LABEL_GAP - w >= 0  # right of its marks, or left
                if (not fits(wanted) or wanted >= long_label) and wrapped_width is not None and rows > 1:
                    two = wrapped_width(p)  # one line would cut it: two lines, where they fit whole
                    if fits(two) and two < wanted:
                        lines, wanted = 2, two
                if label_x + wanted > width and reach - LABEL_GAP - wanted >= 0:
                    label_x = reach = reach - LABEL_GAP - wanted
                items.append((reach, marker + trail, label_x, wanted, (p, s, e), lines))
        items.sort(key=lambda item: item[0])
        rows_of, labelled, lines_of = stack_rows(
            [i[0] for i in items], [i[1] for i in items], [i[2] for i in items], [i[3] for i in items], rows,
            [i[5] for i in items],
        )
        if summary:
            rows_of, labelled = [-1] * len(items), [False] * len(items)
        for (_, _, label_x, wanted, what, _), row, shown, lines in zip(items, rows_of, labelled, lines_of):
            if isinstance(what, Cluster):
                what.row = row
                layout.clusters.append(what)
            else:
                position, start_x, x1 = what
                layout.placed.append(PlacedEvent(position, lane, row, start_x, x1, label_x, wanted if shown else 0.0,
                                                 lines if shown else 1))
    return layout


def lane_clusters(lane: int, rows: int, member_starts: np.ndarray, member_ends: np.ndarray, left: float, spp: float):
    """A lane's dense stretches as clusters, aligned to absolute time so they do not shimmer
    while panning: their stacking items (x0, marker end, label x, width 0, the Cluster, 1 line),
    and which of the lane's visible events they hold (`dense`)."""
    # starts are sorted, so buckets are too: runs give counts without a sort
    buckets = np.floor(member_starts / (CLUSTER_PIXELS * spp)).astype(np.int64)
    steps = np.diff(buckets, prepend=buckets[0] - 1) != 0
    run_starts = np.flatnonzero(steps)
    counts = np.diff(np.append(run_starts, len(buckets)))
    dense = (counts > max(1, rows - 1))[np.cumsum(steps) - 1]
    if len(member_starts) - int(dense.sum()) > rows * MAX_DETAILED_PER_ROW:
        dense[:] = True
    items: list[tuple[float, float, float, float, Cluster, int]] = []
    if dense.any():  # each dense run's extent at once (a frame at 1M makes hundreds)
        dense_runs = dense[run_starts]
        run_ends = (np.append(run_starts[1:], len(buckets)) - 1)[dense_runs]
        starts = member_starts[run_starts[dense_runs]]
        x0 = (starts - left) / spp
        x1 = np.maximum((member_starts[run_ends] - left) / spp + MARKER_WIDTH, x0 + CLUSTER_MIN_WIDTH)
        last_ends = np.maximum.reduceat(member_ends, run_starts)[dense_runs]
        for x0, x1, count, start, last_end in zip(x0.tolist(), x1.tolist(), counts[dense_runs].tolist(), starts.tolist(),
                                                  last_ends.tolist()):
            items.append((x0, x1, x1, 0.0, Cluster(lane, x0, x1, count, start, last_end), 1))
    return items, dense
