"""Where each visible event goes: clusters for dense stretches, stacked rows for the rest.

A pure function of (visible events, view, lane sizes, label widths) so it is tested
without pixels, as pyqtgraph does with `generateDrawSpecs`. Stacking is first-fit
over a bounded number of rows: O(n * rows) for n visible events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable, Container

import numpy as np

from ..chronology.timeline_index import TimelineIndex
from .compiled import stacking
from .viewport import Viewport

MARKER_WIDTH = 10.0
LABEL_GAP = 4.0
NOTE_ARROW_ROOM = 16.0  # a "before"/"after" arrow's room beside its marker (gui/marks.py draws it)
ROW_GAP = 6.0
CLUSTER_PIXELS = 36.0
CLUSTER_MIN_WIDTH = 24.0
MAX_DETAILED_PER_ROW = 60

_stacked_in_c = getattr(stacking, "stack_rows", None)
_lane_runs_in_c = getattr(stacking, "lane_runs", None)


@dataclass(slots=True)
class PlacedEvent:
    """An event where the frame draws it. (Not a NamedTuple, though one is made faster: Python
    3.11 reads a slot at its fastest and a tuple's field through a generic lookup, and the canvas
    reads each placed event's fields a dozen times a frame: 3% more instructions a frame.)"""

    position: int  # index into TimelineIndex.events
    lane: int
    row: int  # -1: the overflow rail under the rows
    x0: float
    x1: float  # the drawn interval; x1 - x0 < MARKER_WIDTH means a point marker
    label_x: float
    label_width: float  # 0 when the label does not fit and is not drawn
    label_lines: int = 1  # 2: a long title wrapped over this row and the next


@dataclass(slots=True)
class Cluster:
    lane: int
    x0: float
    x1: float
    count: int
    start: float  # time its events cover, for zooming into it
    end: float
    row: int = 0  # -1: the overflow rail


@dataclass(slots=True)
class TimelineLayout:
    placed: list[PlacedEvent] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    crowded: frozenset[int] = frozenset()  # lanes left out: their markers alone need more rows than given


def stack_rows(
    x0: list[float], marker_end: list[float], label_x: list[float], label_width: list[float], rows: int,
    lines: list[int] | None = None,
) -> tuple[list[int], list[bool], list[int]]:
    """First-fit rows for items sorted by x0: a row per item, whether its label fits, and on how
    many rows (a wrapped title, `lines` 2, takes its row and the next, else it is cut to one).

    An item wants [x0, max(marker end, label end)]; failing that, just its marker;
    failing that it gets row -1: the lane's overflow rail, drawn small below the rows,
    so neither labels nor markers ever overlap. Stacked in C where `_stacking.c` is built (the
    loop was 40% of a frame's layout), else by `stack_rows_in_python`: the same rows.
    """
    if _stacked_in_c is not None:
        try:
            return _stacked_in_c(x0, marker_end, label_x, label_width, rows, lines, ROW_GAP)
        except (TypeError, ValueError, OverflowError):
            pass  # (numbers C does not read: Python's loop says what they make)
    return stack_rows_in_python(x0, marker_end, label_x, label_width, rows, lines)


def stack_rows_in_python(
    x0: list[float], marker_end: list[float], label_x: list[float], label_width: list[float], rows: int,
    lines: list[int] | None = None,
) -> tuple[list[int], list[bool], list[int]]:
    """`stack_rows` in Python, where `_stacking.c` is not built (and its twin in the tests)."""
    if rows <= 0:
        return [-1] * len(x0), [False] * len(x0), [1] * len(x0)
    row_free_at = [-1e300] * rows
    earliest = -1e300  # min(row_free_at): once every row is busy at an item's x, it goes to the rail at once
    count = len(x0)
    assigned, labelled, used_lines = [-1] * count, [False] * count, [1] * count  # the rail's, until a row is found
    for number, (start, marker, label_start, width) in enumerate(zip(x0, marker_end, label_x, label_width)):
        if earliest > start:  # (at mid zoom on a large file most items: 86% of them)
            continue
        label_end = max(marker, label_start + width)
        chosen, with_label, tall = -1, False, 1
        if width > 0 and lines is not None and lines[number] == 2:
            for row in range(rows - 1):
                if row_free_at[row] <= start and row_free_at[row + 1] <= start:
                    chosen, with_label, tall = row, True, 2
                    row_free_at[row + 1] = label_end + ROW_GAP
                    break
        if chosen < 0:  # some row is free here (earliest): the first, with its label if it has one
            for row in range(rows):
                if row_free_at[row] <= start:
                    chosen, with_label = row, width > 0
                    break
        if chosen >= 0:  # (none free after all only where a value is NaN)
            row_free_at[chosen] = (label_end if with_label else marker) + ROW_GAP
            earliest = min(row_free_at)
            assigned[number], labelled[number], used_lines[number] = chosen, with_label, tall
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
    label_widths: Callable[[np.ndarray], np.ndarray] | None = None,
    lanes: Container[int] | None = None,
    unless_crowded: Container[int] = (),
    crowded_parts: dict | None = None,
) -> TimelineLayout:
    """Place the events visible in `view` (and passing `mask`) lane by lane (those in `lanes`, if given).

    Events in a stretch of time denser than the lane can show become one cluster
    with a count; clusters are aligned to absolute time so they do not shimmer
    while panning. A lane in `summary_lanes` (collapsed by the reader) is one row of
    markers and clusters on its rail, without titles. A title that one line would cut (at
    the right edge, or at `long_label` wide) wraps onto two rows when `wrapped_width` gives
    its two-line width and two rows are free.

    A lane in `unless_crowded` whose markers alone overlap more deeply than its rows (so some
    event goes to its rail whatever its title) is left out, named in the layout's `crowded`,
    before any title is measured: it takes all its rows, and where it is out of sight that is
    all the canvas needs to know of it (a frame of a million events measured a thousand titles
    in lanes below the fold).

    `crowded_parts`: what such a lane's culling, clusters and marks came to, by lane, kept by
    the layout that left it out and taken by the next one of the same view, filter and width
    (the canvas's, once it knows the lane is in sight), where that gives the lane as many rows
    (a crowded lane takes PROBE_ROWS, as many as it was offered: a million events' crowded
    lanes were culled and clustered twice a frame).
    """
    layout = TimelineLayout()
    crowded = set()
    events = index.events
    spp = view.seconds_per_pixel
    left, right = view.left, view.right(width)
    for lane, rows in enumerate(lane_rows):
        if lanes is not None and lane not in lanes:
            continue
        summary = lane in summary_lanes
        if summary:
            rows = 1
        if rows <= 0:
            continue
        kept = crowded_parts.pop(lane, None) if crowded_parts is not None and lane not in unless_crowded else None
        if kept is not None and kept[0] == rows:
            _, items, positions, starts, ends, marks = kept
        else:
            members, member_starts, member_ends = index.lane_in_range(lane, left, right, mask)
            if not len(members):
                continue
            # clusters and single events share the rows, so neither ever covers the other
            items, detail = lane_clusters(lane, rows, member_starts, member_ends, left, spp)
            if len(detail):
                positions = members[detail]
                starts, ends = (member_starts[detail] - left) / spp, (member_ends[detail] - left) / spp
                marks = _marker_extents(events, positions, starts, ends)
            else:
                positions, marks, starts, ends = detail, None, None, None
            if lane in unless_crowded and _deeper_than(items, marks, rows):
                crowded.add(lane)
                if crowded_parts is not None:
                    crowded_parts[lane] = (rows, items, positions, starts, ends, marks)
                continue
        if marks is not None:
            details = _detail_items(positions, starts, ends, marks, width, rows, label_width, label_widths,
                                    wrapped_width, long_label)
        else:
            details = None
        cluster_count = len(items)
        if details is None:
            reach, marker_end, label_x, wanted, lines = (np.array([item[i] for item in items]) for i in (0, 1, 2, 3, 5))
        else:
            reach, marker_end, label_x, wanted, lines = (
                np.concatenate(([item[i] for item in items], column)) for i, column in zip((0, 1, 2, 3, 5), details)
            )
        order = np.argsort(reach, kind="stable")  # clusters before events that reach as far: as list.sort keeps them
        rows_of, labelled, lines_of = stack_rows(
            reach[order].tolist(), marker_end[order].tolist(), label_x[order].tolist(), wanted[order].tolist(), rows,
            lines[order].astype(int).tolist(),
        )
        if summary:
            rows_of, labelled = [-1] * len(order), [False] * len(order)
        starts_x, ends_x = (details[5].tolist(), details[6].tolist()) if details is not None else ((), ())
        order_list, label_x_list, wanted_list = order.tolist(), label_x.tolist(), wanted.tolist()
        positions_list = positions.tolist()
        for number, row, shown, tall in zip(order_list, rows_of, labelled, lines_of):
            if number < cluster_count:
                cluster = items[number][4]
                cluster.row = row
                layout.clusters.append(cluster)
            else:
                event = number - cluster_count
                layout.placed.append(PlacedEvent(positions_list[event], lane, row, starts_x[event], ends_x[event],
                                                 label_x_list[number], wanted_list[number] if shown else 0.0,
                                                 tall if shown else 1))
    layout.crowded = frozenset(crowded)
    return layout


