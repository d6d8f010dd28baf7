"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call and aborts
("Fatal Python error: none_dealloc") after a few thousand painter calls. We pin below 6.12;
this test fails (the process dies) if a broken version slips back in."""

import sys

import PySide6
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter


def test_hundred_thousand_painter_calls_survive():
    refs_before = sys.getrefcount(None)
    image = QImage(200, 100, QImage.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    color = QColor("#c0392b")
    for i in range(25_000):
        painter.setPen(color)
        painter.setBrush(color)
        painter.drawRect(QRectF(i % 200, 10, 3, 3))
        painter.drawLine(QPointF(0, 0), QPointF(i % 200, 50))
    painter.end()
    assert sys.getrefcount(None) >= refs_before - 1000
    assert tuple(int(p) for p in PySide6.__version__.split(".")[:2]) < (6, 12)
