"""How many rows each lane needs: what its titles take at this zoom, read from a probe layout.

A pure function (no Qt), so lane sizing is tested without pixels: a busy lane gets the
rows its titles need while a quiet one shrinks to its content, and a lane with nothing
to show (a hidden or empty category) takes no room at all. When the lanes are taller
than the canvas, the canvas scrolls; no title gives way for want of height.
"""

from __future__ import annotations

PROBE_ROWS = 24  # rows offered to each lane to see how many it would use


def rows_needed(layout, lanes: int) -> list[int]:
    """Rows each lane used in a layout made with PROBE_ROWS (the overflow rail counts as full, as
    does a lane left out as crowded: its markers alone would fill the rows)."""
    needs = [0] * lanes
    for item in (*layout.placed, *layout.clusters):
        used = PROBE_ROWS if item.row < 0 else item.row + getattr(item, "label_lines", 1)
        needs[item.lane] = max(needs[item.lane], used)
    for lane in getattr(layout, "crowded", ()):
        needs[lane] = PROBE_ROWS
    return needs