def _deeper_than(items: list, marks: tuple | None, rows: int) -> bool:
    """Whether more than `rows` of a lane's clusters and markers (each as stacking holds it: from
    where its marks begin to its marker's end and the gap after) cover one point, so that some
    item goes to the rail. A title only widens what its event holds, so this is so whatever the
    titles; unsure (a NaN), it says no and the lane is laid out."""
    begins = [item[0] for item in items]
    finishes = [item[1] for item in items]
    if marks is not None:
        begins = np.concatenate((begins, marks[0]))
        finishes = np.concatenate((finishes, marks[1]))
    begins, finishes = np.asarray(begins, np.float64), np.asarray(finishes, np.float64) + ROW_GAP
    if len(begins) <= rows or np.isnan(begins).any() or np.isnan(finishes).any():
        return False
    begins.sort()
    finishes.sort()
    # at each item's beginning: items begun by then (ties included) less those already over
    depth = np.arange(1, len(begins) + 1) - np.searchsorted(finishes, begins, side="right")
    return bool(depth.max() > rows)


def lane_clusters(lane: int, rows: int, member_starts: np.ndarray, member_ends: np.ndarray, left: float, spp: float):
    """A lane's dense stretches as clusters, aligned to absolute time so they do not shimmer
    while panning: their stacking items (x0, marker end, label x, width 0, the Cluster, 1 line),
    and which of the lane's visible events are shown on their own (their indices, in order).
    In C (`_stacking.c lane_runs`, the same arithmetic) for fewer than `SEARCHED_FROM` starts."""
    count = len(member_starts)
    if _lane_runs_in_c is not None and 0 < count < SEARCHED_FROM:
        try:
            dense, lone = _lane_runs_in_c(member_starts, member_ends, left, spp, CLUSTER_PIXELS * spp, max(1, rows - 1),
                                          rows * MAX_DETAILED_PER_ROW, MARKER_WIDTH, CLUSTER_MIN_WIDTH)
        except (TypeError, ValueError, BufferError):
            pass  # (an array not of contiguous float64: NumPy's)
        else:
            return ([(x0, x1, x1, 0.0, Cluster(lane, x0, x1, count_of, start, last_end), 1)
                     for x0, x1, count_of, start, last_end in dense], np.frombuffer(lone, np.intp))
    run_starts = _bucket_runs(member_starts, CLUSTER_PIXELS * spp)
    run_ends = np.empty(len(run_starts), np.intp)  # (each run's end: the next one's start, or the count)
    run_ends[:-1], run_ends[-1] = run_starts[1:], count
    counts = run_ends - run_starts
    dense_runs = counts > max(1, rows - 1)
    if count - int(counts[dense_runs].sum()) > rows * MAX_DETAILED_PER_ROW:
        dense_runs[:] = True
    items: list[tuple[float, float, float, float, Cluster, int]] = []
    if dense_runs.any():  # each dense run's extent at once (a frame at 1M makes hundreds)
        lasts = (run_ends - 1)[dense_runs]
        starts = member_starts[run_starts[dense_runs]]
        x0 = (starts - left) / spp
        x1 = np.maximum((member_starts[lasts] - left) / spp + MARKER_WIDTH, x0 + CLUSTER_MIN_WIDTH)
        last_ends = np.maximum.reduceat(member_ends, run_starts)[dense_runs] + 0.0  # (a -0.0 made +0.0, as in C)
        for x0, x1, count_of, start, last_end in zip(x0.tolist(), x1.tolist(), counts[dense_runs].tolist(),
                                                     starts.tolist(), last_ends.tolist()):
            items.append((x0, x1, x1, 0.0, Cluster(lane, x0, x1, count_of, start, last_end), 1))
    if dense_runs.all():
        return items, np.empty(0, np.intp)
    lone = ~dense_runs  # runs of a few events, each shown on its own
    firsts, sizes = run_starts[lone], counts[lone]
    offsets = np.repeat(firsts - np.cumsum(sizes) + sizes, sizes)  # each run's first index, less where it lands
    return items, offsets + np.arange(int(sizes.sum()))


