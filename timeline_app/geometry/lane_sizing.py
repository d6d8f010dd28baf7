"""How many rows each lane gets: what its events need at this zoom, shared fairly when space is short.

Pure functions (no Qt), so lane sizing is tested without pixels: a busy lane gets the
rows its titles need while a quiet one shrinks to its content, and a lane with nothing
to show (a hidden or empty category) takes no room at all.
"""

from __future__ import annotations

PROBE_ROWS = 24  # rows offered to each lane to see how many it would use


def rows_needed(layout, lanes: int) -> list[int]:
    """Rows each lane used in a layout made with PROBE_ROWS (the overflow rail counts as full)."""
    needs = [0] * lanes
    for item in (*layout.placed, *layout.clusters):
        used = PROBE_ROWS if item.row < 0 else item.row + 1
        needs[item.lane] = max(needs[item.lane], used)
    return needs


def share_rows(needs: list[int], available: int) -> list[int]:
    """Each lane's rows: all it needs when everything fits, else water-filling (small needs are
    met in full, the rest share what is left equally); every lane with content keeps one row."""
    shown = [lane for lane, need in enumerate(needs) if need > 0]
    rows = [0] * len(needs)
    if not shown:
        return rows
    if sum(needs) <= available:
        return list(needs)
    left = max(available, len(shown))
    pending = sorted(shown, key=lambda lane: needs[lane])
    while pending:
        share = max(1, left // len(pending))
        lane = pending[0]
        if needs[lane] <= share:
            rows[lane] = needs[lane]
            left -= needs[lane]
            pending.pop(0)
            continue
        for lane in pending:  # every remaining lane needs more than an equal share: split what is left
            rows[lane] = share
        extra = left - share * len(pending)
        for lane in reversed(pending[-extra:] if extra > 0 else []):
            rows[lane] += 1
        break
    return rows
