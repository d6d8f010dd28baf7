"""A span's bar: outlined, filled, and hatched when its dates are not exact.

A hatched bar was a fill and then Qt's diagonal pattern over it: the pattern is blended pixel by
pixel, and a bar across the canvas cost 70 µs, the most expensive thing a zoomed frame drew. On
pixels drawn one to one (the canvas, a PNG) the fill and its hatching are one opaque tile laid
once, with the outline, in one call: the same pixels inside the bar at a fifth of the cost (a
tile 256 pixels wide: an 8x8 one is laid 8 pixels at a time, and saved only half).
Anywhere else (SVG, PDF, a scaled or high-density painter) the bar is drawn as before.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPaintEngine, QPainter, QPen, QPixmap, QTransform

from ..geometry.bar_extent import visible_extent
from .colors import blend

TILE_WIDTH, TILE_HEIGHT = 256, 8  # Qt's hatch patterns repeat every 8 pixels; a wide tile is laid in long runs


def hatch_tile(fill: QColor, hatch: QColor) -> QBrush:
    """`fill` with `hatch`'s diagonal lines over it, as a brush that tiles from the painter's origin
    as Qt's pattern does."""
    image = QImage(TILE_WIDTH, TILE_HEIGHT, QImage.Format_RGB32)
    image.fill(fill)
    painter = QPainter(image)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(hatch, Qt.BDiagPattern))
    painter.drawRect(0, 0, TILE_WIDTH, TILE_HEIGHT)
    painter.end()
    return QBrush(QPixmap.fromImage(image))


def tiles_exactly(painter: QPainter, *colors: QColor) -> bool:
    """Whether a tile draws what the fill and pattern would: pixels one to one, opaque colours."""
    engine = painter.paintEngine()  # (None: a painter not begun)
    return (engine is not None and engine.type() == QPaintEngine.Raster
            and painter.deviceTransform().type() in (QTransform.TxNone, QTransform.TxTranslate)
            and all(color.alpha() == 255 for color in colors))


class BarLooks:
    """Each lane's bar look, by lane colours, ground and painter, and the hatch tiles by colours:
    made once and kept for the next frames (six lanes' pens and brushes a frame were 0.2 ms)."""

    MOST_KEPT = 64

    def __init__(self) -> None:
        self._looks: dict[tuple, list[BarLook]] = {}
        self._tiles: dict[tuple[int, int], QBrush] = {}

    def for_lanes(self, painter: QPainter, lane_colors: list[QColor], base: QColor) -> list[BarLook]:
        """Each lane's look on `base`, for drawing with `painter`."""
        key = (tuple(color.rgba() for color in lane_colors), base.rgba(), tiles_exactly(painter))
        looks = self._looks.get(key)
        if looks is None:
            if len(self._looks) >= self.MOST_KEPT:
                self._looks.clear()
            looks = self._looks[key] = [self._look(painter, color, base) for color in lane_colors]
        return looks

    def _look(self, painter: QPainter, color: QColor, base: QColor) -> BarLook:
        fill, hatch = blend(color, base, 0.30), blend(color, base, 0.45)
        tile = None
        if tiles_exactly(painter, fill, hatch):
            key = (fill.rgba(), hatch.rgba())
            if key not in self._tiles:
                if len(self._tiles) >= self.MOST_KEPT:
                    self._tiles.clear()
                self._tiles[key] = hatch_tile(fill, hatch)
            tile = self._tiles[key]
        return BarLook(color, fill, hatch, tile)


class BarLook:
    """One lane's bar pens and brushes; `paint` draws a bar in them."""

    __slots__ = ("solid", "dashed", "fill", "hatch", "tile")

    def __init__(self, color: QColor, fill: QColor, hatch: QColor, tile: QBrush | None) -> None:
        self.solid, self.dashed = QPen(color, 1), QPen(color, 1, Qt.DashLine)
        self.fill, self.hatch, self.tile = fill, QBrush(hatch, Qt.BDiagPattern), tile

    def paint(self, painter: QPainter, rect: QRectF, precise: bool, width: float) -> None:
        """The bar over `rect`, drawn only as far as a canvas `width` wide shows it."""
        x0, x1 = visible_extent(rect.left(), rect.right(), width)
        if x0 != rect.left() or x1 != rect.right():
            rect = QRectF(x0, rect.top(), x1 - x0, rect.height())
        if precise:
            painter.setPen(self.solid)
            painter.setBrush(self.fill)
            painter.drawRect(rect)
        elif self.tile is not None:
            painter.setPen(self.dashed)
            painter.setBrush(self.tile)
            painter.drawRect(rect)
        else:
            painter.setPen(self.dashed)
            painter.setBrush(self.fill)
            painter.drawRect(rect)
            painter.setPen(Qt.NoPen)
            painter.setBrush(self.hatch)
            painter.drawRect(rect)