SEARCHED_FROM = 4096  # starts in a lane's view: fewer are divided at once (twenty numpy calls cost more)


def _bucket_runs(starts: np.ndarray, bucket_width: float) -> np.ndarray:
    """Where each run of `starts` (sorted) in one bucket of `bucket_width` begins: the indices
    where `floor(start / bucket_width)` changes. Found by a binary search for each bucket's first
    start, put right where rounding set a start on the other side of an edge (a zoomed-out frame
    of a million events had divided, floored and compared every start in view, ten passes over
    170,000 starts a lane: half its layout); for a few thousand starts, or where buckets are hardly
    fewer than starts (a span from long before the view stretches the range), by those passes."""
    count = len(starts)
    first_bucket, last_bucket = math.floor(starts[0] / bucket_width), math.floor(starts[-1] / bucket_width)
    if count < SEARCHED_FROM or last_bucket - first_bucket >= count // 4:
        buckets = np.floor(starts / bucket_width)
        changes = np.empty(count, np.bool_)  # (np.diff with prepend: three times the calls, at a thousand starts)
        changes[0], changes[1:] = True, buckets[1:] != buckets[:-1]
        return np.flatnonzero(changes)
    wanted = np.arange(first_bucket + 1, last_bucket + 1, dtype=np.float64)  # each bucket after the first
    at = np.searchsorted(starts, wanted * bucket_width, side="left")
    # the first start at or past `at` must be in the bucket or a later one, the one before it in an
    # earlier one; where rounding broke that, walk (floor(s / w) grows with s, so the walk ends)
    inside = np.minimum(at, count - 1)
    wrong = np.flatnonzero(((at < count) & (np.floor(starts[inside] / bucket_width) < wanted))
                           | ((at > 0) & (np.floor(starts[np.maximum(at - 1, 0)] / bucket_width) >= wanted)))
    for number in wrong.tolist():
        bucket, edge = wanted[number], int(at[number])
        while edge < count and math.floor(starts[edge] / bucket_width) < bucket:
            edge = int(np.searchsorted(starts, starts[edge], side="right"))
        while edge > 0 and math.floor(starts[edge - 1] / bucket_width) >= bucket:
            edge = int(np.searchsorted(starts, starts[edge - 1], side="left"))
        at[number] = edge
    edges = np.concatenate(([0], at))
    return edges[np.append(edges[1:] != edges[:-1], True) & (edges < count)]  # (a bucket with no start: none)


