"""View > Legend: every mark the canvas draws, drawn the same way, with what it means."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
)

from . import marks

SAMPLE = (96, 22)


def _sample(draw) -> QPixmap:
    pixmap = QPixmap(*SAMPLE)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing, True)
    draw(painter, QColor("#2e6fb7"), SAMPLE[1] / 2)
    painter.end()
    return pixmap


def _dot(painter: QPainter, color: QColor, y: float, hollow: bool = False, x: float = 14) -> None:
    painter.setPen(QPen(color, 2) if hollow else QPen(QColor("white"), 1.5))
    painter.setBrush(QColor("white") if hollow else color)
    painter.drawEllipse(QPointF(x, y), 5.5, 5.5)


def _bar(painter: QPainter, color: QColor, y: float, hatched: bool = False) -> None:
    rect = QRectF(8, y - 6, 70, 12)
    painter.setPen(QPen(color, 1, Qt.DashLine if hatched else Qt.SolidLine))
    painter.setBrush(QColor(color.red(), color.green(), color.blue(), 70))
    painter.drawRect(rect)
    if hatched:
        painter.setBrush(Qt.BDiagPattern)
        painter.drawRect(rect)


ROWS = (
    (lambda p, c, y: _dot(p, c, y), "An event on a known day (or at a known time)"),
    (lambda p, c, y: _dot(p, c, y, hollow=True), "An event known only to its month or year"),
    (lambda p, c, y: _bar(p, c, y), "A span between two known days"),
    (lambda p, c, y: _bar(p, c, y, hatched=True), "A span whose ends are known only to the month or year"),
    (lambda p, c, y: marks.faded_bar(p, QRectF(8, y - 6, 70, 12), QColor(c.red(), c.green(), c.blue(), 150)),
     "Approximate: c. 1500, 2014-08~, early 2014, between 47 and 50 — it fades out over the time it may cover"),
    (lambda p, c, y: (_dot(p, c, y), marks.question_mark(p, QPointF(20, y - 2), c, p.font())), "Uncertain: 2014-08? — the source is not sure"),
    (lambda p, c, y: (_bar(p, c, y), marks.arrow(p, QPointF(86, y), c, True)), "Still going on (– present), or its end is open or not known"),
    (lambda p, c, y: (_dot(p, c, y, x=30), marks.arrow(p, QPointF(10, y), c, False, length=10)), "Before a date (an arrow the other way: after it)"),
    (lambda p, c, y: marks.alternatives(p, [12, 44, 80], y, c), "Sources disagree: one diamond for each date a source gives"),
)


class LegendDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Legend")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for row, (draw, text) in enumerate(ROWS):
            picture = QLabel()
            picture.setPixmap(_sample(draw))
            words = QLabel(text)
            words.setWordWrap(True)
            grid.addWidget(picture, row, 0)
            grid.addWidget(words, row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        note = QLabel("Hover over an event for its date in words; the detail pane shows the date as written and what it was understood to mean.")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)
