"""The axis's grid lines drawn as one-pixel fills light drawLine's very pixels (gui/hairlines.py):
at any column (far off the picture too), from any row to any other, either way up or past the
picture's foot, clipped or not."""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform

from timeline_app.gui.hairlines import pixels_one_to_one, upright_hairlines

WIDTH, HEIGHT = 240, 160


def _pixels(draw, clip: QRectF | None) -> np.ndarray:
    image = QImage(WIDTH, HEIGHT, QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing, False)
    if clip is not None:
        painter.setClipRect(clip)
    draw(painter)
    painter.end()
    return np.frombuffer(image.constBits(), np.uint32).reshape(HEIGHT, image.bytesPerLine() // 4)[:, :WIDTH].copy()


def test_grid_lines_as_fills_are_drawlines_pixels(qapp):
    lit = 0
    for seed in range(200):
        rng = random.Random(seed)
        color = QColor(rng.randrange(200), rng.randrange(256), rng.randrange(256))
        xs = [rng.randint(-3, WIDTH + 3) + 0.5 for _ in range(rng.randint(1, 30))]
        xs += rng.sample([2.0**31 - 0.5, 2.0**31 + 0.5, -(2.0**31) + 0.5, 1e300 + 0.5, 2.0**53], rng.randint(0, 2))
        top = float(rng.randint(-5, HEIGHT))
        bottom = float(rng.choice((HEIGHT, HEIGHT + 30, rng.randint(int(top), HEIGHT + 5), rng.randint(-5, HEIGHT))))
        clip = rng.choice((None, QRectF(0, 42.0, WIDTH, HEIGHT - 42), QRectF(10.5, 7.25, 100, 90)))

        def as_lines(painter):
            painter.setPen(QPen(color, 1))
            for x in xs:
                painter.drawLine(QPointF(x, top), QPointF(x, bottom))

        expected = _pixels(as_lines, clip)
        assert (_pixels(lambda painter: upright_hairlines(painter, xs, top, bottom, color), clip) == expected).all(), seed
        lit += bool((expected != expected.max()).any())
    assert lit > 150  # (most cases drew lines in sight)


def test_only_a_raster_painter_without_transform_fills(qapp):
    image = QImage(20, 20, QImage.Format_RGB32)
    painter = QPainter(image)
    assert pixels_one_to_one(painter)
    painter.setTransform(QTransform.fromScale(2, 2))
    assert not pixels_one_to_one(painter)
    painter.setTransform(QTransform.fromTranslate(0.5, 0))
    assert not pixels_one_to_one(painter)
    painter.end()