_start_note = attrgetter("start.note")


def _marker_extents(events, positions: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Where each event shown on its own holds its row before its title is known: from where its
    marks begin (a "before" arrow stands left of its marker) to its marker's end (an "after"
    arrow to its right). Returns (reach, marker end with its arrow, marker end, arrow room)."""
    count = len(positions)
    marker = np.maximum(ends, starts + MARKER_WIDTH)
    # a "before"/"after" arrow stands beside the marker, so it gets room as the marker does
    notes = list(map(_start_note, map(events.__getitem__, positions.tolist())))
    lead, trail = (np.fromiter((NOTE_ARROW_ROOM if note == side else 0.0 for note in notes), np.float64, count)
                   if side in notes else np.zeros(count) for side in ("before", "after"))  # (most frames have none)
    return starts - lead, marker + trail, marker, trail


def _detail_items(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray, marks: tuple, width: float, rows: int,
                  label_width: Callable[[int], float], label_widths: Callable[[np.ndarray], np.ndarray] | None,
                  wrapped_width: Callable[[int], float] | None, long_label: float):
    """Where each event shown on its own wants to stand, for all of a lane's events at once (numpy:
    a million-event file shows thousands at mid zoom, and a loop over them took half a frame),
    from its marks' extent (`_marker_extents`).

    Returns columns: where its marks begin (reach), where its marker ends, label x, label width,
    lines (1, or 2 for a title wrapped over two rows), and the starts and ends."""
    count = len(positions)
    position_list = positions.tolist()
    reach, marker_end, marker, trail = marks
    # a bar carries its label inside, from its visible start; a point has it on its right,
    # or on its left when the right edge would cut it
    wanted = (np.asarray(label_widths(positions), np.float64).copy() if label_widths is not None
              else np.fromiter(map(label_width, position_list), np.float64, count))
    label_x = np.where(ends - starts >= MARKER_WIDTH, np.maximum(starts, 0.0) + LABEL_GAP, marker + trail + LABEL_GAP)
    lines = np.ones(count, np.int8)
    if wrapped_width is not None and rows > 1:
        fits = (label_x + wanted <= width) | (reach - LABEL_GAP - wanted >= 0)  # right of its marks, or left
        for i in np.flatnonzero(~fits | (wanted >= long_label)).tolist():
            two = wrapped_width(position_list[i])  # one line would cut it: two lines, where they fit whole
            if (label_x[i] + two <= width or reach[i] - LABEL_GAP - two >= 0) and two < wanted[i]:
                lines[i], wanted[i] = 2, two
    to_left = (label_x + wanted > width) & (reach - LABEL_GAP - wanted >= 0)
    label_x = np.where(to_left, reach - LABEL_GAP - wanted, label_x)
    reach = np.where(to_left, label_x, reach)
    return reach, marker_end, label_x, wanted, lines, starts, ends
