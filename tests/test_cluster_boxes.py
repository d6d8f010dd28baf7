"""A cluster's box is filled from its lane's colour over the canvas's ground, the stronger the more
events it holds; the fills are kept between frames, and must follow a new palette or file."""

import math

from conftest import shown_window
from PySide6.QtGui import QColor, QPalette
from synthetic import synthetic_yaml


def _box_colours_are_their_counts(window) -> int:
    """How many cluster boxes were looked at; fails where one's inside is not its count's fill."""
    from timeline_app.gui.colors import blend

    canvas = window.canvas
    image = canvas.grab().toImage()
    base = canvas._colors()["base"]
    looked = 0
    for cluster in canvas.layout_result.clusters:
        rect = canvas.cluster_rect(cluster)
        if rect.width() < 10 or rect.height() < 10 or rect.top() < 60 or rect.bottom() > canvas.height():
            continue
        strength = min(1.0, 0.25 + math.log10(cluster.count) / 4)
        fill = blend(QColor(window.index.lane_colors[cluster.lane]), base, strength * 0.55)
        colour = QColor(image.pixel(int(rect.left()) + 3, int(rect.top()) + 3))  # (inside, clear of the count)
        assert colour.name() == fill.name(), (cluster.count, colour.name(), fill.name())
        looked += 1
    return looked


def test_cluster_boxes_follow_a_new_palette_and_a_new_file(qtbot, tmp_path):
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(synthetic_yaml(3000, seed=5), encoding="utf-8")
    second.write_text(synthetic_yaml(3000, seed=5).replace("'#1f77b4'", "'#117733'").replace("'#d62728'", "'#aa4499'"),
                      encoding="utf-8")  # (the same events, two lanes in other colours)
    window = shown_window(qtbot, first, (1280, 800))
    assert _box_colours_are_their_counts(window) >= 5
    dark = QPalette(window.canvas.palette())
    dark.setColor(QPalette.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.Text, QColor("#e8e8e8"))
    window.canvas.setPalette(dark)
    assert _box_colours_are_their_counts(window) >= 5
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.open_file(str(second))
    assert {"#117733", "#aa4499"} <= set(window.index.lane_colors) and _box_colours_are_their_counts(window) >= 5
