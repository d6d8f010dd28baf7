"""How much of a span's bar is drawn: the part in sight, with its dashes where they were.

Zoomed in to hours, a span of months is a bar millions of pixels wide. Qt strokes a dashed
outline along all of it (thousands of dashes for the few hundred pixels in sight) and fills
what its clip keeps; the part in sight is the same pixels at a fraction of the cost. Each end
moves by whole dash periods, so the dashes in sight fall where the whole bar's would (Qt itself
restarts the dashes of an edge that begins off the canvas at the canvas' edge; whole periods
keep the cut bar's dashes right wherever it starts them).
"""

from __future__ import annotations

import math

DASH_PERIOD = 6.0  # Qt.DashLine at 1 px: 4 px of dash, 2 of gap
MARGIN = 2 * DASH_PERIOD  # kept beyond each edge, so no end's outline shows


def visible_extent(x0: float, x1: float, width: float, period: float = DASH_PERIOD) -> tuple[float, float]:
    """[x0, x1] cut to about [-MARGIN, width + MARGIN], each end moved by whole periods (an
    infinite end to the margin itself: it has no dashes to keep in place)."""
    if x0 < -MARGIN:
        x0 = x0 + math.floor((-MARGIN - x0) / period) * period if math.isfinite(x0) else -MARGIN
    if x1 > width + MARGIN:
        x1 = x1 - math.floor((x1 - width - MARGIN) / period) * period if math.isfinite(x1) else width + MARGIN
    return x0, x1
