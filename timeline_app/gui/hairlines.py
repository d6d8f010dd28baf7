"""The axis's grid lines (one pixel wide, upright, not antialiased) drawn as fills where pixels
are one to one.

Qt's raster engine strokes even a one-pixel line a pixel at a time (its cosmetic stroker): the
grid lines running down the canvas were 5% of a zoomed frame's drawing. A one-pixel-wide filled
rectangle lights the same pixels a row at a time; tests/test_hairlines.py holds the two to the
same pixels. Anywhere else (SVG, PDF, a scaled or high-density painter) the lines are drawn as before.
"""

from __future__ import annotations

import math
from typing import Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPaintEngine, QPainter, QPen, QTransform


def pixels_one_to_one(painter: QPainter) -> bool:
    """Whether `painter` draws on pixels one to one, unmoved: a raster engine, no transform."""
    engine = painter.paintEngine()  # (None: a painter not begun)
    return (engine is not None and engine.type() == QPaintEngine.Raster
            and painter.deviceTransform().type() == QTransform.TxNone)


def upright_hairlines(painter: QPainter, xs: Iterable[float], top: float, bottom: float, color: QColor) -> None:
    """Lines of `color` one pixel wide from row `top` to row `bottom` (whole numbers, either way
    up) at each x of `xs`, each a pixel's centre (a whole number and a half), drawn as drawLine
    draws them without antialiasing (the painter's own setting is left as it is, and must be off)."""
    if pixels_one_to_one(painter):
        top, bottom = min(top, bottom), max(top, bottom)
        height, columns = bottom - top + 1, painter.device().width()
        for x in xs:
            if 0 <= x < columns:  # (only columns on the device: a rect out past 2**31 wrapped round onto it)
                painter.fillRect(QRectF(math.floor(x), top, 1, height), color)
        return
    painter.setPen(QPen(color, 1))
    for x in xs:
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
