"""The whole chronology in one strip, with the canvas's visible window as a rectangle."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ..geometry.density import counts_in_bins
from .canvas import TimelineCanvas, era_strength
from .colors import blend

FEW_EVENTS = 400


class OverviewStrip(QWidget):
    """Density of all shown events over the whole range; click or drag to move the view."""

    centre_requested = Signal(float)  # seconds

    def __init__(self, canvas: TimelineCanvas, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewStrip")
        self.canvas = canvas
        self.setMinimumHeight(46)
        self.setMaximumHeight(46)
        self.setCursor(Qt.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the timeline")
        self._profile: np.ndarray | None = None
        self._profile_key: tuple | None = None
        self._polygon, self._polygon_key = QPolygonF(), None
        canvas.view_changed.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(1000, 46)

    def _range(self) -> tuple[float, float]:
        start, end = self.canvas.index.extent()
        margin = (end - start) * 0.02 + 86400
        return start - margin, end + margin

    def _x_of(self, seconds: float) -> float:
        start, end = self._range()
        return (seconds - start) / (end - start) * self.width()

    def _time_at(self, x: float) -> float:
        start, end = self._range()
        return start + x / max(self.width(), 1) * (end - start)

    def _density(self) -> np.ndarray:
        index, mask = self.canvas.index, self.canvas.mask
        key = (id(index), id(mask), self.width())
        if self._profile_key != key:
            starts = index.starts if mask is None else index.starts[mask]
            counts = counts_in_bins(starts, max(self.width() // 2, 1), *self._range())  # (starts are in order)
            self._profile = np.sqrt(counts / max(counts.max(), 1))
            self._profile_key = key
        return self._profile

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        base, text, highlight = palette.color(QPalette.AlternateBase), palette.color(QPalette.Text), palette.color(QPalette.Highlight)
        width, height = float(self.width()), float(self.height())
        painter.fillRect(QRectF(0, 0, width, height), base)
        if self.canvas.index is None or not len(self.canvas.index):
            return
        painter.setRenderHint(QPainter.Antialiasing, True)
        for era in self.canvas.chronology.eras:
            x0, x1 = self._x_of(era.start.seconds()), self._x_of(era.end.end_seconds())
            painter.fillRect(QRectF(x0, 0, x1 - x0, height), blend(QColor(era.color or "#dddddd"), base, era_strength(base)))
        mask = self.canvas.mask
        shown = len(self.canvas.index) if mask is None else int(mask.sum())
        if shown <= FEW_EVENTS:  # few events: one coloured tick each reads better than a density
            self._paint_ticks(painter, height, mask)
        else:
            self._paint_density(painter, width, height, text, base)
        view = self.canvas.view
        x0, x1 = self._x_of(view.left), self._x_of(view.right(self.canvas.width()))
        fill = QColor(highlight)
        fill.setAlphaF(0.18)
        painter.setBrush(fill)
        painter.setPen(QPen(highlight, 1.5))
        painter.drawRect(QRectF(x0, 1, max(x1 - x0, 3), height - 2))

    def _paint_ticks(self, painter: QPainter, height: float, mask) -> None:
        """A tick per event in its lane's colour and band; spans as lines."""
        index = self.canvas.index
        positions = range(len(index)) if mask is None else np.flatnonzero(mask).tolist()
        band = (height - 8) / max(len(index.lane_ids), 1)
        pens = [QPen(QColor(color), 2) for color in index.lane_colors]
        for position in positions:
            lane = int(index.lanes[position])
            x0 = self._x_of(float(index.starts[position]))
            x1 = self._x_of(float(index.ends[position]))
            y = 4 + lane * band + band / 2
            painter.setPen(pens[lane])
            painter.drawLine(QPointF(x0, y - band * 0.4), QPointF(x0, y + band * 0.4))
            if x1 - x0 > 3:
                painter.drawLine(QPointF(x0, y), QPointF(x1, y))

    def _paint_density(self, painter: QPainter, width: float, height: float, text: QColor, base: QColor) -> None:
        """How many events fall in each couple of pixels, square-root scaled."""
        profile = self._density()
        key = (id(profile), width, height)
        if self._polygon_key != key:  # the same outline for every pan and zoom step: built once
            step = width / len(profile)
            points = [QPointF(0, height)]
            points += [QPointF(i * step + step / 2, height - 2 - value * (height - 8)) for i, value in enumerate(profile.tolist())]
            points.append(QPointF(width, height))
            self._polygon, self._polygon_key = QPolygonF(points), key
        painter.setPen(QPen(blend(text, base, 0.6), 1))
        painter.setBrush(blend(text, base, 0.25))
        painter.drawPolygon(self._polygon)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.canvas.index is not None and event.button() == Qt.LeftButton:
            self.centre_requested.emit(self._time_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.canvas.index is not None and event.buttons() & Qt.LeftButton:
            self.centre_requested.emit(self._time_at(event.position().x()))
