"""A span's bar drawn the fast way (gui/bars.py) looks as it did: the hatched fill laid as one
tile gives the fill-then-pattern pixels inside the bar, and a bar cut to what the canvas shows
(geometry/bar_extent.py) gives the same pixels in sight as the whole bar, dashes included."""

from __future__ import annotations

import math
import random

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from timeline_app.geometry.bar_extent import DASH_PERIOD, MARGIN, visible_extent
from timeline_app.gui.bars import BarLook, BarLooks, hatch_tile, tiles_exactly

LANE, BASE = QColor("#b5523b"), QColor("#ffffff")


def _picture(draw, width=420, height=40, ratio=1.0) -> QImage:
    image = QImage(int(width * ratio), int(height * ratio), QImage.Format_RGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(BASE)
    painter = QPainter(image)
    draw(painter)
    painter.end()
    return image


def _looks(painter: QPainter) -> BarLook:
    return BarLooks().for_lanes(painter, [LANE], BASE)[0]


def _as_before(look: BarLook, rect: QRectF, precise: bool):
    """A bar as the canvas drew it before gui/bars.py: the whole of it, fill and pattern apart."""
    def draw(painter: QPainter) -> None:
        painter.setPen(look.solid if precise else look.dashed)
        painter.setBrush(look.fill)
        painter.drawRect(rect)
        if not precise:
            painter.setPen(Qt.NoPen)
            painter.setBrush(look.hatch)
            painter.drawRect(rect)
    return draw


def test_a_hatched_bar_has_the_pattern_pixels_inside_it(qapp):
    rng = random.Random(3)
    for _ in range(40):
        rect = QRectF(rng.uniform(-30, 60), rng.randint(4, 12), rng.uniform(8, 380), rng.choice((8.0, 12.0, 14.0)))
        painter_look = {}

        def fast(painter):
            look = painter_look["look"] = _looks(painter)
            assert look.tile is not None  # a one-to-one raster painter takes the tile
            look.paint(painter, rect, False, 420)

        new = _picture(fast)
        old = _picture(_as_before(painter_look["look"], rect, False))
        inside = [(x, y) for y in range(math.ceil(rect.top()) + 2, math.floor(rect.bottom()) - 1)
                  for x in range(max(0, math.ceil(rect.left()) + 2), min(420, math.floor(rect.right()) - 1))]
        assert inside
        assert [new.pixel(x, y) for x, y in inside] == [old.pixel(x, y) for x, y in inside]
        hatch = BarLooks().for_lanes(QPainter(), [LANE], BASE)  # (no device: never a tile)
        assert hatch[0].tile is None


def test_a_tile_is_used_only_where_it_draws_the_same_pixels(qapp):
    fill, hatch = QColor("#ddeeff"), QColor("#99aabb")
    for ratio, scale, expected in ((1.0, 1.0, True), (2.0, 1.0, False), (1.0, 1.5, False)):
        seen = []

        def draw(painter):
            painter.scale(scale, scale)
            seen.append(tiles_exactly(painter, fill, hatch))
        _picture(draw, ratio=ratio)
        assert seen == [expected]
    seen = []
    _picture(lambda painter: seen.append(tiles_exactly(painter, fill, QColor(153, 170, 187, 128))))
    assert seen == [False]  # a see-through colour: the pattern over the fill blends otherwise
    assert hatch_tile(fill, hatch).texture().width() % 8 == 0


@pytest.mark.parametrize("precise", [True, False])
def test_a_bar_wider_than_the_canvas_shows_the_same_pixels_cut_to_it(qapp, precise):
    """Zoomed in, a span is far wider than the canvas: drawn cut to the canvas, every pixel in
    sight is the one the whole bar gives, its dashes where they were."""
    rng = random.Random(5)
    for _ in range(30):
        left = rng.choice((rng.uniform(-3000, -20), rng.uniform(-20, 300)))
        right = rng.choice((rng.uniform(440, 4000), rng.uniform(100, 430)))
        rect = QRectF(left, 10.0, right - left, 14.0)
        looks = {}

        def cut(painter):
            look = looks["look"] = _looks(painter)
            look.paint(painter, rect, precise, 420)

        new = _picture(cut)
        look = looks["look"]
        look.tile = None if precise else look.tile  # (the whole bar, tiled as on the canvas)

        def whole(painter):
            painter.setPen(look.solid if precise else look.dashed)
            painter.setBrush(look.fill if precise else look.tile)
            painter.drawRect(rect)
        assert new == _picture(whole)


def test_a_cut_keeps_whole_dash_periods_and_a_margin_past_each_edge():
    rng = random.Random(8)
    for _ in range(2000):
        width = rng.choice((300.0, 1600.0))
        x0, x1 = sorted((rng.uniform(-1e7, 1e7), rng.uniform(-1e7, 1e7)))
        cut0, cut1 = visible_extent(x0, x1, width)
        assert cut0 >= x0 and cut1 <= x1
        for before, after in ((x0, cut0), (x1, cut1)):
            periods = (after - before) / DASH_PERIOD
            assert abs(periods - round(periods)) < 1e-6 * max(1.0, abs(periods))
        if x0 < -MARGIN:
            assert -MARGIN - DASH_PERIOD < cut0 <= -MARGIN
        else:
            assert cut0 == x0
        if x1 > width + MARGIN:
            assert width + MARGIN <= cut1 < width + MARGIN + DASH_PERIOD
        else:
            assert cut1 == x1


def test_an_endless_bar_is_cut_to_the_margins():
    inf = float("inf")
    assert visible_extent(-inf, inf, 300.0) == (-MARGIN, 300.0 + MARGIN)
    assert visible_extent(-inf, 120.5, 300.0) == (-MARGIN, 120.5)
