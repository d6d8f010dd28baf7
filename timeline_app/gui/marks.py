"""The marks that say how much is known of a date, drawn the same on the canvas and in the legend.

- faded ends: an approximate date ("c. 1500", "2014-08~", "early 2014") fades out over its bounds;
- a small "?" above the marker: uncertain ("2014-08?");
- an arrow at an end: still going on ("– present"), or an end open or not known ("2004/..");
  a short arrow from a marker: "before …" or "after …";
- linked diamonds: sources disagree, one diamond for each date a source gives.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QLinearGradient,
    QPainter,
    QPen,
    QPolygonF,
)

APPROXIMATE_NOTES = ("early", "mid", "late", "between", "some year")


def is_approximate(event) -> bool:
    start, end = event.start, event.end
    return start.approximate or start.note in APPROXIMATE_NOTES or bool(end and end.approximate)


def is_uncertain(event) -> bool:
    return event.start.uncertain or bool(event.end and event.end.uncertain)


def faded_bar(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """A bar whose colour fades to nothing at both ends: where it starts and ends is not exactly known."""
    gradient = QLinearGradient(rect.left(), 0, rect.right(), 0)
    clear = QColor(color)
    clear.setAlpha(0)
    fade = min(0.35, 24 / max(rect.width(), 1))
    gradient.setColorAt(0, clear)
    gradient.setColorAt(fade, color)
    gradient.setColorAt(1 - fade, color)
    gradient.setColorAt(1, clear)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRect(rect)


def before_after_arrow_tip(note: str, left: float, right: float) -> tuple[float, bool]:
    """Where the short "before"/"after" arrow's tip goes, and whether it points right: just outside
    the marker on the side its word points to, in the room layout keeps free there (NOTE_ARROW_ROOM)."""
    if note == "before":
        return left - 14, False
    return right + 14, True


def question_mark(painter: QPainter, at: QPointF, color: QColor, font: QFont) -> None:
    """A small ? up and to the right of `at`: the date is uncertain."""
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    small.setBold(True)
    painter.setFont(small)
    painter.setPen(QPen(color))
    painter.drawText(QRectF(at.x(), at.y() - 12, 10, 12), Qt.AlignLeft | Qt.AlignBottom, "?")
    painter.setFont(font)


def arrow(painter: QPainter, tip: QPointF, color: QColor, pointing_right: bool, length: float = 0.0) -> None:
    """An arrow head at `tip` (with a shaft `length` long): time goes on past what is drawn."""
    direction = 1 if pointing_right else -1
    painter.setPen(QPen(color, 1.5))
    if length:
        painter.drawLine(QPointF(tip.x() - direction * length, tip.y()), tip)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([tip, QPointF(tip.x() - direction * 6, tip.y() - 4), QPointF(tip.x() - direction * 6, tip.y() + 4)]))


def alternatives(painter: QPainter, xs: list[float], y: float, color: QColor) -> None:
    """One diamond for each date sources give, linked by a thin line: the record is split."""
    if not xs:
        return
    painter.setPen(QPen(color, 1, Qt.DotLine))
    painter.drawLine(QPointF(min(xs), y), QPointF(max(xs), y))
    painter.setPen(QPen(color, 1.5))
    painter.setBrush(QColor(color.red(), color.green(), color.blue(), 90))
    for x in xs:
        painter.drawPolygon(QPolygonF([QPointF(x, y - 5), QPointF(x + 5, y), QPointF(x, y + 5), QPointF(x - 5, y)]))
