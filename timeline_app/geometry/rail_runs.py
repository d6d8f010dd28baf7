"""A lane's overflow rail drawn as runs, not one bar an event.

The rail under a lane's rows holds the events that found no free row, drawn small. At mid
zoom on a large file it holds thousands of overlapping spans a frame (2,200 in one frame of a
million events), each a rectangle of one height on one line: drawn one by one they were most
of the frame. Spans of one look that overlap or touch colour the same pixels as the one run
they make, so the rail draws the runs.
"""

from __future__ import annotations

from typing import Iterable


def merged_runs(extents: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The union of the [x0, x1] extents as runs in order, those that overlap or touch made one."""
    runs: list[tuple[float, float]] = []
    for x0, x1 in sorted(extents):
        if runs and x0 <= runs[-1][1]:
            if x1 > runs[-1][1]:
                runs[-1] = (runs[-1][0], x1)
        else:
            runs.append((x0, x1))
    return runs
