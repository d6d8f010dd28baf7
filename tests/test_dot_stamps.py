"""On pixels one to one the canvas draws its dots (point markers) as stamps: each look drawn once
into a small pixmap at a quarter pixel's place, then copied (`gui/dot_stamps.py`). A reader must
not see the difference from the ellipses themselves: the same dots, where they were, at most an
eighth of a pixel off, so only their antialiased edges may differ, and a little. Where pixels are
not one to one (a scaled painter, an SVG) the canvas draws the ellipses.
"""

import numpy as np
import pytest
from conftest import BUNDLED
from PySide6.QtCore import QByteArray, QBuffer, QIODevice
from PySide6.QtGui import QImage, QPainter
from synthetic import synthetic_yaml


def _picture(canvas, stamped: bool) -> np.ndarray:
    canvas.stamp_dots = stamped
    canvas._invalidate()
    image = canvas.grab().toImage().convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4)[..., :3].astype(int)


def _open(qtbot, path):
    from timeline_app import MainWindow

    window = MainWindow(str(path))
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.index is not None, timeout=20_000)
    return window


@pytest.mark.parametrize("source", ["bundled", "synthetic"])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_stamped_dots_are_the_ellipses_to_the_eye(qtbot, tmp_path, source, palette):
    if source == "bundled":
        path = BUNDLED
    else:
        path = tmp_path / "events.yaml"
        path.write_text(synthetic_yaml(3000, seed=11), encoding="utf-8")
    window = _open(qtbot, path)
    canvas = window.canvas
    if canvas.devicePixelRatioF() != 1:
        pytest.skip("dots are stamped at a device pixel ratio of 1 only")
    if palette == "dark":
        from PySide6.QtGui import QColor, QPalette

        dark = QPalette(canvas.palette())
        dark.setColor(QPalette.Base, QColor("#1e1f22"))
        dark.setColor(QPalette.Text, QColor("#e8e8e8"))
        canvas.setPalette(dark)
    canvas.fit_all()
    stamped_looks = 0
    for factor, anchor in [(1.0, 0.5), (3.0, 0.5), (4.0, 0.2), (6.0, 0.9), (0.3, 0.5)]:
        canvas.zoom(factor, canvas.width() * anchor)
        drawn, stamped = _picture(canvas, stamped=False), _picture(canvas, stamped=True)
        difference = np.abs(drawn - stamped).max(axis=2)
        assert difference.max() <= 64, f"zoom {factor}: a pixel {difference.max()} apart (an edge moved?)"
        dots, centres = _dots(canvas)
        differing = int((difference > 0).sum())  # (a ring dot has two edges: some 70 pixels)
        assert differing <= 100 * dots, f"zoom {factor}: {differing} pixels differ for {dots} dots"
        for dot_centre in centres[:300]:  # a dot's middle is its colour, exactly
            y, x = dot_centre
            assert (drawn[y, x] == stamped[y, x]).all(), (factor, dot_centre)
        stamped_looks = max(stamped_looks, len(canvas._dot_stamps._kept))
    assert stamped_looks > 0  # dots were stamped


def _dots(canvas) -> tuple[int, list[tuple[int, int]]]:
    """How many dots the layout places, and the (row, column) of the middle of those in lanes' rows."""
    from timeline_app.gui.canvas import MARKER_WIDTH

    centres, dots = [], 0
    for placed in canvas.layout_result.placed:
        dots += placed.x1 - placed.x0 < MARKER_WIDTH
        if placed.x1 - placed.x0 < MARKER_WIDTH and placed.row >= 0:
            left, top, _, height = canvas._event_box(placed)
            x, y = int(placed.x0 + MARKER_WIDTH / 2), int(top + height / 2)
            if 0 <= x < canvas.width() and 0 <= y < canvas.height():
                centres.append((y, x))
    return dots, centres


def test_dots_are_ellipses_where_pixels_are_not_one_to_one(qtbot):
    """A painter that scales (a PNG at 2x), shifts by part of a pixel, or writes SVG gets ellipses."""
    from PySide6.QtSvg import QSvgGenerator

    window = _open(qtbot, BUNDLED)
    canvas = window.canvas
    image = QImage(800, 600, QImage.Format_ARGB32_Premultiplied)
    for transform, expected in [(None, True), ((2.0, 0, 0), False), ((1.0, 0.5, 0), False), ((1.0, 3, 4), True)]:
        painter = QPainter(image)
        if transform:
            scale, dx, dy = transform
            painter.translate(dx, dy)
            painter.scale(scale, scale)
        assert canvas._stamps_dots(painter) is expected, transform
        painter.end()
    written = QByteArray()  # (held: the buffer writes into it)
    buffer = QBuffer(written)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setSize(canvas.size())
    generator.setOutputDevice(buffer)
    painter = QPainter(generator)
    assert not canvas._stamps_dots(painter)
    painter.end()
