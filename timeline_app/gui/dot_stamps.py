"""Point markers (dots) drawn as stamps: each look drawn once into a small pixmap, then copied.

A dense frame of 100,000 events draws about 130 dots; `drawEllipse` with an antialiased outline
took 11 µs each (1.4 ms of a 15 ms frame), a copy of a pixmap 1.7 µs. A dot's centre is seldom
on a whole pixel, so each look is kept at each quarter pixel across and down (its centre at most
an eighth of a pixel from where it falls); its pixels are the ellipse's own, drawn over
transparency and then over the canvas (compositing one over the other is the same either way
round, to the rounding of a channel). Only on pixels at a device pixel ratio of 1: elsewhere
(SVG, PDF, a screen at 2x) the canvas draws its ellipses.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPen, QPixmap

STEPS = 4  # places a pixel across and down
HALF = 8  # a stamp's half size: the largest dot's radius and half its outline, with room to spare
MOST_KEPT = 4096  # stamps kept (a look: 16 places; a palette of 12 lanes, two kinds, two sizes: 768)


class DotStamps:
    def __init__(self) -> None:
        self._kept: dict[tuple, QPixmap] = {}

    def draw(self, painter: QPainter, x: float, y: float, radius: float, look: tuple, pen: QPen, fill) -> None:
        """The dot of `radius` centred at (x, y), outlined with `pen` and filled with `fill` (a
        colour or brush); `look` names those two for the kept stamps (the same look, the same pen
        and fill)."""
        left, top = math.floor(x), math.floor(y)
        across, down = round((x - left) * STEPS), round((y - top) * STEPS)
        key = (look, radius, across, down)
        stamp = self._kept.get(key)
        if stamp is None:
            if len(self._kept) >= MOST_KEPT:
                self._kept.clear()
            stamp = self._kept[key] = _stamp(radius, across / STEPS, down / STEPS, pen, fill)
        painter.drawPixmap(left - HALF, top - HALF, stamp)


def _stamp(radius: float, across: float, down: float, pen: QPen, fill) -> QPixmap:
    stamp = QPixmap(2 * HALF + 2, 2 * HALF + 2)
    stamp.fill(Qt.transparent)
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawEllipse(QPointF(HALF + across, HALF + down), radius, radius)
    painter.end()
    return stamp
